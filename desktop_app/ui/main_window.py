"""The main window: the list of meetings on the open database, and one meeting opened.

Signals:
    meetings_changed(): the meeting list was reloaded (after start-up, an import or the demo).
    meeting_opened(int): a meeting's overview is showing; carries the meeting id.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QMoveEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import AGENDA_KIND_NAMES, DEFAULT_SPEECH_LIMIT_S
from desktop_app.domain.text import QT_TRANSLATE_NOOP
from desktop_app.store.by_url import import_meeting_at, load_demo_at
from desktop_app.store.database import Database
from desktop_app.store.meetings import MeetingSummary, list_meetings
from desktop_app.store.transfer import import_meeting_file, load_demo
from desktop_app.ui.connection import ConnectionDialog
from desktop_app.ui.documents import DocumentsScreen
from desktop_app.ui.entry import BallotsScreen
from desktop_app.ui.errors import report_failure
from desktop_app.ui.models import RowTableModel
from desktop_app.ui.operations import Operations, worker_url
from desktop_app.ui.results import ResultsScreen
from desktop_app.ui.run import RunScreen
from desktop_app.ui.run.shortcuts import ShortcutsDialog, action_rows
from desktop_app.ui.session import ELSEWHERE, MEETING, MeetingSession, read_database
from desktop_app.ui.settings import SettingsDialog
from desktop_app.ui.setup import SetupScreen, new_meeting
from desktop_app.ui.tables import read_only_table
from desktop_app.ui.terms import app_title, term

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
        self.view = read_only_table(self.model, stretch=2)  # type: ignore[arg-type]
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
    """One meeting: its details, agenda and speakers, and a tab per screen (setup, run,
    ballots, results, documents), all on the one :class:`MeetingSession` of the meeting.

    Every screen listens to the session's ``changed(what)`` and refreshes itself; this page
    only keeps its own heading (title, details, the tally's warnings) up to date.
    """

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
        self.session: MeetingSession | None = None
        self.documents = DocumentsScreen(db, operations)
        self.ballots = BallotsScreen(db, station=station)
        self.run_screen = RunScreen(db, operations, station=station)
        self.setup = SetupScreen(db, operations, station=station)
        self.results = ResultsScreen()
        self.title = QLabel()
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.results.warnings_changed.connect(self._show_warnings)
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
        tabs = QTabWidget()
        tabs.addTab(self.setup, self.tr("会议设置"))
        tabs.addTab(read_only_table(self.agenda_model, stretch=3), self.tr("议程"))  # type: ignore[arg-type]
        tabs.addTab(read_only_table(self.speaker_model, stretch=2), self.tr("述职人"))  # type: ignore[arg-type]
        for widget, name in (
            (self.setup, "setup"),
            (self.run_screen, "run"),
            (self.ballots, "ballots"),
            (self.results, "results"),
            (self.documents, "documents"),
        ):
            widget.setObjectName(name)
        tabs.addTab(self.run_screen, self.tr("会议进行"))
        tabs.addTab(self.ballots, self.tr("评议票录入"))
        tabs.addTab(self.results, self.tr("计票结果"))
        tabs.addTab(self.documents, self.tr("文档与打印"))
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

    @property
    def meeting_id(self) -> int | None:
        return self.session.meeting_id if self.session is not None else None

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

    def _show_warnings(self, text: str) -> None:
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def show_session(self, session: MeetingSession) -> None:
        """Show the session's meeting on every screen; the one shown before is closed."""
        previous = self.session
        self.session = session
        session.setParent(self)
        session.changed.connect(self._session_changed)
        for screen in (self.documents, self.setup, self.ballots, self.run_screen, self.results):
            screen.set_session(session)
        self._show_heading()
        if previous is not None and previous is not session:
            previous.close()
            previous.deleteLater()

    def _session_changed(self, what: str) -> None:
        if what in (MEETING, ELSEWHERE):
            self._show_heading()

    def _show_heading(self) -> None:
        assert self.session is not None
        meeting = self.session.meeting
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
        self.list_page.set_meetings(read_database(self.db, list_meetings))
        self.meetings_changed.emit()

    def show_list(self) -> bool:
        """Back to the meeting list (False when the clerk chose to stay with a half-typed
        ballot)."""
        if (
            self.pages.currentWidget() is self.meeting_page
            and not self.meeting_page.settle_unsaved()
        ):
            return False
        # Ballots typed since it was read change its counts: read again (not answering: as
        # last read).
        with contextlib.suppress(DataError):
            self.refresh_meetings()
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
        try:  # the meeting is loaded once, here, for every screen
            session = MeetingSession(self.db, meeting_id, station=self.station)
            session.changed.connect(self._meeting_changed)
            self.meeting_page.show_session(session)
        except DataError as exc:
            report_failure(self, self.tr("无法打开会议"), exc)
            return
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

    def _meeting_changed(self, what: str) -> None:
        """A saved setup change: the list shows the new title (the screens follow the
        session themselves)."""
        if what == MEETING:
            self.refresh_meetings()

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

    def show_keys(self) -> ShortcutsDialog:
        sheet = ShortcutsDialog([], self, extra=self.key_rows())
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
        report_failure(self, self.tr("操作未完成"), exc)

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
