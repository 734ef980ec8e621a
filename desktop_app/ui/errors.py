"""The one way the window tells the user that something failed.

:func:`report_failure` shows a failure on a message box, the same way on every screen and
for background work (it is :class:`~desktop_app.ui.operations.Operations`' ``on_failure``
when a caller gives none). :func:`failure_text` is its wording, for the places that say a
failure on a line of their own (the run screen's status line, a banner, a dialog's list of
problems) rather than on a box.

Two kinds of failure:

- one the user can cause and mend: a :class:`~desktop_app.domain.errors.DataError` (its
  file, row and column named in the interface language, see
  :func:`~desktop_app.ui.terms.error_text`) or an operating-system error (a file that cannot
  be written). The box says just that.
- anything else is a bug: the box says so in one short sentence, with the exception's own
  words below it and the traceback behind "Show Details…"; it is logged with its traceback.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.domain.errors import DataError
from desktop_app.ui.terms import error_text

log = logging.getLogger(__name__)

# Failures that are the user's to mend, said in their own words.
EXPECTED: tuple[type[BaseException], ...] = (DataError, OSError)

BOX_NAME = "error-box"  # the object name of every failure box (tests find it by this)


def is_expected(exc: BaseException) -> bool:
    """True for a failure the user can cause and mend (bad data, a file), False for a bug."""
    return isinstance(exc, EXPECTED)


def failure_text(exc: BaseException) -> str:
    """What the window says of ``exc`` in one line: an expected failure in its own words
    (a DataError with its place), a bug as one short sentence."""
    if is_expected(exc):
        return error_text(exc)
    return QCoreApplication.translate("Errors", "程序出现意外错误,操作未完成。")


def report_failure(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """Show ``exc`` on a message box titled ``title`` over ``parent``; a bug is also
    logged with its traceback. The box is opened, not executed: it does not hold the
    caller (a background callback, a key handler) and is deleted once closed."""
    if not is_expected(exc):
        log.exception("%s", title, exc_info=exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, failure_text(exc), parent=parent)
    box.setObjectName(BOX_NAME)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    if not is_expected(exc):
        box.setInformativeText(str(exc) or type(exc).__name__)
        box.setDetailedText("".join(traceback.format_exception(exc)).rstrip())
    box.open()
    return box
