"""The results screen's columns: the tally's column spec (:mod:`desktop_app.domain.tally_columns`)
as :class:`~desktop_app.ui.models.RowTableModel` columns.

A row is a unit's result with its category (:data:`ResultRow`). Each column shows the figure
as the documents print it, sorts by the unrounded figure (missing ones last) and says its
header in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.domain.figures import SCORE_DECIMALS
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import CategoryResult, Tally, TargetResult
from desktop_app.domain.tally_columns import Medium, TallyColumn, row_order, tally_columns
from desktop_app.domain.text import translate
from desktop_app.ui.models import TableColumn

ResultRow = tuple[CategoryResult, TargetResult]


def _shown(column: TallyColumn) -> Callable[[ResultRow], str]:
    return lambda row: column.text(row[0], row[1], translate)


def _sorted_by(column: TallyColumn) -> Callable[[ResultRow], Any]:
    return lambda row: column.sort_key(row[0], row[1])


def screen_column(column: TallyColumn) -> TableColumn[ResultRow]:
    """One spec column as the model shows it. A plain header stays the source text (the
    model translates it when shown); one built from a ballot type's code is made here."""
    header = column.title(translate) if column.header_args else column.header
    return TableColumn(header, _shown(column), _sorted_by(column), column.numeric)


def result_columns(
    meeting: Meeting | None, decimals: int = SCORE_DECIMALS
) -> list[TableColumn[ResultRow]]:
    """The results screen's columns for ``meeting`` (none open yet: the fixed ones alone);
    the combined score with ``decimals`` places (``Tally.score_decimals()``)."""
    return [screen_column(c) for c in tally_columns(meeting, Medium.SCREEN, decimals)]


def result_rows(tally: Tally) -> list[ResultRow]:
    """Every unit's result, category by category, in the screen's order (ballot order)."""
    return [
        (category, target)
        for category in tally.categories
        for target in row_order(category, Medium.SCREEN)
    ]
