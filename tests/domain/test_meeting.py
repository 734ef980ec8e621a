"""The meeting definition JSON (FORMATS.md section 1): reading, validation and writing."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import (
    DEFAULT_SPEECH_LIMIT_S,
    AgendaItem,
    AgendaKind,
    BallotType,
    Level,
    Meeting,
    MultiMarkRule,
    OverCapRule,
    Rules,
    Speaker,
    meeting_from_dict,
    meeting_to_dict,
)

DATA = Path(__file__).parents[1] / "data"


def seed_dict() -> dict[str, Any]:
    return json.loads((DATA / "seed-meeting.json").read_text(encoding="utf-8"))


def minimal_dict() -> dict[str, Any]:
    """The least a meeting needs: a title, levels, categories and ballot types."""
    return {
        "title": "测试会议",
        "levels": [{"label": "好", "score": 100}, {"label": "差", "score": 40}],
        "categories": [{"name": "甲类", "targets": ["甲一", "甲二"]}],
        "ballot_types": [{"code": "A"}],
    }


# --- the seed meeting -----------------------------------------------------------------------


def test_seed_meeting_reads_with_its_values() -> None:
    m = meeting_from_dict(seed_dict())
    assert m.title == "2020年度全市基层党建工作述职评议会议"
    assert m.date == dt.date(2021, 1, 20)
    assert m.venue == "市委第一会议室"
    assert [item.kind for item in m.agenda] == [
        AgendaKind.SPEECHES,
        AgendaKind.COMMENTARY,
        AgendaKind.FLOOR,
        AgendaKind.SPEECH,
        AgendaKind.SPEECH,
        AgendaKind.BALLOT,
    ]
    assert m.agenda[0] == AgendaItem(AgendaKind.SPEECHES, "述职发言", 300, None)
    assert m.agenda[3].speaker == "省委组织部组织一处处长"
    assert len(m.speakers) == 27
    assert m.speakers[0] == Speaker("周明", "临海市委书记", "临海市", 300, False)
    assert m.speakers[10] == Speaker(
        "韩冰", "经济技术开发区党工委书记", "经济技术开发区", None, True
    )
    assert m.levels == (Level("好", 100), Level("较好", 80), Level("一般", 60), Level("差", 40))
    assert m.level_labels == ("好", "较好", "一般", "差")
    assert [len(c.targets) for c in m.categories] == [22, 5]
    assert m.categories[0].caps == {"好": 11}
    assert m.categories[1].caps == {"好": 3}
    assert len(m.targets) == 27
    assert m.targets[0] == "临海市"
    assert m.targets[-1] == "海州职业技术学院"
    assert m.category_of("海州大学").name == "省市属高校"
    assert m.ballot_types == (
        BallotType("A", "A票(市委常委、人大常委会主任、政协主席、党建领导小组成员)", 0.4, 30),
        BallotType("B", "B票(其他参会人员)", 0.6, 160),
    )
    assert m.ballot_type("B").issued == 160
    assert m.rules == Rules(MultiMarkRule.VOID_BALLOT, OverCapRule.VOID_BALLOT)


def test_category_of_and_ballot_type_raise_key_error_for_unknown_names() -> None:
    m = meeting_from_dict(seed_dict())
    with pytest.raises(KeyError):
        m.category_of("不存在的单位")
    with pytest.raises(KeyError):
        m.ballot_type("Z")


def test_seed_meeting_round_trips() -> None:
    m = meeting_from_dict(seed_dict())
    as_dict = meeting_to_dict(m)
    assert meeting_from_dict(as_dict) == m
    text = json.dumps(as_dict, ensure_ascii=False)
    assert meeting_from_dict(json.loads(text)) == m


def test_seed_meeting_writes_back_the_same_json() -> None:
    # Whole numbers come back without ".0", optional fields are only written when set;
    # issued and collected are always written (FORMATS §1), the seed leaves collected unknown.
    expected = seed_dict()
    for ballot_type in expected["ballot_types"]:
        ballot_type.setdefault("collected", None)
    assert meeting_to_dict(meeting_from_dict(seed_dict())) == expected


def test_collected_is_read_and_written_per_ballot_type() -> None:
    data = minimal_dict()
    data["ballot_types"] = [{"code": "A", "label": "A票", "issued": 30, "collected": 29}]
    m = meeting_from_dict(data)
    assert m.ballot_types == (BallotType("A", "A票", 1.0, 30, 29),)
    assert meeting_to_dict(m)["ballot_types"] == [
        {"code": "A", "label": "A票", "weight": 1, "issued": 30, "collected": 29}
    ]


@pytest.mark.parametrize("bad", [-1, 1.5, "29", True])
def test_collected_must_be_a_whole_number(bad: object) -> None:
    data = minimal_dict()
    data["ballot_types"] = [{"code": "A", "collected": bad}]
    with pytest.raises(DataError) as caught:
        meeting_from_dict(data)
    assert caught.value.field == "ballot_types[0].collected"


def test_minimal_meeting_gets_defaults_and_round_trips() -> None:
    m = meeting_from_dict(minimal_dict())
    assert m.date is None
    assert m.venue == ""
    assert m.agenda == ()
    assert m.speakers == ()
    assert m.categories[0].caps == {}
    assert m.ballot_types == (BallotType("A", "A", 1.0, None),)
    assert m.rules == Rules(MultiMarkRule.VOID_BALLOT, OverCapRule.VOID_BALLOT)
    as_dict = meeting_to_dict(m)
    assert as_dict["date"] is None
    assert as_dict["ballot_types"] == [
        {"code": "A", "label": "A", "weight": 1, "issued": None, "collected": None}
    ]
    assert meeting_from_dict(json.loads(json.dumps(as_dict))) == m


def test_non_default_values_round_trip() -> None:
    data = minimal_dict()
    data["levels"] = [
        {"label": "优", "score": 92.5},
        {"label": "良", "score": 70},
        {"label": "差", "score": -10},
    ]
    data["categories"][0]["caps"] = {"优": 0, "良": 1}
    data["ballot_types"] = [
        {"code": "X", "label": "甲", "weight": 2.5, "issued": 0},
        {"code": "Y", "label": "乙", "weight": 0.125},
    ]
    data["rules"] = {"multi_mark": "void_target", "over_cap": "void_category"}
    data["agenda"] = [{"kind": "speech", "title": "讲话", "limit_s": 600, "speaker": "某某"}]
    data["speakers"] = [{"name": "甲", "target": "甲二", "written": True}]
    m = meeting_from_dict(data)
    assert m.levels[0] == Level("优", 92.5)
    assert m.categories[0].caps == {"优": 0, "良": 1}
    assert m.ballot_types[1] == BallotType("Y", "乙", 0.125, None)
    assert m.rules == Rules(MultiMarkRule.VOID_TARGET, OverCapRule.VOID_CATEGORY)
    assert m.speakers[0] == Speaker("甲", "", "甲二", None, True)
    again = meeting_from_dict(json.loads(json.dumps(meeting_to_dict(m), ensure_ascii=False)))
    assert again == m


def test_text_is_trimmed() -> None:
    data = minimal_dict()
    data["title"] = "  测试会议 "
    data["categories"][0]["targets"] = [" 甲一", "甲二 "]
    m = meeting_from_dict(data)
    assert m.title == "测试会议"
    assert m.targets == ("甲一", "甲二")


def test_partial_rules_default_the_other_rule() -> None:
    data = minimal_dict()
    data["rules"] = {"over_cap": "void_category"}
    assert meeting_from_dict(data).rules == Rules(
        MultiMarkRule.VOID_BALLOT, OverCapRule.VOID_CATEGORY
    )
    data["rules"] = {"multi_mark": "void_target"}
    assert meeting_from_dict(data).rules == Rules(
        MultiMarkRule.VOID_TARGET, OverCapRule.VOID_BALLOT
    )


# --- bad input: every error names the field -------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: tuple[str | int, ...], value: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


def _delete(path: tuple[str | int, ...]) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


BAD_SEED: list[tuple[str, Mutation, str]] = [
    ("missing title", _delete(("title",)), "title"),
    ("empty title", _set(("title",), "   "), "title"),
    ("title not text", _set(("title",), 2020), "title"),
    ("unknown top-level field", _set(("location",), "会议室"), "location"),
    ("bad date", _set(("date",), "2021-02-30"), "date"),
    ("date with slashes", _set(("date",), "2021/01/20"), "date"),
    ("date in words", _set(("date",), "明天"), "date"),
    ("date not text", _set(("date",), 20210120), "date"),
    ("unknown agenda kind", _set(("agenda", 0, "kind"), "lunch"), "agenda[0].kind"),
    ("agenda item without kind", _delete(("agenda", 2, "kind")), "agenda[2].kind"),
    ("agenda item without title", _delete(("agenda", 1, "title")), "agenda[1].title"),
    ("agenda limit zero", _set(("agenda", 0, "limit_s"), 0), "agenda[0].limit_s"),
    ("agenda limit fractional", _set(("agenda", 0, "limit_s"), 2.5), "agenda[0].limit_s"),
    ("agenda unknown field", _set(("agenda", 4, "room"), "x"), "agenda[4].room"),
    ("agenda not a list", _set(("agenda",), {"kind": "ballot"}), "agenda"),
    ("agenda item not an object", _set(("agenda", 5), "投票评议"), "agenda[5]"),
    (
        "duplicate target across categories",
        _set(("categories", 1, "targets", 2), "临海市"),
        "categories[1].targets[2]",
    ),
    (
        "duplicate target within a category",
        _set(("categories", 0, "targets", 3), "青川市"),
        "categories[0].targets[3]",
    ),
    ("empty target name", _set(("categories", 1, "targets", 0), " "), "categories[1].targets[0]"),
    (
        "target named like a CSV column",
        _set(("categories", 1, "targets", 0), "serial"),
        "categories[1].targets[0]",
    ),
    (
        "duplicate category name",
        _set(("categories", 1, "name"), "县(市、区)、开发区(管理区)、市直系统"),
        "categories[1].name",
    ),
    ("category unknown field", _set(("categories", 0, "weight"), 2), "categories[0].weight"),
    (
        "cap on an unknown level",
        _set(("categories", 0, "caps"), {"优": 3}),
        "categories[0].caps.优",
    ),
    ("negative cap", _set(("categories", 1, "caps", "好"), -1), "categories[1].caps.好"),
    ("fractional cap", _set(("categories", 0, "caps", "好"), 2.5), "categories[0].caps.好"),
    ("cap as text", _set(("categories", 0, "caps", "好"), "11"), "categories[0].caps.好"),
    ("cap as boolean", _set(("categories", 0, "caps", "好"), True), "categories[0].caps.好"),
    ("caps not an object", _set(("categories", 0, "caps"), ["好", 11]), "categories[0].caps"),
    ("duplicate level label", _set(("levels", 2, "label"), "好"), "levels[2].label"),
    ("level label with a bar", _set(("levels", 1, "label"), "较|好"), "levels[1].label"),
    ("level without score", _delete(("levels", 3, "score")), "levels[3].score"),
    ("level score as text", _set(("levels", 0, "score"), "100"), "levels[0].score"),
    ("level score boolean", _set(("levels", 0, "score"), True), "levels[0].score"),
    ("level score NaN", _set(("levels", 1, "score"), float("nan")), "levels[1].score"),
    ("level score infinite", _set(("levels", 1, "score"), float("inf")), "levels[1].score"),
    ("no levels", _set(("levels",), []), "levels"),
    ("no categories", _set(("categories",), []), "categories"),
    ("weight zero", _set(("ballot_types", 0, "weight"), 0), "ballot_types[0].weight"),
    ("weight negative", _set(("ballot_types", 1, "weight"), -0.6), "ballot_types[1].weight"),
    ("weight as text", _set(("ballot_types", 1, "weight"), "0.6"), "ballot_types[1].weight"),
    (
        "weight infinite",
        _set(("ballot_types", 0, "weight"), float("inf")),
        "ballot_types[0].weight",
    ),
    ("issued negative", _set(("ballot_types", 0, "issued"), -1), "ballot_types[0].issued"),
    ("issued fractional", _set(("ballot_types", 0, "issued"), 30.5), "ballot_types[0].issued"),
    ("duplicate ballot type code", _set(("ballot_types", 1, "code"), "A"), "ballot_types[1].code"),
    ("ballot type without code", _delete(("ballot_types", 0, "code")), "ballot_types[0].code"),
    ("no ballot types", _set(("ballot_types",), []), "ballot_types"),
    ("missing ballot types", _delete(("ballot_types",)), "ballot_types"),
    (
        "speaker target not a target",
        _set(("speakers", 2, "target"), "火星县"),
        "speakers[2].target",
    ),
    ("speaker without name", _delete(("speakers", 0, "name")), "speakers[0].name"),
    (
        "speaker written not a boolean",
        _set(("speakers", 11, "written"), "yes"),
        "speakers[11].written",
    ),
    ("speaker limit zero", _set(("speakers", 0, "limit_s"), 0), "speakers[0].limit_s"),
    ("unknown multi_mark rule", _set(("rules", "multi_mark"), "void_all"), "rules.multi_mark"),
    ("unknown over_cap rule", _set(("rules", "over_cap"), "ignore"), "rules.over_cap"),
    ("rule not text", _set(("rules", "over_cap"), 1), "rules.over_cap"),
    ("unknown rules field", _set(("rules", "strict"), True), "rules.strict"),
    ("rules not an object", _set(("rules",), "void_ballot"), "rules"),
]


@pytest.mark.parametrize(
    ("mutate", "field"), [(m, f) for _, m, f in BAD_SEED], ids=[name for name, _, _ in BAD_SEED]
)
def test_bad_meeting_raises_data_error_naming_the_field(mutate: Mutation, field: str) -> None:
    data = copy.deepcopy(seed_dict())
    mutate(data)
    with pytest.raises(DataError) as caught:
        meeting_from_dict(data, source="meeting.json")
    error = caught.value
    assert error.field == field
    assert error.file == "meeting.json"
    assert error.row is None
    assert error.column is None
    assert error.message
    assert str(error).startswith(f"meeting.json, field {field}: ")


def test_the_unmodified_seed_is_accepted_by_the_same_harness() -> None:
    # Guards the table above: the mutations, not the seed, cause the errors.
    assert meeting_from_dict(copy.deepcopy(seed_dict()), source="meeting.json").title


# The contract (and the error message of the reader) says YYYY-MM-DD; Python 3.11's
# date.fromisoformat also accepts basic and ISO week-date forms, which must be refused.
@pytest.mark.parametrize("text", ["20210120", "2021-W03-3"])
def test_date_must_be_written_yyyy_mm_dd(text: str) -> None:
    data = seed_dict()
    data["date"] = text
    with pytest.raises(DataError) as caught:
        meeting_from_dict(data)
    assert caught.value.field == "date"


# caps must be an object; only an absent or null caps means "no cap". A falsy value of the
# wrong type must not silently switch the category's caps off.
@pytest.mark.parametrize("caps", [[], 0], ids=["empty-list", "zero"])
def test_caps_of_the_wrong_type_are_refused_even_when_empty(caps: Any) -> None:
    data = seed_dict()
    data["categories"][0]["caps"] = caps
    with pytest.raises(DataError) as caught:
        meeting_from_dict(data)
    assert caught.value.field == "categories[0].caps"


def test_null_or_absent_caps_mean_no_cap() -> None:
    data = seed_dict()
    data["categories"][0]["caps"] = None
    del data["categories"][1]["caps"]
    m = meeting_from_dict(data)
    assert m.categories[0].caps == {}
    assert m.categories[1].caps == {}


@pytest.mark.parametrize("data", [[], "会议", 42, None])
def test_top_level_not_an_object(data: Any) -> None:
    with pytest.raises(DataError) as caught:
        meeting_from_dict(data)
    assert caught.value.field is None
    assert caught.value.file is None


def test_error_without_source_has_no_file() -> None:
    data = minimal_dict()
    del data["title"]
    with pytest.raises(DataError) as caught:
        meeting_from_dict(data)
    assert caught.value.file is None
    assert caught.value.field == "title"
    assert str(caught.value).startswith("field title: ")


# --- speech time limits ---------------------------------------------------------------------


def _with_agenda(*items: dict[str, Any], speakers: list[dict[str, Any]]) -> Meeting:
    data = minimal_dict()
    data["agenda"] = list(items)
    data["speakers"] = speakers
    return meeting_from_dict(data)


def test_speech_limit_is_the_speakers_own_first() -> None:
    m = _with_agenda(
        {"kind": "speeches", "title": "述职发言", "limit_s": 240},
        speakers=[{"name": "甲", "limit_s": 120}],
    )
    assert m.speech_limit_s(m.speakers[0]) == 120


def test_speech_limit_falls_back_to_the_speeches_item() -> None:
    m = _with_agenda(
        {"kind": "speech", "title": "讲话", "limit_s": 900},
        {"kind": "speeches", "title": "述职发言", "limit_s": 240},
        speakers=[{"name": "甲"}],
    )
    assert m.speech_limit_s(m.speakers[0]) == 240


def test_speech_limit_defaults_to_five_minutes() -> None:
    m = _with_agenda(
        {"kind": "speeches", "title": "述职发言"},
        {"kind": "speech", "title": "讲话", "limit_s": 900},
        speakers=[{"name": "甲"}],
    )
    assert DEFAULT_SPEECH_LIMIT_S == 300
    assert m.speech_limit_s(m.speakers[0]) == 300
    no_agenda = _with_agenda(speakers=[{"name": "乙"}])
    assert no_agenda.speech_limit_s(no_agenda.speakers[0]) == 300


def test_seed_speech_limits() -> None:
    m = meeting_from_dict(seed_dict())
    assert {m.speech_limit_s(s) for s in m.speakers} == {300}


# --- DataError ------------------------------------------------------------------------------


def test_data_error_location_and_text() -> None:
    error = DataError("未知等次", file="ballots.csv", row=3, column="海州大学")
    assert error.location() == 'ballots.csv, row 3, column "海州大学"'
    assert str(error) == 'ballots.csv, row 3, column "海州大学": 未知等次'
    assert error.message == "未知等次"
    field_error = DataError("重复", field="categories[1].caps.好")
    assert str(field_error) == "field categories[1].caps.好: 重复"
    assert str(DataError("没有位置")) == "没有位置"
    assert DataError("x", row=0).location() == "row 0"


def test_data_error_located_fills_in_the_file_only_when_unknown() -> None:
    error = DataError("坏", row=2, column="type")
    located = error.located(file="b.csv")
    assert (located.file, located.row, located.column, located.message) == (
        "b.csv",
        2,
        "type",
        "坏",
    )
    assert error.file is None
    known = DataError("坏", file="a.csv")
    assert known.located(file="b.csv") is known
    assert error.located() is error
