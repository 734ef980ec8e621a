"""Limits typed as people say them in the setup tables; the new-meeting dialog ready to type."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.meeting import Meeting
from desktop_app.domain.setup import report_year
from desktop_app.store.database import Database
from desktop_app.ui.setup import NewMeetingDialog
from desktop_app.ui.setup.sections import AGENDA, SPEAKERS


def test_limits_are_typed_as_4_00_or_4_minutes(seed_meeting: Meeting) -> None:
    agenda_limit = next(c for c in AGENDA.columns(seed_meeting) if c.field == "limit_s")
    speaker_limit = next(c for c in SPEAKERS.columns(seed_meeting) if c.field == "limit_s")
    for text, seconds in (("4:00", 240), ("4分钟", 240), ("270", 270), ("4分30秒", 270)):
        assert agenda_limit.put(seed_meeting, 0, text).agenda[0].limit_s == seconds
        assert speaker_limit.put(seed_meeting, 0, text).speakers[0].limit_s == seconds
    assert speaker_limit.put(seed_meeting, 0, "").speakers[0].limit_s is None
    with pytest.raises(ValueError, match="4分钟"):
        agenda_limit.put(seed_meeting, 0, "五分钟")


def test_the_new_meeting_dialog_starts_in_its_name(
    app: QApplication, qtbot: QtBot, db: Database
) -> None:
    dialog = NewMeetingDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.title.hasFocus() and dialog.title.selectedText() == dialog.title.text()
    assert dialog.title.text().startswith(f"{report_year(dt.date.today())}年度")


def test_the_meeting_date_from_a_calendar_or_as_written(
    app: QApplication, qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    from PySide6.QtCore import QDate

    from desktop_app.store.meetings import save_meeting
    from desktop_app.ui.operations import Operations
    from desktop_app.ui.setup import SetupScreen

    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    page = SetupScreen(db, Operations(), station="desk-1")
    qtbot.addWidget(page)
    page.set_meeting(meeting_id)
    page.show()
    page.calendar_button.menu().aboutToShow.emit()  # opened on the meeting's own date
    assert page.calendar.selectedDate() == QDate(2021, 1, 20)
    page.calendar.clicked.emit(QDate(2021, 1, 22))  # a day picked
    assert page.date_edit.text() == "2021-01-22"
    assert page.editor.draft is not None and page.editor.draft.date == dt.date(2021, 1, 22)
    page.date_edit.setText("2021年1月25日")  # or written as people write it
    page.date_edit.editingFinished.emit()
    assert page.date_edit.text() == "2021-01-25" and page.date_hint.text() == ""
    assert page.editor.draft.date == dt.date(2021, 1, 25)
    page.date_edit.setText("1月25日")
    page.date_edit.editingFinished.emit()
    assert page.date_hint.text() == "日期应为 YYYY-MM-DD,如 2021-01-20"
    assert page.editor.draft.date == dt.date(2021, 1, 25)
