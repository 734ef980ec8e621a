"""Storage failures on the run screen (a full disk: the database file limited in size, as in
tests/ui/entry/test_entry_full_disk.py; a store call raising the store's own StorageFailure
where a real full disk cannot be aimed at one write): every refused write is said on the
status line, never raised out of a slot (pytest-qt fails a test on an exception in a slot),
a comment stays in its box until it is stored, the timer shows what is stored, and nothing
is half-stored."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from run_fakes import FakeClock
from sqlalchemy import event, func, select

from desktop_app.domain.speech_clock import TimerState
from desktop_app.domain.timing import EventKind
from desktop_app.store.database import Database, StorageFailure
from desktop_app.store.live import ballot_counts
from desktop_app.store.models import AuditEventRow
from desktop_app.store.records import comments, events
from desktop_app.ui.run import RunScreen
from desktop_app.ui.run import context as live_context
from tests.ui.entry.test_entry_full_disk import PageLimit

FULL = "数据库无法写入"


def stored_comments(db: Database, meeting_id: int) -> dict[str | None, str]:
    with db.session() as session:
        return {c.target: c.text for c in comments(session, meeting_id)}


def stored_events(db: Database, meeting_id: int) -> list[Any]:
    with db.session() as session:
        return events(session, meeting_id)


def full(db: Database) -> PageLimit:
    limit = PageLimit(db)
    limit.set(limit.current())  # not one page more than the file has now
    return limit


def test_a_comment_typed_on_a_full_disk_stays_and_is_saved_when_there_is_room(
    screen: RunScreen, db: Database, meeting_id: int, qtbot: QtBot
) -> None:
    screen.go_to_item(1)  # 集中点评
    panel = screen.commentary
    box = panel.box
    first = panel.current_target()
    assert first is not None
    limit = full(db)
    long_text = "该单位述职全面," * 800  # more than a page: the file must grow
    box.setFocus()
    box.setPlainText(long_text)
    box.flush()
    assert box.is_unsaved() and box.toPlainText() == long_text
    assert FULL in screen.status.text() and "database or disk is full" in screen.status.text()
    assert "点评未保存" in screen.status.text() and "savepoint" not in screen.status.text()
    assert "未保存" in panel.units.item(0).text()
    assert stored_comments(db, meeting_id).get(first, "") == ""
    # On to the next unit and back: the text is still there, still marked unsaved.
    panel.move_unit(1)
    assert box.toPlainText() == "" and not box.is_unsaved()
    panel.move_unit(-1)
    assert box.toPlainText() == long_text and box.is_unsaved()
    panel.move_unit(1)
    limit.set(None)  # room again
    box.setPlainText("第二个单位的点评")
    box.flush()  # this write succeeds, and the refused one is stored after it
    assert not box.is_unsaved()
    assert "已恢复写入" in screen.status.text()
    qtbot.waitUntil(lambda: stored_comments(db, meeting_id).get(first) == long_text)
    assert panel.pending == set()
    assert "未保存" not in panel.units.item(0).text()
    assert stored_comments(db, meeting_id)[panel.targets[1]] == "第二个单位的点评"


def test_speech_notes_refused_are_kept_across_items_and_saved_on_the_next_attempt(
    screen: RunScreen, db: Database, meeting_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen.go_to_item(3)  # 点评讲话
    notes = screen.speech.notes

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise StorageFailure("数据库无法写入(测试)")

    monkeypatch.setattr(live_context, "add_comment", refuse)
    notes.setPlainText("要点一")
    screen.go_to_item(4)  # the flush is refused; the item changes, the text is kept
    assert "数据库无法写入" in screen.status.text() and screen.item_index == 4
    assert screen.speech.pending == {3: "要点一"}
    screen.go_to_item(3)
    assert notes.toPlainText() == "要点一" and notes.is_unsaved()
    monkeypatch.undo()
    notes.flush()
    assert not notes.is_unsaved() and screen.speech.pending == {}
    with db.session() as session:
        texts = [c.text for c in comments(session, meeting_id) if c.agenda_index == 3]
    assert texts == ["要点一"]


def test_a_speech_started_on_a_full_disk_is_refused_and_the_timer_shows_the_record(
    screen: RunScreen, db: Database, meeting_id: int, clock: FakeClock, qtbot: QtBot
) -> None:
    speeches = screen.speeches
    screen.setFocus()
    limit = full(db)
    for _ in range(3000):
        before, count = speeches.timer.state(), len(stored_events(db, meeting_id))
        qtbot.keyClick(screen, Qt.Key.Key_Space)
        clock.advance(1)
        if "未保存" in screen.status.text():
            break
    else:
        raise AssertionError("the size limit never bit")
    assert FULL in screen.status.text() and "计时器保持原状" in screen.status.text()
    assert speeches.timer.state() is before  # the press changed nothing on screen...
    assert len(stored_events(db, meeting_id)) == count  # ...nor in the record
    shown = speeches.timer.state()
    speeches.load_timer()  # what the stored events say
    assert speeches.timer.state() is shown
    limit.set(None)
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert speeches.timer.state() is not before
    assert "已恢复写入" in screen.status.text()
    assert len(stored_events(db, meeting_id)) == count + 1


def test_a_refused_stop_keeps_the_speaker_on_stage_and_a_refused_move_stays_put(
    screen: RunScreen, db: Database, meeting_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    speeches = screen.speeches
    speeches.toggle()
    assert speeches.timer.state() is TimerState.RUNNING
    stored = len(stored_events(db, meeting_id))
    real = live_context.record_event

    def refuse(*_args: object) -> None:
        raise StorageFailure("数据库无法写入(测试)")

    monkeypatch.setattr(live_context, "record_event", refuse)
    speeches.next_speaker()  # the stop is refused: the speaker stays, the clock runs
    assert speeches.current == "周明" and speeches.timer.state() is TimerState.RUNNING
    assert len(stored_events(db, meeting_id)) == stored
    assert "数据库无法写入" in screen.status.text()
    screen.go_to_item(1)  # refused too: the speech is not stopped
    assert screen.item_index == 0 and speeches.timer.state() is TimerState.RUNNING
    # Ending the item and starting the next are stored together or not at all.
    monkeypatch.undo()
    speeches.stop()
    stored = len(stored_events(db, meeting_id))
    calls: list[str] = []

    def second_fails(session: Any, meeting: int, event: Any) -> None:
        calls.append(str(event.kind))
        if len(calls) == 2:
            raise StorageFailure("数据库无法写入(测试)")
        real(session, meeting, event)

    monkeypatch.setattr(live_context, "record_event", second_fails)
    screen.go_to_item(1)
    assert calls == [str(EventKind.ITEM_END), str(EventKind.ITEM_START)]
    assert screen.item_index == 0 and screen.stack.currentWidget() is speeches
    assert len(stored_events(db, meeting_id)) == stored
    monkeypatch.undo()
    screen.go_to_item(1)
    assert screen.item_index == 1
    assert len(stored_events(db, meeting_id)) == stored + 2


def test_counts_typed_on_a_full_disk_say_so_and_are_never_half_stored(
    screen: RunScreen, db: Database, meeting_id: int
) -> None:
    screen.go_to_item(5)  # 投票评议
    ballot = screen.ballot

    def stored() -> tuple[int | None, int | None]:
        with db.session() as session:
            count = next(c for c in ballot_counts(session, meeting_id) if c.code == "A")
        return count.issued, count.collected

    def audited() -> int:
        with db.session() as session:
            query = select(func.count()).where(AuditEventRow.action == "ballot_type.counts")
            return int(session.scalar(query) or 0)

    limit = full(db)
    saved = 0
    for n in range(1, 3000):
        ballot.set_counts("A", 100 + n, 90 + n)
        if "未保存" in ballot.warning.text():
            break
        saved += 1
        last = (100 + n, 90 + n)
    else:
        raise AssertionError("the size limit never bit")
    assert saved > 0
    assert FULL in ballot.warning.text() and f"发出 {100 + n}" in ballot.warning.text()
    assert FULL in screen.status.text() and "票数未保存" in screen.status.text()
    assert stored() == last and audited() == saved  # the counts and their audit, or nothing
    issued, collected = ballot.spins["A"]
    assert (issued.value(), collected.value()) == last  # what is stored is what is shown
    limit.set(None)
    ballot.set_counts("A", 40, 38)
    assert stored() == (40, 38) and audited() == saved + 1
    assert "未保存" not in ballot.warning.text()


class ReadOnly:
    """New connections to the database refuse every write (SQLITE_READONLY), as on
    read-only media."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.on = False
        event.listen(db.engine, "connect", self._apply)

    def _apply(self, dbapi_connection: Any, _record: Any) -> None:
        if self.on:
            dbapi_connection.execute("PRAGMA query_only = ON")

    def set(self, on: bool) -> None:
        self.on = on
        self.db.engine.dispose()


def test_a_representative_added_on_a_read_only_database_stays_in_the_form(
    screen: RunScreen, db: Database, meeting_id: int
) -> None:
    screen.go_to_item(2)  # 基层代表点评
    floor = screen.floor
    read_only = ReadOnly(db)
    read_only.set(True)
    floor.name.setText("李四")
    floor.identity.setText("某村党支部书记")
    floor.add_from_form()
    assert FULL in screen.status.text() and "readonly" in screen.status.text()
    assert floor.people == [] and floor.name.text() == "李四"  # kept, to add again
    read_only.set(False)
    floor.add_from_form()
    assert [p[1:] for p in floor.people] == [("李四", "某村党支部书记")]
    assert floor.name.text() == ""
    comment_id = floor.people[0][0]
    read_only.set(True)
    floor.box.setPlainText("建议加强基层组织建设")
    floor.flush()
    assert floor.box.is_unsaved() and floor.pending == {comment_id}
    read_only.set(False)
    floor.flush()
    assert not floor.box.is_unsaved() and floor.pending == set()
    with db.session() as session:
        texts = {c.id: c.text for c in comments(session, meeting_id)}
    assert texts[comment_id] == "建议加强基层组织建设"
