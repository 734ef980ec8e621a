"""The font check's character map (read without reportlab) is reportlab's, key for key."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.ttfonts import TTFontFile

from desktop_app.reports import fonts
from desktop_app.reports.cmap import mapped_characters
from desktop_app.resources import CJK_FONT_FILE, SERIF_FONT_FILE, resource


@pytest.mark.parametrize("font_file", [CJK_FONT_FILE, SERIF_FONT_FILE])
def test_the_bundled_fonts_map_what_reportlab_says_they_map(font_file: tuple[str, str]) -> None:
    path = resource(*font_file)
    mapped = mapped_characters(path, subfont=0)
    assert mapped == frozenset(TTFontFile(str(path), subfontIndex=0).charToGlyph)
    assert ord("述") in mapped and 0xA0 in mapped


def test_the_check_and_the_printed_font_agree() -> None:
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(fonts.register_fonts()).face
    for char in "述职评议会议 A-001 ·—“”𠮷😀":
        assert fonts.covers(char) is (ord(char) in face.charToGlyph), char
    assert not fonts.covers("𠮷")  # extension B: not in the bundled font
