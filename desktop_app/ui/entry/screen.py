"""The ballots screen (评议票录入): ballot entry, scan review and the ballot list, three panels
over one desk."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_app.domain.ballots import Ballot
from desktop_app.store.database import Database
from desktop_app.ui.entry.ballot_list import BallotListPanel
from desktop_app.ui.entry.desk import BallotDesk
from desktop_app.ui.entry.panel import EntryPanel
from desktop_app.ui.scan import ScanReviewPanel
from desktop_app.ui.session import MEETING, MeetingSession, listen, open_own_session


class BallotsScreen(QWidget):
    """Entry, scan review and the ballot list of the meeting of one :class:`MeetingSession`.

    ``db`` and ``station`` serve :meth:`set_meeting` only (the page used on its own)."""

    def __init__(self, db: Database, *, station: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.station = station
        self.session: MeetingSession | None = None
        self.desk = BallotDesk(parent=self)
        self.entry = EntryPanel(self.desk)
        self.ballot_list = BallotListPanel(self.desk)
        self.ballot_list.edit_requested.connect(self.edit)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.entry, self.tr("逐张录入"))
        self.scan_review = ScanReviewPanel(self.desk)
        self.scan_review.saved.connect(self._scan_saved)
        self.tabs.addTab(self.scan_review, self.tr("扫描核对"))
        self.tabs.addTab(self.ballot_list, self.tr("票据列表与定稿"))
        self._shown = 0
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def set_session(self, session: MeetingSession) -> None:
        """Show the session's meeting, on the entry tab."""
        self.session = listen(self.session, session, self._session_changed)
        self.desk.set_session(session)
        self._build()
        self.show_entry()

    def set_meeting(self, meeting_id: int) -> None:
        """The page on its own (no main window): a session of its own on ``meeting_id``."""
        self.set_session(open_own_session(self, self.db, meeting_id, station=self.station))

    def _build(self) -> None:
        self.entry.set_meeting()
        self.ballot_list.set_meeting()
        self.scan_review.set_meeting()

    def _session_changed(self, what: str) -> None:
        if what == MEETING:  # a new definition (setup saved): the sheets follow it
            self._build()

    def show_entry(self) -> None:
        self.tabs.setCurrentWidget(self.entry)
        self.entry.setFocus()

    def key_rows(self) -> list[tuple[str, str]]:
        """The keys of the tab on view, for the shortcut sheet (F1)."""
        if self.tabs.currentWidget() is self.entry:
            return self.entry.key_rows()
        return [
            (self.tr("删除选中的票"), "Delete"),
            (self.tr("撤销 / 重做"), "Ctrl+Z / Ctrl+Shift+Z"),
            (self.tr("按票号查找"), "Ctrl+F"),
        ]

    def settle_unsaved(self) -> bool:
        """Before leaving (another tab, another meeting, quitting): see EntryPanel."""
        return self.entry.settle_unsaved()

    def edit(self, ballot: Ballot, pass_no: int | None) -> None:
        if not self.settle_unsaved():
            return
        self.tabs.setCurrentWidget(self.entry)
        self.entry.edit(ballot, pass_no)

    def _scan_saved(self, _serial: str) -> None:
        self.ballot_list.set_meeting()

    def _tab_changed(self, index: int) -> None:
        leaving_entry = self._shown == self.tabs.indexOf(self.entry) and index != self._shown
        if leaving_entry and not self.settle_unsaved():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._shown)
            self.tabs.blockSignals(False)
            return
        self._shown = index
        if index == self.tabs.indexOf(self.entry):
            self.entry.setFocus()
        elif index == self.tabs.indexOf(self.scan_review):
            self.scan_review.reload()
