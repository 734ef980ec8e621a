"""Table models of the run screen: the shared row model with the current row marked, and
the named columns of its two tables (the agenda, the speakers' queue)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop_app.ui.models import AnyIndex, Row, RowTableModel
from desktop_app.ui.palette import CURRENT_ROW_BACKGROUND, CURRENT_ROW_TEXT


class AgendaColumn(IntEnum):
    """The run screen's agenda: number, title, planned length, started at, time taken."""

    NUMBER = 0
    TITLE = 1
    PLANNED = 2
    STARTED = 3
    USED = 4


class QueueColumn(IntEnum):
    """The speakers' queue: place, name, post, unit, limit, time used, status."""

    ORDER = 0
    NAME = 1
    POST = 2
    UNIT = 3
    LIMIT = 4
    USED = 5
    STATUS = 6


class CurrentRowModel(RowTableModel[Row]):
    """A :class:`RowTableModel` that paints one row (the item or speaker now on) bold on amber."""

    current_row = -1

    def set_current(self, row: int) -> None:
        previous, self.current_row = self.current_row, row
        for changed in {previous, row}:
            if 0 <= changed < self.rowCount():
                self.dataChanged.emit(
                    self.index(changed, 0), self.index(changed, self.columnCount() - 1)
                )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.row() == self.current_row:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(CURRENT_ROW_BACKGROUND))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(CURRENT_ROW_TEXT))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


def run_table(model: CurrentRowModel[Any], stretch: int) -> QTableView:
    """A read-only table for the run screen; the run screen, not the table, takes the keys."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
