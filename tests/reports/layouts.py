"""Checks that a medium shows the tally's column spec (desktop_app.domain.tally_columns): its
columns, in its order, with its figures. Shared by the report tests (the result sheet read
back, the workbook read back) and the screen's (tests/ui/test_result_columns.py).

Each ``assert_*`` raises AssertionError at the first difference; the tests also check that a
layout drifting from the spec (two columns swapped in one medium alone) makes it raise."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import Tally
from desktop_app.domain.tally_columns import (
    ColumnGroup,
    Figure,
    Medium,
    column_groups,
    row_order,
    tally_columns,
)
from tests.reports.conftest import ReadPdf


def spec_lines(meeting: Meeting, tally: Tally) -> list[str]:
    """The result sheet's table lines as the spec says they read, text-extracted: the unit's
    headers, the group headings, the columns' labels, then each category's rows."""
    decimals = tally.score_decimals()
    groups = column_groups(meeting, Medium.PDF, decimals)
    columns = tally_columns(meeting, Medium.PDF, decimals)
    lines = [
        " ".join(c.label for g in groups if not g.heading for c in g.columns),
        " ".join(g.heading for g in groups if g.heading),
        " ".join(c.label for g in groups if g.heading for c in g.columns),
    ]
    for category in tally.categories:
        for target in row_order(category, Medium.PDF):
            lines.append(" ".join(c.text(category, target) for c in columns))
    return lines


def assert_pdf_follows_spec(pdf: ReadPdf, meeting: Meeting, tally: Tally) -> None:
    """Every header line and every unit's row of the sheet is as the spec prints it, and the
    rows come in the spec's order (categories in turn, units by rank)."""
    read = [line.strip() for line in pdf.text.splitlines()]
    expected = spec_lines(meeting, tally)
    for line in expected[:3]:
        assert line in read, (line, read[:8])
    rows = expected[3:]
    places = []
    for line in rows:
        assert line in read, line
        places.append(read.index(line))
    assert places == sorted(places), "rows out of the spec's order"


def _shown(value: Any, number_format: str | None) -> str:
    """A workbook cell as Excel shows it (the formats the workbook uses)."""
    if value is None:
        return "—"
    if number_format and number_format.endswith("%"):
        decimals = len(number_format.split(".")[1]) - 1
        return f"{value * 100:.{decimals}f}%"
    if number_format and number_format.startswith("0."):
        return f"{value:.{len(number_format) - 2}f}"
    return str(value)


def assert_workbook_follows_spec(sheet: Any, meeting: Meeting, tally: Tally) -> None:
    """Each category's block: the group headings over the columns' labels, then a row per
    unit whose cells are the spec's numbers in the spec's formats, showing the spec's text."""
    decimals = tally.score_decimals()
    groups: Sequence[ColumnGroup] = column_groups(meeting, Medium.WORKBOOK, decimals)
    columns = tally_columns(meeting, Medium.WORKBOOK, decimals)
    first_column = {}
    number = 1
    for group in groups:
        first_column[number] = group
        number += len(group.columns)
    for category in tally.categories:
        (row,) = [c.row for c in sheet["A"] if c.value == category.name]
        top = [sheet.cell(row, n).value for n in range(1, len(columns) + 1)]
        for n, group in first_column.items():
            assert top[n - 1] == (group.long_heading or category.name), (n, top)
        labels = [sheet.cell(row + 1, n).value for n in range(1, len(columns) + 1)]
        assert labels == [c.label for c in columns]
        assert sheet.cell(row + 1, len(columns) + 1).value is None  # nothing beyond the spec
        for offset, target in enumerate(row_order(category, Medium.WORKBOOK), start=2):
            cells = [sheet.cell(row + offset, n) for n in range(1, len(columns) + 1)]
            assert [c.value for c in cells] == [col.cell(category, target) for col in columns]
            for cell, column in zip(cells, columns, strict=True):
                if column.number_format is not None:
                    assert cell.number_format == column.number_format, column.key
                if column.figure is not Figure.RANK:  # the sheet's 并列 is words, not a number
                    shown = _shown(cell.value, column.number_format)
                    assert shown == column.text(category, target), column.key


def screen_table(
    meeting: Meeting, tally: Tally, title: Callable[[str], str] = lambda header: header
) -> tuple[list[str], list[list[str]]]:
    """The results screen's headers and rows as the spec says they read."""
    columns = tally_columns(meeting, Medium.SCREEN, tally.score_decimals())
    headers = [c.title() if c.header_args else title(c.header) for c in columns]
    rows = [
        [c.text(category, target) for c in columns]
        for category in tally.categories
        for target in row_order(category, Medium.SCREEN)
    ]
    return headers, rows


def swapped(group: ColumnGroup, first: str, second: str) -> ColumnGroup:
    """``group`` with the columns keyed ``first`` and ``second`` changing places."""
    keys = [c.key for c in group.columns]
    if first not in keys or second not in keys:
        return group
    columns = list(group.columns)
    i, j = keys.index(first), keys.index(second)
    columns[i], columns[j] = columns[j], columns[i]
    return ColumnGroup(group.key, group.heading, group.long_heading, tuple(columns))
