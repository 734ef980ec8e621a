"""Re-take the README's scan-review screenshots.

``QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/capture_scan.py``

Stores a 27-unit meeting on a throw-away database, generates a small pile of synthetic
scans on its real printed ballots (tests/scan/synth.py), imports them, and photographs the
review screen on the first flagged ballot and the 无法识别 list.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("DESKTOP_APP_LANGUAGE", "zh_CN")
    work = Path(tempfile.mkdtemp(prefix="screenshots-scan-"))
    os.environ["DESKTOP_APP_DATA_DIR"] = str(work)
    from desktop_app.app import create_application
    from desktop_app.domain.ballot_layout import ballot_layout
    from desktop_app.scan_import import import_scans
    from desktop_app.store.database import open_database
    from desktop_app.store.meetings import ballot_key, save_meeting
    from desktop_app.ui.entry import BallotsScreen
    from tests.ballot_meetings import ballot_meeting
    from tests.scan.synth import Envelope, synthetic_ballot

    app = create_application(sys.argv)
    db = open_database(None)
    meeting = ballot_meeting(27, issued=(30, 60))
    with db.session() as session:
        meeting_id = save_meeting(session, meeting)
        key = ballot_key(session, meeting_id)
    layout = ballot_layout(meeting)
    pages = []
    for n in range(8):
        env = Envelope(skew_deg=random.Random(n).uniform(-2, 2), noise=3, jpeg=85)
        code = "A" if n % 2 == 0 else "B"
        ballot = synthetic_ballot(
            meeting, layout, key, code, f"{code}-{n + 1:03d}", 40 + n, envelope=env
        )
        pages.append(ballot.pages[0])
    blank = pages[0].copy()
    blank.paste(255, (0, 0, blank.width, blank.height // 5))  # code and top marks cut off
    pages.append(blank)
    pdf = work / "扫描件.pdf"
    pages[0].save(pdf, save_all=True, append_images=pages[1:], resolution=200)
    import_scans(db, meeting_id, [pdf], station="扫描台", workers=1, hold_void_and_blank=True)

    page = BallotsScreen(db, station="核对一")
    page.resize(1280, 820)
    page.show()
    page.set_meeting(meeting_id)
    page.tabs.setCurrentWidget(page.scan_review)
    review = page.scan_review
    review.reload()
    while review.current is not None and not review.flagged:
        review.skip()
    app.processEvents()
    page.grab().save(str(HERE / "scan-review.png"))
    review.queue_combo.setCurrentIndex(1)  # 无法识别
    app.processEvents()
    page.grab().save(str(HERE / "scan-unreadable.png"))
    db.close()


if __name__ == "__main__":
    main()
