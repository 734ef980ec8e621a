"""Writing files the user names: atomically, with a clear message when it cannot be done.

Shared by the store (CSV, JSON), the reports (workbooks) and the window (PDFs). No Qt, no SQL.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop_app.domain.errors import DataError


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see :func:`write_bytes`)."""
    write_bytes(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write atomically: a crash never leaves half a file where a good one was.

    The data goes first to a temporary file with an unpredictable name in the target's folder,
    created exclusively (``mkstemp``: never through a link planted under that name), then
    replaces the target. A path that exists and is not a plain file (a device, a named pipe)
    is written through; so is a link the user made, but not a link another user planted
    (in a shared folder it could point at any of the user's files).
    """
    if not path.name or path.is_dir():
        raise DataError("需要一个文件名,而不是文件夹 / a file name is needed", file=str(path))
    try:
        if path.is_symlink():
            if not _own_link(path):
                raise DataError(
                    "该路径是他人建立的链接,为安全起见不写入 / "
                    "refusing to write through a link another user made",
                    file=str(path),
                )
            with path.open("wb") as stream:
                stream.write(data)
            return
        if path.exists() and not path.is_file():
            with path.open("wb") as stream:
                stream.write(data)
            return
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(name)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            if path.exists():  # keep the permissions of the file being replaced
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            else:  # mkstemp makes 0600; a new document gets the usual mode
                os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise DataError(f"无法写入文件:{exc.strerror} / cannot write", file=str(path)) from None


def _own_link(path: Path) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or path.lstat().st_uid == getuid()


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would change it for a moment
    for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
