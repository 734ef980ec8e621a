"""Read-only answers from a SQLite file with the standard library alone.

A command such as ``desktop-app-cli tally`` on an up-to-date SQLite database needs a handful
of SELECTs; SQLAlchemy, SQLModel and alembic would cost it more to import than the counting
itself (20,000 ballots count in a tenth of a second). This module is the twin of
:func:`desktop_app.store.meetings.load_meeting_and_ids` and
:func:`desktop_app.store.tally_sql.count_ballots_sql` in plain SQL over ``sqlite3``; a test
checks that both give the same meeting and the same tally. Anything else (PostgreSQL, a
schema that is not at the newest revision, writing) goes the ordinary way.

:func:`head_revision` reads the newest migration revision from the migration files
themselves (their ``revision`` / ``down_revision`` lines), so "is the schema at head?" is
one query and no alembic.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from desktop_app.domain.ballots import BallotStatus
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import (
    AgendaItem,
    AgendaKind,
    BallotType,
    Category,
    Level,
    Meeting,
    MultiMarkRule,
    OverCapRule,
    Rules,
    Speaker,
)
from desktop_app.domain.tally import Tally, TallyCounts, summarise
from desktop_app.domain.text import translate

VERSIONS = Path(__file__).with_name("migrations") / "versions"
_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def head_revision(versions: Path = VERSIONS) -> str:
    """The one revision no other migration builds on (alembic's head), from the files."""
    revisions: set[str] = set()
    built_on: set[str] = set()
    for path in versions.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found = _REVISION.search(text)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(text)
        if down is not None:
            built_on.update(_QUOTED.findall(down.group(1)))
    heads = revisions - built_on
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def sqlite_file(path_or_url: str | os.PathLike[str] | None) -> Path | None:
    """The existing SQLite file a ``--db`` value names (None: the per-user default), or
    None when it is a URL of another kind or no such file exists yet."""
    if path_or_url is None:
        path_or_url = default_file()
    text = os.fspath(path_or_url)
    if "://" in text:
        return None
    path = Path(text).expanduser()
    return path if path.is_file() else None


def default_file() -> Path:
    """The per-user SQLite file, as :func:`desktop_app.store.database.default_url` names it
    (a test keeps the two the same; that module imports SQLAlchemy)."""
    override = os.environ.get("DESKTOP_APP_DATA_DIR")
    if override:
        return Path(override) / "meetings.sqlite3"
    from platformdirs import user_data_path

    return user_data_path("desktop-app", appauthor=False) / "meetings.sqlite3"


def connect(path: Path) -> sqlite3.Connection | None:
    """A connection that only reads ``path``, when its schema is at the newest revision."""
    try:
        connection = sqlite3.connect(path, timeout=10)
    except sqlite3.Error:
        return None
    try:
        connection.execute("PRAGMA query_only = ON")  # this module only reads
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        row = None
    if row is None or row[0] != head_revision():
        connection.close()
        return None
    return connection


Ids = dict[str, dict[str, int]]


def load_meeting_and_ids(connection: sqlite3.Connection, meeting_id: int) -> tuple[Meeting, Ids]:
    """The stored meeting, and the ids of its categories, targets, levels and ballot types."""
    row = connection.execute(
        "SELECT title, date, venue, multi_mark, over_cap FROM meeting WHERE id = ?",
        (meeting_id,),
    ).fetchone()
    if row is None:
        raise DataError(
            translate(
                "Core", "没有编号为 {meeting_id} 的会议 / no meeting with id {meeting_id}"
            ).format(meeting_id=meeting_id)
        )
    title, date, venue, multi_mark, over_cap = row
    levels = _ordered(connection, meeting_id, "level", "id, label, score")
    categories = _ordered(connection, meeting_id, "category", "id, name")
    targets = _ordered(connection, meeting_id, "target", "id, name, category_id")
    target_names = {id_: name for id_, name, _ in targets}
    caps = _caps(connection, meeting_id, categories, {id_: label for id_, label, _ in levels})
    types = _ordered(connection, meeting_id, "ballot_type", "id, code, label, weight, issued")
    agenda = _ordered(connection, meeting_id, "agenda_item", "kind, title, limit_s, speaker")
    speakers = _ordered(
        connection, meeting_id, "speaker", "name, post, target_id, limit_s, written"
    )
    meeting = Meeting(
        title=str(title),
        date=dt.date.fromisoformat(str(date)) if date else None,
        venue=str(venue),
        agenda=tuple(
            AgendaItem(AgendaKind(kind), str(item_title), limit_s, speaker)
            for kind, item_title, limit_s, speaker in agenda
        ),
        speakers=tuple(
            Speaker(
                str(name),
                str(post),
                target_names.get(target_id) if target_id else None,
                limit_s,
                bool(written),
            )
            for name, post, target_id, limit_s, written in speakers
        ),
        levels=tuple(Level(str(label), float(score)) for _, label, score in levels),
        categories=tuple(
            Category(
                str(name),
                tuple(str(t_name) for _, t_name, t_category in targets if t_category == cid),
                caps[cid],
            )
            for cid, name in categories
        ),
        ballot_types=tuple(
            BallotType(str(code), str(label), float(weight), issued)
            for _, code, label, weight, issued in types
        ),
        rules=Rules(MultiMarkRule(multi_mark), OverCapRule(over_cap)),
    )
    return meeting, _ids(categories, targets, levels, types)


def _ids(
    categories: list[tuple[object, ...]],
    targets: list[tuple[object, ...]],
    levels: list[tuple[object, ...]],
    types: list[tuple[object, ...]],
) -> Ids:
    """The ids of the meeting's parts by name (rows with the id first)."""
    return {
        "categories": {str(name): int(id_) for id_, name in categories},
        "targets": {str(name): int(id_) for id_, name, _ in targets},
        "levels": {str(label): int(id_) for id_, label, _ in levels},
        "ballot_types": {str(code): int(id_) for id_, code, *_ in types},
    }


def _ordered(
    connection: sqlite3.Connection, meeting_id: int, table: str, columns: str
) -> list[tuple[object, ...]]:
    """``columns`` of the meeting's rows of ``table``, in their order."""
    return connection.execute(
        f"SELECT {columns} FROM {table} WHERE meeting_id = ? ORDER BY position",
        (meeting_id,),
    ).fetchall()


def _caps(
    connection: sqlite3.Connection,
    meeting_id: int,
    categories: list[tuple[object, ...]],
    level_labels: dict[object, object],
) -> dict[object, dict[str, int]]:
    """Each category's caps by level label, in the levels' order, by category id."""
    caps: dict[object, dict[str, int]] = {id_: {} for id_, _ in categories}
    for category_id, level_id, cap in connection.execute(
        "SELECT category_cap.category_id, category_cap.level_id, category_cap.cap"
        " FROM category_cap JOIN category ON category.id = category_cap.category_id"
        " WHERE category.meeting_id = ?",
        (meeting_id,),
    ):
        caps[category_id][str(level_labels[level_id])] = cap
    return {
        cid: {str(label): c[str(label)] for label in level_labels.values() if label in c}
        for cid, c in caps.items()
    }


def count_ballots(connection: sqlite3.Connection, meeting_id: int, ids: Ids) -> TallyCounts:
    """Raw counts of the meeting's ballots, aggregated by SQLite (as count_ballots_sql)."""
    codes = {id_: code for code, id_ in ids["ballot_types"].items()}
    categories = {id_: name for name, id_ in ids["categories"].items()}
    targets = {id_: name for name, id_ in ids["targets"].items()}
    levels = {id_: label for label, id_ in ids["levels"].items()}
    counts = TallyCounts()
    for type_id, status, n in connection.execute(
        "SELECT ballot_type_id, status, count(*) FROM ballot WHERE meeting_id = ?"
        " GROUP BY ballot_type_id, status",
        (meeting_id,),
    ):
        counts.statuses[codes[type_id], BallotStatus(status)] = n
    for type_id, category_id, n in connection.execute(
        "SELECT ballot.ballot_type_id, ballot_section.category_id, count(*)"
        " FROM ballot_section JOIN ballot ON ballot.id = ballot_section.ballot_id"
        " WHERE ballot.meeting_id = ? GROUP BY ballot.ballot_type_id, ballot_section.category_id",
        (meeting_id,),
    ):
        counts.sections[codes[type_id], categories[category_id]] = n
    if targets:
        marks = ",".join("?" * len(targets))
        # One scan of the covering index ix_ballot_mark_tally; the targets pick the meeting.
        for target_id, type_id, level_id, n in connection.execute(
            "SELECT target_id, ballot_type_id, level_id, count(*) FROM ballot_mark"
            f" WHERE target_id IN ({marks}) AND counted = 1"
            " GROUP BY target_id, ballot_type_id, level_id",
            tuple(targets),
        ):
            counts.marks[codes[type_id], targets[target_id], levels[level_id]] = n
    return counts


def tally_file(path: Path, meeting_id: int) -> Tally | None:
    """The tally of a meeting in the SQLite file ``path``; None when the file's schema is
    not at the newest revision (the ordinary way migrates it first)."""
    connection = connect(path)
    if connection is None:
        return None
    try:
        meeting, ids = load_meeting_and_ids(connection, meeting_id)
        return summarise(meeting, count_ballots(connection, meeting_id, ids))
    finally:
        connection.close()
