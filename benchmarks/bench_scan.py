"""Reading a pile of scanned ballots: 400 pages of a 27-unit meeting in one scanner PDF.

Run by hand: ``uv run python benchmarks/bench_scan.py [--pages 400] [--workers 2]
[--pile FILE.pdf]``. Target on the reference machine (2 cores): 400 pages in at most 60 s
with 2 worker processes. The pile is generated once (synthetic ballots on the real printed
blank, anywhere in the declared envelope, 200 dpi grey JPEG in a PDF as an office scanner
writes it) and kept at ``--pile`` for the next run; only the reading is timed.

Also prints the flag rates of the pile. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from desktop_app.domain.ballot_layout import ballot_layout
from desktop_app.scan.read import ReadContext, read_pile
from tests.ballot_meetings import ballot_meeting
from tests.scan.synth import random_envelope, synthetic_ballot

KEY = "BE4C40"


def make_pile(path: Path, pages: int) -> None:
    import random

    meeting = ballot_meeting(27, issued=(200, 200))
    layout = ballot_layout(meeting)
    images = []
    for n in range(pages):
        env = dataclasses.replace(random_envelope(random.Random(n)), dpi=200, phone=0.0)
        code = "A" if n % 2 == 0 else "B"
        serial = f"{code}-{n // 2 % 200 + 1:03d}"
        images.append(
            synthetic_ballot(meeting, layout, KEY, code, serial, n, envelope=env).pages[0]
        )
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200, quality=85)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pile", type=Path, default=Path("/tmp/bench-scan-pile.pdf"))
    args = parser.parse_args()
    if not args.pile.exists():
        started = time.perf_counter()
        make_pile(args.pile, args.pages)
        print(f"generated {args.pages} pages in {time.perf_counter() - started:.0f} s")
    meeting = ballot_meeting(27, issued=(200, 200))
    ctx = ReadContext(meeting, KEY)
    # CPU time a page needs, read in this process (what a busy shared machine cannot inflate).
    from desktop_app.scan.ingest import read_page_at
    from desktop_app.scan.read import read_page

    read_page(read_page_at(args.pile, 0), ctx)
    cpu = time.process_time()
    sample = 20
    for index in range(sample):
        read_page(read_page_at(args.pile, index), ctx)
    per_page = (time.process_time() - cpu) / sample
    print(
        f"CPU per page {per_page * 1000:.0f} ms (incl. opening it): {args.pages} pages on "
        f"{args.workers} idle cores would take about {args.pages * per_page / args.workers:.0f} s"
    )
    started = time.perf_counter()
    pile = read_pile([args.pile], ctx, workers=args.workers)
    elapsed = time.perf_counter() - started
    pages = len(pile.pages)
    rows = sum(len(b.rows) for b in pile.ballots)
    flagged_rows = sum(1 for b in pile.ballots for r in b.rows if not r.confident)
    flagged = sum(1 for b in pile.ballots if not b.confident)
    try:
        import os

        load = f", load average {os.getloadavg()[0]:.1f}"
    except OSError:
        load = ""
    print(
        f"read {pages} pages in {elapsed:.1f} s with {args.workers} workers{load} "
        f"({elapsed / pages * 1000:.0f} ms a page; target 400 pages ≤ 60 s)"
    )
    print(
        f"ballots {len(pile.ballots)}, with a flag {flagged} ({flagged / len(pile.ballots):.0%}); "
        f"rows flagged {flagged_rows} of {rows} ({flagged_rows / max(rows, 1):.1%})"
    )


if __name__ == "__main__":
    main()
