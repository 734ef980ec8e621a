"""The core property over 500 synthetic ballots anywhere in the declared envelope (slow):
not one row misread without a flag; the figures are printed for the record."""

from __future__ import annotations

import pytest

from desktop_app.domain.meeting import Meeting
from tests.scan.conftest import KEY
from tests.scan.corpus import run_corpus

CHUNK = 50


@pytest.mark.slow
@pytest.mark.parametrize("chunk", range(10))  # 10 x 50 = 500 ballots, each part under 2 min
def test_five_hundred_ballots_and_not_one_row_misread_without_a_flag(
    chunk: int, meeting: Meeting, capsys: pytest.CaptureFixture[str]
) -> None:
    start = 10_000 + chunk * CHUNK
    report = run_corpus(meeting, KEY, range(start, start + CHUNK))
    with capsys.disabled():
        print(f"\nseeds {start}–{start + CHUNK - 1}: " + "\n".join(report.lines()))
    assert report.wrong == []
    assert report.ballots == CHUNK
    # Refused pages are the phone photos and the worst blurs; never most of the pile.
    assert sum(report.refused.values()) <= CHUNK // 10
