"""The setup screen: editing with undo/redo, checks beside the fields, saving in place,
protection once ballots exist, new meetings, and the roster import on real .xlsx files."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.store.audit import audit_events
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database
from desktop_app.store.meetings import list_meetings, load_meeting, save_meeting
from desktop_app.store.setup import ballot_count
from desktop_app.store.transfer import read_table_file
from desktop_app.ui.operations import Operations
from desktop_app.ui.setup import NewMeetingDialog, RosterImportDialog, SetupScreen
from desktop_app.ui.setup.editor import PROBLEM_BRUSH, SectionModel


@pytest.fixture
def operations(app: QApplication) -> Operations:
    return Operations()


@pytest.fixture
def meeting_id(db: Database, seed_meeting: Meeting) -> int:
    with db.session() as session:
        return save_meeting(session, seed_meeting)


@pytest.fixture
def page(
    app: QApplication, qtbot: QtBot, db: Database, operations: Operations, meeting_id: int
) -> SetupScreen:
    widget = SetupScreen(db, operations, station="desk-1")
    qtbot.addWidget(widget)
    widget.set_meeting(meeting_id)
    widget.resize(1000, 700)
    widget.show()
    return widget


def stored(db: Database, meeting_id: int) -> Meeting:
    with db.session() as session:
        return load_meeting(session, meeting_id)


def cell(model: SectionModel, row: int, header: str) -> object:
    column = [c.header for c in model.columns].index(header)
    return model.index(row, column)


def test_models_pass_the_model_tester(qtmodeltester, page: SetupScreen) -> None:  # type: ignore[no-untyped-def]
    for table in page.tables.values():
        qtmodeltester.check(table.model)


def test_edit_undo_redo_and_save(
    qtbot: QtBot, page: SetupScreen, db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    model = page.speakers.model
    assert model.setData(cell(model, 0, "职务"), "临海市委书记(代)")
    assert page.editor.draft is not None
    assert page.editor.draft.speakers[0].post == "临海市委书记(代)"
    page.speakers.view.setCurrentIndex(model.index(0, 0))
    page.speakers.move_row(1)
    assert page.editor.draft.speakers[1].name == seed_meeting.speakers[0].name
    page.undo_action.trigger()
    assert page.editor.draft.speakers[0].name == seed_meeting.speakers[0].name
    page.undo_action.trigger()
    assert page.editor.draft == seed_meeting
    page.redo_action.trigger()
    assert page.editor.dirty and page.save_action.isEnabled()
    with qtbot.waitSignal(page.meeting_changed) as signal:
        assert page.save()
    assert signal.args == [meeting_id]
    assert stored(db, meeting_id).speakers[0].post == "临海市委书记(代)"
    assert not page.editor.dirty
    with db.session() as session:
        event = audit_events(session, meeting_id)[-1]
    assert event.action == "meeting.update" and event.station == "desk-1"


def test_bad_cell_input_is_refused_with_a_message(page: SetupScreen) -> None:
    model = page.types.model
    assert not model.setData(cell(model, 0, "权重"), "四成")
    assert "权重" in page.status.text() and "应为数字" in page.status.text()
    assert not page.editor.dirty


def test_problems_are_shown_beside_their_cells_and_block_saving(
    page: SetupScreen, db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    categories = page.categories.model
    # "一半" means half of the units: 5 universities -> 2.
    assert categories.setData(cell(categories, 1, "“好”上限"), "一半")
    assert page.editor.draft is not None
    assert page.editor.draft.categories[1].caps == {"好": 2}
    assert "5 个单位的一半" in page.status.text() and "上限为 2" in page.status.text()
    assert categories.setData(cell(categories, 1, "“好”上限"), "9")
    index = cell(categories, 1, "“好”上限")
    assert categories.data(index, Qt.ItemDataRole.BackgroundRole) == PROBLEM_BRUSH
    assert "大于该类别的单位数 5" in categories.data(index, Qt.ItemDataRole.ToolTipRole)
    texts = [page.problem_list.item(i).text() for i in range(page.problem_list.count())]
    assert any("评议对象与上限 › 第 2 行" in t and "修改方法" in t for t in texts)
    # A speaker whose unit is not a target: saving is refused, nothing stored.
    speakers = page.speakers.model
    assert speakers.setData(cell(speakers, 0, "述职单位"), "无此县")
    assert speakers.data(cell(speakers, 0, "述职单位"), Qt.ItemDataRole.BackgroundRole)
    assert not page.save()
    assert "不能保存" in page.status.text()
    assert stored(db, meeting_id) == seed_meeting
    # Clicking the problem goes to the cell.
    item = next(
        page.problem_list.item(i)
        for i in range(page.problem_list.count())
        if "无此县" in page.problem_list.item(i).text()
    )
    page._go_to_problem(item)
    assert page.tabs.currentIndex() == 2
    assert page.speakers.view.currentIndex() == cell(speakers, 0, "述职单位")


def test_protection_once_ballots_exist(
    qtbot: QtBot,
    page: SetupScreen,
    db: Database,
    meeting_id: int,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
) -> None:
    with db.session() as session:
        add_ballots(session, meeting_id, seed_ballots[:5])
    page.set_meeting(meeting_id)
    assert page.banner.isVisible() and "已录入 5 张评议票" in page.banner.text()
    types = page.types.model
    weight = cell(types, 0, "权重")
    assert not types.flags(weight) & Qt.ItemFlag.ItemIsEditable
    assert not types.setData(weight, "0.5")
    assert not page.targets.add_button.isEnabled()
    assert not page.multi_mark.isEnabled()
    assert not page.import_button.isEnabled()
    assert page.import_roster() is None and "不能再导入" in page.status.text()
    # A counting change forced into the draft is refused by the store, nothing half-changed.
    forced = dataclasses.replace(
        seed_meeting,
        title="改名",
        ballot_types=(
            dataclasses.replace(seed_meeting.ballot_types[0], weight=0.5),
            *seed_meeting.ballot_types[1:],
        ),
    )
    assert not page.editor.apply("forced", forced)
    page.editor.locked = False
    assert page.editor.apply("forced", forced)
    assert not page.save()
    assert "已录入评议票" in page.status.text() and "权重" in page.status.text()
    assert stored(db, meeting_id) == seed_meeting
    # Typos may still be fixed: labels, title, level names.
    page.set_meeting(meeting_id)
    assert types.setData(cell(types, 0, "名称"), "A票(改)")
    levels = page.levels.model
    assert levels.setData(cell(levels, 0, "名称"), "优")
    page.title_edit.setText("改正后的会议名称")
    page.title_edit.editingFinished.emit()
    with qtbot.waitSignal(page.meeting_changed):
        assert page.save()
    after = stored(db, meeting_id)
    assert after.title == "改正后的会议名称"
    assert after.level_labels[0] == "优" and after.categories[0].caps == {"优": 11}
    with db.session() as session:
        assert ballot_count(session, meeting_id) == 5


def test_new_meeting_from_template_copy_and_file(
    app: QApplication, qtbot: QtBot, db: Database, meeting_id: int, tmp_path: Path
) -> None:
    dialog = NewMeetingDialog(db, station="desk-1")
    qtbot.addWidget(dialog)
    dialog.title.setText("2024年度会议")
    new_id = dialog.create_meeting()
    assert new_id is not None and dialog.meeting_id == new_id
    template = stored(db, new_id)
    assert template.title == "2024年度会议" and len(template.agenda) == 6

    copy = NewMeetingDialog(db)
    qtbot.addWidget(copy)
    copy.previous.setCurrentIndex(copy.previous.findData(meeting_id))
    copy.copy.setChecked(True)
    copy.title.setText("复制的会议")
    copy_id = copy.create_meeting()
    assert copy_id is not None
    copied = stored(db, copy_id)
    original = stored(db, meeting_id)
    assert copied.title == "复制的会议"
    assert copied.categories == original.categories and copied.speakers == original.speakers

    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "levels": []}', "utf-8")
    from_file = NewMeetingDialog(db, ask_open_file=lambda *_: str(bad))
    qtbot.addWidget(from_file)
    from_file.choose_file()
    assert from_file.file.isChecked()
    before = len(list_meetings_of(db))
    assert from_file.create_meeting() is None
    assert "bad.json:至少需要一个等次" in from_file.error.text()  # as the window says it
    assert "field" not in from_file.error.text()
    assert len(list_meetings_of(db)) == before


def list_meetings_of(db: Database) -> list[object]:
    with db.session() as session:
        return list(list_meetings(session))


def test_export_json_and_roster(
    qtbot: QtBot, page: SetupScreen, operations: Operations, tmp_path: Path, seed_meeting: Meeting
) -> None:
    target = tmp_path / "meeting.json"
    page.ask_save_file = lambda *_: str(target)
    page.export_json()
    # Written off the GUI thread: generous bounds, as a loaded machine may take its time.
    qtbot.waitUntil(lambda: target.exists(), timeout=20_000)
    qtbot.waitUntil(lambda: "已导出" in page.status.text(), timeout=20_000)
    roster = tmp_path / "名单.xlsx"
    page.ask_save_file = lambda *_: str(roster)
    page.export_roster()
    qtbot.waitUntil(lambda: "名单已导出" in page.status.text(), timeout=20_000)
    assert read_table_file(roster)[1][1] == seed_meeting.speakers[0].name
    operations.wait()


# --- roster import on real .xlsx files ----------------------------------------------------


def xlsx(path: Path, rows: list[list[object]], *, title: str = "名单") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def open_import(qtbot: QtBot, page: SetupScreen, path: Path) -> RosterImportDialog:
    dialog = page.import_roster()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=60_000)  # a worker process reads it
    return dialog


def problems(dialog: RosterImportDialog) -> list[str]:
    return [dialog.problems.item(i).text() for i in range(dialog.problems.count())]


HEADER = ["序号", "姓名", "职务", "单位", "类别", "书面述职", "上限"]
UNIS = "省市属高校"


def test_clean_import(
    qtbot: QtBot, page: SetupScreen, db: Database, meeting_id: int, tmp_path: Path
) -> None:
    path = xlsx(
        tmp_path / "roster.xlsx",
        [
            ["2024年度述职人名单"],
            HEADER,
            [1, "张三", "甲县委书记", "甲县", None, None, 11],
            [2, "李四", "乙县委书记", "乙县", None, "否", None],
            [3, "王五", "校党委书记", "某大学", UNIS, "是", "一半"],
        ],
    )
    dialog = open_import(qtbot, page, path)
    assert problems(dialog) == []
    assert dialog.import_button.isEnabled()
    assert dialog.preview.headerData(1, Qt.Orientation.Horizontal) == "B → 姓名"
    dialog.import_button.click()
    draft = page.editor.draft
    assert draft is not None
    assert draft.categories[0].targets == ("甲县", "乙县")
    assert draft.categories[1].targets == ("某大学",)
    assert draft.categories[0].caps == {"好": 11}
    assert draft.categories[1].caps == {"好": 0}
    assert [s.name for s in draft.speakers] == ["张三", "李四", "王五"]
    assert draft.speakers[2].written
    # One undo step; nothing stored until saved.
    assert stored(db, meeting_id) != draft
    page.undo_action.trigger()
    assert page.editor.draft == stored(db, meeting_id)
    page.redo_action.trigger()
    with qtbot.waitSignal(page.meeting_changed):
        assert page.save()
    assert stored(db, meeting_id).targets == ("甲县", "乙县", "某大学")


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [["姓名", "职务", "类别"], ["张三", "甲县委书记", ""]],
            ["第 1 行:找不到“单位”列"],
        ),
        (
            [HEADER, [1, "张三", "甲县委书记", "甲县"], [2, None, "乙县委书记", "乙县"]],
            ["第 3 行,“姓名”列:姓名为空"],
        ),
        (
            [HEADER, [1, "张三", "甲县委书记", "甲县"], [2, "李四", "乙县委书记", "甲县"]],
            ["第 3 行,“单位”列:单位“甲县”重复(第 2 行已有)"],
        ),
        (
            [HEADER, [1, "张三", "甲县委书记", "甲县", None, None, "十一个"]],
            ["第 2 行,“上限”列:上限应为整数或“一半”,实为“十一个”"],
        ),
        (
            [["月份", "收入", "支出"], ["一月", 100, 80], ["二月", 120, 90]],
            ["第 1 行:找不到“单位”列(表头:月份、收入、支出)"],
        ),
    ],
    ids=["missing-column", "empty-name", "duplicate", "cap-not-a-number", "not-a-roster"],
)
def test_bad_files_are_reported_by_row_and_nothing_imported(
    qtbot: QtBot,
    page: SetupScreen,
    seed_meeting: Meeting,
    tmp_path: Path,
    rows: list[list[object]],
    expected: list[str],
) -> None:
    dialog = open_import(qtbot, page, xlsx(tmp_path / "bad.xlsx", rows))
    found = problems(dialog)
    assert len(found) == len(expected)
    for text, start in zip(found, expected, strict=True):
        assert text.startswith(start), text
    assert not dialog.import_button.isEnabled()
    assert "未导入任何内容" in dialog.summary.text()
    dialog.confirm()
    assert dialog.result_meeting is None
    assert page.editor.draft == seed_meeting and not page.editor.dirty


def test_mapping_can_be_changed_in_the_preview(
    qtbot: QtBot, page: SetupScreen, tmp_path: Path
) -> None:
    path = xlsx(tmp_path / "odd.xlsx", [["述职者", "所在单位"], ["张三", "甲县"]])
    dialog = open_import(qtbot, page, path)
    assert not dialog.import_button.isEnabled()
    box = dialog.mapping[next(f for f in dialog.mapping if f.value == "target")]
    box.setCurrentIndex(box.findData(1))
    box.activated.emit(box.currentIndex())
    names = dialog.mapping[next(f for f in dialog.mapping if f.value == "name")]
    names.setCurrentIndex(names.findData(0))
    names.activated.emit(names.currentIndex())
    assert problems(dialog) == []
    dialog.import_button.click()
    assert page.editor.draft is not None
    assert page.editor.draft.speakers[0].name == "张三"
    assert page.editor.draft.speakers[0].target == "甲县"


def test_unreadable_file(qtbot: QtBot, page: SetupScreen, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK not really")
    dialog = open_import(qtbot, page, path)
    assert "无法读取 Excel" in problems(dialog)[0]
    assert str(path) in problems(dialog)[0]
    assert not dialog.import_button.isEnabled()


def test_agenda_kind_and_speaker_unit_are_chosen_from_lists(page: SetupScreen) -> None:
    from PySide6.QtWidgets import QComboBox, QStyleOptionViewItem

    page.agenda.kind.setCurrentIndex(page.agenda.kind.findData("speech"))
    page.agenda.add()
    assert page.editor.draft is not None
    assert page.editor.draft.agenda[-1].title == "讲话"
    model = page.agenda.model
    index = cell(model, 6, "类型")
    delegate = page.agenda.view.itemDelegate()
    editor = delegate.createEditor(page.agenda.view, QStyleOptionViewItem(), index)
    assert isinstance(editor, QComboBox)
    assert editor.count() == 5
    delegate.setEditorData(editor, index)
    assert editor.currentText() == "讲话"
    editor.setCurrentIndex(editor.findText("投票评议"))
    delegate.setModelData(editor, model, index)
    assert page.editor.draft.agenda[-1].kind.value == "ballot"
    editor.deleteLater()
    speakers = page.speakers.model
    unit = cell(speakers, 0, "述职单位")
    editor = delegate.createEditor(page.speakers.view, QStyleOptionViewItem(), unit)
    assert not isinstance(editor, QComboBox)  # that delegate belongs to the agenda table
    editor.deleteLater()
    speaker_delegate = page.speakers.view.itemDelegate()
    box = speaker_delegate.createEditor(page.speakers.view, QStyleOptionViewItem(), unit)
    assert isinstance(box, QComboBox) and box.itemText(0) == ""
    box.deleteLater()


def test_new_meeting_from_a_json_file(
    app: QApplication, qtbot: QtBot, db: Database, seed_meeting: Meeting, tmp_path: Path
) -> None:
    from desktop_app.store.transfer import meeting_json

    path = tmp_path / "meeting.json"
    path.write_text(meeting_json(seed_meeting), "utf-8")
    dialog = NewMeetingDialog(db, ask_open_file=lambda *_: str(path))
    qtbot.addWidget(dialog)
    dialog.choose_file()
    new_id = dialog.create_meeting()
    assert new_id is not None
    assert stored(db, new_id) == seed_meeting


def test_keyboard_and_unsaved_changes(
    qtbot: QtBot,
    page: SetupScreen,
    db: Database,
    meeting_id: int,
    seed_meeting: Meeting,
    answer_box,
) -> None:  # type: ignore[no-untyped-def]
    view = page.speakers.view
    page.tabs.setCurrentIndex(2)
    view.setFocus()
    view.setCurrentIndex(page.speakers.model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert page.editor.draft is not None
    assert page.editor.draft.speakers[1] == seed_meeting.speakers[0]
    assert view.currentIndex().row() == 1
    # Leaving with unsaved edits asks; Cancel stays, Discard reverts, Save stores.
    seen = answer_box(QMessageBox.StandardButton.Cancel)
    assert not page.settle_unsaved()
    assert "尚未保存" in seen[0] and page.editor.dirty
    answer_box(QMessageBox.StandardButton.Discard)
    assert page.settle_unsaved()
    assert page.editor.draft == seed_meeting and not page.editor.dirty
    page.speakers.view.setCurrentIndex(page.speakers.model.index(0, 0))
    page.speakers.remove()
    answer_box(QMessageBox.StandardButton.Save)
    assert page.settle_unsaved()
    assert stored(db, meeting_id).speakers == seed_meeting.speakers[1:]
    assert page.settle_unsaved()  # nothing to ask any more


def test_the_unit_table_keeps_speakers_and_a_category_with_units_stays(
    page: SetupScreen, seed_meeting: Meeting
) -> None:
    """The meeting's rules (meeting_edits) as the tables apply them: refused with the reason on
    the status line, or made as one undoable step."""
    page.categories.view.setCurrentIndex(page.categories.model.index(1, 0))
    page.categories.remove()
    assert "类别里还有评议对象" in page.status.text()
    assert page.editor.draft == seed_meeting
    first = seed_meeting.targets[0]
    linked = [s.name for s in seed_meeting.speakers if s.target == first]
    assert linked
    page.targets.view.setCurrentIndex(page.targets.model.index(0, 0))
    page.targets.remove()
    assert page.editor.draft is not None and first not in page.editor.draft.targets
    assert [s.target for s in page.editor.draft.speakers if s.name in linked] == [None]
    page.editor.undo_stack.undo()
    assert page.editor.draft == seed_meeting


def test_minutes_fields_are_edited_and_unprintable_characters_named(
    page: SetupScreen, db: Database, meeting_id: int
) -> None:
    from desktop_app.domain.glyphs import set_font_coverage
    from desktop_app.reports.fonts import covers

    set_font_coverage(covers)  # as the app installs it at start-up
    try:
        page.chair_edit.setText("市委副书记赵某")
        page.chair_edit.editingFinished.emit()
        page.recorder_edit.setText("𠮷某")
        page.recorder_edit.editingFinished.emit()
        assert page.editor.draft is not None
        assert (page.editor.draft.chair, page.editor.draft.recorder) == ("市委副书记赵某", "𠮷某")
        texts = [page.problem_list.item(i).text() for i in range(page.problem_list.count())]
        assert any("› 记录人" in t and "U+20BB7" in t for t in texts), texts
        page.undo_action.trigger()
        assert page.editor.draft.recorder == ""
        texts = [page.problem_list.item(i).text() for i in range(page.problem_list.count())]
        assert not any("U+20BB7" in t for t in texts), texts
        assert page.save()
        assert stored(db, meeting_id).chair == "市委副书记赵某"
    finally:
        set_font_coverage(None)


def test_counts_stored_elsewhere_are_never_written_back_by_a_setup_save(
    qtbot: QtBot, page: SetupScreen, db: Database, meeting_id: int, seed_meeting: Meeting
) -> None:
    """发出 counted on the run screen (the same session) while setup is open, with and
    without edits pending: saving setup keeps the new count, leaves setup clean and writes no
    count change to the audit log; a 发出 typed in setup is what is stored."""
    session = page.session
    assert session is not None
    a, b = seed_meeting.ballot_types[0].code, seed_meeting.ballot_types[1].code
    session.set_counts(a, issued=33, collected=31)  # nothing pending in setup
    types = page.types.model
    assert types.setData(cell(types, 1, "名称"), "B票(其他)")
    session.set_counts(a, issued=34, collected=32)  # an edit pending
    assert types.data(cell(types, 0, "发出票数")) == "34"
    with qtbot.waitSignal(page.meeting_changed):
        assert page.save()
    after = stored(db, meeting_id)
    assert (after.ballot_types[0].issued, after.ballot_types[0].collected) == (34, 32)
    assert after.ballot_types[1].label == "B票(其他)"
    assert not page.editor.dirty and not page.save_action.isEnabled()
    with db.session() as session_:
        counted = [
            e for e in audit_events(session_, meeting_id) if e.action == "ballot_type.counts"
        ]
    assert len(counted) == 2  # the two typed on the run screen, none by the save
    # Typed in setup, then counted elsewhere for the other type: the typed one stands.
    assert types.setData(cell(types, 0, "发出票数"), "40")
    session.set_counts(b, issued=150, collected=148)
    with qtbot.waitSignal(page.meeting_changed):
        assert page.save()
    after = stored(db, meeting_id)
    assert [t.issued for t in after.ballot_types] == [40, 150]
    assert after.ballot_types[1].collected == 148


def test_the_first_ballot_entered_elsewhere_locks_the_counting_fields(
    qtbot: QtBot, page: SetupScreen, db: Database, meeting_id: int, seed_ballots: list[Ballot]
) -> None:
    session = page.session
    assert session is not None and not page.banner.isVisible()
    session.write(lambda s: add_ballots(s, meeting_id, seed_ballots[:1]), "ballots")
    assert page.editor.locked and page.banner.isVisible()
    assert "已录入 1 张评议票" in page.banner.text()
    assert not page.multi_mark.isEnabled()


def test_ctrl_s_saves_the_box_still_being_typed_in(
    qtbot: QtBot, page: SetupScreen, db: Database, meeting_id: int
) -> None:
    """Type a new venue and press Ctrl+S without leaving the box: it is saved."""
    page.tabs.setCurrentIndex(0)
    page.activateWindow()
    page.venue_edit.setFocus()
    qtbot.waitUntil(page.venue_edit.hasFocus)
    page.venue_edit.selectAll()
    qtbot.keyClicks(page.venue_edit, "Room B-201")
    assert page.save_action.isEnabled()
    with qtbot.waitSignal(page.meeting_changed):
        qtbot.keyClick(page.venue_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored(db, meeting_id).venue == "Room B-201"
    assert not page.editor.dirty
