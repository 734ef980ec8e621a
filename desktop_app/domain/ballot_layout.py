"""The geometry of the blank paper ballot (评议票), shared by the printer and the scan reader.

Everything is in **millimetres on an A4 portrait sheet, origin at the top-left corner, x to
the right, y downwards** (as in a scanned image; the PDF flips y). The layout depends on the
:class:`~desktop_app.domain.meeting.Meeting` only, never on the ballot type or the serial, so
every ballot of a meeting has the same geometry and the same :attr:`BallotLayout.digest`.
``reports.ballot_papers`` draws exactly these rectangles; the scan reader measures them.

API for the reader::

    layout = ballot_layout(meeting)          # BallotLayout (cached per meeting value)
    layout.digest, layout.short_digest       # sha256 hex of the geometry; its first 10, upper
    layout.page_size                         # (210.0, 297.0)
    layout.fiducials                         # 4 solid 7 mm squares: TL, TR, BL, BR (same on
    layout.fiducial_centres                  #   every page), centres 12 mm from the edges
    layout.qr                                # Rect of the QR code (quiet zone inside it)
    layout.pages                             # tuple[PageLayout], 1 or more sheets
    page.number                              # 1-based
    page.rows                                # tuple[UnitRow]: one per target on this sheet
    page.headers                             # tuple[HeaderRow]: category header rows
    row.target, row.category, row.rect       # a unit's row (the whole table width)
    row.cells                                # tuple[Cell], one per level, best level first
    cell.level, cell.rect, cell.box          # the whole cell, and the printed 7 x 5 mm box
    layout.cell(target, level)               # -> (page number, Cell)
    layout.row(target)                       # -> (page number, UnitRow)
    layout.regions(page_number)              # every named rectangle printed on a sheet

    payload = encode_payload(QrPayload(...)) # the ASCII text inside a page's QR code
    parse_payload(text) -> QrPayload         # raises PayloadError on anything malformed
    meeting_key(meeting_id, created_at)      # the 6-hex short key of a stored meeting

A QR payload reads ``BP1:3F2A1C:A:A-001:1/2:9C0D4E21AB``: format version ``BP1``, the short
meeting key, the ballot type code, the serial exactly as printed, page / pages, and the first 10
hex digits of the layout digest. Type code and serial are percent-encoded (UTF-8) where they
hold anything but ``A-Z a-z 0-9 - . _ ~``, so the payload stays ASCII. A reader refuses a page
whose key or digest differ from the meeting it reads for (another meeting, or a layout
printed before the meeting changed).

Rules of the geometry (SCANNING.md section 5.1; tests check them):

- unit rows of 8 mm, 7 mm when that keeps the ballot on one sheet, else 8 mm over several
  sheets (a category continues under a repeated header marked 续); never smaller type;
- unit names at 10 pt, or at 9 pt wrapped over as many lines as they need (the row grows);
- each level cell holds nothing but its box (7 x 5 mm, centred); level labels are printed in
  every category header row;
- four corner marks with a clear ring of 3.5 mm; the QR top right; nothing overlaps, and
  everything lies inside the printable area (5 mm from each edge).

Text is measured here, with a deliberately generous estimate of the bundled CJK font
(:func:`text_width_mm`), so the geometry never depends on a font library; the PDF draws the
lines this module breaks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote, unquote

from desktop_app.domain.ballot_wording import CONTINUATION, ballot_instructions
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.text import translate

FORMAT_VERSION = 1
"""The version of the layout and of the QR payload; bump it when either changes meaning."""

PAGE_WIDTH = 210.0
PAGE_HEIGHT = 297.0
PRINTABLE_MARGIN = 5.0
FIDUCIAL_SIZE = 7.0
FIDUCIAL_INSET = 12.0  # from each edge to a mark's centre
FIDUCIAL_RING = 3.5  # white around each mark
QR_SIZE = 22.0
QR_QUIET = 2.0  # kept clear around the QR's own quiet zone

ROW_HEIGHT = 8.0
MIN_ROW_HEIGHT = 7.0
HEADER_HEIGHT = 6.0
BOX_WIDTH = 7.0
BOX_HEIGHT = 5.0
LEVEL_WIDTH = 22.5
MIN_LEVEL_WIDTH = 12.0
NUMBER_WIDTH = 9.0
MIN_NAME_WIDTH = 50.0
TABLE_LEFT = 20.0
TABLE_RIGHT = 190.0
TABLE_TOP_LATER = 47.0  # sheets after the first carry no instructions
TABLE_BOTTOM = 279.0  # the bottom marks' rings start at 278, but only outside x 19 .. 191

TITLE_PT = 10.5
MIN_TITLE_PT = 9.0
NAME_PT = 10.0
MIN_NAME_PT = 9.0
HEADER_PT = 9.0
INSTRUCTION_PT = 8.5
CELL_PADDING = 1.5  # left and right inside a text cell

PT = 25.4 / 72  # millimetres per point


class Align(StrEnum):
    LEFT = "left"
    CENTRE = "centre"
    RIGHT = "right"


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in mm, top-left origin."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def grown(self, by: float) -> Rect:
        return Rect(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)

    def overlaps(self, other: Rect) -> bool:
        """True when the interiors meet (touching edges do not overlap)."""
        eps = 1e-9
        return (
            self.x < other.right - eps
            and other.x < self.right - eps
            and self.y < other.bottom - eps
            and other.y < self.bottom - eps
        )

    def contains(self, other: Rect) -> bool:
        eps = 1e-9
        return (
            self.x <= other.x + eps
            and self.y <= other.y + eps
            and other.right <= self.right + eps
            and other.bottom <= self.bottom + eps
        )

    def rounded(self) -> list[float]:
        return [round(v, 3) for v in (self.x, self.y, self.w, self.h)]


@dataclass(frozen=True)
class TextBlock:
    """Lines of text, already broken, set in ``rect`` at ``size_pt`` and centred vertically."""

    rect: Rect
    lines: tuple[str, ...]
    size_pt: float
    align: Align = Align.LEFT

    @property
    def leading(self) -> float:
        return self.size_pt * PT * 1.25

    def baselines(self) -> tuple[float, ...]:
        """The y (mm from the top) of each line's baseline."""
        block = len(self.lines) * self.leading
        top = self.rect.y + (self.rect.h - block) / 2
        # A CJK glyph sits about 0.35 em below its line's middle (ascent 0.85, descent 0.15).
        return tuple(
            top + (i + 0.5) * self.leading + 0.35 * self.size_pt * PT
            for i in range(len(self.lines))
        )


@dataclass(frozen=True)
class Cell:
    """Where one level of one unit is marked: the whole cell and the printed box in it."""

    target: str
    level: str
    rect: Rect
    box: Rect


@dataclass(frozen=True)
class UnitRow:
    """One evaluated unit (评议对象): its number, its name and a cell per level."""

    number: int
    target: str
    category: str
    rect: Rect
    number_text: TextBlock
    name: TextBlock
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class HeaderRow:
    """A category's header: its name (and caps), and every level label above its column."""

    category: str
    rect: Rect
    name: TextBlock
    labels: tuple[TextBlock, ...]
    continued: bool = False


@dataclass(frozen=True)
class PageLayout:
    """One sheet of the ballot."""

    number: int
    headers: tuple[HeaderRow, ...]
    rows: tuple[UnitRow, ...]
    table: Rect
    instructions: TextBlock  # 填票说明 on the first sheet, a note that it continues on others


@dataclass(frozen=True)
class BallotLayout:
    """The whole geometry of a meeting's blank ballot; see the module docstring."""

    pages: tuple[PageLayout, ...]
    row_height: float
    columns: tuple[Rect, ...]  # number, name, then one per level (x and width; full height)
    levels: tuple[str, ...]
    fiducials: tuple[Rect, Rect, Rect, Rect]
    qr: Rect
    title: TextBlock  # the meeting title, between the top corner marks
    ballot_title: Rect  # 评议票(A票), under it
    serial: Rect  # 票号 and the serial, large, top left under the title
    type_label: Rect  # the type's long label, right of the serial
    page_note: Rect  # 第 1 页 / 共 2 页, under the type label
    footer: Rect
    digest: str

    page_size: tuple[float, float] = (PAGE_WIDTH, PAGE_HEIGHT)

    @property
    def short_digest(self) -> str:
        """The part of :attr:`digest` carried by the QR code."""
        return self.digest[:10].upper()

    @property
    def printable(self) -> Rect:
        return Rect(
            PRINTABLE_MARGIN,
            PRINTABLE_MARGIN,
            PAGE_WIDTH - 2 * PRINTABLE_MARGIN,
            PAGE_HEIGHT - 2 * PRINTABLE_MARGIN,
        )

    @property
    def fiducial_centres(self) -> tuple[tuple[float, float], ...]:
        return tuple(f.centre for f in self.fiducials)

    def row(self, target: str) -> tuple[int, UnitRow]:
        for page in self.pages:
            for row in page.rows:
                if row.target == target:
                    return page.number, row
        raise KeyError(target)

    def cell(self, target: str, level: str) -> tuple[int, Cell]:
        number, row = self.row(target)
        for cell in row.cells:
            if cell.level == level:
                return number, cell
        raise KeyError((target, level))

    def cells(self) -> Iterator[tuple[int, Cell]]:
        for page in self.pages:
            for row in page.rows:
                for cell in row.cells:
                    yield page.number, cell

    def regions(self, page_number: int) -> list[tuple[str, Rect]]:
        """Every rectangle printed on a sheet, named: what the tests check for overlaps and
        what a reader can mask out. Cells, headers and text cells tile the table."""
        page = self.pages[page_number - 1]
        found: list[tuple[str, Rect]] = [
            (f"fiducial{i}", f) for i, f in enumerate(self.fiducials, start=1)
        ]
        found += [
            ("qr", self.qr),
            ("title", self.title.rect),
            ("ballot_title", self.ballot_title),
            ("type_label", self.type_label),
            ("serial", self.serial),
            ("page_note", self.page_note),
            ("footer", self.footer),
        ]
        found.append(("instructions", page.instructions.rect))
        for header in page.headers:
            found.append((f"header:{header.category}", header.name.rect))
            found += [(f"header-label:{header.category}", b.rect) for b in header.labels]
            found.append((f"header-number:{header.category}", self._number_cell(header.rect)))
        for row in page.rows:
            found.append((f"number:{row.target}", row.number_text.rect))
            found.append((f"name:{row.target}", row.name.rect))
            found += [(f"cell:{row.target}:{c.level}", c.rect) for c in row.cells]
        return found

    def _number_cell(self, rect: Rect) -> Rect:
        column = self.columns[0]
        return Rect(column.x, rect.y, column.w, rect.h)


class LayoutError(DataError):
    """The meeting cannot be laid out on A4 (too many levels for the sheet's width)."""


# --- text measure ------------------------------------------------------------------------

_WIDE_ASCII = set("mWM@%")
_BROAD_ASCII = set("wOQNHUGD&")


def text_width_mm(text: str, size_pt: float) -> float:
    """A generous width of ``text`` in the bundled CJK font: every non-ASCII character one em
    (CJK glyphs are exactly that), ASCII at or above its widest glyphs."""
    ems = 0.0
    for char in text:
        if not char.isascii():
            ems += 1.0
        elif char in _WIDE_ASCII:
            ems += 0.9
        elif char in _BROAD_ASCII:
            ems += 0.75
        else:
            ems += 0.65
    return ems * size_pt * PT


_NO_LINE_START = set(",。;:、)》”’!?,.;:)]")
_NO_LINE_END = set("(《“‘([")


def wrap(text: str, size_pt: float, width_mm: float) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width_mm``, by character (as Chinese
    wraps); a run of ASCII letters and digits is kept whole where it fits on a line."""
    lines: list[str] = []
    line = ""
    for token in re.findall(r"[A-Za-z0-9]+|.", text, flags=re.S):
        if text_width_mm(line + token, size_pt) <= width_mm:
            line += token
            continue
        carry = ""
        # Never start a line with a closing mark nor end one with an opening mark: take the
        # characters before the break along.
        while len(line) > 1 and ((carry or token)[0] in _NO_LINE_START or line[-1] in _NO_LINE_END):
            line, carry = line[:-1], line[-1] + carry
        if line.strip():
            lines.append(line.rstrip())
        line = carry
        if not line:
            token = token.lstrip()
        while text_width_mm(line + token, size_pt) > width_mm and len(line + token) > 1:
            # A word wider than a whole line: break it by character.
            word = line + token
            cut = len(word) - 1
            while cut > 1 and text_width_mm(word[:cut], size_pt) > width_mm:
                cut -= 1
            lines.append(word[:cut])
            line, token = "", word[cut:]
        line += token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return tuple(lines)


def fit_line(text: str, size_pt: float, width_mm: float) -> str:
    """``text`` on one line, cut short with "…" when it is wider than ``width_mm``."""
    if text_width_mm(text, size_pt) <= width_mm:
        return text
    while text and text_width_mm(text + "…", size_pt) > width_mm:
        text = text[:-1]
    return text + "…"


def _lines_height(lines: int, size_pt: float) -> float:
    return lines * size_pt * PT * 1.25


# --- the layout ---------------------------------------------------------------------------


def _fiducials() -> tuple[Rect, Rect, Rect, Rect]:
    half = FIDUCIAL_SIZE / 2
    near, far_x, far_y = FIDUCIAL_INSET, PAGE_WIDTH - FIDUCIAL_INSET, PAGE_HEIGHT - FIDUCIAL_INSET
    return (
        Rect(near - half, near - half, FIDUCIAL_SIZE, FIDUCIAL_SIZE),
        Rect(far_x - half, near - half, FIDUCIAL_SIZE, FIDUCIAL_SIZE),
        Rect(near - half, far_y - half, FIDUCIAL_SIZE, FIDUCIAL_SIZE),
        Rect(far_x - half, far_y - half, FIDUCIAL_SIZE, FIDUCIAL_SIZE),
    )


def _columns(levels: int) -> tuple[Rect, ...]:
    room = TABLE_RIGHT - TABLE_LEFT - NUMBER_WIDTH
    level_width = min(LEVEL_WIDTH, (room - MIN_NAME_WIDTH) / levels)
    if level_width < MIN_LEVEL_WIDTH:
        most = int((room - MIN_NAME_WIDTH) // MIN_LEVEL_WIDTH)
        raise LayoutError(
            translate(
                "Core", "{levels} 个等次放不下一张 A4 评议票(最多 {most} 个) / too many levels"
            ).format(levels=levels, most=most),
            field="levels",
        )
    name_width = room - levels * level_width
    height = TABLE_BOTTOM - TABLE_TOP_LATER
    columns = [
        Rect(TABLE_LEFT, TABLE_TOP_LATER, NUMBER_WIDTH, height),
        Rect(TABLE_LEFT + NUMBER_WIDTH, TABLE_TOP_LATER, name_width, height),
    ]
    x = TABLE_LEFT + NUMBER_WIDTH + name_width
    for _ in range(levels):
        columns.append(Rect(x, TABLE_TOP_LATER, level_width, height))
        x += level_width
    return tuple(columns)


@dataclass(frozen=True)
class _Measured:
    """A row's text before it has a place: lines, size and the height they need."""

    lines: tuple[str, ...]
    size_pt: float
    height: float


def _measure_name(text: str, width: float, row_height: float) -> _Measured:
    room = width - 2 * CELL_PADDING
    if text_width_mm(text, NAME_PT) <= room:
        return _Measured((text,), NAME_PT, row_height)
    lines = wrap(text, MIN_NAME_PT, room)
    return _Measured(
        lines, MIN_NAME_PT, max(row_height, _lines_height(len(lines), MIN_NAME_PT) + 1.2)
    )


def _header_text(meeting: Meeting, category_index: int, continued: bool) -> str:
    category = meeting.categories[category_index]
    return category.name + ("(续)" if continued else "")


def _measure_header(
    meeting: Meeting, category_index: int, continued: bool, columns: Sequence[Rect]
) -> tuple[_Measured, list[tuple[str, ...]]]:
    name_room = columns[1].w - 2 * CELL_PADDING
    name = wrap(_header_text(meeting, category_index, continued), HEADER_PT, name_room)
    labels = [
        wrap(label, HEADER_PT, column.w - 2 * CELL_PADDING)
        for label, column in zip(meeting.level_labels, columns[2:], strict=True)
    ]
    lines = max([len(name), *(len(x) for x in labels)])
    height = max(HEADER_HEIGHT, _lines_height(lines, HEADER_PT) + 1.2)
    return _Measured(name, HEADER_PT, height), labels


@dataclass(frozen=True)
class _Furniture:
    fiducials: tuple[Rect, Rect, Rect, Rect]
    qr: Rect
    title: TextBlock
    ballot_title: Rect
    type_label: Rect
    serial: Rect
    page_note: Rect
    footer: Rect


def _furniture(meeting: Meeting) -> _Furniture:
    fiducials = _fiducials()
    clear = FIDUCIAL_INSET + FIDUCIAL_SIZE / 2 + FIDUCIAL_RING  # 19 mm
    left, right = clear + 2.0, PAGE_WIDTH - clear - 2.0  # 21 .. 189
    qr = Rect(right - QR_SIZE, clear + 2.0, QR_SIZE, QR_SIZE)  # 167..189 x 21..43
    width = right - left
    size = TITLE_PT if text_width_mm(meeting.title, TITLE_PT) <= width else MIN_TITLE_PT
    title = TextBlock(
        Rect(left, 5.5, width, 6.5), (fit_line(meeting.title, size, width),), size, Align.CENTRE
    )
    text_right = qr.x - QR_QUIET - 2.0  # 163
    return _Furniture(
        fiducials=fiducials,
        qr=qr,
        title=title,
        ballot_title=Rect(left, 12.0, width, 7.0),
        serial=Rect(left, 20.0, 64.0, 9.5),
        type_label=Rect(left + 66.0, 19.8, text_right - left - 66.0, 7.2),  # two lines at 8 pt
        page_note=Rect(left + 66.0, 27.0, text_right - left - 66.0, 3.5),
        footer=Rect(left, PAGE_HEIGHT - 16.5, width, 9.0),  # 280.5 .. 289.5
    )


def _instructions(meeting: Meeting, furniture: _Furniture) -> TextBlock:
    """填票说明 left of the QR code, under the serial; lines as many as the rules need."""
    left = furniture.serial.x
    width = furniture.type_label.right - left
    text = "填票说明:" + "".join(ballot_instructions(meeting))
    lines = wrap(text, INSTRUCTION_PT, width)
    top = furniture.serial.bottom + 1.0
    height = _lines_height(len(lines), INSTRUCTION_PT)
    return TextBlock(Rect(left, top, width, height), lines, INSTRUCTION_PT)


def _paginate(
    meeting: Meeting, columns: Sequence[Rect], row_height: float, first_top: float
) -> list[tuple[list[HeaderRow], list[UnitRow], float]]:
    """Place headers and rows on sheets; returns per sheet (headers, rows, table top)."""
    pages: list[tuple[list[HeaderRow], list[UnitRow], float]] = []
    headers: list[HeaderRow] = []
    rows: list[UnitRow] = []
    top = first_top
    y = top
    number = 0
    for index, category in enumerate(meeting.categories):
        first = True
        for target in category.targets:
            number += 1
            measured = _measure_name(target, columns[1].w, row_height)
            head_h = _measure_header(meeting, index, False, columns)[0].height if first else 0.0
            if y + head_h + measured.height > TABLE_BOTTOM + 1e-9:
                pages.append((headers, rows, top))
                headers, rows = [], []
                top = TABLE_TOP_LATER
                y = top
                head_h = _measure_header(meeting, index, not first, columns)[0].height
                headers.append(_header_row(meeting, index, not first, y, columns))
                y += head_h
            elif first:
                headers.append(_header_row(meeting, index, False, y, columns))
                y += head_h
            first = False
            row = _unit_row(meeting, number, target, category.name, y, measured, columns)
            rows.append(row)
            y += row.rect.h
    pages.append((headers, rows, top))
    return pages


def _header_row(
    meeting: Meeting, index: int, continued: bool, at: float, columns: Sequence[Rect]
) -> HeaderRow:
    """The header of category ``index`` at ``at`` mm (``continued`` on a later sheet)."""
    measured, labels = _measure_header(meeting, index, continued, columns)
    rect = Rect(TABLE_LEFT, at, TABLE_RIGHT - TABLE_LEFT, measured.height)
    name = TextBlock(
        Rect(columns[1].x + CELL_PADDING, at, columns[1].w - 2 * CELL_PADDING, rect.h),
        measured.lines,
        HEADER_PT,
    )
    blocks = tuple(
        TextBlock(Rect(column.x, at, column.w, rect.h), lines, HEADER_PT, Align.CENTRE)
        for lines, column in zip(labels, columns[2:], strict=True)
    )
    return HeaderRow(meeting.categories[index].name, rect, name, blocks, continued)


def _unit_row(
    meeting: Meeting,
    number: int,
    target: str,
    category: str,
    y: float,
    measured: _Measured,
    columns: Sequence[Rect],
) -> UnitRow:
    """Row ``number`` (target ``target`` of ``category``) at ``y`` mm, with a box per level."""
    rect = Rect(TABLE_LEFT, y, TABLE_RIGHT - TABLE_LEFT, measured.height)
    cells = tuple(
        Cell(
            target,
            label,
            Rect(column.x, y, column.w, rect.h),
            Rect(
                column.x + (column.w - BOX_WIDTH) / 2,
                y + (rect.h - BOX_HEIGHT) / 2,
                BOX_WIDTH,
                BOX_HEIGHT,
            ),
        )
        for label, column in zip(meeting.level_labels, columns[2:], strict=True)
    )
    return UnitRow(
        number,
        target,
        category,
        rect,
        TextBlock(
            Rect(columns[0].x, y, columns[0].w, rect.h),
            (str(number),),
            MIN_NAME_PT,
            Align.CENTRE,
        ),
        TextBlock(
            Rect(columns[1].x + CELL_PADDING, y, columns[1].w - 2 * CELL_PADDING, rect.h),
            measured.lines,
            measured.size_pt,
        ),
        cells,
    )


def ballot_layout(meeting: Meeting) -> BallotLayout:
    """The meeting's ballot: one sheet at 8 mm rows if it fits, else one at 7 mm, else as many
    sheets as the units need at 8 mm. Raises :class:`LayoutError` for too many levels."""
    furniture = _furniture(meeting)
    columns = _columns(len(meeting.levels))
    instructions = _instructions(meeting, furniture)
    continuation = TextBlock(
        Rect(instructions.rect.x, instructions.rect.y, instructions.rect.w, 5.0),
        (CONTINUATION,),
        INSTRUCTION_PT,
    )
    first_top = max(TABLE_TOP_LATER, instructions.rect.bottom + 2.0)
    placed = _paginate(meeting, columns, ROW_HEIGHT, first_top)
    row_height = ROW_HEIGHT
    if len(placed) > 1:
        tighter = _paginate(meeting, columns, MIN_ROW_HEIGHT, first_top)
        if len(tighter) == 1:
            placed, row_height = tighter, MIN_ROW_HEIGHT
    pages = []
    for number, (headers, rows, top) in enumerate(placed, start=1):
        bottom = max([top, *(r.rect.bottom for r in rows), *(h.rect.bottom for h in headers)])
        pages.append(
            PageLayout(
                number,
                tuple(headers),
                tuple(rows),
                Rect(TABLE_LEFT, top, TABLE_RIGHT - TABLE_LEFT, bottom - top),
                instructions if number == 1 else continuation,
            )
        )
    levels = meeting.level_labels
    digest = _digest(furniture, columns, pages, levels, row_height)
    return BallotLayout(
        pages=tuple(pages),
        row_height=row_height,
        columns=columns,
        levels=levels,
        fiducials=furniture.fiducials,
        qr=furniture.qr,
        title=furniture.title,
        ballot_title=furniture.ballot_title,
        type_label=furniture.type_label,
        serial=furniture.serial,
        page_note=furniture.page_note,
        footer=furniture.footer,
        digest=digest,
    )


def _digest(
    furniture: _Furniture,
    columns: Sequence[Rect],
    pages: Sequence[PageLayout],
    levels: Sequence[str],
    row_height: float,
) -> str:
    """sha256 over what a reader relies on: marks, code, targets, levels and every cell."""
    data = {
        "version": FORMAT_VERSION,
        "page": [PAGE_WIDTH, PAGE_HEIGHT],
        "fiducials": [f.rounded() for f in furniture.fiducials],
        "qr": furniture.qr.rounded(),
        "levels": list(levels),
        "row_height": row_height,
        "columns": [c.rounded() for c in columns],
        "pages": [
            [
                {
                    "target": row.target,
                    "row": row.rect.rounded(),
                    "boxes": [c.box.rounded() for c in row.cells],
                }
                for row in page.rows
            ]
            for page in pages
        ],
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- the QR payload -----------------------------------------------------------------------

PAYLOAD_PREFIX = "BP"
_SAFE = "-._~"
_KEY = re.compile(r"[0-9A-F]{6}")
_SHORT_DIGEST = re.compile(r"[0-9A-F]{10}")


class PayloadError(ValueError):
    """A QR text that is not one of our ballot codes (or of a format we do not read)."""


@dataclass(frozen=True)
class QrPayload:
    """What a ballot page's QR code carries."""

    meeting_key: str  # 6 upper-case hex digits, see meeting_key()
    type_code: str
    serial: str  # exactly as printed on the page
    page: int  # 1-based
    pages: int
    layout_digest: str  # BallotLayout.short_digest
    version: int = FORMAT_VERSION


def meeting_key(meeting_id: int, created_at: dt.datetime) -> str:
    """The short key of a stored meeting: 6 hex digits of a hash of its id and creation
    time (whole seconds, UTC; a naive time is taken as UTC)."""
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=dt.UTC)
    stamp = int(created_at.timestamp())
    return hashlib.sha256(f"{meeting_id}:{stamp}".encode()).hexdigest()[:6].upper()


def draft_key(meeting: Meeting) -> str:
    """A short key for a meeting that is not stored (printed straight from a definition):
    6 hex digits of a hash of its title, date and venue."""
    date = meeting.date.isoformat() if meeting.date else ""
    text = f"draft:{meeting.title}:{date}:{meeting.venue}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6].upper()


def encode_payload(payload: QrPayload) -> str:
    """The ASCII text of a page's QR code (see the module docstring)."""
    if not _KEY.fullmatch(payload.meeting_key):
        raise ValueError(f"bad meeting key {payload.meeting_key!r}")
    if not _SHORT_DIGEST.fullmatch(payload.layout_digest):
        raise ValueError(f"bad layout digest {payload.layout_digest!r}")
    if not 1 <= payload.page <= payload.pages:
        raise ValueError(f"bad page {payload.page} of {payload.pages}")
    if not payload.type_code or not payload.serial:
        raise ValueError("type code and serial must not be empty")
    # ":" and upper-case serials keep the text in the QR alphanumeric set: a smaller code
    # (version 2, 25 modules) with larger modules in the same 22 mm.
    return ":".join(
        [
            f"{PAYLOAD_PREFIX}{payload.version}",
            payload.meeting_key,
            quote(payload.type_code, safe=_SAFE),
            quote(payload.serial, safe=_SAFE),
            f"{payload.page}/{payload.pages}",
            payload.layout_digest,
        ]
    )


_PAYLOAD = re.compile(
    r"BP(?P<version>[0-9]+):(?P<key>[0-9A-F]{6}):(?P<type>[A-Za-z0-9%._~-]+)"
    r":(?P<serial>[A-Za-z0-9%._~-]+):(?P<page>[1-9][0-9]*)/(?P<pages>[1-9][0-9]*)"
    r":(?P<digest>[0-9A-F]{10})"
)


def parse_payload(text: str) -> QrPayload:
    """Read a QR text made by :func:`encode_payload`; :class:`PayloadError` when it is not
    one (another code, a damaged one, or a format version this program does not read)."""
    match = _PAYLOAD.fullmatch(text.strip())
    if match is None:
        raise PayloadError(f"not a ballot code: {text[:60]!r}")
    version = int(match["version"])
    if version != FORMAT_VERSION:
        raise PayloadError(f"ballot code format {version}, this program reads {FORMAT_VERSION}")
    page, pages = int(match["page"]), int(match["pages"])
    if page > pages:
        raise PayloadError(f"page {page} of {pages}")
    try:
        type_code = unquote(match["type"], errors="strict")
        serial = unquote(match["serial"], errors="strict")
    except UnicodeDecodeError:
        raise PayloadError(f"bad escapes in {text[:60]!r}") from None
    return QrPayload(match["key"], type_code, serial, page, pages, match["digest"], version)
