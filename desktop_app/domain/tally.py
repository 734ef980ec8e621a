"""The tally (计票): counts, rates, weighted scores and ranks, per FORMATS.md section 3.

Counting happens in two steps so the store can do the heavy first step in SQL:

1. :class:`TallyCounts` — raw counts: ballots per type and status, counted category
   sections per type, single marks per type, target and level. :func:`count_ballots` builds
   them from ballots in Python; ``desktop_app.store.tally_sql`` builds the same in SQL.
2. :func:`summarise` turns raw counts into the :class:`Tally`: abstentions, rates, scores,
   weighted means over ballot types and shared ranks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from desktop_app.domain.ballots import Ballot, BallotStatus, classify_ballot
from desktop_app.domain.figures import format_score
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.text import Translator, source

RANK_TOLERANCE = 1e-9


@dataclass
class TallyCounts:
    """Raw counts, keyed by ballot type code, category name, target name and level label."""

    statuses: Counter[tuple[str, BallotStatus]] = field(default_factory=Counter)
    sections: Counter[tuple[str, str]] = field(default_factory=Counter)  # (type, category)
    marks: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (type, target, level)


def exceeds(count: int | None, bound: int | None) -> bool:
    """Whether ``count`` is more than ``bound``, both known: more ballots entered than
    collected or issued, or more collected than issued. A count not known yet (None) is
    never over, nor is anything over an unknown bound."""
    return count is not None and bound is not None and count > bound


@dataclass(frozen=True)
class BallotSummary:
    """Ballots of one type: issued and collected (None = not counted), entered, valid, void,
    blank."""

    issued: int | None
    entered: int
    valid: int
    void: int
    blank: int
    collected: int | None = None

    @property
    def over_issued(self) -> bool:
        """More ballots entered than issued: the round is suspect and must be flagged."""
        return exceeds(self.entered, self.issued)

    @property
    def over_collected(self) -> bool:
        """More ballots entered than collected: some were entered twice, or the count of
        ballots handed back is wrong; flagged like :attr:`over_issued`."""
        return exceeds(self.entered, self.collected)

    @property
    def suspect(self) -> bool:
        """Either count exceeded: the type's figures are printed with a loud warning."""
        return self.over_issued or self.over_collected


@dataclass(frozen=True)
class TypeFigures:
    """One target's figures from one ballot type."""

    counts: Mapping[str, int]
    abstain: int
    n: int
    good_rate: float | None
    approval_rate: float | None
    score: float | None


@dataclass(frozen=True)
class TargetResult:
    """One target's combined figures and rank within its category (None: nobody rated it)."""

    name: str
    score: float | None
    good_rate: float | None
    approval_rate: float | None
    by_type: Mapping[str, TypeFigures]
    rank: int | None


@dataclass(frozen=True)
class CategoryResult:
    name: str
    targets: tuple[TargetResult, ...]


@dataclass(frozen=True)
class Tally:
    """The result of a count: ballots per type and results per category, in ballot order."""

    meeting: str
    ballots: Mapping[str, BallotSummary]
    categories: tuple[CategoryResult, ...]

    def warnings(self, translate: Translator = source) -> list[str]:
        """Loud warnings to show or print with the figures (more entered than issued, or
        than collected), through ``translate`` (default: the Chinese the documents print)."""
        issued = translate("Core", "{code}票录入 {entered} 张,多于发出的 {issued} 张,本轮结果存疑")
        collected = translate(
            "Core", "{code}票录入 {entered} 张,多于收回的 {collected} 张,本轮结果存疑"
        )
        found: list[str] = []
        for code, s in self.ballots.items():
            if s.over_issued:
                found.append(issued.format(code=code, entered=s.entered, issued=s.issued))
            if s.over_collected:
                found.append(collected.format(code=code, entered=s.entered, collected=s.collected))
        return found

    def score_decimals(self, *, minimum: int = 2, maximum: int = 6) -> int:
        """The fewest decimals (at least ``minimum``) at which two targets of different rank
        in a category never print the same combined score: a signed sheet must not show
        83.23 ranked 3rd beside 83.23 ranked 4th."""
        for decimals in range(minimum, maximum + 1):
            if all(
                a.rank == b.rank
                or format_score(a.score, decimals) != format_score(b.score, decimals)
                for category in self.categories
                for a, b in _adjacent_scored(category)
            ):
                return decimals
        return maximum

    def target(self, name: str) -> TargetResult:
        """One target's result, by name."""
        for category in self.categories:
            for result in category.targets:
                if result.name == name:
                    return result
        raise KeyError(name)


def _adjacent_scored(category: CategoryResult) -> list[tuple[TargetResult, TargetResult]]:
    scored = sorted(
        (t for t in category.targets if t.score is not None), key=lambda t: -(t.score or 0.0)
    )
    return list(pairwise(scored))


def count_ballots(meeting: Meeting, ballots: Iterable[Ballot]) -> TallyCounts:
    """Classify each ballot and count what counts (step 1 of the tally)."""
    counts = TallyCounts()
    for ballot in ballots:
        classification = classify_ballot(meeting, ballot)
        counts.statuses[ballot.type_code, classification.status] += 1
        for category, section in classification.sections.items():
            counts.sections[ballot.type_code, category] += 1
            for target, level in section.items():
                if level is not None:
                    counts.marks[ballot.type_code, target, level] += 1
    return counts


def _weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    present = [(w, x) for w, x in pairs if x is not None]
    total = sum(w for w, _ in present)
    if not present or total <= 0:
        return None
    return sum(w * x for w, x in present) / total


def _ranks(scores: list[float | None]) -> list[int | None]:
    """Competition ranks (1, 2, 2, 4), highest first; equal within RANK_TOLERANCE share."""
    order = sorted(
        (i for i, s in enumerate(scores) if s is not None), key=lambda i: -(scores[i] or 0.0)
    )
    ranks: list[int | None] = [None] * len(scores)
    leader_score = 0.0
    leader_rank = 0
    for position, i in enumerate(order, start=1):
        score = scores[i]
        assert score is not None
        if position == 1 or abs(leader_score - score) > RANK_TOLERANCE:
            leader_score, leader_rank = score, position
        ranks[i] = leader_rank
    return ranks


def summarise(meeting: Meeting, counts: TallyCounts) -> Tally:
    """Turn raw counts into rates, scores, weighted means and ranks (step 2 of the tally)."""
    labels = meeting.level_labels
    scores = {level.label: level.score for level in meeting.levels}
    best, second = labels[0], labels[1] if len(labels) > 1 else None

    ballots: dict[str, BallotSummary] = {}
    for ballot_type in meeting.ballot_types:
        by_status = {s: counts.statuses[ballot_type.code, s] for s in BallotStatus}
        ballots[ballot_type.code] = BallotSummary(
            issued=ballot_type.issued,
            entered=sum(by_status.values()),
            valid=by_status[BallotStatus.VALID],
            void=by_status[BallotStatus.VOID],
            blank=by_status[BallotStatus.BLANK],
            collected=ballot_type.collected,
        )

    categories: list[CategoryResult] = []
    for category in meeting.categories:
        rows: list[tuple[str, dict[str, TypeFigures], float | None, float | None, float | None]]
        rows = []
        for target in category.targets:
            by_type: dict[str, TypeFigures] = {}
            for ballot_type in meeting.ballot_types:
                code = ballot_type.code
                level_counts = {label: counts.marks[code, target, label] for label in labels}
                n = counts.sections[code, category.name]
                rated = sum(level_counts.values())
                good = level_counts[best] / n if n else None
                approval = (
                    (level_counts[best] + (level_counts[second] if second else 0)) / n
                    if n
                    else None
                )
                score = (
                    sum(scores[label] * c for label, c in level_counts.items()) / rated
                    if rated
                    else None
                )
                by_type[code] = TypeFigures(level_counts, n - rated, n, good, approval, score)
            weights = {t.code: t.weight for t in meeting.ballot_types}
            rows.append(
                (
                    target,
                    by_type,
                    _weighted_mean((weights[c], f.score) for c, f in by_type.items()),
                    _weighted_mean((weights[c], f.good_rate) for c, f in by_type.items()),
                    _weighted_mean((weights[c], f.approval_rate) for c, f in by_type.items()),
                )
            )
        ranks = _ranks([row[2] for row in rows])
        categories.append(
            CategoryResult(
                category.name,
                tuple(
                    TargetResult(name, score, good, approval, by_type, rank)
                    for (name, by_type, score, good, approval), rank in zip(
                        rows, ranks, strict=True
                    )
                ),
            )
        )
    return Tally(meeting.title, ballots, tuple(categories))


def tally(meeting: Meeting, ballots: Iterable[Ballot]) -> Tally:
    """Count ballots from scratch: the reference implementation of FORMATS.md section 3."""
    return summarise(meeting, count_ballots(meeting, ballots))


def tally_to_dict(result: Tally) -> dict[str, Any]:
    """The tally as FORMATS.md section 4 JSON (numbers unrounded)."""
    return {
        "meeting": result.meeting,
        "ballots": {
            code: {
                "issued": s.issued,
                "entered": s.entered,
                "valid": s.valid,
                "void": s.void,
                "blank": s.blank,
            }
            for code, s in result.ballots.items()
        },
        "categories": [
            {
                "name": c.name,
                "targets": [
                    {
                        "name": t.name,
                        "score": t.score,
                        "good_rate": t.good_rate,
                        "approval_rate": t.approval_rate,
                        "by_type": {
                            code: {
                                "counts": dict(f.counts),
                                "abstain": f.abstain,
                                "n": f.n,
                                "good_rate": f.good_rate,
                                "approval_rate": f.approval_rate,
                                "score": f.score,
                            }
                            for code, f in t.by_type.items()
                        },
                        "rank": t.rank,
                    }
                    for t in c.targets
                ],
            }
            for c in result.categories
        ],
    }
