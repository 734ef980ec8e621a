"""A comment box that is never lost: saved as you type (debounced), on focus-out, and
whenever the screen moves on (:meth:`AutoSaveText.flush`).

When the database refuses the text (a full disk, read-only media: ``save`` raises
:class:`~desktop_app.ui.run.context.NotSaved`), the text stays in the box, the box is marked
unsaved, and every later attempt (more typing, leaving the box, moving on, a retry after
:data:`RETRY_MS`) stores it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from desktop_app.ui.palette import UNSAVED_BACKGROUND, UNSAVED_BORDER
from desktop_app.ui.run.context import NotSaved

DEBOUNCE_MS = 700
RETRY_MS = 5000  # a text the database refused is tried again this often


class AutoSaveText(QPlainTextEdit):
    """A plain-text box bound to one thing at a time; ``save(text)`` stores it.

    Signals:
        saved(): the text was stored.
        unsaved_changed(bool): the text on screen could not be stored (True) / now is (False).
        leave_requested(): Esc pressed: give the keyboard back to the run screen.
    """

    saved = Signal()
    unsaved_changed = Signal(bool)
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save: Callable[[str], None] | None = None
        self._dirty = False
        self._loading = False
        self._unsaved = False
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.flush)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.flush)
        self.textChanged.connect(self._changed)
        self.setTabChangesFocus(True)

    def bind(self, text: str, save: Callable[[str], None] | None, *, unsaved: bool = False) -> None:
        """Save what is pending, then edit ``text`` stored through ``save`` (None: read-only).

        ``unsaved``: ``text`` is not stored yet (an earlier save was refused); the next
        flush stores it. A text this box could not store is kept by the caller's ``save``
        (it is called, and raises) so rebinding loses nothing."""
        self.flush()
        self._loading = True
        self.setPlainText(text)
        self._loading = False
        self._save = save
        self.setReadOnly(save is None)
        self._dirty = unsaved and save is not None
        self._set_unsaved(self._dirty)
        if self._dirty:
            self.retry.start()
        else:
            self.retry.stop()

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.debounce.start()

    def flush(self) -> None:
        self.debounce.stop()
        self.retry.stop()
        if self._dirty and self._save is not None:
            try:
                self._save(self.toPlainText())
            except NotSaved:  # reported on the status line; kept here, tried again
                self._set_unsaved(True)
                self.retry.start()
                return
            self._dirty = False
            self._set_unsaved(False)
            self.saved.emit()

    def is_dirty(self) -> bool:
        return self._dirty

    def is_unsaved(self) -> bool:
        """The text on screen was refused by the database and is not stored yet."""
        return self._unsaved

    def _set_unsaved(self, unsaved: bool) -> None:
        if unsaved == self._unsaved:
            return
        self._unsaved = unsaved
        self.setProperty("unsaved", unsaved)
        self.setStyleSheet(
            f"QPlainTextEdit {{ border: 2px solid {UNSAVED_BORDER};"
            f" background: {UNSAVED_BACKGROUND}; }}"
            if unsaved
            else ""
        )
        tip = self.tr("未保存:数据库暂时无法写入,文字保留在此,稍后自动重试")
        self.setToolTip(tip if unsaved else "")
        self.unsaved_changed.emit(unsaved)

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
