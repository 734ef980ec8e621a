"""Translatable messages without Qt.

The core's messages for people (a bad field, a refused write) are Chinese source texts
passed through :func:`translate`, in the context ``"Core"``; ``pyside6-lupdate`` collects
them into the same Qt Linguist file as the window's strings. By default ``translate``
returns the source, so the command line, the PDFs and the tests see Chinese; the window
points it at Qt's translator (:func:`set_translator`) when it runs in another language.

Templates keep their placeholders for ``str.format``, so a translation can move them::

    raise DataError(translate("Core", "未知票种 “{kind}”").format(kind=kind), row=row)

Vocabulary kept in tables (agenda kinds, statuses) is marked with
:func:`QT_TRANSLATE_NOOP` and stays Chinese here: documents print it. The window
translates it where it shows it.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]
CORE = "Core"


def source(context: str, text: str) -> str:
    """The source text itself: Chinese (a :data:`Translator` for documents)."""
    return text


_translator: Translator = source


def translate(context: str, text: str) -> str:
    """``text`` (Chinese) in the current language, by the installed translator."""
    return _translator(context, text)


def set_translator(translator: Translator | None) -> None:
    """Use ``translator`` for :func:`translate` from now on; ``None``: the source texts."""
    global _translator
    _translator = translator or source


def translating() -> bool:
    """Whether a translator is installed (the window runs in a language other than Chinese)."""
    return _translator is not source


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """Mark ``text`` for translation in ``context`` without translating it here."""
    return text
