"""会议记录: the minutes, made after the meeting from what the run screen recorded.

Portrait A4. The head (时间, 地点, 主持人, 出席, 记录人); the agenda items with their actual
start, end and length (each stretch of an item the operator went back to, and their total);
every speaker's start, speaking time, pauses, limit, overtime and status, with counts that add
up (口头 + 书面 + 缺席 + 跳过 + 未发言 = 述职人); the comments grouped by agenda item and unit,
each under who made it (a commentary item's speaker speaks for the comments typed under it);
the ballots per type with any warning. Clock times are shown in the time zone of
``generated_at`` (the machine's own when it has none), and the zone is printed; durations are
m:ss.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from desktop_app.domain.figures import chinese_date
from desktop_app.domain.meeting import AGENDA_KIND_NAMES, AgendaKind, Meeting
from desktop_app.domain.records import Comment
from desktop_app.domain.speech_clock import format_clock
from desktop_app.domain.tally import Tally
from desktop_app.domain.timing import SPEAKER_STATUS_NAMES, ItemTiming, SpeakerStatus, SpeakerTiming
from desktop_app.reports.common import (
    GRID,
    HEADER_FILL,
    RED,
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

KIND_TITLE = "会议记录"
NOT_RECORDED = "未记录"
NOT_FILLED = "(未填写)"


# --- figures as printed (shared with the feedback sheets) --------------------------------


def clock_time(at: dt.datetime | None, zone: dt.tzinfo | None) -> str:
    """``09:03:27`` in ``zone`` (None: the machine's), or 未记录."""
    if at is None:
        return NOT_RECORDED
    return at.astimezone(zone).strftime("%H:%M:%S")


def display_zone(generated_at: dt.datetime) -> dt.tzinfo | None:
    """Clock times are shown where the document is made."""
    return generated_at.tzinfo


def length(seconds: float | None) -> str:
    """``m:ss`` (``75:00`` past the hour: one way for every duration), rounded down, or
    未记录."""
    if seconds is None:
        return NOT_RECORDED
    whole = int(seconds + 1e-9)
    return f"{whole // 60}:{whole % 60:02d}"


def zone_name(zone: dt.tzinfo | None, at: dt.datetime) -> str:
    """``UTC+08:00``: the zone clock times are shown in (None: the machine's), at ``at``."""
    offset = (at.astimezone(zone) if at.tzinfo else at.astimezone()).utcoffset() or dt.timedelta()
    sign = "-" if offset < dt.timedelta() else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def overtime(seconds: float) -> str:
    """``+0:12`` as the projector shows it; ``—`` when within the limit."""
    if seconds < 1:
        return "—"
    return "+" + format_clock(seconds, round_up=False)


def status_text(timing: SpeakerTiming) -> str:
    return SPEAKER_STATUS_NAMES[SpeakerStatus(timing.status)]


def _table(
    rows: list[list[object]], widths: list[float], extra: Sequence[tuple[object, ...]] = ()
) -> Table:
    font = register_fonts()
    table = Table(rows, colWidths=widths, repeatRows=1)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, 9),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    table.setStyle(TableStyle([*commands, *extra]))
    return table


def agenda_table(items: Sequence[ItemTiming], zone: dt.tzinfo | None, width: float) -> Table:
    """One row per item. An item that ran in several stretches (the operator went back to
    it) shows each stretch's start and end, one a line, and their total as its length."""
    cell = styles()["cell"].clone("agenda-cell", fontSize=9, leading=12)
    centred = cell.clone("agenda-times", alignment=1)
    rows: list[list[object]] = [["序号", "议程", "类型", "开始", "结束", "用时"]]
    for item in items:
        start: object = clock_time(item.start, zone)
        end: object = clock_time(item.end, zone)
        used: object = length(item.length_s)
        # A stretch of a moment is an item passed through on the way (Ctrl+→ twice): it
        # adds nothing and is not listed.
        held = [i for i in item.intervals if i.length_s is None or i.length_s >= 1]
        if len(held) == 1:
            start, end = clock_time(held[0].start, zone), clock_time(held[0].end, zone)
        elif len(held) > 1:
            start = Paragraph("<br/>".join(clock_time(i.start, zone) for i in held), centred)
            end = Paragraph("<br/>".join(clock_time(i.end, zone) for i in held), centred)
            used = Paragraph(
                f"{length(item.length_s)}<br/><font size=7>共 {len(held)} 段</font>", centred
            )
        rows.append(
            [
                str(item.index + 1),
                Paragraph(escape(item.title), cell),
                AGENDA_KIND_NAMES[item.kind],
                start,
                end,
                used,
            ]
        )
    fixed = [12 * mm, 22 * mm, 25 * mm, 25 * mm, 22 * mm]
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    return _table(rows, widths, [("ALIGN", (1, 1), (1, -1), "LEFT")])


def speakers_table(
    meeting: Meeting, timings: Sequence[SpeakerTiming], zone: dt.tzinfo | None, width: float
) -> Table:
    cell = styles()["cell"].clone("speaker-cell", fontSize=9, leading=11)
    posts = {s.name: s.post for s in meeting.speakers}
    rows: list[list[object]] = [
        ["序号", "述职人", "单位", "开始", "发言用时", "暂停", "时限", "超时", "状态"]
    ]
    red: list[tuple[object, ...]] = []
    for number, timing in enumerate(timings, start=1):
        name = escape(timing.name)
        if posts.get(timing.name):
            name += f"<br/><font size=7>{escape(posts[timing.name])}</font>"
        spoken = timing.status == SpeakerStatus.SPOKEN
        rows.append(
            [
                str(number),
                Paragraph(name, cell),
                Paragraph(escape(timing.target or "—"), cell),
                clock_time(timing.start, zone) if spoken else "—",
                length(timing.spoken_s) if spoken else "—",
                length(timing.paused_s) if spoken and timing.paused_s >= 1 else "—",
                "—" if timing.written else length(timing.limit_s),
                overtime(timing.overtime_s) if spoken else "—",
                status_text(timing),
            ]
        )
        if spoken and timing.overtime_s >= 1:
            red.append(("TEXTCOLOR", (7, number), (7, number), RED))
    fixed = [10 * mm, 34 * mm, 0.0, 18 * mm, 18 * mm, 15 * mm, 15 * mm, 15 * mm, 18 * mm]
    fixed[2] = width - sum(fixed)
    return _table(rows, fixed, [("ALIGN", (1, 1), (2, -1), "LEFT"), *red])


def comment_groups(
    meeting: Meeting, comments: Sequence[Comment]
) -> list[tuple[str, list[Comment]]]:
    """Comments by agenda item (in agenda order, then those of no item), then by unit
    (in ballot order, general remarks first); each group's heading and comments."""
    items: list[int | None] = [*range(len(meeting.agenda)), None]
    targets: list[str | None] = [None, *meeting.targets]
    groups: list[tuple[str, list[Comment]]] = []
    placed: set[int] = set()
    for index in items:
        for target in targets:
            group = [
                c
                for c in comments
                if c.agenda_index == index and c.target == target and id(c) not in placed
            ]
            if not group:
                continue
            placed.update(id(c) for c in group)
            item = meeting.agenda[index].title if index is not None else ""
            heading = " · ".join(part for part in (item, target or "") if part) or "其他"
            groups.append((heading, group))
    rest = [c for c in comments if id(c) not in placed]  # about units no longer in the meeting
    if rest:
        groups.append(("其他", rest))
    return groups


def comment_speaker(meeting: Meeting, comment: Comment) -> str | None:
    """Who made an unsigned comment: the speaker of the commentary (or speech) item it was
    typed under, when the item names one."""
    if comment.agenda_index is None or not 0 <= comment.agenda_index < len(meeting.agenda):
        return None
    item = meeting.agenda[comment.agenda_index]
    if item.kind in (AgendaKind.COMMENTARY, AgendaKind.SPEECH):
        return item.speaker
    return None


def head_table(
    meeting: Meeting, items: Sequence[ItemTiming], zone: dt.tzinfo | None, width: float
) -> Table:
    """时间, 地点, 主持人, 出席, 记录人: the head of the minutes (未记录 where not set)."""
    cell = styles()["base"].clone("head-cell", fontSize=10.5, leading=15)
    starts = [i.start for i in items if i.start is not None]
    ends = [i.end for i in items if i.end is not None]
    when = chinese_date(meeting.date) if meeting.date else ""
    if starts:
        when += f" {clock_time(min(starts), zone)[:5]}"
        if ends:
            when += f"—{clock_time(max(ends), zone)[:5]}"
        when += f"({zone_name(zone, min(starts))})"
    rows = [
        ("时间", when.strip() or NOT_RECORDED),
        ("地点", meeting.venue or NOT_RECORDED),
        ("主持人", meeting.chair or NOT_FILLED),
        ("出席", meeting.attendees or NOT_FILLED),
        ("记录人", meeting.recorder or NOT_FILLED),
    ]
    table = Table(
        [[label, Paragraph(escape(value), cell)] for label, value in rows],
        colWidths=[22 * mm, width - 22 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), register_fonts(), 10.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def speaker_counts(timings: Sequence[SpeakerTiming]) -> str:
    """``述职人 22 名:口头述职 18 名(合计 95:12,超时 3 名),书面述职 2 名,缺席 1 名,跳过 0 名,
    未发言 1 名。`` — every status counted, so the parts add up to the whole."""
    by_status = {status: [t for t in timings if t.status == status] for status in SpeakerStatus}
    spoken = by_status[SpeakerStatus.SPOKEN]
    over = [t for t in spoken if t.overtime_s >= 1]
    parts = [
        f"口头述职 {len(spoken)} 名(合计 {length(sum(t.spoken_s for t in spoken))},"
        f"超时 {len(over)} 名)",
        f"书面述职 {len(by_status[SpeakerStatus.WRITTEN])} 名",
        f"缺席 {len(by_status[SpeakerStatus.ABSENT])} 名",
        f"跳过 {len(by_status[SpeakerStatus.SKIPPED])} 名",
        f"未发言 {len(by_status[SpeakerStatus.NOT_SPOKEN])} 名",
    ]
    return f"述职人 {len(timings)} 名:" + ",".join(parts) + "。"


def comment_paragraph(comment: Comment, speaker: str | None = None) -> Paragraph:
    """A comment under its author's name; ``speaker`` stands for an unsigned comment (the
    commentary item's speaker, who made every comment typed under that item)."""
    s = styles()
    style = s["body"].clone("comment", leftIndent=4 * mm, spaceAfter=1.5 * mm)
    who = comment.author or speaker or "(未署名)"
    if comment.author_identity:
        who += f"({comment.author_identity})"
    return Paragraph(f"<b>{escape(who)}</b>:{escape(comment.text)}", style)


def minutes_story(
    info: DocumentInfo,
    tally: Tally,
    timings: Sequence[SpeakerTiming],
    items: Sequence[ItemTiming],
    comments: Sequence[Comment],
) -> list[Flowable]:
    s = styles()
    meeting = info.meeting
    width = frame_width(info)
    zone = display_zone(info.generated_at)
    story: list[Flowable] = [*title_block(info), head_table(meeting, items, zone, width)]

    story.append(Paragraph("一、议程", s["heading"]))
    if items:
        moment = next((i.start for i in items if i.start is not None), info.generated_at)
        story.append(
            Paragraph(escape(f"时刻为 {zone_name(zone, moment)},用时为“分:秒”。"), s["small"])
        )
        story.append(agenda_table(items, zone, width))
    else:
        story.append(Paragraph("本次会议未设议程。", s["body"]))

    story.append(Paragraph("二、述职发言", s["heading"]))
    if timings:
        story.append(Paragraph(escape(speaker_counts(timings)), s["body"]))
        story.append(speakers_table(meeting, timings, zone, width))
    else:
        story.append(Paragraph("本次会议未安排述职人。", s["body"]))

    story.append(Paragraph("三、点评", s["heading"]))
    groups = comment_groups(meeting, comments)
    if not groups:
        story.append(Paragraph(NOT_RECORDED + "。", s["body"]))
    group_style = s["base"].clone("group", fontSize=11, spaceBefore=2 * mm, keepWithNext=1)
    for heading, group in groups:
        story.append(Paragraph(f"<b>{escape(heading)}</b>", group_style))
        story.extend(comment_paragraph(c, comment_speaker(meeting, c)) for c in group)

    story.append(Paragraph("四、投票评议", s["heading"]))
    story.extend(warning_lines(tally))
    story.append(ballots_table(meeting, tally, width))
    return story


def minutes_pdf(
    meeting: Meeting,
    tally: Tally,
    timings: list[SpeakerTiming],
    items: list[ItemTiming],
    comments: list[Comment],
    *,
    generated_at: dt.datetime,
    digest: str | None,
) -> bytes:
    """The minutes as PDF bytes."""
    info = DocumentInfo(KIND_TITLE, meeting, generated_at, digest)
    return build_pdf(info, minutes_story(info, tally, timings, items, comments))
