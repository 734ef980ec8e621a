"""Updating a stored meeting in place: ids kept, protection once ballots exist, audit."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import AgendaItem, AgendaKind, Category, Level, Meeting, Speaker
from desktop_app.domain.roster import apply_roster, read_roster
from desktop_app.domain.setup import default_meeting
from desktop_app.domain.timing import EventKind, SpeechEvent
from desktop_app.store.audit import audit_events
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database
from desktop_app.store.meetings import load_meeting, load_meeting_and_ids, save_meeting
from desktop_app.store.models import BallotRow, CommentRow
from desktop_app.store.records import add_comment, record_event
from desktop_app.store.setup import ballot_count, copy_meeting, update_meeting
from desktop_app.store.transfer import read_table_file, write_roster_file

AT = dt.datetime(2021, 1, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def meeting_id(db: Database, seed_meeting: Meeting) -> int:
    with db.session() as session:
        return save_meeting(session, seed_meeting)


def update(db: Database, meeting_id: int, new: Meeting) -> Meeting:
    with db.session() as session:
        update_meeting(session, meeting_id, new, station="s1")
    with db.session() as session:
        return load_meeting(session, meeting_id)


def test_free_edit_without_ballots_keeps_ids(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        _, before = load_meeting_and_ids(session, meeting_id)
    first, second = seed_meeting.categories
    moved = first.targets[0]
    new = dataclasses.replace(
        seed_meeting,
        title="改过的会议",
        agenda=(*reversed(seed_meeting.agenda),),
        levels=(*reversed(seed_meeting.levels),),
        categories=(
            Category("高校", (*second.targets, moved), {"差": 2}),
            Category("新的一类", tuple(reversed(first.targets[1:])), {}),
        ),
        speakers=(Speaker("新人", "书记", moved), *seed_meeting.speakers[1:]),
    )
    assert update(db, meeting_id, new) == new
    with db.session() as session:
        _, after = load_meeting_and_ids(session, meeting_id)
    # Targets and levels keep their rows, so anything recorded against them still points right.
    assert after.targets == before.targets
    assert after.levels == before.levels
    events = audit_events_for(db, meeting_id)
    assert events[-1].action == "meeting.update"
    assert events[-1].station == "s1"
    assert events[-1].before["title"] == seed_meeting.title
    assert events[-1].after["meeting"]["title"] == "改过的会议"


def audit_events_for(db: Database, meeting_id: int):  # type: ignore[no-untyped-def]
    with db.session() as session:
        return audit_events(session, meeting_id)


def test_unchanged_meeting_writes_nothing(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    n = len(audit_events_for(db, meeting_id))
    update(db, meeting_id, seed_meeting)
    assert len(audit_events_for(db, meeting_id)) == n


@pytest.fixture
def with_ballots(db: Database, meeting_id: int, seed_ballots: list[Ballot]) -> int:
    with db.session() as session:
        add_ballots(session, meeting_id, seed_ballots[:20])
    return meeting_id


def test_safe_edits_once_ballots_exist(
    db: Database, with_ballots: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        assert ballot_count(session, with_ballots) == 20
        _, before = load_meeting_and_ids(session, with_ballots)
    new = dataclasses.replace(
        seed_meeting,
        title="改正错字",
        venue="市委第二会议室",
        agenda=(*seed_meeting.agenda, AgendaItem(AgendaKind.SPEECH, "补充讲话")),
        speakers=tuple(dataclasses.replace(s, post=s.post + "(代)") for s in seed_meeting.speakers),
        levels=(Level("优", 100), *seed_meeting.levels[1:]),
        categories=tuple(
            dataclasses.replace(c, caps={"优": c.caps["好"]}) for c in seed_meeting.categories
        ),
        ballot_types=tuple(
            dataclasses.replace(t, label=t.label + "!", issued=999)
            for t in seed_meeting.ballot_types
        ),
    )
    assert update(db, with_ballots, new) == new
    with db.session() as session:
        _, after = load_meeting_and_ids(session, with_ballots)
        assert session.scalar(select(func.count()).select_from(BallotRow)) == 20
    assert after.levels["优"] == before.levels["好"]


@pytest.mark.parametrize(
    "change",
    [
        lambda m: dataclasses.replace(m, levels=(Level("好", 90), *m.levels[1:])),
        lambda m: dataclasses.replace(
            m, categories=(m.categories[0], dataclasses.replace(m.categories[1], caps={"好": 2}))
        ),
        lambda m: dataclasses.replace(
            m,
            categories=(
                m.categories[0],
                dataclasses.replace(m.categories[1], targets=m.categories[1].targets[:-1]),
            ),
        ),
        lambda m: dataclasses.replace(
            m, ballot_types=(dataclasses.replace(m.ballot_types[0], weight=1.0), m.ballot_types[1])
        ),
    ],
    ids=["score", "cap", "target", "weight"],
)
def test_counting_edits_refused_once_ballots_exist(
    db: Database, with_ballots: int, seed_meeting: Meeting, change
) -> None:  # type: ignore[no-untyped-def]
    n = len(audit_events_for(db, with_ballots))
    new = dataclasses.replace(change(seed_meeting), title="同时改名")
    with pytest.raises(DataError, match="已录入评议票") as info:
        update(db, with_ballots, new)
    assert info.value.field
    with db.session() as session:
        assert load_meeting(session, with_ballots) == seed_meeting  # nothing half-changed
    assert len(audit_events_for(db, with_ballots)) == n


def test_removing_a_commented_target_is_refused(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    second = seed_meeting.categories[1]
    with db.session() as session:
        add_comment(session, meeting_id, target=second.targets[-1], agenda_index=1, text="好")
    new = dataclasses.replace(
        seed_meeting,
        categories=(
            seed_meeting.categories[0],
            dataclasses.replace(second, targets=second.targets[:-1]),
        ),
    )
    with pytest.raises(DataError, match="已有点评"):
        update(db, meeting_id, new)
    # Renaming the agenda item the comment is on is fine: its row stays.
    renamed = dataclasses.replace(
        seed_meeting,
        agenda=tuple(
            dataclasses.replace(a, title="点评") if i == 1 else a
            for i, a in enumerate(seed_meeting.agenda)
        ),
    )
    assert update(db, meeting_id, renamed) == renamed
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(CommentRow)) == 1


def test_removing_a_timed_speaker_is_refused(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    first = seed_meeting.speakers[0]
    with db.session() as session:
        record_event(session, meeting_id, SpeechEvent(EventKind.SPEECH_START, AT, 0, first.name))
    with pytest.raises(DataError, match="计时记录"):
        update(
            db, meeting_id, dataclasses.replace(seed_meeting, speakers=seed_meeting.speakers[1:])
        )
    with pytest.raises(DataError, match="计时记录"):
        update(db, meeting_id, dataclasses.replace(seed_meeting, agenda=seed_meeting.agenda[1:]))
    reordered = dataclasses.replace(seed_meeting, speakers=(*reversed(seed_meeting.speakers),))
    assert update(db, meeting_id, reordered) == reordered


def test_copy_meeting_has_structure_but_no_ballots(
    db: Database, with_ballots: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        copy_id = copy_meeting(session, with_ballots, title="2021年度会议")
    with db.session() as session:
        copy = load_meeting(session, copy_id)
        assert ballot_count(session, copy_id) == 0
    assert copy.title == "2021年度会议"
    assert copy.categories == seed_meeting.categories
    assert copy.speakers == seed_meeting.speakers
    assert all(t.issued is None for t in copy.ballot_types)


def test_template_meeting_stores_and_updates(db: Database) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, default_meeting("新会议"))
    roster = read_roster(
        [["单位", "姓名"], ["甲县", "张三"], ["乙县", "李四"]],
        default_category=default_meeting().categories[0].name,
    )
    new = apply_roster(default_meeting("新会议"), roster)
    assert update(db, meeting_id, new) == new


def test_roster_file_round_trip(tmp_path: Path, seed_meeting: Meeting) -> None:
    path = tmp_path / "名单.xlsx"
    write_roster_file(seed_meeting, path)
    cells = read_table_file(path)
    assert cells[0][:4] == ["顺序", "姓名", "职务", "单位"]
    roster = read_roster(cells, default_category=seed_meeting.categories[0].name)
    assert roster.clean, roster.problems
    again = apply_roster(seed_meeting, roster)
    assert again == seed_meeting
    book = openpyxl.load_workbook(path)
    assert book.active is not None and book.active.title == "名单"


def test_table_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DataError, match="无法读取 Excel") as info:
        read_table_file(bad)
    assert info.value.file == str(bad)
    with pytest.raises(DataError, match="不支持"):
        read_table_file(tmp_path / "x.doc")
    csv_path = tmp_path / "r.csv"
    csv_path.write_text("\ufeff单位,姓名\n甲县,张三\n", "utf-8")
    assert read_table_file(csv_path) == [["单位", "姓名"], ["甲县", "张三"]]


def test_swapped_labels_once_ballots_exist_are_renames(
    db: Database, with_ballots: int, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        _, before = load_meeting_and_ids(session, with_ballots)
    first, second = seed_meeting.levels[:2]
    new = dataclasses.replace(
        seed_meeting,
        levels=(
            Level(second.label, first.score),
            Level(first.label, second.score),
            *seed_meeting.levels[2:],
        ),
        categories=tuple(
            dataclasses.replace(c, caps={second.label: c.caps[first.label]})
            for c in seed_meeting.categories
        ),
    )
    assert update(db, with_ballots, new) == new
    with db.session() as session:
        _, after = load_meeting_and_ids(session, with_ballots)
    # The row that held 好 (score 100) keeps score 100 under its new name.
    assert after.levels[second.label] == before.levels[first.label]


def test_a_first_typing_under_double_entry_also_locks(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    from desktop_app.store.models import BallotEntryRow

    with db.session() as session:
        _, ids = load_meeting_and_ids(session, meeting_id)
        session.add(
            BallotEntryRow(
                meeting_id=meeting_id,
                serial="A-001",
                pass_no=1,
                ballot_type_id=ids.ballot_types["A"],
            )
        )
    with db.session() as session:
        assert ballot_count(session, meeting_id) == 1
    new = dataclasses.replace(seed_meeting, levels=seed_meeting.levels[:3])
    with pytest.raises(DataError, match="等次的数目改变"):
        update(db, meeting_id, new)
