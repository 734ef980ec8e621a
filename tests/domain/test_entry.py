"""Entry rules: serial numbering, live cap counts, pairing, progress and the audit sample."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.entry import (
    EntryPair,
    PairState,
    Typing,
    audit_sample,
    ballot_from_dict,
    ballot_to_dict,
    differences,
    entry_progress,
    level_counts,
    next_serial,
    pair_entries,
)
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import exceeds


@pytest.mark.parametrize(
    ("previous", "expected"),
    [
        (None, "A-001"),
        ("A-009", "A-010"),
        ("A-0009", "A-010"),  # the meeting's one width
        ("A-1", "A-002"),
        ("B-0178", "B-0179"),
        ("7", "8"),
        ("99", "100"),
        ("甲字", "甲字-2"),
        ("2021-A-099", "2021-A-100"),
    ],
)
def test_next_serial(previous: str | None, expected: str) -> None:
    assert next_serial(previous, "A") == expected


def test_level_counts_ignore_multi_marks(seed_meeting: Meeting) -> None:
    category = seed_meeting.categories[0]
    a, b, c = category.targets[:3]
    counts = level_counts(category, {a: ("好",), b: ("好",), c: ("好", "较好")})
    assert counts == {"好": 2}


def test_differences_name_type_targets_and_reason(seed_meeting: Meeting) -> None:
    t1, t2 = seed_meeting.targets[:2]
    first = Ballot("B-1", "B", {t1: ("好",), t2: ("好", "差")})
    assert (
        differences(seed_meeting, first, Ballot("B-1", "B", {t1: ("好",), t2: ("差", "好")})) == ()
    )
    second = Ballot("B-1", "A", {t1: ("较好",), t2: ("好", "差")}, "签名")
    assert differences(seed_meeting, first, second) == ("type", t1, "void_reason")


def test_pairs_and_their_states(seed_meeting: Meeting) -> None:
    t = seed_meeting.targets[0]
    one = Ballot("B-1", "B", {t: ("好",)})
    other = Ballot("B-1", "B", {t: ("差",)})
    pairs = pair_entries(
        seed_meeting,
        {
            "B-1": [Typing(2, other, "乙"), Typing(1, one, "甲")],
            "B-2": [Typing(1, one, "甲")],
            "B-3": [Typing(1, one, "甲"), Typing(2, one, "甲")],
        },
    )
    assert [p.state for p in pairs] == [PairState.MISMATCH, PairState.WAITING, PairState.AGREED]
    assert pairs[0].typing(1) == Typing(1, one, "甲")
    assert pairs[0].differences == (t,)
    assert pairs[2].same_station and not pairs[0].same_station
    assert EntryPair("B-9", ()).state is PairState.WAITING


def test_ballot_dict_round_trip(seed_meeting: Meeting) -> None:
    t1, t2 = seed_meeting.targets[:2]
    ballot = Ballot("B-1", "B", {t1: ("好",), t2: ("好", "差")}, "撕毁")
    assert ballot_from_dict(ballot_to_dict(ballot)) == ballot


def test_progress_warns_when_entered_exceeds_collected_or_issued(seed_meeting: Meeting) -> None:
    a, b = entry_progress(seed_meeting, {"A": 31, "B": 3}, {"A": 30, "B": None})
    assert a.issued == 30 and a.collected == 30 and a.remaining == 0
    assert a.warnings() == ["A票已录入 31 张,多于收回的 30 张", "A票已录入 31 张,多于发出的 30 张"]
    assert b.warnings() == [] and b.remaining is None
    (a,) = [p for p in entry_progress(seed_meeting, {}, {"A": 35}) if p.code == "A"]
    assert a.warnings() == ["A票收回 35 张,多于发出的 30 张"]
    assert a.remaining == 35


def test_one_count_over_another_only_when_both_are_known() -> None:
    assert exceeds(31, 30) and not exceeds(30, 30) and not exceeds(29, 30)
    assert not exceeds(None, 30) and not exceeds(31, None) and not exceeds(None, None)


def test_a_mismatch_settled_overwrites_the_other_typing_with_the_kept_one(
    seed_meeting: Meeting,
) -> None:
    t = seed_meeting.targets[0]
    first, second = Ballot("B-1", "B", {t: ("好",)}), Ballot("B-1", "B", {t: ("差",)})
    pair = EntryPair("B-1", (Typing(1, first, "甲"), Typing(2, second, "乙")), (t,))
    assert pair.settlement(1) == (2, first)
    assert pair.settlement(2) == (1, second)
    with pytest.raises(DataError, match="没有第 3 次录入") as refused:
        pair.settlement(3)
    assert refused.value.field == "pass"
    with pytest.raises(DataError, match="没有两次录入可比对"):
        EntryPair("B-2", (Typing(1, first, "甲"),)).settlement(1)


@given(
    st.lists(st.text(min_size=1, max_size=6), max_size=60, unique=True),
    st.integers(0, 70),
    st.integers(0, 2**32),
    st.randoms(),
)
def test_audit_sample_is_reproducible_whatever_the_order(
    serials: list[str], size: int, seed: int, shuffler: object
) -> None:
    sample = audit_sample(serials, size, seed)
    shuffled = list(serials)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    assert audit_sample(shuffled, size, seed) == sample
    assert len(sample) == min(size, len(serials))
    assert set(sample) <= set(serials)
    assert sample == sorted(sample)


def test_audit_sample_depends_on_the_seed() -> None:
    serials = [f"B-{i:04d}" for i in range(1, 179)]
    assert audit_sample(serials, 10, 1) != audit_sample(serials, 10, 2)
    assert audit_sample(serials, 10, 20261123) == audit_sample(serials, 10, 20261123)
    with pytest.raises(ValueError):
        audit_sample(serials, -1, 1)
