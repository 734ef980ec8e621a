"""Speaker and agenda item timings replayed from hand-made events."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from desktop_app.domain.meeting import AgendaKind, Meeting, Speaker
from desktop_app.domain.speech_clock import TimerState
from desktop_app.domain.timing import (
    EventKind,
    Interval,
    SpeakerStatus,
    SpeechEvent,
    item_timings,
    live_state,
    planned_s,
    restore_clock,
    speaker_timings,
    speech_order,
    timer_figures,
)

T0 = dt.datetime(2021, 1, 20, 1, 0, tzinfo=dt.UTC)


class FakeClock:
    def __init__(self, t: float = 0.0) -> None:
        self.t = t

    def now(self) -> float:
        return self.t


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def ev(
    kind: EventKind,
    seconds: float,
    speaker: str | None = None,
    *,
    item: int | None = 0,
    value: float | None = None,
) -> SpeechEvent:
    return SpeechEvent(kind, at(seconds), item, speaker, value)


@pytest.fixture
def meeting(seed_meeting: Meeting) -> Meeting:
    """The seed agenda with four speakers: two speak, one writes, one has a 240 s limit."""
    return replace(
        seed_meeting,
        speakers=(
            Speaker("甲", "甲县委书记", "临海市"),
            Speaker("乙", "乙县委书记", "青川市", limit_s=240),
            Speaker("丙", "开发区党工委书记", "经济技术开发区", written=True),
            Speaker("丁", "丁县委书记", "东岭县"),
        ),
    )


def by_name(meeting: Meeting, events: list[SpeechEvent]) -> dict[str, object]:
    return {t.name: t for t in speaker_timings(meeting, events)}


def test_a_plain_speech(meeting: Meeting) -> None:
    甲 = speaker_timings(
        meeting, [ev(EventKind.SPEECH_START, 0, "甲"), ev(EventKind.SPEECH_STOP, 290, "甲")]
    )[0]
    assert 甲.status is SpeakerStatus.SPOKEN
    assert (甲.start, 甲.end) == (at(0), at(290))
    assert 甲.spoken_s == 290
    assert 甲.limit_s == 300  # the speeches item's limit
    assert 甲.overtime_s == 0
    assert 甲.target == "临海市"


def test_pauses_are_not_speaking_time(meeting: Meeting) -> None:
    events = [
        ev(EventKind.SPEECH_START, 0, "甲"),
        ev(EventKind.SPEECH_PAUSE, 100, "甲"),
        ev(EventKind.SPEECH_RESUME, 160, "甲"),
        ev(EventKind.SPEECH_PAUSE, 200, "甲"),
        ev(EventKind.SPEECH_STOP, 230, "甲"),  # stopped while paused: the pause ends there
    ]
    甲 = speaker_timings(meeting, events)[0]
    assert 甲.paused_s == 90
    assert 甲.spoken_s == 140
    assert 甲.end == at(230)


def test_adjustments_change_the_limit_and_the_overtime(meeting: Meeting) -> None:
    events = [
        ev(EventKind.SPEECH_START, 0, "乙"),
        ev(EventKind.SPEECH_ADJUST, 10, "乙", value=60),
        ev(EventKind.SPEECH_ADJUST, 20, "乙", value=-30),
        ev(EventKind.SPEECH_STOP, 282, "乙"),
    ]
    乙 = speaker_timings(meeting, events)[1]
    assert 乙.limit_s == 240 + 60 - 30  # the speaker's own limit, plus what was given
    assert 乙.spoken_s == 282
    assert 乙.overtime_s == 12


def test_overtime_without_adjustment(meeting: Meeting) -> None:
    events = [ev(EventKind.SPEECH_START, 0, "甲"), ev(EventKind.SPEECH_STOP, 312.5, "甲")]
    甲 = speaker_timings(meeting, events)[0]
    assert 甲.overtime_s == pytest.approx(12.5)


def test_statuses_skip_absent_written_and_not_spoken(meeting: Meeting) -> None:
    events = [ev(EventKind.SPEECH_SKIP, 0, "甲"), ev(EventKind.SPEECH_ABSENT, 5, "乙")]
    timings = speaker_timings(meeting, events)
    assert [t.name for t in timings] == ["甲", "乙", "丙", "丁"]
    assert [t.status for t in timings] == ["skipped", "absent", "written", "not_spoken"]
    for timing in timings:
        assert timing.spoken_s == 0 and timing.overtime_s == 0
        assert timing.start is None and timing.end is None
    assert timings[2].written


def test_a_skipped_speaker_who_speaks_later_has_spoken(meeting: Meeting) -> None:
    events = [
        ev(EventKind.SPEECH_SKIP, 0, "甲"),
        ev(EventKind.SPEECH_START, 400, "甲"),
        ev(EventKind.SPEECH_STOP, 500, "甲"),
    ]
    甲 = speaker_timings(meeting, events)[0]
    assert 甲.status is SpeakerStatus.SPOKEN
    assert 甲.spoken_s == 100


def test_a_speech_never_stopped_counts_until_its_last_event(meeting: Meeting) -> None:
    events = [
        ev(EventKind.SPEECH_START, 0, "丁"),
        ev(EventKind.SPEECH_PAUSE, 50, "丁"),
        ev(EventKind.SPEECH_RESUME, 70, "丁"),
        ev(EventKind.SPEECH_ADJUST, 120, "丁", value=30),
        ev(EventKind.ITEM_END, 999, None),  # not the speaker's event
    ]
    丁 = speaker_timings(meeting, events)[3]
    assert 丁.status is SpeakerStatus.SPOKEN
    assert 丁.end == at(120)
    assert 丁.spoken_s == 100
    assert 丁.limit_s == 330


def test_events_out_of_order_are_replayed_by_time(meeting: Meeting) -> None:
    events = [ev(EventKind.SPEECH_STOP, 200, "甲"), ev(EventKind.SPEECH_START, 20, "甲")]
    assert speaker_timings(meeting, events)[0].spoken_s == 180


def test_a_start_after_a_stop_continues_the_speech(meeting: Meeting) -> None:
    events = [
        ev(EventKind.SPEECH_START, 0, "甲"),
        ev(EventKind.SPEECH_STOP, 100, "甲"),
        ev(EventKind.SPEECH_START, 130, "甲"),
        ev(EventKind.SPEECH_STOP, 200, "甲"),
    ]
    甲 = speaker_timings(meeting, events)[0]
    assert (甲.spoken_s, 甲.paused_s, 甲.end) == (170, 30, at(200))


def test_events_of_unknown_speakers_are_ignored(meeting: Meeting) -> None:
    events = [ev(EventKind.SPEECH_START, 0, "路人"), ev(EventKind.SPEECH_STOP, 10, "路人")]
    assert all(t.status != "spoken" for t in speaker_timings(meeting, events))


def test_a_repeated_name_gives_the_events_to_the_first(meeting: Meeting) -> None:
    twice = replace(meeting, speakers=(Speaker("甲"), Speaker("甲")))
    events = [ev(EventKind.SPEECH_START, 0, "甲"), ev(EventKind.SPEECH_STOP, 10, "甲")]
    first, second = speaker_timings(twice, events)
    assert first.status is SpeakerStatus.SPOKEN and first.spoken_s == 10
    assert second.status is SpeakerStatus.NOT_SPOKEN


def test_item_timings(meeting: Meeting) -> None:
    events = [
        ev(EventKind.ITEM_START, 0, item=0),
        ev(EventKind.SPEECH_START, 5, "甲", item=0),
        ev(EventKind.ITEM_END, 1800, item=0),
        ev(EventKind.ITEM_START, 1810, item=1),
        ev(EventKind.ITEM_END, 2400, item=1),
        ev(EventKind.ITEM_END, 2410, item=1),  # ended twice: a recorded end never moves
        ev(EventKind.SPEECH_START, 3000, item=3),  # no item_start: its first event starts it
    ]
    items = item_timings(meeting, events)
    assert [i.title for i in items] == [a.title for a in meeting.agenda]
    assert items[0].kind is AgendaKind.SPEECHES
    assert (items[0].start, items[0].end, items[0].length_s) == (at(0), at(1800), 1800)
    assert items[1].length_s == 590  # 1810 to its first end at 2400
    assert (items[2].start, items[2].end, items[2].length_s) == (None, None, None)
    assert (items[3].start, items[3].end, items[3].length_s) == (at(3000), None, None)
    assert all(i.start is None for i in items[4:])
    assert [i.index for i in items] == list(range(len(meeting.agenda)))


def test_no_events_at_all(meeting: Meeting) -> None:
    assert all(i.length_s is None for i in item_timings(meeting, []))
    assert [t.status for t in speaker_timings(meeting, [])] == [
        "not_spoken",
        "not_spoken",
        "written",
        "not_spoken",
    ]


def test_events_are_checked() -> None:
    assert SpeechEvent("speech_start", T0).kind is EventKind.SPEECH_START
    with pytest.raises(ValueError):
        SpeechEvent("speech_explode", T0)
    with pytest.raises(ValueError):
        SpeechEvent(EventKind.SPEECH_START, dt.datetime(2021, 1, 20, 9, 0))
    with pytest.raises(ValueError):
        SpeechEvent(EventKind.SPEECH_ADJUST, T0, 0, "甲")


# --- live events: correct start, not spoken, return, reorder ------------------------------


def test_a_corrected_start_moves_the_start_earlier(meeting: Meeting) -> None:
    events = [
        ev(EventKind.SPEECH_START, 20, "甲"),
        ev(EventKind.SPEECH_CORRECT_START, 25, "甲", value=20),
        ev(EventKind.SPEECH_STOP, 300, "甲"),
    ]
    甲 = speaker_timings(meeting, events)[0]
    assert 甲.start == at(0)
    assert 甲.spoken_s == 300


def test_ending_early_marks_not_spoken_and_a_return_undoes_a_skip(meeting: Meeting) -> None:
    events = [
        ev(EventKind.SPEECH_SKIP, 0, "甲"),
        ev(EventKind.SPEECH_RETURN, 5, "甲"),
        ev(EventKind.SPEECH_SKIP, 6, "乙"),
        ev(EventKind.ITEM_END_EARLY, 10),
        ev(EventKind.SPEECH_NOT_SPOKEN, 10, "丁"),
    ]
    timings = by_name(meeting, events)
    assert timings["甲"].status is SpeakerStatus.NOT_SPOKEN  # type: ignore[attr-defined]
    assert timings["乙"].status is SpeakerStatus.SKIPPED  # type: ignore[attr-defined]
    assert timings["丁"].status is SpeakerStatus.NOT_SPOKEN  # type: ignore[attr-defined]
    assert live_state(meeting, events).speeches_ended


@pytest.mark.parametrize(
    "kind", [EventKind.SPEECH_ADJUST, EventKind.SPEECH_CORRECT_START, EventKind.SPEECH_REORDER]
)
def test_events_about_an_amount_need_one(kind: EventKind) -> None:
    with pytest.raises(ValueError, match="needs value_s"):
        SpeechEvent(kind, at(0), 0, "甲")


def test_reorders_replay_into_the_live_order(meeting: Meeting) -> None:
    assert speech_order(meeting, []) == ["甲", "乙", "丁"]  # the written speaker is apart
    events = [
        ev(EventKind.SPEECH_REORDER, 0, "丁", value=0),
        ev(EventKind.SPEECH_REORDER, 1, "甲", value=99),  # clamped to the end
    ]
    assert speech_order(meeting, events) == ["丁", "乙", "甲"]


def test_live_state_finds_the_item_and_the_speaker_now_speaking(meeting: Meeting) -> None:
    assert live_state(meeting, []).item_index is None
    assert live_state(meeting, []).current == "甲"
    events = [
        ev(EventKind.ITEM_START, 0, item=0),
        ev(EventKind.SPEECH_START, 1, "甲"),
        ev(EventKind.SPEECH_STOP, 200, "甲"),
        ev(EventKind.SPEECH_SKIP, 201, "乙"),
        ev(EventKind.SPEECH_START, 202, "丁"),
        ev(EventKind.SPEECH_PAUSE, 250, "丁"),
    ]
    state = live_state(meeting, events)
    assert state.item_index == 0
    assert state.meeting_start == at(0)
    assert state.marks == {"甲": SpeakerStatus.SPOKEN, "乙": SpeakerStatus.SKIPPED}
    assert state.current == "丁"
    # Once 丁 has stopped too, nobody is due: no current speaker.
    done = live_state(meeting, [*events, ev(EventKind.SPEECH_STOP, 260, "丁")])
    assert done.current is None


def test_timer_figures_and_a_restored_clock_agree(meeting: Meeting) -> None:
    events = [
        ev(EventKind.SPEECH_START, 0, "甲"),
        ev(EventKind.SPEECH_ADJUST, 10, "甲", value=30),
        ev(EventKind.SPEECH_PAUSE, 100, "甲"),
        ev(EventKind.SPEECH_RESUME, 130, "甲"),
    ]
    figures = timer_figures(events)
    assert figures.state is TimerState.RUNNING
    assert figures.spoken_s(at(200)) == 170
    clock = FakeClock(1000.0)
    speech = restore_clock(figures, 300, clock, at(200))
    assert speech.state is TimerState.RUNNING
    assert speech.elapsed() == pytest.approx(170)
    assert speech.remaining() == pytest.approx(160)  # 300 + 30 - 170
    clock.t += 5
    assert speech.elapsed() == pytest.approx(175)

    paused = restore_clock(
        timer_figures([*events, ev(EventKind.SPEECH_PAUSE, 150, "甲")]), 300, clock, at(200)
    )
    assert paused.state is TimerState.PAUSED
    assert paused.elapsed() == pytest.approx(120)
    paused.resume()
    clock.t += 10
    assert paused.elapsed() == pytest.approx(130)

    stopped = restore_clock(
        timer_figures([*events, ev(EventKind.SPEECH_STOP, 150, "甲")]), 300, clock, at(400)
    )
    assert stopped.state is TimerState.STOPPED
    assert stopped.elapsed() == pytest.approx(120)
    idle = restore_clock(timer_figures([]), 300, clock, at(0))
    assert idle.state is TimerState.IDLE and idle.remaining() == 300


def test_a_fresh_timer_after_a_stop_for_one_representative_after_another() -> None:
    events = [
        ev(EventKind.SPEECH_START, 0),
        ev(EventKind.SPEECH_STOP, 100),
        ev(EventKind.SPEECH_START, 160),
    ]
    assert timer_figures(events).paused_s == 60  # one speech with a gap
    fresh = timer_figures(events, fresh_after_stop=True)
    assert (fresh.start, fresh.paused_s, fresh.state) == (at(160), 0, TimerState.RUNNING)


def test_passing_through_the_agenda_never_rewrites_an_items_time(meeting: Meeting) -> None:
    """Back to item 1 and forward again: item 1 gets a second stretch, item 2's first
    stretch keeps its end, and each length is the time the item was running."""
    events = [
        ev(EventKind.ITEM_START, 0, item=0),
        ev(EventKind.ITEM_END, 600, item=0),
        ev(EventKind.ITEM_START, 600, item=1),
        ev(EventKind.ITEM_END, 645, item=1),  # 集中点评 0:45
        ev(EventKind.ITEM_START, 645, item=2),
        ev(EventKind.ITEM_END, 700, item=2),
        ev(EventKind.ITEM_START, 700, item=1),  # Ctrl+← twice: a look at item 2 again...
        ev(EventKind.ITEM_END, 730, item=1),
        ev(EventKind.ITEM_START, 730, item=2),  # ...then forward to where the meeting is
        ev(EventKind.ITEM_START, 740, item=2),  # started again while running: no new stretch
    ]
    items = item_timings(meeting, events)
    first, second, third = items[0], items[1], items[2]
    assert first.intervals == (Interval(at(0), at(600)),) and first.length_s == 600
    assert second.intervals == (Interval(at(600), at(645)), Interval(at(700), at(730)))
    assert (second.start, second.end, second.length_s) == (at(600), at(730), 75)
    assert third.intervals == (Interval(at(645), at(700)), Interval(at(730), None))
    assert (third.end, third.length_s) == (None, 55)  # running again: its end is not known
    assert third.length_at(at(800)) == 55 + 70
    # An item passed through on the way (Ctrl+→ twice) gets a moment that adds nothing.
    passing = [ev(EventKind.ITEM_START, 700, item=3), ev(EventKind.ITEM_START, 700.4, item=4)]
    passed = item_timings(meeting, [*events[:5], *passing])
    assert passed[2].intervals == (Interval(at(645), at(700)),)
    assert passed[3].intervals == (Interval(at(700), at(700.4)),)
    # Another item's start closes a stretch left open (one item runs at a time).
    moved = item_timings(
        meeting, [ev(EventKind.ITEM_START, 0, item=0), ev(EventKind.ITEM_START, 90, item=3)]
    )
    assert moved[0].intervals == (Interval(at(0), at(90)),)
    # Adding stretches later never changes those already there.
    later = item_timings(
        meeting,
        [*events, ev(EventKind.ITEM_END, 900, item=2), ev(EventKind.ITEM_START, 900, item=1)],
    )
    assert later[1].intervals[:2] == second.intervals
    assert later[0] == first


def test_the_planned_length_of_each_kind_of_item(meeting: Meeting) -> None:
    kinds = [item.kind for item in meeting.agenda]
    speeches, speech = kinds.index(AgendaKind.SPEECHES), kinds.index(AgendaKind.SPEECH)
    limit = meeting.speech_limit_s(meeting.speakers[0])
    assert planned_s(meeting, speeches) == limit + 240 + limit  # 丙 writes, does not speak
    assert planned_s(meeting, speeches, default_limit_s=1) == limit + 240 + limit
    no_limits = replace(meeting, agenda=tuple(replace(a, limit_s=None) for a in meeting.agenda))
    assert planned_s(no_limits, speeches, default_limit_s=100) == 100 + 240 + 100
    assert planned_s(meeting, speech) is None  # counts up
    timed = replace(meeting.agenda[speech], limit_s=600)
    agenda = (*meeting.agenda[:speech], timed, *meeting.agenda[speech + 1 :])
    assert planned_s(replace(meeting, agenda=agenda), speech) == 600
    assert planned_s(meeting, kinds.index(AgendaKind.BALLOT)) is None
