"""Meetings and ballots in the database, and the SQL tally twin of the domain tally."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from desktop_app.domain.ballot_csv import read_ballots_csv
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import (
    BallotType,
    Category,
    Level,
    Meeting,
    MultiMarkRule,
    OverCapRule,
    Rules,
)
from desktop_app.domain.serials import serial_key
from desktop_app.domain.tally import tally, tally_to_dict
from desktop_app.store import ballots as store_ballots
from desktop_app.store.audit import audit_events
from desktop_app.store.ballots import add_ballots, existing_serials, load_ballots
from desktop_app.store.database import Database, open_database
from desktop_app.store.meetings import list_meetings, load_meeting, meeting_ids, save_meeting
from desktop_app.store.models import (
    BallotMarkRow,
    BallotRow,
    BallotSectionRow,
    MeetingRow,
    TargetRow,
)
from desktop_app.store.tally_sql import count_ballots_sql, tally_meeting


def ballot_count(db: Database, meeting_id: int) -> int:
    with db.session() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(BallotRow)
                .where(BallotRow.meeting_id == meeting_id)
            )
            or 0
        )


def row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {
            table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0
            for table in ("ballot", "ballot_mark", "ballot_section")
        }


@pytest.fixture
def meeting_id(db: Database, seed_meeting: Meeting) -> int:
    with db.session() as session:
        return save_meeting(session, seed_meeting, station="录入点1")


@pytest.fixture
def seeded(db: Database, meeting_id: int, seed_ballots: list[Ballot]) -> int:
    with db.session() as session:
        add_ballots(session, meeting_id, seed_ballots, station="录入点1", source="seed.csv")
    return meeting_id


# --- meetings -----------------------------------------------------------------------------


def test_save_and_load_meeting_round_trip(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        loaded = load_meeting(session, meeting_id)
    assert loaded == seed_meeting
    # Order matters and is kept: targets in ballot order, levels best first.
    assert loaded.targets == seed_meeting.targets
    assert loaded.level_labels == ("好", "较好", "一般", "差")
    assert loaded.categories[0].caps == {"好": 11}
    assert loaded.speakers[10].written is True


def test_meeting_with_optional_parts_missing_round_trips(db: Database) -> None:
    meeting = Meeting(
        title="简单会议",
        date=None,
        venue="",
        agenda=(),
        speakers=(),
        levels=(Level("优", 95.5), Level("良", 80), Level("中", 60), Level("差", 0)),
        categories=(
            Category("甲类", ("甲一", "甲二"), {"差": 0, "优": 1}),
            Category("乙类", ("乙一",)),
        ),
        ballot_types=(BallotType("X", "X票"),),
        rules=Rules(MultiMarkRule.VOID_TARGET, OverCapRule.VOID_CATEGORY),
    )
    with db.session() as session:
        meeting_id = save_meeting(session, meeting)
    with db.session() as session:
        loaded = load_meeting(session, meeting_id)
    assert loaded == meeting
    assert list(loaded.categories[0].caps) == ["优", "差"]  # caps in level order
    assert loaded.rules == Rules(MultiMarkRule.VOID_TARGET, OverCapRule.VOID_CATEGORY)


def test_list_meetings(db: Database, seeded: int, seed_meeting: Meeting) -> None:
    other = dataclasses.replace(seed_meeting, title="第二次会议", date=None, venue="礼堂")
    with db.session() as session:
        second = save_meeting(session, other)
        add_ballots(session, second, [Ballot("X-1", "A")])
    with db.session() as session:
        summaries = list_meetings(session)
    assert [(m.id, m.title, m.date, m.venue, m.ballots) for m in summaries] == [
        (second, "第二次会议", "", "礼堂", 1),
        (seeded, seed_meeting.title, "2021-01-20", "市委第一会议室", 178),
    ]


def test_list_meetings_of_an_empty_database(db: Database) -> None:
    with db.session() as session:
        assert list_meetings(session) == []


def test_load_unknown_meeting_raises_data_error(db: Database, meeting_id: int) -> None:
    with db.session() as session:
        with pytest.raises(DataError, match="no meeting with id 999"):
            load_meeting(session, 999)
        with pytest.raises(DataError, match="no meeting with id 999"):
            load_ballots(session, 999)
        with pytest.raises(DataError, match="no meeting with id 999"):
            add_ballots(session, 999, [Ballot("A-1", "A")])
        with pytest.raises(DataError, match="no meeting with id 999"):
            tally_meeting(session, 999)


def test_meeting_create_is_audited(db: Database, meeting_id: int, seed_meeting: Meeting) -> None:
    with db.session() as session:
        events = audit_events(session, meeting_id)
    assert [(e.action, e.station, e.entity, e.entity_key) for e in events] == [
        ("meeting.create", "录入点1", "meeting", str(meeting_id))
    ]
    assert events[0].after["title"] == seed_meeting.title
    assert dt.datetime.fromisoformat(events[0].at).year >= 2024


# --- ballots --------------------------------------------------------------------------------


def test_add_and_load_ballots_in_order(
    db: Database, meeting_id: int, seed_ballots: list[Ballot]
) -> None:
    with db.session() as session:
        assert add_ballots(session, meeting_id, seed_ballots) == 178
    with db.session() as session:
        loaded = load_ballots(session, meeting_id)
        assert existing_serials(session, meeting_id) == {b.serial for b in seed_ballots}
    assert loaded == seed_ballots
    assert [b.serial for b in loaded] == [b.serial for b in seed_ballots]


def test_add_no_ballots_is_a_no_op(db: Database, meeting_id: int) -> None:
    with db.session() as session:
        assert add_ballots(session, meeting_id, []) == 0
    with db.session() as session:
        assert load_ballots(session, meeting_id) == []
        assert [e.action for e in audit_events(session, meeting_id)] == ["meeting.create"]


def test_ballots_stored_with_their_classification(db: Database, meeting_id: int) -> None:
    with db.session() as session:
        targets = load_meeting(session, meeting_id).targets
    ballots = [
        Ballot("T-1", "A", {targets[0]: ("好",), targets[1]: ("较好",)}),
        Ballot("T-2", "A", {targets[0]: ("好", "较好")}),  # multi-mark: void_ballot
        Ballot("T-3", "B", {}),  # blank
        Ballot("T-4", "B", {targets[0]: ("好",)}, "  签名 "),  # by hand, reason stripped
    ]
    with db.session() as session:
        add_ballots(session, meeting_id, ballots)
    with db.session() as session:
        rows = session.execute(
            select(
                BallotRow.serial, BallotRow.status, BallotRow.cause, BallotRow.void_reason
            ).order_by(BallotRow.id)
        ).all()
        counted = session.execute(
            select(BallotRow.serial, func.count())
            .join(BallotMarkRow, BallotMarkRow.ballot_id == BallotRow.id)
            .where(BallotMarkRow.counted.is_(True))
            .group_by(BallotRow.serial)
        ).all()
        sections = session.execute(
            select(BallotRow.serial, func.count())
            .join(BallotSectionRow, BallotSectionRow.ballot_id == BallotRow.id)
            .group_by(BallotRow.serial)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("T-1", "valid", None, ""),
        ("T-2", "void", "multi_mark", ""),
        ("T-3", "blank", None, ""),
        ("T-4", "void", "by_hand", "签名"),
    ]
    assert [tuple(r) for r in counted] == [("T-1", 2)]
    assert [tuple(r) for r in sections] == [("T-1", 2)]


def test_batch_ending_with_an_entered_serial_stores_nothing(
    db: Database, seeded: int, seed_ballots: list[Ballot]
) -> None:
    before = row_counts(db)
    batch = [Ballot("A-9001", "A"), Ballot("A-9002", "B"), seed_ballots[5]]
    with pytest.raises(DataError) as excinfo, db.session() as session:
        add_ballots(session, seeded, batch, source="late.csv", rows=[2, 3, 4])
    assert excinfo.value.column == "serial"
    assert excinfo.value.row == 4
    assert excinfo.value.file == "late.csv"
    assert seed_ballots[5].serial in excinfo.value.message
    assert 'late.csv, row 4, column "serial"' in str(excinfo.value)

    assert ballot_count(db, seeded) == 178
    assert row_counts(db) == before
    with db.session() as session:
        assert "A-9001" not in existing_serials(session, seeded)
        assert [e.action for e in audit_events(session, seeded)] == [
            "meeting.create",
            "ballots.add",
        ]


def test_duplicate_serial_inside_a_batch_is_refused(db: Database, meeting_id: int) -> None:
    batch = [Ballot("A-1", "A"), Ballot("A-2", "A"), Ballot("A-1", "B")]
    with pytest.raises(DataError) as excinfo, db.session() as session:
        add_ballots(session, meeting_id, batch, rows=[2, 3, 4])
    assert (excinfo.value.row, excinfo.value.column) == (4, "serial")
    assert "A-1" in excinfo.value.message
    assert ballot_count(db, meeting_id) == 0


@pytest.mark.parametrize(
    ("ballot", "column"),
    [
        (Ballot("Z-1", "C"), "type"),
        (Ballot("Z-1", "A", {"不存在的单位": ("好",)}), "不存在的单位"),
        (Ballot("Z-1", "A", {"海州大学": ("优秀",)}), "海州大学"),
    ],
)
def test_unknown_type_target_or_level_is_refused(
    db: Database, meeting_id: int, ballot: Ballot, column: str
) -> None:
    with pytest.raises(DataError) as excinfo, db.session() as session:
        add_ballots(session, meeting_id, [Ballot("OK-1", "A"), ballot], rows=[2, 3])
    assert (excinfo.value.row, excinfo.value.column) == (3, column)
    assert ballot_count(db, meeting_id) == 0


@pytest.mark.parametrize(
    ("ballot", "row"),
    [
        (Ballot(" ", "A"), " ,A,,"),
        (Ballot("Z-1", "C"), "Z-1,C,,"),
        (Ballot("Z-1", "A", {"海州大学": ("优秀",)}), "Z-1,A,优秀,"),
    ],
)
def test_a_ballot_stored_and_the_same_ballot_in_a_csv_are_refused_with_one_message(
    db: Database, meeting_id: int, seed_meeting: Meeting, ballot: Ballot, row: str
) -> None:
    with pytest.raises(DataError) as stored, db.session() as session:
        add_ballots(session, meeting_id, [ballot], rows=[2])
    others = ",".join(t for t in seed_meeting.targets if t != "海州大学")
    header = "serial,type,海州大学,void_reason," + others
    text = f"{header}\n{row}{',' * len(seed_meeting.targets[1:])}\n"
    with pytest.raises(DataError) as read:
        read_ballots_csv(text, seed_meeting)
    assert stored.value.message == read.value.message
    assert (stored.value.row, stored.value.column) == (read.value.row, read.value.column)
    assert "本会议" in stored.value.message or "票号为空" in stored.value.message


def test_serial_taken_concurrently_is_refused_and_nothing_is_stored(
    db: Database, seeded: int, seed_ballots: list[Ballot], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another station entered the serial after our check: the unique constraint catches it."""
    before = row_counts(db)
    monkeypatch.setattr(store_ballots, "existing_serials", lambda session, meeting_id: set())
    batch = [Ballot("A-9001", "A"), Ballot("A-9002", "A"), seed_ballots[-1]]
    with pytest.raises(DataError) as excinfo, db.session() as session:
        add_ballots(session, seeded, batch, source="race.csv")
    assert excinfo.value.column == "serial"
    assert excinfo.value.file == "race.csv"
    assert "concurrently" in excinfo.value.message  # the constraint path, not the check
    assert row_counts(db) == before
    with db.session() as session:
        assert "A-9001" not in existing_serials(session, seeded)


@pytest.mark.parametrize("race", [False, True], ids=["checked", "concurrent"])
def test_a_refused_batch_writes_nothing_even_if_the_caller_commits(
    db: Database,
    seeded: int,
    seed_ballots: list[Ballot],
    monkeypatch: pytest.MonkeyPatch,
    race: bool,
) -> None:
    """add_ballots works in the caller's transaction and promises nothing of a refused batch is
    saved ("本次未保存任何票"): a caller that shows the error and carries on (commits) must not
    find half the batch stored."""
    before = row_counts(db)
    if race:
        monkeypatch.setattr(store_ballots, "existing_serials", lambda session, meeting_id: set())
    batch = [Ballot("A-9001", "A"), Ballot("A-9002", "A"), seed_ballots[-1]]
    with db.session() as session, pytest.raises(DataError):
        add_ballots(session, seeded, batch)
        # the caller goes on in the same transaction, which then commits
    assert row_counts(db) == before
    with db.session() as session:
        assert {"A-9001", "A-9002"} & existing_serials(session, seeded) == set()


def test_unique_serial_constraint_is_in_the_database(db: Database, seeded: int) -> None:
    with db.session() as session:
        type_id = meeting_ids(session, seeded).ballot_types["A"]
        serial = load_ballots(session, seeded)[0].serial
    now = dt.datetime.now(dt.UTC)
    row = {
        "meeting_id": seeded,
        "ballot_type_id": type_id,
        "serial": serial,
        "serial_key": serial_key(serial),
        "void_reason": "",
        "status": "blank",
        "cause": None,
        "detail": "",
        "station": "",
        "created_at": now,
        "updated_at": now,
    }
    with pytest.raises(IntegrityError, match="UNIQUE"), db.engine.begin() as conn:
        conn.execute(insert(BallotRow.__table__), row)  # type: ignore[attr-defined]
    assert ballot_count(db, seeded) == 178
    # One paper, one serial: the same serial written another way is refused too.
    other_form = {**row, "serial": serial.lower().replace("-", "-0")}
    with pytest.raises(IntegrityError, match="UNIQUE"), db.engine.begin() as conn:
        conn.execute(insert(BallotRow.__table__), other_form)  # type: ignore[attr-defined]
    # The same insert with a new serial is accepted: the failure above was the serial.
    new = {**row, "serial": "NEW-1", "serial_key": "NEW-1"}
    with db.engine.begin() as conn:
        conn.execute(insert(BallotRow.__table__), new)  # type: ignore[attr-defined]
    assert ballot_count(db, seeded) == 179


def test_same_serial_in_two_meetings_is_fine(
    db: Database, seeded: int, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    with db.session() as session:
        second = save_meeting(session, seed_meeting)
        assert add_ballots(session, second, seed_ballots[:10]) == 10
    with db.session() as session:
        assert load_ballots(session, second) == seed_ballots[:10]
        assert load_ballots(session, seeded) == seed_ballots
    assert ballot_count(db, seeded) == 178
    assert ballot_count(db, second) == 10


def test_ballots_add_is_audited_with_the_station(
    db: Database, meeting_id: int, seed_ballots: list[Ballot]
) -> None:
    with db.session() as session:
        add_ballots(session, meeting_id, seed_ballots, station="二号录入点", source="f.csv")
        add_ballots(session, meeting_id, [Ballot("A-9999", "A")], station="三号录入点")
    with db.session() as session:
        events = audit_events(session, meeting_id)
    assert [(e.action, e.station, e.entity, e.entity_key) for e in events] == [
        ("meeting.create", "录入点1", "meeting", str(meeting_id)),
        ("ballots.add", "二号录入点", "ballot", "178 ballots"),
        ("ballots.add", "三号录入点", "ballot", "A-9999"),
    ]
    assert events[1].after == {
        "source": "f.csv",
        "count": 178,
        "serials": [b.serial for b in seed_ballots],
    }
    assert events[2].after == {"source": None, "count": 1, "serials": ["A-9999"]}


def test_deleting_a_meeting_cascades_to_its_ballots(
    db: Database, seeded: int, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    with db.session() as session:
        other = save_meeting(session, seed_meeting)
        add_ballots(session, other, seed_ballots[:3])
    assert row_counts(db)["ballot"] == 181
    with db.session() as session:
        session.execute(delete(MeetingRow).where(MeetingRow.id == seeded))
    with db.session() as session:
        assert ballot_count(db, seeded) == 0
        remaining_targets = session.scalar(
            select(func.count()).select_from(TargetRow).where(TargetRow.meeting_id == seeded)
        )
        assert remaining_targets == 0
        assert [m.id for m in list_meetings(session)] == [other]
        assert load_ballots(session, other) == seed_ballots[:3]
    counts = row_counts(db)
    assert counts["ballot"] == 3
    with db.session() as session:
        marks_left = session.scalar(select(func.count()).select_from(BallotMarkRow))
        expected = sum(len(labels) for b in seed_ballots[:3] for labels in b.marks.values())
        assert marks_left == expected
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []


# --- the SQL tally is the twin of the domain tally --------------------------------------------


def test_sql_tally_of_the_seed(
    db: Database,
    seeded: int,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
    seed_tally: dict[str, object],
) -> None:
    with db.session() as session:
        result = tally_meeting(session, seeded)
    assert result == tally(seed_meeting, seed_ballots)
    assert tally_to_dict(result) == seed_tally


def test_sql_tally_counts_only_its_own_meeting(
    db: Database,
    seeded: int,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
    seed_tally: dict[str, object],
) -> None:
    with db.session() as session:
        other = save_meeting(session, seed_meeting)
        add_ballots(session, other, seed_ballots[:20])
    with db.session() as session:
        assert tally_to_dict(tally_meeting(session, seeded)) == seed_tally
        assert tally_meeting(session, other) == tally(seed_meeting, seed_ballots[:20])
        counts = count_ballots_sql(session, other)
    assert sum(counts.statuses.values()) == 20


def test_sql_tally_of_a_meeting_without_ballots(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        result = tally_meeting(session, meeting_id)
    assert result == tally(seed_meeting, [])
    assert all(s.entered == 0 for s in result.ballots.values())
    assert all(t.rank is None and t.score is None for c in result.categories for t in c.targets)


LABELS = ("好", "较好", "一般", "差")


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    n_levels = draw(st.integers(1, 4))
    labels = LABELS[:n_levels]
    scores = sorted(
        draw(st.lists(st.integers(0, 100), min_size=n_levels, max_size=n_levels, unique=True)),
        reverse=True,
    )
    categories = []
    for c in range(draw(st.integers(1, 3))):
        targets = tuple(f"单位{c}{i}" for i in range(draw(st.integers(1, 4))))
        caps = draw(st.dictionaries(st.sampled_from(labels), st.integers(0, 2)))
        categories.append(Category(f"类别{c}", targets, caps))
    types = tuple(
        BallotType(
            code,
            f"{code}票",
            draw(st.sampled_from([0.25, 0.4, 0.6, 1.0, 3.0])),
            draw(st.none() | st.integers(0, 8)),
        )
        for code in "ABC"[: draw(st.integers(1, 3))]
    )
    rules = Rules(draw(st.sampled_from(MultiMarkRule)), draw(st.sampled_from(OverCapRule)))
    return Meeting(
        title="随机会议",
        date=draw(st.none() | st.just(dt.date(2021, 1, 20))),
        venue="",
        agenda=(),
        speakers=(),
        levels=tuple(Level(lb, float(s)) for lb, s in zip(labels, scores, strict=True)),
        categories=tuple(categories),
        ballot_types=types,
        rules=rules,
    )


@st.composite
def meetings_and_ballots(draw: st.DrawFn) -> tuple[Meeting, list[Ballot]]:
    meeting = draw(meetings())
    labels = meeting.level_labels
    # Mostly single marks, some blanks and multi-marks (over caps follow from the small caps).
    single = st.sampled_from(labels).map(lambda label: (label,))
    options = [st.just(()), single, single]
    if len(labels) > 1:
        options.append(
            st.lists(st.sampled_from(labels), min_size=2, max_size=len(labels), unique=True).map(
                lambda ticked: tuple(lb for lb in labels if lb in ticked)
            )
        )
    cell = st.one_of(options)
    ballots = []
    for i in range(draw(st.integers(0, 12))):
        marks = {t: ticked for t in meeting.targets if (ticked := draw(cell))}
        ballots.append(
            Ballot(
                f"S-{i:03d}",
                draw(st.sampled_from([t.code for t in meeting.ballot_types])),
                marks,
                draw(st.sampled_from(["", "", "", "", "签名"])),
            )
        )
    return meeting, ballots


@pytest.fixture(scope="module")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database at head, copied for each example (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(path).close()
    return path


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=meetings_and_ballots())
def test_sql_tally_equals_domain_tally(
    case: tuple[Meeting, list[Ballot]], migrated_template: Path
) -> None:
    meeting, ballots = case
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "example.sqlite3"
        shutil.copyfile(migrated_template, path)
        db = open_database(path)
        try:
            with db.session() as session:
                meeting_id = save_meeting(session, meeting)
                add_ballots(session, meeting_id, ballots)
            with db.session() as session:
                assert load_meeting(session, meeting_id) == meeting
                assert load_ballots(session, meeting_id) == ballots
                assert tally_meeting(session, meeting_id) == tally(meeting, ballots)
        finally:
            db.close()
