"""Read-only Qt table models: thin adapters over lists of domain or store objects.

Each model has named column constants and a ``set_rows()`` that resets it; the view never
reaches past the model into the database. Column headers are Chinese source texts marked
``QT_TRANSLATE_NOOP("Columns", …)`` where they are defined and translated where they are
shown (:func:`column_title`), so class-level column tables work in any language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


Column = tuple[str, Callable[[Row], Any]] | tuple[str, Callable[[Row], Any], Callable[[Row], Any]]


class RowTableModel(QAbstractTableModel, Generic[Row]):
    """A table over a list of rows; each column is a header, a function of the row giving
    what is shown, and optionally a function giving the key to sort by (SORT_ROLE)."""

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []

    def set_columns(self, columns: Sequence[Column[Row]]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
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
            return column[2](row) if len(column) > 2 else column[1](row)
        value = column[1](row)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and _looks_numeric(value):
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
            return column_title(self._columns[section][0])
        return str(section + 1)
