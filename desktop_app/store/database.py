"""Opening the database: the default SQLite file, any SQLAlchemy URL, and migrations.

One way in: :func:`open_database` takes a file path or URL (None: the per-user default),
brings the schema to the newest alembic revision, and returns a :class:`Database` whose
:meth:`Database.session` is the one session helper the rest of the code uses.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    InterfaceError,
    NoSuchModuleError,
    OperationalError,
)
from sqlmodel import Session

from desktop_app.domain.errors import DataError
from desktop_app.domain.text import translate

APP_NAME = "desktop-app"
DATA_DIR_ENV = "DESKTOP_APP_DATA_DIR"
DB_FILE_NAME = "meetings.sqlite3"
MIGRATIONS = Path(__file__).with_name("migrations")


def data_dir() -> Path:
    """The per-user data directory (``$DESKTOP_APP_DATA_DIR`` overrides it, e.g. in tests)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_url() -> URL:
    return sqlite_url(data_dir() / DB_FILE_NAME)


def sqlite_url(path: Path) -> URL:
    """The URL of a SQLite file, built (not parsed) so '%' or '?' in a folder name stay."""
    return URL.create("sqlite", database=str(path.resolve()))


def to_url(path_or_url: str | os.PathLike[str] | None) -> str | URL:
    """A ``--db`` value as a SQLAlchemy URL: URLs pass through, anything else is a file."""
    if path_or_url is None:
        return default_url()
    text = os.fspath(path_or_url)
    if "://" in text:
        return text
    return sqlite_url(Path(text).expanduser())


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy, not the sqlite3 module, decides when transactions begin (see _sqlite_begin):
    # this makes SAVEPOINTs and transactional DDL behave as on PostgreSQL.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed ballot survives a power cut, not only a killed process.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str | URL) -> Engine:
    """An engine for ``url``; SQLite files get WAL, foreign keys and a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 10})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine | None) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    config = alembic_config(None)
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` with the shipped alembic migrations.

    A database with our tables but no alembic version was not made by us (or by a
    ``create_all``): it is refused rather than guessed at.
    """
    from alembic import command

    if current_revision(engine) is None and "meeting" in inspect(engine).get_table_names():
        raise DataError(
            translate(
                "Core",
                "数据库里已有表,但没有迁移版本记录,无法安全升级 / "
                "the database has tables but no migration version",
            ),
            file=engine.url.render_as_string(hide_password=True),
        )
    command.upgrade(alembic_config(engine), revision)


class DatabaseUnavailable(DataError):
    """The database stopped answering (server down, network gone); nothing was written."""


class Database:
    """An open, migrated database. Use :meth:`session` for every unit of work."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Serials stored before "one paper, one serial" that collide once normalised, found
        # when the database is opened (see store.ballots.serial_collisions); shown to people.
        self.serial_collisions: list[Any] = []

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back if it raises.

        A lost connection (server stopped, network gone, SQLite file unreachable) becomes a
        :class:`DataError` saying nothing was saved; the pool checks connections before use
        (``pool_pre_ping``), so the next session reconnects by itself once the server is back.
        """
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        except (OperationalError, InterfaceError) as exc:
            if isinstance(exc.orig, sqlite3.OperationalError) and "locked" not in str(exc.orig):
                raise  # a SQL mistake on SQLite, not a lost connection
            raise DatabaseUnavailable(
                translate(
                    "Core",
                    "数据库连接中断,本次操作未保存,请稍后重试:{error} / "
                    "the database connection failed; nothing was saved",
                ).format(error=_first_line(exc.orig)),
                file=self.url,
            ) from exc

    def close(self) -> None:
        self.engine.dispose()


def postgres_url(
    *, host: str, port: int, database: str, user: str, password: str | None = None
) -> str:
    """A PostgreSQL URL from its parts (quoted properly: a password may hold '@' or '/')."""
    url = URL.create(
        "postgresql+psycopg",
        username=user or None,
        password=password or None,
        host=host or None,
        port=port or None,
        database=database or None,
    )
    return url.render_as_string(hide_password=False)


def create_database(url: str) -> bool:
    """Create the PostgreSQL database ``url`` names (if missing) and migrate it to the newest
    revision; the server's ``postgres`` maintenance database is used to create it, with the
    same user. Returns whether it was created. SQLite files are simply created."""
    parsed = make_url(url)
    created = False
    if parsed.get_backend_name() == "postgresql":
        name = parsed.database
        if not name:
            raise DataError(
                translate("Core", "地址中缺少数据库名 / the URL names no database"), file=url
            )
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                exists = connection.exec_driver_sql(
                    "SELECT 1 FROM pg_database WHERE datname = %(name)s", {"name": name}
                ).first()
                if exists is None:
                    quoted = connection.dialect.identifier_preparer.quote(name)
                    connection.exec_driver_sql(f"CREATE DATABASE {quoted} ENCODING 'UTF8'")
                    created = True
        except DatabaseError as exc:
            raise DataError(
                translate("Core", "无法建立数据库:{error} / cannot create the database").format(
                    error=_first_line(exc.orig)
                ),
                file=parsed.render_as_string(hide_password=True),
            ) from None
        finally:
            admin.dispose()
    open_database(url).close()
    return created


def _first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def open_database(
    path_or_url: str | os.PathLike[str] | None = None, *, migrate: bool = True
) -> Database:
    """Open (and by default migrate) the database at a file path or URL; None: the default."""
    try:
        engine = make_engine(to_url(path_or_url))
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise DataError(
            translate(
                "Core", "无法识别的数据库地址:{error} / not a database URL this app can use"
            ).format(error=exc),
            file=str(path_or_url),
        ) from None
    try:
        if migrate and current_revision(engine) != head_revision():
            upgrade(engine)
    except DatabaseError as exc:
        engine.dispose()
        raise DataError(
            translate("Core", "无法打开数据库:{error} / cannot open the database").format(
                error=exc.orig
            ),
            file=engine.url.render_as_string(hide_password=True),
        ) from None
    database = Database(engine)
    if migrate:
        from desktop_app.store.ballots import serial_collisions

        with database.session() as session:
            database.serial_collisions = serial_collisions(session)
    return database
