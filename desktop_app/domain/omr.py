"""Decisions of the ballot reader (OMR): what a measured cell is, what a row reads, when a
clerk must look.

The scan package measures each cell of a scanned ballot (ink in mm², the extent of its
largest stroke, dark runs across the box, how much of the box is covered, strokes crossing
the grid line to the next row); this module decides, with thresholds held in one value
object (:class:`OmrThresholds`, stored with every scan batch), and returns a reading with
its review reasons. Pure Python: no numpy, no images, property-testable.

The rule that matters most: the reader never guesses. Anything between "clearly empty" and
"clearly one tick" is flagged for a clerk (``unsure``), a corrected or scribbled box is
``heavy``, several marks in a row are always shown (``multi``), and ink on both sides of a
grid line crossed by a stroke flags both rows (``crossing``). See ../../docs/SCANNING.md.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop_app.domain.ballot_csv import BOM, MULTI_SEPARATOR, SERIAL, TYPE, VOID_REASON
from desktop_app.domain.ballots import Ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.serials import serial_key


class CellState(StrEnum):
    """What one level cell of one row holds."""

    EMPTY = "empty"  # no ink worth the name
    DOT = "dot"  # small specks only (a pen rest, dust): never a mark by itself
    MARK = "mark"  # one clear tick or cross
    UNSURE = "unsure"  # some ink, neither clearly empty nor clearly a mark
    HEAVY = "heavy"  # scribbled, filled or corrected (涂改): a clerk decides


class ReviewReason(StrEnum):
    """Why a ballot goes to a clerk (the ``review`` column of FORMATS.md §6)."""

    UNSURE = "unsure"  # a cell is neither clearly empty nor clearly marked
    HEAVY = "heavy"  # corrected, filled or crossed out
    MULTI = "multi"  # several marks in one row
    CROSSING = "crossing"  # a stroke across the line between two rows with ink on both sides
    UNREADABLE = "unreadable"  # no code, corners not found, fit too poor: page level
    BILEVEL = "bilevel"  # a black-and-white scan: refused, rescan in grey
    FOREIGN = "foreign"  # another meeting's or an older layout's code
    DUPLICATE = "duplicate"  # the same serial twice in the pile


PAGE_REASONS = frozenset(
    {
        ReviewReason.UNREADABLE,
        ReviewReason.BILEVEL,
        ReviewReason.FOREIGN,
        ReviewReason.DUPLICATE,
    }
)
"""Reasons that concern a whole page (written alone in the ``review`` column)."""

UNREAD = frozenset({ReviewReason.UNREADABLE, ReviewReason.BILEVEL, ReviewReason.FOREIGN})
"""Page reasons under which the marks are not read at all (a duplicate's rows are read)."""


@dataclass(frozen=True)
class OmrThresholds:
    """The reader's thresholds (SCANNING.md §5.5), in millimetres and fractions of paper
    brightness. Stored with every scan batch, so a reading can be re-decided later.

    A pixel is *dark* when it is at least ``dark`` below the local paper brightness (as a
    fraction of it), *faint* at least ``faint`` below.
    """

    dark: float = 0.30
    faint: float = 0.12
    empty_faint_mm2: float = 0.6  # below this much faint ink a cell is empty
    mark_dark_mm2: float = 1.2  # a mark has at least this much dark ink in one stroke ...
    mark_extent_mm: float = 2.5  # ... spanning at least this far
    dot_extent_mm: float = 1.5  # ink whose strokes all span less than this is specks
    heavy_dark_mm2: float = 11.0  # this much dark ink is a scribble or a correction
    heavy_runs: int = 4  # this many dark runs on a line across the box is a zigzag
    heavy_cover: float = 0.5  # this much of the box interior dark is a filled box
    align_min_correlation: float = 0.25  # local alignment below this: unsure
    page_fit_error_mm: float = 1.0  # corner and code points fit worse than this: unreadable
    bilevel_mid_fraction: float = 0.01  # fewer mid-grey pixels than this: a 1-bit scan

    def __post_init__(self) -> None:
        if not 0 < self.faint < self.dark < 1:
            raise DataError("阈值须满足 0 < faint < dark < 1", field="thresholds.dark")
        if not self.empty_faint_mm2 <= self.mark_dark_mm2 < self.heavy_dark_mm2:
            raise DataError(
                "阈值须满足 empty_faint_mm2 ≤ mark_dark_mm2 < heavy_dark_mm2",
                field="thresholds.mark_dark_mm2",
            )
        if not 0 < self.dot_extent_mm <= self.mark_extent_mm:
            raise DataError(
                "阈值须满足 0 < dot_extent_mm ≤ mark_extent_mm", field="thresholds.dot_extent_mm"
            )

    def to_dict(self) -> dict[str, float | int]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OmrThresholds:
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise DataError(f"未知的阈值:{'、'.join(unknown)}", field="thresholds")
        return cls(**{k: type(getattr(cls(), k))(v) for k, v in data.items()})


@dataclass(frozen=True)
class CellMeasure:
    """What the scan package measured in one level cell (the whole cell, less printed lines).

    ``dark_mm2`` / ``faint_mm2``: area of dark / faint ink; ``stroke_dark_mm2`` and
    ``extent_mm``: dark area and longer side of the largest connected stroke; ``runs``: the
    most dark runs on one horizontal line across the box; ``cover``: fraction of the box
    interior that is dark; ``correlation``: how well the printed box was found where the
    layout puts it (1 = exactly); ``crosses_below``: a stroke crosses the grid line under
    this cell.
    """

    dark_mm2: float = 0.0
    faint_mm2: float = 0.0
    stroke_dark_mm2: float = 0.0
    extent_mm: float = 0.0
    runs: int = 0
    cover: float = 0.0
    correlation: float = 1.0
    crosses_below: bool = False

    def to_dict(self) -> dict[str, float | int | bool]:
        return dataclasses.asdict(self)


def cell_state(m: CellMeasure, t: OmrThresholds) -> CellState:
    """Decide one cell. Heavy wins over everything; a mark needs one stroke both big and long
    enough; specks are dots; whatever else has ink is unsure."""
    if m.dark_mm2 >= t.heavy_dark_mm2 or m.runs >= t.heavy_runs or m.cover >= t.heavy_cover:
        return CellState.HEAVY
    if m.faint_mm2 < t.empty_faint_mm2 and m.dark_mm2 < t.empty_faint_mm2:
        return CellState.EMPTY if m.correlation >= t.align_min_correlation else CellState.UNSURE
    if m.correlation < t.align_min_correlation:
        return CellState.UNSURE
    if m.stroke_dark_mm2 >= t.mark_dark_mm2 and m.extent_mm >= t.mark_extent_mm:
        return CellState.MARK
    if m.extent_mm < t.dot_extent_mm and m.dark_mm2 < t.mark_dark_mm2:
        return CellState.DOT
    return CellState.UNSURE


def cell_margin(m: CellMeasure, t: OmrThresholds) -> float:
    """How close the cell came to changing state: the smallest relative distance of a
    deciding feature from its threshold (0 = on a threshold). Sorts the review queue and
    re-tunes thresholds after real use."""
    distances = [
        abs(m.dark_mm2 - t.heavy_dark_mm2) / t.heavy_dark_mm2,
        abs(m.cover - t.heavy_cover) / t.heavy_cover,
        abs(m.faint_mm2 - t.empty_faint_mm2) / t.empty_faint_mm2,
    ]
    if m.faint_mm2 >= t.empty_faint_mm2:
        distances += [
            abs(m.stroke_dark_mm2 - t.mark_dark_mm2) / t.mark_dark_mm2,
            abs(m.extent_mm - t.mark_extent_mm) / t.mark_extent_mm,
        ]
    return min(distances)


@dataclass(frozen=True)
class RowMeasure:
    """The measured cells of one target's row, one per level in the meeting's order.
    ``continues`` says the row directly follows the previous one (no header row between),
    so a stroke across the line between them can spill from one into the other."""

    target: str
    cells: tuple[CellMeasure, ...]
    continues: bool = True


@dataclass(frozen=True)
class RowReading:
    """What one row reads: the level labels marked (possibly several), the cell states,
    and why a clerk must look (empty: confident)."""

    target: str
    marks: tuple[str, ...]
    states: tuple[CellState, ...]
    reasons: tuple[ReviewReason, ...] = ()
    margin: float = 1.0

    @property
    def confident(self) -> bool:
        return not self.reasons


def _row_reasons(states: Sequence[CellState]) -> list[ReviewReason]:
    reasons = []
    if CellState.HEAVY in states:
        reasons.append(ReviewReason.HEAVY)
    marks = states.count(CellState.MARK)
    unsure = states.count(CellState.UNSURE)
    dots = states.count(CellState.DOT)
    if unsure or (dots and not marks):
        # A dot beside a clear mark changes nothing; a dot alone might be a timid tick.
        reasons.append(ReviewReason.UNSURE)
    if marks > 1:
        reasons.append(ReviewReason.MULTI)
    return reasons


_TAIL = (CellState.EMPTY, CellState.DOT)


def read_rows(
    rows: Sequence[RowMeasure], levels: Sequence[str], t: OmrThresholds
) -> list[RowReading]:
    """Read every row of a page; apply the crossing rule between adjacent rows."""
    states = [tuple(cell_state(c, t) for c in row.cells) for row in rows]
    reasons = [_row_reasons(s) for s in states]
    for i in range(len(rows) - 1):
        upper, lower = rows[i], rows[i + 1]
        if not lower.continues:
            continue
        for col, cell in enumerate(upper.cells):
            if not cell.crosses_below:
                continue
            # Flag both rows whenever the cells on both sides of the crossed line hold more
            # than a tail: a tail poking into the other cell stays empty or a dot there (a dot
            # is never a mark, and alone it flags its row), which is the correct reading.
            if states[i][col] not in _TAIL and states[i + 1][col] not in _TAIL:
                for k in (i, i + 1):
                    if ReviewReason.CROSSING not in reasons[k]:
                        reasons[k].append(ReviewReason.CROSSING)
    readings = []
    for row, row_states, row_reasons in zip(rows, states, reasons, strict=True):
        if len(row.cells) != len(levels):
            raise ValueError(f"row {row.target}: {len(row.cells)} cells for {len(levels)} levels")
        marks = tuple(
            level
            for level, state in zip(levels, row_states, strict=True)
            if state is CellState.MARK
        )
        margin = min((cell_margin(c, t) for c in row.cells), default=1.0)
        readings.append(RowReading(row.target, marks, row_states, tuple(row_reasons), margin))
    return readings


@dataclass(frozen=True)
class PageSource:
    """Where a scanned page came from: ``FILE#PAGE`` (pages from 1) and its SHA-256."""

    file: str
    page: int
    sha256: str = ""

    @property
    def label(self) -> str:
        return f"{self.file}#{self.page}"


@dataclass(frozen=True)
class BallotReading:
    """One paper ballot as read from its page(s): serial and type from the code (empty when
    unknown), the row readings, page-level reasons, the pages it came from."""

    serial: str
    type_code: str
    rows: tuple[RowReading, ...]
    pages: tuple[PageSource, ...]
    page_reasons: tuple[ReviewReason, ...] = ()
    fit_error_mm: float = 0.0

    @property
    def confident(self) -> bool:
        return not self.page_reasons and all(r.confident for r in self.rows)

    @property
    def margin(self) -> float:
        return min((r.margin for r in self.rows), default=0.0)

    def review(self) -> list[str]:
        """The ``review`` column items: page reasons alone, then ``REASON:TARGET`` in
        ballot order (FORMATS.md §6)."""
        items = [str(r) for r in self.page_reasons]
        if not set(self.page_reasons) & UNREAD:
            items += [f"{reason}:{row.target}" for row in self.rows for reason in row.reasons]
        return items

    def to_ballot(self) -> Ballot:
        """The ballot as read (marks of every row, flagged or not): what a clerk starts from."""
        return Ballot(
            self.serial,
            self.type_code,
            {row.target: row.marks for row in self.rows if row.marks},
        )


@dataclass(frozen=True)
class RowDecision:
    """A clerk's reading of one flagged row (what the paper says)."""

    target: str
    marks: tuple[str, ...]


@dataclass(frozen=True)
class ClerkReview:
    """A clerk's decisions on a flagged ballot: rows re-read, a hand void, a serial fixed."""

    rows: tuple[RowDecision, ...] = ()
    void_reason: str = ""
    serial: str | None = None


def reviewed_ballot(reading: BallotReading, review: ClerkReview) -> Ballot:
    """The ballot after a clerk's review: the machine's reading with the clerk's rows,
    serial and hand void applied."""
    marks = {row.target: row.marks for row in reading.rows}
    for decision in review.rows:
        if decision.target not in marks:
            raise ValueError(f"not a row of the ballot: {decision.target}")
        marks[decision.target] = decision.marks
    return Ballot(
        review.serial if review.serial is not None else reading.serial,
        reading.type_code,
        {t: m for t, m in marks.items() if m},
        review.void_reason,
    )


def mark_duplicates(readings: Sequence[BallotReading]) -> list[BallotReading]:
    """Flag every reading whose serial occurs more than once in the pile (``duplicate``):
    both pages go to a clerk, who keeps one; none is stored silently."""
    counts: dict[str, int] = {}
    for r in readings:
        if r.serial:
            counts[serial_key(r.serial)] = counts.get(serial_key(r.serial), 0) + 1
    out = []
    for r in readings:
        if (
            r.serial
            and counts[serial_key(r.serial)] > 1
            and (ReviewReason.DUPLICATE not in r.page_reasons)
        ):
            r = dataclasses.replace(r, page_reasons=(*r.page_reasons, ReviewReason.DUPLICATE))
        out.append(r)
    return out


PAGE, REVIEW = "page", "review"


def write_scan_csv(meeting: Meeting, readings: Iterable[BallotReading]) -> str:
    """The ballots CSV of FORMATS.md §2 with ``page`` and ``review`` after ``void_reason``
    (§6): every reading, flagged or not, with the marks as read."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([SERIAL, TYPE, *meeting.targets, VOID_REASON, PAGE, REVIEW])
    for reading in readings:
        ballot = reading.to_ballot()
        writer.writerow(
            [
                ballot.serial,
                ballot.type_code,
                *(MULTI_SEPARATOR.join(ballot.ticks(t)) for t in meeting.targets),
                ballot.void_reason,
                "|".join(p.label for p in reading.pages),
                ";".join(reading.review()),
            ]
        )
    return BOM + out.getvalue()
