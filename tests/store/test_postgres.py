"""The same store on a real PostgreSQL server: migrations, the tally, and several stations
saving and importing at once (issue 7). Skips with the reason when no server can be started,
except under .ci/run, which requires one."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.domain.ballot_csv import write_ballots_csv
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import tally_to_dict
from desktop_app.store.ballots import add_ballots, load_ballots
from desktop_app.store.database import (
    Database,
    DatabaseUnavailable,
    current_revision,
    head_revision,
)
from desktop_app.store.entry import BallotBook, ballot_records, save_ballot, set_double_entry
from desktop_app.store.meetings import load_meeting, save_meeting
from desktop_app.store.tally_sql import tally_meeting

ROOT = Path(__file__).parents[2]


def test_migrations_and_the_seed_tally_on_postgresql(
    pg_db: Database,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
    seed_tally: dict[str, object],
) -> None:
    assert pg_db.engine.dialect.name == "postgresql"
    assert current_revision(pg_db.engine) == head_revision()
    with pg_db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        add_ballots(session, meeting_id, seed_ballots)
    with pg_db.session() as session:
        assert load_meeting(session, meeting_id) == seed_meeting
        assert load_ballots(session, meeting_id) == seed_ballots
        assert tally_to_dict(tally_meeting(session, meeting_id)) == seed_tally


def test_the_audit_log_is_append_only_on_postgresql(pg_db: Database, seed_meeting: Meeting) -> None:
    with pg_db.session() as session:
        save_meeting(session, seed_meeting)
    with pytest.raises(Exception, match="append-only"), pg_db.session() as session:
        session.execute(text("UPDATE audit_event SET station = 'x'"))


WORKER = textwrap.dedent(
    """
    import sys, time
    from desktop_app.domain.ballots import Ballot
    from desktop_app.domain.errors import DataError
    from desktop_app.store.database import open_database
    from desktop_app.store.entry import BallotBook, save_ballot

    url, meeting_id, station = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    start_at, serials = float(sys.argv[4]), sys.argv[5].split(",")
    db = open_database(url)
    with db.session() as session:
        book = BallotBook.load(session, meeting_id)
    target = book.meeting.targets[0]
    while time.time() < start_at:
        time.sleep(0.005)
    for serial in serials:
        try:
            with db.session() as session:
                ballot = Ballot(serial, "B", {target: ("较好",)})
                save_ballot(session, book, ballot, station=station)
            print("saved", serial, flush=True)
        except DataError as exc:
            print("refused", serial, str(exc).replace("\\n", " "), flush=True)
    """
)


def start_workers(url: str, meeting_id: int, jobs: dict[str, list[str]]) -> dict[str, str]:
    import time

    start_at = time.time() + 3.0  # all processes connected before the first save
    processes = {
        station: subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                url,
                str(meeting_id),
                station,
                str(start_at),
                ",".join(serials),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for station, serials in jobs.items()
    }
    outputs = {}
    for station, process in processes.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err[-2000:]
        outputs[station] = out
    return outputs


def test_four_stations_saving_overlapping_serials_at_once(
    pg_url: str, pg_db: Database, seed_meeting: Meeting
) -> None:
    with pg_db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    serials = [f"B-{i:04d}" for i in range(1, 61)]
    # Each station takes 30 consecutive serials, wrapping round: every serial is tried by
    # two stations at the same moment.
    jobs = {f"录入{n}": [serials[(n * 15 + i) % 60] for i in range(30)] for n in range(4)}
    outputs = start_workers(pg_url, meeting_id, jobs)
    saved = [
        line.split()[1]
        for out in outputs.values()
        for line in out.splitlines()
        if line.startswith("saved")
    ]
    refused = [
        line for out in outputs.values() for line in out.splitlines() if line.startswith("refused")
    ]
    assert sorted(saved) == serials  # each serial saved exactly once
    assert len(refused) == 60 and all("已经录入过" in line or "占用" in line for line in refused), (
        refused[:3]
    )
    with pg_db.session() as session:
        records = ballot_records(session, meeting_id)
    assert sorted(r.serial for r in records) == serials
    assert {r.station for r in records} == set(jobs)


def test_double_entry_pairs_typings_from_two_stations(
    pg_db: Database, seed_meeting: Meeting
) -> None:
    with pg_db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        set_double_entry(session, meeting_id, True)
    with pg_db.session() as session:
        book = BallotBook.load(session, meeting_id)
    ballot = Ballot("A-0001", "A", {seed_meeting.targets[0]: ("好",)})
    with pg_db.session() as session:
        save_ballot(session, book, ballot, station="甲")
    with pg_db.session() as session:
        save_ballot(session, book, ballot, station="乙")
    with pg_db.session() as session:
        (record,) = ballot_records(session, meeting_id)
    assert record.station == "甲/乙"


def test_two_stations_importing_overlapping_files_exactly_one_wins(
    pg_url: str, pg_db: Database, seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    with pg_db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(write_ballots_csv(seed_meeting, seed_ballots[:120]), "utf-8-sig")
    second.write_text(write_ballots_csv(seed_meeting, seed_ballots[60:]), "utf-8-sig")
    command = [
        sys.executable,
        "-m",
        "desktop_app.cli",
        "--db",
        pg_url,
        "ballots",
        "import",
        str(meeting_id),
    ]
    processes = [
        subprocess.Popen(
            [*command, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for path in (first, second)
    ]
    results = []
    for process in processes:
        _out, err = process.communicate(timeout=120)
        results.append((process.returncode, err))
    codes = sorted(code for code, _ in results)
    assert codes == [0, 1], results
    loser = next(err for code, err in results if code == 1)
    assert "票号" in loser and "Traceback" not in loser
    with pg_db.session() as session:
        stored = {b.serial for b in load_ballots(session, meeting_id)}
    winner = first if results[0][0] == 0 else second
    expected = seed_ballots[:120] if winner is first else seed_ballots[60:]
    assert stored == {b.serial for b in expected}


def test_a_save_while_the_server_is_down_is_refused_then_works_again(
    postgres: object, pg_db: Database, seed_meeting: Meeting
) -> None:
    from tests.postgres_server import PostgresServer

    assert isinstance(postgres, PostgresServer)
    with pg_db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
        book = BallotBook.load(session, meeting_id)
    ballot = Ballot("B-0001", "B", {seed_meeting.targets[0]: ("好",)})
    postgres.stop()
    try:
        with pytest.raises(DatabaseUnavailable, match="未保存"), pg_db.session() as session:
            save_ballot(session, book, ballot)
    finally:
        postgres.start()
    with pg_db.session() as session:  # the pool reconnects by itself
        save_ballot(session, book, ballot)
    with pg_db.session() as session:
        assert [b.serial for b in load_ballots(session, meeting_id)] == ["B-0001"]


def test_db_create_makes_and_migrates_the_database_with_one_command(postgres: object) -> None:
    from tests.postgres_server import PostgresServer

    assert isinstance(postgres, PostgresServer)
    url = postgres.url("meeting_day_2026")
    command = [sys.executable, "-m", "desktop_app.cli", "db", "create", url]
    first = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert first.returncode == 0, first.stderr
    assert "已建立数据库" in first.stdout
    again = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    assert again.returncode == 0 and "已存在" in again.stdout
    demo = subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "--db", url, "demo"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    bad = subprocess.run(
        [*command[:-1], postgres.url("").rstrip("/")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
