"""What actually happened on the clock: speech events and the timings rebuilt from them.

The run screen appends a :class:`SpeechEvent` for every press (start, pause, give time…);
nothing else is stored. :func:`speaker_timings` and :func:`item_timings` replay the events
into each speaker's and each agenda item's actual figures, for the minutes and the feedback
sheets. Times are timezone-aware wall-clock datetimes, so a restarted process (or another
machine) replays the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.meeting import DEFAULT_SPEECH_LIMIT_S, AgendaKind, Meeting
from desktop_app.domain.speech_clock import Clock, SpeechClock, TimerState
from desktop_app.domain.text import QT_TRANSLATE_NOOP


def planned_s(
    meeting: Meeting, index: int, default_limit_s: int = DEFAULT_SPEECH_LIMIT_S
) -> int | None:
    """Agenda item ``index``'s planned length: the sum of the oral speakers' limits for the
    report speeches, the planned length of a speech, else None (not timed against a plan).
    ``default_limit_s``: a speaker's limit when neither the speaker nor the meeting has one."""
    item = meeting.agenda[index]
    if item.kind is AgendaKind.SPEECHES:
        oral = [s for s in meeting.speakers if not s.written]
        return sum(meeting.speech_limit_s(s, default_limit_s) for s in oral)
    if item.kind is AgendaKind.SPEECH:
        return item.limit_s
    return None


class EventKind(StrEnum):
    """What the operator pressed."""

    ITEM_START = "item_start"  # an agenda item begins
    ITEM_END = "item_end"
    SPEECH_START = "speech_start"
    SPEECH_PAUSE = "speech_pause"
    SPEECH_RESUME = "speech_resume"
    SPEECH_STOP = "speech_stop"
    SPEECH_ADJUST = "speech_adjust"  # value_s: seconds given (positive) or taken (negative)
    SPEECH_SKIP = "speech_skip"  # passed over (may still speak later)
    SPEECH_ABSENT = "speech_absent"  # marked absent
    SPEECH_RETURN = "speech_return"  # a skip or absence taken back: the speaker is due again
    SPEECH_NOT_SPOKEN = "speech_not_spoken"  # the item was ended before this speaker spoke
    SPEECH_CORRECT_START = "speech_correct_start"  # value_s: the speech began so much earlier
    SPEECH_REORDER = "speech_reorder"  # value_s: the speaker's new place in the queue, from 0
    ITEM_END_EARLY = "item_end_early"  # "述职发言就到这里": the speeches item ends early


# Events that must say how many seconds they are about.
_NEEDS_VALUE = (EventKind.SPEECH_ADJUST, EventKind.SPEECH_CORRECT_START, EventKind.SPEECH_REORDER)


class SpeakerStatus(StrEnum):
    SPOKEN = "spoken"
    SKIPPED = "skipped"
    ABSENT = "absent"
    NOT_SPOKEN = "not_spoken"
    WRITTEN = "written"  # 书面述职: written report only, never timed


SPEAKER_STATUS_NAMES: dict[SpeakerStatus, str] = {
    SpeakerStatus.SPOKEN: QT_TRANSLATE_NOOP("Terms", "已发言"),
    SpeakerStatus.SKIPPED: QT_TRANSLATE_NOOP("Terms", "跳过"),
    SpeakerStatus.ABSENT: QT_TRANSLATE_NOOP("Terms", "缺席"),
    SpeakerStatus.NOT_SPOKEN: QT_TRANSLATE_NOOP("Terms", "未发言"),
    SpeakerStatus.WRITTEN: QT_TRANSLATE_NOOP("Terms", "书面述职"),
}
"""What each status is called on the run screen and in the minutes."""


@dataclass(frozen=True)
class SpeechEvent:
    """One press on the run screen, as it happened.

    ``agenda_index`` is the item's position in ``meeting.agenda``; ``speaker`` a speaker's
    name (None for item events and for speeches without a listed speaker). ``kind`` is
    normalised to :class:`EventKind`; ``at`` must be timezone-aware.
    """

    kind: str
    at: dt.datetime
    agenda_index: int | None = None
    speaker: str | None = None
    value_s: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", EventKind(self.kind))
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError(f"SpeechEvent.at must be timezone-aware, got {self.at!r}")
        if self.kind in _NEEDS_VALUE and self.value_s is None:
            raise ValueError(f"a {self.kind} event needs value_s")


@dataclass(frozen=True)
class SpeakerTiming:
    """A speaker's actual figures. Seconds; zero (and no start/end) when not spoken.

    ``limit_s`` is the speaker's limit plus the time given or taken; ``overtime_s`` is what
    the speech ran over it.
    """

    name: str
    target: str | None
    written: bool
    status: SpeakerStatus
    start: dt.datetime | None
    end: dt.datetime | None
    spoken_s: float
    paused_s: float
    limit_s: float
    overtime_s: float


@dataclass(frozen=True)
class Interval:
    """One stretch of time an agenda item was running; ``end`` None: still running (or
    never ended)."""

    start: dt.datetime
    end: dt.datetime | None

    @property
    def length_s(self) -> float | None:
        return None if self.end is None else max(_seconds(self.end - self.start), 0.0)


@dataclass(frozen=True)
class ItemTiming:
    """An agenda item's actual times; None where not recorded.

    ``intervals`` are the stretches it was running, in order: going back to an item (or
    looking at it again) adds one and never changes those before. ``start`` is the first
    one's start, ``end`` the last one's end (None while it runs), ``length_s`` the sum of
    the ended ones (None when none has ended).
    """

    index: int
    title: str
    kind: AgendaKind
    start: dt.datetime | None
    end: dt.datetime | None
    length_s: float | None
    intervals: tuple[Interval, ...] = ()

    def length_at(self, now: dt.datetime) -> float | None:
        """The time it has been running by ``now``, its open stretch included."""
        if not self.intervals:
            return self.length_s
        return sum(max(_seconds((i.end or now) - i.start), 0.0) for i in self.intervals)


def _in_order(events: Iterable[SpeechEvent]) -> list[SpeechEvent]:
    # Stable: events at the same instant keep the order they were recorded in.
    return sorted(events, key=lambda e: e.at)


def _seconds(delta: dt.timedelta) -> float:
    return delta.total_seconds()


@dataclass
class _Replay:
    """One speaker's events replayed in order."""

    start: dt.datetime | None = None
    end: dt.datetime | None = None
    paused_at: dt.datetime | None = None
    paused_s: float = 0.0
    adjust_s: float = 0.0
    mark: SpeakerStatus | None = None  # the last skip/absent mark
    last: dt.datetime | None = None

    def _close_pause(self, at: dt.datetime) -> None:
        if self.paused_at is not None:
            self.paused_s += max(_seconds(at - self.paused_at), 0.0)
            self.paused_at = None

    def apply(self, event: SpeechEvent) -> None:
        kind, at = event.kind, event.at
        self.last = at
        if kind is EventKind.SPEECH_START:
            if self.start is None:
                self.start = at
            elif self.end is not None:
                # Started again after a stop: the same speech goes on; the gap was a pause.
                self.paused_s += max(_seconds(at - self.end), 0.0)
                self.end = None
        elif kind is EventKind.SPEECH_PAUSE:
            if self.start is not None and self.end is None and self.paused_at is None:
                self.paused_at = at
        elif kind is EventKind.SPEECH_RESUME:
            self._close_pause(at)
        elif kind is EventKind.SPEECH_STOP:
            if self.start is not None and self.end is None:
                self._close_pause(at)
                self.end = at
        elif kind is EventKind.SPEECH_ADJUST:
            self.adjust_s += event.value_s or 0.0
        elif kind is EventKind.SPEECH_SKIP:
            self.mark = SpeakerStatus.SKIPPED
        elif kind is EventKind.SPEECH_ABSENT:
            self.mark = SpeakerStatus.ABSENT
        elif kind is EventKind.SPEECH_NOT_SPOKEN:
            self.mark = SpeakerStatus.NOT_SPOKEN
        elif kind is EventKind.SPEECH_RETURN:
            self.mark = None
        elif kind is EventKind.SPEECH_CORRECT_START and self.start is not None:
            self.start -= dt.timedelta(seconds=event.value_s or 0.0)

    def finish(self) -> None:
        """A speech never stopped counts until the speaker's last event."""
        if self.start is not None and self.end is None:
            assert self.last is not None
            self._close_pause(self.last)
            self.end = self.last


def speaker_timings(meeting: Meeting, events: Iterable[SpeechEvent]) -> list[SpeakerTiming]:
    """Every speaker's actual figures, in ``meeting.speakers`` order.

    Events name speakers; when two speakers share a name, the first one gets the events.
    Spoken time is end − start − pauses. A speaker who started has spoken, even after an
    earlier skip; otherwise the last skip/absent mark decides, then the written flag.
    """
    replays: dict[str, _Replay] = {}
    for speaker in meeting.speakers:
        replays.setdefault(speaker.name, _Replay())
    for event in _in_order(events):
        if event.speaker is not None and event.speaker in replays:
            replays[event.speaker].apply(event)

    timings: list[SpeakerTiming] = []
    seen: set[str] = set()
    for speaker in meeting.speakers:
        replay = replays[speaker.name] if speaker.name not in seen else _Replay()
        seen.add(speaker.name)
        replay.finish()
        limit = meeting.speech_limit_s(speaker) + replay.adjust_s
        if replay.start is not None and replay.end is not None:
            status = SpeakerStatus.SPOKEN
            spoken = max(_seconds(replay.end - replay.start) - replay.paused_s, 0.0)
        else:
            spoken = 0.0
            if replay.mark is not None:
                status = replay.mark
            elif speaker.written:
                status = SpeakerStatus.WRITTEN
            else:
                status = SpeakerStatus.NOT_SPOKEN
        timings.append(
            SpeakerTiming(
                name=speaker.name,
                target=speaker.target,
                written=speaker.written,
                status=status,
                start=replay.start,
                end=replay.end,
                spoken_s=spoken,
                paused_s=replay.paused_s,
                limit_s=limit,
                overtime_s=max(spoken - limit, 0.0),
            )
        )
    return timings


def item_intervals(events: Iterable[SpeechEvent], count: int) -> list[list[Interval]]:
    """Each of ``count`` agenda items' running stretches, replayed from the item events.

    An ``item_start`` opens a stretch (a start of the item already running is ignored); the
    item's ``item_end``, or another item's start (one item runs at a time), closes it. An
    end with no stretch open is ignored: a recorded time is never moved. An item passed
    through on the way (Ctrl+→ twice) gets a stretch of a moment, which adds nothing.
    """
    stretches: list[list[Interval]] = [[] for _ in range(count)]
    running: int | None = None
    opened: dt.datetime | None = None

    def close(at: dt.datetime) -> None:
        nonlocal running, opened
        if running is not None and opened is not None:
            stretches[running].append(Interval(opened, at))
        running, opened = None, None

    for event in _in_order(events):
        index = event.agenda_index
        if index is None or not 0 <= index < count:
            continue
        if event.kind is EventKind.ITEM_START:
            if running == index:
                continue
            close(event.at)
            running, opened = index, event.at
        elif event.kind is EventKind.ITEM_END and running == index:
            close(event.at)
    if running is not None and opened is not None:
        stretches[running].append(Interval(opened, None))
    return stretches


def item_timings(meeting: Meeting, events: Iterable[SpeechEvent]) -> list[ItemTiming]:
    """Every agenda item's actual stretches, start, end and length, in agenda order.

    See :func:`item_intervals`. An item with events but no ``item_start`` (recorded before
    the item was begun) starts at its first event and has no length.
    """
    ordered = _in_order(events)
    stretches = item_intervals(ordered, len(meeting.agenda))
    timings: list[ItemTiming] = []
    for index, item in enumerate(meeting.agenda):
        intervals = tuple(stretches[index])
        if intervals:
            start: dt.datetime | None = intervals[0].start
            end = intervals[-1].end
            ended = [i.length_s for i in intervals if i.length_s is not None]
            length = sum(ended) if ended else None
        else:
            own = [e for e in ordered if e.agenda_index == index]
            start, end, length = (own[0].at if own else None), None, None
        timings.append(ItemTiming(index, item.title, item.kind, start, end, length, intervals))
    return timings


# --- the live state: where a (restarted) run screen stands --------------------------------


@dataclass(frozen=True)
class TimerFigures:
    """One timer as its events leave it: when it started (corrected), how long it was
    paused, whether it is paused or stopped now, and the time given or taken."""

    state: TimerState
    start: dt.datetime | None
    paused_s: float  # pauses already over
    paused_at: dt.datetime | None  # paused now, since then
    end: dt.datetime | None
    adjust_s: float

    def spoken_s(self, now: dt.datetime) -> float:
        """Speaking time at ``now`` (pauses excluded)."""
        if self.start is None:
            return 0.0
        until = self.end or self.paused_at or now
        return max(_seconds(until - self.start) - self.paused_s, 0.0)


def timer_figures(events: Iterable[SpeechEvent], *, fresh_after_stop: bool = False) -> TimerFigures:
    """Replay one timer's events (one speaker's, or an item's own timer).

    A start after a stop continues the same speech (the gap counts as a pause), except with
    ``fresh_after_stop``, where it begins a new one: a representative after another.
    """
    replay = _Replay()
    for event in _in_order(events):
        if fresh_after_stop and event.kind is EventKind.SPEECH_START and replay.end is not None:
            replay = _Replay()
        replay.apply(event)
    if replay.start is None:
        state = TimerState.IDLE
    elif replay.end is not None:
        state = TimerState.STOPPED
    elif replay.paused_at is not None:
        state = TimerState.PAUSED
    else:
        state = TimerState.RUNNING
    return TimerFigures(
        state, replay.start, replay.paused_s, replay.paused_at, replay.end, replay.adjust_s
    )


def restore_clock(
    figures: TimerFigures,
    limit_s: float,
    clock: Clock,
    wall_now: dt.datetime,
    *,
    warning_s: float = 60.0,
    final_s: float = 30.0,
) -> SpeechClock:
    """A :class:`SpeechClock` on ``clock`` showing what ``figures`` show at ``wall_now``.

    Stored times are wall-clock; the speech clock is monotonic. Each stored instant becomes
    "so many seconds before now" on the monotonic clock, so a restarted process shows the
    running speech at the right time and keeps counting from there.
    """
    speech = SpeechClock(limit_s, clock, warning_s=warning_s, final_s=final_s)
    speech.adjust(figures.adjust_s)
    if figures.start is None:
        return speech

    def ago(at: dt.datetime) -> float:
        return max(_seconds(wall_now - at), 0.0)

    speech.restore(
        figures.state,
        started_ago_s=ago(figures.start),
        paused_s=figures.paused_s,
        paused_ago_s=None if figures.paused_at is None else ago(figures.paused_at),
        stopped_ago_s=None if figures.end is None else ago(figures.end),
    )
    return speech


@dataclass(frozen=True)
class LiveState:
    """Where the meeting stands, replayed from its events.

    ``item_index``: the agenda item last started (None: the meeting has not begun);
    ``order``: the oral speakers' names in the live queue order; ``marks``: a speaker's
    standing (spoken, skipped, absent, not spoken; missing: still due or speaking now);
    ``current``: the speaker whose timer runs or is paused, else the first one still due.
    """

    item_index: int | None
    meeting_start: dt.datetime | None
    order: tuple[str, ...]
    marks: dict[str, SpeakerStatus]
    current: str | None
    speeches_ended: bool


def speech_order(meeting: Meeting, events: Iterable[SpeechEvent]) -> list[str]:
    """The oral speakers' names, in the meeting's order as reordered live."""
    order: list[str] = []
    for speaker in meeting.speakers:
        if not speaker.written and speaker.name not in order:
            order.append(speaker.name)
    for event in _in_order(events):
        if event.kind is EventKind.SPEECH_REORDER and event.speaker in order:
            order.remove(event.speaker)
            place = min(max(int(event.value_s or 0), 0), len(order))
            order.insert(place, event.speaker)
    return order


def live_state(meeting: Meeting, events: Iterable[SpeechEvent]) -> LiveState:
    """Replay the events into the run screen's state (see :class:`LiveState`)."""
    ordered = _in_order(events)
    order = speech_order(meeting, ordered)
    item_starts = [e for e in ordered if e.kind is EventKind.ITEM_START]
    marks: dict[str, SpeakerStatus] = {}
    active: list[tuple[dt.datetime, str]] = []
    for name in order:
        own = [e for e in ordered if e.speaker == name]
        figures = timer_figures(own)
        if figures.state is TimerState.STOPPED:
            marks[name] = SpeakerStatus.SPOKEN
        elif figures.state is TimerState.IDLE:
            replay = _Replay()
            for event in own:
                replay.apply(event)
            if replay.mark is not None:
                marks[name] = replay.mark
        else:
            active.append((own[-1].at, name))
    if active:
        current: str | None = max(active)[1]
    else:
        current = next((name for name in order if name not in marks), None)
    return LiveState(
        item_index=item_starts[-1].agenda_index if item_starts else None,
        meeting_start=item_starts[0].at if item_starts else None,
        order=tuple(order),
        marks=marks,
        current=current,
        speeches_ended=any(e.kind is EventKind.ITEM_END_EARLY for e in ordered),
    )
