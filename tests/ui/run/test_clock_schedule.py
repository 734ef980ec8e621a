"""The run screen does not poll: each refresh arms one precise timer for the next moment
something shown must change (the speech clock's next second or phase, the meeting clock's
next second, the overtime flash). Fake clocks throughout; nothing sleeps."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from run_fakes import T0, FakeClock, FakeSounds

from desktop_app.domain.speech_clock import Phase
from desktop_app.ui.run import RunScreen
from desktop_app.ui.run.sounds import END, WARNING


def _armed(screen: RunScreen) -> int:
    assert screen.ticker.isActive()
    return screen.ticker.interval()


def test_each_refresh_arms_the_timer_for_the_next_second_of_the_speech_or_the_wall_clock(
    screen: RunScreen, clock: FakeClock
) -> None:
    clock.wall_origin += dt.timedelta(seconds=0.2)  # the wall clock's seconds turn 0.2 s early
    screen.ticker.start()
    screen.set_projector_visible(True)
    assert screen.projector is not None
    screen.speeches.toggle()  # 5:00 starts at t = 5000.0
    clock.advance(0.3)
    screen.refresh()
    assert screen.ticker.timerType() is Qt.TimerType.PreciseTimer
    assert _armed(screen) == 500  # the wall clock's next second (5000.8) comes first
    clock.advance(0.5)
    screen.refresh()
    assert screen.speeches.face.text() == "5:00"
    assert _armed(screen) == 200  # then the speech's: 4:59 at 5001.0, not a poll later
    clock.advance(0.2)
    screen.refresh()
    assert screen.speeches.face.text() == "4:59"
    assert screen.projector.digits.text() == "4:59"  # the projector turns over at the same wake
    assert _armed(screen) == 800


def test_phase_changes_and_the_overtime_flash_are_scheduled_too(
    screen: RunScreen, clock: FakeClock, sounds: FakeSounds
) -> None:
    screen.wall_clock = lambda: T0  # a frozen meeting clock: only the speech's changes count
    screen.ticker.start()
    screen.speeches.toggle()
    clock.advance(239.6)  # 60.4 s left: the warning phase begins in 0.4 s
    screen.refresh()
    assert _armed(screen) == 400
    clock.advance(0.4)
    screen.refresh()
    assert screen.speeches.timer is not None
    assert screen.speeches.timer.phase() is Phase.WARNING
    assert sounds.played == [WARNING]
    clock.advance(59.5)  # 0.5 s left
    screen.refresh()
    assert _armed(screen) == 500
    clock.advance(0.5)  # zero: overtime, the chime and the flash begin
    screen.refresh()
    assert sounds.played == [WARNING, END]
    assert _armed(screen) == 1  # "0:00" becomes "+0:00" just after zero
    clock.advance(0.001)
    screen.refresh()
    assert screen.speeches.face.text() == "+0:00"
    assert _armed(screen) == 199  # the flash's next half-beat, not the next second
    flashes = []
    for _ in range(12):  # the flash (1.6 s) beats every 0.2 s, then the seconds take over
        clock.advance(_armed(screen) / 1000 + 1e-7)
        screen.refresh()
        flashes.append(screen.projector_view().pulse)
    assert flashes[:7] == [False, True, False, True, False, True, False]
    assert screen.projector_view().pulse is False
    assert _armed(screen) > 200


def test_a_paused_speech_waits_only_for_the_wall_clock(screen: RunScreen, clock: FakeClock) -> None:
    screen.ticker.start()
    screen.speeches.toggle()
    clock.advance(10.25)
    screen.speeches.toggle()  # paused at 4:50 (rounded up)
    screen.refresh()
    assert _armed(screen) == 750  # the meeting clock's next second; the speech is frozen


def test_the_armed_timer_fires_and_rearms_itself(
    screen: RunScreen, clock: FakeClock, qtbot: QtBot
) -> None:
    screen.speeches.toggle()
    clock.advance(0.999)  # the fake clocks stand 1 ms before a boundary
    screen.ticker.start()  # refreshes at once, then waits 1 ms
    with qtbot.waitSignal(screen.ticker.timeout):
        pass
    assert _armed(screen) == 1
    clock.advance(0.001)
    with qtbot.waitSignal(screen.ticker.timeout):
        pass
    assert screen.speeches.face.text() == "4:59"
    assert _armed(screen) == 1000
    screen.ticker.stop()
    screen.refresh()
    assert not screen.ticker.isActive()  # stopped: a refresh arms nothing
