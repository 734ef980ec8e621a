"""The window starts without what its first screen does not use (start-up time, issue 17).

Each test starts the program in a fresh interpreter, as a user does, and lists the heavy
modules loaded once the main window shows: the PDF and Excel makers (reportlab, openpyxl and
numpy and Pillow behind them), the scan reader (zxing-cpp, pypdfium2), the PDF preview
(QtPdf), the sounds (QtMultimedia), the lectern's server (QtWebSockets) and, on a database
already at the newest schema, the migrations (alembic). Each is imported when its feature is
first used; the feature tests (tests/ui/test_documents.py, tests/ui/scan,
tests/ui/run/test_lectern_*.py) use them that way. benchmarks/bench_startup.py says what
this saves.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import worker_jobs
from PySide6.QtCore import QSettings

from desktop_app.store.database import Database
from desktop_app.store.transfer import load_demo
from desktop_app.ui.documents.screen import WORKER_PRELOAD
from desktop_app.ui.main_window import LAST_MEETING_KEY, LAST_TAB_KEY
from desktop_app.workers import WorkerPool

pytestmark = pytest.mark.slow  # each test starts a Python process

DEFERRED = (
    "reportlab",
    "openpyxl",
    "numpy",
    "PIL",
    "zxingcpp",
    "pypdfium2",
    "desktop_app.reports.workbook",
    "desktop_app.scan",
    "desktop_app.scan_import",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtMultimedia",
    "PySide6.QtWebSockets",
)

# The start of desktop_app.app.main, step by step, to see that the meeting was reopened.
REOPEN = """
import json, sys
from desktop_app import app as start
from desktop_app.reports.fonts import install_font_coverage
from desktop_app.store.database import open_database
from desktop_app.ui.main_window import MainWindow

qt = start.create_application(["desktop-app"])
install_font_coverage()
db = open_database(sys.argv[1])
window = MainWindow(db, station="test-station")
window.show()
restored = window.restore_session()
qt.processEvents()
tab = window.meeting_page.tabs.currentWidget().objectName()
print(json.dumps({"restored": restored, "tab": tab, "modules": sorted(sys.modules)}))
window.close()
db.close()
"""

# The whole of desktop_app.app.main (``--self-check``), then what it loaded.
SELF_CHECK = """
import json, sys
from desktop_app import app as start

code = start.main(["desktop-app", "--self-check", "--db", sys.argv[1]])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def start(script: str, db_file: Path) -> dict[str, object]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(db_file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answer: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return answer


def loaded(modules: object, names: tuple[str, ...]) -> list[str]:
    assert isinstance(modules, list)
    return [n for n in names if any(m == n or m.startswith(f"{n}.") for m in modules)]


def test_reopening_a_meeting_loads_no_document_maker_and_no_migrations(
    db: Database, db_path: Path, tmp_path: Path
) -> None:
    tab = "run"  # where a restart during the meeting lands
    meeting_id = load_demo(db)
    db.close()
    # Where the child's QSettings are (XDG_CONFIG_HOME, see tests/conftest.py).
    settings = QSettings(
        str(tmp_path / "config" / "desktop-app" / "desktop-app.conf"), QSettings.Format.IniFormat
    )
    settings.setValue(LAST_MEETING_KEY, meeting_id)
    settings.setValue(LAST_TAB_KEY, tab)
    settings.sync()

    answer = start(REOPEN, db_path)

    assert answer["restored"] is True and answer["tab"] == tab
    modules = answer["modules"]
    # The reopened meeting was checked against the font (its character map alone).
    assert loaded(modules, ("desktop_app.reports.cmap",)) == ["desktop_app.reports.cmap"]
    assert loaded(modules, (*DEFERRED, "alembic")) == []


def test_the_first_start_on_a_new_database_loads_no_document_maker(tmp_path: Path) -> None:
    db_file = tmp_path / "new.sqlite3"
    answer = start(SELF_CHECK, db_file)
    assert answer["code"] == 0 and db_file.is_file()
    modules = answer["modules"]
    assert loaded(modules, ("alembic",)) == ["alembic"]  # a new database is migrated
    assert loaded(modules, DEFERRED) == []


def test_a_worker_warmed_by_the_documents_panel_has_the_makers_loaded_before_its_job() -> None:
    """The window leaves them out, so the documents panel's workers load them while the
    operator chooses: the first document then waits for no import."""
    pool = WorkerPool(1)
    done = threading.Event()
    answer: list[Any] = []

    def on_done(ok: bool, value: Any) -> None:
        answer.extend([ok, value])
        done.set()

    try:
        pool.warm(WORKER_PRELOAD)
        names = ["reportlab", "openpyxl", "desktop_app.reports.ballot_papers"]
        pool.submit(worker_jobs.loaded, names, on_done=on_done)
        assert done.wait(60), "the job did not finish"
    finally:
        pool.shutdown()
    assert answer == [True, names]
