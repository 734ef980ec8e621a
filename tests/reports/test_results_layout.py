"""The result sheet as signed: read back with QtPdf, page by page.

Pins the layout facts a 组织部 checks before signing: the first page holds rows (a long
category starts under its heading, not on page 2), each page repeats the table's header rows
and names the category (续), every page carries the signature lines, figures are rounded
half up (83.125 → 83.13), the void rules used are printed, and ballots collected are printed
with a loud warning when more were entered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import tally
from desktop_app.reports.results import results_pdf
from tests.half_way import half_way_meeting
from tests.reports.conftest import ReadPdf
from tests.reports.large import large_ballots, large_meeting

NOW = dt.datetime(2024, 1, 26, 17, 5)


def _sheet(read_pdf: Callable[[bytes], ReadPdf], meeting: Meeting, ballots: list[Ballot]):
    return read_pdf(results_pdf(meeting, tally(meeting, ballots), generated_at=NOW, digest=None))


@pytest.mark.parametrize("lenient", [False, True])
def test_a_large_meeting_splits_its_tables_with_headers_and_signatures(
    read_pdf: Callable[[bytes], ReadPdf], lenient: bool
) -> None:
    meeting = large_meeting(lenient=lenient)
    ballots = large_ballots(meeting)
    result = tally(meeting, ballots)
    pdf = _sheet(read_pdf, meeting, ballots)
    assert pdf.page_count >= 3
    pages = ["".join(page.split()) for page in pdf.pages]

    # Page 1 holds the first category's heading and its leading units, not the title alone.
    first = meeting.categories[0]
    ranked = sorted(result.categories[0].targets, key=lambda t: t.rank or 0)
    assert "一、" + first.name in pages[0]
    assert "".join(ranked[0].name.split()) in pages[0]
    assert "".join(ranked[5].name.split()) in pages[0]

    # Each page with a category's rows repeats both header rows; a continued table says so.
    continued = [i for i, page in enumerate(pages) if first.name + "(续)" in page]
    assert continued and continued[0] == 1
    for index, page in enumerate(pages):
        if any("".join(t.split()) in page for t in first.targets):
            assert "序号评议对象" in page, index
            assert "A票(权重0.2)" in page and "综合" in page, index
        # Every page is signed.
        assert "计票人(签字):" in page and "监票人(签字):" in page, index
        assert f"第{index + 1}页/共{pdf.page_count}页" in page

    # No unit is printed twice and none is lost across the splits.
    for target in meeting.targets:
        assert sum("".join(target.split()) in page for page in pages) == 1, target

    # No part of a table is a lone unit: each page that continues a table holds at least 3.
    for index in continued:
        numbers = re.findall(r"(?m)^(\d+) ", pdf.pages[index])
        assert len(numbers) >= 3, (index, numbers)

    # The ballots per type, with collected; the void rules this count used.
    tail = pages[-1]
    assert "发出收回录入有效票废票空白票" in tail
    if lenient:
        assert "该单位按弃权计" in tail and "该类别的评价作废" in tail
        assert "C票录入150张,多于收回的140张,本轮结果存疑" in tail
        assert "【警告】C票录入150张" in pages[0]  # also where the reader starts
    else:
        assert "整张票作废" in tail and "该单位按弃权计" not in tail
        assert "多于收回" not in "".join(pages)
    assert "县(市、区)、开发区(管理区)“好”不超过20个" in tail


def test_half_way_figures_round_up_on_the_sheet(read_pdf: Callable[[bytes], ReadPdf]) -> None:
    meeting, ballots = half_way_meeting()
    result = tally(meeting, ballots)
    assert result.target("甲县").score == 83.125
    assert result.target("乙县").good_rate == 0.0625
    pdf = _sheet(read_pdf, meeting, ballots)
    text = pdf.flat
    assert "83.13" in text and "83.12" not in text
    assert "6.3%" in text and "6.2%" not in text
    assert "2024年1月6日" in text  # no leading zeros
    # Collected printed beside issued and entered.
    assert re.search(r"A票1161616", text), text


def test_shared_ranks_are_marked(read_pdf: Callable[[bytes], ReadPdf]) -> None:
    meeting, _ = half_way_meeting()
    ballots = [Ballot(f"A-{i}", "A", {"甲县": ("好",), "乙县": ("好",)}) for i in range(4)]
    text = _sheet(read_pdf, meeting, ballots).flat
    assert text.count("1并列") == 2


def test_shared_ranks_are_marked_on_the_feedback_sheets(
    read_pdf: Callable[[bytes], ReadPdf],
) -> None:
    from desktop_app.reports.feedback import feedback_pdf

    meeting, _ = half_way_meeting()
    ballots = [Ballot(f"A-{i}", "A", {"甲县": ("好",), "乙县": ("好",)}) for i in range(4)]
    pdf = read_pdf(
        feedback_pdf(meeting, tally(meeting, ballots), [], [], generated_at=NOW, digest=None)
    )
    assert all("名次:并列第1名/共2个" in "".join(page.split()) for page in pdf.pages)
