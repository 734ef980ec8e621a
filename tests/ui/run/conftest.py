"""Run-screen fixtures: a fake clock (monotonic and wall together), a fake sound player,
and the run screen on the seed meeting."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from run_fakes import FakeClock, FakeSounds

from desktop_app.domain.meeting import Meeting
from desktop_app.store.database import Database
from desktop_app.store.meetings import save_meeting
from desktop_app.ui.operations import Operations
from desktop_app.ui.run import RunScreen


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sounds() -> FakeSounds:
    return FakeSounds()


@pytest.fixture
def meeting_id(db: Database, seed_meeting: Meeting) -> int:
    with db.session() as session:
        return save_meeting(session, seed_meeting)


@pytest.fixture
def screen(
    app: QApplication,
    qtbot: QtBot,
    db: Database,
    meeting_id: int,
    clock: FakeClock,
    sounds: FakeSounds,
) -> Iterator[RunScreen]:
    operations = Operations()
    run = RunScreen(
        db, operations, station="test", clock=clock, wall_clock=clock.wall, sounds=sounds
    )
    qtbot.addWidget(run)
    run.resize(1200, 760)
    run.set_meeting(meeting_id)
    run.show()
    qtbot.waitExposed(run)
    run.ticker.stop()  # tests move the clock and refresh by hand
    yield run
    run.ticker.stop()
    if run.projector is not None:
        run.projector.close()
