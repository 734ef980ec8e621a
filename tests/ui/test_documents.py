"""The documents tab: generate, preview, save, print and open a PDF from the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.cli import REPORT_KINDS
from desktop_app.domain.speech_clock import TimerState
from desktop_app.publish import REPORTS, make_report, preview_report
from desktop_app.reports import ballot_papers, common
from desktop_app.store.records import add_comment
from desktop_app.ui.documents.screen import OUTDATED_BY
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.session import RUN

NOW = dt.datetime(2021, 1, 20, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def documents_window(window: MainWindow, qtbot: QtBot) -> MainWindow:
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000):
        window.demo_action.trigger()
    window.meeting_page.tabs.setCurrentWidget(window.meeting_page.documents)
    return window


def choose(window: MainWindow, qtbot: QtBot, title: str) -> None:
    panel = window.meeting_page.documents
    item = panel.kinds.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    with qtbot.waitSignal(panel.document_ready, timeout=30_000):
        panel.kinds.itemClicked.emit(item)


def test_result_sheet_preview_save_and_print(
    documents_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = documents_window.meeting_page.documents
    assert not panel.print_button.isEnabled()
    choose(documents_window, qtbot, "评议结果汇总表")
    assert panel.document.pageCount() == 2
    assert "南溪县" in panel.document.getAllText(0).text()
    assert panel.print_button.isEnabled() and panel.save_button.isEnabled()
    assert "共 2 页" in panel.status.text()

    saved = tmp_path / "结果.pdf"
    panel.save_to(saved)
    assert saved.read_bytes() == panel.pdf_bytes

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert panel.print_to(printer) == 2
    copy = QPdfDocument()
    copy.load(str(printed))
    assert copy.pageCount() == 2
    size = copy.pagePointSize(0)
    assert size.width() > size.height()  # the landscape sheet prints landscape


def test_blank_ballots_and_the_system_viewer(
    documents_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    panel = documents_window.meeting_page.documents
    choose(documents_window, qtbot, "评议票")
    assert panel.document.pageCount() == 190
    path = panel.open_externally()
    assert path is not None and path.name == "评议票.pdf"
    assert opened == [QUrl.fromLocalFile(str(path))]
    assert path.read_bytes() == panel.pdf_bytes


def test_only_the_newest_request_is_shown(documents_window: MainWindow, qtbot: QtBot) -> None:
    panel = documents_window.meeting_page.documents
    shown: list[str] = []
    panel.document_ready.connect(shown.append)
    panel.generate("ballots")  # slow: 190 pages
    panel.generate("results")  # asked for last, so it is what must stay on screen
    qtbot.waitUntil(lambda: "results" in shown, timeout=30_000)
    panel.operations.wait()
    QApplication.processEvents()  # deliver the ballots document: it must not be shown
    assert not panel.operations._pending  # every callback has run
    assert shown == ["results"]
    assert panel.kind == "results" and panel.document.pageCount() == 2

    panel.generate("results")
    panel.set_meeting(panel.meeting_id or 0)  # another meeting opened meanwhile
    panel.operations.wait()
    QApplication.processEvents()
    assert not panel.operations._pending
    assert shown == ["results"]
    assert not panel.print_button.isEnabled()


def test_printing_renders_at_a_bounded_resolution(
    documents_window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = documents_window.meeting_page.documents
    choose(documents_window, qtbot, "评议结果汇总表")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "p.pdf"))
    printer.setFromTo(2, 2)
    assert panel.print_to(printer) == 1
    copy = QPdfDocument()
    copy.load(str(tmp_path / "p.pdf"))
    assert copy.pageCount() == 1
    assert (tmp_path / "p.pdf").stat().st_size < 8_000_000


def test_a_document_is_built_in_a_worker_while_a_speech_runs(
    documents_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """reportlab never runs in the window's process (so it never holds the window's GIL),
    and the window handles the operator's keys while the document is being laid out."""
    page = documents_window.meeting_page
    panel, run = page.documents, page.run_screen
    built_here: list[object] = []
    # Only this process is patched, not the worker: reportlab must never be called here.
    monkeypatch.setattr(common, "build_pdf", lambda *a: built_here.append(a) or b"")
    monkeypatch.setattr(ballot_papers, "Canvas", lambda *a, **k: built_here.append(a))
    page.tabs.setCurrentWidget(run)
    run.go_to_item(0)  # 述职: the speeches item of the demo
    run.setFocus()
    run.speeches.toggle()
    assert run.ticker.isActive() and run.speeches.timer is not None
    pressed_while_building: list[tuple[int, int]] = []

    def key_during_layout(done: int, total: int, _text: str) -> None:
        if not pressed_while_building and 0 < done < total:
            pressed_while_building.append((done, total))
            # The operator pauses the speech, with the key, where the focus is.
            qtbot.keyClick(QApplication.focusWidget() or run, Qt.Key.Key_Space)

    monkeypatch.setattr(panel, "_progressed", key_during_layout)
    with qtbot.waitSignal(panel.document_ready, timeout=60_000):
        panel.generate("ballots")
        assert not panel.progress.isHidden() and not panel.cancel_button.isHidden()
    assert built_here == []
    assert pressed_while_building  # the key was handled mid-layout, not after
    assert run.speeches.timer.state() is TimerState.PAUSED
    assert panel.pdf_bytes and panel.document.pageCount() == 0  # hidden: not parsed yet
    page.tabs.setCurrentWidget(panel)
    assert panel.document.pageCount() == 190
    assert "共 190 页" in panel.status.text()
    assert "A-001" in panel.document.getAllText(0).text()
    assert "B-160" in panel.document.getAllText(189).text()  # 30 A, then 160 B
    assert panel.progress.isHidden() and panel.print_button.isEnabled()


def test_the_first_ballot_shows_before_the_whole_run_and_is_its_first_page(
    documents_window: MainWindow, qtbot: QtBot
) -> None:
    panel = documents_window.meeting_page.documents
    pages_seen: list[int] = []
    panel.document.statusChanged.connect(
        lambda status: (
            pages_seen.append(panel.document.pageCount())
            if status is QPdfDocument.Status.Ready
            else None
        )
    )
    with qtbot.waitSignal(panel.document_ready, timeout=60_000):
        panel.generate("ballots")
    assert pages_seen == [1, 190]  # the preview first, then the whole
    whole = panel.pdf_bytes
    preview = preview_report(panel.db, panel.meeting_id or 0, "ballots", now=NOW)
    assert preview is not None
    first = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(preview))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    first.load(buffer)
    assert first.pageCount() == 1  # the first ballot: one sheet in the seed meeting
    whole_document = QPdfDocument()
    whole_buffer = QBuffer()
    # The same document made at the same moment as the preview.
    whole_buffer.setData(
        QByteArray(make_report(panel.db, panel.meeting_id or 0, "ballots", now=NOW))
    )
    whole_buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    whole_document.load(whole_buffer)
    assert first.getAllText(0).text() == whole_document.getAllText(0).text()
    assert "A-001" in first.getAllText(0).text()
    assert whole.startswith(b"%PDF")


def test_a_document_can_be_cancelled(documents_window: MainWindow, qtbot: QtBot) -> None:
    panel = documents_window.meeting_page.documents
    shown: list[str] = []
    panel.document_ready.connect(shown.append)
    panel.generate("ballots")
    panel.cancel_button.click()
    assert not panel.progress.isVisible() and not panel.cancel_button.isVisible()
    assert "已取消" in panel.status.text() and not panel.print_button.isEnabled()
    choose(documents_window, qtbot, "评议结果汇总表")  # the pool goes on after a cancel
    assert shown == ["results"]


def test_a_document_made_before_the_meeting_changed_says_it_is_out_of_date(
    documents_window: MainWindow, qtbot: QtBot
) -> None:
    """A results sheet made, then a count corrected: the status line says to make it again
    before signing; a speech recorded (RUN) leaves the results sheet current."""
    page = documents_window.meeting_page
    panel, session = page.documents, page.session
    assert session is not None
    choose(documents_window, qtbot, "评议结果汇总表")
    assert not panel.outdated and "重新生成" not in panel.status.text()

    session.write(
        lambda s: add_comment(s, session.meeting_id, target=None, agenda_index=None, text="很好"),
        RUN,
    )
    assert not panel.outdated  # a comment is not on the results sheet

    code = session.meeting.ballot_types[0].code
    session.set_counts(code, issued=31, collected=30)
    assert panel.outdated
    assert "共 2 页" in panel.status.text() and "重新生成" in panel.status.text()
    assert panel.status.objectName() == "warning"

    choose(documents_window, qtbot, "评议结果汇总表")  # made again: current
    assert not panel.outdated and "重新生成" not in panel.status.text()
    assert panel.status.objectName() != "warning"
    session.set_counts(code, issued=32, collected=30)
    assert panel.status.objectName() == "warning"
    panel.set_meeting(session.meeting_id)  # as when another meeting is opened
    assert panel.status.text() == "在左侧选择要生成的文档。"
    assert panel.status.objectName() != "warning"


def test_a_document_made_while_hidden_is_not_shown_for_the_next_meeting(
    documents_window: MainWindow, qtbot: QtBot
) -> None:
    page = documents_window.meeting_page
    panel = page.documents
    choose(documents_window, qtbot, "主持词")
    page.tabs.setCurrentWidget(page.results)  # hidden: the next document waits unparsed
    with qtbot.waitSignal(panel.document_ready):
        panel.generate("results")
    assert panel._unloaded is not None
    first = page.session.meeting_id if page.session else None
    with qtbot.waitSignal(documents_window.meeting_opened):
        documents_window.demo_action.trigger()  # a second demo meeting
    assert page.session is not None and page.session.meeting_id != first
    page.tabs.setCurrentWidget(panel)
    assert panel.document.pageCount() == 0  # nothing of the previous meeting's
    assert panel.pdf_bytes == b"" and not panel.print_button.isEnabled()


def test_every_document_kind_is_known_to_the_window_and_the_command_line() -> None:
    """A new kind in publish.REPORTS needs its changes here and its name in the CLI."""
    assert set(OUTDATED_BY) == set(REPORTS) == set(REPORT_KINDS)
