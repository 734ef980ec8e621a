"""Writing files the user names: atomically, with a clear message when it cannot be done.

Shared by the store (CSV, JSON), the reports (workbooks) and the window (PDFs). No Qt, no SQL.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app.domain.errors import DataError


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see :func:`write_bytes`)."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write atomically: a crash never leaves half a file where a good one was.

    A path that exists and is not a plain file (a device, a named pipe, a link) is written
    through, not replaced.
    """
    if not path.name or path.is_dir():
        raise DataError("需要一个文件名,而不是文件夹 / a file name is needed", file=str(path))
    try:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            with path.open("wb") as stream:
                stream.write(data)
            return
        tmp = path.with_name(f".{path.name}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise DataError(f"无法写入文件:{exc.strerror} / cannot write", file=str(path)) from None
