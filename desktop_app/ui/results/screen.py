"""The results screen (计票结果): ballots issued, collected, entered, valid, void and blank
per type, and the provisional (or final) tally of every target, sortable by any column.

It listens to the meeting's session: any change but the run screen's records makes it stale,
and it recounts at once when on view, else when next shown.

Signals:
    warnings_changed(str): the tally's warnings, as one line ("" when there are none).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.domain.errors import DataError
from desktop_app.domain.tally import BallotSummary, Tally
from desktop_app.domain.text import QT_TRANSLATE_NOOP, translate
from desktop_app.store import entry as store
from desktop_app.store.entry import Finalisation
from desktop_app.ui.models import RowTableModel
from desktop_app.ui.results.columns import ResultRow, result_columns, result_rows
from desktop_app.ui.session import RUN, MeetingSession, listen
from desktop_app.ui.tables import read_only_table
from desktop_app.ui.terms import clauses


class ResultsScreen(QWidget):
    """The counts and the tally of the session's meeting; see the module docstring."""

    warnings_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: MeetingSession | None = None
        self.stale = False
        self.ballot_model: RowTableModel[tuple[str, BallotSummary]] = RowTableModel(
            (
                (QT_TRANSLATE_NOOP("Columns", "票种"), lambda r: r[0]),
                (
                    QT_TRANSLATE_NOOP("Columns", "发出"),
                    lambda r: "—" if r[1].issued is None else r[1].issued,
                ),
                (
                    QT_TRANSLATE_NOOP("Columns", "收回"),
                    lambda r: "—" if r[1].collected is None else r[1].collected,
                ),
                (QT_TRANSLATE_NOOP("Columns", "录入"), lambda r: r[1].entered),
                (QT_TRANSLATE_NOOP("Columns", "有效"), lambda r: r[1].valid),
                (QT_TRANSLATE_NOOP("Columns", "废票"), lambda r: r[1].void),
                (QT_TRANSLATE_NOOP("Columns", "空白"), lambda r: r[1].blank),
            ),
            self,
        )
        self.result_model: RowTableModel[ResultRow] = RowTableModel(result_columns(None), self)
        layout = QVBoxLayout(self)
        ballots = read_only_table(self.ballot_model, stretch=0)  # type: ignore[arg-type]
        ballots.setMaximumHeight(ballots.verticalHeader().defaultSectionSize() * 4 + 8)
        layout.addWidget(QLabel(self.tr("票数(发出、收回、录入、有效、废票、空白)")))
        layout.addWidget(ballots)
        self.result_status = QLabel()
        self.result_status.setObjectName("warning")
        self.result_status.setWordWrap(True)
        self.result_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.result_status)
        self.result_view = read_only_table(self.result_model, stretch=None, sortable=True)  # type: ignore[arg-type]
        layout.addWidget(self.result_view, 1)

    def set_session(self, session: MeetingSession) -> None:
        """Count the session's meeting now, and again after every change to it."""
        self.session = listen(self.session, session, self._session_changed)
        self.refresh()

    def _session_changed(self, what: str) -> None:
        if what == RUN:  # timer presses and comments count for nothing here
            return
        self.stale = True
        if self.isVisible():
            self._refresh_if_answering()

    def showEvent(self, event: QShowEvent) -> None:
        if self.stale:
            self._refresh_if_answering()
        super().showEvent(event)

    def _refresh_if_answering(self) -> None:
        try:
            self.refresh()
        except DataError:  # the database is not answering; recounted when shown again
            self.stale = True

    def refresh(self) -> None:
        """Recount from the database and show it."""
        session = self.session
        if session is None:
            return
        tally = session.tally()
        finalised = session.read(lambda s: store.finalisation(s, session.meeting_id))
        self._show(session, tally, finalised)

    def _show(self, session: MeetingSession, tally: Tally, finalised: Finalisation | None) -> None:
        self.stale = False
        warnings = tally.warnings(translate)
        self.warnings_changed.emit(
            self.tr("【警告】{warnings}").format(warnings=clauses(warnings)) if warnings else ""
        )
        self.ballot_model.set_rows(list(tally.ballots.items()))
        self.result_model.set_columns(result_columns(session.meeting, tally.score_decimals()))
        self.result_model.set_rows(result_rows(tally))
        if finalised is None:
            self.result_status.setText(
                self.tr("初步结果:评议票尚未定稿,仅供核对。按评议票顺序列出,点击列标题可排序。")
            )
            self.result_status.setObjectName("warning")
        else:
            self.result_status.setText(
                self.tr("已定稿({at})。评议票数据摘要 SHA-256:{digest}").format(
                    at=finalised.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    digest=finalised.digest,
                )
            )
            self.result_status.setObjectName("final")
        self.result_status.style().unpolish(self.result_status)
        self.result_status.style().polish(self.result_status)
