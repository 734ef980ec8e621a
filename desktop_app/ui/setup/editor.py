"""The meeting being edited: a draft :class:`Meeting`, every edit undoable.

Every edit replaces the whole (frozen) draft with a new one through a :class:`QUndoCommand`,
so undo and redo are exact and the Qt models below are thin adapters that read the draft.

Signals:
    changed(): the draft changed (an edit, an undo or a redo, or a newly loaded meeting).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QUndoCommand, QUndoStack

from desktop_app.domain.meeting import Meeting
from desktop_app.domain.meeting_edits import take_counts
from desktop_app.domain.setup import Problem, counting_changes, validate_meeting
from desktop_app.ui.models import column_title
from desktop_app.ui.palette import SETUP_LOCKED_CELL, SETUP_PROBLEM_CELL

AnyIndex = QModelIndex | QPersistentModelIndex
PROBLEM_BRUSH = QBrush(QColor(SETUP_PROBLEM_CELL))
LOCKED_BRUSH = QBrush(QColor(SETUP_LOCKED_CELL))


class _Snapshot(QUndoCommand):
    def __init__(self, editor: MeetingEditor, text: str, before: Meeting, after: Meeting) -> None:
        super().__init__(text)
        self.editor = editor
        self.before = before
        self.after = after

    def redo(self) -> None:
        self.editor._set_draft(self.after)

    def undo(self) -> None:
        self.editor._set_draft(self.before)


class MeetingEditor(QObject):
    """The draft meeting, the last saved version, and the undo stack."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.saved: Meeting | None = None
        self.draft: Meeting | None = None
        self.locked = False  # ballots exist: counting fields are read-only
        self.problems: list[Problem] = []
        self._by_field: dict[str, Problem] = {}
        # Per ballot type, every 发出 the database has had since the draft was loaded: a
        # draft (or an undo step) still holding one of them was not typed here.
        self._followed: dict[str, set[int | None]] = {}
        self._stored: Meeting | None = None

    def load(self, meeting: Meeting, *, locked: bool) -> None:
        """Start editing ``meeting`` (just loaded or saved): the undo history starts over."""
        self.saved = meeting
        self.locked = locked
        self._follow(meeting, reset=True)
        self.undo_stack.clear()
        self._set_draft(meeting)

    def mark_saved(self, meeting: Meeting) -> None:
        self.saved = meeting
        self._follow(meeting, reset=False)
        self.undo_stack.setClean()
        self.changed.emit()

    def take_counts(self, stored: Meeting) -> None:
        """Ballot counts stored elsewhere while this draft is being edited (the run screen's
        ballot item, the entry desk): the draft, the saved version and any undo step take
        them, except a 发出 typed here, so a save never writes an old count back."""
        self._follow(stored, reset=False)
        if self.saved is not None:
            self.saved = take_counts(self.saved, stored, self._followed)
        if self.draft is not None:
            self._set_draft(self.draft)

    def _follow(self, meeting: Meeting, *, reset: bool) -> None:
        if reset:
            self._followed = {}
        for t in meeting.ballot_types:
            self._followed.setdefault(t.code, set()).add(t.issued)
        self._stored = meeting

    @property
    def dirty(self) -> bool:
        return self.draft is not None and self.draft != self.saved

    def apply(self, text: str, new: Meeting) -> bool:
        """Make ``new`` the draft, as one undoable step named ``text``. Refused (False) when
        ballots exist and ``new`` would change the count."""
        if self.draft is None or new == self.draft:
            return False
        if self.locked and self.saved is not None and counting_changes(self.saved, new):
            return False
        self.undo_stack.push(_Snapshot(self, text, self.draft, new))
        return True

    def edit(self, text: str, **changes: Any) -> bool:
        assert self.draft is not None
        return self.apply(text, dataclasses.replace(self.draft, **changes))

    def problem(self, field: str) -> Problem | None:
        return self._by_field.get(field)

    def _set_draft(self, meeting: Meeting) -> None:
        if self._stored is not None:
            meeting = take_counts(meeting, self._stored, self._followed)
        self.draft = meeting
        self.problems = validate_meeting(meeting)
        self._by_field = {}
        for problem in self.problems:
            self._by_field.setdefault(problem.field, problem)
        self.changed.emit()


def section_title(name: str) -> str:
    """A section's name (marked ``QT_TRANSLATE_NOOP("Sections", …)``) in the interface language."""
    return QCoreApplication.translate("Sections", name)


@dataclass(frozen=True)
class Col:
    """A column of a setup table.

    ``get(meeting, row)`` gives the value shown; ``put(meeting, row, text)`` the meeting with
    the edit made (ValueError with a message for bad input), or None if read-only. ``field``
    is the field path suffix of the row's problems (``name`` in ``speakers[3].name``);
    ``check``: a yes/no column shown as a check box. ``counting``: read-only once ballots
    exist. ``choices``: the values offered in a drop-down list (typing is still checked).
    """

    header: str
    get: Callable[[Meeting, int], Any]
    put: Callable[[Meeting, int, Any], Meeting] | None = None
    field: str | None = None
    check: bool = False
    counting: bool = False
    choices: Callable[[Meeting], list[str]] | None = None  # edited with a drop-down list
    # After an edit: a note for the user about what was typed (e.g. what "一半" came to).
    explain: Callable[[Meeting, int, str], str | None] | None = None


class SectionModel(QAbstractTableModel):
    """An editable table over one list of the draft (agenda, speakers, levels...).

    ``prefix(row)`` is the field path of a row, e.g. ``speakers[3]``; cells with a problem
    are tinted and carry the problem and its fix as tooltip. Edits go through the editor,
    so each is one undo step.

    Signals:
        rejected(str): an edit was refused; carries the message for the user.
        noted(str): an edit was made and has something to tell (what "一半" came to).
    """

    rejected = Signal(str)
    noted = Signal(str)

    def __init__(
        self,
        editor: MeetingEditor,
        name: str,
        count: Callable[[Meeting], int],
        columns: Sequence[Col],
        prefix: Callable[[Meeting, int], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.name = name
        self._count = count
        self.columns = list(columns)
        self._prefix = prefix
        self._shown = (-1, -1)  # the rows and columns the view was last reset to
        editor.changed.connect(self._reset)

    def _reset(self) -> None:
        """The draft changed. Same rows and columns: every cell is announced as changed, so
        the view keeps its current cell, its focus and the editor being committed (a reset
        in the middle of a commit left the keyboard nowhere: Ctrl+S and Ctrl+Z did nothing
        until a click). Rows added or removed: a reset."""
        rows, columns = self.rowCount(), self.columnCount()
        if (rows, columns) == self._shown and rows and columns:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, columns - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, rows - 1)
            return
        self.beginResetModel()
        self._shown = (rows, columns)
        self.endResetModel()

    def set_columns(self, columns: Sequence[Col]) -> None:
        self.beginResetModel()
        self.columns = list(columns)
        self._shown = (self.rowCount(), self.columnCount())
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        draft = self.editor.draft
        return 0 if parent.isValid() or draft is None else self._count(draft)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def field_of(self, row: int, column: int) -> str | None:
        draft = self.editor.draft
        col = self.columns[column]
        if draft is None or col.field is None:
            return None
        return f"{self._prefix(draft, row)}.{col.field}" if col.field else self._prefix(draft, row)

    def problem_at(self, row: int, column: int) -> Problem | None:
        field = self.field_of(row, column)
        return None if field is None else self.editor.problem(field)

    def index_of_field(self, field: str) -> QModelIndex | None:
        """The cell a problem's field path points at, if it is in this table."""
        for row in range(self.rowCount()):
            for column in range(len(self.columns)):
                if self.field_of(row, column) == field:
                    return self.index(row, column)
        return None

    def _editable(self, column: int) -> bool:
        col = self.columns[column]
        return col.put is not None and not (col.counting and self.editor.locked)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self._editable(index.column()):
            if self.columns[index.column()].check:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        draft = self.editor.draft
        if draft is None or not index.isValid() or index.row() >= self.rowCount():
            return None
        col = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col.check:
                return None
            value = col.get(draft, index.row())
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.CheckStateRole and col.check:
            checked = bool(col.get(draft, index.row()))
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.problem_at(index.row(), index.column()) is not None:
                return PROBLEM_BRUSH
            if col.counting and self.editor.locked:
                return LOCKED_BRUSH
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            problem = self.problem_at(index.row(), index.column())
            if problem is not None:
                return self.tr("{problem}\n如何修改:{fix}").format(
                    problem=problem.message, fix=problem.fix
                )
            if col.counting and self.editor.locked:
                return self.tr("已录入评议票,此项会影响计票结果,不能修改")
            return None
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        draft = self.editor.draft
        if draft is None or not index.isValid() or not self._editable(index.column()):
            return False
        col = self.columns[index.column()]
        assert col.put is not None
        if col.check:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        else:
            value = str(value).strip()
        try:
            new = col.put(draft, index.row(), value)
        except ValueError as exc:
            self.rejected.emit(f"{column_title(col.header)}:{exc}")
            return False
        step = self.tr("{section}:修改{column}").format(
            section=section_title(self.name), column=column_title(col.header)
        )
        if not self.editor.apply(step, new):
            return False
        if col.explain is not None and not col.check:
            note = col.explain(new, index.row(), value)
            if note:
                self.noted.emit(note)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_title(self.columns[section].header)
        return str(section + 1)
