"""Two review stations on one PostgreSQL database: both see the same queue of scanned
ballots; a ballot one station has settled cannot be stored again by the other, which is told
and moves on; the page images travel through the database (bytea)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_review_screen import make_pile

from desktop_app.scan_import import import_scans
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database, open_database
from desktop_app.store.scans import PageStatus, scanned_pages
from desktop_app.ui.entry import BallotsScreen


def station(qtbot: QtBot, db: Database, meeting_id: int, name: str) -> BallotsScreen:
    page = BallotsScreen(db, station=name)
    qtbot.addWidget(page)
    page.show()
    page.set_meeting(meeting_id)
    page.tabs.setCurrentWidget(page.scan_review)
    return page


def test_two_stations_review_one_queue_without_storing_a_ballot_twice(
    qtbot: QtBot, pg_url: str, pg_db: Database, tmp_path: Path
) -> None:
    meeting_id, _ballots, pdf = make_pile(pg_db, tmp_path)
    import_scans(pg_db, meeting_id, [pdf], station="扫描台", workers=1, hold_void_and_blank=True)
    other_db = open_database(pg_url)
    pages: list[BallotsScreen] = []
    try:
        first = station(qtbot, pg_db, meeting_id, "核对一")
        second = station(qtbot, other_db, meeting_id, "核对二")
        pages += [first, second]
        a, b = first.scan_review, second.scan_review
        assert len(a.queue) == len(b.queue) >= 2
        assert not b.page_view.image.isNull()  # the image came through the database
        serial = a.current.first.serial  # type: ignore[union-attr]
        assert b.current.first.serial == serial  # type: ignore[union-attr]
        for review in (a, b):  # Enter twice: a void or blank one asks first
            qtbot.keyClick(review, Qt.Key.Key_Return)
            if review.current is not None and review.current.first.serial == serial:
                qtbot.keyClick(review, Qt.Key.Key_Return)
        assert "已经录入过" in b.banner.text() or "already" in b.banner.text()
        b.reload()
        assert serial not in {q.first.serial for q in b.queue}
        with pg_db.session() as session:
            stored = [x.serial for x in load_ballots(session, meeting_id)]
            saved = [p for p in scanned_pages(session, meeting_id) if p.status is PageStatus.SAVED]
        assert stored.count(serial) == 1
        assert {p.reviewed_by for p in saved if p.serial == serial} == {"核对一"}
    finally:
        for page in pages:  # no station polls a database that is being closed
            page.desk.poll_timer.stop()
            page.close()
            page.deleteLater()
        other_db.close()
