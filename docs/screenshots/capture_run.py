"""Re-take the run screen's and the projector's screenshots.

``QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/capture_run.py``

Runs the real run screen on a throw-away database with the demo meeting, on a clock moved
by hand (so the shots show a meeting under way at 09:00 Beijing time), and saves
``run-*.png`` and ``projector-*.png`` here.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
BEIJING = dt.timezone(dt.timedelta(hours=8))


class HandClock:
    """Monotonic and wall clock together, moved by :meth:`advance`."""

    def __init__(self) -> None:
        self.t = 0.0
        self.start = dt.datetime(2021, 1, 20, 9, 0, tzinfo=BEIJING)

    def now(self) -> float:
        return self.t

    def wall(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=self.t)

    def advance(self, seconds: float) -> None:
        self.t += seconds


class Silent:
    def play(self, name: str) -> None:
        pass


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("DESKTOP_APP_LANGUAGE", "zh_CN")  # the README shows the Chinese UI
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
    screen.set_projector_visible(True)
    projector = screen.projector
    assert projector is not None
    projector.resize(1280, 720)

    def shot(widget: object, name: str) -> None:
        screen.refresh()
        app.processEvents()
        widget.grab().save(str(HERE / name))  # type: ignore[attr-defined]

    speeches = screen.speeches
    # 周明 has spoken (4:48), 吴建国 a little over; 郑立 is speaking.
    for seconds in (288, 312):
        speeches.toggle()
        clock.advance(seconds)
        speeches.stop()
        clock.advance(20)
        speeches.next_speaker()
    clock.advance(5)
    speeches.toggle()
    clock.advance(95)
    shot(screen, "run-speeches.png")
    shot(projector, "projector-normal.png")
    clock.advance(160)  # 45 s left
    shot(projector, "projector-warning.png")
    screen.message_edit.setText("请控制时间")
    screen.message_shown.setChecked(True)
    clock.advance(60)
    screen.refresh()  # zero: the flash begins...
    clock.advance(2)  # ...and is over at +0:17
    shot(screen, "run-overtime.png")
    shot(projector, "projector-overtime.png")
    screen.message_shown.setChecked(False)
    speeches.stop()
    speeches.end_here()
    commentary = screen.commentary
    commentary.box.insertPlainText("抓基层党建责任落实到位,“双报到”成效明显;村级集体经济仍需发力。")
    commentary.move_unit(1)
    commentary.box.insertPlainText("问题找得准,整改措施还要再细化。")
    clock.advance(300)
    shot(screen, "run-commentary.png")
    screen.go_to_item(5)
    screen.ballot.set_counts("A", 30, 30)
    screen.ballot.set_counts("B", 160, 158)
    shot(screen, "run-ballot.png")
    from desktop_app.ui.run.shortcuts import ShortcutsDialog

    sheet = ShortcutsDialog(screen.shortcut_actions(), screen)
    sheet.show()
    app.processEvents()
    sheet.grab().save(str(HERE / "run-shortcuts.png"))
    sheet.close()
    projector.close()
    screen.close()
    db.close()


if __name__ == "__main__":
    main()
