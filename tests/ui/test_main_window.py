"""The main window on a real SQLite file, driven as a user would."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.domain.ballot_csv import read_ballots_csv
from desktop_app.resources import CJK_FONT_FAMILY
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database
from desktop_app.store.meetings import list_meetings
from desktop_app.ui.main_window import MainWindow

DATA = Path(__file__).parents[1] / "data"


def test_empty_database_shows_a_hint(window: MainWindow) -> None:
    assert window.list_page.model.rowCount() == 0
    assert window.list_page.empty_hint.isVisible()
    assert "演示会议" in window.list_page.empty_hint.text()
    assert not window.list_page.open_button.isEnabled()


def test_load_demo_from_the_menu_opens_the_seed_meeting(
    window: MainWindow, qtbot: QtBot, db: Database
) -> None:
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000) as opened:
        window.demo_action.trigger()
    meeting_id = opened.args[0]

    assert window.pages.currentWidget() is window.meeting_page
    assert window.meeting_page.title.text() == "2020年度全市基层党建工作述职评议会议"
    assert window.meeting_page.agenda_model.rowCount() == 6
    assert window.meeting_page.speaker_model.rowCount() == 27
    results = window.meeting_page.results.result_model
    assert results.rowCount() == 27
    by_name = {results.row_at(r)[1].name: results.row_at(r)[1] for r in range(27)}
    assert by_name["南溪县"].rank == 1
    assert by_name["海州医科大学"].rank == 1
    ballots = dict(window.meeting_page.results.ballot_model.row_at(r) for r in range(2))
    assert (ballots["A"].entered, ballots["B"].entered) == (30, 148)
    assert not window.meeting_page.warning.isVisible()

    window.list_action.trigger()
    assert window.list_page.model.rowCount() == 1
    row = window.list_page.model.row_at(0)
    assert (row.id, row.ballots) == (meeting_id, 178)
    with db.session() as session:
        assert [m.id for m in list_meetings(session)] == [meeting_id]


def test_enter_on_the_list_opens_the_selected_meeting(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000):
        window.import_meeting(DATA / "seed-meeting.json")
    window.show_list()
    window.list_page.view.setFocus()
    window.list_page.view.setCurrentIndex(window.list_page.model.index(0, 0))
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000) as opened:
        qtbot.keyClick(window.list_page.view, Qt.Key.Key_Return)
    assert opened.args == [window.list_page.model.row_at(0).id]
    # No ballots yet: every target is unranked.
    results = window.meeting_page.results.result_model
    assert all(results.row_at(r)[1].rank is None for r in range(results.rowCount()))


def test_the_list_shows_ballots_entered_since_it_was_read(
    window: MainWindow, qtbot: QtBot, db: Database
) -> None:
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000):
        window.import_meeting(DATA / "seed-meeting.json")
    session = window.meeting_page.session
    assert session is not None
    ballots = read_ballots_csv((DATA / "seed-ballots.csv").read_text("utf-8"), session.meeting)
    session.write(lambda s: add_ballots(s, session.meeting_id, ballots[:3]), "ballots")
    window.show_list()
    assert window.list_page.model.row_at(0).ballots == 3


def test_a_bad_meeting_file_is_reported_and_nothing_is_stored(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    bad = tmp_path / "bad-meeting.json"
    bad.write_text('{"title": "x", "levels": [}', encoding="utf-8")
    window.import_meeting(bad)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error-box") is not None, timeout=20_000)
    box = window.findChild(QMessageBox, "error-box")
    assert "bad-meeting.json" in box.text()
    assert "第 1 行" in box.text() and "row" not in box.text()  # the window speaks Chinese
    box.close()
    assert window.demo_action.isEnabled()
    with db.session() as session:
        assert list_meetings(session) == []


def test_the_bundled_font_draws_chinese(app: QApplication) -> None:
    assert CJK_FONT_FAMILY in QFontDatabase.families()
    assert app.font().families()[0] == CJK_FONT_FAMILY
    metrics = QFontMetrics(app.font())
    for char in "述职评议会议好较好一般差0123456789ABC":
        assert metrics.inFontUcs4(ord(char)), char


def test_desktop_app_self_check_opens_the_window_on_the_named_database(tmp_path: Path) -> None:
    import subprocess
    import sys

    db_file = tmp_path / "window.sqlite3"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app.app", "--self-check", "--db", str(db_file)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert db_file.is_file()


def test_results_sort_by_a_click_on_a_header(
    window: MainWindow, qtbot: QtBot, qtmodeltester: object
) -> None:
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000):
        window.demo_action.trigger()
    page = window.meeting_page
    qtmodeltester.check(page.results.result_model)  # type: ignore[attr-defined]
    view = page.results.result_view
    proxy = view.model()

    def names() -> list[str]:
        return [proxy.index(r, 1).data() for r in range(proxy.rowCount())]

    assert names()[0] == "临海市"  # ballot order before any click
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    assert headers[6:12] == ["A·好", "A·较好", "A·一般", "A·差", "A·弃权", "A·得分"]
    assert headers[-1] == "B·得分"
    assert [proxy.index(0, c).data() for c in range(6, 12)] == ["7", "10", "5", "3", "2", "76.80"]
    view.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # 综合得分, highest first
    assert names()[:2] == ["海州医科大学", "南溪县"]  # 84.107 and 84.090
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # 名次
    ranks = [proxy.index(r, 2).data() for r in range(proxy.rowCount())]
    assert ranks[:2] == ["1", "1"]  # the first of each category
    numbers = [int(r.split()[0]) for r in ranks]
    assert numbers == sorted(numbers)


def test_results_tab_rounds_half_up_and_shows_collected(
    window: MainWindow, qtbot: QtBot, db: Database
) -> None:
    """The window prints 83.125 as 83.13 and 6.25% as 6.3%, as the PDFs and the workbook."""
    from desktop_app.domain.ballots import Ballot
    from desktop_app.domain.meeting import BallotType, Category, Level, Meeting
    from desktop_app.store.ballots import add_ballots
    from desktop_app.store.meetings import save_meeting

    meeting = Meeting(
        title="半数舍入检验会议",
        date=None,
        venue="",
        agenda=(),
        speakers=(),
        levels=(Level("好", 100), Level("较好", 85), Level("一般", 60)),
        categories=(Category("县区", ("甲县", "乙县")),),
        ballot_types=(BallotType("A", "A票", 1.0, 16, 15),),
    )
    marks = ["好"] * 8 + ["较好"] * 2 + ["一般"] * 6
    ballots = [
        Ballot(f"A-{i + 1}", "A", {"甲县": (m,), "乙县": ("好" if i == 0 else "一般",)})
        for i, m in enumerate(marks)
    ]
    with db.session() as session:
        meeting_id = save_meeting(session, meeting)
        add_ballots(session, meeting_id, ballots)
        session.commit()
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000):
        window.open_meeting(meeting_id)
    page = window.meeting_page
    model = page.results.result_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    rows = {
        model.data(model.index(r, headers.index("评议对象"))): r for r in range(model.rowCount())
    }
    score = headers.index("综合得分")
    good = headers.index("好评率")
    assert model.data(model.index(rows["甲县"], score)) == "83.13"
    assert model.data(model.index(rows["乙县"], good)) == "6.3%"
    ballot_headers = [
        page.results.ballot_model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(page.results.ballot_model.columnCount())
    ]
    collected = ballot_headers.index("收回")
    assert page.results.ballot_model.data(page.results.ballot_model.index(0, collected)) == "15"
    # 16 entered, 15 collected: the loud warning.
    assert page.warning.isVisible() and "多于收回" in page.warning.text()
