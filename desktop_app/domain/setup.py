"""Setting a meeting up: the default template, copies, checks before running, and which edits
are safe once ballots exist.

Pure functions over :class:`~desktop_app.domain.meeting.Meeting`; the setup screen and the
store call them, so every decision about a meeting's structure is made (and tested) here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from desktop_app.domain.glyphs import describe, unprintable_fields
from desktop_app.domain.meeting import (
    DEFAULT_SPEECH_LIMIT_S,
    AgendaItem,
    AgendaKind,
    BallotType,
    Category,
    Level,
    Meeting,
    Rules,
)
from desktop_app.domain.text import translate

HALF_WORDS = ("一半", "半数", "half", "1/2")


def default_meeting(title: str = "", date: dt.date | None = None) -> Meeting:
    """A new meeting from the default six-item template (DOMAIN.md): no units yet."""
    return Meeting(
        title=title or "新建述职评议会议",
        date=date,
        venue="",
        agenda=(
            AgendaItem(AgendaKind.SPEECHES, "述职发言", DEFAULT_SPEECH_LIMIT_S),
            AgendaItem(AgendaKind.COMMENTARY, "集中点评"),
            AgendaItem(AgendaKind.FLOOR, "基层代表点评"),
            AgendaItem(AgendaKind.SPEECH, "点评讲话"),
            AgendaItem(AgendaKind.SPEECH, "总结讲话"),
            AgendaItem(AgendaKind.BALLOT, "投票评议"),
        ),
        speakers=(),
        levels=(Level("好", 100), Level("较好", 80), Level("一般", 60), Level("差", 40)),
        categories=(
            Category("县(市、区)、开发区(管理区)、市直系统", ()),
            Category("省市属高校", ()),
        ),
        ballot_types=(
            BallotType("A", "A票(市级领导、领导小组成员)", 0.4),
            BallotType("B", "B票(其他参会人员)", 0.6),
        ),
        rules=Rules(),
    )


def copy_structure(previous: Meeting, *, title: str | None = None) -> Meeting:
    """A new meeting shaped like ``previous``: same agenda, roster, levels, categories, types
    and rules; the numbers of ballots issued and collected are cleared (they belong to that
    meeting)."""
    return dataclasses.replace(
        previous,
        title=title or f"{previous.title}(副本)",
        date=None,
        ballot_types=tuple(
            dataclasses.replace(t, issued=None, collected=None) for t in previous.ballot_types
        ),
    )


def half_cap(units: int) -> int:
    """ "At most half of the units": half of ``units``, rounded down."""
    return units // 2


def parse_cap(text: str, units: int) -> int | None:
    """A cap as typed: a whole number, "一半"/"半数"/"half" (half the units), or empty (no
    cap). ValueError with a message for anything else."""
    text = text.strip()
    if not text:
        return None
    if text.lower() in HALF_WORDS:
        return half_cap(units)
    if not (text.isascii() and text.isdigit()) or len(text) > 7:  # 7 digits: MAX_BALLOTS
        raise ValueError(
            translate("Core", "上限应为整数或“一半”,实为“{text}”").format(text=text[:40])
        )
    return int(text)


@dataclass(frozen=True)
class Problem:
    """Something that stops the meeting from being run, at a field path such as
    ``categories[0].caps.好``, with how to fix it."""

    field: str
    message: str
    fix: str
    # False for what only stops the meeting from being run (an empty category, a cap above
    # the number of units): such a draft can still be saved and finished later.
    blocks_save: bool = True

    def __str__(self) -> str:
        return f"{self.field}: {self.message}({self.fix})"


def validate_meeting(meeting: Meeting) -> list[Problem]:
    """Every problem to fix before the meeting can be run; an empty list means ready."""
    return [
        *_detail_problems(meeting),
        *_agenda_problems(meeting),
        *_level_problems(meeting),
        *_category_problems(meeting),
        *_type_problems(meeting),
        *_speaker_problems(meeting),
        *_glyph_problems(meeting),
    ]


def _detail_problems(meeting: Meeting) -> list[Problem]:
    """The meeting's name."""
    problems: list[Problem] = []
    if not meeting.title.strip():
        problems.append(
            Problem("title", translate("Core", "会议名称为空"), translate("Core", "填写会议名称"))
        )
    return problems


def _agenda_problems(meeting: Meeting) -> list[Problem]:
    """Agenda items: a name, a positive limit."""
    problems: list[Problem] = []
    for i, item in enumerate(meeting.agenda):
        if not item.title.strip():
            problems.append(
                Problem(
                    f"agenda[{i}].title",
                    translate("Core", "议程名称为空"),
                    translate("Core", "填写议程名称"),
                )
            )
        if item.limit_s is not None and item.limit_s <= 0:
            problems.append(
                Problem(
                    f"agenda[{i}].limit_s",
                    translate("Core", "时限应大于 0"),
                    translate("Core", "填写正的秒数或留空"),
                )
            )
    return problems


def _level_problems(meeting: Meeting) -> list[Problem]:
    """Levels: at least one, named, unique, without the CSV's "|"."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for i, level in enumerate(meeting.levels):
        where = f"levels[{i}].label"
        if not level.label.strip():
            problems.append(
                Problem(where, translate("Core", "等次名称为空"), translate("Core", "填写等次名称"))
            )
        elif level.label in seen:
            problems.append(
                Problem(
                    where,
                    translate("Core", "等次“{label}”重复").format(label=level.label),
                    translate("Core", "改名或删除重复的等次"),
                )
            )
        elif "|" in level.label:
            problems.append(
                Problem(
                    where, translate("Core", "等次名称不能包含“|”"), translate("Core", "去掉“|”")
                )
            )
        seen.setdefault(level.label, where)
    if not meeting.levels:
        problems.append(
            Problem(
                "levels",
                translate("Core", "没有等次"),
                translate("Core", "至少添加一个等次,如“好”"),
            )
        )
    return problems


def _category_problems(meeting: Meeting) -> list[Problem]:
    """Categories, their units (unique across the meeting) and caps."""
    problems: list[Problem] = []
    if not meeting.categories:
        problems.append(
            Problem(
                "categories",
                translate("Core", "没有评议对象类别"),
                translate("Core", "至少添加一个类别"),
                blocks_save=False,
            )
        )
    category_names = Counter(c.name for c in meeting.categories)
    labels = set(meeting.level_labels)
    target_where: dict[str, str] = {}
    for i, category in enumerate(meeting.categories):
        if not category.name.strip():
            problems.append(
                Problem(
                    f"categories[{i}].name",
                    translate("Core", "类别名称为空"),
                    translate("Core", "填写类别名称"),
                )
            )
        elif category_names[category.name] > 1:
            problems.append(
                Problem(
                    f"categories[{i}].name",
                    translate("Core", "类别“{name}”重复").format(name=category.name),
                    translate("Core", "改名或合并类别"),
                )
            )
        if not category.targets:
            problems.append(
                Problem(
                    f"categories[{i}].targets",
                    translate("Core", "该类别没有评议对象"),
                    translate("Core", "添加或导入评议对象"),
                    blocks_save=False,
                )
            )
        problems += _target_problems(i, category, target_where)
        problems += _cap_problems(i, category, labels)
    return problems


def _target_problems(i: int, category: Category, seen: dict[str, str]) -> list[Problem]:
    """Category ``i``'s units: named, not named twice in the meeting (``seen``: where each
    name was first met, filled in here), not named as a ballots CSV column."""
    problems: list[Problem] = []
    for j, target in enumerate(category.targets):
        where = f"categories[{i}].targets[{j}]"
        if not target.strip():
            problems.append(
                Problem(
                    where,
                    translate("Core", "评议对象名称为空"),
                    translate("Core", "填写单位名称"),
                )
            )
        elif target in seen:
            problems.append(
                Problem(
                    where,
                    translate("Core", "评议对象“{target}”重复(已在 {where})").format(
                        target=target, where=seen[target]
                    ),
                    translate("Core", "改名或删除其中一个"),
                )
            )
        elif target in ("serial", "type", "void_reason"):
            problems.append(
                Problem(
                    where,
                    translate("Core", "评议对象不能叫“{target}”").format(target=target),
                    translate("Core", "换一个名称"),
                )
            )
        seen.setdefault(target, where)
    return problems


def _cap_problems(i: int, category: Category, labels: set[str]) -> list[Problem]:
    """Category ``i``'s caps: on a level that exists, ≥ 0, at most its number of units."""
    problems: list[Problem] = []
    for label, cap in category.caps.items():
        where = f"categories[{i}].caps.{label}"
        if label not in labels:
            problems.append(
                Problem(
                    where,
                    translate("Core", "等次“{label}”不存在").format(label=label),
                    translate("Core", "删除该上限或添加等次"),
                )
            )
        elif cap < 0:
            problems.append(
                Problem(
                    where,
                    translate("Core", "上限不能为负数"),
                    translate("Core", "填写 0 或更大的整数"),
                )
            )
        elif cap > len(category.targets):
            problems.append(
                Problem(
                    where,
                    translate("Core", "上限 {cap} 大于该类别的单位数 {units}").format(
                        cap=cap, units=len(category.targets)
                    ),
                    translate("Core", "改为不超过 {units} 的数,或留空表示不限").format(
                        units=len(category.targets)
                    ),
                    blocks_save=False,
                )
            )
    return problems


def _type_problems(meeting: Meeting) -> list[Problem]:
    """Ballot types: a unique code, a positive weight, a count issued ≥ 0."""
    problems: list[Problem] = []
    if not meeting.ballot_types:
        problems.append(
            Problem(
                "ballot_types",
                translate("Core", "没有票种"),
                translate("Core", "至少添加一种评议票,如 A 票"),
                blocks_save=False,
            )
        )
    codes = Counter(t.code for t in meeting.ballot_types)
    for i, ballot_type in enumerate(meeting.ballot_types):
        if not ballot_type.code.strip():
            problems.append(
                Problem(
                    f"ballot_types[{i}].code",
                    translate("Core", "票种代码为空"),
                    translate("Core", "填写代码,如 A"),
                )
            )
        elif codes[ballot_type.code] > 1:
            problems.append(
                Problem(
                    f"ballot_types[{i}].code",
                    translate("Core", "票种代码“{code}”重复").format(code=ballot_type.code),
                    translate("Core", "每种票用不同的代码"),
                )
            )
        if not ballot_type.weight > 0:
            problems.append(
                Problem(
                    f"ballot_types[{i}].weight",
                    translate("Core", "权重应大于 0,实为 {weight:g}").format(
                        weight=ballot_type.weight
                    ),
                    translate("Core", "填写正数,如 0.4"),
                )
            )
        if ballot_type.issued is not None and ballot_type.issued < 0:
            problems.append(
                Problem(
                    f"ballot_types[{i}].issued",
                    translate("Core", "发出票数不能为负数"),
                    translate("Core", "填写 0 或更大的整数"),
                )
            )
    return problems


def _speaker_problems(meeting: Meeting) -> list[Problem]:
    """Speakers: a unique name, a unit that is evaluated, a positive limit."""
    problems: list[Problem] = []
    targets = set(meeting.targets)
    names = Counter(s.name for s in meeting.speakers)
    for i, speaker in enumerate(meeting.speakers):
        if not speaker.name.strip():
            problems.append(
                Problem(
                    f"speakers[{i}].name",
                    translate("Core", "述职人姓名为空"),
                    translate("Core", "填写姓名"),
                )
            )
        elif names[speaker.name] > 1:
            problems.append(
                Problem(
                    f"speakers[{i}].name",
                    translate("Core", "述职人“{name}”重复").format(name=speaker.name),
                    translate("Core", "删除重复的一行,或在姓名后注明单位"),
                )
            )
        if speaker.target is not None and speaker.target not in targets:
            problems.append(
                Problem(
                    f"speakers[{i}].target",
                    translate("Core", "单位“{target}”不是评议对象").format(target=speaker.target),
                    translate("Core", "把该单位加入评议对象,或改为已有的评议对象"),
                )
            )
        if speaker.limit_s is not None and speaker.limit_s <= 0:
            problems.append(
                Problem(
                    f"speakers[{i}].limit_s",
                    translate("Core", "时限应大于 0"),
                    translate("Core", "填写正的秒数或留空"),
                )
            )
    return problems


def _glyph_problems(meeting: Meeting) -> list[Problem]:
    """Characters the document font lacks would print as blanks on the signed sheets."""
    problems: list[Problem] = []
    for field, missing in unprintable_fields(meeting):
        problems.append(
            Problem(
                field,
                translate("Core", "含有文档字体无法打印的字符 {chars}").format(
                    chars=describe(missing)
                ),
                translate("Core", "换一种写法(印出来会是空白)"),
                blocks_save=False,
            )
        )
    return problems


@dataclass(frozen=True)
class Change:
    """One difference between two versions of a meeting. ``counting``: it would change how
    entered ballots are counted, so it is refused once ballots exist."""

    field: str
    description: str
    counting: bool


def classify_changes(old: Meeting, new: Meeting) -> list[Change]:
    """Every difference from ``old`` to ``new``, each marked safe (titles, labels, posts,
    agenda, speakers, issued counts) or counting (targets, categories, levels' order and
    scores, caps, weights, types, rules).

    Levels and ballot types are matched by position, so a renamed label is a rename (marks
    refer to the level row, not its name); targets and categories are matched by name.
    """
    changes: list[Change] = []

    def safe(field: str, description: str) -> None:
        changes.append(Change(field, description, counting=False))

    def counting(field: str, description: str) -> None:
        changes.append(Change(field, description, counting=True))

    for name, label in (
        ("title", "会议名称"),
        ("date", "日期"),
        ("venue", "地点"),
        ("chair", "主持人"),
        ("attendees", "出席"),
        ("recorder", "记录人"),
    ):
        if getattr(old, name) != getattr(new, name):
            safe(name, f"{label}修改")
    if old.agenda != new.agenda:
        safe("agenda", "议程修改")
    if old.speakers != new.speakers:
        safe("speakers", "述职人修改")

    if len(old.levels) != len(new.levels):
        counting("levels", "等次的数目改变")
    else:
        for i, (la, lb) in enumerate(zip(old.levels, new.levels, strict=True)):
            if la.label != lb.label:
                safe(f"levels[{i}].label", f"等次“{la.label}”改名为“{lb.label}”")
            if la.score != lb.score:
                counting(f"levels[{i}].score", f"等次“{lb.label}”的分值改变")
    # Caps are compared by level position, so renaming a level keeps its caps.
    old_pos = {lv.label: i for i, lv in enumerate(old.levels)}
    new_pos = {lv.label: i for i, lv in enumerate(new.levels)}

    if [c.targets for c in old.categories] != [c.targets for c in new.categories]:
        counting("categories", "评议对象或其类别、顺序改变")
    if len(old.categories) != len(new.categories):
        counting("categories", "类别的数目改变")
    else:
        for i, (ca, cb) in enumerate(zip(old.categories, new.categories, strict=True)):
            if ca.name != cb.name:
                safe(f"categories[{i}].name", f"类别“{ca.name}”改名为“{cb.name}”")
            caps_a = {old_pos.get(k, -1): v for k, v in ca.caps.items()}
            caps_b = {new_pos.get(k, -1): v for k, v in cb.caps.items()}
            if caps_a != caps_b:
                counting(f"categories[{i}].caps", f"类别“{cb.name}”的上限改变")

    if len(old.ballot_types) != len(new.ballot_types):
        counting("ballot_types", "票种的数目改变")
    else:
        for i, (a, b) in enumerate(zip(old.ballot_types, new.ballot_types, strict=True)):
            if a.code != b.code:
                counting(f"ballot_types[{i}].code", f"票种代码“{a.code}”改为“{b.code}”")
            if a.label != b.label:
                safe(f"ballot_types[{i}].label", f"票种“{b.code}”的名称修改")
            if a.weight != b.weight:
                counting(f"ballot_types[{i}].weight", f"票种“{b.code}”的权重改变")
            if a.issued != b.issued:
                safe(f"ballot_types[{i}].issued", f"票种“{b.code}”的发出票数修改")

    if old.rules.multi_mark != new.rules.multi_mark:
        counting("rules.multi_mark", "多选规则改变")
    if old.rules.over_cap != new.rules.over_cap:
        counting("rules.over_cap", "超过上限规则改变")
    return changes


def counting_changes(old: Meeting, new: Meeting) -> list[Change]:
    """The changes that would alter the count of ballots already entered."""
    return [c for c in classify_changes(old, new) if c.counting]


RESULT_FIELDS = ("levels", "categories", "ballot_types", "rules")
"""What the result sheets print besides the meeting's name, date and venue: levels, units and
their categories, ballot types with their counts, the rules."""


def finalised_changes(old: Meeting, new: Meeting) -> list[Change]:
    """The changes refused while the ballots are finalised: everything that changes what a
    result sheet says, renames of levels, units, categories and ballot types, and the ballots
    issued, included (swapping the labels 好 and 差 is two renames, and changes every figure)."""
    return [
        c
        for c in classify_changes(old, new)
        if c.counting or c.field.split("[", 1)[0].split(".", 1)[0] in RESULT_FIELDS
    ]


def report_year(today: dt.date) -> int:
    """The year a new meeting reports on: the one just ended early in the year (the meeting
    is usually held in January–March), this one from July on."""
    return today.year - 1 if today.month <= 6 else today.year


_DATE_FORMS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def parse_meeting_date(text: str) -> dt.date | None:
    """A date as people write it: ``2021-01-20``, ``2021/1/20``, ``2021.1.20``,
    ``2021年1月20日``, ``20210120``; empty: None. Otherwise (also for 2021-02-30) a
    ValueError whose message, for the user, says how to write it."""
    cleaned = text.strip().replace(" ", "")
    if not cleaned:
        return None
    for form in _DATE_FORMS:
        match = form.fullmatch(cleaned)
        if match:
            year, month, day = (int(g) for g in match.groups())
            with contextlib.suppress(ValueError):  # 2021-02-30
                return dt.date(year, month, day)
            break
    raise ValueError(translate("Core", "日期应为 YYYY-MM-DD,如 2021-01-20"))
