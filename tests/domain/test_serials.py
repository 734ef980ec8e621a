"""One paper, one serial: serials compare by their normal form (FORMATS.md section 2), and a
meeting writes them one way."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.ballot_csv import read_ballots_csv
from desktop_app.domain.entry import first_serial, next_serial
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.serials import (
    format_serial,
    serial_key,
    serial_width,
    serials,
    written_serial,
)
from tests.ballot_meetings import ballot_meeting


def full_width(text: str) -> str:
    """ASCII as typed with a Chinese input method in full-width mode (Ａ－００１)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize(
    ("serial", "key"),
    [
        ("A-001", "A-1"),
        ("A-1", "A-1"),
        ("a-0001", "A-1"),
        ("Ａ－００１", "A-1"),
        ("  b-017 ", "B-17"),
        ("A-000", "A-0"),
        ("2021-A-099", "2021-A-99"),
        ("甲-01", "甲-1"),
        ("A-10", "A-10"),
    ],
)
def test_serial_key(serial: str, key: str) -> None:
    assert serial_key(serial) == key


@given(
    code=st.sampled_from(["A", "B", "C", "AB", "甲"]),
    number=st.integers(min_value=0, max_value=99999),
    widths=st.tuples(st.integers(1, 7), st.integers(1, 7)),
    lower=st.booleans(),
    wide=st.booleans(),
    spaces=st.booleans(),
)
def test_one_paper_however_its_serial_is_written(
    code: str, number: int, widths: tuple[int, int], lower: bool, wide: bool, spaces: bool
) -> None:
    printed = f"{code}-{number:0{widths[0]}d}"
    typed = f"{code}-{number:0{widths[1]}d}"
    typed = typed.lower() if lower else typed
    typed = full_width(typed) if wide else typed
    typed = f" {typed}\t" if spaces else typed
    assert serial_key(typed) == serial_key(printed)
    assert serial_key(f"{code}-{number + 1}") != serial_key(printed)


def test_a_meeting_writes_every_serial_at_one_width(seed_meeting: Meeting) -> None:
    assert serial_width(seed_meeting) == 3
    a, b = seed_meeting.ballot_types
    assert serials(seed_meeting, a)[:2] == ["A-001", "A-002"]
    assert serials(seed_meeting, b)[-1] == "B-160"
    big = ballot_meeting(3, issued=(20, 1200))
    assert serial_width(big) == 4
    assert serials(big, big.ballot_types[0])[0] == "A-0001"  # the small type too
    assert format_serial(big, "B", 1200) == "B-1200"


def test_the_entry_screen_proposes_the_printed_serials(seed_meeting: Meeting) -> None:
    width = serial_width(seed_meeting)
    printed = serials(seed_meeting, seed_meeting.ballot_types[0])
    assert first_serial("A", width) == printed[0]
    proposed = [first_serial("A", width)]
    while len(proposed) < len(printed):
        proposed.append(next_serial(proposed[-1], "A", width))
    assert proposed == printed
    assert next_serial("a-1", "A", width) != "A-002"  # not the meeting's form: kept as typed
    assert next_serial("A-1", "A", width) == "A-002"


def csv_text(meeting: Meeting, *serials: str) -> str:
    header = ",".join(["serial", "type", *meeting.targets])
    rows = [",".join([s, "A", *([""] * len(meeting.targets))]) for s in serials]
    return "\n".join([header, *rows]) + "\n"


@pytest.mark.parametrize("second", ["A-1", "a-0001", "Ａ－００１", " A-001 "])
def test_a_csv_with_one_paper_twice_is_refused(seed_meeting: Meeting, second: str) -> None:
    with pytest.raises(DataError) as caught:
        read_ballots_csv(csv_text(seed_meeting, "A-001", "A-002", second), seed_meeting)
    assert caught.value.row == 4 and caught.value.column == "serial"
    assert "第 2 行" in caught.value.message


def test_distinct_papers_in_a_csv_are_all_read(seed_meeting: Meeting) -> None:
    ballots = read_ballots_csv(csv_text(seed_meeting, "A-001", "A-010", "A-100"), seed_meeting)
    assert [b.serial for b in ballots] == ["A-001", "A-010", "A-100"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("a-1", "A-001"),
        ("Ａ－０１", "A-001"),
        (" A-0160 ", "A-160"),
        ("A-1234", "A-1234"),  # wider than the meeting's width: the number is kept whole
        ("B-1", "B-1"),  # another type's form: as typed
        ("X17", "X17"),
        ("  甲-01 ", "甲-01"),
    ],
)
def test_a_typed_serial_is_written_the_meetings_way(
    seed_meeting: Meeting, typed: str, written: str
) -> None:
    assert written_serial(seed_meeting, "A", typed) == written
    assert serial_key(written_serial(seed_meeting, "A", typed)) == serial_key(typed)
