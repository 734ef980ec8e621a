"""Storage faults through the command line: a full disk (a tiny tmpfs where one can be
mounted, and always a size-limited file: RLIMIT_FSIZE) gives the app's own message, exit 1,
no SQL and no "no such savepoint", and nothing half-stored; a database on read-only media
opens read-only for tally, report and verify; passwords never appear in messages."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SEED_BALLOTS = ROOT / "tests" / "data" / "seed-ballots.csv"


def cli(*args: str, limit_bytes: int | None = None) -> subprocess.CompletedProcess[str]:
    def limited() -> None:  # in the child: writes past the limit fail instead of killing it
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        assert limit_bytes is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
        preexec_fn=limited if limit_bytes is not None else None,
    )


def ballots(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        count = int(connection.execute("SELECT count(*) FROM ballot").fetchone()[0])
    connection.close()
    return count


def a_meeting(db: Path) -> str:
    done = cli("--db", str(db), "meeting", "import", str(ROOT / "tests/data/seed-meeting.json"))
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def assert_storage_message(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "数据库无法写入" in done.stderr and "nothing was saved" in done.stderr
    for leak in ("Traceback", "savepoint", "INSERT", "SELECT", "[SQL"):
        assert leak not in done.stderr, done.stderr


def test_a_file_that_cannot_grow_refuses_the_import_whole(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    meeting_id = a_meeting(db)
    with sqlite3.connect(db) as connection:  # everything in the main file, no WAL left over
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    size = max(p.stat().st_size for p in tmp_path.iterdir())
    done = cli(
        "--db", str(db), "ballots", "import", meeting_id, str(SEED_BALLOTS), limit_bytes=size
    )
    assert_storage_message(done)
    assert ballots(db) == 0
    again = cli("--db", str(db), "ballots", "import", meeting_id, str(SEED_BALLOTS))
    assert again.returncode == 0, again.stderr  # room again: the same file goes in whole
    assert ballots(db) == 178


@pytest.fixture
def tiny_tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (needs the right to mount: root on Linux); skipped where it cannot be."""
    mount = shutil.which("mount")
    where = tmp_path / "tiny"
    where.mkdir()
    if os.geteuid() != 0 or mount is None:
        pytest.skip("mounting a tmpfs needs root; the size-limited file test covers this")
    done = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_full_tmpfs_refuses_the_import_whole(tiny_tmpfs: Path) -> None:
    db = tiny_tmpfs / "x.sqlite3"
    meeting_id = a_meeting(db)
    filler = tiny_tmpfs / "filler"
    stream = filler.open("wb", buffering=0)  # fill what is left of the disk
    try:
        while True:
            stream.write(b"\0" * 4096)
    except OSError:
        pass
    finally:
        stream.close()
    # Room to open the database and start, not to store 178 ballots.
    os.truncate(filler, max(0, filler.stat().st_size - 96 * 1024))
    done = cli("--db", str(db), "ballots", "import", meeting_id, str(SEED_BALLOTS))
    assert_storage_message(done)
    filler.unlink()
    assert ballots(db) == 0
    again = cli("--db", str(db), "ballots", "import", meeting_id, str(SEED_BALLOTS))
    assert again.returncode == 0, again.stderr
    assert ballots(db) == 178


@pytest.fixture
def read_only_db(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A database with the demo meeting on read-only media: a tmpfs remounted read-only
    where that can be done (root), else a read-only folder and file."""
    media = tmp_path / "media"
    media.mkdir()
    mounted = False
    if os.geteuid() == 0 and shutil.which("mount"):
        mounted = (
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(media)], check=False
            ).returncode
            == 0
        )
        if not mounted:
            pytest.skip("running as root and cannot mount: a read-only folder binds no root")
    db = media / "x.sqlite3"
    done = cli("--db", str(db), "demo")
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
    else:
        db.chmod(0o444)
        media.chmod(0o555)
    try:
        yield db, done.stdout.strip()
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(media)], check=False)
        else:
            media.chmod(0o755)


def test_read_only_media_open_read_only_for_tally_report_and_verify(
    read_only_db: tuple[Path, str], tmp_path: Path
) -> None:
    db, meeting_id = read_only_db
    tally = cli("--db", str(db), "tally", meeting_id)
    assert tally.returncode == 0, tally.stderr
    assert '"meeting"' in tally.stdout
    verify = cli("--db", str(db), "verify", meeting_id)
    assert verify.returncode == 0, verify.stderr
    assert len(verify.stdout.strip()) == 64
    out = tmp_path / "results.pdf"
    report = cli("--db", str(db), "report", meeting_id, "results", "--out", str(out))
    assert report.returncode == 0, report.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in db.parent.iterdir()) == ["x.sqlite3"]  # nothing written
    # A write is refused with the app's message, not a traceback.
    write = cli("--db", str(db), "ballots", "import", meeting_id, str(SEED_BALLOTS))
    assert write.returncode == 1 and "Traceback" not in write.stderr


def test_no_password_in_database_messages(tmp_path: Path) -> None:
    secret = "Pa55-w0rd!"
    for url in (
        f"postgresql+psycopg://meetings:{secret}@127.0.0.1:1/meetings",
        f"postgresql+psycopg://meetings:{secret}@127.0.0.1:1/",
        f"nosuchdb://meetings:{secret}@host/x",
        f"postgresql+psycopg://meetings:{secret}@[bad/x",
    ):
        for args in (("--db", url, "meeting", "list"), ("db", "create", url)):
            done = cli(*args)
            assert done.returncode == 1, (args, done.stderr)
            assert secret not in done.stdout + done.stderr, done.stderr
            assert "Traceback" not in done.stderr
