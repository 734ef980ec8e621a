"""The ballots CSV of FORMATS.md section 2: read with row-and-column errors, and write.

Reading is all-or-nothing: the first bad header, row or cell raises a
:class:`~desktop_app.domain.errors.DataError` naming the row (the header is row 1, as a
spreadsheet numbers it) and the column; nothing is returned.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from desktop_app.domain.ballots import Ballot, check_level, check_serial, check_type_code
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.serials import serial_key
from desktop_app.domain.text import translate

SERIAL, TYPE, VOID_REASON = "serial", "type", "void_reason"
MULTI_SEPARATOR = "|"
BOM = "\ufeff"


def read_ballots_csv(text: str, meeting: Meeting, *, source: str | None = None) -> list[Ballot]:
    """Parse a ballots CSV against the meeting; raise DataError on the first problem."""
    return [ballot for _, ballot in read_ballot_rows(text, meeting, source=source)]


def read_ballot_rows(
    text: str, meeting: Meeting, *, source: str | None = None
) -> list[tuple[int, Ballot]]:
    """Like :func:`read_ballots_csv`, with each ballot's row number in the file."""
    rows = _csv_rows(text, source)
    header = [name.strip() for name in rows[0]]
    positions = _read_header(header, meeting, source)
    ballots: list[tuple[int, Ballot]] = []
    seen: dict[str, int] = {}
    for row_number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # blank line, e.g. at the end of the file
        if len(row) != len(header):
            raise DataError(
                translate(
                    "Core", "有 {fields} 个字段,表头有 {columns} 个 / wrong number of fields"
                ).format(fields=len(row), columns=len(header)),
                file=source,
                row=row_number,
            )
        ballot = _read_row(
            {name: row[index].strip() for name, index in positions.items()},
            meeting,
            seen,
            source=source,
            row_number=row_number,
        )
        ballots.append((row_number, ballot))
    return ballots


def _csv_rows(text: str, source: str | None) -> list[list[str]]:
    """The file's rows (a BOM dropped); at least the header."""
    if text.startswith(BOM):
        text = text[len(BOM) :]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise DataError(
            translate("Core", "不是有效的 CSV:{error} / not valid CSV").format(error=exc),
            file=source,
            row=reader.line_num,
        ) from None
    if not rows:
        raise DataError(
            translate("Core", "文件是空的,缺少表头 / the file is empty"), file=source, row=1
        )
    return rows


def _read_header(header: list[str], meeting: Meeting, source: str | None) -> dict[str, int]:
    """Each column's index by name: serial, type, every target of the meeting and nothing
    else (but void_reason)."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            raise DataError(
                translate("Core", "第 {column} 列表头为空 / empty column name").format(
                    column=index + 1
                ),
                file=source,
                row=1,
            )
        if name in positions:
            raise DataError(
                translate("Core", "列名重复 / duplicate column"), file=source, row=1, column=name
            )
        positions[name] = index
    for required in (SERIAL, TYPE):
        if required not in positions:
            raise DataError(
                translate("Core", "缺少 “{column}” 列 / missing column").format(column=required),
                file=source,
                row=1,
                column=required,
            )
    targets = set(meeting.targets)
    for name in header:
        if name not in targets and name not in (SERIAL, TYPE, VOID_REASON):
            raise DataError(
                translate("Core", "表头中的评议对象不属于本会议 / unknown target column"),
                file=source,
                row=1,
                column=name,
            )
    for target in meeting.targets:
        if target not in positions:
            raise DataError(
                translate("Core", "缺少评议对象列 / missing target column"),
                file=source,
                row=1,
                column=target,
            )
    return positions


def _read_row(
    cells: dict[str, str],
    meeting: Meeting,
    seen: dict[str, int],
    *,
    source: str | None,
    row_number: int,
) -> Ballot:
    """One ballot from its (trimmed) cells by column name; ``seen`` holds the serials of
    the rows above, by :func:`serial_key`, and gets this one."""
    serial = cells[SERIAL]
    check_serial(serial, file=source, row=row_number)
    key = serial_key(serial)  # are one paper
    if key in seen:
        raise DataError(
            translate("Core", "票号 “{serial}” 与第 {row} 行重复 / duplicate serial").format(
                serial=serial, row=seen[key]
            ),
            file=source,
            row=row_number,
            column=SERIAL,
        )
    seen[key] = row_number
    type_codes = {t.code for t in meeting.ballot_types}
    type_code = cells[TYPE]
    check_type_code(type_code, type_codes, file=source, row=row_number)
    marks: dict[str, tuple[str, ...]] = {}
    for target in meeting.targets:
        if cells[target]:
            marks[target] = _read_ticks(
                cells[target], meeting.level_labels, source=source, row=row_number, column=target
            )
    return Ballot(serial, type_code, marks, cells.get(VOID_REASON, ""))


def _read_ticks(
    value: str, labels: tuple[str, ...], *, source: str | None, row: int, column: str
) -> tuple[str, ...]:
    """The levels ticked in one cell (``好|较好`` when several), in the meeting's order."""
    ticked = tuple(part.strip() for part in value.split(MULTI_SEPARATOR))
    for label in ticked:
        check_level(label, labels, column, file=source, row=row)
    if len(set(ticked)) != len(ticked):
        raise DataError(
            translate("Core", "同一等次重复:“{value}” / a level is repeated").format(value=value),
            file=source,
            row=row,
            column=column,
        )
    return tuple(label for label in labels if label in ticked)


def write_ballots_csv(meeting: Meeting, ballots: Iterable[Ballot]) -> str:
    """The ballots as CSV text with a BOM (for Excel), targets in ballot order."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([SERIAL, TYPE, *meeting.targets, VOID_REASON])
    for ballot in ballots:
        writer.writerow(
            [
                ballot.serial,
                ballot.type_code,
                *(MULTI_SEPARATOR.join(ballot.ticks(t)) for t in meeting.targets),
                ballot.void_reason,
            ]
        )
    return BOM + out.getvalue()
