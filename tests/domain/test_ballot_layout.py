"""The ballot layout: every cell, box, corner mark and the code, in mm, from the meeting."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.ballot_layout import (
    BOX_HEIGHT,
    BOX_WIDTH,
    FIDUCIAL_RING,
    MIN_NAME_PT,
    MIN_ROW_HEIGHT,
    QR_QUIET,
    ROW_HEIGHT,
    BallotLayout,
    LayoutError,
    PayloadError,
    QrPayload,
    ballot_layout,
    draft_key,
    encode_payload,
    meeting_key,
    parse_payload,
    text_width_mm,
    wrap,
)
from desktop_app.domain.meeting import Meeting
from tests.ballot_meetings import ballot_meeting

MEETINGS = {
    "seed": None,  # filled from the fixture
    "27": ballot_meeting(27),
    "30-long": ballot_meeting(30, long=True),
    "31": ballot_meeting(31),
    "64-long": ballot_meeting(64, long=True),
    "3-levels": ballot_meeting(12, levels=("称职", "基本称职", "不称职")),
    "6-levels": ballot_meeting(20, levels=("优秀", "好", "较好", "一般", "较差", "差")),
    "one-category": ballot_meeting(9, categories=1, caps=False),
    "void-target": ballot_meeting(27, multi_mark="void_target", over_cap="void_category"),
}


@pytest.fixture(params=list(MEETINGS))
def meeting(request: pytest.FixtureRequest, seed_meeting: Meeting) -> Meeting:
    found = MEETINGS[request.param]
    return seed_meeting if found is None else found


def test_the_seed_meeting_fits_one_sheet_at_8_mm(seed_meeting: Meeting) -> None:
    layout = ballot_layout(seed_meeting)
    assert len(layout.pages) == 1
    assert layout.row_height == ROW_HEIGHT
    assert [row.target for row in layout.pages[0].rows] == list(seed_meeting.targets)
    assert 47.0 <= layout.pages[0].table.y <= 48.0


def test_a_meeting_slightly_too_long_for_8_mm_rows_takes_7_mm_on_one_sheet() -> None:
    assert len(ballot_layout(ballot_meeting(27)).pages) == 1
    assert ballot_layout(ballot_meeting(27)).row_height == ROW_HEIGHT
    layout = ballot_layout(ballot_meeting(31))
    assert len(layout.pages) == 1
    assert layout.row_height == MIN_ROW_HEIGHT


def test_more_units_continue_on_further_sheets_at_8_mm_never_smaller() -> None:
    meeting = ballot_meeting(64, long=True)
    layout = ballot_layout(meeting)
    assert len(layout.pages) == 3
    assert layout.row_height == ROW_HEIGHT
    rows = [row for page in layout.pages for row in page.rows]
    assert [row.target for row in rows] == list(meeting.targets)
    assert [row.number for row in rows] == list(range(1, 65))
    for row in rows:
        assert row.rect.h >= ROW_HEIGHT - 1e-9
        assert row.name.size_pt >= MIN_NAME_PT
    # Every sheet starts with its category's header; a split category says 续 (continued).
    for page in layout.pages:
        assert page.headers and page.headers[0].rect.y == pytest.approx(page.table.y)
        first_row = page.rows[0]
        assert page.headers[0].category == first_row.category
    continued = [h for page in layout.pages[1:] for h in page.headers if h.continued]
    assert continued and all("(续)" in "".join(h.name.lines) for h in continued)


def test_each_row_has_a_cell_per_level_with_a_centred_7_by_5_box(meeting: Meeting) -> None:
    layout = ballot_layout(meeting)
    for _, cell in layout.cells():
        assert cell.box.w == BOX_WIDTH and cell.box.h == BOX_HEIGHT
        assert cell.rect.contains(cell.box)
        assert cell.box.centre == pytest.approx(cell.rect.centre)
    for page in layout.pages:
        for row in page.rows:
            assert [c.level for c in row.cells] == list(meeting.level_labels)
            assert layout.cell(row.target, meeting.level_labels[-1]) == (page.number, row.cells[-1])


def test_long_names_wrap_at_9_pt_and_their_row_grows_to_hold_them() -> None:
    layout = ballot_layout(ballot_meeting(64, long=True))
    wrapped = [row for page in layout.pages for row in page.rows if len(row.name.lines) > 1]
    assert wrapped
    for row in wrapped:
        assert row.name.size_pt == MIN_NAME_PT
        assert "".join(row.name.lines).replace(" ", "") == row.target.replace(" ", "")
        assert len(row.name.lines) * row.name.leading <= row.rect.h
        for line in row.name.lines:
            assert text_width_mm(line, row.name.size_pt) <= row.name.rect.w + 1e-9


def _overlaps(layout: BallotLayout, page: int) -> list[tuple[str, str]]:
    regions = layout.regions(page)
    return [(a, b) for (a, ra), (b, rb) in itertools.combinations(regions, 2) if ra.overlaps(rb)]


def test_nothing_overlaps_and_everything_is_printable(meeting: Meeting) -> None:
    layout = ballot_layout(meeting)
    for page in layout.pages:
        assert _overlaps(layout, page.number) == []
        for name, rect in layout.regions(page.number):
            assert layout.printable.contains(rect), name


def test_corner_marks_and_the_code_keep_their_clear_ring(meeting: Meeting) -> None:
    layout = ballot_layout(meeting)
    for page in layout.pages:
        regions = layout.regions(page.number)
        for fiducial in layout.fiducials:
            ring = fiducial.grown(FIDUCIAL_RING)
            assert layout.printable.contains(ring)
            assert [n for n, r in regions if r != fiducial and r.overlaps(ring)] == []
        quiet = layout.qr.grown(QR_QUIET)
        assert [n for n, r in regions if r != layout.qr and r.overlaps(quiet)] == []


def test_corner_marks_are_7_mm_squares_12_mm_from_each_edge(seed_meeting: Meeting) -> None:
    layout = ballot_layout(seed_meeting)
    assert layout.fiducial_centres == ((12, 12), (198, 12), (12, 285), (198, 285))
    assert {(f.w, f.h) for f in layout.fiducials} == {(7.0, 7.0)}
    assert layout.qr.right > 150 and layout.qr.y < 30  # top right
    assert layout.qr.w == layout.qr.h == 22.0


def test_instructions_are_on_the_first_sheet_and_later_ones_say_they_continue() -> None:
    layout = ballot_layout(ballot_meeting(64))
    text = "".join(layout.pages[0].instructions.lines)
    assert "请用黑色或蓝色笔在框内划“√”" in text
    for page in layout.pages[1:]:
        assert page.instructions.lines[0].startswith("续页")
        assert text_width_mm(page.instructions.lines[0], 8.5) <= page.instructions.rect.w


def test_the_digest_follows_what_a_reader_relies_on(seed_meeting: Meeting) -> None:
    digest = ballot_layout(seed_meeting).digest
    assert ballot_layout(seed_meeting).digest == digest
    assert len(digest) == 64
    assert ballot_layout(ballot_meeting(27)).digest != ballot_layout(ballot_meeting(28)).digest
    renamed = ballot_meeting(27, title="另一个会议")  # the title is not geometry
    assert ballot_layout(renamed).digest == ballot_layout(ballot_meeting(27)).digest
    other_levels = ballot_meeting(27, levels=("优", "良", "中", "差"))
    assert ballot_layout(other_levels).digest != ballot_layout(ballot_meeting(27)).digest


def test_too_many_levels_for_the_width_is_a_data_error() -> None:
    with pytest.raises(LayoutError, match="等次"):
        ballot_layout(ballot_meeting(5, levels=tuple(f"L{i}" for i in range(12))))


def test_wrap_never_starts_a_line_with_a_closing_mark_nor_ends_one_opening() -> None:
    text = "评价等次分“好、较好、一般、差”4档,每个评议对象只能在一个等次的框内划“√”,不得多选。" * 3
    for width in (30.0, 41.0, 57.5, 100.0):
        lines = wrap(text, 8.5, width)
        assert "".join(lines) == text
        assert all(line[0] not in ",。;、”)" for line in lines)
        assert all(line[-1] not in "“(" for line in lines)
        assert all(text_width_mm(line, 8.5) <= width + 1e-9 for line in lines)


@given(st.text(min_size=1, max_size=80), st.floats(min_value=8, max_value=80))
def test_wrap_keeps_every_character_and_every_line_fits(text: str, width: float) -> None:
    lines = wrap(text, 9.0, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        assert len(line) <= 1 or text_width_mm(line, 9.0) <= width + 1e-9


# --- the QR payload --------------------------------------------------------------------------


def test_a_payload_reads_as_documented() -> None:
    payload = QrPayload("3F2A1C", "A", "A-001", 1, 2, "9C0D4E21AB")
    alphanumeric = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
    assert set(encode_payload(payload)) <= alphanumeric  # the compact QR mode
    assert encode_payload(payload) == "BP1:3F2A1C:A:A-001:1/2:9C0D4E21AB"
    assert parse_payload("BP1:3F2A1C:A:A-001:1/2:9C0D4E21AB") == payload


@given(
    st.text(min_size=1, max_size=6),
    st.text(min_size=1, max_size=20),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=0, max_value=9),
)
def test_payloads_round_trip_and_stay_ascii(code: str, serial: str, page: int, more: int) -> None:
    payload = QrPayload("ABCDEF", code, serial, page, page + more, "0123456789")
    text = encode_payload(payload)
    assert text.isascii() and "\n" not in text
    assert parse_payload(text) == payload


@pytest.mark.parametrize(
    "text",
    [
        "",
        "https://example.com",
        "BP2:3F2A1C:A:A-001:1/2:9C0D4E21AB",  # a format this program does not read
        "BP1:3F2A1:A:A-001:1/2:9C0D4E21AB",  # short key
        "BP1:3F2A1C:A:A-001:3/2:9C0D4E21AB",  # page beyond the total
        "BP1:3F2A1C:A:A-001:0/2:9C0D4E21AB",
        "BP1:3F2A1C:A::1/2:9C0D4E21AB",  # no serial
        "BP1:3F2A1C:A:A-001:1/2:9C0D4E21A",  # short digest
        "BP1:3F2A1C:A:A-001:1/2:9C0D4E21AB:x",
        "BP1:3F2A1C:A:%FF:1/2:9C0D4E21AB",  # not UTF-8
        "BP1|3F2A1C|A|A-001|1/2|9C0D4E21AB",  # another separator
    ],
)
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(PayloadError):
        parse_payload(text)


def test_the_meeting_key_is_six_hex_digits_of_id_and_creation_time() -> None:
    created = dt.datetime(2026, 12, 1, 8, 0, 0, tzinfo=dt.UTC)
    key = meeting_key(7, created)
    assert len(key) == 6 and key == key.upper() and int(key, 16) >= 0
    assert meeting_key(7, created.replace(tzinfo=None)) == key  # SQLite gives naive UTC
    assert meeting_key(7, created + dt.timedelta(microseconds=5)) == key
    assert meeting_key(8, created) != key
    assert meeting_key(7, created + dt.timedelta(seconds=1)) != key


def test_a_draft_key_is_six_hex_digits_of_the_definition(seed_meeting: Meeting) -> None:
    key = draft_key(seed_meeting)
    assert len(key) == 6 and int(key, 16) >= 0
    assert draft_key(ballot_meeting(3, title="别的会议")) != draft_key(ballot_meeting(3))
