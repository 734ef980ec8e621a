"""The tally's column spec: which columns each medium shows, in which order, and how a figure
is printed, sorted and stored (the results screen, the PDF and the workbook all read it)."""

from __future__ import annotations

import pytest

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import Tally, tally
from desktop_app.domain.tally_columns import (
    COMBINED,
    TARGET,
    Figure,
    Medium,
    TallyColumn,
    column_groups,
    rank_order,
    rank_text,
    row_order,
    table_texts,
    tally_columns,
)
from tests.half_way import half_way_meeting

# The screen's first columns, whatever the ballot types: the unit, then the ranking.
SCREEN_FIXED = ["category", "target", "rank", "score", "good_rate", "approval_rate"]


def _keys(meeting: Meeting | None, medium: Medium, decimals: int = 2) -> list[str]:
    return [c.key for c in tally_columns(meeting, medium, decimals)]


def _type_keys(code: str, levels: list[str], *, workbook: bool = False) -> list[str]:
    extra = [f"{code}.n", f"{code}.good_rate", f"{code}.approval_rate"] if workbook else []
    return [
        *(f"{code}.level.{label}" for label in levels),
        f"{code}.abstain",
        *extra,
        f"{code}.score",
    ]


def test_each_medium_shows_its_selection_in_one_order(seed_meeting: Meeting) -> None:
    levels = list(seed_meeting.level_labels)
    assert levels == ["好", "较好", "一般", "差"]
    combined = ["score", "good_rate", "approval_rate", "rank"]
    assert _keys(seed_meeting, Medium.SCREEN) == [
        *SCREEN_FIXED,
        *_type_keys("A", levels),
        *_type_keys("B", levels),
    ]
    assert _keys(seed_meeting, Medium.PDF) == [
        "index",
        "target",
        *_type_keys("A", levels),
        *_type_keys("B", levels),
        *combined,
    ]
    assert _keys(seed_meeting, Medium.WORKBOOK) == [
        "target",
        *_type_keys("A", levels, workbook=True),
        *_type_keys("B", levels, workbook=True),
        *combined,
    ]


def test_no_meeting_yet_gives_the_fixed_screen_columns() -> None:
    assert _keys(None, Medium.SCREEN) == SCREEN_FIXED


def test_groups_carry_the_documents_headings(seed_meeting: Meeting) -> None:
    groups = column_groups(seed_meeting, Medium.PDF)
    assert [g.key for g in groups] == [TARGET, "A", "B", COMBINED]
    assert [g.heading for g in groups] == ["", "A票(权重 0.4)", "B票(权重 0.6)", "综合"]
    workbook = column_groups(seed_meeting, Medium.WORKBOOK)
    assert workbook[1].long_heading == seed_meeting.ballot_types[0].label
    assert [c.label for c in workbook[-1].columns] == ["得分", "好评率", "满意率", "名次"]
    assert [c.label for c in groups[1].columns] == ["好", "较好", "一般", "差", "弃权", "得分"]


def test_screen_headers_fill_the_code_after_translating(seed_meeting: Meeting) -> None:
    columns = tally_columns(seed_meeting, Medium.SCREEN)
    assert [c.title() for c in columns[:6]] == [
        "类别",
        "评议对象",
        "名次",
        "综合得分",
        "好评率",
        "满意率(好+较好)",
    ]
    assert [c.title() for c in columns[6:12]] == [
        "A·好",
        "A·较好",
        "A·一般",
        "A·差",
        "A·弃权",
        "A·得分",
    ]
    english = {"{code}·弃权": "{code}·abstain", "综合得分": "Combined score"}

    def translate(context: str, text: str) -> str:
        assert context == "Columns"
        return english.get(text, text)

    assert columns[10].title(translate) == "A·abstain"
    assert columns[3].title(translate) == "Combined score"
    assert columns[6].title(translate) == "A·好"  # a level is the meeting's own word


def _half_way() -> tuple[Meeting, Tally]:
    """甲县 scores exactly 83.125; 乙县 has a good rate of exactly 6.25%; 丙县 is not rated."""
    meeting, ballots = half_way_meeting(unrated=True)
    return meeting, tally(meeting, ballots)


def _by_key(meeting: Meeting, medium: Medium, decimals: int = 2) -> dict[str, TallyColumn]:
    return {c.key: c for c in tally_columns(meeting, medium, decimals)}


def test_figures_print_rounded_half_up_and_missing_as_a_dash() -> None:
    meeting, result = _half_way()
    category = result.categories[0]
    jia, yi, bing = category.targets
    columns = _by_key(meeting, Medium.WORKBOOK)
    score, good, abstain = columns["score"], columns["good_rate"], columns["A.abstain"]
    assert score.text(category, jia) == "83.13"
    assert good.text(category, yi) == "6.3%"
    assert score.text(category, bing) == "—"
    assert abstain.text(category, bing) == "16"
    # More decimals when the tally needs them to tell ranks apart.
    three = _by_key(meeting, Medium.WORKBOOK, decimals=3)["score"]
    assert three.text(category, jia) == "83.125"
    assert three.number_format == "0.000"


def test_workbook_cells_hold_the_printed_numbers() -> None:
    meeting, result = _half_way()
    category = result.categories[0]
    jia, yi, bing = category.targets
    columns = _by_key(meeting, Medium.WORKBOOK)
    assert columns["score"].cell(category, jia) == 83.13
    assert columns["good_rate"].cell(category, yi) == 0.063
    assert columns["good_rate"].number_format == "0.0%"
    assert columns["score"].cell(category, bing) is None
    assert columns["rank"].cell(category, jia) == 1
    assert columns["target"].cell(category, jia) == "甲县"
    assert columns["A.n"].cell(category, jia) == 16


def test_sort_keys_are_unrounded_with_missing_figures_last() -> None:
    meeting, result = _half_way()
    category = result.categories[0]
    jia, yi, bing = category.targets
    columns = _by_key(meeting, Medium.SCREEN)
    score = columns["score"]
    assert score.sort_key(category, jia) == 83.125
    assert score.sort_key(category, bing) == float("inf")
    assert columns["rank"].sort_key(category, bing) == float("inf")
    assert columns["target"].sort_key(category, yi) == "乙县"
    assert not columns["target"].numeric and columns["rank"].numeric


def test_shared_ranks_read_tied_and_rows_follow_each_medium() -> None:
    meeting, _ = _half_way()
    ballots = [Ballot(f"A-{i}", "A", {"乙县": ("好",), "丙县": ("好",)}) for i in range(4)]
    result = tally(meeting, ballots)
    category = result.categories[0]
    jia, yi, bing = category.targets
    assert (jia.rank, yi.rank, bing.rank) == (None, 1, 1)
    assert rank_text(category, yi) == "1 并列"
    assert rank_text(category, jia) == "—"
    assert rank_text(category, yi, lambda context, text: "{rank} (tied)") == "1 (tied)"
    assert rank_order(category) == [yi, bing, jia]
    assert row_order(category, Medium.PDF) == [yi, bing, jia]
    assert row_order(category, Medium.SCREEN) == [jia, yi, bing]
    assert row_order(category, Medium.WORKBOOK) == [jia, yi, bing]
    pdf = tally_columns(meeting, Medium.PDF)
    rows = table_texts(pdf, category, Medium.PDF)
    assert [row[:2] for row in rows] == [["1", "乙县"], ["2", "丙县"], ["3", "甲县"]]
    assert [row[-1] for row in rows] == ["1 并列", "1 并列", "—"]


@pytest.mark.parametrize("medium", [Medium.SCREEN, Medium.PDF, Medium.WORKBOOK])
def test_every_figure_column_is_typed(seed_meeting: Meeting, medium: Medium) -> None:
    columns = tally_columns(seed_meeting, medium)
    assert len({c.key for c in columns}) == len(columns)
    assert all(c.shows_on(medium) for c in columns)
    figures = {c.figure for c in columns}
    assert {Figure.TEXT, Figure.COUNT, Figure.SCORE, Figure.RATE, Figure.RANK} <= figures
