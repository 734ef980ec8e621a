"""The setup screen (会议设置): details, agenda, speakers, units and caps, ballot types, levels
and rules of one meeting, edited with undo and redo, checked as you go, saved in place.

Edits are kept in a draft; a save writes it through the meeting's session, which announces
``changed("meeting")`` to every screen.

Signals:
    meeting_changed(int): a change was saved; carries the meeting id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting, MultiMarkRule, OverCapRule, Rules
from desktop_app.domain.meeting_edits import new_target_category
from desktop_app.domain.setup import parse_meeting_date
from desktop_app.domain.text import QT_TRANSLATE_NOOP
from desktop_app.store.database import Database
from desktop_app.store.setup import ballot_count, update_meeting
from desktop_app.store.transfer import export_meeting_file, write_roster_file
from desktop_app.ui.errors import failure_text, is_expected, report_failure
from desktop_app.ui.operations import Operations
from desktop_app.ui.questions import ask_unsaved
from desktop_app.ui.session import (
    BALLOTS,
    COUNTS,
    ELSEWHERE,
    MEETING,
    MeetingSession,
    listen,
    open_own_session,
)
from desktop_app.ui.setup.editor import MeetingEditor, SectionModel, section_title
from desktop_app.ui.setup.roster_dialog import RosterImportDialog
from desktop_app.ui.setup.sections import (
    AGENDA,
    CATEGORIES,
    KIND_NAMES,
    LEVELS,
    SPEAKERS,
    TARGETS,
    TYPES,
    Section,
)
from desktop_app.ui.terms import term

MULTI_MARK_NAMES = {
    MultiMarkRule.VOID_BALLOT: QT_TRANSLATE_NOOP("Terms", "整张票作废"),
    MultiMarkRule.VOID_TARGET: QT_TRANSLATE_NOOP("Terms", "仅该单位不计(视为弃权)"),
}
OVER_CAP_NAMES = {
    OverCapRule.VOID_BALLOT: QT_TRANSLATE_NOOP("Terms", "整张票作废"),
    OverCapRule.VOID_CATEGORY: QT_TRANSLATE_NOOP("Terms", "仅该类别不计"),
}
FileAsker = Callable[[QWidget, str, str, str], str]


def _save_name(parent: QWidget, title: str, folder: str, filter_: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, folder, filter_)[0]


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down list for the columns that take one of a few values."""

    def __init__(self, model: SectionModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model

    def _choices(self, index: QModelIndex | QPersistentModelIndex) -> list[str] | None:
        column = self.model.columns[index.column()]
        draft = self.model.editor.draft
        return None if column.choices is None or draft is None else column.choices(draft)

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        choices = self._choices(index)
        if choices is None:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.addItems(choices)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findText(str(index.data())), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox):
            if editor.currentText() != index.data():
                model.setData(index, editor.currentText())
        else:
            super().setModelData(editor, model, index)


class SectionTable(QWidget):
    """A table of the draft with 添加 / 删除 / 上移 / 下移 buttons."""

    def __init__(self, page: SetupScreen, section: Section, *, kinds: bool = False) -> None:
        super().__init__(page)
        self.page = page
        self.section = section
        self.model = SectionModel(
            page.editor, section.name, section.count, [], section.prefix, self
        )
        self.model.rejected.connect(page.show_message)
        self.model.noted.connect(page.show_message)
        self._build_view()
        self._build_buttons(kinds=kinds)
        self._build_shortcuts()
        self._lay_out()

    def _build_view(self) -> None:
        """The table over the section's model: one cell selected, typing edits it."""
        self.view = QTableView()
        self.view.setObjectName(f"table-{self.section.name}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(ChoiceDelegate(self.model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def _build_buttons(self, *, kinds: bool) -> None:
        """Add (with the agenda kind to add when ``kinds``), remove, up and down."""
        self.kind = QComboBox()
        for kind, name in KIND_NAMES.items():
            self.kind.addItem(term(name), kind.value)
        self.kind.setVisible(kinds)
        self.kind.setToolTip(self.tr("添加的议程类型"))
        self.add_button = QPushButton(self.tr("添加"))
        self.remove_button = QPushButton(self.tr("删除"))
        self.up_button = QToolButton()
        self.up_button.setText(self.tr("上移"))
        self.down_button = QToolButton()
        self.down_button.setText(self.tr("下移"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))

    def _build_shortcuts(self) -> None:
        """The row keys on the table, and the buttons' tooltips naming them."""
        for text, keys, slot in (
            (self.tr("添加一行"), QKeySequence(Qt.Key.Key_Insert), self.add),
            (
                self.tr("删除所选行"),
                QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Delete),
                self.remove,
            ),
            (
                self.tr("上移"),
                QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Up),
                lambda: self.move_row(-1),
            ),
            (
                self.tr("下移"),
                QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down),
                lambda: self.move_row(1),
            ),
        ):
            action = QAction(text, self.view)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
        self.add_button.setToolTip(self.tr("添加一行(Insert)"))
        self.remove_button.setToolTip(self.tr("删除所选行(Ctrl+Delete)"))
        self.up_button.setToolTip(self.tr("上移(Alt+↑)"))
        self.down_button.setToolTip(self.tr("下移(Alt+↓)"))
        self._tips = {
            button: button.toolTip()
            for button in (self.add_button, self.remove_button, self.up_button, self.down_button)
        }

    def _lay_out(self) -> None:
        """The section's title and buttons above its table."""
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(section_title(self.section.name)))
        buttons.addStretch(1)
        buttons.addWidget(self.kind)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)

    def refresh(self, meeting: Meeting, locked: bool) -> None:
        columns = self.section.columns(meeting)
        if [c.header for c in columns] != [c.header for c in self.model.columns]:
            self.model.set_columns(columns)
        else:
            self.model.columns = columns
        frozen = locked and self.section.counting
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not frozen)
            button.setToolTip(
                self.tr("已录入评议票,不能增删或调整顺序") if frozen else self._tips[button]
            )

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def _select(self, row: int, column: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, max(column, 0)))

    def add(self) -> None:
        meeting = self.page.editor.draft
        if meeting is None or self.section.add is None:
            return
        argument: object = self.kind.currentData() if self.kind.isVisible() else None
        if self.section is TARGETS:
            row = self.current_row()
            argument = new_target_category(meeting, row)
        try:
            new = self.section.add(meeting, argument)
        except ValueError as exc:
            self.page.show_message(str(exc))
            return
        if self.page.editor.apply(
            self.tr("{name}:添加").format(name=section_title(self.section.name)), new
        ):
            rows = self.model.rowCount()
            target_row = rows - 1
            if self.section is TARGETS:
                target_row = next(
                    i for i, name in enumerate(new.targets) if name not in meeting.targets
                )
            self._select(target_row, 0)
            self.view.edit(self.view.currentIndex())

    def remove(self) -> None:
        meeting = self.page.editor.draft
        row = self.current_row()
        if meeting is None or row < 0 or self.section.remove is None:
            return
        try:
            new = self.section.remove(meeting, row)
        except ValueError as exc:
            self.page.show_message(str(exc))
            return
        self.page.editor.apply(
            self.tr("{name}:删除").format(name=section_title(self.section.name)), new
        )
        self._select(min(row, self.model.rowCount() - 1), 0)

    def move_row(self, delta: int) -> None:
        meeting = self.page.editor.draft
        row = self.current_row()
        column = self.view.currentIndex().column()
        if meeting is None or row < 0 or self.section.move is None:
            return
        new = self.section.move(meeting, row, delta)
        if self.page.editor.apply(
            self.tr("{name}:调整顺序").format(name=section_title(self.section.name)), new
        ):
            self._select(row + delta, column)


class SetupScreen(QWidget):
    """Edit one meeting's definition; see the module docstring for its signal.

    It works on the session handed to :meth:`set_session`; ``db`` and ``station`` serve
    :meth:`set_meeting` only (the page used on its own)."""

    meeting_changed = Signal(int)

    def __init__(
        self,
        db: Database,
        operations: Operations,
        *,
        station: str = "",
        parent: QWidget | None = None,
        ask_save_file: FileAsker = _save_name,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.operations = operations
        self.station = station
        self.ask_save_file = ask_save_file
        self.session: MeetingSession | None = None
        self.meeting_id: int | None = None
        self.ballots = 0
        self._saving = False
        self._recount_on_show = False
        self.editor = MeetingEditor(self)
        self.editor.changed.connect(self._refresh)

        self.banner = QLabel()
        self.banner.setObjectName("warning")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._build_detail_fields()
        self._connect_detail_fields()
        details = self._lay_out_details()
        self._build_sections()
        self._build_tabs(details)
        self._build_problem_list()
        self._build_actions()
        self._lay_out(self._build_toolbar())
        self.setEnabled(False)

    def _build_detail_fields(self) -> None:
        """The details tab's boxes: title, date and its calendar, venue, minutes' head, rules."""
        self.title_edit = QLineEdit()
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText(self.tr("YYYY-MM-DD,可留空"))
        # A calendar beside the box (the box may stay empty: a date not yet fixed).
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._date_picked)
        self.calendar.activated.connect(self._date_picked)
        calendar_menu = QMenu(self)
        picker = QWidgetAction(calendar_menu)
        picker.setDefaultWidget(self.calendar)
        calendar_menu.addAction(picker)
        calendar_menu.aboutToShow.connect(self._calendar_opens)
        self.calendar_button = QToolButton()
        self.calendar_button.setText(self.tr("日历…"))
        self.calendar_button.setToolTip(self.tr("在日历上选日期"))
        self.calendar_button.setMenu(calendar_menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.venue_edit = QLineEdit()
        # The head of the minutes: 主持人, 出席, 记录人.
        self.chair_edit = QLineEdit()
        self.attendees_edit = QLineEdit()
        self.attendees_edit.setPlaceholderText(self.tr("如:市委常委,各县(市、区)委书记……"))
        self.recorder_edit = QLineEdit()
        self.date_hint = QLabel()
        self.date_hint.setObjectName("warning")
        self.title_hint = QLabel()
        self.title_hint.setObjectName("warning")
        self.multi_mark = QComboBox()
        for rule, name in MULTI_MARK_NAMES.items():
            self.multi_mark.addItem(term(name), rule.value)
        self.over_cap = QComboBox()
        for over, name in OVER_CAP_NAMES.items():
            self.over_cap.addItem(term(name), over.value)

    def _connect_detail_fields(self) -> None:
        """Each details box writes its field into the draft when it is left."""
        self.title_edit.editingFinished.connect(self._title_edited)
        self.venue_edit.editingFinished.connect(self._venue_edited)
        for edit, key, what in (
            (self.chair_edit, "chair", self.tr("修改主持人")),
            (self.attendees_edit, "attendees", self.tr("修改出席人员")),
            (self.recorder_edit, "recorder", self.tr("修改记录人")),
        ):
            edit.editingFinished.connect(
                lambda edit=edit, key=key, what=what: self._minutes_field_edited(edit, key, what)
            )
        self.date_edit.editingFinished.connect(self._date_edited)
        for edit in self._detail_edits():
            # Typing makes Ctrl+S live at once; saving takes in the box still being typed.
            edit.textEdited.connect(lambda _text: self.save_action.setEnabled(True))
        self.multi_mark.activated.connect(self._rules_edited)
        self.over_cap.activated.connect(self._rules_edited)

    def _lay_out_details(self) -> QWidget:
        """The details tab: one form of the boxes, the rules under their heading."""
        details = QWidget()
        form = QFormLayout(details)
        form.addRow(self.tr("会议名称"), self._with_hint(self.title_edit, self.title_hint))
        date_row = QWidget()
        date_layout = QHBoxLayout(date_row)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_layout.addWidget(self.date_edit, 1)
        date_layout.addWidget(self.calendar_button)
        form.addRow(self.tr("日期"), self._with_hint(date_row, self.date_hint))
        form.addRow(self.tr("地点"), self.venue_edit)
        form.addRow(self.tr("主持人"), self.chair_edit)
        form.addRow(self.tr("出席"), self.attendees_edit)
        form.addRow(self.tr("记录人"), self.recorder_edit)
        form.addRow(QLabel(self.tr("计票规则")))
        form.addRow(self.tr("同一单位划了多个等次"), self.multi_mark)
        form.addRow(self.tr("超过类别的上限"), self.over_cap)
        self.rules_hint = QLabel()
        self.rules_hint.setWordWrap(True)
        form.addRow(self.rules_hint)
        return details

    def _build_sections(self) -> None:
        """The tables of the meeting's sections and the roster's import and export buttons."""
        self.tables: dict[str, SectionTable] = {}
        self.agenda = self._section(AGENDA, kinds=True)
        self.speakers = self._section(SPEAKERS)
        self.categories = self._section(CATEGORIES)
        self.targets = self._section(TARGETS)
        self.levels = self._section(LEVELS)
        self.types = self._section(TYPES)
        self.import_button = QPushButton(self.tr("从 Excel/CSV 导入名单…"))
        self.import_button.clicked.connect(self.import_roster)
        self.export_roster_button = QPushButton(self.tr("导出名单到 Excel…"))
        self.export_roster_button.clicked.connect(self.export_roster)

    def _build_tabs(self, details: QWidget) -> None:
        """The five tabs, and which tab shows each field a problem names."""
        units = QWidget()
        units_layout = QVBoxLayout(units)
        cap_hint = QLabel(
            self.tr("上限可填数字,或填“一半”表示该类别单位数的一半(向下取整);留空表示不限。")
        )
        cap_hint.setWordWrap(True)
        units_layout.addWidget(cap_hint)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.categories)
        split.addWidget(self.targets)
        split.setSizes([160, 400])
        units_layout.addWidget(split, 1)
        people = QWidget()
        people_layout = QVBoxLayout(people)
        roster_buttons = QHBoxLayout()
        roster_buttons.addWidget(self.import_button)
        roster_buttons.addWidget(self.export_roster_button)
        roster_buttons.addStretch(1)
        people_layout.addLayout(roster_buttons)
        people_layout.addWidget(self.speakers, 1)
        ballots = QWidget()
        ballots_layout = QVBoxLayout(ballots)
        ballots_layout.addWidget(self.types, 1)
        ballots_layout.addWidget(self.levels, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(details, self.tr("基本信息与规则"))
        agenda = QWidget()
        agenda_layout = QVBoxLayout(agenda)
        agenda_layout.addWidget(self.agenda)
        self.tabs.addTab(agenda, self.tr("议程"))
        self.tabs.addTab(people, self.tr("述职人"))
        self.tabs.addTab(units, self.tr("评议对象与上限"))
        self.tabs.addTab(ballots, self.tr("票种与等次"))
        self._tab_of = {
            "title": 0,
            "date": 0,
            "venue": 0,
            "chair": 0,
            "attendees": 0,
            "recorder": 0,
            "rules": 0,
            "agenda": 1,
            "speakers": 2,
            "categories": 3,
            "ballot_types": 4,
            "levels": 4,
        }

    def _build_problem_list(self) -> None:
        """The problems to solve before the meeting; activating one goes to its field."""
        self.problem_list = QListWidget()
        self.problem_list.setObjectName("problems")
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.problem_list.itemClicked.connect(self._go_to_problem)
        self.problem_list.setMaximumHeight(110)

    def _build_actions(self) -> None:
        """Save, undo and redo, with their keys while the focus is in the screen."""
        self.undo_action = self.editor.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.editor.undo_stack.createRedoAction(self, self.tr("重做"))
        # Ctrl+Y and Ctrl+Shift+Z both redo, whatever the platform's own habit.
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        for extra in (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
            if extra not in redo_keys:
                redo_keys.append(extra)
        self.redo_action.setShortcuts(redo_keys)
        self.save_action = QAction(self.tr("保存"), self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        for action in (self.undo_action, self.redo_action, self.save_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def _build_toolbar(self) -> QHBoxLayout:
        """The row above the tabs: save, undo, redo, revert, export."""
        top = QHBoxLayout()
        for action in (self.save_action, self.undo_action, self.redo_action):
            button = QToolButton()
            button.setDefaultAction(action)
            top.addWidget(button)
        self.revert_button = QPushButton(self.tr("放弃修改"))
        self.revert_button.clicked.connect(self.revert)
        top.addWidget(self.revert_button)
        top.addStretch(1)
        self.export_json_button = QPushButton(self.tr("导出会议定义(JSON)…"))
        self.export_json_button.clicked.connect(self.export_json)
        top.addWidget(self.export_json_button)
        return top

    def _lay_out(self, top: QHBoxLayout) -> None:
        """The toolbar, the banner, the tabs, the problems and the status, top to bottom."""
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(QLabel(self.tr("开会前须解决的问题(点击定位):")))
        layout.addWidget(self.problem_list)
        layout.addWidget(self.status)

    @staticmethod
    def _with_hint(edit: QWidget, hint: QLabel) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(hint)
        return box

    def _section(self, section: Section, *, kinds: bool = False) -> SectionTable:
        table = SectionTable(self, section, kinds=kinds)
        self.tables[section.name] = table
        return table

    # --- loading and showing ----------------------------------------------------------

    def set_meeting(self, meeting_id: int) -> None:
        """The page on its own (no main window): a session of its own on ``meeting_id``."""
        self.set_session(open_own_session(self, self.db, meeting_id, station=self.station))

    def set_session(self, session: MeetingSession) -> None:
        """Show the session's meeting for editing (unsaved edits of another are dropped)."""
        self.session = listen(self.session, session, self._session_changed)
        self.meeting_id = session.meeting_id
        self._load()

    def _load(self) -> None:
        session = self.session
        assert session is not None
        self.ballots = session.read(lambda s: ballot_count(s, session.meeting_id))
        self.editor.load(session.meeting, locked=self.ballots > 0)
        self.setEnabled(True)
        self.show_message("")

    def _session_changed(self, what: str) -> None:
        """The definition was saved elsewhere: shown here too, unless edits are pending (a
        save of this page's own marks its draft saved instead). Ballot counts stored
        elsewhere reach the draft at once, edits or not (a save must not write an old 发出
        back); ballots entered elsewhere lock the counting fields when there are some."""
        session = self.session
        if session is None or self._saving:
            return
        if what in (COUNTS, ELSEWHERE):
            self.editor.take_counts(session.meeting)
        if what in (BALLOTS, ELSEWHERE):
            if self.isVisible():
                self._recount()
            else:
                self._recount_on_show = True  # not a count per ballot typed on another tab
        if what == MEETING and not self.editor.dirty:
            self._load()

    def _recount(self) -> None:
        session = self.session
        assert session is not None
        ballots = session.read(lambda s: ballot_count(s, session.meeting_id))
        if ballots != self.ballots:
            self.ballots = ballots
            self.editor.locked = self.editor.locked or ballots > 0
            self._refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._recount_on_show and self.session is not None:
            self._recount_on_show = False
            self._recount()

    def _refresh(self) -> None:
        meeting = self.editor.draft
        if meeting is None:
            return
        locked = self.editor.locked
        for edit, text in (
            (self.title_edit, meeting.title),
            (self.venue_edit, meeting.venue),
            (self.chair_edit, meeting.chair),
            (self.attendees_edit, meeting.attendees),
            (self.recorder_edit, meeting.recorder),
            (self.date_edit, meeting.date.isoformat() if meeting.date else ""),
        ):
            if edit.text() != text:
                edit.setText(text)
        self.date_hint.setText("")
        title_problem = self.editor.problem("title")
        self.title_hint.setText(title_problem.message if title_problem else "")
        self.multi_mark.setCurrentIndex(self.multi_mark.findData(meeting.rules.multi_mark.value))
        self.over_cap.setCurrentIndex(self.over_cap.findData(meeting.rules.over_cap.value))
        self.multi_mark.setEnabled(not locked)
        self.over_cap.setEnabled(not locked)
        self.rules_hint.setText(
            self.tr(
                "规则决定废票:“整张票作废”是多数地方的做法;"
                "选“仅该单位不计”或“仅该类别不计”时,票的其余部分照常计票。"
            )
        )
        for table in self.tables.values():
            table.refresh(meeting, locked)
        self.banner.setVisible(locked)
        self.import_button.setEnabled(not locked)
        self.import_button.setToolTip(
            self.tr("已录入评议票,不能再导入名单(会改变评议对象)") if locked else ""
        )
        self.banner.setText(
            self.tr(
                "已录入 {n} 张评议票:评议对象、等次的数目和分值、上限、票种代码、权重和计票规则"
                "已锁定,以免改变计票结果。会议名称、地点、议程、述职人和各项名称仍可修改,"
                "每次修改都记入审计日志。"
            ).format(n=self.ballots)
        )
        self.problem_list.clear()
        for problem in self.editor.problems:
            item = QListWidgetItem(
                self.tr("{where}:{message}。修改方法:{fix}").format(
                    where=self._where(meeting, problem.field),
                    message=problem.message,
                    fix=problem.fix,
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, problem.field)
            self.problem_list.addItem(item)
        if not self.editor.problems:
            self.problem_list.addItem(self.tr("没有问题,会议可以开始。"))
        self._refresh_status()

    def _where(self, meeting: Meeting, field: str) -> str:
        """A field path in words: ``speakers[2].name`` → 述职人 › 第 3 行."""
        head = re.match(r"[a-z_]+", field)
        tab = self.tabs.tabText(self._tab_of.get(head.group(0) if head else "", 0))
        rows = re.findall(r"\[(\d+)\]", field)
        details = {
            "title": self.tr("会议名称"),
            "venue": self.tr("地点"),
            "chair": self.tr("主持人"),
            "attendees": self.tr("出席"),
            "recorder": self.tr("记录人"),
        }
        if field in details:
            return self.tr("{tab} › {field}").format(tab=tab, field=details[field])
        if field.startswith("categories") and len(rows) == 2:
            name = meeting.categories[int(rows[0])].targets[int(rows[1])]
            return self.tr("{tab} › 单位“{name}”").format(tab=tab, name=name)
        if rows:
            return self.tr("{tab} › 第 {row} 行").format(tab=tab, row=int(rows[0]) + 1)
        return tab

    def _refresh_status(self) -> None:
        dirty = self.editor.dirty
        self.save_action.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        blocking = [p for p in self.editor.problems if p.blocks_save]
        if dirty and blocking:
            self.save_action.setToolTip(
                self.tr("有 {n} 个问题须先改正才能保存").format(n=len(blocking))
            )
        else:
            self.save_action.setToolTip("")

    def show_message(self, text: str) -> None:
        self.status.setText(text)

    def _go_to_problem(self, item: QListWidgetItem) -> None:
        field = item.data(Qt.ItemDataRole.UserRole)
        if not field:
            return
        head = re.match(r"[a-z_]+", field)
        self.tabs.setCurrentIndex(self._tab_of.get(head.group(0) if head else "", 0))
        for table in self.tables.values():
            index = table.model.index_of_field(field)
            if index is None and field.startswith("categories[") and ".targets" not in field:
                index = table.model.index_of_field(field.split(".")[0] + ".name")
            if index is not None and index.isValid():
                table.view.setCurrentIndex(index)
                table.view.setFocus()
                return
        if field == "title":
            self.title_edit.setFocus()

    # --- edits of the details ---------------------------------------------------------

    def _title_edited(self) -> None:
        self.editor.edit(self.tr("修改会议名称"), title=self.title_edit.text().strip())

    def _venue_edited(self) -> None:
        self.editor.edit(self.tr("修改地点"), venue=self.venue_edit.text().strip())

    def _minutes_field_edited(self, edit: QLineEdit, key: str, what: str) -> None:
        """主持人, 出席 or 记录人 typed: one undoable edit of the draft."""
        if self.editor.draft is not None and getattr(self.editor.draft, key) != edit.text().strip():
            self.editor.edit(what, **{key: edit.text().strip()})

    def _calendar_opens(self) -> None:
        try:
            shown = parse_meeting_date(self.date_edit.text())
        except ValueError:
            shown = None
        day = shown or dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _date_picked(self, picked: QDate) -> None:
        self.date_edit.setText(picked.toString("yyyy-MM-dd"))
        menu = self.calendar_button.menu()
        if menu is not None:
            menu.hide()
        self._date_edited()

    def _date_edited(self) -> None:
        text = self.date_edit.text().strip()
        try:
            date = parse_meeting_date(text)  # 2021-01-20, 2021/1/20, 2021年1月20日…
        except ValueError as exc:
            self.date_hint.setText(str(exc))
            return
        if date is not None:
            self.date_edit.setText(date.isoformat())
        self.date_hint.setText("")
        self.editor.edit(self.tr("修改日期"), date=date)

    def _rules_edited(self) -> None:
        self.editor.edit(
            self.tr("修改计票规则"),
            rules=Rules(
                MultiMarkRule(self.multi_mark.currentData()),
                OverCapRule(self.over_cap.currentData()),
            ),
        )

    # --- saving -------------------------------------------------------------------------

    def _detail_edits(self) -> tuple[QLineEdit, ...]:
        return (
            self.title_edit,
            self.venue_edit,
            self.chair_edit,
            self.attendees_edit,
            self.recorder_edit,
            self.date_edit,
        )

    def save(self) -> bool:
        """Store the draft in place; False (with the reason shown) if it cannot be. A details
        box still being typed in is taken in first, as if it had been left."""
        focused = QApplication.focusWidget()
        if isinstance(focused, QLineEdit) and focused in self._detail_edits():
            focused.editingFinished.emit()  # the box's own handler ignores an unchanged text
        meeting = self.editor.draft
        if self.meeting_id is None or meeting is None or not self.editor.dirty:
            return False
        blocking = [p for p in self.editor.problems if p.blocks_save]
        if blocking:
            self.show_message(
                self.tr("不能保存:{n} 个问题须先改正(见下方列表,如 {first})。").format(
                    n=len(blocking), first=f"{blocking[0].message}"
                )
            )
            return False
        session = self.session
        assert session is not None
        self._saving = True
        try:
            session.write(
                lambda s: update_meeting(s, session.meeting_id, meeting, station=session.station),
                MEETING,
                reload=True,  # every screen shows the stored version
            )
        except DataError as exc:
            self.show_message(self.tr("未保存:{error}").format(error=exc.message))
            return False
        finally:
            self._saving = False
        self.editor.mark_saved(session.meeting)
        self.show_message(
            self.tr("已保存 {time}").format(time=dt.datetime.now().astimezone().strftime("%H:%M"))
        )
        self.meeting_changed.emit(self.meeting_id)
        return True

    def settle_unsaved(self) -> bool:
        """Before leaving the screen or the meeting: unsaved edits are saved or discarded as
        the user says, never silently lost. False when the user chose to stay."""
        if not self.editor.dirty:
            return True
        answer = ask_unsaved(
            self,
            self.tr("未保存的会议设置"),
            self.tr("会议设置有修改尚未保存。保存、放弃,还是回去继续修改?"),
            "unsaved-setup",
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        return False

    def revert(self) -> None:
        if self.session is not None:
            self._load()

    # --- files --------------------------------------------------------------------------

    def import_roster(self) -> RosterImportDialog | None:
        """Open the roster import; on confirmation its roster becomes one undoable edit."""
        meeting = self.editor.draft
        if meeting is None:
            return None
        if self.editor.locked:
            self.show_message(self.tr("已录入评议票,不能再导入名单(会改变评议对象)。"))
            return None
        dialog = RosterImportDialog(meeting, self.operations, parent=self)
        dialog.accepted.connect(lambda: self._roster_imported(dialog.result_meeting))
        dialog.open()
        return dialog

    def _roster_imported(self, meeting: Meeting | None) -> None:
        if meeting is not None and self.editor.apply(self.tr("导入名单"), meeting):
            self.show_message(
                self.tr("已导入 {s} 名述职人、{t} 个评议对象;检查无误后请保存。").format(
                    s=len(meeting.speakers), t=len(meeting.targets)
                )
            )

    def export_roster(self) -> None:
        meeting = self.editor.draft
        if meeting is None:
            return
        name = self.ask_save_file(
            self,
            self.tr("导出名单"),
            f"{meeting.title}-名单.xlsx",  # data: a file name
            self.tr("Excel 文件 (*.xlsx)"),
        )
        if not name:
            return
        path = Path(name)
        self._run_file(
            lambda: write_roster_file(meeting, path), self.tr("名单已导出到 {path}"), path
        )

    def export_json(self) -> None:
        if self.meeting_id is None:
            return
        meeting_id = self.meeting_id
        db = self.session.db if self.session is not None else self.db
        name = self.ask_save_file(
            self,
            self.tr("导出会议定义"),
            f"{self.editor.saved.title if self.editor.saved else 'meeting'}.json",
            self.tr("会议定义 (*.json)"),
        )
        if not name:
            return
        path = Path(name)
        note = self.tr("(导出的是已保存的版本)") if self.editor.dirty else ""
        self._run_file(
            # A background job with its own connection (store.transfer opens it).
            lambda: export_meeting_file(db, meeting_id, path),
            self.tr("会议定义已导出到 {path}") + note,
            path,
        )

    def _run_file(self, work: Callable[[], object], done: str, path: Path) -> None:
        def failed(exc: Exception) -> None:
            self.show_message(self.tr("导出失败:{error}").format(error=failure_text(exc)))
            if not is_expected(exc):
                report_failure(self, self.tr("导出失败"), exc)

        self.operations.run(work, lambda _result: self.show_message(done.format(path=path)), failed)
