"""Files in and out of the database: meeting JSON, ballots CSV, the demo meeting.

Shared by the command line and the window so both read, check and store files the same way:
every problem is a DataError naming file, row and column, and an import is one transaction.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.domain.ballot_csv import read_ballot_rows, write_ballots_csv
from desktop_app.domain.errors import DataError
from desktop_app.domain.glyphs import check_printable
from desktop_app.domain.meeting import Meeting, meeting_from_dict, meeting_to_dict
from desktop_app.domain.text import translate
from desktop_app.files import write_bytes, write_text
from desktop_app.resources import resource
from desktop_app.store.ballots import add_ballots, load_ballots
from desktop_app.store.database import Database
from desktop_app.store.meetings import load_meeting, save_meeting

MAX_MEETING_BYTES = 1_000_000  # a real meeting file is a few kilobytes
MAX_BALLOTS_BYTES = 50_000_000  # ~300,000 ballots of the seed meeting's width
MAX_ROSTER_BYTES = 20_000_000


def _too_large(path: Path, most: int) -> DataError:
    return DataError(
        translate("Core", "文件过大(超过 {most} MB),不是本程序的文件? / file too large").format(
            most=most // 1_000_000
        ),
        file=str(path),
    )


def read_text(path: Path, *, max_bytes: int = MAX_BALLOTS_BYTES) -> str:
    """A UTF-8 text file (a BOM is fine), with clear messages for the usual problems; a file
    larger than ``max_bytes`` is refused before it is read."""
    try:
        if path.stat().st_size > max_bytes:
            raise _too_large(path, max_bytes)
        with path.open("rb") as stream:
            raw = stream.read(max_bytes + 1)  # a file that grows meanwhile is refused too
        if len(raw) > max_bytes:
            raise _too_large(path, max_bytes)
    except FileNotFoundError:
        raise DataError(translate("Core", "文件不存在 / file not found"), file=str(path)) from None
    except OSError as exc:
        raise DataError(
            translate("Core", "无法读取文件:{error} / cannot read").format(error=exc.strerror),
            file=str(path),
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            translate("Core", "不是 UTF-8 编码(从 Excel 另存时请选“CSV UTF-8”) / not UTF-8 text"),
            file=str(path),
            row=line,
        ) from None


def read_meeting_file(path: Path) -> Meeting:
    text = read_text(path, max_bytes=MAX_MEETING_BYTES)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            translate(
                "Core", "不是有效的 JSON:第 {line} 行第 {column} 列,{error} / invalid JSON"
            ).format(line=exc.lineno, column=exc.colno, error=exc.msg),
            file=str(path),
            row=exc.lineno,
        ) from None
    except RecursionError:
        raise DataError(
            translate("Core", "JSON 嵌套过深 / JSON nested too deeply"), file=str(path)
        ) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise DataError(
            translate("Core", "不是有效的 JSON:{error} / invalid JSON").format(
                error=str(exc)[:200]
            ),
            file=str(path),
        ) from None
    meeting = meeting_from_dict(data, source=str(path))
    check_printable(meeting, source=str(path))  # no blank where a name should print
    return meeting


def meeting_json(meeting: Meeting) -> str:
    return json.dumps(meeting_to_dict(meeting), ensure_ascii=False, indent=2) + "\n"


def import_meeting_file(db: Database, path: Path, *, station: str = "") -> int:
    """Store the meeting in a JSON file; returns its id."""
    meeting = read_meeting_file(path)
    with db.session() as session:
        return save_meeting(session, meeting, station=station)


def export_meeting_file(db: Database, meeting_id: int, path: Path) -> None:
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
    write_text(path, meeting_json(meeting))


def import_ballots_file(db: Database, meeting_id: int, path: Path, *, station: str = "") -> int:
    """Add every ballot of a CSV file, or none; returns how many."""
    text = read_text(path)
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        rows = read_ballot_rows(text, meeting, source=str(path))
        return add_ballots(
            session,
            meeting_id,
            [ballot for _, ballot in rows],
            station=station,
            source=str(path),
            rows=[row for row, _ in rows],
        )


def export_ballots_file(db: Database, meeting_id: int, path: Path) -> None:
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        ballots = load_ballots(session, meeting_id)
    write_text(path, write_ballots_csv(meeting, ballots))


def load_demo(db: Database, *, station: str = "") -> int:
    """Store the seed meeting with its 178 ballots; returns its id."""
    meeting_id = import_meeting_file(db, resource("demo", "seed-meeting.json"), station=station)
    import_ballots_file(db, meeting_id, resource("demo", "seed-ballots.csv"), station=station)
    return meeting_id


# --- rosters (名单): speakers and targets in .xlsx or CSV -----------------------------------

ROSTER_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person sees: 300.0 is "300", None is ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


MAX_ROSTER_ROWS = 5_000  # a roster has tens of rows; more is not a roster
MAX_ROSTER_COLUMNS = 50


def _too_many_rows(path: Path) -> DataError:
    return DataError(
        translate("Core", "行数过多(超过 {most} 行),这不像名单 / too many rows").format(
            most=MAX_ROSTER_ROWS
        ),
        file=str(path),
    )


def read_table_file(path: Path) -> list[list[str]]:
    """The cells of a roster file as text: the first sheet of an .xlsx, or a UTF-8 CSV.

    Bounded: files over :data:`MAX_ROSTER_BYTES`, tables over :data:`MAX_ROSTER_ROWS` rows are
    refused, columns past :data:`MAX_ROSTER_COLUMNS` ignored; a damaged or odd workbook
    (a corrupt zip, no sheet at all, XML the reader trips on) is a DataError, never a crash."""
    import csv
    import io
    import itertools

    suffix = path.suffix.lower()
    if suffix not in ROSTER_SUFFIXES:
        raise DataError(
            translate(
                "Core", "不支持的文件类型 “{suffix}”,请用 Excel(.xlsx)或 CSV / unsupported file"
            ).format(suffix=path.suffix[:20]),
            file=str(path),
        )
    if suffix == ".csv":
        text = read_text(path, max_bytes=MAX_ROSTER_BYTES)
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            rows = list(itertools.islice(reader, MAX_ROSTER_ROWS + 1))
        except csv.Error as exc:
            raise DataError(
                translate("Core", "不是有效的 CSV:{error} / not valid CSV").format(error=exc),
                file=str(path),
                row=reader.line_num,
            ) from None
        if len(rows) > MAX_ROSTER_ROWS:
            raise _too_many_rows(path)
        return [[c.strip() for c in row[:MAX_ROSTER_COLUMNS]] for row in rows]
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise _too_large(path, MAX_ROSTER_BYTES)
        # Read whole (bounded), so a workbook the reader gives up on leaves no file open.
        data = io.BytesIO(path.read_bytes())
    except FileNotFoundError:
        raise DataError(translate("Core", "文件不存在 / file not found"), file=str(path)) from None
    except OSError as exc:
        raise DataError(
            translate("Core", "无法读取文件:{error} / cannot read").format(error=exc.strerror),
            file=str(path),
        ) from None
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(data, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises anything on a damaged file; all mean "cannot read"
        raise _unreadable_workbook(path, exc) from None
    try:
        if not workbook.worksheets:
            raise DataError(
                translate("Core", "Excel 文件里没有工作表 / the workbook has no sheet"),
                file=str(path),
            )
        sheet = workbook.worksheets[0]
        rows_read = sheet.iter_rows(max_col=MAX_ROSTER_COLUMNS, values_only=True)
        table = [
            [_cell_text(v) for v in row] for row in itertools.islice(rows_read, MAX_ROSTER_ROWS + 1)
        ]
    except DataError:
        raise
    except Exception as exc:  # as above: a damaged sheet
        raise _unreadable_workbook(path, exc) from None
    finally:
        workbook.close()
    if len(table) > MAX_ROSTER_ROWS:
        raise _too_many_rows(path)
    return table


def _unreadable_workbook(path: Path, exc: Exception) -> DataError:
    if isinstance(exc, FileNotFoundError):
        return DataError(translate("Core", "文件不存在 / file not found"), file=str(path))
    detail = _first_text_line(str(exc)) or type(exc).__name__
    return DataError(
        translate("Core", "无法读取 Excel 文件:{error} / not a readable .xlsx file").format(
            error=detail[:200]
        ),
        file=str(path),
    )


def _first_text_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def write_roster_file(meeting: Meeting, path: Path) -> None:
    """The meeting's roster as an .xlsx that :func:`read_table_file` and the roster import
    read back (speakers in order, then units no speaker reports for)."""
    import io

    import openpyxl

    from desktop_app.domain.roster import ROSTER_HEADERS, roster_table

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "名单"
    sheet.append(list(ROSTER_HEADERS))
    for row in roster_table(meeting):
        cells = []
        for value in row:
            if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
                value = "'" + value  # text, never a formula
            cells.append(value)
        sheet.append(cells)
    for column, width in zip("ABCDEFGH", (6, 10, 24, 20, 30, 10, 10, 10), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_bytes(path, buffer.getvalue())
