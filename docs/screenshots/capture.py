"""Re-take the README's screenshots.

``QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/capture.py``

Runs the real window on a throw-away database with the demo meeting and saves PNGs here.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent


def settle(app: object, seconds: float) -> None:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["DESKTOP_APP_DATA_DIR"] = tempfile.mkdtemp(prefix="screenshots-")
    from desktop_app.app import create_application
    from desktop_app.store.database import open_database
    from desktop_app.store.transfer import load_demo
    from desktop_app.ui.main_window import MainWindow

    app = create_application(sys.argv)
    db = open_database(None)
    window = MainWindow(db, station="screenshots")
    window.resize(1100, 720)
    window.show()
    app.processEvents()
    window.grab().save(str(HERE / "main-window-empty.png"))

    meeting_id = load_demo(db)
    window.refresh_meetings()
    app.processEvents()
    window.grab().save(str(HERE / "main-window-meetings.png"))

    window.open_meeting(meeting_id)
    window.meeting_page.tabs.setCurrentIndex(1)
    app.processEvents()
    window.grab().save(str(HERE / "meeting-speakers.png"))
    window.meeting_page.tabs.setCurrentIndex(2)
    app.processEvents()
    window.grab().save(str(HERE / "meeting-results.png"))

    panel = window.meeting_page.documents
    window.meeting_page.tabs.setCurrentWidget(panel)
    ready: list[str] = []
    panel.document_ready.connect(ready.append)
    panel.generate("results")
    while not ready:
        app.processEvents()
    settle(app, 2.0)  # QPdfView renders pages on a worker thread
    window.grab().save(str(HERE / "documents-preview.png"))

    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    from desktop_app.publish import REPORTS, make_report

    for kind in REPORTS:
        pdf = HERE / f"pdf-{kind}.pdf"
        pdf.write_bytes(make_report(db, meeting_id, kind))
        document = QPdfDocument()
        document.load(str(pdf))
        size = document.pagePointSize(0)
        image = document.render(0, QSize(int(size.width() * 1.6), int(size.height() * 1.6)))
        image.save(str(HERE / f"pdf-{kind}-page1.png"))
        document.close()
        pdf.unlink()
    window.close()
    db.close()


if __name__ == "__main__":
    main()
