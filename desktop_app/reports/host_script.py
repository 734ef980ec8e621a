"""主持词: the host script, in the structure of the real one, filled with this meeting.

Portrait A4. The opening and the meeting's task, the agenda announced in order ("会议共有 N
项议程:一是…"), then one passage per agenda item in the meeting's order, whatever its kind
and however often a kind occurs, and "散会". What the host says is set large for reading
aloud; stage directions (the speaking order, the numbers of ballots to hand out, "…………"
where speeches and comments happen) are small and grey, so the host does not read them out.

The text is built first as :class:`ScriptLine` values (:func:`script_lines`), then laid out;
"××" appears only where the meeting does not say (a speech item without a speaker, a
speeches item without speakers).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import Enum

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from desktop_app.domain.ballot_wording import cap_clause, void_rule
from desktop_app.domain.meeting import (
    DEFAULT_SPEECH_LIMIT_S,
    AgendaItem,
    AgendaKind,
    BallotType,
    Meeting,
    Speaker,
)
from desktop_app.domain.speech_clock import duration_text
from desktop_app.reports.common import DocumentInfo, build_pdf, escape, styles, title_block

KIND_TITLE = "主持词"
UNKNOWN = "××"  # a value the meeting does not give, written as the original script masks it
PAUSE = "…………"  # where others speak, or where the host fills in words of their own
BLANK = "____"  # a number to be written in by hand
GREY = "#6b6b6b"

_DIGITS = "零一二三四五六七八九"


class Voice(Enum):
    """Who a line is for: the host reads it aloud, or it is a direction to them."""

    ITEM = "item"  # the marker of an agenda item, e.g. 【议程一 述职发言】
    HOST = "host"  # words the host says
    DIRECTION = "direction"  # a stage direction: speaking order, pauses, numbers to check


@dataclass(frozen=True)
class ScriptLine:
    """One paragraph of the script; ``fill`` is a grey blank after the host's words."""

    voice: Voice
    text: str
    fill: str = ""


# --- words for numbers and times ----------------------------------------------------------


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 21 → 二十一 (1–99; other numbers as digits)."""
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def chinese_count(n: int) -> str:
    """A number before a measure word: 两 rather than 二 for 2 (两类, 两种)."""
    return "两" if n == 2 else chinese_number(n)


# --- the pieces of the script -------------------------------------------------------------


def speaker_call(speaker: Speaker) -> str:
    """How the host names a speaker: post and name, e.g. 临海市委书记周明."""
    return f"{speaker.post}{speaker.name}"


def written_unit(speaker: Speaker) -> str:
    """What a written report is announced by: the unit, else the post, else the person."""
    return speaker.target or speaker.post or f"{speaker.name}同志"


def agenda_sentence(meeting: Meeting) -> str:
    """会议共有 6 项议程:一是述职发言,二是集中点评,……"""
    parts = [f"{chinese_number(n)}是{item.title}" for n, item in enumerate(meeting.agenda, start=1)]
    return f"会议共有 {len(meeting.agenda)} 项议程:" + ",".join(parts) + "。"


def item_opening(meeting: Meeting, number: int, item: AgendaItem) -> str:
    total = len(meeting.agenda)
    if number == total and total > 1:
        return f"现在,进行最后一项议程:{item.title}。"
    return f"下面,进行第{chinese_number(number)}项议程:{item.title}。"


def speech_limits(meeting: Meeting, item: AgendaItem, spoken: list[Speaker]) -> str:
    """述职时间每人不超过 5 分钟, naming anyone whose own limit differs from the rule."""

    def limit(speaker: Speaker) -> int:
        if speaker.limit_s is not None:
            return speaker.limit_s
        if item.limit_s is not None:
            return item.limit_s
        return meeting.speech_limit_s(speaker)

    if not spoken:
        return f"述职时间每人不超过 {duration_text(item.limit_s or DEFAULT_SPEECH_LIMIT_S)}。"
    # The rule is the limit most speakers have (on a tie, the earlier speaker's); the rest
    # are named after it.
    limits = [limit(s) for s in spoken]
    counts = Counter(limits)
    rule = max(limits, key=counts.__getitem__)
    text = f"述职时间每人不超过 {duration_text(rule)}"
    exceptions = [
        f"{speaker_call(s)}同志不超过 {duration_text(seconds)}"
        for s, seconds in zip(spoken, limits, strict=True)
        if seconds != rule
    ]
    if exceptions:
        text += "(其中" + "、".join(exceptions) + ")"
    return text + "。"


def speeches_lines(
    meeting: Meeting, number: int, item: AgendaItem, *, first: bool
) -> list[ScriptLine]:
    """The report speeches: the limit, who starts, the order, then the written reports.

    The speaker queue is the meeting's; it is read out at the first speeches item. A further
    speeches item (a second session) only announces itself and the limit.
    """
    spoken = [s for s in meeting.speakers if not s.written] if first else []
    written = [s for s in meeting.speakers if s.written] if first else []
    host = item_opening(meeting, number, item) + "请各位书记依次进行述职。"
    host += speech_limits(meeting, item, spoken)
    if spoken:
        lead = spoken[0]
        host += f"首先,请{speaker_call(lead)}同志述职"
        if len(spoken) > 1:
            host += f",{lead.name}同志述职结束后,请其他同志依次述职"
        host += "。"
    elif first and not written:
        host += f"首先,请{UNKNOWN}同志述职。"
    lines = [ScriptLine(Voice.HOST, host)]
    if len(spoken) > 1:
        order = "、".join(speaker_call(s) for s in spoken)
        lines.append(ScriptLine(Voice.DIRECTION, f"(发言顺序:{order})"))
    if spoken or not written:
        lines.append(ScriptLine(Voice.DIRECTION, PAUSE))
    if written:
        units = "、".join(written_unit(s) for s in written)
        words = f"由于时间关系,{item.title}就到这里。" if spoken else ""
        words += f"{units}的述职报告共 {len(written)} 份,会前已经印发,不再作口头述职。"
        lines.append(ScriptLine(Voice.HOST, words))
    return lines


def commentary_order(meeting: Meeting) -> list[str]:
    """Every evaluated unit: those that spoke in speaking order, then the rest in ballot order."""
    spoken = [s.target for s in meeting.speakers if not s.written and s.target]
    order = [t for t in dict.fromkeys(spoken) if t in meeting.targets]
    return order + [t for t in meeting.targets if t not in order]


def commentary_lines(meeting: Meeting, number: int, item: AgendaItem) -> list[ScriptLine]:
    host = item_opening(meeting, number, item)
    if any(earlier.kind is AgendaKind.SPEECHES for earlier in meeting.agenda[: number - 1]):
        host += "从刚才的述职情况看,大家高度重视,讲问题实事求是、谈责任不推不避、谋措施立足长远。"
    lines = [ScriptLine(Voice.HOST, host + "下面,我逐一作个点评。")]
    lines += [ScriptLine(Voice.HOST, f"{unit}:", PAUSE) for unit in commentary_order(meeting)]
    return lines


def floor_lines(meeting: Meeting, number: int, item: AgendaItem) -> list[ScriptLine]:
    host = item_opening(meeting, number, item) + "请受邀参会的基层党员干部群众代表作点评发言。"
    if item.limit_s is not None:
        host += f"每位代表发言不超过 {duration_text(item.limit_s)}。"
    return [ScriptLine(Voice.HOST, host), ScriptLine(Voice.DIRECTION, PAUSE)]


def speech_lines(meeting: Meeting, number: int, item: AgendaItem) -> list[ScriptLine]:
    host = item_opening(meeting, number, item) + f"请{item.speaker or UNKNOWN}讲话。"
    lines = [ScriptLine(Voice.HOST, host)]
    if item.limit_s is not None:
        lines.append(ScriptLine(Voice.DIRECTION, f"(讲话约 {duration_text(item.limit_s)})"))
    lines.append(ScriptLine(Voice.DIRECTION, PAUSE))
    return lines


def ballot_type_name(ballot_type: BallotType) -> str:
    """A票(市委常委、…): the label when it names the type, else code and label."""
    code = f"{ballot_type.code}票"
    label = ballot_type.label.strip()
    if label.startswith(code):
        return label
    if label in ("", ballot_type.code):
        return code
    return f"{code}({label})"


def issued_direction(meeting: Meeting) -> str:
    """(发出 A票 30 张、B票 160 张,共 190 张); a blank for any number not yet known."""
    parts = [
        f"{t.code}票 {t.issued if t.issued is not None else BLANK} 张" for t in meeting.ballot_types
    ]
    text = "(发出 " + "、".join(parts)
    known = [t.issued for t in meeting.ballot_types if t.issued is not None]
    if len(meeting.ballot_types) > 1 and len(known) == len(meeting.ballot_types):
        text += f",共 {sum(known)} 张"
    return text + ")"


def ballot_rules(meeting: Meeting) -> str:
    """The ballot types, the categories with their caps, the levels and what spoils a ballot."""
    types = meeting.ballot_types
    if len(types) == 1:
        text = f"本次评议票为{ballot_type_name(types[0])}。"
    else:
        codes = "、".join(t.code for t in types)
        names = ",".join(ballot_type_name(t) for t in types)
        text = f"评议票分 {codes} {chinese_count(len(types))}种:{names}。"

    categories = meeting.categories
    parts = []
    for index, category in enumerate(categories):
        if len(categories) == 1:
            lead = "评议对象为"
        elif len(categories) == 2:
            lead = "一类为" if index == 0 else "另一类为"
        else:
            lead = f"第{chinese_number(index + 1)}类为"
        part = f"{lead}{category.name},共 {len(category.targets)} 家单位"
        if category.caps:
            part += "," + cap_clause(meeting, category)
        parts.append(part)
    if len(categories) == 1:
        text += "每种评议票的" + parts[0] + "。"
    else:
        text += f"每种评议票的评议对象分为{chinese_count(len(categories))}类:"
        text += ";".join(parts) + "。"

    levels = "、".join(meeting.level_labels)
    text += (
        f"评价等次分“{levels}”{chinese_count(len(meeting.levels))}档,"
        "选择哪一档,就在对应的栏目里划“√”," + void_rule(meeting) + "。"
    )
    return text


def ballot_lines(meeting: Meeting, number: int, item: AgendaItem) -> list[ScriptLine]:
    names = "和".join(c.name for c in meeting.categories)
    last = number == len(meeting.agenda)
    return [
        ScriptLine(
            Voice.HOST,
            item_opening(meeting, number, item)
            + f"对{names}党组织书记抓基层党建工作情况进行评议。",
        ),
        ScriptLine(Voice.HOST, "请工作人员发票。"),
        ScriptLine(Voice.DIRECTION, issued_direction(meeting)),
        ScriptLine(Voice.HOST, "请大家检查一下,是否都有评议票了?"),
        ScriptLine(Voice.DIRECTION, PAUSE),
        ScriptLine(Voice.HOST, ballot_rules(meeting)),
        ScriptLine(Voice.HOST, "现在,开始填票。"),
        ScriptLine(Voice.DIRECTION, PAUSE),
        ScriptLine(
            Voice.HOST,
            "大家填写好了就开始投票,投完票的就可以离席。"
            if last
            else "大家填写好了就请投票,投完票后请回到座位。",
        ),
        ScriptLine(Voice.DIRECTION, PAUSE),
    ]


def script_lines(meeting: Meeting) -> list[ScriptLine]:
    """The whole host script, line by line, in the meeting's agenda order."""
    lines = [
        ScriptLine(Voice.HOST, "同志们:"),
        ScriptLine(
            Voice.HOST,
            f"今天召开{meeting.title}。这次会议的主要任务是,听取党委(党组)书记抓基层党建"
            "工作述职并进行评议,进一步聚焦问题、压实责任、强化整改,推动基层党建工作全面进步、"
            "全面过硬。",
        ),
        ScriptLine(Voice.HOST, "参加今天会议的有:", PAUSE + "(按到会情况介绍)"),
    ]
    if meeting.agenda:
        lines.append(ScriptLine(Voice.HOST, agenda_sentence(meeting)))
    first_speeches = True
    for number, item in enumerate(meeting.agenda, start=1):
        lines.append(ScriptLine(Voice.ITEM, f"【议程{chinese_number(number)} {item.title}】"))
        if item.kind is AgendaKind.SPEECHES:
            lines += speeches_lines(meeting, number, item, first=first_speeches)
            first_speeches = False
        elif item.kind is AgendaKind.COMMENTARY:
            lines += commentary_lines(meeting, number, item)
        elif item.kind is AgendaKind.FLOOR:
            lines += floor_lines(meeting, number, item)
        elif item.kind is AgendaKind.SPEECH:
            lines += speech_lines(meeting, number, item)
        elif item.kind is AgendaKind.BALLOT:
            lines += ballot_lines(meeting, number, item)
    if not meeting.agenda or meeting.agenda[-1].kind is not AgendaKind.BALLOT:
        lines.append(ScriptLine(Voice.HOST, "今天的会议议程已全部完成。"))
    lines.append(ScriptLine(Voice.HOST, "散会。"))
    return lines


# --- layout -------------------------------------------------------------------------------


def _paragraph_styles() -> dict[Voice, ParagraphStyle]:
    s = styles()
    host = s["base"].clone("host", fontSize=14, leading=24, firstLineIndent=28, spaceAfter=1.5 * mm)
    direction = s["small"].clone(
        "direction",
        fontSize=10,
        leading=15,
        textColor=colors.HexColor(GREY),
        leftIndent=28,
        spaceBefore=0,
        spaceAfter=2 * mm,
    )
    item = s["small"].clone(
        "item",
        fontSize=10,
        leading=14,
        textColor=colors.HexColor(GREY),
        spaceBefore=4 * mm,
        spaceAfter=1 * mm,
        keepWithNext=1,
    )
    return {Voice.HOST: host, Voice.DIRECTION: direction, Voice.ITEM: item}


def _fill_markup(fill: str) -> str:
    return f'<font color="{GREY}" size="10">{escape(fill)}</font>'


def script_story(meeting: Meeting) -> list[Flowable]:
    paragraph_styles = _paragraph_styles()
    story: list[Flowable] = []
    for line in script_lines(meeting):
        markup = escape(line.text)
        if line.fill:
            markup += _fill_markup(line.fill)
        story.append(Paragraph(markup, paragraph_styles[line.voice]))
    return story


def host_script_pdf(meeting: Meeting, *, generated_at: dt.datetime) -> bytes:
    """The host script (主持词) of the meeting, ready to print before it starts."""
    info = DocumentInfo(KIND_TITLE, meeting, generated_at)
    return build_pdf(info, [*title_block(info), *script_story(meeting)])
