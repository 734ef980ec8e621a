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


def read_text(path: Path) -> str:
    """A UTF-8 text file (a BOM is fine), with clear messages for the usual problems."""
    try:
        raw = path.read_bytes()
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
    text = read_text(path)
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
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table_file(path: Path) -> list[list[str]]:
    """The cells of a roster file as text: the first sheet of an .xlsx, or a UTF-8 CSV."""
    import csv
    import io
    import zipfile

    suffix = path.suffix.lower()
    if suffix not in ROSTER_SUFFIXES:
        raise DataError(
            translate(
                "Core", "不支持的文件类型 “{suffix}”,请用 Excel(.xlsx)或 CSV / unsupported file"
            ).format(suffix=path.suffix),
            file=str(path),
        )
    if suffix == ".csv":
        text = read_text(path)
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise DataError(translate("Core", "文件不存在 / file not found"), file=str(path)) from None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(
            translate("Core", "无法读取 Excel 文件:{error} / not a readable .xlsx file").format(
                error=exc
            ),
            file=str(path),
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


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
