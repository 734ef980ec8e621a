"""The main window on a real SQLite file, driven as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.resources import CJK_FONT_FAMILY
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
    results = window.meeting_page.result_model
    assert results.rowCount() == 27
    by_name = {results.row_at(r)[1].name: results.row_at(r)[1] for r in range(27)}
    assert by_name["南溪县"].rank == 1
    assert by_name["海州医科大学"].rank == 1
    ballots = dict(window.meeting_page.ballot_model.row_at(r) for r in range(2))
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
    with qtbot.waitSignal(window.meeting_opened) as opened:
        qtbot.keyClick(window.list_page.view, Qt.Key.Key_Return)
    assert opened.args == [window.list_page.model.row_at(0).id]
    # No ballots yet: every target is unranked.
    results = window.meeting_page.result_model
    assert all(results.row_at(r)[1].rank is None for r in range(results.rowCount()))


def test_a_bad_meeting_file_is_reported_and_nothing_is_stored(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, db: Database
) -> None:
    bad = tmp_path / "bad-meeting.json"
    bad.write_text('{"title": "x", "levels": [}', encoding="utf-8")
    window.import_meeting(bad)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error-box") is not None, timeout=20_000)
    box = window.findChild(QMessageBox, "error-box")
    assert "bad-meeting.json" in box.text()
    assert "row 1" in box.text()
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


def test_desktop_app_entry_point_opens_the_window_on_the_named_database(
    app: QApplication, tmp_path: Path
) -> None:
    from PySide6.QtCore import QTimer

    from desktop_app import app as app_module

    seen: list[str] = []

    def look_and_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend(w.windowTitle() for w in windows if w.isVisible())
        for w in windows:
            w.close()
        QApplication.quit()

    QTimer.singleShot(0, look_and_quit)
    code = app_module.main(["desktop-app", "--db", str(tmp_path / "window.sqlite3")])
    assert code == 0
    assert seen == ["述职评议会议助手"]
    assert (tmp_path / "window.sqlite3").is_file()
