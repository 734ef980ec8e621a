"""The speech timer (述职计时): time from a clock, never from counting timer ticks.

``remaining = limit + adjustments - (now - start - paused)``. The clock is injected: the
window passes a monotonic clock, tests a fake one they move by hand. Countdown display
rounds up (a speaker is never told "0:00" while time is left), overtime rounds down.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from desktop_app.domain.text import translate


class Clock(Protocol):
    """Seconds from an arbitrary origin that never go backwards."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real clock: ``time.monotonic``, immune to the wall clock being changed."""

    def now(self) -> float:
        return time.monotonic()


class TimerState(StrEnum):
    IDLE = "idle"  # not started yet
    RUNNING = "running"
    PAUSED = "paused"
    STOPPED = "stopped"  # finished; the figures are frozen


class Phase(StrEnum):
    """How close the speaker is to the limit; the projector colours follow it."""

    NORMAL = "normal"
    WARNING = "warning"  # default: one minute left
    FINAL = "final"  # default: thirty seconds left
    OVERTIME = "overtime"  # the limit is reached; counts up as +m:ss


def format_clock(seconds: float, *, round_up: bool) -> str:
    """``m:ss`` for a non-negative number of seconds, rounded up or down to the second."""
    whole = math.ceil(seconds - 1e-9) if round_up else math.floor(seconds + 1e-9)
    whole = max(whole, 0)
    return f"{whole // 60}:{whole % 60:02d}"


def duration_text(seconds: int) -> str:
    """300 → "5 分钟", 270 → "4 分 30 秒", 45 → "45 秒"."""
    minutes, rest = divmod(seconds, 60)
    if rest == 0:
        return f"{minutes} 分钟"
    if minutes == 0:
        return f"{rest} 秒"
    return f"{minutes} 分 {rest} 秒"


_CLOCK_FORM = re.compile(r"(?:(\d+):)?(\d+):(\d{1,2})")
_WORDS_FORM = re.compile(
    r"(?:(\d+)\s*(?:小时|时|h))?\s*(?:(\d+)\s*(?:分钟|分|min|m))?\s*(?:(\d+)\s*(?:秒钟|秒|s))?",
    re.IGNORECASE,
)


def parse_duration(text: str) -> int:
    """A length as people type it: ``300`` (seconds), ``4:30``, ``1:05:00``, ``4分钟``,
    ``4分30秒``, ``90秒``, ``5 min``. Raises ValueError with a message for the user."""
    cleaned = text.strip().replace(":", ":").replace(" ", "")
    seconds: int | None = None
    if cleaned.isdigit():
        seconds = int(cleaned)
    elif match := _CLOCK_FORM.fullmatch(cleaned):
        hours, minutes, secs = (int(g) if g else 0 for g in match.groups())
        if secs < 60:
            seconds = hours * 3600 + minutes * 60 + secs
    elif cleaned and (match := _WORDS_FORM.fullmatch(cleaned)) and any(match.groups()):
        hours, minutes, secs = (int(g) if g else 0 for g in match.groups())
        seconds = hours * 3600 + minutes * 60 + secs
    if seconds is None or seconds <= 0:
        raise ValueError(
            translate("Core", "时长应写作 4:00、4分钟、4分30秒 或秒数,实为“{text}”").format(
                text=text.strip()
            )
        )
    return seconds


@dataclass
class SpeechClock:
    """One speaker's countdown. All times are seconds of the injected clock."""

    limit_s: float
    clock: Clock = field(default_factory=MonotonicClock)
    warning_s: float = 60.0
    final_s: float = 30.0
    state: TimerState = TimerState.IDLE
    adjustments_s: float = 0.0
    _started_at: float | None = None
    _paused_at: float | None = None
    _paused_total: float = 0.0
    _stopped_at: float | None = None

    def start(self, *, late_by_s: float = 0.0) -> None:
        """Start now, or ``late_by_s`` seconds ago when the operator started late."""
        if self.state is not TimerState.IDLE:
            raise RuntimeError(f"cannot start a timer that is {self.state}")
        self._started_at = self.clock.now() - late_by_s
        self.state = TimerState.RUNNING

    def pause(self) -> None:
        if self.state is TimerState.RUNNING:
            self._paused_at = self.clock.now()
            self.state = TimerState.PAUSED

    def resume(self) -> None:
        if self.state is TimerState.PAUSED:
            assert self._paused_at is not None
            self._paused_total += self.clock.now() - self._paused_at
            self._paused_at = None
            self.state = TimerState.RUNNING

    def toggle(self) -> None:
        """Space on the run screen: start, pause or resume, whichever fits."""
        if self.state is TimerState.IDLE:
            self.start()
        elif self.state is TimerState.RUNNING:
            self.pause()
        elif self.state is TimerState.PAUSED:
            self.resume()

    def stop(self) -> None:
        if self.state in (TimerState.RUNNING, TimerState.PAUSED):
            self.resume()
            self._stopped_at = self.clock.now()
            self.state = TimerState.STOPPED

    def restore(
        self,
        state: TimerState,
        *,
        started_ago_s: float,
        paused_s: float = 0.0,
        paused_ago_s: float | None = None,
        stopped_ago_s: float | None = None,
    ) -> None:
        """Put an idle timer where a stored speech stands: started ``started_ago_s`` seconds
        ago, ``paused_s`` of finished pauses, paused or stopped so many seconds ago."""
        if self.state is not TimerState.IDLE:
            raise RuntimeError(f"cannot restore a timer that is {self.state}")
        if state is TimerState.IDLE:
            return
        now = self.clock.now()
        self._started_at = now - started_ago_s
        self._paused_total = paused_s
        if state is TimerState.PAUSED:
            if paused_ago_s is None:
                raise ValueError("a paused timer needs paused_ago_s")
            self._paused_at = now - paused_ago_s
        elif state is TimerState.STOPPED:
            if stopped_ago_s is None:
                raise ValueError("a stopped timer needs stopped_ago_s")
            self._stopped_at = now - stopped_ago_s
        self.state = state

    def adjust(self, delta_s: float) -> None:
        """Give (positive) or take (negative) time, at any moment, also while running."""
        self.adjustments_s += delta_s

    def correct_start(self, earlier_by_s: float) -> None:
        """The speaker began ``earlier_by_s`` seconds before the operator pressed start."""
        if self._started_at is None:
            raise RuntimeError("the timer has not started")
        self._started_at -= earlier_by_s

    def paused_s(self) -> float:
        """Time spent paused so far."""
        current = 0.0
        if self.state is TimerState.PAUSED and self._paused_at is not None:
            current = self.clock.now() - self._paused_at
        return self._paused_total + current

    def elapsed(self) -> float:
        """Speaking time so far (pauses excluded); frozen once stopped."""
        if self._started_at is None:
            return 0.0
        if self.state is TimerState.STOPPED:
            assert self._stopped_at is not None
            end = self._stopped_at
        elif self.state is TimerState.PAUSED:
            assert self._paused_at is not None
            end = self._paused_at
        else:
            end = self.clock.now()
        return max(end - self._started_at - self._paused_total, 0.0)

    def remaining(self) -> float:
        """Seconds left; negative in overtime."""
        return self.limit_s + self.adjustments_s - self.elapsed()

    def overtime(self) -> float:
        return max(-self.remaining(), 0.0)

    def phase(self) -> Phase:
        remaining = self.remaining()
        if remaining <= 0:
            return Phase.OVERTIME
        if remaining <= self.final_s:
            return Phase.FINAL
        if remaining <= self.warning_s:
            return Phase.WARNING
        return Phase.NORMAL

    def next_change_in(self) -> float | None:
        """Seconds until :meth:`display` or :meth:`phase` next changes; None while they are
        frozen (not running). The display turns over as the remaining time crosses a whole
        second (counting down and in overtime alike); the phases change at their thresholds.
        The window arms one precise timer for this moment instead of polling."""
        if self.state is not TimerState.RUNNING:
            return None
        remaining = self.remaining()
        if 0.0 <= remaining <= 1e-9:  # "0:00" at zero becomes "+0:00" just after it
            return remaining + 1e-6
        step = remaining - math.floor(remaining)
        if step <= 1e-9:  # on a boundary now (within the display's tolerance): the next one
            step += 1.0
        later = [remaining - t for t in (self.warning_s, self.final_s, 0.0) if remaining - t > 1e-9]
        return min([step, *later])

    def display(self) -> str:
        """What the projector shows: ``4:59`` counting down, ``+0:12`` in overtime."""
        remaining = self.remaining()
        if remaining < 0:
            return "+" + format_clock(-remaining, round_up=False)
        return format_clock(remaining, round_up=True)
