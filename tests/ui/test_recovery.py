"""Recovery is whole: after a crash the window comes back at its size and the projector on
its screen; a second copy started on the same database brings the running window forward
instead of opening a second operator."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app import app as app_module
from desktop_app.domain.meeting import Meeting
from desktop_app.store.database import Database, open_database
from desktop_app.store.meetings import save_meeting
from desktop_app.ui.main_window import GEOMETRY_KEY, MainWindow
from desktop_app.ui.single_instance import SingleInstance, server_name


def test_a_second_copy_knocks_and_the_first_comes_forward(
    app: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    name = server_name(f"sqlite:///{tmp_path}/a.sqlite3")
    assert name != server_name(f"sqlite:///{tmp_path}/b.sqlite3")  # other databases: apart
    first = SingleInstance(name)
    assert not first.forward_to_running()  # nobody there yet
    assert first.listen()
    second = SingleInstance(name)
    with qtbot.waitSignal(first.raise_requested):
        assert second.forward_to_running()
    other = SingleInstance(server_name(f"sqlite:///{tmp_path}/b.sqlite3"))
    assert not other.forward_to_running()
    first.close()
    assert not SingleInstance(name).forward_to_running()


def test_desktop_app_on_a_database_already_open_opens_no_second_window(
    app: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "open.sqlite3"
    db = open_database(path)
    running = SingleInstance(server_name(db.url))
    assert running.listen()
    before = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    with qtbot.waitSignal(running.raise_requested):
        assert app_module.main(["desktop-app", "--db", str(path)]) == 0
    after = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
    assert after == before
    running.close()
    db.close()


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen has no stacking
def test_the_running_window_comes_forward(window: MainWindow, qtbot: QtBot) -> None:
    window.showMinimized()
    window.bring_forward()
    assert not window.isMinimized() and window.isVisible()
    assert "已在运行" in window.statusBar().currentMessage()


def test_the_window_comes_back_at_its_size_after_a_crash(
    window: MainWindow, qtbot: QtBot, db: Database
) -> None:
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window._geometry_saver.isActive())
    QSettings().remove(GEOMETRY_KEY)
    window.resize(720, 530)  # within the offscreen screen (800×600)
    # Saved by itself, shortly after the change (no clean exit, no close).
    qtbot.waitUntil(
        lambda: (
            not window._geometry_saver.isActive()
            and QSettings().value(GEOMETRY_KEY) == window.saveGeometry()
        ),
        timeout=60_000,
    )
    again = MainWindow(db, station="s")  # nothing closed properly
    qtbot.addWidget(again)
    assert again.size() == window.size() and window.width() == 720  # not the default 1100


def test_the_projector_comes_back_after_a_crash(
    window: MainWindow, qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    window.refresh_meetings()
    window.open_meeting(meeting_id)
    page = window.meeting_page
    page.tabs.setCurrentWidget(page.run_screen)
    page.run_screen.projector_action.trigger()
    assert page.run_screen.projector is not None and page.run_screen.projector.isVisible()
    assert page.run_screen.projector_remembered()
    again = MainWindow(db, station="s")  # as after a crash: the first never closed
    qtbot.addWidget(again)
    again.show()
    assert again.restore_session()
    projector = again.meeting_page.run_screen.projector
    assert projector is not None and projector.isVisible()
    assert again.meeting_page.run_screen.projector_action.isChecked()
    projector.close()  # closed by hand: not brought back next time
    third = MainWindow(db, station="s")
    qtbot.addWidget(third)
    third.show()
    assert third.restore_session()
    assert third.meeting_page.run_screen.projector is None
    page.run_screen.projector_action.trigger()
    for w in (window, again, third):
        w.meeting_page.run_screen.ticker.stop()
        w.operations.wait()
