"""Opening the database: the file or URL, pragmas, migrations to head, the append-only log."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy.exc
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import URL, inspect, make_url, text

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.store.audit import audit_events
from desktop_app.store.database import (
    DB_FILE_NAME,
    Database,
    current_revision,
    head_revision,
    open_database,
    to_url,
)
from desktop_app.store.meetings import list_meetings, save_meeting
from desktop_app.store.models import metadata
from tests.store.test_migrations import HEAD, TABLES_0008

EXPECTED_TABLES = TABLES_0008 | {"alembic_version"}


def schema_diff(db: Database) -> list[object]:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


# --- opening and migrating ------------------------------------------------------------------


def test_head_revision_is_the_last_migration() -> None:
    assert head_revision() == HEAD


def test_open_database_creates_the_file_and_migrates_to_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "new.sqlite3"
    assert not path.exists()
    db = open_database(path)
    try:
        assert path.is_file()
        assert current_revision(db.engine) == head_revision() == HEAD
        assert set(inspect(db.engine).get_table_names()) == EXPECTED_TABLES
        assert db.url == f"sqlite:///{path.resolve()}"
    finally:
        db.close()


def test_reopening_a_migrated_database_keeps_its_data(db_path: Path, seed_meeting: Meeting) -> None:
    db = open_database(db_path)
    try:
        with db.session() as session:
            meeting_id = save_meeting(session, seed_meeting)
    finally:
        db.close()
    again = open_database(db_path)
    try:
        assert current_revision(again.engine) == HEAD
        with again.session() as session:
            assert [m.id for m in list_meetings(session)] == [meeting_id]
    finally:
        again.close()


def test_migrate_false_leaves_a_new_file_unmigrated(tmp_path: Path) -> None:
    db = open_database(tmp_path / "raw.sqlite3", migrate=False)
    try:
        assert current_revision(db.engine) is None
        assert inspect(db.engine).get_table_names() == []
    finally:
        db.close()


def test_session_connection_has_wal_and_foreign_keys(db: Database) -> None:
    with db.session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        # FULL = 2: a committed ballot survives a power cut.
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == 10000


def test_migrated_schema_matches_the_models(db: Database) -> None:
    assert schema_diff(db) == []


def test_tables_without_alembic_version_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "foreign.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE meeting (id INTEGER PRIMARY KEY, title TEXT)")
    connection.execute("INSERT INTO meeting (title) VALUES ('别人的表')")
    connection.commit()
    connection.close()

    with pytest.raises(DataError) as excinfo:
        open_database(path)
    assert excinfo.value.file == f"sqlite:///{path.resolve()}"
    assert "no migration version" in str(excinfo.value)

    # Untouched: no alembic_version, no new tables, the row still there.
    connection = sqlite3.connect(path)
    try:
        tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        assert tables == {"meeting"}
        assert connection.execute("SELECT title FROM meeting").fetchall() == [("别人的表",)]
    finally:
        connection.close()


# --- where the database is --------------------------------------------------------------------


def test_to_url_passes_urls_through() -> None:
    for url in (
        "postgresql+psycopg://user:secret@db.example:5432/meetings",
        "sqlite:///relative.sqlite3",
        "sqlite:////abs/path.sqlite3",
        "sqlite://",
    ):
        assert to_url(url) == url


def sqlite_file(url: str | URL) -> str | None:
    """The file a SQLite URL (text or URL object) points at; fails for other backends."""
    parsed = make_url(url)
    assert parsed.get_backend_name() == "sqlite"
    return parsed.database


def test_to_url_turns_paths_into_absolute_sqlite_urls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path.resolve()
    assert sqlite_file(to_url(tmp_path / "a.sqlite3")) == f"{base}/a.sqlite3"
    assert sqlite_file(to_url(str(tmp_path / "会议 数据.db"))) == f"{base}/会议 数据.db"
    monkeypatch.chdir(tmp_path)
    assert sqlite_file(to_url("relative.db")) == f"{base}/relative.db"
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert sqlite_file(to_url("~/x.db")) == f"{base}/home/x.db"
    # Characters that mean something in a URL stay part of the file name.
    for name in ("得分%41.db", "a?b=c.db", "会议#1.db", "100%.db"):
        assert sqlite_file(to_url(tmp_path / name)) == f"{base}/{name}"


def test_to_url_none_is_the_default_file(_isolated_data_dir: Path) -> None:
    assert sqlite_file(to_url(None)) == f"{_isolated_data_dir.resolve()}/{DB_FILE_NAME}"


def test_open_database_none_uses_the_data_directory(_isolated_data_dir: Path) -> None:
    expected = _isolated_data_dir / DB_FILE_NAME
    assert not expected.exists()
    db = open_database(None)
    try:
        assert expected.is_file()
        assert db.url == f"sqlite:///{expected.resolve()}"
        assert current_revision(db.engine) == HEAD
    finally:
        db.close()


def test_path_with_spaces_chinese_and_hash_opens_that_exact_file(tmp_path: Path) -> None:
    path = tmp_path / "评议 会议 #1 完成率100%" / "会议.sqlite3"
    db = open_database(path)
    db.close()
    assert path.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["评议 会议 #1 完成率100%"]


def test_percent_escapes_in_a_path_are_not_decoded(tmp_path: Path) -> None:
    # A --db file path is a path, not a URL: "%41" in a folder name must stay "%41".
    path = tmp_path / "得分%41" / "会议.sqlite3"
    db = open_database(path)
    db.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["得分%41"]
    assert path.is_file()


# --- the audit log is append-only -----------------------------------------------------------


def test_audit_event_refuses_update_and_delete(db: Database, seed_meeting: Meeting) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting, station="录入点1")

    for statement in ("UPDATE audit_event SET station = 'forged'", "DELETE FROM audit_event"):
        with db.engine.connect() as connection:
            with pytest.raises(sqlalchemy.exc.IntegrityError) as excinfo:
                connection.exec_driver_sql(statement)
            assert "append-only" in str(excinfo.value)
            connection.rollback()

    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT station, meeting_id, action FROM audit_event"
        ).fetchall()
    assert rows == [("录入点1", meeting_id, "meeting.create")]
    with db.session() as session:
        events = audit_events(session, meeting_id)
    assert [(e.action, e.station, e.entity) for e in events] == [
        ("meeting.create", "录入点1", "meeting")
    ]
    assert events[0].after["title"] == seed_meeting.title


def test_audit_event_append_only_also_through_a_plain_sqlite3_connection(
    db: Database, db_path: Path, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        save_meeting(session, seed_meeting)
    db.close()
    connection = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM audit_event")
        connection.rollback()
        assert connection.execute("SELECT count(*) FROM audit_event").fetchone() == (1,)
    finally:
        connection.close()
