"""The shortcuts dialog (F1): every key of the screen on view, read from its actions so it
never lies, plus the keys its widgets handle themselves."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.text import QT_TRANSLATE_NOOP

KEY_NAMES = {
    "Space": QT_TRANSLATE_NOOP("Keys", "空格"),
    "Right": "→",
    "Left": "←",
    "Up": "↑",
    "Down": "↓",
    "Return": QT_TRANSLATE_NOOP("Keys", "回车"),
}


def key_text(action: QAction) -> str:
    """``N / →`` for an action's keys, named as printed on a keyboard."""
    texts = []
    for key in action.shortcuts():
        parts = key.toString(QKeySequence.SequenceFormat.PortableText).split("+")
        # "Ctrl++" splits into empty parts: the key itself was "+".
        named = [QCoreApplication.translate("Keys", KEY_NAMES.get(p, p)) for p in parts if p] or [
            "+"
        ]
        if key.toString().endswith("++"):
            named.append("+")
        texts.append("+".join(named))
    return " / ".join(t for t in texts if t)


def action_rows(actions: Sequence[QAction]) -> list[tuple[str, str]]:
    """(what it does, its keys) for each action with keys."""
    return [(a.text().replace("&", ""), key_text(a)) for a in actions if a.shortcuts()]


class ShortcutsDialog(QDialog):
    """A table of a screen's commands and their keys: ``actions`` (read from the actions
    themselves, so it never lies), then ``extra`` rows for keys a widget handles itself."""

    def __init__(
        self,
        actions: Sequence[QAction],
        parent: QWidget | None = None,
        *,
        extra: Sequence[tuple[str, str]] = (),
        note: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键"))
        rows = [*action_rows(actions), *extra]
        self.table = QTableWidget(len(rows), 2)
        self.table.setHorizontalHeaderLabels([self.tr("操作"), self.tr("按键")])
        for row, (text, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(text))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        if note is None:
            note = self.tr(
                "在输入框里打字时,空格、字母和方向键只作输入;按 Esc 离开输入框后才作命令。"
            )
        label = QLabel(note)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(label)
        layout.addWidget(buttons)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.resize(520, 640)

    def rows(self) -> list[tuple[str, str]]:
        texts = []
        for row in range(self.table.rowCount()):
            cells = (self.table.item(row, 0), self.table.item(row, 1))
            texts.append(tuple(c.text() if c is not None else "" for c in cells))
        return [(a, b) for a, b in texts]
