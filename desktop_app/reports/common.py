"""What every PDF shares: A4, the embedded CJK font, styles, and the page furniture.

Every page carries the meeting's title block at the top and, at the foot, ``第 x 页 / 共 y
页``, the time of generation and (where there are ballots) the ballot-data digest. The page
total is known only at the end, so the furniture is drawn when the canvas is saved
(:class:`_FurnishedCanvas`). ``invariant=1`` makes the same input give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from desktop_app import progress
from desktop_app.domain.figures import chinese_date
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import Tally
from desktop_app.reports.fonts import CJK, in_serif, register_fonts, serif_font

MARGIN = 15 * mm
SIGNATURE_HEIGHT = 14 * mm  # the band above the footer that holds the signature lines
RED = colors.HexColor("#b00020")
GRID = colors.HexColor("#404040")
HEADER_FILL = colors.HexColor("#e8e8e8")


@dataclass(frozen=True)
class DocumentInfo:
    """What the page furniture says: which document, of which meeting, when, what data."""

    kind_title: str  # e.g. 评议结果汇总表
    meeting: Meeting
    generated_at: dt.datetime
    digest: str | None = None
    landscape: bool = False
    signatures: tuple[str, ...] = ()
    """Who signs each page (e.g. 计票人, 监票人): a signature line each at every page's foot."""
    # The whole document's page count, when only its first pages are built (a preview):
    # the footer then reads as it will on the finished document.
    pages_total: int | None = None


def page_size(info: DocumentInfo) -> tuple[float, float]:
    return landscape(A4) if info.landscape else A4


def frame_width(info: DocumentInfo) -> float:
    """The width a flowable may use: the page less both margins."""
    return page_size(info)[0] - 2 * MARGIN


def frame_height(info: DocumentInfo) -> float:
    """The height a flowable may use: the page less both margins (and the signatures)."""
    return page_size(info)[1] - 2 * MARGIN - (SIGNATURE_HEIGHT if info.signatures else 0)


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles in the bundled font, wrapping Chinese by character."""
    font = register_fonts()
    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=15, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle(
            "title", base, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=2 * mm
        ),
        "subtitle": ParagraphStyle(
            "subtitle", base, fontSize=11, leading=16, alignment=TA_CENTER, spaceAfter=4 * mm
        ),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontSize=13,
            leading=19,
            spaceBefore=4 * mm,
            spaceAfter=2 * mm,
            keepWithNext=1,
        ),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        # Running text (comments, what the host reads, the minutes' sentences) in the serif.
        "body": ParagraphStyle("body", base, fontName=serif_font(), fontSize=11, leading=17),
        "warning": ParagraphStyle("warning", base, textColor=RED, fontSize=11, leading=16),
        "small": ParagraphStyle("small", base, fontSize=8.5, leading=12, spaceBefore=2 * mm),
    }


def title_block(info: DocumentInfo) -> list[Flowable]:
    """The document's title and the meeting's date and venue."""
    s = styles()
    meeting = info.meeting
    details = "  ".join(
        part
        for part in (
            chinese_date(meeting.date) if meeting.date else "",
            meeting.venue,
        )
        if part
    )
    return [
        Paragraph(escape(meeting.title), s["title"]),
        Paragraph(escape(info.kind_title + (f"({details})" if details else "")), s["subtitle"]),
    ]


def fit_text(text: str, font: str, size: float, room: float) -> str:
    """``text``, cut short with "…" if it is wider than ``room`` points."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "…", font, size) > room:
        text = text[:-1]
    return text + "…"


def _xml(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\r\n", "\n").replace("\n", "<br/>")


def escape(text: str) -> str:
    """Text for a Paragraph (which reads a little XML): &, < and > escaped, and line breaks
    kept (a comment typed as several paragraphs prints as several lines).

    Characters the serif body face lacks are set in the sans (``<font name=…>``), so a
    rare character in running text prints rather than leaving a blank; in a paragraph set
    in the sans this changes nothing."""
    parts: list[str] = []
    run: list[str] = []
    run_in_serif = True
    for char in text:
        here = char.isspace() or in_serif(char)
        if run and here != run_in_serif:
            parts.append(_run(run, run_in_serif))
            run = []
        run.append(char)
        run_in_serif = here
    if run:
        parts.append(_run(run, run_in_serif))
    return "".join(parts)


def _run(chars: list[str], in_serif_face: bool) -> str:
    text = _xml("".join(chars))
    return text if in_serif_face else f'<font name="{CJK}">{text}</font>'


def warning_lines(tally: Tally) -> list[Flowable]:
    """The tally's warnings (more entered than issued) in red, at the top of a document.

    "【警告】", not a warning sign: the bundled font has no U+26A0 and would print a blank."""
    style = styles()["warning"]
    return [Paragraph("【警告】" + escape(warning), style) for warning in tally.warnings()]


class SectionMark(Flowable):
    """Marks where a part of a document begins (one unit's feedback sheet): from this page
    on, the header names the part and the page numbers count within it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        section = getattr(self.canv, "_section", (0, ""))
        self.canv._section = (section[0] + 1, self.name)


def _furnished_canvas(info: DocumentInfo) -> type[canvas.Canvas]:
    font = register_fonts()
    width, height = page_size(info)
    generated = f"{chinese_date(info.generated_at.date())} {info.generated_at:%H:%M}"

    class _FurnishedCanvas(canvas.Canvas):
        """Keeps each page until the end, then draws header and footer with the total."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            # Pages are numbered within their section (a unit's sheet), else in the whole;
            # a preview of the first pages numbers them as the finished document will.
            sections = [state.get("_section", (0, "")) for state in self._pages]
            totals = {key: sections.count(key) for key in sections}
            if info.pages_total and set(totals) == {(0, "")}:
                totals[(0, "")] = info.pages_total
            seen: dict[tuple[int, str], int] = {}
            for state, key in zip(self._pages, sections, strict=True):
                seen[key] = seen.get(key, 0) + 1
                self.__dict__.update(state)
                self._furnish(seen[key], totals[key], key[1])
                super().showPage()
            super().save()

        def _furnish(self, number: int, total: int, section: str = "") -> None:
            self.saveState()
            self.setFont(font, 8.5)
            self.setFillColor(colors.HexColor("#555555"))
            top = height - MARGIN + 4 * mm
            right = info.kind_title
            if section:
                right = fit_text(f"{info.kind_title} · {section}", font, 8.5, width * 0.55)
            room = width - 2 * MARGIN - stringWidth(right, font, 8.5) - 8 * mm
            self.drawString(MARGIN, top, fit_text(info.meeting.title, font, 8.5, room))
            self.drawRightString(width - MARGIN, top, right)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.5)
            self.line(MARGIN, top - 1.5 * mm, width - MARGIN, top - 1.5 * mm)
            # Footer: a rule, then time and page number, then the digest on its own line
            # (64 hex digits do not fit beside the page number on a portrait page).
            rule = MARGIN - 2.5 * mm
            self.line(MARGIN, rule, width - MARGIN, rule)
            line = rule - 3.5 * mm
            self.drawString(MARGIN, line, f"生成时间 {generated}")
            self.drawRightString(width - MARGIN, line, f"第 {number} 页 / 共 {total} 页")
            if info.digest:
                self.setFont(font, 6.5)
                self.drawString(MARGIN, line - 3.5 * mm, f"票据数据摘要 SHA-256 {info.digest}")
            if info.signatures:
                self._sign()
            self.restoreState()

        def _sign(self) -> None:
            """One signature line per signer and a date line, side by side, at the foot of
            the body: each page of the sheet is signed."""
            self.setFont(font, 11)
            self.setFillColor(colors.black)
            self.setStrokeColor(colors.black)
            fields = [f"{who}(签字):" for who in info.signatures] + ["日期:"]
            each = (width - 2 * MARGIN) / len(fields)
            base = MARGIN + 3 * mm
            for index, text in enumerate(fields):
                left = MARGIN + index * each
                self.drawString(left, base, text)
                start = left + stringWidth(text, font, 11) + 1 * mm
                self.line(start, base - 1, left + each - 6 * mm, base - 1)

    return _FurnishedCanvas


def build_pdf(info: DocumentInfo, story: Sequence[Flowable]) -> bytes:
    """Lay out ``story`` on A4 pages with the furniture; returns the PDF bytes."""
    register_fonts()
    width, height = page_size(info)
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        invariant=1,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"{info.meeting.title} {info.kind_title}",
        author="述职评议会议助手",
        subject=info.kind_title,
        creator="述职评议会议助手",
    )
    # The furniture lives in the margins; the body has the whole margin box, less the band
    # for the signatures of a sheet signed page by page.
    bottom = MARGIN + (SIGNATURE_HEIGHT if info.signatures else 0)
    frame = Frame(
        MARGIN,
        bottom,
        width - 2 * MARGIN,
        height - MARGIN - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    size = [len(story)]

    def laid_out(stage: str, value: int) -> None:  # how much of the story is on pages
        if stage == "SIZE_EST":
            size[0] = value
        elif stage == "PROGRESS":
            progress.report(value, size[0])

    document.setProgressCallBack(laid_out)
    document.build(list(story), canvasmaker=_furnished_canvas(info))
    return buffer.getvalue()


def ballots_table(meeting: Meeting, tally: Tally, width: float) -> Table:
    """Ballots per type: weight, issued, collected, entered, valid, void, blank; a type with
    more entered than issued or collected in red."""
    font = register_fonts()
    cell = styles()["cell"].clone("type-cell", fontSize=9, leading=11)
    rows: list[list[object]] = [
        ["票种", "权重", "发出", "收回", "录入", "有效票", "废票", "空白票"]
    ]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for number, ballot_type in enumerate(meeting.ballot_types, start=1):
        summary = tally.ballots[ballot_type.code]
        rows.append(
            [
                Paragraph(escape(ballot_type.label), cell),
                f"{ballot_type.weight:g}",
                "—" if summary.issued is None else str(summary.issued),
                "—" if summary.collected is None else str(summary.collected),
                str(summary.entered),
                str(summary.valid),
                str(summary.void),
                str(summary.blank),
            ]
        )
        if summary.suspect:
            commands.append(("TEXTCOLOR", (1, number), (-1, number), RED))
    each = 16 * mm
    columns = len(rows[0]) - 1
    table = Table(rows, colWidths=[width - columns * each, *[each] * columns], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table
