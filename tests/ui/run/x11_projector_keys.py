"""Run by test_run_in_x11.py on a real X server with a window manager: the operator's window,
F5, then keys typed through the X server (xdotool) exactly as a keyboard types them.

Prints one JSON object: what was seen after each step. Waits are polls with a deadline, never
fixed sleeps; a step that never happens shows as its last state.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).parents[2] / "data"
tmp = Path(tempfile.mkdtemp(prefix="x11-run-"))
os.environ["DESKTOP_APP_DATA_DIR"] = str(tmp / "data")
os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
os.environ["DESKTOP_APP_LANGUAGE"] = "zh_CN"

from desktop_app.app import create_application  # noqa: E402
from desktop_app.domain.meeting import meeting_from_dict  # noqa: E402
from desktop_app.store.database import open_database  # noqa: E402
from desktop_app.store.meetings import save_meeting  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402

app = create_application(["desktop-app"])
db = open_database(tmp / "meetings.sqlite3")
meeting = meeting_from_dict(json.loads((DATA / "seed-meeting.json").read_text("utf-8")))
with db.session() as session:
    meeting_id = save_meeting(session, meeting)
window = MainWindow(db, station="x11")
window.refresh_meetings()
window.show()
window.open_meeting(meeting_id)
page = window.meeting_page
page.tabs.setCurrentWidget(page.run_screen)
run = page.run_screen


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return False


def settle() -> None:
    """Let the X server, the window manager and Qt answer one another."""
    subprocess.run(["xdotool", "sync"], check=False, capture_output=True)
    wait_for(lambda: False, 0.3)


def x_active() -> int:
    out = subprocess.run(["xdotool", "getactivewindow"], capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


def key(name: str) -> None:
    subprocess.run(["xdotool", "key", "--clearmodifiers", name], check=True)
    settle()


def state() -> dict[str, object]:
    active = app.activeWindow()
    projector = run.projector
    timer = run.speeches.timer
    assert timer is not None
    return {
        "qt_active": active.objectName() or type(active).__name__ if active else None,
        "x_active_is_main": x_active() == int(window.winId()),
        "x_active_is_projector": projector is not None and x_active() == int(projector.winId()),
        "projector_visible": projector is not None and projector.isVisible(),
        "timer": str(timer.state()),
        "speaker": run.speeches.current,
        "blackout": run.blackout_action.isChecked(),
    }


report: dict[str, object] = {}
wait_for(lambda: window.isActiveWindow())
report["start"] = state()
key("F5")
wait_for(lambda: run.projector is not None and run.projector.isVisible())
settle()
report["after_f5"] = state()
key("space")
wait_for(lambda: state()["timer"] == "running")
report["after_space"] = state()
projector = run.projector
if projector is not None:
    centre = projector.geometry().center()
    subprocess.run(
        ["xdotool", "mousemove", str(centre.x()), str(centre.y()), "click", "1"], check=True
    )
    settle()
    report["after_click_on_projector"] = state()
    key("space")
    wait_for(lambda: state()["timer"] == "paused")
    report["after_second_space"] = state()
    subprocess.run(["xdotool", "windowactivate", str(int(projector.winId()))], check=False)
    settle()
    wait_for(lambda: window.isActiveWindow())
    report["after_projector_activated"] = state()
    key("b")
    wait_for(lambda: run.blackout_action.isChecked())
    report["after_b"] = state()
    key("space")
    key("s")
    key("n")
    wait_for(lambda: run.speeches.current != "周明")
    report["after_stop_and_next"] = state()
print(json.dumps(report, ensure_ascii=False))
window.close()
db.close()
sys.exit(0)
