"""The documents screen: choose a document, preview it (QtPdf), print it, save it, open it.

The PDF is made by ``desktop_app.publish`` (the same bytes the command line writes) in a
worker process, so the GUI's interpreter (and the speech clock on the projector) never
waits for reportlab; a progress bar follows the layout and the job can be cancelled. A long
document (the blank ballots, a page per issued ballot) shows its first page at once, made
by a quick job of its own, while the whole is built. It is shown in a QPdfView and printed
by rendering each page of the QPdfDocument at the printer's resolution.

A document made before the meeting's data changed (ballots typed since, a count corrected,
a speech recorded) says so on the status line, so an outdated sheet is not printed for
signing unawares.

Signals:
    document_ready(str): a document kind has been generated (and is showing, or will be as
        soon as the tab is: a hidden panel does not parse a PDF, which for 400 pages would
        hold the GUI thread, and the projector's clock, for a tenth of a second).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DataError
from desktop_app.files import write_bytes
from desktop_app.publish import PREVIEWED, REPORTS, make_report, preview_at, report_at
from desktop_app.store.database import Database
from desktop_app.ui.errors import report_failure
from desktop_app.ui.operations import Operations, worker_url
from desktop_app.ui.session import (
    BALLOTS,
    COUNTS,
    ELSEWHERE,
    FINALISED,
    MEETING,
    RUN,
    MeetingSession,
    listen,
)
from desktop_app.ui.terms import term
from desktop_app.workers import Job

if TYPE_CHECKING:  # loaded when the preview is first needed: start-up time (issue 17)
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

PRINT_DPI = 300
# What a worker loads before its first document (publish imports the reports only then).
# Which of the session's changes (ui/session.py) make a document already made out of date.
OUTDATED_BY: dict[str, frozenset[str]] = {
    "results": frozenset({MEETING, BALLOTS, COUNTS, FINALISED, ELSEWHERE}),
    "ballots": frozenset({MEETING, COUNTS, ELSEWHERE}),
    "feedback": frozenset({MEETING, BALLOTS, COUNTS, FINALISED, RUN, ELSEWHERE}),
    "minutes": frozenset({MEETING, BALLOTS, COUNTS, FINALISED, RUN, ELSEWHERE}),
    "script": frozenset({MEETING, ELSEWHERE}),
}

WORKER_PRELOAD = ("desktop_app.publish:load_reports", "desktop_app.reports.fonts:register_fonts")


class DocumentsScreen(QWidget):
    """Preview, print and save the meeting's PDF documents."""

    document_ready = Signal(str)

    def __init__(self, db: Database, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.operations = operations
        self.meeting_id: int | None = None
        self.kind: str | None = None
        self.pdf_bytes = b""
        self._buffer: QBuffer | None = None
        self._request = 0  # only the newest request's document is shown
        self._jobs: list[Job] = []
        self._unloaded: bytes | None = None  # to load into the preview when shown
        self._session: MeetingSession | None = None
        self.outdated = False  # the document shown was made before the meeting changed

        self.kinds = QListWidget()
        for kind, (title, _maker) in REPORTS.items():
            item = QListWidgetItem(term(title))
            item.setToolTip(title)  # the document itself is always Chinese
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.kinds.addItem(item)
        self.kinds.setMaximumWidth(180)
        self.kinds.setSpacing(4)
        # One signal only: a click and an activation together would generate twice.
        self.kinds.itemClicked.connect(self._kind_chosen)

        self._document: QPdfDocument | None = None
        self.view: QPdfView | None = None  # built when the panel is first shown
        self.status = QLabel(self.tr("在左侧选择要生成的文档。"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()

        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button = QPushButton(self.tr("另存为…"))
        self.save_button.clicked.connect(self.save_with_dialog)
        self.open_button = QPushButton(self.tr("用系统查看器打开"))
        self.open_button.clicked.connect(self.open_externally)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_with_dialog)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_with_dialog)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.cancel_button)
        for button in (self.open_button, self.save_button, self.print_button):
            buttons.addWidget(button)
        self._right = QVBoxLayout()
        self._right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.kinds)
        layout.addLayout(self._right, 1)
        self._set_ready(False)

    @property
    def document(self) -> QPdfDocument:
        """The PDF in the preview, made at its first use: QtPdf is not loaded at start."""
        if self._document is None:
            from PySide6.QtPdf import QPdfDocument

            self._document = QPdfDocument(self)
        return self._document

    def _build_view(self) -> None:
        if self.view is not None:
            return
        from PySide6.QtPdfWidgets import QPdfView  # at first show: start-up time (issue 17)

        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._right.addWidget(self.view, 1)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self._build_view()
        self._load_pending()
        # Start a worker now, while the operator chooses: the first document then waits
        # for no process to start and no reportlab to load (publish imports it lazily).
        if worker_url(self.db) is not None:
            self.operations.pool.warm(WORKER_PRELOAD)

    def set_session(self, session: MeetingSession) -> None:
        """The session's meeting. Its documents are made by background jobs, each with its
        own connection to ``db`` (a worker process cannot share the window's), so the panel
        reads nothing through the session itself; it listens to it to tell when a document
        shown has gone out of date."""
        self._session = listen(self._session, session, self._meeting_changed)
        self.set_meeting(session.meeting_id)

    def _meeting_changed(self, what: str) -> None:
        if self.pdf_bytes and self.kind is not None and what in OUTDATED_BY[self.kind]:
            self.outdated = True
            self._say_pages(self.kind)

    def set_meeting(self, meeting_id: int) -> None:
        self._stop_jobs()
        self._request += 1  # a document still being made is for the previous meeting
        self.meeting_id = meeting_id
        self.kind = None
        self.pdf_bytes = b""
        self.outdated = False
        self._unloaded = None  # a document made while hidden is the previous meeting's
        if self._document is not None:
            self._document.close()
        self._set_ready(False)
        self._say(self.tr("在左侧选择要生成的文档。"))

    def _set_ready(self, ready: bool) -> None:
        for button in (self.print_button, self.save_button, self.open_button):
            button.setEnabled(ready)

    def _kind_chosen(self, item: QListWidgetItem) -> None:
        self.generate(str(item.data(Qt.ItemDataRole.UserRole)))

    def generate(self, kind: str) -> None:
        """Make the document in a worker process (a long one: its first page first), then
        show it. A document still being made for an earlier request is abandoned."""
        if self.meeting_id is None:
            return
        self._stop_jobs()
        meeting_id = self.meeting_id
        self._request += 1
        request = self._request
        self.pdf_bytes = b""  # printing and saving wait for the new document
        self._set_ready(False)
        self._say(self.tr("正在生成 {title}…").format(title=term(REPORTS[kind][0])))
        self.progress.setRange(0, 0)  # busy until the layout reports
        self.progress.show()
        self.cancel_button.show()

        def current(callback: Callable[..., None]) -> Callable[..., None]:
            def call(*args: Any) -> None:
                if request == self._request:
                    callback(*args)

            return call

        url = worker_url(self.db)
        if url is None:  # an in-memory database: only this process can read it
            self.operations.run(
                lambda: make_report(self.db, meeting_id, kind),
                current(lambda data: self._show(kind, data)),
                current(self._failed),
            )
            return
        now = dt.datetime.now().astimezone()  # the preview's page is the document's page 1
        if kind in PREVIEWED:
            self._jobs.append(
                self.operations.run_in_process(
                    preview_at,
                    (url, meeting_id, kind, now),
                    current(lambda data: self._preview(kind, data)),
                    lambda _exc: None,  # the whole document's job reports the same error
                )
            )
        self._jobs.append(
            self.operations.run_in_process(
                report_at,
                (url, meeting_id, kind, now),
                current(lambda data: self._show(kind, data)),
                current(self._failed),
                on_progress=current(self._progressed),
            )
        )

    def cancel(self) -> None:
        """Stop making the document (the cancel button)."""
        if self._jobs:
            self._stop_jobs()
            self._request += 1
            self._say(self.tr("已取消"))

    def _stop_jobs(self) -> None:
        for job in self._jobs:
            job.cancel()
        self._jobs = []
        self._idle()

    def _idle(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    def _progressed(self, done: int, total: int, _text: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _load(self, data: bytes) -> None:
        """Into the preview now, or when the panel is next shown."""
        if self.isVisible():
            self._parse(data)
        else:
            self._unloaded = data

    def _parse(self, data: bytes) -> None:
        self._unloaded = None
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer

    def _load_pending(self) -> None:
        if self._unloaded is not None:
            self._load(self._unloaded)
            if self.pdf_bytes and self.kind is not None:
                self._say_pages(self.kind)

    def _say_pages(self, kind: str) -> None:
        title = term(REPORTS[kind][0])
        pages = self.tr("{title}:共 {pages} 页").format(
            title=title, pages=self.document.pageCount()
        )
        if self.outdated:
            pages += self.tr("。生成后会议数据已有变化,打印、签字前请重新生成。")
        self._say(pages, warning=self.outdated)

    def _say(self, text: str, *, warning: bool = False) -> None:
        self.status.setText(text)
        if (self.status.objectName() == "warning") != warning:
            self.status.setObjectName("warning" if warning else "")
            self.status.style().unpolish(self.status)
            self.status.style().polish(self.status)

    def _preview(self, kind: str, data: bytes | None) -> None:
        if data is None or not self._jobs:
            return  # nothing to preview, or the whole document is already there
        self._load(data)
        self._say(
            self.tr("{title}:正在生成全部页面,先显示第 1 页…").format(title=term(REPORTS[kind][0]))
        )

    def _show(self, kind: str, data: bytes) -> None:
        self._jobs = []
        self._idle()
        self.kind = kind
        self.pdf_bytes = data
        self.outdated = False
        self._load(data)
        self._set_ready(True)
        self._say_pages(kind)  # (a hidden panel says it again once it has loaded it)
        self.document_ready.emit(kind)

    def _failed(self, exc: Exception) -> None:
        self._jobs = []
        self._idle()
        self._say(self.tr("生成失败"))
        report_failure(self, self.tr("生成失败"), exc)

    def suggested_name(self) -> str:
        title = REPORTS[self.kind][0] if self.kind else "文档"  # data: a file name
        return f"{title}.pdf"

    # --- output ---------------------------------------------------------------------------

    def save_to(self, path: Path) -> None:
        write_bytes(path, self.pdf_bytes)
        self._say(self.tr("已保存到 {path}").format(path=path))

    def save_with_dialog(self) -> None:
        if not self.pdf_bytes:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存为"), self.suggested_name(), self.tr("PDF 文件 (*.pdf)")
        )
        if name:
            try:
                self.save_to(Path(name))
            except Exception as exc:
                report_failure(self, self.tr("保存失败"), exc)

    def open_externally(self) -> Path | None:
        """Write a temporary copy and hand it to the system's PDF viewer."""
        if not self.pdf_bytes:
            return None
        try:
            folder = Path(tempfile.mkdtemp(prefix="desktop-app-"))
            path = folder / self.suggested_name()
            write_bytes(path, self.pdf_bytes)
        except Exception as exc:
            report_failure(self, self.tr("无法打开"), exc)
            return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def print_with_dialog(self) -> None:
        if not self.pdf_bytes:
            return
        self._load_pending()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            try:
                self._say(self.tr("已打印 {pages} 页").format(pages=self.print_to(printer)))
            except Exception as exc:
                report_failure(self, self.tr("打印失败"), exc)

    def print_to(self, printer: QPrinter) -> int:
        """Render every page (or the chosen range) onto the printer; returns pages printed."""
        if self._unloaded is not None:  # made while the tab was hidden: parse it now
            self._parse(self._unloaded)
        first, last = 1, self.document.pageCount()
        if printer.fromPage() > 0:
            first, last = printer.fromPage(), min(printer.toPage(), last)
        first_size = self.document.pagePointSize(first - 1)
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if first_size.width() > first_size.height()
            else QPageLayout.Orientation.Portrait
        )
        painter = QPainter()
        if not painter.begin(printer):
            raise DataError(self.tr("无法开始打印"))
        printed = 0
        try:
            for number in range(first, last + 1):
                if printed:
                    printer.newPage()
                target = painter.viewport()
                size = self.document.pagePointSize(number - 1)
                scale = min(target.width() / size.width(), target.height() / size.height())
                width, height = int(size.width() * scale), int(size.height() * scale)
                # Render at most at PRINT_DPI: a 1200 dpi printer would otherwise need a
                # gigabyte per page; the image is scaled up into the page rectangle.
                dpi_scale = min(1.0, PRINT_DPI / max(printer.resolution(), 1))
                image = self.document.render(
                    number - 1, QSize(int(width * dpi_scale), int(height * dpi_scale))
                )
                if image.isNull():
                    raise DataError(self.tr("第 {page} 页无法生成打印图像").format(page=number))
                painter.drawImage(QRect(target.x(), target.y(), width, height), image)
                printed += 1
        finally:
            painter.end()
        return printed
