"""The result sheet and the blank ballots, read back with QtPdf."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.digest import ballot_digest
from desktop_app.domain.meeting import BallotType, Category, Meeting
from desktop_app.domain.tally import tally
from desktop_app.reports.common import DocumentInfo, frame_width
from desktop_app.reports.results import KIND_TITLE, category_column_widths, results_pdf
from tests.reports.conftest import ReadPdf

NOW = dt.datetime(2021, 1, 20, 16, 30)
ROOT = Path(__file__).parents[2]


def big_meeting(seed: Meeting) -> Meeting:
    """60 units in 2 categories and 3 ballot types."""
    categories = (
        Category(
            "县(市、区)、开发区(管理区)、市直系统",
            tuple(f"第{i:02d}县区单位" for i in range(45)),
            {"好": 22},
        ),
        Category(
            "省市属高校及其他",
            tuple(f"第{i:02d}所高等院校名称较长的单位" for i in range(15)),
            {"好": 7},
        ),
    )
    types = (
        BallotType("A", "A票", 0.3, 30),
        BallotType("B", "B票", 0.3, 100),
        BallotType("C", "C票", 0.4, 200),
    )
    return replace(seed, categories=categories, ballot_types=types, speakers=())


def assert_embeds_font(data: bytes) -> None:
    assert b"/FontFile2" in data  # TrueType program embedded
    assert b"WenQuanYiMicroHei" in data
    assert b"/BaseFont /Helvetica" not in data or b"/FontFile2" in data


def test_result_sheet_of_the_seed(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    digest = ballot_digest(seed_meeting, seed_ballots)
    data = results_pdf(
        seed_meeting, tally(seed_meeting, seed_ballots), generated_at=NOW, digest=digest
    )
    pdf = read_pdf(data)
    assert pdf.page_count == 2
    for target in seed_meeting.targets:
        assert target in pdf.text, target
    assert KIND_TITLE in pdf.pages[0]
    assert "第 1 页 / 共 2 页" in pdf.pages[0]
    assert "第 2 页 / 共 2 页" in pdf.pages[1]
    assert digest in "".join(pdf.pages[1].split())
    assert "生成时间 2021-01-20 16:30" in pdf.pages[0]
    assert "计票人" in pdf.text and "监票人" in pdf.text
    # 南溪县 ranks first with a combined 84.09, as the tally says.
    assert "1 南溪县" in pdf.pages[0]
    assert "84.09" in pdf.pages[0]
    assert_embeds_font(data)
    assert data[:5] == b"%PDF-"


def test_the_same_input_gives_the_same_bytes(
    seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    result = tally(seed_meeting, seed_ballots)
    first = results_pdf(seed_meeting, result, generated_at=NOW, digest="x")
    assert first == results_pdf(seed_meeting, result, generated_at=NOW, digest="x")
    assert first != results_pdf(seed_meeting, result, generated_at=NOW, digest="y")


def test_over_issued_ballots_are_warned_on_the_sheet(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    meeting = replace(
        seed_meeting,
        ballot_types=(
            replace(seed_meeting.ballot_types[0], issued=20),
            seed_meeting.ballot_types[1],
        ),
    )
    pdf = read_pdf(
        results_pdf(meeting, tally(meeting, seed_ballots), generated_at=NOW, digest=None)
    )
    assert "A票录入30张,多于发出的20张" in pdf.flat


@pytest.mark.parametrize("landscape", [True])
def test_no_table_is_wider_than_the_page(seed_meeting: Meeting, landscape: bool) -> None:
    for meeting in (seed_meeting, big_meeting(seed_meeting)):
        info = DocumentInfo(KIND_TITLE, meeting, NOW, landscape=landscape)
        widths = category_column_widths(meeting, frame_width(info))
        assert sum(widths) == pytest.approx(frame_width(info))
        assert min(widths) > 20  # points: room for "100.0%" at the small size


def test_sixty_targets_and_three_ballot_types_lay_out(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting
) -> None:
    meeting = big_meeting(seed_meeting)
    ballots = [
        Ballot(
            f"{code}-{i}",
            code,
            {
                t: (meeting.level_labels[(i + j) % 4],)
                for j, t in enumerate(meeting.targets)
                if j % 7
            },
        )
        for code in ("A", "B", "C")
        for i in range(10)
    ]
    pdf = read_pdf(results_pdf(meeting, tally(meeting, ballots), generated_at=NOW, digest=None))
    assert pdf.page_count >= 2
    for target in meeting.targets:
        assert target in pdf.flat, target
    assert "C票(权重0.4)" in pdf.flat


def test_report_command_writes_a_pdf(tmp_path: Path, read_pdf: Callable[[bytes], ReadPdf]) -> None:
    db = tmp_path / "r.sqlite3"
    run = [sys.executable, "-m", "desktop_app.cli", "--db", str(db)]
    demo = subprocess.run([*run, "demo"], capture_output=True, text=True, check=True, cwd=ROOT)
    meeting_id = demo.stdout.strip()
    out = tmp_path / "结果.pdf"
    done = subprocess.run(
        [*run, "report", meeting_id, "results", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "南溪县" in read_pdf(out.read_bytes()).text
    bad = subprocess.run(
        [*run, "report", meeting_id, "nonsense", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert bad.returncode == 2
    missing = subprocess.run(
        [*run, "report", "99", "results", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert missing.returncode == 1
    assert "99" in missing.stderr


def test_cli_report_kinds_match_the_documents_the_app_makes() -> None:
    from desktop_app.cli import REPORT_KINDS
    from desktop_app.publish import REPORTS

    assert set(REPORT_KINDS) == set(REPORTS)


def test_a_long_meeting_title_is_cut_short_in_the_running_header(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting
) -> None:
    from desktop_app.reports.host_script import host_script_pdf

    title = (
        "中共某某市委员会关于二〇二〇年度全市各县(市、区)、开发区(管理区)、"
        "市直系统和省市属高校党委(党组)书记抓基层党建工作述职评议会议"
    )
    pdf = read_pdf(host_script_pdf(replace(seed_meeting, title=title), generated_at=NOW))
    size = pdf.document.pagePointSize(1)
    for polygon in pdf.document.getAllText(1).bounds():
        assert polygon.boundingRect().right() <= size.width() + 0.5
    assert "…" in pdf.pages[1]
    assert "主持词" in pdf.pages[1]
