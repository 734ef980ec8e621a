"""desktop-app names the missing X11 libraries in one sentence instead of Qt's abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app.ui.x11_libraries import (
    DEBIAN_PACKAGES,
    missing_libraries,
    missing_message,
    not_found,
    uses_xcb,
    xcb_plugin,
)

ROOT = Path(__file__).parents[2]

LDD_ON_A_BARE_UBUNTU = """\
\tlinux-vdso.so.1 (0x00007ffd0b5f2000)
\tlibQt6XcbQpa.so.6 => /opt/app/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f40a1e00000)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f40a1d00000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f40a2000000)
"""

needs_ldd = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("ldd") is None,
    reason="ldd (glibc's, Linux only) reads the plugin's libraries",
)


def test_ldd_output_gives_each_missing_library_once() -> None:
    assert not_found(LDD_ON_A_BARE_UBUNTU) == [
        "libxcb-cursor.so.0",
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
    ]
    assert not_found("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n") == []


def test_the_sentence_names_the_libraries_and_the_packages_to_install() -> None:
    message = missing_message(not_found(LDD_ON_A_BARE_UBUNTU))
    assert "\n" not in message
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in message


@needs_ldd
def test_every_xcb_library_of_the_plugin_has_its_package() -> None:
    plugin = xcb_plugin()
    assert plugin is not None
    needed = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True)
    xcb = {line.split()[0] for line in needed.stdout.splitlines() if "xcb" in line.split()[0]}
    assert xcb and xcb <= set(DEBIAN_PACKAGES)


@needs_ldd
def test_a_plugin_whose_libraries_are_gone_is_found_out_by_the_real_loader(
    tmp_path: Path,
) -> None:
    plugin = xcb_plugin()
    assert plugin is not None
    assert missing_libraries(plugin) == []  # this machine (and CI) has them all
    # Copied alone, the plugin loses Qt's own libraries (found beside it, by its RUNPATH).
    (tmp_path / "platforms").mkdir()
    copy = shutil.copy(plugin, tmp_path / "platforms" / plugin.name)
    missing = missing_libraries(Path(copy))
    assert "libQt6XcbQpa.so.6" in missing
    assert "libQt6XcbQpa.so.6" in missing_message(missing)
    assert "apt install" not in missing_message(missing)  # no package has that one


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"XDG_SESSION_TYPE": "wayland"}, "linux", False),
        ({"DISPLAY": ":0"}, "win32", False),
        ({"DISPLAY": ":0"}, "darwin", False),
    ],
)
def test_the_check_runs_only_where_qt_would_use_xcb(
    environ: dict[str, str], platform: str, expected: bool
) -> None:
    assert uses_xcb(environ, platform) is expected


@needs_ldd
def test_desktop_app_says_what_is_missing_and_stops_before_qt(tmp_path: Path) -> None:
    plugin = xcb_plugin()
    assert plugin is not None
    (tmp_path / "platforms").mkdir()
    broken = shutil.copy(plugin, tmp_path / "platforms" / plugin.name)
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        import desktop_app.ui.x11_libraries as x11
        x11.xcb_plugin = lambda: Path({str(broken)!r})  # a plugin whose libraries are gone
        from desktop_app.app import main
        code = main(["desktop-app"])
        from PySide6.QtWidgets import QApplication
        print(code, QApplication.instance() is None)
        """
    )
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "DISPLAY")}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "QT_QPA_PLATFORM": "xcb"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stdout.split() == ["1", "True"], done.stderr  # no Qt application was made
    assert done.stderr.splitlines() == [missing_message(missing_libraries(Path(broken)))]
