"""The roster (名单) staff keep in a spreadsheet: speakers and the units they report for.

A roster is a table of text cells (read from .xlsx or CSV by the store). This module finds
the header row, guesses which column holds which field, reads every row and lists every
problem by row and column, then applies a clean roster to a meeting. Nothing here reads
files: the caller hands over the cells, so the checks are plain functions, unit-tested.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import (
    MAX_LIMIT_S,
    MAX_NAME,
    MAX_TEXT,
    Category,
    Meeting,
    Speaker,
    checked_text,
)
from desktop_app.domain.setup import parse_cap
from desktop_app.domain.text import translate


class RosterField(StrEnum):
    """A column of the roster, by what it holds."""

    NAME = "name"  # 姓名 of the speaker
    POST = "post"  # 职务
    TARGET = "target"  # 单位: the evaluated unit
    CATEGORY = "category"  # 类别
    LIMIT = "limit_s"  # 时限(秒)
    WRITTEN = "written"  # 书面述职
    CAP = "cap"  # the category's cap on the best level (a number or 一半)


FIELD_LABELS: dict[RosterField, str] = {
    RosterField.NAME: "姓名",
    RosterField.POST: "职务",
    RosterField.TARGET: "单位",
    RosterField.CATEGORY: "类别",
    RosterField.LIMIT: "时限(秒)",
    RosterField.WRITTEN: "书面述职",
    RosterField.CAP: "“好”上限",
}
REQUIRED = (RosterField.TARGET,)
# Header words that name each field (compared after removing spaces), first is canonical.
HEADER_WORDS: dict[RosterField, tuple[str, ...]] = {
    RosterField.NAME: ("姓名", "述职人", "名字", "name"),
    RosterField.POST: ("职务", "职位", "post"),
    RosterField.TARGET: ("单位", "评议对象", "述职单位", "target", "unit"),
    RosterField.CATEGORY: ("类别", "分类", "category"),
    RosterField.LIMIT: ("时限(秒)", "时限(秒)", "时限", "limit_s", "limit"),
    RosterField.WRITTEN: ("书面述职", "书面", "written"),
    RosterField.CAP: ("“好”上限", "上限", "好票上限", "cap"),
}
YES = ("是", "√", "✓", "y", "yes", "true", "1", "书面", "书面述职")
NO = ("", "否", "n", "no", "false", "0", "×")
HEADER_SEARCH_ROWS = 5


@dataclass(frozen=True)
class RosterProblem:
    """A problem in the roster file, by spreadsheet row (header = its own row) and column."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return translate("Core", "第 {row} 行,“{column}”列:{message}").format(
                row=self.row, column=self.column, message=self.message
            )
        if self.row is not None:
            return translate("Core", "第 {row} 行:{message}").format(
                row=self.row, message=self.message
            )
        if self.column:
            return translate("Core", "“{column}”列:{message}").format(
                column=self.column, message=self.message
            )
        return self.message


@dataclass(frozen=True)
class RosterRow:
    """One clean row: a unit, its category, and (when the roster names one) its speaker."""

    row: int
    target: str
    category: str
    speaker: Speaker | None
    cap: int | None


@dataclass(frozen=True)
class Roster:
    """What a roster file says, read against a mapping; ``problems`` empty means clean."""

    header_row: int
    headers: tuple[str, ...]
    mapping: Mapping[RosterField, int]
    rows: tuple[RosterRow, ...]
    problems: tuple[RosterProblem, ...]

    @property
    def clean(self) -> bool:
        return not self.problems and bool(self.rows)


def roster_column_name(headers: Sequence[str], index: int) -> str:
    """How problems name column ``index``: its header, or "第 N 列" when it has none."""
    if index < len(headers) and headers[index]:
        return headers[index]
    return translate("Core", "第{n}列").format(n=index + 1)


def _key(text: str) -> str:
    return "".join(text.split()).lower()


def find_header(cells: Sequence[Sequence[str]]) -> int:
    """Index of the header row: the first of the first rows naming the unit column."""
    words = {_key(w) for w in HEADER_WORDS[RosterField.TARGET]}
    for index, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        if any(_key(cell) in words for cell in row):
            return index
    return 0


def guess_mapping(headers: Sequence[str]) -> dict[RosterField, int]:
    """Which column holds which field, by the header words; unmatched fields are left out."""
    mapping: dict[RosterField, int] = {}
    for field, words in HEADER_WORDS.items():
        keys = [_key(w) for w in words]
        for column, header in enumerate(headers):
            if _key(header) in keys and column not in mapping.values():
                mapping[field] = column
                break
    return mapping


def _flag(text: str) -> bool | None:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    return None


def read_roster(
    cells: Sequence[Sequence[str]],
    *,
    mapping: Mapping[RosterField, int] | None = None,
    default_category: str,
) -> Roster:
    """Read a roster table (text cells, first rows possibly a title) with ``mapping`` (None:
    guessed from the header). Every problem is listed; rows with a problem are left out.

    A row with a unit but neither name nor post is a unit no one reports for; a post
    without a name is a problem."""
    if not cells or not any(any(c.strip() for c in row) for row in cells):
        return Roster(
            1, (), {}, (), (RosterProblem(None, None, translate("Core", "文件是空的,没有名单")),)
        )
    header_index = find_header(cells)
    header_row = header_index + 1
    headers = tuple(c.strip() for c in cells[header_index])
    mapping = dict(guess_mapping(headers) if mapping is None else mapping)
    missing = _missing_columns(header_row, headers, mapping)
    if missing:
        return Roster(header_row, headers, mapping, (), tuple(missing))

    body = cells[header_index + 1 :]
    reader = _RowReader(headers, mapping, default_category)
    for raw in body:
        if any(c.strip() for c in raw):
            reader.count_category(raw)
    rows: list[RosterRow] = []
    for offset, raw in enumerate(body):
        if not any(c.strip() for c in raw):
            continue
        row = reader.read(header_row + 1 + offset, raw)
        if row is not None:
            rows.append(row)
    problems = reader.problems
    if not rows and not problems:
        problems.append(
            RosterProblem(header_row, None, translate("Core", "表头下面没有任何名单行"))
        )
    return Roster(header_row, headers, mapping, tuple(rows), tuple(problems))


def _missing_columns(
    header_row: int, headers: Sequence[str], mapping: Mapping[RosterField, int]
) -> list[RosterProblem]:
    """A problem for each required field no column holds."""
    problems: list[RosterProblem] = []
    for field in REQUIRED:
        if field not in mapping:
            problems.append(
                RosterProblem(
                    header_row,
                    None,
                    translate(
                        "Core",
                        "找不到“{column}”列(表头:{headers}):"
                        "这张表不像述职人/评议对象名单,请在预览中指定列",
                    ).format(
                        column=FIELD_LABELS[field],
                        headers=translate("Core", "、").join(h for h in headers if h),
                    ),
                )
            )
    return problems


class _RowReader:
    """Reads a roster's rows in order, remembering what earlier rows said (units, names,
    caps) and listing every problem in :attr:`problems`."""

    def __init__(
        self, headers: Sequence[str], mapping: Mapping[RosterField, int], default_category: str
    ) -> None:
        self.headers = headers
        self.mapping = mapping
        self.default_category = default_category
        self.problems: list[RosterProblem] = []
        self.seen_targets: dict[str, int] = {}
        self.seen_names: dict[str, int] = {}
        self.category_caps: dict[str, tuple[int, int]] = {}
        self.category_sizes: dict[str, int] = {}

    def cell(self, row: Sequence[str], field: RosterField) -> str:
        if field not in self.mapping:
            return ""
        index = self.mapping[field]
        return row[index].strip() if index < len(row) else ""

    def category(self, row: Sequence[str]) -> str:
        return self.cell(row, RosterField.CATEGORY) or self.default_category

    def count_category(self, row: Sequence[str]) -> None:
        """Count the row in its category, before any row is read: a cap of 一半 needs the
        category's size."""
        category = self.category(row)
        self.category_sizes[category] = self.category_sizes.get(category, 0) + 1

    def bad(self, number: int, field: RosterField, message: str) -> None:
        column = roster_column_name(self.headers, self.mapping[field])
        self.problems.append(RosterProblem(number, column, message))

    def read(self, number: int, raw: Sequence[str]) -> RosterRow | None:
        """Spreadsheet row ``number``, or None when it has a problem."""
        before = len(self.problems)
        for field in self.mapping:  # lengths and characters, as the meeting JSON allows them
            most = MAX_NAME if field is RosterField.NAME else MAX_TEXT
            try:
                checked_text(self.cell(raw, field), most, lambda message, _key: DataError(message))
            except DataError as exc:
                self.bad(number, field, exc.message)
        if len(self.problems) > before:
            return None

        target = self._target(number, raw)
        category = self.category(raw)
        speaker: Speaker | None = None
        # A row with neither name nor post is a unit no one reports for.
        unit_only = not self.cell(raw, RosterField.NAME) and not self.cell(raw, RosterField.POST)
        if RosterField.NAME in self.mapping and not unit_only:
            speaker = self._speaker(number, raw, target)
        cap = self._cap(number, raw, category)
        if len(self.problems) == before:
            return RosterRow(number, target, category, speaker, cap)
        return None

    def _target(self, number: int, raw: Sequence[str]) -> str:
        target = self.cell(raw, RosterField.TARGET)
        if not target:
            self.bad(number, RosterField.TARGET, translate("Core", "单位为空"))
        elif target in self.seen_targets:
            self.bad(
                number,
                RosterField.TARGET,
                translate("Core", "单位“{target}”重复(第 {row} 行已有)").format(
                    target=target, row=self.seen_targets[target]
                ),
            )
        elif target in ("serial", "type", "void_reason"):
            self.bad(
                number,
                RosterField.TARGET,
                translate("Core", "单位不能叫“{target}”").format(target=target),
            )
        else:
            self.seen_targets[target] = number
        return target

    def _speaker(self, number: int, raw: Sequence[str], target: str) -> Speaker:
        name = self.cell(raw, RosterField.NAME)
        if not name:
            self.bad(number, RosterField.NAME, translate("Core", "姓名为空(有职务却没有姓名)"))
        elif name in self.seen_names:
            self.bad(
                number,
                RosterField.NAME,
                translate("Core", "述职人“{name}”重复(第 {row} 行已有)").format(
                    name=name, row=self.seen_names[name]
                ),
            )
        else:
            self.seen_names[name] = number
        limit = self._limit(number, raw)
        written = _flag(self.cell(raw, RosterField.WRITTEN))
        if written is None:
            self.bad(
                number,
                RosterField.WRITTEN,
                translate("Core", "书面述职应为“是”或“否”,实为“{text}”").format(
                    text=self.cell(raw, RosterField.WRITTEN)
                ),
            )
        return Speaker(name, self.cell(raw, RosterField.POST), target or None, limit, bool(written))

    def _limit(self, number: int, raw: Sequence[str]) -> int | None:
        limit_text = self.cell(raw, RosterField.LIMIT)
        if not limit_text:
            return None
        try:
            limit = int(float(limit_text))  # inf: OverflowError, nan: ValueError
            if not 0 < limit <= MAX_LIMIT_S or float(limit_text) != limit:
                raise ValueError(limit_text)
        except (ValueError, OverflowError):
            self.bad(
                number,
                RosterField.LIMIT,
                translate("Core", "时限应为 1 至 {most} 的整数(秒),实为“{text}”").format(
                    most=MAX_LIMIT_S, text=limit_text[:40]
                ),
            )
            return None
        return limit

    def _cap(self, number: int, raw: Sequence[str], category: str) -> int | None:
        """The row's cap, which must agree with the category's earlier rows."""
        cap: int | None = None
        cap_text = self.cell(raw, RosterField.CAP)
        if not cap_text:
            return None
        try:
            cap = parse_cap(cap_text, self.category_sizes.get(category, 0))
        except ValueError as exc:
            self.bad(number, RosterField.CAP, str(exc))
        if cap is not None:
            if category in self.category_caps and self.category_caps[category][0] != cap:
                first_cap, first_row = self.category_caps[category]
                self.bad(
                    number,
                    RosterField.CAP,
                    translate(
                        "Core", "类别“{category}”的上限 {cap} 与第 {row} 行的 {first} 不一致"
                    ).format(category=category, cap=cap, row=first_row, first=first_cap),
                )
            else:
                self.category_caps.setdefault(category, (cap, number))
        return cap


def apply_roster(meeting: Meeting, roster: Roster) -> Meeting:
    """The meeting with its units (and, if the roster names speakers, its speakers) replaced
    by the roster's, in the roster's order. Categories keep their order; a category the
    roster names that the meeting lacks is added at the end. A cap in the roster sets the
    category's cap on the best level."""
    if not roster.clean:
        raise DataError(translate("Core", "名单还有问题,不能导入 / the roster has problems"))
    order = [c.name for c in meeting.categories]
    for row in roster.rows:
        if row.category not in order:
            order.append(row.category)
    existing = {c.name: c for c in meeting.categories}
    best = meeting.levels[0].label if meeting.levels else None
    categories: list[Category] = []
    for name in order:
        old = existing.get(name, Category(name, ()))
        targets = tuple(r.target for r in roster.rows if r.category == name)
        caps = dict(old.caps)
        cap = next((r.cap for r in roster.rows if r.category == name and r.cap is not None), None)
        if cap is not None and best is not None:
            caps[best] = cap
        categories.append(Category(name, targets, caps))
    has_speakers = RosterField.NAME in roster.mapping
    speakers = (
        tuple(r.speaker for r in roster.rows if r.speaker is not None)
        if has_speakers
        else meeting.speakers
    )
    return dataclasses.replace(meeting, categories=tuple(categories), speakers=speakers)


ROSTER_HEADERS = ("顺序", "姓名", "职务", "单位", "类别", "时限(秒)", "书面述职", "“好”上限")


def roster_table(meeting: Meeting) -> list[list[str | int | None]]:
    """The meeting's roster as rows under :data:`ROSTER_HEADERS` (which :func:`read_roster`
    reads back): speakers in speaking order, then the units no speaker reports for."""
    best = meeting.levels[0].label if meeting.levels else ""
    rows: list[list[str | int | None]] = []
    spoken: set[str] = set()
    for i, speaker in enumerate(meeting.speakers, start=1):
        category = meeting.category_of(speaker.target) if speaker.target else None
        if speaker.target:
            spoken.add(speaker.target)
        rows.append(
            [
                i,
                speaker.name,
                speaker.post,
                speaker.target or "",
                category.name if category else "",
                speaker.limit_s,
                "是" if speaker.written else "否",
                category.caps.get(best) if category else None,
            ]
        )
    for category in meeting.categories:
        for target in category.targets:
            if target not in spoken:
                rows.append(
                    [None, "", "", target, category.name, None, "", category.caps.get(best)]
                )
    return rows
