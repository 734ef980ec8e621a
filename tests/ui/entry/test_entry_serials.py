"""The entry screen and one paper, one serial: it proposes the serials the blank ballots
print, and refuses the printed serial typed another way once the proposed one was saved."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop_app.domain.meeting import Meeting
from desktop_app.domain.serials import serials
from desktop_app.store.database import Database
from tests.ui.entry.test_entry_screen import ALL_FAIR, make_page, stored, type_ballot


def test_the_proposals_are_the_printed_serials(
    qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    page = make_page(qtbot, db, seed_meeting)
    printed = serials(seed_meeting, seed_meeting.ballot_types[0])[:3]
    proposed = []
    for _ in printed:
        proposed.append(page.entry.serial_edit.text())
        type_ballot(qtbot, page, ALL_FAIR)
    assert proposed == printed
    assert [b.serial for b in stored(db, page)] == printed


@pytest.mark.parametrize("typed", ["A-1", "a-001", "A-0001", "Ａ－００１", "ａ－１"])
def test_the_printed_serial_typed_another_way_is_the_same_paper(
    qtbot: QtBot, db: Database, seed_meeting: Meeting, typed: str
) -> None:
    page = make_page(qtbot, db, seed_meeting)
    type_ballot(qtbot, page, ALL_FAIR)  # saved as the proposed A-001
    page.entry.serial_edit.setText(typed)
    type_ballot(qtbot, page, "3" * 27)
    assert [b.serial for b in stored(db, page)] == ["A-001"]
    assert page.entry.banner.property("kind") == "error"
    assert "已经录入过" in page.entry.banner.text() and "A-001" in page.entry.banner.text()


def test_under_double_entry_two_forms_of_one_serial_are_one_ballot(
    qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    page = make_page(qtbot, db, seed_meeting, double=True)
    type_ballot(qtbot, page, ALL_FAIR)  # first typing: A-001
    page.entry.serial_edit.setText("a-1")
    type_ballot(qtbot, page, ALL_FAIR)  # second typing of the same paper
    assert [b.serial for b in stored(db, page)] == ["A-001"]


def test_a_serial_typed_another_way_is_stored_as_the_paper_writes_it(
    qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    page = make_page(qtbot, db, seed_meeting)
    page.entry.serial_edit.setText("ａ－７")
    type_ballot(qtbot, page, ALL_FAIR)
    assert [b.serial for b in stored(db, page)] == ["A-007"]
    assert page.entry.serial_edit.text() == "A-008"
