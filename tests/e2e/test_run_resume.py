"""Kill the app mid-speech, start it again: the run screen reopens where it was.

A first process (a real run screen, its clocks standing still at T0 so that nothing depends
on how fast the machine is) moves 郑立 to the front and skips him, starts 周明's speech and
gives him 30 s; it is killed without warning. The run screen opened again on the same
database file, 100 s after the start by its wall clock, shows the same item, the same queue
and the running timer at the right time, and keeps counting.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.app import create_application
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.speech_clock import TimerState
from desktop_app.domain.timing import SpeakerStatus, speaker_timings
from desktop_app.store.database import open_database
from desktop_app.store.meetings import save_meeting
from desktop_app.store.records import events
from desktop_app.ui.operations import Operations
from desktop_app.ui.run import RunScreen

ROOT = Path(__file__).parents[2]
T0 = dt.datetime(2021, 1, 20, 1, 0, tzinfo=dt.UTC)

FIRST_RUN = """
import datetime as dt, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from desktop_app.app import create_application
from desktop_app.store.database import open_database
from desktop_app.ui.operations import Operations
from desktop_app.ui.run import RunScreen

class Silent:
    def play(self, name):
        pass

class Stopped:  # both clocks at the meeting's start, however long the set-up below takes
    def now(self):
        return 0.0
    def wall(self):
        return start

db_file, meeting_id, start = sys.argv[1], int(sys.argv[2]), dt.datetime.fromisoformat(sys.argv[3])
app = create_application(["first-run"])
db = open_database(db_file)
clock = Stopped()
screen = RunScreen(
    db, Operations(), station="first", clock=clock, wall_clock=clock.wall, sounds=Silent()
)
screen.set_meeting(meeting_id)
screen.show()
speeches = screen.speeches
speeches.select_speaker("郑立")
speeches.move_current(-2)  # 郑立 first
speeches.skip()  # on to 周明
speeches.toggle()  # 周明 starts
speeches.adjust(30)
print("speaking", speeches.timer.text(), flush=True)
app.exec()  # until killed
"""


class Silent:
    def play(self, name: str) -> None:
        pass


class Clock:
    def __init__(self, wall: dt.datetime) -> None:
        self.t = 100.0
        self.origin = wall

    def now(self) -> float:
        return self.t

    def wall(self) -> dt.datetime:
        return self.origin + dt.timedelta(seconds=self.t - 100.0)


@pytest.mark.slow
def test_a_killed_run_screen_reopens_with_the_timer_running(
    tmp_path: Path, seed_meeting: Meeting, qapp: QApplication, qtbot: QtBot
) -> None:
    create_application(["desktop-app"])
    db_file = tmp_path / "live.sqlite3"
    db = open_database(db_file)
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    process = subprocess.Popen(
        [sys.executable, "-c", FIRST_RUN, str(db_file), str(meeting_id), T0.isoformat()],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("speaking 5:30"), line
    finally:
        process.kill()  # SIGKILL: no clean-up of any kind
        process.wait(30)
        if process.stdout is not None:
            process.stdout.close()

    clock = Clock(T0 + dt.timedelta(seconds=100))
    screen = RunScreen(
        db, Operations(), station="second", clock=clock, wall_clock=clock.wall, sounds=Silent()
    )
    qtbot.addWidget(screen)
    screen.set_meeting(meeting_id)
    speeches = screen.speeches
    assert screen.item_index == 0
    assert speeches.current == "周明"
    assert speeches.order[:3] == ["郑立", "周明", "吴建国"]
    assert speeches.status_of("郑立") == "跳过"
    timer = speeches.timer
    assert timer is not None and timer.speech is not None
    assert timer.state() is TimerState.RUNNING
    assert timer.speech.elapsed() == pytest.approx(100.0)  # the first run pressed start at T0
    assert timer.text() == "3:50"  # 300 + 30 given - 100 spoken
    clock.t += 200
    screen.refresh()
    assert timer.speech.elapsed() == pytest.approx(300.0)
    speeches.stop()
    with db.session() as session:
        timings = {t.name: t for t in speaker_timings(seed_meeting, events(session, meeting_id))}
    assert timings["周明"].spoken_s == pytest.approx(300.0)
    assert timings["周明"].limit_s == 330
    assert timings["郑立"].status is SpeakerStatus.SKIPPED
    screen.close()
    db.close()
