"""How a figure is printed: one rounding rule (四舍五入, half up) for every displayed number.

The result sheet says its figures are rounded 四舍五入, so 83.125 shows as 83.13 — in the
window, in every PDF and in the workbook alike. Python's own ``f"{x:.2f}"`` rounds the binary
double half to even and would print 83.12; Excel would print 83.13: the same figure read
differently on two papers. Everything displayed goes through :func:`round_half_up`.

A score is a weighted mean of floats, so a figure that is half-way on paper may be a hair
either side of it in binary (83.12499999999999). Figures are first settled to
:data:`SETTLE_DECIMALS` places (well below any printed place, and at the tie tolerance of the
ranks), then rounded half up.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

SETTLE_DECIMALS = 9
SCORE_DECIMALS = 2
RATE_DECIMALS = 1  # a rate prints as a percentage with one decimal: 83.3%
MISSING = "—"


def round_half_up(value: float, decimals: int) -> Decimal:
    """``value`` rounded half up (away from zero) at ``decimals`` places, exactly."""
    settled = Decimal(repr(float(value))).quantize(
        Decimal(1).scaleb(-SETTLE_DECIMALS), rounding=ROUND_HALF_EVEN
    )
    return settled.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def rounded(value: float, decimals: int) -> float:
    """The number :func:`format_number` prints, as a float (for cells that hold numbers)."""
    return float(round_half_up(value, decimals))


def format_number(value: float | None, decimals: int) -> str:
    """``value`` with exactly ``decimals`` places, rounded half up; ``—`` when missing."""
    if value is None:
        return MISSING
    result = round_half_up(value, decimals)
    if result == 0:
        result = abs(result)  # never "-0.00"
    return f"{result:.{decimals}f}"


def format_score(value: float | None, decimals: int = SCORE_DECIMALS) -> str:
    """A score: ``83.13`` (two places unless more are needed to tell ranks apart)."""
    return format_number(value, decimals)


def format_rate(value: float | None, decimals: int = RATE_DECIMALS) -> str:
    """A rate (a share from 0 to 1) as a percentage: ``0.83125`` → ``83.1%``."""
    if value is None:
        return MISSING
    return format_number(value * 100, decimals) + "%"


def rate_fraction(value: float, decimals: int = RATE_DECIMALS) -> float:
    """The share :func:`format_rate` prints, as a fraction (for a ``0.0%`` workbook cell)."""
    return float(round_half_up(value * 100, decimals) / 100)


def chinese_date(date: dt.date) -> str:
    """A date as official documents write it (GB/T 9704): ``2024年1月26日``, no leading zeros."""
    return f"{date.year}年{date.month}月{date.day}日"


_DIGITS = "零一二三四五六七八九"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1 to 99), for headings 一、二、."""
    if not 1 <= number <= 99:
        return str(number)
    tens, ones = divmod(number, 10)
    text = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return text + (_DIGITS[ones] if ones else "")


def heading_number(number: int) -> str:
    """The number of a first-level heading in an official document: ``一、``."""
    return chinese_number(number) + "、"
