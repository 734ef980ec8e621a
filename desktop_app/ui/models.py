"""Read-only Qt table models: thin adapters over lists of domain or store objects.

Each table names its columns with an IntEnum (:func:`columns_in`), and its model has a
``set_rows()`` that resets it; the view never reaches past the model into the database.
Column headers are Chinese source texts marked ``QT_TRANSLATE_NOOP("Columns", …)`` where
they are defined and translated where they are shown (:func:`column_title`), so
class-level column tables work in any language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

Row = TypeVar("Row")
# The value a sorting proxy compares: a column's sort key, or else its raw value.
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
AnyIndex = QModelIndex | QPersistentModelIndex


def _looks_numeric(value: Any) -> bool:
    """Numbers, and figures already formatted for display (80.10, 33.7%, —), align right."""
    if isinstance(value, int | float):
        return True
    return (
        isinstance(value, str)
        and value != ""
        and value.rstrip("%").replace(".", "", 1).lstrip("-").isdigit()
    ) or value == "—"


def column_title(header: str) -> str:
    """A column header in the interface language (context ``"Columns"``)."""
    return QCoreApplication.translate("Columns", header)


@dataclass(frozen=True)
class TableColumn(Generic[Row]):
    """A column: its header, what a row shows in it, optionally the key it sorts by
    (SORT_ROLE; else what it shows) and whether it aligns right (else guessed from what it
    shows: numbers and formatted figures do)."""

    header: str
    value: Callable[[Row], Any]
    sort_key: Callable[[Row], Any] | None = None
    numeric: bool | None = None


Column = (
    tuple[str, Callable[[Row], Any]]
    | tuple[str, Callable[[Row], Any], Callable[[Row], Any]]
    | TableColumn[Row]
)


def columns_in(order: type[IntEnum], columns: Mapping[IntEnum, Column[Row]]) -> list[Column[Row]]:
    """A table's columns declared by their named constants (Vorta's way): ``order`` is an
    IntEnum numbering the columns 0, 1, … as the model does, ``columns`` gives each constant
    its column in the same order. A constant without a column, a column without a constant
    or the two out of step fail when the table is declared, not on screen."""
    members = list(order)
    if [int(m) for m in members] != list(range(len(members))) or list(columns) != members:
        raise ValueError(f"the columns of {order.__name__} do not match its constants")
    return [columns[m] for m in members]


def _table_column(column: Column[Row]) -> TableColumn[Row]:
    if isinstance(column, TableColumn):
        return column
    if len(column) == 3:
        return TableColumn(column[0], column[1], column[2])
    return TableColumn(column[0], column[1])


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """A table over a list of rows; each column is a :class:`TableColumn`, or a tuple of a
    header, a function of the row giving what is shown, and optionally a function giving
    the key to sort by (SORT_ROLE)."""

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = [_table_column(c) for c in columns]
        self._rows: list[Row] = []

    def set_columns(self, columns: Sequence[Column[Row]]) -> None:
        self.beginResetModel()
        self._columns = [_table_column(c) for c in columns]
        self.endResetModel()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == SORT_ROLE:
            return (column.sort_key or column.value)(row)
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            numeric = column.numeric
            if numeric is None:
                numeric = _looks_numeric(column.value(row))
            if numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._columns):
                return None
            return column_title(self._columns[section].header)
        return str(section + 1)
