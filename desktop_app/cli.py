"""desktop-app-cli: the headless commands of FORMATS.md section 5.

Wires store + domain; never imports Qt. Exit status: 0 success, 1 bad data (the message on
stderr names the file, row and column), 2 bad usage. Heavy imports happen inside the
commands so that ``--help`` answers at once.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.store.database import Database

EXIT_OK, EXIT_DATA = 0, 1  # argparse itself exits 2 on bad usage
STATION_ENV = "DESKTOP_APP_STATION"
# Kept here, not imported from publish, so that --help does not load reportlab.
REPORT_KINDS = ("results", "feedback", "ballots", "minutes", "script")


def _open(args: argparse.Namespace) -> Database:
    from desktop_app.store.database import open_database

    db = open_database(args.db)
    for collision in db.serial_collisions:
        print(collision.message(), file=sys.stderr)
    return db


def _open_for_reading(args: argparse.Namespace) -> Database:
    """The database for a command that only reads (tally, report, verify): a SQLite file
    on read-only media opens read-only instead of failing."""
    from desktop_app.store.database import open_database_for_reading

    return open_database_for_reading(args.db)


def _print_json(data: Any, out: Path | None) -> None:
    from desktop_app.files import write_text

    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        write_text(out, text)


# --- commands -----------------------------------------------------------------------------


def cmd_meeting_import(args: argparse.Namespace) -> None:
    from desktop_app.store.transfer import import_meeting_file

    print(import_meeting_file(_open(args), args.file, station=args.station))


def cmd_meeting_export(args: argparse.Namespace) -> None:
    from desktop_app.store.transfer import export_meeting_file

    export_meeting_file(_open(args), args.id, args.file)


def cmd_meeting_list(args: argparse.Namespace) -> None:
    from desktop_app.store.meetings import list_meetings

    with _open(args).session() as session:
        meetings = list_meetings(session)
    for m in meetings:
        print(f"{m.id}\t{m.date or '-'}\t{m.ballots}\t{m.title}")


def cmd_ballots_import(args: argparse.Namespace) -> None:
    from desktop_app.store.transfer import import_ballots_file

    count = import_ballots_file(_open(args), args.id, args.file, station=args.station)
    print(f"imported {count} ballots / 已导入 {count} 张评议票", file=sys.stderr)


def cmd_ballots_export(args: argparse.Namespace) -> None:
    from desktop_app.store.transfer import export_ballots_file

    export_ballots_file(_open(args), args.id, args.file)


def cmd_tally(args: argparse.Namespace) -> None:
    from desktop_app.domain.tally import tally_to_dict
    from desktop_app.store.lean import sqlite_file, tally_file

    # An up-to-date SQLite file is counted with sqlite3 alone: no SQLAlchemy to import.
    path = sqlite_file(args.db)
    result = tally_file(path, args.id) if path is not None else None
    if result is None:
        from desktop_app.store.tally_sql import tally_meeting

        with _open_for_reading(args).session() as session:
            result = tally_meeting(session, args.id)
    for warning in result.warnings():
        print(f"警告 / WARNING: {warning}", file=sys.stderr)
    _print_json(tally_to_dict(result), args.out)


def cmd_report(args: argparse.Namespace) -> None:
    from desktop_app.publish import save_report

    save_report(_open_for_reading(args), args.id, args.kind, args.out)


def cmd_export(args: argparse.Namespace) -> None:
    from desktop_app.publish import save_workbook_file

    save_workbook_file(_open_for_reading(args), args.id, args.out)


def cmd_verify(args: argparse.Namespace) -> None:
    from desktop_app.domain.errors import DataError
    from desktop_app.store.integrity import verify_meeting

    with _open_for_reading(args).session() as session:
        result = verify_meeting(session, args.id)
    print(result.digest)
    print(f"审计日志链头 / audit chain head: {result.chain_head}", file=sys.stderr)
    problems = list(result.problems)
    if args.digest is not None:
        expected, against = "".join(args.digest.split()).lower(), "给出的摘要 / the digest given"
    elif result.finalised_digest is not None:
        expected = result.finalised_digest
        against = "定稿时记录的摘要 / the digest recorded at finalising"
    else:
        expected, against = None, ""
    if expected is not None and expected != result.digest:
        problems.insert(0, f"评议票数据已与{against} {expected} 不同 / does NOT match")
    if problems:
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        raise DataError(
            f"核对失败,共 {len(problems)} 处不符(见上) / verification FAILED: does NOT match"
        )
    if expected is None:
        print(
            "评议票尚未定稿:以上为当前评议票数据的 SHA-256;计票、分类与审计日志均已核对无误;"
            "定稿后再核对,或用 --digest 核对结果表上印的摘要 / not finalised: classification, "
            "count and audit chain check out; pass --digest to compare with a sheet",
            file=sys.stderr,
        )
        return
    print(
        f"一致:评议票数据与{against}相符,分类、计票、计票设置与审计日志均无改动 / matches",
        file=sys.stderr,
    )


def cmd_finalise(args: argparse.Namespace) -> None:
    from desktop_app.store.audit import chain_head
    from desktop_app.store.entry import BallotBook, finalise

    db = _open(args)
    with db.session() as session:
        done = finalise(session, BallotBook.load(session, args.id), station=args.station)
    with db.session() as session:
        head = chain_head(session)
    print(done.digest)
    print(
        f"已定稿 / finalised at {done.at.isoformat()} by {done.station or '-'}; "
        f"审计日志链头 / audit chain head: {head}",
        file=sys.stderr,
    )


def cmd_unlock(args: argparse.Namespace) -> None:
    from desktop_app.store.entry import unlock

    with _open(args).session() as session:
        unlock(session, args.id, reason=args.reason, station=args.station)
    print("已解除定稿(已记入审计日志) / unlocked (audited)", file=sys.stderr)


def _scan_progress(total: list[int]) -> Callable[[Any], None]:
    def report(reading: Any) -> None:
        total[0] += 1
        if total[0] % 20 == 0:
            print(f"已读 {total[0]} 页 / {total[0]} pages read", file=sys.stderr)

    return report


def cmd_scan_read(args: argparse.Namespace) -> None:
    from desktop_app.domain.omr import write_scan_csv
    from desktop_app.scan.read import read_pile
    from desktop_app.scan_import import read_context
    from desktop_app.store.transfer import write_text

    ctx = read_context(_open(args), args.id)
    pile = read_pile(args.files, ctx, workers=args.workers, progress=_scan_progress([0]))
    text = write_scan_csv(ctx.meeting, pile.ballots)
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_text(args.out, text)
    flagged = sum(1 for b in pile.ballots if not b.confident)
    print(
        f"{len(pile.pages)} 页,{len(pile.ballots)} 张评议票,{flagged} 张待人工核对 / "
        f"{len(pile.pages)} pages, {len(pile.ballots)} ballots, {flagged} to review",
        file=sys.stderr,
    )


def cmd_scan_import(args: argparse.Namespace) -> None:
    from desktop_app.scan_import import import_scans

    result = import_scans(
        _open(args),
        args.id,
        args.files,
        station=args.station,
        workers=args.workers,
        progress=_scan_progress([0]),
    )
    total = sum(result.pages.values())
    print(f"batch\t{result.batch_id}")
    print(f"pages\t{total}")
    print(f"saved\t{len(result.saved)}")
    for status, count in sorted(result.pages.items()):
        print(f"{status}\t{count}")
    print(
        f"已保存 {len(result.saved)} 张评议票,{result.waiting} 页待人工核对(评议票录入 → 扫描核对)"
        f" / saved {len(result.saved)} ballots, {result.waiting} pages wait for review",
        file=sys.stderr,
    )


def cmd_db_create(args: argparse.Namespace) -> None:
    from desktop_app.store.database import create_database, to_url

    url = to_url(args.url or args.db)
    created = create_database(url if isinstance(url, str) else url.render_as_string(False))
    shown = url if isinstance(url, str) else url.render_as_string(hide_password=True)
    print(
        ("已建立数据库并升级到最新版本" if created else "数据库已存在,已升级到最新版本")
        + f" / {'created' if created else 'exists'}, migrated: {_hide_password(shown)}"
    )
    if args.station_role:
        from desktop_app.store.database import (
            STATION_PASSWORD_ENV,
            create_station_role,
        )

        password = os.environ.get(STATION_PASSWORD_ENV)
        if not password:
            import getpass

            if not sys.stdin.isatty():
                from desktop_app.domain.errors import DataError

                raise DataError(
                    f"录入点角色的密码请放在环境变量 {STATION_PASSWORD_ENV} 中 / "
                    f"set {STATION_PASSWORD_ENV} to the station role's password"
                )
            password = getpass.getpass(f"password for {args.station_role}: ")
        create_station_role(
            url if isinstance(url, str) else url.render_as_string(False),
            args.station_role,
            password,
        )
        print(
            f"已设置录入点角色 {args.station_role}:可读写会议数据,审计日志只能追加 / "
            f"station role {args.station_role} ready: the audit log is append-only for it"
        )


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if "://" not in url:
        return url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("://", 1)[0] + "://***"


def cmd_demo(args: argparse.Namespace) -> None:
    from desktop_app.store.transfer import load_demo

    print(load_demo(_open(args), station=args.station))


# --- argument parsing ---------------------------------------------------------------------


def _meeting_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"会议编号应为整数 / meeting id must be a number: {text!r}"
        ) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(
            f"会议编号应为正整数 / meeting id must be positive: {text}"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="desktop-app-cli",
        description="述职评议会议助手 — headless commands on the same database the window uses.",
        epilog="Exit status: 0 success, 1 bad data (message names file, row and column), "
        "2 bad usage.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="SQLite file or database URL (postgresql+psycopg://…); "
        "default: the per-user data directory's SQLite file",
    )
    parser.add_argument(
        "--station",
        default=os.environ.get(STATION_ENV) or socket.gethostname(),
        help="this station's name, recorded in the audit log (default: the host name)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # In this order in the help.
    _add_meeting_commands(commands)
    _add_ballot_commands(commands)
    _add_document_commands(commands)
    _add_finalising_commands(commands)
    _add_scan_commands(commands)
    _command(commands, "demo", cmd_demo, "load the seed meeting with its ballots; prints its id")
    _add_db_commands(commands)
    return parser


def _command(
    parent: Any, name: str, func: Callable[[argparse.Namespace], None], help_text: str
) -> argparse.ArgumentParser:
    """Sub-command ``name`` of ``parent`` (a sub-parsers action), run by ``func``."""
    sub: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
    sub.set_defaults(func=func)
    return sub


def _add_meeting_commands(commands: Any) -> None:
    """``meeting import|export|list``."""
    meeting = commands.add_parser("meeting", help="import, export or list meetings")
    meeting_commands = meeting.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub = _command(
        meeting_commands,
        "import",
        cmd_meeting_import,
        "import a meeting JSON; prints the new meeting's id",
    )
    sub.add_argument("file", type=Path, metavar="FILE.json")
    sub = _command(meeting_commands, "export", cmd_meeting_export, "export a meeting as JSON")
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("file", type=Path, metavar="FILE.json")
    _command(
        meeting_commands,
        "list",
        cmd_meeting_list,
        "list meetings: id, date, ballots entered, title",
    )


def _add_ballot_commands(commands: Any) -> None:
    """``ballots import|export``."""
    ballots = commands.add_parser("ballots", help="import or export ballots (CSV)")
    ballot_commands = ballots.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub = _command(
        ballot_commands, "import", cmd_ballots_import, "import a ballots CSV: all rows or none"
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("file", type=Path, metavar="FILE.csv")
    sub = _command(ballot_commands, "export", cmd_ballots_export, "export ballots as CSV")
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("file", type=Path, metavar="FILE.csv")


def _add_document_commands(commands: Any) -> None:
    """``tally``, ``report`` and ``export``: the count and the documents made from it."""
    sub = _command(commands, "tally", cmd_tally, "count the ballots; JSON on stdout or --out")
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("--out", type=Path, metavar="FILE.json")

    sub = _command(
        commands,
        "report",
        cmd_report,
        "write a PDF: results 评议结果汇总表, feedback 反馈表, ballots 评议票 (blank), "
        "minutes 会议记录, script 主持词",
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument(
        "kind", choices=REPORT_KINDS, metavar="KIND", help=f"one of: {', '.join(REPORT_KINDS)}"
    )
    sub.add_argument("--out", type=Path, metavar="FILE.pdf", required=True)

    sub = _command(
        commands, "export", cmd_export, "write an Excel workbook (.xlsx): results and every ballot"
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("--out", type=Path, metavar="FILE.xlsx", required=True)


def _add_finalising_commands(commands: Any) -> None:
    """``verify``, ``finalise`` and ``unlock``: the ballot-data digest and the lock."""
    sub = _command(
        commands,
        "verify",
        cmd_verify,
        "recompute the ballot-data digest and say if it matches the one recorded at "
        "finalising (or, with --digest, the one printed on a sheet)",
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("--digest", metavar="HEX", help="the SHA-256 printed on a result sheet")

    sub = _command(
        commands,
        "finalise",
        cmd_finalise,
        "lock the ballots, record and print the digest (audited, as in the window)",
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub = _command(
        commands, "unlock", cmd_unlock, "reopen finalised ballots; the reason is audited"
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("--reason", required=True, metavar="TEXT", help="why (recorded)")


def _add_scan_commands(commands: Any) -> None:
    """``scan read|import``."""
    scan = commands.add_parser("scan", help="read scanned paper ballots (PDF, PNG, JPEG, TIFF)")
    scan_commands = scan.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub = _command(
        scan_commands,
        "read",
        cmd_scan_read,
        "read scanned ballots and write the ballots CSV with page and review columns; "
        "stores nothing",
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("files", type=Path, nargs="+", metavar="FILE")
    sub.add_argument("--out", type=Path, metavar="FILE.csv")
    sub.add_argument("--workers", type=int, default=None, help="reader processes (default: CPUs)")
    sub = _command(
        scan_commands,
        "import",
        cmd_scan_import,
        "read scanned ballots, store the confident ones as typed ballots (station 扫描:…) and "
        "keep the rest with their page images for review; prints the counts of each",
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("files", type=Path, nargs="+", metavar="FILE")
    sub.add_argument("--workers", type=int, default=None, help="reader processes (default: CPUs)")


def _add_db_commands(commands: Any) -> None:
    """``db create``."""
    database = commands.add_parser("db", help="set up the database for several stations")
    db_commands = database.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub = _command(
        db_commands,
        "create",
        cmd_db_create,
        "create the database (PostgreSQL: on the server, if missing) and migrate it",
    )
    sub.add_argument(
        "url",
        nargs="?",
        metavar="URL",
        help="e.g. postgresql+psycopg://meetings:PASSWORD@192.168.1.10:5432/meetings "
        "(default: --db)",
    )
    sub.add_argument(
        "--station-role",
        metavar="ROLE",
        help="PostgreSQL: also make the login role entry stations connect as, which cannot "
        "change, delete or truncate the audit log (password from $DESKTOP_APP_STATION_PASSWORD "
        "or asked for)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    # The scan reader's worker processes are spawned; in a frozen bundle each one re-enters
    # here and must run its task instead of the command line.
    import multiprocessing

    multiprocessing.freeze_support()
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    from desktop_app.domain.errors import DataError
    from desktop_app.reports.fonts import install_font_coverage

    install_font_coverage()  # a meeting whose names the PDFs cannot print is refused

    try:
        args.func(args)
    except DataError as exc:
        print(
            f"错误 / error: {_hide_secrets(str(exc), args.db, getattr(args, 'url', None))}",
            file=sys.stderr,
        )
        return EXIT_DATA
    except _database_errors() as exc:
        # The driver's first line only: never the SQL, its parameters or a password.
        said = _first_line(getattr(exc, "orig", None) or exc)
        print(
            f"数据库错误 / database error ({_hide_password(args.db or 'default')}): "
            f"{_hide_secrets(said, args.db, getattr(args, 'url', None))}",
            file=sys.stderr,
        )
        return EXIT_DATA
    except OSError as exc:
        print(f"错误 / error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def _first_line(error: object) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _hide_secrets(text: str, *urls: str | None) -> str:
    """``text`` with the password of any of ``urls`` masked wherever it appears."""
    from desktop_app.store.database import without_password

    for url in urls:
        text = without_password(text, url)
    return text


def _database_errors() -> tuple[type[Exception], ...]:
    from sqlalchemy.exc import DatabaseError

    return (DatabaseError,)


if __name__ == "__main__":
    sys.exit(main())
