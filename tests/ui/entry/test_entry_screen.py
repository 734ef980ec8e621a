"""The ballot entry screen on a real SQLite file, typed into with qtbot as a clerk would.

The seed meeting has 27 targets: 22 in the first category (cap 好 11), 5 in the second
(cap 好 3). Keys 1–4 are 好/较好/一般/差.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting, MultiMarkRule, OverCapRule, Rules
from desktop_app.store.audit import audit_events
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database
from desktop_app.store.entry import ballot_records
from desktop_app.store.live import set_ballot_counts
from desktop_app.store.meetings import save_meeting
from desktop_app.ui.entry import BallotsScreen
from desktop_app.ui.entry import ballot_list as ballot_list_module

AnswerBox = Callable[[QMessageBox.StandardButton], list[str]]

ALL_FAIR = "2" * 27  # 较好 everywhere: valid under every rule
TWELVE_GOOD = "1" * 12 + "2" * 15  # 12 好 in the first category, cap 11


def make_page(
    qtbot: QtBot, db: Database, meeting: Meeting, *, double: bool = False
) -> BallotsScreen:
    with db.session() as session:
        meeting_id = save_meeting(session, meeting)
    if double:
        from desktop_app.store.entry import set_double_entry

        with db.session() as session:
            set_double_entry(session, meeting_id, True)
    page = BallotsScreen(db, station="录入一")
    qtbot.addWidget(page)
    page.resize(1000, 760)
    page.show()
    page.set_meeting(meeting_id)
    return page


@pytest.fixture
def page(qtbot: QtBot, db: Database, seed_meeting: Meeting) -> BallotsScreen:
    return make_page(qtbot, db, seed_meeting)


def with_rules(meeting: Meeting, multi: MultiMarkRule, over: OverCapRule) -> Meeting:
    return dataclasses.replace(meeting, rules=Rules(multi, over))


def type_ballot(qtbot: QtBot, page: BallotsScreen, keys: str, *, enters: int = 1) -> None:
    sheet = page.entry.sheet
    assert sheet is not None
    qtbot.keyClicks(sheet, keys)
    for _ in range(enters):
        qtbot.keyClick(sheet, Qt.Key.Key_Return)


def stored(db: Database, page: BallotsScreen) -> list[Ballot]:
    with db.session() as session:
        return load_ballots(session, page.desk.meeting_id)


def statuses(db: Database, page: BallotsScreen) -> list[tuple[str, str]]:
    with db.session() as session:
        return [(r.serial, r.status.value) for r in ballot_records(session, page.desk.meeting_id)]


def audit_actions(db: Database, page: BallotsScreen) -> list[str]:
    with db.session() as session:
        return [e.action for e in audit_events(session, page.desk.meeting_id)]


# --- typing and saving --------------------------------------------------------------------


def test_a_valid_ballot_saves_with_one_enter_and_the_next_starts(
    qtbot: QtBot, db: Database, page: BallotsScreen, seed_meeting: Meeting
) -> None:
    entry = page.entry
    assert entry.serial_edit.text() == "A-001"
    type_ballot(qtbot, page, ALL_FAIR)
    assert statuses(db, page) == [("A-001", "valid")]
    (ballot,) = stored(db, page)
    assert ballot.ticks(seed_meeting.targets[26]) == ("较好",)
    assert entry.banner.text().startswith("A-001 已保存 · 有效票")
    assert entry.banner.property("kind") == "valid"
    assert entry.serial_edit.text() == "A-002"
    assert entry.draft is not None and not entry.draft.dirty
    assert audit_actions(db, page)[-1] == "ballot.create"


@pytest.mark.parametrize("over", [OverCapRule.VOID_BALLOT, OverCapRule.VOID_CATEGORY])
def test_over_cap_needs_a_second_enter(
    qtbot: QtBot, db: Database, seed_meeting: Meeting, over: OverCapRule
) -> None:
    page = make_page(qtbot, db, with_rules(seed_meeting, MultiMarkRule.VOID_BALLOT, over))
    entry = page.entry
    qtbot.keyClicks(entry.sheet, TWELVE_GOOD)
    assert "好 12/11" in entry.sheet.sheet_model.cap_text(0)[0]
    assert entry.sheet.sheet_model.cap_text(0)[1]  # shown red
    qtbot.keyClick(entry.sheet, Qt.Key.Key_Return)
    assert stored(db, page) == []  # the first Enter only warns
    assert entry.banner.property("kind") == "warning"
    assert "超过上限11个" in entry.banner.text() or "超限类别不计" in entry.banner.text()
    qtbot.keyClick(entry.sheet, Qt.Key.Key_Return)
    expected = "void" if over is OverCapRule.VOID_BALLOT else "valid"
    assert statuses(db, page) == [("A-001", expected)]
    assert entry.banner.property("kind") == expected


@pytest.mark.parametrize("multi", [MultiMarkRule.VOID_BALLOT, MultiMarkRule.VOID_TARGET])
def test_several_boxes_with_m(
    qtbot: QtBot, db: Database, seed_meeting: Meeting, multi: MultiMarkRule
) -> None:
    page = make_page(qtbot, db, with_rules(seed_meeting, multi, OverCapRule.VOID_BALLOT))
    type_ballot(qtbot, page, "m12m" + "2" * 26, enters=2)
    (ballot,) = stored(db, page)
    assert ballot.ticks(seed_meeting.targets[0]) == ("好", "较好")
    expected = "void" if multi is MultiMarkRule.VOID_BALLOT else "valid"
    assert statuses(db, page) == [("A-001", expected)]
    assert "多选" in page.entry.banner.text()


def test_blank_ballot(qtbot: QtBot, db: Database, page: BallotsScreen) -> None:
    type_ballot(qtbot, page, "", enters=1)
    assert stored(db, page) == []
    assert "空白票" in page.entry.banner.text()
    qtbot.keyClick(page.entry.sheet, Qt.Key.Key_Return)
    assert statuses(db, page) == [("A-001", "blank")]
    assert page.entry.banner.property("kind") == "blank"


def test_saving_early_warns_about_targets_not_reached(
    qtbot: QtBot, db: Database, page: BallotsScreen
) -> None:
    type_ballot(qtbot, page, "2" * 20)
    assert stored(db, page) == []
    assert "还有 7 个对象未录入" in page.entry.banner.text()


def test_void_by_hand_with_a_reason(qtbot: QtBot, db: Database, page: BallotsScreen) -> None:
    qtbot.keyClicks(page.entry.sheet, "11")
    page.entry.void_by_hand("签名或做记号")
    assert statuses(db, page) == [("A-001", "void")]
    assert stored(db, page)[0].void_reason == "签名或做记号"
    assert "人工作废" in page.entry.banner.text()


def test_keys_that_mean_nothing_are_ignored_with_a_hint(qtbot: QtBot, page: BallotsScreen) -> None:
    qtbot.keyClicks(page.entry.sheet, "5x")
    assert page.entry.draft is not None and not page.entry.draft.dirty
    assert "按键 “x” 无效" in page.entry.hint.text()


def test_a_used_serial_is_refused_and_the_typing_kept(
    qtbot: QtBot, db: Database, page: BallotsScreen
) -> None:
    type_ballot(qtbot, page, ALL_FAIR)
    page.entry.serial_edit.setText("A-001")
    type_ballot(qtbot, page, "3" * 27)
    assert len(stored(db, page)) == 1 and stored(db, page)[0].ticks(
        page.desk.meeting.targets[0]
    ) == ("较好",)
    assert page.entry.banner.property("kind") == "error"
    assert "A-001" in page.entry.banner.text() and "已经录入过" in page.entry.banner.text()
    assert page.entry.draft is not None and page.entry.draft.marks[0] == ("一般",)


def test_switching_type_proposes_that_types_next_serial(qtbot: QtBot, page: BallotsScreen) -> None:
    type_ballot(qtbot, page, ALL_FAIR)
    page.entry.type_combo.setCurrentIndex(1)
    assert page.entry.serial_edit.text() == "B-001"
    page.entry.type_combo.setCurrentIndex(0)
    assert page.entry.serial_edit.text() == "A-002"


# --- list, edit, delete, undo ---------------------------------------------------------------


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    monkeypatch.setattr(ballot_list_module, "ask", answer)
    return asked


def test_edit_from_the_list_then_undo_and_redo(
    qtbot: QtBot, db: Database, page: BallotsScreen, seed_meeting: Meeting
) -> None:
    type_ballot(qtbot, page, ALL_FAIR)
    listing = page.ballot_list
    page.tabs.setCurrentWidget(listing)
    assert listing.model.rowCount() == 1
    listing.view.selectRow(0)
    listing.open_selected()
    assert page.tabs.currentWidget() is page.entry
    assert page.entry.banner.property("kind") == "edit"
    qtbot.keyClicks(page.entry.sheet, "4")  # first target: 差
    qtbot.keyClick(page.entry.sheet, Qt.Key.Key_Return)
    assert stored(db, page)[0].ticks(seed_meeting.targets[0]) == ("差",)
    assert audit_actions(db, page)[-1] == "ballot.update"

    qtbot.keyClick(page.entry.sheet, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(db, page)[0].ticks(seed_meeting.targets[0]) == ("较好",)
    page.entry.redo()
    assert stored(db, page)[0].ticks(seed_meeting.targets[0]) == ("差",)
    assert audit_actions(db, page)[-2:] == ["ballot.update", "ballot.update"]


def test_escape_abandons_an_edit_leaving_the_ballot_as_it_was(
    qtbot: QtBot, db: Database, page: BallotsScreen
) -> None:
    type_ballot(qtbot, page, ALL_FAIR)
    before = stored(db, page)
    page.edit(before[0], None)
    qtbot.keyClicks(page.entry.sheet, "444")
    qtbot.keyClick(page.entry.sheet, Qt.Key.Key_Escape)
    assert stored(db, page) == before
    assert page.entry.editing is None
    assert page.entry.serial_edit.text() == "A-002"


def test_delete_with_confirmation_and_undo(
    qtbot: QtBot, db: Database, page: BallotsScreen, yes: list[str]
) -> None:
    type_ballot(qtbot, page, ALL_FAIR)
    type_ballot(qtbot, page, ALL_FAIR)
    listing = page.ballot_list
    page.tabs.setCurrentWidget(listing)
    listing.find_edit.setText("A-002")
    assert listing.model.rowCount() == 1
    listing.delete_selected()
    assert "A-002" in yes[0]
    assert [b.serial for b in stored(db, page)] == ["A-001"]
    assert audit_actions(db, page)[-1] == "ballot.delete"
    page.entry.undo()
    assert [b.serial for b in stored(db, page)] == ["A-001", "A-002"]


def test_undo_of_the_last_save(qtbot: QtBot, db: Database, page: BallotsScreen) -> None:
    type_ballot(qtbot, page, ALL_FAIR)
    page.entry.undo()
    assert stored(db, page) == []
    assert "已撤销" in page.entry.banner.text()
    assert audit_actions(db, page)[-2:] == ["ballot.create", "ballot.delete"]


def test_list_filters_by_type_and_status(qtbot: QtBot, page: BallotsScreen) -> None:
    type_ballot(qtbot, page, ALL_FAIR)
    type_ballot(qtbot, page, "", enters=2)  # blank
    page.entry.type_combo.setCurrentIndex(1)
    type_ballot(qtbot, page, ALL_FAIR)
    listing = page.ballot_list
    page.tabs.setCurrentWidget(listing)
    assert listing.model.rowCount() == 3
    listing.type_filter.setCurrentIndex(listing.type_filter.findData("B"))
    assert [listing.model.row_at(i).serial for i in range(listing.model.rowCount())] == ["B-001"]
    listing.type_filter.setCurrentIndex(0)
    listing.status_filter.setCurrentIndex(listing.status_filter.findData("blank"))
    assert [listing.model.row_at(i).serial for i in range(listing.model.rowCount())] == ["A-002"]


# --- progress ---------------------------------------------------------------------------------


def test_progress_warns_loudly_when_entered_exceeds_collected(
    qtbot: QtBot, db: Database, page: BallotsScreen
) -> None:
    with db.session() as session:
        set_ballot_counts(session, page.desk.meeting_id, "A", issued=30, collected=1)
    page.desk.changed.emit()
    assert "A票 已录入 0 / 收回 1 / 发出 30(还差 1 张)" in page.entry.progress_label.text()
    assert page.entry.progress_warning.isHidden()
    type_ballot(qtbot, page, ALL_FAIR)
    type_ballot(qtbot, page, ALL_FAIR)
    assert page.entry.progress_warning.isVisible()
    assert "A票已录入 2 张,多于收回的 1 张" in page.entry.progress_warning.text()


# --- double entry -----------------------------------------------------------------------------


def test_double_entry_agreement(qtbot: QtBot, db: Database, seed_meeting: Meeting) -> None:
    page = make_page(qtbot, db, seed_meeting, double=True)
    type_ballot(qtbot, page, ALL_FAIR)
    assert stored(db, page) == []
    assert "等待第二次录入" in page.entry.banner.text()
    page.entry.serial_edit.setText("A-001")
    type_ballot(qtbot, page, ALL_FAIR)
    assert [b.serial for b in stored(db, page)] == ["A-001"]
    assert "两次录入一致" in page.entry.banner.text()
    assert "待第二次录入 0 张,不一致 0 张" in page.entry.progress_label.text()


def test_double_entry_mismatch_and_resolution(
    qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    page = make_page(qtbot, db, seed_meeting, double=True)
    type_ballot(qtbot, page, ALL_FAIR)
    page.entry.serial_edit.setText("A-001")
    type_ballot(qtbot, page, "2" * 5 + "3" + "2" * 21)
    assert stored(db, page) == []
    assert page.entry.banner.property("kind") == "error"
    assert "不一致" in page.entry.banner.text()
    assert "不一致 1 张" in page.entry.progress_label.text()

    listing = page.ballot_list
    page.tabs.setCurrentWidget(listing)
    listing.status_filter.setCurrentIndex(listing.status_filter.findData("mismatch"))
    assert listing.model.rowCount() == 1
    assert listing.selected() is not None
    sixth = seed_meeting.targets[5]
    assert listing.compare.item(0, 0).text() == sixth  # differences first
    assert (listing.compare.item(0, 1).text(), listing.compare.item(0, 2).text()) == (
        "较好",
        "一般",
    )
    assert listing.keep_first.isEnabled()
    listing.keep_first.click()
    (ballot,) = stored(db, page)
    assert ballot.ticks(sixth) == ("较好",)
    assert audit_actions(db, page)[-1] == "ballot_entry.update"


# --- never lose a half-typed ballot -------------------------------------------------------------


@pytest.mark.parametrize(
    ("button", "stays", "saved"),
    [
        (QMessageBox.StandardButton.Cancel, True, 0),
        (QMessageBox.StandardButton.Discard, False, 0),
        (QMessageBox.StandardButton.Save, False, 1),
    ],
)
def test_switching_away_mid_ballot_asks(
    qtbot: QtBot,
    db: Database,
    page: BallotsScreen,
    button: QMessageBox.StandardButton,
    stays: bool,
    saved: int,
    answer_box: AnswerBox,
) -> None:
    qtbot.keyClicks(page.entry.sheet, "1234")
    seen = answer_box(button)
    page.tabs.setCurrentWidget(page.ballot_list)
    assert seen and "A-001" in seen[0]
    assert (page.tabs.currentWidget() is page.entry) is stays
    assert len(stored(db, page)) == saved
    assert page.entry.dirty is stays


def test_clean_screen_switches_without_asking(page: BallotsScreen) -> None:
    page.tabs.setCurrentWidget(page.ballot_list)
    assert page.tabs.currentWidget() is page.ballot_list


# --- finalising -------------------------------------------------------------------------------


def test_finalise_locks_entry_and_unlock_needs_a_reason(
    qtbot: QtBot,
    db: Database,
    page: BallotsScreen,
    yes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    type_ballot(qtbot, page, ALL_FAIR)
    listing = page.ballot_list
    page.tabs.setCurrentWidget(listing)
    assert listing.request_finalise()
    assert "A票 1 张" in yes[-1]
    assert "已定稿" in listing.final_label.text()
    assert not page.entry.save_button.isEnabled()
    page.tabs.setCurrentWidget(page.entry)
    assert not page.entry.sheet.isEnabled()
    type_ballot(qtbot, page, ALL_FAIR)
    assert page.entry.draft is not None and not page.entry.draft.dirty
    assert len(stored(db, page)) == 1
    assert "已定稿" in page.entry.banner.text()

    monkeypatch.setattr(ballot_list_module, "ask_text", lambda *_: "B 组核对后需更正")
    page.tabs.setCurrentWidget(listing)
    assert listing.request_unlock()
    assert page.entry.save_button.isEnabled() and page.entry.sheet.isEnabled()
    assert audit_actions(db, page)[-2:] == ["ballots.finalise", "ballots.unlock"]


def test_finalise_refused_while_double_entry_is_open(
    qtbot: QtBot, db: Database, seed_meeting: Meeting, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, db, seed_meeting, double=True)
    type_ballot(qtbot, page, ALL_FAIR)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    assert not page.ballot_list.request_finalise()
    assert "只录入了一次" in warned[0]


def test_audit_sample_dialog_is_reproducible(
    qtbot: QtBot, db: Database, page: BallotsScreen
) -> None:
    for _ in range(6):
        type_ballot(qtbot, page, ALL_FAIR)
    dialog = page.ballot_list.show_sample_dialog()
    qtbot.addWidget(dialog)
    dialog.size_box.setValue(3)
    dialog.seed_edit.setText("20261123")
    dialog.draw()
    first = dialog.output.toPlainText()
    assert first.startswith("随机种子 20261123,抽取 3 张")
    dialog.draw()
    assert dialog.output.toPlainText() == first
    with db.session() as session:
        events = [
            e for e in audit_events(session, page.desk.meeting_id) if e.action == "ballots.sample"
        ]
    assert len(events) == 2 and events[0].after["seed"] == 20261123
    assert events[0].after["serials"] == first.splitlines()[1:]
    dialog.close()


def test_the_mouse_works_too(qtbot: QtBot, db: Database, page: BallotsScreen) -> None:
    sheet = page.entry.sheet
    assert sheet is not None

    def cell(row: int, level: int) -> object:
        index = sheet.sheet_model.index(row, sheet.sheet_model.FIRST_LEVEL + level)
        return sheet.visualRect(index).center()

    qtbot.mouseClick(sheet.viewport(), Qt.MouseButton.LeftButton, pos=cell(0, 3))  # 差
    qtbot.mouseClick(sheet.viewport(), Qt.MouseButton.LeftButton, pos=cell(1, 0))  # 好
    qtbot.mouseClick(  # Ctrl+click adds a second box: several ticked
        sheet.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier, cell(1, 1)
    )
    assert page.entry.draft is not None
    assert page.entry.draft.marks[:2] == [("差",), ("好", "较好")]
    assert page.entry.draft.cursor == 2  # the next key goes to the third unit
    qtbot.keyClicks(sheet, "2" * 25)
    page.entry.save_button.click()  # several boxes: the button also asks first
    page.entry.save_button.click()
    assert statuses(db, page) == [("A-001", "void")]


def test_a_meeting_without_ballot_types_says_what_to_set_up(
    qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    page = make_page(qtbot, db, dataclasses.replace(seed_meeting, ballot_types=()))
    assert page.entry.banner.property("kind") == "error"
    assert "票种" in page.entry.banner.text() and "会议设置" in page.entry.banner.text()
    assert not page.entry.sheet.isEnabled() and not page.entry.save_button.isEnabled()
    qtbot.keyClicks(page.entry.sheet, "1111")
    assert stored(db, page) == []


def test_a_meeting_without_units_stores_no_ballot_whatever_is_pressed(
    qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    """A new meeting from the template has ballot types but no units: Enter, in the sheet or
    in the serial box, must not store an (empty, hence blank) ballot."""
    from desktop_app.domain.meeting import Category

    no_units = dataclasses.replace(seed_meeting, categories=(Category("甲类", ()),), speakers=())
    page = make_page(qtbot, db, no_units)
    assert "评议对象" in page.entry.banner.text()
    for widget in (page.entry.sheet, page.entry.serial_edit):
        for _ in range(2):  # a second Enter confirms unusual ballots elsewhere
            qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert page.entry.save() is None and page.entry.save(confirmed=True) is None
    assert stored(db, page) == []
    assert "评议对象" in page.entry.banner.text()


def test_sixty_units_type_and_save_like_twenty_seven(
    qtbot: QtBot, db: Database, seed_meeting: Meeting
) -> None:
    from desktop_app.domain.meeting import Category

    categories = (
        Category("甲类", tuple(f"单位{i:02d}" for i in range(40)), {"好": 20}),
        Category("乙类", tuple(f"学校{i:02d}" for i in range(20)), {"好": 10}),
    )
    sixty = dataclasses.replace(seed_meeting, categories=categories, speakers=())
    page = make_page(qtbot, db, sixty)
    type_ballot(qtbot, page, "1" * 20 + "2" * 20 + "1" * 10 + "3" * 10)
    (ballot,) = stored(db, page)
    assert ballot.ticks("学校19") == ("一般",)
    assert statuses(db, page) == [("A-001", "valid")]
    type_ballot(qtbot, page, "1" * 21 + "2" * 39, enters=2)  # 21 好 in 甲类: over its cap
    assert statuses(db, page)[-1] == ("A-002", "void")
