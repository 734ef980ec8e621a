"""The minutes and the feedback sheets, built from the seed meeting and read back with QtPdf."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.records import Comment
from desktop_app.domain.tally import Tally, tally
from desktop_app.domain.timing import EventKind, SpeechEvent, item_timings, speaker_timings
from desktop_app.reports import feedback, minutes
from desktop_app.reports.feedback import feedback_pdf
from desktop_app.reports.minutes import minutes_pdf
from tests.reports.conftest import ReadPdf

BEIJING = dt.timezone(dt.timedelta(hours=8))
T0 = dt.datetime(2021, 1, 20, 9, 0, tzinfo=BEIJING)
NOW = dt.datetime(2021, 1, 20, 16, 30, tzinfo=BEIJING)
DIGEST = "0123456789abcdef" * 4


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def run_of_speeches() -> list[SpeechEvent]:
    """Item 1: 周明 runs 12 s over, 吴建国 pauses and is given a minute, 郑立 is absent."""
    return [
        SpeechEvent(EventKind.ITEM_START, at(0), 0),
        SpeechEvent(EventKind.SPEECH_START, at(10), 0, "周明"),
        SpeechEvent(EventKind.SPEECH_STOP, at(322), 0, "周明"),
        SpeechEvent(EventKind.SPEECH_START, at(340), 0, "吴建国"),
        SpeechEvent(EventKind.SPEECH_PAUSE, at(400), 0, "吴建国"),
        SpeechEvent(EventKind.SPEECH_RESUME, at(430), 0, "吴建国"),
        SpeechEvent(EventKind.SPEECH_ADJUST, at(500), 0, "吴建国", 60),
        SpeechEvent(EventKind.SPEECH_STOP, at(770), 0, "吴建国"),
        SpeechEvent(EventKind.SPEECH_ABSENT, at(780), 0, "郑立"),
        SpeechEvent(EventKind.ITEM_END, at(800), 0),
        SpeechEvent(EventKind.ITEM_START, at(830), 1),
        SpeechEvent(EventKind.ITEM_END, at(2030), 1),
    ]


COMMENTS = [
    Comment(1, "临海市", 1, "主持人", "", "临海市乡村振兴党建示范带成效突出", T0),
    Comment(2, "海州大学", 1, "主持人", "", "海州大学党建与思政工作融合紧密", T0),
    Comment(3, "临海市", 2, "李梅", "社区党委书记", "网格化治理经验值得推广", T0),
    Comment(4, None, 2, "王强", "村党支部书记", "希望领导多到基层调研", T0),
]


@pytest.fixture
def seed_result(seed_meeting: Meeting, seed_ballots: list[Ballot]) -> Tally:
    return tally(seed_meeting, seed_ballots)


def flat(text: str) -> str:
    return "".join(text.split())


def test_feedback_has_a_page_per_unit_with_its_rank(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_result: Tally
) -> None:
    timings = speaker_timings(seed_meeting, run_of_speeches())
    data = feedback_pdf(
        seed_meeting, seed_result, timings, COMMENTS, generated_at=NOW, digest=DIGEST
    )
    pdf = read_pdf(data)
    assert pdf.page_count == len(seed_meeting.targets) == 27
    for page, name in zip(pdf.pages, seed_meeting.targets, strict=True):
        result = seed_result.target(name)
        total = len(seed_meeting.category_of(name).targets)
        text = flat(page)
        assert name in text
        assert f"第{result.rank}名/共{total}个" in text, name
        assert feedback.KIND_TITLE in text
        assert DIGEST in text
    assert b"/FontFile2" in data


def test_feedback_comments_only_on_their_units_page(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_result: Tally
) -> None:
    timings = speaker_timings(seed_meeting, run_of_speeches())
    pdf = read_pdf(
        feedback_pdf(seed_meeting, seed_result, timings, COMMENTS, generated_at=NOW, digest=None)
    )
    pages = [flat(p) for p in pdf.pages]
    linhai = seed_meeting.targets.index("临海市")
    university = seed_meeting.targets.index("海州大学")
    for i, page in enumerate(pages):
        assert ("乡村振兴党建示范带" in page) == (i == linhai)
        assert ("网格化治理经验" in page) == (i == linhai)
        assert ("思政工作融合紧密" in page) == (i == university)
        assert "希望领导多到基层调研" not in page  # about no unit in particular
    assert "李梅(社区党委书记)" in pages[linhai]
    # The speaker's time: over, within the limit, absent, written.
    assert "发言用时5:12" in pages[linhai] and "超时+0:12" in pages[linhai]
    qingchuan = pages[seed_meeting.targets.index("青川市")]
    assert "发言用时6:40" in qingchuan and "时限6:00" in qingchuan
    assert "超时+0:40" in qingchuan
    assert "未发言(缺席)" in pages[seed_meeting.targets.index("东岭县")]
    assert "未发言" in pages[seed_meeting.targets.index("西坪县")]
    assert "书面述职" in pages[university]


def test_feedback_figures_match_the_tally(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_result: Tally
) -> None:
    pdf = read_pdf(feedback_pdf(seed_meeting, seed_result, [], [], generated_at=NOW, digest=None))
    name = "南溪县"
    page = flat(pdf.pages[seed_meeting.targets.index(name)])
    result = seed_result.target(name)
    assert result.score is not None
    assert f"{result.score:.2f}" in page
    assert "A票(权重0.4)" in page and "综合(加权)" in page
    assert "无述职人记录" in page  # no timings given


def test_minutes_of_the_seed(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_result: Tally
) -> None:
    events = run_of_speeches()
    data = minutes_pdf(
        seed_meeting,
        seed_result,
        speaker_timings(seed_meeting, events),
        item_timings(seed_meeting, events),
        COMMENTS,
        generated_at=NOW,
        digest=DIGEST,
    )
    pdf = read_pdf(data)
    text = pdf.flat
    assert minutes.KIND_TITLE in text
    for item in seed_meeting.agenda:
        assert item.title in text, item.title
    for speaker in seed_meeting.speakers:
        assert speaker.name in text, speaker.name
    # Item 1 from 09:00:00 to 09:13:20, item 2 lasted 20 minutes; the others are not recorded.
    assert "09:00:00" in text and "09:13:20" in text and "13:20" in text
    assert "20:00" in text
    assert "未记录" in text
    assert "+0:12" in text and "+0:40" in text
    assert "5:12" in text and "0:30" in text  # 周明's time and 吴建国's pause
    assert "缺席" in text and "书面述职" in text
    for comment in COMMENTS:
        assert comment.text in text
    assert "李梅(社区党委书记)" in text
    assert "集中点评·临海市" in text
    # The ballots per type: A 30 issued, 30 entered.
    assert "B票(其他参会人员)" in text
    assert DIGEST in text
    assert b"/FontFile2" in data


def test_over_issued_ballots_are_warned(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    meeting = replace(
        seed_meeting,
        ballot_types=(
            replace(seed_meeting.ballot_types[0], issued=20),
            seed_meeting.ballot_types[1],
        ),
    )
    result = tally(meeting, seed_ballots)
    warning = "A票录入30张,多于发出的20张"
    minutes_text = read_pdf(
        minutes_pdf(meeting, result, [], [], [], generated_at=NOW, digest=None)
    ).flat
    assert warning in minutes_text
    sheets = read_pdf(feedback_pdf(meeting, result, [], [], generated_at=NOW, digest=None))
    assert all(warning in flat(page) for page in sheets.pages)


def test_a_meeting_with_nothing_recorded_still_lays_out(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting
) -> None:
    empty = tally(seed_meeting, [])
    timings = speaker_timings(seed_meeting, [])
    pdf = read_pdf(
        minutes_pdf(
            seed_meeting,
            empty,
            timings,
            item_timings(seed_meeting, []),
            [],
            generated_at=NOW,
            digest=None,
        )
    )
    text = pdf.flat
    assert text.count("未记录") >= 3 * len(seed_meeting.agenda)
    assert "未发言" in text and "书面述职" in text
    sheets = read_pdf(feedback_pdf(seed_meeting, empty, timings, [], generated_at=NOW, digest=None))
    assert sheets.page_count == 27
    assert "未排名" in flat(sheets.pages[0])


def test_a_meeting_without_agenda_or_speakers(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_result: Tally
) -> None:
    bare = replace(seed_meeting, agenda=(), speakers=())
    pdf = read_pdf(minutes_pdf(bare, seed_result, [], [], [], generated_at=NOW, digest=None))
    assert "本次会议未设议程" in pdf.flat and "本次会议未安排述职人" in pdf.flat


def test_the_same_input_gives_the_same_bytes(seed_meeting: Meeting, seed_result: Tally) -> None:
    events = run_of_speeches()
    timings = speaker_timings(seed_meeting, events)
    items = item_timings(seed_meeting, events)

    def both() -> tuple[bytes, bytes]:
        return (
            minutes_pdf(
                seed_meeting, seed_result, timings, items, COMMENTS, generated_at=NOW, digest=None
            ),
            feedback_pdf(
                seed_meeting, seed_result, timings, COMMENTS, generated_at=NOW, digest=None
            ),
        )

    assert both() == both()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_first_pages_render(tmp_path: Path, seed_meeting: Meeting, seed_result: Tally) -> None:
    events = run_of_speeches()
    timings = speaker_timings(seed_meeting, events)
    documents = {
        "minutes": minutes_pdf(
            seed_meeting,
            seed_result,
            timings,
            item_timings(seed_meeting, events),
            COMMENTS,
            generated_at=NOW,
            digest=DIGEST,
        ),
        "feedback": feedback_pdf(
            seed_meeting, seed_result, timings, COMMENTS, generated_at=NOW, digest=DIGEST
        ),
    }
    for name, data in documents.items():
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / name)],
            check=True,
            capture_output=True,
        )
        (png,) = tmp_path.glob(f"{name}-*.png")
        assert png.stat().st_size > 10_000


def test_the_minutes_show_each_stretch_of_an_item_gone_back_to(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_result: Tally
) -> None:
    """集中点评 0:45, looked at again for 0:20 and passed through once: two stretches listed,
    1:05 in all; 述职发言, only passed through again, keeps its own end."""
    t0 = NOW.replace(hour=9, minute=0, second=0, microsecond=0)

    def event(kind: EventKind, seconds: float, item: int) -> SpeechEvent:
        return SpeechEvent(kind, t0 + dt.timedelta(seconds=seconds), item)

    events = [
        event(EventKind.ITEM_START, 0, 0),
        event(EventKind.ITEM_END, 600, 0),
        event(EventKind.ITEM_START, 600, 1),
        event(EventKind.ITEM_END, 645, 1),
        event(EventKind.ITEM_START, 645, 2),
        event(EventKind.ITEM_END, 1200, 2),
        event(EventKind.ITEM_START, 1200, 1),
        event(EventKind.ITEM_END, 1220, 1),
        event(EventKind.ITEM_START, 1220, 0),
        event(EventKind.ITEM_END, 1220.3, 0),
        event(EventKind.ITEM_START, 1220.3, 1),
        event(EventKind.ITEM_END, 1220.6, 1),
        event(EventKind.ITEM_START, 1220.6, 2),
    ]
    items = item_timings(seed_meeting, events)
    data = minutes_pdf(seed_meeting, seed_result, [], items, [], generated_at=NOW, digest=None)
    text = read_pdf(data).flat.replace(" ", "")
    assert "09:10:0009:20:0009:10:4509:20:201:05共2段" in text
    assert "09:00:0009:10:0010:00" in text  # 述职发言: not 20:20, not two stretches
