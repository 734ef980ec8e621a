"""评议结果汇总表: the result sheet to be signed by the counters and scrutineers.

Landscape A4. One table per category, targets in rank order: for each ballot type the count
per level, abstentions and the type's score; then the combined score, rates and rank. Long
tables split across pages with both header rows repeated. Then the ballots per type, any
warning (more entered than issued), and the signature lines.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import CategoryResult, Tally, TargetResult
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
INDEX_WIDTH = 8 * mm
NAME_WIDTH = 40 * mm


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def score(value: float | None, decimals: int = 2) -> str:
    return "—" if value is None else f"{value:.{decimals}f}"


def rank_order(category: CategoryResult) -> list[TargetResult]:
    """Ranked targets first (1, 2, 2, 4…), unranked ones after, each in ballot order."""
    ranked = sorted((t for t in category.targets if t.rank is not None), key=lambda t: t.rank or 0)
    return ranked + [t for t in category.targets if t.rank is None]


def category_column_widths(meeting: Meeting, width: float) -> list[float]:
    """Index, name, then equal numeric columns; always exactly ``width`` wide in total."""
    numeric = len(meeting.ballot_types) * (len(meeting.levels) + 2) + 4
    name = max(min(NAME_WIDTH, width * 0.3), width - INDEX_WIDTH - numeric * 16 * mm)
    each = (width - INDEX_WIDTH - name) / numeric
    return [INDEX_WIDTH, name, *([each] * numeric)]


def category_table(
    meeting: Meeting, category: CategoryResult, width: float, decimals: int = 2
) -> Table:
    s = styles()
    font = register_fonts()
    labels = meeting.level_labels
    widths = category_column_widths(meeting, width)
    font_size = 8 if widths[2] >= 9 * mm else 6.5
    cell_style = s["cell"].clone("name-cell", fontSize=font_size, leading=font_size + 2)

    top: list[str] = ["序号", "评议对象"]
    second: list[str] = ["", ""]
    spans: list[tuple[tuple[int, int], tuple[int, int]]] = [((0, 0), (0, 1)), ((1, 0), (1, 1))]
    for ballot_type in meeting.ballot_types:
        first = len(top)
        top += [f"{ballot_type.code}票(权重 {ballot_type.weight:g})"] + [""] * (len(labels) + 1)
        second += [*labels, "弃权", "得分"]
        spans.append(((first, 0), (len(top) - 1, 0)))
    first = len(top)
    top += ["综合", "", "", ""]
    second += ["得分", "好评率", "满意率", "名次"]
    spans.append(((first, 0), (len(top) - 1, 0)))

    rows: list[list[object]] = [list(top), list(second)]
    for index, target in enumerate(rank_order(category), start=1):
        row: list[object] = [str(index), Paragraph(escape(target.name), cell_style)]
        for ballot_type in meeting.ballot_types:
            figures = target.by_type[ballot_type.code]
            row += [str(figures.counts[label]) for label in labels]
            row += [str(figures.abstain), score(figures.score)]
        row += [
            score(target.score, decimals),
            percent(target.good_rate),
            percent(target.approval_rate),
            "—" if target.rank is None else str(target.rank),
        ]
        rows.append(row)

    table = Table(rows, colWidths=widths, repeatRows=2)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, font_size),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 1), HEADER_FILL),
        ("ALIGN", (0, 0), (-1, 1), "CENTER"),
        ("ALIGN", (2, 2), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [("SPAN", start, end) for start, end in spans]
    table.setStyle(TableStyle(commands))
    return table


def signature_lines() -> Table:
    font = register_fonts()
    line = "________________"
    table = Table(
        [[f"计票人(签字):{line}", f"监票人(签字):{line}", f"日期:{line}"]],
        colWidths=[85 * mm, 85 * mm, 70 * mm],
    )
    table.setStyle(
        TableStyle([("FONT", (0, 0), (-1, -1), font, 11), ("TOPPADDING", (0, 0), (-1, -1), 8 * mm)])
    )
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
        story.append(Paragraph(escape(f"{number}. {category.name}"), s["heading"]))
        story.append(category_table(meeting, category, width, tally.score_decimals()))
    levels = "/".join(f"{level.label} {level.score:g} 分" for level in meeting.levels)
    story.append(
        Paragraph(
            escape(
                f"说明:得分按“{levels}”计,弃权不计入得分;好评率为“{meeting.level_labels[0]}”"
                "所占比例,满意率为前两个等次所占比例,分母含弃权;综合得分、综合好评率和满意率为各票种"
                "按权重的加权平均;名次按未经四舍五入的综合得分排定,得分相同者名次并列;"
                "综合得分所示小数位数足以区分名次不同的单位。"
            ),
            s["small"],
        )
    )
    story.append(
        KeepTogether(
            [
                Paragraph("票数统计", s["heading"]),
                ballots_table(meeting, tally, width),
                Spacer(1, 4 * mm),
                signature_lines(),
            ]
        )
    )
    return story


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
    info = DocumentInfo(KIND_TITLE, meeting, generated_at, digest, landscape=True)
    story = results_story(info, tally, finalised_at=finalised_at, finalised_digest=finalised_digest)
    return build_pdf(info, story)
