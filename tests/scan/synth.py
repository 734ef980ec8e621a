"""Synthetic scanned ballots for tests: a blank ballot, hand-like marks, a declared envelope
of degradations, and the truth per row. Seeds are fixed; nothing here is random unseeded.

The blank is the real printed ballot (``reports.ballot_papers``, the PDF the meeting prints)
rendered at 12 px/mm, so geometry drift between printer and reader is caught. Marks are drawn
as pen strokes with jitter: √ of many sizes and slants, ×, corrections (a scribble over a
box), stray dots, timid pencil ticks and oversized ticks that spill into the next row. The
page is then "printed" at 94–100 % scale, skewed, shifted, "scanned" at 150–300 dpi,
blurred, noised, JPEG-compressed, or photocopied (grey paper, speckle), or photographed
(perspective and uneven light).

The truth of each row says what the voter marked and whether the row is ambiguous (a
correction or several marks), in which case the reader must flag it.
"""

from __future__ import annotations

import atexit
import datetime as dt
import io
import itertools
import json
import math
import random
from dataclasses import dataclass, field

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

from desktop_app.domain.ballot_layout import BallotLayout, Rect, ballot_layout
from desktop_app.domain.meeting import Meeting, meeting_to_dict
from desktop_app.reports.ballot_papers import ballot_pages, ballot_papers_pdf

PAPER_PX = 12.0  # px per mm of the paper before it is scanned


# --- the blank -------------------------------------------------------------------------

GENERATED_AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


_RUNS: dict[str, tuple[pdfium.PdfDocument, dict[tuple[str, int], int]]] = {}


def print_run(meeting: Meeting, key: str) -> tuple[pdfium.PdfDocument, dict[tuple[str, int], int]]:
    """The meeting's real blank ballots (``reports.ballot_papers``), opened, and the PDF page
    index of each (serial, sheet); made once per meeting and key."""
    cache_key = json.dumps([meeting_to_dict(meeting), key], ensure_ascii=False, sort_keys=True)
    if cache_key not in _RUNS:
        layout = ballot_layout(meeting)
        pdf = ballot_papers_pdf(meeting, generated_at=GENERATED_AT, meeting_key=key)
        index = {
            (serial, number): i
            for i, (_t, serial, number, _p) in enumerate(ballot_pages(meeting, layout, key))
        }
        document = pdfium.PdfDocument(pdf)
        atexit.register(document.close)
        _RUNS[cache_key] = (document, index)
    return _RUNS[cache_key]


def blank_page(meeting: Meeting, key: str, serial: str, page: int = 1) -> Image.Image:
    """One printed sheet of the blank ballot, rendered grey at PAPER_PX px/mm."""
    document, index = print_run(meeting, key)
    rendered = document[index[(serial, page)]].render(scale=PAPER_PX * 25.4 / 72, grayscale=True)
    return rendered.to_pil().convert("L")


# --- hand-like marks -----------------------------------------------------------------------


@dataclass
class Pen:
    width_mm: float
    ink: int  # grey level of the ink (0 black … 255 white)


def _stroke(
    draw: ImageDraw.ImageDraw, points: list[tuple[float, float]], pen: Pen, rng: random.Random
) -> None:
    """A polyline in mm, with slight wobble, a little thinner at its ends."""
    dense: list[tuple[float, float]] = []
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        steps = max(2, int(math.hypot(x1 - x0, y1 - y0) / 0.4))
        for i in range(steps):
            f = i / steps
            dense.append((x0 + (x1 - x0) * f, y0 + (y1 - y0) * f))
    dense.append(points[-1])
    wobble = [(x + rng.gauss(0, 0.04), y + rng.gauss(0, 0.04)) for x, y in dense]
    n = len(wobble)
    for i in range(n - 1):
        taper = 0.6 + 0.4 * math.sin(math.pi * (i + 0.5) / n)
        width = max(1, round(pen.width_mm * taper * PAPER_PX))
        a, b = wobble[i], wobble[i + 1]
        draw.line(
            [a[0] * PAPER_PX, a[1] * PAPER_PX, b[0] * PAPER_PX, b[1] * PAPER_PX],
            fill=pen.ink,
            width=width,
            joint="curve",
        )


def draw_tick(
    draw: ImageDraw.ImageDraw, cx: float, cy: float, size: float, pen: Pen, rng: random.Random
) -> None:
    """A √ about ``size`` mm tall centred near (cx, cy): a short stroke down, a long one up."""
    slant = rng.uniform(-0.25, 0.25)
    short = size * rng.uniform(0.3, 0.45)
    x0, y0 = cx - size * 0.35, cy - short * 0.3
    xb, yb = cx - size * 0.1, cy + size * 0.4
    x1, y1 = cx + size * (0.45 + slant * 0.3), cy - size * (0.6 + slant * 0.2)
    _stroke(draw, [(x0, y0), (xb, yb), (x1, y1)], pen, rng)


def draw_cross(
    draw: ImageDraw.ImageDraw, cx: float, cy: float, size: float, pen: Pen, rng: random.Random
) -> None:
    h = size / 2
    j = lambda: rng.uniform(-0.15, 0.15) * size  # noqa: E731
    _stroke(
        draw, [(cx - h + j(), cy - h * 0.8 + j()), (cx + h + j(), cy + h * 0.8 + j())], pen, rng
    )
    _stroke(
        draw, [(cx + h + j(), cy - h * 0.8 + j()), (cx - h + j(), cy + h * 0.8 + j())], pen, rng
    )


def draw_scribble(draw: ImageDraw.ImageDraw, box: Rect, pen: Pen, rng: random.Random) -> None:
    """A correction: a zigzag over the box, several passes."""
    points = []
    y = box.y + 0.5
    left = True
    while y < box.bottom - 0.3:
        points.append((box.x + (0.2 if left else box.w - 0.2) + rng.uniform(-0.4, 0.4), y))
        left = not left
        y += rng.uniform(0.5, 0.8)
    _stroke(draw, points, Pen(max(pen.width_mm, 0.45), pen.ink), rng)


def draw_dot(draw: ImageDraw.ImageDraw, cx: float, cy: float, pen: Pen, rng: random.Random) -> None:
    r = rng.uniform(0.25, 0.5) * PAPER_PX
    draw.ellipse(
        [cx * PAPER_PX - r, cy * PAPER_PX - r, cx * PAPER_PX + r, cy * PAPER_PX + r], fill=pen.ink
    )


# --- scenarios and truth --------------------------------------------------------------------


@dataclass(frozen=True)
class RowTruth:
    """What the voter did in one row: the levels marked, and whether a clerk must decide."""

    marks: tuple[str, ...]
    ambiguous: bool = False


@dataclass
class Scenario:
    """How a ballot is filled: probabilities per row of each kind of mark."""

    empty: float = 0.45
    tick: float = 0.35
    cross: float = 0.05
    pencil: float = 0.03
    multi: float = 0.03
    correction: float = 0.03
    bigtick: float = 0.04
    dot: float = 0.02  # a stray dot in an otherwise unmarked row


def fill(
    image: Image.Image,
    layout: BallotLayout,
    page: int,
    rng: random.Random,
    scenario: Scenario,
) -> dict[str, RowTruth]:
    """Draw marks on a blank sheet; the truth per row."""
    draw = ImageDraw.Draw(image)
    truth: dict[str, RowTruth] = {}
    kinds = list(vars(scenario).keys())
    weights = list(vars(scenario).values())
    for row in layout.pages[page - 1].rows:
        kind = rng.choices(kinds, weights)[0]
        pen = Pen(rng.uniform(0.3, 0.6), rng.randint(10, 70))
        cells = row.cells
        i = rng.randrange(len(cells))
        box = cells[i].box
        cx, cy = box.centre
        jx, jy = rng.uniform(-1.5, 1.5), rng.uniform(-0.8, 0.6)
        if kind == "empty":
            truth[row.target] = RowTruth(())
        elif kind == "tick":
            draw_tick(draw, cx + jx, cy + jy, rng.uniform(3.5, 6.5), pen, rng)
            truth[row.target] = RowTruth((cells[i].level,))
        elif kind == "cross":
            draw_cross(draw, cx + jx * 0.5, cy + jy * 0.5, rng.uniform(3.5, 5.5), pen, rng)
            truth[row.target] = RowTruth((cells[i].level,))
        elif kind == "pencil":
            draw_tick(
                draw, cx + jx, cy + jy, rng.uniform(4, 6), Pen(0.3, rng.randint(95, 130)), rng
            )
            truth[row.target] = RowTruth((cells[i].level,))
        elif kind == "multi":
            k = (i + rng.randrange(1, len(cells))) % len(cells)
            for c in (cells[i], cells[k]):
                bx, by = c.box.centre
                draw_tick(draw, bx, by, rng.uniform(3.5, 6), pen, rng)
            truth[row.target] = RowTruth(
                tuple(c.level for c in cells if c in (cells[i], cells[k])), ambiguous=True
            )
        elif kind == "correction":
            draw_scribble(draw, box, pen, rng)
            k = (i + rng.randrange(1, len(cells))) % len(cells)
            bx, by = cells[k].box.centre
            draw_tick(draw, bx, by, rng.uniform(4, 6), pen, rng)
            truth[row.target] = RowTruth((cells[k].level,), ambiguous=True)
        elif kind == "bigtick":
            # An oversized tick whose long stroke runs up into the row above.
            draw_tick(draw, cx, cy - rng.uniform(0.5, 2.5), rng.uniform(8, 11), pen, rng)
            truth[row.target] = RowTruth((cells[i].level,))
        elif kind == "dot":
            draw_dot(draw, cx + jx, cy + jy, pen, rng)
            truth[row.target] = RowTruth(())
    return truth


# --- degradation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Envelope:
    """How a sheet is printed, scanned and stored. Defaults: a clean 200 dpi grey scan."""

    dpi: float = 200
    scale: float = 1.0  # printed at this fraction of actual size
    skew_deg: float = 0.0
    shift_mm: tuple[float, float] = (0.0, 0.0)
    rotate180: bool = False
    blur: float = 0.0  # gaussian radius in px of the scan
    noise: float = 0.0  # gaussian noise sigma in grey levels
    jpeg: int | None = None  # quality
    photocopy: bool = False
    phone: float = 0.0  # perspective strength (0: flat), with uneven light
    paper: int = 245  # scanned paper brightness


def random_envelope(rng: random.Random) -> Envelope:
    """Anything inside the declared envelope."""
    return Envelope(
        dpi=rng.choice([150, 200, 200, 300]),
        scale=rng.uniform(0.94, 1.0),
        skew_deg=rng.uniform(-3, 3),
        shift_mm=(rng.uniform(-4, 4), rng.uniform(-4, 4)),
        rotate180=rng.random() < 0.2,
        blur=rng.choice([0, 0, 0.6, 1.0]),
        noise=rng.choice([0, 3, 6]),
        jpeg=rng.choice([None, 90, 75]),
        photocopy=rng.random() < 0.15,
        phone=rng.choice([0.0] * 9 + [0.02]),
        paper=rng.randint(225, 250),
    )


def _inverse_map(env: Envelope, size_mm: tuple[float, float], rng: random.Random) -> np.ndarray:
    """3x3 map from scan pixels to paper pixels."""
    w, h = size_mm
    px = env.dpi / 25.4
    # paper mm -> scan px: scale about the centre, rotate, shift, optional 180°.
    a = math.radians(env.skew_deg + (180 if env.rotate180 else 0))
    c, s = math.cos(a) * env.scale * px, math.sin(a) * env.scale * px
    cx, cy = w / 2, h / 2
    tx = w * px / 2 + env.shift_mm[0] * px - (c * cx - s * cy)
    ty = h * px / 2 + env.shift_mm[1] * px - (s * cx + c * cy)
    fwd = np.array([[c, -s, tx], [s, c, ty], [0, 0, 1.0]])
    if env.phone:
        k = env.phone
        fwd = (
            np.array(
                [
                    [1, rng.uniform(-k, k), 0],
                    [rng.uniform(-k, k), 1, 0],
                    [rng.uniform(-k, k) / (w * px), rng.uniform(-k, k) / (h * px), 1],
                ]
            )
            @ fwd
        )
    to_paper = np.diag([PAPER_PX, PAPER_PX, 1.0])
    return np.asarray(to_paper @ np.linalg.inv(fwd))


def degrade(
    image: Image.Image, env: Envelope, seed: int, size_mm: tuple[float, float] = (210, 297)
) -> Image.Image:
    """Print, scan and store a paper image within the envelope: a grey PIL image."""
    rng = random.Random(seed)
    inv = _inverse_map(env, size_mm, rng)
    inv = inv / inv[2, 2]
    out_size = (round(size_mm[0] * env.dpi / 25.4), round(size_mm[1] * env.dpi / 25.4))
    paper = image
    if env.photocopy:
        arr = np.asarray(image, dtype=np.float32)
        arr = 40 + arr * 0.8  # toner grey on grey paper
        specks = np.random.default_rng(seed).random(arr.shape) < 0.0004
        arr[specks] = 60
        paper = Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(
            ImageFilter.GaussianBlur(0.8)
        )
    scan = paper.transform(
        out_size,
        Image.Transform.PERSPECTIVE,
        tuple(inv.flatten()[:8]),
        Image.Resampling.BILINEAR,
        fillcolor=255,
    )
    arr = np.asarray(scan, dtype=np.float32)
    arr = arr * (env.paper / 255.0)
    if env.phone:
        yy, xx = np.mgrid[0 : arr.shape[0], 0 : arr.shape[1]]
        light = 1.0 - 0.18 * (xx / arr.shape[1]) - 0.1 * (yy / arr.shape[0])
        arr = arr * light.astype(np.float32)
    if env.blur:
        arr = np.asarray(
            Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(
                ImageFilter.GaussianBlur(env.blur)
            ),
            dtype=np.float32,
        )
    if env.noise:
        arr = arr + np.random.default_rng(seed + 1).normal(0, env.noise, arr.shape).astype(
            np.float32
        )
    out = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    if env.jpeg:
        buf = io.BytesIO()
        out.save(buf, "JPEG", quality=env.jpeg)
        out = Image.open(io.BytesIO(buf.getvalue())).convert("L")
    out.info["dpi"] = (env.dpi, env.dpi)
    return out


# --- a pile ------------------------------------------------------------------------------


@dataclass
class SyntheticBallot:
    serial: str
    type_code: str
    truth: dict[str, RowTruth]
    pages: list[Image.Image]
    envelope: Envelope
    seed: int
    extra: dict[str, object] = field(default_factory=dict)


def synthetic_ballot(
    meeting: Meeting,
    layout: BallotLayout,
    key: str,
    type_code: str,
    serial: str,
    seed: int,
    *,
    scenario: Scenario | None = None,
    envelope: Envelope | None = None,
) -> SyntheticBallot:
    rng = random.Random(seed)
    env = envelope if envelope is not None else random_envelope(rng)
    truth: dict[str, RowTruth] = {}
    pages = []
    for page in range(1, len(layout.pages) + 1):
        image = blank_page(meeting, key, serial, page)
        truth.update(fill(image, layout, page, rng, scenario or Scenario()))
        pages.append(degrade(image, env, seed * 7 + page))
    return SyntheticBallot(serial, type_code, truth, pages, env, seed)
