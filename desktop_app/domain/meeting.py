"""The meeting definition: agenda, speakers, levels, categories of targets, ballot types, rules.

Plain frozen dataclasses, read from and written to the meeting JSON of FORMATS.md section 1
by :func:`meeting_from_dict` and :func:`meeting_to_dict`. Reading validates everything and
raises :class:`~desktop_app.domain.errors.DataError` naming the offending field.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desktop_app.domain.errors import DataError
from desktop_app.domain.text import QT_TRANSLATE_NOOP, translate

DEFAULT_SPEECH_LIMIT_S = 300
MINUTES_FIELDS = ("chair", "attendees", "recorder")
"""Optional meeting JSON keys for the head of the minutes: 主持人, 出席, 记录人."""

# Limits of the meeting JSON (docs/FORMATS.md section 1): far above any real meeting, low
# enough that a hostile file is refused at once, with a message naming the field, and that
# every value fits its database column.
MAX_TEXT = 200  # characters of a title, venue, name, post or label
MAX_NAME = 100  # a speaker's name
MAX_ATTENDEES = 2000  # the minutes' 出席 line: a list of posts or names
MAX_LEVEL_LABEL = 50
MAX_TYPE_CODE = 20
MAX_ITEMS = {
    "agenda": 50,
    "speakers": 1000,
    "levels": 20,
    "categories": 50,
    "targets": 1000,
    "ballot_types": 20,
}
MAX_LIMIT_S = 86_400  # a day
MAX_BALLOTS = 1_000_000  # ballots issued or collected, and caps
MAX_SCORE = 1_000_000.0  # the size of a level's score or a ballot type's weight


class AgendaKind(StrEnum):
    """What happens during an agenda item (议程)."""

    SPEECHES = "speeches"  # 述职发言: the timed speaker queue
    COMMENTARY = "commentary"  # 集中点评: the chair comments on each unit
    FLOOR = "floor"  # 基层代表点评: representatives comment
    SPEECH = "speech"  # 点评讲话 / 总结讲话: one timed speech
    BALLOT = "ballot"  # 投票评议: hand out and collect ballots


AGENDA_KIND_NAMES: dict[AgendaKind, str] = {
    AgendaKind.SPEECHES: QT_TRANSLATE_NOOP("Terms", "述职发言"),
    AgendaKind.COMMENTARY: QT_TRANSLATE_NOOP("Terms", "集中点评"),
    AgendaKind.FLOOR: QT_TRANSLATE_NOOP("Terms", "代表点评"),
    AgendaKind.SPEECH: QT_TRANSLATE_NOOP("Terms", "讲话"),
    AgendaKind.BALLOT: QT_TRANSLATE_NOOP("Terms", "投票评议"),
}
"""What each kind is called on screens and in documents (one vocabulary for all)."""


class MultiMarkRule(StrEnum):
    """What several ticks for one unit do (``rules.multi_mark``)."""

    VOID_BALLOT = "void_ballot"
    VOID_TARGET = "void_target"


class OverCapRule(StrEnum):
    """What exceeding a category's cap does (``rules.over_cap``)."""

    VOID_BALLOT = "void_ballot"
    VOID_CATEGORY = "void_category"


@dataclass(frozen=True)
class AgendaItem:
    """One item of the agenda; ``limit_s`` and ``speaker`` are optional."""

    kind: AgendaKind
    title: str
    limit_s: int | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Speaker:
    """A secretary who reports (述职人). ``written`` marks a written report only (书面述职)."""

    name: str
    post: str = ""
    target: str | None = None
    limit_s: int | None = None
    written: bool = False


@dataclass(frozen=True)
class Level:
    """A rating level (好 / 较好 / 一般 / 差) and its score."""

    label: str
    score: float


@dataclass(frozen=True)
class Category:
    """A category (类别) of evaluated units with its caps: level label -> most marks allowed."""

    name: str
    targets: tuple[str, ...]
    caps: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class BallotType:
    """A ballot type (票种), e.g. A for city leaders and B for the other attendees.

    ``issued`` and ``collected``: ballots handed out and handed back (发出 / 收回), None while
    not counted."""

    code: str
    label: str
    weight: float = 1.0
    issued: int | None = None
    collected: int | None = None


@dataclass(frozen=True)
class Rules:
    """How multi-marked units and cap breaches are treated."""

    multi_mark: MultiMarkRule = MultiMarkRule.VOID_BALLOT
    over_cap: OverCapRule = OverCapRule.VOID_BALLOT


@dataclass(frozen=True)
class Meeting:
    """A whole evaluation meeting (述职评议会议) definition.

    Levels are ordered best first. Target names are unique across the meeting. ``chair``,
    ``attendees`` and ``recorder`` (主持人, 出席, 记录人) head the minutes.
    """

    title: str
    date: dt.date | None
    venue: str
    agenda: tuple[AgendaItem, ...]
    speakers: tuple[Speaker, ...]
    levels: tuple[Level, ...]
    categories: tuple[Category, ...]
    ballot_types: tuple[BallotType, ...]
    rules: Rules = Rules()
    chair: str = ""
    attendees: str = ""
    recorder: str = ""

    @property
    def targets(self) -> tuple[str, ...]:
        """Every evaluated unit, in ballot order (category by category)."""
        return tuple(t for c in self.categories for t in c.targets)

    @property
    def level_labels(self) -> tuple[str, ...]:
        return tuple(level.label for level in self.levels)

    def category_of(self, target: str) -> Category:
        for category in self.categories:
            if target in category.targets:
                return category
        raise KeyError(target)

    def ballot_type(self, code: str) -> BallotType:
        for ballot_type in self.ballot_types:
            if ballot_type.code == code:
                return ballot_type
        raise KeyError(code)

    def speech_limit_s(self, speaker: Speaker, default_s: int = DEFAULT_SPEECH_LIMIT_S) -> int:
        """The speaker's time limit: their own, else the speeches item's, else ``default_s``
        (5 minutes unless the caller passes the one chosen in the app's settings)."""
        if speaker.limit_s is not None:
            return speaker.limit_s
        for item in self.agenda:
            if item.kind is AgendaKind.SPEECHES and item.limit_s is not None:
                return item.limit_s
        return default_s


# --- reading and writing the meeting JSON -------------------------------------------------


class _Reader:
    """Typed access to a JSON object that reports the field path of anything wrong."""

    def __init__(self, data: Any, path: str, source: str | None) -> None:
        self.path = path
        self.source = source
        if not isinstance(data, dict):
            raise self.error(translate("Core", "应为 JSON 对象 {…} / expected an object"))
        self.data: dict[str, Any] = data

    def error(self, message: str, key: str | None = None) -> DataError:
        where = self.path if key is None else (f"{self.path}.{key}" if self.path else key)
        return DataError(message, file=self.source, field=where or None)

    def sub(self, key: str, index: int | None = None) -> str:
        name = f"{self.path}.{key}" if self.path else key
        return name if index is None else f"{name}[{index}]"

    def text(
        self, key: str, *, required: bool = True, default: str = "", max_length: int = MAX_TEXT
    ) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(translate("Core", "缺少必填项 / required field is missing"), key)
            return default
        if not isinstance(value, str):
            raise self.error(
                translate("Core", "应为文字,实为 {value!r} / expected text").format(
                    value=brief(value)
                ),
                key,
            )
        value = checked_text(value, max_length, self.error, key)
        if required and not value:
            raise self.error(translate("Core", "不能为空 / must not be empty"), key)
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.text(key, required=False)
        return value or None

    def number(self, key: str, *, default: float | None = None, positive: bool = False) -> float:
        value = self.data.get(key)
        if value is None:
            if default is None:
                raise self.error(translate("Core", "缺少必填项 / required field is missing"), key)
            return default
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or (isinstance(value, float) and not math.isfinite(value))
        ):
            raise self.error(
                translate("Core", "应为数字,实为 {value!r} / expected a number").format(
                    value=brief(value)
                ),
                key,
            )
        if not -MAX_SCORE <= value <= MAX_SCORE:
            raise self.error(
                translate(
                    "Core", "数值超出范围(-{limit:g} 至 {limit:g}) / number out of range"
                ).format(limit=MAX_SCORE),
                key,
            )
        if positive and value <= 0:
            raise self.error(
                translate("Core", "应大于 0,实为 {value!r} / must be positive").format(value=value),
                key,
            )
        return float(value)

    def whole(self, key: str, *, minimum: int = 0, maximum: int = MAX_BALLOTS) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.error(
                translate(
                    "Core",
                    "应为不小于 {minimum} 的整数,实为 {value!r}"
                    " / expected a whole number ≥ {minimum}",
                ).format(minimum=minimum, value=brief(value)),
                key,
            )
        if value > maximum:
            raise self.error(
                translate("Core", "不能大于 {maximum} / must be at most {maximum}").format(
                    maximum=maximum
                ),
                key,
            )
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.error(
                translate(
                    "Core", "应为 true 或 false,实为 {value!r} / expected true or false"
                ).format(value=value),
                key,
            )
        return value

    def items(self, key: str, *, required: bool = True) -> Iterator[tuple[int, Any]]:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(translate("Core", "缺少必填项 / required field is missing"), key)
            return iter(())
        if not isinstance(value, list):
            raise self.error(translate("Core", "应为列表 […] / expected a list"), key)
        most = MAX_ITEMS.get(key)
        if most is not None and len(value) > most:
            raise self.error(
                translate("Core", "最多 {most} 项,实有 {count} 项 / too many items").format(
                    most=most, count=len(value)
                ),
                key,
            )
        return enumerate(value)

    def reject_unknown(self, allowed: Sequence[str]) -> None:
        for key in self.data:
            if key not in allowed:
                shown = shown_key(key)
                raise self.error(
                    translate("Core", "未知字段 “{key}”(可用:{allowed}) / unknown field").format(
                        key=shown, allowed=", ".join(allowed)
                    ),
                    shown,
                )


class _Shown:
    """A value's repr, cut short: ``{value!r}`` and ``{value}`` in a message both give it."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def brief(value: Any, length: int = 60) -> Any:
    """A value as a message shows it: its repr, cut short (a hostile file may hold megabytes),
    with anything unprintable escaped; lists and objects by their kind."""
    if isinstance(value, dict | list):
        return _Shown(f"<{type(value).__name__}>")
    text = ascii(value) if isinstance(value, str) and not value.isprintable() else repr(value)
    if isinstance(value, int) and len(text) > length:
        return _Shown(f"<{len(text)}-digit number>")
    return _Shown(text if len(text) <= length else text[: length - 1] + "…")


def shown_key(key: str, length: int = 40) -> str:
    """A key of the file as a field path shows it: itself, unless too long or unprintable."""
    return key if len(key) <= length and key.isprintable() else str(brief(key, length))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def checked_text(value: str, max_length: int, error: Any, key: str | None = None) -> str:
    """``value`` trimmed, or ``error(message, key)`` raised when it holds a NUL or another
    control character, a lone surrogate (not text at all), or more than ``max_length``
    characters."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise error(
            translate("Core", "含有无效字符(孤立的代理项) / contains a lone surrogate"), key
        ) from None
    if _CONTROL.search(value):
        raise error(translate("Core", "含有控制字符(如 NUL) / contains a control character"), key)
    value = value.strip()
    if len(value) > max_length:
        raise error(
            translate("Core", "最长 {most} 个字符,实有 {count} 个 / text too long").format(
                most=max_length, count=len(value)
            ),
            key,
        )
    return value


def meeting_from_dict(data: Any, *, source: str | None = None) -> Meeting:
    """Read and validate a meeting definition (FORMATS.md section 1).

    ``source`` is the file name used in error messages.
    """
    root = _Reader(data, "", source)
    root.reject_unknown(
        [
            "title",
            "date",
            "venue",
            "agenda",
            "speakers",
            "levels",
            "categories",
            "ballot_types",
            "rules",
            *MINUTES_FIELDS,
        ]
    )
    # The sections are read in this order so that, of several faults, the same one is named.
    title = root.text("title")
    date = _read_date(root)
    venue = root.text("venue", required=False)
    agenda = _read_agenda(root)
    levels = _read_levels(root)
    categories, seen_targets = _read_categories(root, [level.label for level in levels])
    ballot_types = _read_ballot_types(root)
    speakers = _read_speakers(root, seen_targets)
    rules = _read_rules(root)
    return Meeting(
        title=title,
        date=date,
        venue=venue,
        agenda=agenda,
        speakers=speakers,
        levels=levels,
        categories=categories,
        ballot_types=ballot_types,
        rules=rules,
        **{
            key: root.text(
                key, required=False, max_length=MAX_ATTENDEES if key == "attendees" else MAX_TEXT
            )
            for key in MINUTES_FIELDS
        },
    )


def _read_date(root: _Reader) -> dt.date | None:
    """The meeting's ``date``: YYYY-MM-DD, or none."""
    date_text = root.optional_text("date")
    if not date_text:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_text):
            raise ValueError(date_text)
        return dt.date.fromisoformat(date_text)
    except ValueError:
        raise root.error(
            translate(
                "Core", "日期应为 YYYY-MM-DD,实为 “{date}” / expected a date YYYY-MM-DD"
            ).format(date=date_text),
            "date",
        ) from None


def _read_agenda(root: _Reader) -> tuple[AgendaItem, ...]:
    """``agenda[i]``: the items in order, each of a known kind."""
    agenda: list[AgendaItem] = []
    for i, raw in root.items("agenda", required=False):
        r = _Reader(raw, root.sub("agenda", i), root.source)
        r.reject_unknown(["kind", "title", "limit_s", "speaker"])
        kind_text = r.text("kind")
        try:
            kind = AgendaKind(kind_text)
        except ValueError:
            allowed = ", ".join(k.value for k in AgendaKind)
            raise r.error(
                translate("Core", "未知议程类型 “{kind}”(可用:{allowed}) / unknown kind").format(
                    kind=kind_text, allowed=allowed
                ),
                "kind",
            ) from None
        agenda.append(
            AgendaItem(
                kind,
                r.text("title"),
                r.whole("limit_s", minimum=1, maximum=MAX_LIMIT_S),
                r.optional_text("speaker"),
            )
        )
    return tuple(agenda)


def _read_levels(root: _Reader) -> tuple[Level, ...]:
    """``levels[i]``: at least one, with distinct labels that hold no ``|``."""
    levels: list[Level] = []
    for i, raw in root.items("levels"):
        r = _Reader(raw, root.sub("levels", i), root.source)
        r.reject_unknown(["label", "score"])
        label = r.text("label", max_length=MAX_LEVEL_LABEL)
        if "|" in label:
            raise r.error(
                translate("Core", "等次名称不能包含 “|” / a level label cannot contain '|'"),
                "label",
            )
        if any(level.label == label for level in levels):
            raise r.error(
                translate("Core", "等次 “{label}” 重复 / duplicate level label").format(
                    label=label
                ),
                "label",
            )
        levels.append(Level(label, r.number("score")))
    if not levels:
        raise root.error(
            translate("Core", "至少需要一个等次 / at least one level is needed"), "levels"
        )
    return tuple(levels)


def _read_categories(
    root: _Reader, labels: list[str]
) -> tuple[tuple[Category, ...], dict[str, str]]:
    """``categories[i]``: at least one, with distinct names; also every target's path,
    by name (a target's name is unique across the meeting)."""
    categories: list[Category] = []
    seen_targets: dict[str, str] = {}
    for i, raw in root.items("categories"):
        r = _Reader(raw, root.sub("categories", i), root.source)
        r.reject_unknown(["name", "caps", "targets"])
        name = r.text("name")
        if any(c.name == name for c in categories):
            raise r.error(
                translate("Core", "类别 “{name}” 重复 / duplicate category name").format(name=name),
                "name",
            )
        targets = [
            _read_target(target, r.sub("targets", j), seen_targets, root.source)
            for j, target in r.items("targets")
        ]
        categories.append(Category(name, tuple(targets), _read_caps(r, labels)))
    if not categories:
        raise root.error(
            translate("Core", "至少需要一个类别 / at least one category is needed"), "categories"
        )
    return tuple(categories), seen_targets


def _read_target(target: Any, where: str, seen_targets: dict[str, str], source: str | None) -> str:
    """One name of ``categories[i].targets[j]``, recorded in ``seen_targets``."""
    if not isinstance(target, str) or not target.strip():
        raise DataError(
            translate("Core", "评议对象名称应为非空文字 / target name must be text"),
            file=source,
            field=where,
        )
    if len(seen_targets) >= MAX_ITEMS["targets"]:
        raise DataError(
            translate("Core", "评议对象最多 {most} 个 / too many targets").format(
                most=MAX_ITEMS["targets"]
            ),
            file=source,
            field=where,
        )
    target = checked_text(
        target,
        MAX_TEXT,
        lambda message, _key: DataError(message, file=source, field=where),
    )
    if target in seen_targets:
        raise DataError(
            translate("Core", "评议对象 “{target}” 重复(已在 {where}) / duplicate target").format(
                target=target, where=seen_targets[target]
            ),
            file=source,
            field=where,
        )
    if target in ("serial", "type", "void_reason"):
        raise DataError(
            translate("Core", "评议对象不能叫 “{target}” / reserved name").format(target=target),
            file=source,
            field=where,
        )
    seen_targets[target] = where
    return target


def _read_caps(r: _Reader, labels: list[str]) -> dict[str, int]:
    """A category's ``caps``: {level label: the most ballots that may give it}."""
    caps_raw = r.data.get("caps")
    if caps_raw is None:
        caps_raw = {}
    if not isinstance(caps_raw, dict):
        raise r.error(
            translate("Core", "应为 {等次: 上限} / expected an object of level: cap"), "caps"
        )
    caps: dict[str, int] = {}
    for label, cap in caps_raw.items():
        where = f"{r.sub('caps')}.{shown_key(label)}"
        if label not in labels:
            raise DataError(
                translate(
                    "Core", "上限所指等次 “{label}” 不存在(等次:{levels}) / unknown level"
                ).format(label=shown_key(label), levels=translate("Core", "、").join(labels)),
                file=r.source,
                field=where,
            )
        if isinstance(cap, bool) or not isinstance(cap, int) or not 0 <= cap <= MAX_BALLOTS:
            raise DataError(
                translate(
                    "Core",
                    "上限应为 0 至 {most} 的整数,实为 {cap} / cap must be a whole number",
                ).format(cap=brief(cap), most=MAX_BALLOTS),
                file=r.source,
                field=where,
            )
        caps[label] = cap
    return caps


def _read_ballot_types(root: _Reader) -> tuple[BallotType, ...]:
    """``ballot_types[i]``: at least one, with distinct codes."""
    ballot_types: list[BallotType] = []
    for i, raw in root.items("ballot_types"):
        r = _Reader(raw, root.sub("ballot_types", i), root.source)
        r.reject_unknown(["code", "label", "weight", "issued", "collected"])
        code = r.text("code", max_length=MAX_TYPE_CODE)
        if any(t.code == code for t in ballot_types):
            raise r.error(
                translate("Core", "票种代码 “{code}” 重复 / duplicate ballot type code").format(
                    code=code
                ),
                "code",
            )
        ballot_types.append(
            BallotType(
                code,
                r.text("label", required=False, default=code),
                r.number("weight", default=1.0, positive=True),
                r.whole("issued"),
                r.whole("collected"),
            )
        )
    if not ballot_types:
        raise root.error(
            translate("Core", "至少需要一种评议票 / at least one ballot type is needed"),
            "ballot_types",
        )
    return tuple(ballot_types)


def _read_speakers(root: _Reader, seen_targets: Mapping[str, str]) -> tuple[Speaker, ...]:
    """``speakers[i]``: each one's unit, if given, is a target of the meeting."""
    speakers: list[Speaker] = []
    for i, raw in root.items("speakers", required=False):
        r = _Reader(raw, root.sub("speakers", i), root.source)
        r.reject_unknown(["name", "post", "target", "limit_s", "written"])
        target = r.optional_text("target")
        if target is not None and target not in seen_targets:
            raise r.error(
                translate("Core", "述职单位 “{target}” 不是本会议的评议对象 / not a target").format(
                    target=target
                ),
                "target",
            )
        speakers.append(
            Speaker(
                r.text("name", max_length=MAX_NAME),
                r.text("post", required=False),
                target,
                r.whole("limit_s", minimum=1, maximum=MAX_LIMIT_S),
                r.flag("written"),
            )
        )
    return tuple(speakers)


def _read_rules(root: _Reader) -> Rules:
    """``rules``: how a ballot with too many marks, or over a cap, counts."""
    rules = Rules()
    if root.data.get("rules") is None:
        return rules
    r = _Reader(root.data["rules"], "rules", root.source)
    r.reject_unknown(["multi_mark", "over_cap"])
    try:
        rules = Rules(
            MultiMarkRule(
                r.text("multi_mark", required=False, default=MultiMarkRule.VOID_BALLOT.value)
            ),
            rules.over_cap,
        )
    except ValueError:
        raise r.error(translate("Core", "应为 void_ballot 或 void_target"), "multi_mark") from None
    try:
        rules = Rules(
            rules.multi_mark,
            OverCapRule(r.text("over_cap", required=False, default=OverCapRule.VOID_BALLOT.value)),
        )
    except ValueError:
        raise r.error(translate("Core", "应为 void_ballot 或 void_category"), "over_cap") from None
    return rules


def _number(value: float) -> int | float:
    """Write whole numbers without a trailing .0, as people write them."""
    return int(value) if float(value).is_integer() else value


def meeting_to_dict(meeting: Meeting) -> dict[str, Any]:
    """The meeting as FORMATS.md section 1 JSON; :func:`meeting_from_dict` reads it back."""
    agenda: list[dict[str, Any]] = []
    for item in meeting.agenda:
        entry: dict[str, Any] = {"kind": item.kind.value, "title": item.title}
        if item.limit_s is not None:
            entry["limit_s"] = item.limit_s
        if item.speaker is not None:
            entry["speaker"] = item.speaker
        agenda.append(entry)
    speakers: list[dict[str, Any]] = []
    for speaker in meeting.speakers:
        entry = {"name": speaker.name, "post": speaker.post}
        if speaker.target is not None:
            entry["target"] = speaker.target
        if speaker.limit_s is not None:
            entry["limit_s"] = speaker.limit_s
        if speaker.written:
            entry["written"] = True
        speakers.append(entry)
    minutes = {key: getattr(meeting, key) for key in MINUTES_FIELDS if getattr(meeting, key)}
    return {
        "title": meeting.title,
        "date": meeting.date.isoformat() if meeting.date else None,
        "venue": meeting.venue,
        "agenda": agenda,
        "speakers": speakers,
        "levels": [{"label": lv.label, "score": _number(lv.score)} for lv in meeting.levels],
        "categories": [
            {"name": c.name, "caps": dict(c.caps), "targets": list(c.targets)}
            for c in meeting.categories
        ],
        "ballot_types": [
            {
                "code": t.code,
                "label": t.label,
                "weight": _number(t.weight),
                "issued": t.issued,
                "collected": t.collected,
            }
            for t in meeting.ballot_types
        ],
        "rules": {
            "multi_mark": meeting.rules.multi_mark.value,
            "over_cap": meeting.rules.over_cap.value,
        },
        **minutes,
    }
