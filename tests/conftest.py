"""Shared fixtures. No test touches real user data: the data directory, the database and
QSettings all point into the test's tmp_path."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from desktop_app.domain import glyphs
from desktop_app.domain.ballot_csv import read_ballots_csv
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting, meeting_from_dict
from desktop_app.store.database import DATA_DIR_ENV, Database, open_database

DATA = Path(__file__).parent / "data"

# Widgets and PDFs render without a screen, so `uv run pytest` works on any machine.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Hypothesis's timing rules (a 200 ms deadline per example, the too_slow health check) fail a
# test because the machine is busy, not because the code is wrong: off for the whole suite.
settings.register_profile("suite", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("suite")


# A wait for an event is bounded, not timed: on a loaded 2-core machine a worker process can
# take well over pytest-qt's default 5 s to start (tests/ui/setup/test_roster_hostile.py
# failed so). Every qtbot wait without its own timeout waits up to a minute; a passing test
# never waits longer than its event takes, and a test that expects nothing to happen says
# so with an explicit timeout.
QT_WAIT_MS = 60_000


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.has_plugin("pytest-qt"):
        from pytestqt.qtbot import QtBot

        for name in (
            "waitUntil",
            "waitSignal",
            "waitSignals",
            "waitCallback",
            "waitExposed",
            "waitActive",
        ):
            method = getattr(QtBot, name)
            method.__kwdefaults__ = {**method.__kwdefaults__, "timeout": QT_WAIT_MS}


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """Without pytest-qt (the Qt-free run) nobody reads its settings in pyproject.toml, but
    --strict-config would refuse them as unknown: declare them, to be ignored."""
    if not pluginmanager.has_plugin("pytest-qt"):
        parser.addini("qt_api", "pytest-qt's, unused without Qt")
        parser.addini("qt_log_level_fail", "pytest-qt's, unused without Qt")
        parser.addini("qt_log_ignore", "pytest-qt's, unused without Qt", type="linelist")


@pytest.fixture(autouse=True)
def _own_font_coverage() -> Iterator[None]:
    """The font check is process-wide (cli.main and app.main install it): each test starts
    without it and leaves none behind, so no test depends on which ran before it."""
    glyphs.set_font_coverage(None)
    yield
    glyphs.set_font_coverage(None)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the per-user data directory (and so the default database) into tmp_path."""
    data_dir = tmp_path / "user-data"
    monkeypatch.setenv(DATA_DIR_ENV, str(data_dir))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("DESKTOP_APP_STATION", "test-station")
    monkeypatch.setenv("DESKTOP_APP_LANGUAGE", "zh_CN")  # the source strings; see app.py
    monkeypatch.delenv("DESKTOP_APP_WORKER_LANGUAGE", raising=False)  # set by the app; undone
    return data_dir


@pytest.fixture(autouse=True)
def _fresh_qsettings(tmp_path: Path) -> None:
    """Each test's QSettings in its own empty directory. XDG_CONFIG_HOME alone does not do it:
    Qt fixes its settings path at the process's first use, before any test's fixture ran, so
    every test used ~/.config/desktop-app/desktop-app.conf, a file shared with the user and
    with every other test run on the machine (one run's clear() then lost another's open
    meeting mid-test). No Qt import here: the core tests run without it."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None:
        return
    settings = qtcore.QSettings
    for kind in (settings.Format.NativeFormat, settings.Format.IniFormat):
        settings.setPath(kind, settings.Scope.UserScope, str(tmp_path / "config"))
    assert Path(settings().fileName()).is_relative_to(tmp_path)


@pytest.fixture
def seed_meeting() -> Meeting:
    return meeting_from_dict(json.loads((DATA / "seed-meeting.json").read_text("utf-8")))


@pytest.fixture
def seed_ballots(seed_meeting: Meeting) -> list[Ballot]:
    return read_ballots_csv((DATA / "seed-ballots.csv").read_text("utf-8"), seed_meeting)


@pytest.fixture
def seed_tally() -> dict[str, object]:
    tally: dict[str, object] = json.loads((DATA / "seed-tally.json").read_text("utf-8"))
    return tally


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "meetings.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """A fresh, migrated SQLite database file."""
    database = open_database(db_path)
    yield database
    database.close()


# --- PostgreSQL (multi-station) ---------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    """One throw-away PostgreSQL server for the session (see tests/postgres_server.py)."""
    from tests.postgres_server import REQUIRE_ENV, NoServer, PostgresServer

    try:
        server = PostgresServer.create()
    except NoServer as exc:
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(f"PostgreSQL is required here ({REQUIRE_ENV}) but: {exc}")
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
    yield server
    server.remove()


_pg_databases = iter(range(1, 1_000_000))


@pytest.fixture
def pg_url(postgres: object) -> str:
    """A fresh, empty PostgreSQL database on the session's server; its URL."""
    from tests.postgres_server import PostgresServer

    assert isinstance(postgres, PostgresServer)
    return postgres.create_database(f"meetings_{os.getpid()}_{next(_pg_databases)}")


@pytest.fixture
def pg_db(pg_url: str) -> Iterator[Database]:
    """A fresh, migrated PostgreSQL database."""
    database = open_database(pg_url)
    yield database
    database.close()
