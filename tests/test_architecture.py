"""The layering of STYLE.md holds: the core never imports Qt, the domain no database."""

from __future__ import annotations

import ast
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


# The one module of the window that opens database sessions (STYLE.md: screens never do).
# Background jobs that run with their own connection call store functions that open theirs
# (store.transfer, store.by_url, scan_import, publish), so they need no entry here.
SESSION_OPENERS = {"desktop_app/ui/session.py": "MeetingSession and the database-wide helpers"}


def _session_calls(path: Path) -> list[int]:
    """The lines of ``path`` that call ``something.session()`` (a database session)."""
    tree = ast.parse(path.read_text("utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "session"
        and not node.args
    ]


def test_no_screen_opens_a_database_session_itself() -> None:
    ui = ROOT / "desktop_app" / "ui"
    found = {
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(ui.rglob("*.py"))
        if str(path.relative_to(ROOT)) not in SESSION_OPENERS
        for line in _session_calls(path)
    }
    assert found == set(), "use the meeting's MeetingSession (desktop_app/ui/session.py)"
    # The check sees what it looks for: the session module does open sessions.
    assert _session_calls(ROOT / "desktop_app" / "ui" / "session.py")
