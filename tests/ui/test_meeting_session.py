"""The meeting session (ui/session.py) on a real SQLite file: every kind of write announces
what changed, opening a meeting in the window loads it once, a count typed on the run screen
shows on the entry desk and the results by itself, and a refused write announces nothing and
keeps what the session holds."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.timing import EventKind, SpeechEvent
from desktop_app.store import meetings as store_meetings
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database, StorageFailure
from desktop_app.store.live import ballot_counts
from desktop_app.store.meetings import save_meeting
from desktop_app.store.records import add_comment, record_event
from desktop_app.store.setup import update_meeting
from desktop_app.ui import session as session_module
from desktop_app.ui.entry.desk import BallotDesk
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.session import (
    BALLOTS,
    COUNTS,
    ELSEWHERE,
    FINALISED,
    MEETING,
    RUN,
    SCANS,
    MeetingSession,
)
from tests.ui.entry.test_entry_full_disk import PageLimit


@pytest.fixture
def meeting_id(db: Database, seed_meeting: Meeting) -> int:
    with db.session() as session:
        return save_meeting(session, seed_meeting)


@pytest.fixture
def session(app: QApplication, db: Database, meeting_id: int) -> MeetingSession:
    opened = MeetingSession(db, meeting_id, station="录入一")
    opened.poll_timer.stop()  # the tests poll by hand
    return opened


def stored_counts(db: Database, meeting_id: int) -> dict[str, tuple[int | None, int | None]]:
    with db.session() as s:
        return {c.code: (c.issued, c.collected) for c in ballot_counts(s, meeting_id)}


def announces(qtbot: QtBot, session: MeetingSession, what: str, act: Callable[[], object]) -> None:
    """``act`` makes the session announce ``what``, exactly once and nothing else."""
    heard: list[str] = []
    session.changed.connect(heard.append)
    with qtbot.waitSignal(session.changed, check_params_cb=lambda w: w == what):
        act()
    session.changed.disconnect(heard.append)
    assert heard == [what]


def test_every_kind_of_write_announces_what_changed(
    qtbot: QtBot, db: Database, session: MeetingSession, seed_ballots: list[Ballot]
) -> None:
    desk = BallotDesk()
    desk.set_session(session)
    announces(qtbot, session, COUNTS, lambda: session.set_counts("A", issued=31, collected=30))
    assert stored_counts(db, session.meeting_id)["A"] == (31, 30)
    # The counts are part of the meeting's ballot types: kept current without a load.
    assert session.meeting.ballot_types[0].issued == 31
    announces(qtbot, session, BALLOTS, lambda: desk.save(seed_ballots[0]))
    assert [r.serial for r in desk.records()] == [seed_ballots[0].serial]
    announces(qtbot, session, BALLOTS, desk.undo_stack.undo)
    assert desk.records() == []
    event = SpeechEvent(EventKind.ITEM_START, dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), 0)
    announces(
        qtbot,
        session,
        RUN,
        lambda: session.write(lambda s: record_event(s, session.meeting_id, event), RUN),
    )
    renamed = f"{session.meeting.title}(改)"

    def rename() -> None:
        new = replace(session.meeting, title=renamed)
        session.write(lambda s: update_meeting(s, session.meeting_id, new), MEETING, reload=True)

    announces(qtbot, session, MEETING, rename)
    assert session.meeting.title == renamed  # reloaded before the announcement
    announces(
        qtbot,
        session,
        BALLOTS,
        lambda: session.write(lambda s: add_ballots(s, session.meeting_id, seed_ballots), BALLOTS),
    )
    announces(qtbot, session, FINALISED, desk.finalise)
    announces(qtbot, session, FINALISED, lambda: desk.unlock("核对后更正"))
    announces(qtbot, session, SCANS, lambda: session.notify(SCANS))


def test_another_station_s_change_is_noticed_by_polling(
    qtbot: QtBot, db: Database, session: MeetingSession, meeting_id: int
) -> None:
    other = MeetingSession(db, meeting_id, station="录入二")
    other.poll_timer.stop()
    assert not session.poll()  # nothing new yet
    other.set_counts("B", issued=160, collected=158)
    assert not other.poll()  # its own write is not news to it
    with qtbot.waitSignal(session.changed, check_params_cb=lambda w: w == ELSEWHERE):
        assert session.poll()
    assert session.meeting.ballot_types[1].collected == 158  # reloaded


def test_a_database_that_cannot_be_read_while_polling_is_offline_not_a_crash(
    qtbot: QtBot, session: MeetingSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's medium pulled out or failing between two polls: the session says it is
    offline (the status line shows it) instead of raising out of its timer every 1.5 s."""

    def unreadable(*_args: Any) -> int:
        raise StorageFailure("sqlite:///stick.sqlite3: unable to open database file")

    real = session_module.store.last_change
    monkeypatch.setattr(session_module.store, "last_change", unreadable)
    with qtbot.waitSignal(session.online_changed, check_params_cb=lambda up: not up):
        assert not session.poll()
    assert not session.online
    monkeypatch.setattr(session_module.store, "last_change", real)
    with qtbot.waitSignal(session.online_changed, check_params_cb=lambda up: up):
        assert not session.poll()  # back, and nothing changed meanwhile
    assert session.online


def test_a_refused_write_announces_nothing_and_keeps_the_state(
    qtbot: QtBot, db: Database, session: MeetingSession, seed_ballots: list[Ballot]
) -> None:
    session.set_counts("A", issued=30, collected=29)
    before = session.meeting
    limit = PageLimit(db)
    limit.set(limit.current())  # not one page more than the file has now

    def long_comment(s: Any) -> None:
        add_comment(
            s, session.meeting_id, target=None, agenda_index=1, text="很长的点评。" * 20_000
        )

    with qtbot.assertNotEmitted(session.changed), pytest.raises(StorageFailure):
        session.write(long_comment, RUN)
    limit.set(None)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise StorageFailure("数据库无法写入(测试)")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(session_module, "set_ballot_counts", refuse)
        with qtbot.assertNotEmitted(session.changed), pytest.raises(StorageFailure):
            session.set_counts("A", issued=99, collected=98)
    assert session.meeting is before  # the meeting held is the stored one
    assert stored_counts(db, session.meeting_id)["A"] == (30, 29)


def test_opening_a_meeting_in_the_window_loads_it_once(
    window: MainWindow, qtbot: QtBot, meeting_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store_meetings.load_meeting_and_ids
    loads: list[int] = []

    def counting(session: Any, wanted: int) -> Any:
        loads.append(wanted)
        return real(session, wanted)

    # Every module that took the loader by name (load_meeting itself calls it too).
    for module in list(sys.modules.values()):
        if getattr(module, "load_meeting_and_ids", None) is real:
            monkeypatch.setattr(module, "load_meeting_and_ids", counting)
    window.refresh_meetings()
    with qtbot.waitSignal(window.meeting_opened):
        window.open_meeting(meeting_id)
    assert loads == [meeting_id]
    page = window.meeting_page
    assert page.session is not None
    # Every screen works on that one session.
    assert page.ballots.desk.session is page.session
    assert page.run_screen.session is page.session
    assert page.setup.session is page.session
    assert page.results.session is page.session
    assert page.results.result_model.rowCount() == 27  # counted without loading again


def test_counts_typed_on_the_run_screen_show_on_the_entry_desk_and_the_results(
    window: MainWindow, qtbot: QtBot, db: Database, meeting_id: int
) -> None:
    window.refresh_meetings()
    window.open_meeting(meeting_id)
    page = window.meeting_page
    page.tabs.setCurrentWidget(page.run_screen)
    run = page.run_screen
    run.go_to_item(5)  # 投票评议
    assert run.stack.currentWidget() is run.ballot
    entry_progress = page.ballots.entry.progress_label.text()
    run.ballot.set_counts("A", 31, 29)
    assert stored_counts(db, meeting_id)["A"] == (31, 29)
    # The entry desk knows at once (it is not on view: nobody asked it to refresh).
    progress = {p.code: p for p in page.ballots.desk.progress()}
    assert (progress["A"].issued, progress["A"].collected) == (31, 29)
    assert page.ballots.entry.progress_label.text() != entry_progress
    # The results: recounted when they come on view.
    page.tabs.setCurrentWidget(page.results)
    rows = dict(page.results.ballot_model.row_at(r) for r in range(2))
    assert (rows["A"].issued, rows["A"].collected) == (31, 29)
    # And back: counts saved at the entry desk show in the run screen's boxes.
    page.tabs.setCurrentWidget(page.run_screen)
    page.ballots.desk.set_counts("B", issued=160, collected=150)
    issued, collected = run.ballot.spins["B"]
    assert (issued.value(), collected.value()) == (160, 150)
    # Results on view follow at once.
    page.tabs.setCurrentWidget(page.results)
    page.ballots.desk.set_counts("B", issued=160, collected=151)
    rows = dict(page.results.ballot_model.row_at(r) for r in range(2))
    assert rows["B"].collected == 151


def test_a_setup_save_reaches_every_screen_and_the_list(
    window: MainWindow, qtbot: QtBot, meeting_id: int
) -> None:
    window.refresh_meetings()
    window.open_meeting(meeting_id)
    page = window.meeting_page
    page.tabs.setCurrentWidget(page.setup)
    setup = page.setup
    setup.title_edit.setText("改过名的会议")
    setup.title_edit.editingFinished.emit()
    with qtbot.waitSignal(page.session.changed, check_params_cb=lambda w: w == MEETING):
        assert setup.save()
    assert page.title.text() == "改过名的会议"
    assert page.run_screen.title.text() == "改过名的会议"
    assert page.ballots.desk.meeting.title == "改过名的会议"
    assert window.list_page.model.row_at(0).title == "改过名的会议"
