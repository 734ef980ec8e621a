"""The ballots CSV (FORMATS.md section 2): reading with row-and-column errors, and writing."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.ballot_csv import BOM, read_ballots_csv, write_ballots_csv
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting, meeting_from_dict
from desktop_app.domain.serials import serial_key

DATA = Path(__file__).parents[1] / "data"


def seed_meeting() -> Meeting:
    return meeting_from_dict(json.loads((DATA / "seed-meeting.json").read_text(encoding="utf-8")))


def seed_text() -> str:
    return (DATA / "seed-ballots.csv").read_text(encoding="utf-8")


SMALL = meeting_from_dict(
    {
        "title": "小会",
        "levels": [
            {"label": "好", "score": 100},
            {"label": "较好", "score": 80},
            {"label": "一般", "score": 60},
            {"label": "差", "score": 40},
        ],
        "categories": [
            {"name": "甲", "caps": {"好": 1}, "targets": ["甲市", "乙县"]},
            {"name": "乙", "targets": ["丙大学"]},
        ],
        "ballot_types": [{"code": "A"}, {"code": "B"}],
    }
)
HEADER = "serial,type,甲市,乙县,丙大学,void_reason"


def csv_text(*lines: str) -> str:
    return "\r\n".join(lines) + "\r\n"


# --- reading --------------------------------------------------------------------------------


def test_seed_file_reads() -> None:
    ballots = read_ballots_csv(seed_text(), seed_meeting(), source="seed-ballots.csv")
    assert len(ballots) == 178
    assert Counter(b.type_code for b in ballots) == {"A": 30, "B": 148}
    assert len({b.serial for b in ballots}) == 178
    first = ballots[0]
    assert first.serial == "B-0001"
    assert first.type_code == "B"
    assert first.void_reason == ""
    assert first.ticks("市卫生健康委党委") == ("一般",)
    assert first.ticks("南溪县") == ("好",)
    assert set(first.ticks("市教育局党委")) == {"差", "较好"}  # written "差|较好"
    assert len(first.ticks("市教育局党委")) == 2
    assert sum(1 for b in ballots if not b.has_marks) == 4
    multi = {b.serial for b in ballots if any(len(v) > 1 for v in b.marks.values())}
    assert multi == {"B-0001", "B-0020", "B-0032", "A-0097", "B-0139", "A-0173"}
    # only non-empty cells are kept
    assert all(v for b in ballots for v in b.marks.values())


def test_a_bom_is_accepted() -> None:
    meeting = seed_meeting()
    assert read_ballots_csv(BOM + seed_text(), meeting) == read_ballots_csv(seed_text(), meeting)
    assert BOM == "\ufeff"


def test_small_file_reads_to_ballots() -> None:
    text = csv_text(HEADER, "A-1,A,好,较好,一般,", "B-1,B,,差,,", "B-2,B,,,,签名")
    assert read_ballots_csv(text, SMALL) == [
        Ballot("A-1", "A", {"甲市": ("好",), "乙县": ("较好",), "丙大学": ("一般",)}, ""),
        Ballot("B-1", "B", {"乙县": ("差",)}, ""),
        Ballot("B-2", "B", {}, "签名"),
    ]


def test_column_order_is_free() -> None:
    ordered = csv_text(HEADER, "A-1,A,好,较好,一般,撕毁", "A-2,A,,差,好|较好,")
    shuffled = csv_text(
        "丙大学,void_reason,乙县,serial,甲市,type", "一般,撕毁,较好,A-1,好,A", "好|较好,,差,A-2,,A"
    )
    assert read_ballots_csv(shuffled, SMALL) == read_ballots_csv(ordered, SMALL)
    assert read_ballots_csv(shuffled, SMALL)[0] == Ballot(
        "A-1", "A", {"甲市": ("好",), "乙县": ("较好",), "丙大学": ("一般",)}, "撕毁"
    )


def test_void_reason_column_is_optional() -> None:
    text = csv_text("serial,type,甲市,乙县,丙大学", "A-1,A,好,,")
    assert read_ballots_csv(text, SMALL) == [Ballot("A-1", "A", {"甲市": ("好",)}, "")]


def test_multi_mark_becomes_a_tuple() -> None:
    text = csv_text(HEADER, "A-1,A,好|较好,一般 | 差,好|较好|一般|差,")
    (ballot,) = read_ballots_csv(text, SMALL)
    assert ballot.ticks("甲市") == ("好", "较好")
    assert set(ballot.ticks("乙县")) == {"一般", "差"}
    assert len(ballot.ticks("乙县")) == 2
    assert len(ballot.ticks("丙大学")) == 4


def test_cells_and_names_are_trimmed() -> None:
    text = csv_text(
        " serial , type ,甲市 ,乙县,丙大学,void_reason", " A-1 , B , 好 ,,, 字迹无法辨认 "
    )
    assert read_ballots_csv(text, SMALL) == [Ballot("A-1", "B", {"甲市": ("好",)}, "字迹无法辨认")]


def test_blank_lines_are_skipped_and_quotes_are_understood() -> None:
    text = csv_text(HEADER, "", 'A-1,A,好,,,"签名, 且涂改"', ",,,,,", "A-2,A,,,,") + "\r\n"
    ballots = read_ballots_csv(text, SMALL)
    assert [b.serial for b in ballots] == ["A-1", "A-2"]
    assert ballots[0].void_reason == "签名, 且涂改"


def test_lf_line_endings() -> None:
    text = HEADER + "\nA-1,A,好,,,\nA-2,B,,差,,\n"
    assert [b.serial for b in read_ballots_csv(text, SMALL)] == ["A-1", "A-2"]


def test_no_ballots_only_a_header() -> None:
    assert read_ballots_csv(csv_text(HEADER), SMALL) == []


# --- bad files: row and column --------------------------------------------------------------

BAD_FILES: list[tuple[str, str, int, str | None]] = [
    ("unknown level", csv_text(HEADER, "A-1,A,好,,,", "A-2,A,好,优,,"), 3, "乙县"),
    ("unknown level in a multi-mark", csv_text(HEADER, "A-1,A,好,,好|优,"), 2, "丙大学"),
    ("unknown type", csv_text(HEADER, "C-1,C,好,,,"), 2, "type"),
    ("empty type", csv_text(HEADER, "A-1,A,好,,,", "A-2,,好,,,"), 3, "type"),
    ("type in lower case", csv_text(HEADER, "a-1,a,好,,,"), 2, "type"),
    (
        "missing target column",
        csv_text("serial,type,甲市,乙县,void_reason", "A-1,A,好,,"),
        1,
        "丙大学",
    ),
    (
        "unknown extra column",
        csv_text("serial,type,甲市,乙县,丙大学,丁区,void_reason", "A-1,A,好,,,,"),
        1,
        "丁区",
    ),
    ("missing serial column", csv_text("type,甲市,乙县,丙大学", "A,好,,"), 1, "serial"),
    ("missing type column", csv_text("serial,甲市,乙县,丙大学", "A-1,好,,"), 1, "type"),
    ("duplicate column", csv_text("serial,type,甲市,乙县,丙大学,甲市", "A-1,A,好,,,"), 1, "甲市"),
    (
        "duplicate serial",
        csv_text(HEADER, "A-1,A,好,,,", "A-2,A,,,,", "A-1,B,较好,,,"),
        4,
        "serial",
    ),
    (
        "duplicate serial after a blank line",
        csv_text(HEADER, "A-1,A,好,,,", "", "A-1,B,较好,,,"),
        4,
        "serial",
    ),
    (
        "duplicate serial up to spaces",
        csv_text(HEADER, "A-1,A,好,,,", " A-1 ,B,较好,,,"),
        3,
        "serial",
    ),
    ("empty serial", csv_text(HEADER, "A-1,A,好,,,", ",A,好,,,"), 3, "serial"),
    ("blank serial", csv_text(HEADER, "   ,A,好,,,"), 2, "serial"),
    ("too few fields", csv_text(HEADER, "A-1,A,好,,,", "A-2,A,好"), 3, None),
    ("too many fields", csv_text(HEADER, "A-1,A,好,,,,"), 2, None),
    ("doubled label", csv_text(HEADER, "A-1,A,好好,,,"), 2, "甲市"),
    ("label repeated in a multi-mark", csv_text(HEADER, "A-1,A,,好|好,,"), 2, "乙县"),
    ("dangling bar", csv_text(HEADER, "A-1,A,,,好|,"), 2, "丙大学"),
    ("only a bar", csv_text(HEADER, "A-1,A,|,,,"), 2, "甲市"),
    ("tick mark instead of a label", csv_text(HEADER, "A-1,A,√,,,"), 2, "甲市"),
]


@pytest.mark.parametrize(
    ("text", "row", "column"),
    [(t, r, c) for _, t, r, c in BAD_FILES],
    ids=[name for name, _, _, _ in BAD_FILES],
)
def test_bad_file_names_row_and_column(text: str, row: int, column: str | None) -> None:
    with pytest.raises(DataError) as caught:
        read_ballots_csv(text, SMALL, source="ballots.csv")
    error = caught.value
    assert (error.row, error.column) == (row, column)
    assert error.file == "ballots.csv"
    assert error.field is None
    assert error.message
    assert str(error).startswith(f"ballots.csv, row {row}")
    if column is not None:
        assert f'column "{column}"' in str(error)


def test_bad_row_after_good_ones_rejects_the_whole_file() -> None:
    good = [f"A-{i},A,好,较好,一般," for i in range(50)]
    text = csv_text(HEADER, *good, "A-50,A,好,较好,特好,")
    with pytest.raises(DataError) as caught:
        read_ballots_csv(text, SMALL)
    assert (caught.value.row, caught.value.column) == (52, "丙大学")


@pytest.mark.parametrize("text", ["", BOM], ids=["empty", "bom-only"])
def test_empty_file(text: str) -> None:
    with pytest.raises(DataError) as caught:
        read_ballots_csv(text, SMALL, source="empty.csv")
    assert caught.value.row == 1
    assert caught.value.file == "empty.csv"


def test_empty_header_name() -> None:
    with pytest.raises(DataError) as caught:
        read_ballots_csv(csv_text("serial,type,,甲市,乙县,丙大学", "A-1,A,,好,,"), SMALL)
    assert caught.value.row == 1


def test_broken_quoting_is_a_data_error() -> None:
    text = csv_text(HEADER, "A-1,A,好,,,", 'A-2,A,"好,,,')
    with pytest.raises(DataError) as caught:
        read_ballots_csv(text, SMALL)
    assert caught.value.row is not None
    assert caught.value.row >= 3


def test_target_of_another_meeting_is_rejected_against_the_seed() -> None:
    with pytest.raises(DataError) as caught:
        read_ballots_csv(csv_text(HEADER, "A-1,A,好,,,"), seed_meeting())
    assert caught.value.row == 1
    assert caught.value.column in {"甲市", "乙县", "丙大学"}


# --- writing --------------------------------------------------------------------------------


def test_seed_round_trips() -> None:
    meeting = seed_meeting()
    ballots = read_ballots_csv(seed_text(), meeting)
    written = write_ballots_csv(meeting, ballots)
    assert written.startswith(BOM)
    assert not written.startswith(BOM + BOM)
    assert read_ballots_csv(written, meeting) == ballots
    header = written[len(BOM) :].split("\r\n", 1)[0]
    assert header == ",".join(["serial", "type", *meeting.targets, "void_reason"])
    assert len(written.rstrip("\r\n").split("\r\n")) == 179


def test_written_rows() -> None:
    ballots = [
        Ballot("A-1", "A", {"甲市": ("好", "较好"), "丙大学": ("差",)}, ""),
        Ballot("B-1", "B", {}, '签名, 并写"同意"'),
    ]
    written = write_ballots_csv(SMALL, ballots)
    assert written == (
        BOM + HEADER + "\r\n" + "A-1,A,好|较好,,差,\r\n" + 'B-1,B,,,,"签名, 并写""同意"""\r\n'
    )
    assert read_ballots_csv(written, SMALL) == ballots


def test_writing_no_ballots_gives_a_header() -> None:
    written = write_ballots_csv(SMALL, [])
    assert written == BOM + HEADER + "\r\n"
    assert read_ballots_csv(written, SMALL) == []


SERIAL_CHARS = st.sampled_from(list('AB-0123456789号票,"甲 '))
REASON_CHARS = st.sampled_from(list('签名撕毁无法辨认,"\n; x'))


@st.composite
def seed_ballots(draw: st.DrawFn) -> list[Ballot]:
    meeting = SEED_MEETING
    labels = meeting.level_labels
    serials = draw(
        st.lists(
            st.text(SERIAL_CHARS, min_size=1, max_size=8).filter(lambda s: s == s.strip() != ""),
            max_size=12,
            unique_by=serial_key,  # one paper, one serial: would be duplicates
        )
    )
    ballots = []
    for serial in serials:
        marks = {}
        for target in draw(
            st.lists(st.sampled_from(meeting.targets), unique=True, max_size=len(meeting.targets))
        ):
            ticked = draw(st.sets(st.sampled_from(labels), min_size=1, max_size=len(labels)))
            marks[target] = tuple(label for label in labels if label in ticked)
        reason = draw(st.text(REASON_CHARS, max_size=10).map(str.strip))
        ballots.append(Ballot(serial, draw(st.sampled_from(["A", "B"])), marks, reason))
    return ballots


SEED_MEETING = seed_meeting()


@settings(max_examples=150, deadline=None, database=None)
@given(seed_ballots())
def test_any_ballots_round_trip(ballots: list[Ballot]) -> None:
    written = write_ballots_csv(SEED_MEETING, ballots)
    assert written.startswith(BOM)
    assert read_ballots_csv(written, SEED_MEETING) == ballots
