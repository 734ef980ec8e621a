"""The same store on a real PostgreSQL server: migrations, the tally, and several stations
saving and importing at once (issue 7). Skips with the reason when no server can be started,
except under .ci/run, which requires one."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
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
    import sys
    from desktop_app.domain.ballots import Ballot
    from desktop_app.domain.errors import DataError
    from desktop_app.store.database import open_database
    from desktop_app.store.entry import BallotBook, save_ballot

    url, meeting_id, station, serials = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    db = open_database(url)
    with db.session() as session:
        book = BallotBook.load(session, meeting_id)
    target = book.meeting.targets[0]
    print("ready", flush=True)
    sys.stdin.readline()  # the start line: every station is connected and loaded by now
    for serial in serials.split(","):
        try:
            with db.session() as session:
                ballot = Ballot(serial, "B", {target: ("较好",)})
                save_ballot(session, book, ballot, station=station)
            print("saved", serial, flush=True)
        except DataError as exc:
            print("refused", serial, str(exc).replace("\\n", " "), flush=True)
    """
)

# Backends of this database waiting to write to the ballot table (the lock an INSERT takes).
WAITING_TO_INSERT = text(
    "SELECT count(*) FROM pg_locks JOIN pg_stat_activity USING (pid) "
    "WHERE datname = current_database() AND NOT granted "
    "AND relation = 'ballot'::regclass AND mode = 'RowExclusiveLock'"
)


def start_workers(
    pg_db: Database, url: str, meeting_id: int, jobs: dict[str, list[str]]
) -> dict[str, str]:
    """Run one station process per job, all saving at once; their outputs by station.

    Nothing here depends on how fast the machine is: each station says when it is connected,
    and only then is it told to start. While the stations start, this test holds a SHARE lock
    on the ballot table, so every station's first save gets past its "serial already used?"
    check and then waits at its INSERT; the lock is let go only once all of them wait there.
    Stations that share a first serial then really insert it at the same moment, and the
    database's unique key (not the check) must refuse all but one.
    """
    processes = {
        station: subprocess.Popen(
            [sys.executable, "-c", WORKER, url, str(meeting_id), station, ",".join(serials)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for station, serials in jobs.items()
    }
    try:
        for process in processes.values():
            assert process.stdout is not None and process.stdin is not None
            line = process.stdout.readline()
            assert line == "ready\n", line + process.communicate(timeout=120)[1][-2000:]
        with pg_db.engine.connect() as gate, gate.begin():
            gate.execute(text("LOCK TABLE ballot IN SHARE MODE"))
            for process in processes.values():
                assert process.stdin is not None
                process.stdin.write("go\n")
                process.stdin.flush()
            # Each station gets past its check and waits at its INSERT; then let go.
            deadline = time.monotonic() + 120  # a bound on a hung run, not a timing
            while gate.execute(WAITING_TO_INSERT).scalar_one() < len(processes):
                assert all(process.poll() is None for process in processes.values())
                assert time.monotonic() < deadline, "the stations never reached their INSERT"
                time.sleep(0.01)
        outputs = {}
        for station, process in processes.items():
            out, err = process.communicate(timeout=120)
            assert process.returncode == 0, err[-2000:]
            outputs[station] = out
        return outputs
    finally:
        for process in processes.values():
            if process.poll() is None:
                process.kill()
                process.communicate()


def test_four_stations_saving_overlapping_serials_at_once(
    pg_url: str, pg_db: Database, seed_meeting: Meeting
) -> None:
    with pg_db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    serials = [f"B-{i:04d}" for i in range(1, 61)]
    # Two pairs of stations; both stations of a pair type the same 30 serials in the same
    # order, so every serial is tried by two stations at once.
    jobs = {f"录入{n}": serials[n // 2 * 30 :][:30] for n in range(4)}
    outputs = start_workers(pg_db, pg_url, meeting_id, jobs)
    saved_by = {
        line.split()[1]: station
        for station, out in outputs.items()
        for line in out.splitlines()
        if line.startswith("saved")
    }
    saves = sum(out.count("saved ") for out in outputs.values())
    refused = [
        line for out in outputs.values() for line in out.splitlines() if line.startswith("refused")
    ]
    assert saves == 60 and sorted(saved_by) == serials  # each serial saved exactly once
    assert len(refused) == 60 and all("已经录入过" in line for line in refused), refused[:3]
    with pg_db.session() as session:
        records = ballot_records(session, meeting_id)
    # Each ballot is stored once, under the station that was told it was saved.
    assert {r.serial: r.station for r in records} == saved_by
    assert len(records) == 60


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
