"""Alembic environment: runs the shipped migrations on the engine handed in by the store.

``desktop_app.store.database.upgrade`` passes the engine in ``config.attributes``; the
alembic command line (for developers writing a new revision) uses ``sqlalchemy.url``.
SQLite runs in batch mode (copy-and-move tables), with foreign keys off while it does so,
and checked once it is done.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from desktop_app.store import models

config = context.config
engine = config.attributes.get("engine") or create_engine(
    config.get_main_option("sqlalchemy.url") or "sqlite://"
)
is_sqlite = engine.dialect.name == "sqlite"

with engine.connect() as connection:
    if is_sqlite:
        # Outside any transaction (inside one SQLite ignores it): straight to the driver.
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
    context.configure(
        connection=connection,
        target_metadata=models.metadata,
        render_as_batch=is_sqlite,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if is_sqlite:
        driver = connection.connection.driver_connection
        problems = driver.execute("PRAGMA foreign_key_check").fetchall()
        driver.execute("PRAGMA foreign_keys = ON")
        if problems:
            raise RuntimeError(f"migration left broken foreign keys: {problems[:5]}")
