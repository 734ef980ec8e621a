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


def _print_json(data: Any, out: Path | None) -> None:
    from desktop_app.store.transfer import write_text

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
    from desktop_app.store.tally_sql import tally_meeting

    with _open(args).session() as session:
        result = tally_meeting(session, args.id)
    for warning in result.warnings():
        print(f"警告 / WARNING: {warning}", file=sys.stderr)
    _print_json(tally_to_dict(result), args.out)


def cmd_report(args: argparse.Namespace) -> None:
    from desktop_app.publish import save_report

    save_report(_open(args), args.id, args.kind, args.out)


def cmd_export(args: argparse.Namespace) -> None:
    from desktop_app.publish import save_workbook_file

    save_workbook_file(_open(args), args.id, args.out)


def cmd_verify(args: argparse.Namespace) -> None:
    from desktop_app.domain.errors import DataError
    from desktop_app.publish import current_digest, finalised_digest

    db = _open(args)
    digest = current_digest(db, args.id)
    print(digest)
    if args.digest is not None:
        expected, against = "".join(args.digest.split()).lower(), "给出的摘要 / the digest given"
    else:
        recorded = finalised_digest(db, args.id)
        if recorded is None:
            print(
                "评议票尚未定稿:以上为当前评议票数据的 SHA-256;定稿后再核对,或用 --digest "
                "核对结果表上印的摘要 / not finalised: pass --digest to compare with a sheet",
                file=sys.stderr,
            )
            return
        expected, against = recorded, "定稿时记录的摘要 / the digest recorded at finalising"
    if expected != digest:
        raise DataError(f"不一致:评议票数据已与{against} {expected} 不同 / does NOT match")
    print(f"一致:评议票数据与{against}相符 / matches", file=sys.stderr)


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


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True) if "://" in url else url


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

    def command(
        parent: Any, name: str, func: Callable[[argparse.Namespace], None], help_text: str
    ) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = parent.add_parser(
            name, help=help_text, description=help_text
        )
        sub.set_defaults(func=func)
        return sub

    meeting = commands.add_parser("meeting", help="import, export or list meetings")
    meeting_commands = meeting.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub = command(
        meeting_commands,
        "import",
        cmd_meeting_import,
        "import a meeting JSON; prints the new meeting's id",
    )
    sub.add_argument("file", type=Path, metavar="FILE.json")
    sub = command(meeting_commands, "export", cmd_meeting_export, "export a meeting as JSON")
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("file", type=Path, metavar="FILE.json")
    command(
        meeting_commands,
        "list",
        cmd_meeting_list,
        "list meetings: id, date, ballots entered, title",
    )

    ballots = commands.add_parser("ballots", help="import or export ballots (CSV)")
    ballot_commands = ballots.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub = command(
        ballot_commands, "import", cmd_ballots_import, "import a ballots CSV: all rows or none"
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("file", type=Path, metavar="FILE.csv")
    sub = command(ballot_commands, "export", cmd_ballots_export, "export ballots as CSV")
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("file", type=Path, metavar="FILE.csv")

    sub = command(commands, "tally", cmd_tally, "count the ballots; JSON on stdout or --out")
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("--out", type=Path, metavar="FILE.json")

    sub = command(
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

    sub = command(
        commands, "export", cmd_export, "write an Excel workbook (.xlsx): results and every ballot"
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("--out", type=Path, metavar="FILE.xlsx", required=True)

    sub = command(
        commands,
        "verify",
        cmd_verify,
        "recompute the ballot-data digest and say if it matches the one recorded at "
        "finalising (or, with --digest, the one printed on a sheet)",
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("--digest", metavar="HEX", help="the SHA-256 printed on a result sheet")

    scan = commands.add_parser("scan", help="read scanned paper ballots (PDF, PNG, JPEG, TIFF)")
    scan_commands = scan.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub = command(
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
    sub = command(
        scan_commands,
        "import",
        cmd_scan_import,
        "read scanned ballots, store the confident ones as typed ballots (station 扫描:…) and "
        "keep the rest with their page images for review; prints the counts of each",
    )
    sub.add_argument("id", type=_meeting_id, metavar="ID")
    sub.add_argument("files", type=Path, nargs="+", metavar="FILE")
    sub.add_argument("--workers", type=int, default=None, help="reader processes (default: CPUs)")

    command(commands, "demo", cmd_demo, "load the seed meeting with its ballots; prints its id")

    database = commands.add_parser("db", help="set up the database for several stations")
    db_commands = database.add_subparsers(dest="action", required=True, metavar="ACTION")
    sub = command(
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
    return parser


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

    try:
        args.func(args)
    except DataError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except _database_errors() as exc:
        print(f"数据库错误 / database error ({args.db or 'default'}): {exc}", file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def _database_errors() -> tuple[type[Exception], ...]:
    from sqlalchemy.exc import DatabaseError

    return (DatabaseError,)


if __name__ == "__main__":
    sys.exit(main())
