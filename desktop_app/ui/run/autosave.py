"""A comment box that is never lost: saved as you type (debounced), on focus-out, and
whenever the screen moves on (:meth:`AutoSaveText.flush`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

DEBOUNCE_MS = 700


class AutoSaveText(QPlainTextEdit):
    """A plain-text box bound to one thing at a time; ``save(text)`` stores it.

    Signals:
        saved(): the text was stored.
        leave_requested(): Esc pressed: give the keyboard back to the run screen.
    """

    saved = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save: Callable[[str], None] | None = None
        self._dirty = False
        self._loading = False
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.flush)
        self.textChanged.connect(self._changed)
        self.setTabChangesFocus(True)

    def bind(self, text: str, save: Callable[[str], None] | None) -> None:
        """Save what is pending, then edit ``text`` stored through ``save`` (None: read-only)."""
        self.flush()
        self._loading = True
        self.setPlainText(text)
        self._loading = False
        self._save = save
        self.setReadOnly(save is None)

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.debounce.start()

    def flush(self) -> None:
        self.debounce.stop()
        if self._dirty and self._save is not None:
            self._dirty = False
            self._save(self.toPlainText())
            self.saved.emit()

    def is_dirty(self) -> bool:
        return self._dirty

    def focusOutEvent(self, event: object) -> None:
        self.flush()
        super().focusOutEvent(event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.flush()
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event: object) -> None:
        self.flush()
        super().hideEvent(event)  # type: ignore[arg-type]


def is_text_input(widget: QObject | None) -> bool:
    """Keys typed here are text, never commands."""
    from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QTextEdit

    return isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox)
