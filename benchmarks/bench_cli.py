"""desktop-app-cli commands on an up-to-date database, against a naive reference, in one run.

Run by hand: ``uv run python benchmarks/bench_cli.py [--ballots 20000] [--runs 5]``. A
database with the seed meeting and ``--ballots`` random ballots is made once; then each
command runs as its own process (as an operator runs it) and the median wall time of
``--runs`` is printed next to the reference: a naive pure-Python tally of the same CSV
(``csv`` module, a ``Counter`` per target and level, JSON out; no rules), started the same
way. Target (issue 17): ``tally`` within the reference's time. Prints figures and the load
average; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource as rusage
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_import_tally import random_ballots

from desktop_app.domain.ballot_csv import write_ballots_csv
from desktop_app.resources import resource
from desktop_app.store.database import open_database
from desktop_app.store.transfer import import_ballots_file, import_meeting_file, read_meeting_file

NAIVE_TALLY = """
import collections, csv, json, sys
counts = collections.defaultdict(collections.Counter)
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = csv.DictReader(f)
    for row in rows:
        if row.get("void_reason"):
            continue
        for name, cell in row.items():
            if name in ("serial", "type", "void_reason"):
                continue
            counts[name][cell or "-"] += 1
json.dump(counts, sys.stdout, ensure_ascii=False)
"""


def median_time(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of the process. On a loaded
    machine the CPU time is the steadier figure: waiting for a core is not counted."""
    walls, cpus = [], []
    for _ in range(runs):
        before = rusage.getrusage(rusage.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = rusage.getrusage(rusage.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-cli-"))
    try:
        db_file = workdir / "bench.sqlite3"
        db = open_database(db_file)
        meeting_file = resource("demo", "seed-meeting.json")
        meeting = read_meeting_file(meeting_file)
        csv_file = workdir / "ballots.csv"
        csv_file.write_text(
            write_ballots_csv(meeting, random_ballots(meeting, args.ballots)), encoding="utf-8"
        )
        meeting_id = import_meeting_file(db, meeting_file)
        import_ballots_file(db, meeting_id, csv_file)
        db.close()
        naive = workdir / "naive_tally.py"
        naive.write_text(NAIVE_TALLY, encoding="utf-8")

        cli = shutil.which("desktop-app-cli") or str(
            Path(sys.executable).with_name("desktop-app-cli")
        )
        base = [cli, "--db", str(db_file)]
        print(f"{args.ballots} ballots, median of {args.runs} process runs; {load()}")
        print(f"{'':<48} {'wall':>7}    {'CPU':>7}")
        reference, reference_cpu = median_time(
            [sys.executable, str(naive), str(csv_file)], args.runs
        )
        print(
            f"{'reference: naive pure-Python tally of the CSV':<48} {reference * 1000:7.0f} ms"
            f" {reference_cpu * 1000:7.0f} ms"
        )
        wall, cpu = median_time([sys.executable, "-c", "pass"], args.runs)
        print(
            f"{'python -c pass (interpreter start)':<48} {wall * 1000:7.0f} ms {cpu * 1000:7.0f} ms"
        )
        commands = {
            "desktop-app-cli --help": [cli, "--help"],
            "desktop-app-cli meeting list": [*base, "meeting", "list"],
            "desktop-app-cli tally 1": [*base, "tally", str(meeting_id)],
            "desktop-app-cli verify 1": [*base, "verify", str(meeting_id)],
        }
        for label, command in commands.items():
            wall, cpu = median_time(command, args.runs)
            print(
                f"{label:<48} {wall * 1000:7.0f} ms {cpu * 1000:7.0f} ms"
                f"  ({wall / reference:4.2f} x reference wall, {cpu / reference_cpu:4.2f} x CPU)"
            )
        print(f"after: {load()}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
