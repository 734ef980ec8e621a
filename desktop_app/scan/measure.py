"""Measuring every level cell of a located page.

The level columns of the table are warped to 8 px/mm in layout coordinates. Each row is then
aligned on its printed lines (box edges and grid lines, within about 1 mm), the printed lines
are masked out, and each *whole* cell (voters tick beside the box too) is measured: dark and
faint ink in mm², the largest stroke's ink and extent, dark runs across the box, box cover,
how clearly the box itself was found, and whether a stroke crosses the grid line below.
Paper brightness is taken per row, so shading, a grey photocopy or a phone photo's uneven
light are judged against their own paper.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image

from desktop_app.domain.ballot_layout import BallotLayout, PageLayout, UnitRow
from desktop_app.domain.omr import CellMeasure, OmrThresholds, RowMeasure
from desktop_app.scan.components import components, dilate
from desktop_app.scan.locate import apply, fit_homography

PX = 8  # pixels per mm of the warped image
PX_AREA = 1.0 / (PX * PX)  # mm² per pixel
LINE_BAND = 3  # px masked on each side of a printed line's centre
MARGIN_MM = 2.0  # warped around the level columns, for alignment and crossing bands
BRIDGE = 3  # px: ink closer than twice this is one stroke (pen skips, masked lines)
BOX_LINE_DARKNESS = 0.3  # a box edge this dark (relative) counts as clearly found
MIN_LINE_CONTRAST = 0.15  # printed lines at least this much darker than the row's median


@dataclass(frozen=True)
class PageMeasure:
    """Measured rows of one sheet, the worst row alignment (mm) and the warped level area
    (grey, 8 px/mm, its top-left at ``origin_mm``) for review crops."""

    rows: tuple[RowMeasure, ...]
    fit_error_mm: float
    warped: np.ndarray
    origin_mm: tuple[float, float]
    offsets: tuple[tuple[float, float, float, float], ...] = ()  # row centre mm, found at mm
    span_mm: tuple[float, float] = (0.0, 0.0)  # x of the level columns' outer edges

    def refined(
        self,
        homography: np.ndarray,
        radius_mm: float,
        anchors_mm: np.ndarray,
        anchors_px: np.ndarray,
    ) -> np.ndarray | None:
        """A homography refitted on the corner marks found and the rows found (offsets well
        inside the search), or None when too few rows were found to refit."""
        good = [o for o in self.offsets if math.hypot(o[2] - o[0], o[3] - o[1]) < radius_mm]
        if len(good) < 6:
            return None
        levels = self.span_mm
        src, found = [], []
        for x_mm, y_mm, fx, fy in good:
            for edge in levels:  # both ends of the row: the fit needs points spread in x
                src.append((edge, y_mm))
                found.append((edge + fx - x_mm, fy))
        src_all = np.vstack([np.array(src), anchors_mm])
        dst_all = np.vstack([apply(homography, np.array(found)), anchors_px])
        h = fit_homography(src_all, dst_all)
        return h if np.isfinite(h).all() else None


def _perspective_coeffs(h: np.ndarray, x0: float, y0: float) -> tuple[float, ...]:
    s = np.array([[1 / PX, 0, x0 + 0.5 / PX], [0, 1 / PX, y0 + 0.5 / PX], [0, 0, 1]])
    m = h @ s
    m = m / m[2, 2]
    return tuple(float(v) for v in m.flatten()[:8])


def warp(
    pixels: np.ndarray, h: np.ndarray, x0: float, y0: float, w_mm: float, h_mm: float
) -> np.ndarray:
    """The page region (x0, y0, w_mm, h_mm) in layout mm, at PX px/mm (white outside)."""
    size = (math.ceil(w_mm * PX), math.ceil(h_mm * PX))
    image = Image.fromarray(pixels).transform(
        size,
        Image.Transform.PERSPECTIVE,
        _perspective_coeffs(h, x0, y0),
        Image.Resampling.BILINEAR,
        fillcolor=255,
    )
    return np.asarray(image, dtype=np.float32)


@dataclass(frozen=True)
class _RowGeometry:
    """A row's printed lines in pixels relative to its crop (crop top = row top - margin)."""

    height: int  # the row's height in px
    hlines: tuple[int, ...]  # y of horizontal lines (row edges, box edges)
    vlines: tuple[int, ...]  # x of vertical lines (cell edges, box edges)
    cells: tuple[tuple[int, int], ...]  # x range of each cell
    boxes: tuple[tuple[int, int, int, int], ...]  # x0, y0, x1, y1 of each box (exclusive)
    mask: np.ndarray  # printed lines, banded


def _px(v: float) -> int:
    return round(v * PX)


@lru_cache(maxsize=64)
def _row_geometry(
    row_h_mm: float, cells: tuple[tuple[float, float, float, float, float, float], ...], margin: int
) -> _RowGeometry:
    """``cells``: per cell (x, w, box x, box y, box w, box h) in mm relative to the level
    area's left edge and the row's top."""
    height = _px(row_h_mm)
    width = max(_px(c[0] + c[1]) for c in cells) + 1
    hlines = {margin, margin + height}
    vlines: set[int] = set()
    cell_ranges, boxes = [], []
    mask = np.zeros((height + 2 * margin, width), dtype=bool)
    for x, w, bx, by, bw, bh in cells:
        cx0, cx1 = _px(x), _px(x + w)
        cell_ranges.append((cx0, cx1))
        vlines.update({cx0, cx1})
        b = (_px(bx), margin + _px(by), _px(bx + bw), margin + _px(by + bh))
        boxes.append(b)
        vlines.update({b[0], b[2]})
        hlines.update({b[1], b[3]})
        # Box outline, banded.
        mask[b[1] - LINE_BAND : b[3] + LINE_BAND + 1, b[0] - LINE_BAND : b[0] + LINE_BAND + 1] = (
            True
        )
        mask[b[1] - LINE_BAND : b[3] + LINE_BAND + 1, b[2] - LINE_BAND : b[2] + LINE_BAND + 1] = (
            True
        )
        mask[b[1] - LINE_BAND : b[1] + LINE_BAND + 1, b[0] - LINE_BAND : b[2] + LINE_BAND + 1] = (
            True
        )
        mask[b[3] - LINE_BAND : b[3] + LINE_BAND + 1, b[0] - LINE_BAND : b[2] + LINE_BAND + 1] = (
            True
        )
        # Cell edges (grid lines), full height of the crop.
        for vx in (cx0, cx1):
            mask[:, max(0, vx - LINE_BAND) : vx + LINE_BAND + 1] = True
    for hy in (margin, margin + height):
        mask[max(0, hy - LINE_BAND) : hy + LINE_BAND + 1, :] = True
    return _RowGeometry(
        height, tuple(sorted(hlines)), tuple(sorted(vlines)), tuple(cell_ranges), tuple(boxes), mask
    )


def _geometry(row: UnitRow, left_mm: float, margin: int) -> _RowGeometry:
    top = row.rect.y
    cells = tuple(
        (
            round(c.rect.x - left_mm, 3),
            round(c.rect.w, 3),
            round(c.box.x - left_mm, 3),
            round(c.box.y - top, 3),
            round(c.box.w, 3),
            round(c.box.h, 3),
        )
        for c in row.cells
    )
    return _row_geometry(round(row.rect.h, 3), cells, margin)


def _best_offset(
    profile: np.ndarray, lines: tuple[int, ...], base: int, radius: int
) -> tuple[int, float]:
    """The shift (within ±radius) that puts the most darkness on the expected lines, and how
    much darker those lines are than the profile's median (the mean over the lines)."""
    smooth = np.convolve(profile, np.ones(3, dtype=np.float32) / 3, mode="same")
    idx = np.array(lines) + base
    shifts = np.arange(-radius, radius + 1)
    pos = idx[None, :] + shifts[:, None]
    inside = (pos >= 0) & (pos < len(smooth))
    values = np.where(inside, smooth[np.clip(pos, 0, len(smooth) - 1)], 0.0)
    scores = values.sum(axis=1) - 1e-3 * np.abs(shifts)
    best = int(np.argmax(scores))
    pos = idx + best - radius
    pos = pos[(pos >= 0) & (pos < len(smooth))]
    contrast = float(smooth[pos].mean() - np.median(smooth)) if len(pos) else 0.0
    return best - radius, contrast


def _runs(mask: np.ndarray) -> int:
    """The third-highest count of dark runs (≥ 2 px) on a horizontal line: robust to one or
    two odd lines."""
    if mask.shape[0] == 0 or mask.shape[1] < 2:
        return 0
    before = np.zeros_like(mask)
    before[:, 1:] = mask[:, :-1]
    # A run of two or more starts where a dark pixel follows a light one and is followed
    # by a dark one.
    starts = mask[:, :-1] & mask[:, 1:] & ~before[:, :-1]
    counts = np.sort(starts.sum(axis=1))[::-1]
    return int(counts[2] if len(counts) >= 3 else counts[-1])


def measure_page(
    pixels: np.ndarray,
    homography: np.ndarray,
    layout: BallotLayout,
    page: PageLayout,
    t: OmrThresholds,
) -> PageMeasure:
    """Measure every row of one sheet on a located page."""
    levels = layout.columns[2:]
    left = levels[0].x - MARGIN_MM
    right = levels[-1].right + MARGIN_MM
    top = page.table.y - MARGIN_MM
    bottom = page.table.bottom + MARGIN_MM
    warped = warp(pixels, homography, left, top, right - left, bottom - top)
    radius = math.ceil(t.page_fit_error_mm * PX) + 1
    margin = PX  # 1 mm above and below each row: crossing bands and alignment
    rows: list[RowMeasure] = []
    offsets: list[tuple[float, float, float, float]] = []
    worst = 0.0
    previous_bottom: float | None = None
    for row in page.rows:
        geo = _geometry(row, left, margin)
        y0 = _px(row.rect.y - top) - margin
        x_base = 0
        # Alignment: profiles over a window larger than the row by the search radius.
        wy0, wy1 = max(0, y0 - radius), min(warped.shape[0], y0 + geo.mask.shape[0] + radius)
        window = warped[wy0:wy1, :]
        paper = float(np.percentile(window[::2, ::2], 80))
        paper = max(paper, 1.0)
        dark = np.clip((paper - window) / paper, 0.0, 1.0)
        base_y = y0 - wy0
        box_cols = np.zeros(dark.shape[1], dtype=bool)
        for b in geo.boxes:
            box_cols[b[0] + PX : b[2] - PX] = True
        row_profile = dark[:, box_cols].mean(axis=1)
        dy, contrast_y = _best_offset(row_profile, geo.hlines, base_y, radius)
        inner_y0 = base_y + dy + geo.boxes[0][1] + PX
        inner_y1 = base_y + dy + geo.boxes[0][3] - PX
        col_profile = dark[max(0, inner_y0) : max(0, inner_y1), :].mean(axis=0)
        dx, contrast_x = _best_offset(col_profile, geo.vlines, x_base, radius)
        # Limits hit, or printed lines hardly darker than the rest: the row was not found.
        at_limit = abs(dx) >= radius or abs(dy) >= radius
        at_limit = at_limit or min(contrast_x, contrast_y) < MIN_LINE_CONTRAST
        offset_mm = math.hypot(dx, dy) / PX
        cx_mm, cy_mm = (levels[0].x + levels[-1].right) / 2, row.rect.y + row.rect.h / 2
        offsets.append((cx_mm, cy_mm, cx_mm + dx / PX, cy_mm + dy / PX))
        worst = max(worst, math.inf if at_limit else offset_mm)
        crop = _shifted(dark, base_y + dy, dx, geo.mask.shape)
        rows.append(
            RowMeasure(
                row.target,
                _measure_cells(crop, geo, margin, t),
                continues=previous_bottom is not None and abs(row.rect.y - previous_bottom) < 1e-6,
            )
        )
        previous_bottom = row.rect.bottom
    return PageMeasure(
        tuple(rows), worst, warped, (left, top), tuple(offsets), (levels[0].x, levels[-1].right)
    )


def _shifted(dark: np.ndarray, y0: int, x0: int, shape: tuple[int, ...]) -> np.ndarray:
    """``dark[y0:y0+h, x0:x0+w]``, padded with paper where it runs off the image."""
    h, w = shape
    out = np.zeros((h, w), dtype=np.float32)
    sy0, sx0 = max(0, y0), max(0, x0)
    sy1, sx1 = min(dark.shape[0], y0 + h), min(dark.shape[1], x0 + w)
    if sy1 > sy0 and sx1 > sx0:
        out[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0] = dark[sy0:sy1, sx0:sx1]
    return out


def _measure_cells(
    crop: np.ndarray, geo: _RowGeometry, margin: int, t: OmrThresholds
) -> tuple[CellMeasure, ...]:
    printed = geo.mask
    dark_all = (crop >= t.dark) & ~printed
    faint_all = (crop >= t.faint) & ~printed
    body = slice(margin, margin + geo.height)
    line = margin + geo.height  # the grid line under the row
    above = slice(line - round(0.9 * PX), line - round(0.4 * PX) + 1)
    below = slice(line + round(0.4 * PX), line + round(0.9 * PX) + 1)
    sideways = round(1.25 * PX)
    found = []
    for (cx0, cx1), (bx0, by0, bx1, by1) in zip(geo.cells, geo.boxes, strict=True):
        dark = dark_all[body, cx0:cx1]
        faint = faint_all[body, cx0:cx1]
        dark_px, faint_px = int(dark.sum()), int(faint.sum())
        # How clearly the box was found: the median darkness along its four edges.
        edges = np.concatenate(
            [
                crop[by0, bx0:bx1],
                crop[by1, bx0:bx1],
                crop[by0:by1, bx0],
                crop[by0:by1, bx1],
            ]
        )
        middle = len(edges) // 2
        correlation = min(1.0, float(np.partition(edges, middle)[middle]) / BOX_LINE_DARKNESS)
        interior = dark_all[
            by0 + LINE_BAND + 1 : by1 - LINE_BAND, bx0 + LINE_BAND + 1 : bx1 - LINE_BAND
        ]
        cover = float(interior.mean()) if interior.size else 0.0
        stroke_px, extent_px, runs = 0, 0, 0
        if dark_px:
            comps = components(dilate(dark, BRIDGE), weight=dark)
            if comps:
                big = max(comps, key=lambda c: c.area)
                stroke_px, extent_px = big.area, max(big.width, big.height)
            runs = _runs(interior)
        up = dark_all[above, cx0:cx1].any(axis=0)
        lo0, lo1 = max(0, cx0 - sideways), min(dark_all.shape[1], cx1 + sideways)
        down = dark_all[below, lo0:lo1].any(axis=0)
        crosses = False
        if up.any() and down.any():
            near = np.zeros(lo1 - lo0, dtype=bool)
            for x in np.flatnonzero(down):
                near[max(0, x - sideways) : x + sideways + 1] = True
            crosses = bool((up & near[cx0 - lo0 : cx0 - lo0 + (cx1 - cx0)]).any())
        found.append(
            CellMeasure(
                dark_mm2=dark_px * PX_AREA,
                faint_mm2=faint_px * PX_AREA,
                stroke_dark_mm2=stroke_px * PX_AREA,
                extent_mm=extent_px / PX,
                runs=runs,
                cover=cover,
                correlation=correlation,
                crosses_below=crosses,
            )
        )
    return tuple(found)
