"""Fakes for the run-screen tests: a clock that moves only by hand, a silent sound player."""

from __future__ import annotations

import datetime as dt

T0 = dt.datetime(2021, 1, 20, 1, 0, tzinfo=dt.UTC)  # 09:00 in Beijing


class FakeClock:
    """Monotonic seconds and the wall clock, moved together by hand."""

    def __init__(self) -> None:
        self.t = 5000.0
        self.wall_origin = T0

    def now(self) -> float:
        return self.t

    def wall(self) -> dt.datetime:
        return self.wall_origin + dt.timedelta(seconds=self.t - 5000.0)

    def advance(self, seconds: float) -> None:
        self.t += seconds


class FakeSounds:
    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, name: str) -> None:
        self.played.append(name)
