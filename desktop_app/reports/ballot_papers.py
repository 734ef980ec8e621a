"""评议票: the blank paper ballots, as many of each type as are issued, each with its serial.

Drawn rectangle by rectangle from :mod:`desktop_app.domain.ballot_layout`, which the scan
reader reads from too: four solid corner marks, a QR code per sheet (type, serial, sheet and
the layout's digest), the serial in large type, the 填票说明 from the meeting's rules, and a
table per category with the level labels in its header row and a drawn box per level. Nothing
is shrunk to fit: a ballot with more units than one sheet holds continues on further sheets
under the same serial (第 2 页 / 共 2 页).

The ballot has its own page furniture (the shared header and footer would sit on the corner
marks): the meeting title between the top marks, the generation time, the layout digest and
"print at actual size" between the bottom ones. ``invariant=1``: the same meeting and time give
the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Iterable, Iterator

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop_app.domain.ballot_layout import (
    Align,
    BallotLayout,
    PageLayout,
    QrPayload,
    Rect,
    TextBlock,
    ballot_layout,
    draft_key,
    encode_payload,
    fit_line,
    text_width_mm,
    wrap,
)
from desktop_app.domain.ballot_wording import PRINT_AT_ACTUAL_SIZE
from desktop_app.domain.meeting import BallotType, Meeting
from desktop_app.domain.serials import serials
from desktop_app.reports.common import GRID, HEADER_FILL
from desktop_app.reports.fonts import register_fonts

KIND_TITLE = "评议票"
QR_LEVEL = "M"
QR_BORDER = 2  # modules of quiet zone inside the QR's square; the layout keeps 2 mm more
LINE = 0.5  # table rules, points
BOX_LINE = 0.75  # the boxes, points
SERIAL_PT = 20.0
LABEL_PT = 8.0
FURNITURE = colors.HexColor("#555555")

_PAGE_HEIGHT = A4[1] / mm


def _x(x: float) -> float:
    return x * mm


def _y(y: float) -> float:
    """A layout y (mm from the top) as a PDF y (points from the bottom)."""
    return (_PAGE_HEIGHT - y) * mm


def ballot_title(ballot_type: BallotType) -> str:
    return f"评议票({ballot_type.code}票)"


def type_label(ballot_type: BallotType, rect: Rect) -> TextBlock:
    """The type's long label in at most two lines at 8 pt (cut with … beyond)."""
    lines = wrap(ballot_type.label, LABEL_PT, rect.w)
    if len(lines) > 2:
        lines = (lines[0], fit_line("".join(lines[1:]), LABEL_PT, rect.w))
    return TextBlock(rect, lines, LABEL_PT)


def page_note(page: int, pages: int) -> str:
    return f"第 {page} 页 / 共 {pages} 页"


class _Sheet:
    """Draws one sheet of a ballot on a canvas."""

    def __init__(self, canvas: Canvas, font: str, layout: BallotLayout) -> None:
        self.canvas = canvas
        self.font = font
        self.layout = layout

    def text(self, block: TextBlock) -> None:
        canvas = self.canvas
        canvas.setFont(self.font, block.size_pt)
        for line, baseline in zip(block.lines, block.baselines(), strict=True):
            if block.align is Align.CENTRE:
                canvas.drawCentredString(_x(block.rect.centre[0]), _y(baseline), line)
            elif block.align is Align.RIGHT:
                canvas.drawRightString(_x(block.rect.right), _y(baseline), line)
            else:
                canvas.drawString(_x(block.rect.x), _y(baseline), line)

    def line_in(self, rect: Rect, text: str, size: float, align: Align = Align.LEFT) -> None:
        """One line of text fitted into ``rect`` (cut with … if it must be)."""
        self.text(TextBlock(rect, (fit_line(text, size, rect.w),), size, align))

    def rect(self, rect: Rect, *, fill: bool = False, stroke: bool = True) -> None:
        self.canvas.rect(
            _x(rect.x),
            _y(rect.bottom),
            rect.w * mm,
            rect.h * mm,
            fill=int(fill),
            stroke=int(stroke),
        )

    def fiducials(self) -> None:
        self.canvas.setFillColor(colors.black)
        for mark in self.layout.fiducials:
            self.rect(mark, fill=True, stroke=False)

    def qr(self, payload: str) -> None:
        """The code, encoded by reportlab's QrCodeWidget and drawn as one filled path (the
        widget's own drawing makes a shape per run of modules, ten times slower)."""
        box = self.layout.qr
        widget = QrCodeWidget(payload, barLevel=QR_LEVEL, barBorder=QR_BORDER)
        widget.qr.make()
        modules = widget.qr.modules
        count = len(modules)
        size = box.w / (count + 2 * QR_BORDER)
        path = self.canvas.beginPath()
        for r, row in enumerate(modules):
            c = 0
            for dark, run in itertools.groupby(bool(m) for m in row):
                length = len(list(run))
                if dark:
                    x = box.x + (c + QR_BORDER) * size
                    y = box.y + (r + QR_BORDER + 1) * size
                    path.rect(_x(x), _y(y), length * size * mm, size * mm)
                c += length
        self.canvas.setFillColor(colors.black)
        self.canvas.drawPath(path, fill=1, stroke=0)

    def header(self, ballot_type: BallotType, serial: str, page: int, pages: int) -> None:
        layout = self.layout
        canvas = self.canvas
        canvas.setFillColor(colors.black)
        self.line_in(layout.ballot_title, ballot_title(ballot_type), 15.0, Align.CENTRE)
        # 票号 small, then the serial large, on one baseline.
        rect = layout.serial
        baseline = rect.y + rect.h * 0.78
        canvas.setFont(self.font, 10.0)
        canvas.drawString(_x(rect.x), _y(baseline), "票号")
        lead = text_width_mm("票号", 10.0) + 2.0
        canvas.setFont(self.font, SERIAL_PT)
        canvas.drawString(
            _x(rect.x + lead), _y(baseline), fit_line(serial, SERIAL_PT, rect.w - lead)
        )
        self.text(type_label(ballot_type, layout.type_label))
        self.line_in(layout.page_note, page_note(page, pages), 8.0)

    def table(self, page: PageLayout) -> None:
        canvas = self.canvas
        layout = self.layout
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(LINE)
        for header in page.headers:
            canvas.setFillColor(HEADER_FILL)
            self.rect(header.rect, fill=True)
            canvas.setFillColor(colors.black)
            self.text(header.name)
            for label in header.labels:
                self.text(label)
            for column in layout.columns[1:]:
                canvas.line(_x(column.x), _y(header.rect.y), _x(column.x), _y(header.rect.bottom))
        for row in page.rows:
            self.rect(row.rect)
            self.text(row.number_text)
            self.text(row.name)
            for column in layout.columns[1:]:
                canvas.line(_x(column.x), _y(row.rect.y), _x(column.x), _y(row.rect.bottom))
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(BOX_LINE)
        for row in page.rows:
            for cell in row.cells:
                self.rect(cell.box)

    def instructions(self, page: PageLayout) -> None:
        self.canvas.setFillColor(colors.black)
        self.text(page.instructions)

    def footer(self, key: str, generated: str) -> None:
        layout = self.layout
        rect = layout.footer
        self.canvas.setFillColor(FURNITURE)
        first = Rect(rect.x, rect.y, rect.w, rect.h / 2)
        second = Rect(rect.x, rect.y + rect.h / 2, rect.w, rect.h / 2)
        self.line_in(
            first,
            f"生成时间 {generated}    会议码 {key}    版式 {layout.short_digest}",
            7.5,
            Align.CENTRE,
        )
        self.line_in(second, PRINT_AT_ACTUAL_SIZE, 7.5, Align.CENTRE)


def ballot_pages(
    meeting: Meeting,
    layout: BallotLayout,
    key: str,
    ballots: Iterable[tuple[BallotType, str]] | None = None,
) -> Iterator[tuple[BallotType, str, int, str]]:
    """Every sheet of the print run in order: (type, serial, sheet number, QR payload).
    ``ballots``: which (type, serial) to print; None: every issued ballot of every type."""
    if ballots is None:
        ballots = [(t, serial) for t in meeting.ballot_types for serial in serials(meeting, t)]
    pages = len(layout.pages)
    for ballot_type, serial in ballots:
        for page in layout.pages:
            payload = QrPayload(
                key, ballot_type.code, serial, page.number, pages, layout.short_digest
            )
            yield ballot_type, serial, page.number, encode_payload(payload)


def ballot_papers_pdf(
    meeting: Meeting,
    *,
    generated_at: dt.datetime,
    meeting_key: str | None = None,
    ballots: Iterable[tuple[BallotType, str]] | None = None,
) -> bytes:
    """Every issued ballot of every type, each on as many sheets as its units need.

    ``meeting_key`` is the stored meeting's short key
    (:func:`~desktop_app.domain.ballot_layout.meeting_key`); a meeting printed straight from a
    definition gets :func:`~desktop_app.domain.ballot_layout.draft_key`. ``ballots`` prints
    only those (type, serial), e.g. one blank ballot as the scan reader's template.
    """
    font = register_fonts()
    layout = ballot_layout(meeting)
    key = meeting_key or draft_key(meeting)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(f"{meeting.title} {KIND_TITLE}")
    canvas.setAuthor("述职评议会议助手")
    canvas.setSubject(KIND_TITLE)
    canvas.setCreator("述职评议会议助手")
    sheet = _Sheet(canvas, font, layout)
    generated = generated_at.strftime("%Y-%m-%d %H:%M")
    pages = len(layout.pages)
    # What every ballot's sheet n shares (marks, title, instructions, table, footer) is drawn
    # once, as a form, and placed on each page: a tenth of the time and of the file.
    for page in layout.pages:
        canvas.beginForm(f"sheet{page.number}")
        sheet.fiducials()
        sheet.instructions(page)
        sheet.table(page)
        sheet.footer(key, generated)
        canvas.setFillColor(colors.black)
        sheet.text(layout.title)
        canvas.endForm()
    for ballot_type, serial, number, payload in ballot_pages(meeting, layout, key, ballots):
        canvas.doForm(f"sheet{number}")
        sheet.header(ballot_type, serial, number, pages)
        sheet.qr(payload)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
