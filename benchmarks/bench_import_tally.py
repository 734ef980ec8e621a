"""Import and tally 20,000 ballots of the 27-target seed meeting; time `desktop-app-cli --help`.

Run by hand: ``uv run python benchmarks/bench_import_tally.py [--ballots N] [--db URL]``.
Targets on the reference machine (2 cores): import < 10 s, tally < 0.5 s, --help < 0.5 s.
Prints the figures; asserts nothing (speed targets live here, not in the test suite).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from desktop_app.domain.ballot_csv import write_ballots_csv
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import tally
from desktop_app.resources import resource
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import open_database
from desktop_app.store.tally_sql import tally_meeting
from desktop_app.store.transfer import import_ballots_file, import_meeting_file, read_meeting_file


def random_ballots(meeting: Meeting, count: int, seed: int = 20210120) -> list[Ballot]:
    """Realistic ballots: mostly valid, some multi-marks, over-caps, blanks and hand-voids."""
    rng = random.Random(seed)
    labels = meeting.level_labels
    ballots = []
    for i in range(count):
        ballot_type = meeting.ballot_types[0 if rng.random() < 0.2 else -1].code
        if rng.random() < 0.02:
            ballots.append(Ballot(f"{ballot_type}-{i:05d}", ballot_type, {}))
            continue
        marks: dict[str, tuple[str, ...]] = {}
        for target in meeting.targets:
            roll = rng.random()
            if roll < 0.03:
                continue
            if roll < 0.035:
                marks[target] = tuple(rng.sample(labels, 2))
            else:
                marks[target] = (rng.choices(labels, weights=(4, 4, 2, 1))[0],)
        void = "签名" if rng.random() < 0.01 else ""
        ballots.append(Ballot(f"{ballot_type}-{i:05d}", ballot_type, marks, void))
    return ballots


def timed(label: str, func, repeat: int = 1):  # type: ignore[no-untyped-def]
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    figure = statistics.median(times)
    print(
        f"{label:<44} {figure * 1000:9.1f} ms" + (f"  (median of {repeat})" if repeat > 1 else "")
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ballots", type=int, default=20_000)
    parser.add_argument("--db", help="database URL (default: a new SQLite file in a temp dir)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        db = open_database(args.db or workdir / "bench.sqlite3")
        meeting_file = resource("demo", "seed-meeting.json")
        meeting = read_meeting_file(meeting_file)
        ballots = random_ballots(meeting, args.ballots)
        csv_file = workdir / "ballots.csv"
        csv_file.write_text(write_ballots_csv(meeting, ballots), encoding="utf-8")
        print(f"{args.ballots} ballots x {len(meeting.targets)} targets, database {db.url}")

        meeting_id = import_meeting_file(db, meeting_file)
        timed(
            "ballots import (parse, check, store)",
            lambda: import_ballots_file(db, meeting_id, csv_file),
        )
        with db.session() as session:
            sql = timed(
                "tally, SQL aggregation + summary",
                lambda: tally_meeting(session, meeting_id),
                repeat=5,
            )
            stored = timed("load all ballots back", lambda: load_ballots(session, meeting_id))
        domain = timed("tally, pure Python from ballots", lambda: tally(meeting, stored), repeat=3)
        assert sql == domain, "the SQL tally and the domain tally disagree"

        cli = shutil.which("desktop-app-cli") or str(
            Path(sys.executable).with_name("desktop-app-cli")
        )
        timed(
            "desktop-app-cli --help (process)",
            lambda: subprocess.run([cli, "--help"], check=True, capture_output=True),
            repeat=5,
        )
        db.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
