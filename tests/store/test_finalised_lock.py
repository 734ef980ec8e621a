"""After finalising nothing that changes a result can change, through every path: the setup
screen's save (level renames, unit renames, issued), the counts issued and collected, the
ballots; the meeting's name, date, venue, agenda and speakers stay editable."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Level, Meeting
from desktop_app.domain.setup import finalised_changes
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database
from desktop_app.store.entry import BallotBook, finalise, unlock
from desktop_app.store.integrity import verify_meeting
from desktop_app.store.live import ballot_counts, set_ballot_counts
from desktop_app.store.meetings import load_meeting, save_meeting
from desktop_app.store.setup import update_meeting


@pytest.fixture
def finalised(db: Database, seed_meeting: Meeting, seed_ballots: list[Ballot]) -> int:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        add_ballots(session, meeting_id, seed_ballots)
        set_ballot_counts(session, meeting_id, "A", issued=30, collected=29)
    with db.session() as session:
        finalise(session, BallotBook.load(session, meeting_id), station="主持")
    return meeting_id


def swapped_labels(meeting: Meeting) -> Meeting:
    first, *middle, last = meeting.levels
    return dataclasses.replace(
        meeting,
        levels=(Level(last.label, first.score), *middle, Level(first.label, last.score)),
        categories=tuple(dataclasses.replace(c, caps={}) for c in meeting.categories),
    )


def edits(meeting: Meeting) -> dict[str, Meeting]:
    category = meeting.categories[0]
    return {
        "levels[0].label": swapped_labels(meeting),
        "levels[0].label rename": dataclasses.replace(
            meeting, levels=(Level("优", meeting.levels[0].score), *meeting.levels[1:])
        ),
        "categories": dataclasses.replace(
            meeting,
            categories=(
                dataclasses.replace(category, targets=("改名市", *category.targets[1:])),
                *meeting.categories[1:],
            ),
        ),
        "categories[0].name": dataclasses.replace(
            meeting,
            categories=(dataclasses.replace(category, name="第一类"), *meeting.categories[1:]),
        ),
        "ballot_types[0].issued": dataclasses.replace(
            meeting,
            ballot_types=(
                dataclasses.replace(meeting.ballot_types[0], issued=99),
                *meeting.ballot_types[1:],
            ),
        ),
        "ballot_types[0].label": dataclasses.replace(
            meeting,
            ballot_types=(
                dataclasses.replace(meeting.ballot_types[0], label="甲票"),
                *meeting.ballot_types[1:],
            ),
        ),
    }


@pytest.mark.parametrize(
    "edit",
    [
        "levels[0].label",
        "levels[0].label rename",
        "categories",
        "categories[0].name",
        "ballot_types[0].issued",
        "ballot_types[0].label",
    ],
)
def test_result_changes_are_refused_while_finalised(
    db: Database, finalised: int, edit: str
) -> None:
    with db.session() as session:
        before = load_meeting(session, finalised)
    new = edits(before)[edit]
    assert finalised_changes(before, new)
    with pytest.raises(DataError, match="评议票已定稿") as refused, db.session() as session:
        update_meeting(session, finalised, new)
    assert refused.value.field == edit.split()[0]
    with db.session() as session:
        assert load_meeting(session, finalised) == before
        assert verify_meeting(session, finalised).problems == []


def test_name_date_venue_agenda_speakers_stay_editable(
    db: Database, finalised: int, seed_meeting: Meeting
) -> None:
    new = dataclasses.replace(
        seed_meeting,
        title="改正后的名称",
        venue="市委第二会议室",
        speakers=seed_meeting.speakers[::-1],
        agenda=seed_meeting.agenda[:-1],
    )
    with db.session() as session:
        update_meeting(session, finalised, new)
    with db.session() as session:
        assert load_meeting(session, finalised).title == "改正后的名称"
        assert verify_meeting(session, finalised).problems == []


def test_counts_issued_and_collected_are_refused_while_finalised(
    db: Database, finalised: int
) -> None:
    with pytest.raises(DataError, match="评议票已定稿"), db.session() as session:
        set_ballot_counts(session, finalised, "A", issued=30, collected=30)
    with db.session() as session:  # the same numbers again are no change, and pass
        set_ballot_counts(session, finalised, "A", issued=30, collected=29)
        counts = {c.code: (c.issued, c.collected) for c in ballot_counts(session, finalised)}
        assert counts["A"] == (30, 29)


def test_after_unlocking_the_same_changes_go_through(db: Database, finalised: int) -> None:
    with db.session() as session:
        unlock(session, finalised, reason="发出票数记错", station="主持")
        set_ballot_counts(session, finalised, "A", issued=31, collected=29)
        before = load_meeting(session, finalised)
        update_meeting(session, finalised, edits(before)["ballot_types[0].label"])
    with db.session() as session:
        assert load_meeting(session, finalised).ballot_types[0].label == "甲票"


def test_a_speaker_moved_to_a_new_unit_that_takes_the_freed_id_keeps_it(
    db: Database, seed_meeting: Meeting
) -> None:
    """Found by the roster fuzz: the last unit replaced by a new one (SQLite gives the new
    row the freed id) while its speaker moves to the new unit; the database had set the
    speaker's unit to NULL on the delete, and the ORM saw "no change" and never wrote it."""
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    last = seed_meeting.categories[-1]
    old_unit = last.targets[-1]
    speaker = next(s for s in seed_meeting.speakers if s.target == old_unit)
    new = dataclasses.replace(
        seed_meeting,
        categories=(
            *seed_meeting.categories[:-1],
            dataclasses.replace(last, targets=(*last.targets[:-1], "新设单位")),
        ),
        speakers=tuple(
            dataclasses.replace(s, target="新设单位") if s == speaker else s
            for s in seed_meeting.speakers
        ),
    )
    with db.session() as session:
        update_meeting(session, meeting_id, new)
    with db.session() as session:
        assert load_meeting(session, meeting_id) == new
