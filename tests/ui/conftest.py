"""Qt fixtures: the application set up as ``desktop-app`` sets it up, on a test database."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.app import create_application
from desktop_app.store.database import Database
from desktop_app.ui.main_window import MainWindow


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    return create_application(["desktop-app"])


@pytest.fixture
def window(app: QApplication, qtbot: QtBot, db: Database) -> Iterator[MainWindow]:
    main_window = MainWindow(db, station="test-station")
    qtbot.addWidget(main_window)
    main_window.show()
    yield main_window
    main_window.operations.wait()


@pytest.fixture
def answer_box() -> Callable[[QMessageBox.StandardButton], list[str]]:
    """``answer_box(button)``: click ``button`` on the next message box that opens (a modal
    one blocks the test until it is answered); returns a list that receives its text."""

    def arm(button: QMessageBox.StandardButton) -> list[str]:
        seen: list[str] = []

        def click() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(10, click)
                return
            seen.append(box.text())
            box.button(button).click()

        QTimer.singleShot(0, click)
        return seen

    return arm
