"""Start-up: QApplication, fonts, translations, settings, database, main window.

``desktop-app [--db PATH_OR_URL]``: the window on the default per-user SQLite database, or
on the one named. The interface is Chinese, or English through the Qt Linguist translation
in resources/translations/ when chosen in 设置 (at first start: when the system's locale is
not Chinese); ``DESKTOP_APP_LANGUAGE=zh_CN|en`` overrides both (the tests pin Chinese).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import socket
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop_app.domain.errors import DataError
from desktop_app.domain.text import set_translator
from desktop_app.reports.fonts import install_font_coverage
from desktop_app.resources import resource
from desktop_app.store.database import Database, open_database
from desktop_app.ui.connection import configured_station
from desktop_app.ui.fonts import install_fonts
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import CHINESE, LANGUAGES, configured_language
from desktop_app.ui.single_instance import SingleInstance, server_name
from desktop_app.ui.terms import APP_TITLE, app_title
from desktop_app.ui.worker_init import WORKER_LANGUAGE_ENV
from desktop_app.ui.x11_libraries import x11_problem

LANGUAGE_ENV = "DESKTOP_APP_LANGUAGE"
ORGANIZATION = "desktop-app"
APPLICATION = "desktop-app"

STYLE_SHEET = """
QLabel#heading { font-size: 18pt; font-weight: bold; padding: 4px 0; }
QLabel#warning { color: #b00020; font-weight: bold; }
QLabel#final { color: #2b8a3e; font-weight: bold; }
"""


def create_application(argv: Sequence[str], *, language: str | None = None) -> QApplication:
    """The QApplication with our names, font, style, icon and translation (one per
    process). ``language``: ``"zh_CN"`` or ``"en"``; default: ``DESKTOP_APP_LANGUAGE``, else
    the one chosen in 设置, else the system's."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    app.setWindowIcon(QIcon(str(resource("icons", "app.png"))))
    install_fonts(app)
    install_translation(app, language or _language())
    app.setApplicationDisplayName(app_title())
    app.setStyleSheet(STYLE_SHEET)
    return app


def _language() -> str:
    forced = os.environ.get(LANGUAGE_ENV)
    return forced if forced in LANGUAGES else configured_language()


def install_translation(app: QApplication, language: str) -> None:
    """Our strings in ``language`` (the source strings are Chinese) and Qt's own (the
    standard buttons: 保存, 取消…), also for the core's messages (:mod:`desktop_app.domain.text`).
    Replaces the translators of an earlier call."""
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_own)
    if language != CHINESE:
        ours = QTranslator(app)
        if ours.load(str(resource("translations", f"desktop_app_{language}.qm"))):
            app.installTranslator(ours)
    set_translator(None if language == CHINESE else QCoreApplication.translate)
    os.environ[WORKER_LANGUAGE_ENV] = language  # worker processes speak it too


def _open(given: str | None) -> Database | None:
    """The database of ``--db``, else the one chosen in 数据库与录入点, else the default file.
    A shared database that does not answer (or wants its password) opens the dialog."""
    from desktop_app.ui.connection import ConnectionDialog, configured_url

    url = given or configured_url()
    while True:
        try:
            return open_database(url)
        except DataError as exc:
            if given is not None or url is None:
                QMessageBox.critical(
                    None,
                    app_title(),
                    QCoreApplication.translate("App", "无法打开数据库:\n{error}").format(error=exc),
                )
                return None
            dialog = ConnectionDialog()
            dialog.status_label.setText(
                QCoreApplication.translate("App", "无法连接:{error}").format(error=exc)
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            url = dialog.url()


def warn_serial_collisions(db: Database) -> None:
    """Say which stored serials name one paper ballot (found when the database was opened):
    they are never merged, so a clerk must check the paper and delete the extra one."""
    if db.serial_collisions:
        QMessageBox.warning(
            None,
            app_title(),
            "\n".join(collision.message() for collision in db.serial_collisions),
        )


def main(argv: Sequence[str] | None = None) -> int:
    # Worker processes (documents, scan reading) are spawned; in a frozen bundle they re-enter here.
    multiprocessing.freeze_support()  # a worker process of the bundle starts here
    argv = list(sys.argv if argv is None else argv)
    parser = argparse.ArgumentParser(prog="desktop-app", description=APP_TITLE)
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or database URL (default: the per-user data file)",
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="open the main window, check that it shows, quit (status 0 if it did)",
    )
    args, qt_args = parser.parse_known_args(argv[1:])
    problem = x11_problem()  # a missing libxcb-* named in one sentence, not Qt's abort
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    app = create_application([argv[0], *qt_args])
    install_font_coverage()  # names the PDFs cannot print are problems of the setup
    db = _open(args.db)
    if db is None:
        return 1
    door = SingleInstance(server_name(db.url))
    if not args.self_check and door.forward_to_running():
        db.close()  # the window already open on this database came forward
        return 0
    if not args.self_check:
        warn_serial_collisions(db)
    station = configured_station(os.environ.get("DESKTOP_APP_STATION") or socket.gethostname())
    window = MainWindow(db, station=station)
    window.show()
    window.restore_session()
    if not args.self_check:
        door.listen()
        door.raise_requested.connect(window.bring_forward)
    if args.self_check:
        QTimer.singleShot(0, lambda: app.exit(0 if window.isVisible() else 3))
    code = app.exec()
    door.close()
    db.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
