"""Every key the run screen shows on screen, pressed as the operator presses it.

For each agenda item kind, the hints are read from what is on view (the buttons' "(S)", the
commentary box's hint line); each one is pressed where the focus is and its effect checked.
A hint shown that no check here covers fails the test, so the screen cannot promise a key
that nobody pressed. Also: one key, one meaning (Ctrl+Enter in the commentary box), and F1
lists the keys of the screen it is pressed on.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from run_fakes import FakeClock

from desktop_app.domain.meeting import Meeting
from desktop_app.domain.speech_clock import TimerState
from desktop_app.store.database import Database
from desktop_app.store.meetings import save_meeting
from desktop_app.store.records import comments
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.run import RunScreen
from desktop_app.ui.run.shortcuts import ShortcutsDialog

M = Qt.KeyboardModifier
KEYS: dict[str, tuple[Qt.Key, Qt.KeyboardModifier]] = {
    "空格": (Qt.Key.Key_Space, M.NoModifier),
    "S": (Qt.Key.Key_S, M.NoModifier),
    "N": (Qt.Key.Key_N, M.NoModifier),
    "→": (Qt.Key.Key_Right, M.NoModifier),
    "+": (Qt.Key.Key_Plus, M.NoModifier),
    "−": (Qt.Key.Key_Minus, M.NoModifier),
    "K": (Qt.Key.Key_K, M.NoModifier),
    "A": (Qt.Key.Key_A, M.NoModifier),
    "Alt+↑": (Qt.Key.Key_Up, M.AltModifier),
    "Alt+↓": (Qt.Key.Key_Down, M.AltModifier),
    "Ctrl+Shift+E": (Qt.Key.Key_E, M.ControlModifier | M.ShiftModifier),
    "Ctrl+→": (Qt.Key.Key_Right, M.ControlModifier),
    "Ctrl+←": (Qt.Key.Key_Left, M.ControlModifier),
    "Ctrl+回车": (Qt.Key.Key_Return, M.ControlModifier),
    "Esc": (Qt.Key.Key_Escape, M.NoModifier),
}
LABEL_KEY = re.compile(r"(?:(?:Ctrl|Alt|Shift)\+)+(?:回车|[↑↓←→A-Z])|Esc")


def shown_hints(screen: RunScreen) -> set[str]:
    """The keys the screen shows right now: "(…)" on buttons, key names in hint lines."""
    hints: set[str] = set()
    for push in screen.findChildren(QPushButton):
        if push.isVisibleTo(screen):
            for inside in re.findall(r"[((]([^()()]+)[))]", push.text()):
                hints.update(inside.split("/"))
    for label in screen.findChildren(QLabel):
        if label.isVisibleTo(screen) and label not in (screen.status, screen.projector_label):
            hints.update(LABEL_KEY.findall(label.text()))
    return hints


@pytest.fixture
def press(screen: RunScreen, qtbot: QtBot) -> Callable[[str], None]:
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.setFocus()

    def press(hint: str) -> None:
        key, modifiers = KEYS[hint]
        qtbot.keyClick(QApplication.focusWidget() or screen, key, modifiers)

    return press


def test_every_key_shown_on_the_speeches_does_what_it_says(
    screen: RunScreen,
    press: Callable[[str], None],
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    speeches = screen.speeches
    timer = speeches.timer
    assert timer is not None
    checked: set[str] = set()

    def check(hint: str, effect: Callable[[], bool]) -> None:
        press(hint)
        assert effect(), hint
        checked.add(hint)

    check("空格", lambda: timer.state() is TimerState.RUNNING)
    clock.advance(10)
    screen.refresh()
    check("+", lambda: timer.text() == "5:20")  # 5:00 − 0:10 + 0:30
    check("−", lambda: timer.text() == "4:50")
    check("S", lambda: timer.state() is TimerState.STOPPED)
    check("N", lambda: speeches.current == "吴建国")
    check("→", lambda: speeches.current == "郑立")
    check("Alt+↑", lambda: speeches.order.index("郑立") == 1)
    check("Alt+↓", lambda: speeches.order.index("郑立") == 2)
    check("K", lambda: speeches.status_of("郑立") == "跳过")
    current = speeches.current
    check("A", lambda: speeches.status_of(current or "") == "缺席")
    check("Ctrl+→", lambda: screen.item_index == 1)
    check("Ctrl+←", lambda: screen.item_index == 0)
    hints = shown_hints(screen)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_args: QMessageBox.StandardButton.Yes)
    )
    check("Ctrl+Shift+E", lambda: speeches.ended and screen.item_index == 1)
    assert hints == checked


def test_every_key_shown_on_the_commentary_does_what_it_says(
    screen: RunScreen, press: Callable[[str], None], qtbot: QtBot, db: Database, meeting_id: int
) -> None:
    """Ctrl+Enter in the comment box moves to the next unit, as its hint says: it is not
    "start ballot entry" here, and the next comment lands under the next unit."""
    screen.go_to_item(1)
    commentary = screen.commentary
    box = commentary.box
    hints = shown_hints(screen)
    entries: list[int] = []
    screen.ballot_entry_requested.connect(entries.append)
    assert not screen.entry_action.isEnabled()  # it means nothing here
    box.setFocus()
    qtbot.keyClicks(box, "good")
    press("Ctrl+回车")
    assert commentary.current_target() == "青川市" and box.hasFocus() and entries == []
    qtbot.keyClicks(box, "next")
    press("Alt+↓")
    assert commentary.current_target() == commentary.targets[2]
    press("Alt+↑")
    assert commentary.current_target() == "青川市"
    press("Esc")
    assert screen.hasFocus()
    press("Ctrl+→")
    assert screen.item_index == 2
    press("Ctrl+←")
    assert screen.item_index == 1
    with db.session() as session:
        saved = {c.target: c.text for c in comments(session, meeting_id) if c.agenda_index == 1}
    assert saved == {"临海市": "good", "青川市": "next"}
    assert hints == {"Ctrl+回车", "Alt+↓", "Alt+↑", "Esc", "Ctrl+→", "Ctrl+←"}


@pytest.mark.parametrize("item", [2, 3, 4])
def test_every_key_shown_on_a_timed_item_does_what_it_says(
    screen: RunScreen, press: Callable[[str], None], clock: FakeClock, item: int
) -> None:
    screen.go_to_item(item)
    screen.setFocus()
    panel = screen._panel()
    timer = panel.timer
    assert timer is not None
    hints = shown_hints(screen)
    if item == 2:
        panel.add("李梅", "社区党委书记")  # type: ignore[attr-defined]
        screen.setFocus()
    press("+")
    limit = timer.speech.limit_s + timer.speech.adjustments_s if timer.speech else 0
    assert limit == 30 + (screen.context.meeting.agenda[item].limit_s or 0)  # type: ignore[union-attr]
    press("−")
    assert timer.speech is not None
    assert timer.speech.limit_s + timer.speech.adjustments_s == limit - 30
    press("空格")
    assert timer.state() is TimerState.RUNNING
    clock.advance(5)
    press("空格")
    assert timer.state() is TimerState.PAUSED
    press("S")
    assert timer.state() is TimerState.STOPPED
    press("Ctrl+→")
    assert screen.item_index == item + 1
    press("Ctrl+←")
    assert screen.item_index == item
    assert hints == {"空格", "S", "−", "+", "Ctrl+→", "Ctrl+←"}


def test_every_key_shown_on_the_ballot_item_does_what_it_says(
    screen: RunScreen, press: Callable[[str], None], qtbot: QtBot, meeting_id: int
) -> None:
    screen.go_to_item(5)
    hints = shown_hints(screen)
    assert not screen.toggle_action.isEnabled()  # no timer here: Space means nothing
    with qtbot.waitSignal(screen.ballot_entry_requested) as entry:
        press("Ctrl+回车")
    assert entry.args == [meeting_id]
    press("Ctrl+←")
    assert screen.item_index == 4
    screen.go_to_item(5)
    assert hints == {"Ctrl+回车", "Ctrl+→", "Ctrl+←"}


def test_f1_lists_the_keys_of_the_item_on_screen(screen: RunScreen) -> None:
    rows = dict(screen.shortcut_rows())
    assert rows["开始 / 暂停 / 继续"] == "空格" and rows["下一位"] == "N / →"
    assert "开始录入评议票" not in rows  # not on the speeches
    assert rows["离开输入框,按键重作命令"] == "Esc"
    screen.go_to_item(1)
    rows = dict(screen.shortcut_rows())
    assert rows["下一个单位(在点评框中)"] == "Alt+↓ / Ctrl+回车"
    assert "开始 / 暂停 / 继续" not in rows and "开始录入评议票" not in rows
    screen.go_to_item(5)
    rows = dict(screen.shortcut_rows())
    assert rows["开始录入评议票"] == "Ctrl+回车" and "下一位" not in rows


def test_f1_in_the_window_shows_the_keys_of_the_screen_it_is_pressed_on(
    window: MainWindow, qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    window.refresh_meetings()
    window.open_meeting(meeting_id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.meeting_page
    page.run_screen.ticker.stop()

    def f1_rows() -> dict[str, str]:
        focus = QApplication.focusWidget() or window
        qtbot.keyClick(focus, Qt.Key.Key_F1)
        sheet = QApplication.activeModalWidget()
        assert isinstance(sheet, ShortcutsDialog)
        rows = dict(sheet.rows())
        sheet.close()
        return rows

    page.tabs.setCurrentWidget(page.run_screen)
    page.run_screen.setFocus()
    rows = f1_rows()
    assert rows["下一位"] == "N / →" and rows["快捷键一览(K)"] == "F1"
    assert "勾选:好" not in rows
    page.tabs.setCurrentWidget(page.ballots)
    page.ballots.show_entry()
    rows = f1_rows()
    assert rows["勾选:好"] == "1" and rows["填写票号"] == "F2" and rows["人工作废…"] == "Ctrl+D"
    assert rows["换下一种票"] == "Ctrl+T" and rows["多选(再按 M 结束)"] == "M"
    assert "下一位" not in rows and rows["投影窗口(P)"] == "F5"
    page.ballots.tabs.setCurrentWidget(page.ballots.ballot_list)
    rows = f1_rows()
    assert rows["按票号查找"] == "Ctrl+F" and "勾选:好" not in rows


def test_after_the_speeches_end_those_not_heard_can_still_be_called(
    screen: RunScreen, press: Callable[[str], None], clock: FakeClock, db: Database, meeting_id: int
) -> None:
    from desktop_app.domain.timing import SpeakerStatus, speaker_timings
    from desktop_app.store.meetings import load_meeting
    from desktop_app.store.records import events

    speeches = screen.speeches
    speeches.end_here()  # "述职发言就到这里" before anyone spoke
    assert screen.item_index == 1
    press("Ctrl+←")  # the chair changes their mind
    assert screen.item_index == 0 and speeches.ended
    press("N")
    assert speeches.current == "周明"
    assert "仍可请 周明 发言" in screen.status.text()
    press("空格")
    clock.advance(200)
    press("S")
    press("N")
    assert speeches.current == "吴建国"
    with db.session() as session:
        timings = {
            t.name: t
            for t in speaker_timings(load_meeting(session, meeting_id), events(session, meeting_id))
        }
    assert timings["周明"].status is SpeakerStatus.SPOKEN and timings["周明"].spoken_s == 200
    assert timings["吴建国"].status is SpeakerStatus.NOT_SPOKEN


def test_a_speech_length_can_be_typed(
    screen: RunScreen, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    typed = ["4分钟"]
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *_args, **_kw: (typed[0], True))
    )
    screen.go_to_item(3)  # 点评讲话: counts up until a length is given
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_T)
    timer = screen.speech.timer
    assert timer is not None and timer.text() == "4:00"
    assert screen.speech.clock.mode.text() == "倒计时,计划 4:00"
    typed[0] = "4:30"
    qtbot.keyClick(screen, Qt.Key.Key_T)
    assert timer.text() == "4:30"
    typed[0] = "半小时"
    qtbot.keyClick(screen, Qt.Key.Key_T)
    assert timer.text() == "4:30" and "4:00、4分钟" in screen.status.text()
    assert dict(screen.shortcut_rows())["输入时长…"] == "T"
