"""One paper, one serial in the database: entry, import and double entry compare serials by
their normal form; serials that collided before the rule are reported, never merged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from desktop_app.domain.ballot_csv import read_ballots_csv
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.entry import PairState
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.store.ballots import add_ballots, load_ballots, serial_collisions
from desktop_app.store.database import (
    Database,
    alembic_config,
    make_engine,
    open_database,
    sqlite_url,
    upgrade,
)
from desktop_app.store.entry import (
    BallotBook,
    entry_pairs,
    replace_ballot,
    save_ballot,
    set_double_entry,
)
from desktop_app.store.meetings import save_meeting
from tests.store.test_migrations import insert_at_0001

ROOT = Path(__file__).parents[2]


def a_ballot(meeting: Meeting, serial: str, level: str = "较好") -> Ballot:
    return Ballot(serial, "A", {t: (level,) for t in meeting.targets})


@pytest.fixture
def meeting_id(db: Database, seed_meeting: Meeting) -> int:
    with db.session() as session:
        return save_meeting(session, seed_meeting)


def book(db: Database, meeting_id: int) -> BallotBook:
    with db.session() as session:
        return BallotBook.load(session, meeting_id)


@pytest.mark.parametrize("typed", ["A-1", "a-0001", "Ａ－００１"])
def test_typing_the_printed_serial_another_way_is_refused(
    db: Database, meeting_id: int, seed_meeting: Meeting, typed: str
) -> None:
    with db.session() as session:
        save_ballot(session, book(db, meeting_id), a_ballot(seed_meeting, "A-001"))
    with db.session() as session, pytest.raises(DataError, match="即 “A-001”") as caught:
        save_ballot(session, book(db, meeting_id), a_ballot(seed_meeting, typed, "好"))
    assert caught.value.field == "serial"
    with db.session() as session:
        assert [
            (b.serial, b.marks[seed_meeting.targets[0]]) for b in load_ballots(session, meeting_id)
        ] == [("A-001", ("较好",))]


def test_an_import_of_a_serial_already_entered_another_way_stores_nothing(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        add_ballots(session, meeting_id, [a_ballot(seed_meeting, "A-0001")])
    new = [a_ballot(seed_meeting, "A-002"), a_ballot(seed_meeting, "a-1")]
    with db.session() as session, pytest.raises(DataError, match="即 “A-0001”") as caught:
        add_ballots(session, meeting_id, new, source="b.csv", rows=[2, 3])
    assert (caught.value.row, caught.value.column) == (3, "serial")
    with db.session() as session, pytest.raises(DataError, match="是同一张票") as caught:
        add_ballots(session, meeting_id, [new[0], a_ballot(seed_meeting, "A-2")], rows=[2, 3])
    assert caught.value.row == 3
    with db.session() as session:
        assert [b.serial for b in load_ballots(session, meeting_id)] == ["A-0001"]


def test_replacing_a_ballot_onto_another_papers_serial_is_refused(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        add_ballots(session, meeting_id, [a_ballot(seed_meeting, s) for s in ("A-001", "A-002")])
    with db.session() as session, pytest.raises(DataError, match="已经录入过"):
        replace_ballot(session, book(db, meeting_id), "A-002", a_ballot(seed_meeting, "a-01"))
    with db.session() as session:  # rewriting a serial in another form of itself is fine
        replace_ballot(session, book(db, meeting_id), "A-002", a_ballot(seed_meeting, "A-2"))
        assert [b.serial for b in load_ballots(session, meeting_id)] == ["A-001", "A-2"]


def test_double_entry_pairs_two_typings_of_one_paper_written_differently(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        set_double_entry(session, meeting_id, True)
    double = book(db, meeting_id)
    with db.session() as session:
        save_ballot(session, double, a_ballot(seed_meeting, "A-001"), station="甲")
    with db.session() as session:
        second = save_ballot(session, double, a_ballot(seed_meeting, "ａ－１"), station="乙")
    assert second.pass_no == 2 and second.pair is PairState.AGREED
    assert second.serial == "A-001"
    with db.session() as session:
        pairs = entry_pairs(session, double)
        assert [(p.serial, p.state) for p in pairs] == [("A-001", PairState.AGREED)]
        assert [b.serial for b in load_ballots(session, meeting_id)] == ["A-001"]
    with db.session() as session, pytest.raises(DataError, match="已录入两次"):
        save_ballot(session, double, a_ballot(seed_meeting, "A-0001"), station="丙")


def _old_database_with_a_collision(tmp_path: Path, seed_meeting: Meeting) -> tuple[Path, int]:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(sqlite_url(path))
    upgrade(engine, "0001")
    ballots = [a_ballot(seed_meeting, s) for s in ("A-001", "A-002", "A-1")]
    meeting_id = insert_at_0001(engine, seed_meeting, ballots)
    upgrade(engine, "0003")
    engine.dispose()
    return path, meeting_id


def test_serials_that_collided_before_are_kept_and_reported_when_opened(
    tmp_path: Path, seed_meeting: Meeting
) -> None:
    path, meeting_id = _old_database_with_a_collision(tmp_path, seed_meeting)
    db = open_database(path)  # migrates to head
    try:
        assert len(db.serial_collisions) == 1
        collision = db.serial_collisions[0]
        assert collision.serials == ("A-001", "A-1") and collision.meeting_id == meeting_id
        assert "“A-001”、“A-1”" in collision.message()
        assert seed_meeting.title in collision.message()
        with db.session() as session:
            assert [b.serial for b in load_ballots(session, meeting_id)] == [
                "A-001",
                "A-002",
                "A-1",
            ]
        # Still one paper: a third way of writing it is refused.
        with db.session() as session, pytest.raises(DataError, match="已经录入过"):
            add_ballots(session, meeting_id, [a_ballot(seed_meeting, "a-0001")])
        # The clerk deletes the extra one; the report goes away.
        with db.session() as session:
            session.execute(text("DELETE FROM ballot WHERE serial = 'A-1'"))
        with db.session() as session:
            assert serial_collisions(session) == []
    finally:
        db.close()


def test_the_command_line_reports_collisions_on_stderr(
    tmp_path: Path, seed_meeting: Meeting
) -> None:
    path, _ = _old_database_with_a_collision(tmp_path, seed_meeting)
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "--db", str(path), "meeting", "list"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "“A-001”、“A-1”" in done.stderr and "同一张票" in done.stderr


def test_migration_0005_goes_down_and_up_with_collisions(
    tmp_path: Path, seed_meeting: Meeting
) -> None:
    path, meeting_id = _old_database_with_a_collision(tmp_path, seed_meeting)
    engine = make_engine(sqlite_url(path))
    try:
        upgrade(engine, "head")
        command.downgrade(alembic_config(engine), "0003")
        upgrade(engine, "head")
        with Database(engine).session() as session:
            assert [b.serial for b in load_ballots(session, meeting_id)] == [
                "A-001",
                "A-002",
                "A-1",
            ]
            assert len(serial_collisions(session)) == 1
    finally:
        engine.dispose()


def written_as(number: int, width: int, lower: bool, wide: bool) -> str:
    """Serial A-<number> as someone may write it: any width, case, full-width."""
    text = f"a-{number:0{width}d}" if lower else f"A-{number:0{width}d}"
    return "".join(chr(ord(c) + 0xFEE0) for c in text) if wide else text


forms = st.tuples(st.integers(1, 6), st.booleans(), st.booleans())


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(number=st.integers(0, 2000), first=forms, second=forms, double=st.booleans())
def test_any_two_writings_of_one_serial_are_one_paper_in_every_path(
    db: Database,
    seed_meeting: Meeting,
    number: int,
    first: tuple[int, bool, bool],
    second: tuple[int, bool, bool],
    double: bool,
) -> None:
    one, other = written_as(number, *first), written_as(number, *second)
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        if double:
            set_double_entry(session, meeting_id, True)
    desk = book(db, meeting_id)
    with db.session() as session:
        save_ballot(session, desk, a_ballot(seed_meeting, one), station="甲")
    # A CSV import of the other writing is refused, whatever was typed.
    csv = "serial,type," + ",".join(seed_meeting.targets) + "\n"
    csv += f"{other},A" + ",较好" * len(seed_meeting.targets) + "\n"
    with db.session() as session, pytest.raises(DataError, match="已经录入过"):
        add_ballots(session, meeting_id, read_ballots_csv(csv, seed_meeting))
    with db.session() as session:
        if double:  # the second typing of the same paper: agreed, one ballot
            saved = save_ballot(session, desk, a_ballot(seed_meeting, other), station="乙")
            assert saved.pair is PairState.AGREED
        else:
            with pytest.raises(DataError, match="已经录入过"):
                save_ballot(session, desk, a_ballot(seed_meeting, other), station="乙")
    with db.session() as session:
        assert [b.serial for b in load_ballots(session, meeting_id)] == [one]
