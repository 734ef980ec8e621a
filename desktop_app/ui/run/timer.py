"""What is shown of a speech timer, and the big clock face on the operator's screen.

:class:`LiveTimer` wraps the :class:`~desktop_app.domain.speech_clock.SpeechClock` of the
speech on screen. Its :meth:`LiveTimer.refresh` is called at each display boundary (by the
run screen's :class:`BoundaryTicker`, by hand in tests); it signals only when the shown text
or phase changes, and requests a chime when the warning phase and zero are reached while the
clock runs. :meth:`LiveTimer.next_change_in` says when the next boundary is, so the window
sleeps until then instead of polling.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop_app.domain.speech_clock import Phase, SpeechClock, TimerState, format_clock
from desktop_app.ui.palette import (
    IDLE_COLOURS,
    PHASE_COLOURS,
    PULSE_COLOUR,
    TIMER_PROGRESS_BORDER,
    TIMER_PROGRESS_TROUGH,
)
from desktop_app.ui.run.sounds import END, WARNING


def dimmed(foreground: str, background: str) -> str:
    """A paused clock's digits: half way from the text colour to the background."""
    mix = [
        (int(foreground[i : i + 2], 16) + int(background[i : i + 2], 16)) // 2 for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{c:02x}" for c in mix)


def progress_style(phase: Phase | None) -> str:
    """The operator's progress bar in the phase colour."""
    colour = IDLE_COLOURS[0] if phase is None else PHASE_COLOURS[phase][0]
    return (
        f"QProgressBar {{ border: 1px solid {TIMER_PROGRESS_BORDER}; border-radius: 3px;"
        f" background: {TIMER_PROGRESS_TROUGH}; }}"
        f" QProgressBar::chunk {{ background: {colour}; }}"
    )


class LiveTimer(QObject):
    """The speech timer on screen.

    Signals:
        changed(): the shown text, phase or state changed.
        chime(str): a chime to play (``warning`` or ``end``).
        overtime_began(): the running speech just reached zero.
    """

    changed = Signal()
    chime = Signal(str)
    overtime_began = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speech: SpeechClock | None = None
        self.count_up = False
        self._shown: tuple[str, Phase, TimerState] | None = None

    def load(self, speech: SpeechClock | None, *, count_up: bool = False) -> None:
        """Show another speech (or none). No chime for where it already stands."""
        self.speech = speech
        self.count_up = count_up
        self._shown = None
        self.refresh(chimes=False)

    def text(self) -> str:
        if self.speech is None:
            return "—"
        if self.count_up:
            return format_clock(self.speech.elapsed(), round_up=False)
        return self.speech.display()

    def phase(self) -> Phase:
        if self.speech is None or self.count_up:
            return Phase.NORMAL
        return self.speech.phase()

    def state(self) -> TimerState:
        return TimerState.IDLE if self.speech is None else self.speech.state

    def progress(self) -> float:
        """Share of the allowed time used, 0 to 1 (count-up: 0)."""
        if self.speech is None or self.count_up:
            return 0.0
        allowed = self.speech.limit_s + self.speech.adjustments_s
        if allowed <= 0:
            return 1.0
        return min(max(self.speech.elapsed() / allowed, 0.0), 1.0)

    def next_change_in(self) -> float | None:
        """Seconds until the shown text or phase next changes; None while it is frozen."""
        speech = self.speech
        if speech is None or speech.state is not TimerState.RUNNING:
            return None
        if not self.count_up:
            return speech.next_change_in()
        elapsed = speech.elapsed()  # shown rounded down: turns over at each whole second
        step = math.floor(elapsed + 1e-9) + 1 - elapsed
        return step + 1.0 if step <= 1e-9 else step

    def refresh(self, *, chimes: bool = True) -> bool:
        """Recompute what is shown; True (and ``changed``) when it differs from before."""
        shown = (self.text(), self.phase(), self.state())
        previous = self._shown
        if shown == previous:
            return False
        self._shown = shown
        running = shown[2] is TimerState.RUNNING
        if chimes and previous is not None and running and shown[1] != previous[1]:
            before, now = previous[1], shown[1]
            if now is Phase.OVERTIME:
                self.chime.emit(END)
                self.overtime_began.emit()
            elif before is Phase.NORMAL and now in (Phase.WARNING, Phase.FINAL):
                self.chime.emit(WARNING)
        self.changed.emit()
        return True


class BoundaryTicker(QObject):
    """A precise single-shot timer armed for the next moment the screen must change.

    Instead of polling, the owner refreshes at each :attr:`timeout` and then calls
    :meth:`schedule` with the seconds until its next display boundary (a second turning
    over, a phase, the end of a flash); the timer is armed to that millisecond (rounded
    up, so the boundary has passed when it fires), at most :attr:`MAX_WAIT_S` ahead.
    :meth:`start` and :meth:`stop` work as on a QTimer; while stopped, :meth:`schedule`
    does nothing.

    Signals:
        timeout(): a boundary is due: refresh, then schedule the next one.
    """

    timeout = Signal()
    MAX_WAIT_S = 1.0

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.timeout)
        self._active = False

    def start(self) -> None:
        """Begin: refresh at once (which schedules the next boundary)."""
        self._active = True
        self._timer.start(0)

    def stop(self) -> None:
        self._active = False
        self._timer.stop()

    def isActive(self) -> bool:
        return self._active

    def schedule(self, seconds: float | None) -> None:
        """Fire in ``seconds`` (None: nothing is due; wake within MAX_WAIT_S anyway)."""
        if not self._active:
            return
        wait = self.MAX_WAIT_S if seconds is None else min(max(seconds, 0.0), self.MAX_WAIT_S)
        self._timer.start(math.ceil(wait * 1000 - 1e-6))

    def interval(self) -> int:
        """Milliseconds the timer was last armed for."""
        return self._timer.interval()

    def timerType(self) -> Qt.TimerType:
        return self._timer.timerType()


class ClockFace(QLabel):
    """Big digits coloured by phase, sized to fit the label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("—", parent)
        self.setObjectName("clockFace")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)
        self.phase: Phase | None = None
        self.pulse = False
        self.paused = False
        self._shown: tuple[str, Phase | None, bool, int, bool] | None = None
        self.set_face("—", None)

    def set_face(
        self, text: str, phase: Phase | None, *, pulse: bool = False, paused: bool = False
    ) -> None:
        """``phase`` None: nothing running (slate); ``paused``: dimmed digits. Restyled only
        when something changed: the run screen calls this at every tick."""
        shown = (text, phase, pulse, self._font_px(), paused)
        if shown == self._shown:
            return
        self._shown = shown
        self.phase = phase
        self.pulse = pulse
        self.paused = paused
        background, foreground = IDLE_COLOURS if phase is None else PHASE_COLOURS[phase]
        if pulse:
            background, foreground = PULSE_COLOUR, PHASE_COLOURS[Phase.OVERTIME][0]
        if paused:
            foreground = dimmed(foreground, background)
        self.setText(text)
        self.setStyleSheet(
            f"QLabel#clockFace {{ background: {background}; color: {foreground};"
            f" border-radius: 8px; font-weight: bold; font-size: {self._font_px()}px; }}"
        )

    def background(self) -> str:
        return IDLE_COLOURS[0] if self.phase is None else PHASE_COLOURS[self.phase][0]

    def _font_px(self) -> int:
        # "+12:34" is six characters of roughly 0.6 em; leave a margin.
        return max(24, min(int(self.height() * 0.7), int(self.width() / 4.2)))

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.set_face(self.text(), self.phase, pulse=self.pulse, paused=self.paused)
