"""Files in and out of the database: meeting JSON, ballots CSV, the demo meeting.

Shared by the command line and the window so both read, check and store files the same way:
every problem is a DataError naming file, row and column, and an import is one transaction.
"""

from __future__ import annotations

import json
from pathlib import Path

from desktop_app.domain.ballot_csv import read_ballot_rows, write_ballots_csv
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting, meeting_from_dict, meeting_to_dict
from desktop_app.files import write_text
from desktop_app.resources import resource
from desktop_app.store.ballots import add_ballots, load_ballots
from desktop_app.store.database import Database
from desktop_app.store.meetings import load_meeting, save_meeting


def read_text(path: Path) -> str:
    """A UTF-8 text file (a BOM is fine), with clear messages for the usual problems."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError("文件不存在 / file not found", file=str(path)) from None
    except OSError as exc:
        raise DataError(f"无法读取文件:{exc.strerror} / cannot read", file=str(path)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            "不是 UTF-8 编码(从 Excel 另存时请选“CSV UTF-8”) / not UTF-8 text",
            file=str(path),
            row=line,
        ) from None


def read_meeting_file(path: Path) -> Meeting:
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"不是有效的 JSON:第 {exc.lineno} 行第 {exc.colno} 列,{exc.msg} / invalid JSON",
            file=str(path),
            row=exc.lineno,
        ) from None
    return meeting_from_dict(data, source=str(path))


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
