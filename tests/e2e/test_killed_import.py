"""A killed process never leaves half an import: the database holds all of a file or none."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain.ballot_csv import write_ballots_csv
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import open_database
from desktop_app.store.meetings import load_meeting, save_meeting

ROOT = Path(__file__).parents[2]
COPIES = 110  # 178 seed ballots x 110 = 19,580 ballots: several seconds to import


@pytest.mark.slow
def test_an_import_killed_midway_stores_nothing_and_can_be_run_again(
    tmp_path: Path, seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    db_file = tmp_path / "killed.sqlite3"
    db = open_database(db_file)
    with db.session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    db.close()
    ballots = [
        replace(b, serial=f"{b.serial}-{copy}") for copy in range(COPIES) for b in seed_ballots
    ]
    csv_file = tmp_path / "big.csv"
    csv_file.write_text(write_ballots_csv(seed_meeting, ballots), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    command = [
        sys.executable,
        "-m",
        "desktop_app.cli",
        "--db",
        str(db_file),
        "ballots",
        "import",
        str(meeting_id),
        str(csv_file),
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    # Wait until the import is writing (the WAL file grows), then kill it without warning.
    wal = db_file.with_name(db_file.name + "-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 1_000_000:
            break
        time.sleep(0.01)
    killed = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)

    with sqlite3.connect(db_file) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = raw.execute("SELECT count(*) FROM ballot").fetchone()[0]
        marks = raw.execute("SELECT count(*) FROM ballot_mark").fetchone()[0]
    assert killed, "the import finished before it could be killed; make the file larger"
    assert (stored, marks) == (0, 0)

    db = open_database(db_file)
    with db.session() as session:
        assert load_meeting(session, meeting_id) == seed_meeting
    rerun = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    with db.session() as session:
        assert load_ballots(session, meeting_id) == ballots
    db.close()
