"""集中点评: one comment box per evaluated unit, in ballot order.

Alt+↓ / Alt+↑ (or Ctrl+Enter) move to the next / previous unit without leaving the
keyboard; the text is saved as it is typed, and whenever the box loses focus or the
screen moves on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from desktop_app.ui.run.autosave import AutoSaveText
from desktop_app.ui.run.context import NotSaved
from desktop_app.ui.run.panel import OnStage, Panel


class UnitCommentBox(AutoSaveText):
    """The comment box; Alt+↓/Alt+↑ and Ctrl+Enter move between units."""

    def __init__(self, panel: CommentaryPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if (alt and event.key() == Qt.Key.Key_Down) or (
            ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.panel.move_unit(1)
            return
        if alt and event.key() == Qt.Key.Key_Up:
            self.panel.move_unit(-1)
            return
        super().keyPressEvent(event)


class CommentaryPanel(Panel):
    """The chair's comments, one per unit; a ✎ marks the units commented on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.targets: list[str] = []
        self.texts: dict[str, str] = {}
        self.ids: dict[str, int] = {}
        self.pending: set[str] = set()  # texts the database refused, kept here until stored
        self.units = QListWidget()
        self.units.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.units.currentRowChanged.connect(self._show_unit)
        self.unit_label = QLabel()
        self.unit_label.setObjectName("heading")
        self.box = UnitCommentBox(self)
        self.box.setPlaceholderText(self.tr("在此输入对该单位的点评,自动保存"))
        hint = QLabel(self.tr("Alt+↓ 或 Ctrl+回车:下一个单位;Alt+↑:上一个;Esc:离开输入框"))
        hint.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(self.unit_label)
        right.addWidget(self.box, 1)
        right.addWidget(hint)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.units, 1)
        layout.addLayout(right, 3)

    def reload(self) -> None:
        context = self.context
        assert context is not None
        self.targets = list(context.meeting.targets)
        kept = {t: self.texts[t] for t in self.pending}  # never lost to a reload
        self.texts, self.ids = {}, {}
        for comment in context.comments():
            if comment.agenda_index == self.item_index and comment.target is not None:
                self.texts[comment.target] = comment.text
                self.ids[comment.target] = comment.id
        self.texts.update(kept)
        self.units.blockSignals(True)
        self.units.clear()
        self.units.addItems([self._label(t) for t in self.targets])
        self.units.blockSignals(False)
        self.units.setCurrentRow(0 if self.targets else -1)
        self._show_unit(self.units.currentRow())

    def _label(self, target: str) -> str:
        if target in self.pending:
            return "⚠ " + self.tr("{unit}(未保存)").format(unit=target)
        return ("✎ " if self.texts.get(target, "").strip() else "   ") + target

    def current_target(self) -> str | None:
        row = self.units.currentRow()
        return self.targets[row] if 0 <= row < len(self.targets) else None

    def _show_unit(self, row: int) -> None:
        if not 0 <= row < len(self.targets):
            self.box.bind("", None)
            self.unit_label.setText("")
            return
        target = self.targets[row]
        self.unit_label.setText(target)
        self.box.bind(
            self.texts.get(target, ""),
            lambda text: self._save(target, text),
            unsaved=target in self.pending,
        )

    def _save(self, target: str, text: str) -> None:
        """Store a unit's comment; refused (:class:`NotSaved`), it is kept and marked."""
        context = self.context
        assert context is not None
        self.texts[target] = text  # on screen whatever the database says
        try:
            if target in self.ids:
                context.update_comment(self.ids[target], text)
            elif text.strip():
                self.ids[target] = context.add_comment(self.item_index, target, text)
        except NotSaved:
            self.pending.add(target)
            self._relabel(target)
            raise
        self.pending.discard(target)
        self._relabel(target)

    def _relabel(self, target: str) -> None:
        item = self.units.item(self.targets.index(target))
        if item is not None:
            item.setText(self._label(target))

    def retry_pending(self) -> None:
        """Store the comments the database refused earlier (the one in the box included)."""
        self.box.flush()
        if self.box.is_unsaved():
            return  # still refused: the others would be too
        for target in sorted(self.pending, key=self.targets.index):
            if target == self.current_target():
                continue
            try:
                self._save(target, self.texts[target])
            except NotSaved:
                return

    def move_unit(self, delta: int) -> None:
        row = min(max(self.units.currentRow() + delta, 0), len(self.targets) - 1)
        self.box.flush()
        self.units.setCurrentRow(row)
        self.box.setFocus()

    def next_speaker(self) -> None:
        self.move_unit(1)

    def previous_speaker(self) -> None:
        self.move_unit(-1)

    def flush(self) -> None:
        self.retry_pending()

    def key_rows(self) -> list[tuple[str, str]]:
        return [
            (self.tr("下一个单位(在点评框中)"), self.tr("Alt+↓ / Ctrl+回车")),
            (self.tr("上一个单位(在点评框中)"), "Alt+↑"),
        ]

    def stage(self) -> OnStage:
        assert self.context is not None
        title = self.context.meeting.agenda[self.item_index].title
        return OnStage(title, self.current_target() or "", timed=False)
