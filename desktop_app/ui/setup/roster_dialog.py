"""Import speakers and units from an Excel (.xlsx) or CSV roster, with a preview.

The file is read off the GUI thread; the preview shows its rows with the columns mapped to
fields (guessed from the header, changeable), every problem listed by row and column, and
the import button stays disabled until the roster is clean. Nothing changes until the user
confirms; then the page makes the roster one undoable edit (:attr:`result_meeting`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.meeting import Meeting
from desktop_app.domain.roster import (
    FIELD_LABELS,
    Roster,
    RosterField,
    apply_roster,
    read_roster,
    roster_column_name,
)
from desktop_app.domain.text import QT_TRANSLATE_NOOP
from desktop_app.store.transfer import read_table_file
from desktop_app.ui.errors import failure_text, is_expected, report_failure
from desktop_app.ui.models import column_title
from desktop_app.ui.operations import Operations
from desktop_app.ui.palette import ROSTER_BAD_ROW, ROSTER_HEADER_ROW

# The roster's field names are shown as column titles; the one not already a column title
# elsewhere is marked here for translation.
QT_TRANSLATE_NOOP("Columns", "“好”上限")

AnyIndex = QModelIndex | QPersistentModelIndex
BAD = QBrush(QColor(ROSTER_BAD_ROW))
HEADER = QBrush(QColor(ROSTER_HEADER_ROW))
FileAsker = Callable[[QWidget, str, str, str], str]


def _open_name(parent: QWidget, title: str, folder: str, filter_: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, folder, filter_)[0]


class PreviewModel(QAbstractTableModel):
    """The roster file's cells as read, rows numbered as the spreadsheet numbers them; the
    header row and cells with a problem are tinted, the problem is the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells: list[list[str]] = []
        self.roster: Roster | None = None
        self._width = 0
        self._problems: dict[tuple[int, str | None], str] = {}

    def set_table(self, cells: list[list[str]], roster: Roster | None) -> None:
        self.beginResetModel()
        self.cells = cells
        self.roster = roster
        self._width = max((len(r) for r in cells), default=0)
        self._problems = {}
        if roster is not None:
            for problem in roster.problems:
                if problem.row is not None:
                    key = (problem.row, problem.column)
                    self._problems[key] = (
                        self._problems.get(key, "") + ("\n" if key in self._problems else "")
                    ) + problem.message
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.cells)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._width

    def _column_name(self, column: int) -> str | None:
        if self.roster is None:
            return None
        return roster_column_name(self.roster.headers, column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.cells[index.row()]
        number = index.row() + 1
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()] if index.column() < len(row) else ""
        problem = self._problems.get((number, self._column_name(index.column()))) or (
            self._problems.get((number, None))
        )
        if role == Qt.ItemDataRole.BackgroundRole:
            if problem:
                return BAD
            if self.roster is not None and number == self.roster.header_row:
                return HEADER
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return problem
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        letter = chr(65 + section) if section < 26 else str(section + 1)
        if self.roster is not None:
            for field, column in self.roster.mapping.items():
                if column == section:
                    return f"{letter} → {column_title(FIELD_LABELS[field])}"
        return letter


class RosterImportDialog(QDialog):
    """Choose a roster file, check the column mapping, see every problem, then import.

    On acceptance :attr:`result_meeting` is the meeting with the roster applied.
    """

    def __init__(
        self,
        meeting: Meeting,
        operations: Operations,
        *,
        parent: QWidget | None = None,
        ask_open_file: FileAsker = _open_name,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入名单"))
        self.resize(900, 600)
        self.meeting = meeting
        self.operations = operations
        operations.pool.warm(["desktop_app.store.transfer"])  # ready when a file is chosen
        self.ask_open_file = ask_open_file
        self.path: Path | None = None
        self.cells: list[list[str]] = []
        self.roster: Roster | None = None
        self.result_meeting: Meeting | None = None
        self.loading = False

        self.file_label = QLabel(self.tr("尚未选择文件"))
        choose = QPushButton(self.tr("选择文件…"))
        choose.clicked.connect(self.choose_file)
        self.category = QComboBox()
        for category in meeting.categories:
            self.category.addItem(category.name)
        self.category.currentIndexChanged.connect(lambda _i: self._reread(keep_mapping=True))
        self.mapping: dict[RosterField, QComboBox] = {}
        mapping_form = QFormLayout()
        for field in RosterField:
            box = QComboBox()
            box.activated.connect(lambda _i: self._reread(keep_mapping=True))
            self.mapping[field] = box
            mapping_form.addRow(column_title(FIELD_LABELS[field]), box)
        self.preview = PreviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.preview)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.problems = QListWidget()
        self.problems.setObjectName("problems")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("导入"))
        self.import_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        top.addWidget(QLabel(self.tr("未写类别的单位归入")))
        top.addWidget(self.category)
        middle = QHBoxLayout()
        mapping_box = QWidget()
        mapping_box.setLayout(mapping_form)
        middle.addWidget(mapping_box)
        middle.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        note = QLabel(
            self.tr(
                "导入后,评议对象(及有“姓名”列时的述职人)将替换为名单中的内容,"
                "可撤销。列的对应关系按表头猜测,可在左侧更改。"
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(middle, 1)
        layout.addWidget(QLabel(self.tr("问题(逐行列出;全部改正后才能导入):")))
        layout.addWidget(self.problems)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def choose_file(self) -> None:
        name = self.ask_open_file(
            self, self.tr("选择名单文件"), "", self.tr("名单 (*.xlsx *.xlsm *.csv)")
        )
        if name:
            self.load_file(Path(name))

    def load_file(self, path: Path) -> None:
        """Read ``path`` in a worker process, then show the preview."""
        self.path = path
        self.loading = True
        self.file_label.setText(self.tr("正在读取 {name}…").format(name=path.name))
        self.import_button.setEnabled(False)
        self.operations.run_in_process(read_table_file, (path,), self._loaded, self._failed)

    def _loaded(self, cells: list[list[str]]) -> None:
        self.loading = False
        assert self.path is not None
        self.file_label.setText(str(self.path))
        self.cells = cells
        self._reread(keep_mapping=False)

    def _failed(self, exc: Exception) -> None:
        self.loading = False
        if self.path is not None:
            self.file_label.setText(str(self.path))  # no longer "reading…", whatever failed
        self.cells = []
        self.roster = None
        self.preview.set_table([], None)
        self.problems.clear()
        self.problems.addItem(failure_text(exc))
        self.summary.setText(self.tr("无法读取该文件,未导入任何内容。"))
        self.import_button.setEnabled(False)
        if not is_expected(exc):  # a bug, not the file: the dialog is usable again, and
            report_failure(self, self.tr("无法读取该文件"), exc)  # the bug is said and logged

    def _reread(self, *, keep_mapping: bool) -> None:
        if not self.cells and self.roster is None:
            return
        mapping = None
        if keep_mapping and self.roster is not None:
            mapping = {
                field: box.currentData()
                for field, box in self.mapping.items()
                if box.currentData() is not None and box.currentData() >= 0
            }
        self.roster = read_roster(
            self.cells, mapping=mapping, default_category=self.category.currentText()
        )
        self._show_roster(self.roster)

    def _show_roster(self, roster: Roster) -> None:
        for field, box in self.mapping.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(self.tr("(无)"), -1)
            for column, header in enumerate(roster.headers):
                box.addItem(header or self.tr("第 {n} 列").format(n=column + 1), column)
            box.setCurrentIndex(box.findData(roster.mapping.get(field, -1)))
            box.blockSignals(False)
        self.preview.set_table(self.cells, roster)
        self.problems.clear()
        for problem in roster.problems:
            self.problems.addItem(str(problem))
        if roster.clean:
            speakers = sum(1 for r in roster.rows if r.speaker is not None)
            self.summary.setText(
                self.tr("名单无误:{t} 个评议对象,{s} 名述职人。按“导入”确认。").format(
                    t=len(roster.rows), s=speakers
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "发现 {n} 个问题,未导入任何内容。请改正文件后重新选择,或更改列的对应关系。"
                ).format(n=len(roster.problems))
            )
        self.import_button.setEnabled(roster.clean)

    def confirm(self) -> None:
        if self.roster is None or not self.roster.clean:
            return
        self.result_meeting = apply_roster(self.meeting, self.roster)
        self.accept()
