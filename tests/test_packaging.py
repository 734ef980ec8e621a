"""The PyInstaller bundle: its spec ships every resource the program loads, and the built
programs work (the demo through desktop-app-cli, the window through --self-check).

The built-program tests run when ``DESKTOP_APP_BUNDLE`` names a built dist/desktop-app/
folder (.ci/run builds one with packaging/build.sh first); elsewhere they skip.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SPEC = ROOT / "packaging" / "desktop-app.spec"
BUNDLE_ENV = "DESKTOP_APP_BUNDLE"
EXE = ".exe" if os.name == "nt" else ""


def test_the_spec_lists_every_resource_the_program_loads() -> None:
    spec = SPEC.read_text("utf-8")
    resources = ROOT / "resources"
    shipped = [
        *(resources / "fonts").glob("*.tt?"),
        *(resources / "sounds").glob("*.wav"),
        *(resources / "translations").glob("*.qm"),
        *(resources / "demo").iterdir(),
        resources / "icons" / "app.png",
    ]
    for path in shipped:
        assert f'"{path.name}"' in spec, path
    assert '"versions"' in spec and '"env.py"' in spec  # alembic migrations, read by path


@pytest.fixture(scope="module")
def bundle() -> Path:
    given = os.environ.get(BUNDLE_ENV)
    if not given:
        pytest.skip(f"no built bundle ({BUNDLE_ENV} unset; packaging/build.sh builds one)")
    folder = Path(given)
    assert (folder / f"desktop-app{EXE}").is_file(), f"{BUNDLE_ENV}={given} is not a bundle"
    return folder


@pytest.mark.slow
def test_the_bundled_cli_loads_the_demo(bundle: Path, tmp_path: Path) -> None:
    db_file = tmp_path / "bundle.sqlite3"
    done = subprocess.run(
        [str(bundle / f"desktop-app-cli{EXE}"), "--db", str(db_file), "demo"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().isdigit(), done.stdout
    listed = subprocess.run(
        [str(bundle / f"desktop-app-cli{EXE}"), "--db", str(db_file), "meeting", "list"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "\t178\t" in listed.stdout  # the seed meeting with its 178 ballots


@pytest.mark.slow
def test_the_bundled_window_passes_its_self_check(bundle: Path, tmp_path: Path) -> None:
    db_file = tmp_path / "window.sqlite3"
    for language in ("zh_CN", "en"):
        done = subprocess.run(
            [str(bundle / f"desktop-app{EXE}"), "--self-check", "--db", str(db_file)],
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "DESKTOP_APP_LANGUAGE": language},
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    assert db_file.is_file()  # created and migrated by the bundled alembic scripts
