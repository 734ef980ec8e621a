"""The host script (主持词), read back with QtPdf, and the words it is built from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

import pytest

from desktop_app.domain.meeting import AgendaItem, AgendaKind, BallotType, Meeting, Speaker
from desktop_app.reports.host_script import (
    KIND_TITLE,
    Voice,
    chinese_number,
    duration_text,
    host_script_pdf,
    script_lines,
)
from tests.reports.conftest import ReadPdf

NOW = dt.datetime(2021, 1, 20, 8, 0)


def flat(text: str) -> str:
    return "".join(text.split())


def script_text(meeting: Meeting) -> str:
    return "".join(line.text + line.fill for line in script_lines(meeting))


def positions(haystack: str, needles: list[str], start: int = 0) -> list[int]:
    """Where each needle occurs, each looked for after the one before."""
    found = []
    for needle in needles:
        start = haystack.index(needle, start)
        found.append(start)
        start += len(needle)
    return found


def test_host_script_of_the_seed(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting
) -> None:
    data = host_script_pdf(seed_meeting, generated_at=NOW)
    assert data[:5] == b"%PDF-"
    pdf = read_pdf(data)
    assert pdf.page_count >= 1
    text = pdf.flat
    assert KIND_TITLE in pdf.pages[0]
    assert seed_meeting.title in text
    assert "会议共有6项议程:一是述职发言,二是集中点评,三是基层代表点评,四是点评讲话," in text
    assert "五是总结讲话,六是投票评议。" in text

    spoken = [s for s in seed_meeting.speakers if not s.written]
    written = [s for s in seed_meeting.speakers if s.written]
    assert len(spoken) == 10 and len(written) == 17
    assert "述职时间每人不超过5分钟" in text
    assert f"首先,请{spoken[0].post}{spoken[0].name}同志述职" in text
    order = text.index("发言顺序")
    positions(text, [f"{s.post}{s.name}" for s in spoken], order)  # in speaking order

    # The written reports: every unit named once in the announcement, no speaker among them.
    announced = text[text.index("就到这里", order) : text.index("不再作口头述职")]
    for speaker in written:
        assert speaker.target and speaker.target in announced, speaker.target
    for speaker in spoken:
        assert speaker.target and speaker.target not in announced
    assert "会前已经印发" in announced

    # One commentary line per evaluated unit, speakers' units first.
    for target in seed_meeting.targets:
        assert f"{target}:…………" in text, target
    positions(text, [f"{t}:" for t in seed_meeting.targets], text.index("逐一作个点评"))

    assert "请受邀参会的基层党员干部群众代表作点评发言" in text
    assert "请省委组织部组织一处处长讲话" in text
    assert "请市委书记讲话" in text
    assert "请工作人员发票" in text
    assert "A票30张、B票160张,共190张" in text
    assert "A票(市委常委、人大常委会主任、政协主席、党建领导小组成员)" in text
    assert "评价为“好”的不超过11个" in text
    assert "评价为“好”的不超过3个" in text
    assert "评价等次分“好、较好、一般、差”四档" in text
    assert "不得多选,超过的为废票" in text
    positions(text, ["投完票的就可以离席", "散会。"])
    assert "××" not in text  # the seed leaves nothing unknown
    assert "第1页/共" in text


def test_agenda_renamed_reordered_and_shortened(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting
) -> None:
    speeches, commentary, _floor, guest, summary, ballot = seed_meeting.agenda
    agenda = (
        replace(speeches, title="书记述职"),
        replace(ballot, title="民主测评"),
        commentary,
        replace(guest, title="上级点评"),
        summary,
    )
    pdf = read_pdf(host_script_pdf(replace(seed_meeting, agenda=agenda), generated_at=NOW))
    text = pdf.flat
    assert (
        "会议共有5项议程:一是书记述职,二是民主测评,三是集中点评,四是上级点评,五是总结讲话。" in text
    )
    positions(
        text,
        [
            "下面,进行第一项议程:书记述职",
            "由于时间关系,书记述职就到这里",
            "下面,进行第二项议程:民主测评",
            "请工作人员发票",
            "下面,进行第三项议程:集中点评",
            "下面,进行第四项议程:上级点评",
            "现在,进行最后一项议程:总结讲话",
            "散会",
        ],
    )
    assert "基层党员干部群众代表" not in text
    assert "从刚才的述职情况看" in text
    # The ballot is no longer the last item: nobody is sent away after voting.
    assert "投完票的就可以离席" not in text
    assert "议程已全部完成" in text


def test_a_kind_may_appear_several_times_or_not_at_all(seed_meeting: Meeting) -> None:
    agenda = (
        AgendaItem(AgendaKind.SPEECH, "开幕讲话", speaker="市委副书记"),
        seed_meeting.agenda[0],
        AgendaItem(AgendaKind.SPEECH, "点评讲话"),
        AgendaItem(AgendaKind.SPEECH, "总结讲话", limit_s=1200, speaker="市委书记"),
    )
    text = script_text(replace(seed_meeting, agenda=agenda))
    assert "会议共有 4 项议程:一是开幕讲话,二是述职发言,三是点评讲话,四是总结讲话。" in text
    positions(
        text, ["请市委副书记讲话", "发言顺序", "请××讲话", "请市委书记讲话", "讲话约 20 分钟"]
    )
    assert "逐一作个点评" not in text
    assert "请工作人员发票" not in text


def test_commentary_before_any_speech_does_not_look_back(seed_meeting: Meeting) -> None:
    speeches, commentary, *rest = seed_meeting.agenda
    text = script_text(replace(seed_meeting, agenda=(commentary, speeches, *rest)))
    assert "下面,进行第一项议程:集中点评。下面,我逐一作个点评。" in text
    assert "从刚才的述职情况看" not in text
    assert text.endswith("散会。")


def test_a_second_speeches_item_does_not_repeat_the_queue(seed_meeting: Meeting) -> None:
    speeches = seed_meeting.agenda[0]
    agenda = (
        replace(speeches, title="县区述职"),
        replace(speeches, title="高校述职", limit_s=240),
        *seed_meeting.agenda[1:],
    )
    text = script_text(replace(seed_meeting, agenda=agenda))
    assert text.count("发言顺序") == 1
    assert text.count("会前已经印发") == 1
    assert (
        "下面,进行第二项议程:高校述职。请各位书记依次进行述职。述职时间每人不超过 4 分钟。" in text
    )


def test_more_than_ten_items_count_on_in_chinese(seed_meeting: Meeting) -> None:
    agenda = tuple(AgendaItem(AgendaKind.SPEECH, f"讲话{n}", speaker="市长") for n in range(12))
    text = script_text(replace(seed_meeting, agenda=agenda))
    assert "会议共有 12 项议程:" in text
    assert "十是讲话9,十一是讲话10,十二是讲话11。" in text
    assert "下面,进行第十一项议程:讲话10。" in text
    assert "现在,进行最后一项议程:讲话11。" in text


@pytest.mark.parametrize(
    ("n", "words"),
    [(1, "一"), (2, "二"), (9, "九"), (10, "十"), (11, "十一"), (20, "二十"), (21, "二十一")],
)
def test_chinese_numbers(n: int, words: str) -> None:
    assert chinese_number(n) == words


@pytest.mark.parametrize(
    ("seconds", "words"), [(300, "5 分钟"), (270, "4 分 30 秒"), (45, "45 秒"), (60, "1 分钟")]
)
def test_durations(seconds: int, words: str) -> None:
    assert duration_text(seconds) == words


def test_a_limit_of_270_seconds_is_four_minutes_thirty(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting
) -> None:
    speakers = tuple(replace(s, limit_s=270) for s in seed_meeting.speakers)
    pdf = read_pdf(host_script_pdf(replace(seed_meeting, speakers=speakers), generated_at=NOW))
    assert "述职时间每人不超过4分30秒" in pdf.flat
    assert "5分钟" not in pdf.flat


def test_the_item_limit_applies_when_speakers_have_none(seed_meeting: Meeting) -> None:
    speakers = tuple(replace(s, limit_s=None) for s in seed_meeting.speakers)
    agenda = (replace(seed_meeting.agenda[0], limit_s=270), *seed_meeting.agenda[1:])
    text = script_text(replace(seed_meeting, speakers=speakers, agenda=agenda))
    assert "述职时间每人不超过 4 分 30 秒。" in text


def test_a_speaker_with_a_different_limit_is_named(seed_meeting: Meeting) -> None:
    first, *rest = seed_meeting.speakers
    speakers = (replace(first, limit_s=480), *rest)
    text = script_text(replace(seed_meeting, speakers=speakers))
    assert "述职时间每人不超过 5 分钟(其中临海市委书记周明同志不超过 8 分钟)。" in text


def test_no_speakers_leaves_blanks_to_fill(seed_meeting: Meeting) -> None:
    text = script_text(replace(seed_meeting, speakers=()))
    assert "首先,请××同志述职。" in text
    assert "发言顺序" not in text
    assert "会前已经印发" not in text
    # Every unit is still commented on.
    for target in seed_meeting.targets:
        assert f"{target}:" in text


def test_written_reports_without_a_target_are_named_by_post(seed_meeting: Meeting) -> None:
    speakers = (
        *seed_meeting.speakers[:2],
        Speaker("李四", "市委党校校长", written=True),
    )
    text = script_text(replace(seed_meeting, speakers=speakers))
    assert "市委党校校长的述职报告共 1 份,会前已经印发,不再作口头述职。" in text
    assert "(发言顺序:临海市委书记周明、青川市委书记吴建国)" in text


def test_unknown_issue_counts_are_blanks(seed_meeting: Meeting) -> None:
    types = (BallotType("A", "A票", 0.4, 30), BallotType("B", "B", 0.6, None))
    text = script_text(replace(seed_meeting, ballot_types=types))
    assert "(发出 A票 30 张、B票 ____ 张)" in text
    assert "评议票分 A、B 两种:A票,B票。" in text


def test_stage_directions_are_not_host_lines(seed_meeting: Meeting) -> None:
    lines = script_lines(seed_meeting)
    directions = [line.text for line in lines if line.voice is Voice.DIRECTION]
    hosts = "".join(line.text for line in lines if line.voice is Voice.HOST)
    assert any(d.startswith("(发言顺序:") for d in directions)
    assert "…………" in directions
    assert "发言顺序" not in hosts
    assert "…………" not in hosts


def test_the_same_input_gives_the_same_bytes(seed_meeting: Meeting) -> None:
    first = host_script_pdf(seed_meeting, generated_at=NOW)
    assert first == host_script_pdf(seed_meeting, generated_at=NOW)
    later = host_script_pdf(seed_meeting, generated_at=NOW + dt.timedelta(minutes=1))
    assert first != later
