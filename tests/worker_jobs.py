"""Jobs for the worker-pool tests: module-level, so a spawned worker can import them."""

from __future__ import annotations

import os
import sys
import threading

from desktop_app import progress
from desktop_app.domain.errors import DataError


def add(a: int, b: int) -> int:
    return a + b


def process_id() -> int:
    return os.getpid()


def loaded(names: list[str]) -> list[str]:
    """Which of ``names`` the worker has imported."""
    return [name for name in names if name in sys.modules]


def refuse(message: str) -> None:
    raise DataError(message, file="名单.xlsx", row=3, column="单位")


def count(steps: int) -> int:
    for step in range(1, steps + 1):
        progress.report(step, steps, f"第 {step} 步")
    return steps


def wait_forever() -> None:
    threading.Event().wait()


def die() -> None:
    os._exit(3)


def loaded_modules() -> list[str]:
    import sys

    return sorted(sys.modules)
