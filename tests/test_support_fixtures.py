"""The shared test fixtures keep the promises other tests rely on (tests/half_way.py,
tests/reports/large.py): if one drifts, this fails here, naming it, instead of a layout or
rounding test passing for the wrong reason."""

from __future__ import annotations

from desktop_app.domain.ballots import BallotStatus, classify_ballot
from desktop_app.domain.setup import validate_meeting
from desktop_app.domain.tally import tally
from tests.half_way import half_way_meeting
from tests.reports.large import large_ballots, large_comments, large_events, large_meeting


def test_the_half_way_meeting_falls_exactly_half_way() -> None:
    for unrated in (False, True):
        meeting, ballots = half_way_meeting(unrated=unrated)
        result = tally(meeting, ballots)
        assert result.target("甲县").score == 83.125  # exactly between 83.12 and 83.13
        assert result.target("乙县").good_rate == 0.0625  # exactly between 6.2% and 6.3%
    assert result.target("丙县").score is None  # unrated=True adds a unit on no ballot


def test_the_large_meeting_is_what_its_docstring_says_and_deterministic() -> None:
    for lenient in (False, True):
        meeting = large_meeting(lenient=lenient)
        assert len(meeting.targets) == 64
        assert (len(meeting.categories), len(meeting.ballot_types), len(meeting.levels)) == (
            3,
            3,
            5,
        )
        assert not [p for p in validate_meeting(meeting) if p.blocks_save]
        assert max(len(t) for t in meeting.targets) >= 20  # long names, for the layouts
        assert large_meeting(lenient=lenient) == meeting
    ballots = large_ballots(meeting)
    assert ballots == large_ballots(meeting) and ballots != large_ballots(meeting, seed=8)
    statuses = {classify_ballot(meeting, b).status for b in ballots}
    assert BallotStatus.VALID in statuses
    assert large_events(meeting) == large_events(meeting)
    assert large_comments(meeting) == large_comments(meeting)
