"""评议票: the blank paper ballots, as many of each type as are issued, each with its serial.

Portrait A4, one ballot per page: the type, the serial, how to fill it in (tick one box per
unit; the caps of each category), then a table per category with a box per level.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop_app.domain.meeting import BallotType, Meeting
from desktop_app.reports.common import (
    GRID,
    HEADER_FILL,
    DocumentInfo,
    build_pdf,
    escape,
    frame_height,
    frame_width,
    styles,
)
from desktop_app.reports.fonts import register_fonts

KIND_TITLE = "评议票"
BOX = "□"


def serials(ballot_type: BallotType) -> list[str]:
    """``A-001`` … for every issued ballot of the type (one when the number is unknown)."""
    count = ballot_type.issued or 1
    digits = max(3, len(str(count)))
    return [f"{ballot_type.code}-{n:0{digits}d}" for n in range(1, count + 1)]


def rules_text(meeting: Meeting) -> str:
    caps = []
    for category in meeting.categories:
        for label, cap in category.caps.items():
            caps.append(f"“{category.name}”评价为“{label}”的不超过 {cap} 个")
    levels = "、".join(meeting.level_labels)
    text = (
        f"评价等次分“{levels}”{len(meeting.levels)}档,每个评议对象只能在一个等次栏内划“√”,"
        "不得多选。"
    )
    if caps:
        text += ";".join(caps) + ",超过的为废票。"
    return text


def ballot_paper(meeting: Meeting, ballot_type: BallotType, serial: str) -> list[Flowable]:
    s = styles()
    font = register_fonts()
    labels = meeting.level_labels
    story: list[Flowable] = [
        Paragraph(escape(f"{meeting.title}"), s["subtitle"]),
        Paragraph(escape(f"评议票({ballot_type.code}票)"), s["title"]),
        Paragraph(escape(f"{ballot_type.label}    票号:{serial}"), s["base"]),
        Paragraph(escape("填票说明:" + rules_text(meeting)), s["small"]),
        Spacer(1, 2 * mm),
    ]
    widths = [10 * mm, 80 * mm] + [(180 * mm - 90 * mm) / len(labels)] * len(labels)
    name_style = s["cell"].clone("ballot-name", fontSize=10, leading=12)
    name_room = widths[1] - 12  # less the cell's padding

    def name_cell(text: str) -> object:
        # A Paragraph only where the name must wrap: plain strings are far cheaper to lay out,
        # and there are units x issued ballots of them.
        if stringWidth(text, font, 10) <= name_room:
            return text
        return Paragraph(escape(text), name_style)

    number = 0
    for index, category in enumerate(meeting.categories):
        rows: list[list[object]] = [["序号", name_cell(category.name), *labels]]
        for target in category.targets:
            number += 1
            rows.append([str(number), name_cell(target), *([BOX] * len(labels))])
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), font, 10),
                    ("FONT", (2, 1), (-1, -1), font, 13),
                    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("ALIGN", (1, 1), (1, -1), "LEFT"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            )
        )
        story.append(table)
        if index < len(meeting.categories) - 1:
            story.append(Spacer(1, 3 * mm))
    return story


def ballot_papers_pdf(
    meeting: Meeting, *, generated_at: dt.datetime, first: int | None = None
) -> bytes:
    """Every issued ballot of every type, one per page; ``first``: only the first so many
    pages (a preview: each page, footer included, as it is in the whole document)."""
    papers = [(t, serial) for t in meeting.ballot_types for serial in serials(t)]
    total = len(papers)
    if first is not None:
        papers = papers[:first]
    info = DocumentInfo(
        KIND_TITLE, meeting, generated_at, pages_total=total if first is not None else None
    )
    width, height = frame_width(info), frame_height(info)
    story: list[Flowable] = []
    for ballot_type, serial in papers:
        if story:
            story.append(PageBreak())
        # A ballot is one sheet of paper: a long one is shrunk to fit, never split.
        story.append(
            KeepInFrame(width, height, ballot_paper(meeting, ballot_type, serial), mode="shrink")
        )
    return build_pdf(info, story)
