"""Shared pieces of the fuzz suites: hostile values, the tally of outcomes, case counts.

Each suite runs a few hundred cases by default; the same suites marked ``slow`` run
thousands, and only when asked for (``pytest -m slow``), so the default run stays quick.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

DEFAULT_CASES = 150  # per suite; the three suites together: a few hundred
LONG_CASES = 2_000  # per suite under -m slow: thousands


def fuzz_settings(cases: int) -> settings:
    """No deadline (the shared machine is slow at times: time is bounded by the refusals
    themselves, and the suite's faulthandler timeout), no example database in the checkout."""
    return settings(
        max_examples=cases,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def require_slow_selected(request: pytest.FixtureRequest) -> None:
    """The thousands-of-cases runs go only when the slow marker is selected explicitly."""
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("thousands of cases: run with -m slow")


class Outcomes:
    """What a suite saw: cases tried, clean refusals (exit 1 with a message), accepted, and
    tracebacks (an exception escaping; the test fails at the first, so the figure is 0)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.counts: Counter[str] = Counter()

    def add(self, outcome: str) -> None:
        self.counts["cases"] += 1
        self.counts[outcome] += 1

    def report(self) -> str:
        c = self.counts
        return (
            f"fuzz {self.name}: {c['cases']} cases, {c['refused']} clean refusals, "
            f"{c['accepted']} accepted, {c['traceback']} tracebacks"
        )


HUGE_TEXT = "长" * 100_000
HOSTILE_TEXTS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u2028",
    "\x1b[31m红\x1b[0m",
    "=cmd|'/c calc'!A1",
    "+1",
    "@SUM(A1)",
    '"quoted"',
    "a,b",
    "a\nb",
    "好|好",
    "|",
    "好|",
    "\ufeff好",
    "ｂ－００１",
    "💥" * 300,
    "A" * 201,
    HUGE_TEXT,
]
HOSTILE_NUMBERS: list[Any] = [
    0,
    -1,
    1,
    2**63,
    2**64 + 1,
    -(2**63) - 1,
    10**300,
    1e308,
    -1e308,
    float("inf"),
    float("-inf"),
    float("nan"),
    1e-320,
    0.5,
    True,
    False,
    None,
    "10",
    [],
    {},
]


def hostile_scalar() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(HOSTILE_TEXTS),
        st.sampled_from(HOSTILE_NUMBERS),
        st.text(max_size=30),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
    )


def nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def hostile_value() -> st.SearchStrategy[Any]:
    return st.one_of(
        hostile_scalar(),
        st.lists(hostile_scalar(), max_size=4),
        st.dictionaries(st.text(max_size=8), hostile_scalar(), max_size=3),
        st.just(nested(50)),
    )
