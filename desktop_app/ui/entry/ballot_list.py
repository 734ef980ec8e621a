"""The ballot list: every entered ballot with its status; filter, find, open, delete; the
double-entry comparison; the audit sample; finalising.

Signals:
    edit_requested(object, object): open a ballot in the entry screen; carries the
        :class:`Ballot` and the pass number (None: the ballot, or every typing of it).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.ballots import Ballot, BallotStatus, classify_ballot
from desktop_app.domain.entry import EntryPair, PairState
from desktop_app.domain.errors import DataError
from desktop_app.domain.serials import serial_key
from desktop_app.domain.text import QT_TRANSLATE_NOOP, translate, translating
from desktop_app.store.entry import BallotRecord
from desktop_app.ui.entry.desk import BallotDesk
from desktop_app.ui.errors import failure_text, report_failure
from desktop_app.ui.models import SORT_ROLE, Column, RowTableModel, columns_in
from desktop_app.ui.palette import ENTRY_PASSES_DIFFER
from desktop_app.ui.terms import clauses, listing, term

STATUS_NAMES = {
    BallotStatus.VALID: QT_TRANSLATE_NOOP("Terms", "有效票"),
    BallotStatus.VOID: QT_TRANSLATE_NOOP("Terms", "废票"),
    BallotStatus.BLANK: QT_TRANSLATE_NOOP("Terms", "空白票"),
}
PAIR_NAMES = {
    PairState.WAITING: QT_TRANSLATE_NOOP("Terms", "待第二次录入"),
    PairState.MISMATCH: QT_TRANSLATE_NOOP("Terms", "两次不一致"),
    PairState.AGREED: QT_TRANSLATE_NOOP("Terms", "两次一致"),
}


def ask(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No question (tests replace this function)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """A line of text, or None when cancelled (tests replace this function)."""
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


@dataclass(frozen=True)
class ListRow:
    """One line of the list: a counted ballot, or under double entry one serial."""

    ballot: Ballot
    status: str  # valid / void / blank, or a pair state
    shown: str  # the status as shown
    detail: str
    station: str
    when: dt.datetime | None
    pair: EntryPair | None = None

    @property
    def serial(self) -> str:
        return self.ballot.serial


def serial_order(serial: str) -> str:
    """Serials in the order people count them (A-2 before A-10): numbers padded."""
    return re.sub(r"\d+", lambda m: m.group().zfill(12), serial.lower())


class ListColumn(IntEnum):
    """The ballot list's columns."""

    SERIAL = 0
    TYPE = 1
    STATUS = 2
    DETAIL = 3
    STATION = 4
    TIME = 5


class BallotListPanel(QWidget):
    edit_requested = Signal(object, object)

    COLUMNS: list[Column[ListRow]] = columns_in(
        ListColumn,
        {
            ListColumn.SERIAL: (
                QT_TRANSLATE_NOOP("Columns", "票号"),
                lambda r: r.serial,
                lambda r: serial_order(r.serial),
            ),
            ListColumn.TYPE: (QT_TRANSLATE_NOOP("Columns", "票种"), lambda r: r.ballot.type_code),
            ListColumn.STATUS: (QT_TRANSLATE_NOOP("Columns", "状态"), lambda r: r.shown),
            ListColumn.DETAIL: (QT_TRANSLATE_NOOP("Columns", "说明"), lambda r: r.detail),
            ListColumn.STATION: (QT_TRANSLATE_NOOP("Columns", "录入点"), lambda r: r.station),
            ListColumn.TIME: (
                QT_TRANSLATE_NOOP("Columns", "时间"),
                lambda r: r.when.astimezone().strftime("%H:%M:%S") if r.when else "",
            ),
        },
    )

    def __init__(self, desk: BallotDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.rows: list[ListRow] = []
        self.stale = True

        self._build_filters()
        self._build_table()
        self._build_comparison()
        self._build_buttons()
        self._lay_out()
        desk.changed.connect(self._changed)

    def _build_filters(self) -> None:
        """The type and status filters, the serial finder and the count lines."""
        self.type_filter = QComboBox()
        self.status_filter = QComboBox()
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("按票号查找(Ctrl+F)"))
        self.find_edit.setClearButtonEnabled(True)
        for widget in (self.type_filter, self.status_filter):
            widget.currentIndexChanged.connect(self.apply_filter)
        self.find_edit.textChanged.connect(self.apply_filter)
        self.find_edit.returnPressed.connect(self._focus_first)
        self.count_label = QLabel()
        self.final_label = QLabel()
        self.final_label.setWordWrap(True)
        self.final_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _build_table(self) -> None:
        """The list itself, sorted by serial until a header is clicked."""
        self.model: RowTableModel[ListRow] = RowTableModel(self.COLUMNS, self)
        self.view = QTableView()
        # By serial until a header is clicked; a click sorts by that column.
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(ListColumn.SERIAL, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(22)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ListColumn.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.view.activated.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(self._show_comparison)

    def _build_comparison(self) -> None:
        """Double entry: the selected ballot's two typings side by side, and what settles them."""
        self.compare = QTableWidget(0, 3)
        self.compare.setHorizontalHeaderLabels(
            [self.tr("评议对象"), self.tr("第一次"), self.tr("第二次")]
        )
        self.compare.verticalHeader().setVisible(False)
        self.compare.verticalHeader().setDefaultSectionSize(22)
        self.compare.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.compare_label = QLabel()
        self.compare_label.setWordWrap(True)
        self.keep_first = QPushButton(self.tr("以第一次为准"))
        self.keep_first.clicked.connect(lambda: self.settle(1))
        self.keep_second = QPushButton(self.tr("以第二次为准"))
        self.keep_second.clicked.connect(lambda: self.settle(2))
        self.compare_box = QWidget()
        compare_layout = QVBoxLayout(self.compare_box)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        compare_layout.addWidget(self.compare_label)
        compare_layout.addWidget(self.compare, 1)
        settle_row = QHBoxLayout()
        settle_row.addWidget(self.keep_first)
        settle_row.addWidget(self.keep_second)
        compare_layout.addLayout(settle_row)

    def _build_buttons(self) -> None:
        """The actions on the selected ballot and on the whole list, and their keys."""
        self.open_button = QPushButton(self.tr("打开修改(Enter)"))
        self.open_button.clicked.connect(self.open_selected)
        self.delete_button = QPushButton(self.tr("删除…(Del)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.sample_button = QPushButton(self.tr("抽样核对…"))
        self.sample_button.clicked.connect(self.show_sample_dialog)
        self.counts_button = QPushButton(self.tr("发出/收回张数…"))
        self.counts_button.clicked.connect(self.show_counts_dialog)
        self.double_button = QPushButton()
        self.double_button.clicked.connect(self.toggle_double_entry)
        self.finalise_button = QPushButton(self.tr("定稿…"))
        self.finalise_button.clicked.connect(self.request_finalise)
        self.unlock_button = QPushButton(self.tr("解除定稿…"))
        self.unlock_button.clicked.connect(self.request_unlock)
        for keys, slot in (
            (QKeySequence.StandardKey.Delete, self.delete_selected),
            (QKeySequence.StandardKey.Find, self.find_edit.setFocus),
            # The delete question promises Ctrl+Z: it undoes here too, not only on the sheet.
            (QKeySequence.StandardKey.Undo, self.undo),
            (QKeySequence.StandardKey.Redo, self.redo),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _lay_out(self) -> None:
        """Filters over the list and the comparison, the buttons under them."""
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("票种")))
        filters.addWidget(self.type_filter)
        filters.addWidget(QLabel(self.tr("状态")))
        filters.addWidget(self.status_filter)
        filters.addWidget(self.find_edit, 1)
        filters.addWidget(self.count_label)
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.compare_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        for button in (
            self.open_button,
            self.delete_button,
            self.sample_button,
            self.counts_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.double_button, self.finalise_button, self.unlock_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.final_label)

    # --- loading --------------------------------------------------------------------------

    def set_meeting(self) -> None:
        meeting = self.desk.meeting
        for combo in (self.type_filter, self.status_filter):
            combo.blockSignals(True)
            combo.clear()
        self.type_filter.addItem(self.tr("全部"), "")
        for ballot_type in meeting.ballot_types:
            self.type_filter.addItem(ballot_type.code, ballot_type.code)
        self.status_filter.addItem(self.tr("全部"), "")
        for status, name in STATUS_NAMES.items():
            self.status_filter.addItem(term(name), status.value)
        if self.desk.double_entry:
            for state in (PairState.WAITING, PairState.MISMATCH):
                self.status_filter.addItem(term(PAIR_NAMES[state]), state.value)
        for combo in (self.type_filter, self.status_filter):
            combo.blockSignals(False)
        self.compare_box.setVisible(self.desk.double_entry)
        self.reload()

    def _changed(self) -> None:
        self.stale = True
        try:
            if self.isVisible():
                self.reload()
            else:
                self._update_buttons()
        except DataError:  # the database is not answering; reloaded when it is back
            self.stale = True

    def showEvent(self, event: object) -> None:
        if self.stale:
            self.reload()
        super().showEvent(event)  # type: ignore[arg-type]

    def reload(self) -> None:
        if self.desk.book is None:
            return
        self.stale = False
        if self.desk.double_entry:
            self.rows = [self._pair_row(pair) for pair in self.desk.pairs()]
            typed = {r.serial for r in self.rows}
            self.rows += [self._record_row(r) for r in self.desk.records() if r.serial not in typed]
        else:
            self.rows = [self._record_row(r) for r in self.desk.records()]
        self.apply_filter()
        self._update_buttons()

    def _record_row(self, record: BallotRecord) -> ListRow:
        if not translating():
            detail = record.detail
        else:  # the stored words are Chinese; the same rules give them in this language
            detail = classify_ballot(self.desk.meeting, record.ballot).void_detail(translate)
        return ListRow(
            record.ballot,
            record.status.value,
            term(STATUS_NAMES[record.status]),
            detail,
            record.station,
            record.updated_at,
        )

    def _pair_row(self, pair: EntryPair) -> ListRow:
        meeting = self.desk.meeting
        first = pair.typings[0]
        stations = "/".join(t.station for t in pair.typings)
        if pair.state is PairState.AGREED:
            classification = classify_ballot(meeting, pair.typings[1].ballot)
            same = self.tr("(同一录入点录入两次)") if pair.same_station else ""
            return ListRow(
                pair.typings[1].ballot,
                classification.status.value,
                term(STATUS_NAMES[classification.status]),
                classification.void_detail(translate) + same,
                stations,
                None,
                pair,
            )
        detail = ""
        if pair.state is PairState.MISMATCH:
            named = [
                self.tr("票种") if d == "type" else self.tr("作废原因") if d == "void_reason" else d
                for d in pair.differences
            ]
            detail = self.tr("不一致:") + listing(named)
        return ListRow(
            first.ballot,
            pair.state.value,
            term(PAIR_NAMES[pair.state]),
            detail,
            stations,
            None,
            pair,
        )

    def apply_filter(self) -> None:
        code = self.type_filter.currentData() or ""
        status = self.status_filter.currentData() or ""
        # One paper, one serial: the finder compares normal forms (a-0010 finds A-010).
        needle = serial_key(self.find_edit.text())
        shown = [
            r
            for r in self.rows
            if (not code or r.ballot.type_code == code)
            and (not status or r.status == status)
            and (not needle or needle in serial_key(r.serial))
        ]
        self.model.set_rows(shown)
        self.count_label.setText(
            self.tr("{n}/{total} 张").format(n=len(shown), total=len(self.rows))
        )
        if shown:
            exact = next((i for i, r in enumerate(shown) if serial_key(r.serial) == needle), None)
            self.view.selectRow(0 if exact is None else self._view_row(exact))
        self._show_comparison()

    def _focus_first(self) -> None:
        self.view.setFocus()

    def _view_row(self, row: int) -> int:
        """Where the model's ``row`` shows in the sorted view."""
        return self.proxy.mapFromSource(self.model.index(row, ListColumn.SERIAL)).row()

    def selected(self) -> ListRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select_serial(self, serial: str) -> bool:
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).serial == serial:
                self.view.selectRow(self._view_row(i))
                return True
        return False

    def _update_buttons(self) -> None:
        if self.desk.book is None:
            return
        finalised = self.desk.finalisation()
        for button in (self.open_button, self.delete_button, self.keep_first, self.keep_second):
            button.setEnabled(finalised is None)
        self.finalise_button.setVisible(finalised is None)
        self.unlock_button.setVisible(finalised is not None)
        self.counts_button.setEnabled(finalised is None)
        self.double_button.setText(
            self.tr("改为单人录入") if self.desk.double_entry else self.tr("改为双人录入")
        )
        self.double_button.setEnabled(finalised is None and not self.rows)
        if finalised is None:
            self.final_label.setText(self.tr("评议票尚未定稿:结果为初步结果。"))
        else:
            self.final_label.setText(
                self.tr("已定稿:{at}(录入点 {station})。评议票数据摘要 SHA-256:{digest}").format(
                    at=finalised.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                    station=finalised.station or "—",
                    digest=finalised.digest,
                )
            )

    # --- comparison -----------------------------------------------------------------------

    def _show_comparison(self) -> None:
        row = self.selected()
        pair = row.pair if row else None
        self.compare.setRowCount(0)
        can_settle = pair is not None and pair.state is PairState.MISMATCH
        self.keep_first.setEnabled(can_settle and self.desk.finalisation() is None)
        self.keep_second.setEnabled(can_settle and self.desk.finalisation() is None)
        if pair is None:
            self.compare_label.setText(self.tr("选择一张双人录入的票,在此对照两次录入。"))
            return
        meeting = self.desk.meeting
        first = pair.typing(1)
        second = pair.typing(2)
        self.compare_label.setText(
            self.tr("{serial}:{state}。第一次:{s1};第二次:{s2}").format(
                serial=pair.serial,
                state=term(PAIR_NAMES[pair.state]),
                s1=first.station if first else "—",
                s2=second.station if second else self.tr("尚未录入"),
            )
        )

        def ticks(target: str) -> Callable[[Ballot], str]:
            return lambda b: "|".join(b.ticks(target)) or "—"

        lines: list[tuple[str, Callable[[Ballot], str], str]] = [
            (self.tr("票种"), lambda b: b.type_code, "type"),
            *((t, ticks(t), t) for t in meeting.targets),
            (self.tr("作废原因"), lambda b: b.void_reason or "—", "void_reason"),
        ]
        differing = set(pair.differences)
        # Differences first, so the clerk sees them without scrolling.
        lines.sort(key=lambda line: line[2] not in differing)
        self.compare.setRowCount(len(lines))
        for i, (name, value, key) in enumerate(lines):
            cells = [
                name,
                value(first.ballot) if first else "",
                value(second.ballot) if second else "",
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if key in differing:
                    item.setBackground(QBrush(QColor(ENTRY_PASSES_DIFFER)))
                self.compare.setItem(i, j, item)

    def settle(self, keep_pass: int) -> None:
        row = self.selected()
        if row is None or row.pair is None:
            return
        try:
            self.desk.settle(row.serial, keep_pass)
        except DataError as exc:
            report_failure(self, self.tr("无法处理"), exc)
            return
        self.select_serial(row.serial)

    # --- commands -------------------------------------------------------------------------

    def open_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.pair is not None and row.pair.state is PairState.WAITING:
            self.edit_requested.emit(row.pair.typings[0].ballot, row.pair.typings[0].pass_no)
        elif row.pair is not None and row.pair.state is PairState.MISMATCH:
            # Open the first typing; the comparison beside the list shows both.
            self.edit_requested.emit(row.pair.typings[0].ballot, row.pair.typings[0].pass_no)
        else:
            self.edit_requested.emit(row.ballot, None)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        what = self.tr("票号 {serial}({status})").format(serial=row.serial, status=row.shown)
        if row.pair is not None:
            what += self.tr(",连同它的全部 {n} 次录入").format(n=len(row.pair.typings))
        if not ask(
            self,
            self.tr("删除评议票"),
            self.tr("确定删除 {what}?可以撤销(Ctrl+Z)。").format(what=what),
        ):
            return
        try:
            self.desk.delete(row.serial)
        except DataError as exc:
            report_failure(self, self.tr("无法删除"), exc)

    def undo(self) -> None:
        """Ctrl+Z: the desk's last change undone (a delete brings the ballot back)."""
        self.desk.undo_stack.undo()

    def redo(self) -> None:
        self.desk.undo_stack.redo()

    def toggle_double_entry(self) -> None:
        on = not self.desk.double_entry
        text = (
            self.tr("改为双人录入:每张纸质票由两人各录一次,两次一致才计入。确定?")
            if on
            else self.tr("改为单人录入?")
        )
        if not ask(self, self.tr("录入方式"), text):
            return
        try:
            self.desk.set_double_entry(on)
        except DataError as exc:
            report_failure(self, self.tr("无法切换"), exc)
            return
        self.set_meeting()

    def request_finalise(self) -> bool:
        problems = self.desk.open_problems()
        if problems:
            QMessageBox.warning(self, self.tr("不能定稿"), "\n".join(problems))
            return False
        warnings = [w for p in self.desk.progress() for w in p.warnings()]
        counts = self.desk.counts()
        summary = listing(
            self.tr("{code}票 {count} 张").format(code=code, count=n)
            for code, n in counts.counted.items()
        )
        text = self.tr(
            "定稿后评议票将锁定,不能再录入或修改(可解除定稿,会记入审计日志)。\n\n已计入:{s}。"
        ).format(s=summary)
        if warnings:
            text += "\n\n" + self.tr("注意:") + clauses(warnings)
        if not ask(self, self.tr("定稿"), text + "\n\n" + self.tr("确定定稿?")):
            return False
        try:
            self.desk.finalise()
        except DataError as exc:
            report_failure(self, self.tr("不能定稿"), exc)
            return False
        return True

    def request_unlock(self) -> bool:
        reason = ask_text(self, self.tr("解除定稿"), self.tr("解除定稿的原因(记入审计日志):"))
        if reason is None:
            return False
        try:
            self.desk.unlock(reason)
        except DataError as exc:
            report_failure(self, self.tr("无法解除定稿"), exc)
            return False
        return True

    def show_sample_dialog(self) -> QDialog:
        dialog = SampleDialog(self.desk, self)
        dialog.open()
        return dialog

    def show_counts_dialog(self) -> QDialog:
        dialog = CountsDialog(self.desk, self)
        dialog.open()
        return dialog


class SampleDialog(QDialog):
    """Draw a reproducible random sample of serials for the scrutineers (随机抽样核对)."""

    def __init__(self, desk: BallotDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("抽样核对"))
        self.size_box = QSpinBox()
        self.size_box.setRange(1, 10000)
        self.size_box.setValue(10)
        self.seed_edit = QLineEdit()
        self.seed_edit.setPlaceholderText(self.tr("留空则随机生成"))
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        draw = QPushButton(self.tr("抽取"))
        draw.clicked.connect(self.draw)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("抽取张数"), self.size_box)
        form.addRow(self.tr("随机种子"), self.seed_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "从已计入的评议票中随机抽取票号,由监票人对照纸质票核对。"
                    "同一种子总是抽出同样的票号,可复核;种子与结果记入审计日志。"
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(draw)
        layout.addWidget(self.output, 1)
        # Scanned ballots of the sample: the stored image beside the stored reading.
        from desktop_app.ui.scan.evidence import ScanEvidence

        self.scan_choice = QComboBox()
        self.scan_choice.currentTextChanged.connect(self._show_scan)
        self.evidence = ScanEvidence(desk)
        scan_row = QHBoxLayout()
        scan_row.addWidget(QLabel(self.tr("查看扫描件")))
        scan_row.addWidget(self.scan_choice, 1)
        layout.addLayout(scan_row)
        layout.addWidget(self.evidence, 2)
        layout.addWidget(close)
        self.resize(520, 760)

    def draw(self) -> None:
        text = self.seed_edit.text().strip()
        if text and not text.isdigit():
            self.output.setPlainText(self.tr("随机种子须为整数:{t}").format(t=text))
            return
        seed, serials = self.desk.sample(self.size_box.value(), int(text) if text else None)
        self.seed_edit.setText(str(seed))
        self.output.setPlainText(
            self.tr("随机种子 {seed},抽取 {n} 张:\n").format(seed=seed, n=len(serials))
            + "\n".join(serials)
        )
        self.scan_choice.clear()
        self.scan_choice.addItems(serials)

    def _show_scan(self, serial: str) -> None:
        if serial:
            self.evidence.show_serial(serial)


class CountsDialog(QDialog):
    """Ballots issued (发出) and collected (收回) per type."""

    def __init__(self, desk: BallotDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.setWindowTitle(self.tr("发出/收回张数"))
        progress = {p.code: p for p in desk.progress()}
        self.boxes: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        form = QFormLayout()
        for ballot_type in desk.meeting.ballot_types:
            issued, collected = QSpinBox(), QSpinBox()
            for box in (issued, collected):
                box.setRange(-1, 100000)
                box.setSpecialValueText(self.tr("未知"))
            issued.setValue(
                -1
                if progress[ballot_type.code].issued is None
                else progress[ballot_type.code].issued or 0
            )
            value = progress[ballot_type.code].collected
            collected.setValue(-1 if value is None else value)
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("发出")))
            row.addWidget(issued)
            row.addWidget(QLabel(self.tr("收回")))
            row.addWidget(collected)
            form.addRow(ballot_type.label, row)
            self.boxes[ballot_type.code] = (issued, collected)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.error = QLabel()
        self.error.setObjectName("warning")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            for code, (issued, collected) in self.boxes.items():
                self.desk.set_counts(
                    code,
                    issued=None if issued.value() < 0 else issued.value(),
                    collected=None if collected.value() < 0 else collected.value(),
                )
        except DataError as exc:
            self.error.setText(failure_text(exc))
            return
        self.accept()
