"""Reading a pile: files → pages → located, measured, decided pages → ballot readings.

Pages are read in worker processes (the reading is CPU-bound numpy and zxing); the result is
the same in any order and with any number of workers. Every page fed in comes back: a page
that cannot be located, a black-and-white scan, another meeting's ballot, a serial seen twice
in the pile — each becomes a reading with its page reason, never dropped, never read
silently.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import numpy as np
from PIL import Image

from desktop_app.domain.ballot_layout import (
    BallotLayout,
    PageLayout,
    PayloadError,
    QrPayload,
    ballot_layout,
    parse_payload,
)
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.omr import (
    BallotReading,
    CellMeasure,
    OmrThresholds,
    PageSource,
    ReviewReason,
    RowReading,
    mark_duplicates,
    read_rows,
)
from desktop_app.domain.serials import serial_key
from desktop_app.scan.ingest import Page, page_count, read_page_at
from desktop_app.scan.locate import Code, Location, apply, find_codes, locate
from desktop_app.scan.measure import PageMeasure, measure_page

STORED_PX_PER_MM = 6.0  # page images are kept at about 150 dpi


@dataclass(frozen=True)
class ReadContext:
    """What a page is read against: the meeting, its key (printed in every code) and the
    thresholds."""

    meeting: Meeting
    meeting_key: str
    thresholds: OmrThresholds = field(default_factory=OmrThresholds)

    @property
    def layout(self) -> BallotLayout:
        return ballot_layout(self.meeting)


@dataclass(frozen=True)
class PageReading:
    """One page as read: its code (when found), row readings and measures, page reasons,
    and the grey PNG kept as evidence (page pixels at about 150 dpi) with the homography
    from layout mm to that image's pixels."""

    source: PageSource
    payload: QrPayload | None
    rows: tuple[RowReading, ...]
    measures: tuple[tuple[str, tuple[CellMeasure, ...]], ...]
    reasons: tuple[ReviewReason, ...]
    fit_error_mm: float
    png: bytes
    homography: tuple[float, ...] | None
    note: str = ""


def _evidence(pixels: np.ndarray, px_per_mm: float | None, keep: bool) -> tuple[bytes, float]:
    """The page as a grey PNG at about STORED_PX_PER_MM (never enlarged), and its factor."""
    factor = 1.0
    if px_per_mm and px_per_mm > STORED_PX_PER_MM:
        factor = STORED_PX_PER_MM / px_per_mm
    if not keep:
        return b"", factor
    image = Image.fromarray(pixels)
    if factor < 1.0:
        size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        image = image.resize(size, Image.Resampling.BOX)
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=3)
    return buf.getvalue(), factor


def read_page(page: Page, ctx: ReadContext, *, keep_image: bool = False) -> PageReading:
    """Locate, measure and decide one page. With ``keep_image``, the reading holds the page
    as a grey PNG of about 150 dpi (evidence for the store); else ``png`` is empty."""
    t = ctx.thresholds
    layout = ctx.layout
    payload, code, foreign_note = _ballot_code(find_codes(page.pixels))
    refusal = _code_refusal(page, ctx, payload, foreign_note)
    location: Location | None = None
    if refusal is None:
        assert payload is not None and code is not None  # else a refusal
        location = locate(page.pixels, code, layout)
        refusal = _location_refusal(page, location)
    if refusal is not None:
        reason, note = refusal
        png, _ = _evidence(page.pixels, page.dpi / 25.4 if page.dpi else None, keep_image)
        return PageReading(page.source, payload, (), (), (reason,), 0.0, png, None, note)
    assert payload is not None and location is not None  # else a refusal
    sheet = layout.pages[payload.page - 1]
    homography, measured = _measure_refitted(page, location, layout, sheet, t)
    png, factor = _evidence(page.pixels, location.px_per_mm, keep_image)
    stored_h = np.diag([factor, factor, 1.0]) @ homography
    stored_h = stored_h / stored_h[2, 2]
    if measured.fit_error_mm > t.page_fit_error_mm:
        return PageReading(
            page.source,
            payload,
            (),
            (),
            (ReviewReason.UNREADABLE,),
            measured.fit_error_mm,
            png,
            tuple(stored_h.flatten()),
            "对位偏差过大",
        )
    rows = read_rows(measured.rows, layout.levels, t)
    return PageReading(
        page.source,
        payload,
        tuple(rows),
        tuple((m.target, m.cells) for m in measured.rows),
        (),
        measured.fit_error_mm,
        png,
        tuple(stored_h.flatten()),
    )


def _ballot_code(codes: Sequence[Code]) -> tuple[QrPayload | None, Code | None, str]:
    """The first code that is one of our ballots', with its payload; else the reason a
    code that looked like one (``BP…``) was not."""
    foreign_note = ""
    for candidate in codes:
        try:
            parsed = parse_payload(candidate.text)
        except PayloadError as exc:
            if candidate.text.startswith("BP"):
                foreign_note = str(exc)
            continue
        return parsed, candidate, foreign_note
    return None, None, foreign_note


def _code_refusal(
    page: Page, ctx: ReadContext, payload: QrPayload | None, foreign_note: str
) -> tuple[ReviewReason, str] | None:
    """Why the page is not read, from the scan and its code alone: the reason and the note."""
    if page.is_bilevel(ctx.thresholds.bilevel_mid_fraction):
        return ReviewReason.BILEVEL, "黑白(1 位)扫描:请改用灰度重新扫描"
    if payload is None:
        if foreign_note:
            return ReviewReason.FOREIGN, foreign_note
        return ReviewReason.UNREADABLE, "未找到评议票二维码"
    if payload.meeting_key != ctx.meeting_key:
        return ReviewReason.FOREIGN, "另一次会议的评议票"
    layout = ctx.layout
    if payload.layout_digest != layout.short_digest or payload.pages != len(layout.pages):
        return ReviewReason.FOREIGN, "评议票版式与本会议当前版式不同"
    if payload.type_code not in {bt.code for bt in ctx.meeting.ballot_types}:
        return ReviewReason.FOREIGN, "未知票种"
    return None


def _location_refusal(page: Page, location: Location | None) -> tuple[ReviewReason, str] | None:
    """Why the located page is not read: too few corner marks, or a print out of scale."""
    if location is None:
        return ReviewReason.UNREADABLE, "四角定位标记不足三个"
    if location.code_error_mm > 3.0:
        return ReviewReason.UNREADABLE, "定位标记与二维码位置不符"
    if page.dpi:
        scale = location.px_per_mm / (page.dpi / 25.4)
        if not 0.93 <= scale <= 1.02:
            return ReviewReason.UNREADABLE, f"打印缩放 {scale:.0%} 超出 94%–100% 范围"
    return None


def _measure_refitted(
    page: Page, location: Location, layout: BallotLayout, sheet: PageLayout, t: OmrThresholds
) -> tuple[np.ndarray, PageMeasure]:
    """The sheet measured, and the homography measured with."""
    homography = location.homography
    measured = measure_page(page.pixels, homography, layout, sheet, t)
    # Refit on the rows found (paper not flat, a phone's perspective with a corner mark
    # lost): the rows' own printed lines pull the map into place, then measure again.
    for _ in range(2):
        if measured.fit_error_mm <= t.page_fit_error_mm / 2:
            break
        better = measured.refined(
            homography, t.page_fit_error_mm, location.marks_mm, location.marks_px
        )
        if better is None:
            break
        again = measure_page(page.pixels, better, layout, sheet, t)
        if again.fit_error_mm >= measured.fit_error_mm:
            break
        homography, measured = better, again
    return homography, measured


def page_to_layout(reading: PageReading, points_mm: Sequence[tuple[float, float]]) -> np.ndarray:
    """Layout mm → pixels of the stored page image (for drawing the reading on it)."""
    if reading.homography is None:
        raise ValueError("page not located")
    return apply(np.array(reading.homography).reshape(3, 3), np.array(points_mm))


def _read_one(args: tuple[Path, int, ReadContext, bool]) -> PageReading:
    path, index, ctx, keep = args
    return read_page(read_page_at(path, index), ctx, keep_image=keep)


def _behind_the_window() -> None:
    """Workers yield the CPU to the window (its clock and keys come first)."""
    if hasattr(os, "nice"):
        os.nice(5)


def read_all_pages(
    tasks: Sequence[tuple[Path, int]],
    ctx: ReadContext,
    *,
    workers: int | None = None,
    progress: Callable[[PageReading], None] | None = None,
    keep_images: bool = False,
) -> list[PageReading]:
    """Read pages (file, page index from 0) in ``workers`` processes (default: the CPUs, at
    most 4), in input order. Each worker opens the page itself."""
    count = workers if workers is not None else min(4, os.cpu_count() or 1)
    out: list[PageReading] = []
    jobs = [(Path(path), index, ctx, keep_images) for path, index in tasks]
    if count <= 1 or len(jobs) <= 1:
        for job in jobs:
            out.append(_read_one(job))
            if progress:
                progress(out[-1])
        return out
    # "spawn": the window reads from a worker thread, and forking a threaded process is unsafe.
    # One BLAS thread per worker: the workers are the parallelism.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    with ProcessPoolExecutor(
        max_workers=count, mp_context=get_context("spawn"), initializer=_behind_the_window
    ) as pool:
        for reading in pool.map(_read_one, jobs, chunksize=2):
            out.append(reading)
            if progress:
                progress(reading)
    return out


@dataclass
class PileReading:
    """A pile read: its ballots (in the order their first page came) and every page."""

    ballots: list[BallotReading]
    pages: list[PageReading]
    page_of: dict[int, list[int]] = field(default_factory=dict)  # ballot index → page indices


def assemble(pages: Sequence[PageReading], meeting: Meeting) -> PileReading:
    """Pages → ballots: the sheets of one serial form one ballot (in page order); a sheet seen
    twice, pages missing, or anything refused becomes a reading with its reason."""
    layout = ballot_layout(meeting)
    groups: dict[str, list[int]] = {}
    order: list[tuple[str, int]] = []
    for index, page in enumerate(pages):
        if page.payload is None or page.reasons:
            order.append(("", index))
            continue
        key = serial_key(page.payload.serial)
        if key not in groups:
            order.append((key, -1))
        groups.setdefault(key, []).append(index)
    ballots: list[BallotReading] = []
    page_of: dict[int, list[int]] = {}

    def single(index: int, reasons: tuple[ReviewReason, ...]) -> None:
        p = pages[index]
        payload = p.payload
        page_of[len(ballots)] = [index]
        ballots.append(
            BallotReading(
                payload.serial if payload else "",
                payload.type_code if payload else "",
                p.rows,
                (p.source,),
                reasons,
                p.fit_error_mm,
            )
        )

    for key, index in order:
        if not key:
            single(index, pages[index].reasons)
            continue
        members = groups[key]
        codes = {i: p for i in members if (p := pages[i].payload) is not None}
        numbers = [c.page for c in codes.values()]
        if len(set(numbers)) != len(numbers) or len({c.type_code for c in codes.values()}) > 1:
            for i in members:
                single(i, (ReviewReason.DUPLICATE,))
            continue
        members = sorted(members, key=lambda i: codes[i].page)
        rows = tuple(r for i in members for r in pages[i].rows)
        first = pages[members[0]].payload
        assert first is not None
        complete = len(members) == len(layout.pages)
        page_of[len(ballots)] = members
        ballots.append(
            BallotReading(
                first.serial,
                first.type_code,
                rows,
                tuple(pages[i].source for i in members),
                () if complete else (ReviewReason.UNREADABLE,),
                max(pages[i].fit_error_mm for i in members),
            )
        )
    # The same sheet scanned twice under two serials cannot happen; the same serial twice
    # across the pile is caught above. Serials repeated with different page sets also:
    ballots = mark_duplicates(ballots)
    return PileReading(ballots, list(pages), page_of)


def read_pile(
    files: Sequence[Path],
    ctx: ReadContext,
    *,
    workers: int | None = None,
    progress: Callable[[PageReading], None] | None = None,
    keep_images: bool = False,
) -> PileReading:
    """Read every page of every file (DataError for a file that cannot be opened: every
    file is opened before any page is read)."""
    tasks = [(Path(f), i) for f in files for i in range(page_count(Path(f)))]
    readings = read_all_pages(
        tasks, ctx, workers=workers, progress=progress, keep_images=keep_images
    )
    return assemble(readings, ctx.meeting)
