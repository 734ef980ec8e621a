"""The one place reportlab learns the bundled CJK font, so every PDF embeds it."""

from __future__ import annotations

from functools import cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.domain.glyphs import set_font_coverage
from desktop_app.resources import CJK_FONT_FILE, resource

CJK = "CJK"


@cache
def _characters() -> frozenset[int]:
    font = pdfmetrics.getFont(register_fonts())
    return frozenset(font.face.charToGlyph)


def covers(char: str) -> bool:
    """Whether the bundled font has a glyph for ``char`` (else a PDF prints a blank)."""
    return ord(char) in _characters()


def install_font_coverage() -> None:
    """Check every meeting set up or imported against the bundled font from now on."""
    set_font_coverage(covers)


@cache
def register_fonts() -> str:
    """Register the bundled TrueType CJK font (embedded as a subset); returns its name."""
    pdfmetrics.registerFont(TTFont(CJK, str(resource(*CJK_FONT_FILE)), subfontIndex=0))
    return CJK
