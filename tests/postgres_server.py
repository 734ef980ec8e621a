"""A throw-away PostgreSQL server for the tests: initdb into a temporary directory, started
on loopback on a free port, trust authentication, stopped at the end of the session.

Found through ``$PG_BIN`` or Debian's ``/usr/lib/postgresql/<version>/bin``. PostgreSQL
refuses to run as root, so under root the server runs as the ``postgres`` user. Where no
server can be started the tests that need one skip with the reason, except when
``$DESKTOP_APP_REQUIRE_POSTGRES`` is set (``.ci/run`` sets it): then they fail.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

REQUIRE_ENV = "DESKTOP_APP_REQUIRE_POSTGRES"


class NoServer(Exception):
    """No PostgreSQL server could be started here (the message says why)."""


def _bin_dir() -> Path:
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if candidates:
        return candidates[0].parent
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise NoServer("no PostgreSQL server binaries (initdb) found; apt-get install postgresql")


def _free_port() -> int:
    with contextlib.closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    socket_dir: Path
    port: int
    user: str
    log: Path

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=60)

    @classmethod
    def create(cls) -> PostgresServer:
        bin_dir = _bin_dir()
        root = Path(tempfile.mkdtemp(prefix="desktop-app-pg-"))
        user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        server = cls(bin_dir, root / "data", root / "run", _free_port(), user, root / "log")
        server.socket_dir.mkdir()
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam(user)
            except KeyError as exc:
                raise NoServer("running as root and there is no 'postgres' user") from exc
            for path in (root, server.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        done = server._run(
            "initdb", "-D", str(server.data_dir), "-U", "postgres", "--auth=trust",
            "-E", "UTF8", "--locale=C", check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise NoServer(f"initdb failed: {done.stderr.strip()[-500:]}")
        server.start()
        return server

    def start(self) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        done = self._run(
            "pg_ctl", "-D", str(self.data_dir), "-l", str(self.log), "-o", options, "-w", "start",
            check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise NoServer(f"pg_ctl start failed: {done.stderr.strip()[-500:]}")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop", check=False)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)
