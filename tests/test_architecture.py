"""The layering of STYLE.md holds: the core never imports Qt, the domain no database."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_import_linter_contracts_are_kept() -> None:
    lint_imports = shutil.which("lint-imports") or str(
        Path(sys.executable).with_name("lint-imports")
    )
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def test_the_qt_free_run_has_no_qt() -> None:
    """.ci/qt-free runs the core's tests where PySide6 is not installed: make sure that run
    is what it says (and that every other run has Qt)."""
    qt_free = os.environ.get("DESKTOP_APP_QT_FREE") == "1"
    assert (importlib.util.find_spec("PySide6") is None) is qt_free
