"""How far long work has got, told to whoever listens.

Long work (building a PDF, reading scanned pages, importing) calls :func:`report` as it
goes; it costs nothing when nobody listens. A worker process of
:mod:`desktop_app.workers` listens and forwards the figures to the window's progress bar.
No Qt, nothing of ours: any layer may report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Sink = Callable[[int, int, str], None]

_sink: Sink | None = None


def report(done: int, total: int, text: str = "") -> None:
    """``done`` of ``total`` steps are finished; ``text`` says what is being done."""
    if _sink is not None:
        _sink(done, total, text)


@contextmanager
def listening(sink: Sink) -> Iterator[None]:
    """Send every :func:`report` made inside the block to ``sink``."""
    global _sink
    previous, _sink = _sink, sink
    try:
        yield
    finally:
        _sink = previous
