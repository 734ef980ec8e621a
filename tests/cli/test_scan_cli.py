"""``scan read`` and ``scan import`` (FORMATS.md §5–6) as real processes on a generated pile:
a multi-page scanner PDF and loose images, read into the §6 CSV, then imported; the stored
ballots equal the truth, their tally equals the tally of the truth imported as CSV, audit rows
say "扫描:…", and ``verify`` passes after finalising."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop_app.domain.ballot_csv import write_ballots_csv
from desktop_app.domain.ballot_layout import ballot_layout
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.tally import tally_to_dict
from desktop_app.store.audit import audit_events
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database, open_database
from desktop_app.store.entry import BallotBook, finalise
from desktop_app.store.meetings import ballot_key, save_meeting
from desktop_app.store.scans import PageStatus, scanned_pages
from desktop_app.store.tally_sql import tally_meeting
from desktop_app.store.transfer import import_ballots_file
from tests.ballot_meetings import ballot_meeting
from tests.cli.test_cli import Cli
from tests.scan.synth import (
    Envelope,
    Scenario,
    SyntheticBallot,
    random_envelope,
    synthetic_ballot,
)

PLAIN = Scenario(
    empty=0.6, tick=0.37, cross=0.03, pencil=0, multi=0, correction=0, bigtick=0, dot=0
)


def truth_ballot(b: SyntheticBallot) -> Ballot:
    return Ballot(b.serial, b.type_code, {t: r.marks for t, r in b.truth.items() if r.marks})


@pytest.fixture
def pile(
    cli: Cli, store: Callable[[], Database], tmp_path: Path
) -> tuple[int, list[SyntheticBallot], list[Path]]:
    """A stored meeting and 8 generated ballots: 6 in one scanner PDF, 2 as PNG files."""
    import random

    meeting = ballot_meeting(27, issued=(10, 10))
    with store().session() as session:
        meeting_id = save_meeting(session, meeting)
        key = ballot_key(session, meeting_id)
    layout = ballot_layout(meeting)
    ballots = []
    for n in range(8):
        rng = random.Random(n)
        env = random_envelope(rng)
        env = Envelope(**{**env.__dict__, "dpi": 200, "phone": 0.0})
        type_code = "A" if n % 2 == 0 else "B"
        serial = f"{type_code}-{n // 2 + 1:03d}"
        # Most ballots plainly filled (so some are confident), two with every kind of mark.
        scenario = Scenario() if n in (2, 5) else PLAIN
        ballots.append(
            synthetic_ballot(
                meeting, layout, key, type_code, serial, 300 + n, envelope=env, scenario=scenario
            )
        )
    pdf = tmp_path / "扫描件.pdf"
    pages = [b.pages[0] for b in ballots[:6]]
    pages[0].save(pdf, save_all=True, append_images=pages[1:], resolution=200)
    files = [pdf]
    for b in ballots[6:]:
        path = tmp_path / f"{b.serial}.png"
        b.pages[0].save(path, dpi=(200, 200))
        files.append(path)
    return meeting_id, ballots, files


def _csv_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_scan_read_writes_the_ballots_csv_with_page_and_review(
    cli: Cli, pile: tuple[int, list[SyntheticBallot], list[Path]], tmp_path: Path
) -> None:
    meeting_id, ballots, files = pile
    out = tmp_path / "read.csv"
    result = cli(
        "scan", "read", str(meeting_id), *map(str, files), "--out", str(out), "--workers", "2"
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text("utf-8")
    rows = _csv_rows(text)
    header = next(csv.reader(io.StringIO(text[1:])))
    targets = ballot_meeting(27).targets
    assert header == ["serial", "type", *targets, "void_reason", "page", "review"]
    assert [r["page"] for r in rows] == [
        *(f"扫描件.pdf#{i}" for i in range(1, 7)),
        "A-004.png#1",
        "B-004.png#1",
    ]
    truth = {b.serial: b for b in ballots}
    for row in rows:
        b = truth[row["serial"]]
        assert row["type"] == b.type_code
        flagged = {item.split(":", 1)[1] for item in row["review"].split(";") if ":" in item}
        for target in targets:
            if target not in flagged:
                assert set(filter(None, row[target].split("|"))) == set(b.truth[target].marks)
    # Nothing was stored.
    db = open_database(cli.db_file)
    with db.session() as session:
        assert load_ballots(session, meeting_id) == []
        assert scanned_pages(session, meeting_id) == []
    db.close()


def test_scan_read_lists_an_unreadable_page_and_fails_on_a_file_it_cannot_open(
    cli: Cli, pile: tuple[int, list[SyntheticBallot], list[Path]], tmp_path: Path
) -> None:
    from PIL import Image

    meeting_id, _, files = pile
    blank = tmp_path / "白纸.png"
    Image.new("L", (1654, 2339), 240).point(lambda v: v).save(blank, dpi=(200, 200))
    result = cli("scan", "read", str(meeting_id), str(files[1]), str(blank))
    assert result.returncode == 0, result.stderr
    rows = _csv_rows(result.stdout)
    assert rows[-1]["serial"] == "" and rows[-1]["page"] == "白纸.png#1"
    assert rows[-1]["review"] in ("unreadable", "bilevel")
    junk = tmp_path / "notes.txt"
    junk.write_text("not a scan")
    result = cli("scan", "read", str(meeting_id), str(files[1]), str(junk))
    assert result.returncode == 1
    assert "notes.txt" in result.stderr


def test_scan_import_stores_the_confident_ballots_like_typed_ones_and_verify_passes(
    cli: Cli,
    store: Callable[[], Database],
    pile: tuple[int, list[SyntheticBallot], list[Path]],
    tmp_path: Path,
) -> None:
    meeting_id, ballots, files = pile
    result = cli("--station", "扫描台1", "scan", "import", str(meeting_id), *map(str, files))
    assert result.returncode == 0, result.stderr
    counts = dict(line.split("\t") for line in result.stdout.strip().splitlines())
    assert counts["pages"] == "8"
    db = store()
    with db.session() as session:
        stored = load_ballots(session, meeting_id)
        pages = scanned_pages(session, meeting_id)
        audit = [e for e in audit_events(session, meeting_id) if e.action == "ballot.create"]
    saved = {p.serial for p in pages if p.status is PageStatus.SAVED}
    assert int(counts["saved"]) == len(saved) == len(stored) >= 1
    waiting = [p for p in pages if p.status is not PageStatus.SAVED]
    assert all(p.review for p in waiting)
    assert len(pages) == 8
    truth = {b.serial: truth_ballot(b) for b in ballots}
    assert {b.serial: b for b in stored} == {s: truth[s] for s in saved}
    assert {e.station for e in audit} == {"扫描:扫描台1"}
    # The tally equals the tally of the truth of those ballots imported as CSV elsewhere.
    other = open_database(tmp_path / "truth.sqlite3")
    with other.session() as session:
        other_id = save_meeting(session, ballot_meeting(27, issued=(10, 10)))
    csv_path = tmp_path / "truth.csv"
    csv_path.write_text(
        write_ballots_csv(ballot_meeting(27), [truth[s] for s in sorted(saved)]), "utf-8"
    )
    import_ballots_file(other, other_id, csv_path, station="csv")
    with db.session() as s1, other.session() as s2:
        assert tally_to_dict(tally_meeting(s1, meeting_id)) == tally_to_dict(
            tally_meeting(s2, other_id)
        )
    other.close()
    # Importing the same pile again stores nothing twice.
    again = cli("scan", "import", str(meeting_id), str(files[0]))
    assert again.returncode == 0, again.stderr
    assert dict(line.split("\t") for line in again.stdout.strip().splitlines())["saved"] == "0"
    with db.session() as session:
        assert len(load_ballots(session, meeting_id)) == len(stored)
        book = BallotBook.load(session, meeting_id)
        finalise(session, book, station="test")
    verify = cli("verify", str(meeting_id))
    assert verify.returncode == 0, verify.stderr
    assert "一致" in verify.stderr
    tally = cli("tally", str(meeting_id))
    assert json.loads(tally.stdout)["ballots"]["A"]["entered"] == sum(
        1 for s in saved if s.startswith("A")
    )
