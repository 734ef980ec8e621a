"""Documents made from a stored meeting: the one place that joins the store and the reports.

The command line and the window both ask for a document here, by kind, so a result sheet
printed from either is the same sheet. No Qt.

The report modules are imported by the function that makes their document, not here: the
window imports this module at start for the list of kinds, and reportlab and openpyxl (with
numpy and Pillow behind them) would add half a second to its start (issue 17). A worker
process loads them all ahead of its first job through :func:`load_reports`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.digest import ballot_digest
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.records import Comment
from desktop_app.domain.serials import serials
from desktop_app.domain.tally import Tally
from desktop_app.domain.tally import tally as count
from desktop_app.domain.text import QT_TRANSLATE_NOOP, translate
from desktop_app.domain.timing import SpeechEvent, item_timings, speaker_timings
from desktop_app.files import write_bytes
from desktop_app.store.ballots import load_ballots
from desktop_app.store.database import Database
from desktop_app.store.entry import finalisation
from desktop_app.store.meetings import ballot_key, load_meeting
from desktop_app.store.records import comments, events

Maker = Callable[[Database, int, dt.datetime], bytes]


def load_reports() -> None:
    """Import every report module now (a worker warming up: its first document then waits
    for no import)."""
    import desktop_app.reports.ballot_papers
    import desktop_app.reports.feedback
    import desktop_app.reports.host_script
    import desktop_app.reports.minutes
    import desktop_app.reports.results
    import desktop_app.reports.workbook  # noqa: F401


def _results(db: Database, meeting_id: int, now: dt.datetime) -> bytes:
    from desktop_app.reports.results import results_pdf  # at first use (module docstring)

    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        ballots = load_ballots(session, meeting_id)
        final = finalisation(session, meeting_id)
    # Figures and digest from the same loaded ballots, so they cannot disagree even if a
    # station saves a ballot meanwhile (PostgreSQL reads each query afresh).
    tally = count(meeting, ballots)
    digest = ballot_digest(meeting, ballots) if ballots else None
    return results_pdf(
        meeting,
        tally,
        generated_at=now,
        digest=digest,
        finalised_at=final.at if final else None,
        finalised_digest=final.digest if final else None,
    )


def _ballot_papers(db: Database, meeting_id: int, now: dt.datetime) -> bytes:
    from desktop_app.reports.ballot_papers import ballot_papers_pdf  # at first use

    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        key = ballot_key(session, meeting_id)
    return ballot_papers_pdf(meeting, generated_at=now, meeting_key=key)


def _host_script(db: Database, meeting_id: int, now: dt.datetime) -> bytes:
    from desktop_app.reports.host_script import host_script_pdf  # at first use

    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
    return host_script_pdf(meeting, generated_at=now)


def _records(
    db: Database, meeting_id: int
) -> tuple[Meeting, Tally, list[Ballot], list[SpeechEvent], list[Comment]]:
    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        ballots = load_ballots(session, meeting_id)
        timing_events = events(session, meeting_id)
        notes = comments(session, meeting_id)
    return meeting, count(meeting, ballots), ballots, timing_events, notes


def _minutes(db: Database, meeting_id: int, now: dt.datetime) -> bytes:
    from desktop_app.reports.minutes import minutes_pdf  # at first use

    meeting, tally, ballots, timing_events, notes = _records(db, meeting_id)
    return minutes_pdf(
        meeting,
        tally,
        speaker_timings(meeting, timing_events),
        item_timings(meeting, timing_events),
        notes,
        generated_at=now,
        digest=ballot_digest(meeting, ballots) if ballots else None,
    )


def _feedback(db: Database, meeting_id: int, now: dt.datetime) -> bytes:
    from desktop_app.reports.feedback import feedback_pdf  # at first use

    meeting, tally, ballots, timing_events, notes = _records(db, meeting_id)
    return feedback_pdf(
        meeting,
        tally,
        speaker_timings(meeting, timing_events),
        notes,
        generated_at=now,
        digest=ballot_digest(meeting, ballots) if ballots else None,
    )


# Each document kind: its title (Chinese, as printed and in file names; the window shows it
# translated) and how it is made.
REPORTS: dict[str, tuple[str, Maker]] = {
    "results": (QT_TRANSLATE_NOOP("Terms", "评议结果汇总表"), _results),
    "ballots": (QT_TRANSLATE_NOOP("Terms", "评议票"), _ballot_papers),
    "feedback": (QT_TRANSLATE_NOOP("Terms", "反馈表"), _feedback),
    "minutes": (QT_TRANSLATE_NOOP("Terms", "会议记录"), _minutes),
    "script": (QT_TRANSLATE_NOOP("Terms", "主持词"), _host_script),
}


def make_report(
    db: Database, meeting_id: int, kind: str, *, now: dt.datetime | None = None
) -> bytes:
    """The PDF of one document kind (see REPORTS) for a stored meeting."""
    if kind not in REPORTS:
        raise DataError(
            translate("Core", "未知的文档类型 “{kind}”(可用:{allowed}) / unknown kind").format(
                kind=kind, allowed=", ".join(REPORTS)
            )
        )
    return REPORTS[kind][1](db, meeting_id, now or dt.datetime.now().astimezone())


PREVIEWED = frozenset({"ballots"})  # long documents whose first page is shown first


def preview_report(db: Database, meeting_id: int, kind: str, *, now: dt.datetime) -> bytes | None:
    """The first page of a long document, fast, exactly as it is in the document made with
    the same ``now`` (footer included); None for kinds that are quick to make whole."""
    if kind not in PREVIEWED:
        return None
    from desktop_app.reports.ballot_papers import ballot_papers_pdf  # at first use

    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        key = ballot_key(session, meeting_id)
    first = next(((t, serials(meeting, t)[0]) for t in meeting.ballot_types), None)
    if first is None:
        return None
    # The first ballot's sheets: each sheet is numbered within its ballot, so these pages
    # are the whole document's first pages exactly.
    return ballot_papers_pdf(meeting, generated_at=now, meeting_key=key, ballots=[first])


# --- for worker processes (desktop_app.workers): the database by URL, opened once --------


def _database(url: str) -> Database:
    from desktop_app.store.by_url import database

    return database(url)


def report_at(url: str, meeting_id: int, kind: str, now: dt.datetime) -> bytes:
    """:func:`make_report` on the database at ``url``."""
    return make_report(_database(url), meeting_id, kind, now=now)


def preview_at(url: str, meeting_id: int, kind: str, now: dt.datetime) -> bytes | None:
    """:func:`preview_report` on the database at ``url``."""
    return preview_report(_database(url), meeting_id, kind, now=now)


def save_workbook_file(
    db: Database, meeting_id: int, path: Path, *, now: dt.datetime | None = None
) -> None:
    """The Excel workbook: results and every ballot."""
    from desktop_app.reports.workbook import build_workbook, save_workbook  # at first use

    with db.session() as session:
        meeting = load_meeting(session, meeting_id)
        ballots = load_ballots(session, meeting_id)
    # Figures and digest from the same loaded ballots, so they cannot disagree even if a
    # station saves a ballot meanwhile (PostgreSQL reads each query afresh).
    tally = count(meeting, ballots)
    workbook = build_workbook(
        meeting, tally, ballots, generated_at=now or dt.datetime.now().astimezone()
    )
    save_workbook(workbook, path)


def save_report(
    db: Database, meeting_id: int, kind: str, path: Path, *, now: dt.datetime | None = None
) -> None:
    write_bytes(path, make_report(db, meeting_id, kind, now=now))
