"""The characters a TrueType font maps, read from its ``cmap`` table with the standard library.

The window checks every meeting it opens against the bundled font
(:func:`desktop_app.reports.fonts.covers`). reportlab answers that too, but importing it and
parsing the whole 5 MB font (glyph widths, locations) costs the start of the window about
half a second (issue 17); the check needs the character map alone. This reads it the way
reportlab's ``TTFontFile`` does (the same subtable, the same keys), so both agree on what
prints; ``tests/reports/test_cmap.py`` compares them on the bundled fonts. A font whose
chosen subtable has another format than 4 or 12 is left to reportlab (:class:`Unsupported`).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class Unsupported(Exception):
    """The font's character map is in a format this reader does not know."""


def mapped_characters(path: Path, subfont: int = 0) -> frozenset[int]:
    """The code points ``path`` maps (of font ``subfont`` in a collection): the keys of
    reportlab's ``TTFontFile(path, subfontIndex=subfont).charToGlyph``."""
    with path.open("rb") as font:
        chars = set(_characters(font, _table_offset(font, subfont, b"cmap")))
    # reportlab treats the no-break space and the space as one (either present: both).
    if 0x20 in chars or 0xA0 in chars:
        chars |= {0x20, 0xA0}
    return frozenset(chars)


def _read(font: BinaryIO, offset: int, fmt: str) -> tuple[int, ...]:
    font.seek(offset)
    return struct.unpack(fmt, font.read(struct.calcsize(fmt)))


def _table_offset(font: BinaryIO, subfont: int, tag: bytes) -> int:
    start = 0
    if _read(font, 0, ">4s")[0] == b"ttcf":  # a collection: the subfont's table directory
        (count,) = _read(font, 8, ">L")
        if not 0 <= subfont < count:
            raise Unsupported(f"no subfont {subfont}")
        (start,) = _read(font, 12 + 4 * subfont, ">L")
    (tables,) = _read(font, start + 4, ">H")
    for i in range(tables):
        name, _checksum, offset, _length = _read(font, start + 12 + 16 * i, ">4sLLL")
        if name == tag:
            return offset
    raise Unsupported(f"no {tag.decode()} table")


def _subtable(font: BinaryIO, cmap: int) -> int:
    """The subtable reportlab chooses: the last Unicode one listed (a Mac Roman one only
    when there is none)."""
    version, count = _read(font, cmap, ">HH")
    if count == 0 and version != 0:
        count = version
    chosen, unicode = None, False
    for i in range(count):
        platform, encoding, offset = _read(font, cmap + 4 + 8 * i, ">HHL")
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, unicode = offset, True
        elif platform == 1 and encoding == 0 and not unicode:
            chosen = offset
    if chosen is None:
        raise Unsupported("no suitable cmap subtable")
    return cmap + chosen


def _characters(font: BinaryIO, cmap: int) -> Iterator[int]:
    table = _subtable(font, cmap)
    (fmt,) = _read(font, table, ">H")
    if fmt == 4:  # segments of 16-bit code points: every code of every segment is a key
        (seg_x2,) = _read(font, table + 6, ">H")
        count = seg_x2 // 2
        ends = _read(font, table + 14, f">{count}H")
        starts = _read(font, table + 16 + seg_x2, f">{count}H")
        for first, last in zip(starts, ends, strict=True):
            yield from range(first, last + 1)
    elif fmt == 12:  # groups of 32-bit code points
        (groups,) = _read(font, table + 12, ">L")
        values = _read(font, table + 16, f">{3 * groups}L")
        for i in range(0, len(values), 3):
            yield from range(values[i], values[i + 1] + 1)
    else:
        raise Unsupported(f"cmap format {fmt}")
