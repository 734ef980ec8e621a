"""The result sheet and the workbook print the tally's column spec: read back, the seed
meeting's tables have the spec's columns in the spec's order with the spec's figures; a
change to the spec changes both, and one document drifting alone fails the check.
(The screen's side: tests/ui/test_result_columns.py.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.domain import tally_columns
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import Tally, tally
from desktop_app.domain.tally_columns import COMBINED, Medium
from desktop_app.reports import results, workbook
from desktop_app.reports.results import results_pdf
from desktop_app.reports.workbook import RESULTS_SHEET, build_workbook, save_workbook
from tests.reports.conftest import ReadPdf
from tests.reports.layouts import (
    assert_pdf_follows_spec,
    assert_workbook_follows_spec,
    spec_lines,
    swapped,
)

NOW = dt.datetime(2021, 1, 20, 16, 30)


def _pdf(read_pdf: Callable[[bytes], ReadPdf], meeting: Meeting, result: Tally) -> ReadPdf:
    return read_pdf(results_pdf(meeting, result, generated_at=NOW, digest=None))


def _sheet(path: Path, meeting: Meeting, result: Tally, ballots: list[Ballot]) -> Any:
    save_workbook(build_workbook(meeting, result, ballots, generated_at=NOW), path)
    return openpyxl.load_workbook(path)[RESULTS_SHEET]


def _swap_in_spec(monkeypatch: pytest.MonkeyPatch, first: str, second: str) -> None:
    """Swap two combined columns in the spec itself (every medium reads it)."""
    original = tally_columns.combined_group
    monkeypatch.setattr(
        tally_columns,
        "combined_group",
        lambda decimals=2: swapped(original(decimals), first, second),
    )


def _drift(monkeypatch: pytest.MonkeyPatch, module: Any, first: str, second: str) -> None:
    """Swap two combined columns in one document's own copy of the spec's functions."""
    groups, columns = tally_columns.column_groups, tally_columns.tally_columns

    def drifted_groups(*args: Any, **kwargs: Any) -> list[tally_columns.ColumnGroup]:
        return [
            swapped(g, first, second) if g.key == COMBINED else g for g in groups(*args, **kwargs)
        ]

    def drifted_columns(*args: Any, **kwargs: Any) -> list[tally_columns.TallyColumn]:
        return [c for g in drifted_groups(*args, **kwargs) for c in g.columns]

    monkeypatch.setattr(module, "column_groups", drifted_groups)
    if hasattr(module, "tally_columns"):
        monkeypatch.setattr(module, "tally_columns", drifted_columns)
    assert columns is tally_columns.tally_columns  # the spec itself is untouched


def test_the_sheet_prints_the_spec(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    result = tally(seed_meeting, seed_ballots)
    pdf = _pdf(read_pdf, seed_meeting, result)
    assert_pdf_follows_spec(pdf, seed_meeting, result)
    lines = spec_lines(seed_meeting, result)
    # What the spec says, spelled out once for the seed (南溪县 ranks first).
    assert lines[:3] == [
        "序号 评议对象",
        "A票(权重 0.4) B票(权重 0.6) 综合",
        "好 较好 一般 差 弃权 得分 好 较好 一般 差 弃权 得分 得分 好评率 满意率 名次",
    ]
    assert lines[3] == "1 南溪县 12 9 3 2 1 83.85 55 51 14 7 7 84.25 84.090 42.4% 78.6% 1"


def test_the_workbook_holds_the_spec(
    tmp_path: Path, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    result = tally(seed_meeting, seed_ballots)
    sheet = _sheet(tmp_path / "结果.xlsx", seed_meeting, result, seed_ballots)
    assert_workbook_follows_spec(sheet, seed_meeting, result)


def test_swapping_two_columns_in_the_spec_swaps_them_on_both_documents(
    read_pdf: Callable[[bytes], ReadPdf],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
) -> None:
    result = tally(seed_meeting, seed_ballots)
    before_pdf = _pdf(read_pdf, seed_meeting, result).text
    before_lines = spec_lines(seed_meeting, result)
    _swap_in_spec(monkeypatch, "good_rate", "approval_rate")
    keys = [c.key for c in tally_columns.tally_columns(seed_meeting, Medium.PDF)]
    assert keys[-4:] == ["score", "approval_rate", "good_rate", "rank"]

    pdf = _pdf(read_pdf, seed_meeting, result)
    assert pdf.text != before_pdf
    assert spec_lines(seed_meeting, result)[2].endswith("得分 满意率 好评率 名次")
    assert spec_lines(seed_meeting, result) != before_lines
    assert_pdf_follows_spec(pdf, seed_meeting, result)

    sheet = _sheet(tmp_path / "swapped.xlsx", seed_meeting, result, seed_ballots)
    assert_workbook_follows_spec(sheet, seed_meeting, result)
    (header,) = [c.row + 1 for c in sheet["A"] if c.value == seed_meeting.categories[0].name]
    labels = [c.value for c in sheet[header] if c.value is not None]
    assert labels[-4:] == ["得分", "满意率", "好评率", "名次"]


@pytest.mark.parametrize(("first", "second"), [("good_rate", "approval_rate"), ("score", "rank")])
def test_the_sheet_drifting_alone_is_caught(
    read_pdf: Callable[[bytes], ReadPdf],
    monkeypatch: pytest.MonkeyPatch,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
    first: str,
    second: str,
) -> None:
    result = tally(seed_meeting, seed_ballots)
    _drift(monkeypatch, results, first, second)
    pdf = _pdf(read_pdf, seed_meeting, result)
    with pytest.raises(AssertionError):
        assert_pdf_follows_spec(pdf, seed_meeting, result)


def test_the_workbook_drifting_alone_is_caught(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
) -> None:
    result = tally(seed_meeting, seed_ballots)
    _drift(monkeypatch, workbook, "good_rate", "approval_rate")
    sheet = _sheet(tmp_path / "drift.xlsx", seed_meeting, result, seed_ballots)
    with pytest.raises(AssertionError):
        assert_workbook_follows_spec(sheet, seed_meeting, result)
