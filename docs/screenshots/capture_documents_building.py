"""Take ``documents-building.png``: the documents tab while the blank ballots are made.

``QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/capture_documents_building.py``

The demo meeting; the blank-ballot run is being built in a worker process: its first page is
already shown, the progress bar follows the layout and the run can be cancelled.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent


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
    meeting_id = load_demo(db)
    window = MainWindow(db, station="screenshots")
    window.resize(1100, 720)
    window.show()
    window.refresh_meetings()
    window.open_meeting(meeting_id)
    panel = window.meeting_page.documents
    window.meeting_page.tabs.setCurrentWidget(panel)
    app.processEvents()
    panel.generate("ballots")
    # The first page is shown, and the layout of the rest has got under way.
    while not (panel.document.pageCount() == 1 and panel.progress.value() > 40):
        app.processEvents()
        time.sleep(0.01)
    end = time.monotonic() + 0.5  # QPdfView renders its page on a worker thread
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    window.grab().save(str(HERE / "documents-building.png"))
    panel.cancel()
    window.operations.wait()
    window.close()
    db.close()


if __name__ == "__main__":
    main()
