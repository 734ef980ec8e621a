"""The setup screen's edits of a meeting, each a pure function with the rules that keep the
meeting whole (a renamed level keeps its caps, a deleted unit unlinks its speakers...)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import meeting_edits as edits
from desktop_app.domain.meeting import (
    DEFAULT_SPEECH_LIMIT_S,
    AgendaKind,
    BallotType,
    Category,
    Level,
    Meeting,
    Speaker,
)
from desktop_app.domain.setup import default_meeting, validate_meeting

COUNTIES = "县(市、区)、开发区(管理区)、市直系统"
UNIVERSITIES = "省市属高校"


def small_meeting() -> Meeting:
    """Two categories with caps on 好 and 差, three speakers linked to units."""
    return dataclasses.replace(
        default_meeting("测试会议"),
        speakers=(
            Speaker("周明", target="临海市"),
            Speaker("吴建国", target="青川市"),
            Speaker("李华", target="海州大学"),
        ),
        categories=(
            Category(COUNTIES, ("临海市", "青川市", "东岭县", "西坪县"), {"好": 2, "差": 1}),
            Category(UNIVERSITIES, ("海州大学", "海州医科大学"), {"好": 1}),
        ),
    )


# --- levels and their caps ------------------------------------------------------------------


def test_renaming_a_level_renames_its_caps_in_every_category() -> None:
    m = edits.rename_level(small_meeting(), 0, "优秀")
    assert m.level_labels == ("优秀", "较好", "一般", "差")
    assert [dict(c.caps) for c in m.categories] == [{"优秀": 2, "差": 1}, {"优秀": 1}]
    assert not [p for p in validate_meeting(m) if ".caps." in p.field]


def test_deleting_a_level_deletes_its_caps() -> None:
    m = edits.remove_level(small_meeting(), 3)  # 差
    assert m.level_labels == ("好", "较好", "一般")
    assert [dict(c.caps) for c in m.categories] == [{"好": 2}, {"好": 1}]


def test_a_new_level_is_named_after_the_rows_and_scored_zero() -> None:
    m = edits.add_level(small_meeting())
    assert m.levels[-1] == Level("等次5", 0)
    assert edits.add_level(m).levels[-1].label == "等次6"


def test_a_cap_typed_as_half_is_half_the_units_and_caps_follow_the_levels_order() -> None:
    m = edits.set_cap(small_meeting(), 0, "较好", "一半")  # 4 units: 2
    assert list(m.categories[0].caps.items()) == [("好", 2), ("较好", 2), ("差", 1)]
    assert edits.cap_note(m, 0, "较好", "一半") == (
        "“一半”即 4 个单位的一半(向下取整):“较好”上限为 2"
    )
    assert edits.cap_note(m, 0, "较好", "2") is None


def test_an_empty_cap_removes_it_and_a_word_is_refused() -> None:
    m = edits.set_cap(small_meeting(), 0, "差", "")
    assert dict(m.categories[0].caps) == {"好": 2}
    with pytest.raises(ValueError, match="上限应为整数或“一半”"):
        edits.set_cap(m, 0, "好", "很多")


# --- units (targets) and their speakers -----------------------------------------------------


def test_renaming_a_unit_renames_its_speakers_reference() -> None:
    m = edits.rename_target(small_meeting(), 1, "青川区")
    assert m.categories[0].targets[1] == "青川区"
    assert [s.target for s in m.speakers] == ["临海市", "青川区", "海州大学"]


def test_deleting_a_unit_unlinks_its_speakers_but_keeps_them() -> None:
    m = edits.remove_target(small_meeting(), 4)  # 海州大学, the first of category 2
    assert m.categories[1].targets == ("海州医科大学",)
    assert [(s.name, s.target) for s in m.speakers] == [
        ("周明", "临海市"),
        ("吴建国", "青川市"),
        ("李华", None),
    ]


def test_units_are_addressed_by_their_row_in_ballot_order() -> None:
    m = small_meeting()
    assert [edits.target_position(m, row) for row in (0, 3, 4, 5)] == [
        (0, 0),
        (0, 3),
        (1, 0),
        (1, 1),
    ]
    with pytest.raises(IndexError):
        edits.target_position(m, 6)


def test_moving_a_unit_to_another_category_puts_it_last_there() -> None:
    m = edits.move_target_to(small_meeting(), 0, UNIVERSITIES)
    assert m.categories[0].targets == ("青川市", "东岭县", "西坪县")
    assert m.categories[1].targets == ("海州大学", "海州医科大学", "临海市")
    assert edits.move_target_to(m, 0, COUNTIES) == m  # already there


def test_moving_a_unit_to_a_category_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError, match="没有名为“高校”的类别"):
        edits.move_target_to(small_meeting(), 0, "高校")


def test_moving_a_unit_up_or_down_stays_within_its_category() -> None:
    m = small_meeting()
    assert edits.move_target(m, 3, 1) == m  # the last of category 1 does not cross
    assert edits.move_target(m, 1, -1).categories[0].targets[:2] == ("青川市", "临海市")


def test_a_new_unit_goes_to_the_selected_units_category_with_a_free_name() -> None:
    m = small_meeting()
    assert edits.new_target_category(m, 5) == 1
    assert edits.new_target_category(m, -1) == edits.new_target_category(m, 99) == 0
    added = edits.add_target(m, 1)
    assert added.categories[1].targets[-1] == "单位7"


def test_a_unit_cannot_be_added_without_a_category() -> None:
    with pytest.raises(ValueError, match="请先添加一个类别"):
        edits.add_target(dataclasses.replace(small_meeting(), categories=()))


# --- categories -------------------------------------------------------------------------------


def test_a_category_that_holds_units_cannot_be_deleted() -> None:
    m = small_meeting()
    with pytest.raises(ValueError, match="类别里还有评议对象"):
        edits.remove_category(m, 1)
    emptied = edits.remove_target(edits.remove_target(m, 5), 4)
    assert [c.name for c in edits.remove_category(emptied, 1).categories] == [COUNTIES]


def test_a_new_category_is_empty_and_named_after_the_rows() -> None:
    m = edits.add_category(small_meeting())
    assert m.categories[-1] == Category("类别3", ())


# --- agenda, speakers and ballot types -----------------------------------------------------


def test_a_new_agenda_item_is_named_after_its_kind_and_speeches_get_five_minutes() -> None:
    m = edits.add_agenda_item(small_meeting(), AgendaKind.SPEECHES)
    assert (m.agenda[-1].title, m.agenda[-1].limit_s) == ("述职发言", DEFAULT_SPEECH_LIMIT_S)
    m = edits.add_agenda_item(m, None)
    assert (m.agenda[-1].kind, m.agenda[-1].limit_s) == (AgendaKind.SPEECH, None)


def test_a_new_speaker_gets_a_name_not_used_yet() -> None:
    m = edits.edit_speaker(small_meeting(), 0, name="述职人4")
    assert edits.add_speaker(m).speakers[-1] == Speaker("述职人5")


def test_a_new_ballot_type_takes_the_first_free_letter() -> None:
    m = edits.add_ballot_type(small_meeting())
    assert m.ballot_types[-1] == BallotType("C", "C票")
    m = edits.add_ballot_type(edits.remove_ballot_type(m, 0))  # B, C: A is free again
    assert [t.code for t in m.ballot_types] == ["B", "C", "A"]


def test_rows_move_one_place_and_stay_at_the_ends() -> None:
    m = small_meeting()
    assert edits.move_speaker(m, 0, 1).speakers[:2] == (m.speakers[1], m.speakers[0])
    assert edits.move_speaker(m, 0, -1) == m
    assert edits.move_agenda_item(m, len(m.agenda) - 1, 1) == m


# --- values as typed --------------------------------------------------------------------------


def test_limits_counts_and_numbers_as_typed() -> None:
    assert [edits.parse_limit(t) for t in ("4:00", "4分钟", "270", " ")] == [240, 240, 270, None]
    assert [edits.parse_count(t) for t in ("", "0", "120")] == [None, 0, 120]
    assert edits.parse_number("0.4") == 0.4
    with pytest.raises(ValueError, match="应为不小于 0 的整数"):
        edits.parse_count("-3")
    with pytest.raises(ValueError, match="应为数字"):
        edits.parse_number("四成")
    with pytest.raises(ValueError, match="4:00、4分钟"):
        edits.parse_limit("五分钟")


# --- any sequence of edits keeps the meeting whole -----------------------------------------

EDITS = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "rename_level",
                "remove_level",
                "add_level",
                "move_level",
                "rename_target",
                "remove_target",
                "add_target",
                "move_target_to",
                "remove_category",
                "add_category",
                "set_cap",
            ]
        ),
        st.integers(0, 20),
        st.sampled_from(["好", "优", "差", "甲", "单位1", "临海市"]),
    ),
    max_size=25,
)


def _apply(m: Meeting, name: str, index: int, text: str) -> Meeting:
    rows = {
        "level": len(m.levels),
        "target": len(m.targets),
        "category": len(m.categories),
    }
    kind = "level" if "level" in name else "category" if "category" in name else "target"
    if name in ("add_level", "add_category"):
        return getattr(edits, name)(m)
    if name == "add_target":
        return edits.add_target(m, index % rows["category"]) if m.categories else m
    if name == "set_cap":
        if not m.categories or not m.levels:
            return m
        label = m.levels[index % len(m.levels)].label
        return edits.set_cap(m, index % rows["category"], label, str(index % 4))
    if not rows[kind]:
        return m
    i = index % rows[kind]
    if name == "move_level":
        return edits.move_level(m, i, 1 if index % 2 else -1)
    if name == "move_target_to":
        return edits.move_target_to(m, i, m.categories[index % rows["category"]].name)
    if name in ("rename_level", "rename_target"):
        return getattr(edits, name)(m, i, text)
    return getattr(edits, name)(m, i)


@given(EDITS)
def test_any_edits_keep_caps_on_existing_levels_and_speakers_on_existing_units(
    steps: list[tuple[str, int, str]],
) -> None:
    m = small_meeting()
    for name, index, text in steps:
        try:
            m = _apply(m, name, index, text)
        except ValueError:
            continue  # refused (a category with units): the meeting stays as it was
    labels = m.level_labels
    for category in m.categories:
        assert set(category.caps) <= set(labels)
    for speaker in m.speakers:
        assert speaker.target is None or speaker.target in m.targets
    assert len(m.speakers) == 3  # editing units never deletes a speaker


def test_counts_stored_while_setup_was_edited_are_taken_unless_edited_in_setup() -> None:
    """A's 发出 counted on the run screen while setup renames B: the draft takes the new
    count (a save would otherwise write the old one back); a 发出 typed in setup is kept."""
    seed = small_meeting()
    a, b = seed.ballot_types[0], seed.ballot_types[1]
    base = dataclasses.replace(seed, ballot_types=(dataclasses.replace(a, issued=30), b))
    stored = dataclasses.replace(
        seed, ballot_types=(dataclasses.replace(a, issued=31, collected=29), b)
    )
    followed = {a.code: {30}, b.code: {b.issued}}
    renamed = edits.edit_ballot_type(base, 1, label="B票(其他)")
    taken = edits.take_counts(renamed, stored, followed)
    assert (taken.ballot_types[0].issued, taken.ballot_types[0].collected) == (31, 29)
    assert taken.ballot_types[1].label == "B票(其他)"
    typed = edits.edit_ballot_type(base, 0, issued=40)
    assert edits.take_counts(typed, stored, followed).ballot_types[0].issued == 40
    assert edits.take_counts(typed, stored, followed).ballot_types[0].collected == 29
    assert edits.take_counts(base, base, followed) is base
