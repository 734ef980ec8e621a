"""The base of the run screen's panels, one per agenda item kind.

A panel shows one agenda item. The run screen routes the keys to the panel on screen;
the timer keys do nothing on a panel without a timer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from desktop_app.domain.speech_clock import SpeechClock, TimerState, format_clock
from desktop_app.domain.timing import EventKind, SpeechEvent, restore_clock, timer_figures
from desktop_app.ui.palette import PAUSED_BADGE_BACKGROUND, PAUSED_BADGE_TEXT
from desktop_app.ui.run.context import LiveContext, NotSaved
from desktop_app.ui.run.timer import LiveTimer


def button(text: str) -> QPushButton:
    """A run-screen button: clicked with the mouse, never holding the keyboard focus."""
    push = QPushButton(text)
    push.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return push


def limit_text(limit_s: float, adjust_s: float) -> str:
    """A limit with the time given or taken: ``5:00``, or ``5:00 → 4:30(−0:30)``; a
    length planned with + alone (no limit of its own) is just that length."""
    if not adjust_s or not limit_s:
        limit_s += adjust_s
        return format_clock(limit_s, round_up=False)
    sign = "+" if adjust_s > 0 else "−"
    effective = format_clock(max(limit_s + adjust_s, 0), round_up=False)
    change = format_clock(abs(adjust_s), round_up=False)
    return f"{format_clock(limit_s, round_up=False)} → {effective}({sign}{change})"


class PausedBadge(QLabel):
    """ "暂停" over a paused clock, so a paused timer never passes for a running one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pausedBadge")
        self.setText(self.tr("暂停中 · 按空格继续"))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            f"QLabel#pausedBadge {{ background: {PAUSED_BADGE_BACKGROUND};"
            f" color: {PAUSED_BADGE_TEXT}; font-weight: bold;"
            " border-radius: 4px; padding: 3px 10px; }"
        )
        self.setVisible(False)

    def follow(self, state: TimerState) -> None:
        self.setVisible(state is TimerState.PAUSED)


@dataclass(frozen=True)
class OnStage:
    """What the projector shows: who speaks (and for what unit) and who is next."""

    title: str
    subtitle: str = ""
    next_up: str = ""
    timed: bool = True


class Panel(QWidget):
    """One agenda item on the run screen.

    Signals:
        message(str): something the operator should read (in the status line).
        stage_changed(): who is on stage changed (the projector follows).
        stopped(): a speech was stopped (the projector holds its final time).
        finished(): the item ended itself ("述职发言就到这里"); go to the next item.
    """

    message = Signal(str)
    stage_changed = Signal()
    stopped = Signal()
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context: LiveContext | None = None
        self.item_index = 0
        self.timer: LiveTimer | None = None

    def set_item(self, context: LiveContext, item_index: int) -> None:
        """Show agenda item ``item_index``, rebuilt from what is stored."""
        self.flush()
        self.context = context
        self.item_index = item_index
        self.reload()

    def reload(self) -> None:
        """Rebuild from the stored events and comments."""

    def flush(self) -> None:
        """Store anything typed and not yet saved."""

    def key_rows(self) -> list[tuple[str, str]]:
        """Keys this panel's own widgets handle (for the shortcut sheet, F1)."""
        return []

    def stage(self) -> OnStage:
        assert self.context is not None
        return OnStage(self.context.meeting.agenda[self.item_index].title, timed=False)

    # --- the timer keys; panels with a timer override what they need ----------------------
    def record(
        self, kind: EventKind, speaker: str | None = None, value: float | None = None
    ) -> bool:
        """Store one press; False when the database refused it (reported, and the panel
        put back as the stored events have it: :meth:`refused`)."""
        return self.record_all([(kind, speaker, value)])

    def record_all(self, presses: list[tuple[EventKind, str | None, float | None]]) -> bool:
        """Store presses together, all or none (see :meth:`record`)."""
        context = self.context
        assert context is not None
        at = context.wall_clock()
        events = [SpeechEvent(k, at, self.item_index, s, v) for k, s, v in presses]
        try:
            context.record_all(events)
        except NotSaved:
            self.refused()
            return False
        return True

    def refused(self) -> None:
        """A press could not be stored: show what is stored, never what is not."""

    def timer_busy(self) -> bool:
        """A speech is running or paused: leaving it would lose track of it."""
        return self.timer is not None and self.timer.state() in (
            TimerState.RUNNING,
            TimerState.PAUSED,
        )

    def toggle(self) -> None: ...

    def stop(self) -> None: ...

    def adjust(self, delta_s: float) -> None: ...

    def correct_start(self, seconds: float) -> None: ...

    def set_length(self, seconds: float) -> None: ...

    def next_speaker(self) -> None: ...

    def previous_speaker(self) -> None: ...

    def skip(self) -> None: ...

    def mark_absent(self) -> None: ...

    def move_current(self, delta: int) -> None: ...


class TimedPanel(Panel):
    """A panel with one speech timer at a time, kept in step with the stored events.

    Subclasses say whose timer it is (:meth:`timer_speaker`; None: the item's own timer)
    and its limit (:meth:`timer_limit`; 0: count up until time is given).
    """

    fresh_after_stop = False  # a start after a stop begins a new speech (representatives)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timer = LiveTimer(self)

    def timer_speaker(self) -> str | None:
        return None

    def timer_limit(self) -> float:
        return 0.0

    def load_timer(self) -> None:
        """The timer as the stored events leave it, at the current time."""
        context = self.context
        assert context is not None and self.timer is not None
        speaker = self.timer_speaker()
        own = [
            e
            for e in context.events()
            if e.speaker == speaker and (speaker is not None or e.agenda_index == self.item_index)
        ]
        figures = timer_figures(own, fresh_after_stop=self.fresh_after_stop)
        speech = restore_clock(
            figures,
            self.timer_limit(),
            context.clock,
            context.wall_clock(),
            warning_s=context.warning_s,
            final_s=context.final_s,
        )
        self.timer.load(speech, count_up=self._counts_up(speech))

    @staticmethod
    def _counts_up(speech: SpeechClock) -> bool:
        return speech.limit_s + speech.adjustments_s <= 0

    def _speech(self) -> SpeechClock:
        assert self.timer is not None
        if self.timer.speech is None:
            self.load_timer()
        assert self.timer.speech is not None
        return self.timer.speech

    def can_time(self) -> bool:
        return True

    def refused(self) -> None:
        """A press the database refused changes nothing: each press is stored *before* the
        clock on screen follows it, so a refused one leaves the timer (and the projector) as
        the stored events have it, and the run screen's status line says it was not
        recorded. The operator presses again once there is room (L for a late start)."""
        self._pressed()

    def toggle(self) -> None:
        if not self.can_time():
            return
        speech, speaker = self._speech(), self.timer_speaker()
        if speech.state is TimerState.IDLE:
            if self.record(EventKind.SPEECH_START, speaker):
                speech.start()
                self._pressed()
        elif speech.state is TimerState.RUNNING:
            if self.record(EventKind.SPEECH_PAUSE, speaker):
                speech.pause()
                self._pressed()
        elif speech.state is TimerState.PAUSED:
            if self.record(EventKind.SPEECH_RESUME, speaker):
                speech.resume()
                self._pressed()
        elif self.record(EventKind.SPEECH_START, speaker):
            self.load_timer()
            self._pressed()

    def stop(self) -> None:
        """End the speech; refused by the database, the speech goes on (check
        :meth:`timer_busy` before moving on)."""
        speech = self._speech()
        if speech.state not in (TimerState.RUNNING, TimerState.PAUSED):
            return
        if not self.record(EventKind.SPEECH_STOP, self.timer_speaker()):
            return
        speech.stop()
        self._pressed()
        self.stopped.emit()

    def adjust(self, delta_s: float) -> None:
        if not self.can_time():
            return
        speech = self._speech()
        if not self.record(EventKind.SPEECH_ADJUST, self.timer_speaker(), delta_s):
            return
        speech.adjust(delta_s)
        assert self.timer is not None
        self.timer.count_up = self._counts_up(speech)
        self._pressed()

    def set_length(self, seconds: float) -> None:
        """The planned length typed (T), not built by ±30 s presses: the difference is
        given or taken like a press of + or −."""
        if not self.can_time():
            return
        speech = self._speech()
        delta = seconds - (speech.limit_s + speech.adjustments_s)
        if delta:
            self.adjust(delta)

    def correct_start(self, seconds: float) -> None:
        if not self.can_time() or seconds <= 0:
            return
        speech, speaker = self._speech(), self.timer_speaker()
        if speech.state is TimerState.STOPPED:
            self.message.emit(self.tr("已结束的发言不能补记开始时间。"))
            return
        idle = speech.state is TimerState.IDLE
        presses: list[tuple[EventKind, str | None, float | None]] = []
        if idle:
            presses.append((EventKind.SPEECH_START, speaker, None))
        presses.append((EventKind.SPEECH_CORRECT_START, speaker, seconds))
        if not self.record_all(presses):  # both or neither; refused, the clock is untouched
            return
        if idle:
            speech.start(late_by_s=seconds)
        else:
            speech.correct_start(seconds)
        self._pressed()

    def _pressed(self) -> None:
        """After a press: show it, and let the queue and the projector follow."""
        assert self.timer is not None
        self.timer.refresh(chimes=False)
        self.stage_changed.emit()
