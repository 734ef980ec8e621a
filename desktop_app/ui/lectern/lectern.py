"""The run screen's phone clock (手机计时页): the switch, the tokens, and the feed.

:class:`Lectern` is the run screen's one hook: it owns the switch (:attr:`Lectern.action`,
off by default), the server, one token per meeting for as long as the program runs (a new
meeting, a new address; nothing is stored), and turns what the projector shows into
snapshots (:meth:`Lectern.follow`, called wherever the projector is updated).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtNetwork import QAbstractSocket, QNetworkInterface

from desktop_app.domain.lectern import (
    AgendaLine,
    Display,
    agenda_line,
    new_token,
    running_clock,
    snapshot,
)
from desktop_app.domain.speech_clock import TimerState
from desktop_app.domain.timing import planned_s

if TYPE_CHECKING:
    from desktop_app.ui.lectern.server import LecternServer
    from desktop_app.ui.run.projector import ProjectorView
    from desktop_app.ui.run.screen import RunScreen
    from desktop_app.ui.run.timer import LiveTimer

PREFERRED_PORT = 18420  # the same address from one meeting day to the next when it is free
ADDRESS_CHECK_MS = 5_000


def _private_first(address: str) -> tuple[int, str]:
    # A phone on the meeting's Wi-Fi reaches the laptop on a private address.
    private = address.startswith(("192.168.", "10.")) or (
        address.startswith("172.") and 16 <= int(address.split(".")[1]) <= 31
    )
    return (0 if private else 1, address)


def local_addresses() -> list[str]:
    """This computer's IPv4 addresses on interfaces that are up, private ones first;
    ``127.0.0.1`` when it has no network at all."""
    found: list[str] = []
    flags = QNetworkInterface.InterfaceFlag
    for interface in QNetworkInterface.allInterfaces():
        up = interface.flags() & flags.IsUp and interface.flags() & flags.IsRunning
        if not up or interface.flags() & flags.IsLoopBack:
            continue
        for entry in interface.addressEntries():
            ip = entry.ip()
            if ip.protocol() is QAbstractSocket.NetworkLayerProtocol.IPv4Protocol:
                found.append(ip.toString())
    return sorted(set(found), key=_private_first) or ["127.0.0.1"]


class Lectern(QObject):
    """The phone clock of one run screen.

    Signals:
        changed(): switched on or off, the address or the number of open pages changed.
    """

    changed = Signal()

    def __init__(self, screen: RunScreen, *, port: int = PREFERRED_PORT) -> None:
        super().__init__(screen)
        self.screen = screen
        self.wanted_port = port
        self._server: LecternServer | None = None  # built when first switched on
        self.tokens: dict[int, str] = {}
        self.host = ""
        self._agenda_of: tuple[object, int] | None = None  # the timings list it was made of
        self._agenda: list[AgendaLine] = []
        self.action = QAction(self.tr("手机计时页(&W)"), self)
        self.action.setCheckable(True)
        self.action.setToolTip(
            self.tr("在同一网络的手机、平板上显示发言计时(只读);打开后显示地址和二维码")
        )
        self.action.toggled.connect(self.set_on)
        # The laptop may come back on the Wi-Fi with another address: show the new one.
        self.address_check = QTimer(self)
        self.address_check.setInterval(ADDRESS_CHECK_MS)
        self.address_check.timeout.connect(self.check_address)

    @property
    def server(self) -> LecternServer:
        """The web server of the pages, made at its first use: QtWebSockets is not loaded
        until the lectern is switched on (start-up time, issue 17)."""
        if self._server is None:
            from desktop_app.ui.lectern.server import LecternServer

            self._server = LecternServer(self.screen.clock, self)
            self._server.clients_changed.connect(lambda _n: self.changed.emit())
        return self._server

    # --- the switch -------------------------------------------------------------------------
    def is_on(self) -> bool:
        """Switched on. The snapshots are kept up to date even while the server cannot
        listen (the network gone), so a page that comes back gets the present."""
        return self.action.isChecked()

    def set_on(self, on: bool) -> None:
        if self.action.isChecked() != on:
            self.action.setChecked(on)  # comes back here through toggled
            return
        if not on:
            if self._server is not None:
                self._server.stop()
            self.address_check.stop()
            self.changed.emit()
            return
        if not self.server.start(self.wanted_port) and not self.server.start(0):
            self.action.setChecked(False)
            self.screen.show_message(self.tr("手机计时页无法启动:本机网络端口不可用。"))
            return
        self.host = local_addresses()[0]
        self.address_check.start()
        if self.screen.context is not None:
            panel = self.screen.stack.currentWidget()
            self.follow(self.screen.projector_view(), getattr(panel, "timer", None))
        self.changed.emit()

    def address(self, *, chair: bool = False) -> str:
        """The page's address for the meeting on screen ("" when off or no meeting)."""
        if not self.is_on() or not self.server.token or not self.server.port():
            return ""
        return f"http://{self.host}:{self.server.port()}/{self.server.token}/" + (
            "chair" if chair else ""
        )

    def check_address(self) -> None:
        """Keep the address shown while this computer still has it; else show its new one."""
        addresses = local_addresses()
        if self.host not in addresses:
            self.host = addresses[0]
            self.changed.emit()

    def clients(self) -> int:
        return len(self._server.clients) if self._server is not None else 0

    # --- the feed ---------------------------------------------------------------------------
    def follow(self, view: ProjectorView, timer: LiveTimer | None) -> None:
        """Send what the projector shows now (nothing when it is what the pages have)."""
        context = self.screen.context
        if not self.is_on() or context is None:
            return
        token = self.tokens.setdefault(context.meeting_id, new_token())
        if token != self.server.token:
            self.server.set_token(token)
            self.changed.emit()
        self.server.publish(self.state(view, timer))

    def state(self, view: ProjectorView, timer: LiveTimer | None) -> dict[str, Any]:
        """The snapshot of ``view``; while the speech runs, its clock as a start mark."""
        screen = self.screen
        now = screen.clock.now()
        running = None
        paused = False
        if timer is not None and view.stage.timed and view.phase is not None:
            running = running_clock(timer.speech, count_up=timer.count_up, now=now)
            # The speech on stage is paused (not a held final time of the one before).
            paused = timer.state() is TimerState.PAUSED and view.text == timer.text()
        context = screen.context
        item = context.meeting.agenda[screen.item_index].title if context else ""
        display = Display(
            title=view.stage.title,
            subtitle=view.stage.subtitle,
            next_up=view.stage.next_up,
            item=item,
            timed=view.stage.timed,
            text=view.text,
            phase=view.phase,
            progress=view.progress,
            paused=paused,
            message=view.message,
            blackout=screen.blackout_action.isChecked(),
            running=running,
        )
        return snapshot(display, self._agenda_lines(now))

    def _agenda_lines(self, now: float) -> list[AgendaLine]:
        """The agenda's planned and actual times, rebuilt when the run screen reloads them
        (so the current item's mark does not wander with the wall clock)."""
        screen = self.screen
        context = screen.context
        made_of = self._agenda_of
        if context is None or (
            made_of is not None and made_of[0] is screen.timings and made_of[1] == screen.item_index
        ):
            return self._agenda
        wall_now = screen.wall_clock()
        lines = []
        for timing in screen.timings:
            current = timing.index == screen.item_index
            running_for = None
            if timing.start is not None and timing.length_s is None and current:
                running_for = (wall_now - timing.start).total_seconds()
            lines.append(
                agenda_line(
                    timing.index + 1,
                    timing.title,
                    planned_s=planned_s(context.meeting, timing.index, context.default_limit_s),
                    started=timing.start.astimezone().strftime("%H:%M") if timing.start else "",
                    length_s=timing.length_s,
                    running_for_s=running_for,
                    current=current,
                    now=now,
                )
            )
        # Holding the list itself (not its id) so a new list can never pass for it.
        self._agenda_of, self._agenda = (screen.timings, screen.item_index), lines
        return lines
