"""The reader's decision rules, on handcrafted measurements: every threshold at its boundary."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.omr import (
    BallotReading,
    CellMeasure,
    CellState,
    ClerkReview,
    OmrThresholds,
    PageSource,
    ReviewReason,
    RowDecision,
    RowMeasure,
    cell_margin,
    cell_state,
    mark_duplicates,
    read_rows,
    reviewed_ballot,
)

T = OmrThresholds()
LEVELS = ("好", "较好", "一般", "差")
EMPTY = CellMeasure()
TICK = CellMeasure(dark_mm2=3.6, faint_mm2=5.0, stroke_dark_mm2=3.6, extent_mm=5.0, runs=2)


def tick(**changes: object) -> CellMeasure:
    return dataclasses.replace(TICK, **changes)  # type: ignore[arg-type]


def state(**changes: object) -> CellState:
    return cell_state(tick(**changes), T)


# --- cell states at each threshold -----------------------------------------------------


def test_a_blank_cell_is_empty_and_a_clear_tick_is_a_mark() -> None:
    assert cell_state(EMPTY, T) is CellState.EMPTY
    assert cell_state(TICK, T) is CellState.MARK


def test_empty_threshold_on_faint_ink() -> None:
    below = CellMeasure(faint_mm2=T.empty_faint_mm2 - 0.01, dark_mm2=0.1, extent_mm=3)
    at = dataclasses.replace(below, faint_mm2=T.empty_faint_mm2)
    assert cell_state(below, T) is CellState.EMPTY
    assert cell_state(at, T) is CellState.UNSURE  # some ink, too little to be a mark


def test_dark_ink_alone_above_the_empty_threshold_is_not_empty() -> None:
    # Faint counts every pixel lighter than dark too; a measure that says otherwise is odd,
    # and odd never reads as empty.
    m = CellMeasure(faint_mm2=0.0, dark_mm2=T.empty_faint_mm2, extent_mm=3)
    assert cell_state(m, T) is CellState.UNSURE


def test_mark_needs_enough_dark_ink_in_one_stroke() -> None:
    assert state(stroke_dark_mm2=T.mark_dark_mm2) is CellState.MARK
    assert state(stroke_dark_mm2=T.mark_dark_mm2 - 0.01) is CellState.UNSURE


def test_mark_needs_enough_extent() -> None:
    assert state(extent_mm=T.mark_extent_mm) is CellState.MARK
    assert state(extent_mm=T.mark_extent_mm - 0.01) is CellState.UNSURE


def test_specks_are_dots_up_to_the_dot_extent() -> None:
    speck = CellMeasure(dark_mm2=0.8, faint_mm2=1.0, stroke_dark_mm2=0.8, extent_mm=1.0)
    assert cell_state(speck, T) is CellState.DOT
    at = dataclasses.replace(speck, extent_mm=T.dot_extent_mm)
    assert cell_state(at, T) is CellState.UNSURE
    # Several specks adding up to a mark's worth of ink are not "a dot".
    many = dataclasses.replace(speck, dark_mm2=T.mark_dark_mm2)
    assert cell_state(many, T) is CellState.UNSURE


@pytest.mark.parametrize(
    ("change", "heavy"),
    [
        ({"dark_mm2": 11.0}, True),
        ({"dark_mm2": 10.99}, False),
        ({"runs": 4}, True),
        ({"runs": 3}, False),
        ({"cover": 0.5}, True),
        ({"cover": 0.49}, False),
    ],
)
def test_heavy_thresholds(change: dict[str, float], heavy: bool) -> None:
    assert (state(**change) is CellState.HEAVY) is heavy


def test_heavy_wins_over_a_bad_alignment_and_a_bad_alignment_is_never_confident() -> None:
    assert state(cover=0.9, correlation=0.0) is CellState.HEAVY
    assert state(correlation=T.align_min_correlation - 0.01) is CellState.UNSURE
    assert state(correlation=T.align_min_correlation) is CellState.MARK
    blank_misaligned = CellMeasure(correlation=0.1)
    assert cell_state(blank_misaligned, T) is CellState.UNSURE


def test_margin_is_zero_on_a_threshold_and_grows_away_from_it() -> None:
    assert cell_margin(tick(extent_mm=T.mark_extent_mm), T) == 0
    assert cell_margin(EMPTY, T) == pytest.approx(1.0)
    assert cell_margin(tick(extent_mm=3.0), T) < cell_margin(tick(extent_mm=4.0), T)


# --- rows ---------------------------------------------------------------------------------


def row(target: str, *cells: CellMeasure, continues: bool = True) -> RowMeasure:
    padded = (*cells, *[EMPTY] * (len(LEVELS) - len(cells)))
    return RowMeasure(target, padded, continues)


def read(*rows: RowMeasure) -> list:
    return read_rows(rows, LEVELS, T)


def test_one_mark_reads_its_level_with_confidence() -> None:
    [r] = read(row("甲", EMPTY, TICK))
    assert r.marks == ("较好",)
    assert r.confident


def test_an_empty_row_is_a_confident_abstention() -> None:
    [r] = read(row("甲"))
    assert r.marks == ()
    assert r.confident


def test_two_marks_read_both_and_always_go_to_a_clerk() -> None:
    [r] = read(row("甲", TICK, EMPTY, TICK))
    assert r.marks == ("好", "一般")
    assert r.reasons == (ReviewReason.MULTI,)


def test_a_heavy_cell_or_an_unsure_cell_flags_the_row() -> None:
    [heavy, unsure] = read(
        row("甲", tick(cover=0.8), TICK),
        row("乙", tick(extent_mm=2.0)),
    )
    assert heavy.reasons == (ReviewReason.HEAVY,)
    assert heavy.marks == ("较好",)
    assert unsure.reasons == (ReviewReason.UNSURE,)
    assert unsure.marks == ()


def test_a_dot_beside_a_mark_is_ignored_but_a_dot_alone_is_shown() -> None:
    dot = CellMeasure(dark_mm2=0.7, faint_mm2=0.9, stroke_dark_mm2=0.7, extent_mm=1.0)
    [with_mark, alone] = read(
        row("甲", TICK, dot),
        row("乙", dot),
    )
    assert with_mark.confident and with_mark.marks == ("好",)
    assert alone.reasons == (ReviewReason.UNSURE,)


def test_a_stroke_across_a_line_with_ink_on_both_sides_flags_both_rows() -> None:
    big = tick(crosses_below=True)
    [upper, lower, third] = read(row("甲", big), row("乙", tick()), row("丙", TICK))
    assert ReviewReason.CROSSING in upper.reasons
    assert ReviewReason.CROSSING in lower.reasons
    assert third.confident


def test_a_tail_into_an_empty_cell_flags_nothing() -> None:
    [upper, lower] = read(row("甲", tick(crosses_below=True)), row("乙", EMPTY, TICK))
    assert upper.confident and lower.confident
    assert lower.marks == ("较好",)


def test_a_tail_with_some_ink_below_flags_both_even_when_the_lower_cell_is_unsure() -> None:
    tail = CellMeasure(dark_mm2=0.7, faint_mm2=1.0, stroke_dark_mm2=0.7, extent_mm=1.8)
    [upper, lower] = read(row("甲", tick(crosses_below=True)), row("乙", tail))
    assert upper.reasons == (ReviewReason.CROSSING,)
    assert set(lower.reasons) == {ReviewReason.UNSURE, ReviewReason.CROSSING}


def test_a_dot_sized_tail_flags_no_crossing_and_is_never_read_as_a_mark() -> None:
    tail = CellMeasure(dark_mm2=0.7, faint_mm2=1.0, stroke_dark_mm2=0.7, extent_mm=1.2)
    [upper, lower] = read(row("甲", tick(crosses_below=True)), row("乙", EMPTY, tail, TICK))
    assert upper.confident and upper.marks == ("好",)
    assert lower.confident and lower.marks == ("一般",)
    [_, alone] = read(row("甲", tick(crosses_below=True)), row("乙", tail))
    assert alone.reasons == (ReviewReason.UNSURE,)


def test_no_crossing_across_a_header_row() -> None:
    [upper, lower] = read(row("甲", tick(crosses_below=True)), row("乙", TICK, continues=False))
    assert upper.confident and lower.confident


# --- ballots --------------------------------------------------------------------------


def reading(serial: str, rows: list, page_reasons: tuple = ()) -> BallotReading:
    return BallotReading(
        serial, "A", tuple(rows), (PageSource("scan.pdf", 1, "00"),), tuple(page_reasons)
    )


def test_review_lists_row_reasons_by_target_and_page_reasons_alone() -> None:
    rows = read(row("甲", TICK, TICK), row("乙", tick(runs=5)), row("丙", TICK))
    r = reading("A-001", rows)
    assert not r.confident
    assert r.review() == ["multi:甲", "heavy:乙"]
    assert r.to_ballot() == Ballot("A-001", "A", {"甲": ("好", "较好"), "丙": ("好",)})
    refused = reading("", rows, (ReviewReason.UNREADABLE,))
    assert refused.review() == ["unreadable"]
    assert reading("A-001", read(row("甲", TICK))).confident


def test_a_clerk_review_replaces_the_flagged_rows_and_may_void_or_fix_the_serial() -> None:
    r = reading("A-001", read(row("甲", TICK, TICK), row("乙", TICK)))
    ballot = reviewed_ballot(r, ClerkReview((RowDecision("甲", ("较好",)),), serial="A-002"))
    assert ballot == Ballot("A-002", "A", {"甲": ("较好",), "乙": ("好",)})
    voided = reviewed_ballot(r, ClerkReview(void_reason="签名"))
    assert voided.void_reason == "签名"
    with pytest.raises(ValueError, match="not a row"):
        reviewed_ballot(r, ClerkReview((RowDecision("丁", ()),)))


def test_duplicates_in_a_pile_flag_every_copy_by_normalised_serial() -> None:
    rows = read(row("甲", TICK))
    pile = mark_duplicates([reading("A-001", rows), reading("a-0001", rows), reading("A-2", rows)])
    assert [ReviewReason.DUPLICATE in r.page_reasons for r in pile] == [True, True, False]
    assert pile[0].review() == ["duplicate"]


def test_thresholds_round_trip_and_refuse_nonsense() -> None:
    assert OmrThresholds.from_dict(T.to_dict()) == T
    with pytest.raises(DataError):
        OmrThresholds(faint=0.4)
    with pytest.raises(DataError):
        OmrThresholds.from_dict({"typo": 1})


# --- property: the reading never claims more confidence than its cells allow ----------

measures = st.builds(
    CellMeasure,
    dark_mm2=st.floats(0, 30),
    faint_mm2=st.floats(0, 30),
    stroke_dark_mm2=st.floats(0, 30),
    extent_mm=st.floats(0, 10),
    runs=st.integers(0, 8),
    cover=st.floats(0, 1),
    correlation=st.floats(0, 1),
    crosses_below=st.booleans(),
)


@given(st.lists(st.lists(measures, min_size=4, max_size=4), min_size=1, max_size=6))
def test_a_confident_row_has_only_empty_cells_and_at_most_one_mark(
    cells: list[list[CellMeasure]],
) -> None:
    rows = [RowMeasure(f"t{i}", tuple(c)) for i, c in enumerate(cells)]
    for reading_ in read_rows(rows, LEVELS, T):
        if reading_.confident:
            assert len(reading_.marks) <= 1
            assert all(
                s in (CellState.EMPTY, CellState.MARK) or (s is CellState.DOT and reading_.marks)
                for s in reading_.states
            )
