"""The command line (FORMATS.md section 5), run as a real process.

The database is prepared in-process where a test is about one command, so that each test
starts only the processes it is about. Exit status: 0 ok, 1 bad data, 2 bad usage.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import tally_to_dict
from desktop_app.store.ballots import add_ballots, load_ballots
from desktop_app.store.database import DATA_DIR_ENV, Database, open_database
from desktop_app.store.meetings import list_meetings, load_meeting, save_meeting
from desktop_app.store.tally_sql import tally_meeting

ROOT = Path(__file__).parents[2]
DATA = ROOT / "tests" / "data"
SEED_MEETING = DATA / "seed-meeting.json"
SEED_BALLOTS = DATA / "seed-ballots.csv"
BOM = b"\xef\xbb\xbf"


@dataclass
class Cli:
    db_file: Path
    env: dict[str, str]

    def __call__(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.raw("--db", str(self.db_file), *args)

    def raw(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Exactly these arguments (no --db added)."""
        return subprocess.run(
            [sys.executable, "-m", "desktop_app.cli", *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )


@pytest.fixture(scope="module")
def pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bytecode for the child processes, kept outside the repository and the venv."""
    return tmp_path_factory.mktemp("pycache")


@pytest.fixture
def cli(tmp_path: Path, pycache: Path) -> Cli:
    env = dict(os.environ)
    env[DATA_DIR_ENV] = str(tmp_path / "user-data")
    env["DESKTOP_APP_STATION"] = "cli-test"
    # The sandbox may forbid writing bytecode; compiling SQLAlchemy each run costs a second.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return Cli(tmp_path / "cli.sqlite3", env)


@pytest.fixture
def store(cli: Cli) -> Iterator[Callable[[], Database]]:
    """Open the CLI's database in this process (closed again at the end)."""
    opened: list[Database] = []

    def open_() -> Database:
        opened.append(open_database(cli.db_file))
        return opened[-1]

    yield open_
    for db in opened:
        db.close()


@pytest.fixture
def with_meeting(store: Callable[[], Database], seed_meeting: Meeting) -> int:
    with store().session() as session:
        meeting_id = save_meeting(session, seed_meeting)
    assert meeting_id == 1
    return meeting_id


@pytest.fixture
def with_ballots(
    store: Callable[[], Database], with_meeting: int, seed_ballots: list[Ballot]
) -> int:
    with store().session() as session:
        add_ballots(session, with_meeting, seed_ballots)
    return with_meeting


def stored_ballots(store: Callable[[], Database], meeting_id: int = 1) -> list[Ballot]:
    with store().session() as session:
        return load_ballots(session, meeting_id)


def seed_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(SEED_BALLOTS.read_text("utf-8"), newline="")))


def write_rows(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


# --- happy paths --------------------------------------------------------------------------


def test_help_exits_0(cli: Cli) -> None:
    result = cli.raw("--help")
    assert result.returncode == 0
    for word in ("meeting", "ballots", "tally", "demo", "--db"):
        assert word in result.stdout
    sub = cli.raw("tally", "--help")
    assert sub.returncode == 0
    assert "--out" in sub.stdout


def test_demo_prints_the_new_id(
    cli: Cli, store: Callable[[], Database], seed_tally: dict[str, object]
) -> None:
    result = cli("demo")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().isdigit()
    meeting_id = int(result.stdout)
    assert meeting_id == 1
    with store().session() as session:
        assert tally_to_dict(tally_meeting(session, meeting_id)) == seed_tally


def test_meeting_import_prints_1_and_list_shows_it(
    cli: Cli, store: Callable[[], Database], seed_meeting: Meeting
) -> None:
    result = cli("meeting", "import", "tests/data/seed-meeting.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1\n"

    listed = cli("meeting", "list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [f"1\t2021-01-20\t0\t{seed_meeting.title}"]
    with store().session() as session:
        assert load_meeting(session, 1) == seed_meeting


def test_meeting_list_on_the_default_database(cli: Cli) -> None:
    """Without --db the per-user data directory's file is used (and created)."""
    result = cli.raw("meeting", "list")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert (Path(cli.env[DATA_DIR_ENV]) / "meetings.sqlite3").is_file()
    assert not cli.db_file.exists()


def test_ballots_import_then_tally_gives_the_seed_tally(
    cli: Cli,
    store: Callable[[], Database],
    with_meeting: int,
    seed_ballots: list[Ballot],
) -> None:
    result = cli("ballots", "import", "1", "tests/data/seed-ballots.csv")
    assert result.returncode == 0, result.stderr
    assert "imported 178 ballots" in result.stderr
    assert stored_ballots(store) == seed_ballots

    counted = cli("tally", "1")
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout) == json.loads((DATA / "seed-tally.json").read_text("utf-8"))
    assert "WARNING" not in counted.stderr


def test_tally_out_writes_the_same_json(
    cli: Cli, tmp_path: Path, with_ballots: int, seed_tally: dict[str, object]
) -> None:
    out = tmp_path / "结果" / "tally.json"
    out.parent.mkdir()
    result = cli("tally", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert json.loads(out.read_text("utf-8")) == seed_tally
    assert not list(out.parent.glob(".*.tmp"))


def test_meeting_export_then_import_gives_an_equal_meeting(
    cli: Cli,
    store: Callable[[], Database],
    tmp_path: Path,
    with_meeting: int,
    seed_meeting: Meeting,
) -> None:
    exported = tmp_path / "meeting.json"
    result = cli("meeting", "export", "1", str(exported))
    assert result.returncode == 0, result.stderr
    expected = json.loads(SEED_MEETING.read_text("utf-8"))
    for ballot_type in expected["ballot_types"]:
        ballot_type.setdefault("collected", None)  # export writes issued and collected
    assert json.loads(exported.read_text("utf-8")) == expected

    again = cli("meeting", "import", str(exported))
    assert again.returncode == 0, again.stderr
    assert again.stdout == "2\n"
    with store().session() as session:
        assert load_meeting(session, 2) == load_meeting(session, 1) == seed_meeting


def test_ballots_export_then_import_into_a_second_meeting(
    cli: Cli,
    store: Callable[[], Database],
    tmp_path: Path,
    with_ballots: int,
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
    seed_tally: dict[str, object],
) -> None:
    with store().session() as session:
        second = save_meeting(session, seed_meeting)
    exported = tmp_path / "ballots.csv"
    result = cli("ballots", "export", "1", str(exported))
    assert result.returncode == 0, result.stderr
    data = exported.read_bytes()
    assert data.startswith(BOM)
    assert data[len(BOM) :].startswith(b"serial,type,")

    imported = cli("ballots", "import", str(second), str(exported))
    assert imported.returncode == 0, imported.stderr
    assert stored_ballots(store, second) == seed_ballots
    with store().session() as session:
        assert tally_to_dict(tally_meeting(session, second)) == seed_tally


def test_tally_warns_when_more_ballots_entered_than_issued(
    cli: Cli,
    store: Callable[[], Database],
    seed_meeting: Meeting,
    seed_ballots: list[Ballot],
) -> None:
    types = tuple(
        dataclasses.replace(t, issued=29) if t.code == "A" else t for t in seed_meeting.ballot_types
    )
    meeting = dataclasses.replace(seed_meeting, ballot_types=types)
    with store().session() as session:
        meeting_id = save_meeting(session, meeting)
        add_ballots(session, meeting_id, seed_ballots)
    result = cli("tally", str(meeting_id))
    assert result.returncode == 0, result.stderr
    assert "WARNING" in result.stderr
    assert "30" in result.stderr and "29" in result.stderr
    assert json.loads(result.stdout)["ballots"]["A"] == {
        "issued": 29,
        "entered": 30,
        "valid": 27,
        "void": 3,
        "blank": 0,
    }


# --- bad ballot files: exit 1, where, and nothing stored ------------------------------------


def unknown_level(rows: list[list[str]]) -> tuple[int, str]:
    rows[2][rows[0].index("海州大学")] = "优秀"
    return 3, "海州大学"


def unknown_type(rows: list[list[str]]) -> tuple[int, str]:
    rows[4][1] = "C"
    return 5, "type"


def missing_target_column(rows: list[list[str]]) -> tuple[int, str]:
    index = rows[0].index("南溪县")
    for row in rows:
        del row[index]
    return 1, "南溪县"


def unknown_extra_column(rows: list[list[str]]) -> tuple[int, str]:
    rows[0].insert(3, "外市某县")
    for row in rows[1:]:
        row.insert(3, "")
    return 1, "外市某县"


def duplicate_serial(rows: list[list[str]]) -> tuple[int, str]:
    rows[9][0] = rows[3][0]
    return 10, "serial"


def repeated_word(rows: list[list[str]]) -> tuple[int, str]:
    rows[6][rows[0].index("临海市")] = "好好"
    return 7, "临海市"


def repeated_level(rows: list[list[str]]) -> tuple[int, str]:
    rows[7][rows[0].index("青川市")] = "好|好"
    return 8, "青川市"


@pytest.mark.parametrize(
    "damage",
    [
        unknown_level,
        unknown_type,
        missing_target_column,
        unknown_extra_column,
        duplicate_serial,
        repeated_word,
        repeated_level,
    ],
)
def test_bad_ballots_file_is_refused_whole(
    cli: Cli,
    store: Callable[[], Database],
    tmp_path: Path,
    with_meeting: int,
    damage: Callable[[list[list[str]]], tuple[int, str]],
) -> None:
    rows = seed_rows()
    row, column = damage(rows)
    path = write_rows(tmp_path / "评议票.csv", rows)
    result = cli("ballots", "import", "1", str(path))
    assert result.returncode == 1, result.stderr
    assert f'{path}, row {row}, column "{column}"' in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert stored_ballots(store) == []


def test_serial_already_entered_refuses_the_whole_second_file(
    cli: Cli,
    store: Callable[[], Database],
    tmp_path: Path,
    with_ballots: int,
    seed_ballots: list[Ballot],
) -> None:
    rows = seed_rows()
    existing = rows[50]
    new = list(rows[1])
    new[0] = "A-9999"
    path = write_rows(tmp_path / "second.csv", [rows[0], new, existing])
    result = cli("ballots", "import", "1", str(path))
    assert result.returncode == 1, result.stderr
    assert str(path) in result.stderr
    assert 'row 3, column "serial"' in result.stderr
    assert existing[0] in result.stderr
    after = stored_ballots(store)
    assert len(after) == 178
    assert after == seed_ballots
    assert "A-9999" not in {b.serial for b in after}


def test_gbk_file_is_refused(
    cli: Cli, store: Callable[[], Database], tmp_path: Path, with_meeting: int
) -> None:
    path = write_rows(tmp_path / "excel.csv", seed_rows(), encoding="gbk")
    result = cli("ballots", "import", "1", str(path))
    assert result.returncode == 1, result.stderr
    assert str(path) in result.stderr
    assert "row 1" in result.stderr  # the header holds the first Chinese text
    assert "UTF-8" in result.stderr
    assert stored_ballots(store) == []


def test_gbk_bytes_further_down_name_their_line(
    cli: Cli, store: Callable[[], Database], tmp_path: Path, with_meeting: int
) -> None:
    rows = seed_rows()
    text = "\r\n".join(",".join(r) for r in rows[:4]) + "\r\n"
    rest = "\r\n".join(",".join(r) for r in rows[4:6]) + "\r\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(text.encode("utf-8") + rest.encode("gbk"))
    result = cli("ballots", "import", "1", str(path))
    assert result.returncode == 1, result.stderr
    assert f"{path}, row 5" in result.stderr
    assert stored_ballots(store) == []


def test_nonexistent_ballots_file(
    cli: Cli, store: Callable[[], Database], tmp_path: Path, with_meeting: int
) -> None:
    path = tmp_path / "不存在.csv"
    result = cli("ballots", "import", "1", str(path))
    assert result.returncode == 1
    assert str(path) in result.stderr
    assert "not found" in result.stderr
    assert stored_ballots(store) == []


# --- bad meeting files --------------------------------------------------------------------


def test_malformed_meeting_json(cli: Cli, store: Callable[[], Database], tmp_path: Path) -> None:
    lines = SEED_MEETING.read_text("utf-8").splitlines()
    assert lines[2].startswith('  "date"')
    lines[2] = lines[2].rstrip(",")  # line 3: a comma goes missing
    path = tmp_path / "broken.json"
    path.write_text("\n".join(lines), "utf-8")
    result = cli("meeting", "import", str(path))
    assert result.returncode == 1
    assert str(path) in result.stderr
    # json reports the missing comma where the next item starts: line 4.
    assert f"{path}, row 4" in result.stderr
    assert "第 4 行" in result.stderr
    assert result.stdout == ""
    with store().session() as session:
        assert list_meetings(session) == []


def test_meeting_json_with_a_character_the_font_lacks(
    cli: Cli, store: Callable[[], Database], tmp_path: Path
) -> None:
    data = json.loads(SEED_MEETING.read_text("utf-8"))
    data["speakers"][3]["post"] = "𠮷野县委书记"
    path = tmp_path / "rare.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli("meeting", "import", str(path))
    assert result.returncode == 1
    assert "field speakers[3].post" in result.stderr and "U+20BB7" in result.stderr
    with store().session() as session:
        assert list_meetings(session) == []


def test_meeting_json_with_an_unknown_level_in_caps(
    cli: Cli, store: Callable[[], Database], tmp_path: Path
) -> None:
    data = json.loads(SEED_MEETING.read_text("utf-8"))
    data["categories"][1]["caps"] = {"好": 3, "优秀": 1}
    path = tmp_path / "caps.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli("meeting", "import", str(path))
    assert result.returncode == 1
    assert str(path) in result.stderr
    assert "field categories[1].caps.优秀" in result.stderr
    with store().session() as session:
        assert list_meetings(session) == []


def test_tally_of_an_unknown_meeting(cli: Cli, with_meeting: int) -> None:
    result = cli("tally", "7")
    assert result.returncode == 1
    assert "no meeting with id 7" in result.stderr
    assert result.stdout == ""


def test_db_that_is_not_a_database_is_bad_data(cli: Cli, tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text(
        "这不是数据库 — just some notes, long enough to be read as a header\n" * 10, "utf-8"
    )
    cli.db_file = not_a_db
    result = cli("meeting", "list")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert str(not_a_db) in result.stderr


# --- bad usage: exit 2 --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((), "required"),
        (("tally", "abc"), "abc"),
        (("tally", "0"), "positive"),
        (("frobnicate",), "frobnicate"),
        (("meeting", "delete", "1"), "delete"),
        (("ballots", "import", "1"), "FILE.csv"),
    ],
)
def test_bad_usage_exits_2(cli: Cli, args: tuple[str, ...], says: str) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert says in result.stderr
    assert not cli.db_file.exists()  # nothing was opened


# --- no Qt in the command line ------------------------------------------------------------


def test_command_line_never_imports_pyside6(cli: Cli, with_meeting: int) -> None:
    code = (
        "import sys, desktop_app.cli; "
        f"desktop_app.cli.main(['--db', {str(cli.db_file)!r}, 'meeting', 'list']); "
        "print('PySide6' in sys.modules, 'shiboken6' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=cli.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1\t2021-01-20\t0\t")  # the command did run
    assert lines[-1] == "False False"
