"""verify trusts nothing derived: every column the count reads, tampered with by raw SQL after
finalising, and the audit log changed, removed or forged, makes it fail and name what changed.
Migration 0007 chains an existing log and re-classifies ballots of older counting rules."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import tally_to_dict
from desktop_app.store.audit import audit_events, chain_break
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database, make_engine, sqlite_url, upgrade
from desktop_app.store.entry import BallotBook, finalise, unlock
from desktop_app.store.integrity import verify_meeting
from desktop_app.store.live import set_ballot_counts
from desktop_app.store.meetings import save_meeting
from desktop_app.store.tally_sql import tally_meeting
from tests.store.test_migrations import insert_at_0001


@pytest.fixture
def finalised(db: Database, seed_meeting: Meeting, seed_ballots: list[Ballot]) -> int:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting, station="设置")
        add_ballots(session, meeting_id, seed_ballots, station="导入")
        set_ballot_counts(session, meeting_id, "A", issued=30, collected=29, station="发票")
    with db.session() as session:
        finalise(session, BallotBook.load(session, meeting_id), station="主持")
    return meeting_id


def problems(db: Database, meeting_id: int) -> list[str]:
    with db.session() as session:
        return verify_meeting(session, meeting_id).problems


def raw(db_path: Path, *statements: str) -> None:
    """Change the file behind the app's back (the append-only triggers dropped first where a
    statement touches the audit log: on SQLite anyone with the file can do that)."""
    with sqlite3.connect(db_path) as connection:
        if any("audit_event" in s for s in statements):
            connection.execute("DROP TRIGGER audit_event_no_update")
            connection.execute("DROP TRIGGER audit_event_no_delete")
        for statement in statements:
            assert connection.execute(statement).rowcount != 0, statement
    connection.close()


def test_an_untouched_finalised_meeting_verifies(db: Database, finalised: int) -> None:
    with db.session() as session:
        result = verify_meeting(session, finalised)
    assert result.problems == [] and result.ok
    assert result.digest == result.finalised_digest
    assert len(result.chain_head) == 64


# One valid ballot of type B, one void ballot, one blank ballot, by their serials in the seed.
VALID = "(SELECT min(id) FROM ballot WHERE status = 'valid')"
VOID = "(SELECT min(id) FROM ballot WHERE status = 'void')"
COUNTED_MARK = "(SELECT min(rowid) FROM ballot_mark WHERE counted = 1)"

DERIVED = [
    ("ballot.status", f"UPDATE ballot SET status = 'void' WHERE id = {VALID}"),
    ("ballot.status", f"UPDATE ballot SET status = 'valid' WHERE id = {VOID}"),
    ("ballot.cause", f"UPDATE ballot SET cause = 'over_cap' WHERE id = {VOID}"),
    ("ballot.detail", f"UPDATE ballot SET detail = '人工作废(x)' WHERE id = {VOID}"),
    ("ballot.rules_version", f"UPDATE ballot SET rules_version = 0 WHERE id = {VALID}"),
    ("ballot_mark.counted", f"UPDATE ballot_mark SET counted = 0 WHERE rowid = {COUNTED_MARK}"),
    (
        "ballot_mark.counted",
        "UPDATE ballot_mark SET counted = 1 WHERE rowid = "
        "(SELECT min(rowid) FROM ballot_mark WHERE counted = 0)",
    ),
    (
        "ballot_mark.ballot_type_id",
        "UPDATE ballot_mark SET ballot_type_id = (SELECT min(id) FROM ballot_type) "
        "WHERE rowid = (SELECT min(m.rowid) FROM ballot_mark m JOIN ballot b "
        "ON b.id = m.ballot_id WHERE b.ballot_type_id = (SELECT max(id) FROM ballot_type))",
    ),
    ("ballot_section", f"DELETE FROM ballot_section WHERE ballot_id = {VALID}"),
    (
        "ballot_section",
        f"INSERT INTO ballot_section (ballot_id, category_id) SELECT {VOID}, min(id) FROM category",
    ),
]


@pytest.mark.parametrize(("column", "statement"), DERIVED)
def test_every_derived_column_tampered_after_finalising_fails_verify(
    db: Database, db_path: Path, finalised: int, column: str, statement: str
) -> None:
    raw(db_path, statement)
    found = problems(db, finalised)
    assert found, "verify passed a tampered record"
    assert any(column in p for p in found), found
    # The digest of the paper data is unchanged: the derived data alone is wrong, and named.
    assert not any(p.startswith("ballot data:") for p in found)


def test_a_changed_score_can_never_pass_verify(
    db: Database, db_path: Path, finalised: int, seed_meeting: Meeting
) -> None:
    """The adversarial run's case: counted marks and statuses changed until a unit's score
    moved; the SQL tally shows the new figure, verify refuses it."""
    target = seed_meeting.targets[0]
    with db.session() as session:
        before = tally_meeting(session, finalised).target(target).score
    raw(
        db_path,
        # Every counted 好 for the first unit no longer counted: its score drops.
        "UPDATE ballot_mark SET counted = 0 WHERE counted = 1 AND level_id = "
        "(SELECT id FROM level WHERE position = 0) AND target_id = "
        f"(SELECT id FROM target WHERE name = '{target}')",
    )
    with db.session() as session:
        after = tally_meeting(session, finalised).target(target).score
    assert after != before
    found = problems(db, finalised)
    assert any("ballot_mark.counted" in p for p in found)
    assert any(p.startswith("tally: marks[") and target in p for p in found)


PAPER = [
    ("ballot data", "UPDATE ballot SET void_reason = '撕毁' WHERE id = " + VALID),
    (
        "ballot data",
        "UPDATE ballot_mark SET level_id = (SELECT max(id) FROM level) WHERE rowid = "
        "(SELECT min(rowid) FROM ballot_mark)",
    ),
    ("ballot data", "DELETE FROM ballot WHERE id = " + VOID),
]


@pytest.mark.parametrize(("what", "statement"), PAPER)
def test_changed_paper_data_fails_verify_by_the_digest(
    db: Database, db_path: Path, finalised: int, what: str, statement: str
) -> None:
    raw(db_path, statement)
    assert any(p.startswith(what) for p in problems(db, finalised))


SETTINGS = [
    ("levels[1].score", "UPDATE level SET score = 90 WHERE position = 1"),
    ("levels[0].label", "UPDATE level SET label = '优' WHERE position = 0"),
    ("categories[0].caps", "UPDATE category_cap SET cap = cap + 5"),
    ("ballot_types[0].weight", "UPDATE ballot_type SET weight = 0.9 WHERE code = 'A'"),
    ("ballot_types[0].issued", "UPDATE ballot_type SET issued = 99 WHERE code = 'A'"),
    ("ballot_types[0].collected", "UPDATE ballot_type SET collected = 1 WHERE code = 'A'"),
    ("rules.multi_mark", "UPDATE meeting SET multi_mark = 'void_target'"),
    ("rules.over_cap", "UPDATE meeting SET over_cap = 'void_category'"),
    (
        "categories[0].targets",
        "UPDATE target SET category_id = (SELECT max(id) FROM category) WHERE position = 0",
    ),
    ("meeting.finalised_settings", "UPDATE meeting SET finalised_settings = NULL"),
    ("meeting.finalised_digest", "UPDATE meeting SET finalised_digest = 'ab' || finalised_digest"),
]


@pytest.mark.parametrize(("field", "statement"), SETTINGS)
def test_counting_settings_changed_after_finalising_fail_verify(
    db: Database, db_path: Path, finalised: int, field: str, statement: str
) -> None:
    raw(db_path, statement)
    found = problems(db, finalised)
    assert any(field in p for p in found), found


def audit_ids(db: Database, meeting_id: int) -> list[int]:
    with db.engine.connect() as connection:
        return [
            r[0]
            for r in connection.exec_driver_sql(
                "SELECT id FROM audit_event WHERE meeting_id = ? ORDER BY id", (meeting_id,)
            )
        ]


def test_the_audit_chain_names_the_first_broken_entry(
    db: Database, db_path: Path, finalised: int
) -> None:
    first, second, *_ = audit_ids(db, finalised)
    raw(db_path, f"UPDATE audit_event SET station = '别人' WHERE id = {second}")
    found = problems(db, finalised)
    assert f"audit log: audit_event #{second}: its content was changed" in "\n".join(found)
    assert f"#{first}:" not in "\n".join(found)


def test_a_deleted_audit_entry_breaks_the_chain_at_the_next(
    db: Database, db_path: Path, finalised: int
) -> None:
    _, second, third, *_ = audit_ids(db, finalised)
    raw(db_path, f"DELETE FROM audit_event WHERE id = {second}")
    found = "\n".join(problems(db, finalised))
    assert f"audit_event #{third}: does not follow the entry before it" in found


def test_a_forged_audit_entry_is_found(db: Database, db_path: Path, finalised: int) -> None:
    raw(
        db_path,
        "INSERT INTO audit_event (at, station, meeting_id, action, entity, entity_key, after) "
        f"VALUES ('2026-12-01 10:00:00.000000', '主持', {finalised}, 'ballots.unlock', "
        "'meeting', '1', '{\"reason\": \"伪造\"}')",
    )
    found = "\n".join(problems(db, finalised))
    assert "no chain hash (inserted outside the app)" in found


def test_removing_the_finalise_entry_is_found(db: Database, db_path: Path, finalised: int) -> None:
    last = audit_ids(db, finalised)[-1]
    raw(db_path, f"DELETE FROM audit_event WHERE id = {last}")
    found = "\n".join(problems(db, finalised))
    assert "meeting.finalised_digest" in found and "audit log recorded" in found


def test_entries_written_by_the_app_chain_and_unlock_is_chained_too(
    db: Database, finalised: int
) -> None:
    with db.session() as session:
        unlock(session, finalised, reason="补录一张", station="主持")
    with db.session() as session:
        assert chain_break(session) is None
        assert [e.action for e in audit_events(session, finalised)][-2:] == [
            "ballots.finalise",
            "ballots.unlock",
        ]
        settings = audit_events(session, finalised)[-2].after["settings"]
        assert settings["ballot_types"][0] == {
            "code": "A",
            "label": settings["ballot_types"][0]["label"],
            "weight": 0.4,
            "issued": 30,
            "collected": 29,
        }
    assert problems(db, finalised) == []  # open again: digest and settings not compared


# --- migration 0007 ----------------------------------------------------------------------------


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url(tmp_path / "old.sqlite3"))
    yield engine
    engine.dispose()


def test_migration_chains_the_old_log_and_reclassifies_old_ballots(
    engine: Engine,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
    seed_tally: dict[str, object],
) -> None:
    upgrade(engine, "0003")
    meeting_id = insert_at_0001(engine, seed_meeting, seed_ballots)
    valid = seed_ballots[0].serial
    with engine.begin() as connection:
        # Older rules (or an older bug) stored a valid ballot as blank, uncounted.
        connection.exec_driver_sql("UPDATE ballot SET status = 'blank' WHERE serial = ?", (valid,))
        connection.exec_driver_sql(
            "UPDATE ballot_mark SET counted = 0 WHERE ballot_id = "
            "(SELECT id FROM ballot WHERE serial = ?)",
            (valid,),
        )
        for action in ("meeting.create", "ballots.add"):
            connection.exec_driver_sql(
                "INSERT INTO audit_event (at, station, meeting_id, action, entity, entity_key) "
                "VALUES ('2021-01-20 09:00:00.000000', '旧版本', ?, ?, 'meeting', '1')",
                (meeting_id, action),
            )
    upgrade(engine, "head")

    db = Database(engine)
    with db.session() as session:
        assert verify_meeting(session, meeting_id).problems == []
        assert tally_to_dict(tally_meeting(session, meeting_id)) == seed_tally
        events = audit_events(session, meeting_id)
    assert [e.action for e in events] == ["meeting.create", "ballots.add", "ballots.reclassify"]
    assert events[-1].station == "migration"
    assert events[-1].after == {"ballots": 178, "changed": [valid], "rules_version": 1}


def test_migration_records_the_settings_of_a_meeting_finalised_before(
    engine: Engine, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    upgrade(engine, "0003")
    meeting_id = insert_at_0001(engine, seed_meeting, seed_ballots)
    db = Database(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE meeting SET finalised_at = '2021-01-20 12:00:00', finalised_station = '主持'"
        )
    upgrade(engine, "head")
    # Its digest as 0003 would have recorded it, and the finalise entry as 0003 wrote it.
    with db.session() as session:
        digest = verify_meeting(session, meeting_id).digest
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE meeting SET finalised_digest = ?", (digest,))
    with db.session() as session:
        found = verify_meeting(session, meeting_id).problems
        actions = [e.action for e in audit_events(session, meeting_id)]
        settings = json.loads(
            session.connection().exec_driver_sql("SELECT finalised_settings FROM meeting").scalar()
        )
    assert actions == ["ballots.finalised_settings", "ballots.reclassify"]
    assert settings["levels"][0] == {"label": "好", "score": 100.0}
    # No finalise entry in the old log: verify says so rather than passing it.
    assert found and all("finalised_digest" in p for p in found)
