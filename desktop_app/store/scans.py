"""Scan batches, pages, cell measures and clerks' decisions (FORMATS.md §6; SCANNING.md §5.2).

A confident scanned ballot is stored through :func:`desktop_app.store.entry.save_ballot`,
exactly as a keyboard typing, with the station ``扫描:<station>`` (under double entry it is
one typing); everything else waits here with its page image for the review screen, and a
clerk's decision saves it the same way. Every page fed in is kept, whatever became of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import func, select
from sqlmodel import Session

from desktop_app.domain.ballots import Ballot, BallotStatus, classify_ballot
from desktop_app.domain.entry import ballot_to_dict
from desktop_app.domain.errors import DataError
from desktop_app.domain.omr import CellMeasure, CellState, OmrThresholds, PageSource
from desktop_app.domain.serials import serial_key
from desktop_app.store.audit import record
from desktop_app.store.entry import BallotBook, Saved, save_ballot
from desktop_app.store.meetings import ballot_key
from desktop_app.store.models import (
    ScanBatchRow,
    ScanCellRow,
    ScanDecisionRow,
    ScanPageRow,
    as_utc,
    utcnow,
)

SCAN_STATION_PREFIX = "扫描:"


class PageStatus(StrEnum):
    """What became of a scanned page."""

    SAVED = "saved"  # its ballot is stored
    FLAGGED = "flagged"  # waits for a clerk: some row is unsure
    CONFIRM = "confirm"  # read with confidence, but void or blank: a one-key look first
    UNREADABLE = "unreadable"  # not located: a clerk types it from the image
    BILEVEL = "bilevel"  # black-and-white scan: refused
    FOREIGN = "foreign"  # another meeting or an older layout
    DUPLICATE = "duplicate"  # its serial twice in the pile or already stored
    REJECTED = "rejected"  # set aside by a clerk


WAITING = (PageStatus.FLAGGED, PageStatus.CONFIRM, PageStatus.UNREADABLE, PageStatus.DUPLICATE)
"""Pages a clerk still has to settle (bilevel and foreign pages are listed, not settled)."""


def scan_station(station: str) -> str:
    """The station recorded for a scanned ballot: ``扫描:<station>``."""
    return f"{SCAN_STATION_PREFIX}{station}"


def meeting_key_of(session: Session, meeting_id: int) -> str:
    """The short key printed in the QR code of every ballot of the stored meeting."""
    return ballot_key(session, meeting_id)


@dataclass(frozen=True)
class ScannedPage:
    """A page as the reader left it, ready to store. ``ballot`` groups the sheets of one paper
    ballot (an index within the batch); ``reading`` is the ballot as read (marks of every row)."""

    source: PageSource
    ballot: int
    serial: str
    type_code: str
    sheet: int
    sheets: int
    status: PageStatus
    review: tuple[str, ...]
    note: str
    reading: Ballot | None
    margin: float
    fit_error_mm: float
    homography: tuple[float, ...] | None
    png: bytes
    cells: tuple[tuple[str, str, CellMeasure, CellState], ...] = ()


@dataclass
class ScanImport:
    """What a batch became: pages by status and the serials stored."""

    batch_id: int
    pages: dict[str, int] = field(default_factory=dict)
    saved: list[str] = field(default_factory=list)
    waiting: int = 0


def start_batch(
    session: Session,
    meeting_id: int,
    *,
    station: str,
    files: Sequence[tuple[str, str]],
    thresholds: OmrThresholds,
) -> int:
    """Record a batch: its files (name, SHA-256) and thresholds."""
    row = ScanBatchRow(
        meeting_id=meeting_id,
        station=station,
        files=json.dumps([{"name": n, "sha256": h} for n, h in files], ensure_ascii=False),
        thresholds=json.dumps(thresholds.to_dict()),
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    record(
        session,
        "scan.batch",
        station=station,
        meeting_id=meeting_id,
        entity="scan_batch",
        entity_key=str(row.id),
        after={"files": [{"name": n, "sha256": h} for n, h in files]},
    )
    return row.id


def _already_stored(session: Session, meeting_id: int, sha256: str) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(ScanPageRow)
            .where(ScanPageRow.meeting_id == meeting_id, ScanPageRow.page_sha256 == sha256)
        )
    )


def store_pages(
    session: Session, meeting_id: int, batch_id: int, pages: Sequence[ScannedPage]
) -> list[int]:
    """Keep every page with its image and cell measures; a page whose pixels are already
    stored for the meeting (the same sheet fed again) becomes a duplicate. Returns the ids."""
    ids = []
    for page in pages:
        status, review = page.status, page.review
        if _already_stored(session, meeting_id, page.source.sha256):
            status, review = PageStatus.DUPLICATE, ("duplicate",)
        row = ScanPageRow(
            batch_id=batch_id,
            meeting_id=meeting_id,
            file=page.source.file,
            page_no=page.source.page,
            page_sha256=page.source.sha256,
            serial=page.serial,
            type_code=page.type_code,
            sheet=page.sheet,
            sheets=page.sheets,
            status=str(status),
            review=";".join(review),
            note=page.note,
            reading=json.dumps(
                ballot_to_dict(page.reading)["marks"] if page.reading else {}, ensure_ascii=False
            ),
            margin=page.margin,
            fit_error_mm=page.fit_error_mm if page.fit_error_mm < 1e9 else 1e9,
            homography=json.dumps(list(page.homography)) if page.homography else None,
            image_png=page.png,
            image_sha256=hashlib.sha256(page.png).hexdigest(),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        ids.append(row.id)
        for target, level, m, state in page.cells:
            session.add(
                ScanCellRow(
                    page_id=row.id,
                    target=target,
                    level=level,
                    dark_mm2=m.dark_mm2,
                    faint_mm2=m.faint_mm2,
                    stroke_dark_mm2=m.stroke_dark_mm2,
                    extent_mm=m.extent_mm,
                    runs=m.runs,
                    cover=m.cover,
                    correlation=m.correlation,
                    crosses_below=m.crosses_below,
                    state=str(state),
                )
            )
    session.flush()
    return ids


def mark_pages(
    session: Session, page_ids: Sequence[int], status: PageStatus, review: str = ""
) -> None:
    """Set the status (and review items) of pages, e.g. a confident ballot held for a look."""
    for row in _pages(session, page_ids):
        row.status = str(status)
        if review:
            row.review = review
        session.add(row)
    session.flush()


def _pages(session: Session, ids: Sequence[int]) -> list[ScanPageRow]:
    rows = list(session.scalars(select(ScanPageRow).where(ScanPageRow.id.in_(ids))))
    if len(rows) != len(set(ids)):
        raise DataError("扫描页不存在 / no such scanned page")
    return sorted(rows, key=lambda r: r.sheet)


def save_scanned(
    session: Session,
    book: BallotBook,
    page_ids: Sequence[int],
    ballot: Ballot,
    *,
    station: str,
    decisions: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] | None = None,
    reason: str = "",
) -> Saved:
    """Store a scanned ballot through the entry path (``扫描:<station>``) and mark its pages
    saved. ``decisions``: rows a clerk re-read, target → (machine marks, clerk marks), each
    recorded and audited. A serial already stored raises DataError (nothing changes)."""
    decisions = decisions or {}
    rows = _pages(session, page_ids)
    for row in rows:
        if row.status == PageStatus.SAVED:
            raise DataError(f"扫描页已保存为评议票 {row.serial} / page already saved")
    saved = save_ballot(session, book, ballot, station=scan_station(station))
    now = utcnow()
    for row in rows:
        row.status = str(PageStatus.SAVED)
        row.serial = ballot.serial
        if decisions or reason:
            row.reviewed_by, row.reviewed_at = station, now
        session.add(row)
    first = rows[0]
    assert first.id is not None
    for target, (machine, clerk) in decisions.items():
        _decide(session, book.meeting_id, first.id, target, machine, clerk, "row", station)
    if reason:
        _decide(session, book.meeting_id, first.id, "", (), (), reason, station, ballot=ballot)
    session.flush()
    return saved


def _decide(
    session: Session,
    meeting_id: int,
    page_id: int,
    target: str,
    machine: Sequence[str],
    clerk: Sequence[str],
    reason: str,
    station: str,
    *,
    ballot: Ballot | None = None,
) -> None:
    machine_json = json.dumps(list(machine), ensure_ascii=False)
    clerk_data: object = ballot_to_dict(ballot) if ballot is not None else list(clerk)
    clerk_json = json.dumps(clerk_data, ensure_ascii=False)
    session.add(
        ScanDecisionRow(
            page_id=page_id,
            target=target,
            machine=machine_json,
            clerk=clerk_json,
            reason=reason,
            station=station,
        )
    )
    record(
        session,
        "scan.decision",
        station=scan_station(station),
        meeting_id=meeting_id,
        entity="scan_page",
        entity_key=str(page_id),
        before={"target": target, "marks": list(machine)} if target else None,
        after={"target": target, "reason": reason, "clerk": clerk_data},
    )


def set_aside(
    session: Session, meeting_id: int, page_ids: Sequence[int], *, reason: str, station: str
) -> None:
    """A clerk sets pages aside (a duplicate not kept, a foreign sheet): audited."""
    now = utcnow()
    for row in _pages(session, page_ids):
        if row.status == PageStatus.SAVED:
            raise DataError("已保存的扫描页不能搁置 / page already saved")
        row.status = str(PageStatus.REJECTED)
        row.reviewed_by, row.reviewed_at = station, now
        session.add(row)
        assert row.id is not None
        _decide(session, meeting_id, row.id, "", (), (), f"rejected:{reason}", station)
    session.flush()


def would_need_a_look(book: BallotBook, ballot: Ballot) -> bool:
    """A confident ballot that would be void or blank: consequential, so a clerk confirms it."""
    return classify_ballot(book.meeting, ballot).status in (BallotStatus.VOID, BallotStatus.BLANK)


@dataclass(frozen=True)
class StoredPage:
    """A scanned page as the review screen needs it."""

    id: int
    batch_id: int
    file: str
    page_no: int
    serial: str
    type_code: str
    sheet: int
    sheets: int
    status: PageStatus
    review: tuple[str, ...]
    note: str
    reading: dict[str, tuple[str, ...]]
    margin: float
    fit_error_mm: float
    homography: tuple[float, ...] | None
    reviewed_by: str | None
    reviewed_at: dt.datetime | None

    @property
    def label(self) -> str:
        return f"{self.file}#{self.page_no}"


def _stored(row: ScanPageRow) -> StoredPage:
    assert row.id is not None
    reading = {t: tuple(v) for t, v in json.loads(row.reading or "{}").items()}
    return StoredPage(
        row.id,
        row.batch_id,
        row.file,
        row.page_no,
        row.serial,
        row.type_code,
        row.sheet,
        row.sheets,
        PageStatus(row.status),
        tuple(x for x in row.review.split(";") if x),
        row.note,
        reading,
        row.margin,
        row.fit_error_mm,
        tuple(json.loads(row.homography)) if row.homography else None,
        row.reviewed_by,
        as_utc(row.reviewed_at) if row.reviewed_at else None,
    )


def scanned_pages(
    session: Session, meeting_id: int, statuses: Sequence[PageStatus] | None = None
) -> list[StoredPage]:
    """The meeting's scanned pages (without images), in the order they were fed."""
    query = select(ScanPageRow).where(ScanPageRow.meeting_id == meeting_id)
    if statuses is not None:
        query = query.where(ScanPageRow.status.in_([str(s) for s in statuses]))
    return [_stored(r) for r in session.scalars(query.order_by(ScanPageRow.id))]


def page_image(session: Session, page_id: int) -> bytes:
    """The stored grey PNG of a page."""
    row = session.get(ScanPageRow, page_id)
    if row is None:
        raise DataError("扫描页不存在 / no such scanned page")
    return bytes(row.image_png)


def cell_states(session: Session, page_id: int) -> dict[tuple[str, str], CellState]:
    """The state the reader gave each level cell of a page: (target, level) → state."""
    rows = session.scalars(select(ScanCellRow).where(ScanCellRow.page_id == page_id))
    return {(r.target, r.level): CellState(r.state) for r in rows}


def page_for_serial(session: Session, meeting_id: int, serial: str) -> StoredPage | None:
    """The saved scan of a stored ballot (for the audit sample), if it was scanned."""
    key = serial_key(serial)
    rows = session.scalars(
        select(ScanPageRow).where(
            ScanPageRow.meeting_id == meeting_id, ScanPageRow.status == str(PageStatus.SAVED)
        )
    )
    for row in rows:
        if serial_key(row.serial) == key:
            return _stored(row)
    return None


def page_counts(session: Session, meeting_id: int) -> dict[str, dict[str, int]]:
    """Pages per ballot type and status (type "" for pages whose type is unknown)."""
    counts: dict[str, dict[str, int]] = {}
    query = (
        select(ScanPageRow.type_code, ScanPageRow.status, func.count())
        .where(ScanPageRow.meeting_id == meeting_id)
        .group_by(ScanPageRow.type_code, ScanPageRow.status)
    )
    for type_code, status, count in session.execute(query):
        counts.setdefault(type_code, {})[status] = count
    return counts
