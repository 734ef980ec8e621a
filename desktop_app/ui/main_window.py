"""The main window: the list of meetings on the open database, and one meeting opened.

Signals:
    meetings_changed(): the meeting list was reloaded (after start-up, an import or the demo).
    meeting_opened(int): a meeting's overview is showing; carries the meeting id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import AGENDA_KIND_NAMES, DEFAULT_SPEECH_LIMIT_S, Meeting
from desktop_app.domain.tally import BallotSummary, Tally
from desktop_app.domain.text import QT_TRANSLATE_NOOP, translate
from desktop_app.store.by_url import import_meeting_at, load_demo_at
from desktop_app.store.database import Database
from desktop_app.store.meetings import MeetingSummary, list_meetings, load_meeting
from desktop_app.store.tally_sql import tally_meeting
from desktop_app.store.transfer import import_meeting_file, load_demo
from desktop_app.ui.connection import ConnectionDialog
from desktop_app.ui.documents import DocumentsPanel
from desktop_app.ui.entry import BallotsPage
from desktop_app.ui.models import SORT_ROLE, RowTableModel
from desktop_app.ui.operations import Operations, worker_url
from desktop_app.ui.result_columns import ResultRow, result_columns, result_rows
from desktop_app.ui.run import RunScreen
from desktop_app.ui.run.shortcuts import ShortcutSheet, action_rows
from desktop_app.ui.settings import SettingsDialog
from desktop_app.ui.setup import SetupPage, new_meeting
from desktop_app.ui.terms import app_title, clauses, error_text, term

LAST_MEETING_KEY = "session/last_meeting"
LAST_TAB_KEY = "session/last_tab"
GEOMETRY_KEY = "window/geometry"
GEOMETRY_SAVE_MS = 500
WINDOW_STATE_KEY = "window/state"

# The libraries the program is built with (About box): name and licence.
LICENCES = (
    ("Qt 6 / PySide6", "LGPLv3"),
    ("SQLAlchemy", "MIT"),
    ("SQLModel", "MIT"),
    ("alembic", "MIT"),
    ("reportlab", "BSD"),
    ("openpyxl", "MIT"),
    ("psycopg 3", "LGPLv3"),
    ("platformdirs", "MIT"),
    ("Python", "PSF License"),
    ("文泉驿微米黑 WenQuanYi Micro Hei", "Apache-2.0"),  # data: a proper name
    ("文鼎 PL 简报宋 AR PL SungtiL GB", "Arphic Public License"),  # data: a proper name
)


def app_version() -> str:
    """The installed version (pyproject's), or 未知 when run from a bare copy."""
    try:
        return metadata.version("desktop-app")
    except metadata.PackageNotFoundError:
        return QCoreApplication.translate("MainWindow", "未知")


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _table(
    model: RowTableModel[object], stretch: int | None, *, sortable: bool = False
) -> QTableView:
    """A read-only, row-selecting table whose column ``stretch`` takes the spare width;
    ``sortable``: a click on a header sorts by that column's sort key."""
    view = QTableView()
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # ballot order until a click
    else:
        view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class MeetingListPage(QWidget):
    """The meetings on the database, newest first; Enter or double-click opens one."""

    open_requested = Signal(int)

    COLUMNS = (
        (QT_TRANSLATE_NOOP("Columns", "编号"), lambda m: m.id),
        (QT_TRANSLATE_NOOP("Columns", "日期"), lambda m: m.date),
        (QT_TRANSLATE_NOOP("Columns", "会议名称"), lambda m: m.title),
        (QT_TRANSLATE_NOOP("Columns", "地点"), lambda m: m.venue),
        (QT_TRANSLATE_NOOP("Columns", "已录入票数"), lambda m: m.ballots),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RowTableModel[MeetingSummary] = RowTableModel(self.COLUMNS, self)
        self.view = _table(self.model, stretch=2)  # type: ignore[arg-type]
        self.view.activated.connect(self._open_selected)
        self.empty_hint = QLabel(
            self.tr("还没有会议。可从“文件 → 载入演示会议”开始,或导入会议定义文件(JSON)。")
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.open_button = QPushButton(self.tr("打开会议"))
        self.open_button.clicked.connect(self._open_selected)
        heading = QLabel(self.tr("会议列表"))
        heading.setObjectName("heading")

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_hint)
        layout.addLayout(buttons)

    def set_meetings(self, meetings: list[MeetingSummary]) -> None:
        self.model.set_rows(meetings)
        self.empty_hint.setVisible(not meetings)
        self.open_button.setEnabled(bool(meetings))
        if meetings:
            self.view.selectRow(0)

    def _open_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if rows:
            self.open_requested.emit(self.model.row_at(rows[0].row()).id)


class MeetingPage(QWidget):
    """One meeting: its details, agenda and speakers, ballots entered and provisional results."""

    back_requested = Signal()

    def __init__(
        self,
        db: Database,
        operations: Operations,
        *,
        station: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.meeting_id: int | None = None
        self.results_stale = False
        self.documents = DocumentsPanel(db, operations)
        self.ballots = BallotsPage(db, station=station)
        self.ballots.desk.changed.connect(self._ballots_changed)
        self.run_screen = RunScreen(db, operations, station=station)
        self.setup = SetupPage(db, operations, station=station)
        self.title = QLabel()
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        back = QPushButton(self.tr("← 返回会议列表"))
        back.clicked.connect(self.back_requested)

        self.agenda_model: RowTableModel[tuple[int, str, str, str]] = RowTableModel(
            (
                (QT_TRANSLATE_NOOP("Columns", "序号"), lambda r: r[0]),
                (QT_TRANSLATE_NOOP("Columns", "议程"), lambda r: r[1]),
                (QT_TRANSLATE_NOOP("Columns", "类型"), lambda r: r[2]),
                (QT_TRANSLATE_NOOP("Columns", "时限/说明"), lambda r: r[3]),
            ),
            self,
        )
        self.speaker_model: RowTableModel[tuple[int, str, str, str, str]] = RowTableModel(
            (
                (QT_TRANSLATE_NOOP("Columns", "顺序"), lambda r: r[0]),
                (QT_TRANSLATE_NOOP("Columns", "姓名"), lambda r: r[1]),
                (QT_TRANSLATE_NOOP("Columns", "职务"), lambda r: r[2]),
                (QT_TRANSLATE_NOOP("Columns", "单位"), lambda r: r[3]),
                (QT_TRANSLATE_NOOP("Columns", "方式"), lambda r: r[4]),
            ),
            self,
        )
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
        tabs = QTabWidget()
        tabs.addTab(self.setup, self.tr("会议设置"))
        tabs.addTab(_table(self.agenda_model, stretch=3), self.tr("议程"))  # type: ignore[arg-type]
        tabs.addTab(_table(self.speaker_model, stretch=2), self.tr("述职人"))  # type: ignore[arg-type]
        results = QWidget()
        results_layout = QVBoxLayout(results)
        ballots = _table(self.ballot_model, stretch=0)  # type: ignore[arg-type]
        ballots.setMaximumHeight(ballots.verticalHeader().defaultSectionSize() * 4 + 8)
        results_layout.addWidget(QLabel(self.tr("票数(发出、收回、录入、有效、废票、空白)")))
        results_layout.addWidget(ballots)
        self.result_status = QLabel()
        self.result_status.setObjectName("warning")
        self.result_status.setWordWrap(True)
        self.result_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        results_layout.addWidget(self.result_status)
        self.result_view = _table(self.result_model, stretch=None, sortable=True)  # type: ignore[arg-type]
        results_layout.addWidget(self.result_view, 1)
        for widget, name in (
            (self.setup, "setup"),
            (self.run_screen, "run"),
            (self.ballots, "ballots"),
            (results, "results"),
            (self.documents, "documents"),
        ):
            widget.setObjectName(name)
        tabs.addTab(self.run_screen, self.tr("会议进行"))
        tabs.addTab(self.ballots, self.tr("评议票录入"))
        tabs.addTab(results, self.tr("计票结果"))
        tabs.addTab(self.documents, self.tr("文档与打印"))
        self.results_tab = results
        self.tabs = tabs
        self._tab_shown = 0
        tabs.currentChanged.connect(self._tab_changed)

        top = QHBoxLayout()
        top.addWidget(back)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.warning)
        layout.addWidget(tabs, 1)

    def settle_unsaved(self) -> bool:
        """Before leaving the meeting: a half-typed ballot or unsaved setup edits are saved or
        discarded as the user says, never lost."""
        return self.meeting_id is None or (
            self.ballots.settle_unsaved() and self.setup.settle_unsaved()
        )

    def _tab_changed(self, index: int) -> None:
        leaving = self.tabs.widget(self._tab_shown) if index != self._tab_shown else None
        guards = {self.ballots: self.ballots.settle_unsaved, self.setup: self.setup.settle_unsaved}
        if leaving in guards and not guards[leaving]():
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(self._tab_shown)
            self.tabs.blockSignals(False)
            return
        self._tab_shown = index
        # Running the meeting and typing ballots need the room: the meeting's details make way.
        self.details.setVisible(self.tabs.widget(index) not in (self.ballots, self.run_screen))
        self.title.setVisible(self.tabs.widget(index) is not self.run_screen)  # it has its own
        if self.tabs.widget(index) is self.ballots:
            self.ballots.refresh()  # counts issued/collected may have changed on the run screen
        if self.tabs.widget(index) is self.results_tab and self.results_stale:
            self.refresh_results()

    def _ballots_changed(self) -> None:
        self.results_stale = True
        if self.tabs.currentWidget() is self.results_tab:
            try:
                self.refresh_results()
            except DataError:  # the database is not answering; recounted when shown again
                self.results_stale = True

    def refresh_results(self) -> None:
        """Recount from the database (after ballots changed) and show it."""
        if self.meeting_id is None:
            return
        with self.db.session() as session:
            meeting = load_meeting(session, self.meeting_id)
            tally = tally_meeting(session, self.meeting_id)
        self._show_tally(meeting, tally)

    def _show_tally(self, meeting: Meeting, tally: Tally) -> None:
        self.results_stale = False
        warnings = tally.warnings(translate)
        self.warning.setText(
            self.tr("【警告】{warnings}").format(warnings=clauses(warnings)) if warnings else ""
        )
        self.warning.setVisible(bool(warnings))
        self.ballot_model.set_rows(list(tally.ballots.items()))
        self.result_model.set_columns(result_columns(meeting, tally.score_decimals()))
        self.result_model.set_rows(result_rows(tally))
        finalised = self.ballots.desk.finalisation() if self.ballots.desk.book else None
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

    def show_meeting(self, meeting_id: int, meeting: Meeting, tally: Tally) -> None:
        self.meeting_id = meeting_id
        self.documents.set_meeting(meeting_id)
        self.setup.set_meeting(meeting_id)
        self.ballots.set_meeting(meeting_id)
        self.run_screen.set_meeting(meeting_id)
        self.title.setText(meeting.title)
        date = meeting.date.isoformat() if meeting.date else self.tr("日期未定")
        targets = len(meeting.targets)
        spoken = sum(1 for s in meeting.speakers if not s.written)
        self.details.setText(
            self.tr(
                "{date} · {venue} · 评议对象 {targets} 个(分 {cats} 类) · "
                "口头述职 {spoken} 人,书面述职 {written} 人"
            ).format(
                date=date,
                venue=meeting.venue or self.tr("地点未定"),
                targets=targets,
                cats=len(meeting.categories),
                spoken=spoken,
                written=len(meeting.speakers) - spoken,
            )
        )
        self.agenda_model.set_rows(
            [
                (
                    i,
                    item.title,
                    term(AGENDA_KIND_NAMES[item.kind]),
                    self.tr("{limit}/人").format(
                        limit=_clock(item.limit_s or DEFAULT_SPEECH_LIMIT_S)
                    )
                    if item.kind.value == "speeches"
                    else (item.speaker or ""),
                )
                for i, item in enumerate(meeting.agenda, start=1)
            ]
        )
        self.speaker_model.set_rows(
            [
                (
                    i,
                    s.name,
                    s.post,
                    s.target or "",
                    self.tr("书面述职")
                    if s.written
                    else self.tr("口头 {limit}").format(limit=_clock(meeting.speech_limit_s(s))),
                )
                for i, s in enumerate(meeting.speakers, start=1)
            ]
        )
        self._show_tally(meeting, tally)


class MainWindow(QMainWindow):
    """The application window on one database."""

    meetings_changed = Signal()
    meeting_opened = Signal(int)

    def __init__(self, db: Database, *, station: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.station = station
        self.operations = Operations(self)
        self.setWindowTitle(app_title())
        self.resize(1100, 720)
        geometry = QSettings().value(GEOMETRY_KEY)
        if geometry:
            self.restoreGeometry(geometry)

        self.list_page = MeetingListPage()
        self.list_page.open_requested.connect(self.open_meeting)
        self.meeting_page = MeetingPage(db, self.operations, station=station)
        self.meeting_page.back_requested.connect(self.show_list)
        self.meeting_page.run_screen.ballot_entry_requested.connect(self.open_ballot_entry)
        self.meeting_page.tabs.currentChanged.connect(self._remember_tab)
        self.meeting_page.setup.meeting_changed.connect(self._meeting_edited)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.list_page)
        self.pages.addWidget(self.meeting_page)
        self.setCentralWidget(self.pages)
        self._build_menus()
        self.statusBar().showMessage(self.tr("数据库:{url}").format(url=db.url))
        self.refresh_meetings()
        state = QSettings().value(WINDOW_STATE_KEY)
        if state:
            self.restoreState(state)
        # The size and place are kept as they change, not only at a clean exit: after a
        # crash the window comes back as it was.
        self._geometry_saver = QTimer(self)
        self._geometry_saver.setSingleShot(True)
        self._geometry_saver.setInterval(GEOMETRY_SAVE_MS)
        self._geometry_saver.timeout.connect(self.save_geometry)

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: object,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        self.new_action = self._action(
            self.tr("新建会议…(&N)"), QKeySequence.StandardKey.New, self.new_meeting
        )
        self.demo_action = self._action(self.tr("载入演示会议(&D)"), "Ctrl+Shift+D", self.load_demo)
        self.import_action = self._action(
            self.tr("导入会议定义(JSON)…(&I)"), QKeySequence.StandardKey.Open, self.import_meeting
        )
        self.connection_action = self._action(
            self.tr("数据库与录入点…(&C)"), None, self.show_connection_dialog
        )
        self.settings_action = self._action(self.tr("设置…(&S)"), "Ctrl+,", self.show_settings)
        self.quit_action = self._action(
            self.tr("退出(&Q)"), QKeySequence.StandardKey.Quit, self.close
        )
        self.list_action = self._action(self.tr("会议列表(&L)"), "Ctrl+L", self.show_list)
        self.about_action = self._action(self.tr("关于(&A)"), None, self.show_about)
        self.keys_action = self._action(self.tr("快捷键一览(&K)"), "F1", self.show_keys)
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        file_menu.addAction(self.connection_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu(self.tr("查看(&V)"))
        view_menu.addAction(self.list_action)
        run = self.meeting_page.run_screen
        view_menu.addSeparator()
        view_menu.addActions(run.menu_actions())  # 投影窗口 F5, 投影黑屏 B
        view_menu.addMenu(run.projector_screen_menu)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.keys_action)
        help_menu.addAction(self.about_action)

    # --- commands -------------------------------------------------------------------------

    def refresh_meetings(self) -> None:
        with self.db.session() as session:
            meetings = list_meetings(session)
        self.list_page.set_meetings(meetings)
        self.meetings_changed.emit()

    def show_list(self) -> bool:
        """Back to the meeting list (False when the clerk chose to stay with a half-typed
        ballot)."""
        if (
            self.pages.currentWidget() is self.meeting_page
            and not self.meeting_page.settle_unsaved()
        ):
            return False
        self.pages.setCurrentWidget(self.list_page)
        QSettings().remove(LAST_MEETING_KEY)
        return True

    def restore_session(self) -> bool:
        """At start-up: reopen the meeting (and tab) that was open when the app last stopped,
        closed normally or not, so a restart after a crash lands where the meeting is."""
        settings = QSettings()
        model = self.list_page.model
        known = {model.row_at(i).id for i in range(model.rowCount())}
        try:
            meeting_id = int(str(settings.value(LAST_MEETING_KEY)))
        except ValueError:
            return False
        if meeting_id not in known:
            return False
        self.open_meeting(meeting_id)
        tab = settings.value(LAST_TAB_KEY)
        tabs = self.meeting_page.tabs
        for i in range(tabs.count()):
            widget = tabs.widget(i)
            if tab and widget is not None and widget.objectName() == tab:
                tabs.setCurrentIndex(i)
        run = self.meeting_page.run_screen
        if run.projector_remembered():  # it was on: back on its screen
            run.set_projector_visible(True)
        return True

    def bring_forward(self) -> None:
        """Another copy was started on this database: this window comes forward instead."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.statusBar().showMessage(
            self.tr("程序已在运行:已切换到这个窗口(同一数据库只开一个操作窗口)。")
        )

    def save_geometry(self) -> None:
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        settings.setValue(WINDOW_STATE_KEY, self.saveState())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self._geometry_saver.start()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        if self.isVisible():
            self._geometry_saver.start()

    def _remember_tab(self) -> None:
        if self.meeting_page.meeting_id is not None:
            name = self.meeting_page.tabs.currentWidget().objectName()
            QSettings().setValue(LAST_TAB_KEY, name)

    def open_meeting(self, meeting_id: int) -> None:
        if (
            self.pages.currentWidget() is self.meeting_page
            and not self.meeting_page.settle_unsaved()
        ):
            return
        try:
            with self.db.session() as session:
                meeting = load_meeting(session, meeting_id)
                tally = tally_meeting(session, meeting_id)
        except DataError as exc:
            self._report(self.tr("无法打开会议"), exc)
            return
        self.meeting_page.show_meeting(meeting_id, meeting, tally)
        self.pages.setCurrentWidget(self.meeting_page)
        QSettings().setValue(LAST_MEETING_KEY, meeting_id)
        self.meeting_opened.emit(meeting_id)

    def new_meeting(self) -> None:
        """From the six-item template, a previous meeting or a JSON file; opens its setup."""
        if (
            self.pages.currentWidget() is self.meeting_page
            and not self.meeting_page.settle_unsaved()
        ):
            return
        meeting_id = new_meeting(self.db, station=self.station, parent=self)
        if meeting_id is not None:
            self.refresh_meetings()
            self.open_meeting(meeting_id)
            self.meeting_page.tabs.setCurrentWidget(self.meeting_page.setup)

    def _meeting_edited(self, meeting_id: int) -> None:
        """A saved setup change: the list and every view of the meeting show the new version."""
        self.refresh_meetings()
        tab = self.meeting_page.tabs.currentIndex()
        self.open_meeting(meeting_id)
        self.meeting_page.tabs.setCurrentIndex(tab)

    def open_ballot_entry(self, meeting_id: int) -> None:
        """The ballot item's "go to ballot entry": the entry screen, ready for the first key."""
        if self.meeting_page.meeting_id != meeting_id:
            self.open_meeting(meeting_id)
        self.meeting_page.tabs.setCurrentWidget(self.meeting_page.ballots)
        self.meeting_page.ballots.show_entry()

    def load_demo(self) -> None:
        self._set_busy(True, self.tr("正在载入演示会议…"))
        self._store_in_worker(
            load_demo_at, (self.station,), lambda: load_demo(self.db, station=self.station)
        )

    def import_meeting(self, path: Path | None = None) -> None:
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("导入会议定义"), "", self.tr("会议定义 (*.json)")
            )
            if not name:
                return
            path = Path(name)
        chosen = path
        self._set_busy(True, self.tr("正在导入 {name}…").format(name=chosen.name))
        self._store_in_worker(
            import_meeting_at,
            (chosen, self.station),
            lambda: import_meeting_file(self.db, chosen, station=self.station),
        )

    def _store_in_worker(
        self, work_at: Callable[..., int], args: tuple[object, ...], here: Callable[[], int]
    ) -> None:
        """Store a meeting through ``work_at`` (of ``store.by_url``) in a worker process,
        or through ``here`` in a thread for an in-memory database (no other process can
        open it); then open it."""
        url = worker_url(self.db)
        if url is None:
            self.operations.run(here, self._imported, self._failed)
        else:
            self.operations.run_in_process(work_at, (url, *args), self._imported, self._failed)

    def show_connection_dialog(self) -> ConnectionDialog:
        """Choose this laptop's file or the shared database; applied at the next start."""
        dialog = ConnectionDialog(self)
        dialog.accepted.connect(self._connection_saved)
        dialog.open()
        return dialog

    def show_settings(self) -> SettingsDialog:
        """设置: database, station, projector screen, chimes, thresholds, language."""
        dialog = SettingsDialog(self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("设置已保存")))
        dialog.open()
        return dialog

    def _connection_saved(self) -> None:
        self.statusBar().showMessage(
            self.tr("数据库设置已保存,重新启动程序后生效(当前仍使用:{url})").format(url=self.db.url)
        )

    def key_rows(self) -> list[tuple[str, str]]:
        """F1: the keys of the screen on view (the run screen's item, ballot entry…), then
        the window's own."""
        page = self.meeting_page
        rows: list[tuple[str, str]] = []
        if self.pages.currentWidget() is page:
            screen = page.tabs.currentWidget()
            if screen is page.run_screen:
                rows = page.run_screen.shortcut_rows()
            elif screen is page.ballots:
                rows = page.ballots.key_rows()
        window = [a for a in self.actions() if a is not self.keys_action]
        run = page.run_screen
        shown = {text for text, _ in rows}
        extra = [r for r in action_rows([*run.menu_actions(), *window]) if r[0] not in shown]
        return [*rows, *extra, *action_rows([self.keys_action])]

    def show_keys(self) -> ShortcutSheet:
        sheet = ShortcutSheet([], self, extra=self.key_rows())
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        return sheet

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("关于"), self.about_text())

    def about_text(self) -> str:
        """What the program is, its version, and the licences of what it is built with."""
        rows = "".join(f"<tr><td>{name}</td><td>{licence}</td></tr>" for name, licence in LICENCES)
        return (
            self.tr(
                "<h3>述职评议会议助手</h3><p>述职计时、点评记录、评议票录入与计票、"
                "结果汇总表打印。</p>"
            )
            + self.tr("<p>版本 {version}</p>").format(version=app_version())
            + self.tr("<p>本程序以 Apache License 2.0 发布,使用了以下软件:</p>")
            + f"<table cellspacing='4'>{rows}</table>"
            + self.tr(
                "<p>中文字体:文泉驿微米黑(Apache License 2.0,许可证全文随程序附带,"
                "见 resources/fonts/LICENSE-Apache-2.0.txt)。</p>"
                "<p>Qt 与 PySide6 以 LGPLv3 授权,动态链接,可自行替换。</p>"
            )
            + self.tr(
                "<p>文档正文字体:文鼎 PL 简报宋(Arphic Public License,许可证全文随程序附带,"
                "见 resources/fonts/LICENSE-Arphic-Public-License.txt)。</p>"
            )
        )

    # --- callbacks ------------------------------------------------------------------------

    def _set_busy(self, busy: bool, message: str = "") -> None:
        for action in (self.demo_action, self.import_action):
            action.setEnabled(not busy)
        if message:
            self.statusBar().showMessage(message)

    def _imported(self, meeting_id: int) -> None:
        self._set_busy(False, self.tr("已载入会议 {id}").format(id=meeting_id))
        self.refresh_meetings()
        self.open_meeting(meeting_id)

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False, self.tr("操作未完成"))
        self._report(self.tr("操作未完成"), exc)

    def _report(self, title: str, exc: Exception) -> None:
        if not isinstance(exc, DataError):
            logging.getLogger(__name__).error("%s", title, exc_info=exc)
        box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(exc), parent=self)
        box.setObjectName("error-box")
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        if (
            self.pages.currentWidget() is self.meeting_page
            and not self.meeting_page.settle_unsaved()
        ):
            event.ignore()
            return
        self.operations.wait()
        self._geometry_saver.stop()
        self.save_geometry()
        super().closeEvent(event)
