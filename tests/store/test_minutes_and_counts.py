"""The meeting's minutes fields and ballots collected: stored, loaded, edited, exported."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from desktop_app.domain.meeting import Meeting
from desktop_app.store.database import Database
from desktop_app.store.live import set_ballot_counts
from desktop_app.store.meetings import load_meeting, save_meeting
from desktop_app.store.setup import update_meeting
from desktop_app.store.transfer import export_meeting_file, import_meeting_file


def test_minutes_fields_and_collected_round_trip_through_the_store(
    db: Database, seed_meeting: Meeting
) -> None:
    a, b = seed_meeting.ballot_types
    meeting = dataclasses.replace(
        seed_meeting,
        chair="市委副书记赵某",
        attendees="市委常委,各县(市、区)委书记",
        recorder="钱某",
        ballot_types=(dataclasses.replace(a, collected=29), b),
    )
    with db.session() as session:
        meeting_id = save_meeting(session, meeting)
        session.commit()
    with db.session() as session:
        assert load_meeting(session, meeting_id) == meeting


def test_setup_edits_the_minutes_fields_but_keeps_the_run_screens_collected(
    db: Database, seed_meeting: Meeting
) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        session.commit()
    with db.session() as session:
        set_ballot_counts(session, meeting_id, "A", issued=30, collected=28)
        session.commit()
    # The setup screen's draft was loaded before the count (collected unknown in it).
    edited = dataclasses.replace(seed_meeting, chair="赵某", recorder="钱某")
    with db.session() as session:
        update_meeting(session, meeting_id, edited)
        session.commit()
    with db.session() as session:
        loaded = load_meeting(session, meeting_id)
    assert (loaded.chair, loaded.attendees, loaded.recorder) == ("赵某", "", "钱某")
    assert loaded.ballot_types[0].collected == 28


def test_meeting_file_carries_collected_and_the_minutes_fields(
    db: Database, seed_meeting: Meeting, tmp_path: Path
) -> None:
    source = tmp_path / "in.json"
    data = json.loads((Path(__file__).parents[1] / "data" / "seed-meeting.json").read_text("utf-8"))
    data["ballot_types"][0]["collected"] = 29
    data["chair"] = "赵某"
    data["recorder"] = "钱某"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    meeting_id = import_meeting_file(db, source)
    with db.session() as session:
        set_ballot_counts(session, meeting_id, "B", issued=160, collected=150)
        session.commit()
    out = tmp_path / "out.json"
    export_meeting_file(db, meeting_id, out)
    exported = json.loads(out.read_text("utf-8"))
    assert [t["collected"] for t in exported["ballot_types"]] == [29, 150]
    assert (exported["chair"], exported["recorder"]) == ("赵某", "钱某")
    assert "attendees" not in exported  # optional fields only when set
