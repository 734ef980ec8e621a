"""The one place Qt learns the bundled CJK font, so Chinese shows on any machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.resources import CJK_FONT_FILE, resource


def install_fonts(app: QApplication) -> str:
    """Register the bundled font and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(resource(*CJK_FONT_FILE)))
    if font_id < 0:
        raise RuntimeError(f"Qt could not load the bundled font {CJK_FONT_FILE}")
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(app.font())
    # The bundled font first; the system's UI fonts stay behind it as fallbacks.
    font.setFamilies([family, *font.families()])
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    app.setFont(font)
    return family
