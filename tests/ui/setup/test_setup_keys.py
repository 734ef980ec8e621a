"""The setup tables keep their keys: a cell committed with Enter, then Ctrl+S saves and
Ctrl+Z undoes at once (no click needed), and Qt warns about no editor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from desktop_app.domain.meeting import Meeting
from desktop_app.store.database import Database
from desktop_app.store.meetings import load_meeting, save_meeting
from desktop_app.ui.operations import Operations
from desktop_app.ui.setup import SetupScreen


@pytest.fixture
def page(app: QApplication, qtbot: QtBot, db: Database, seed_meeting: Meeting) -> SetupScreen:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    widget = SetupScreen(db, Operations(), station="desk-1")
    qtbot.addWidget(widget)
    widget.set_meeting(meeting_id)
    widget.resize(1000, 700)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def type_into_cell(qtbot: QtBot, page: SetupScreen, row: int, column: int, text: str) -> None:
    view = page.speakers.view
    view.setFocus()
    index = page.speakers.model.index(row, column)
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText(text)  # QTest cannot type Chinese characters
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not editor)  # committed (queued)


def test_ctrl_s_and_ctrl_z_act_right_after_enter(
    qtbot: QtBot, page: SetupScreen, db: Database
) -> None:
    page.tabs.setCurrentIndex(2)
    name_column = next(i for i, c in enumerate(page.speakers.model.columns) if c.field == "name")
    type_into_cell(qtbot, page, 0, name_column, "周新")
    assert page.editor.draft is not None and page.editor.draft.speakers[0].name == "周新"
    focus = QApplication.focusWidget()
    assert focus is page.speakers.view  # the keyboard stays in the table
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.draft.speakers[0].name == "周明"  # undone at once
    type_into_cell(qtbot, page, 0, name_column, "周新")
    qtbot.keyClick(
        QApplication.focusWidget() or page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )
    with db.session() as session:
        assert load_meeting(session, page.meeting_id).speakers[0].name == "周新"  # saved
