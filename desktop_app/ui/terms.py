"""The window's words for the core's vocabulary.

Names the core keeps in tables (agenda kinds, speaker statuses, ballot statuses) are Chinese
source texts marked ``QT_TRANSLATE_NOOP("Terms", …)`` where they are defined; documents
print them as they are. The window shows them through :func:`term`, in its language.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

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
