"""The setup screen inside the main window: Ctrl+S and Ctrl+Z reach the setup screen and
clash with no other shortcut, and a saved change refreshes the meeting's overview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.store.database import Database
from desktop_app.store.meetings import load_meeting
from desktop_app.store.transfer import load_demo
from desktop_app.ui.main_window import MainWindow


def test_setup_tab_in_the_main_window(qtbot: QtBot, window: MainWindow, db: Database) -> None:
    meeting_id = load_demo(db)
    page = window.meeting_page
    setup = page.setup
    opened: list[int] = []
    setup.meeting_changed.connect(opened.append)
    window.refresh_meetings()
    window.open_meeting(meeting_id)
    page.tabs.setCurrentWidget(setup)
    setup.tabs.setCurrentIndex(2)
    view = setup.speakers.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    model = setup.speakers.model
    assert model.setData(model.index(0, 1), "新职务")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not setup.editor.dirty
    qtbot.keyClick(
        view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert setup.editor.dirty
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert setup.editor.dirty
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert opened == [meeting_id]
    with db.session() as session:
        assert load_meeting(session, meeting_id).speakers[0].post == "新职务"
    assert window.meeting_page.meeting_id == meeting_id
    window.operations.wait()
