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
    os.environ.setdefault("DESKTOP_APP_LANGUAGE", "zh_CN")  # the README shows the Chinese UI
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
    window.meeting_page.tabs.setCurrentIndex(2)  # 述职人
    app.processEvents()
    window.grab().save(str(HERE / "meeting-speakers.png"))
    window.meeting_page.tabs.setCurrentWidget(window.meeting_page.results)
    app.processEvents()
    window.grab().save(str(HERE / "meeting-results.png"))
    window.meeting_page.tabs.setCurrentWidget(window.meeting_page.run_screen)
    app.processEvents()
    window.grab().save(str(HERE / "meeting-run-tab.png"))
    capture_entry(app, window, db)

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


def capture_entry(app: object, window: object, db: object) -> None:
    """The ballot entry screens, on a fresh copy of the seed meeting (no ballots yet)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop_app.resources import resource
    from desktop_app.store.transfer import import_meeting_file

    meeting_id = import_meeting_file(db, resource("demo", "seed-meeting.json"))  # type: ignore[arg-type]
    window.refresh_meetings()  # type: ignore[attr-defined]
    window.open_meeting(meeting_id)  # type: ignore[attr-defined]
    page = window.meeting_page  # type: ignore[attr-defined]
    page.tabs.setCurrentWidget(page.ballots)
    entry = page.ballots.entry
    entry.desk.set_counts("A", issued=30, collected=30)
    entry.desk.set_counts("B", issued=150, collected=148)
    app.processEvents()  # type: ignore[attr-defined]
    sheet = entry.sheet
    QTest.keyClicks(sheet, "121321432111112312132143211")
    QTest.keyClick(sheet, Qt.Key.Key_Return)
    QTest.keyClicks(sheet, "1111111111112")  # the first category is now over its cap
    app.processEvents()  # type: ignore[attr-defined]
    window.grab().save(str(HERE / "entry-typing.png"))  # type: ignore[attr-defined]
    QTest.keyClick(sheet, Qt.Key.Key_Return)
    app.processEvents()  # type: ignore[attr-defined]
    window.grab().save(str(HERE / "entry-confirm-void.png"))  # type: ignore[attr-defined]
    QTest.keyClick(sheet, Qt.Key.Key_Return)
    app.processEvents()  # type: ignore[attr-defined]
    window.grab().save(str(HERE / "entry-saved-void.png"))  # type: ignore[attr-defined]
    page.ballots.tabs.setCurrentWidget(page.ballots.ballot_list)
    app.processEvents()  # type: ignore[attr-defined]
    window.grab().save(str(HERE / "entry-list.png"))  # type: ignore[attr-defined]

    # Double entry: a second meeting, one ballot typed twice with one unit different.
    second = import_meeting_file(db, resource("demo", "seed-meeting.json"))  # type: ignore[arg-type]
    window.open_meeting(second)  # type: ignore[attr-defined]
    page.tabs.setCurrentWidget(page.ballots)
    page.ballots.desk.set_double_entry(True)
    page.ballots.set_meeting(second)
    sheet = page.ballots.entry.sheet
    for keys in ("122312231223122312231223122", "122312231223122412231223122"):
        page.ballots.entry.serial_edit.setText("A-0007")
        QTest.keyClicks(sheet, keys)
        QTest.keyClick(sheet, Qt.Key.Key_Return)
    app.processEvents()  # type: ignore[attr-defined]
    window.grab().save(str(HERE / "entry-double-mismatch.png"))  # type: ignore[attr-defined]
    page.ballots.tabs.setCurrentWidget(page.ballots.ballot_list)
    page.ballots.ballot_list.select_serial("A-0007")
    app.processEvents()  # type: ignore[attr-defined]
    window.grab().save(str(HERE / "entry-double-compare.png"))  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
