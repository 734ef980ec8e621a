"""The documents tab: generate, preview, save, print and open a PDF from the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.ui.main_window import MainWindow


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
