"""The one way to find bundled files (fonts, sounds, icons, translations, demo data).

``resources/`` sits beside the package in a checkout, inside the package in an installed
wheel, and at the bundle root in a PyInstaller build (the spec lists it explicitly); this
module looks in those places, in that order of likelihood, and nowhere else.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def resources_dir() -> Path:
    package = Path(str(files("desktop_app")))
    candidates = [package.parent / "resources", package / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "resources")
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError(f"resources/ not found in any of {candidates}")


def resource(*parts: str) -> Path:
    """The path of a bundled file, e.g. ``resource("fonts", "DroidSansFallbackFull.ttf")``."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(path)
    return path


CJK_FONT_FILE = ("fonts", "wqy-microhei.ttc")
CJK_FONT_FAMILY = "WenQuanYi Micro Hei"
SERIF_FONT_FILE = ("fonts", "gbsn00lp.ttf")  # AR PL SungtiL GB: the documents' body text
