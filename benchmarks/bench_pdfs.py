"""All five PDFs for the 27-target seed meeting and for a 64-unit meeting, 400 ballots each.

Run by hand: ``uv run python benchmarks/bench_pdfs.py``. Target (issue 5): under 3 s in
total on the reference machine for the seed meeting. The blank-ballot document has one page
per issued ballot (here 30 + 370 = 400 pages); its first page alone (what the documents
panel shows at once, issue 17) is timed too. Prints the figures and the load; asserts
nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_import_tally import random_ballots

from desktop_app.domain.meeting import Meeting
from desktop_app.publish import REPORTS, make_report
from desktop_app.resources import resource
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database, open_database
from desktop_app.store.meetings import save_meeting
from desktop_app.store.transfer import read_meeting_file


def with_units(meeting: Meeting, units: int) -> Meeting:
    """The meeting with its categories grown (names made unique) to ``units`` targets."""
    categories = [list(c.targets) for c in meeting.categories]
    round_ = 2
    while sum(map(len, categories)) < units:
        for index, category in enumerate(meeting.categories):
            for target in category.targets:
                if sum(map(len, categories)) < units:
                    categories[index].append(f"{target}({round_})")
        round_ += 1
    return replace(
        meeting,
        categories=tuple(
            replace(c, targets=tuple(t))
            for c, t in zip(meeting.categories, categories, strict=True)
        ),
    )


def bench(db: Database, meeting: Meeting, label: str) -> None:
    with db.session() as session:
        meeting_id = save_meeting(session, meeting)
        add_ballots(session, meeting_id, random_ballots(meeting, 400))
    print(f"{label}: {len(meeting.targets)} units, 400 ballots entered, 400 issued")
    total = total_cpu = 0.0
    for kind, (title, _) in REPORTS.items():
        start, start_cpu = time.perf_counter(), time.process_time()
        data = make_report(db, meeting_id, kind)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        total += elapsed
        total_cpu += cpu
        print(
            f"  {kind:<9} {title:<8} {elapsed * 1000:8.1f} ms wall {cpu * 1000:8.1f} ms CPU"
            f"  {len(data) / 1024:8.0f} KiB"
        )
    print(f"  {'total':<18} {total * 1000:8.1f} ms wall {total_cpu * 1000:8.1f} ms CPU")
    try:
        from desktop_app.publish import preview_report
    except ImportError:  # before issue 17
        return
    now = dt.datetime.now().astimezone()
    start = time.perf_counter()
    preview_report(db, meeting_id, "ballots", now=now)
    print(f"  {'ballots, first page':<18} {(time.perf_counter() - start) * 1000:8.1f} ms")


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        print("load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        db = open_database(workdir / "bench.sqlite3")
        meeting = read_meeting_file(resource("demo", "seed-meeting.json"))
        meeting = replace(
            meeting,
            ballot_types=(
                replace(meeting.ballot_types[0], issued=30),
                replace(meeting.ballot_types[1], issued=370),
            ),
        )
        bench(db, meeting, "seed meeting")
        bench(db, with_units(replace(meeting, title=meeting.title + "(64)"), 64), "64-unit meeting")
        db.close()
        print("load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
