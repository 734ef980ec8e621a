"""The one place reportlab learns the bundled CJK font, so every PDF embeds it."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.resources import CJK_FONT_FILE, resource

CJK = "CJK"


@cache
def register_fonts() -> str:
    """Register the bundled TrueType CJK font (embedded as a subset); returns its name."""
    pdfmetrics.registerFont(TTFont(CJK, str(resource(*CJK_FONT_FILE)), subfontIndex=0))
    return CJK
