"""The PyInstaller bundle: its spec ships every resource the program loads, and the built
programs work (the demo through desktop-app-cli, the window through --self-check).

The built-program tests run when ``DESKTOP_APP_BUNDLE`` names a built dist/desktop-app/
folder (.ci/run builds one with packaging/build.sh first); elsewhere they skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
        *(resources / "lectern").iterdir(),
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


def _x11_plugin(bundle: Path) -> Path:
    return bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"


@pytest.mark.skipif(sys.platform != "linux", reason="X11 is Linux's")
def test_the_bundle_carries_the_libraries_of_its_x11_plugin(bundle: Path) -> None:
    """libqxcb.so's libxcb-* helpers (absent from many desktops) are in the bundle, not
    merely on the build machine; only the X client library itself comes from the system."""
    internal = bundle / "_internal"
    done = subprocess.run(
        ["ldd", str(_x11_plugin(bundle))],
        capture_output=True,
        text=True,
        env={**os.environ, "LD_LIBRARY_PATH": str(internal)},
        check=True,
    )
    resolved = dict(
        (name.strip(), where.split("(")[0].strip())
        for name, _, where in (line.partition("=>") for line in done.stdout.splitlines())
        if where
    )
    helpers = {name: where for name, where in resolved.items() if name.startswith("libxcb-")}
    assert len(helpers) >= 10, done.stdout
    outside = {n: w for n, w in helpers.items() if not w.startswith(str(internal))}
    assert outside == {}, (
        "build with the libxcb-* packages installed (packaging/build.sh says which)"
    )


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="X11 is Linux's")
def test_the_bundled_window_starts_on_an_x_server(bundle: Path, tmp_path: Path) -> None:
    """The window on a real X server (Xvfb), through the bundled X11 plugin: what a clerk's
    Linux desktop does, unlike the offscreen self-check above."""
    if shutil.which("xvfb-run") is None:
        if os.environ.get("DESKTOP_APP_REQUIRE_X11") == "1":
            pytest.fail("xvfb-run is missing (apt-get install xvfb xauth)")
        pytest.skip("xvfb-run is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    done = subprocess.run(
        [
            "xvfb-run",
            "-a",
            str(bundle / "desktop-app"),
            "--self-check",
            "--db",
            str(tmp_path / "x11.sqlite3"),
        ],
        capture_output=True,
        text=True,
        env={**env, "QT_QPA_PLATFORM": "xcb"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="the menu entry is a Linux desktop file")
def test_the_linux_installer_adds_a_working_menu_entry(bundle: Path, tmp_path: Path) -> None:
    home, data = tmp_path / "home", tmp_path / "home" / ".local" / "share"
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(data)}
    done = subprocess.run(
        ["bash", str(bundle / "install.sh")], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    entry = (data / "applications" / "desktop-app.desktop").read_text("utf-8")
    fields = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    program = Path(fields["Exec"])
    assert program == home / ".local" / "opt" / "desktop-app" / "desktop-app"
    assert os.access(program, os.X_OK)
    assert fields["Name"] == "述职评议会议助手" and fields["Icon"] == "desktop-app"
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "desktop-app.png").is_file()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", str(data / "applications" / "desktop-app.desktop")],
            capture_output=True,
            text=True,
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
    done = subprocess.run(
        ["bash", str(bundle / "install.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert not program.exists() and not (data / "applications" / "desktop-app.desktop").exists()
