"""Comments and speech timing events in a real SQLite file."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting, Speaker
from desktop_app.domain.timing import EventKind, SpeechEvent, speaker_timings
from desktop_app.store.audit import audit_events
from desktop_app.store.database import Database
from desktop_app.store.live import ballot_counts, set_ballot_counts
from desktop_app.store.meetings import save_meeting
from desktop_app.store.models import CommentRow, SpeakerRow, SpeechEventRow
from desktop_app.store.records import add_comment, comments, events, record_event, update_comment

BEIJING = dt.timezone(dt.timedelta(hours=8))
T0 = dt.datetime(2021, 1, 20, 9, 0, tzinfo=BEIJING)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


@pytest.fixture
def meeting_id(db: Database, seed_meeting: Meeting) -> int:
    with db.session() as session:
        return save_meeting(session, seed_meeting)


def count(db: Database, model: type[CommentRow] | type[SpeechEventRow]) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_comments_round_trip(db: Database, meeting_id: int) -> None:
    with db.session() as session:
        first = add_comment(
            session,
            meeting_id,
            target="临海市",
            agenda_index=1,
            author="主持人",
            text="党建引领基层治理成效明显。",
        )
        second = add_comment(
            session,
            meeting_id,
            target=None,
            agenda_index=2,
            author="李梅",
            author_identity="社区党委书记",
            text="希望多听基层声音。",
            station="录入点1",
        )
    with db.session() as session:
        stored = comments(session, meeting_id)
    assert [c.id for c in stored] == [first, second]
    one, two = stored
    assert (one.target, one.agenda_index, one.author, one.author_identity) == (
        "临海市",
        1,
        "主持人",
        "",
    )
    assert one.text == "党建引领基层治理成效明显。"
    assert (two.target, two.agenda_index, two.author_identity) == (None, 2, "社区党委书记")
    assert one.created_at.tzinfo is not None


def test_a_comment_without_item_or_target(db: Database, meeting_id: int) -> None:
    with db.session() as session:
        add_comment(session, meeting_id, target=None, agenda_index=None, text="会议纪律良好")
    with db.session() as session:
        (comment,) = comments(session, meeting_id)
    assert (comment.target, comment.agenda_index, comment.text) == (None, None, "会议纪律良好")


@pytest.mark.parametrize(
    ("target", "agenda_index"), [("不存在的县", 1), ("临海市", 6), ("临海市", -1)]
)
def test_unknown_target_or_item_is_refused_and_nothing_stored(
    db: Database, meeting_id: int, target: str, agenda_index: int
) -> None:
    with pytest.raises(DataError), db.session() as session:
        add_comment(session, meeting_id, target=target, agenda_index=agenda_index, text="x")
    assert count(db, CommentRow) == 0


def test_unknown_meeting_is_refused(db: Database, meeting_id: int) -> None:
    with pytest.raises(DataError, match="99"), db.session() as session:
        add_comment(session, 99, target=None, agenda_index=None, text="x")
    with pytest.raises(DataError), db.session() as session:
        events(session, 99)


def test_update_writes_an_audit_event(db: Database, meeting_id: int) -> None:
    with db.session() as session:
        comment_id = add_comment(
            session, meeting_id, target="青川市", agenda_index=1, text="初稿", station="录入点1"
        )
    with db.session() as session:
        update_comment(session, comment_id, "定稿", station="录入点2")
    with db.session() as session:
        (comment,) = comments(session, meeting_id)
        audit = audit_events(session, meeting_id)
    assert comment.text == "定稿"
    assert [e.action for e in audit] == ["meeting.create", "comment.create", "comment.update"]
    update = audit[-1]
    assert (update.entity, update.entity_key, update.station) == (
        "comment",
        str(comment_id),
        "录入点2",
    )
    assert update.before == {"text": "初稿"}
    assert update.after == {"text": "定稿"}
    assert audit[1].after["target"] == "青川市"


def test_update_of_an_unknown_comment_is_refused(db: Database, meeting_id: int) -> None:
    with pytest.raises(DataError), db.session() as session:
        update_comment(session, 12345, "x")


def test_events_round_trip_in_time_order(db: Database, meeting_id: int) -> None:
    recorded = [
        SpeechEvent(EventKind.ITEM_START, at(0), 0),
        SpeechEvent(EventKind.SPEECH_START, at(5), 0, "周明"),
        SpeechEvent(EventKind.SPEECH_ADJUST, at(100), 0, "周明", 30.0),
        # Recorded late but happened earlier: read back in time order.
        SpeechEvent(EventKind.SPEECH_PAUSE, at(60), 0, "周明"),
        SpeechEvent(EventKind.SPEECH_RESUME, at(70), 0, "周明"),
        SpeechEvent(EventKind.SPEECH_STOP, at(347), 0, "周明"),
        # Two events at the same instant keep the order they were recorded in.
        SpeechEvent(EventKind.SPEECH_ABSENT, at(350), 0, "吴建国"),
        SpeechEvent(EventKind.SPEECH_SKIP, at(350), 0, "郑立"),
        SpeechEvent(EventKind.ITEM_END, at(400), None),
    ]
    with db.session() as session:
        for event in recorded:
            record_event(session, meeting_id, event)
    with db.session() as session:
        stored = events(session, meeting_id)
    expected = sorted(recorded, key=lambda e: e.at)
    assert stored == expected
    assert all(e.at.utcoffset() == dt.timedelta(0) for e in stored)  # back as UTC
    assert stored[0].at == T0
    assert [e.kind for e in stored][6:8] == ["speech_absent", "speech_skip"]


def test_stored_events_give_the_same_timings(
    db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    recorded = [
        SpeechEvent(EventKind.SPEECH_START, at(0), 0, "周明"),
        SpeechEvent(EventKind.SPEECH_STOP, at(312), 0, "周明"),
    ]
    with db.session() as session:
        for event in recorded:
            record_event(session, meeting_id, event)
    with db.session() as session:
        stored = events(session, meeting_id)
    assert speaker_timings(seed_meeting, stored) == speaker_timings(seed_meeting, recorded)
    assert speaker_timings(seed_meeting, stored)[0].overtime_s == 12


@pytest.mark.parametrize(
    "event",
    [
        SpeechEvent(EventKind.SPEECH_START, T0, 0, "无名氏"),
        SpeechEvent(EventKind.ITEM_START, T0, 6),
    ],
)
def test_unknown_speaker_or_item_is_refused_and_nothing_stored(
    db: Database, meeting_id: int, event: SpeechEvent
) -> None:
    with pytest.raises(DataError), db.session() as session:
        record_event(session, meeting_id, event)
    assert count(db, SpeechEventRow) == 0


def test_a_repeated_speaker_name_goes_to_the_first(db: Database, seed_meeting: Meeting) -> None:
    twice = replace(seed_meeting, speakers=(Speaker("周明", "甲"), Speaker("周明", "乙")))
    with db.session() as session:
        meeting_id = save_meeting(session, twice)
        record_event(session, meeting_id, SpeechEvent(EventKind.SPEECH_START, T0, 0, "周明"))
    with db.session() as session:
        (event,) = events(session, meeting_id)
        first_id = session.scalar(
            select(SpeechEventRow.speaker_id).where(SpeechEventRow.meeting_id == meeting_id)
        )
    assert event.speaker == "周明"
    with db.session() as session:
        first = session.scalar(
            select(SpeakerRow.id)
            .where(SpeakerRow.meeting_id == meeting_id)
            .order_by(SpeakerRow.position)
        )
    assert first_id == first


def test_live_event_kinds_round_trip(db: Database, meeting_id: int, seed_meeting: Meeting) -> None:
    first, second = seed_meeting.speakers[0].name, seed_meeting.speakers[1].name
    stored = [
        SpeechEvent(EventKind.SPEECH_REORDER, at(0), 0, second, 0),
        SpeechEvent(EventKind.SPEECH_START, at(1), 0, second),
        SpeechEvent(EventKind.SPEECH_CORRECT_START, at(2), 0, second, 1.5),
        SpeechEvent(EventKind.ITEM_END_EARLY, at(3), 0),
        SpeechEvent(EventKind.SPEECH_NOT_SPOKEN, at(3), 0, first),
    ]
    with db.session() as session:
        for event in stored:
            record_event(session, meeting_id, event)
    with db.session() as session:
        assert [(e.kind, e.speaker, e.value_s) for e in events(session, meeting_id)] == [
            (e.kind, e.speaker, e.value_s) for e in stored
        ]


def test_ballots_issued_and_collected_are_stored_and_audited(db: Database, meeting_id: int) -> None:
    with db.session() as session:
        before = {c.code: (c.issued, c.collected) for c in ballot_counts(session, meeting_id)}
        set_ballot_counts(session, meeting_id, "A", issued=31, collected=30, station="s1")
    assert before["A"][1] is None
    with db.session() as session:
        counts = {c.code: (c.issued, c.collected) for c in ballot_counts(session, meeting_id)}
        assert counts["A"] == (31, 30)
        logged = [e for e in audit_events(session, meeting_id) if e.action == "ballot_type.counts"]
    assert len(logged) == 1
    with db.session() as session, pytest.raises(DataError, match="票种"):
        set_ballot_counts(session, meeting_id, "Z", issued=1, collected=1)
    with db.session() as session, pytest.raises(DataError, match="负数"):
        set_ballot_counts(session, meeting_id, "A", issued=-1, collected=1)
