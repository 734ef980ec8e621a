"""The blank ballots of a 27-unit meeting, 400 of them (30 A + 370 B): build time and size,
and the same bytes twice for the same input and time.

Run by hand: ``uv run python benchmarks/bench_ballot_papers.py [--count N]``. Target
(issue 14): a few seconds. Measured 2026-12-01 on the shared 2-core machine (load ~7):
2.3-2.5 s CPU, 7-8 s wall, 752 KiB; about 80 % of it is reportlab encoding the 400 QR
codes. Prints wall and CPU time per run (CPU time is what a busy shared machine cannot
inflate); asserts only that the two builds are byte-identical.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from dataclasses import replace

from desktop_app.domain.ballot_layout import ballot_layout
from desktop_app.reports.ballot_papers import ballot_papers_pdf
from desktop_app.resources import resource
from desktop_app.store.transfer import read_meeting_file


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=400)
    args = parser.parse_args()
    meeting = read_meeting_file(resource("demo", "seed-meeting.json"))
    meeting = replace(
        meeting,
        ballot_types=(
            replace(meeting.ballot_types[0], issued=30),
            replace(meeting.ballot_types[1], issued=args.count - 30),
        ),
    )
    layout = ballot_layout(meeting)
    print(f"{len(meeting.targets)} units, {len(layout.pages)} sheet(s) per ballot")
    now = dt.datetime(2026, 12, 1, 9, 0)
    outputs = []
    for run in (1, 2):
        wall, cpu = time.perf_counter(), time.process_time()
        outputs.append(ballot_papers_pdf(meeting, generated_at=now, meeting_key="0A1B2C"))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"run {run}: {args.count} ballots in {wall:5.2f} s wall, {cpu:5.2f} s CPU, "
            f"{len(outputs[-1]) / 1024:6.0f} KiB"
        )
    assert outputs[0] == outputs[1], "the same input and time gave different bytes"
    print("byte-identical: yes")


if __name__ == "__main__":
    main()
