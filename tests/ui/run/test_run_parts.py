"""The run screen's parts one by one: the display refresh, keys and focus, the projector,
comments that are never lost, sounds, the shortcut sheet, and reopening a meeting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QFontMetrics
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot
from run_fakes import FakeClock, FakeSounds

from desktop_app.domain.speech_clock import Phase, TimerState
from desktop_app.store.database import Database
from desktop_app.store.records import comments
from desktop_app.ui.operations import Operations
from desktop_app.ui.run import RunScreen
from desktop_app.ui.run.projector import ProjectorWindow, choose_screen
from desktop_app.ui.run.shortcuts import ShortcutsDialog
from desktop_app.ui.run.sounds import END, QtSoundPlayer


def test_the_display_signals_only_when_the_shown_text_changes(
    screen: RunScreen, clock: FakeClock
) -> None:
    timer = screen.speeches.timer
    assert timer is not None
    changes: list[str] = []
    timer.changed.connect(lambda: changes.append(timer.text()))
    screen.speeches.toggle()
    changes.clear()
    for _ in range(49):  # 0.98 s in 20 ms steps: still 5:00 (a countdown rounds up)
        clock.advance(0.02)
        screen.refresh()
    assert changes == []
    clock.advance(0.02)
    screen.refresh()
    assert changes == ["4:59"]  # the second boundary shows at the first refresh after it
    for _ in range(10):
        screen.refresh()
    assert changes == ["4:59"]
    assert screen.ticker.timerType() is Qt.TimerType.PreciseTimer  # see test_clock_schedule


def test_keys_do_not_act_while_the_operator_types(screen: RunScreen, qtbot: QtBot) -> None:
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.message_edit.setFocus()
    assert not screen.toggle_action.isEnabled()
    qtbot.keyClick(screen.message_edit, Qt.Key.Key_Space)
    qtbot.keyClick(screen.message_edit, Qt.Key.Key_N)
    assert screen.message_edit.text() == " n"
    assert screen.speeches.timer is not None
    assert screen.speeches.timer.state() is TimerState.IDLE
    assert screen.speeches.current == "周明"
    # Ctrl+→ is not text: it still moves on.
    assert screen.next_item_action.isEnabled()
    screen.setFocus()
    assert screen.toggle_action.isEnabled()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.speeches.timer.state() is TimerState.RUNNING


def test_the_projector_shows_the_speaker_big_and_keeps_the_final_time(
    screen: RunScreen, clock: FakeClock, qtbot: QtBot
) -> None:
    screen.set_projector_visible(True)
    projector = screen.projector
    assert projector is not None
    projector.resize(1280, 720)
    speeches = screen.speeches
    assert projector.name.text() == "周明"
    assert "临海市" in projector.subtitle.text() and "临海市委书记" in projector.subtitle.text()
    assert projector.next_up.text() == "下一位:吴建国 青川市"
    # The digits fill the width without being cut.
    font = projector.digits.font()
    assert font.pixelSize() > 200
    assert QFontMetrics(font).horizontalAdvance("+8:88") < projector.width()
    speeches.toggle()
    clock.advance(150)
    screen.refresh()
    assert projector.progress.value() == 500
    assert not projector.message.isVisible()
    screen.message_edit.setText("请抓紧时间")
    screen.message_edit.returnPressed.emit()
    assert projector.message.text() == "请抓紧时间" and not projector.message.isHidden()
    speeches.stop()
    speeches.next_speaker()
    clock.advance(4.9)
    screen.refresh()
    assert (projector.name.text(), projector.digits.text()) == ("周明", "2:30")  # held
    clock.advance(0.2)
    screen.refresh()
    assert (projector.name.text(), projector.digits.text()) == ("吴建国", "5:00")
    screen.blackout_action.trigger()
    assert projector.blackout and projector.pages.currentWidget() is projector.black
    screen.blackout_action.trigger()
    assert not projector.blackout
    screen.projector_action.trigger()  # F5 again: off
    assert not projector.isVisible()


def test_the_projector_never_takes_the_operators_screen() -> None:
    class Screen:
        def __init__(self, name: str) -> None:
            self._name = name

        def name(self) -> str:
            return self._name

    laptop, projector, tv = Screen("eDP-1"), Screen("HDMI-1"), Screen("DP-2")
    assert choose_screen([laptop], laptop, None) is None  # type: ignore[list-item,arg-type]
    assert choose_screen([laptop, projector], laptop, None) is projector  # type: ignore[list-item,arg-type]
    assert choose_screen([laptop, projector, tv], laptop, "DP-2") is tv  # type: ignore[list-item,arg-type]
    assert choose_screen([laptop, projector], laptop, "eDP-1") is projector  # type: ignore[list-item,arg-type]


def test_the_projector_is_frameless_and_full_screen_on_a_second_screen(
    app: QApplication, qtbot: QtBot
) -> None:
    window = ProjectorWindow()
    qtbot.addWidget(window)
    screen = QApplication.primaryScreen()
    window.place(screen)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.isFullScreen()
    window.place(None)
    assert not window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not window.isFullScreen()


def test_the_screen_choice_is_remembered(screen: RunScreen) -> None:
    from PySide6.QtCore import QSettings

    screen.projector_screen_menu.aboutToShow.emit()
    names = [a.text() for a in screen.projector_screen_menu.actions()]
    assert names and all("×" in n for n in names)
    screen.use_screen("HDMI-1")
    assert QSettings().value("projector/screen") == "HDMI-1"


def test_comments_are_saved_as_typed_on_focus_out_and_on_leaving(
    screen: RunScreen, qtbot: QtBot, db: Database, meeting_id: int
) -> None:
    screen.go_to_item(1)
    panel = screen.commentary
    box = panel.box

    def stored() -> dict[str | None, str]:
        with db.session() as session:
            return {c.target: c.text for c in comments(session, meeting_id)}

    box.insertPlainText("第一条")
    # Saved after a pause in typing (a debounce timer), not at each key; the wait for that
    # timer is bounded loosely, since a loaded machine may run it late.
    assert box.debounce.isActive() and "临海市" not in stored()
    qtbot.waitUntil(lambda: stored().get("临海市") == "第一条", timeout=20_000)
    box.insertPlainText(",补充")
    QApplication.sendEvent(box, QFocusEvent(QEvent.Type.FocusOut))
    assert stored()["临海市"] == "第一条,补充"
    panel.move_unit(1)
    box.insertPlainText("青川")
    panel.move_unit(1)  # moving on saves
    assert stored()["青川市"] == "青川"
    box.insertPlainText("东岭")
    screen.go_to_item(2)  # so does another agenda item
    assert stored()["东岭县"] == "东岭"
    assert not box.debounce.isActive()
    assert panel.units.item(0).text().startswith("✎")


@pytest.mark.qt_log_ignore("pipewire", "symbols", "va", "FFmpeg", "PulseAudio")
def test_sound_that_is_unavailable_is_said_once(
    app: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6 import QtMultimedia

    monkeypatch.setattr(QtMultimedia.QMediaDevices, "audioOutputs", staticmethod(lambda: []))
    player = QtSoundPlayer()
    said: list[str] = []
    player.unavailable.connect(said.append)
    player.play(END)
    player.play(END)
    assert len(said) == 1 and "提示音不可用" in said[0]


def test_the_shortcut_sheet_lists_every_key(screen: RunScreen, qtbot: QtBot) -> None:
    sheet = ShortcutsDialog(screen.shortcut_actions(), screen)
    qtbot.addWidget(sheet)
    rows = dict(sheet.rows())
    assert rows["开始 / 暂停 / 继续"] == "空格"
    assert rows["下一位"] == "N / →"
    assert rows["下一项议程"] == "Ctrl+→"
    assert rows["投影窗口(P)"] == "F5"
    assert rows["加 30 秒"] == "+ / =" and rows["减 30 秒"] == "-"
    screen.go_to_item(5)
    rows = dict(ShortcutsDialog(screen.shortcut_actions(), screen).rows())
    assert rows["开始录入评议票"] == "Ctrl+回车"


def test_reopening_shows_the_meeting_where_it_stands(
    screen: RunScreen,
    clock: FakeClock,
    qtbot: QtBot,
    db: Database,
    meeting_id: int,
    sounds: FakeSounds,
) -> None:
    speeches = screen.speeches
    speeches.toggle()
    clock.advance(250)
    screen.refresh()
    speeches.toggle()  # paused at 0:50 left
    clock.advance(20)
    screen.go_to_item(2)  # stops the paused speech
    screen.floor.add("李梅", "社区党委书记")
    screen.floor.toggle()
    clock.advance(42)
    again = RunScreen(
        db, Operations(), clock=clock, wall_clock=clock.wall, sounds=sounds, parent=None
    )
    qtbot.addWidget(again)
    again.set_meeting(meeting_id)
    assert again.item_index == 2
    assert again.stack.currentWidget() is again.floor
    assert again.floor.people[0][1:] == ("李梅", "社区党委书记")
    assert again.floor.timer is not None
    assert again.floor.timer.state() is TimerState.RUNNING
    assert again.floor.timer.text() == "0:42"
    assert again.agenda_model.current_row == 2
    again.go_to_item(0)
    assert again.speeches.status_of("周明") == "已发言"
    assert again.speeches.current == "吴建国"


def test_a_main_window_can_host_the_run_screen(
    app: QApplication,
    qtbot: QtBot,
    db: Database,
    meeting_id: int,
    clock: FakeClock,
    sounds: FakeSounds,
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    run = RunScreen(db, Operations(), clock=clock, wall_clock=clock.wall, sounds=sounds)
    window.setCentralWidget(run)
    view = window.menuBar().addMenu("查看")
    for action in run.menu_actions():
        view.addAction(action)
    view.addMenu(run.projector_screen_menu)
    run.set_meeting(meeting_id)
    window.show()
    qtbot.waitExposed(window)
    run.ticker.stop()
    assert run.projector is None
    f5 = next(a for a in view.actions() if a.shortcut().toString() == "F5")
    f5.trigger()  # as the menu or F5 would
    assert run.projector is not None and run.projector.isVisible()
    assert run.projector.parentWidget() is run  # closed with the window
    f5.trigger()
    assert not run.projector.isVisible()
    # F5 the projector, B the blackout, then the phone clock's switch (no key).
    assert [a.shortcut().toString() for a in run.menu_actions()] == ["F5", "B", ""]
    assert run.shortcuts_action.shortcut().isEmpty()  # F1 is the window's: see MainWindow


def test_the_clock_face_colours_follow_the_phase(screen: RunScreen, clock: FakeClock) -> None:
    face = screen.speeches.face
    screen.speeches.adjust(-240)  # one minute to go before starting
    screen.speeches.toggle()
    screen.refresh()
    assert face.phase is Phase.WARNING
    clock.advance(61)
    screen.refresh()
    assert face.phase is Phase.OVERTIME
    assert "bold" in face.styleSheet()
    assert face.pulse  # the flash when overtime begins
    restyled: list[str] = []
    face.setStyleSheet = restyled.append  # type: ignore[method-assign]
    clock.advance(0.01)
    screen.refresh()
    assert restyled == []  # a tick that changes nothing restyles nothing
    del face.setStyleSheet
    clock.advance(2)
    screen.refresh()
    assert not face.pulse and face.background() == "#c1121f"


def test_the_next_speech_starting_ends_the_hold(screen: RunScreen, clock: FakeClock) -> None:
    screen.set_projector_visible(True)
    projector = screen.projector
    assert projector is not None
    screen.speeches.toggle()
    clock.advance(10)
    screen.speeches.stop()
    screen.speeches.next_speaker()
    screen.refresh()
    assert projector.name.text() == "周明"  # held
    screen.speeches.toggle()
    clock.advance(1)
    screen.refresh()
    assert (projector.name.text(), projector.digits.text()) == ("吴建国", "4:59")


def test_ending_speeches_and_ballot_entry_have_keys(
    screen: RunScreen, qtbot: QtBot, meeting_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_args: QMessageBox.StandardButton.Yes)
    )
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.setFocus()
    qtbot.keyClick(
        screen,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert screen.speeches.ended and screen.item_index == 1
    screen.go_to_item(5)
    screen.setFocus()
    with qtbot.waitSignal(screen.ballot_entry_requested) as entry:
        qtbot.keyClick(screen, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert entry.args == [meeting_id]


def test_a_meeting_without_agenda_is_refused_politely(
    app: QApplication, qtbot: QtBot, db: Database, seed_meeting: object
) -> None:
    from dataclasses import replace

    from desktop_app.store.meetings import save_meeting

    with db.session() as session:
        empty = save_meeting(session, replace(seed_meeting, agenda=()))  # type: ignore[type-var]
    run = RunScreen(db, Operations(), sounds=FakeSounds())
    qtbot.addWidget(run)
    run.set_meeting(empty)
    assert "没有议程" in run.status.text()
    run.refresh()
    run.next_item()


def test_closing_the_projector_by_hand_unticks_it(screen: RunScreen, qtbot: QtBot) -> None:
    screen.projector_action.trigger()
    projector = screen.projector
    assert projector is not None and screen.projector_action.isChecked()
    assert set(screen.actions()) <= set(projector.actions())  # keys work from there too
    screen._screens_changed(QApplication.primaryScreen())  # a screen came or went
    assert projector.isVisible() and projector.full_screen_on is None
    projector.close()
    assert not screen.projector_action.isChecked()


def test_ballot_counts_are_stored_when_typed(
    screen: RunScreen, qtbot: QtBot, db: Database, meeting_id: int
) -> None:
    from desktop_app.store.live import ballot_counts

    screen.go_to_item(5)
    collected = screen.ballot.spins["B"][1]
    collected.setFocus()
    collected.selectAll()
    qtbot.keyClicks(collected, "158")
    assert not screen.toggle_action.isEnabled()  # digits and Space are typing here
    qtbot.keyClick(collected, Qt.Key.Key_Return)  # finished: stored
    with db.session() as session:
        counts = {c.code: (c.issued, c.collected) for c in ballot_counts(session, meeting_id)}
    assert counts["B"] == (160, 158)
    collected.setValue(170)
    assert "收回多于发出" in screen.ballot.warning.text()
    screen.ballot.flush()
    with db.session() as session:
        counts = {c.code: (c.issued, c.collected) for c in ballot_counts(session, meeting_id)}
    assert counts["B"] == (160, 170)


def test_a_new_representative_ends_the_last_ones_time(screen: RunScreen, clock: FakeClock) -> None:
    screen.go_to_item(2)
    floor = screen.floor
    floor.add("李梅", "社区党委书记")
    floor.toggle()
    clock.advance(75)
    floor.add("王强", "村党支部书记")
    assert floor.timer is not None and floor.timer.state() is TimerState.STOPPED
    assert floor.timer.text() == "1:15"
    floor.toggle()  # a fresh count for 王强
    clock.advance(5)
    screen.refresh()
    assert floor.timer.text() == "0:05"
    assert screen.projector_view().stage.title == "王强"
    floor.previous_speaker()  # back to 李梅: 王强's time stops
    assert floor.timer.state() is TimerState.STOPPED
    assert screen.projector_view().stage.title == "王强"  # his final time, held
    clock.advance(6)
    assert screen.projector_view().stage.title == "李梅"


def test_the_clock_keeps_ticking_when_the_operator_looks_at_another_tab(
    screen: RunScreen, clock: FakeClock
) -> None:
    screen.ticker.start()
    screen.hide()  # idle and not projected: the clock may rest
    assert not screen.ticker.isActive()
    screen.show()
    assert screen.ticker.isActive()
    screen.speeches.toggle()  # a speech is running: projector and chimes must go on
    screen.hide()
    assert screen.ticker.isActive()
    screen.show()
    screen.speeches.stop()
    screen.set_projector_visible(True)  # the room still watches the projector
    screen.hide()
    assert screen.ticker.isActive()
    screen.ticker.stop()


def test_a_projector_whose_screen_is_pulled_out_is_put_away_and_comes_back(
    screen: RunScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    second = QApplication.primaryScreen()  # stands for the projector's screen
    plugged: list[object] = [second]
    monkeypatch.setattr(screen, "_projector_screen", lambda: plugged[0])
    screen.projector_action.trigger()
    projector = screen.projector
    assert projector is not None and projector.isVisible()
    assert projector.full_screen_on is second and projector.isFullScreen()
    plugged[0] = None  # pulled out: only the operator's screen is left
    screen._screens_changed(second)
    assert not projector.isVisible()  # never laid over the operator's window
    assert screen.projector_action.isChecked()  # still wanted
    assert "投影屏幕已断开" in screen.status.text()
    plugged[0] = second  # plugged in again
    screen._screens_changed(second)
    assert projector.isVisible() and projector.isFullScreen()
    assert projector.full_screen_on is second
    screen.projector_action.trigger()  # F5: off, and it stays off when a screen comes
    screen._screens_changed(second)
    assert not projector.isVisible()


def test_the_projector_is_shown_without_taking_the_keyboard(screen: RunScreen) -> None:
    screen.projector_action.trigger()
    projector = screen.projector
    assert projector is not None
    assert projector.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert projector.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert projector.focusPolicy() is Qt.FocusPolicy.NoFocus
    # The run screen's keys are window-wide, so they act from the projector window as well.
    assert all(
        a.shortcutContext() is Qt.ShortcutContext.WindowShortcut
        for a in screen.actions()
        if a.shortcuts()
    )


def test_the_operator_sees_what_the_projector_shows(screen: RunScreen) -> None:
    screen.setFocus()  # not typing: B is a command
    assert screen.projector_label.text() == "投影:关 (F5)"
    screen.projector_action.trigger()
    assert screen.projector_label.text() == "投影:开"
    assert screen.projector_label.property("state") == "on"
    screen.blackout_action.trigger()
    assert screen.projector_label.text() == "投影:黑屏 (B)"
    assert screen.projector_label.property("state") == "black"
    screen.blackout_action.trigger()
    screen.message_edit.setText("请抓紧时间")
    screen._message_entered()
    assert screen.projector_label.text() == "投影:开 · 显示提示"
    screen.projector_action.trigger()
    assert screen.projector_label.text() == "投影:关 (F5)"


def test_tab_goes_round_the_run_screen_and_never_leaves_it(
    app: QApplication, qtbot: QtBot, db: Database, meeting_id: int
) -> None:
    from desktop_app.ui.main_window import MainWindow

    window = MainWindow(db, station="test")
    qtbot.addWidget(window)
    window.show()
    window.open_meeting(meeting_id)
    page = window.meeting_page
    page.tabs.setCurrentWidget(page.run_screen)
    run = page.run_screen
    run.ticker.stop()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    run.setFocus()
    seen = set()
    for n, key in enumerate([Qt.Key.Key_Tab] * 40 + [Qt.Key.Key_Backtab] * 40):
        focus = QApplication.focusWidget()
        assert focus is not None, (n, seen)
        qtbot.keyClick(focus, key)
        focus = QApplication.focusWidget()
        assert focus is run or run.isAncestorOf(focus), focus
        seen.add(focus)
    assert {run, run.message_edit} <= seen  # it does go round, through command mode
    window.operations.wait()


def test_a_paused_timer_looks_paused_here_and_in_the_room(
    screen: RunScreen, clock: FakeClock
) -> None:
    from desktop_app.ui.palette import PHASE_COLOURS
    from desktop_app.ui.run.timer import dimmed

    screen.set_projector_visible(True)
    projector = screen.projector
    assert projector is not None
    speeches = screen.speeches
    speeches.toggle()
    clock.advance(30)
    screen.refresh()
    assert not speeches.paused_badge.isVisibleTo(screen) and not speeches.face.paused
    assert not projector.paused_badge.isVisibleTo(projector)
    speeches.toggle()  # pause
    screen.refresh()
    assert speeches.paused_badge.isVisibleTo(screen) and "暂停" in speeches.paused_badge.text()
    background, foreground = PHASE_COLOURS[Phase.NORMAL]
    assert speeches.face.paused and dimmed(foreground, background) in speeches.face.styleSheet()
    view = screen.projector_view()
    assert view.paused and view.text == "4:30"
    assert projector.paused_badge.isVisibleTo(projector)
    assert projector.paused_badge.text() == "暂停"
    assert f"QLabel#projectorDigits {{ color: {dimmed(foreground, background)}; }}" in (
        projector.styleSheet()
    )
    # The preview on the operator's screen shows the same.
    assert screen.preview.view == view and screen.preview.paused_badge.isVisibleTo(screen.preview)
    speeches.toggle()  # resume
    screen.refresh()
    assert not speeches.paused_badge.isVisibleTo(screen) and not screen.projector_view().paused


def test_the_preview_shows_what_the_room_sees(screen: RunScreen) -> None:
    screen.setFocus()
    preview = screen.preview
    assert preview.isVisibleTo(screen) and not preview.isWindow()
    screen.refresh()
    assert preview.name.text() == "周明" and preview.digits.text() == "5:00"
    screen.projector_action.trigger()
    screen.blackout_action.trigger()
    assert preview.pages.currentWidget() is preview.black
    screen.blackout_action.trigger()
    assert preview.pages.currentWidget() is preview.content
    screen.message_edit.setText("请抓紧时间")
    screen._message_entered()
    assert preview.message.text() == "请抓紧时间"
    assert screen.projector is not None and screen.projector.view == preview.view


def test_the_message_to_a_speaker_comes_down_when_the_speaker_changes(
    screen: RunScreen,
) -> None:
    screen.message_edit.setText("请抓紧时间")
    screen._message_entered()
    assert screen.projector_view().message == "请抓紧时间"
    screen.speeches.toggle()
    screen.speeches.adjust(30)  # the same speaker: it stays
    assert screen.projector_view().message == "请抓紧时间"
    screen.speeches.next_speaker()
    assert screen.projector_view().message == ""
    assert not screen.message_shown.isChecked() and screen.message_edit.text() == ""
    assert "提示已从投影上撤下" in screen.status.text()


def test_the_limit_shows_the_time_given_or_taken(screen: RunScreen) -> None:
    from desktop_app.ui.run.panel import limit_text

    assert limit_text(300, 0) == "5:00"
    assert limit_text(300, -270) == "5:00 → 0:30(−4:30)"
    assert limit_text(300, 60) == "5:00 → 6:00(+1:00)"
    speeches = screen.speeches
    assert speeches.limit_label.text() == "时限 5:00"
    speeches.adjust(-30)
    assert speeches.limit_label.text() == "时限 5:00 → 4:30(−0:30)"
    assert speeches.model.row_at(0)[2] == "5:00 → 4:30(−0:30)"  # the queue says it too
    speeches.toggle()
    speeches.stop()
    speeches.next_speaker()
    assert speeches.model.row_at(0)[2] == "5:00 → 4:30(−0:30)"  # kept once spoken
    assert speeches.limit_label.text() == "时限 5:00"  # the next speaker's own
    screen.go_to_item(4)  # 总结讲话: a planned length built with +
    screen.speech.adjust(30)
    assert screen.speech.clock.mode.text() == "倒计时,计划 0:30"
