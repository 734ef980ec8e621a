"""Characters the document font lacks are caught with the field named, not printed blank."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from desktop_app.domain.errors import DataError
from desktop_app.domain.glyphs import (
    check_printable,
    missing_characters,
    set_font_coverage,
    unprintable_fields,
)
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.setup import validate_meeting

RARE = "𠮷"  # U+20BB7, CJK extension B: not in the bundled font


def no_extension_b(char: str) -> bool:
    return ord(char) <= 0xFFFF


@pytest.fixture
def coverage() -> Iterator[None]:
    set_font_coverage(no_extension_b)
    yield
    set_font_coverage(None)


def _with_rare_place(meeting: Meeting) -> Meeting:
    first = meeting.categories[0]
    renamed = dataclasses.replace(
        first, targets=(*first.targets[:2], f"{RARE}野县", *first.targets[3:])
    )
    return dataclasses.replace(
        meeting, categories=(renamed, *meeting.categories[1:]), recorder=f"{RARE}某"
    )


def test_missing_characters_each_once_white_space_ignored() -> None:
    assert missing_characters(f"{RARE}野{RARE} 县\n😀", no_extension_b) == RARE + "😀"
    assert missing_characters("临海市", no_extension_b) == ""


def test_the_fields_are_named(seed_meeting: Meeting) -> None:
    meeting = _with_rare_place(seed_meeting)
    assert unprintable_fields(meeting, no_extension_b) == [
        ("recorder", RARE),
        ("categories[0].targets[2]", RARE),
    ]
    assert unprintable_fields(seed_meeting, no_extension_b) == []


def test_nothing_is_checked_without_a_font(seed_meeting: Meeting) -> None:
    check_printable(_with_rare_place(seed_meeting))  # no coverage installed: no error


def test_import_check_raises_naming_the_field(coverage: None, seed_meeting: Meeting) -> None:
    with pytest.raises(DataError) as caught:
        check_printable(_with_rare_place(seed_meeting), source="会议.json")
    assert caught.value.field == "recorder"
    assert "U+20BB7" in str(caught.value) and "会议.json" in str(caught.value)


def test_setup_shows_a_problem_per_field(coverage: None, seed_meeting: Meeting) -> None:
    problems = [p for p in validate_meeting(_with_rare_place(seed_meeting)) if RARE in p.message]
    assert [p.field for p in problems] == ["recorder", "categories[0].targets[2]"]
    assert not any(p.blocks_save for p in problems)
