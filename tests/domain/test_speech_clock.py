"""The speech timer with a fake clock: phases, rounding, pauses, adjustments, late start."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.speech_clock import (
    Phase,
    SpeechClock,
    TimerState,
    format_clock,
)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def make(limit: float = 300) -> tuple[SpeechClock, FakeClock]:
    clock = FakeClock()
    return SpeechClock(limit, clock=clock), clock


def test_idle_timer_shows_the_full_limit() -> None:
    timer, clock = make()
    clock.advance(50)
    assert timer.state is TimerState.IDLE
    assert timer.elapsed() == 0
    assert timer.display() == "5:00"
    assert timer.phase() is Phase.NORMAL


def test_countdown_rounds_up_and_overtime_rounds_down() -> None:
    timer, clock = make()
    timer.start()
    clock.advance(0.4)
    assert timer.display() == "5:00"  # 299.6 s left still shows 5:00
    clock.advance(0.6)
    assert timer.display() == "4:59"
    clock.advance(298.5)
    assert timer.display() == "0:01"  # 0.5 s left is never shown as 0:00
    clock.advance(0.5)
    assert timer.display() == "0:00"
    assert timer.phase() is Phase.OVERTIME
    clock.advance(0.9)
    assert timer.display() == "+0:00"
    clock.advance(0.1)
    assert timer.display() == "+0:01"
    clock.advance(64)
    assert timer.display() == "+1:05"
    assert timer.overtime() == pytest.approx(65)


def test_phases_follow_the_thresholds() -> None:
    timer, clock = make()
    timer.start()
    phases = []
    for _ in range(320):
        phases.append(timer.phase())
        clock.advance(1)
    assert phases[0] is Phase.NORMAL
    assert phases[239] is Phase.NORMAL  # 61 s left
    assert phases[240] is Phase.WARNING  # 60 s left
    assert phases[269] is Phase.WARNING
    assert phases[270] is Phase.FINAL  # 30 s left
    assert phases[299] is Phase.FINAL
    assert phases[300] is Phase.OVERTIME
    # Phases only ever move forward while nothing is adjusted.
    order = list(Phase)
    assert [order.index(p) for p in phases] == sorted(order.index(p) for p in phases)


def test_pauses_do_not_count_as_speaking_time() -> None:
    timer, clock = make()
    timer.toggle()  # start
    clock.advance(100)
    timer.toggle()  # pause
    clock.advance(42)
    assert timer.state is TimerState.PAUSED
    assert timer.elapsed() == pytest.approx(100)
    assert timer.paused_s() == pytest.approx(42)
    timer.toggle()  # resume
    clock.advance(20)
    assert timer.elapsed() == pytest.approx(120)
    assert timer.remaining() == pytest.approx(180)
    assert timer.display() == "3:00"


def test_adjustments_apply_while_running() -> None:
    timer, clock = make()
    timer.start()
    clock.advance(250)
    assert timer.phase() is Phase.WARNING
    timer.adjust(+30)
    assert timer.remaining() == pytest.approx(80)
    assert timer.phase() is Phase.NORMAL
    timer.adjust(-30)
    timer.adjust(-30)
    assert timer.display() == "0:20"
    assert timer.phase() is Phase.FINAL


def test_a_late_start_is_corrected_either_way() -> None:
    timer, clock = make()
    timer.start(late_by_s=5)
    assert timer.elapsed() == pytest.approx(5)
    timer.correct_start(10)
    clock.advance(1)
    assert timer.elapsed() == pytest.approx(16)


def test_stop_freezes_the_figures() -> None:
    timer, clock = make()
    timer.start()
    clock.advance(310)
    timer.stop()
    clock.advance(100)
    assert timer.state is TimerState.STOPPED
    assert timer.elapsed() == pytest.approx(310)
    assert timer.overtime() == pytest.approx(10)
    assert timer.display() == "+0:10"
    timer.toggle()  # Space after stop does nothing
    assert timer.state is TimerState.STOPPED


def test_stopping_while_paused_keeps_the_pause_out() -> None:
    timer, clock = make()
    timer.start()
    clock.advance(60)
    timer.pause()
    clock.advance(30)
    timer.stop()
    assert timer.elapsed() == pytest.approx(60)
    assert timer.paused_s() == pytest.approx(30)


def test_a_timer_cannot_start_twice() -> None:
    timer, _ = make()
    timer.start()
    with pytest.raises(RuntimeError):
        timer.start()


def test_correcting_the_start_of_an_idle_timer_is_refused() -> None:
    timer, _ = make()
    with pytest.raises(RuntimeError):
        timer.correct_start(3)


@pytest.mark.parametrize(
    ("seconds", "up", "down"),
    [
        (0, "0:00", "0:00"),
        (0.2, "0:01", "0:00"),
        (59.99, "1:00", "0:59"),
        (60, "1:00", "1:00"),
        (3599.5, "60:00", "59:59"),
    ],
)
def test_format_clock(seconds: float, up: str, down: str) -> None:
    assert format_clock(seconds, round_up=True) == up
    assert format_clock(seconds, round_up=False) == down


@settings(max_examples=200, deadline=None)
@given(
    limit=st.integers(min_value=1, max_value=1200),
    steps=st.lists(
        st.tuples(
            st.sampled_from(["advance", "toggle", "adjust"]), st.floats(min_value=0, max_value=120)
        ),
        max_size=30,
    ),
)
def test_remaining_is_limit_plus_adjustments_minus_speaking_time(
    limit: int, steps: list[tuple[str, float]]
) -> None:
    timer, clock = make(limit)
    spoken = 0.0
    adjusted = 0.0
    for action, amount in steps:
        if action == "advance":
            if timer.state is TimerState.RUNNING:
                spoken += amount
            clock.advance(amount)
        elif action == "toggle":
            timer.toggle()
        else:
            delta = amount - 60
            timer.adjust(delta)
            adjusted += delta
    assert timer.elapsed() == pytest.approx(spoken, abs=1e-6)
    assert timer.remaining() == pytest.approx(limit + adjusted - spoken, abs=1e-6)
    shown = timer.display()
    if timer.remaining() >= 0:
        assert not shown.startswith("+")
    else:
        assert shown.startswith("+")


def test_restore_puts_an_idle_timer_where_a_stored_speech_stands() -> None:
    speech, clock = make()
    speech.restore(TimerState.RUNNING, started_ago_s=100, paused_s=20)
    assert speech.elapsed() == 80
    clock.advance(1)
    assert speech.elapsed() == 81
    with pytest.raises(RuntimeError):
        speech.restore(TimerState.RUNNING, started_ago_s=1)
    paused, _ = make()
    paused.restore(TimerState.PAUSED, started_ago_s=100, paused_ago_s=30)
    assert (paused.state, paused.elapsed(), paused.paused_s()) == (TimerState.PAUSED, 70, 30)
    with pytest.raises(ValueError):
        make()[0].restore(TimerState.STOPPED, started_ago_s=100)
    with pytest.raises(ValueError):
        make()[0].restore(TimerState.PAUSED, started_ago_s=100)
    untouched, _ = make()
    untouched.restore(TimerState.IDLE, started_ago_s=5)
    assert untouched.state is TimerState.IDLE


@settings(max_examples=300, deadline=None)
@given(
    limit=st.integers(min_value=1, max_value=900),
    spoken=st.floats(min_value=0, max_value=1200),
    adjust=st.sampled_from([0.0, 30.0, -30.0, 12.5]),
)
def test_the_next_change_is_exactly_when_the_display_or_phase_turns_over(
    limit: int, spoken: float, adjust: float
) -> None:
    speech, clock = make(limit)
    speech.start()
    speech.adjust(adjust)
    clock.advance(spoken)
    due = speech.next_change_in()
    assert due is not None and 0 < due <= 1.0 + 1e-9
    shown = (speech.display(), speech.phase())
    if due > 2e-6:
        clock.advance(due - 1e-6)
        assert (speech.display(), speech.phase()) == shown  # nothing changes before
        clock.advance(2e-6)
    else:
        clock.advance(due + 1e-6)
    assert (speech.display(), speech.phase()) != shown  # and something does at the moment


def test_the_next_change_walks_through_every_shown_second_and_phase() -> None:
    speech, clock = make(62)
    speech.start()
    clock.advance(0.25)
    seen = [speech.display()]
    while speech.display() != "+0:02":
        due = speech.next_change_in()
        assert due is not None
        clock.advance(due + 1e-7)
        seen.append(speech.display())
    # Each wake shows a new second, once; the phases (60 s, 30 s, 0) fall on wakes too. The
    # "0:00" of the zero instant is gone by the time a real timer fires: "+0:00" follows it.
    expected = [format_clock(s, round_up=True) for s in range(62, 0, -1)]
    assert seen == [*expected, "+0:00", "+0:01", "+0:02"]
    speech.pause()
    assert speech.next_change_in() is None  # frozen: nothing to wait for
