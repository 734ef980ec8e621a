"""The layering of STYLE.md holds: the core never imports Qt, the domain no database."""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

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


COLOUR_NAMES = (
    "white|black|red|green|blue|yellow|orange|gray|grey|darkgray|darkgrey|lightgray|lightgrey"
    "|cyan|magenta|purple|pink|brown|navy|maroon|silver|gold"
)
# In a string: #rgb, #rrggbb, #rrggbbaa; rgb()/rgba()/hsl(); a named colour in a style sheet.
COLOUR_IN_TEXT = re.compile(
    r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?(?:[0-9a-fA-F]{2})?\b"
    r"|\b(?:rgba?|hsla?|hsva?)\s*\("
    r"|(?:color|background(?:-color)?|border[-\w]*|selection-[-\w]+)\s*:[^;{}]*\b(?:"
    + COLOUR_NAMES
    + r")\b",
    re.IGNORECASE,
)
# In code: a QColor of a literal, Qt's named colours.
COLOUR_IN_CODE = re.compile(
    r"\bQColor \( (?:STRING|NUMBER|Qt \.)"
    r"|\bGlobalColor\b"
    r"|\bQt \. (?:" + COLOUR_NAMES + r"|dark\w+|light\w+)\b"
    r"|\bQColor \. from\w+\b"
)


def colour_literals(path: Path) -> list[str]:
    """``line: text`` of each colour written in ``path`` outside comments: in a string, or
    in code as a QColor of a literal or one of Qt's named colours."""
    found = []
    code: dict[int, list[str]] = {}
    with path.open("rb") as source:
        for token in tokenize.tokenize(source.readline):
            if token.type == tokenize.STRING:
                if COLOUR_IN_TEXT.search(token.string):
                    found.append(f"{path.name}:{token.start[0]}: {token.string[:70]}")
                code.setdefault(token.start[0], []).append("STRING")
            elif token.type == tokenize.NUMBER:
                code.setdefault(token.start[0], []).append("NUMBER")
            elif token.type in (tokenize.NAME, tokenize.OP):
                code.setdefault(token.start[0], []).append(token.string)
    for number, words in code.items():
        if COLOUR_IN_CODE.search(" ".join(words)):
            found.append(f"{path.name}:{number}: {' '.join(words)[:70]}")
    return found


def test_colours_are_written_only_in_the_palette() -> None:
    """One palette: every colour of the window is named in desktop_app/ui/palette.py and
    used by that name everywhere else."""
    ui = ROOT / "desktop_app" / "ui"
    palette = ui / "palette.py"
    found = [
        hit for path in sorted(ui.rglob("*.py")) if path != palette for hit in colour_literals(path)
    ]
    assert found == []
    assert colour_literals(palette), "the check sees the palette's own colours"


@pytest.mark.parametrize(
    "line",
    [
        'STYLE = "QLabel { background: #c92a2a; }"',
        "BRUSH = QColor('#fff')",
        'FACE = f"color: {x}; border: 1px solid white;"',
        'TROUGH = "background: rgba(255,255,255,0.18)"',
        "PEN = QColor(255, 0, 0)",
        "PEN = QColor(Qt.GlobalColor.red)",
        "PEN = Qt.black",
        'NAMED = QColor("white")',
        'BLACK = "QWidget#projectorBlack { background: black; }"',
    ],
)
def test_the_colour_check_sees_a_written_colour(tmp_path: Path, line: str) -> None:
    path = tmp_path / "probe.py"
    path.write_text(line + "\n", encoding="utf-8")
    assert colour_literals(path)


def test_the_colour_check_passes_names_and_comments(tmp_path: Path) -> None:
    path = tmp_path / "probe.py"
    path.write_text(
        'X = 1  # see issue #123; a QColor("#fff") in a comment\n'
        'Y = f"color: {TEXT}; background: transparent;"\n'
        "Z = QColor(palette.SCAN_MARK)\n"
        "W = '#' + 'QWidget#projectorBlack'\n",
        encoding="utf-8",
    )
    assert colour_literals(path) == []
