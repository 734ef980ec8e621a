"""A large meeting for layout checks and screenshots: 64 units with long (and hostile) names in
3 categories, 3 ballot types, 5 levels, either rule variant, a full run of speeches and
comments. Deterministic: the same arguments always give the same meeting and ballots."""

from __future__ import annotations

import datetime as dt
import random

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import (
    AgendaItem,
    AgendaKind,
    BallotType,
    Category,
    Level,
    Meeting,
    MultiMarkRule,
    OverCapRule,
    Rules,
    Speaker,
)
from desktop_app.domain.records import Comment
from desktop_app.domain.timing import EventKind, SpeechEvent

ZONE = dt.timezone(dt.timedelta(hours=8))
START = dt.datetime(2024, 1, 26, 8, 30, tzinfo=ZONE)
COUNTIES = 40
CHAIR = "市委副书记、组织部部长赵某"


def _county(i: int) -> str:
    if i == 3:
        return "某某县<经济技术>&开发区(管理区)党工委"
    if i % 5 == 0:
        return f"中共某某自治州第{i + 1:02d}县(市、区)经济技术开发区管理委员会党工委员会"
    return f"第{i + 1:02d}县(市、区)"


def large_meeting(*, lenient: bool = False) -> Meeting:
    """64 units. ``lenient``: the rule variant that voids a unit or a category, not a ballot."""
    levels = (
        Level("好", 100),
        Level("较好", 85),
        Level("一般", 70),
        Level("较差", 55),
        Level("差", 40),
    )
    counties = tuple(_county(i) for i in range(COUNTIES))
    departments = tuple(f"市直第{i + 1:02d}系统(市委组织部、市委宣传部联合管理)" for i in range(16))
    universities = tuple(f"第{i + 1}所省市属高等院校党委" for i in range(8))
    categories = (
        Category("县(市、区)、开发区(管理区)", counties, {"好": 20}),
        Category("市直系统", departments, {"好": 8}),
        Category("省市属高校", universities, {"好": 3}),
    )
    speakers = tuple(
        Speaker(f"述职人{i + 1:02d}", f"{name}书记", name, written=i >= 30)
        for i, name in enumerate(counties)
    )
    agenda = (
        AgendaItem(AgendaKind.SPEECHES, "述职发言", 300),
        AgendaItem(AgendaKind.COMMENTARY, "集中点评", speaker=CHAIR),
        AgendaItem(AgendaKind.FLOOR, "基层代表点评"),
        AgendaItem(AgendaKind.SPEECH, "点评讲话", speaker="省委组织部组织一处处长王某"),
        AgendaItem(AgendaKind.SPEECH, "总结讲话", speaker="市委书记李某"),
        AgendaItem(AgendaKind.BALLOT, "投票评议"),
    )
    types = (
        BallotType("A", "A票(市级领导、领导小组成员)", 0.2, 30, 30),
        BallotType("B", "B票(各县市区、市直单位负责人)", 0.3, 80, 78),
        BallotType("C", "C票(基层党员代表、其他参会人员)", 0.5, 150, 140 if lenient else 150),
    )
    rules = Rules(MultiMarkRule.VOID_TARGET, OverCapRule.VOID_CATEGORY) if lenient else Rules()
    return Meeting(
        title="2023年度全市基层党建工作述职评议会议(含县市区、市直系统、省市属高校)",
        date=dt.date(2024, 1, 26),
        venue="市委第一会议室",
        agenda=agenda,
        speakers=speakers,
        levels=levels,
        categories=categories,
        ballot_types=types,
        rules=rules,
        chair=CHAIR,
        attendees="市委常委,市人大常委会、市政府、市政协有关负责同志,市委党建工作领导小组成员,"
        "各县(市、区)委书记、组织部部长,市直有关单位党组(党委)书记,基层党员代表",
        recorder="市委组织部组织二科 钱某",
    )


def large_ballots(meeting: Meeting, *, seed: int = 7) -> list[Ballot]:
    """Ballots per type as issued (less a few), with multi-marks, cap breaches, blanks and
    hand-voided ones among them."""
    rng = random.Random(seed)
    labels = meeting.level_labels
    ballots: list[Ballot] = []
    for ballot_type in meeting.ballot_types:
        count = (ballot_type.issued or 0) - (2 if ballot_type.code == "B" else 0)
        for number in range(1, count + 1):
            serial = f"{ballot_type.code}-{number:03d}"
            if number % 47 == 0:
                ballots.append(Ballot(serial, ballot_type.code))
                continue
            marks: dict[str, tuple[str, ...]] = {}
            for category in meeting.categories:
                cap = category.caps.get(labels[0], len(category.targets))
                good = 0
                for index, target in enumerate(category.targets):
                    bias = (index * 7 + number) % 5
                    weights = [6 - abs(bias - k) for k in range(len(labels))]
                    label = rng.choices(labels, weights=weights)[0]
                    if label == labels[0]:
                        good += 1
                        if good > cap and number % 13:
                            label = labels[1]
                    if rng.random() < 0.02:
                        continue  # left unmarked: an abstention
                    marks[target] = (label,)
            if number % 31 == 0:
                first = meeting.targets[number % len(meeting.targets)]
                marks[first] = (labels[0], labels[2])
            reason = "票面涂改无法辨认" if number % 59 == 0 else ""
            ballots.append(Ballot(serial, ballot_type.code, marks, reason))
    return ballots


def large_events(meeting: Meeting) -> list[SpeechEvent]:
    """A run of the agenda: speeches (some over time, one absent, one skipped), the rest."""
    events: list[SpeechEvent] = []
    now = START

    def add(kind: EventKind, seconds: float, index: int | None, who: str | None = None) -> None:
        nonlocal now
        now += dt.timedelta(seconds=seconds)
        events.append(SpeechEvent(kind, now, index, who))

    add(EventKind.ITEM_START, 0, 0)
    for number, speaker in enumerate(s for s in meeting.speakers if not s.written):
        if number == 4:
            add(EventKind.SPEECH_ABSENT, 5, 0, speaker.name)
            continue
        if number == 9:
            add(EventKind.SPEECH_SKIP, 5, 0, speaker.name)
            continue
        add(EventKind.SPEECH_START, 20, 0, speaker.name)
        add(EventKind.SPEECH_STOP, 240 + (number * 37) % 110, 0, speaker.name)
    add(EventKind.ITEM_END, 30, 0)
    for index, length in ((1, 1500), (2, 900), (3, 1200), (4, 1500), (5, 1300)):
        add(EventKind.ITEM_START, 60, index)
        add(EventKind.ITEM_END, length, index)
    return events


def large_comments(meeting: Meeting) -> list[Comment]:
    """The chair on every county, a representative on a few, a long one that runs on."""
    at = START + dt.timedelta(hours=4)
    comments = [
        Comment(
            i,
            target,
            1,
            "",
            "",
            f"{target}:抓基层党建责任落实较好,组织体系建设扎实,下一步要在"
            "党员教育管理和基层治理上再下功夫。",
            at,
        )
        for i, target in enumerate(meeting.categories[0].targets)
    ]
    long_text = "\n".join(
        f"第{n}点:该单位在基层党组织标准化规范化建设、党员队伍建设、"
        "软弱涣散党组织整顿、村级集体经济发展等方面做了大量工作,成效明显,群众认可度较高;"
        "但也存在个别党组织书记履职能力不强、党建与业务融合不够紧密等问题,需要认真研究解决。"
        for n in range(1, 19)
    )
    target = meeting.categories[0].targets[0]
    comments.append(Comment(900, target, 2, "张某", "基层党员代表", long_text, at))
    comments.append(Comment(901, None, 3, "", "", "总体评价:本次述职评议准备充分。", at))
    return comments
