"""Questions the screens ask before work could be lost."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def ask_unsaved(parent: QWidget, title: str, text: str, name: str) -> Button:
    """Save, Discard or Cancel (the default, so Enter never throws work away). ``name`` is
    the box's object name, for tests."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        Button.Save | Button.Discard | Button.Cancel,
        parent,
    )
    box.setObjectName(name)
    box.setDefaultButton(Button.Cancel)
    return Button(box.exec())
