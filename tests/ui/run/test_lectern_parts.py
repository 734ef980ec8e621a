"""The phone clock's switch on the run screen, its QR codes and its colours."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from desktop_app.domain.speech_clock import Phase
from desktop_app.resources import resource
from desktop_app.ui.lectern.qr import QUIET, QrCode, qr_matrix
from desktop_app.ui.palette import IDLE_COLOURS, PHASE_COLOURS, PULSE_COLOUR
from desktop_app.ui.run import RunScreen


def test_the_switch_is_off_until_turned_on(screen: RunScreen, qtbot: QtBot) -> None:
    lectern = screen.lectern
    assert not lectern.action.isChecked() and not lectern.server.listener.isListening()
    assert lectern.action in screen.menu_actions()
    assert lectern.address() == "" and not screen.lectern_bar.address.isVisible()
    lectern.wanted_port = 0
    screen.lectern_bar.switch.click()
    assert lectern.server.listener.isListening()
    bar = screen.lectern_bar
    address = lectern.address()
    assert re.fullmatch(r"http://[\d.]+:\d+/[\w-]{16}/", address)
    assert bar.address.isVisible() and bar.address.text() == address
    dialog = bar.dialog
    assert dialog is not None and dialog.isVisible()  # the codes show at once
    assert dialog.speaker_code.text == address
    assert dialog.chair_code.text == address + "chair"
    lectern.action.trigger()  # off again: the codes close, the port is free
    assert not lectern.server.listener.isListening() and not dialog.isVisible()
    assert lectern.address() == "" and not bar.address.isVisible()


def test_the_qr_code_is_painted_module_for_module(qtbot: QtBot) -> None:
    text = "http://192.168.1.20:18420/abcdefghijklmnop/"
    matrix = qr_matrix(text)
    assert len(matrix) == 33  # version 4: 17 + 4 × 4 modules a side
    finder = [row[:7] for row in matrix[:7]]
    assert finder[0] == [True] * 7 and finder[1] == [True, *[False] * 5, True]
    code = QrCode()
    qtbot.addWidget(code)
    code.resize(410, 410)
    code.set_text(text)
    image = QImage(code.size(), QImage.Format.Format_RGB32)
    code.render(image)
    module = 410 / (len(matrix) + 2 * QUIET)
    for row, line in enumerate(matrix):
        for col, dark in enumerate(line):
            x = int((col + QUIET + 0.5) * module)
            y = int((row + QUIET + 0.5) * module)
            expected = QColor("black" if dark else "white").rgb()
            assert image.pixel(x, y) == expected, (row, col)
    assert image.pixel(2, 2) == QColor("white").rgb()  # the quiet zone


def test_the_page_has_the_projector_colours() -> None:
    css = resource("lectern", "lectern.css").read_text("utf-8")

    def variable(name: str) -> str:
        found = re.search(rf"--{name}: (#[0-9a-f]{{6}})", css)
        assert found, name
        return found.group(1)

    for phase in Phase:
        assert (variable(f"{phase.value}-bg"), variable(f"{phase.value}-fg")) == PHASE_COLOURS[
            phase
        ]
    assert (variable("idle-bg"), variable("idle-fg")) == IDLE_COLOURS
    assert variable("pulse-bg") == PULSE_COLOUR
    assert variable("pulse-fg") == PHASE_COLOURS[Phase.OVERTIME][0]


def test_the_switch_works_before_a_meeting_is_open(app: object, qtbot: QtBot, db: object) -> None:
    from desktop_app.ui.operations import Operations

    run = RunScreen(db, Operations())  # type: ignore[arg-type]
    qtbot.addWidget(run)
    run.lectern.wanted_port = 0
    run.lectern.action.trigger()
    assert run.lectern.is_on() and run.lectern.address() == ""
    assert "打开会议后" in run.lectern_bar.address.text()
    run.lectern.action.trigger()


def test_the_run_screen_keys_work_while_the_codes_are_shown(
    screen: RunScreen, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    screen.lectern.wanted_port = 0
    screen.lectern.action.trigger()
    dialog = screen.lectern_bar.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    focus = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    focus.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is focus)
    qtbot.keyClick(focus, Qt.Key.Key_Space)
    assert screen.speeches.timer.state().value == "running"
    assert dialog.isVisible()  # Space started the speech; it did not close the codes
    qtbot.keyClick(focus, Qt.Key.Key_Space)
    assert screen.speeches.timer.state().value == "paused"


def test_the_address_follows_the_laptop_onto_another_network(
    screen: RunScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.ui.lectern import lectern as module

    monkeypatch.setattr(module, "local_addresses", lambda: ["192.168.1.20", "10.0.0.5"])
    screen.lectern.wanted_port = 0
    screen.lectern.action.trigger()
    assert "//192.168.1.20:" in screen.lectern.address()
    dialog = screen.lectern_bar.dialog
    assert dialog is not None
    monkeypatch.setattr(module, "local_addresses", lambda: ["10.0.0.5", "192.168.1.20"])
    screen.lectern.check_address()  # still has its address: keeps it (phones keep working)
    assert "//192.168.1.20:" in screen.lectern.address()
    monkeypatch.setattr(module, "local_addresses", lambda: ["192.168.43.7"])
    screen.lectern.check_address()  # another Wi-Fi: the new address, in the bar and the codes
    new = screen.lectern.address()
    assert "//192.168.43.7:" in new
    assert screen.lectern_bar.address.text() == new and dialog.speaker_code.text == new
    assert screen.lectern.address_check.isActive()
    screen.lectern.action.trigger()
    assert not screen.lectern.address_check.isActive()
