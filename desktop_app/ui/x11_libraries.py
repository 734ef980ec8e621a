"""Before the window starts on X11: are the libraries of Qt's xcb plugin installed?

Qt's X11 platform plugin (``libqxcb.so``) needs a dozen ``libxcb-*`` helper libraries that a
bare Debian or Ubuntu lacks. Without them Qt aborts with a paragraph that names only
``libxcb-cursor0`` (even when others are missing too). :func:`x11_problem` asks the dynamic
loader first (``ldd`` on the plugin, which follows every library it needs) and words what
is missing as one sentence with the command that installs it; ``desktop-app`` prints that
and stops before Qt starts. The README's set-up lists the same packages per platform.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from desktop_app.domain.text import translate

# The libraries the xcb plugin loads that a desktop may lack, by the Debian/Ubuntu package
# that holds each.
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}


def uses_xcb(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will start the window through its xcb plugin: on Linux, unless another
    platform is asked for (``QT_QPA_PLATFORM``) or a Wayland session would be used first."""
    if not platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "").strip()
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    wayland = environ.get("XDG_SESSION_TYPE") == "wayland" or bool(environ.get("WAYLAND_DISPLAY"))
    return not wayland


def xcb_plugin() -> Path | None:
    """Qt's xcb plugin as installed (a checkout's venv or the bundle), if there is one."""
    from PySide6.QtCore import QLibraryInfo

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    plugin = plugins / "platforms" / "libqxcb.so"
    return plugin if plugin.is_file() else None


def not_found(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` reports as ``not found``, once each, in its order."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        name, arrow, where = line.strip().partition("=>")
        if arrow and where.strip() == "not found" and name.strip() not in missing:
            missing.append(name.strip())
    return missing


def missing_libraries(plugin: Path) -> list[str]:
    """The libraries ``plugin`` needs that the dynamic loader cannot find (none known when
    there is no ``ldd``)."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    done = subprocess.run(
        [ldd, str(plugin)], capture_output=True, text=True, check=False, timeout=60
    )
    return not_found(done.stdout)


def missing_message(missing: list[str]) -> str:
    """One sentence: what is missing, and how to install it."""
    packages = [DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES]
    libraries = ", ".join(missing)
    if len(packages) == len(missing):
        return translate(
            "Core",
            "窗口无法启动:缺少 Qt 的 X11 库 {libraries},请先安装"
            "(Debian/Ubuntu:sudo apt install {packages};其他系统见 README 的安装一节) / "
            "the window cannot start: Qt's X11 libraries {libraries} are missing; install them "
            "first (Debian/Ubuntu: sudo apt install {packages}; elsewhere see the README's "
            "set-up)",
        ).format(libraries=libraries, packages=" ".join(packages))
    return translate(
        "Core",
        "窗口无法启动:找不到 Qt 的库 {libraries},安装不完整,请重新安装本软件 / "
        "the window cannot start: Qt's libraries {libraries} are not found; the installation "
        "is incomplete, install it again",
    ).format(libraries=libraries)


def x11_problem(environ: Mapping[str, str] = os.environ) -> str | None:
    """The sentence to print instead of starting Qt, or None when the window can start."""
    if not uses_xcb(environ):
        return None
    plugin = xcb_plugin()
    if plugin is None:
        return None  # Qt will say so itself: no xcb plugin at all is not a missing library
    missing = missing_libraries(plugin)
    return missing_message(missing) if missing else None
