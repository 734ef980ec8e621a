"""Typing a ballot key by key."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.draft import BallotDraft, KeyEffect
from desktop_app.domain.meeting import Level, Meeting


def type_keys(draft: BallotDraft, keys: str) -> list[KeyEffect]:
    return [draft.key(k) for k in keys]


def test_one_key_per_target_advances_and_makes_the_ballot(seed_meeting: Meeting) -> None:
    draft = BallotDraft(seed_meeting)
    keys = "1234" * 10
    effects = type_keys(draft, keys[: draft.size])
    assert set(effects) == {KeyEffect.MARKED}
    assert draft.at_end and draft.complete
    ballot = draft.ballot("B-0001", "B")
    labels = [lv.label for lv in seed_meeting.levels]
    assert ballot.ticks(seed_meeting.targets[0]) == (labels[0],)
    assert ballot.ticks(seed_meeting.targets[3]) == (labels[3],)
    assert draft.key("1") is KeyEffect.IGNORED  # nothing after the last target


def test_zero_and_space_leave_no_mark(seed_meeting: Meeting) -> None:
    draft = BallotDraft(seed_meeting)
    assert type_keys(draft, "0 1") == [KeyEffect.CLEARED, KeyEffect.CLEARED, KeyEffect.MARKED]
    ballot = draft.ballot("B-1", "B")
    assert ballot.ticks(seed_meeting.targets[0]) == ()
    assert ballot.ticks(seed_meeting.targets[2]) == ("好",)
    assert draft.cursor == 3 and not draft.complete and draft.unvisited() == draft.size - 3


def test_m_ticks_several_boxes(seed_meeting: Meeting) -> None:
    draft = BallotDraft(seed_meeting)
    effects = type_keys(draft, "m13m2")
    assert effects == [
        KeyEffect.MULTI_ON,
        KeyEffect.TOGGLED,
        KeyEffect.TOGGLED,
        KeyEffect.MULTI_OFF,
        KeyEffect.MARKED,
    ]
    ballot = draft.ballot("B-1", "B")
    assert ballot.ticks(seed_meeting.targets[0]) == ("好", "一般")
    assert ballot.ticks(seed_meeting.targets[1]) == ("较好",)


def test_keys_that_mean_nothing_are_ignored(seed_meeting: Meeting) -> None:
    draft = BallotDraft(seed_meeting)
    assert type_keys(draft, "5x9-") == [KeyEffect.IGNORED] * 4
    assert not draft.dirty and draft.cursor == 0


def test_level_keys_follow_the_meetings_levels(seed_meeting: Meeting) -> None:
    five = dataclasses.replace(
        seed_meeting,
        levels=(
            Level("优", 100),
            Level("良", 85),
            Level("中", 70),
            Level("及格", 60),
            Level("差", 0),
        ),
        categories=tuple(dataclasses.replace(c, caps={}) for c in seed_meeting.categories),
    )
    draft = BallotDraft(five)
    assert draft.level_keys == "12345"
    type_keys(draft, "5")
    assert draft.ballot("x", "B").ticks(five.targets[0]) == ("差",)


def test_backspace_steps_back_and_clears(seed_meeting: Meeting) -> None:
    draft = BallotDraft(seed_meeting)
    type_keys(draft, "12")
    draft.back()
    assert draft.cursor == 1
    assert draft.ballot("x", "B").ticks(seed_meeting.targets[1]) == ()
    assert draft.ballot("x", "B").ticks(seed_meeting.targets[0]) == ("好",)


def test_mouse_sets_and_toggles(seed_meeting: Meeting) -> None:
    draft = BallotDraft(seed_meeting)
    draft.set_level(4, "差")
    assert draft.cursor == 5
    draft.toggle(4, "好")
    assert draft.marks[4] == ("好", "差")
    draft.set_level(4, "差")
    assert draft.marks[4] == ("差",)
    draft.set_level(4, "差")
    assert draft.marks[4] == ()


def test_load_then_reset(seed_meeting: Meeting) -> None:
    t = seed_meeting.targets
    draft = BallotDraft(seed_meeting)
    ballot = Ballot("B-9", "B", {t[0]: ("差", "好"), t[5]: ("一般",)})
    draft.load(ballot)
    assert draft.ballot("B-9", "B") == Ballot("B-9", "B", {t[0]: ("好", "差"), t[5]: ("一般",)})
    assert draft.complete
    draft.reset()
    assert not draft.dirty


@given(st.text(alphabet="01234m x\b", max_size=80))
def test_any_key_sequence_keeps_the_draft_consistent(keys: str) -> None:
    from desktop_app.domain.meeting import meeting_from_dict

    meeting = meeting_from_dict(
        {
            "title": "t",
            "agenda": [],
            "speakers": [],
            "levels": [{"label": "好", "score": 100}, {"label": "差", "score": 0}],
            "categories": [{"name": "c", "caps": {"好": 1}, "targets": ["a", "b", "c"]}],
            "ballot_types": [{"code": "A", "label": "A"}],
        }
    )
    draft = BallotDraft(meeting)
    for k in keys:
        if k == "\b":
            draft.back()
        else:
            draft.key(k)
        assert 0 <= draft.cursor <= draft.size
        assert draft.reached >= 0
        assert all(set(m) <= {"好", "差"} for m in draft.marks)
    ballot = draft.ballot("s", "A")
    assert set(ballot.marks) <= {"a", "b", "c"}
