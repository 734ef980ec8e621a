"""PostgreSQL: the audit log refuses TRUNCATE, and `db create --station-role` makes a login
role for entry stations that works the app but cannot change, delete, truncate or unhook
the audit log."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.store.database import Database, open_database
from desktop_app.store.entry import BallotBook, finalise, save_ballot
from desktop_app.store.integrity import verify_meeting
from desktop_app.store.meetings import save_meeting

ROOT = Path(__file__).parents[2]
PASSWORD = "s3cret%'\"@/x"  # quotes, percent, @ and / must all survive


def test_truncate_of_the_audit_log_is_refused(pg_db: Database, seed_meeting: Meeting) -> None:
    with pg_db.session() as session:
        save_meeting(session, seed_meeting)
    with pytest.raises(Exception, match="append-only"), pg_db.session() as session:
        session.execute(text("TRUNCATE audit_event"))


def test_station_role_works_the_app_but_cannot_touch_the_log(
    pg_url: str, seed_meeting: Meeting
) -> None:
    env = dict(os.environ, DESKTOP_APP_STATION_PASSWORD=PASSWORD)
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "db", "create", pg_url, "--station-role",
         "station"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "station" in done.stdout and PASSWORD not in done.stdout + done.stderr
    station_url = make_url(pg_url).set(username="station", password=PASSWORD)
    db = open_database(station_url.render_as_string(hide_password=False))
    try:
        with db.session() as session:
            meeting_id = save_meeting(session, seed_meeting, station="录入1")
        with db.session() as session:
            book = BallotBook.load(session, meeting_id)
            save_ballot(session, book, Ballot("A-1", "A", {seed_meeting.targets[0]: ("好",)}))
        with db.session() as session:
            finalise(session, BallotBook.load(session, meeting_id), station="录入1")
        for statement in (
            "UPDATE audit_event SET station = 'x'",
            "DELETE FROM audit_event",
            "TRUNCATE audit_event",
            "DROP TRIGGER audit_event_append_only ON audit_event",
            "ALTER TABLE audit_event DISABLE TRIGGER ALL",
            "UPDATE alembic_version SET version_num = '0001'",
        ):
            with (
                pytest.raises(Exception, match=r"permission denied|must be owner"),
                db.session() as session,
            ):
                session.execute(text(statement))
        with db.session() as session:
            assert verify_meeting(session, meeting_id).problems == []
    finally:
        db.close()


def test_migration_0007_chains_an_existing_log_on_postgresql(
    pg_url: str, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    from desktop_app.store.audit import chain_break
    from desktop_app.store.database import make_engine, upgrade
    from tests.store.test_migrations import insert_at_0001

    engine = make_engine(pg_url)
    try:
        upgrade(engine, "0003")
        meeting_id = insert_at_0001(engine, seed_meeting, seed_ballots)
        with engine.begin() as connection:
            for action in ("meeting.create", "ballots.add"):
                connection.execute(
                    text(
                        "INSERT INTO audit_event (at, station, meeting_id, action, entity, "
                        "entity_key) VALUES (now(), '旧版本', :m, :a, 'meeting', '1')"
                    ),
                    {"m": meeting_id, "a": action},
                )
        upgrade(engine, "head")
        db = Database(engine)
        with db.session() as session:
            assert chain_break(session) is None
            assert verify_meeting(session, meeting_id).problems == []
        with pytest.raises(Exception, match="append-only"), db.session() as session:
            session.execute(text("UPDATE audit_event SET station = 'x'"))
    finally:
        engine.dispose()
