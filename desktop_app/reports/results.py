"""评议结果汇总表: the result sheet to be signed by the counters and scrutineers.

Landscape A4, each page signed: the lines for 计票人 and 监票人 (and the date) are at the foot
of every page. One table per category (一、二、…), targets in rank order: for each ballot type
the count per level, abstentions and the type's score; then the combined score, rates and rank
(shared ranks marked 并列). A table starts under its heading on the page where it is reached
and splits across pages with both header rows and the heading (续) repeated
(:class:`CategoryBlock`). Then how the figures are made and the void rules the count used,
and the ballots per type (issued, collected, entered, valid, void, blank) with a loud warning
when more were entered than issued or collected.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from desktop_app.domain.figures import format_rate, format_score, heading_number
from desktop_app.domain.meeting import Meeting, MultiMarkRule, OverCapRule
from desktop_app.domain.tally import CategoryResult, Tally
from desktop_app.domain.tally_columns import (
    Figure,
    Medium,
    column_groups,
    row_order,
    tally_columns,
)
from desktop_app.reports.common import (
    GRID,
    HEADER_FILL,
    DocumentInfo,
    ballots_table,
    build_pdf,
    escape,
    frame_width,
    styles,
    title_block,
    warning_lines,
)
from desktop_app.reports.fonts import register_fonts

KIND_TITLE = "评议结果汇总表"
SIGNERS = ("计票人", "监票人")
INDEX_WIDTH = 8 * mm
NAME_WIDTH = 40 * mm
_UNIT_FIGURES = (Figure.INDEX, Figure.TEXT)  # the unit's own columns, before the figures


# The figures as printed (rounded half up, :mod:`desktop_app.domain.figures`); kept by these
# names for the documents that print a unit's figures in sentences.
percent = format_rate
score = format_score


def category_column_widths(meeting: Meeting, width: float) -> list[float]:
    """Index, name, then equal numeric columns; always exactly ``width`` wide in total."""
    columns = tally_columns(meeting, Medium.PDF)
    numeric = sum(c.figure not in _UNIT_FIGURES for c in columns)
    name = max(min(NAME_WIDTH, width * 0.3), width - INDEX_WIDTH - numeric * 16 * mm)
    each = (width - INDEX_WIDTH - name) / numeric
    return [
        INDEX_WIDTH if c.figure is Figure.INDEX else name if c.figure is Figure.TEXT else each
        for c in columns
    ]


class CategoryBlock(Flowable):
    """A category's heading over its table, splitting across pages as one.

    A table that does not fit where it starts is split: the part that fits stays under the
    heading, the rest goes on with the table's header rows and the heading marked (续). A
    part never holds fewer than :data:`MIN_ROWS` units (no heading or header left alone at
    the foot of a page, no unit alone at the top of the next) unless the whole table has
    fewer.
    """

    MIN_ROWS = 3

    def __init__(self, heading: str, table: Table, header_rows: int, *, continued: bool = False):
        super().__init__()
        self.heading_text = heading
        self.continued = continued
        self.heading = Paragraph(
            escape(heading + ("(续)" if continued else "")), styles()["heading"]
        )
        self.table = table
        self.header_rows = header_rows

    def _heading_height(self, width: float) -> float:
        _, height = self.heading.wrap(width, 10_000)
        return height + self.heading.getSpaceBefore() + self.heading.getSpaceAfter()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heading_h = self._heading_height(availWidth)
        _, table_h = self.table.wrap(availWidth, availHeight - self._heading_h)
        self.width = availWidth
        self.height = self._heading_h + table_h
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        heading_h = self._heading_height(availWidth)
        # Measure every row: with a short height reportlab stops measuring where it overflows.
        self.table.wrap(availWidth, 1e7)
        heights = list(self.table._rowHeights)
        header = self.header_rows
        data = len(heights) - header
        room = availHeight - heading_h - sum(heights[:header])
        fits = 0
        while fits < data and sum(heights[header : header + fits + 1]) <= room:
            fits += 1
        if data == 0 or fits >= data:
            return []  # it all fits on the next page (a table is only split when too long)
        if data - fits < self.MIN_ROWS:  # leave enough to go on with
            fits = data - self.MIN_ROWS
        if fits < min(self.MIN_ROWS, data):
            return []  # start on the next page instead
        parts = self.table.split(availWidth, sum(heights[: header + fits]) + 0.01)
        if len(parts) < 2:
            return []
        first, *rest = parts
        return [
            CategoryBlock(self.heading_text, first, header, continued=self.continued),
            *(CategoryBlock(self.heading_text, part, header, continued=True) for part in rest),
        ]

    def draw(self) -> None:
        table_h = self.height - self._heading_h
        self.table.drawOn(self.canv, 0, 0)
        self.heading.wrap(self.width, 10_000)
        self.heading.drawOn(self.canv, 0, table_h + self.heading.getSpaceAfter())


def category_table(
    meeting: Meeting, category: CategoryResult, width: float, decimals: int = 2
) -> Table:
    """A category's table: the columns of :mod:`desktop_app.domain.tally_columns` for the
    sheet, under two header rows (each group's heading over its columns' labels; a group
    without a heading spans both rows), units in rank order."""
    s = styles()
    font = register_fonts()
    widths = category_column_widths(meeting, width)
    columns = tally_columns(meeting, Medium.PDF, decimals)
    first_figure = next(i for i, c in enumerate(columns) if c.figure not in _UNIT_FIGURES)
    font_size = 8 if widths[first_figure] >= 9 * mm else 6.5
    cell_style = s["cell"].clone("name-cell", fontSize=font_size, leading=font_size + 2)

    top: list[str] = []
    second: list[str] = []
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for group in column_groups(meeting, Medium.PDF, decimals):
        first = len(top)
        if group.heading:
            top += [group.heading] + [""] * (len(group.columns) - 1)
            second += [column.label for column in group.columns]
            spans.append(((first, 0), (len(top) - 1, 0)))
        else:
            top += [column.label for column in group.columns]
            second += [""] * len(group.columns)
            spans += [((i, 0), (i, 1)) for i in range(first, len(top))]

    rows: list[list[object]] = [list(top), list(second)]
    for target in row_order(category, Medium.PDF):
        rows.append(
            [
                Paragraph(escape(column.text(category, target)), cell_style)
                if column.figure is Figure.TEXT
                else column.text(category, target)
                for column in columns
            ]
        )

    table = Table(rows, colWidths=widths, repeatRows=2)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, font_size),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 1), HEADER_FILL),
        ("ALIGN", (0, 0), (-1, 1), "CENTER"),
        ("ALIGN", (first_figure, 2), (-1, -1), "RIGHT"),
        *(
            ("ALIGN", (i, 2), (i, -1), "CENTER")
            for i, c in enumerate(columns)
            if c.figure is Figure.INDEX
        ),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [("SPAN", start, end) for start, end in spans]
    table.setStyle(TableStyle(commands))
    return table


def finalisation_lines(
    info: DocumentInfo, finalised_at: dt.datetime | None, finalised_digest: str | None
) -> list[Flowable]:
    """Whether these figures are final: 初步结果 until the ballots are finalised; a loud
    warning when the ballot data no longer matches the digest recorded at finalising."""
    s = styles()
    if finalised_at is None:
        return [Paragraph("初步结果:评议票尚未定稿,仅供核对,不作为正式结果。", s["warning"])]
    when = finalised_at.astimezone().strftime("%Y-%m-%d %H:%M")
    if finalised_digest and info.digest != finalised_digest:
        return [
            Paragraph(
                escape(
                    f"【警告】评议票数据已与 {when} 定稿时不同(定稿摘要 {finalised_digest}),"
                    "本表数字不是定稿结果,请核查。"
                ),
                s["warning"],
            )
        ]
    return [Paragraph(escape(f"评议票已于 {when} 定稿;页脚摘要即定稿摘要。"), s["small"])]


def results_story(
    info: DocumentInfo,
    tally: Tally,
    *,
    finalised_at: dt.datetime | None = None,
    finalised_digest: str | None = None,
) -> list[Flowable]:
    s = styles()
    meeting = info.meeting
    width = frame_width(info)
    story: list[Flowable] = [*title_block(info)]
    story.extend(finalisation_lines(info, finalised_at, finalised_digest))
    story.extend(warning_lines(tally))
    for number, category in enumerate(tally.categories, start=1):
        table = category_table(meeting, category, width, tally.score_decimals())
        story.append(CategoryBlock(f"{heading_number(number)}{category.name}", table, 2))
    levels = "/".join(f"{level.label} {level.score:g} 分" for level in meeting.levels)
    story.append(
        Paragraph(
            escape(
                f"说明:得分按“{levels}”计,弃权不计入得分;好评率为“{meeting.level_labels[0]}”"
                "所占比例,满意率为前两个等次所占比例,分母含弃权;综合得分、综合好评率和满意率为各票种"
                "按权重的加权平均;名次按未经四舍五入的综合得分排定,得分相同者名次并列(标“并列”);"
                "得分和比率四舍五入,综合得分所示小数位数足以区分名次不同的单位。"
            ),
            s["small"],
        )
    )
    story.append(Paragraph(escape("计票规则:" + counting_rules(meeting)), s["small"]))
    ballots = len(tally.categories) + 1
    warnings = warning_lines(tally)
    story.append(
        KeepTogether(
            [
                Paragraph(f"{heading_number(ballots)}票数统计", s["heading"]),
                ballots_table(meeting, tally, width),
                *warnings,
            ]
        )
    )
    return story


def counting_rules(meeting: Meeting) -> str:
    """The void rules this count used, in words, for the sheet's readers to check."""
    best = meeting.level_labels[0]
    caps = ";".join(
        f"{category.name}“{label}”不超过 {cap} 个"
        for category in meeting.categories
        for label, cap in category.caps.items()
    )
    multi = {
        MultiMarkRule.VOID_BALLOT: "同一单位划选多个等次的,整张票作废",
        MultiMarkRule.VOID_TARGET: "同一单位划选多个等次的,该单位按弃权计,其余有效",
    }[meeting.rules.multi_mark]
    over = {
        OverCapRule.VOID_BALLOT: "超过等次上限的,整张票作废",
        OverCapRule.VOID_CATEGORY: "超过等次上限的,该类别的评价作废,其他类别有效",
    }[meeting.rules.over_cap]
    text = f"{multi};{over}"
    if caps:
        text += f"(上限:{caps})"
    elif best:
        text += "(本次未设上限)"
    return text + ";未划选任何等次的为空白票;计票人注明原因作废的为废票。"


def results_pdf(
    meeting: Meeting,
    tally: Tally,
    *,
    generated_at: dt.datetime,
    digest: str | None,
    finalised_at: dt.datetime | None = None,
    finalised_digest: str | None = None,
) -> bytes:
    """The result sheet as PDF bytes; marked 初步结果 unless ``finalised_at`` is given."""
    info = DocumentInfo(
        KIND_TITLE, meeting, generated_at, digest, landscape=True, signatures=SIGNERS
    )
    story = results_story(info, tally, finalised_at=finalised_at, finalised_digest=finalised_digest)
    return build_pdf(info, story)
