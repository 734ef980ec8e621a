"""Finding the printed ballot on a scanned page: the QR code (what the page is, and roughly
where and which way up), then the four solid corner marks, then a homography from the
layout's millimetres to the page's pixels.

The code alone is never trusted for geometry: it only says where to look for the corner
marks. Fewer than three corner marks found, or marks that disagree with the code, leave the
page unlocated (``unreadable``), never guessed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import zxingcpp

from desktop_app.domain.ballot_layout import FIDUCIAL_SIZE, BallotLayout
from desktop_app.scan.components import components

WORK_PX_PER_MM = 2.0  # the shrunken page the corner marks are looked for on
_QR = zxingcpp.barcode_formats_from_str("QRCode")


@dataclass(frozen=True)
class Code:
    """A QR code found on a page: its text and corners in page pixels (TL, TR, BR, BL in the
    code's own orientation) and its version (module count = 17 + 4 × version)."""

    text: str
    corners: np.ndarray
    version: int

    @property
    def centre(self) -> np.ndarray:
        return np.asarray(self.corners.mean(axis=0))


def find_codes(pixels: np.ndarray) -> list[Code]:
    """Every QR code on the page (usually one)."""
    found = []
    for barcode in zxingcpp.read_barcodes(pixels, formats=_QR):
        if not barcode.valid:
            continue
        p = barcode.position
        corners = np.array(
            [
                [p.top_left.x, p.top_left.y],
                [p.top_right.x, p.top_right.y],
                [p.bottom_right.x, p.bottom_right.y],
                [p.bottom_left.x, p.bottom_left.y],
            ],
            dtype=np.float64,
        )
        try:
            extra = barcode.extra if isinstance(barcode.extra, dict) else {}
            version = int(extra.get("Version", 0))
        except (TypeError, ValueError):
            version = 0
        found.append(Code(barcode.text, corners, version))
    return found


@dataclass(frozen=True)
class Location:
    """Where the layout lies on the page: ``homography`` maps layout mm (x, y, 1) to page
    pixels; ``marks`` says how many corner marks were found (3: an affine fit);
    ``px_per_mm`` is the page's mean scale; ``code_error_mm`` how far the code's centre is
    from where the marks put it."""

    homography: np.ndarray
    marks: int
    px_per_mm: float
    code_error_mm: float
    marks_mm: np.ndarray  # the corner marks found: layout mm and page px
    marks_px: np.ndarray

    def to_page(self, points_mm: np.ndarray) -> np.ndarray:
        return apply(self.homography, points_mm)


def apply(h: np.ndarray, points: np.ndarray) -> np.ndarray:
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    ones = np.ones((len(pts), 1))
    out = np.hstack([pts, ones]) @ h.T
    return np.asarray(out[:, :2] / out[:, 2:3])


def fit_homography(src: np.ndarray, dst: np.ndarray, *, _normalised: bool = False) -> np.ndarray:
    """The homography (4+ points, least squares) or affine map (3 points) taking ``src`` to
    ``dst``. Points are normalised first, so many points fit as well as four."""
    n = len(src)
    if n > 4 and not _normalised:
        sm, ss = src.mean(axis=0), src.std() or 1.0
        dm, ds = dst.mean(axis=0), dst.std() or 1.0
        ts = np.array([[1 / ss, 0, -sm[0] / ss], [0, 1 / ss, -sm[1] / ss], [0, 0, 1]])
        td = np.array([[1 / ds, 0, -dm[0] / ds], [0, 1 / ds, -dm[1] / ds], [0, 0, 1]])
        hn = fit_homography((src - sm) / ss, (dst - dm) / ds, _normalised=True)
        h = np.linalg.inv(td) @ hn @ ts
        return np.asarray(h / h[2, 2])
    if n == 3:
        a = np.hstack([src, np.ones((3, 1))])
        m = np.linalg.solve(a, dst).T  # 2x3
        return np.vstack([m, [0.0, 0.0, 1.0]])
    rows = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, -u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, -v])
    a = np.asarray(rows, dtype=np.float64)
    # The null vector of A: the eigenvector of AᵀA (9 x 9) with the smallest eigenvalue.
    _, vectors = np.linalg.eigh(a.T @ a)
    h = vectors[:, 0].reshape(3, 3)
    return np.asarray(h / h[2, 2])


def _similarity(code: Code, layout: BallotLayout) -> tuple[np.ndarray, float]:
    """A rough map mm -> px from the code alone (rotation, scale, centre)."""
    tl, tr, _br, bl = code.corners
    side_px = float(np.linalg.norm(tr - tl) + np.linalg.norm(bl - tl)) / 2
    modules = 17 + 4 * code.version if code.version else 25
    # The printed code fills layout.qr with a quiet zone of about 2 modules inside it.
    side_mm = layout.qr.w * modules / (modules + 4)
    scale = side_px / side_mm
    angle = math.atan2(tr[1] - tl[1], tr[0] - tl[0])
    c, s = math.cos(angle) * scale, math.sin(angle) * scale
    cx_mm, cy_mm = layout.qr.centre
    centre = code.centre
    h = np.array(
        [
            [c, -s, centre[0] - (c * cx_mm - s * cy_mm)],
            [s, c, centre[1] - (s * cx_mm + c * cy_mm)],
            [0.0, 0.0, 1.0],
        ]
    )
    return h, scale


def _shrink(pixels: np.ndarray, factor: int) -> np.ndarray:
    if factor <= 1:
        return pixels.astype(np.float32)
    h, w = pixels.shape
    h2, w2 = h // factor, w // factor
    return np.asarray(
        pixels[: h2 * factor, : w2 * factor]
        .reshape(h2, factor, w2, factor)
        .mean(axis=(1, 3), dtype=np.float32)
    )


def locate(pixels: np.ndarray, code: Code, layout: BallotLayout) -> Location | None:
    """The homography of the layout on the page, or None when fewer than three corner marks
    are found where the code says they should be."""
    rough, scale = _similarity(code, layout)
    factor = max(1, int(scale / WORK_PX_PER_MM))
    small = _shrink(pixels, factor)
    paper = float(np.percentile(small[:: max(1, small.shape[0] // 200), :], 90))
    ink = float(np.percentile(small, 1))
    if paper - ink < 40:
        return None
    threshold = (paper + ink) / 2
    s = scale / factor  # small px per mm
    expected_area = (FIDUCIAL_SIZE * s) ** 2
    reach = int(25.0 * s)  # look within 25 mm of where the code says
    predicted = apply(rough, np.array(layout.fiducial_centres)) / factor
    found_mm, found_px = [], []
    sh, sw = small.shape
    for centre_mm, guess in zip(layout.fiducial_centres, predicted, strict=True):
        gx, gy = round(float(guess[0])), round(float(guess[1]))
        x0, y0 = max(0, gx - reach), max(0, gy - reach)
        x1, y1 = min(sw, gx + reach + 1), min(sh, gy + reach + 1)
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        best, best_d = None, float(reach)
        for comp in components(small[y0:y1, x0:x1] < threshold):
            if not 0.45 * expected_area <= comp.area <= 1.8 * expected_area:
                continue
            cw, ch = comp.width, comp.height
            if max(cw, ch) > 1.6 * min(cw, ch) or comp.area < 0.45 * cw * ch:
                continue  # not a solid square (turned up to 45°, still compact)
            cx, cy = comp.centroid
            d = float(np.hypot(cx + x0 - guess[0], cy + y0 - guess[1]))
            if d < best_d:
                best, best_d = (cx + x0, cy + y0), d
        if best is None:
            continue
        refined = _refine(pixels, np.array(best) * factor + (factor - 1) / 2, scale)
        if refined is None:
            continue
        found_mm.append(centre_mm)
        found_px.append(refined)
    if len(found_mm) < 3:
        return None
    h = fit_homography(np.array(found_mm), np.array(found_px))
    code_at = apply(h, np.array([layout.qr.centre]))[0]
    code_error_mm = float(np.hypot(*(code_at - code.centre))) / scale
    return Location(
        h,
        len(found_mm),
        _mean_scale(h, layout),
        code_error_mm,
        np.array(found_mm),
        np.array(found_px),
    )


def _refine(pixels: np.ndarray, guess: np.ndarray, scale: float) -> np.ndarray | None:
    """The centre of the corner mark near ``guess``, at full resolution: the centroid of the
    dark pixels in a window a little larger than the mark (its white ring keeps others out)."""
    r = int(FIDUCIAL_SIZE * scale * 0.5 + 2.5 * scale)
    x, y = round(float(guess[0])), round(float(guess[1]))
    h, w = pixels.shape
    x0, x1, y0, y1 = max(0, x - r), min(w, x + r + 1), max(0, y - r), min(h, y + r + 1)
    window = pixels[y0:y1, x0:x1].astype(np.float32)
    if window.size == 0:
        return None
    paper = float(np.percentile(window, 95))
    ink = float(np.percentile(window, 5))
    if paper - ink < 40:
        return None
    dark = window < (paper + ink) / 2
    comps = components(dark)
    if not comps:
        return None
    best = max(comps, key=lambda c: c.area)
    expected = (FIDUCIAL_SIZE * scale) ** 2
    if not 0.5 * expected <= best.area <= 1.6 * expected:
        return None
    cx, cy = best.centroid
    return np.array([x0 + cx, y0 + cy])


def _mean_scale(h: np.ndarray, layout: BallotLayout) -> float:
    c = np.array(layout.fiducial_centres)
    p = apply(h, c)
    mm = np.hypot(*(c[0] - c[3])) + np.hypot(*(c[1] - c[2]))
    px = np.hypot(*(p[0] - p[3])) + np.hypot(*(p[1] - p[2]))
    return float(px / mm)
