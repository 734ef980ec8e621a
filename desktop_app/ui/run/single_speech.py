"""One speech at a time, timed, with notes: 点评讲话 / 总结讲话, and 基层代表点评.

(The queue of report speakers, 述职发言, is in :mod:`.speaker_queue`.)

A speech item counts down against its planned length (``limit_s``) or, without one, counts
up; + and − change the planned length (a count-up clock becomes a countdown). The floor item
adds representatives on the fly (name, identity), each with a comment and an optional timer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.speech_clock import TimerState
from desktop_app.ui.run.autosave import AutoSaveText
from desktop_app.ui.run.context import NotSaved
from desktop_app.ui.run.panel import OnStage, PausedBadge, TimedPanel, button, limit_text
from desktop_app.ui.run.timer import ClockFace, progress_style


class _ClockColumn(QWidget):
    """Clock face, progress bar and the timer buttons of a timed panel."""

    def __init__(self, panel: TimedPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.face = ClockFace()
        self.paused_badge = PausedBadge()
        self.mode = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(14)
        start = button(self.tr("开始/暂停 (空格)"))
        start.clicked.connect(panel.toggle)
        stop = button(self.tr("结束 (S)"))
        stop.clicked.connect(panel.stop)
        minus = button(self.tr("−30 秒 (−)"))
        minus.clicked.connect(lambda: panel.adjust(-30))
        plus = button(self.tr("+30 秒 (+)"))
        plus.clicked.connect(lambda: panel.adjust(30))
        row = QHBoxLayout()
        for push in (start, stop, minus, plus):
            row.addWidget(push)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.mode)
        layout.addWidget(self.paused_badge)
        layout.addWidget(self.face, 1)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        assert panel.timer is not None
        panel.timer.changed.connect(self.show_timer)

    def show_timer(self) -> None:
        timer = self.panel.timer
        assert timer is not None
        state = timer.state()
        phase = timer.phase() if state is not TimerState.IDLE else None
        self.face.set_face(timer.text(), phase, paused=state is TimerState.PAUSED)
        self.paused_badge.follow(state)
        self.progress.setValue(int(timer.progress() * 1000))
        self.progress.setStyleSheet(progress_style(phase))
        speech = timer.speech
        if speech is None or timer.count_up:
            self.mode.setText(self.tr("正计时(按 + 或 T 设定计划时长)"))
        else:
            self.mode.setText(
                self.tr("倒计时,计划 {limit}").format(
                    limit=limit_text(speech.limit_s, speech.adjustments_s)
                )
            )


class SpeechPanel(TimedPanel):
    """点评讲话 / 总结讲话: one speech, its timer and notes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending: dict[int, str] = {}  # notes the database refused, by agenda item
        self.title = QLabel()
        self.title.setObjectName("heading")
        self.speaker = QLabel()
        self.clock = _ClockColumn(self)
        self.notes = AutoSaveText()
        self.notes.setPlaceholderText(self.tr("讲话要点记录,自动保存"))
        notes_box = QGroupBox(self.tr("记录"))
        QVBoxLayout(notes_box).addWidget(self.notes)
        body = QHBoxLayout()
        body.addWidget(self.clock, 1)
        body.addWidget(notes_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.speaker)
        layout.addLayout(body, 1)

    def item_speaker(self) -> str:
        assert self.context is not None
        return self.context.meeting.agenda[self.item_index].speaker or ""

    def timer_limit(self) -> float:
        assert self.context is not None
        return float(self.context.meeting.agenda[self.item_index].limit_s or 0)

    def reload(self) -> None:
        context = self.context
        assert context is not None
        item = context.meeting.agenda[self.item_index]
        self.title.setText(item.title)
        self.speaker.setText(self.tr("讲话人:{name}").format(name=item.speaker or "—"))
        notes = [c for c in context.comments() if c.agenda_index == self.item_index]
        index = self.item_index

        def save(text: str) -> None:  # this item's notes, whichever item is on screen later
            self._store(index, text)

        if index in self.pending:  # refused earlier: kept, and tried again
            self.notes.bind(self.pending[index], save, unsaved=True)
        else:
            self.notes.bind(notes[0].text if notes else "", save)
        self.load_timer()
        self.clock.show_timer()

    def _store(self, index: int, text: str) -> None:
        """Store item ``index``'s notes; refused (:class:`NotSaved`), they are kept."""
        context = self.context
        assert context is not None
        try:
            notes = [c for c in context.comments() if c.agenda_index == index]
            if notes:
                context.update_comment(notes[0].id, text)
            elif text.strip():
                speaker = context.meeting.agenda[index].speaker or ""
                context.add_comment(index, None, text, author=speaker)
        except NotSaved:
            self.pending[index] = text
            raise
        self.pending.pop(index, None)

    def flush(self) -> None:
        self.notes.flush()
        if self.notes.is_unsaved():
            return
        for index, text in sorted(self.pending.items()):
            if index != self.item_index:
                try:
                    self._store(index, text)
                except NotSaved:
                    return

    def stage(self) -> OnStage:
        assert self.context is not None
        item = self.context.meeting.agenda[self.item_index]
        return OnStage(item.speaker or item.title, item.title if item.speaker else "")


class FloorPanel(TimedPanel):
    """基层代表点评: representatives added live, each with a comment and an optional timer."""

    fresh_after_stop = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people: list[tuple[int, str, str]] = []  # comment id, name, identity
        self.texts: dict[int, str] = {}
        self.pending: set[int] = set()  # comment ids whose text the database refused
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("姓名"))
        self.identity = QLineEdit()
        self.identity.setPlaceholderText(self.tr("身份,如:某村党支部书记"))
        self.identity.returnPressed.connect(self.add_from_form)
        self.name.returnPressed.connect(self.identity.setFocus)
        add = button(self.tr("添加代表"))
        add.clicked.connect(self.add_from_form)
        form = QFormLayout()
        form.addRow(self.tr("姓名"), self.name)
        form.addRow(self.tr("身份"), self.identity)
        form.addRow(add)
        self.list = QListWidget()
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.currentRowChanged.connect(self._show_person)
        self.box = AutoSaveText()
        self.box.setPlaceholderText(self.tr("代表点评内容,自动保存"))
        self.clock = _ClockColumn(self)
        people = QVBoxLayout()
        people.addLayout(form)
        people.addWidget(self.list, 1)
        right = QVBoxLayout()
        right.addWidget(self.clock, 1)
        right.addWidget(self.box, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(people, 1)
        layout.addLayout(right, 2)

    def reload(self) -> None:
        context = self.context
        assert context is not None
        own = [c for c in context.comments() if c.agenda_index == self.item_index]
        self.people = [(c.id, c.author, c.author_identity) for c in own]
        kept = {i: self.texts[i] for i in self.pending if i in self.texts}
        self.texts = {c.id: c.text for c in own} | kept  # a refused text is never lost
        self._fill(len(self.people) - 1)
        self.load_timer()
        self.clock.show_timer()

    def _fill(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        self.list.addItems(
            [f"{name}({identity})" if identity else name for _, name, identity in self.people]
        )
        self.list.blockSignals(False)
        self.list.setCurrentRow(row)
        self._show_person(row)

    def add(self, name: str, identity: str) -> None:
        """Add a representative (a comment row carrying their name and identity)."""
        name, identity = name.strip(), identity.strip()
        if not name:
            self.message.emit(self.tr("请先填写代表姓名。"))
            return
        assert self.context is not None
        self.box.flush()
        if self.timer_busy():
            self.stop()  # the next representative begins: the last one's time ends
            if self.timer_busy():  # the stop was not stored: the last one still speaks
                return
        try:
            comment_id = self.context.add_comment(
                self.item_index, None, "", author=name, author_identity=identity
            )
        except NotSaved:  # reported; the name stays in the form to be added again
            return
        self.people.append((comment_id, name, identity))
        self.texts[comment_id] = ""
        self._fill(len(self.people) - 1)
        self.stage_changed.emit()

    def add_from_form(self) -> None:
        count = len(self.people)
        self.add(self.name.text(), self.identity.text())
        if len(self.people) > count:
            self.name.clear()
            self.identity.clear()
            self.box.setFocus()

    def _show_person(self, row: int) -> None:
        if not 0 <= row < len(self.people):
            self.box.bind("", None)
            return
        comment_id = self.people[row][0]
        self.box.bind(
            self.texts.get(comment_id, ""),
            lambda text: self._save(comment_id, text),
            unsaved=comment_id in self.pending,
        )
        self.stage_changed.emit()

    def _save(self, comment_id: int, text: str) -> None:
        """Store a representative's comment; refused (:class:`NotSaved`), it is kept."""
        assert self.context is not None
        self.texts[comment_id] = text
        try:
            self.context.update_comment(comment_id, text)
        except NotSaved:
            self.pending.add(comment_id)
            raise
        self.pending.discard(comment_id)

    def flush(self) -> None:
        self.box.flush()
        if self.box.is_unsaved():
            return
        row = self.list.currentRow()
        shown = self.people[row][0] if 0 <= row < len(self.people) else None
        for comment_id in sorted(self.pending - {shown}):
            try:
                self._save(comment_id, self.texts[comment_id])
            except NotSaved:
                return

    def key_rows(self) -> list[tuple[str, str]]:
        return [(self.tr("添加代表(在姓名、身份框中)"), self.tr("回车"))]

    def next_speaker(self) -> None:
        if self.list.currentRow() + 1 < len(self.people):
            if self.timer_busy():
                self.stop()
                if self.timer_busy():  # the stop was not stored
                    return
            self.list.setCurrentRow(self.list.currentRow() + 1)

    def previous_speaker(self) -> None:
        if self.list.currentRow() > 0:
            if self.timer_busy():
                self.stop()
                if self.timer_busy():  # the stop was not stored
                    return
            self.list.setCurrentRow(self.list.currentRow() - 1)

    def stage(self) -> OnStage:
        assert self.context is not None
        row = self.list.currentRow()
        if 0 <= row < len(self.people):
            _, name, identity = self.people[row]
            return OnStage(name, identity)
        return OnStage(self.context.meeting.agenda[self.item_index].title)
