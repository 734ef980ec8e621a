"""The Excel export (openpyxl): the results and every ballot, safe to open in Excel.

Two sheets:

- ``评议结果``: the meeting's title line, then one block per category (for each ballot type
  the counts per level, abstentions, n, 好评率, 满意率 and 得分; then under 综合 the combined
  得分, 好评率, 满意率 and 名次: the columns of :mod:`desktop_app.domain.tally_columns`),
  then the ballots per type and the tally's warnings in red.
- ``评议票``: one row per paper ballot, as entered, with how it was counted.

Figures are written as real numbers, rounded as every other document prints them
(四舍五入, :mod:`desktop_app.domain.figures`): rates as a share with one decimal of a percent
(``0.0%``), scores with two decimals (the combined score with as many as tell ranks apart). So
83.125 is 83.13 here as on the PDF. A figure that does not exist (nobody rated the unit) is an
empty cell.

Names are kept exactly as typed. Formula injection: names, labels and void reasons come from
files people type, so every string cell is stored with the string data type, never as a
formula (openpyxl would otherwise store ``"=..."`` as one), and a string that starts with
``=``, ``+``, ``-``, ``@``, tab or carriage return (the OWASP CSV-injection rule) also gets
Excel's quote-prefix style, so editing the cell in Excel keeps it text. Control characters a
workbook cannot hold at all are dropped (:func:`safe_text`).

Print setup: landscape A4, fitted to the page width, the header rows repeated on every
printed page, panes frozen below the headers and right of the names.

Reads domain objects only: no Qt, no SQL.
"""

from __future__ import annotations

import datetime
import io
import math
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.domain.ballots import Ballot, classify_ballot
from desktop_app.domain.figures import RATE_DECIMALS, SCORE_DECIMALS, chinese_date
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import CategoryResult, Tally, TargetResult
from desktop_app.domain.tally_columns import (
    ColumnGroup,
    Medium,
    TallyColumn,
    column_groups,
    row_order,
)
from desktop_app.files import write_bytes

RESULTS_SHEET = "评议结果"
BALLOTS_SHEET = "评议票"

RATE_FORMAT = "0." + "0" * RATE_DECIMALS + "%"
SCORE_FORMAT = "0." + "0" * SCORE_DECIMALS

# Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WARNING = Font(bold=True, color="FFFF0000")
_HEADER_FILL = PatternFill("solid", fgColor="FFE8E8E8")
_BOLD_COLUMNS = ("score", "rank")  # the combined score and the rank stand out
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

_MIN_WIDTH = 6.0
_MAX_WIDTH = 48.0
_NAME_MAX_WIDTH = 120.0  # names are shown whole (wrapped beyond this)

Value = str | int | float | None


def safe_text(value: str) -> str:
    """The text as a workbook can store it: control characters it cannot hold dropped,
    everything else exactly as typed (formula safety is the cell's type, see :func:`_put`)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def looks_like_formula(value: str) -> bool:
    """Whether a spreadsheet would read ``value`` as a formula if it were typed in."""
    return value.startswith(FORMULA_TRIGGERS)


def _put(
    sheet: Worksheet,
    row: int,
    column: int,
    value: Value,
    *,
    number_format: str | None = None,
    font: Font | None = None,
) -> Cell:
    """Write one cell: strings through :func:`safe_text` and typed as strings (quote-prefixed
    when they look like a formula), numbers as numbers, None as an empty cell."""
    cell: Cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = safe_text(value)
        # openpyxl infers "f" for "=..." and "e" for "#N/A" and the like: a string it is.
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True
    elif value is not None:
        cell.value = value
        if number_format is not None:
            cell.number_format = number_format
    if font is not None:
        cell.font = font
    return cell


def _header(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    cell = _put(sheet, row, column, value, font=_BOLD)
    cell.fill = _HEADER_FILL
    cell.alignment = _CENTER
    return cell


def _display_width(text: str) -> float:
    """Roughly how many Latin characters wide: Chinese characters count double."""
    return sum(2.0 if ord(ch) > 0x2E7F else 1.0 for ch in text)


def _fit_columns(sheet: Worksheet, *, ignore_rows: frozenset[int] = frozenset()) -> None:
    """Column widths from their contents, within sensible bounds.

    Cells of ``ignore_rows`` (title and warning lines, free to overflow to the right) and
    merged cells (spanning several columns) do not widen their column.
    """
    merged = {
        (row, column)
        for cell_range in sheet.merged_cells.ranges
        for row, column in cell_range.cells
    }
    widths: dict[int, float] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if (
                cell.value is None
                or not isinstance(cell, Cell)
                or cell.row in ignore_rows
                or (cell.row, cell.column) in merged
            ):
                continue
            width = 9.0 if isinstance(cell.value, float) else _display_width(str(cell.value))
            widths[cell.column] = max(widths.get(cell.column, 0.0), width)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + 2, _MIN_WIDTH), _MAX_WIDTH
        )


# --- 评议结果 -------------------------------------------------------------------------------


def _title_lines(meeting: Meeting, generated_at: datetime.datetime) -> str:
    parts = []
    if meeting.date is not None:
        parts.append(f"日期:{chinese_date(meeting.date)}")
    if meeting.venue:
        parts.append(f"地点:{meeting.venue}")
    parts.append(f"生成时间:{generated_at.strftime('%Y-%m-%d %H:%M:%S')}")
    return "    ".join(parts)


def _category_header(
    sheet: Worksheet, row: int, groups: Sequence[ColumnGroup], category: str
) -> None:
    """Two header rows: the category over the unit's column and each group's heading over its
    columns, then what each column holds (:mod:`desktop_app.domain.tally_columns`)."""
    column = 1
    for group in groups:
        _header(sheet, row, column, group.long_heading or category)
        for offset, tally_column in enumerate(group.columns):
            _header(sheet, row + 1, column + offset, tally_column.label)
        if len(group.columns) > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row,
                end_column=column + len(group.columns) - 1,
            )
        column += len(group.columns)


def _target_row(
    sheet: Worksheet,
    row: int,
    columns: Sequence[TallyColumn],
    category: CategoryResult,
    result: TargetResult,
) -> None:
    """A unit's figures, stored as the documents print them (:meth:`TallyColumn.cell`)."""
    for number, column in enumerate(columns, start=1):
        _put(
            sheet,
            row,
            number,
            column.cell(category, result),
            number_format=column.number_format,
            font=_BOLD if column.key in _BOLD_COLUMNS else None,
        )


def _print_setup(sheet: Worksheet, title_rows: str, title: str) -> None:
    """Landscape A4, as wide as the page, as many pages down as it takes; ``title_rows``
    (e.g. ``"4:5"``) printed at the top of every page, the meeting's title in the page header
    and ``第 x 页 / 共 y 页`` in the footer."""
    # "&" starts a code in a header (&P is the page number): a title's own "&" is doubled.
    sheet.oddHeader.left.text = safe_text(title)[:100].replace("&", "&&")
    sheet.oddHeader.right.text = sheet.title
    sheet.oddFooter.center.text = "第 &P 页 / 共 &N 页"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = title_rows
    sheet.print_options.horizontalCentered = True


def _fit_names(sheet: Worksheet, column: int, rows: Sequence[int]) -> None:
    """Make ``column`` wide enough for the whole of every name in ``rows`` (up to a page's
    width; a longer name wraps in its cell rather than being cut)."""
    letter = get_column_letter(column)
    widest = max(
        (_display_width(str(sheet.cell(row, column).value or "")) for row in rows), default=0.0
    )
    current = sheet.column_dimensions[letter].width or _MIN_WIDTH
    sheet.column_dimensions[letter].width = max(current, min(widest + 2, _NAME_MAX_WIDTH))
    wrap = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.cell(row, column).alignment = wrap


def _write_results(
    sheet: Worksheet, meeting: Meeting, tally: Tally, generated_at: datetime.datetime
) -> None:
    overflow_rows: set[int] = set()

    def line(row: int, text: str, font: Font | None) -> None:
        _put(sheet, row, 1, text, font=font)
        overflow_rows.add(row)

    line(1, meeting.title, _TITLE)
    line(2, _title_lines(meeting, generated_at), None)
    warnings = tally.warnings()
    row = 3
    # Over-issued ballots void the round in practice: say so where the reader starts, too.
    for warning in warnings:
        line(row, warning, _WARNING)
        row += 1
    row += 1

    first_data_row = row + 2
    name_rows: list[int] = []
    groups = column_groups(meeting, Medium.WORKBOOK, tally.score_decimals())
    columns = [column for group in groups for column in group.columns]
    for category in tally.categories:
        _category_header(sheet, row, groups, category.name)
        row += 2
        for result in row_order(category, Medium.WORKBOOK):
            _target_row(sheet, row, columns, category, result)
            name_rows.append(row)
            row += 1
        row += 1
    # Every block has the same columns, so the first block's headers serve them all.
    sheet.freeze_panes = sheet.cell(row=first_data_row, column=2)
    _print_setup(sheet, f"{first_data_row - 2}:{first_data_row - 1}", meeting.title)

    line(row, "评议票统计", _BOLD)
    row += 1
    summary_headers = ("票种", "发出", "收回", "录入", "有效", "废票", "空白")
    for column, label in enumerate(summary_headers, start=1):
        _header(sheet, row, column, label)
    row += 1
    for ballot_type in meeting.ballot_types:
        summary = tally.ballots[ballot_type.code]
        font = _WARNING if summary.suspect else None
        values: list[Value] = [
            ballot_type.label,
            summary.issued,
            summary.collected,
            summary.entered,
            summary.valid,
            summary.void,
            summary.blank,
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value, font=font)
        row += 1
    if warnings:
        row += 1
        for warning in warnings:
            line(row, warning, _WARNING)
            row += 1

    _fit_columns(sheet, ignore_rows=frozenset(overflow_rows))
    _fit_names(sheet, 1, name_rows)


# --- 评议票 ---------------------------------------------------------------------------------


def _write_ballots(sheet: Worksheet, meeting: Meeting, ballots: Sequence[Ballot]) -> None:
    headers = ["票号", "票种", *meeting.targets, "作废原因", "状态"]
    for column, label in enumerate(headers, start=1):
        _header(sheet, 1, column, label)
    for row, ballot in enumerate(ballots, start=2):
        values: list[Value] = [
            ballot.serial,
            ballot.type_code,
            *("|".join(ballot.ticks(target)) or None for target in meeting.targets),
            ballot.void_reason or None,
            classify_ballot(meeting, ballot).describe(),
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
    sheet.freeze_panes = sheet.cell(row=2, column=3)
    _print_setup(sheet, "1:1", meeting.title)
    _fit_columns(sheet)
    # Unit names head narrow columns of marks: they wrap instead of widening every column, in
    # a header row tall enough for the longest name to show whole.
    lines = 3
    for column in range(3, 3 + len(meeting.targets)):
        letter = get_column_letter(column)
        width = min(sheet.column_dimensions[letter].width or _MIN_WIDTH, 12.0)
        sheet.column_dimensions[letter].width = width
        name = meeting.targets[column - 3]
        lines = max(lines, math.ceil(_display_width(name) / max(width - 1, 1.0)))
    sheet.row_dimensions[1].height = 15 * lines


def build_workbook(
    meeting: Meeting,
    tally: Tally,
    ballots: Sequence[Ballot],
    *,
    generated_at: datetime.datetime,
) -> openpyxl.Workbook:
    """The results and every ballot of a meeting, as a workbook with two sheets."""
    workbook = openpyxl.Workbook()
    results = workbook.active
    assert isinstance(results, Worksheet)
    results.title = RESULTS_SHEET
    _write_results(results, meeting, tally, generated_at)
    _write_ballots(workbook.create_sheet(BALLOTS_SHEET), meeting, ballots)
    workbook.properties.creator = "述职评议会议助手"
    workbook.properties.title = safe_text(meeting.title)
    # openpyxl writes document dates as naive UTC.
    created = generated_at
    if created.tzinfo is not None:
        created = created.astimezone(datetime.UTC).replace(tzinfo=None)
    workbook.properties.created = created
    return workbook


def save_workbook(workbook: openpyxl.Workbook, path: Path) -> None:
    """Write the workbook atomically: a crash never leaves half a file where a good one was."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes(path, buffer.getvalue())
