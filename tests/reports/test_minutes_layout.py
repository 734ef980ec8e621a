"""The minutes' head and counts, and the feedback sheets' paging, for the large meeting."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from desktop_app.domain.tally import tally
from desktop_app.domain.timing import item_timings, speaker_timings
from desktop_app.reports.feedback import SERIES_COLOURS, counts_chart, feedback_pdf
from desktop_app.reports.minutes import length, minutes_pdf
from tests.reports.conftest import ReadPdf
from tests.reports.large import (
    CHAIR,
    ZONE,
    large_ballots,
    large_comments,
    large_events,
    large_meeting,
)

NOW = dt.datetime(2024, 1, 26, 17, 5, tzinfo=ZONE)


def test_minutes_head_counts_speaker_and_clock(read_pdf: Callable[[bytes], ReadPdf]) -> None:
    meeting = large_meeting()
    ballots = large_ballots(meeting)
    events = large_events(meeting)
    timings = speaker_timings(meeting, events)
    data = minutes_pdf(
        meeting,
        tally(meeting, ballots),
        timings,
        item_timings(meeting, events),
        large_comments(meeting),
        generated_at=NOW,
        digest=None,
    )
    text = read_pdf(data).flat
    assert f"主持人{CHAIR}" in text
    assert "出席市委常委" in text
    assert "记录人市委组织部组织二科钱某" in text
    assert "时间2024年1月26日08:30—" in text and "(UTC+08:00)" in text
    assert "时刻为UTC+08:00" in text

    counts = re.search(
        r"述职人(\d+)名:口头述职(\d+)名\(合计[\d:]+,超时\d+名\),书面述职(\d+)名,"
        r"缺席(\d+)名,跳过(\d+)名,未发言(\d+)名。",
        text,
    )
    assert counts, text[:2000]
    total, *parts = (int(n) for n in counts.groups())
    assert total == len(meeting.speakers) == sum(parts)
    assert parts == [28, 10, 1, 1, 0]

    # The chair is named for every comment typed under the commentary item.
    first = meeting.categories[0].targets[1]
    assert f"{CHAIR}:{first}:" in text
    assert "(未署名)" not in text
    # Durations are m:ss, past the hour too (the speeches item ran 142 minutes).
    assert "142:04" in text
    assert length(3725) == "62:05"


def test_a_long_feedback_sheet_names_its_unit_and_numbers_its_own_pages(
    read_pdf: Callable[[bytes], ReadPdf],
) -> None:
    meeting = large_meeting()
    ballots = large_ballots(meeting)
    events = large_events(meeting)
    pdf = read_pdf(
        feedback_pdf(
            meeting,
            tally(meeting, ballots),
            speaker_timings(meeting, events),
            large_comments(meeting),
            generated_at=NOW,
            digest=None,
        )
    )
    pages = ["".join(page.split()) for page in pdf.pages]
    first, second = meeting.targets[:2]
    assert pdf.page_count == len(meeting.targets) + 1  # the first unit's sheet runs on
    assert "第1页/共2页" in pages[0] and "第2页/共2页" in pages[1]
    assert f"反馈表·{first}" in pages[1]  # the run-on page names its unit
    assert "第1页/共1页" in pages[2] and f"反馈表·{second}" in pages[2]
    assert "第1页/共1页" in pages[-1]


def test_the_chart_bars_come_in_the_legends_order() -> None:
    meeting = large_meeting()
    result = tally(meeting, large_ballots(meeting)).target(meeting.targets[0])
    drawing = counts_chart(meeting, result, 500)
    chart, legend = drawing.contents[0], drawing.contents[1]
    codes = [t.code for t in meeting.ballot_types]
    # Legend top to bottom: A, B, C; reportlab draws a group's series bottom up, so the
    # series are C, B, A and each keeps its type's colour.
    assert [name for _, name in legend.colorNamePairs] == [f"{c}票" for c in codes]
    assert chart.data[-1] == [result.by_type["A"].counts[label] for label in meeting.level_labels]
    assert chart.bars[len(codes) - 1].fillColor == SERIES_COLOURS[0]
    assert chart.bars[0].fillColor == SERIES_COLOURS[len(codes) - 1]


def test_the_bundled_font_lacks_extension_b() -> None:
    from desktop_app.reports.fonts import covers

    assert covers("吉") and covers("县") and covers("“") and covers("—")
    assert not covers("𠮷")


def test_running_text_is_serif_and_falls_back_for_what_the_serif_lacks(
    read_pdf: Callable[[bytes], ReadPdf],
) -> None:
    from desktop_app.domain.records import Comment
    from desktop_app.reports.common import escape
    from desktop_app.reports.fonts import in_serif

    # 浉 (浉河区) is outside GB 2312: the serif lacks it, the sans has it.
    assert not in_serif("浉") and in_serif("河")
    assert escape("浉河区<党委>") == '<font name="CJK">浉</font>河区&lt;党委&gt;'
    meeting = large_meeting()
    target = meeting.targets[1]
    comment = Comment(1, target, 1, "", "", "浉河区的做法值得推广。", NOW)
    data = minutes_pdf(
        meeting, tally(meeting, []), [], [], [comment], generated_at=NOW, digest=None
    )
    assert b"BousungEG-Light-GB" in data  # the serif (AR PL SungtiL GB) is embedded
    assert "浉河区的做法值得推广。" in read_pdf(data).flat
