"""A guard against a PySide6 6.12 refcount bug that crashes the interpreter on Python 3.11.

Two paths in shiboken drop one reference too many to a singleton:
- C++ calling a Python override that returns ``None`` (``data()`` of every item model, for
  every role it has nothing for: views ask a dozen roles per cell per repaint);
- Python emitting a ``Signal(bool)``: ``True``/``False`` lose a reference per emission.
A busy screen drains the count in minutes and the process dies with "Fatal Python error:
none_dealloc: deallocating None" (or ``bool_dealloc``). This, not threads, was the crash
noted in ``operations.py``. Python 3.12 made these singletons immortal, so the bug is
harmless there.

Where the bug is, said here and nowhere else: PySide6 6.12 (6.11 does not have it) on
Python 3.11 (3.12 made the singletons immortal). :data:`AFFECTED_PYSIDE6` and
:data:`FIXED_PYTHON` say so in code and :func:`bug_expected` answers from them;
``tests/ui/test_refcount_guard.py`` checks that answer against the probe on the installed
versions, so moving to another PySide6 or Python fails that test until the rule is
brought up to date (and the guard dropped once no supported pair has the bug).

Where the bug is expected, the guard probes both paths once; if references went missing it
gives ``None``, ``True`` and ``False`` 2**40 extra references each, which at one lost per
call lasts longer than any meeting. Elsewhere it does nothing, not even the probe.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import PySide6
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

AFFECTED_PYSIDE6 = (6, 12)  # the (major, minor) releases with the bug
FIXED_PYTHON = (3, 12)  # the first Python whose None, True and False are immortal
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


def bug_expected(
    python: tuple[int, int] = (sys.version_info.major, sys.version_info.minor),
    pyside6: tuple[int, int] = (PySide6.__version_info__[0], PySide6.__version_info__[1]),
) -> bool:
    """Whether this Python and PySide6 (major, minor) pair has the bug."""
    return pyside6 == AFFECTED_PYSIDE6 and python < FIXED_PYTHON


def guard_singleton_refcounts() -> bool:
    """Apply the guard if the bug is present (once per process); returns whether it is."""
    if not bug_expected():
        return False
    if all(sys.getrefcount(s) >= HEADROOM for s in SINGLETONS):
        return True
    if max(references_lost().values()) <= 0:
        return False
    for singleton in SINGLETONS:
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    return True
