"""The shipped alembic migrations: step by step, with data kept, and down and up again."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, Table, func, insert, inspect, select

from desktop_app.domain.ballots import Ballot, classify_ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import tally_to_dict
from desktop_app.store.ballots import add_ballots, load_ballots
from desktop_app.store.database import (
    Database,
    alembic_config,
    current_revision,
    make_engine,
    sqlite_url,
    upgrade,
)
from desktop_app.store.integrity import verify_meeting
from desktop_app.store.meetings import list_meetings, load_meeting, save_meeting
from desktop_app.store.models import metadata
from desktop_app.store.tally_sql import tally_meeting

TABLES_0001 = {
    "meeting",
    "agenda_item",
    "speaker",
    "level",
    "category",
    "category_cap",
    "target",
    "ballot_type",
    "ballot",
    "ballot_mark",
    "ballot_section",
}
TABLES_0002 = TABLES_0001 | {"comment", "speech_event", "audit_event"}
TABLES_0003 = TABLES_0002 | {"ballot_entry"}
HEAD = "0008"
MINUTES_COLUMNS = {("meeting", "chair"), ("meeting", "attendees"), ("meeting", "recorder")}
# Columns of 0007 (audit chain, counting-rules version, settings fixed at finalising).
ADDED_0007 = (
    ("ballot", "rules_version"),
    ("meeting", "finalised_settings"),
    ("audit_event", "prev_hash"),
    ("audit_event", "hash"),
)
TABLES_0008 = TABLES_0003 | {"scan_batch", "scan_page", "scan_cell", "scan_decision"}


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url(tmp_path / "migrations.sqlite3"))
    yield engine
    engine.dispose()


def schema_diff(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def tables(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names()) - {"alembic_version"}


def columns(engine: Engine, table: str) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns(table)}


# --- inserting a meeting with raw SQL at revision 0001 ---------------------------------------


def insert_at_0001(engine: Engine, meeting: Meeting, ballots: Sequence[Ballot]) -> int:
    """Store a meeting and its ballots through the reflected 0001 tables (no store code)."""
    md = MetaData()
    md.reflect(bind=engine)
    t: dict[str, Table] = dict(md.tables)
    now = dt.datetime(2021, 1, 20, 9, 0, tzinfo=dt.UTC)
    mark_has_type = "ballot_type_id" in t["ballot_mark"].c
    with engine.begin() as conn:

        def add(table: str, **values: Any) -> int:
            result = conn.execute(insert(t[table]).values(**values))
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

        meeting_id = add(
            "meeting",
            title=meeting.title,
            date=meeting.date,
            venue=meeting.venue,
            multi_mark=meeting.rules.multi_mark.value,
            over_cap=meeting.rules.over_cap.value,
            created_at=now,
        )
        for i, item in enumerate(meeting.agenda):
            add(
                "agenda_item",
                meeting_id=meeting_id,
                position=i,
                kind=item.kind.value,
                title=item.title,
                limit_s=item.limit_s,
                speaker=item.speaker,
            )
        levels = {
            lv.label: add(
                "level", meeting_id=meeting_id, position=i, label=lv.label, score=lv.score
            )
            for i, lv in enumerate(meeting.levels)
        }
        categories: dict[str, int] = {}
        targets: dict[str, int] = {}
        position = 0
        for i, category in enumerate(meeting.categories):
            categories[category.name] = category_id = add(
                "category", meeting_id=meeting_id, position=i, name=category.name
            )
            for label, cap in category.caps.items():
                conn.execute(
                    insert(t["category_cap"]).values(
                        category_id=category_id, level_id=levels[label], cap=cap
                    )
                )
            for name in category.targets:
                targets[name] = add(
                    "target",
                    meeting_id=meeting_id,
                    category_id=category_id,
                    position=position,
                    name=name,
                )
                position += 1
        types = {
            bt.code: add(
                "ballot_type",
                meeting_id=meeting_id,
                position=i,
                code=bt.code,
                label=bt.label,
                weight=bt.weight,
                issued=bt.issued,
            )
            for i, bt in enumerate(meeting.ballot_types)
        }
        for i, speaker in enumerate(meeting.speakers):
            add(
                "speaker",
                meeting_id=meeting_id,
                position=i,
                name=speaker.name,
                post=speaker.post,
                target_id=targets[speaker.target] if speaker.target else None,
                limit_s=speaker.limit_s,
                written=speaker.written,
            )

        for ballot in ballots:
            c = classify_ballot(meeting, ballot)
            ballot_id = add(
                "ballot",
                meeting_id=meeting_id,
                ballot_type_id=types[ballot.type_code],
                serial=ballot.serial,
                void_reason=ballot.void_reason.strip(),
                status=c.status.value,
                cause=c.cause.value if c.cause else None,
                detail=c.detail,
                station="旧版本",
                created_at=now,
                updated_at=now,
            )
            counted = {
                (target, level)
                for section in c.sections.values()
                for target, level in section.items()
                if level is not None
            }
            for target, labels in ballot.marks.items():
                for label in labels:
                    mark: dict[str, Any] = {
                        "ballot_id": ballot_id,
                        "target_id": targets[target],
                        "level_id": levels[label],
                        "counted": (target, label) in counted,
                    }
                    if mark_has_type:  # the mark repeats its ballot's type, for the tally
                        mark["ballot_type_id"] = types[ballot.type_code]
                    conn.execute(insert(t["ballot_mark"]).values(**mark))
            for name in c.sections:
                conn.execute(
                    insert(t["ballot_section"]).values(
                        ballot_id=ballot_id, category_id=categories[name]
                    )
                )
    return meeting_id


# --- (a) step by step from an empty database ---------------------------------------------------


def test_upgrade_0001_then_head_from_empty(engine: Engine) -> None:
    assert current_revision(engine) is None
    upgrade(engine, "0001")
    assert current_revision(engine) == "0001"
    assert tables(engine) == TABLES_0001
    assert "collected" not in columns(engine, "ballot_type")

    upgrade(engine, "head")
    assert current_revision(engine) == HEAD
    assert tables(engine) == TABLES_0008
    assert "collected" in columns(engine, "ballot_type")
    assert schema_diff(engine) == []


def test_0001_schema_alone_differs_from_the_models_only_by_0002(engine: Engine) -> None:
    """The diff proves compare_metadata can see a difference (the other checks can fail)."""
    upgrade(engine, "0001")
    diff = schema_diff(engine)
    added_tables = {d[1].name for d in diff if d[0] == "add_table"}
    added_columns = {(d[2], d[3].name) for d in diff if d[0] == "add_column"}
    assert added_tables == {"comment", "speech_event", "audit_event", "ballot_entry"} | (
        TABLES_0008 - TABLES_0003
    )
    assert added_columns == {
        ("ballot", "serial_key"),
        ("ballot_type", "collected"),
        ("meeting", "double_entry"),
        ("meeting", "finalised_at"),
        ("meeting", "finalised_digest"),
        ("meeting", "finalised_station"),
        *MINUTES_COLUMNS,
        *(added for added in ADDED_0007 if added[0] != "audit_event"),
    }


def test_0002_schema_differs_from_the_models_only_by_0003(engine: Engine) -> None:
    upgrade(engine, "0002")
    diff = schema_diff(engine)
    assert {d[1].name for d in diff if d[0] == "add_table"} == {"ballot_entry"} | (
        TABLES_0008 - TABLES_0003
    )
    assert {(d[2], d[3].name) for d in diff if d[0] == "add_column"} == {
        ("ballot", "serial_key"),
        ("meeting", "double_entry"),
        ("meeting", "finalised_at"),
        ("meeting", "finalised_digest"),
        ("meeting", "finalised_station"),
        *MINUTES_COLUMNS,
        *ADDED_0007,
    }


def test_0005_schema_differs_from_the_models_only_by_0006_and_0007(engine: Engine) -> None:
    upgrade(engine, "0005")
    diff = schema_diff(engine)
    assert {(d[2], d[3].name) for d in diff if d[0] == "add_column"} == MINUTES_COLUMNS | set(
        ADDED_0007
    )


def test_0006_schema_differs_from_the_models_only_by_0007(engine: Engine) -> None:
    upgrade(engine, "0006")
    diff = schema_diff(engine)
    assert {(d[2], d[3].name) for d in diff if d[0] == "add_column"} == set(ADDED_0007)


def test_0007_schema_differs_from_the_models_only_by_the_scan_tables(engine: Engine) -> None:
    upgrade(engine, "0007")
    diff = schema_diff(engine)
    assert {d[1].name for d in diff if d[0] == "add_table"} == TABLES_0008 - TABLES_0003
    assert [d for d in diff if d[0] not in ("add_table", "add_index")] == []
    upgrade(engine, "0008")
    assert schema_diff(engine) == []
    command.downgrade(alembic_config(engine), "0007")
    assert tables(engine) == TABLES_0003


# --- (b) data kept from 0001 to 0002 ---------------------------------------------------------


def test_seed_data_survives_0001_to_head(
    engine: Engine,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
    seed_tally: dict[str, object],
) -> None:
    upgrade(engine, "0001")
    meeting_id = insert_at_0001(engine, seed_meeting, seed_ballots)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM ballot").scalar() == 178

    upgrade(engine, "head")
    assert current_revision(engine) == HEAD
    assert schema_diff(engine) == []

    db = Database(engine)
    with db.session() as session:
        assert load_meeting(session, meeting_id) == seed_meeting
        assert load_ballots(session, meeting_id) == seed_ballots
        assert tally_to_dict(tally_meeting(session, meeting_id)) == seed_tally
        assert [(m.id, m.ballots) for m in list_meetings(session)] == [(meeting_id, 178)]
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT code, collected FROM ballot_type ORDER BY position"
        ).fetchall()
        assert rows == [("A", None), ("B", None)]
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        # 0001 stored no counting-rules version: every ballot was re-classified, audited.
        (entry,) = conn.exec_driver_sql("SELECT action, after FROM audit_event").fetchall()
        assert entry[0] == "ballots.reclassify"
        assert json.loads(entry[1]) == {"ballots": 178, "changed": [], "rules_version": 1}
    with db.session() as session:
        assert verify_meeting(session, meeting_id).problems == []

    # The upgraded database takes new ballots as usual, and refuses old serials.
    new = Ballot("A-9001", "A", {seed_meeting.targets[0]: ("好",)})
    with db.session() as session:
        assert add_ballots(session, meeting_id, [new], station="新版本") == 1
    with db.session() as session:
        assert load_ballots(session, meeting_id)[-1] == new
        assert tally_meeting(session, meeting_id).ballots["A"].entered == (
            seed_tally["ballots"]["A"]["entered"] + 1  # type: ignore[index]
        )


def test_append_only_trigger_works_after_upgrading_from_0001(
    engine: Engine, seed_meeting: Meeting
) -> None:
    upgrade(engine, "0001")
    insert_at_0001(engine, seed_meeting, [])
    upgrade(engine, "head")
    db = Database(engine)
    with db.session() as session:
        save_meeting(session, seed_meeting)
    with engine.connect() as conn:
        with pytest.raises(Exception, match="append-only"):
            conn.exec_driver_sql("DELETE FROM audit_event")
        conn.rollback()
        assert conn.exec_driver_sql("SELECT count(*) FROM audit_event").scalar() == 1


# --- (c) down to base and up again -------------------------------------------------------------


def test_downgrade_to_base_then_upgrade_on_empty_database(engine: Engine) -> None:
    upgrade(engine, "head")
    config = alembic_config(engine)
    command.downgrade(config, "base")
    assert current_revision(engine) is None
    assert tables(engine) == set()
    with engine.connect() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
        assert triggers == []

    command.upgrade(config, "head")
    assert current_revision(engine) == HEAD
    assert tables(engine) == TABLES_0008
    assert schema_diff(engine) == []


def test_downgrade_0002_to_0001_keeps_meetings_and_ballots(
    engine: Engine,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
    seed_tally: dict[str, object],
) -> None:
    upgrade(engine, "head")
    db = Database(engine)
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        add_ballots(session, meeting_id, seed_ballots)

    command.downgrade(alembic_config(engine), "0001")
    assert current_revision(engine) == "0001"
    assert tables(engine) == TABLES_0001
    assert "collected" not in columns(engine, "ballot_type")
    with engine.connect() as conn:
        assert (
            conn.execute(
                select(func.count()).select_from(Table("ballot", MetaData(), autoload_with=conn))
            ).scalar()
            == 178
        )
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []

    upgrade(engine, "head")
    with db.session() as session:
        assert load_meeting(session, meeting_id) == seed_meeting
        assert load_ballots(session, meeting_id) == seed_ballots
        assert tally_to_dict(tally_meeting(session, meeting_id)) == seed_tally
