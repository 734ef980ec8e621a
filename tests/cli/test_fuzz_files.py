"""Fuzzing the files the command line reads: meeting JSON and ballots CSV, mutated from the
seed meeting field by field (hostile values: NUL, lone surrogates, 100,000 characters,
integers past 64 bits, inf and nan, wrong types) and byte by byte (deep nesting, integers of
thousands of digits, truncation, invalid UTF-8).

Every case runs ``desktop_app.cli.main`` as the command would (in-process, on one database,
for speed): the exit status is 0, 1 or 2, never an exception; a refusal stores nothing; what
is accepted verifies and reads back. The figures are printed at the end of each suite.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app import cli
from desktop_app.domain.meeting import Meeting
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database
from desktop_app.store.integrity import verify_meeting
from desktop_app.store.meetings import list_meetings, load_meeting, save_meeting
from desktop_app.store.transfer import read_meeting_file
from tests.fuzzing import (
    DEFAULT_CASES,
    LONG_CASES,
    Outcomes,
    fuzz_settings,
    hostile_value,
    require_slow_selected,
)

ROOT = Path(__file__).parents[2]
SEED_MEETING = json.loads((ROOT / "tests" / "data" / "seed-meeting.json").read_text("utf-8"))
SEED_ROWS = list(
    csv.reader(io.StringIO((ROOT / "tests" / "data" / "seed-ballots.csv").read_text("utf-8-sig")))
)


@pytest.fixture
def shared_db(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The command's database opened once for every case (opening it is not under test)."""
    monkeypatch.setattr(cli, "_open", lambda _args: db)
    monkeypatch.setattr(cli, "_open_for_reading", lambda _args: db)
    yield db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """main() as the process would run it: its exit status and stderr."""
    try:
        status = cli.main(["--station", "fuzz", *argv])
    except SystemExit as exc:  # argparse: bad usage
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    assert status in (0, 1, 2), status
    assert "Traceback" not in captured.err
    if status == 1:
        assert captured.err.startswith(("错误 / error:", "数据库错误 / database error")), (
            captured.err
        )
    return status, captured.err


# --- meeting JSON ------------------------------------------------------------------------------


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside the JSON document."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(paths(item, (*prefix, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(paths(item, (*prefix, index)))
    return found


SEED_PATHS = paths(SEED_MEETING)[1:]


@st.composite
def meeting_files(draw: st.DrawFn) -> bytes:
    document = copy.deepcopy(SEED_MEETING)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(SEED_PATHS))
        parent: Any = document
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
            if action == "replace":
                parent[path[-1]] = draw(hostile_value())
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.sampled_from(["extra", "\x00", "title\u200b", "x" * 300]))] = 1
        except (KeyError, IndexError, TypeError):
            pass  # an earlier mutation removed or replaced the way there
    text = json.dumps(document, ensure_ascii=True, allow_nan=True)
    raw = text.encode("utf-8")
    edit = draw(st.sampled_from(["none", "none", "nest", "digits", "cut", "bytes", "bom", "junk"]))
    at = draw(st.integers(0, len(raw)))
    if edit == "nest":  # deep nesting where a value stands
        depth = draw(st.sampled_from([100, 990, 5_000, 200_000]))
        raw = raw.replace(b'"venue": ', b'"venue": ' + b"[" * depth + b"]" * depth + b", "
                          b'"x": ', 1)  # fmt: skip
    elif edit == "digits":  # an integer of thousands of digits
        digits = b"9" * draw(st.sampled_from([19, 20, 400, 4_301, 50_000]))
        raw = raw.replace(b'"weight": 0.4', b'"weight": ' + digits, 1)
        raw = raw.replace(b'"issued": 30', b'"issued": ' + digits, 1)
    elif edit == "cut":
        raw = raw[:at]
    elif edit == "bytes":
        raw = (
            raw[:at]
            + draw(st.sampled_from([b"\x00", b"\xff\xfe", b"\xc3", b"\xed\xa0\x80"]))
            + raw[at:]
        )
    elif edit == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif edit == "junk":
        raw = draw(st.binary(max_size=200))
    return raw


def meeting_import_case(
    raw: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str], db: Database, seen: Outcomes
) -> None:
    path = tmp_path / "meeting.json"
    path.write_bytes(raw)
    with db.session() as session:
        before = len(list_meetings(session))
    status, err = run(capsys, "meeting", "import", str(path))
    with db.session() as session:
        meetings = list_meetings(session)
    if status != 0:
        seen.add("refused")
        assert len(meetings) == before, "a refused file stored something"
        assert len(err) < 2_000, "the message repeats the hostile input"
        return
    seen.add("accepted")
    assert len(meetings) == before + 1
    out = tmp_path / "back.json"
    assert run(capsys, "meeting", "export", str(meetings[0].id), str(out))[0] == 0
    with db.session() as session:
        assert read_meeting_file(out) == load_meeting(session, meetings[0].id)


def test_meeting_json_fuzz(
    shared_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = Outcomes("meeting JSON")

    @fuzz_settings(DEFAULT_CASES)
    @given(meeting_files())
    def case(raw: bytes) -> None:
        meeting_import_case(raw, tmp_path, capsys, shared_db, seen)

    case()
    with capsys.disabled():
        print("\n" + seen.report())
    assert seen.counts["refused"] > 0 and seen.counts["cases"] >= DEFAULT_CASES // 2


@pytest.mark.slow
def test_meeting_json_fuzz_thousands(
    request: pytest.FixtureRequest,
    shared_db: Database,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    require_slow_selected(request)
    seen = Outcomes("meeting JSON (long)")

    @fuzz_settings(LONG_CASES)
    @given(meeting_files())
    def case(raw: bytes) -> None:
        meeting_import_case(raw, tmp_path, capsys, shared_db, seen)

    case()
    with capsys.disabled():
        print("\n" + seen.report())


# --- ballots CSV ---------------------------------------------------------------------------------

CSV_TEXTS = st.one_of(
    st.sampled_from(
        [
            "",
            "好",
            "较好|好",
            "好|好",
            "优",
            "好|",
            "|",
            "\x00",
            "=1+1",
            "a\nb",
            '"',
            "Ａ",
            "x" * 60,
            "y" * 300_000,
            " 好 ",
            "\ud800",
            "B-0001",
            "A-1",
            "ｂ－００１",
            "B",
        ]
    ),
    st.text(max_size=12),
)


@st.composite
def ballot_files(draw: st.DrawFn) -> tuple[bytes, str]:
    header = list(SEED_ROWS[0])
    rows = [list(r) for r in draw(st.lists(st.sampled_from(SEED_ROWS[1:]), min_size=1, max_size=5))]
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["cell", "cell", "cell", "header", "short", "long", "dup"]))
        row = draw(st.sampled_from(rows))
        if kind == "cell":
            row[draw(st.integers(0, len(row) - 1))] = draw(CSV_TEXTS)
        elif kind == "header":
            header[draw(st.integers(0, len(header) - 1))] = draw(CSV_TEXTS)
        elif kind == "short":
            del row[draw(st.integers(0, len(row) - 1))]
        elif kind == "long":
            row.append(draw(CSV_TEXTS))
        else:
            rows.append(list(row))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([header, *rows])
    raw = out.getvalue().encode("utf-8", "surrogatepass")
    edit = draw(
        st.sampled_from(["none", "none", "none", "cut", "nul", "bad-utf8", "quote", "junk"])
    )
    at = draw(st.integers(0, len(raw)))
    if edit == "cut":
        raw = raw[:at]
    elif edit == "nul":
        raw = raw[:at] + b"\x00" + raw[at:]
    elif edit == "bad-utf8":
        raw = raw[:at] + b"\xff" + raw[at:]
    elif edit == "quote":
        raw = raw[:at] + b'"' + raw[at:]
    elif edit == "junk":
        raw = draw(st.binary(max_size=200))
    meeting_arg = draw(st.sampled_from(["{id}", "{id}", "{id}", "{id}", "0", "-1", "x", "99999"]))
    return raw, meeting_arg


class BallotTarget:
    """The meeting ballots go to; a fresh one once it holds a few hundred (verify stays fast)."""

    def __init__(self, db: Database, meeting: Meeting) -> None:
        self.db, self.meeting = db, meeting
        self.id = self._new()
        self.serial = 0

    def _new(self) -> int:
        with self.db.session() as session:
            return save_meeting(session, self.meeting)

    def count(self) -> int:
        with self.db.session() as session:
            return len(load_ballots(session, self.id))

    def fresh_if_full(self) -> None:
        if self.count() > 300:
            self.id = self._new()


def renumber(raw: bytes, target: BallotTarget) -> bytes:
    """Serials unique to this case, so a case is not refused merely as a repeat of the last."""
    target.serial += 1
    return raw.replace(b"B-0", f"F{target.serial}-".encode()).replace(
        b"A-0", f"G{target.serial}-".encode()
    )


def ballots_import_case(
    case: tuple[bytes, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    target: BallotTarget,
    seen: Outcomes,
) -> None:
    raw, meeting_arg = case
    path = tmp_path / "ballots.csv"
    path.write_bytes(renumber(raw, target))
    before = target.count()
    status, _ = run(capsys, "ballots", "import", meeting_arg.format(id=target.id), str(path))
    after = target.count()
    if status != 0:
        seen.add("refused")
        assert after == before, "a refused file stored something"
        return
    seen.add("accepted")
    assert after > before
    with target.db.session() as session:
        assert verify_meeting(session, target.id).problems == []
    target.fresh_if_full()


def test_ballots_csv_fuzz(
    shared_db: Database,
    seed_meeting: Meeting,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seen = Outcomes("ballots CSV")
    target = BallotTarget(shared_db, seed_meeting)

    @fuzz_settings(DEFAULT_CASES)
    @given(ballot_files())
    def case(file: tuple[bytes, str]) -> None:
        ballots_import_case(file, tmp_path, capsys, target, seen)

    case()
    with capsys.disabled():
        print("\n" + seen.report())
    assert seen.counts["refused"] > 0 and seen.counts["accepted"] > 0


@pytest.mark.slow
def test_ballots_csv_fuzz_thousands(
    request: pytest.FixtureRequest,
    shared_db: Database,
    seed_meeting: Meeting,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    require_slow_selected(request)
    seen = Outcomes("ballots CSV (long)")
    target = BallotTarget(shared_db, seed_meeting)

    @fuzz_settings(LONG_CASES)
    @given(ballot_files())
    def case(file: tuple[bytes, str]) -> None:
        ballots_import_case(file, tmp_path, capsys, target, seen)

    case()
    with capsys.disabled():
        print("\n" + seen.report())
