"""The phone clock in a real browser: Debian's headless Chromium opens the page served by the
run screen and follows a speech started, paused and adjusted there.

Both clocks are moved by hand: the run screen's (the fake clock) and the page's (a clock the
test injects as ``window.lecternClock`` before the page's script runs), always together.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import Chromium, chromium_path
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from run_fakes import FakeClock

from desktop_app.domain.speech_clock import Phase
from desktop_app.ui.palette import IDLE_COLOURS, PHASE_COLOURS
from desktop_app.ui.run import RunScreen

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        chromium_path() is None and not os.environ.get("DESKTOP_APP_REQUIRE_CHROMIUM"),
        reason="chromium is not installed (.ci/run installs it)",
    ),
]

PAGE_CLOCK_AT_START = 1000.0  # the page's clock reads this when the test begins
INJECT_CLOCK = f"window.__t = {PAGE_CLOCK_AT_START}; window.lecternClock = () => window.__t;"


def rgb(colour: str) -> str:
    """``#0f2e1d`` as the browser reports a computed colour."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


class Page:
    """The page in the browser, seen as a speaker sees it."""

    def __init__(self, browser: Chromium, qtbot: QtBot) -> None:
        self.browser = browser
        self.qtbot = qtbot

    def digits(self) -> str:
        return str(self.browser.evaluate("document.getElementById('digits').textContent"))

    def text(self, element: str) -> str:
        return str(self.browser.evaluate(f"document.getElementById('{element}').textContent"))

    def visible(self, element: str) -> bool:
        return not self.browser.evaluate(f"document.getElementById('{element}').hidden")

    def background(self) -> str:
        return str(self.browser.evaluate("getComputedStyle(document.body).backgroundColor"))

    def link(self) -> str:
        return str(self.browser.evaluate("document.body ? document.body.dataset.link : ''"))

    def shows(self, digits: str, timeout: int = 10_000) -> None:
        self.qtbot.waitUntil(lambda: self.digits() == digits, timeout=timeout)


@pytest.fixture
def browser(qtbot: QtBot, tmp_path: Path) -> Iterator[Chromium]:
    chromium = Chromium(
        lambda predicate, timeout: qtbot.waitUntil(predicate, timeout=timeout),
        tmp_path / "chromium",
    )
    yield chromium
    chromium.close()


def switch_on(screen: RunScreen, qtbot: QtBot) -> str:
    """The run screen's switch on, on a free port; the address as seen from this machine."""
    screen.lectern.wanted_port = 0
    screen.lectern.action.trigger()
    assert screen.lectern.is_on()
    screen.lectern.host = "127.0.0.1"
    screen.lectern_bar.refresh()
    return screen.lectern.address()


def test_the_page_follows_a_speech_started_paused_and_adjusted_on_the_run_screen(
    screen: RunScreen, clock: FakeClock, qtbot: QtBot, browser: Chromium
) -> None:
    url = switch_on(screen, qtbot)
    sent: list[dict[str, object]] = []
    publish = screen.lectern.server.publish
    screen.lectern.server.publish = lambda state: (publish(state) and sent.append(state)) or False  # type: ignore[method-assign]
    browser.open(url, before=INJECT_CLOCK)
    page = Page(browser, qtbot)
    qtbot.waitUntil(lambda: page.link() == "live", timeout=15_000)

    def advance(seconds: float, *, refresh: bool = True) -> None:
        clock.advance(seconds)
        browser.evaluate(f"window.__t += {seconds}")
        if refresh:
            screen.refresh()

    speeches = screen.speeches

    def press(key: Qt.Key) -> None:
        qtbot.keyClick(QApplication.focusWidget() or screen, key)

    page.shows("5:00")
    assert page.text("title") == "周明"
    assert "吴建国" in page.text("next")
    assert page.background() == rgb(IDLE_COLOURS[0])

    press(Qt.Key.Key_Space)  # start
    advance(10)
    assert speeches.timer.text() == "4:50"
    page.shows("4:50")
    assert page.background() == rgb(PHASE_COLOURS[Phase.NORMAL][0])

    # The page computes the time from the start mark: nothing is sent while it runs.
    before = len(sent)
    advance(20, refresh=False)
    page.shows("4:30")
    advance(0.5)
    page.shows("4:30")  # 4:29.5 rounds up, as on the projector
    assert len(sent) == before

    assert not page.visible("paused")
    press(Qt.Key.Key_Space)  # pause
    advance(30)
    assert speeches.timer.text() == "4:30"
    page.shows("4:30")
    qtbot.waitUntil(lambda: page.visible("paused"))
    press(Qt.Key.Key_Plus)  # +30 s while paused
    page.shows("5:00")
    press(Qt.Key.Key_Space)  # resume
    advance(10)
    page.shows("4:50")
    assert not page.visible("paused")
    press(Qt.Key.Key_Minus)  # -30 s while running
    assert speeches.timer.text() == "4:20"
    page.shows("4:20")

    advance(220)  # 0:40 left: the warning colour
    assert speeches.timer.text() == "0:40"
    page.shows("0:40")
    assert page.background() == rgb(PHASE_COLOURS[Phase.WARNING][0])
    advance(50)  # overtime counts up
    assert speeches.timer.text() == "+0:10"
    page.shows("+0:10")
    assert page.background() == rgb(PHASE_COLOURS[Phase.OVERTIME][0])

    # The message to the speaker and the blackout reach the page too.
    screen.message_edit.setText("请抓紧时间")
    screen.message_edit.returnPressed.emit()
    qtbot.waitUntil(lambda: page.visible("message") and page.text("message") == "请抓紧时间")
    press(Qt.Key.Key_B)
    screen.refresh()
    qtbot.waitUntil(lambda: page.visible("black"))

    press(Qt.Key.Key_S)  # stop: the final time stands still
    advance(2)
    page.shows("+0:10")
    assert browser.errors() == []  # no script error, nothing refused by the page's policy


def test_the_page_keeps_time_while_the_laptop_is_off_the_network_and_comes_back(
    screen: RunScreen, clock: FakeClock, qtbot: QtBot, browser: Chromium
) -> None:
    url = switch_on(screen, qtbot)
    browser.open(url, before=INJECT_CLOCK)
    page = Page(browser, qtbot)
    qtbot.waitUntil(lambda: page.link() == "live", timeout=15_000)

    def advance(seconds: float) -> None:
        clock.advance(seconds)
        browser.evaluate(f"window.__t += {seconds}")
        screen.refresh()

    screen.speeches.toggle()  # start
    advance(15)
    page.shows("4:45")
    port = screen.lectern.server.port()
    screen.lectern.server.stop()  # the laptop's network is gone
    qtbot.waitUntil(lambda: page.link() == "lost", timeout=10_000)
    advance(45)  # the page goes on counting from its mark
    page.shows("4:00")
    screen.speeches.toggle()  # paused while the page cannot hear
    advance(30)
    assert screen.speeches.timer.text() == "4:00"
    page.shows("3:30")
    assert screen.lectern.server.start(port)  # back on the network
    qtbot.waitUntil(lambda: page.link() == "live", timeout=20_000)
    page.shows("4:00")  # it has caught up with the pause


def test_the_chair_sees_the_agenda_with_planned_and_actual_times(
    screen: RunScreen, clock: FakeClock, qtbot: QtBot, browser: Chromium
) -> None:
    url = switch_on(screen, qtbot)
    assert screen.lectern.address(chair=True) == url + "chair"
    browser.open(url + "chair", before=INJECT_CLOCK)
    page = Page(browser, qtbot)
    qtbot.waitUntil(lambda: page.link() == "live", timeout=15_000)

    def rows() -> list[list[str]]:
        value = browser.evaluate(
            "[...document.querySelectorAll('#rows tr')].map("
            "tr => [tr.className, ...[...tr.cells].map(td => td.textContent)])"
        )
        return list(value)

    def advance(seconds: float) -> None:
        clock.advance(seconds)
        browser.evaluate(f"window.__t += {seconds}")
        screen.refresh()

    assert page.visible("agenda")
    screen.speeches.toggle()  # the first press begins the meeting's first item
    advance(75)
    page.shows("3:45")
    titles = [t.title for t in screen.timings]
    qtbot.waitUntil(lambda: len(rows()) == len(titles))
    first = rows()[0]
    assert first[0] == "current" and first[1:3] == ["1", titles[0]]
    assert first[3] == screen.agenda_model.row_at(0)[2]  # planned, as on the run screen
    assert first[4] == screen.agenda_model.row_at(0)[3]  # started, as on the run screen
    qtbot.waitUntil(lambda: rows()[0][5] == "1:15")  # computed in the page from the mark
    screen.next_item()  # on to the commentary: item 1 has its length
    advance(30)
    qtbot.waitUntil(lambda: rows()[1][0] == "current" and rows()[1][5] == "0:30")
    assert rows()[0][5] == screen.agenda_model.row_at(0)[4] == "1:15"
    assert page.text("title") == titles[1]


def test_a_link_gone_silent_is_dropped_and_opened_again(
    screen: RunScreen, clock: FakeClock, qtbot: QtBot, browser: Chromium
) -> None:
    """Wi-Fi gone without a goodbye: no close ever arrives, only silence. The page notices
    the missing beats, reconnects, and gets what it missed."""
    url = switch_on(screen, qtbot)
    browser.open(url, before=INJECT_CLOCK)
    page = Page(browser, qtbot)
    qtbot.waitUntil(lambda: page.link() == "live", timeout=15_000)
    server = screen.lectern.server
    server.beat.stop()
    silent = server.clients[0]
    silent.sendTextMessage = lambda _text: 0  # type: ignore[method-assign]
    screen.speeches.toggle()  # started while the page hears nothing
    page.shows("5:00")
    qtbot.waitUntil(lambda: silent not in server.clients and bool(server.clients), timeout=30_000)
    qtbot.waitUntil(lambda: page.link() == "live", timeout=15_000)
    clock.advance(8)
    browser.evaluate("window.__t += 8")
    page.shows("4:52")


def test_a_speech_without_a_limit_counts_up_on_the_page(
    screen: RunScreen, clock: FakeClock, qtbot: QtBot, browser: Chromium
) -> None:
    url = switch_on(screen, qtbot)
    browser.open(url, before=INJECT_CLOCK)
    page = Page(browser, qtbot)
    qtbot.waitUntil(lambda: page.link() == "live", timeout=15_000)
    index = next(
        i for i, item in enumerate(screen.context.meeting.agenda)  # type: ignore[union-attr]
        if item.kind.value == "speech" and not item.limit_s
    )  # fmt: skip
    screen.go_to_item(index)
    speech = screen.speech
    qtbot.waitUntil(lambda: page.text("title") == speech.stage().title)
    speech.toggle()
    clock.advance(65)
    browser.evaluate("window.__t += 65")
    screen.refresh()
    assert speech.timer.text() == "1:05"
    page.shows("1:05")
    assert page.background() == rgb(PHASE_COLOURS[Phase.NORMAL][0])
    speech.adjust(120)  # given a length: the page counts down what is left
    assert speech.timer.text() == "0:55"
    page.shows("0:55")
    assert page.background() == rgb(PHASE_COLOURS[Phase.WARNING][0])
