"""The speaker's clock on a phone (手机计时页): what the page shows, and who may ask for it.

The run screen's projector view becomes a JSON snapshot. A running clock travels as a *start
mark* — the server clock's reading at which its speaking time was zero — plus the time
allowed; the page adds its own estimate of the server clock (its monotonic clock plus an
offset measured by round trips) and computes the digits itself. So it never counts ticks,
and it keeps good time through a dropped connection. A clock that is not running (paused,
stopped, held, idle) travels as the text shown, which does not change with time.

The snapshot carries what the room sees on the projector and the agenda's planned and
actual times for the chair; nothing else of the meeting (no ballots, no comments).

:func:`route` decides every request to the page's server: the token first, then the
method (only GET), then the resource.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop_app.domain.speech_clock import Phase, SpeechClock, TimerState

SNAPSHOT_VERSION = 1
MARK_DIGITS = 3  # marks to the millisecond: a running clock's snapshot stays equal


@dataclass(frozen=True)
class Running:
    """A running clock: speaking time = server clock - ``start_mark``."""

    start_mark: float
    allowed_s: float  # limit plus adjustments
    count_up: bool
    warning_s: float
    final_s: float


@dataclass(frozen=True)
class Display:
    """What the projector shows at one moment, with the clock as a mark when it runs."""

    title: str
    subtitle: str = ""
    next_up: str = ""
    item: str = ""  # the agenda item on screen
    timed: bool = False
    text: str = ""  # the digits shown now; the page computes them itself while running
    phase: Phase | None = None  # None: nothing running (slate)
    progress: float = 0.0
    paused: bool = False
    message: str = ""
    blackout: bool = False
    running: Running | None = None


@dataclass(frozen=True)
class AgendaLine:
    """One agenda item for the chair: planned length, actual start and length."""

    number: int
    title: str
    planned_s: int | None
    started: str  # local "HH:MM", "" when not begun
    length_s: float | None  # a finished item's length
    since_mark: float | None  # the current item: server-clock mark at which it began
    current: bool


def running_clock(speech: SpeechClock | None, *, count_up: bool, now: float) -> Running | None:
    """The start mark of ``speech`` when it runs; None when its time stands still."""
    if speech is None or speech.state is not TimerState.RUNNING:
        return None
    return Running(
        start_mark=round(now - speech.elapsed(), MARK_DIGITS),
        allowed_s=speech.limit_s + speech.adjustments_s,
        count_up=count_up,
        warning_s=speech.warning_s,
        final_s=speech.final_s,
    )


def agenda_line(
    number: int,
    title: str,
    *,
    planned_s: int | None,
    started: str,
    length_s: float | None,
    running_for_s: float | None,
    current: bool,
    now: float,
) -> AgendaLine:
    """An agenda line; ``running_for_s`` (the current item's time so far) becomes a mark."""
    since = None if running_for_s is None else round(now - running_for_s, MARK_DIGITS)
    return AgendaLine(number, title, planned_s, started, length_s, since, current)


def snapshot(display: Display, agenda: Sequence[AgendaLine] = ()) -> dict[str, Any]:
    """The JSON object the page receives. Equal inputs give equal snapshots, whatever the
    time, so the server sends one only when something other than time changed."""
    running = display.running
    return {
        "version": SNAPSHOT_VERSION,
        "title": display.title,
        "subtitle": display.subtitle,
        "next_up": display.next_up,
        "item": display.item,
        "timed": display.timed,
        # While running the page computes these; sending them would change every second.
        "text": "" if running else display.text,
        "phase": None if running or display.phase is None else display.phase.value,
        "progress": 0.0 if running else round(display.progress, 4),
        "paused": display.paused,
        "message": display.message,
        "blackout": display.blackout,
        "running": None
        if running is None
        else {
            "start_mark": running.start_mark,
            "allowed_s": running.allowed_s,
            "count_up": running.count_up,
            "warning_s": running.warning_s,
            "final_s": running.final_s,
        },
        "agenda": [
            {
                "number": line.number,
                "title": line.title,
                "planned_s": line.planned_s,
                "started": line.started,
                "length_s": None if line.length_s is None else round(line.length_s, 1),
                "since_mark": line.since_mark,
                "current": line.current,
            }
            for line in agenda
        ],
    }


# --- who may ask -----------------------------------------------------------------------------
class Resource(StrEnum):
    """What the server hands out; the path after the token names it."""

    SPEAKER = ""  # the page for the lectern
    CHAIR = "chair"  # the same clock with the agenda
    SCRIPT = "lectern.js"
    STYLE = "lectern.css"
    TIME = "time"  # the server clock, for the page's offset
    STATE = "state"  # the current snapshot
    SOCKET = "ws"  # the websocket that pushes snapshots


@dataclass(frozen=True)
class Route:
    """The answer to one request: a status, and the resource when it is 200."""

    status: int
    resource: Resource | None = None


FORBIDDEN = Route(403)
NOT_FOUND = Route(404)
NOT_ALLOWED = Route(405)


def new_token() -> str:
    """A fresh secret for the page's address (one per meeting)."""
    return secrets.token_urlsafe(12)


def route(method: str, target: str, token: str) -> Route:
    """``/<token>/<resource>``: without the right token 403, whatever else is asked; with it,
    anything but GET 405 (the page has no way to write), an unknown resource 404."""
    path = target.split("?", 1)[0].split("#", 1)[0]
    parts = path.split("/")
    if len(parts) != 3 or parts[0] != "" or not token:
        return FORBIDDEN
    if not hmac.compare_digest(parts[1].encode(), token.encode()):
        return FORBIDDEN
    if method != "GET":
        return NOT_ALLOWED
    try:
        return Route(200, Resource(parts[2]))
    except ValueError:
        return NOT_FOUND
