"""Ballot entry on a real SQLite file: save, replace, delete, double entry, finalising, and
the audit rows each change leaves."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop_app.domain.ballots import Ballot, BallotStatus, VoidCause
from desktop_app.domain.digest import ballot_digest
from desktop_app.domain.entry import PairState
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.store.audit import audit_events
from desktop_app.store.ballots import add_ballots, load_ballots
from desktop_app.store.database import Database
from desktop_app.store.entry import (
    BallotBook,
    EntryCounts,
    ballot_records,
    delete_ballot,
    entry_counts,
    entry_pairs,
    finalisation,
    finalise,
    open_problems,
    record_sample,
    replace_ballot,
    restore_typing,
    save_ballot,
    set_double_entry,
    settle_mismatch,
    unlock,
)
from desktop_app.store.live import ballot_counts, set_ballot_counts
from desktop_app.store.meetings import save_meeting
from desktop_app.store.tally_sql import tally_meeting


@pytest.fixture
def meeting_id(db: Database, seed_meeting: Meeting) -> int:
    with db.session() as session:
        return save_meeting(session, seed_meeting)


def book(db: Database, meeting_id: int) -> BallotBook:
    with db.session() as session:
        return BallotBook.load(session, meeting_id)


def a_ballot(meeting: Meeting, serial: str, level: str = "较好", **changes: str) -> Ballot:
    marks = {t: (level,) for t in meeting.targets}
    marks.update({t: (label,) for t, label in changes.items()})
    return Ballot(serial, "B", marks)


def actions(db: Database, meeting_id: int) -> list[str]:
    with db.session() as session:
        return [e.action for e in audit_events(session, meeting_id)]


# --- single entry -----------------------------------------------------------------------------


def test_save_counts_at_once_and_is_audited(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    ballot = a_ballot(seed_meeting, "B-0001")
    with db.session() as session:
        saved = save_ballot(session, book(db, meeting_id), ballot, station="录入一")
    assert saved.classification.status is BallotStatus.VALID
    assert saved.pair is None
    with db.session() as session:
        assert load_ballots(session, meeting_id) == [ballot]
        records = ballot_records(session, meeting_id)
        events = audit_events(session, meeting_id)
    assert [(r.serial, r.status, r.station) for r in records] == [
        ("B-0001", BallotStatus.VALID, "录入一")
    ]
    assert events[-1].action == "ballot.create"
    assert events[-1].station == "录入一"
    assert events[-1].after["marks"][seed_meeting.targets[0]] == ["较好"]


def test_a_used_serial_is_refused_and_the_first_ballot_kept(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    first = a_ballot(seed_meeting, "B-0001", "好")
    with db.session() as session:
        save_ballot(session, book(db, meeting_id), first)
    with pytest.raises(DataError, match=r"B-0001.*已经录入过"), db.session() as session:
        save_ballot(session, book(db, meeting_id), a_ballot(seed_meeting, "B-0001", "差"))
    with db.session() as session:
        assert load_ballots(session, meeting_id) == [first]


def test_unknown_level_is_refused_naming_the_target(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    target = seed_meeting.targets[3]
    bad = Ballot("B-0001", "B", {target: ("优",)})
    with pytest.raises(DataError) as caught, db.session() as session:
        save_ballot(session, book(db, meeting_id), bad)
    assert caught.value.column == target


def test_a_meeting_without_units_takes_no_ballot(db: Database, seed_meeting: Meeting) -> None:
    """A blank ballot is all that could be typed; neither entry nor import stores one."""
    from desktop_app.domain.setup import default_meeting

    with db.session() as session:
        empty_id = save_meeting(session, default_meeting("新会议"))
    with pytest.raises(DataError, match="还没有评议对象"), db.session() as session:
        save_ballot(session, book(db, empty_id), Ballot("A-0001", "A"))
    with pytest.raises(DataError, match="还没有评议对象") as caught, db.session() as session:
        add_ballots(session, empty_id, [Ballot("1", "A")], source="ballots.csv", rows=[2])
    assert (caught.value.file, caught.value.row) == ("ballots.csv", 2)
    with db.session() as session:
        assert load_ballots(session, empty_id) == []


def test_replace_keeps_one_ballot_and_audits_before_and_after(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    target = seed_meeting.targets[0]
    with db.session() as session:
        save_ballot(session, book(db, meeting_id), a_ballot(seed_meeting, "B-0001"))
    fixed = a_ballot(seed_meeting, "B-0001", **{target: "差"})
    with db.session() as session:
        replace_ballot(session, book(db, meeting_id), "B-0001", fixed, station="s2")
    with db.session() as session:
        assert load_ballots(session, meeting_id) == [fixed]
        event = audit_events(session, meeting_id)[-1]
    assert event.action == "ballot.update"
    assert event.before["marks"][target] == ["较好"]
    assert event.after["marks"][target] == ["差"]


def test_replace_to_a_used_serial_is_refused(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        b = book(db, meeting_id)
        save_ballot(session, b, a_ballot(seed_meeting, "B-0001"))
        save_ballot(session, b, a_ballot(seed_meeting, "B-0002"))
    with pytest.raises(DataError, match="B-0002"), db.session() as session:
        replace_ballot(session, book(db, meeting_id), "B-0001", a_ballot(seed_meeting, "B-0002"))
    with db.session() as session:
        assert [b.serial for b in load_ballots(session, meeting_id)] == ["B-0001", "B-0002"]


def test_delete_then_restore(db: Database, meeting_id: int, seed_meeting: Meeting) -> None:
    ballot = a_ballot(seed_meeting, "B-0001")
    with db.session() as session:
        save_ballot(session, book(db, meeting_id), ballot)
    with db.session() as session:
        deleted = delete_ballot(session, book(db, meeting_id), "B-0001", station="s")
    with db.session() as session:
        assert load_ballots(session, meeting_id) == []
    with db.session() as session:
        restore_typing(session, book(db, meeting_id), deleted[0])
    with db.session() as session:
        assert load_ballots(session, meeting_id) == [ballot]
    assert actions(db, meeting_id)[-3:] == ["ballot.create", "ballot.delete", "ballot.create"]


def test_hand_voided_ballot_is_void_by_hand(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    ballot = Ballot("B-0009", "B", {}, "签名")
    with db.session() as session:
        saved = save_ballot(session, book(db, meeting_id), ballot)
    assert saved.classification.status is BallotStatus.VOID
    assert saved.classification.cause is VoidCause.BY_HAND


# --- double entry -----------------------------------------------------------------------------


@pytest.fixture
def double(db: Database, meeting_id: int) -> BallotBook:
    with db.session() as session:
        set_double_entry(session, meeting_id, True, station="主持")
    return book(db, meeting_id)


def counted(db: Database, meeting_id: int) -> list[str]:
    with db.session() as session:
        return [b.serial for b in load_ballots(session, meeting_id)]


def test_double_entry_counts_only_agreeing_pairs(
    db: Database, meeting_id: int, double: BallotBook, seed_meeting: Meeting
) -> None:
    ballot = a_ballot(seed_meeting, "B-0001")
    with db.session() as session:
        first = save_ballot(session, double, ballot, station="甲")
    assert (first.pass_no, first.pair) == (1, PairState.WAITING)
    assert counted(db, meeting_id) == []
    with db.session() as session:
        second = save_ballot(session, double, ballot, station="乙")
    assert (second.pass_no, second.pair) == (2, PairState.AGREED)
    assert counted(db, meeting_id) == ["B-0001"]
    with db.session() as session:
        pair = entry_pairs(session, double)[0]
        assert not pair.same_station
        assert ballot_records(session, meeting_id)[0].station == "甲/乙"
    with pytest.raises(DataError, match="已录入两次"), db.session() as session:
        save_ballot(session, double, ballot)


def test_double_entry_mismatch_is_listed_then_settled(
    db: Database, meeting_id: int, double: BallotBook, seed_meeting: Meeting
) -> None:
    target = seed_meeting.targets[5]
    with db.session() as session:
        save_ballot(session, double, a_ballot(seed_meeting, "B-0001"), station="甲")
        saved = save_ballot(
            session, double, a_ballot(seed_meeting, "B-0001", **{target: "好"}), station="乙"
        )
    assert saved.pair is PairState.MISMATCH
    assert counted(db, meeting_id) == []
    with db.session() as session:
        (pair,) = entry_pairs(session, double)
        assert pair.differences == (target,)
        assert open_problems(session, double) == ["1 张票两次录入不一致:B-0001"]
        with pytest.raises(DataError, match="不能定稿"):
            finalise(session, double)
    with db.session() as session:
        settled = settle_mismatch(session, double, "B-0001", keep_pass=1, station="核对")
    assert settled.pair is PairState.AGREED
    with db.session() as session:
        assert load_ballots(session, meeting_id) == [a_ballot(seed_meeting, "B-0001")]
        assert open_problems(session, double) == []
    assert actions(db, meeting_id)[-1] == "ballot_entry.update"


def test_deleting_one_typing_uncounts_the_ballot(
    db: Database, meeting_id: int, double: BallotBook, seed_meeting: Meeting
) -> None:
    ballot = a_ballot(seed_meeting, "B-0001")
    with db.session() as session:
        save_ballot(session, double, ballot)
        save_ballot(session, double, ballot)
    with db.session() as session:
        (typing,) = delete_ballot(session, double, "B-0001", pass_no=2)
    assert counted(db, meeting_id) == []
    with db.session() as session:
        assert entry_pairs(session, double)[0].state is PairState.WAITING
        restore_typing(session, double, typing)
    assert counted(db, meeting_id) == ["B-0001"]


def test_double_entry_cannot_be_switched_after_the_first_ballot(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        save_ballot(session, book(db, meeting_id), a_ballot(seed_meeting, "B-0001"))
    with pytest.raises(DataError, match="不能再切换"), db.session() as session:
        set_double_entry(session, meeting_id, True)
    assert not book(db, meeting_id).double_entry


# --- finalising and counts --------------------------------------------------------------------


def test_finalise_locks_and_unlock_reopens_with_audit(
    db: Database, meeting_id: int, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    with db.session() as session:
        add_ballots(session, meeting_id, seed_ballots)
    with db.session() as session:
        done = finalise(session, book(db, meeting_id), station="主持")
    assert done.digest == ballot_digest(seed_meeting, seed_ballots)
    with db.session() as session:
        assert finalisation(session, meeting_id) == done
    for change in (
        lambda s: save_ballot(s, book(db, meeting_id), a_ballot(seed_meeting, "X-1")),
        lambda s: delete_ballot(s, book(db, meeting_id), seed_ballots[0].serial),
        lambda s: add_ballots(s, meeting_id, [a_ballot(seed_meeting, "X-2")]),
    ):
        with pytest.raises(DataError, match="已定稿"), db.session() as session:
            change(session)
    with pytest.raises(DataError, match="原因"), db.session() as session:
        unlock(session, meeting_id, reason="  ")
    with db.session() as session:
        unlock(session, meeting_id, reason="核对发现 B-0003 录错", station="主持")
    with db.session() as session:
        assert finalisation(session, meeting_id) is None
        delete_ballot(session, book(db, meeting_id), seed_ballots[0].serial)
        events = audit_events(session, meeting_id)
    assert [e.action for e in events][-3:] == [
        "ballots.finalise",
        "ballots.unlock",
        "ballot.delete",
    ]
    assert events[-2].after == {"reason": "核对发现 B-0003 录错"}


def test_finalise_refuses_an_empty_meeting(db: Database, meeting_id: int) -> None:
    with pytest.raises(DataError, match="还没有录入"), db.session() as session:
        finalise(session, book(db, meeting_id))


def test_counts_collected_are_stored_and_audited(db: Database, meeting_id: int) -> None:
    with db.session() as session:
        set_ballot_counts(session, meeting_id, "A", issued=30, collected=29, station="s")
    with db.session() as session:
        counts = {c.code: c.collected for c in ballot_counts(session, meeting_id)}
        assert counts["A"] == 29
        assert tally_meeting(session, meeting_id).ballots["A"].issued == 30
    with pytest.raises(DataError), db.session() as session:
        set_ballot_counts(session, meeting_id, "A", issued=30, collected=-1)
    with pytest.raises(DataError, match="票种"), db.session() as session:
        set_ballot_counts(session, meeting_id, "Z", issued=1, collected=1)
    assert actions(db, meeting_id)[-1] == "ballot_type.counts"


def test_a_ballot_changed_behind_the_apps_back_changes_the_digest(
    db: Database, db_path: Path, meeting_id: int, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    with db.session() as session:
        add_ballots(session, meeting_id, seed_ballots)
        done = finalise(session, book(db, meeting_id))
    with sqlite3.connect(db_path) as raw:  # another program edits the file
        raw.execute(
            "UPDATE ballot_mark SET level_id = (SELECT MAX(id) FROM level) "
            "WHERE ballot_id = (SELECT MIN(id) FROM ballot) AND target_id = "
            "(SELECT MIN(target_id) FROM ballot_mark "
            "WHERE ballot_id = (SELECT MIN(id) FROM ballot))"
        )
    with db.session() as session:
        now = load_ballots(session, meeting_id)
    assert ballot_digest(seed_meeting, now) != done.digest
    assert now != seed_ballots


def test_entry_counts_follow_double_entry(
    db: Database, meeting_id: int, double: BallotBook, seed_meeting: Meeting
) -> None:
    t = seed_meeting.targets[0]
    with db.session() as session:
        for serial in ("B-1", "B-2", "B-3"):
            save_ballot(session, double, a_ballot(seed_meeting, serial))
        save_ballot(session, double, a_ballot(seed_meeting, "B-1"))
        save_ballot(session, double, a_ballot(seed_meeting, "B-2", **{t: "差"}))
        counts = entry_counts(session, double)
    assert counts == EntryCounts({"A": 0, "B": 1}, waiting=1, mismatched=1)


def test_sample_is_kept_in_the_audit_log(db: Database, meeting_id: int) -> None:
    with db.session() as session:
        record_sample(session, meeting_id, seed=42, size=2, serials=["B-1", "B-7"], station="s")
        event = audit_events(session, meeting_id)[-1]
    assert (event.action, event.after) == (
        "ballots.sample",
        {"seed": 42, "size": 2, "serials": ["B-1", "B-7"]},
    )
