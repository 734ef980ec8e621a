"""`export` (Excel) through the real command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).parents[2]


def test_export_writes_results_and_every_ballot(tmp_path: Path) -> None:
    run = [sys.executable, "-m", "desktop_app.cli", "--db", str(tmp_path / "x.sqlite3")]
    meeting_id = subprocess.run(
        [*run, "demo"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.strip()
    out = tmp_path / "结果.xlsx"
    done = subprocess.run(
        [*run, "export", meeting_id, "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["评议结果", "评议票"]
    assert workbook["评议票"].max_row == 1 + 178
    missing_dir = tmp_path / "nowhere" / "x.xlsx"
    failed = subprocess.run(
        [*run, "export", meeting_id, "--out", str(missing_dir)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert failed.returncode == 1
    assert "x.xlsx" in failed.stderr
