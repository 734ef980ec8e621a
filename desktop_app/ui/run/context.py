"""What every panel of the run screen shares: the meeting, the clocks, and the recorder.

The recorder writes through the meeting's :class:`~desktop_app.ui.session.MeetingSession`
(which announces ``changed("run")``, or ``changed("counts")`` for the ballot item's counts).

Every press is committed at once, on the GUI thread (a SQLite commit takes milliseconds),
so a killed process loses nothing that was shown.

Every write of the run screen goes through :meth:`LiveContext.guard`: a refused write (a
full disk, read-only media, a locked or unreachable database, a finalised meeting) never
raises out of a Qt slot. It is reported once, through ``LiveContext.report`` (the run
screen's status line), and raised to the caller as :class:`NotSaved` so the caller can put
the screen back as the database has it:

- a timer press (start, pause, stop, ±, a correction, skip, absent, reorder) that could not
  be stored is *refused*: it is stored before the clock on screen follows it, so a refused
  one leaves the timer as the stored events have it, and the status line says the press was
  not recorded. An operator in front of the room would rather
  see at once that the clock did not start than trust a clock whose record would be missing
  after a restart; once there is room, pressing again (and L, 补记开始时间, for the seconds
  lost) gives the right record. Nothing on screen ever diverges silently from the record.
- a comment that could not be stored stays in its box, marked unsaved, and is stored by the
  next attempt (more typing, leaving the box, moving on, or any later successful write).
- counts issued/collected and agenda moves are stored whole or not at all (one transaction).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlmodel import Session

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import DEFAULT_SPEECH_LIMIT_S, Meeting, Speaker
from desktop_app.domain.records import Comment
from desktop_app.domain.speech_clock import Clock
from desktop_app.domain.timing import EventKind, SpeechEvent
from desktop_app.store.records import add_comment, comments, events, record_event, update_comment
from desktop_app.ui.session import RUN, MeetingSession

WallClock = Callable[[], dt.datetime]
T = TypeVar("T")


class NotSaved(Exception):
    """A run-screen write was refused and rolled back; already reported to the operator.

    ``error`` is the store's own error (:class:`~desktop_app.store.database.StorageFailure`,
    :class:`~desktop_app.store.database.DatabaseUnavailable` or another :class:`DataError`).
    """

    def __init__(self, error: DataError) -> None:
        super().__init__(error.message)
        self.error = error


def _ignore(_what: str, _error: DataError | None) -> None:
    pass


def _nothing() -> None:
    pass


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class LiveContext:
    """One meeting on the run screen: where to write and which clocks to read."""

    session: MeetingSession
    meeting: Meeting  # the session's, when the run screen opened it
    station: str
    clock: Clock  # monotonic: what the timers count with
    wall_clock: WallClock  # timezone-aware: what the events are stamped with
    started: bool = False  # an agenda item has been started (the meeting is under way)
    current_item: int = 0
    warning_s: float = 60.0  # the timers' thresholds and default limit (设置)
    final_s: float = 30.0
    default_limit_s: int = DEFAULT_SPEECH_LIMIT_S
    # report(what, error): a write of ``what`` failed (error) or, error None, writes work again
    report: Callable[[str, DataError | None], None] = field(default=_ignore, repr=False)
    recovered: Callable[[], None] = field(default=_nothing, repr=False)  # retry what is pending
    failing: bool = False  # the last write failed
    # What a refused press / comment says on the status line (set by the run screen, translated)
    press_text: str = field(default="", repr=False)
    comment_text: str = field(default="", repr=False)

    @property
    def meeting_id(self) -> int:
        return self.session.meeting_id

    def write(self, what: str, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one transaction: all of it is stored, or nothing (see
        :meth:`guard`); the session announces ``changed("run")``."""
        return self.guard(what, lambda: self.session.write(work, RUN))

    def set_counts(self, what: str, code: str, issued: int | None, collected: int | None) -> None:
        """Ballots issued and collected through the session's one write path (see
        :meth:`guard`); the session announces ``changed("counts")``."""
        self.guard(
            what,
            lambda: self.session.set_counts(code, issued=issued, collected=collected),
        )

    def guard(self, what: str, write: Callable[[], T]) -> T:
        """The one place the run screen writes (``write`` is one of the session's writes).

        A refused write is reported (``report``) and raised as :class:`NotSaved`; the first
        write that succeeds after a failure reports that writing works again and lets the
        screen retry what is pending (``recovered``).
        """
        try:
            result = write()
        except DataError as exc:
            self.failing = True
            self.report(what, exc)
            raise NotSaved(exc) from exc
        if self.failing:
            self.failing = False
            self.report(what, None)
            self.recovered()
        return result

    def speech_limit_s(self, speaker: Speaker) -> int:
        return self.meeting.speech_limit_s(speaker, self.default_limit_s)

    def record(
        self,
        kind: EventKind,
        agenda_index: int | None,
        speaker: str | None = None,
        value_s: float | None = None,
    ) -> SpeechEvent:
        """Store one press at once. The first press of the meeting also starts its item.
        Raises :class:`NotSaved` (reported) when it could not be stored."""
        event = SpeechEvent(kind, self.wall_clock(), agenda_index, speaker, value_s)
        self.record_all([event])
        return event

    def record_all(self, events: Iterable[SpeechEvent], what: str = "") -> None:
        """Store ``events`` in one transaction (all or none); see :meth:`record`."""
        events = list(events)

        def work(session: Session) -> None:
            if not self.started and events and events[0].kind is not EventKind.ITEM_START:
                start = SpeechEvent(EventKind.ITEM_START, events[0].at, self.current_item)
                record_event(session, self.meeting_id, start)
            for event in events:
                record_event(session, self.meeting_id, event)

        self.write(what or self.press_text, work)
        self.started = True

    def events(self) -> list[SpeechEvent]:
        return self.session.read(lambda session: events(session, self.meeting_id))

    def comments(self) -> list[Comment]:
        return self.session.read(lambda session: comments(session, self.meeting_id))

    def add_comment(
        self,
        agenda_index: int,
        target: str | None,
        text: str,
        *,
        author: str = "",
        author_identity: str = "",
    ) -> int:
        return self.write(
            self.comment_text,
            lambda session: add_comment(
                session,
                self.meeting_id,
                target=target,
                agenda_index=agenda_index,
                author=author,
                author_identity=author_identity,
                text=text,
                station=self.station,
            ),
        )

    def update_comment(self, comment_id: int, text: str) -> None:
        self.write(
            self.comment_text,
            lambda session: update_comment(session, comment_id, text, station=self.station),
        )
