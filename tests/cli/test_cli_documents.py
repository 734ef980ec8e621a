"""`export`, `report` and `verify` through the real command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl

ROOT = Path(__file__).parents[2]


def cli(*args: str, db: Path | str | None = None) -> subprocess.CompletedProcess[str]:
    """Run desktop-app-cli as a process (on ``db`` when given); never raises on failure."""
    command = [sys.executable, "-m", "desktop_app.cli"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run([*command, *args], capture_output=True, text=True, check=False, cwd=ROOT)


def demo(db: Path) -> str:
    done = cli("demo", db=db)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_export_writes_results_and_every_ballot(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    meeting_id = demo(db)
    out = tmp_path / "结果.xlsx"
    done = cli("export", meeting_id, "--out", str(out), db=db)
    assert done.returncode == 0, done.stderr
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["评议结果", "评议票"]
    assert workbook["评议票"].max_row == 1 + 178
    missing_dir = tmp_path / "nowhere" / "x.xlsx"
    failed = cli("export", meeting_id, "--out", str(missing_dir), db=db)
    assert failed.returncode == 1
    assert "x.xlsx" in failed.stderr


def test_bad_output_paths_and_urls_are_messages_not_tracebacks(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    meeting_id = demo(db)
    for out in (".", str(tmp_path), ""):
        done = cli("report", meeting_id, "results", "--out", out, db=db)
        assert done.returncode == 1, (out, done.stderr)
        assert "Traceback" not in done.stderr
    for url in ("foo://x", "mysql://nobody@localhost/x"):
        done = cli("meeting", "list", db=url)
        assert done.returncode == 1, (url, done.stderr)
        assert "Traceback" not in done.stderr and url.split(":")[0] in done.stderr


def test_an_output_link_is_written_through_not_replaced(tmp_path: Path) -> None:
    db = tmp_path / "x.sqlite3"
    meeting_id = demo(db)
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    done = cli("report", meeting_id, "script", "--out", str(link), db=db)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert real.read_bytes().startswith(b"%PDF-")


def test_verify_detects_a_ballot_changed_behind_the_apps_back(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "x.sqlite3"
    meeting_id = demo(db)
    digest = cli("verify", meeting_id, db=db).stdout.strip()
    assert len(digest) == 64
    same = cli("verify", meeting_id, "--digest", digest, db=db)
    assert same.returncode == 0 and "matches" in same.stderr
    with sqlite3.connect(db) as raw:  # one tick moved to another level, no audit
        raw.execute(
            "UPDATE ballot_mark SET level_id = (SELECT max(id) FROM level) "
            "WHERE rowid = (SELECT min(rowid) FROM ballot_mark)"
        )
    changed = cli("verify", meeting_id, "--digest", digest, db=db)
    assert changed.returncode == 1
    assert "does NOT match" in changed.stderr


def test_verify_compares_with_the_digest_recorded_at_finalising(tmp_path: Path) -> None:
    import sqlite3

    from desktop_app.store.database import open_database
    from desktop_app.store.entry import BallotBook, finalise

    db = tmp_path / "x.sqlite3"
    meeting_id = demo(db)
    before = cli("verify", meeting_id, db=db)
    assert before.returncode == 0 and "尚未定稿" in before.stderr
    database = open_database(db)
    with database.session() as session:
        done = finalise(session, BallotBook.load(session, int(meeting_id)), station="主持")
    database.close()
    same = cli("verify", meeting_id, db=db)
    assert same.returncode == 0, same.stderr
    assert same.stdout.strip() == done.digest and "定稿时记录的摘要" in same.stderr

    with sqlite3.connect(db) as raw:  # edited behind the app's back, after finalising
        raw.execute(
            "UPDATE ballot_mark SET level_id = (SELECT max(id) FROM level) "
            "WHERE rowid = (SELECT min(rowid) FROM ballot_mark)"
        )
    changed = cli("verify", meeting_id, db=db)
    assert changed.returncode == 1
    assert done.digest in changed.stderr and "does NOT match" in changed.stderr
