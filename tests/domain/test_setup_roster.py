"""Reading a roster table: header, mapping, problems by row and column, applying it."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.roster import (
    ROSTER_HEADERS,
    RosterField,
    apply_roster,
    guess_mapping,
    read_roster,
    roster_table,
)
from desktop_app.domain.setup import default_meeting

CAT1 = "县(市、区)、开发区(管理区)、市直系统"
HEADER = ["姓名", "职务", "单位", "类别", "书面述职"]


def read(cells: list[list[str]]):  # type: ignore[no-untyped-def]
    return read_roster(cells, default_category=CAT1)


def test_clean_roster_with_title_row_and_guessed_columns() -> None:
    roster = read(
        [
            ["2024 年述职人名单", "", ""],
            HEADER,
            ["张三", "甲县委书记", "甲县", "", ""],
            ["李四", "开发区党工委书记", "开发区", CAT1, "是"],
            ["", "", "", "", ""],
            ["王五", "校党委书记", "乙大学", "省市属高校", "√"],
        ]
    )
    assert roster.clean, roster.problems
    assert roster.header_row == 2
    assert [r.row for r in roster.rows] == [3, 4, 6]
    assert roster.rows[1].speaker is not None and roster.rows[1].speaker.written
    meeting = apply_roster(default_meeting(), roster)
    assert meeting.categories[0].targets == ("甲县", "开发区")
    assert meeting.categories[1].targets == ("乙大学",)
    assert [s.name for s in meeting.speakers] == ["张三", "李四", "王五"]
    assert meeting.speakers[0].target == "甲县"


def test_guess_mapping_ignores_spaces_and_case() -> None:
    assert guess_mapping(["Name", " 单 位 ", "职务"]) == {
        RosterField.NAME: 0,
        RosterField.TARGET: 1,
        RosterField.POST: 2,
    }


def test_not_a_roster() -> None:
    roster = read([["序号", "金额", "日期"], ["1", "20", "2024-01-01"]])
    assert not roster.clean
    (problem,) = roster.problems
    assert problem.row == 1 and "找不到“单位”列" in problem.message
    assert "序号、金额、日期" in problem.message


def test_every_bad_row_is_reported() -> None:
    roster = read(
        [
            [*HEADER, "时限", "上限"],
            ["张三", "甲县委书记", "甲县", "", "", "300", "一半"],
            ["", "乙县委书记", "乙县", "", "", "", ""],
            ["张三", "丙县委书记", "甲县", "", "", "", ""],
            ["赵六", "丁县委书记", "丁县", "", "也许", "五分钟", "很多"],
        ]
    )
    assert [str(p) for p in roster.problems] == [
        "第 3 行,“姓名”列:姓名为空(有职务却没有姓名)",
        "第 4 行,“单位”列:单位“甲县”重复(第 2 行已有)",
        "第 4 行,“姓名”列:述职人“张三”重复(第 2 行已有)",
        "第 5 行,“时限”列:时限应为 1 至 86400 的整数(秒),实为“五分钟”",
        "第 5 行,“书面述职”列:书面述职应为“是”或“否”,实为“也许”",
        "第 5 行,“上限”列:上限应为整数或“一半”,实为“很多”",
    ]
    assert not roster.clean
    with pytest.raises(DataError):
        apply_roster(default_meeting(), roster)


def test_half_cap_counts_the_category() -> None:
    cells = [["单位", "上限"]] + [[f"{i}县", "一半"] for i in range(7)]
    roster = read(cells)
    assert roster.clean
    meeting = apply_roster(default_meeting(), roster)
    assert meeting.categories[0].caps == {"好": 3}


def test_units_only_roster_keeps_speakers(seed_meeting: Meeting) -> None:
    targets = [[t] for t in seed_meeting.targets]
    roster = read([["单位"], *targets])
    assert roster.clean
    assert apply_roster(seed_meeting, roster).speakers == seed_meeting.speakers


def test_empty_file() -> None:
    assert "空" in str(read([]).problems[0])
    assert "没有任何名单行" in str(read([["单位", "姓名"]]).problems[0])


def test_roster_table_reads_back(seed_meeting: Meeting) -> None:
    rows = [[("" if v is None else str(v)) for v in row] for row in roster_table(seed_meeting)]
    roster = read_roster([list(ROSTER_HEADERS), *rows], default_category=CAT1)
    assert roster.clean, roster.problems
    again = apply_roster(seed_meeting, roster)
    assert again.speakers == seed_meeting.speakers
    assert again.categories == seed_meeting.categories
