"""A guard against a PySide6 6.12 refcount bug that crashes the interpreter on Python 3.11.

Two paths in shiboken drop one reference too many to a singleton:
- C++ calling a Python override that returns ``None`` (``data()`` of every item model, for
  every role it has nothing for: views ask a dozen roles per cell per repaint);
- Python emitting a ``Signal(bool)``: ``True``/``False`` lose a reference per emission.
A busy screen drains the count in minutes and the process dies with "Fatal Python error:
none_dealloc: deallocating None" (or ``bool_dealloc``). This, not threads, was the crash
noted in ``operations.py``. Python 3.12 made these singletons immortal, so the bug is
harmless there.

The guard probes both paths once; if references went missing it gives ``None``, ``True``
and ``False`` 2**40 extra references each, which at one lost per call lasts longer than
any meeting. Nothing happens on a Python or PySide6 without the bug.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

HEADROOM = 1 << 40
SINGLETONS = (None, True, False)

AnyIndex = QModelIndex | QPersistentModelIndex


class _Probe(QAbstractListModel):
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: AnyIndex, role: int = 0) -> Any:
        return None


class _Emitter(QObject):
    flag = Signal(bool)


def references_lost(calls: int = 50) -> dict[object, int]:
    """References to None and True lost over ``calls`` trips through each buggy path."""
    model = _Probe()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    index = proxy.index(0, 0)
    emitter = _Emitter()
    emitter.flag.connect(lambda _value: None)
    lost: dict[object, int] = {}
    before = sys.getrefcount(None)
    for _ in range(calls):
        proxy.data(index, Qt.ItemDataRole.BackgroundRole)
    lost[None] = before - sys.getrefcount(None)
    before = sys.getrefcount(True)
    for _ in range(calls):
        emitter.flag.emit(True)
    lost[True] = before - sys.getrefcount(True)
    return lost


def guard_singleton_refcounts() -> bool:
    """Apply the guard if the bug is present (once per process); returns whether it is."""
    if sys.version_info >= (3, 12):
        return False
    if all(sys.getrefcount(s) >= HEADROOM for s in SINGLETONS):
        return True
    if max(references_lost().values()) <= 0:
        return False
    for singleton in SINGLETONS:
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    return True
