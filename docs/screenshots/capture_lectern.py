"""Re-take the phone clock's screenshots (手机计时页).

``QT_QPA_PLATFORM=offscreen uv run python docs/screenshots/capture_lectern.py``

Runs the real run screen on a throw-away database with the demo meeting, on a clock moved
by hand, switches the phone clock on, opens its page in Debian's headless Chromium on a
phone-sized viewport (390×844 CSS pixels, as ``chromium --headless --screenshot
--window-size=390,844`` would; shot through the DevTools protocol so each shot shows the
state wanted), and saves ``lectern-*.png`` here, with the run screen's switch and codes.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
BEIJING = dt.timezone(dt.timedelta(hours=8))
PHONE = (390, 844)


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
    os.environ.setdefault("DESKTOP_APP_LANGUAGE", "zh_CN")
    os.environ["DESKTOP_APP_DATA_DIR"] = tempfile.mkdtemp(prefix="screenshots-")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    sys.path.insert(0, str(ROOT / "tests" / "ui" / "run"))
    from chromium import Chromium  # the tests' DevTools driver

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

    def wait(predicate: object, timeout_ms: int) -> None:
        end = time.monotonic() + timeout_ms / 1000
        while not predicate():  # type: ignore[operator]
            if time.monotonic() > end:
                raise TimeoutError(predicate)
            app.processEvents()
            time.sleep(0.01)

    lectern = screen.lectern
    lectern.action.trigger()
    lectern.host = "192.168.1.20"  # as a laptop on the meeting's Wi-Fi shows it
    screen.lectern_bar.refresh()
    url = lectern.address().replace("192.168.1.20", "127.0.0.1")
    profile = Path(tempfile.mkdtemp(prefix="lectern-chromium-"))
    browser = Chromium(wait, profile, size=PHONE, fonts=ROOT / "resources" / "fonts")
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        width=PHONE[0],
        height=PHONE[1],
        deviceScaleFactor=2,
        mobile=True,
    )

    def advance(seconds: float) -> None:
        clock.advance(seconds)
        browser.evaluate(f"window.__t += {seconds}")
        screen.refresh()

    def page_shot(name: str) -> None:
        screen.refresh()
        want = screen.speeches.timer.text()
        wait(lambda: browser.evaluate("document.getElementById('digits').textContent") in
             (want, ""), 10_000)  # fmt: skip
        browser.evaluate("new Promise(r => requestAnimationFrame(() => r(1)))")
        browser.screenshot(HERE / name)

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
    screen.refresh()
    browser.open(url, before="window.__t = 50; window.lecternClock = () => window.__t;")
    wait(lambda: browser.evaluate("document.body && document.body.dataset.link") == "live", 20_000)
    page_shot("lectern-normal.png")
    advance(160)  # 45 s left
    page_shot("lectern-warning.png")
    screen.message_edit.setText("请控制时间")
    screen.message_shown.setChecked(True)
    advance(60)  # zero: the run screen's flash begins...
    advance(2)  # ...and is over at +0:17
    page_shot("lectern-overtime.png")

    screen.message_shown.setChecked(False)
    speeches.toggle()  # paused
    advance(3)
    page_shot("lectern-paused.png")
    speeches.toggle()

    browser.open(url + "chair", before="window.__t = 50; window.lecternClock = () => window.__t;")
    wait(lambda: browser.evaluate("document.body && document.body.dataset.link") == "live", 20_000)
    page_shot("lectern-chair.png")

    bar = screen.lectern_bar
    screen.grab().save(str(HERE / "run-lectern.png"))
    dialog = bar.dialog
    assert dialog is not None
    dialog.resize(640, 460)
    app.processEvents()
    dialog.grab().save(str(HERE / "lectern-codes.png"))
    browser.close()
    screen.close()
    db.close()


if __name__ == "__main__":
    main()
