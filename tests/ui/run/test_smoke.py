from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from run_fakes import FakeClock, FakeSounds

from desktop_app.ui.run import RunScreen


def test_smoke(screen: RunScreen, clock: FakeClock, sounds: FakeSounds, qtbot: QtBot) -> None:
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.setFocus()
    assert screen.speeches.current == "周明"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    clock.advance(241)
    screen.refresh()
    assert screen.speeches.timer.text() == "0:59"
    assert sounds.played == ["warning"]
    clock.advance(60)
    screen.refresh()
    assert screen.speeches.timer.text() == "+0:01"
    assert sounds.played == ["warning", "end"]
