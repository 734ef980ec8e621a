"""The one place reportlab learns the bundled CJK fonts, so every PDF embeds them.

Two faces: WenQuanYi Micro Hei (a sans, 黑体-like) for titles, headings and tables, and AR PL
SungtiL GB (a serif, 宋体) for running text, as official documents set it. The serif covers
GB 2312 only, so running text falls back to the sans, character by character, for anything
else (see ``desktop_app.reports.common.escape``); the sans decides what can be printed at all.

reportlab is imported by the functions that need it: the window installs the font check at
start (:func:`install_font_coverage`) and checks the meeting it reopens, which needs only the
font's character map (:mod:`desktop_app.reports.cmap`), not reportlab (start-up time, issue 17).
"""

from __future__ import annotations

from functools import cache

from desktop_app.domain.glyphs import set_font_coverage
from desktop_app.reports.cmap import Unsupported, mapped_characters
from desktop_app.resources import CJK_FONT_FILE, SERIF_FONT_FILE, resource

CJK = "CJK"
SERIF = "CJKSerif"


@cache
def _characters() -> frozenset[int]:
    try:
        return mapped_characters(resource(*CJK_FONT_FILE), subfont=0)
    except Unsupported:  # another font: reportlab reads it
        from reportlab.pdfbase import pdfmetrics

        return frozenset(pdfmetrics.getFont(register_fonts()).face.charToGlyph)


def covers(char: str) -> bool:
    """Whether the bundled font has a glyph for ``char`` (else a PDF prints a blank)."""
    return ord(char) in _characters()


def install_font_coverage() -> None:
    """Check every meeting set up or imported against the bundled font from now on."""
    set_font_coverage(covers)


@cache
def register_fonts() -> str:
    """Register the bundled TrueType CJK font (embedded as a subset); returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(CJK, str(resource(*CJK_FONT_FILE)), subfontIndex=0))
    pdfmetrics.registerFont(TTFont(SERIF, str(resource(*SERIF_FONT_FILE))))
    return CJK


def serif_font() -> str:
    """The body face's name (registered with the sans)."""
    register_fonts()
    return SERIF


@cache
def _serif_characters() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(serif_font()).face.charToGlyph)


def in_serif(char: str) -> bool:
    """Whether the serif body face has ``char`` (else running text shows it in the sans)."""
    return ord(char) in _serif_characters()
