"""The columns of the results table: the combined figures first, then per ballot type."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.figures import format_rate, format_score
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import Tally, TargetResult
from desktop_app.domain.text import QT_TRANSLATE_NOOP
from desktop_app.ui.models import Column

Row = tuple[str, TargetResult]  # the category's name and one target's figures


def _percent(value: float | None) -> str:
    return format_rate(value)


def _score(value: float | None, decimals: int = 2) -> str:
    return format_score(value, decimals)


def _missing_last(value: float | None) -> float:
    """Sort key that puts a missing figure after every real one in ascending order."""
    return float("inf") if value is None else float(value)


def result_columns(meeting: Meeting, tally: Tally) -> list[Column[Row]]:
    """Every column of the results table."""
    return [*combined_columns(tally.score_decimals()), *type_columns(meeting)]


def combined_columns(decimals: int) -> list[Column[Row]]:
    """Combined figures first (fixed positions); the score shows enough decimals to tell
    different ranks apart."""
    return [
        (QT_TRANSLATE_NOOP("Columns", "类别"), lambda r: r[0]),
        (QT_TRANSLATE_NOOP("Columns", "评议对象"), lambda r: r[1].name),
        (
            QT_TRANSLATE_NOOP("Columns", "名次"),
            lambda r: "—" if r[1].rank is None else r[1].rank,
            lambda r: _missing_last(r[1].rank),
        ),
        (
            QT_TRANSLATE_NOOP("Columns", "综合得分"),
            lambda r: _score(r[1].score, decimals),
            lambda r: _missing_last(r[1].score),
        ),
        (
            QT_TRANSLATE_NOOP("Columns", "好评率"),
            lambda r: _percent(r[1].good_rate),
            lambda r: _missing_last(r[1].good_rate),
        ),
        (
            QT_TRANSLATE_NOOP("Columns", "满意率(好+较好)"),
            lambda r: _percent(r[1].approval_rate),
            lambda r: _missing_last(r[1].approval_rate),
        ),
    ]


def type_columns(meeting: Meeting) -> list[Column[Row]]:
    """Per ballot type: the count at each level, abstentions and the type's score."""

    def count(code: str, label: str) -> Callable[[Row], int]:
        return lambda r: r[1].by_type[code].counts[label]

    def abstain(code: str) -> Callable[[Row], int]:
        return lambda r: r[1].by_type[code].abstain

    def shown_score(code: str) -> Callable[[Row], str]:
        return lambda r: _score(r[1].by_type[code].score)

    def score_key(code: str) -> Callable[[Row], float]:
        return lambda r: _missing_last(r[1].by_type[code].score)

    columns: list[Column[Row]] = []
    for ballot_type in meeting.ballot_types:
        code = ballot_type.code
        columns += [(f"{code}·{label}", count(code, label)) for label in meeting.level_labels]
        abstain_header = QCoreApplication.translate("ResultsScreen", "{code}·弃权").format(
            code=code
        )
        score_header = QCoreApplication.translate("ResultsScreen", "{code}·得分").format(code=code)
        columns.append((abstain_header, abstain(code)))
        columns.append((score_header, shown_score(code), score_key(code)))
    return columns
