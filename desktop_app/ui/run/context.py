"""What every panel of the run screen shares: the meeting, the clocks, and the recorder.

Every press is committed at once, on the GUI thread (a SQLite commit takes milliseconds),
so a killed process loses nothing that was shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from desktop_app.domain.meeting import DEFAULT_SPEECH_LIMIT_S, Meeting, Speaker
from desktop_app.domain.records import Comment
from desktop_app.domain.speech_clock import Clock
from desktop_app.domain.timing import EventKind, SpeechEvent
from desktop_app.store.database import Database
from desktop_app.store.records import add_comment, comments, events, record_event, update_comment

WallClock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class LiveContext:
    """One meeting on the run screen: where to write and which clocks to read."""

    db: Database
    meeting_id: int
    meeting: Meeting
    station: str
    clock: Clock  # monotonic: what the timers count with
    wall_clock: WallClock  # timezone-aware: what the events are stamped with
    started: bool = False  # an agenda item has been started (the meeting is under way)
    current_item: int = 0
    warning_s: float = 60.0  # the timers' thresholds and default limit (设置)
    final_s: float = 30.0
    default_limit_s: int = DEFAULT_SPEECH_LIMIT_S

    def speech_limit_s(self, speaker: Speaker) -> int:
        return self.meeting.speech_limit_s(speaker, self.default_limit_s)

    def record(
        self,
        kind: EventKind,
        agenda_index: int | None,
        speaker: str | None = None,
        value_s: float | None = None,
    ) -> SpeechEvent:
        """Store one press at once. The first press of the meeting also starts its item."""
        event = SpeechEvent(kind, self.wall_clock(), agenda_index, speaker, value_s)
        with self.db.session() as session:
            if not self.started and kind is not EventKind.ITEM_START:
                start = SpeechEvent(EventKind.ITEM_START, event.at, self.current_item)
                record_event(session, self.meeting_id, start)
            record_event(session, self.meeting_id, event)
        self.started = True
        return event

    def events(self) -> list[SpeechEvent]:
        with self.db.session() as session:
            return events(session, self.meeting_id)

    def comments(self) -> list[Comment]:
        with self.db.session() as session:
            return comments(session, self.meeting_id)

    def add_comment(
        self,
        agenda_index: int,
        target: str | None,
        text: str,
        *,
        author: str = "",
        author_identity: str = "",
    ) -> int:
        with self.db.session() as session:
            return add_comment(
                session,
                self.meeting_id,
                target=target,
                agenda_index=agenda_index,
                author=author,
                author_identity=author_identity,
                text=text,
                station=self.station,
            )

    def update_comment(self, comment_id: int, text: str) -> None:
        with self.db.session() as session:
            update_comment(session, comment_id, text, station=self.station)
