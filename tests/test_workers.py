"""The worker pool: results, errors, progress and cancel cross the process boundary."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import worker_jobs

from desktop_app.domain.errors import DataError
from desktop_app.workers import WorkerDied, WorkerPool

pytestmark = pytest.mark.slow  # each pool spawns a Python process


class Outcome:
    """What a job called back, and an event set when it finished."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: tuple[bool, Any] | None = None
        self.progress: list[tuple[int, int, str]] = []

    def on_done(self, ok: bool, value: Any) -> None:
        self.result = (ok, value)
        self.done.set()

    def on_progress(self, step: int, total: int, text: str) -> None:
        assert not self.done.is_set()  # progress comes before the answer
        self.progress.append((step, total, text))

    def wait(self) -> tuple[bool, Any]:
        assert self.done.wait(60), "the job did not finish"
        assert self.result is not None
        return self.result


@pytest.fixture
def pool() -> Iterator[WorkerPool]:
    workers = WorkerPool(1)
    yield workers
    workers.shutdown()


def submit(pool: WorkerPool, func: Any, *args: Any) -> Outcome:
    outcome = Outcome()
    pool.submit(func, *args, on_done=outcome.on_done, on_progress=outcome.on_progress)
    return outcome


def test_work_runs_in_another_process_and_the_worker_is_kept(pool: WorkerPool) -> None:
    first = submit(pool, worker_jobs.process_id).wait()
    assert first[0] and first[1] != os.getpid()
    assert submit(pool, worker_jobs.add, 2, 3).wait() == (True, 5)
    assert submit(pool, worker_jobs.process_id).wait() == first  # no new process per job


def test_a_users_error_arrives_whole_with_where_it_happened(pool: WorkerPool) -> None:
    ok, error = submit(pool, worker_jobs.refuse, "列“单位”为空").wait()
    assert not ok and isinstance(error, DataError)
    assert str(error) == '名单.xlsx, row 3, column "单位": 列“单位”为空'
    assert "in a worker process" in error.__notes__[0] and "refuse" in error.__notes__[0]


def test_progress_reaches_the_caller_and_always_its_last_step(pool: WorkerPool) -> None:
    outcome = submit(pool, worker_jobs.count, 5000)
    assert outcome.wait() == (True, 5000)
    assert outcome.progress[-1] == (5000, 5000, "第 5000 步")
    assert len(outcome.progress) < 5000  # throttled: a bar needs no more than a few a second


def test_cancel_stops_running_and_queued_work_and_the_pool_goes_on(pool: WorkerPool) -> None:
    stuck = submit(pool, worker_jobs.wait_forever)
    stuck_job = pool._workers[0].job
    queued = Outcome()
    queued_job = pool.submit(worker_jobs.add, 1, 1, on_done=queued.on_done)
    assert stuck_job is not None and pool.busy()
    queued_job.cancel()
    stuck_job.cancel()
    assert submit(pool, worker_jobs.add, 20, 22).wait() == (True, 42)  # a fresh worker
    assert not stuck.done.is_set() and not queued.done.is_set()  # cancelled: no callback


def test_a_worker_that_dies_is_reported_and_replaced(pool: WorkerPool) -> None:
    ok, error = submit(pool, worker_jobs.die).wait()
    assert not ok and isinstance(error, WorkerDied) and "exit code 3" in str(error)
    assert submit(pool, worker_jobs.add, 1, 2).wait() == (True, 3)


def test_work_that_cannot_be_sent_fails_at_once_in_the_caller(pool: WorkerPool) -> None:
    with pytest.raises(Exception, match=r"pickle|Can.t"):
        pool.submit(lambda: 1, on_done=lambda ok, value: None)
    assert submit(pool, worker_jobs.add, 1, 1).wait() == (True, 2)


def test_a_worker_does_not_rerun_the_parents_main_script(pool: WorkerPool) -> None:
    ok, modules = submit(pool, worker_jobs.loaded_modules).wait()
    assert ok and "worker_jobs" in modules
    # pytest here, the window's script in the app: neither is imported into the worker.
    assert not any(m.startswith(("_pytest", "PySide6")) for m in modules)
