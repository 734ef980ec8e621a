"""All five PDFs for the 27-target seed meeting with 400 ballots, timed in one process.

Run by hand: ``uv run python benchmarks/bench_pdfs.py``. Target (issue 5): under 3 s in
total on the reference machine. The blank-ballot document has one page per issued ballot
(here 30 + 370 = 400 pages). Prints the figures; asserts nothing.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_import_tally import random_ballots

from desktop_app.publish import REPORTS, make_report
from desktop_app.resources import resource
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import open_database
from desktop_app.store.meetings import save_meeting
from desktop_app.store.transfer import read_meeting_file


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        db = open_database(workdir / "bench.sqlite3")
        meeting = read_meeting_file(resource("demo", "seed-meeting.json"))
        meeting = replace(
            meeting,
            ballot_types=(
                replace(meeting.ballot_types[0], issued=30),
                replace(meeting.ballot_types[1], issued=370),
            ),
        )
        with db.session() as session:
            meeting_id = save_meeting(session, meeting)
            add_ballots(session, meeting_id, random_ballots(meeting, 400))
        total = 0.0
        for kind, (title, _) in REPORTS.items():
            start = time.perf_counter()
            data = make_report(db, meeting_id, kind)
            elapsed = time.perf_counter() - start
            total += elapsed
            print(f"{kind:<9} {title:<8} {elapsed * 1000:8.1f} ms  {len(data) / 1024:8.0f} KiB")
        print(f"{'total':<18} {total * 1000:8.1f} ms")
        db.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
