"""How late the speech clock shows each new second: idle, and while a document is built.

Run by hand: ``QT_QPA_PLATFORM=offscreen uv run python benchmarks/bench_clock.py
[--seconds 20] [--kind ballots]``. The real main window opens the seed meeting (400 ballots
issued, 400 entered) on the run screen, starts the first speech and shows the projector.
Each time the operator's clock face or the projector's digits change their text, the
lateness is how long ago the speech's monotonic clock reached that text (a countdown shows
``ceil(remaining)``; ``5:00`` becomes ``4:59`` the instant 299 s remain). Two phases:
idle, then the documents panel building ``--kind`` over and over (the real panel, through
the window's operations helper). Also prints the event loop's worst stall in each phase (a
10 ms precise timer: how much later than due it fired), and how long a document took to show
its first page and to be whole.

Target (issue 17): p99 within one frame (17 ms) in both phases, on both screens. Prints
figures and the load average; asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_import_tally import random_ballots


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def summary(name: str, late_ms: list[float]) -> str:
    if not late_ms:
        return f"{name:<22} no changes seen"
    return (
        f"{name:<22} n={len(late_ms):3d}  p50 {statistics.median(late_ms):6.1f} ms  "
        f"p99 {percentile(late_ms, 0.99):6.1f} ms  max {max(late_ms):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="length of each phase")
    parser.add_argument("--kind", default="ballots", help="document built in the busy phase")
    args = parser.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["DESKTOP_APP_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-clock-")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from desktop_app.app import create_application
    from desktop_app.domain.meeting import AgendaKind
    from desktop_app.resources import resource
    from desktop_app.store.ballots import add_ballots
    from desktop_app.store.database import open_database
    from desktop_app.store.meetings import save_meeting
    from desktop_app.store.transfer import read_meeting_file
    from desktop_app.ui.main_window import MainWindow

    app = create_application(sys.argv[:1])
    db = open_database(Path(os.environ["DESKTOP_APP_DATA_DIR"]) / "bench.sqlite3")
    meeting = read_meeting_file(resource("demo", "seed-meeting.json"))
    meeting = replace(
        meeting,
        ballot_types=(
            replace(meeting.ballot_types[0], issued=30),
            replace(meeting.ballot_types[1], issued=370),
        ),
    )
    with db.session() as session:
        meeting_id = save_meeting(session, meeting)
        add_ballots(session, meeting_id, random_ballots(meeting, 400))

    window = MainWindow(db, station="bench")
    window.resize(1280, 800)
    window.show()
    window.open_meeting(meeting_id)
    page = window.meeting_page
    run = page.run_screen
    page.tabs.setCurrentWidget(page.documents)  # the operator passes by the documents tab
    app.processEvents()
    page.tabs.setCurrentWidget(run)
    speeches_item = next(
        i for i, item in enumerate(meeting.agenda) if item.kind is AgendaKind.SPEECHES
    )
    run.go_to_item(speeches_item)
    run.set_projector_visible(True)
    app.processEvents()
    assert run.projector is not None
    run.speeches.toggle()  # the first speaker starts
    timer = run.speeches.timer
    assert timer is not None and timer.speech is not None
    speech = timer.speech

    samples: dict[str, list[float]] = {}
    phase = ["idle"]

    def lateness_s() -> float:
        remaining = speech.remaining()
        if remaining < 0:
            return -remaining - math.floor(-remaining + 1e-9)
        return math.ceil(remaining - 1e-9) - remaining

    def watch(label: Any, name: str) -> None:
        original = label.setText
        shown = [label.text()]

        def set_text(text: str) -> None:
            if text != shown[0] and text and shown[0] not in ("", "—"):
                samples.setdefault(f"{phase[0]}: {name}", []).append(lateness_s() * 1000)
            shown[0] = text
            original(text)

        label.setText = set_text

    watch(run.speeches.face, "operator")
    watch(run.projector.digits, "projector")

    # The event loop's answer time: a 10 ms precise timer, and how late it fires.
    gaps: dict[str, float] = {}
    beat = QElapsedTimer()
    beat.start()

    def heartbeat() -> None:
        stall = beat.nsecsElapsed() / 1e6 - 10.0
        beat.restart()
        gaps[phase[0]] = max(gaps.get(phase[0], 0.0), stall)

    pulse = QTimer()
    pulse.setTimerType(Qt.TimerType.PreciseTimer)
    pulse.setInterval(10)
    pulse.timeout.connect(heartbeat)
    pulse.start()

    def run_for(seconds: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(seconds * 1000), loop.quit)
        loop.exec()

    builds: list[tuple[float, float | None, float]] = []  # asked, first page, whole
    asked = [0.0, 0.0]  # when asked; when its first page showed (0: not yet)
    preview_loaded = page.documents.document.statusChanged

    def first_page(_status: object) -> None:
        if asked[0] and not asked[1] and page.documents.document.pageCount() > 0:
            asked[1] = time.perf_counter()

    preview_loaded.connect(first_page)

    def build_again(_kind: str = "") -> None:
        now = time.perf_counter()
        if asked[0] and phase[0] == "building":
            builds.append((asked[0], asked[1] or None, now))
        if phase[0] == "building":
            asked[:] = [time.perf_counter(), 0.0]
            page.documents.generate(args.kind)

    print(f"clock lateness, {args.seconds:.0f} s per phase, document {args.kind!r}")
    print(f"before: {load()}")
    run_for(1.0)  # settle
    samples.clear()
    gaps.clear()
    run_for(args.seconds)
    phase[0] = "building"
    page.documents.document_ready.connect(build_again)
    build_again()
    run_for(args.seconds)
    phase[0] = "done"
    pulse.stop()
    for name in ("idle: operator", "idle: projector", "building: operator", "building: projector"):
        print(summary(name, samples.get(name, [])))
    for name in ("idle", "building"):
        print(f"{name:<22} event loop: a 10 ms timer at worst {gaps.get(name, 0.0):6.1f} ms late")
    if builds:
        wholes = [(w - a) * 1000 for a, _, w in builds]
        print(
            f"{len(builds)} documents built behind the run screen, each in "
            f"{statistics.median(wholes):.0f} ms (median)"
        )
    else:
        print("no document finished in the busy phase")
    # On the documents tab: how soon the first page shows, and the whole document.
    page.tabs.setCurrentWidget(page.documents)
    app.processEvents()
    asked[:] = [time.perf_counter(), 0.0]
    done = QEventLoop()
    page.documents.document_ready.connect(done.quit)
    page.documents.generate(args.kind)
    done.exec()
    whole = (time.perf_counter() - asked[0]) * 1000
    first = (asked[1] - asked[0]) * 1000 if asked[1] else whole
    print(
        f"on the documents tab: first page shown after {first:.0f} ms, whole after {whole:.0f} ms"
    )
    print(f"after: {load()}")
    run.set_projector_visible(False)
    window.operations.wait()
    window.close()
    db.close()


if __name__ == "__main__":
    main()
