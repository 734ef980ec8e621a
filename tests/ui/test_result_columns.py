"""The results screen shows the tally's column spec: the same columns, order and figures as
the spec (and so as the result sheet and the workbook, tests/reports/test_result_columns.py);
a change to the spec changes the screen, and the screen drifting alone is caught."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.domain import tally_columns
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import Tally, tally
from desktop_app.domain.tally_columns import COMBINED
from desktop_app.store.meetings import load_meeting
from desktop_app.store.tally_sql import tally_meeting
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models import SORT_ROLE, RowTableModel, column_title
from desktop_app.ui.results import columns as result_columns
from desktop_app.ui.results.columns import ResultRow, result_rows
from tests.reports.layouts import screen_table, swapped


def _read(model: Any) -> tuple[list[str], list[list[str]]]:
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    return headers, rows


def assert_screen_follows_spec(model: Any, meeting: Meeting, result: Tally) -> None:
    assert _read(model) == screen_table(meeting, result, column_title)


def _model(meeting: Meeting, result: Tally) -> RowTableModel[ResultRow]:
    model: RowTableModel[ResultRow] = RowTableModel(
        result_columns.result_columns(meeting, result.score_decimals())
    )
    model.set_rows(result_rows(result))
    return model


def test_the_open_meeting_shows_the_spec(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000) as opened:
        window.demo_action.trigger()
    with window.db.session() as session:
        meeting = load_meeting(session, opened.args[0])
        result = tally_meeting(session, opened.args[0])
    model = window.meeting_page.results.result_model
    assert_screen_follows_spec(model, meeting, result)
    headers, rows = _read(model)
    assert headers[:6] == ["类别", "评议对象", "名次", "综合得分", "好评率", "满意率(好+较好)"]
    linhai = next(row for row in rows if row[1] == "临海市")
    assert linhai[2:6] == ["13", "80.105", "33.7%", "70.9%"]  # as the sheet prints them


def test_the_model_sorts_by_the_unrounded_figures(
    qapp: Any, qtmodeltester: Any, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    result = tally(seed_meeting, seed_ballots)
    model = _model(seed_meeting, result)
    qtmodeltester.check(model)
    assert_screen_follows_spec(model, seed_meeting, result)
    headers, _ = _read(model)
    score = headers.index("综合得分")
    first = result.categories[0].targets[0]
    assert model.index(0, score).data(SORT_ROLE) == first.score
    alignment = model.index(0, headers.index("名次")).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert not model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole)  # a name: left


def test_swapping_two_columns_in_the_spec_swaps_them_on_screen(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    result = tally(seed_meeting, seed_ballots)
    before = _read(_model(seed_meeting, result))
    original = tally_columns.combined_group
    monkeypatch.setattr(
        tally_columns,
        "combined_group",
        lambda decimals=2: swapped(original(decimals), "good_rate", "approval_rate"),
    )
    model = _model(seed_meeting, result)
    assert_screen_follows_spec(model, seed_meeting, result)
    headers, _ = _read(model)
    assert headers[4:6] == ["满意率(好+较好)", "好评率"]
    assert _read(model) != before


def test_the_screen_drifting_alone_is_caught(
    qapp: Any, monkeypatch: pytest.MonkeyPatch, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    result = tally(seed_meeting, seed_ballots)
    groups = tally_columns.column_groups

    def drifted(*args: Any, **kwargs: Any) -> list[tally_columns.TallyColumn]:
        return [
            c
            for g in groups(*args, **kwargs)
            for c in (swapped(g, "score", "rank") if g.key == COMBINED else g).columns
        ]

    monkeypatch.setattr(result_columns, "tally_columns", drifted)
    with pytest.raises(AssertionError):
        assert_screen_follows_spec(_model(seed_meeting, result), seed_meeting, result)
