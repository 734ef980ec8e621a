"""No function of the package is longer than a screen and a half (issue 18, point 4).

A function over :data:`MOST_LINES` lines (decorators excluded, docstring included) does too
many things to be read at once: split it into named steps. Migrations are frozen history and
not checked. The functions still waiting to be split are allowed, each at most as long as it
is today, so none grows; once one is split, its entry must go.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "desktop_app"
MOST_LINES = 80
FROZEN = "store/migrations/versions/"

# Functions allowed over MOST_LINES, by file and qualified name, with their length: none
# now (issue 18 split the last ones). An entry may be added only with a reason beside it.
ALLOWED: dict[tuple[str, str], int] = {}


def _functions(node: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Every function and method under ``node`` (nested ones too): qualified name, lines."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = prefix + child.name
            assert child.end_lineno is not None
            yield name, child.end_lineno - child.lineno + 1
            yield from _functions(child, f"{name}.")
        elif isinstance(child, ast.ClassDef):
            yield from _functions(child, f"{prefix}{child.name}.")
        else:
            yield from _functions(child, prefix)


def _lengths() -> dict[tuple[str, str], int]:
    lengths: dict[tuple[str, str], int] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(FROZEN):
            continue
        for name, lines in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            # Two functions of one name in one file (a property's setter): the longer counts.
            lengths[relative, name] = max(lines, lengths.get((relative, name), 0))
    return lengths


def test_no_function_is_longer_than_the_limit() -> None:
    too_long = [
        f"{file} {name}: {lines} lines"
        for (file, name), lines in _lengths().items()
        if lines > ALLOWED.get((file, name), MOST_LINES)
    ]
    assert too_long == [], f"split into named steps of at most {MOST_LINES} lines: {too_long}"


def test_every_allowed_function_is_still_too_long() -> None:
    """An entry for a function split since (or renamed, or gone) hides nothing: remove it."""
    lengths = _lengths()
    stale = [key for key in ALLOWED if lengths.get(key, 0) <= MOST_LINES]
    assert stale == [], f"remove from ALLOWED: {stale}"


def test_the_check_counts_methods_by_qualified_name() -> None:
    body = "".join(f"        x{i} = {i}\n" for i in range(MOST_LINES))
    tree = ast.parse(f"class Screen:\n    def build(self):\n{body}\n\ndef short():\n    pass\n")
    assert dict(_functions(tree)) == {"Screen.build": MOST_LINES + 1, "short": 2}
