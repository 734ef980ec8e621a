"""The tally's figure columns, declared once for the results screen, the PDF and the workbook.

A meeting's result table is: the unit's own columns (类别 on the screen, 序号 on the signed
sheet, 评议对象 everywhere), then for each ballot type the count at each level, 弃权 (and, in
the workbook, n, 好评率, 满意率) and the type's 得分, then the combined 综合得分, 好评率,
满意率 and 名次 (``3 并列`` when the rank is shared). :func:`column_groups` builds that
list for a meeting; each column says what it holds (:class:`Figure`), how it is read from a
unit's result, printed (one rounding rule, :mod:`desktop_app.domain.figures`), sorted and
stored as a workbook number, and on which media (:class:`Medium`) it appears.

What differs between the media is said here too, as flags rather than separate layouts:

- :data:`RANKING_FIRST`: the screen leads with the ranking, 名次 then the combined figures,
  right after the unit (at fixed places whatever the ballot types, where a click sorts by
  them); the documents print the combined figures last, under 综合, 名次 closing the row.
- :data:`ROWS_BY_RANK`: the signed sheet lists units in rank order (:func:`rank_order`);
  the screen and the workbook in ballot order.

Headers: a column's :attr:`TallyColumn.header` is the screen's one-line header, a Chinese
source text in the context ``"Columns"`` (``QT_TRANSLATE_NOOP``) that the window translates;
:attr:`TallyColumn.label` is what the documents print under the group's heading
(:attr:`ColumnGroup.heading` on the sheet, :attr:`ColumnGroup.long_heading` in the workbook).

Pure: no Qt, no reportlab.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop_app.domain.figures import (
    MISSING,
    RATE_DECIMALS,
    SCORE_DECIMALS,
    format_rate,
    format_score,
    rate_fraction,
    rounded,
)
from desktop_app.domain.meeting import BallotType, Meeting
from desktop_app.domain.tally import CategoryResult, TargetResult
from desktop_app.domain.text import QT_TRANSLATE_NOOP, Translator, source

COLUMNS = "Columns"  # the translation context of every column header
TARGET = ""  # the group key of the unit's own columns
COMBINED = "综合"  # the group key (and heading) of the combined figures

Value = str | int | float | None
Getter = Callable[[CategoryResult, TargetResult], Value]


class Medium(enum.Flag):
    """Where a table of the tally is shown."""

    SCREEN = enum.auto()
    PDF = enum.auto()
    WORKBOOK = enum.auto()
    DOCUMENTS = PDF | WORKBOOK
    ALL = SCREEN | PDF | WORKBOOK


# The media that show 名次 and the combined figures before the ballot types' (module text).
RANKING_FIRST = Medium.SCREEN
# The media that list a category's units in rank order rather than ballot order.
ROWS_BY_RANK = Medium.PDF


class Figure(enum.Enum):
    """What a column holds, which says how it is printed, sorted and stored."""

    TEXT = "text"  # a name: as typed
    INDEX = "index"  # the row's number in the printed table
    COUNT = "count"  # ballots: an integer
    SCORE = "score"  # rounded half up at the column's decimals
    RATE = "rate"  # a share, printed as a percentage with RATE_DECIMALS
    RANK = "rank"  # an integer, ``3 并列`` when shared


def _missing_last(value: float | None) -> float:
    """Sort key that puts a missing figure after every real one in ascending order."""
    return float("inf") if value is None else float(value)


def rank_order(category: CategoryResult) -> list[TargetResult]:
    """Ranked targets first (1, 2, 2, 4…), unranked ones after, each in ballot order."""
    ranked = sorted((t for t in category.targets if t.rank is not None), key=lambda t: t.rank or 0)
    return ranked + [t for t in category.targets if t.rank is None]


def row_order(category: CategoryResult, medium: Medium) -> list[TargetResult]:
    """A category's units in the order ``medium`` lists them (:data:`ROWS_BY_RANK`)."""
    return rank_order(category) if medium & ROWS_BY_RANK else list(category.targets)


def rank_text(category: CategoryResult, target: TargetResult, tr: Translator = source) -> str:
    """``3``, or ``3 并列`` when another unit of the category shares the rank; ``—``."""
    if target.rank is None:
        return MISSING
    if sum(t.rank == target.rank for t in category.targets) > 1:
        return tr(COLUMNS, QT_TRANSLATE_NOOP("Columns", "{rank} 并列")).format(rank=target.rank)
    return str(target.rank)


@dataclass(frozen=True)
class TallyColumn:
    """One column of the tally's table.

    ``header`` is a source text in the context ``"Columns"``; it may hold ``{code}`` (the
    ballot type's) and ``{level}``, filled from ``header_args`` after translating.
    """

    key: str
    header: str
    label: str
    figure: Figure
    value: Getter
    group: str = TARGET
    decimals: int = SCORE_DECIMALS
    media: Medium = Medium.ALL
    header_args: tuple[tuple[str, str], ...] = ()

    def title(self, tr: Translator = source) -> str:
        """The screen's header, in the language of ``tr`` (Chinese by default)."""
        return tr(COLUMNS, self.header).format(**dict(self.header_args))

    def shows_on(self, medium: Medium) -> bool:
        return bool(self.media & medium)

    def text(self, category: CategoryResult, target: TargetResult, tr: Translator = source) -> str:
        """The figure as every medium prints it: ``83.13``, ``33.7%``, ``3 并列``, ``—``."""
        if self.figure is Figure.RANK:
            return rank_text(category, target, tr)
        value = self.value(category, target)
        if self.figure is Figure.SCORE:
            return format_score(_number(value), self.decimals)
        if self.figure is Figure.RATE:
            return format_rate(_number(value))
        return MISSING if value is None else str(value)

    def sort_key(self, category: CategoryResult, target: TargetResult) -> float | str:
        """What a click on the header sorts by: the unrounded figure, missing ones last."""
        value = self.value(category, target)
        if self.figure is Figure.TEXT:
            return "" if value is None else str(value)
        return _missing_last(_number(value))

    def cell(self, category: CategoryResult, target: TargetResult) -> Value:
        """The workbook's cell: the number as printed (rounded half up; a rate as a share),
        ``None`` (an empty cell) when the figure does not exist."""
        value = self.value(category, target)
        if value is None or self.figure in (Figure.TEXT, Figure.INDEX, Figure.COUNT):
            return value
        if self.figure is Figure.SCORE:
            return rounded(float(value), self.decimals)
        if self.figure is Figure.RATE:
            return rate_fraction(float(value))
        return value  # a rank: the number (the sheet's 并列 is for reading)

    @property
    def number_format(self) -> str | None:
        """The workbook's number format for the column's figures."""
        if self.figure is Figure.SCORE:
            return "0." + "0" * self.decimals
        if self.figure is Figure.RATE:
            return "0." + "0" * RATE_DECIMALS + "%"
        return None

    @property
    def numeric(self) -> bool:
        """Whether the figures align right."""
        return self.figure is not Figure.TEXT


def _number(value: Value) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class ColumnGroup:
    """Columns the documents print under one heading (a ballot type, 综合, or none)."""

    key: str
    heading: str  # over the group on the signed sheet: ``A票(权重 0.4)``
    long_heading: str  # over the group in the workbook: the ballot type's label
    columns: tuple[TallyColumn, ...]

    def only(self, medium: Medium) -> ColumnGroup:
        """The group with the columns ``medium`` shows."""
        shown = tuple(c for c in self.columns if c.shows_on(medium))
        return ColumnGroup(self.key, self.heading, self.long_heading, shown)

    def rank_first(self) -> ColumnGroup:
        """The group with its 名次 column (if any) moved to the front."""
        ranks = tuple(c for c in self.columns if c.figure is Figure.RANK)
        rest = tuple(c for c in self.columns if c.figure is not Figure.RANK)
        return ColumnGroup(self.key, self.heading, self.long_heading, ranks + rest)


def target_group() -> ColumnGroup:
    """The unit's own columns: 类别 (screen), 序号 (sheet), 评议对象."""

    def index(category: CategoryResult, target: TargetResult) -> int:
        return next(i for i, t in enumerate(rank_order(category), start=1) if t is target)

    return ColumnGroup(
        TARGET,
        "",
        "",
        (
            TallyColumn(
                "category",
                QT_TRANSLATE_NOOP("Columns", "类别"),
                "类别",
                Figure.TEXT,
                lambda c, t: c.name,
                media=Medium.SCREEN,
            ),
            TallyColumn(
                "index",
                QT_TRANSLATE_NOOP("Columns", "序号"),
                "序号",
                Figure.INDEX,
                index,
                media=Medium.PDF,
            ),
            TallyColumn(
                "target",
                QT_TRANSLATE_NOOP("Columns", "评议对象"),
                "评议对象",
                Figure.TEXT,
                lambda c, t: t.name,
            ),
        ),
    )


# The figures of one ballot type after its level counts, left to right: the attribute of
# TypeFigures, the screen's header, the documents' label, what it is, where it shows.
TYPE_FIGURES: tuple[tuple[str, str, str, Figure, Medium], ...] = (
    ("abstain", QT_TRANSLATE_NOOP("Columns", "{code}·弃权"), "弃权", Figure.COUNT, Medium.ALL),
    ("n", QT_TRANSLATE_NOOP("Columns", "{code}·n"), "n", Figure.COUNT, Medium.WORKBOOK),
    (
        "good_rate",
        QT_TRANSLATE_NOOP("Columns", "{code}·好评率"),
        "好评率",
        Figure.RATE,
        Medium.WORKBOOK,
    ),
    (
        "approval_rate",
        QT_TRANSLATE_NOOP("Columns", "{code}·满意率"),
        "满意率",
        Figure.RATE,
        Medium.WORKBOOK,
    ),
    ("score", QT_TRANSLATE_NOOP("Columns", "{code}·得分"), "得分", Figure.SCORE, Medium.ALL),
)

# The combined figures, left to right: the attribute of TargetResult, the screen's header,
# the documents' label under 综合, what it is. Every medium shows them all.
COMBINED_FIGURES: tuple[tuple[str, str, str, Figure], ...] = (
    ("score", QT_TRANSLATE_NOOP("Columns", "综合得分"), "得分", Figure.SCORE),
    ("good_rate", QT_TRANSLATE_NOOP("Columns", "好评率"), "好评率", Figure.RATE),
    ("approval_rate", QT_TRANSLATE_NOOP("Columns", "满意率(好+较好)"), "满意率", Figure.RATE),
    ("rank", QT_TRANSLATE_NOOP("Columns", "名次"), "名次", Figure.RANK),
)


def type_group(meeting: Meeting, ballot_type: BallotType) -> ColumnGroup:
    """One ballot type's columns: each level's count, then :data:`TYPE_FIGURES`."""
    code = ballot_type.code
    args = (("code", code),)

    def level_count(label: str) -> Getter:
        return lambda c, t: t.by_type[code].counts.get(label, 0)

    def figure_of(attribute: str) -> Getter:
        return lambda c, t: getattr(t.by_type[code], attribute)

    columns = [
        TallyColumn(
            f"{code}.level.{label}",
            "{code}·{level}",  # the level's label is the meeting's own word: not translated
            label,
            Figure.COUNT,
            level_count(label),
            group=code,
            header_args=(*args, ("level", label)),
        )
        for label in meeting.level_labels
    ]
    columns += [
        TallyColumn(
            f"{code}.{attribute}",
            header,
            label,
            figure,
            figure_of(attribute),
            group=code,
            media=media,
            header_args=args,
        )
        for attribute, header, label, figure, media in TYPE_FIGURES
    ]
    return ColumnGroup(
        code, f"{code}票(权重 {ballot_type.weight:g})", ballot_type.label, tuple(columns)
    )


def combined_group(decimals: int = SCORE_DECIMALS) -> ColumnGroup:
    """The combined figures (:data:`COMBINED_FIGURES`); the score with ``decimals`` places
    (``Tally.score_decimals()``, enough to tell different ranks apart)."""

    def figure_of(attribute: str) -> Getter:
        return lambda c, t: getattr(t, attribute)

    columns = tuple(
        TallyColumn(
            attribute,
            header,
            label,
            figure,
            figure_of(attribute),
            group=COMBINED,
            decimals=decimals if figure is Figure.SCORE else SCORE_DECIMALS,
        )
        for attribute, header, label, figure in COMBINED_FIGURES
    )
    return ColumnGroup(COMBINED, COMBINED, COMBINED, columns)


def column_groups(
    meeting: Meeting | None, medium: Medium, decimals: int = SCORE_DECIMALS
) -> list[ColumnGroup]:
    """The groups of columns ``medium`` shows for ``meeting``, in its order (no meeting yet:
    the unit's and the combined columns alone)."""
    ballot_types = meeting.ballot_types if meeting is not None else ()
    types = [type_group(meeting, t) for t in ballot_types if meeting is not None]
    combined = combined_group(decimals)
    ordered = (
        [target_group(), combined.rank_first(), *types]
        if medium & RANKING_FIRST
        else [target_group(), *types, combined]
    )
    return [group.only(medium) for group in ordered]


def tally_columns(
    meeting: Meeting | None, medium: Medium, decimals: int = SCORE_DECIMALS
) -> list[TallyColumn]:
    """The columns ``medium`` shows for ``meeting``, left to right."""
    return [
        column for group in column_groups(meeting, medium, decimals) for column in group.columns
    ]


def table_texts(
    columns: Sequence[TallyColumn], category: CategoryResult, medium: Medium
) -> list[list[str]]:
    """A category's rows as ``medium`` prints them (tests compare the media with this)."""
    return [[c.text(category, t) for c in columns] for t in row_order(category, medium)]
