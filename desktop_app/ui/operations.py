"""The one helper for slow work: run a function off the GUI thread, then call back.

:meth:`Operations.run_in_process` runs heavy work (PDFs, workbooks, imports, rosters, scan
reading) in a worker process of :mod:`desktop_app.workers`, with progress and cancel, so the
GUI's interpreter never waits on the GIL: prefer it for anything that computes. :meth:`run`
keeps a thread of this process for short work that needs this process's objects.

Callbacks run on the GUI thread, so they may touch widgets; the work function must not.
Without an ``on_failure``, a failure is shown by :func:`desktop_app.ui.errors.report_failure`
over the window that owns the operations: no failure of background work goes unsaid.
Only a plain integer crosses threads through Qt (a queued ``Signal(int)``); the result or
exception itself waits in a dictionary under a lock, so no Python object is handed to Qt
from a worker thread. (A "deallocating None" crash once blamed on queued ``Signal(object)``
was a PySide6 refcount bug; see ``refcount_guard.py``.)
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.store.database import Database
from desktop_app.ui.errors import report_failure
from desktop_app.workers import Job, WorkerPool


def worker_url(db: Database) -> str | None:
    """The database's URL for a worker process (password included: it stays on this
    machine, in a pipe); None for an in-memory database, which only this process sees."""
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


class Operations(QObject):
    """Runs work on worker threads and calls ``on_success(result)`` or ``on_failure(exc)``
    (by default :meth:`report`)."""

    _finished = Signal(int)
    _progressed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._tokens = itertools.count(1)
        self._pending: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._outcomes: dict[int, tuple[bool, Any]] = {}
        self._threads: dict[int, threading.Thread] = {}
        self._progress: dict[int, tuple[Callable[[int, int, str], None], tuple[int, int, str]]] = {}
        self._finished.connect(self._deliver)
        self._progressed.connect(self._deliver_progress)
        self._pool: WorkerPool | None = None
        self._jobs: dict[int, Job] = {}

    @property
    def pool(self) -> WorkerPool:
        """The worker processes (started when first needed)."""
        if self._pool is None:
            # Each worker speaks the window's language (a user's error reads the same).
            self._pool = WorkerPool(
                preload=["desktop_app.ui.worker_init:speak_the_windows_language"]
            )
        return self._pool

    def run_in_process(
        self,
        work: Callable[..., Any],
        args: tuple[Any, ...],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None] | None = None,
        *,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Job:
        """Run ``work(*args)`` in a worker process; ``work`` is a module-level function,
        its arguments and result pickle. ``on_progress(done, total, text)`` follows
        :func:`desktop_app.progress.report` calls made inside it. ``job.cancel()`` stops
        it at once; a cancelled job calls nothing back."""
        self._forget_cancelled()
        token = next(self._tokens)
        self._pending[token] = (on_success, on_failure or self.report)

        def done(ok: bool, value: Any) -> None:
            with self._lock:
                self._outcomes[token] = (ok, value)
            with contextlib.suppress(RuntimeError):  # the window is gone (exit): nobody waits
                self._finished.emit(token)

        def progressed(step: int, total: int, text: str) -> None:
            with self._lock:
                self._progress[token] = (on_progress, (step, total, text))  # type: ignore[assignment]
            with contextlib.suppress(RuntimeError):
                self._progressed.emit(token)

        job = self.pool.submit(
            work, *args, on_done=done, on_progress=progressed if on_progress else None
        )
        self._jobs[token] = job
        return job

    def _deliver_progress(self, token: int) -> None:
        with self._lock:
            entry = self._progress.pop(token, None)
        if entry is not None and token in self._pending and not self._jobs[token].cancelled:
            callback, figures = entry
            callback(*figures)

    def run(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        token = next(self._tokens)
        self._pending[token] = (on_success, on_failure or self.report)

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

    def report(self, exc: Exception) -> None:
        """The failure of work run without an ``on_failure``: a failure box over the
        window that owns these operations."""
        owner = self.parent()
        title = QCoreApplication.translate("Errors", "操作未完成")
        report_failure(owner if isinstance(owner, QWidget) else None, title, exc)

    def _deliver(self, token: int) -> None:
        with self._lock:
            outcome = self._outcomes.pop(token, None)
            self._progress.pop(token, None)
        if outcome is None:  # a cancelled job already forgotten
            return
        succeeded, value = outcome
        callbacks = self._pending.pop(token, None)
        self._threads.pop(token, None)
        job = self._jobs.pop(token, None)
        if callbacks is None or (job is not None and job.cancelled):
            return
        on_success, on_failure = callbacks
        if succeeded:
            on_success(value)
        else:
            on_failure(value)

    def _forget_cancelled(self) -> None:
        """Drop the callbacks of cancelled jobs: a cancelled job calls nothing back, and its
        worker may be ended before it says it is done."""
        for token in [t for t, job in self._jobs.items() if job.cancelled]:
            del self._jobs[token]
            self._pending.pop(token, None)
            with self._lock:
                self._outcomes.pop(token, None)
                self._progress.pop(token, None)

    def wait(self, seconds: float = 30.0) -> bool:
        """Wait for running work (at shutdown), so no thread outlives the window; worker
        processes are ended (their jobs are abandoned, like the window)."""
        for thread in list(self._threads.values()):
            thread.join(seconds)
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self._forget_cancelled()
        return not any(thread.is_alive() for thread in self._threads.values())
