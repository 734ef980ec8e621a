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


def schema_is_current(engine: Engine) -> bool:
    """Whether the schema is at the newest revision: one query, and no alembic imported
    (the newest revision is read from the migration files by ``store.lean``)."""
    from desktop_app.store.lean import head_revision as newest

    try:
        with engine.connect() as connection:
            row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    except DatabaseError:  # no version table yet (or no answer: the upgrade path reports)
        return False
    return row is not None and row[0] == newest()


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


class StorageFailure(DataError):
    """The database file could not be written or read (disk full, read-only media, an I/O
    error, a damaged file); the transaction was rolled back, nothing was written."""


# SQLite result codes that mean the storage failed, not the SQL (sqlite3 error names).
STORAGE_ERRORS = (
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_READONLY",
    "SQLITE_CANTOPEN",
    "SQLITE_CORRUPT",
    "SQLITE_NOTADB",
)


def _storage_failure(exc: BaseException) -> BaseException | None:
    """The SQLite storage error behind ``exc``, if any: it may be the error's cause, or the
    context of a later one (after a full disk SQLite rolls back by itself, and the rollback
    to the savepoint then fails with "no such savepoint")."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        error = stack.pop()
        if error is None or id(error) in seen:
            continue
        seen.add(id(error))
        if isinstance(error, sqlite3.Error):
            name = getattr(error, "sqlite_errorname", "") or ""
            if name.startswith(STORAGE_ERRORS):
                return error
        stack.extend([getattr(error, "orig", None), error.__cause__, error.__context__])
    return None


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
        except (OperationalError, InterfaceError, DatabaseError) as exc:
            failure = _storage_failure(exc)
            if failure is not None:
                raise StorageFailure(
                    translate(
                        "Core",
                        "数据库无法写入(磁盘已满、只读或读写出错),本次操作未保存,"
                        "此前保存的数据不受影响:{error} / "
                        "the database could not be written; nothing was saved",
                    ).format(error=_first_line(failure)),
                    file=self.url,
                ) from exc
            if not isinstance(exc, OperationalError | InterfaceError):
                raise
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
                translate("Core", "地址中缺少数据库名 / the URL names no database"),
                file=parsed.render_as_string(hide_password=True),
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


def without_password(text: str, path_or_url: str | os.PathLike[str] | None) -> str:
    """``text`` with the password of ``path_or_url`` (when it is a URL with one) masked,
    however the URL was quoted: error messages never show it."""
    if path_or_url is None:
        return text
    raw = os.fspath(path_or_url)
    if "://" not in raw:
        return text
    secrets: set[str] = set()
    try:
        password = make_url(raw).password
    except (ArgumentError, ValueError):
        password = None
    if password:
        secrets.add(str(password))
    # Also whatever stands between "user:" and "@" as typed (quoted or unparseable URLs).
    userinfo = raw.split("://", 1)[1].rsplit("@", 1)
    if len(userinfo) == 2 and ":" in userinfo[0]:
        secrets.add(userinfo[0].split(":", 1)[1])
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, "***")
    return text


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
            ).format(error=without_password(str(exc), path_or_url)),
            file=without_password(str(path_or_url), path_or_url),
        ) from None
    try:
        if migrate and not schema_is_current(engine):
            upgrade(engine)
    except DatabaseError as exc:
        engine.dispose()
        raise DataError(
            translate("Core", "无法打开数据库:{error} / cannot open the database").format(
                error=without_password(_first_line(exc.orig), path_or_url)
            ),
            file=engine.url.render_as_string(hide_password=True),
        ) from None
    database = Database(engine)
    if migrate:
        from desktop_app.store.ballots import serial_collisions

        with database.session() as session:
            database.serial_collisions = serial_collisions(session)
    return database


def _read_only_file(path_or_url: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file ``path_or_url`` names when it exists but cannot be written (read-only
    media, a read-only file or folder); None otherwise."""
    url = to_url(path_or_url)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    path = Path(parsed.database)
    if parsed.database == ":memory:" or not path.is_file():
        return None
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return None if writable else path


def open_database_for_reading(path_or_url: str | os.PathLike[str] | None = None) -> Database:
    """Open a database for commands that only read (tally, report, verify).

    A SQLite file on read-only media (or read-only itself) is opened read-only and as it
    is, without migrating: an older schema is refused with a message saying so. Anything
    else opens as :func:`open_database` does."""
    path = _read_only_file(path_or_url)
    if path is None:
        return open_database(path_or_url)
    # immutable: nothing (not even the WAL index) is written beside the file.
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    )
    try:
        revision = current_revision(engine)
    except DatabaseError as exc:
        engine.dispose()
        raise DataError(
            translate("Core", "无法打开数据库:{error} / cannot open the database").format(
                error=exc.orig
            ),
            file=str(path),
        ) from None
    if revision != head_revision():
        engine.dispose()
        raise DataError(
            translate(
                "Core",
                "数据库只读且版本较旧,无法升级;请复制到可写的位置再打开 / "
                "read-only database of an older version: copy it somewhere writable",
            ),
            file=str(path),
        )
    return Database(engine)


STATION_PASSWORD_ENV = "DESKTOP_APP_STATION_PASSWORD"


def create_station_role(url: str, role: str, password: str) -> None:
    """On PostgreSQL, make (or update) the login ``role`` that entry stations connect as.

    Stations may read and write the meeting data, and only read and append to the audit log:
    no UPDATE, DELETE or TRUNCATE on ``audit_event``, and, not owning any table, they cannot
    drop its triggers or alter the schema. ``url`` must name the database as its owner (the
    user migrations run as). Run again after an upgrade adds tables."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise DataError(
            translate("Core", "录入点角色只用于 PostgreSQL / station roles are for PostgreSQL"),
            file=parsed.render_as_string(hide_password=True),
        )
    if not role.strip() or not password:
        raise DataError(
            translate("Core", "需要角色名和密码 / a role name and a password are needed"),
            field="station-role",
        )
    engine = create_engine(parsed)
    try:
        with engine.begin() as connection:

            def run(template: str, *values: str) -> None:
                # format() quotes names (%I) and literals (%L) on the server.
                names = ", ".join(f"%(v{i})s::text" for i in range(len(values)))
                statement = connection.exec_driver_sql(
                    f"SELECT format(%(t)s::text, {names})",
                    {"t": template, **{f"v{i}": v for i, v in enumerate(values)}},
                ).scalar_one()
                connection.exec_driver_sql(statement.replace("%", "%%"))

            exists = connection.exec_driver_sql(
                "SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": role}
            ).first()
            verb = "ALTER" if exists else "CREATE"
            run(
                f"{verb} ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L",
                role,
                password,
            )
            database = connection.exec_driver_sql("SELECT current_database()").scalar_one()
            run("GRANT CONNECT ON DATABASE %I TO %I", database, role)
            run("GRANT USAGE ON SCHEMA public TO %I", role)
            run("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I", role)
            run("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I", role)
            run("REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM %I", role)
            run("REVOKE UPDATE, DELETE ON audit_event FROM %I", role)
            run("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I", role)
    except DatabaseError as exc:
        raise DataError(
            translate("Core", "无法设置录入点角色:{error} / cannot set up the station role").format(
                error=without_password(_first_line(exc.orig), url).replace(password, "***")
            ),
            file=parsed.render_as_string(hide_password=True),
        ) from None
    finally:
        engine.dispose()
