"""Render the blank ballots to PNG: the seed meeting, a 64-unit meeting with long names (all
three sheets), and the top of the ballot for each rule variant (its 填票说明 differ).

    uv run python docs/screenshots/capture_ballots.py

No window and no Qt: the PDFs are rendered with pypdfium2, as the scan reader renders them.
Every QR code is decoded with zxing-cpp on the way and must carry the page's serial.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from desktop_app.domain.ballot_layout import parse_payload  # noqa: E402
from desktop_app.domain.meeting import meeting_from_dict  # noqa: E402
from desktop_app.reports.ballot_papers import ballot_papers_pdf  # noqa: E402
from tests.ballot_meetings import ballot_meeting  # noqa: E402

NOW = dt.datetime(2021, 1, 20, 16, 30)
SCALE = 1.6  # 115 dpi, as capture.py renders the other documents


def render(data: bytes, pages: range, top_mm: float | None = None) -> list[object]:
    document = pdfium.PdfDocument(data)
    images = []
    for index in pages:
        image = document[index].render(scale=SCALE).to_pil()
        codes = zxingcpp.read_barcodes(image)
        assert len(codes) == 1, f"page {index + 1}: {len(codes)} codes"
        print(f"  page {index + 1}: {parse_payload(codes[0].text)}")
        if top_mm is not None:
            image = image.crop((0, 0, image.width, round(top_mm / 25.4 * 72 * SCALE)))
        images.append(image)
    document.close()
    return images


def main() -> None:
    seed = meeting_from_dict(json.loads((ROOT / "tests/data/seed-meeting.json").read_text()))
    print("seed")
    (page,) = render(ballot_papers_pdf(seed, generated_at=NOW), range(1))
    page.save(HERE / "pdf-ballots-page1.png")  # type: ignore[attr-defined]

    print("64 units, long names")
    long = ballot_meeting(64, long=True, issued=(1, 1), title="2026年度某某市基层党建述职评议会议")
    for number, image in enumerate(
        render(ballot_papers_pdf(long, generated_at=NOW), range(3)), start=1
    ):
        image.save(HERE / f"ballot-64-units-sheet{number}.png")  # type: ignore[attr-defined]

    variants = [
        ("void_ballot", "void_ballot", False),
        ("void_target", "void_ballot", True),
        ("void_ballot", "void_category", True),
        ("void_target", "void_category", True),
    ]
    for multi_mark, over_cap, caps in variants:
        name = f"ballot-rules-{multi_mark}-{over_cap}{'' if caps else '-no-caps'}"
        print(name)
        meeting = ballot_meeting(
            12, caps=caps, multi_mark=multi_mark, over_cap=over_cap, issued=(1, 1)
        )
        (top,) = render(ballot_papers_pdf(meeting, generated_at=NOW), range(1), top_mm=75)
        top.save(HERE / f"{name}.png")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
