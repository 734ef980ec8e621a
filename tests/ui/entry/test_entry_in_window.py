"""Ballot entry inside the main window: reached from the run screen's ballot item, results
recounted after saves, and a half-typed ballot never lost by leaving or quitting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database
from desktop_app.ui.main_window import MainWindow

DATA = Path(__file__).parents[2] / "data"
AnswerBox = Callable[[QMessageBox.StandardButton], list[str]]


@pytest.fixture
def opened(window: MainWindow, qtbot: QtBot) -> int:
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000) as signal:
        window.import_meeting(DATA / "seed-meeting.json")
    return int(signal.args[0])


def tab_titles(window: MainWindow) -> list[str]:
    tabs = window.meeting_page.tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_the_meeting_page_has_run_and_entry_tabs(window: MainWindow, opened: int) -> None:
    assert tab_titles(window) == [
        "会议设置",
        "议程",
        "述职人",
        "会议进行",
        "评议票录入",
        "计票结果",
        "文档与打印",
    ]


def test_the_ballot_item_leads_to_the_entry_screen(window: MainWindow, opened: int) -> None:
    window.meeting_page.run_screen.ballot_entry_requested.emit(opened)
    page = window.meeting_page
    assert page.tabs.currentWidget() is page.ballots
    assert page.ballots.tabs.currentWidget() is page.ballots.entry


def test_results_are_recounted_after_a_save(window: MainWindow, opened: int, qtbot: QtBot) -> None:
    page = window.meeting_page
    window.open_ballot_entry(opened)
    qtbot.keyClicks(page.ballots.entry.sheet, "1" * 11 + "2" * 16)
    qtbot.keyClick(page.ballots.entry.sheet, Qt.Key.Key_Return)
    page.tabs.setCurrentWidget(page.results)
    ballots = dict(page.results.ballot_model.row_at(r) for r in range(2))
    assert (ballots["A"].entered, ballots["A"].valid) == (1, 1)
    assert "初步结果" in page.results.result_status.text()


def test_quitting_with_a_half_typed_ballot_asks_and_can_stay(
    window: MainWindow, opened: int, qtbot: QtBot, db: Database, answer_box: AnswerBox
) -> None:
    window.open_ballot_entry(opened)
    qtbot.keyClicks(window.meeting_page.ballots.entry.sheet, "12")
    seen = answer_box(QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert seen and window.isVisible()
    seen = answer_box(QMessageBox.StandardButton.Save)
    assert window.close()
    with db.session() as session:
        (ballot,) = load_ballots(session, opened)
    assert ballot.serial == "A-001"


def test_back_to_the_list_with_a_half_typed_ballot_asks(
    window: MainWindow, opened: int, qtbot: QtBot, answer_box: AnswerBox
) -> None:
    window.open_ballot_entry(opened)
    qtbot.keyClicks(window.meeting_page.ballots.entry.sheet, "3")
    answer_box(QMessageBox.StandardButton.Discard)
    assert window.show_list()
    assert window.pages.currentWidget() is window.list_page


def test_a_restart_reopens_the_meeting_and_tab_last_open(
    window: MainWindow, opened: int, qtbot: QtBot, db: Database
) -> None:
    window.meeting_page.tabs.setCurrentWidget(window.meeting_page.run_screen)
    window.operations.wait()
    again = MainWindow(db, station="s")  # as after a crash: nothing closed properly
    qtbot.addWidget(again)
    assert again.restore_session()
    assert again.pages.currentWidget() is again.meeting_page
    assert again.meeting_page.meeting_id == opened
    assert again.meeting_page.tabs.currentWidget() is again.meeting_page.run_screen

    assert window.show_list()  # going back to the list on purpose: the next start does too
    third = MainWindow(db, station="s")
    qtbot.addWidget(third)
    assert not third.restore_session()
    assert third.pages.currentWidget() is third.list_page


def test_run_screen_keys_do_not_fire_while_typing_ballots(
    window: MainWindow, opened: int, qtbot: QtBot
) -> None:
    window.activateWindow()
    window.open_ballot_entry(opened)
    sheet = window.meeting_page.ballots.entry.sheet
    run = window.meeting_page.run_screen
    qtbot.keyClicks(sheet, " 1 m2m")  # space, S/K/A/N-like keys all mean something else here
    qtbot.keyClick(sheet, Qt.Key.Key_Plus)
    draft = window.meeting_page.ballots.entry.draft
    assert draft is not None
    assert draft.marks[:5] == [(), ("好",), (), ("较好",), ()]
    with window.db.session() as session:
        from desktop_app.store.records import events

        assert events(session, opened) == []  # nothing started on the run screen
    assert run.item_index == 0
    window.meeting_page.ballots.entry.discard()  # so closing the window does not ask
