"""The projector window: what the room sees.

Huge digits sized to fit, the speaker's name and unit, the next speaker, a progress bar,
colours by phase, an optional one-line message to the speaker, and a blackout. On a
second screen it is frameless and full screen there; with one screen it is an ordinary
window, so it never covers the operator's screen.

It never takes the keyboard: it is shown without being activated and does not accept focus
(as OnlyT's and Ontime's timer windows); should a window manager activate it anyway (a
click), it hands the activation straight back to the operator's window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QScreen
from PySide6.QtWidgets import QLabel, QProgressBar, QStackedLayout, QVBoxLayout, QWidget

from desktop_app.domain.speech_clock import Phase
from desktop_app.ui.palette import (
    IDLE_COLOURS,
    PAUSED_BADGE_BACKGROUND,
    PAUSED_BADGE_TEXT,
    PHASE_COLOURS,
    PROJECTOR_BLACKOUT,
    PROJECTOR_BLACKOUT_NOTE,
    PROJECTOR_MESSAGE_BACKGROUND,
    PROJECTOR_MESSAGE_TEXT,
    PROJECTOR_PROGRESS_TROUGH,
    PULSE_COLOUR,
)
from desktop_app.ui.run.panel import OnStage
from desktop_app.ui.run.timer import dimmed

SETTINGS_KEY = "projector/screen"
# The projector is a window of its own that never takes the keyboard.
WINDOW_FLAGS = Qt.WindowType.Window | Qt.WindowType.WindowDoesNotAcceptFocus


@dataclass(frozen=True)
class ProjectorView:
    """Everything the projector shows at one moment; equal views are not redrawn."""

    stage: OnStage
    text: str = ""
    phase: Phase | None = None  # None: nothing running (slate)
    progress: float = 0.0
    pulse: bool = False
    message: str = ""
    paused: bool = False  # the speech is paused: a 暂停 badge and dimmed digits


def choose_screen(
    screens: Sequence[QScreen], operator: QScreen | None, remembered: str | None
) -> QScreen | None:
    """The projector's screen: the remembered one if present and not the operator's,
    else the first other screen; None when there is only the operator's."""
    others = [s for s in screens if s is not operator]
    for screen in others:
        if screen.name() == remembered:
            return screen
    return others[0] if others else None


class ProjectorWindow(QWidget):
    """The room's view; fed :class:`ProjectorView` values by the run screen.

    Signals:
        closed(): the window was closed by hand (its close button, Alt+F4).
    """

    closed = Signal()

    def __init__(self, parent: QWidget | None = None, *, preview: bool = False) -> None:
        """``preview``: a small copy inside the operator's screen, not a window."""
        if preview:
            super().__init__(parent)
        else:
            super().__init__(parent, WINDOW_FLAGS)
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.preview = preview
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle(self.tr("投影 — 述职计时"))
        self.setObjectName("projector")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.view: ProjectorView | None = None
        self.blackout = False
        self.full_screen_on: QScreen | None = None

        self.name = QLabel()
        self.name.setObjectName("projectorName")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("projectorSubtitle")
        self.digits = QLabel()
        self.digits.setObjectName("projectorDigits")
        self.paused_badge = QLabel(self.tr("暂停"))
        self.paused_badge.setObjectName("projectorPaused")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.next_up = QLabel()
        self.next_up.setObjectName("projectorNext")
        self.message = QLabel()
        self.message.setObjectName("projectorMessage")
        for label in (
            self.name,
            self.subtitle,
            self.paused_badge,
            self.digits,
            self.next_up,
            self.message,
        ):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)

        self.content = content = QWidget()
        self.content_layout = layout = QVBoxLayout(content)
        margin = 6 if preview else 40
        layout.setContentsMargins(margin, margin // 2 + 1, margin, margin // 2 + 1)
        layout.setSpacing(2 if preview else 6)
        layout.addWidget(self.name)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.paused_badge, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.digits, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.next_up)
        layout.addWidget(self.message)
        self.black = QWidget()
        self.black.setObjectName("projectorBlack")
        self.black.setStyleSheet(f"QWidget#projectorBlack {{ background: {PROJECTOR_BLACKOUT}; }}")
        if preview:  # the operator reads it: say why it is black
            said = QLabel(self.tr("黑屏中"), self.black)
            said.setStyleSheet(f"color: {PROJECTOR_BLACKOUT_NOTE}; background: transparent;")
            said.setAlignment(Qt.AlignmentFlag.AlignCenter)
            QVBoxLayout(self.black).addWidget(said)
        self.pages = QStackedLayout(self)
        self.pages.addWidget(content)
        self.pages.addWidget(self.black)
        if not preview:
            self.resize(960, 540)

    # --- content --------------------------------------------------------------------------
    def colours(self) -> tuple[str, str]:
        """Background and text colour now shown."""
        view = self.view
        if view is None or view.phase is None:
            return IDLE_COLOURS
        if view.pulse:
            return PULSE_COLOUR, PHASE_COLOURS[Phase.OVERTIME][0]
        return PHASE_COLOURS[view.phase]

    def show_view(self, view: ProjectorView) -> bool:
        """Show ``view``; False when it is what is shown already."""
        if view == self.view:
            return False
        self.view = view
        background, foreground = self.colours()
        height = max(self.height(), 60 if self.preview else 200)
        digits = dimmed(foreground, background) if view.paused else foreground
        self.setStyleSheet(
            f"QWidget#projector {{ background: {background}; }}"
            f" QLabel {{ color: {foreground}; background: transparent; }}"
            f" QLabel#projectorName {{ font-size: {int(height * 0.085)}px; font-weight: bold; }}"
            f" QLabel#projectorSubtitle {{ font-size: {int(height * 0.05)}px; }}"
            f" QLabel#projectorNext {{ font-size: {int(height * 0.04)}px; }}"
            f" QLabel#projectorDigits {{ color: {digits}; }}"
            f" QLabel#projectorPaused {{ font-size: {max(int(height * 0.06), 8)}px;"
            f" font-weight: bold; background: {PAUSED_BADGE_BACKGROUND};"
            f" color: {PAUSED_BADGE_TEXT};"
            f" border-radius: 4px; padding: 0px {int(height * 0.02)}px; }}"
            f" QLabel#projectorMessage {{ font-size: {int(height * 0.05)}px;"
            f" background: {PROJECTOR_MESSAGE_BACKGROUND}; color: {PROJECTOR_MESSAGE_TEXT};"
            f" border-radius: 6px; padding: 4px; }}"
            f" QProgressBar {{ background: {PROJECTOR_PROGRESS_TROUGH}; border: none;"
            f" min-height: {int(height * 0.025)}px; max-height: {int(height * 0.025)}px; }}"
            f" QProgressBar::chunk {{ background: {foreground}; }}"
        )
        self.name.setText(view.stage.title)
        self.subtitle.setText(view.stage.subtitle)
        self.subtitle.setVisible(bool(view.stage.subtitle))
        self.paused_badge.setVisible(view.paused and view.stage.timed)
        self.digits.setText(view.text if view.stage.timed else "")
        self.digits.setVisible(view.stage.timed)
        self.progress.setVisible(view.stage.timed)
        self.progress.setValue(int(view.progress * 1000))
        self.next_up.setText(view.stage.next_up)
        self.next_up.setVisible(bool(view.stage.next_up))
        self.message.setText(view.message)
        self.message.setVisible(bool(view.message))
        self._fit_digits()
        return True

    def set_blackout(self, on: bool) -> None:
        self.blackout = on
        self.pages.setCurrentWidget(self.black if on else self.content)

    def _fit_digits(self) -> None:
        """The largest font at which the digits fill the space without being cut."""
        text = self.digits.text() or "0:00"
        # Measure with every digit an 8 so the size does not jump from one second to the next.
        sample = "".join("8" if c.isdigit() else c for c in text)
        font = QFont(self.digits.font())
        font.setBold(True)
        font.setPixelSize(100)
        metrics = QFontMetrics(font)
        margins = self.content_layout.contentsMargins()
        width = max(self.width() - margins.left() - margins.right(), 40) * 0.95
        room = max(self.height() * (0.45 if self.view and self.view.paused else 0.55), 20.0)
        scale = min(width / max(metrics.horizontalAdvance(sample), 1), room / metrics.height())
        font.setPixelSize(max(int(100 * scale), 8))
        self.digits.setFont(font)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        view, self.view = self.view, None
        if view is not None:
            self.show_view(view)

    def closeEvent(self, event: object) -> None:
        super().closeEvent(event)  # type: ignore[arg-type]
        self.closed.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        activated = event.type() is QEvent.Type.ActivationChange and self.isActiveWindow()
        if activated and not self.preview:
            self.give_back_activation()

    def give_back_activation(self) -> None:
        """The operator's window, not the projector, keeps the keyboard."""
        parent = self.parentWidget()
        if parent is not None and parent.window().isVisible():
            parent.window().activateWindow()

    # --- placement ------------------------------------------------------------------------
    def place(self, screen: QScreen | None) -> None:
        """Full screen and frameless on ``screen``; None: a normal window."""
        self.full_screen_on = screen
        if screen is None:
            self.setWindowFlags(WINDOW_FLAGS)
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowFullScreen)
            self.show()
            return
        self.setWindowFlags(WINDOW_FLAGS | Qt.WindowType.FramelessWindowHint)
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        # Not showFullScreen(): it activates the window, and the projector never takes the
        # keyboard.
        self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)
        self.show()
