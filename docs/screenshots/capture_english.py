"""Re-take the English screenshots (the README's English section shows them).

``QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/capture_english.py``

The real window in English, at a device pixel ratio of 2 (a high-DPI laptop), on a throw-away
database with the demo meeting. Saves ``en-*.png`` here.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["DESKTOP_APP_LANGUAGE"] = "en"
    os.environ.setdefault("QT_SCALE_FACTOR", "2")  # high DPI: everything drawn twice as fine
    os.environ["DESKTOP_APP_DATA_DIR"] = tempfile.mkdtemp(prefix="screenshots-en-")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop_app.app import create_application
    from desktop_app.store.database import open_database
    from desktop_app.store.transfer import load_demo
    from desktop_app.ui.main_window import MainWindow

    app = create_application(sys.argv)
    db = open_database(None)
    window = MainWindow(db, station="screenshots")
    window.resize(1100, 720)
    window.show()
    meeting_id = load_demo(db)
    window.refresh_meetings()
    window.open_meeting(meeting_id)
    page = window.meeting_page

    def shot(name: str) -> None:
        app.processEvents()
        window.grab().save(str(HERE / name))

    page.tabs.setCurrentWidget(page.results)
    shot("en-results.png")
    page.tabs.setCurrentWidget(page.setup)
    page.setup.tabs.setCurrentIndex(3)  # units and caps
    shot("en-setup.png")
    page.tabs.setCurrentWidget(page.run_screen)
    shot("en-run.png")
    page.tabs.setCurrentWidget(page.ballots)
    entry = page.ballots.entry
    QTest.keyClicks(entry.sheet, "1111111111112")  # the first category over its cap
    shot("en-entry-typing.png")
    QTest.keyClick(entry.sheet, Qt.Key.Key_Return)  # asks: a void ballot, Enter again
    shot("en-entry-confirm.png")
    entry.discard()
    page.ballots.tabs.setCurrentWidget(page.ballots.ballot_list)
    page.ballots.ballot_list.type_filter.setCurrentIndex(0)
    index = page.ballots.ballot_list.status_filter.findData("void")
    page.ballots.ballot_list.status_filter.setCurrentIndex(index)
    shot("en-ballot-list.png")
    window.close()
    db.close()


if __name__ == "__main__":
    main()
