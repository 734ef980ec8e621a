"""The database by URL, for work done in a worker process (see ``desktop_app.workers``).

A worker cannot be handed the window's :class:`~desktop_app.store.database.Database` (an
engine does not cross processes); it gets the URL and opens the database once per process,
without migrating (the window did). The module-level functions here are the store's
operations that the window runs in a worker.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.store.database import Database, open_database
from desktop_app.store.transfer import import_meeting_file, load_demo

_databases: dict[str, Database] = {}


def database(url: str) -> Database:
    """The database at ``url``, opened the first time this process asks for it."""
    if url not in _databases:
        _databases[url] = open_database(url, migrate=False)
    return _databases[url]


def import_meeting_at(url: str, path: Path, station: str) -> int:
    """:func:`~desktop_app.store.transfer.import_meeting_file` on the database at ``url``."""
    return import_meeting_file(database(url), path, station=station)


def load_demo_at(url: str, station: str) -> int:
    """:func:`~desktop_app.store.transfer.load_demo` on the database at ``url``."""
    return load_demo(database(url), station=station)
