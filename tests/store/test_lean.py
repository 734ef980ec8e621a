"""The lean SQLite reader (store.lean) against the ordinary store, and commands that do not
pay for what they do not use: no alembic when the schema is at head, no SQLAlchemy for the
tally of an up-to-date SQLite file."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import tally
from desktop_app.store import lean
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database, default_url, head_revision, schema_is_current
from desktop_app.store.meetings import load_meeting, meeting_ids, save_meeting
from desktop_app.store.tally_sql import tally_meeting


@pytest.fixture
def meeting_id(db: Database, seed_meeting: Meeting, seed_ballots: list[Ballot]) -> int:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        add_ballots(session, meeting_id, seed_ballots)
    return meeting_id


def test_the_newest_revision_read_from_the_files_is_alembics_head(tmp_path: Path) -> None:
    assert lean.head_revision() == head_revision()
    for name, text in {
        "a.py": 'revision = "0001"\ndown_revision = None\n',
        "b.py": 'revision = "0002"\ndown_revision = "0001"\n',
        "c.py": 'revision: str = "0003"\ndown_revision: str | None = "0002"\n',
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert lean.head_revision(tmp_path) == "0003"
    (tmp_path / "d.py").write_text('revision = "0004"\ndown_revision = "0002"\n', "utf-8")
    with pytest.raises(RuntimeError, match="2 heads"):  # a branch the merger must re-chain
        lean.head_revision(tmp_path)


def test_the_default_file_is_the_stores_default() -> None:
    assert lean.default_file() == Path(str(default_url().database))


def test_the_meeting_and_the_tally_are_the_stores_to_the_last_figure(
    db: Database, db_path: Path, meeting_id: int, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    connection = lean.connect(db_path)
    assert connection is not None
    meeting, ids = lean.load_meeting_and_ids(connection, meeting_id)
    with db.session() as session:
        assert meeting == load_meeting(session, meeting_id) == seed_meeting
        stored_ids = meeting_ids(session, meeting_id)
        sql = tally_meeting(session, meeting_id)
    assert ids == {
        "categories": stored_ids.categories,
        "targets": stored_ids.targets,
        "levels": stored_ids.levels,
        "ballot_types": stored_ids.ballot_types,
    }
    with pytest.raises(DataError, match="999"):
        lean.load_meeting_and_ids(connection, 999)
    connection.close()
    assert lean.tally_file(db_path, meeting_id) == sql == tally(seed_meeting, seed_ballots)


def test_only_an_existing_sqlite_file_at_head_is_read_lean(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    assert lean.sqlite_file(db_path) == db_path
    assert lean.sqlite_file(tmp_path / "none.sqlite3") is None
    assert lean.sqlite_file("postgresql+psycopg://u@h/db") is None
    assert schema_is_current(db.engine)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
    assert lean.connect(db_path) is None  # the ordinary way migrates it first
    assert lean.tally_file(db_path, 1) is None
    assert not schema_is_current(db.engine)


@pytest.mark.slow
def test_commands_on_an_up_to_date_database_import_only_what_they_use(
    db: Database, db_path: Path, meeting_id: int
) -> None:
    probe = (
        "import sys\n"
        "from desktop_app.cli import main\n"
        "assert main(sys.argv[1:]) == 0\n"
        "print(sorted(m for m in ('alembic', 'sqlalchemy', 'sqlmodel') if m in sys.modules))\n"
    )

    def loaded(*command: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe, "--db", str(db_path), *command],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip().splitlines()[-1]

    assert loaded("tally", str(meeting_id), "--out", str(db_path.with_suffix(".json"))) == "[]"
    assert loaded("meeting", "list") == "['sqlalchemy', 'sqlmodel']"  # no alembic at head
