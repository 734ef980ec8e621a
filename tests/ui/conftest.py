"""Qt fixtures: the application set up as ``desktop-app`` sets it up, on a test database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
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
