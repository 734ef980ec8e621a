"""What actually happened on the clock: speech events and the timings rebuilt from them.

The run screen appends a :class:`SpeechEvent` for every press (start, pause, give time…);
nothing else is stored. :func:`speaker_timings` and :func:`item_timings` replay the events
into each speaker's and each agenda item's actual figures, for the minutes and the feedback
sheets. Times are timezone-aware wall-clock datetimes, so a restarted process (or another
machine) replays the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.meeting import AgendaKind, Meeting


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


class SpeakerStatus(StrEnum):
    SPOKEN = "spoken"
    SKIPPED = "skipped"
    ABSENT = "absent"
    NOT_SPOKEN = "not_spoken"
    WRITTEN = "written"  # 书面述职: written report only, never timed


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
        if self.kind is EventKind.SPEECH_ADJUST and self.value_s is None:
            raise ValueError("a speech_adjust event needs value_s")


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
class ItemTiming:
    """An agenda item's actual start and end; None where not recorded."""

    index: int
    title: str
    kind: AgendaKind
    start: dt.datetime | None
    end: dt.datetime | None
    length_s: float | None


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


def item_timings(meeting: Meeting, events: Iterable[SpeechEvent]) -> list[ItemTiming]:
    """Every agenda item's actual start, end and length, in agenda order.

    The start is the first ``item_start`` (else the item's first event of any kind), the
    end the last ``item_end``; the length is known only when both are.
    """
    ordered = _in_order(events)
    timings: list[ItemTiming] = []
    for index, item in enumerate(meeting.agenda):
        own: Sequence[SpeechEvent] = [e for e in ordered if e.agenda_index == index]
        starts = [e.at for e in own if e.kind is EventKind.ITEM_START]
        ends = [e.at for e in own if e.kind is EventKind.ITEM_END]
        start = starts[0] if starts else (own[0].at if own else None)
        end = ends[-1] if ends else None
        length = _seconds(end - start) if start is not None and end is not None else None
        timings.append(ItemTiming(index, item.title, item.kind, start, end, length))
    return timings
