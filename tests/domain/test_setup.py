"""Meeting setup decisions: the template, copies, checks before running, safe edits."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.domain.meeting import (
    AgendaKind,
    BallotType,
    Category,
    Level,
    Meeting,
    OverCapRule,
    Rules,
    Speaker,
)
from desktop_app.domain.setup import (
    classify_changes,
    copy_structure,
    counting_changes,
    default_meeting,
    half_cap,
    parse_cap,
    validate_meeting,
)


def fields(meeting: Meeting) -> list[str]:
    return [p.field for p in validate_meeting(meeting)]


def test_default_template_has_the_six_items() -> None:
    meeting = default_meeting("2024年度述职评议会议")
    assert [a.kind for a in meeting.agenda] == [
        AgendaKind.SPEECHES,
        AgendaKind.COMMENTARY,
        AgendaKind.FLOOR,
        AgendaKind.SPEECH,
        AgendaKind.SPEECH,
        AgendaKind.BALLOT,
    ]
    assert [a.title for a in meeting.agenda][-1] == "投票评议"
    assert meeting.agenda[0].limit_s == 300
    assert meeting.level_labels == ("好", "较好", "一般", "差")
    assert [t.code for t in meeting.ballot_types] == ["A", "B"]
    # No units yet: the checks say so, and nothing else.
    assert fields(meeting) == ["categories[0].targets", "categories[1].targets"]


def test_seed_meeting_is_ready(seed_meeting: Meeting) -> None:
    assert validate_meeting(seed_meeting) == []


def test_copy_keeps_structure_and_clears_issued(seed_meeting: Meeting) -> None:
    copy = copy_structure(seed_meeting)
    assert copy.title.endswith("(副本)")
    assert copy.date is None
    assert copy.agenda == seed_meeting.agenda
    assert copy.speakers == seed_meeting.speakers
    assert copy.categories == seed_meeting.categories
    assert [t.issued for t in copy.ballot_types] == [None, None]
    assert [t.weight for t in copy.ballot_types] == [0.4, 0.6]
    assert copy_structure(seed_meeting, title="新会议").title == "新会议"


@pytest.mark.parametrize(
    ("text", "units", "cap"),
    [
        ("11", 22, 11),
        (" 3 ", 5, 3),
        ("一半", 22, 11),
        ("半数", 5, 2),
        ("half", 7, 3),
        ("", 5, None),
    ],
)
def test_parse_cap(text: str, units: int, cap: int | None) -> None:
    assert parse_cap(text, units) == cap


@pytest.mark.parametrize("text", ["十一", "1.5", "-1", "abc"])
def test_parse_cap_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="上限应为整数"):
        parse_cap(text, 10)


def test_half_cap_rounds_down() -> None:
    assert [half_cap(n) for n in (0, 1, 22, 23)] == [0, 0, 11, 11]


def test_duplicate_names_are_problems(seed_meeting: Meeting) -> None:
    first = seed_meeting.categories[0]
    categories = (
        dataclasses.replace(first, targets=(*first.targets, first.targets[0])),
        *seed_meeting.categories[1:],
    )
    speakers = (*seed_meeting.speakers, seed_meeting.speakers[0])
    meeting = dataclasses.replace(seed_meeting, categories=categories, speakers=speakers)
    problems = validate_meeting(meeting)
    assert [p.field for p in problems] == [
        f"categories[0].targets[{len(first.targets)}]",
        "speakers[0].name",
        f"speakers[{len(speakers) - 1}].name",
    ]
    assert "重复" in problems[0].message and "categories[0].targets[0]" in problems[0].message
    assert problems[0].fix


def test_cap_larger_than_category(seed_meeting: Meeting) -> None:
    second = seed_meeting.categories[1]
    meeting = dataclasses.replace(
        seed_meeting,
        categories=(seed_meeting.categories[0], dataclasses.replace(second, caps={"好": 6})),
    )
    (problem,) = validate_meeting(meeting)
    assert problem.field == "categories[1].caps.好"
    assert "大于该类别的单位数 5" in problem.message
    assert "不超过 5" in problem.fix


def test_weights_and_ballot_types(seed_meeting: Meeting) -> None:
    meeting = dataclasses.replace(
        seed_meeting,
        ballot_types=(BallotType("A", "A票", 0.0), BallotType("A", "B票", -1.0)),
    )
    assert fields(meeting) == [
        "ballot_types[0].code",
        "ballot_types[0].weight",
        "ballot_types[1].code",
        "ballot_types[1].weight",
    ]
    none = dataclasses.replace(seed_meeting, ballot_types=())
    assert fields(none) == ["ballot_types"]


def test_speaker_unit_must_be_a_target(seed_meeting: Meeting) -> None:
    meeting = dataclasses.replace(
        seed_meeting, speakers=(*seed_meeting.speakers, Speaker("王五", "书记", "不存在县"))
    )
    (problem,) = validate_meeting(meeting)
    assert problem.field == f"speakers[{len(seed_meeting.speakers)}].target"
    assert "不存在县" in problem.message
    assert "评议对象" in problem.fix


def test_empty_and_bad_levels(seed_meeting: Meeting) -> None:
    meeting = dataclasses.replace(
        seed_meeting, levels=(Level("好", 100), Level("好", 80), Level("", 60), Level("差|", 0))
    )
    assert fields(meeting) == ["levels[1].label", "levels[2].label", "levels[3].label"]


def test_renames_are_safe(seed_meeting: Meeting) -> None:
    renamed = dataclasses.replace(
        seed_meeting,
        title="新名称",
        venue="新地点",
        agenda=tuple(dataclasses.replace(a, title=a.title + "!") for a in seed_meeting.agenda),
        speakers=tuple(dataclasses.replace(s, post="新职务") for s in seed_meeting.speakers),
        levels=(Level("优秀", 100), *seed_meeting.levels[1:]),
        categories=(
            Category("第一类", seed_meeting.categories[0].targets, {"优秀": 11}),
            dataclasses.replace(seed_meeting.categories[1], caps={"优秀": 3}),
        ),
        ballot_types=tuple(
            dataclasses.replace(t, label=t.label + "票", issued=200)
            for t in seed_meeting.ballot_types
        ),
    )
    changes = classify_changes(seed_meeting, renamed)
    assert changes and not any(c.counting for c in changes)
    assert {c.field for c in changes} >= {
        "title",
        "venue",
        "agenda",
        "speakers",
        "levels[0].label",
        "categories[0].name",
        "ballot_types[0].label",
        "ballot_types[0].issued",
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda m: dataclasses.replace(m, levels=m.levels[:3]), "levels"),
        (
            lambda m: dataclasses.replace(m, levels=(Level("好", 95), *m.levels[1:])),
            "levels[0].score",
        ),
        (
            lambda m: dataclasses.replace(
                m, categories=(m.categories[0], dataclasses.replace(m.categories[1], caps={}))
            ),
            "categories[1].caps",
        ),
        (
            lambda m: dataclasses.replace(
                m,
                categories=(
                    m.categories[0],
                    dataclasses.replace(m.categories[1], targets=m.categories[1].targets[1:]),
                ),
            ),
            "categories",
        ),
        (
            lambda m: dataclasses.replace(
                m,
                ballot_types=(
                    dataclasses.replace(m.ballot_types[0], weight=0.5),
                    *m.ballot_types[1:],
                ),
            ),
            "ballot_types[0].weight",
        ),
        (lambda m: dataclasses.replace(m, ballot_types=m.ballot_types[:1]), "ballot_types"),
        (
            lambda m: dataclasses.replace(m, rules=Rules(over_cap=OverCapRule.VOID_CATEGORY)),
            "rules.over_cap",
        ),
    ],
)
def test_counting_changes(seed_meeting: Meeting, change, field: str) -> None:  # type: ignore[no-untyped-def]
    refused = counting_changes(seed_meeting, change(seed_meeting))
    assert field in [c.field for c in refused]
    assert all(c.description for c in refused)


def test_no_change_no_changes(seed_meeting: Meeting) -> None:
    assert classify_changes(seed_meeting, seed_meeting) == []


def test_unfinished_drafts_can_be_saved(seed_meeting: Meeting) -> None:
    draft = default_meeting()
    assert validate_meeting(draft) and not any(p.blocks_save for p in validate_meeting(draft))
    bad = dataclasses.replace(
        seed_meeting, speakers=(*seed_meeting.speakers, Speaker("王五", "", "无此县"))
    )
    assert all(p.blocks_save for p in validate_meeting(bad))
