"""classify_ballot: FORMATS.md section 3 steps 1 to 5 under all four rule combinations."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from desktop_app.domain.ballots import (
    Ballot,
    BallotStatus,
    CapBreach,
    Classification,
    VoidCause,
    classify_ballot,
)
from desktop_app.domain.meeting import (
    BallotType,
    Category,
    Level,
    Meeting,
    MultiMarkRule,
    OverCapRule,
    Rules,
)

CAT1, CAT2 = "甲类", "乙类"
CAT1_TARGETS = ("a1", "a2", "a3", "a4")
CAT2_TARGETS = ("b1", "b2", "b3")

BASE = Meeting(
    title="分类测试",
    date=None,
    venue="",
    agenda=(),
    speakers=(),
    levels=(Level("好", 100), Level("较好", 80), Level("一般", 60), Level("差", 40)),
    categories=(
        Category(CAT1, CAT1_TARGETS, {"好": 2}),
        Category(CAT2, CAT2_TARGETS, {"好": 1}),
    ),
    ballot_types=(BallotType("A", "A票", 0.4), BallotType("B", "B票", 0.6)),
)

ALL_RULES = list(itertools.product(MultiMarkRule, OverCapRule))
RULE_IDS = [f"{mm.value}-{oc.value}" for mm, oc in ALL_RULES]


def meeting(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> Meeting:
    return dataclasses.replace(BASE, rules=Rules(multi_mark, over_cap))


def ballot(void_reason: str = "", **cells: str) -> Ballot:
    """A ballot of type A; a cell "好|较好" is a multi-mark, "" no mark."""
    marks = {target: tuple(cell.split("|")) if cell else () for target, cell in cells.items()}
    return Ballot("A-001", "A", marks, void_reason)


# A fully marked ballot within both caps.
FULL = {"a1": "好", "a2": "较好", "a3": "一般", "a4": "差", "b1": "较好", "b2": "一般", "b3": "差"}
FULL_SECTIONS = {
    CAT1: {"a1": "好", "a2": "较好", "a3": "一般", "a4": "差"},
    CAT2: {"b1": "较好", "b2": "一般", "b3": "差"},
}

rules = pytest.mark.parametrize(("multi_mark", "over_cap"), ALL_RULES, ids=RULE_IDS)


@rules
def test_fully_marked_ballot_is_valid(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(**FULL))
    assert result.status is BallotStatus.VALID
    assert result.cause is None
    assert result.sections == FULL_SECTIONS
    assert result.multi_marked == ()
    assert result.breaches == ()
    assert result.describe() == "有效票"


@rules
def test_unmarked_units_are_abstentions(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(a2="一般", b3=""))
    assert result.status is BallotStatus.VALID
    assert result.sections == {
        CAT1: {"a1": None, "a2": "一般", "a3": None, "a4": None},
        CAT2: {"b1": None, "b2": None, "b3": None},
    }


@rules
def test_hand_voided_ballot_is_void_even_if_otherwise_fine(
    multi_mark: MultiMarkRule, over_cap: OverCapRule
) -> None:
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(void_reason="签名", **FULL))
    assert result.status is BallotStatus.VOID
    assert result.cause is VoidCause.BY_HAND
    assert result.sections == {}
    assert "签名" in result.detail
    text = result.describe()
    assert "废票" in text
    assert "签名" in text
    assert "有效票" not in text


@rules
def test_hand_voided_blank_ballot_is_void(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(void_reason="撕毁"))
    assert result.status is BallotStatus.VOID
    assert result.cause is VoidCause.BY_HAND
    assert "废票" in result.describe()


@rules
def test_hand_voided_beats_multi_mark_and_cap(
    multi_mark: MultiMarkRule, over_cap: OverCapRule
) -> None:
    b = ballot(void_reason="无法辨认", a1="好|差", a2="好", a3="好", a4="好")
    result = classify_ballot(meeting(multi_mark, over_cap), b)
    assert result.status is BallotStatus.VOID
    assert result.cause is VoidCause.BY_HAND


@rules
def test_ballot_without_marks_is_blank(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    m = meeting(multi_mark, over_cap)
    for b in (Ballot("B-1", "B"), ballot(**dict.fromkeys(FULL, ""))):
        result = classify_ballot(m, b)
        assert result.status is BallotStatus.BLANK
        assert result.cause is None
        assert result.sections == {}
        assert result.describe() == "空白票"


@rules
def test_multi_mark(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    cells = dict(FULL, a3="一般|差")
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(**cells))
    assert result.multi_marked == ("a3",)
    if multi_mark is MultiMarkRule.VOID_BALLOT:
        assert result.status is BallotStatus.VOID
        assert result.cause is VoidCause.MULTI_MARK
        assert result.sections == {}
        assert "a3" in result.detail
        assert "废票" in result.describe()
    else:
        assert result.status is BallotStatus.VALID
        assert result.cause is None
        assert result.sections == {
            CAT1: {"a1": "好", "a2": "较好", "a3": None, "a4": "差"},
            CAT2: FULL_SECTIONS[CAT2],
        }
        text = result.describe()
        assert "有效票" in text
        assert "a3" in text


@rules
def test_several_multi_marks_are_all_named(
    multi_mark: MultiMarkRule, over_cap: OverCapRule
) -> None:
    cells = dict(FULL, a1="好|较好|一般", b2="一般|差")
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(**cells))
    assert result.multi_marked == ("a1", "b2")
    if multi_mark is MultiMarkRule.VOID_TARGET:
        assert result.status is BallotStatus.VALID
        assert result.sections[CAT1]["a1"] is None
        assert result.sections[CAT2]["b2"] is None
        assert result.sections[CAT2]["b1"] == "较好"
    else:
        assert result.status is BallotStatus.VOID


@rules
def test_exactly_at_the_caps_is_valid(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    cells = {"a1": "好", "a2": "好", "a3": "较好", "a4": "较好", "b1": "好", "b2": "较好"}
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(**cells))
    assert result.status is BallotStatus.VALID
    assert result.breaches == ()
    assert result.sections[CAT1] == {"a1": "好", "a2": "好", "a3": "较好", "a4": "较好"}
    assert result.sections[CAT2] == {"b1": "好", "b2": "较好", "b3": None}


@rules
def test_uncapped_levels_are_not_limited(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    cells = dict.fromkeys(CAT1_TARGETS + CAT2_TARGETS, "较好")
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(**cells))
    assert result.status is BallotStatus.VALID
    assert set(result.sections) == {CAT1, CAT2}


@rules
def test_over_the_cap(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    cells = dict(FULL, a1="好", a2="好", a3="好")  # three 好 in 甲类, cap 2
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(**cells))
    assert result.breaches == (CapBreach(CAT1, "好", 3, 2),)
    if over_cap is OverCapRule.VOID_BALLOT:
        assert result.status is BallotStatus.VOID
        assert result.cause is VoidCause.OVER_CAP
        assert result.sections == {}
        assert CAT1 in result.detail
        assert "废票" in result.describe()
    else:
        assert result.status is BallotStatus.VALID
        assert CAT1 not in result.sections
        assert result.sections == {CAT2: FULL_SECTIONS[CAT2]}
        text = result.describe()
        assert "有效票" in text
        assert CAT1 in text


@rules
def test_over_the_cap_in_both_categories(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    cells = dict.fromkeys(CAT1_TARGETS + CAT2_TARGETS, "好")
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(**cells))
    assert result.breaches == (CapBreach(CAT1, "好", 4, 2), CapBreach(CAT2, "好", 3, 1))
    if over_cap is OverCapRule.VOID_BALLOT:
        assert result.status is BallotStatus.VOID
        assert result.cause is VoidCause.OVER_CAP
    else:
        # Both sections discarded: the ballot itself is still valid, and counts nothing.
        assert result.status is BallotStatus.VALID
        assert result.sections == {}


@rules
def test_cap_of_zero(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    base = meeting(multi_mark, over_cap)
    m = dataclasses.replace(
        base,
        categories=(
            base.categories[0],
            Category(CAT2, CAT2_TARGETS, {"好": 1, "差": 0}),
        ),
    )
    result = classify_ballot(m, ballot(**FULL))  # one 差 in 乙类
    assert result.breaches == (CapBreach(CAT2, "差", 1, 0),)
    if over_cap is OverCapRule.VOID_BALLOT:
        assert result.status is BallotStatus.VOID
    else:
        assert result.status is BallotStatus.VALID
        assert result.sections == {CAT1: FULL_SECTIONS[CAT1]}


@rules
def test_only_a_multi_mark(multi_mark: MultiMarkRule, over_cap: OverCapRule) -> None:
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(b2="好|差"))
    if multi_mark is MultiMarkRule.VOID_TARGET:
        # Not blank: the voter did tick boxes. Every unit is an abstention.
        assert result.status is BallotStatus.VALID
        assert result.sections == {
            CAT1: dict.fromkeys(CAT1_TARGETS),
            CAT2: dict.fromkeys(CAT2_TARGETS),
        }
        assert "有效票" in result.describe()
    else:
        assert result.status is BallotStatus.VOID
        assert result.cause is VoidCause.MULTI_MARK


@rules
def test_multi_marks_do_not_count_toward_caps(
    multi_mark: MultiMarkRule, over_cap: OverCapRule
) -> None:
    # Two single 好 (the cap) plus a multi-mark that includes 好.
    cells = {"a1": "好|较好", "a2": "好", "a3": "好", "b1": "好|一般", "b2": "好"}
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(**cells))
    if multi_mark is MultiMarkRule.VOID_TARGET:
        assert result.status is BallotStatus.VALID
        assert result.breaches == ()
        assert result.sections == {
            CAT1: {"a1": None, "a2": "好", "a3": "好", "a4": None},
            CAT2: {"b1": None, "b2": "好", "b3": None},
        }
    else:
        assert result.status is BallotStatus.VOID
        assert result.cause is VoidCause.MULTI_MARK


@rules
def test_multi_mark_is_checked_before_caps(
    multi_mark: MultiMarkRule, over_cap: OverCapRule
) -> None:
    cells = dict(FULL, a1="好", a2="好", a3="好", b3="一般|差")  # over cap in 甲类, multi in 乙类
    result = classify_ballot(meeting(multi_mark, over_cap), ballot(**cells))
    match multi_mark, over_cap:
        case MultiMarkRule.VOID_BALLOT, _:
            assert result.status is BallotStatus.VOID
            assert result.cause is VoidCause.MULTI_MARK
        case MultiMarkRule.VOID_TARGET, OverCapRule.VOID_BALLOT:
            assert result.status is BallotStatus.VOID
            assert result.cause is VoidCause.OVER_CAP
            assert result.multi_marked == ("b3",)
        case _:
            assert result.status is BallotStatus.VALID
            assert result.sections == {CAT2: {"b1": "较好", "b2": "一般", "b3": None}}
            assert result.multi_marked == ("b3",)
            assert result.breaches == (CapBreach(CAT1, "好", 3, 2),)
            text = result.describe()
            assert "有效票" in text
            assert "b3" in text
            assert CAT1 in text


def test_classification_defaults() -> None:
    c = Classification(BallotStatus.BLANK)
    assert c.cause is None
    assert c.sections == {}
    assert c.multi_marked == ()
    assert c.breaches == ()


def test_ballot_ticks_and_has_marks() -> None:
    b = Ballot("1", "A", {"a1": ("好",), "a2": ()})
    assert b.ticks("a1") == ("好",)
    assert b.ticks("a2") == ()
    assert b.ticks("a3") == ()
    assert b.has_marks
    assert not Ballot("2", "A", {"a1": ()}).has_marks
