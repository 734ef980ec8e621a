"""述职发言 (report speeches): the queue of speakers, a countdown for each in turn.

(The other timed items, one speech at a time, are in :mod:`.single_speech`.)

Written-report speakers (书面述职) are listed apart and never timed. The queue can be
reordered live; speakers can be skipped (to speak later), marked absent, or — when the chair
ends the item early — marked as not spoken. Every change is an event; the queue and the
timer are rebuilt from the events, so a restart shows exactly what was there.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.meeting import Speaker
from desktop_app.domain.speech_clock import TimerState, format_clock
from desktop_app.domain.text import QT_TRANSLATE_NOOP
from desktop_app.domain.timing import (
    SPEAKER_STATUS_NAMES,
    EventKind,
    SpeakerStatus,
    SpeakerTiming,
    live_state,
    speaker_timings,
    speech_order,
)
from desktop_app.ui.models import columns_in
from desktop_app.ui.run.models import CurrentRowModel, QueueColumn, run_table
from desktop_app.ui.run.panel import OnStage, PausedBadge, TimedPanel, button, limit_text
from desktop_app.ui.run.timer import ClockFace, progress_style
from desktop_app.ui.terms import listing, term

RUNNING_TEXT = {
    TimerState.RUNNING: QT_TRANSLATE_NOOP("Terms", "发言中"),
    TimerState.PAUSED: QT_TRANSLATE_NOOP("Terms", "暂停中"),
}
DUE_TEXT = QT_TRANSLATE_NOOP("Terms", "待发言")

QueueRow = tuple[int, Speaker, str, str, str]  # place, speaker, limit, spoken, status


class SpeechesPanel(TimedPanel):
    """The 述职发言 item: queue, current speaker, countdown and the queue commands."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.order: list[str] = []
        self.marks: dict[str, SpeakerStatus] = {}
        self.current: str | None = None
        self.ended = False
        self.timings: dict[str, SpeakerTiming] = {}

        self._build_queue()
        self._build_stage()
        self._build_buttons()
        self._lay_out()
        self.timer.changed.connect(self._show_timer)  # type: ignore[union-attr]
        self.stage_changed.connect(self._show_queue)

    def _build_queue(self) -> None:
        """The speakers' queue (a click selects one) and the written-only speakers."""
        self.model: CurrentRowModel[QueueRow] = CurrentRowModel(
            columns_in(
                QueueColumn,
                {
                    QueueColumn.ORDER: (QT_TRANSLATE_NOOP("Columns", "顺序"), lambda r: r[0]),
                    QueueColumn.NAME: (QT_TRANSLATE_NOOP("Columns", "姓名"), lambda r: r[1].name),
                    QueueColumn.POST: (QT_TRANSLATE_NOOP("Columns", "职务"), lambda r: r[1].post),
                    QueueColumn.UNIT: (
                        QT_TRANSLATE_NOOP("Columns", "单位"),
                        lambda r: r[1].target or "",
                    ),
                    QueueColumn.LIMIT: (QT_TRANSLATE_NOOP("Columns", "时限"), lambda r: r[2]),
                    QueueColumn.USED: (QT_TRANSLATE_NOOP("Columns", "用时"), lambda r: r[3]),
                    QueueColumn.STATUS: (QT_TRANSLATE_NOOP("Columns", "状态"), lambda r: r[4]),
                },
            ),
            self,
        )
        self.queue = run_table(self.model, stretch=QueueColumn.UNIT)
        self.queue.clicked.connect(lambda index: self.select_speaker(self.order[index.row()]))
        self.written = QLabel()
        self.written.setWordWrap(True)
        self.written.setObjectName("writtenSpeakers")

    def _build_stage(self) -> None:
        """Who is speaking: name, unit, the clock face, the limit and its bar, who is next."""
        self.face = ClockFace()
        self.paused_badge = PausedBadge()
        self.limit_label = QLabel()
        self.limit_label.setObjectName("limit")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(14)
        self.speaker_label = QLabel()
        self.speaker_label.setObjectName("heading")
        self.speaker_label.setWordWrap(True)
        self.unit_label = QLabel()
        self.unit_label.setWordWrap(True)
        self.next_label = QLabel()
        self.next_label.setWordWrap(True)

    def _build_buttons(self) -> None:
        """The queue's commands, each with its key in its text."""
        self.start_button = button(self.tr("开始/暂停 (空格)"))
        self.start_button.clicked.connect(self.toggle)
        self.stop_button = button(self.tr("结束 (S)"))
        self.stop_button.clicked.connect(self.stop)
        self.previous_button = button(self.tr("← 上一位"))
        self.previous_button.clicked.connect(self.previous_speaker)
        self.next_button = button(self.tr("下一位 (N/→)"))
        self.next_button.clicked.connect(self.next_speaker)
        self.plus_button = button(self.tr("+30 秒 (+)"))
        self.plus_button.clicked.connect(lambda: self.adjust(30))
        self.minus_button = button(self.tr("−30 秒 (−)"))
        self.minus_button.clicked.connect(lambda: self.adjust(-30))
        self.skip_button = button(self.tr("跳过 (K)"))
        self.skip_button.clicked.connect(self.skip)
        self.absent_button = button(self.tr("缺席 (A)"))
        self.absent_button.clicked.connect(self.mark_absent)
        self.up_button = button(self.tr("上移 (Alt+↑)"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = button(self.tr("下移 (Alt+↓)"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.end_button = button(self.tr("述职发言就到这里 (Ctrl+Shift+E)"))
        self.end_button.setObjectName("endSpeeches")
        self.end_button.clicked.connect(self.confirm_end)

    def _lay_out(self) -> None:
        """The queue on the left, the stage and its buttons on the right."""
        controls = QGridLayout()
        for i, push in enumerate(
            (
                self.start_button,
                self.stop_button,
                self.previous_button,
                self.next_button,
                self.minus_button,
                self.plus_button,
                self.skip_button,
                self.absent_button,
                self.up_button,
                self.down_button,
            )
        ):
            controls.addWidget(push, i // 2, i % 2)
        controls.addWidget(self.end_button, 5, 0, 1, 2)

        stage = QVBoxLayout()
        stage.addWidget(self.speaker_label)
        stage.addWidget(self.unit_label)
        stage.addWidget(self.paused_badge)
        stage.addWidget(self.face, 1)
        bar = QHBoxLayout()  # the limit beside the bar: no extra line on a small screen
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.limit_label)
        stage.addLayout(bar)
        stage.addWidget(self.next_label)
        stage.addLayout(controls)

        queue_box = QGroupBox(self.tr("发言顺序"))
        queue_layout = QVBoxLayout(queue_box)
        queue_layout.addWidget(self.queue, 1)
        queue_layout.addWidget(self.written)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(queue_box, 3)
        layout.addLayout(stage, 2)

    # --- state --------------------------------------------------------------------------
    def speakers(self) -> dict[str, Speaker]:
        assert self.context is not None
        found: dict[str, Speaker] = {}
        for speaker in self.context.meeting.speakers:
            found.setdefault(speaker.name, speaker)
        return found

    def reload(self) -> None:
        context = self.context
        assert context is not None
        events = context.events()
        state = live_state(context.meeting, events)
        self.order = list(state.order)
        self.marks = dict(state.marks)
        self.ended = state.speeches_ended
        self.timings = {t.name: t for t in speaker_timings(context.meeting, events)}
        if self.current not in self.order or not self.timer_busy():
            self.current = state.current
        written = [s for s in context.meeting.speakers if s.written]
        self.written.setText(
            self.tr("书面述职(不作口头述职,不计时):")
            + listing(f"{s.name}({s.target or s.post})" for s in written)
            if written
            else ""
        )
        self.written.setVisible(bool(written))
        self.load_timer()
        self._show_queue()

    def timer_speaker(self) -> str | None:
        return self.current

    def timer_limit(self) -> float:
        assert self.context is not None
        speaker = self.speakers().get(self.current or "")
        return 0.0 if speaker is None else float(self.context.speech_limit_s(speaker))

    def can_time(self) -> bool:
        if self.current is None:
            self.message.emit(self.tr("没有待发言的述职人。"))
            return False
        return True

    def _status(self, name: str) -> str:
        if name == self.current and self.timer_busy():
            assert self.timer is not None
            return term(RUNNING_TEXT[self.timer.state()])
        if name in self.marks:
            return term(SPEAKER_STATUS_NAMES[self.marks[name]])
        return term(DUE_TEXT)

    def status_of(self, name: str) -> str:
        return self._status(name)

    def _due(self) -> list[str]:
        return [n for n in self.order if n not in self.marks]

    def next_due(self, after: str | None) -> str | None:
        """The next speaker still due after ``after`` in the queue (wrapping round)."""
        due = [n for n in self._due() if n != after]
        if not due:
            return None
        if after in self.order:
            place = self.order.index(after)
            later = [n for n in due if self.order.index(n) > place]
            if later:
                return later[0]
        return due[0]

    def stage(self) -> OnStage:
        speaker = self.speakers().get(self.current or "")
        if speaker is None:
            assert self.context is not None
            title = self.context.meeting.agenda[self.item_index].title
            return OnStage(title, self.tr("述职人已全部完成"), timed=False)
        upcoming = self.next_due(speaker.name)
        next_up = ""
        if upcoming is not None:
            unit = self.speakers()[upcoming].target or ""
            next_up = self.tr("下一位:{name} {unit}").format(name=upcoming, unit=unit).strip()
        subtitle = " · ".join(p for p in (speaker.target or "", speaker.post) if p)
        return OnStage(speaker.name, subtitle, next_up)

    # --- display --------------------------------------------------------------------------
    def _show_queue(self) -> None:
        assert self.context is not None
        speakers = self.speakers()
        rows: list[QueueRow] = []
        for place, name in enumerate(self.order, start=1):
            timing = self.timings.get(name)
            spoken = (
                format_clock(timing.spoken_s, round_up=False)
                if timing is not None and self.marks.get(name) is SpeakerStatus.SPOKEN
                else ""
            )
            base = self.context.speech_limit_s(speakers[name])
            given = 0.0
            if name == self.current and self.timer is not None and self.timer.speech is not None:
                given = self.timer.speech.adjustments_s
            elif timing is not None:  # its limit_s holds the time given, on the meeting's limit
                given = timing.limit_s - self.context.meeting.speech_limit_s(speakers[name])
            limit = limit_text(base, given)
            rows.append((place, speakers[name], limit, spoken, self._status(name)))
        self.model.set_rows(rows)
        current = self.order.index(self.current) if self.current in self.order else -1
        self.model.set_current(current)
        if current >= 0:
            self.queue.scrollTo(self.model.index(current, QueueColumn.ORDER))
        stage = self.stage()
        self.speaker_label.setText(stage.title)
        self.unit_label.setText(stage.subtitle)
        self.next_label.setText(stage.next_up)
        self.end_button.setEnabled(not self.ended)
        self._show_timer()

    def _show_timer(self) -> None:
        assert self.timer is not None
        state = self.timer.state()
        running = state is not TimerState.IDLE
        phase = self.timer.phase() if running else None
        self.face.set_face(self.timer.text(), phase, paused=state is TimerState.PAUSED)
        self.paused_badge.follow(state)
        speech = self.timer.speech
        limit = "" if speech is None else limit_text(speech.limit_s, speech.adjustments_s)
        self.limit_label.setText(self.tr("时限 {limit}").format(limit=limit) if limit else "")
        self.progress.setValue(int(self.timer.progress() * 1000))
        self.progress.setStyleSheet(progress_style(phase))

    # --- commands ---------------------------------------------------------------------------
    def _refuse_while_busy(self) -> bool:
        if self.timer_busy():
            self.message.emit(self.tr("{name} 正在计时,请先结束(S)。").format(name=self.current))
            return True
        return False

    def _go_to(self, name: str | None) -> None:
        self.current = name
        self.load_timer()
        self._show_queue()
        self.stage_changed.emit()

    def stop(self) -> None:
        super().stop()
        self._after_change()

    def toggle(self) -> None:
        super().toggle()
        self._after_change()

    def _after_change(self) -> None:
        """Re-read the standings (a stop makes a speaker spoken) without moving the cursor."""
        context = self.context
        assert context is not None
        events = context.events()
        self.marks = dict(live_state(context.meeting, events).marks)
        self.timings = {t.name: t for t in speaker_timings(context.meeting, events)}
        self._show_queue()

    def select_speaker(self, name: str) -> None:
        """Put ``name`` on stage (a click in the queue)."""
        if name == self.current or name not in self.order or self._refuse_while_busy():
            return
        self._go_to(name)

    def next_speaker(self) -> None:
        """Stop whoever speaks and put the next speaker still due on stage."""
        if self.timer_busy():
            self.stop()
            if self.timer_busy():  # the stop was not stored: the speaker stays on stage
                return
        upcoming = self.next_due(self.current)
        if upcoming is None and self.ended:
            upcoming = self.next_not_spoken(self.current)
            if upcoming is not None:  # the chair changed their mind: they may still speak
                self.message.emit(
                    self.tr("述职发言已宣布结束;仍可请 {name} 发言,按空格开始计时。").format(
                        name=upcoming
                    )
                )
                self._go_to(upcoming)
                return
        if upcoming is None:
            self.message.emit(self.tr("述职人已全部完成。"))
            if self.current is not None and self.current in self.marks:
                self._go_to(None)
            return
        self._go_to(upcoming)

    def next_not_spoken(self, after: str | None) -> str | None:
        """After "述职发言就到这里": the next speaker (wrapping round) who had not spoken."""
        left = [n for n in self.order if self.marks.get(n) is SpeakerStatus.NOT_SPOKEN]
        place = self.order.index(after) if after in self.order else -1
        later = [n for n in left if self.order.index(n) > place]
        rest = later or [n for n in left if n != after]
        return rest[0] if rest else None

    def previous_speaker(self) -> None:
        if self._refuse_while_busy() or not self.order:
            return
        if self.current not in self.order:
            self._go_to(self.order[-1])
            return
        place = self.order.index(self.current)
        if place > 0:
            self._go_to(self.order[place - 1])

    def _mark(self, kind: EventKind, status: SpeakerStatus) -> None:
        if self.current is None or self._refuse_while_busy():
            return
        timer = self.timer
        assert timer is not None
        if timer.state() is TimerState.STOPPED:
            self.message.emit(self.tr("{name} 已发言。").format(name=self.current))
            return
        name = self.current
        if not self.record(kind, name):
            return
        self.marks[name] = status
        self._go_to(self.next_due(name))

    def skip(self) -> None:
        self._mark(EventKind.SPEECH_SKIP, SpeakerStatus.SKIPPED)

    def mark_absent(self) -> None:
        self._mark(EventKind.SPEECH_ABSENT, SpeakerStatus.ABSENT)

    def move_current(self, delta: int) -> None:
        """Move the speaker on stage up or down the queue."""
        if self.current not in self.order:
            return
        place = self.order.index(self.current)
        target = min(max(place + delta, 0), len(self.order) - 1)
        if target == place:
            return
        if not self.record(EventKind.SPEECH_REORDER, self.current, target):
            return
        assert self.context is not None
        self.order = speech_order(self.context.meeting, self.context.events())
        self._show_queue()
        self.stage_changed.emit()

    def confirm_end(self) -> None:
        """The "述职发言就到这里" button and key: asks first, then :meth:`end_here`."""
        if self.ended:
            return
        answer = QMessageBox.question(
            self,
            self.tr("述职发言就到这里"),
            self.tr("结束述职发言?尚未发言的述职人将记为未发言。"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.end_here()

    def end_here(self) -> None:
        """ "述职发言就到这里": stop the speech, mark everyone still due as not spoken, and
        end the item."""
        if self.ended:
            return
        if self.timer_busy():
            self.stop()
            if self.timer_busy():  # the stop was not stored: nothing ends
                return
        presses: list[tuple[EventKind, str | None, float | None]] = [
            (EventKind.ITEM_END_EARLY, None, None)
        ]
        presses += [(EventKind.SPEECH_NOT_SPOKEN, name, None) for name in self._due()]
        if not self.record_all(presses):  # all of it or none
            return
        self.ended = True
        self.reload()
        self.finished.emit()
