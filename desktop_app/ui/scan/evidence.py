"""The stored scan of a stored ballot, with the stored reading drawn on it: what the audit
sample (抽样核对) shows beside the serial, so scrutineers compare paper, image and record."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlmodel import Session

from desktop_app.domain.ballot_layout import ballot_layout
from desktop_app.domain.serials import serial_key
from desktop_app.store import scans
from desktop_app.ui.entry.desk import BallotDesk
from desktop_app.ui.scan.review import PageView, reading_overlays


class ScanEvidence(QWidget):
    """Shows the scan of one serial (or says it was not scanned)."""

    def __init__(self, desk: BallotDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.view = PageView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)

    def show_serial(self, serial: str) -> bool:
        """True when the serial was scanned and its page is shown."""
        meeting_id = self.desk.meeting_id

        def stored(session: Session) -> tuple[scans.StoredPage | None, bytes]:
            page = scans.page_for_serial(session, meeting_id, serial)
            return page, scans.page_image(session, page.id) if page is not None else b""

        page, data = self.desk.read(stored)
        record = next(
            (r for r in self.desk.records() if serial_key(r.serial) == serial_key(serial)), None
        )
        if page is None or record is None:
            self.caption.setText(self.tr("票号 {serial} 不是扫描录入的").format(serial=serial))
            self.view.show_page(QImage(), [])
            return False
        image = QImage()
        image.loadFromData(data)
        marks = {t: record.ballot.ticks(t) for t in self.desk.meeting.targets}
        overlays = reading_overlays(
            ballot_layout(self.desk.meeting), page.homography, marks, flagged=()
        )
        self.caption.setText(
            self.tr("票号 {serial}:扫描件 {page},绿色√为数据库中保存的结果").format(
                serial=record.serial, page=page.label
            )
        )
        self.view.show_page(image, overlays)
        return True
