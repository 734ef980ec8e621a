"""The one helper for slow work: run a function off the GUI thread, then call back.

Callbacks run on the GUI thread, so they may touch widgets; the work function must not.
Only a plain integer crosses threads through Qt (a queued ``Signal(int)``); the result or
exception itself waits in a dictionary under a lock, so no Python object is handed to Qt
from a worker thread. (A "deallocating None" crash once blamed on queued ``Signal(object)``
was a PySide6 refcount bug; see ``refcount_guard.py``.)
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class Operations(QObject):
    """Runs work on worker threads and calls ``on_success(result)`` or ``on_failure(exc)``."""

    _finished = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._outcomes: dict[int, tuple[bool, Any]] = {}
        self._threads: dict[int, threading.Thread] = {}
        self._finished.connect(self._deliver)

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> None:
        token = next(self._tokens)
        self._pending[token] = (on_success, on_failure)

        def target() -> None:
            try:
                outcome: tuple[bool, Any] = (True, work())
            except Exception as exc:  # reported to the failure callback, never swallowed
                outcome = (False, exc)
            with self._lock:
                self._outcomes[token] = outcome
            self._finished.emit(token)

        thread = threading.Thread(target=target, name=f"operation-{token}", daemon=True)
        self._threads[token] = thread
        thread.start()

    def _deliver(self, token: int) -> None:
        with self._lock:
            succeeded, value = self._outcomes.pop(token)
        on_success, on_failure = self._pending.pop(token)
        self._threads.pop(token, None)
        if succeeded:
            on_success(value)
        else:
            on_failure(value)

    def wait(self, seconds: float = 30.0) -> bool:
        """Wait for running work (at shutdown), so no thread outlives the window."""
        for thread in list(self._threads.values()):
            thread.join(seconds)
        return not any(thread.is_alive() for thread in self._threads.values())
