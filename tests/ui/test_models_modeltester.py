"""Every item model of the window, with real rows, through pytest-qt's model tester (Qt's
QAbstractItemModelTester, and the Python port, which also checks what data() returns): the
tester watches each model while the rows change under it (a reset, a current row moved,
keys typed on the ballot sheet, a roster re-read), as on screen.

The models: the tables over rows (ui.models.RowTableModel: the meeting list, the meeting's
agenda, speakers, ballot counts and results, the ballot list), the run screen's tables with
the current row marked (ui.run.models.CurrentRowModel), the ballot sheet
(ui.entry.sheet.SheetModel), the set-up page's editable tables (ui.setup.editor.SectionModel)
and the roster preview (ui.setup.roster_dialog.PreviewModel)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain.roster import read_roster
from desktop_app.ui.entry.sheet import SheetColumn
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models import RowTableModel, TableColumn, columns_in
from desktop_app.ui.run.models import AgendaColumn, QueueColumn
from desktop_app.ui.setup.roster_dialog import PreviewModel

TESTERS = [pytest.param(False, id="qt"), pytest.param(True, id="python")]


@pytest.fixture
def opened(window: MainWindow, qtbot: QtBot) -> Iterator[MainWindow]:
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000):
        window.demo_action.trigger()
    yield window


def _check(qtmodeltester: Any, model: QAbstractItemModel, force_py: bool) -> None:
    assert model.rowCount() > 0 and model.columnCount() > 0, model
    qtmodeltester.check(model, force_py=force_py)


@pytest.mark.parametrize("force_py", TESTERS)
def test_the_meeting_page_tables(opened: MainWindow, qtmodeltester: Any, force_py: bool) -> None:
    page = opened.meeting_page
    models = [
        opened.list_page.model,
        page.agenda_model,
        page.speaker_model,
        page.results.ballot_model,
        page.results.result_model,
    ]
    for model in models:
        _check(qtmodeltester, model, force_py)
    page.results.refresh()  # a reset under the tester's eyes
    assert page.results.result_model.rowCount() == 27
    _check(qtmodeltester, page.results.result_model, force_py)


@pytest.mark.parametrize("force_py", TESTERS)
def test_the_run_screen_tables(
    opened: MainWindow, qtmodeltester: Any, qtbot: QtBot, force_py: bool
) -> None:
    page = opened.meeting_page
    run = page.run_screen
    page.tabs.setCurrentWidget(run)
    assert page.meeting_id is not None
    run.set_meeting(page.meeting_id)
    for model in (run.agenda_model, run.speeches.model):
        _check(qtmodeltester, model, force_py)
        model.set_current(1)  # dataChanged for the row left and the row marked
        assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).bold()
        model.set_current(0)
    headers = [
        run.agenda_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(run.agenda_model.columnCount())
    ]
    assert headers[AgendaColumn.TITLE] == "议程" and len(headers) == len(AgendaColumn)
    queue = run.speeches.model
    assert queue.headerData(QueueColumn.UNIT, Qt.Orientation.Horizontal) == "单位"
    assert queue.columnCount() == len(QueueColumn)


@pytest.mark.parametrize("force_py", TESTERS)
def test_the_ballot_list_and_the_sheet(
    opened: MainWindow, qtmodeltester: Any, qtbot: QtBot, force_py: bool
) -> None:
    page = opened.meeting_page
    ballots = page.ballots.ballot_list
    ballots.reload()
    _check(qtmodeltester, ballots.model, force_py)
    assert page.meeting_id is not None
    opened.open_ballot_entry(page.meeting_id)
    sheet = page.ballots.entry.sheet
    assert sheet is not None
    model = sheet.sheet_model
    _check(qtmodeltester, model, force_py)
    qtbot.keyClicks(sheet, "12")  # two marks typed: dataChanged as the clerk types
    assert model.index(0, SheetColumn.FIRST_LEVEL).data() == "✓"
    assert model.index(1, SheetColumn.FIRST_LEVEL + 1).data() == "✓"
    assert model.index(0, SheetColumn.NAME).data() == model.draft.meeting.targets[0]
    page.ballots.entry.discard()  # the draft emptied under the tester; nothing left to ask
    assert model.index(0, SheetColumn.FIRST_LEVEL).data() == ""


@pytest.mark.parametrize("force_py", TESTERS)
def test_the_setup_tables_and_the_roster_preview(
    opened: MainWindow, qtmodeltester: Any, force_py: bool
) -> None:
    setup = opened.meeting_page.setup
    for table in setup.tables.values():
        if table.model.rowCount():
            _check(qtmodeltester, table.model, force_py)
    cells = [
        ["2024年度述职人名单"],
        ["序号", "姓名", "职务", "单位"],
        ["1", "张三", "甲县委书记", "甲县"],
        ["2", "", "乙县委书记", "乙县", "多出一格"],  # a post without a name: a problem
    ]
    preview = PreviewModel()
    preview.set_table(cells, read_roster(cells, default_category="县区"))
    _check(qtmodeltester, preview, force_py)
    assert preview.index(0, 1).data() == ""  # a short row reads as empty cells
    assert "姓名为空" in preview.index(3, 1).data(Qt.ItemDataRole.ToolTipRole)
    preview.set_table(cells[:3], read_roster(cells[:3], default_category="县区"))  # re-read
    assert preview.rowCount() == 3


def test_a_table_declared_against_its_constants(qapp: Any) -> None:
    from enum import IntEnum

    class Two(IntEnum):
        FIRST = 0
        SECOND = 1

    model: RowTableModel[tuple[str, str]] = RowTableModel(
        columns_in(Two, {Two.FIRST: ("一", lambda r: r[0]), Two.SECOND: ("二", lambda r: r[1])})
    )
    model.set_rows([("a", "b")])
    assert model.index(0, Two.SECOND).data() == "b"
    with pytest.raises(ValueError, match="Two"):
        columns_in(Two, {Two.SECOND: ("二", lambda r: r[1]), Two.FIRST: ("一", lambda r: r[0])})
    with pytest.raises(ValueError, match="Two"):
        columns_in(Two, {Two.FIRST: ("一", lambda r: r[0])})
    numeric = TableColumn("三", lambda r: "1 并列", numeric=True)
    model.set_columns([numeric])
    alignment = model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
