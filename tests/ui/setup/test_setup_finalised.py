"""The setup screen once the ballots are finalised: swapping the level names 好 and 差 (the
adversarial run's case) and changing the ballots issued are refused with the reason."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database
from desktop_app.store.entry import BallotBook, finalise
from desktop_app.store.meetings import load_meeting, save_meeting
from desktop_app.ui.operations import Operations
from desktop_app.ui.setup import SetupScreen
from desktop_app.ui.setup.editor import SectionModel


def cell(model: SectionModel, row: int, header: str) -> object:
    column = [c.header for c in model.columns].index(header)
    return model.index(row, column)


def test_level_swap_and_issued_are_refused_after_finalising(
    app: QApplication,
    qtbot: QtBot,
    db: Database,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        add_ballots(session, meeting_id, seed_ballots)
    with db.session() as session:
        finalise(session, BallotBook.load(session, meeting_id))
    page = SetupScreen(db, Operations(), station="desk-1")
    qtbot.addWidget(page)
    page.set_meeting(meeting_id)
    page.show()

    levels = page.levels.model
    last = len(seed_meeting.levels) - 1
    assert levels.setData(cell(levels, 0, "名称"), "临时")
    assert levels.setData(cell(levels, last, "名称"), seed_meeting.levels[0].label)
    assert levels.setData(cell(levels, 0, "名称"), seed_meeting.levels[last].label)
    assert not page.save()
    assert "评议票已定稿" in page.status.text() and "改名" in page.status.text()

    page.set_meeting(meeting_id)
    types = page.types.model
    assert types.setData(cell(types, 0, "发出票数"), "99")
    assert not page.save()
    assert "评议票已定稿" in page.status.text() and "发出票数" in page.status.text()
    with db.session() as session:
        assert load_meeting(session, meeting_id) == seed_meeting
