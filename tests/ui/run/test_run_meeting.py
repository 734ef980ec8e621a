"""The whole seed agenda driven through the run screen's widgets and keys, on a fake clock.

Every figure checked at the end is read back from the database, as the minutes read it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from run_fakes import T0, FakeClock, FakeSounds

from desktop_app.domain.speech_clock import Phase, TimerState
from desktop_app.domain.timing import SpeakerStatus, item_timings, live_state, speaker_timings
from desktop_app.publish import make_report
from desktop_app.store.database import Database
from desktop_app.store.live import ballot_counts
from desktop_app.store.meetings import load_meeting
from desktop_app.store.records import comments, events
from desktop_app.ui.palette import IDLE_COLOURS, PHASE_COLOURS, PULSE_COLOUR
from desktop_app.ui.run import RunScreen
from tests.reports.conftest import ReadPdf

NO = Qt.KeyboardModifier.NoModifier


def keys(screen: RunScreen, qtbot: QtBot) -> Callable[..., None]:
    """Press a key where the focus is, as the operator would."""

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
        target = QApplication.focusWidget() or screen
        qtbot.keyClick(target, key, modifier)

    return press


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; spaces go through the shortcut map like a real key press
    (QTest cannot type Chinese characters, so those are sent as key events directly)."""
    for char in text:
        if char == " ":
            qtbot.keyClick(widget, Qt.Key.Key_Space)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, NO, char))


def test_the_seed_meeting_runs_from_the_keyboard(
    screen: RunScreen,
    clock: FakeClock,
    sounds: FakeSounds,
    qtbot: QtBot,
    db: Database,
    meeting_id: int,
    tmp_path: Path,
) -> None:
    press = keys(screen, qtbot)
    speeches = screen.speeches
    face = speeches.face

    def tick(seconds: float) -> None:
        clock.advance(seconds)
        screen.refresh()

    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.setFocus()
    screen.projector_action.trigger()  # F5: the projector opens (one screen: a window)
    projector = screen.projector
    assert projector is not None and projector.isVisible()
    assert projector.full_screen_on is None
    assert not projector.windowFlags() & Qt.WindowType.FramelessWindowHint

    # --- 1. 周明: a full speech through the phases into overtime ---
    assert speeches.current == "周明"
    assert screen.stack.currentWidget() is speeches
    assert (projector.name.text(), projector.digits.text()) == ("周明", "5:00")
    assert "吴建国" in projector.next_up.text()
    assert face.background() == IDLE_COLOURS[0]
    press(Qt.Key.Key_Space)
    assert speeches.timer.state() is TimerState.RUNNING
    tick(1)
    assert speeches.timer.text() == "4:59"
    assert face.background() == PHASE_COLOURS[Phase.NORMAL][0]
    assert projector.colours() == PHASE_COLOURS[Phase.NORMAL]
    tick(239)
    assert (speeches.timer.text(), speeches.timer.phase()) == ("1:00", Phase.WARNING)
    assert face.background() == PHASE_COLOURS[Phase.WARNING][0]
    assert projector.colours() == PHASE_COLOURS[Phase.WARNING]
    assert sounds.played == ["warning"]
    tick(30)
    assert speeches.timer.phase() is Phase.FINAL
    assert projector.colours() == PHASE_COLOURS[Phase.FINAL]
    tick(30)
    assert speeches.timer.phase() is Phase.OVERTIME
    assert sounds.played == ["warning", "end"]
    assert projector.view is not None and projector.view.pulse  # the flash starts at zero
    assert projector.colours() == (PULSE_COLOUR, PHASE_COLOURS[Phase.OVERTIME][0])
    tick(0.25)
    assert projector.colours() == PHASE_COLOURS[Phase.OVERTIME]  # ...and blinks
    tick(11.75)
    assert projector.digits.text() == "+0:12"
    assert not projector.view.pulse  # the flash is over
    press(Qt.Key.Key_S)
    assert speeches.timer.state() is TimerState.STOPPED
    assert speeches.status_of("周明") == "已发言"

    # --- 2. 吴建国: time given while running, a pause, overtime ---
    press(Qt.Key.Key_N)
    assert speeches.current == "吴建国"
    assert projector.digits.text() == "+0:12"  # the final time is held a few seconds
    tick(5)
    assert (projector.name.text(), projector.digits.text()) == ("吴建国", "5:00")
    press(Qt.Key.Key_Space)
    tick(100)
    press(Qt.Key.Key_Plus)
    assert speeches.timer.text() == "3:50"  # 300 + 30 - 100
    tick(100)
    press(Qt.Key.Key_Space)  # pause
    assert speeches.status_of("吴建国") == "暂停中"
    tick(30)
    assert speeches.timer.text() == "2:10"
    press(Qt.Key.Key_Left)  # refused: 吴建国's speech is under way
    assert speeches.current == "吴建国"
    assert "正在计时" in screen.status.text()
    press(Qt.Key.Key_Space)  # resume
    tick(100)
    assert speeches.timer.phase() is Phase.FINAL
    tick(50)
    assert speeches.timer.text() == "+0:20"
    assert sounds.played == ["warning", "end", "warning", "end"]
    press(Qt.Key.Key_Right)  # next: stops 吴建国 first

    # --- 3, 4. 郑立 skipped, 王海燕 absent; 冯涛 moved after 陈晓东 ---
    assert speeches.current == "郑立"
    press(Qt.Key.Key_K)
    assert speeches.current == "王海燕"
    press(Qt.Key.Key_A)
    assert speeches.current == "冯涛"
    press(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert speeches.order[4:6] == ["陈晓东", "冯涛"]
    assert speeches.current == "冯涛"
    assert speeches.model.current_row == 5

    # --- 5. 冯涛 started 20 s late, then 30 s taken ---
    press(Qt.Key.Key_Space)
    speeches.correct_start(20)
    tick(100)
    assert speeches.timer.text() == "3:00"
    press(Qt.Key.Key_Minus)
    assert speeches.timer.text() == "2:30"
    press(Qt.Key.Key_S)
    press(Qt.Key.Key_N)
    assert speeches.current == "褚卫"  # the next due after 冯涛 in the new order
    press(Qt.Key.Key_Left)
    assert speeches.current == "冯涛"
    press(Qt.Key.Key_Right)
    assert speeches.current == "褚卫"
    press(Qt.Key.Key_Space)
    tick(200)
    press(Qt.Key.Key_S)

    # --- "述职发言就到这里" ---
    speeches.end_here()
    assert screen.item_index == 1
    assert screen.stack.currentWidget() is screen.commentary

    # --- 集中点评: Space types a space in the comment box ---
    box = screen.commentary.box
    box.setFocus()
    type_text(qtbot, box, "认真 务实")
    press(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert screen.commentary.current_target() == "青川市"
    type_text(qtbot, box, "问题找得准")
    assert box.is_dirty()
    press(Qt.Key.Key_Escape)  # leave the box: the keys are commands again
    assert not box.hasFocus()
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)  # next item: saves the text
    assert screen.item_index == 2

    # --- 基层代表点评: a representative added live, with a timer and a comment ---
    floor = screen.floor
    floor.name.setFocus()
    type_text(qtbot, floor.name, "李梅")
    press(Qt.Key.Key_Return)
    type_text(qtbot, floor.identity, "社区党委书记")
    press(Qt.Key.Key_Return)
    assert floor.box.hasFocus()
    type_text(qtbot, floor.box, " 建议多听基层声音")  # Space types: the timer does not start
    assert floor.timer.state() is TimerState.IDLE
    press(Qt.Key.Key_Escape)
    assert projector.name.text() == "李梅"
    press(Qt.Key.Key_Space)
    tick(90)
    assert floor.timer.text() == "1:30"  # counts up
    press(Qt.Key.Key_S)
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    # --- 点评讲话: counts up; 总结讲话: a countdown of one minute set with + ---
    assert screen.stack.currentWidget() is screen.speech
    press(Qt.Key.Key_Space)
    tick(600)
    assert screen.speech.timer.text() == "10:00"
    press(Qt.Key.Key_S)
    screen.speech.notes.setFocus()
    type_text(qtbot, screen.speech.notes, "要点一")
    press(Qt.Key.Key_Escape)
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert screen.item_index == 4
    press(Qt.Key.Key_Plus)
    press(Qt.Key.Key_Equal)
    assert screen.speech.timer.text() == "1:00"
    press(Qt.Key.Key_Space)
    tick(61)
    assert screen.speech.timer.text() == "+0:01"
    press(Qt.Key.Key_S)
    press(Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    # --- 投票评议: counts, then on to ballot entry ---
    assert screen.stack.currentWidget() is screen.ballot
    screen.ballot.set_counts("A", 30, 30)
    screen.ballot.set_counts("B", 160, 158)
    with qtbot.waitSignal(screen.ballot_entry_requested) as entry:
        screen.ballot.entry_button.click()
    assert entry.args == [meeting_id]

    # --- what was stored ---
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        stored = events(session, meeting_id)
        notes = comments(session, meeting_id)
        counts = {c.code: (c.issued, c.collected) for c in ballot_counts(session, meeting_id)}
    timings = {t.name: t for t in speaker_timings(meeting, stored)}
    assert timings["周明"].spoken_s == 312 and timings["周明"].overtime_s == 12
    assert timings["周明"].start == T0
    吴 = timings["吴建国"]
    assert (吴.spoken_s, 吴.paused_s, 吴.limit_s, 吴.overtime_s) == (350, 30, 330, 20)
    assert timings["郑立"].status is SpeakerStatus.SKIPPED
    assert timings["王海燕"].status is SpeakerStatus.ABSENT
    冯 = timings["冯涛"]
    assert (冯.spoken_s, 冯.limit_s) == (120, 270)
    assert timings["褚卫"].spoken_s == 200
    for name in ("陈晓东", "卫红", "蒋志强", "沈丽"):
        assert timings[name].status is SpeakerStatus.NOT_SPOKEN
    assert timings["韩冰"].status is SpeakerStatus.WRITTEN
    items = item_timings(meeting, stored)
    assert items[0].start == T0
    assert items[0].length_s == 312 + 5 + 380 + 100 + 200  # the clock moved, until "就到这里"
    assert all(item.start is not None for item in items)
    assert live_state(meeting, stored).speeches_ended
    texts = {(c.agenda_index, c.target, c.author): c.text for c in notes}
    assert texts[(1, "临海市", "")] == "认真 务实"
    assert texts[(1, "青川市", "")] == "问题找得准"
    assert texts[(2, None, "李梅")] == " 建议多听基层声音"
    assert texts[(3, None, "省委组织部组织一处处长")] == "要点一"
    assert counts == {"A": (30, 30), "B": (160, 158)}

    # --- the minutes show the live run ---
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(make_report(db, meeting_id, "minutes"))
    text = ReadPdf(pdf).flat
    assert "+0:12" in text and "+0:20" in text
    assert "5:12" in text and "5:50" in text  # 周明's and 吴建国's speaking time
    assert "跳过" in text and "缺席" in text and "未发言" in text
    assert "认真务实" in text and "李梅(社区党委书记)" in text


def test_walking_the_agenda_back_and_forth_never_rewrites_it(
    screen: RunScreen,
    clock: FakeClock,
    qtbot: QtBot,
    db: Database,
    meeting_id: int,
    tmp_path: Path,
) -> None:
    """集中点评 ran 0:45; the operator looks back at it (Ctrl+← twice) and goes forward
    again: its first stretch and the other items' stretches stay as they were, the look adds
    a stretch of its own, and the minutes show both stretches and their total."""
    press = keys(screen, qtbot)
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.setFocus()
    ctrl = Qt.KeyboardModifier.ControlModifier
    press(Qt.Key.Key_Right, ctrl)  # the meeting begins: 述职发言
    clock.advance(600)
    press(Qt.Key.Key_Right, ctrl)  # 集中点评
    clock.advance(45)
    press(Qt.Key.Key_Right, ctrl)  # 基层代表点评
    clock.advance(300)
    with db.session() as session:
        before = item_timings(load_meeting(session, meeting_id), events(session, meeting_id))
    assert [i.length_s for i in before[:2]] == [600, 45]
    press(Qt.Key.Key_Left, ctrl)  # a look back at 集中点评...
    assert screen.item_index == 1
    clock.advance(20)
    press(Qt.Key.Key_Left, ctrl)  # ...and 述职发言
    clock.advance(10)
    press(Qt.Key.Key_Right, ctrl)  # through 集中点评 without stopping...
    press(Qt.Key.Key_Right, ctrl)  # ...back where the meeting is
    assert screen.item_index == 2
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        after = item_timings(meeting, events(session, meeting_id))
    for old, new in zip(before, after, strict=True):
        assert new.intervals[: len(old.intervals) - (old.end is None)] == tuple(
            i for i in old.intervals if i.end is not None
        )  # every ended stretch kept as it was
    assert after[0].length_s == 600 + 10
    assert after[1].length_s == 45 + 20  # not 10:37
    assert [i.length_s for i in after[1].intervals] == [45, 20, 0]  # the last: passed through
    assert after[1].intervals[0] == before[1].intervals[0]
    assert after[2].intervals[0].length_s == 300
    # The run screen shows the time the item was running.
    assert screen.agenda_model.row_at(1)[4] == "1:05"
    # The minutes: the stretches, one a line, and their total.
    pdf = tmp_path / "minutes.pdf"
    pdf.write_bytes(make_report(db, meeting_id, "minutes"))
    text = ReadPdf(pdf).flat
    assert "1:05共2段" in text.replace(" ", "")
    assert "10:10共2段" in text.replace(" ", "")
