"""The typing grid: every target in ballot order, one row each, a column per level.

:class:`SheetModel` is a thin adapter over a :class:`BallotDraft`; :class:`BallotSheet` is
the view that turns keys and clicks into draft calls. The first column spans each category's
rows and shows its caps live (``好 9/11``), red past the cap.

Signals (BallotSheet):
    changed(): the draft changed (a mark, a move).
    save_requested(): Enter.
    cancel_requested(): Escape.
    ignored_key(str): a key that means nothing here (the screen shows a hint).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.domain.draft import BallotDraft, KeyEffect
from desktop_app.domain.entry import level_counts
from desktop_app.ui import palette

AnyIndex = QModelIndex | QPersistentModelIndex

CURRENT = QColor(palette.ENTRY_CURRENT_ROW)  # the row the next key goes to
TICKED = QColor(palette.ENTRY_TICKED_CELL)
MULTI = QColor(palette.ENTRY_MULTI_TICKED_CELL)
OVER_CAP = QColor(palette.ENTRY_OVER_CAP_CELL)
OVER_CAP_TEXT = QColor(palette.ENTRY_OVER_CAP_TEXT)
TICK_TEXT = QColor(palette.ENTRY_TICK_TEXT)


class SheetColumn(IntEnum):
    """The ballot sheet's columns: category (spanned), number, name, then one per level."""

    CATEGORY = 0
    NUMBER = 1
    NAME = 2
    FIRST_LEVEL = 3  # the first level's; the meeting's levels follow in order


class SheetModel(QAbstractTableModel):
    """Rows: targets. Columns: :class:`SheetColumn`."""

    CATEGORY, NUMBER, NAME = SheetColumn.CATEGORY, SheetColumn.NUMBER, SheetColumn.NAME
    FIRST_LEVEL = SheetColumn.FIRST_LEVEL

    def __init__(self, draft: BallotDraft, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        meeting = draft.meeting
        self._category_of: list[int] = []
        self.category_rows: list[tuple[int, int]] = []  # (first row, row count)
        for index, category in enumerate(meeting.categories):
            self.category_rows.append((len(self._category_of), len(category.targets)))
            self._category_of += [index] * len(category.targets)

    def refresh(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.draft.size

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.FIRST_LEVEL + len(self.draft.meeting.levels)

    def cap_text(self, category_index: int) -> tuple[str, bool]:
        """``好 9/11`` for each capped level of a category, and whether a cap is exceeded."""
        category = self.draft.meeting.categories[category_index]
        marks = dict(zip(self.draft.meeting.targets, self.draft.marks, strict=True))
        counts = level_counts(category, marks)
        parts = [f"{level} {counts.get(level, 0)}/{cap}" for level, cap in category.caps.items()]
        over = any(counts.get(level, 0) > cap for level, cap in category.caps.items())
        return "  ".join(parts), over

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        draft = self.draft
        marks = draft.marks[row]
        levels = draft.meeting.levels
        if column == self.CATEGORY:
            category_index = self._category_of[row]
            if role == Qt.ItemDataRole.DisplayRole:
                caps, _ = self.cap_text(category_index)
                name = draft.meeting.categories[category_index].name
                return f"{name}\n{caps}" if caps else name
            if role == Qt.ItemDataRole.BackgroundRole and self.cap_text(category_index)[1]:
                return QBrush(OVER_CAP)
            if role == Qt.ItemDataRole.ForegroundRole and self.cap_text(category_index)[1]:
                return QBrush(OVER_CAP_TEXT)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.NUMBER:
                return str(row + 1)
            if column == self.NAME:
                return draft.meeting.targets[row] + (
                    self.tr("  〔多选〕") if len(marks) > 1 else ""
                )
            label = levels[column - self.FIRST_LEVEL].label
            return "✓" if label in marks else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.NUMBER:
            if column == self.NAME:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column >= self.FIRST_LEVEL and levels[column - self.FIRST_LEVEL].label in marks:
                return QBrush(MULTI if len(marks) > 1 else TICKED)
            if row == draft.cursor:
                return QBrush(CURRENT)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column >= self.FIRST_LEVEL:
            return QBrush(TICK_TEXT)
        if role == Qt.ItemDataRole.FontRole and column >= self.FIRST_LEVEL:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section >= self.FIRST_LEVEL:
            key = section - self.FIRST_LEVEL + 1
            return f"{self.draft.meeting.levels[section - self.FIRST_LEVEL].label} [{key}]"
        return (self.tr("类别"), self.tr("序号"), self.tr("评议对象"))[section]


class BallotSheet(QTableView):
    """The grid the clerk types into; it keeps the keyboard focus while typing."""

    changed = Signal()
    save_requested = Signal()
    cancel_requested = Signal()
    ignored_key = Signal(str)

    def __init__(self, draft: BallotDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet_model = SheetModel(draft, self)
        self.setModel(self.sheet_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(SheetModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.setColumnWidth(SheetModel.CATEGORY, 220)
        self.setColumnWidth(SheetModel.NUMBER, 44)
        for column in range(SheetModel.FIRST_LEVEL, self.sheet_model.columnCount()):
            self.setColumnWidth(column, 76)
        self.verticalHeader().setDefaultSectionSize(22)
        self.verticalHeader().setMinimumSectionSize(18)
        self._apply_spans()

    @property
    def draft(self) -> BallotDraft:
        return self.sheet_model.draft

    def _apply_spans(self) -> None:
        self.clearSpans()
        for first, count in self.sheet_model.category_rows:
            if count > 1:
                self.setSpan(first, SheetModel.CATEGORY, count, 1)

    def refresh(self) -> None:
        self.sheet_model.refresh()
        if self.draft.cursor < self.draft.size:
            self.scrollTo(self.sheet_model.index(self.draft.cursor, SheetModel.NAME))
        self.changed.emit()

    # --- input ----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            super().keyPressEvent(event)  # shortcuts (Ctrl+Z …) go to the window
            return
        draft = self.draft
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save_requested.emit()
        elif key == Qt.Key.Key_Escape:
            self.cancel_requested.emit()
        elif key == Qt.Key.Key_Up:
            draft.move(-1)
            self.refresh()
        elif key == Qt.Key.Key_Down:
            draft.move(1)
            self.refresh()
        elif key == Qt.Key.Key_Home:
            draft.go_to(0)
            self.refresh()
        elif key == Qt.Key.Key_Backspace:
            draft.back()
            self.refresh()
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            super().keyPressEvent(event)
        elif event.text():
            if draft.key(event.text()) is KeyEffect.IGNORED:
                self.ignored_key.emit(event.text())
            else:
                self.refresh()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            row, column = index.row(), index.column()
            if column >= SheetModel.FIRST_LEVEL:
                label = self.draft.meeting.levels[column - SheetModel.FIRST_LEVEL].label
                if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                    self.draft.toggle(row, label)
                else:
                    self.draft.set_level(row, label)
            elif column != SheetModel.CATEGORY:
                self.draft.go_to(row)
            self.setFocus()
            self.refresh()
            return
        super().mousePressEvent(event)
