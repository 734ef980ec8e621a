"""A meeting whose figures fall exactly half way between two shown values, for the one
rounding rule (domain/figures.py: half up): 甲县 scores exactly 83.125 (8 好, 2 较好, 6 一般
of 16 at 100/85/60) and 乙县 has a good rate of exactly 6.25%. Shared by the column spec's
tests and the result sheet's."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import BallotType, Category, Level, Meeting


def half_way_meeting(*, unrated: bool = False) -> tuple[Meeting, list[Ballot]]:
    """The meeting and its 16 ballots; ``unrated`` adds 丙县, on no ballot."""
    targets = ("甲县", "乙县", "丙县") if unrated else ("甲县", "乙县")
    meeting = Meeting(
        title="半数舍入检验会议",
        date=dt.date(2024, 1, 6),
        venue="",
        agenda=(),
        speakers=(),
        levels=(Level("好", 100), Level("较好", 85), Level("一般", 60)),
        categories=(Category("县区", targets),),
        ballot_types=(BallotType("A", "A票", 1.0, 16, 16),),
    )
    marks = ["好"] * 8 + ["较好"] * 2 + ["一般"] * 6
    ballots = [
        Ballot(f"A-{i + 1}", "A", {"甲县": (mark,), "乙县": ("好" if i == 0 else "一般",)})
        for i, mark in enumerate(marks)
    ]
    return meeting, ballots
