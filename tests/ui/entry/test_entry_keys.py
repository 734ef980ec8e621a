"""Every key the entry screen names (its hint line, its buttons, and the F1 sheet) pressed
as a clerk presses it, with its effect checked; a key named that no check here presses fails
the test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from desktop_app.domain.meeting import Meeting
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database
from desktop_app.store.meetings import save_meeting
from desktop_app.ui.entry import BallotsScreen

M = Qt.KeyboardModifier


@pytest.fixture
def page(qtbot: QtBot, db: Database, seed_meeting: Meeting) -> BallotsScreen:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    page = BallotsScreen(db, station="录入一")
    qtbot.addWidget(page)
    page.resize(1000, 760)
    page.show()
    page.set_meeting(meeting_id)
    page.activateWindow()
    qtbot.waitActive(page)
    return page


def test_every_entry_key_named_does_what_it_says(
    qtbot: QtBot, db: Database, page: BallotsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = page.entry
    sheet = entry.sheet
    draft = entry.draft
    assert sheet is not None and draft is not None
    named = dict(entry.key_rows())
    pressed: set[str] = set()
    sheet.setFocus()

    def press(row: str, key: Qt.Key | str, modifiers: M = M.NoModifier) -> None:
        assert row in named, row
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, key, modifiers)
        pressed.add(row)

    def stored() -> list[str]:
        with db.session() as session:
            return [b.serial for b in load_ballots(session, page.desk.meeting_id)]

    for number, level in enumerate(("好", "较好", "一般", "差"), start=1):
        press(f"勾选:{level}", str(number))
        assert draft.marks[number - 1] == (level,) and draft.cursor == number
    press("不选(该单位弃权)", "0")
    assert draft.marks[4] == () and draft.cursor == 5
    press("不选(该单位弃权)", Qt.Key.Key_Space)
    assert draft.cursor == 6
    press("多选(再按 M 结束)", "m")
    assert draft.multi
    qtbot.keyClicks(sheet, "12")
    press("多选(再按 M 结束)", "m")
    assert draft.marks[6] == ("好", "较好") and not draft.multi
    press("上一个 / 下一个单位", Qt.Key.Key_Up)
    assert draft.cursor == 6
    press("上一个 / 下一个单位", Qt.Key.Key_Down)
    assert draft.cursor == 7
    press("回到第一个单位", Qt.Key.Key_Home)
    assert draft.cursor == 0
    qtbot.keyClicks(sheet, "22")
    press("退回并清除上一个", Qt.Key.Key_Backspace)
    assert draft.cursor == 1
    press("填写票号", Qt.Key.Key_F2)
    assert entry.serial_edit.hasFocus()
    sheet.setFocus()
    # Twelve 好 in the first category (cap 11): Enter warns, Esc takes the warning back.
    draft.reset()
    sheet.refresh()
    qtbot.keyClicks(sheet, "1" * 12 + "2" * 15)
    press("保存这张票", Qt.Key.Key_Return)
    assert stored() == [] and entry._confirm is not None
    press("取消:放弃修改,或收回保存前的提醒", Qt.Key.Key_Escape)
    assert entry._confirm is None and stored() == []
    draft.reset()
    sheet.refresh()
    qtbot.keyClicks(sheet, "2" * 27)
    press("保存这张票", Qt.Key.Key_Return)
    assert stored() == ["A-001"]
    press("撤销 / 重做", Qt.Key.Key_Z, M.ControlModifier)
    assert stored() == []
    press("撤销 / 重做", Qt.Key.Key_Z, M.ControlModifier | M.ShiftModifier)
    assert stored() == ["A-001"]
    monkeypatch.setattr(
        QInputDialog, "getItem", staticmethod(lambda _p, _t, _l, items, *_a: (items[0], True))
    )
    qtbot.keyClicks(sheet, "11")
    press("人工作废…", Qt.Key.Key_D, M.ControlModifier)
    assert stored() == ["A-001", "A-002"]
    assert entry.type_code == "A"
    press("换下一种票", Qt.Key.Key_T, M.ControlModifier)
    assert entry.type_code == "B" and entry.serial_edit.text() == "B-001"
    assert pressed == set(named)
    # The hint line under the sheet names no key that F1 leaves out.
    for key in ("0/空格", "M", "Backspace", "Enter", "Esc", "Ctrl+Z"):
        assert key in entry.hint.text()


def test_ctrl_z_in_the_ballot_list_undoes_a_delete_as_its_question_promises(
    qtbot: QtBot, db: Database, page: BallotsScreen, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.ui.entry import ballot_list as ballot_list_module

    asked: list[str] = []
    monkeypatch.setattr(ballot_list_module, "ask", lambda _p, _t, text: asked.append(text) or True)
    sheet = page.entry.sheet
    assert sheet is not None
    for _ in range(2):
        qtbot.keyClicks(sheet, "2" * 27)
        qtbot.keyClick(sheet, Qt.Key.Key_Return)
    listing = page.ballot_list
    page.tabs.setCurrentWidget(listing)
    listing.view.setFocus()
    listing.view.selectRow(1)
    serial = listing.selected().serial  # type: ignore[union-attr]
    qtbot.keyClick(listing.view, Qt.Key.Key_Delete)
    assert "可以撤销(Ctrl+Z)" in asked[0]

    def serials() -> list[str]:
        with db.session() as session:
            return [b.serial for b in load_ballots(session, page.desk.meeting_id)]

    assert serial not in serials()
    qtbot.keyClick(listing.view, Qt.Key.Key_Z, M.ControlModifier)
    assert serial in serials()
    qtbot.keyClick(listing.view, Qt.Key.Key_Z, M.ControlModifier | M.ShiftModifier)
    assert serial not in serials()
    assert dict(page.key_rows())["撤销 / 重做"] == "Ctrl+Z / Ctrl+Shift+Z"


def test_an_undone_save_puts_the_ballot_back_on_the_sheet_with_its_serial(
    qtbot: QtBot, db: Database, page: BallotsScreen
) -> None:
    entry = page.entry
    sheet = entry.sheet
    assert sheet is not None and entry.draft is not None
    qtbot.keyClicks(sheet, "1" + "2" * 26)
    qtbot.keyClick(sheet, Qt.Key.Key_Return)
    assert entry.serial_edit.text() == "A-002"
    qtbot.keyClick(sheet, Qt.Key.Key_Z, M.ControlModifier)

    def serials() -> list[str]:
        with db.session() as session:
            return [b.serial for b in load_ballots(session, page.desk.meeting_id)]

    assert serials() == []
    assert entry.serial_edit.text() == "A-001"
    assert entry.draft.marks[0] == ("好",) and entry.draft.marks[1] == ("较好",)
    assert "A-001" in entry.banner.text() and "放回录入表" in entry.banner.text()
    qtbot.keyClick(sheet, Qt.Key.Key_Return)  # put right (nothing to change) and saved again
    assert serials() == ["A-001"]


def test_the_ballot_list_is_in_serial_order_and_sorts_by_a_header(
    qtbot: QtBot, page: BallotsScreen
) -> None:
    from desktop_app.ui.entry.ballot_list import serial_order

    assert sorted(["A-10", "A-2", "a-1"], key=serial_order) == ["a-1", "A-2", "A-10"]
    entry = page.entry
    sheet = entry.sheet
    assert sheet is not None
    for serial in ("A-010", "A-002", "A-100"):
        entry.serial_edit.setText(serial)
        qtbot.keyClicks(sheet, "2" * 27)
        qtbot.keyClick(sheet, Qt.Key.Key_Return)
    listing = page.ballot_list
    page.tabs.setCurrentWidget(listing)
    view = listing.view

    def shown() -> list[str]:
        model = view.model()
        return [model.index(r, 0).data() for r in range(model.rowCount())]

    assert shown() == ["A-002", "A-010", "A-100"]
    view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # a click on 票号
    assert shown() == ["A-100", "A-010", "A-002"]
    view.selectRow(0)
    assert listing.selected() is not None and listing.selected().serial == "A-100"  # type: ignore[union-attr]
    listing.find_edit.setText("a-0010")
    assert listing.selected() is not None and listing.selected().serial == "A-010"  # type: ignore[union-attr]
