"""Messages speak one language: no English place names ("row 3, field serial") in the
Chinese window, status lines that say when and where things stand, the version in About."""

from __future__ import annotations

import re

from pytestqt.qtbot import QtBot

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.store.database import Database
from desktop_app.store.meetings import save_meeting
from desktop_app.ui.entry import BallotsScreen
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.terms import error_text


def test_an_error_names_its_place_in_the_windows_language(app: object) -> None:
    located = DataError("票号重复", file="late.csv", row=4, column="serial")
    assert str(located) == 'late.csv, row 4, column "serial": 票号重复'  # the command line's
    assert error_text(located) == "late.csv、第 4 行、“serial”列:票号重复"
    assert error_text(DataError("票号 A-001 已经录入过", field="serial")) == (
        "票号 A-001 已经录入过"  # the cursor goes to the serial box; no "field serial:"
    )
    assert "位置 categories[1].caps.优秀" in error_text(
        DataError("上限有误", field="categories[1].caps.优秀")
    )
    assert error_text(ValueError("x")) == "x"


def test_a_used_serial_is_said_in_chinese_only(
    qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    page = BallotsScreen(db, station="录入一")
    qtbot.addWidget(page)
    page.show()
    page.set_meeting(meeting_id)
    sheet = page.entry.sheet
    assert sheet is not None
    qtbot.keyClicks(sheet, "2" * 27)
    qtbot.keyClick(sheet, "\r")
    page.entry.serial_edit.setText("A-001")
    qtbot.keyClicks(sheet, "2" * 27)
    qtbot.keyClick(sheet, "\r")
    banner = page.entry.banner.text()
    assert "A-001" in banner and not re.search(r"field|row|column", banner)
    # Opened again later: the banner says where entry stands.
    again = BallotsScreen(db, station="录入二")
    qtbot.addWidget(again)
    again.set_meeting(meeting_id)
    assert again.entry.banner.text() == "继续录入:已录 1 张"


def test_about_shows_the_version(window: MainWindow) -> None:
    assert "版本 0.1.0" in window.about_text()
