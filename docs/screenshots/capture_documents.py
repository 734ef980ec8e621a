"""Render every page of every document, for the seed meeting and a large one, to PNG.

    QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/capture_documents.py [OUT_DIR]

Writes ``OUT_DIR/<meeting>-<kind>-p<N>.png`` for every page (default: a temporary folder,
printed), to be looked at page by page, and copies the pages the README shows into
docs/screenshots (``doc-…``). The large meeting (tests/reports/large.py): 64 units with long
names, 3 ballot types, 5 levels, in both rule variants. Needs no database.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtPdf import QPdfDocument  # noqa: E402

from desktop_app.domain.ballot_csv import read_ballots_csv  # noqa: E402
from desktop_app.domain.digest import ballot_digest  # noqa: E402
from desktop_app.domain.meeting import Meeting, meeting_from_dict  # noqa: E402
from desktop_app.domain.tally import tally  # noqa: E402
from desktop_app.domain.timing import item_timings, speaker_timings  # noqa: E402
from desktop_app.reports.ballot_papers import ballot_papers_pdf  # noqa: E402
from desktop_app.reports.feedback import feedback_pdf  # noqa: E402
from desktop_app.reports.host_script import host_script_pdf  # noqa: E402
from desktop_app.reports.minutes import minutes_pdf  # noqa: E402
from desktop_app.reports.results import results_pdf  # noqa: E402
from tests.reports.large import (  # noqa: E402
    ZONE,
    large_ballots,
    large_comments,
    large_events,
    large_meeting,
)
from tests.reports.test_minutes_feedback import run_of_speeches  # noqa: E402

NOW = dt.datetime(2024, 1, 26, 17, 5, tzinfo=ZONE)
DATA = ROOT / "tests" / "data"
# (meeting, kind, page) shown in the README, copied to docs/screenshots/doc-….png
SHOWN = [
    ("seed", "results", 1),
    ("seed", "results", 2),
    ("large", "results", 1),
    ("large", "results", 2),
    ("large-lenient", "results", 4),
    ("large", "feedback", 1),
    ("large", "feedback", 2),
    ("large", "minutes", 1),
    ("large", "minutes", 4),
    ("seed", "script", 1),
]
# The README's row of first pages (pdf-KIND-page1.png) for the documents this script owns.
FIRST_PAGES = ("results", "feedback", "minutes", "script")


def documents(name: str, meeting: Meeting, ballots: list, events: list, notes: list) -> dict:
    result = tally(meeting, ballots)
    digest = ballot_digest(meeting, ballots) if ballots else None
    timings = speaker_timings(meeting, events)
    items = item_timings(meeting, events)
    docs = {
        "results": results_pdf(meeting, result, generated_at=NOW, digest=digest),
        "feedback": feedback_pdf(meeting, result, timings, notes, generated_at=NOW, digest=digest),
        "minutes": minutes_pdf(
            meeting, result, timings, items, notes, generated_at=NOW, digest=digest
        ),
        "script": host_script_pdf(meeting, generated_at=NOW),
    }
    if name == "seed":
        docs["ballots"] = ballot_papers_pdf(meeting, generated_at=NOW)
    return docs


def render(data: bytes, stem: Path, *, first_only: bool = False) -> int:
    pdf = stem.with_suffix(".pdf")
    pdf.write_bytes(data)
    document = QPdfDocument()
    document.load(str(pdf))
    pages = 1 if first_only else document.pageCount()
    for page in range(pages):
        size = document.pagePointSize(page)
        image = document.render(page, QSize(int(size.width() * 1.5), int(size.height() * 1.5)))
        image.save(f"{stem}-p{page + 1}.png")
    count = document.pageCount()
    document.close()
    return count


def main() -> None:
    app = QGuiApplication(sys.argv[:1])
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="docs-"))
    out.mkdir(parents=True, exist_ok=True)
    seed = meeting_from_dict(json.loads((DATA / "seed-meeting.json").read_text("utf-8")))
    meetings = {
        "seed": (
            seed,
            read_ballots_csv((DATA / "seed-ballots.csv").read_text("utf-8"), seed),
            run_of_speeches(),
            [],
        ),
    }
    for name, lenient in (("large", False), ("large-lenient", True)):
        meeting = large_meeting(lenient=lenient)
        meetings[name] = (
            meeting,
            large_ballots(meeting),
            large_events(meeting),
            large_comments(meeting),
        )
    for name, (meeting, ballots, events, notes) in meetings.items():
        for kind, data in documents(name, meeting, ballots, events, notes).items():
            pages = render(data, out / f"{name}-{kind}", first_only=kind == "ballots")
            print(f"{name:14} {kind:9} {pages:4} pages")
    for old in HERE.glob("doc-*.png"):
        old.unlink()
    for name, kind, page in SHOWN:
        shutil.copy(out / f"{name}-{kind}-p{page}.png", HERE / f"doc-{name}-{kind}-p{page}.png")
    for kind in FIRST_PAGES:
        shutil.copy(out / f"seed-{kind}-p1.png", HERE / f"pdf-{kind}-page1.png")
    print(out)
    del app


if __name__ == "__main__":
    main()
