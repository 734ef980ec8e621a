"""The Excel export: results and ballots sheets, figures as numbers, no formula injection."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from desktop_app.domain.ballots import Ballot, classify_ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.figures import rate_fraction, rounded
from desktop_app.domain.meeting import Meeting, meeting_from_dict
from desktop_app.domain.tally import Tally, tally
from desktop_app.reports.workbook import (
    BALLOTS_SHEET,
    RATE_FORMAT,
    RESULTS_SHEET,
    SCORE_FORMAT,
    build_workbook,
    safe_text,
    save_workbook,
)

GENERATED_AT = datetime.datetime(2021, 1, 20, 11, 30, 5)


def _export(meeting: Meeting, ballots: list[Ballot], path: Path) -> tuple[Any, Tally]:
    result = tally(meeting, ballots)
    save_workbook(build_workbook(meeting, result, ballots, generated_at=GENERATED_AT), path)
    return openpyxl.load_workbook(path), result


def _row_of(sheet: Worksheet, name: str) -> int:
    rows = [cell.row for cell in sheet["A"] if cell.value == name]
    assert len(rows) == 1, f"{name!r} in rows {rows}"
    return rows[0]


def _all_cells(workbook: Any) -> list[Any]:
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def _texts(workbook: Any) -> list[str]:
    return [c.value for c in _all_cells(workbook) if isinstance(c.value, str)]


# --- safe_text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("=1+2", "=1+2"),
        ("+1", "+1"),
        ("-1", "-1"),
        ("@SUM(A1)", "@SUM(A1)"),
        ("\t=1", "\t=1"),
        ("\r=1", "\r=1"),
        ("临海市", "临海市"),
        ("a=1", "a=1"),
        ("", ""),
        ("'=1", "'=1"),
        ("坏\x01字符", "坏字符"),
    ],
)
def test_safe_text(raw: str, stored: str) -> None:
    assert safe_text(raw) == stored


# --- the seed meeting -----------------------------------------------------------------------


def test_seed_workbook_has_both_sheets_and_every_target(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    workbook, _ = _export(seed_meeting, seed_ballots, tmp_path / "结果.xlsx")
    assert workbook.sheetnames == [RESULTS_SHEET, BALLOTS_SHEET]
    results = workbook[RESULTS_SHEET]
    names = {cell.value for cell in results["A"]}
    assert set(seed_meeting.targets) <= names
    for category in seed_meeting.categories:
        assert category.name in names
    assert results["A1"].value == seed_meeting.title
    info = results["A2"].value
    assert "日期:2021年1月20日" in info
    assert seed_meeting.venue in info
    assert "2021-01-20 11:30:05" in info
    # No over-issued type in the seed: no warning anywhere.
    assert not any("存疑" in text for text in _texts(workbook))


def test_seed_results_row_matches_the_tally(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    workbook, result = _export(seed_meeting, seed_ballots, tmp_path / "结果.xlsx")
    sheet = workbook[RESULTS_SHEET]
    row = _row_of(sheet, "临海市")
    values = [cell.value for cell in sheet[row]]

    # The block's second header row names every column.
    header_row = next(r for r in range(row, 0, -1) if sheet.cell(r, 1).value == "评议对象")
    headers = [cell.value for cell in sheet[header_row]]
    per_type = ["好", "较好", "一般", "差", "弃权", "n", "好评率", "满意率", "得分"]
    # Under 综合 the same labels as on the signed sheet (tally_columns: one spec).
    assert headers == ["评议对象", *per_type, *per_type, "得分", "好评率", "满意率", "名次"]

    target = result.target("临海市")
    a, b = target.by_type["A"], target.by_type["B"]
    assert values[:7] == ["临海市", 7, 10, 5, 3, 2, 27]
    assert values[10:16] == [52, 50, 19, 9, 4, 134]
    # Figures are stored as the PDFs print them: rates at 0.1%, scores at 2 places (the
    # combined score at 3 here), all rounded half up.
    assert b.score is not None
    expected_floats = {
        7: rate_fraction(a.good_rate or 0),
        8: rate_fraction(a.approval_rate or 0),
        9: 76.8,
        16: rate_fraction(b.good_rate or 0),
        17: rate_fraction(b.approval_rate or 0),
        18: rounded(b.score, 2),
        19: 80.105,  # 80.10461538461539
        20: rate_fraction(target.good_rate or 0),
        21: rate_fraction(target.approval_rate or 0),
    }
    for index, expected in expected_floats.items():
        assert isinstance(values[index], float), (index, values[index])
        assert values[index] == pytest.approx(expected, rel=1e-12), index
    assert values[7] == 0.259  # 7 of 27 = 25.9259...%
    assert values[22] == 13
    assert len(values) == 23
    assert isinstance(values[1], int)

    cells = sheet[row]
    for index in (7, 8, 16, 17, 20, 21):
        assert cells[index].number_format == RATE_FORMAT, index
    for index in (9, 18):
        assert cells[index].number_format == SCORE_FORMAT, index
    # The combined score shows 3 decimals for the seed: at 2, 青川市 (83.2343, 3rd) and
    # 中山区 (83.2308, 4th) would both read 83.23.
    assert cells[19].number_format == "0.000"


def test_seed_results_ballot_summary(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    workbook, _ = _export(seed_meeting, seed_ballots, tmp_path / "结果.xlsx")
    sheet = workbook[RESULTS_SHEET]
    header = _row_of(sheet, "票种")
    assert [c.value for c in sheet[header]][:7] == [
        "票种",
        "发出",
        "收回",
        "录入",
        "有效",
        "废票",
        "空白",
    ]
    rows = {
        sheet.cell(r, 1).value: [sheet.cell(r, c).value for c in range(2, 8)]
        for r in (header + 1, header + 2)
    }
    a_label, b_label = (t.label for t in seed_meeting.ballot_types)
    # The seed has no count of ballots collected: an empty cell, not a zero.
    assert rows == {a_label: [30, None, 30, 27, 3, 0], b_label: [160, None, 148, 134, 10, 4]}


def test_collected_is_written_and_entering_more_is_flagged(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    a, b = seed_meeting.ballot_types
    meeting = dataclasses.replace(
        seed_meeting,
        ballot_types=(dataclasses.replace(a, collected=30), dataclasses.replace(b, collected=140)),
    )
    workbook, result = _export(meeting, seed_ballots, tmp_path / "collected.xlsx")
    (warning,) = result.warnings()
    assert "收回" in warning and "148" in warning and "140" in warning
    sheet = workbook[RESULTS_SHEET]
    a_row, b_row = _row_of(sheet, a.label), _row_of(sheet, b.label)
    assert sheet.cell(a_row, 3).value == 30
    assert sheet.cell(a_row, 3).font.color.rgb != "FFFF0000"  # 30 entered of 30: fine
    collected = sheet.cell(b_row, 3)
    assert (collected.value, collected.font.color.rgb) == (140, "FFFF0000")
    assert sum(c.value == warning for row in sheet.iter_rows() for c in row) == 2


def test_print_setup_and_frozen_headers(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    workbook, _ = _export(seed_meeting, seed_ballots, tmp_path / "结果.xlsx")
    results = workbook[RESULTS_SHEET]
    first = _row_of(results, seed_meeting.categories[0].name)
    for sheet, titles in ((results, f"${first}:${first + 1}"), (workbook[BALLOTS_SHEET], "$1:$1")):
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == titles
        assert sheet.oddHeader.left.text == seed_meeting.title
        assert sheet.oddFooter.center.text == "第 &P 页 / 共 &N 页"
    assert results.freeze_panes == f"B{first + 2}"


def test_long_names_get_a_column_wide_enough(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    long_name = "中国共产党某某自治州某某县经济技术开发区管理委员会党工委机关第二党支部联合调研组"
    first = seed_meeting.categories[0]
    renamed = dataclasses.replace(first, targets=(long_name, *first.targets[1:]))
    meeting = dataclasses.replace(seed_meeting, categories=(renamed, *seed_meeting.categories[1:]))
    ballots = [
        dataclasses.replace(
            b, marks={long_name if t == first.targets[0] else t: m for t, m in b.marks.items()}
        )
        for b in seed_ballots
    ]
    workbook, _ = _export(meeting, ballots, tmp_path / "long.xlsx")
    results = workbook[RESULTS_SHEET]
    row = _row_of(results, long_name)
    # Two width units per Chinese character, and the name cell wraps rather than being cut.
    assert results.column_dimensions["A"].width >= 2 * len(long_name)
    assert results.cell(row, 1).alignment.wrap_text
    # On the ballots sheet the name heads a narrow column: it wraps in a row tall enough.
    sheet = workbook[BALLOTS_SHEET]
    assert sheet.cell(1, 3).value == long_name and sheet.cell(1, 3).alignment.wrap_text
    lines = sheet.row_dimensions[1].height / 15
    assert lines * (sheet.column_dimensions["C"].width - 1) >= 2 * len(long_name)


def test_seed_ballot_sheet(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    workbook, _ = _export(seed_meeting, seed_ballots, tmp_path / "结果.xlsx")
    sheet = workbook[BALLOTS_SHEET]
    headers = [cell.value for cell in sheet[1]]
    assert headers == ["票号", "票种", *seed_meeting.targets, "作废原因", "状态"]
    assert sheet.max_row - 1 == 178 == len(seed_ballots)
    serials = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]
    assert serials == [ballot.serial for ballot in seed_ballots]
    assert sheet.freeze_panes == "C2"

    for row, ballot in enumerate(seed_ballots, start=2):
        values = [cell.value for cell in sheet[row]]
        assert values[1] == ballot.type_code
        marks = ["|".join(ballot.ticks(t)) or None for t in seed_meeting.targets]
        assert values[2:-2] == marks, ballot.serial
        assert values[-2] == (ballot.void_reason or None)
        assert values[-1] == classify_ballot(seed_meeting, ballot).describe()
    # The seed has multi-marked ballots (void) and blank ones.
    assert any("|" in (v or "") for row in sheet.iter_rows(values_only=True) for v in row[2:-2])
    statuses = [sheet.cell(r, len(headers)).value for r in range(2, sheet.max_row + 1)]
    assert statuses.count("空白票") == 4
    assert sum(s.startswith("废票") for s in statuses) == 13


# --- formula injection ----------------------------------------------------------------------

HOSTILE = {
    "title": '=HYPERLINK("http://evil.example","点此")',
    "category": "-2+3+cmd|' /C calc'!A0",
    "target_eq": "=1+2",
    "target_plus": "+SUM(1,2)",
    "target_minus": "-3",
    "target_at": "@SUM(A1:A2)",
    "level": "@好",
    "type_label": "+A票",
    "void_reason": "=cmd|' /C calc'!A0",
}


def _hostile_meeting() -> Meeting:
    return meeting_from_dict(
        {
            "title": HOSTILE["title"],
            "date": "2021-01-20",
            "venue": "-地下室",
            "levels": [
                {"label": HOSTILE["level"], "score": 100},
                {"label": "差", "score": 40},
            ],
            "categories": [
                {
                    "name": HOSTILE["category"],
                    "targets": [
                        HOSTILE["target_eq"],
                        HOSTILE["target_plus"],
                        HOSTILE["target_minus"],
                        HOSTILE["target_at"],
                        "#N/A",
                    ],
                }
            ],
            "ballot_types": [{"code": "A", "label": HOSTILE["type_label"], "issued": 5}],
        }
    )


def test_hostile_text_is_stored_as_plain_strings(tmp_path: Path) -> None:
    meeting = _hostile_meeting()
    level = HOSTILE["level"]
    ballots = [
        Ballot("-001", "A", {HOSTILE["target_eq"]: (level,), HOSTILE["target_plus"]: ("差",)}),
        Ballot("=002", "A", {HOSTILE["target_minus"]: (level, "差")}),
        Ballot("@003", "A", {HOSTILE["target_at"]: ("差",)}, void_reason=HOSTILE["void_reason"]),
        Ballot("+004", "A", {}, void_reason="\t=1+1"),
    ]
    workbook, _ = _export(meeting, ballots, tmp_path / "hostile.xlsx")
    cells = _all_cells(workbook)

    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.coordinate for c in cells if c.data_type == "e"]
    by_value = {c.value: c for c in cells if c.value is not None}
    for raw in [*HOSTILE.values(), "-001", "=002", "@003", "+004", "\t=1+1", f"{level}|差"]:
        cell = by_value.get(raw)
        assert cell is not None, f"{raw!r} not stored exactly"
        assert cell.data_type == "s"
        assert cell.quotePrefix, f"{raw!r} not quote-prefixed"  # Excel keeps it text on edit
    assert not any(v.startswith("'") for v in by_value if isinstance(v, str))
    # Excel's error literals stay text too, and numbers stay numbers.
    assert by_value["#N/A"].data_type == "s"
    results = workbook[RESULTS_SHEET]
    row = _row_of(results, HOSTILE["target_eq"])
    assert [c.value for c in results[row]][:2] == [HOSTILE["target_eq"], 1]
    # A unit nobody rated: zero counts, empty rates, score and rank.
    row = _row_of(results, "#N/A")
    values = [c.value for c in results[row]]
    assert values[1:5] == [0, 0, 1, 1]  # 好, 差, 弃权, n (one valid ballot)
    assert values[5:] == [0.0, 0.0, None, None, 0.0, 0.0, None]
    # The title line is safe, though the venue inside it starts with "-".
    assert results["A1"].value == HOSTILE["title"]
    assert results["A2"].value.startswith("日期")


def test_the_raw_openpyxl_behaviour_we_guard_against() -> None:
    """openpyxl stores a string starting with "=" as a formula: why _put forces "s"."""
    sheet = openpyxl.Workbook().active
    assert sheet is not None
    sheet["A1"] = "=1+2"
    assert sheet["A1"].data_type == "f"


# --- warnings and saving --------------------------------------------------------------------


def test_over_issued_ballots_are_flagged_in_red(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    a, b = seed_meeting.ballot_types
    meeting = dataclasses.replace(seed_meeting, ballot_types=(dataclasses.replace(a, issued=20), b))
    workbook, result = _export(meeting, seed_ballots, tmp_path / "over.xlsx")
    (warning,) = result.warnings()
    sheet = workbook[RESULTS_SHEET]
    hits = [c for row in sheet.iter_rows() for c in row if c.value == warning]
    assert len(hits) == 2  # under the title and under the ballot summary
    for cell in hits:
        assert cell.font.bold
        assert cell.font.color.rgb == "FFFF0000"
    summary = sheet.cell(_row_of(sheet, a.label), 4)  # 录入
    assert (summary.value, summary.font.color.rgb) == (30, "FFFF0000")


def test_save_into_a_missing_folder_names_the_file(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    workbook = build_workbook(
        seed_meeting, tally(seed_meeting, seed_ballots), seed_ballots, generated_at=GENERATED_AT
    )
    path = tmp_path / "missing" / "结果.xlsx"
    with pytest.raises(DataError) as caught:
        save_workbook(workbook, path)
    assert caught.value.file == str(path)
    assert str(path) in str(caught.value)
    assert not path.parent.exists()


def test_save_replaces_an_existing_file_and_leaves_no_temp_file(
    seed_meeting: Meeting, seed_ballots: list[Ballot], tmp_path: Path
) -> None:
    path = tmp_path / "结果.xlsx"
    path.write_bytes(b"old")
    workbook = build_workbook(
        seed_meeting, tally(seed_meeting, seed_ballots), seed_ballots, generated_at=GENERATED_AT
    )
    save_workbook(workbook, path)
    assert openpyxl.load_workbook(path).sheetnames == [RESULTS_SHEET, BALLOTS_SHEET]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "user-data") == ["结果.xlsx"]
