"""Fuzzing roster files (.xlsx and .csv) as the setup screen reads them: workbooks with hostile
cells (inf, 1e20, NUL, 30,000 characters, lone surrogates), damaged zips, a workbook without
sheets, truncated files, random bytes. Reading gives cells or a DataError, never another
exception; a clean roster applied and saved stores exactly it; a refusal stores nothing.
A 100,000-row roster is refused by its size, not read for a minute."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.roster import ROSTER_HEADERS, apply_roster, read_roster, roster_table
from desktop_app.domain.setup import validate_meeting
from desktop_app.store.database import Database
from desktop_app.store.meetings import load_meeting, save_meeting
from desktop_app.store.setup import update_meeting
from desktop_app.store.transfer import MAX_ROSTER_ROWS, read_meeting_file, read_table_file
from tests.fuzzing import (
    DEFAULT_CASES,
    HOSTILE_NUMBERS,
    LONG_CASES,
    Outcomes,
    fuzz_settings,
    require_slow_selected,
)

CELLS = st.one_of(
    st.sampled_from(
        [
            None,
            "",
            "是",
            "否",
            "一半",
            "half",
            "inf",
            "-inf",
            "nan",
            "1e20",
            "300",
            "0",
            "-5",
            "１２",
            "²",
            "\x00",
            "a\x00b",
            "\ud800",
            '=HYPERLINK("x")',
            "x" * 250,
            "长" * 30_000,
            "serial",
            "type",
            "void_reason",
            "省市属高校",
        ]
    ),
    st.sampled_from([n for n in HOSTILE_NUMBERS if isinstance(n, int | float)]),
    st.text(max_size=10),
)


def workbook_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        try:
            sheet.append(row)
        except Exception:  # openpyxl refuses some values itself (NUL, ...): leave the row out
            sheet.append([None] * len(row))
    buffer = io.BytesIO()
    try:
        book.save(buffer)
    except (ValueError, TypeError, UnicodeError):
        return b"PK\x03\x04broken"
    return buffer.getvalue()


def without_sheets(raw: bytes) -> bytes:
    """The same workbook with its only sheet removed from the package."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                continue
            if item.filename == "xl/workbook.xml":
                start, end = data.index(b"<sheets>"), data.index(b"</sheets>") + len(b"</sheets>")
                data = data[:start] + b"<sheets/>" + data[end:]
            target.writestr(item, data)
    return out.getvalue()


@st.composite
def roster_files(draw: st.DrawFn) -> tuple[str, bytes]:
    seed_rows: list[list[object]] = [list(ROSTER_HEADERS), *SEED_TABLE]
    rows = [list(r) for r in seed_rows]
    for _ in range(draw(st.integers(0, 5))):
        row = draw(st.sampled_from(rows))
        if row:
            row[draw(st.integers(0, len(row) - 1))] = draw(CELLS)
    suffix = draw(st.sampled_from([".xlsx", ".xlsx", ".csv"]))
    if suffix == ".csv":
        out = io.StringIO()
        for row in rows:
            out.write(",".join("" if c is None else str(c) for c in row) + "\r\n")
        raw = out.getvalue().encode("utf-8", "surrogatepass")
    else:
        raw = workbook_bytes(rows)
    damage = draw(st.sampled_from(["none", "none", "none", "cut", "flip", "no-sheet", "junk"]))
    # Where to damage, as a fraction: a workbook's bytes differ from run to run (timestamps).
    at = int(draw(st.floats(0, 1)) * len(raw))
    if damage == "cut":
        raw = raw[:at]
    elif damage == "flip":
        raw = raw[:at] + bytes([raw[at] ^ 0xFF]) + raw[at + 1 :] if at < len(raw) else raw
    elif (
        damage == "no-sheet"
        and suffix == ".xlsx"
        and raw.startswith(b"PK\x03\x04")
        and len(raw) > 100
    ):
        raw = without_sheets(raw)
    elif damage == "junk":
        raw = draw(st.binary(max_size=300))
    return suffix, raw


SEED_TABLE: list[list[object]] = [
    list(r)
    for r in roster_table(
        read_meeting_file(Path(__file__).parents[1] / "data" / "seed-meeting.json")
    )
]


def roster_case(
    file: tuple[str, bytes], tmp_path: Path, db: Database, seed: Meeting, seen: Outcomes
) -> None:
    suffix, raw = file
    path = tmp_path / f"名单{suffix}"
    path.write_bytes(raw)
    with db.session() as session:  # each case on a fresh copy of the seed meeting
        meeting_id = save_meeting(session, seed)
        before = load_meeting(session, meeting_id)
    try:
        cells = read_table_file(path)
    except DataError as exc:
        seen.add("refused")
        assert len(str(exc)) < 2_000
        return
    roster = read_roster(cells, default_category=before.categories[0].name)
    if not roster.clean:
        seen.add("refused")
        assert all(len(str(p)) < 2_000 for p in roster.problems)
        return
    new = apply_roster(before, roster)
    if any(p.blocks_save for p in validate_meeting(new)):
        seen.add("refused")
        return
    try:
        with db.session() as session:
            update_meeting(session, meeting_id, new)
    except DataError:
        seen.add("refused")
        with db.session() as session:
            assert load_meeting(session, meeting_id) == before
        return
    seen.add("accepted")
    with db.session() as session:
        assert load_meeting(session, meeting_id) == new


def test_roster_files_fuzz(db: Database, seed_meeting: Meeting, tmp_path: Path) -> None:
    seen = Outcomes("roster files")

    @fuzz_settings(DEFAULT_CASES)
    @given(roster_files())
    def case(file: tuple[str, bytes]) -> None:
        roster_case(file, tmp_path, db, seed_meeting, seen)

    case()
    print("\n" + seen.report())
    assert seen.counts["refused"] > 0 and seen.counts["accepted"] > 0


@pytest.mark.slow
def test_roster_files_fuzz_thousands(
    request: pytest.FixtureRequest, db: Database, seed_meeting: Meeting, tmp_path: Path
) -> None:
    require_slow_selected(request)
    seen = Outcomes("roster files (long)")

    @fuzz_settings(LONG_CASES)
    @given(roster_files())
    def case(file: tuple[str, bytes]) -> None:
        roster_case(file, tmp_path, db, seed_meeting, seen)

    case()
    print("\n" + seen.report())


def test_a_100000_row_roster_is_refused_by_its_size(tmp_path: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(ROSTER_HEADERS))
    for i in range(100_000):
        sheet.append([i, f"姓名{i}", "书记", f"单位{i}", "类别", 300, "否", None])
    path = tmp_path / "大名单.xlsx"
    book.save(path)
    with pytest.raises(DataError, match=f"超过 {MAX_ROSTER_ROWS} 行"):
        read_table_file(path)
    csv_path = tmp_path / "大名单.csv"
    csv_path.write_text("单位\n" + "".join(f"单位{i}\n" for i in range(100_000)), "utf-8")
    with pytest.raises(DataError, match=f"超过 {MAX_ROSTER_ROWS} 行"):
        read_table_file(csv_path)


@pytest.mark.parametrize(
    ("name", "raw", "says"),
    [
        ("坏.xlsx", b"PK\x03\x04 not really a zip", "无法读取 Excel 文件"),
        ("空.xlsx", b"", "无法读取 Excel 文件"),
        ("文本.xlsx", "单位\n临海市\n".encode(), "无法读取 Excel 文件"),
    ],
)
def test_damaged_workbooks_are_refused_with_a_message(
    tmp_path: Path, name: str, raw: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(DataError, match=says):
        read_table_file(path)


def test_a_workbook_without_sheets_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "无表.xlsx"
    path.write_bytes(without_sheets(workbook_bytes([["单位"], ["临海市"]])))
    with pytest.raises(DataError, match=r"没有工作表|无法读取 Excel 文件"):
        read_table_file(path)


@pytest.mark.parametrize("limit", ["inf", "1e20", "nan", "-inf", float("inf"), 1e20])
def test_absurd_time_limits_are_roster_problems(limit: object) -> None:
    cells = [list(ROSTER_HEADERS), ["1", "张三", "书记", "临海市", "类别", str(limit), "否", ""]]
    roster = read_roster(cells, default_category="类别")
    assert not roster.clean
    assert any("时限" in str(p) for p in roster.problems)
