"""Start-up time to the main window: the packaged app and ``uv run desktop-app``.

Each run starts the program with ``--self-check`` (it opens the main window, checks that it
shows and quits) and times it from launch to exit, in two cases:

- "new database": a fresh database each time, so its migrations are included (the first
  start on a computer);
- "reopen meeting": the demo meeting on a database at the newest schema, reopened on the
  run screen as after a restart during the meeting (the usual start).

Each figure is wall time, with the CPU time the started processes used (median), which a
loaded machine stretches far less. The first run is the coldest this script can make
without dropping the system's file caches; the median of the rest is what a second start
costs. Target: under 2 s. Bytecode is kept in a cache of the script's own, even where
``PYTHONDONTWRITEBYTECODE`` is set (an installed or packaged copy has its bytecode;
compiling every module from source would add seconds to each start and measure the
compiler).

"imports" is the part the interpreter spends importing: the wall time of
``python -c "import desktop_app.app"`` (median), and the sum of ``-X importtime``'s self
times over one reopening start (every module the window loads, also those its screens load
while it is built), with the packages that cost most.

    uv run python benchmarks/bench_startup.py [--runs 5] [--bundle dist/desktop-app]

Figures (2026-12-01, the 2-core development machine shared with other work, load 4-9, so
wall times swing by a second between runs; CPU times and import sums are the comparison).
"before": reportlab, openpyxl, numpy, Pillow, QtPdf and QtWebSockets loaded at start, and
a reopened meeting's font check parsed the whole font through reportlab; "after": each at
its feature's first use, the font check reading the character map alone (issue 17). Two
pairs, run back to back, python -m desktop_app.app, medians of 4 after the first:

                                    pair 1 before / after     pair 2 before / after
    new database, wall (CPU)        3.08 (2.28) / 1.61 (1.50)  2.78 (1.86) / 3.38 (1.69)
    reopen meeting, wall (CPU)      4.64 (2.39) / 1.61 (1.48)  3.05 (2.09) / 2.45 (1.61)
    import desktop_app.app (CPU)    3.14 (1.57) / 2.17 (1.07)  1.93 (1.38) / 1.86 (0.99)
    -X importtime sum, reopening    2.13 / 1.67                1.53 / 1.19

    before, importtime's costliest: sqlalchemy, desktop_app, numpy, reportlab, openpyxl;
    after: sqlalchemy, desktop_app (SQLModel's tables, the refcount guard), sqlmodel.
    uv run desktop-app, after (pair 1): new database 2.01 (1.61), reopen meeting 2.15 (1.59).

On main after issue 18's merges, the machine otherwise idle (load 0.3-0.9), --runs 5 with
the bundle .ci/run built, medians of 4 after the first, two runs (seconds):

    packaged, new database / reopen meeting          1.95 / 1.83    1.86 / 1.64
    uv run desktop-app, new database / reopen        1.84 / 1.85    1.70 / 1.60
    python -m desktop_app.app, new database / reopen 1.72 / 1.54    1.68 / 1.60
    -X importtime sum, reopening                     0.81           0.72
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 2.0


def child_env(config: Path) -> dict[str, str]:
    # Settings of the benchmark's own (not the user's: no meeting of theirs is reopened),
    # and bytecode kept between runs, in the work directory next to them.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **env,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_CONFIG_HOME": str(config),
        "PYTHONPYCACHEPREFIX": str(config.parent / "bytecode"),
    }


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr}")
    return done


def children_cpu_s() -> float:
    if sys.platform == "win32":
        return 0.0  # not measured there
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run (CPU: the processes' own, which a loaded machine
    stretches far less than the wall time)."""
    cpu, started = children_cpu_s(), time.perf_counter()
    run(command, env)
    return time.perf_counter() - started, children_cpu_s() - cpu


def time_start(command: list[str], db: Path, config: Path) -> tuple[float, float]:
    return timed([*command, "--self-check", "--db", str(db)], child_env(config))


def report(name: str, runs: list[tuple[float, float]]) -> None:
    times = [wall for wall, _cpu in runs]
    rest = times[1:] or times
    cpu = statistics.median(c for _wall, c in (runs[1:] or runs))
    verdict = "ok" if statistics.median(rest) < TARGET_S else f"over {TARGET_S:.0f} s"
    print(
        f"{name:<44} first {times[0]:5.2f} s   median of next {len(rest)}: "
        f"{statistics.median(rest):5.2f} s (CPU {cpu:4.2f} s)   min {min(times):5.2f} s"
        f"   ({verdict})"
    )


def bench(name: str, command: list[str], runs: int, work: Path, reopen: Path) -> None:
    fresh = []
    for i in range(runs):
        db = work / f"{name.split()[0]}-{i}.sqlite3"  # a fresh database each time
        fresh.append(time_start(command, db, work / "fresh-config"))
    report(f"{name}, new database", fresh)
    again = [time_start(command, reopen, work / "config") for _ in range(runs)]
    report(f"{name}, reopen meeting", again)


def prepare_reopening(work: Path) -> Path:
    """The demo meeting at the newest schema, remembered as open on the run screen."""
    code = """
import sys
from PySide6.QtCore import QSettings
from desktop_app.store.database import open_database
from desktop_app.store.transfer import load_demo
from desktop_app.ui.main_window import LAST_MEETING_KEY, LAST_TAB_KEY
db = open_database(sys.argv[1])
meeting_id = load_demo(db)
db.close()
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
settings.setValue(LAST_MEETING_KEY, meeting_id)
settings.setValue(LAST_TAB_KEY, "run")
settings.sync()
"""
    db = work / "reopen.sqlite3"
    conf = work / "config" / "desktop-app" / "desktop-app.conf"
    run([sys.executable, "-c", code, str(db), str(conf)], child_env(work / "config"))
    return db


IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+\d+ \| (\s*)(\S+)")


def imports(runs: int, work: Path, reopen: Path) -> None:
    env = child_env(work / "config")
    timings = [timed([sys.executable, "-c", "import desktop_app.app"], env) for _ in range(runs)]
    walls = [wall for wall, _cpu in timings]
    cpu = statistics.median(c for _wall, c in timings)
    name = "imports: python -c import desktop_app.app"
    print(
        f"{name:<44} median {statistics.median(walls):5.2f} s (CPU {cpu:4.2f} s)"
        f"   min {min(walls):5.2f} s   (interpreter start included)"
    )
    command = [sys.executable, "-X", "importtime", "-m", "desktop_app.app", "--self-check"]
    done = run([*command, "--db", str(reopen)], env)
    by_package: Counter[str] = Counter()
    for match in IMPORT_LINE.finditer(done.stderr):
        by_package[match.group(3).split(".")[0]] += int(match.group(1))
    total = sum(by_package.values()) / 1e6
    top = ", ".join(f"{name} {us / 1e6:.2f}" for name, us in by_package.most_common(6))
    print(f"{'imports: -X importtime sum, reopen meeting':<44} {total:5.2f} s   ({top})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "desktop-app")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        reopen = prepare_reopening(work)
        imports(args.runs, work, reopen)
        exe = args.bundle / ("desktop-app.exe" if os.name == "nt" else "desktop-app")
        if exe.is_file():
            bench("packaged (dist/desktop-app)", [str(exe)], args.runs, work, reopen)
        else:
            print(f"packaged: not built ({exe} missing; run packaging/build.sh)")
        uv = shutil.which("uv")
        if uv:
            bench("uv run desktop-app", [uv, "run", "desktop-app"], args.runs, work, reopen)
        bench(
            "python -m desktop_app.app",
            [sys.executable, "-m", "desktop_app.app"],
            args.runs,
            work,
            reopen,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
