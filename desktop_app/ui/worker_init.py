"""A worker process set up as the window is: the core's messages in the window's language.

The window's language is handed down in ``DESKTOP_APP_WORKER_LANGUAGE`` (set by
``app.install_translation``; a spawned process inherits the environment), and each worker
of the Operations pool calls :func:`speak_the_windows_language` before its first job, so a
user's error raised there (a bad roster, a bad meeting file) reads as it would in the window.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop_app.domain.text import set_translator
from desktop_app.resources import resource

WORKER_LANGUAGE_ENV = "DESKTOP_APP_WORKER_LANGUAGE"
CHINESE = "zh_CN"
_kept: list[object] = []  # the translator and the application live as long as the worker


def speak_the_windows_language() -> None:
    language = os.environ.get(WORKER_LANGUAGE_ENV, CHINESE)
    if language == CHINESE:
        return
    app = QCoreApplication.instance() or QCoreApplication([])
    translator = QTranslator(app)
    if translator.load(str(resource("translations", f"desktop_app_{language}.qm"))):
        app.installTranslator(translator)
        _kept.extend([app, translator])
        set_translator(QCoreApplication.translate)
