"""反馈表: one page per evaluated unit, to be handed to that unit after the meeting.

Portrait A4, units in ballot order. Each page: the unit's category and rank in it, its
counts per level and ballot type with the rates and scores (and the combined figures), a
small bar chart of the counts (bars in the legend's order), the chair's and representatives'
comments on it, and its speaker's actual speaking time. A sheet that runs onto a second page
names its unit in the header there, and its pages are numbered within the unit (第 2 页 / 共
2 页), so each unit's sheet can be handed over on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from desktop_app.domain.meeting import Meeting
from desktop_app.domain.records import Comment
from desktop_app.domain.tally import Tally, TargetResult
from desktop_app.domain.timing import SpeakerStatus, SpeakerTiming
from desktop_app.reports.common import (
    GRID,
    HEADER_FILL,
    DocumentInfo,
    SectionMark,
    build_pdf,
    escape,
    frame_width,
    styles,
    title_block,
    warning_lines,
)
from desktop_app.reports.fonts import register_fonts
from desktop_app.reports.minutes import (
    comment_paragraph,
    comment_speaker,
    length,
    overtime,
    status_text,
)
from desktop_app.reports.results import percent, score

KIND_TITLE = "反馈表"
TYPE_WIDTH = 34 * mm
CHART_HEIGHT = 42 * mm
SERIES_COLOURS = (
    colors.HexColor("#3b6ea5"),
    colors.HexColor("#e08a2c"),
    colors.HexColor("#5a9e4b"),
    colors.HexColor("#8c5ba8"),
)


def rank_text(meeting: Meeting, result: TargetResult, tally: Tally | None = None) -> str:
    """``第 3 名 / 共 22 个`` within the unit's category; ``并列第 3 名`` when the tally shows
    another unit of the category with the same rank."""
    category = meeting.category_of(result.name)
    total = len(category.targets)
    if result.rank is None:
        return f"未排名(无有效评价) / 共 {total} 个"
    tied = tally is not None and any(
        other.rank == result.rank and other.name != result.name
        for counted in tally.categories
        if counted.name == category.name
        for other in counted.targets
    )
    return f"{'并列' if tied else ''}第 {result.rank} 名 / 共 {total} 个"


def figures_table(meeting: Meeting, result: TargetResult, width: float, decimals: int = 2) -> Table:
    """Counts per level and ballot type, abstentions, n, rates and score; then combined."""
    font = register_fonts()
    labels = meeting.level_labels
    header = ["票种", *labels, "弃权", "合计", "好评率", "满意率", "得分"]
    rows: list[list[str]] = [header]
    for ballot_type in meeting.ballot_types:
        figures = result.by_type[ballot_type.code]
        rows.append(
            [
                f"{ballot_type.code}票(权重 {ballot_type.weight:g})",
                *(str(figures.counts[label]) for label in labels),
                str(figures.abstain),
                str(figures.n),
                percent(figures.good_rate),
                percent(figures.approval_rate),
                score(figures.score),
            ]
        )
    dash = ["—"] * (len(labels) + 2)
    rows.append(
        [
            "综合(加权)",
            *dash,
            percent(result.good_rate),
            percent(result.approval_rate),
            score(result.score, decimals),
        ]
    )
    each = (width - TYPE_WIDTH) / (len(header) - 1)
    table = Table(rows, colWidths=[TYPE_WIDTH, *[each] * (len(header) - 1)])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 9 if each >= 12 * mm else 7.5),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f4f4f4")),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def counts_chart(meeting: Meeting, result: TargetResult, width: float) -> Drawing:
    """Horizontal bars of the unit's counts per level, one colour per ballot type."""
    font = register_fonts()
    labels = meeting.level_labels
    codes = [t.code for t in meeting.ballot_types]
    # reportlab stacks a group's bars from the bottom up: the series go in reversed so the
    # first type's bar is on top in every group, in the legend's order.
    data = [[result.by_type[code].counts[label] for label in labels] for code in reversed(codes)]
    drawing = Drawing(width, CHART_HEIGHT)
    legend_width = 30 * mm
    chart = HorizontalBarChart()
    chart.x = 14 * mm
    chart.y = 8 * mm
    chart.width = width - chart.x - legend_width - 6 * mm
    chart.height = CHART_HEIGHT - chart.y - 3 * mm
    chart.data = data
    chart.barSpacing = 1
    chart.groupSpacing = 4
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.reverseDirection = 1  # best level on top, as on the ballot
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.dx = -2
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin = 0
    top = max((max(series) for series in data if series), default=0)
    chart.valueAxis.valueMax = max(top * 1.15, 5)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.forceZero = 1
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    for i in range(len(codes)):
        colour = len(codes) - 1 - i  # the colour of the type, whose series is reversed
        chart.bars[i].fillColor = SERIES_COLOURS[colour % len(SERIES_COLOURS)]
        chart.bars[i].strokeColor = None
    drawing.add(chart)

    legend = Legend()
    legend.x = width - legend_width
    legend.y = CHART_HEIGHT - 6 * mm
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.dx = 6
    legend.dy = 6
    legend.deltay = 12
    legend.colorNamePairs = [
        (SERIES_COLOURS[i % len(SERIES_COLOURS)], f"{code}票") for i, code in enumerate(codes)
    ]
    drawing.add(legend)
    drawing.add(String(chart.x + chart.width / 2, 0, "票数", fontName=font, fontSize=7))
    return drawing


def unit_comments(meeting: Meeting, name: str, comments: Sequence[Comment]) -> list[Comment]:
    """The comments on one unit, by agenda item (no item last), then as they were made."""
    return sorted(
        (c for c in comments if c.target == name),
        key=lambda c: (c.agenda_index is None, c.agenda_index or 0),
    )


def speech_text(meeting: Meeting, name: str, timings: Sequence[SpeakerTiming]) -> str:
    """The unit's speaker and how long they spoke (or 书面述职 / 未发言)."""
    timing = next((t for t in timings if t.target == name), None)
    if timing is None:
        return "无述职人记录。"
    posts = {s.name: s.post for s in meeting.speakers}
    who = timing.name + (f"({posts[timing.name]})" if posts.get(timing.name) else "")
    if timing.status == SpeakerStatus.SPOKEN:
        over = overtime(timing.overtime_s)
        return f"述职人 {who}:发言用时 {length(timing.spoken_s)},时限 {length(timing.limit_s)}," + (
            f"超时 {over}。" if over != "—" else "未超时。"
        )
    if timing.status == SpeakerStatus.WRITTEN:
        return f"述职人 {who}:书面述职。"
    state = status_text(timing)
    return f"述职人 {who}:未发言" + (f"({state})。" if state != "未发言" else "。")


def unit_story(
    info: DocumentInfo,
    tally: Tally,
    name: str,
    timings: Sequence[SpeakerTiming],
    comments: Sequence[Comment],
) -> list[Flowable]:
    s = styles()
    meeting = info.meeting
    width = frame_width(info)
    result = tally.target(name)
    unit = s["title"].clone("unit", fontSize=16, leading=22, spaceAfter=1 * mm)
    story: list[Flowable] = [
        *title_block(info),
        Paragraph(escape(name), unit),
        Paragraph(
            escape(f"类别:{meeting.category_of(name).name}")
            + "&nbsp;" * 4
            + escape(f"名次:{rank_text(meeting, result, tally)}"),
            s["subtitle"],
        ),
    ]
    story.extend(warning_lines(tally))

    story.append(Paragraph("一、评议情况", s["heading"]))
    story.append(figures_table(meeting, result, width, tally.score_decimals()))
    story.append(Spacer(1, 3 * mm))
    story.append(counts_chart(meeting, result, width))

    story.append(Paragraph("二、点评意见", s["heading"]))
    own = unit_comments(meeting, name, comments)
    if not own:
        story.append(Paragraph("无。", s["body"]))
    for comment in own:
        if comment.agenda_index is not None and comment.agenda_index < len(meeting.agenda):
            item = meeting.agenda[comment.agenda_index].title
            story.append(Paragraph(escape(f"【{item}】"), s["small"]))
        story.append(comment_paragraph(comment, comment_speaker(meeting, comment)))

    story.append(Paragraph("三、述职发言", s["heading"]))
    text = speech_text(meeting, name, timings)
    style = s["warning"] if "超时 +" in text else s["body"]
    story.append(Paragraph(escape(text), style))
    return story


def feedback_pdf(
    meeting: Meeting,
    tally: Tally,
    timings: list[SpeakerTiming],
    comments: list[Comment],
    *,
    generated_at: dt.datetime,
    digest: str | None,
) -> bytes:
    """The feedback sheets, one page per unit in ballot order, as PDF bytes."""
    info = DocumentInfo(KIND_TITLE, meeting, generated_at, digest)
    story: list[Flowable] = []
    for number, name in enumerate(meeting.targets):
        if number:
            story.append(PageBreak())
        story.append(SectionMark(name))  # its pages name it and are numbered 1 of n
        story.extend(unit_story(info, tally, name, timings, comments))
    return build_pdf(info, story)
