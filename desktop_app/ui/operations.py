"""The one helper for slow work: run a function off the GUI thread, then call back.

Callbacks run on the GUI thread (queued signals), so they may touch widgets; the work
function must not. Keeps a reference to each running task until it has reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits through it."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # reported to the failure callback, never swallowed
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class Operations(QObject):
    """Runs work on a thread pool and calls ``on_success(result)`` or ``on_failure(exc)``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._running: set[_Relay] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        relay = _Relay(self)
        self._running.add(relay)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._running.discard(relay)
            relay.deleteLater()
            callback(value)

        relay.succeeded.connect(lambda result: finish(on_success, result))
        relay.failed.connect(lambda exc: finish(on_failure, exc))
        self._pool.start(_Task(work, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for running work (at shutdown), so no thread outlives the window."""
        return self._pool.waitForDone(msecs)
