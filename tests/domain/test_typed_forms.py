"""Lengths and dates as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.setup import parse_meeting_date, report_year
from desktop_app.domain.speech_clock import parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("300", 300),
        ("4:00", 240),
        ("4:30", 270),
        (" 4:30 ", 270),
        ("4:30", 270),
        ("1:05:00", 3900),
        ("4分钟", 240),
        ("4分", 240),
        ("4 分 30 秒", 270),
        ("4分30秒", 270),
        ("90秒", 90),
        ("5 min", 300),
        ("1小时", 3600),
    ],
)
def test_a_length_is_read_as_typed(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "4:75", "0", "0:00", "-30", "4分钟半"])
def test_a_length_that_is_not_one_is_refused_with_a_message(text: str) -> None:
    with pytest.raises(ValueError, match="4:00、4分钟"):
        parse_duration(text)


@pytest.mark.parametrize(
    "text", ["2021-01-20", "2021-1-20", "2021/1/20", "2021.01.20", "2021年1月20日", "20210120"]
)
def test_a_meeting_date_in_its_common_written_forms(text: str) -> None:
    assert parse_meeting_date(text) == dt.date(2021, 1, 20)


def test_an_empty_or_impossible_date() -> None:
    assert parse_meeting_date("  ") is None
    for text in ("2021-02-30", "20 Jan", "2021年13月1日"):
        with pytest.raises(ValueError, match=r"^日期应为 YYYY-MM-DD,如 2021-01-20$"):
            parse_meeting_date(text)


def test_the_year_reported_on_follows_the_month() -> None:
    assert report_year(dt.date(2027, 1, 15)) == 2026  # the usual January meeting
    assert report_year(dt.date(2027, 6, 30)) == 2026
    assert report_year(dt.date(2026, 12, 1)) == 2026  # a December meeting: this year's work
