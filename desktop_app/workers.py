"""A small pool of worker processes for heavy work: PDFs, workbooks, imports, rosters, scans.

reportlab, openpyxl and image decoding hold Python's GIL for long stretches; run in a thread
of the window's process they stall its event loop, and the speech clock on the projector
stutters. Run here, in other processes (spawned, never forked: the window has threads),
they leave the window's interpreter alone.

The whole API::

    pool = WorkerPool()
    job = pool.submit(func, arg1, arg2, on_done=done, on_progress=progress)
    job.cancel()

``func`` is a module-level function (sent by name); its arguments and result must pickle.
Inside it, :func:`desktop_app.progress.report` reaches ``on_progress(done, total, text)``.
``on_done(ok, value)`` gets the result (ok) or the exception raised (its traceback added as
a note). A cancelled job's worker is stopped at once and calls back nothing. Callbacks run
on a pool thread: the window's ``Operations`` helper brings them to the GUI thread. No Qt.
"""

from __future__ import annotations

import importlib
import itertools
import multiprocessing
import os
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from desktop_app import progress

Done = Callable[[bool, Any], None]
Progress = Callable[[int, int, str], None]

PROGRESS_EVERY_S = 0.05  # a worker reports at most this often (and at the last step)


class WorkerDied(RuntimeError):
    """The worker process ended without an answer (killed, or crashed in C code)."""


def default_size() -> int:
    """One worker per core the window does not need, at least one, at most four."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


@dataclass(eq=False)
class Job:
    """One piece of work submitted to a :class:`WorkerPool`."""

    id: int
    func: Callable[..., Any]
    args: tuple[Any, ...]
    on_done: Done
    on_progress: Progress | None
    pool: WorkerPool = field(repr=False)
    cancelled: bool = False

    def cancel(self) -> None:
        """Stop it now (its worker process is ended); no callback follows."""
        self.pool.cancel(self)


class _Worker:
    def __init__(self, process: Any, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.job: Job | None = None


class WorkerPool:
    """Worker processes started when first needed and kept for the next job."""

    def __init__(self, size: int | None = None, *, preload: Sequence[str] = ()) -> None:
        self.size = size or default_size()
        self._preload = tuple(preload)
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._queue: deque[Job] = deque()
        self._workers: list[_Worker] = []
        self._closed = False

    def submit(
        self,
        func: Callable[..., Any],
        *args: Any,
        on_done: Done,
        on_progress: Progress | None = None,
    ) -> Job:
        """Run ``func(*args)`` in a worker; see the module docstring."""
        job = Job(next(self._ids), func, args, on_done, on_progress, self)
        with self._lock:
            if self._closed:
                raise RuntimeError("the worker pool is shut down")
            self._queue.append(job)
            self._dispatch()
        return job

    def warm(self, modules: Sequence[str] = ()) -> None:
        """Start the workers now and have them import ``modules`` (``"pkg.module"``, or
        ``"pkg.module:function"`` to also call a function of no arguments, e.g. to load
        fonts), so the first job waits for nothing; every later worker does the same."""
        with self._lock:
            self._preload = tuple(dict.fromkeys((*self._preload, *modules)))
            while not self._closed and len(self._workers) < self.size:
                self._start_worker()

    def cancel(self, job: Job) -> None:
        with self._lock:
            job.cancelled = True
            if job in self._queue:
                self._queue.remove(job)
                return
            for worker in self._workers:
                if worker.job is job:
                    worker.process.terminate()  # the reader thread sees it go

    def busy(self) -> bool:
        with self._lock:
            return bool(self._queue) or any(w.job is not None for w in self._workers)

    def shutdown(self, timeout_s: float = 5.0) -> None:
        """End every worker (running jobs are abandoned) and wait for them."""
        with self._lock:
            self._closed = True
            self._queue.clear()
            workers = list(self._workers)
            for worker in workers:
                if worker.job is not None:
                    worker.job.cancelled = True
                    worker.process.terminate()
                else:
                    try:
                        worker.conn.send(None)
                    except OSError:
                        worker.process.terminate()
        for worker in workers:
            worker.process.join(timeout_s)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout_s)

    # --- inside the pool (called with the lock held) ------------------------------------
    def _start_worker(self) -> _Worker:
        parent_conn, child_conn = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main,
            args=(child_conn, self._preload),
            name="desktop-app-worker",
            daemon=True,
        )
        with _main_module_left_alone():
            process.start()
        child_conn.close()
        worker = _Worker(process, parent_conn)
        self._workers.append(worker)
        threading.Thread(
            target=self._read, args=(worker,), name="desktop-app-worker-reader", daemon=True
        ).start()
        return worker

    def _dispatch(self) -> None:
        while self._queue and not self._closed:
            idle = next((w for w in self._workers if w.job is None), None)
            if idle is None:
                if len(self._workers) >= self.size:
                    return
                idle = self._start_worker()
            job = self._queue.popleft()
            idle.job = job
            try:
                idle.conn.send((job.id, job.func, job.args))
            except OSError:  # the process is gone: its reader thread will clean up
                idle.job = None
                self._queue.appendleft(job)
                self._workers.remove(idle)
            except Exception:  # the work itself does not pickle: a programming error
                idle.job = None
                raise

    # --- the reader thread of one worker ------------------------------------------------
    def _read(self, worker: _Worker) -> None:
        while True:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                break
            kind, job_id = message[0], message[1]
            with self._lock:
                job = worker.job if worker.job is not None and worker.job.id == job_id else None
                if kind == "done":
                    worker.job = None
            if job is None or job.cancelled or self._closed:
                continue
            if kind == "progress":
                if job.on_progress is not None:
                    job.on_progress(*message[2:])
            else:
                job.on_done(message[2], message[3])
                with self._lock:
                    self._dispatch()
        worker.process.join(5.0)
        with self._lock:
            if worker in self._workers:
                self._workers.remove(worker)
            lost, worker.job = worker.job, None
            self._dispatch()
        if lost is not None and not lost.cancelled and not self._closed:
            code = worker.process.exitcode
            lost.on_done(False, WorkerDied(f"the worker process ended (exit code {code})"))


@contextmanager
def _main_module_left_alone() -> Iterator[None]:
    """A spawned process re-runs the parent's main script unless it cannot tell which it
    was; the window's script would import Qt and every screen into each worker, and no job
    needs it (jobs are module-level functions of importable modules, never of __main__)."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved: dict[str, Any] = {
        key: main.__dict__[key] for key in ("__file__", "__spec__") if key in main.__dict__
    }
    main.__dict__.pop("__file__", None)
    main.__spec__ = None
    try:
        yield
    finally:
        main.__dict__.update(saved)


# --- inside a worker process ------------------------------------------------------------


def _worker_main(conn: Connection, preload: Sequence[str]) -> None:
    for name in preload:  # "package.module", or "package.module:function" to call
        module_name, _, function = name.partition(":")
        module = importlib.import_module(module_name)
        if function:
            getattr(module, function)()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        job_id, func, args = message
        last = [0.0]

        def sink(
            done: int, total: int, text: str, job_id: int = job_id, last: list[float] = last
        ) -> None:
            now = time.monotonic()
            if done < total and now - last[0] < PROGRESS_EVERY_S:
                return
            last[0] = now
            conn.send(("progress", job_id, done, total, text))

        try:
            with progress.listening(sink):
                reply: tuple[Any, ...] = ("done", job_id, True, func(*args))
        except Exception as exc:
            exc.add_note("in a worker process:\n" + traceback.format_exc())
            reply = ("done", job_id, False, exc)
        try:
            conn.send(reply)
        except Exception as exc:  # a result or exception that does not pickle
            conn.send(("done", job_id, False, RuntimeError(f"{type(exc).__name__}: {exc}")))
