"""Start-up time to the main window: the packaged app and ``uv run desktop-app``.

Each run starts the program with ``--self-check`` (it opens the main window on a fresh
database, checks that it shows and quits) and times it from launch to exit. The first run
is the coldest this script can make without dropping the system's file caches; the median
of the rest is what a second start costs. Target: under 2 s.

    uv run python benchmarks/bench_startup.py [--runs 5] [--bundle dist/desktop-app]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 2.0


def time_start(command: list[str], db: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--self-check", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr}")
    return elapsed


def bench(name: str, command: list[str], runs: int, work: Path) -> None:
    times = []
    for i in range(runs):
        db = work / f"{name}-{i}.sqlite3"  # a fresh database each time: migrations included
        times.append(time_start(command, db))
    rest = times[1:] or times
    verdict = "ok" if statistics.median(rest) < TARGET_S else f"over {TARGET_S:.0f} s"
    print(
        f"{name:<28} first {times[0]:5.2f} s   median of next {len(rest)}: "
        f"{statistics.median(rest):5.2f} s   min {min(times):5.2f} s   ({verdict})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "desktop-app")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        exe = args.bundle / ("desktop-app.exe" if os.name == "nt" else "desktop-app")
        if exe.is_file():
            bench("packaged (dist/desktop-app)", [str(exe)], args.runs, work)
        else:
            print(f"packaged: not built ({exe} missing; run packaging/build.sh)")
        uv = shutil.which("uv")
        if uv:
            bench("uv run desktop-app", [uv, "run", "desktop-app"], args.runs, work)
        bench(
            "python -m desktop_app.app", [sys.executable, "-m", "desktop_app.app"], args.runs, work
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
