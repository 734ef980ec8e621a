"""Two stations' entry screens on one PostgreSQL database (issue 7): each sees the other's
ballots through polling, and a server outage never loses the ballot on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.meeting import Meeting
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database, open_database
from desktop_app.store.meetings import save_meeting
from desktop_app.ui.entry import BallotsScreen
from desktop_app.ui.entry.desk import POLL_MS

ALL_FAIR = "2" * 27


def station(qtbot: QtBot, db: Database, meeting_id: int, name: str) -> BallotsScreen:
    page = BallotsScreen(db, station=name)
    qtbot.addWidget(page)
    page.resize(1000, 760)
    page.show()
    page.set_meeting(meeting_id)
    return page


@pytest.fixture
def meeting_id(pg_db: Database, seed_meeting: Meeting) -> int:
    with pg_db.session() as session:
        return save_meeting(session, seed_meeting)


def test_another_stations_ballot_shows_within_two_seconds(
    qtbot: QtBot, pg_url: str, pg_db: Database, meeting_id: int
) -> None:
    other_db = open_database(pg_url)  # the second laptop: its own connection pool
    try:
        first = station(qtbot, pg_db, meeting_id, "录入一")
        second = station(qtbot, other_db, meeting_id, "录入二")
        second.tabs.setCurrentWidget(second.ballot_list)
        assert POLL_MS <= 2000 and second.desk.poll_timer.isActive()
        qtbot.keyClicks(first.entry.sheet, ALL_FAIR)
        qtbot.keyClick(first.entry.sheet, Qt.Key.Key_Return)
        # The promise is the poll interval asserted above; the wait itself is bounded loosely,
        # since a loaded machine may take longer than two seconds of wall time to get there.
        qtbot.waitUntil(lambda: second.ballot_list.model.rowCount() == 1, timeout=20_000)
        assert second.ballot_list.model.row_at(0).station == "录入一"
        assert "A票 已录入 1" in second.entry.progress_label.text()
        # The same serial typed on the second station is refused, not doubled.
        second.tabs.setCurrentWidget(second.entry)
        second.entry.serial_edit.setText("A-001")
        qtbot.keyClicks(second.entry.sheet, "3" * 27)
        qtbot.keyClick(second.entry.sheet, Qt.Key.Key_Return)
        assert "已经录入过" in second.entry.banner.text()
        with pg_db.session() as session:
            assert len(load_ballots(session, meeting_id)) == 1
    finally:
        other_db.close()


def test_a_server_outage_keeps_the_ballot_on_screen_and_recovers(
    qtbot: QtBot, postgres: object, pg_db: Database, meeting_id: int
) -> None:
    from tests.postgres_server import PostgresServer

    assert isinstance(postgres, PostgresServer)
    page = station(qtbot, pg_db, meeting_id, "录入一")
    qtbot.keyClicks(page.entry.sheet, ALL_FAIR)
    postgres.stop()
    try:
        qtbot.keyClick(page.entry.sheet, Qt.Key.Key_Return)
        assert page.entry.banner.property("kind") == "error"
        assert "未保存" in page.entry.banner.text()
        assert page.entry.offline_label.isVisible()
        assert page.entry.draft is not None and page.entry.draft.marks[26] == ("较好",)
    finally:
        postgres.start()
    page.desk.poll()  # the next look at the database reconnects by itself
    assert not page.entry.offline_label.isVisible()
    qtbot.keyClick(page.entry.sheet, Qt.Key.Key_Return)
    assert "A-001 已保存" in page.entry.banner.text()
    with pg_db.session() as session:
        assert [b.serial for b in load_ballots(session, meeting_id)] == ["A-001"]
