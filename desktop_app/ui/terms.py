"""The window's words for the core's vocabulary.

Names the core keeps in tables (agenda kinds, speaker statuses, ballot statuses) are Chinese
source texts marked ``QT_TRANSLATE_NOOP("Terms", …)`` where they are defined; documents
print them as they are. The window shows them through :func:`term`, in its language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.errors import DataError
from desktop_app.domain.text import QT_TRANSLATE_NOOP, translate

APP_TITLE = QT_TRANSLATE_NOOP("App", "述职评议会议助手")


def term(text: str) -> str:
    """``text``, a marked Chinese term, in the interface language."""
    return QCoreApplication.translate("Terms", text)


def app_title() -> str:
    """The program's name in the interface language."""
    return QCoreApplication.translate("App", APP_TITLE)


def listing(items: Iterable[str]) -> str:
    """Items joined as a list is written in the interface language (甲、乙 / A, B)."""
    return translate("Core", "、").join(items)


def clauses(items: Iterable[str]) -> str:
    """Clauses joined as the interface language writes them (甲;乙 / A; B)."""
    return translate("Core", ";").join(items)


def error_text(exc: BaseException) -> str:
    """An error as the window says it: a :class:`DataError`'s place (file, row, column) in
    the interface language, never the English of the command line ("row 3, field serial");
    a plain field name (``serial``) is for putting the cursor there and is not shown."""
    if not isinstance(exc, DataError):
        return str(exc) or type(exc).__name__
    parts: list[str] = []
    if exc.file:
        parts.append(exc.file)
    if exc.row is not None:
        parts.append(QCoreApplication.translate("Errors", "第 {row} 行").format(row=exc.row))
    if exc.column is not None:
        parts.append(QCoreApplication.translate("Errors", "“{column}”列").format(column=exc.column))
    if exc.field is not None and not re.fullmatch(r"[a-z_]+", exc.field):
        parts.append(QCoreApplication.translate("Errors", "位置 {field}").format(field=exc.field))
    where = translate("Core", "、").join(parts)
    return f"{where}:{exc.message}" if where else exc.message
