"""The tally (FORMATS.md sections 3 and 4): the seed example, hand-computed cases, properties."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.ballot_csv import read_ballots_csv
from desktop_app.domain.ballots import Ballot, BallotStatus, classify_ballot
from desktop_app.domain.meeting import (
    BallotType,
    Category,
    Level,
    Meeting,
    MultiMarkRule,
    OverCapRule,
    Rules,
    meeting_from_dict,
)
from desktop_app.domain.tally import (
    BallotSummary,
    Tally,
    TypeFigures,
    count_ballots,
    summarise,
    tally,
    tally_to_dict,
)

DATA = Path(__file__).parents[1] / "data"


# --- (a) the seed example -------------------------------------------------------------------


def _seed() -> tuple[Meeting, list[Ballot]]:
    meeting = meeting_from_dict(
        json.loads((DATA / "seed-meeting.json").read_text(encoding="utf-8")),
        source="seed-meeting.json",
    )
    ballots = read_ballots_csv(
        (DATA / "seed-ballots.csv").read_text(encoding="utf-8"),
        meeting,
        source="seed-ballots.csv",
    )
    return meeting, ballots


def test_seed_tally_matches_the_reference_exactly() -> None:
    meeting, ballots = _seed()
    expected = json.loads((DATA / "seed-tally.json").read_text(encoding="utf-8"))
    assert tally_to_dict(tally(meeting, ballots)) == expected


def test_seed_tally_headline_figures() -> None:
    meeting, ballots = _seed()
    result = tally(meeting, ballots)
    assert result.ballots == {
        "A": BallotSummary(issued=30, entered=30, valid=27, void=3, blank=0),
        "B": BallotSummary(issued=160, entered=148, valid=134, void=10, blank=4),
    }
    assert result.warnings() == []
    linhai = result.target("临海市")
    assert linhai.rank == 13
    assert linhai.by_type["A"] == TypeFigures(
        {"好": 7, "较好": 10, "一般": 5, "差": 3}, 2, 27, 7 / 27, 17 / 27, 1920 / 25
    )
    # Combined: 0.4 x A + 0.6 x B.
    b = linhai.by_type["B"]
    assert b.score is not None
    assert linhai.score == pytest.approx(0.4 * 76.8 + 0.6 * b.score, abs=1e-9)
    # JSON-serialisable as is.
    assert json.loads(json.dumps(tally_to_dict(result), ensure_ascii=False))["meeting"] == (
        "2020年度全市基层党建工作述职评议会议"
    )


def test_tally_is_count_then_summarise() -> None:
    meeting, ballots = _seed()
    assert summarise(meeting, count_ballots(meeting, ballots)) == tally(meeting, ballots)


# --- (b) hand-computed small cases ----------------------------------------------------------

SMALL = Meeting(
    title="小会",
    date=None,
    venue="",
    agenda=(),
    speakers=(),
    levels=(Level("好", 100), Level("较好", 80), Level("一般", 60), Level("差", 40)),
    categories=(
        Category("甲类", ("a1", "a2", "a3", "a4"), {"好": 2}),
        Category("乙类", ("b1", "b2", "b3"), {"好": 1}),
    ),
    ballot_types=(BallotType("A", "A票", 0.4, 10), BallotType("B", "B票", 0.6, None)),
)


def vote(serial: str, type_code: str, void_reason: str = "", **cells: str) -> Ballot:
    """A ballot; a cell "好|较好" is a multi-mark."""
    marks = {t: tuple(cell.split("|")) for t, cell in cells.items() if cell}
    return Ballot(serial, type_code, marks, void_reason)


SMALL_BALLOTS = [
    vote("A1", "A", a1="好", a2="较好", b1="一般"),
    vote("A2", "A", a1="较好", a2="差"),
    vote("A3", "A", a1="较好", b1="好"),
    vote("A4", "A", a2="好"),  # a1: abstention
    vote("A5", "A"),  # blank
    vote("A6", "A", "撕毁", a1="好"),  # void by hand
    vote("A7", "A", a1="好", a2="好", a3="好"),  # over the cap: void
    vote("B1", "B", a1="一般", b1="较好"),
    vote("B2", "B", a1="差", b2="好"),
]


def test_small_ballot_summaries() -> None:
    result = tally(SMALL, SMALL_BALLOTS)
    assert result.ballots == {
        "A": BallotSummary(issued=10, entered=7, valid=4, void=2, blank=1),
        "B": BallotSummary(issued=None, entered=2, valid=2, void=0, blank=0),
    }
    assert result.warnings() == []


def test_small_figures_by_type() -> None:
    result = tally(SMALL, SMALL_BALLOTS)
    a1 = result.target("a1")
    assert dict(a1.by_type["A"].counts) == {"好": 1, "较好": 2, "一般": 0, "差": 0}
    assert a1.by_type["A"].abstain == 1
    assert a1.by_type["A"].n == 4
    # score over the rated sections only; rates over n, abstentions included
    assert a1.by_type["A"].score == pytest.approx((100 + 80 + 80) / 3)
    assert a1.by_type["A"].good_rate == pytest.approx(1 / 4)
    assert a1.by_type["A"].approval_rate == pytest.approx(3 / 4)
    assert a1.by_type["B"] == TypeFigures(
        {"好": 0, "较好": 0, "一般": 1, "差": 1}, 0, 2, 0.0, 0.0, 50.0
    )

    b1 = result.target("b1")
    assert b1.by_type["A"] == TypeFigures(
        {"好": 1, "较好": 0, "一般": 1, "差": 0}, 2, 4, 0.25, 0.25, 80.0
    )
    assert b1.by_type["B"] == TypeFigures(
        {"好": 0, "较好": 1, "一般": 0, "差": 0}, 1, 2, 0.0, 0.5, 80.0
    )


def test_small_combined_figures_are_weighted_means() -> None:
    result = tally(SMALL, SMALL_BALLOTS)
    a1 = result.target("a1")
    assert a1.score == pytest.approx(0.4 * (260 / 3) + 0.6 * 50)
    assert a1.good_rate == pytest.approx(0.4 * 0.25 + 0.6 * 0.0)
    assert a1.approval_rate == pytest.approx(0.4 * 0.75 + 0.6 * 0.0)

    b1 = result.target("b1")
    assert b1.score == pytest.approx(80.0)
    assert b1.approval_rate == pytest.approx(0.4 * 0.25 + 0.6 * 0.5)


def test_a_type_that_did_not_rate_a_target_drops_out_of_its_score() -> None:
    result = tally(SMALL, SMALL_BALLOTS)
    a2 = result.target("a2")
    assert a2.by_type["B"].score is None
    assert a2.by_type["B"].n == 2
    assert a2.by_type["B"].abstain == 2
    # score: only A rated a2, so A's score alone (not 0.4 x A's score)
    assert a2.score == pytest.approx((100 + 80 + 40) / 3)
    # rates: B had counted sections (n = 2), so its zero rates do count
    assert a2.good_rate == pytest.approx(0.4 * 0.25)
    assert a2.approval_rate == pytest.approx(0.4 * 0.5)


def test_a_target_nobody_rated_has_no_score_and_no_rank() -> None:
    result = tally(SMALL, SMALL_BALLOTS)
    for name in ("a3", "a4", "b3"):
        target = result.target(name)
        assert target.score is None
        assert target.rank is None
        assert target.by_type["A"].score is None
        assert target.by_type["A"].abstain == target.by_type["A"].n == 4
        assert target.good_rate == 0.0
        assert target.approval_rate == 0.0


def test_small_ranks() -> None:
    result = tally(SMALL, SMALL_BALLOTS)
    ranks = {t.name: t.rank for c in result.categories for t in c.targets}
    # 甲类: a2 = 73.3, a1 = 64.7; 乙类: b2 = 100 (B only), b1 = 80
    assert ranks == {"a1": 2, "a2": 1, "a3": None, "a4": None, "b1": 2, "b2": 1, "b3": None}
    assert [c.name for c in result.categories] == ["甲类", "乙类"]
    assert [t.name for t in result.categories[0].targets] == ["a1", "a2", "a3", "a4"]


def test_small_tally_as_json() -> None:
    as_dict = tally_to_dict(tally(SMALL, SMALL_BALLOTS))
    assert as_dict["meeting"] == "小会"
    assert as_dict["ballots"]["A"] == {
        "issued": 10,
        "entered": 7,
        "valid": 4,
        "void": 2,
        "blank": 1,
    }
    b2 = as_dict["categories"][1]["targets"][1]
    assert b2 == {
        "name": "b2",
        "score": pytest.approx(100.0),
        "good_rate": pytest.approx(0.6 * 0.5),
        "approval_rate": pytest.approx(0.6 * 0.5),
        "by_type": {
            "A": {
                "counts": {"好": 0, "较好": 0, "一般": 0, "差": 0},
                "abstain": 4,
                "n": 4,
                "good_rate": 0.0,
                "approval_rate": 0.0,
                "score": None,
            },
            "B": {
                "counts": {"好": 1, "较好": 0, "一般": 0, "差": 0},
                "abstain": 1,
                "n": 2,
                "good_rate": 0.5,
                "approval_rate": 0.5,
                "score": 100.0,
            },
        },
        "rank": 1,
    }
    json.dumps(as_dict)


def test_only_b_ballots_combined_equals_b() -> None:
    ballots = [
        vote("B1", "B", a1="好", a2="较好", b1="一般"),
        vote("B2", "B", a1="一般", a2="较好", b2="差"),
        vote("B3", "B", a1="差"),
    ]
    result = tally(SMALL, ballots)
    assert result.ballots["A"] == BallotSummary(10, 0, 0, 0, 0)
    for category in result.categories:
        for target in category.targets:
            a = target.by_type["A"]
            assert a == TypeFigures(
                {"好": 0, "较好": 0, "一般": 0, "差": 0}, 0, 0, None, None, None
            )
            b = target.by_type["B"]
            if b.score is None:
                assert target.score is None
            else:
                assert target.score == pytest.approx(b.score)
            assert target.good_rate == pytest.approx(b.good_rate)
            assert target.approval_rate == pytest.approx(b.approval_rate)
    a1 = result.target("a1")
    assert a1.score == pytest.approx((100 + 60 + 40) / 3)
    assert a1.good_rate == pytest.approx(1 / 3)


def test_no_ballots_at_all() -> None:
    result = tally(SMALL, [])
    assert result.ballots["B"] == BallotSummary(None, 0, 0, 0, 0)
    for category in result.categories:
        for target in category.targets:
            assert (target.score, target.good_rate, target.approval_rate, target.rank) == (
                None,
                None,
                None,
                None,
            )


def test_void_category_sections_are_not_counted() -> None:
    m = dataclasses.replace(
        SMALL, rules=Rules(MultiMarkRule.VOID_BALLOT, OverCapRule.VOID_CATEGORY)
    )
    ballots = [
        vote("A1", "A", a1="好", a2="好", a3="好", b1="较好"),  # 甲类 discarded, 乙类 kept
        vote("A2", "A", a1="较好", b1="一般"),
    ]
    result = tally(m, ballots)
    assert result.ballots["A"].valid == 2
    a1 = result.target("a1").by_type["A"]
    assert a1.n == 1
    assert dict(a1.counts) == {"好": 0, "较好": 1, "一般": 0, "差": 0}
    assert result.target("a1").score == pytest.approx(80.0)
    b1 = result.target("b1").by_type["A"]
    assert b1.n == 2
    assert b1.score == pytest.approx(70.0)


def test_void_target_multi_mark_is_an_abstention() -> None:
    m = dataclasses.replace(SMALL, rules=Rules(MultiMarkRule.VOID_TARGET, OverCapRule.VOID_BALLOT))
    ballots = [vote("A1", "A", a1="好|较好", a2="一般"), vote("A2", "A", a1="差")]
    a1 = tally(m, ballots).target("a1").by_type["A"]
    assert (a1.n, a1.abstain, a1.score) == (2, 1, 40.0)


def _one_category_meeting(scores: tuple[float, ...], n_targets: int) -> Meeting:
    labels = ("好", "较好", "一般", "差")[: len(scores)]
    return Meeting(
        title="排名",
        date=None,
        venue="",
        agenda=(),
        speakers=(),
        levels=tuple(Level(label, s) for label, s in zip(labels, scores, strict=True)),
        categories=(Category("类", tuple(f"t{i}" for i in range(1, n_targets + 1))),),
        ballot_types=(BallotType("A", "A"),),
    )


def _ranks(result: Tally) -> list[int | None]:
    return [t.rank for t in result.categories[0].targets]


def test_equal_scores_share_a_rank_and_skip_the_next() -> None:
    m = _one_category_meeting((100, 80, 60, 40), 5)
    ballots = [vote("1", "A", t1="好", t2="较好", t3="较好", t4="一般")]
    assert _ranks(tally(m, ballots)) == [1, 2, 2, 4, None]
    # order of the targets does not matter: the shared rank still skips
    ballots = [vote("1", "A", t1="一般", t2="较好", t3="好", t4="较好", t5="差")]
    assert _ranks(tally(m, ballots)) == [4, 2, 1, 2, 5]


def test_all_equal_scores_all_rank_first() -> None:
    m = _one_category_meeting((100, 80, 60, 40), 3)
    ballots = [vote("1", "A", t1="一般", t2="一般", t3="一般")]
    assert _ranks(tally(m, ballots)) == [1, 1, 1]


def test_scores_equal_within_tolerance_share_a_rank() -> None:
    m = _one_category_meeting((100.0, 100.0 - 1e-10, 60), 3)
    ballots = [vote("1", "A", t1="较好", t2="好", t3="一般")]
    result = tally(m, ballots)
    assert result.target("t1").score != result.target("t2").score
    assert _ranks(result) == [1, 1, 3]


def test_scores_further_apart_than_tolerance_do_not_share() -> None:
    m = _one_category_meeting((100.0, 100.0 - 1e-6, 60), 3)
    ballots = [vote("1", "A", t1="较好", t2="好", t3="一般")]
    assert _ranks(tally(m, ballots)) == [2, 1, 3]


def test_equal_weighted_scores_computed_differently_share_a_rank() -> None:
    # 0.1 x 70 + 0.9 x 90 and 0.1 x 90 + 0.9 x 87.777… are mathematically both 88.
    m = Meeting(
        title="排名",
        date=None,
        venue="",
        agenda=(),
        speakers=(),
        levels=(Level("好", 90), Level("较好", 70)),
        categories=(Category("类", ("t1", "t2", "t3")),),
        ballot_types=(BallotType("A", "A", 0.1), BallotType("B", "B", 0.9)),
    )
    ballots = [vote("A1", "A", t1="较好", t2="好", t3="较好")]
    # t2 by B: 8 x 90 + 1 x 70 over 9 = 87.777…
    ballots += [vote(f"B{i}", "B", t1="好", t2="好", t3="较好") for i in range(8)]
    ballots += [vote("B8", "B", t1="好", t2="较好", t3="较好")]
    result = tally(m, ballots)
    assert result.target("t1").score == pytest.approx(88.0)
    assert result.target("t2").score == pytest.approx(88.0)
    assert _ranks(result) == [1, 1, 3]


def test_warnings_when_more_entered_than_issued() -> None:
    m = dataclasses.replace(
        SMALL, ballot_types=(BallotType("A", "A票", 0.4, 2), BallotType("B", "B票", 0.6, 5))
    )
    ballots = [vote(f"A{i}", "A", a1="好") for i in range(3)]
    ballots += [vote(f"B{i}", "B", a1="好") for i in range(5)]
    result = tally(m, ballots)
    assert result.ballots["A"].over_issued
    assert not result.ballots["B"].over_issued  # entered == issued is fine
    warnings = result.warnings()
    assert len(warnings) == 1
    assert "A" in warnings[0]
    assert "3" in warnings[0]
    assert "2" in warnings[0]


def test_no_warnings_when_issued_is_unknown() -> None:
    m = dataclasses.replace(
        SMALL, ballot_types=(BallotType("A", "A票", 0.4, None), BallotType("B", "B票", 0.6, None))
    )
    ballots = [vote(f"A{i}", "A", a1="好") for i in range(50)]
    result = tally(m, ballots)
    assert result.ballots["A"].entered == 50
    assert not result.ballots["A"].over_issued
    assert result.warnings() == []


def test_void_and_blank_ballots_count_toward_entered_for_the_warning() -> None:
    m = dataclasses.replace(SMALL, ballot_types=(BallotType("A", "A票", 1.0, 1),))
    result = tally(m, [vote("A1", "A"), vote("A2", "A", "签名")])
    assert result.ballots["A"] == BallotSummary(1, 2, 0, 1, 1)
    assert len(result.warnings()) == 1


def test_any_labels_and_three_ballot_types() -> None:
    m = Meeting(
        title="三等三票",
        date=None,
        venue="",
        agenda=(),
        speakers=(),
        levels=(Level("优", 90), Level("良", 75), Level("差", 30)),
        categories=(Category("唯一类别", ("p", "q")),),
        ballot_types=(BallotType("X", "X", 1), BallotType("Y", "Y", 2), BallotType("Z", "Z", 3)),
    )
    ballots = [
        vote("X1", "X", p="优", q="良"),
        vote("Y1", "Y", p="良", q="差"),
        vote("Y2", "Y", p="差"),
        vote("Z1", "Z", p="优"),
        vote("Z2", "Z", q="优"),
    ]
    result = tally(m, ballots)
    p, q = result.target("p"), result.target("q")
    assert dict(p.by_type["Y"].counts) == {"优": 0, "良": 1, "差": 1}
    assert p.by_type["X"].score == 90
    assert p.by_type["Y"].score == pytest.approx(52.5)
    assert p.by_type["Z"] == TypeFigures({"优": 1, "良": 0, "差": 0}, 1, 2, 0.5, 0.5, 90.0)
    assert p.score == pytest.approx((1 * 90 + 2 * 52.5 + 3 * 90) / 6)
    assert p.good_rate == pytest.approx((1 * 1 + 2 * 0 + 3 * 0.5) / 6)
    assert p.approval_rate == pytest.approx((1 * 1 + 2 * 0.5 + 3 * 0.5) / 6)
    assert q.by_type["Y"] == TypeFigures({"优": 0, "良": 0, "差": 1}, 1, 2, 0.0, 0.0, 30.0)
    assert q.score == pytest.approx((1 * 75 + 2 * 30 + 3 * 90) / 6)
    assert (p.rank, q.rank) == (1, 2)
    assert set(result.ballots) == {"X", "Y", "Z"}
    assert result.ballots["Y"] == BallotSummary(None, 2, 2, 0, 0)


def test_single_level_approval_is_the_good_rate() -> None:
    m = _one_category_meeting((100,), 2)
    result = tally(m, [vote("1", "A", t1="好"), vote("2", "A")])
    t1 = result.target("t1").by_type["A"]
    assert (t1.n, t1.good_rate, t1.approval_rate, t1.score) == (1, 1.0, 1.0, 100.0)


def test_unknown_target_name_raises_key_error() -> None:
    with pytest.raises(KeyError):
        tally(SMALL, []).target("不存在")


# --- (c) properties -------------------------------------------------------------------------

LABEL_POOL = ("好", "较好", "一般", "差", "优", "良", "中", "劣")
TOL = 1e-9


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    labels = draw(st.lists(st.sampled_from(LABEL_POOL), min_size=2, max_size=5, unique=True))
    scores = draw(
        st.lists(
            st.one_of(st.integers(-50, 150), st.floats(-50, 150, allow_nan=False)),
            min_size=len(labels),
            max_size=len(labels),
        )
    )
    categories = []
    for c in range(draw(st.integers(1, 3))):
        n_targets = draw(st.integers(1, 6))
        caps = draw(
            st.dictionaries(
                st.sampled_from(labels), st.integers(0, n_targets), max_size=len(labels)
            )
        )
        categories.append(
            {"name": f"类{c}", "caps": caps, "targets": [f"c{c}t{i}" for i in range(n_targets)]}
        )
    codes = ["A", "B", "C"][: draw(st.integers(1, 3))]
    ballot_types = [
        {
            "code": code,
            "weight": draw(st.floats(0.01, 10, allow_nan=False)),
            "issued": draw(st.none() | st.integers(0, 30)),
        }
        for code in codes
    ]
    rules = {
        "multi_mark": draw(st.sampled_from(["void_ballot", "void_target"])),
        "over_cap": draw(st.sampled_from(["void_ballot", "void_category"])),
    }
    return meeting_from_dict(
        {
            "title": "随机会议",
            "levels": [
                {"label": label, "score": s} for label, s in zip(labels, scores, strict=True)
            ],
            "categories": categories,
            "ballot_types": ballot_types,
            "rules": rules,
        }
    )


UNIT_KINDS = (0, 1, 1, 1, 1, 1, 1, 1, 1, 2)  # 0: no tick, 1: one tick, 2: two ticks


@st.composite
def ballot_lists(draw: st.DrawFn, meeting: Meeting) -> list[Ballot]:
    labels = meeting.level_labels
    # What a voter may write for one unit: mostly a single tick, sometimes none or two.
    singles = [(label,) for label in labels]
    pairs = [(x, y) for x in labels for y in labels if x != y]
    codes = [t.code for t in meeting.ballot_types]
    ballots = []
    for i in range(draw(st.integers(0, 25))):
        cells: list[int]
        if draw(st.integers(0, 9)) == 0:  # now and then a blank ballot
            cells = []
        else:
            n = len(meeting.targets)
            cells = draw(st.lists(st.sampled_from(UNIT_KINDS), min_size=n, max_size=n))
        marks = {}
        for target, kind in zip(meeting.targets, cells, strict=False):
            if kind == 1:
                marks[target] = draw(st.sampled_from(singles))
            elif kind == 2:
                marks[target] = draw(st.sampled_from(pairs))
        void_reason = "签名" if draw(st.integers(0, 7)) == 0 else ""
        ballots.append(Ballot(f"S{i:03d}", draw(st.sampled_from(codes)), marks, void_reason))
    return ballots


@st.composite
def meetings_and_ballots(draw: st.DrawFn) -> tuple[Meeting, list[Ballot]]:
    meeting = draw(meetings())
    return meeting, draw(ballot_lists(meeting))


def reference_sections(meeting: Meeting, ballot: Ballot) -> dict[str, dict[str, str | None]]:
    """An independent reading of FORMATS.md section 3: the counted sections of a ballot."""
    if ballot.void_reason:
        return {}
    if not any(ballot.ticks(t) for t in meeting.targets):
        return {}
    multi = any(len(ballot.ticks(t)) > 1 for t in meeting.targets)
    if multi and meeting.rules.multi_mark is MultiMarkRule.VOID_BALLOT:
        return {}
    sections = {}
    for category in meeting.categories:
        section = {
            t: ballot.ticks(t)[0] if len(ballot.ticks(t)) == 1 else None for t in category.targets
        }
        marks = Counter(section.values())
        if any(marks[level] > cap for level, cap in category.caps.items()):
            if meeting.rules.over_cap is OverCapRule.VOID_BALLOT:
                return {}
            continue
        sections[category.name] = section
    return sections


def breaches_a_cap(meeting: Meeting, ballot: Ballot) -> bool:
    for category in meeting.categories:
        singles = Counter(ballot.ticks(t)[0] for t in category.targets if len(ballot.ticks(t)) == 1)
        if any(singles[level] > cap for level, cap in category.caps.items()):
            return True
    return False


def has_multi_mark(meeting: Meeting, ballot: Ballot) -> bool:
    return any(len(ballot.ticks(t)) > 1 for t in meeting.targets)


PROPERTY = settings(max_examples=150, deadline=None, database=None)


@PROPERTY
@given(meetings_and_ballots())
def test_counts_abstentions_and_n_add_up(case: tuple[Meeting, list[Ballot]]) -> None:
    meeting, ballots = case
    result = tally(meeting, ballots)
    sections: Counter[tuple[str, str]] = Counter()
    marks: Counter[tuple[str, str, str]] = Counter()
    for b in ballots:
        for category, section in reference_sections(meeting, b).items():
            sections[b.type_code, category] += 1
            for target, level in section.items():
                if level is not None:
                    marks[b.type_code, target, level] += 1
    for category in meeting.categories:
        for target in category.targets:
            figures = result.target(target).by_type
            assert set(figures) == {t.code for t in meeting.ballot_types}
            for code, f in figures.items():
                assert sum(f.counts.values()) + f.abstain == f.n
                assert f.n == sections[code, category.name]
                assert f.abstain >= 0
                assert list(f.counts) == list(meeting.level_labels)
                for level, count in f.counts.items():
                    assert count == marks[code, target, level]


@PROPERTY
@given(meetings_and_ballots())
def test_ballot_statuses_add_up(case: tuple[Meeting, list[Ballot]]) -> None:
    meeting, ballots = case
    result = tally(meeting, ballots)
    per_type = Counter(b.type_code for b in ballots)
    for t in meeting.ballot_types:
        s = result.ballots[t.code]
        assert s.valid + s.void + s.blank == s.entered == per_type[t.code]
        assert s.issued == t.issued
        assert s.over_issued == (t.issued is not None and s.entered > t.issued)
        blanks = sum(
            1
            for b in ballots
            if b.type_code == t.code and not b.void_reason and not any(b.marks.values())
        )
        assert s.blank == blanks
    assert len(result.warnings()) == sum(1 for s in result.ballots.values() if s.over_issued)


@PROPERTY
@given(meetings_and_ballots())
def test_classification_agrees_with_the_reference(case: tuple[Meeting, list[Ballot]]) -> None:
    meeting, ballots = case
    for b in ballots:
        c = classify_ballot(meeting, b)
        assert c.sections == reference_sections(meeting, b)
        if c.status is not BallotStatus.VALID:
            assert c.sections == {}


@PROPERTY
@given(meetings_and_ballots())
def test_breaching_ballots_never_count_under_void_ballot(
    case: tuple[Meeting, list[Ballot]],
) -> None:
    meeting, ballots = case
    meeting = dataclasses.replace(
        meeting, rules=dataclasses.replace(meeting.rules, over_cap=OverCapRule.VOID_BALLOT)
    )
    breaching = [b for b in ballots if breaches_a_cap(meeting, b)]
    for b in breaching:
        c = classify_ballot(meeting, b)
        assert c.status is BallotStatus.VOID
        assert c.sections == {}
    with_them = tally(meeting, ballots)
    without = tally(meeting, [b for b in ballots if b not in breaching])
    assert with_them.categories == without.categories


@PROPERTY
@given(meetings_and_ballots())
def test_multi_marked_ballots_never_count_under_void_ballot(
    case: tuple[Meeting, list[Ballot]],
) -> None:
    meeting, ballots = case
    meeting = dataclasses.replace(
        meeting, rules=dataclasses.replace(meeting.rules, multi_mark=MultiMarkRule.VOID_BALLOT)
    )
    multi = [b for b in ballots if has_multi_mark(meeting, b)]
    for b in multi:
        c = classify_ballot(meeting, b)
        assert c.status is BallotStatus.VOID
        assert c.sections == {}
    with_them = tally(meeting, ballots)
    without = tally(meeting, [b for b in ballots if b not in multi])
    assert with_them.categories == without.categories


def _in_unit(x: float | None) -> bool:
    return x is None or -TOL <= x <= 1 + TOL


@PROPERTY
@given(meetings_and_ballots())
def test_rates_and_scores_are_in_range(case: tuple[Meeting, list[Ballot]]) -> None:
    meeting, ballots = case
    low = min(level.score for level in meeting.levels)
    high = max(level.score for level in meeting.levels)
    result = tally(meeting, ballots)
    for category in result.categories:
        for t in category.targets:
            rows: list[Any] = [t, *t.by_type.values()]
            for row in rows:
                assert _in_unit(row.good_rate)
                assert _in_unit(row.approval_rate)
                assert (row.good_rate is None) == (row.approval_rate is None)
                if row.good_rate is not None:
                    assert row.approval_rate >= row.good_rate - TOL
                if row.score is not None:
                    assert low - TOL <= row.score <= high + TOL
            assert (t.score is None) == all(f.score is None for f in t.by_type.values())
            assert (t.good_rate is None) == all(f.n == 0 for f in t.by_type.values())


@PROPERTY
@given(meetings_and_ballots())
def test_ranks_follow_scores(case: tuple[Meeting, list[Ballot]]) -> None:
    meeting, ballots = case
    result = tally(meeting, ballots)
    for category in result.categories:
        targets = category.targets
        for t in targets:
            assert (t.rank is None) == (t.score is None)
            if t.rank is not None:
                assert 1 <= t.rank <= len(targets)
        scored = sorted(
            (t for t in targets if t.score is not None), key=lambda t: -(t.score or 0.0)
        )
        ranks = [t.rank for t in scored]
        assert ranks == sorted(ranks)
        if scored:
            assert ranks[0] == 1
        for position, t in enumerate(scored, start=1):
            assert t.rank is not None
            assert t.rank <= position
            # competition ranks: a rank r means the r - 1 better ones are above it
            better = sum(
                1
                for u in scored
                if u.score is not None and t.score is not None and u.score > t.score + TOL
            )
            assert t.rank >= better + 1


@PROPERTY
@given(st.data())
def test_ballot_order_does_not_matter(data: st.DataObject) -> None:
    meeting, ballots = data.draw(meetings_and_ballots())
    shuffled = data.draw(st.permutations(ballots))
    assert tally_to_dict(tally(meeting, shuffled)) == tally_to_dict(tally(meeting, ballots))


def test_score_decimals_tell_different_ranks_apart() -> None:
    meeting, ballots = _seed()
    result = tally(meeting, ballots)
    decimals = result.score_decimals()
    assert decimals == 3  # 83.2343 (3rd) and 83.2308 (4th) both read 83.23 at 2 decimals
    for category in result.categories:
        shown = {}
        for target in category.targets:
            if target.score is not None:
                shown.setdefault(f"{target.score:.{decimals}f}", set()).add(target.rank)
        assert all(len(ranks) == 1 for ranks in shown.values())
    assert tally(meeting, []).score_decimals() == 2  # nothing scored: the usual 2
