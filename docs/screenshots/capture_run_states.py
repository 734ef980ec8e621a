"""Take the screenshots of the run screen's states at a glance (issue 13): a speech running
and paused, on the operator's screen and on the projector, and the projector blacked out as
the operator sees it (the indicator and the live preview under the agenda).

``QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/capture_run_states.py``

Saves ``state-*.png`` here. Same throw-away demo meeting and hand-moved clock as
capture_run.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from capture_run import HandClock, Silent  # noqa: E402


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("DESKTOP_APP_LANGUAGE", "zh_CN")
    os.environ["DESKTOP_APP_DATA_DIR"] = tempfile.mkdtemp(prefix="screenshots-")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    from desktop_app.app import create_application
    from desktop_app.store.database import open_database
    from desktop_app.store.transfer import load_demo
    from desktop_app.ui.operations import Operations
    from desktop_app.ui.run import RunScreen

    app = create_application(sys.argv)
    db = open_database(None)
    meeting_id = load_demo(db)
    clock = HandClock()
    screen = RunScreen(
        db, Operations(), station="screenshots", clock=clock, wall_clock=clock.wall, sounds=Silent()
    )
    screen.resize(1280, 760)
    screen.set_meeting(meeting_id)
    screen.show()
    screen.ticker.stop()
    screen.setFocus()
    screen.set_projector_visible(True)
    projector = screen.projector
    assert projector is not None
    projector.resize(1280, 720)

    def shot(widget: object, name: str) -> None:
        screen.refresh()
        app.processEvents()
        widget.grab().save(str(HERE / name))  # type: ignore[attr-defined]

    speeches = screen.speeches
    speeches.toggle()  # 周明 speaks; 30 s taken off his time
    speeches.adjust(-30)
    clock.advance(125)
    shot(screen, "state-run-running.png")
    shot(projector, "state-projector-running.png")
    speeches.toggle()  # paused
    clock.advance(40)
    shot(screen, "state-run-paused.png")
    shot(projector, "state-projector-paused.png")
    speeches.toggle()
    clock.advance(10)
    screen.setFocus()  # B is a command, not text
    screen.blackout_action.trigger()
    assert screen.blackout_action.isChecked()
    shot(screen, "state-run-blackout.png")
    projector.close()
    screen.close()
    db.close()


if __name__ == "__main__":
    main()
