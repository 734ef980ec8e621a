"""The run screen (会议进行): the agenda stepper, a panel per item kind, the meeting clock,
the projector and the keys.

Signals:
    ballot_entry_requested(int): the ballot item asks for ballot entry; carries the meeting id.
    item_changed(int): another agenda item is on screen; carries its index.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import AgendaKind
from desktop_app.domain.speech_clock import (
    Clock,
    MonotonicClock,
    Phase,
    TimerState,
    parse_duration,
)
from desktop_app.domain.text import QT_TRANSLATE_NOOP
from desktop_app.domain.timing import (
    EventKind,
    ItemTiming,
    SpeechEvent,
    item_timings,
    live_state,
    planned_s,
)
from desktop_app.store.database import Database
from desktop_app.ui import palette
from desktop_app.ui.errors import failure_text
from desktop_app.ui.lectern import Lectern, LecternBar
from desktop_app.ui.models import columns_in
from desktop_app.ui.operations import Operations
from desktop_app.ui.run.autosave import AutoSaveText, is_text_input
from desktop_app.ui.run.ballot import BallotPanel
from desktop_app.ui.run.commentary import CommentaryPanel
from desktop_app.ui.run.context import LiveContext, NotSaved, WallClock, utc_now
from desktop_app.ui.run.models import AgendaColumn, CurrentRowModel, run_table
from desktop_app.ui.run.panel import Panel, button
from desktop_app.ui.run.projector import (
    SETTINGS_KEY,
    ProjectorView,
    ProjectorWindow,
    choose_screen,
)
from desktop_app.ui.run.shortcuts import ShortcutsDialog, action_rows
from desktop_app.ui.run.single_speech import FloorPanel, SpeechPanel
from desktop_app.ui.run.sounds import QtSoundPlayer, SoundPlayer
from desktop_app.ui.run.speaker_queue import SpeechesPanel
from desktop_app.ui.run.timer import BoundaryTicker
from desktop_app.ui.session import (
    COUNTS,
    ELSEWHERE,
    MEETING,
    MeetingSession,
    listen,
    open_own_session,
)
from desktop_app.ui.settings import RunPreferences

HOLD_S = 5.0  # the projector keeps a stopped speech's final time this long
PULSE_S = 1.6  # the projector and clock face flash this long when overtime begins
PULSE_PERIOD_S = 0.2

PROJECTOR_ON_KEY = "projector/on"  # restored with the meeting after a restart

AgendaRow = tuple[int, str, str, str, str]  # number, title, planned, started, length


def clock_text(seconds: float) -> str:
    whole = max(int(seconds), 0)
    if whole >= 3600:
        return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
    return f"{whole // 60}:{whole % 60:02d}"


class RunScreen(QWidget):
    """Runs a meeting live from the keyboard. See the module docstring for the signals.

    ``clock`` (monotonic) and ``wall_clock`` (timezone-aware now) are injected for tests;
    ``sounds`` plays the chimes (default: QtMultimedia, silent when there is no audio).
    ``db`` and ``station`` serve :meth:`set_meeting` only (the screen used on its own); in
    the window it works on the session handed to :meth:`set_session`.
    """

    ballot_entry_requested = Signal(int)
    item_changed = Signal(int)

    def __init__(
        self,
        db: Database,
        operations: Operations,
        *,
        station: str = "",
        clock: Clock | None = None,
        wall_clock: WallClock | None = None,
        sounds: SoundPlayer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.operations = operations
        self.station = station
        self.clock: Clock = clock or MonotonicClock()
        self.wall_clock: WallClock = wall_clock or utc_now
        if sounds is None:
            player = QtSoundPlayer(self)
            player.unavailable.connect(self.show_message)
            sounds = player
        self.sounds: SoundPlayer = sounds
        self.sounds_on = True  # 设置 → 剩余时间提示音, read when a meeting is opened
        self.session: MeetingSession | None = None
        self.context: LiveContext | None = None
        self.item_index = 0
        self.timings: list[ItemTiming] = []
        self.projector: ProjectorWindow | None = None
        self._projector_parked = False  # put away because its screen was pulled out
        self._hold: tuple[ProjectorView, float] | None = None
        self._pulse_since: float | None = None
        self._clock_text = ""

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build_header()
        self._build_agenda()
        self._build_panels()
        self._lay_out()

        for box in self.findChildren(AutoSaveText):
            box.leave_requested.connect(self.setFocus)  # Esc: the keys are commands again

        # No polling: one precise single-shot timer for the next moment anything shown must
        # change (refresh() re-arms it; see next_change_in).
        self.ticker = BoundaryTicker(self)
        self.ticker.timeout.connect(self.refresh)
        self._build_actions()
        self._show_projector_state()
        self._connect_application()

    def _build_header(self) -> None:
        """The title, the clocks, the projector's state, the item buttons and the message box."""
        self.title = QLabel()
        self.title.setObjectName("heading")
        self.meeting_clock = QLabel()
        self.meeting_clock.setObjectName("meetingClock")
        self.projector_label = QLabel()
        self.projector_label.setObjectName("projectorState")
        self.projector_label.setStyleSheet(
            "QLabel#projectorState { border-radius: 4px; padding: 2px 8px; font-weight: bold;"
            f" background: {palette.PROJECTOR_STATE_OFF_BACKGROUND};"
            f" color: {palette.PROJECTOR_STATE_OFF_TEXT}; }}"
            " QLabel#projectorState[state='on'] {"
            f" background: {palette.PROJECTOR_STATE_ON_BACKGROUND};"
            f" color: {palette.PROJECTOR_STATE_ON_TEXT}; }}"
            " QLabel#projectorState[state='black'] {"
            f" background: {palette.PROJECTOR_STATE_BLACK_BACKGROUND};"
            f" color: {palette.PROJECTOR_STATE_BLACK_TEXT}; }}"
        )
        self.previous_item_button = button(self.tr("← 上一项 (Ctrl+←)"))
        self.previous_item_button.clicked.connect(self.previous_item)
        self.next_item_button = button(self.tr("下一项 (Ctrl+→) →"))
        self.next_item_button.clicked.connect(self.next_item)
        self.message_edit = QLineEdit()
        self.message_edit.setPlaceholderText(self.tr("给发言人的提示,回车显示在投影上"))
        self.message_edit.returnPressed.connect(self._message_entered)
        self.message_shown = QCheckBox(self.tr("投影显示提示"))
        self.message_shown.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.message_shown.toggled.connect(self._message_toggled)
        self._message_for: str | None = None  # the speaker the message on show was meant for
        self.status = QLabel()
        self.status.setObjectName("warning")
        self.status.setWordWrap(True)

    def _build_agenda(self) -> None:
        """The agenda table; a click goes to that item."""
        self.agenda_model: CurrentRowModel[AgendaRow] = CurrentRowModel(
            columns_in(
                AgendaColumn,
                {
                    AgendaColumn.NUMBER: (QT_TRANSLATE_NOOP("Columns", "序号"), lambda r: r[0]),
                    AgendaColumn.TITLE: (QT_TRANSLATE_NOOP("Columns", "议程"), lambda r: r[1]),
                    AgendaColumn.PLANNED: (QT_TRANSLATE_NOOP("Columns", "计划"), lambda r: r[2]),
                    AgendaColumn.STARTED: (QT_TRANSLATE_NOOP("Columns", "开始"), lambda r: r[3]),
                    AgendaColumn.USED: (QT_TRANSLATE_NOOP("Columns", "用时"), lambda r: r[4]),
                },
            ),
            self,
        )
        self.agenda = run_table(self.agenda_model, stretch=AgendaColumn.TITLE)
        self.agenda.clicked.connect(lambda index: self.go_to_item(index.row()))

    def _build_panels(self) -> None:
        """One panel per agenda kind in a stack, each wired to the screen."""
        self.speeches = SpeechesPanel()
        self.commentary = CommentaryPanel()
        self.floor = FloorPanel()
        self.speech = SpeechPanel()
        self.ballot = BallotPanel()
        self.ballot.entry_requested.connect(self._entry_requested)
        self.panels: dict[AgendaKind, Panel] = {
            AgendaKind.SPEECHES: self.speeches,
            AgendaKind.COMMENTARY: self.commentary,
            AgendaKind.FLOOR: self.floor,
            AgendaKind.SPEECH: self.speech,
            AgendaKind.BALLOT: self.ballot,
        }
        self.stack = QStackedWidget()
        for panel in self.panels.values():
            self.stack.addWidget(panel)
            panel.message.connect(self.show_message)
            panel.stage_changed.connect(self._reload_agenda)  # a press may start the item
            panel.stage_changed.connect(self.refresh)
            panel.stage_changed.connect(self._update_actions)
            panel.stage_changed.connect(self._stage_moved)
            panel.stopped.connect(self._hold_final_time)
            panel.finished.connect(self.next_item)
            if panel.timer is not None:
                panel.timer.chime.connect(self._chime)
                panel.timer.overtime_began.connect(self._start_pulse)
                panel.timer.changed.connect(self._update_projector)
                panel.timer.changed.connect(self._schedule_refresh)

    def _lay_out(self) -> None:
        """Header, agenda with the preview beside the panels, message row, status."""
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.meeting_clock)
        top.addWidget(self.previous_item_button)
        top.addWidget(self.next_item_button)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message_edit, 1)
        message_row.addWidget(self.message_shown)
        self.lectern = Lectern(self)  # the phone clock (手机计时页), off until switched on
        self.lectern_bar = LecternBar(self.lectern)
        message_row.addWidget(self.lectern_bar)
        # What the room sees, small, under the agenda: the same drawing as the projector.
        self.preview = ProjectorWindow(self, preview=True)
        self.preview.setFixedHeight(170)
        self.preview.setMinimumWidth(200)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.agenda, 1)
        left_layout.addWidget(self.projector_label)
        left_layout.addWidget(self.preview)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([280, 900])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(message_row)
        layout.addWidget(self.status)

    def _connect_application(self) -> None:
        """Follow the focus and the screens plugged in or pulled out."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            # A projector plugged in or pulled out: the projector window moves accordingly.
            app.screenAdded.connect(self._screens_changed)
            app.screenRemoved.connect(self._screens_changed)

    # --- actions --------------------------------------------------------------------------
    def _action(self, text: str, keys: list[str], slot: object, *, typing_keys: bool) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        # Wherever the focus is in the window (the tab bar, a button, the projector when a
        # window manager activates it): the run screen's keys act while it is on screen.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if typing_keys:
            self._typing_actions.append(action)
        return action

    def _build_actions(self) -> None:
        self._typing_actions: list[QAction] = []
        panel = self._panel
        # (text, keys, slot): keys that type text in a box, so off while the operator types.
        typing = [
            (self.tr("开始 / 暂停 / 继续"), ["Space"], lambda: panel().toggle()),
            (self.tr("结束本次发言"), ["S"], lambda: panel().stop()),
            (self.tr("下一位"), ["N", "Right"], lambda: panel().next_speaker()),
            (self.tr("上一位"), ["Left"], lambda: panel().previous_speaker()),
            (self.tr("加 30 秒"), ["+", "="], lambda: panel().adjust(30)),
            (self.tr("减 30 秒"), ["-"], lambda: panel().adjust(-30)),
            (self.tr("跳过当前述职人"), ["K"], lambda: panel().skip()),
            (self.tr("标记缺席"), ["A"], lambda: panel().mark_absent()),
            (self.tr("述职人上移"), ["Alt+Up"], lambda: panel().move_current(-1)),
            (self.tr("述职人下移"), ["Alt+Down"], lambda: panel().move_current(1)),
            (self.tr("补记开始时间…"), ["L"], self.ask_late_start),
            (self.tr("输入时长…"), ["T"], self.ask_length),
            (self.tr("投影黑屏"), ["B"], self.toggle_blackout),
        ]
        made = [self._action(t, k, s, typing_keys=True) for t, k, s in typing]
        (
            self.toggle_action,
            self.stop_action,
            self.next_action,
            self.previous_action,
            self.plus_action,
            self.minus_action,
            self.skip_action,
            self.absent_action,
            self.up_action,
            self.down_action,
            self.late_action,
            self.length_action,
            self.blackout_action,
        ) = made
        self.blackout_action.setCheckable(True)
        self.next_item_action = self._action(
            self.tr("下一项议程"), ["Ctrl+Right"], self.next_item, typing_keys=False
        )
        self.previous_item_action = self._action(
            self.tr("上一项议程"), ["Ctrl+Left"], self.previous_item, typing_keys=False
        )
        self.end_speeches_action = self._action(
            self.tr("述职发言就到这里…"), ["Ctrl+Shift+E"], self._end_speeches, typing_keys=False
        )
        self.entry_action = self._action(
            self.tr("开始录入评议票"), ["Ctrl+Return"], self._entry_key, typing_keys=False
        )
        # For the main window's menus: they work wherever the focus is in the window.
        self.projector_action = QAction(self.tr("投影窗口(&P)"), self)
        self.projector_action.setShortcut(QKeySequence("F5"))
        self.projector_action.setCheckable(True)
        self.projector_action.toggled.connect(self.set_projector_visible)
        self.addAction(self.projector_action)
        # F1 itself belongs to the window, which shows the keys of the screen on view
        # (MainWindow.show_keys); here it is the menu entry of a run screen on its own.
        self.shortcuts_action = QAction(self.tr("快捷键一览(&K)"), self)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.projector_screen_menu = QMenu(self.tr("投影屏幕(&S)"), self)
        self.projector_screen_menu.aboutToShow.connect(self._fill_screen_menu)

    def menu_actions(self) -> list[QAction]:
        """What the main window puts in its View menu (with :attr:`projector_screen_menu`):
        the projector, the blackout and the phone clock's switch."""
        return [self.projector_action, self.blackout_action, self.lectern.action]

    def _focus_changed(self, _old: QObject | None, new: QObject | None) -> None:
        """While the operator types, letters, Space and arrows are text, not commands."""
        self._update_actions(typing=is_text_input(new))

    def applicable_actions(self) -> list[QAction]:
        """The commands that mean something on the item on screen (typing aside): the timer
        keys where there is a timer, the queue keys on the speeches, ballot entry on the
        ballot item. One key, one meaning: the others are off, so their keys reach the box
        or panel that uses them (Ctrl+Enter in the commentary box moves to the next unit)."""
        panel = self._panel()
        timed = panel.timer is not None
        queue = panel is self.speeches
        steps = panel in (self.speeches, self.commentary, self.floor)
        applies = {
            self.toggle_action: timed,
            self.stop_action: timed,
            self.plus_action: timed,
            self.minus_action: timed,
            self.late_action: timed,
            self.length_action: timed,
            self.next_action: steps,
            self.previous_action: steps,
            self.skip_action: queue,
            self.absent_action: queue,
            self.up_action: queue,
            self.down_action: queue,
            self.end_speeches_action: queue and not self.speeches.ended,
            self.entry_action: panel is self.ballot,
        }
        return [a for a in self.actions() if applies.get(a, True)]

    def _update_actions(self, *, typing: bool | None = None) -> None:
        if typing is None:
            typing = is_text_input(QApplication.focusWidget())
        applicable = set(self.applicable_actions())
        for action in self.actions():
            on = action in applicable and not (typing and action in self._typing_actions)
            if action.isEnabled() != on:
                action.setEnabled(on)

    def _panel(self) -> Panel:
        widget = self.stack.currentWidget()
        assert isinstance(widget, Panel)
        return widget

    # --- the meeting ----------------------------------------------------------------------
    def set_meeting(self, meeting_id: int) -> None:
        """The screen on its own (no main window): a session of its own on ``meeting_id``."""
        self.set_session(open_own_session(self, self.db, meeting_id, station=self.station))

    def set_session(self, session: MeetingSession) -> None:
        """Open the session's meeting where it stands: the item, the queue and any running
        timer are rebuilt from the stored events."""
        self.session = listen(self.session, session, self._session_changed)
        self._open()

    def _session_changed(self, what: str) -> None:
        if self.context is None:
            if what == MEETING and self.session is not None:
                self._open()  # an agenda may have been added
            return
        if what == MEETING:  # a new definition: rebuilt where it stands, as when opened
            self._open()
        elif what in (COUNTS, ELSEWHERE) and self._panel() is self.ballot:
            self.ballot.show_stored()

    def _open(self) -> None:
        session = self.session
        assert session is not None
        self._panel().flush()
        meeting = session.meeting
        prefs = RunPreferences.load()
        self.sounds_on = prefs.sounds
        context = LiveContext(
            session,
            meeting,
            session.station,
            self.clock,
            self.wall_clock,
            warning_s=prefs.warning_s,
            final_s=prefs.final_s,
            default_limit_s=prefs.default_limit_s,
        )
        context.report = self._write_failed
        context.recovered = lambda: QTimer.singleShot(0, self._retry_pending)
        context.press_text = self.tr(
            "这次按键未记录,计时器保持原状(按已保存的记录显示);"
            "腾出空间后请再按一次,晚了可按 L 补记开始时间"
        )
        context.comment_text = self.tr("点评未保存,文字仍在输入框中(标为未保存),稍后自动重试")
        state = live_state(meeting, context.events())
        context.started = state.item_index is not None
        context.current_item = state.item_index or 0
        self.context = context
        self.title.setText(meeting.title)
        if not meeting.agenda:
            self.context = None
            self.show_message(self.tr("这个会议没有议程,请先在会议定义中添加议程。"))
            return
        self._hold = None
        self._pulse_since = None
        self._show_item(context.current_item)
        self._fit_agenda()
        if self.isVisible():
            self.ticker.start()

    def _fit_agenda(self) -> None:
        """Widen the agenda pane so the items' titles show whole (long headers, as in
        English, would squeeze them), up to a third of the screen; never narrow it."""
        view = self.agenda
        header = view.horizontalHeader()
        needed = sum(
            max(view.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(self.agenda_model.columnCount())
        )
        needed += 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
        sizes = self.splitter.sizes()
        total = sum(sizes) or 1180
        wanted = min(needed, total // 3)
        if sizes[0] < wanted:
            self.splitter.setSizes([wanted, total - wanted])

    def _show_item(self, index: int) -> None:
        context = self.context
        assert context is not None
        self.item_index = index
        context.current_item = index
        self._hold = None  # a held final time belongs to the item left
        self._pulse_since = None
        kind = context.meeting.agenda[index].kind
        panel = self.panels[kind]
        self.stack.setCurrentWidget(panel)
        panel.set_item(context, index)
        self._update_actions()
        self._stage_moved()
        self.item_changed.emit(index)
        self._reload_agenda()
        self.refresh()

    def go_to_item(self, index: int) -> None:
        """Move to agenda item ``index``: the item on screen ends, that one starts."""
        context = self.context
        if context is None or (index == self.item_index and context.started):
            return
        if not 0 <= index < len(context.meeting.agenda):
            return
        panel = self._panel()
        panel.flush()
        if panel.timer_busy():
            panel.stop()
            if panel.timer_busy():  # the stop was not stored: stay with the speech
                return
        at = context.wall_clock()
        moves = [SpeechEvent(EventKind.ITEM_START, at, index)]
        if context.started:
            moves.insert(0, SpeechEvent(EventKind.ITEM_END, at, self.item_index))
        try:
            context.record_all(moves, self.tr("议程未切换,仍在当前议程"))  # both or neither
        except NotSaved:
            return  # reported; the item on screen is still the one under way
        self._show_item(index)

    def next_item(self) -> None:
        """Ctrl+→. In a meeting not yet begun it begins the first item instead (the chair
        announces it); the first timer press does the same."""
        if self.context is not None:
            if not self.context.started:
                self.go_to_item(self.item_index)
            else:
                self.go_to_item(self.item_index + 1)

    def previous_item(self) -> None:
        self.go_to_item(self.item_index - 1)

    def _end_speeches(self) -> None:
        if self._panel() is self.speeches:
            self.speeches.confirm_end()

    def _entry_key(self) -> None:
        if self._panel() is self.ballot:
            self._entry_requested()

    def _entry_requested(self) -> None:
        if self.context is not None:
            self._panel().flush()
            self.ballot_entry_requested.emit(self.context.meeting_id)

    def ask_length(self) -> None:
        """T: type the speech's length (4:00, 4分钟, 240) instead of pressing + eight times."""
        text, ok = QInputDialog.getText(
            self, self.tr("输入时长"), self.tr("本次发言的时长(如 4:00、4分钟、240):")
        )
        if not ok or not text.strip():
            return
        try:
            seconds = parse_duration(text)
        except ValueError as exc:
            self.show_message(str(exc))
            return
        self._panel().set_length(seconds)

    def ask_late_start(self) -> None:
        seconds, ok = QInputDialog.getInt(
            self, self.tr("补记开始时间"), self.tr("发言实际比按下开始早了多少秒?"), 10, 1, 600
        )
        if ok:
            self._panel().correct_start(seconds)

    # --- display --------------------------------------------------------------------------
    def _reload_agenda(self) -> None:
        context = self.context
        assert context is not None
        self.timings = item_timings(context.meeting, context.events())
        self._show_agenda()

    def _show_agenda(self) -> None:
        context = self.context
        assert context is not None
        now = self.wall_clock()
        rows: list[AgendaRow] = []
        for timing in self.timings:
            planned = planned_s(context.meeting, timing.index, context.default_limit_s)
            started = timing.start.astimezone().strftime("%H:%M") if timing.start else ""
            # The time it has been running: its stretches added up (passing through an
            # item again adds a stretch, never moves one), the current one up to now.
            shown = timing.length_at(now) if timing.index == self.item_index else timing.length_s
            length = "" if shown is None else clock_text(shown)
            rows.append(
                (
                    timing.index + 1,
                    timing.title,
                    clock_text(planned) if planned else "—",
                    started,
                    length,
                )
            )
        self.agenda_model.set_rows(rows)
        self.agenda_model.set_current(self.item_index)

    def _meeting_clock_text(self) -> str:
        context = self.context
        now = self.wall_clock()
        text = self.tr("现在 {time}").format(time=now.astimezone().strftime("%H:%M:%S"))
        if context is not None and self.timings:
            starts = [t.start for t in self.timings if t.start is not None]
            if starts:
                text += self.tr(" · 会议已进行 {length}").format(
                    length=clock_text((now - min(starts)).total_seconds())
                )
        return text

    def refresh(self) -> None:
        """Called at each display boundary: the timer, the meeting clock and the projector
        follow the clock; then the ticker is armed for the next boundary. Widgets change only
        when what they show changes."""
        if self.context is None:
            self.ticker.schedule(None)
            return
        panel = self._panel()
        if panel.timer is not None:
            panel.timer.refresh()
        text = self._meeting_clock_text()
        if text != self._clock_text:
            self._clock_text = text
            self.meeting_clock.setText(text)
            self._show_agenda()
        self._update_projector()
        self._show_projector_state()
        self._schedule_refresh()

    def next_change_in(self) -> float:
        """Seconds until something shown must change: the speech clock's next second or
        phase, the meeting clock's next second, the overtime flash, the end of a hold."""
        now = self.clock.now()
        wall = self.wall_clock()
        due = [1.0 - wall.microsecond / 1e6]
        timer = self._panel().timer if self.context is not None else None
        speech_due = timer.next_change_in() if timer is not None else None
        if speech_due is not None:
            due.append(speech_due)
        if self._pulse_since is not None:
            since = now - self._pulse_since
            due.append(min(PULSE_PERIOD_S - since % PULSE_PERIOD_S, max(PULSE_S - since, 0.0)))
        if self._hold is not None:
            due.append(max(self._hold[1] - now, 0.0))
        return min(due)

    def _schedule_refresh(self) -> None:
        self.ticker.schedule(self.next_change_in())

    def show_message(self, text: str) -> None:
        self.status.setText(text)

    def _write_failed(self, what: str, error: DataError | None) -> None:
        """Every refused run-screen write ends here (LiveContext.write): the status line
        says what was not stored and why; never a dialog, which would hold the keys while a
        speech is being timed. ``error`` None: writing works again."""
        if error is None:
            self.show_message(self.tr("数据库已恢复写入,此前未保存的内容正在补存。"))
            return
        self.show_message(
            self.tr("【未保存】{what}。{error}").format(what=what, error=failure_text(error))
        )

    def _retry_pending(self) -> None:
        """Writing works again: store what the database refused before (comments)."""
        if self.context is not None:
            self._panel().flush()

    def _message_toggled(self, on: bool) -> None:
        self._message_for = self._panel().stage().title if on and self.context else None
        self.refresh()

    def _stage_moved(self) -> None:
        """A message to the speaker is for that speaker: it comes down when another one
        takes the floor (or the item changes)."""
        if not self.message_shown.isChecked() or self.context is None:
            return
        if self._panel().stage().title != self._message_for:
            self.message_shown.setChecked(False)
            self.message_edit.clear()
            self.show_message(self.tr("发言人已更换,给发言人的提示已从投影上撤下。"))

    def _message_entered(self) -> None:
        self.message_shown.setChecked(bool(self.message_edit.text().strip()))
        self.refresh()
        self.setFocus()

    # --- projector ------------------------------------------------------------------------
    def projector_view(self) -> ProjectorView:
        """What the projector should show now."""
        now = self.clock.now()
        message = self.message_edit.text().strip() if self.message_shown.isChecked() else ""
        panel = self._panel()
        if self._hold is not None:
            held, until = self._hold
            running = panel.timer is not None and panel.timer.state() is TimerState.RUNNING
            if now < until and not running:  # the next speech starting ends the hold
                return ProjectorView(
                    held.stage, held.text, held.phase, held.progress, False, message
                )
            self._hold = None
        stage = panel.stage()
        timer = panel.timer
        if timer is None or not stage.timed:
            return ProjectorView(stage, message=message)
        running = timer.state() is not TimerState.IDLE
        phase = timer.phase() if running else None
        pulse = False
        if self._pulse_since is not None:
            since = now - self._pulse_since
            if since < PULSE_S:
                pulse = math.floor(since / PULSE_PERIOD_S) % 2 == 0
            else:
                self._pulse_since = None
        paused = timer.state() is TimerState.PAUSED
        return ProjectorView(stage, timer.text(), phase, timer.progress(), pulse, message, paused)

    def _update_projector(self) -> None:
        view = self.projector_view()
        face = getattr(self._panel(), "face", None) or getattr(
            getattr(self._panel(), "clock", None), "face", None
        )
        if face is not None and view.phase is Phase.OVERTIME:
            face.set_face(face.text(), face.phase, pulse=view.pulse, paused=face.paused)
        if self.projector is not None:
            self.projector.show_view(view)
        self.preview.show_view(view)
        self.lectern.follow(view, self._panel().timer)

    def _hold_final_time(self) -> None:
        view = self.projector_view()
        self._hold = (view, self.clock.now() + HOLD_S)

    def _start_pulse(self) -> None:
        self._pulse_since = self.clock.now()

    def projector_remembered(self) -> bool:
        """The projector was on when the app last stopped (crashed or not)."""
        return str(QSettings().value(PROJECTOR_ON_KEY, "false")).lower() == "true"

    def set_projector_visible(self, on: bool) -> None:
        if self.projector_action.isChecked() != on:
            self.projector_action.setChecked(on)  # comes back here through toggled
            return
        QSettings().setValue(PROJECTOR_ON_KEY, on)
        self._projector_parked = False
        if not on:
            if self.projector is not None:
                self.projector.hide()
            self._show_projector_state()
            return
        if self.projector is None:
            self.projector = ProjectorWindow(self)
            self.projector.set_blackout(self.blackout_action.isChecked())
            self.projector.closed.connect(lambda: self.projector_action.setChecked(False))
            # The keys work when the operator has clicked the projector window, too.
            self.projector.addActions(self.actions())
        self.projector.place(self._projector_screen())
        self.projector.show_view(self.projector_view())
        self._show_projector_state()

    def _chime(self, name: str) -> None:
        if self.sounds_on:
            self.sounds.play(name)

    def _projector_screen(self) -> QScreen | None:
        window = self.window().windowHandle()
        operator = window.screen() if window is not None else QGuiApplication.primaryScreen()
        remembered = QSettings().value(SETTINGS_KEY)
        return choose_screen(
            QGuiApplication.screens(), operator, remembered if isinstance(remembered, str) else None
        )

    def _screens_changed(self, _screen: QScreen) -> None:
        """A projector plugged in or pulled out. The projector follows its screen; when its
        screen is gone and only the operator's is left it is put away (never laid over the
        operator's window), and comes back by itself when a projector is plugged in again."""
        projector = self.projector
        if projector is None:
            return
        target = self._projector_screen()
        if projector.isVisible():
            if projector.full_screen_on is not None and target is None:
                self._projector_parked = True
                projector.hide()
                self.show_message(self.tr("投影屏幕已断开,投影窗口已收起;接回投影后自动恢复。"))
            else:
                projector.place(target)
        elif self._projector_parked and target is not None:
            self._projector_parked = False
            projector.place(target)
            projector.show_view(self.projector_view())
            self.show_message(self.tr("投影屏幕已接回,投影窗口已恢复。"))
        self._show_projector_state()

    def _fill_screen_menu(self) -> None:
        menu = self.projector_screen_menu
        menu.clear()
        remembered = QSettings().value(SETTINGS_KEY)
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            action = menu.addAction(f"{screen.name()} ({size.width()}×{size.height()})")
            action.setCheckable(True)
            action.setChecked(screen.name() == remembered)
            name = screen.name()
            action.triggered.connect(lambda _on=False, name=name: self.use_screen(name))

    def use_screen(self, name: str) -> None:
        """Remember the projector's screen and move the projector there."""
        QSettings().setValue(SETTINGS_KEY, name)
        if self.projector is not None and self.projector.isVisible():
            self.projector.place(self._projector_screen())

    def projector_state(self) -> str:
        """What the room sees, in a word: off, put away, blacked out, a message, or on."""
        projector = self.projector
        if self._projector_parked:
            return self.tr("投影:屏幕已断开")
        if projector is None or not projector.isVisible():
            return self.tr("投影:关 (F5)")
        if self.blackout_action.isChecked():
            return self.tr("投影:黑屏 (B)")
        if self.projector_view().message:
            return self.tr("投影:开 · 显示提示")
        return self.tr("投影:开")

    def _show_projector_state(self) -> None:
        """The operator sees whether the room sees the projector."""
        text = self.projector_state()
        if text != self.projector_label.text():
            self.projector_label.setText(text)
            on = self.projector is not None and self.projector.isVisible()
            black = on and self.blackout_action.isChecked()
            self.projector_label.setProperty("state", "black" if black else "on" if on else "off")
            self.projector_label.style().unpolish(self.projector_label)
            self.projector_label.style().polish(self.projector_label)

    def toggle_blackout(self) -> None:
        if self.sender() is not self.blackout_action:
            self.blackout_action.setChecked(not self.blackout_action.isChecked())
        if self.projector is not None:
            self.projector.set_blackout(self.blackout_action.isChecked())
        self.preview.set_blackout(self.blackout_action.isChecked())
        self._show_projector_state()

    def show_shortcuts(self) -> None:
        ShortcutsDialog([], self, extra=self.shortcut_rows()).exec()

    def shortcut_actions(self) -> list[QAction]:
        """The commands with keys that mean something on the item on screen."""
        return [a for a in self.applicable_actions() if a.shortcuts()]

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """What F1 lists here: the commands and their keys, then the panel's own keys."""
        return [
            *action_rows(self.shortcut_actions()),
            *self._panel().key_rows(),
            (self.tr("离开输入框,按键重作命令"), "Esc"),
        ]

    # --- focus --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc in a box that does not use it (a name, the message): the keys are commands
        again."""
        if event.key() == Qt.Key.Key_Escape:
            self.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go round the run screen's own boxes and never out to the tab
        bar or the rest of the window; the round includes the run screen itself, where every
        key is a command."""
        chain: list[QWidget] = [self]
        widget = self.nextInFocusChain()
        while widget is not self and widget is not None and len(chain) < 1000:
            if (
                self.isAncestorOf(widget)
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                chain.append(widget)
            widget = widget.nextInFocusChain()
        focus = QApplication.focusWidget()
        step = 1 if next else -1
        place = chain.index(focus) + step if focus in chain else min(step, 0)
        chain[place % len(chain)].setFocus(
            Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        )
        return True

    # --- life cycle -----------------------------------------------------------------------
    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.context is not None:
            self.ticker.start()

    def hideEvent(self, event: object) -> None:
        # The operator may look at another tab mid-speech: the projector, the chimes and the
        # phases must go on, so the clock keeps ticking while a speech is on or the projector
        # shows; only an idle, unprojected run screen rests.
        projecting = self.projector is not None and self.projector.isVisible()
        if not (projecting or self._panel().timer_busy()):
            self.ticker.stop()
        self._panel().flush()
        super().hideEvent(event)  # type: ignore[arg-type]
