"""Scanned pages in the store: kept whatever became of them, saved through the entry path,
never saved twice, set aside only while waiting, found again for the audit sample."""

from __future__ import annotations

import pytest

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.omr import CellMeasure, CellState, OmrThresholds, PageSource
from desktop_app.store.audit import audit_events
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database
from desktop_app.store.entry import BallotBook, save_ballot, set_double_entry
from desktop_app.store.meetings import save_meeting
from desktop_app.store.scans import (
    PageStatus,
    ScannedPage,
    page_counts,
    page_for_serial,
    page_image,
    save_scanned,
    scanned_pages,
    set_aside,
    start_batch,
    store_pages,
)


def page(meeting: Meeting, serial: str, sha: str, status: PageStatus) -> ScannedPage:
    target = meeting.targets[0]
    reading = Ballot(serial, serial[0], {target: ("好",)})
    cells = tuple(
        (target, level, CellMeasure(dark_mm2=3.0 if level == "好" else 0.0), CellState.EMPTY)
        for level in meeting.level_labels
    )
    return ScannedPage(
        source=PageSource("pile.pdf", 1, sha),
        ballot=0,
        serial=serial,
        type_code=serial[0],
        sheet=1,
        sheets=1,
        status=status,
        review=("multi:" + target,) if status is PageStatus.FLAGGED else (),
        note="",
        reading=reading,
        margin=0.5,
        fit_error_mm=0.1,
        homography=(1, 0, 0, 0, 1, 0, 0, 0, 1),
        png=b"\x89PNG fake",
        cells=cells,
    )


def test_pages_are_kept_and_saved_through_the_entry_path(
    db: Database, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        batch = start_batch(
            session,
            meeting_id,
            station="扫描台",
            files=[("pile.pdf", "ab")],
            thresholds=OmrThresholds(),
        )
        [first, again] = store_pages(
            session,
            meeting_id,
            batch,
            [
                page(seed_meeting, "A-001", "s1", PageStatus.FLAGGED),
                page(seed_meeting, "A-001", "s1", PageStatus.FLAGGED),  # the same sheet again
            ],
        )
    with db.session() as session:
        pages = scanned_pages(session, meeting_id)
        assert [p.status for p in pages] == [PageStatus.FLAGGED, PageStatus.DUPLICATE]
        assert page_image(session, first) == b"\x89PNG fake"
        assert page_counts(session, meeting_id) == {"A": {"flagged": 1, "duplicate": 1}}
        book = BallotBook.load(session, meeting_id)
        ballot = Ballot("A-001", "A", {seed_meeting.targets[0]: ("较好",)})
        save_scanned(
            session,
            book,
            [first],
            ballot,
            station="核对一",
            decisions={seed_meeting.targets[0]: (("好", "较好"), ("较好",))},
            reason="accepted",
        )
    with db.session() as session:
        assert load_ballots(session, meeting_id) == [ballot]
        stored = page_for_serial(session, meeting_id, "a-1")
        assert stored is not None and stored.id == first and stored.reviewed_by == "核对一"
        events = audit_events(session, meeting_id)
        assert [e.station for e in events if e.action == "ballot.create"] == ["扫描:核对一"]
        assert sum(1 for e in events if e.action == "scan.decision") == 2
        # A page is saved once; the duplicate cannot store the serial a second time.
        with pytest.raises(DataError):
            save_scanned(session, book, [first], ballot, station="核对二")
    with db.session() as session, pytest.raises(DataError):
        save_scanned(session, book, [again], ballot, station="核对二")
    with db.session() as session:
        assert [p.status for p in scanned_pages(session, meeting_id)] == [
            PageStatus.SAVED,
            PageStatus.DUPLICATE,
        ]
        set_aside(session, meeting_id, [again], reason="duplicate", station="核对二")
        with pytest.raises(DataError):
            set_aside(session, meeting_id, [first], reason="x", station="核对二")
    with db.session() as session:
        assert scanned_pages(session, meeting_id, [PageStatus.REJECTED])[0].id == again


def test_under_double_entry_a_scan_is_one_typing(db: Database, seed_meeting: Meeting) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        set_double_entry(session, meeting_id, True)
        batch = start_batch(
            session, meeting_id, station="扫描台", files=[], thresholds=OmrThresholds()
        )
        [scanned] = store_pages(
            session, meeting_id, batch, [page(seed_meeting, "A-002", "s2", PageStatus.FLAGGED)]
        )
    ballot = Ballot("A-002", "A", {seed_meeting.targets[0]: ("好",)})
    with db.session() as session:
        book = BallotBook.load(session, meeting_id)
        saved = save_scanned(session, book, [scanned], ballot, station="扫描台")
        assert saved.pass_no == 1
        assert load_ballots(session, meeting_id) == []  # waits for the second typing
        assert save_ballot(session, book, ballot, station="录入一").pass_no == 2
    with db.session() as session:
        assert load_ballots(session, meeting_id) == [ballot]
