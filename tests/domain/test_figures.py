"""One rounding rule for every displayed figure: 四舍五入 (half up), at the half-way cases."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from desktop_app.domain.figures import (
    chinese_date,
    chinese_number,
    format_number,
    format_rate,
    format_score,
    heading_number,
    rate_fraction,
    round_half_up,
    rounded,
)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (83.125, "83.13"),  # exactly half-way in binary: Python's "%.2f" gives 83.12
        (0.125, "0.13"),
        (2.675, "2.68"),  # 2.67499999999999982236431605997495353221893310546875 in binary
        (83.124, "83.12"),
        (83.1249, "83.12"),
        (83.135, "83.14"),
        (99.995, "100.00"),
        (80.0, "80.00"),
        (0.0, "0.00"),
        (-0.001, "0.00"),
        (None, "—"),
    ],
)
def test_scores_round_half_up(value: float | None, printed: str) -> None:
    assert format_score(value) == printed


def test_a_weighted_mean_a_hair_below_half_way_still_rounds_up() -> None:
    # A weighted mean that is 83.125 on paper can land on the next double below it.
    below = math.nextafter(83.125, 0.0)
    assert f"{below:.3f}" == "83.125" and below < 83.125
    assert format_score(below) == "83.13"
    assert format_score(math.nextafter(83.125, 100.0)) == "83.13"
    # ...while a figure really below half-way (by more than the settling) rounds down.
    assert format_score(83.1249999) == "83.12"


def test_python_alone_would_round_half_to_even() -> None:
    """Why the function exists: the built-in formatting prints 83.12 for 83.125."""
    assert f"{83.125:.2f}" == "83.12"
    assert f"{0.125:.2f}" == "0.12"


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (0.83125, "83.1%"),
        (0.83150, "83.2%"),  # 83.15 is 83.149999... in binary
        (0.0005, "0.1%"),
        (1.0, "100.0%"),
        (2 / 3, "66.7%"),
        (None, "—"),
    ],
)
def test_rates_print_as_percent_half_up(value: float | None, printed: str) -> None:
    assert format_rate(value) == printed


def test_more_decimals_round_half_up_too() -> None:
    assert format_score(83.2345, 3) == "83.235"
    assert format_number(1.5, 0) == "2"
    assert format_number(2.5, 0) == "3"  # not banker's 2


def test_numbers_for_cells_are_the_printed_figures() -> None:
    assert rounded(83.125, 2) == 83.13
    assert str(round_half_up(83.125, 2)) == "83.13"
    assert rate_fraction(0.83150) == pytest.approx(0.832)
    assert f"{rate_fraction(0.83150) * 100:.1f}%" == format_rate(0.83150)


@pytest.mark.parametrize(
    ("date", "printed"),
    [
        (dt.date(2024, 1, 26), "2024年1月26日"),
        (dt.date(2021, 10, 5), "2021年10月5日"),
        (dt.date(2020, 12, 31), "2020年12月31日"),
    ],
)
def test_dates_without_leading_zeros(date: dt.date, printed: str) -> None:
    assert chinese_date(date) == printed


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "一"), (2, "二"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (35, "三十五")],
)
def test_heading_numbers(number: int, text: str) -> None:
    assert chinese_number(number) == text
    assert heading_number(number) == text + "、"
