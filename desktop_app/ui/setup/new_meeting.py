"""A new meeting: from the default six-item template, from a previous meeting's structure,
or from a meeting definition file (JSON). The dialog stores it and keeps its id."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DataError
from desktop_app.domain.setup import default_meeting, report_year
from desktop_app.store.database import Database
from desktop_app.store.meetings import list_meetings, save_meeting
from desktop_app.store.setup import copy_meeting
from desktop_app.store.transfer import read_meeting_file
from desktop_app.ui.errors import failure_text
from desktop_app.ui.session import read_database, write_database

FileAsker = Callable[[QWidget, str, str, str], str]


def _open_name(parent: QWidget, title: str, folder: str, filter_: str) -> str:
    return QFileDialog.getOpenFileName(parent, title, folder, filter_)[0]


class NewMeetingDialog(QDialog):
    """Choose how to start a meeting; on acceptance :attr:`meeting_id` is the stored one."""

    TEMPLATE, COPY, FILE = range(3)

    def __init__(
        self,
        db: Database,
        *,
        station: str = "",
        parent: QWidget | None = None,
        ask_open_file: FileAsker = _open_name,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("新建会议"))
        self.db = db
        self.station = station
        self.ask_open_file = ask_open_file
        self.meeting_id: int | None = None
        self.path: Path | None = None

        self.template = QRadioButton(self.tr("默认模板(六项议程、好/较好/一般/差、A/B 两种票)"))
        self.copy = QRadioButton(
            self.tr("复制以往会议的结构(议程、名单、等次、上限、票种;不含评议票和点评)")
        )
        self.file = QRadioButton(self.tr("从会议定义文件(JSON)"))
        self.choice = QButtonGroup(self)
        for index, button in enumerate((self.template, self.copy, self.file)):
            self.choice.addButton(button, index)
        self.template.setChecked(True)
        self.previous = QComboBox()
        meetings = read_database(db, list_meetings)
        for summary in meetings:
            self.previous.addItem(f"{summary.date} {summary.title}".strip(), summary.id)
        self.copy.setEnabled(bool(meetings))
        self.file_label = QLabel(self.tr("尚未选择文件"))
        choose = QPushButton(self.tr("选择文件…"))
        choose.clicked.connect(self.choose_file)
        self.title = QLineEdit(
            self.tr("{year}年度基层党建工作述职评议会议").format(year=report_year(dt.date.today()))
        )
        self.error = QLabel()
        self.error.setObjectName("warning")
        self.error.setWordWrap(True)
        self.choice.idClicked.connect(self._choice_changed)
        self.previous.currentIndexChanged.connect(lambda _i: self._choice_changed(self.COPY))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("新建"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.create_meeting)
        buttons.rejected.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(choose)
        file_row.addWidget(self.file_label, 1)
        form = QFormLayout()
        form.addRow(self.tr("会议名称"), self.title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.template)
        layout.addWidget(self.copy)
        layout.addWidget(self.previous)
        layout.addWidget(self.file)
        layout.addLayout(file_row)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # The name is what is typed first: the cursor starts there, the proposal selected.
        self.title.setFocus()
        self.title.selectAll()

    def _choice_changed(self, choice: int) -> None:
        if choice == self.COPY and self.copy.isEnabled():
            self.copy.setChecked(True)
            self.title.setText(
                self.tr("{title}(副本)").format(title=self.previous.currentText().split(" ", 1)[-1])
            )

    def choose_file(self) -> None:
        name = self.ask_open_file(
            self, self.tr("选择会议定义文件"), "", self.tr("会议定义 (*.json)")
        )
        if name:
            self.path = Path(name)
            self.file_label.setText(str(self.path))
            self.file.setChecked(True)

    def create_meeting(self) -> int | None:
        """Store the new meeting as chosen; its id, or None with the reason shown."""
        title = self.title.text().strip()
        choice = self.choice.checkedId()
        try:
            if choice == self.FILE:
                if self.path is None:
                    raise DataError(self.tr("请先选择会议定义文件"))
                meeting = read_meeting_file(self.path)
                if title and self.title.isModified():
                    meeting = dataclasses.replace(meeting, title=title)
                meeting_id = write_database(
                    self.db, lambda s: save_meeting(s, meeting, station=self.station)
                )
            elif choice == self.COPY:
                source = int(self.previous.currentData())
                meeting_id = write_database(
                    self.db,
                    lambda s: copy_meeting(s, source, title=title or None, station=self.station),
                )
            else:
                new = default_meeting(title)
                meeting_id = write_database(
                    self.db, lambda s: save_meeting(s, new, station=self.station)
                )
        except DataError as exc:
            self.error.setText(self.tr("未新建:{error}").format(error=failure_text(exc)))
            return None
        self.meeting_id = meeting_id
        self.accept()
        return meeting_id


def new_meeting(db: Database, *, station: str = "", parent: QWidget | None = None) -> int | None:
    """Ask (modally) how to start a new meeting; the stored meeting's id, or None."""
    dialog = NewMeetingDialog(db, station=station, parent=parent)
    dialog.exec()
    return dialog.meeting_id
