"""Scanned files → stored ballots: the one place that joins the scan reader and the store.

``scan import`` and the window's import both come here: the pile is read (in worker
processes), every page is kept with its image and measures in one transaction, then each
confident ballot is saved through the entry path in its own transaction, as a keyboard typing
would be (station ``扫描:<station>``). What is not confident waits for the review screen.
No Qt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from desktop_app.domain.errors import DataError
from desktop_app.domain.omr import BallotReading, ReviewReason, cell_state
from desktop_app.scan.read import PageReading, PileReading, ReadContext, read_pile
from desktop_app.store.database import Database
from desktop_app.store.entry import BallotBook
from desktop_app.store.meetings import load_meeting
from desktop_app.store.scans import (
    WAITING,
    PageStatus,
    ScanImport,
    ScannedPage,
    mark_pages,
    meeting_key_of,
    save_scanned,
    scanned_pages,
    start_batch,
    store_pages,
    would_need_a_look,
)

_STATUS = {
    ReviewReason.BILEVEL: PageStatus.BILEVEL,
    ReviewReason.FOREIGN: PageStatus.FOREIGN,
    ReviewReason.UNREADABLE: PageStatus.UNREADABLE,
    ReviewReason.DUPLICATE: PageStatus.DUPLICATE,
}


def read_context(db: Database, meeting_id: int) -> ReadContext:
    with db.session() as session:
        return ReadContext(load_meeting(session, meeting_id), meeting_key_of(session, meeting_id))


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _status(ballot: BallotReading) -> PageStatus:
    for reason in ballot.page_reasons:
        if reason in _STATUS:
            return _STATUS[reason]
    return PageStatus.FLAGGED if not ballot.confident else PageStatus.SAVED


def scanned_pages_of(pile: PileReading, ctx: ReadContext) -> list[ScannedPage]:
    """Every page of a read pile, as the store keeps it (status before saving: confident
    ballots are marked SAVED here and saved next; a failure turns them back)."""
    out = []
    t = ctx.thresholds
    for index, ballot in enumerate(pile.ballots):
        status = _status(ballot)
        for page_index in pile.page_of[index]:
            page: PageReading = pile.pages[page_index]
            cells = tuple(
                (target, level, m, cell_state(m, t))
                for target, measures in page.measures
                for level, m in zip(ctx.meeting.level_labels, measures, strict=True)
            )
            out.append(
                ScannedPage(
                    source=page.source,
                    ballot=index,
                    serial=ballot.serial,
                    type_code=ballot.type_code,
                    sheet=page.payload.page if page.payload else 1,
                    sheets=page.payload.pages if page.payload else 1,
                    status=status,
                    review=tuple(ballot.review()),
                    note=page.note,
                    reading=ballot.to_ballot() if ballot.rows else None,
                    margin=ballot.margin,
                    fit_error_mm=page.fit_error_mm,
                    homography=page.homography,
                    png=page.png,
                    cells=cells,
                )
            )
    return out


def import_scans(
    db: Database,
    meeting_id: int,
    files: Sequence[Path],
    *,
    station: str,
    workers: int | None = None,
    hold_void_and_blank: bool = False,
    progress: Callable[[PageReading], None] | None = None,
) -> ScanImport:
    """Read the files and store what they hold (see the module docstring). With
    ``hold_void_and_blank`` (the window), confident ballots that would be void or blank wait
    for a one-key look instead of being saved; ``scan import`` saves them (FORMATS.md §6)."""
    ctx = read_context(db, meeting_id)
    pile = read_pile(files, ctx, workers=workers, progress=progress, keep_images=True)
    pages = scanned_pages_of(pile, ctx)
    with db.session() as session:
        book = BallotBook.load(session, meeting_id)
        batch = start_batch(
            session,
            meeting_id,
            station=station,
            files=[(Path(f).name, _file_hash(Path(f))) for f in files],
            thresholds=ctx.thresholds,
        )
        # Confident ballots are stored as "flagged" first and saved one by one below.
        held = [
            p if p.status is not PageStatus.SAVED else replace(p, status=PageStatus.FLAGGED)
            for p in pages
        ]
        ids = store_pages(session, meeting_id, batch, held)
    result = ScanImport(batch)
    by_ballot: dict[int, list[int]] = {}
    for page, page_id in zip(pages, ids, strict=True):
        by_ballot.setdefault(page.ballot, []).append(page_id)
    for index, ballot in enumerate(pile.ballots):
        page_ids = by_ballot[index]
        if not ballot.confident:
            continue
        reading = ballot.to_ballot()
        if hold_void_and_blank and would_need_a_look(book, reading):
            _mark(db, page_ids, PageStatus.CONFIRM)
            continue
        try:
            with db.session() as session:
                save_scanned(session, book, page_ids, reading, station=station)
        except DataError:
            # The serial is already stored (typed, imported or scanned before).
            _mark(db, page_ids, PageStatus.DUPLICATE, "duplicate")
            continue
        result.saved.append(reading.serial)
    with db.session() as session:
        for stored in scanned_pages(session, meeting_id):
            if stored.batch_id == batch:
                result.pages[str(stored.status)] = result.pages.get(str(stored.status), 0) + 1
    result.waiting = sum(n for s, n in result.pages.items() if s in {str(w) for w in WAITING})
    return result


def _mark(db: Database, page_ids: Sequence[int], status: PageStatus, review: str = "") -> None:
    with db.session() as session:
        mark_pages(session, page_ids, status, review)
