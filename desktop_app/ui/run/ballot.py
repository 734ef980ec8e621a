"""投票评议: ballots issued and collected per type, then on to ballot entry."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from desktop_app.domain.errors import DataError
from desktop_app.domain.tally import exceeds
from desktop_app.store.live import ballot_counts
from desktop_app.ui.run.context import NotSaved
from desktop_app.ui.run.panel import Panel, button
from desktop_app.ui.terms import listing

UNCOUNTED = -1  # the spin box's "未填" value: not counted yet


class BallotPanel(Panel):
    """Per ballot type: issued (发出) and collected (收回), stored as they are typed.

    Signals:
        entry_requested(): the operator asked to go to ballot entry.
    """

    entry_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spins: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        self._saving = False
        self.grid = QGridLayout()
        self.grid.setColumnStretch(3, 1)  # the counts stay beside their labels
        self.warning = QLabel()
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.entry_button = button(self.tr("开始录入评议票 (Ctrl+回车) →"))
        self.entry_button.clicked.connect(self.entry_requested)
        title = QLabel(self.tr("评议票发出与收回"))
        title.setObjectName("heading")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(self.grid)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        layout.addWidget(self.entry_button)

    def _spin(self) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(UNCOUNTED, 100_000)
        spin.setSpecialValueText(self.tr("未填"))
        spin.setMinimumWidth(110)
        return spin

    def reload(self) -> None:
        context = self.context
        assert context is not None
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.spins = {}
        for column, text in enumerate((self.tr("票种"), self.tr("发出"), self.tr("收回"))):
            self.grid.addWidget(QLabel(text), 0, column)
        counts = context.session.read(lambda session: ballot_counts(session, context.meeting_id))
        for row, count in enumerate(counts, start=1):
            issued, collected = self._spin(), self._spin()
            issued.setValue(UNCOUNTED if count.issued is None else count.issued)
            collected.setValue(UNCOUNTED if count.collected is None else count.collected)
            for spin in (issued, collected):
                # Stored when the operator finishes the number (Enter, Tab, focus out) and
                # whenever the screen moves on (flush), not at every digit.
                spin.editingFinished.connect(lambda code=count.code: self._save(code))
                spin.valueChanged.connect(self._warn)
            self.spins[count.code] = (issued, collected)
            self.grid.addWidget(QLabel(count.label), row, 0)
            self.grid.addWidget(issued, row, 1)
            self.grid.addWidget(collected, row, 2)
        self._warn()

    def show_stored(self) -> None:
        """The counts changed at the entry desk (or another station): the boxes show what is
        stored. The echo of this panel's own save changes nothing (the other boxes may hold
        numbers still being typed)."""
        context = self.context
        if context is None or self._saving:
            return
        for ballot_type in context.session.meeting.ballot_types:
            for spin, value in zip(
                self.spins.get(ballot_type.code, ()),
                (ballot_type.issued, ballot_type.collected),
                strict=False,
            ):
                shown = UNCOUNTED if value is None else value
                if spin.value() != shown:
                    spin.setValue(shown)

    @staticmethod
    def _value(spin: QSpinBox) -> int | None:
        return None if spin.value() == UNCOUNTED else spin.value()

    def set_counts(self, code: str, issued: int | None, collected: int | None) -> None:
        """Type the counts for one type (as the operator would)."""
        issued_spin, collected_spin = self.spins[code]
        issued_spin.setValue(UNCOUNTED if issued is None else issued)
        collected_spin.setValue(UNCOUNTED if collected is None else collected)
        self._save(code)

    def flush(self) -> None:
        for code in self.spins:
            self._save(code)

    def _save(self, code: str) -> None:
        context = self.context
        if context is None or code not in self.spins:
            return
        issued, collected = (self._value(s) for s in self.spins[code])
        typed = self.tr("{code} 票 发出 {issued}、收回 {collected}").format(
            code=code,
            issued="—" if issued is None else issued,
            collected="—" if collected is None else collected,
        )
        self._saving = True
        try:
            context.set_counts(
                self.tr("票数未保存({typed}),显示的是已保存的票数").format(typed=typed),
                code,
                issued,
                collected,
            )  # both counts and their audit entry, or nothing
        except NotSaved as exc:  # finalised, or the database failed: say so, show the stored
            with contextlib.suppress(DataError):  # the message below says what failed
                self.reload()
            self.warning.setText(
                self.tr("未保存({typed}):{error}").format(typed=typed, error=exc.error.message)
            )
            self.warning.setVisible(True)
            return
        finally:
            self._saving = False
        self._warn()

    def _warn(self, _value: int = 0) -> None:
        over = [
            code
            for code, (issued, collected) in self.spins.items()
            if exceeds(self._value(collected), self._value(issued))
        ]
        self.warning.setText(
            self.tr("【注意】{codes} 票收回多于发出,请核对。").format(codes=listing(over))
            if over
            else ""
        )
        self.warning.setVisible(bool(over))
