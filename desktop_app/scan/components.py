"""Connected components of a boolean image, by runs (no SciPy): small, fast for the sparse
ink of a ballot cell or the few dark blobs of a shrunken page."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Component:
    """A connected set of pixels: its pixel count and bounding box (inclusive ends)."""

    area: int
    x0: int
    y0: int
    x1: int
    y1: int
    sum_x: float
    sum_y: float

    @property
    def width(self) -> int:
        return self.x1 - self.x0 + 1

    @property
    def height(self) -> int:
        return self.y1 - self.y0 + 1

    @property
    def centroid(self) -> tuple[float, float]:
        return (self.sum_x / self.area, self.sum_y / self.area)


def components(mask: np.ndarray, weight: np.ndarray | None = None) -> list[Component]:
    """8-connected components of ``mask``. With ``weight`` (a boolean image of the same
    shape), ``area`` and the box count only the weighted pixels inside each component: the
    mask can be a dilated copy that bridges small gaps while the measure stays on the ink."""
    h, w = mask.shape
    if not mask.any():
        return []
    row_of, sx, ex = _runs(mask)
    groups = _connected_runs(row_of, sx, ex)
    if weight is None:
        return [_component(runs, row_of, sx, ex) for runs in groups]
    cum = np.zeros((h, w + 1), dtype=np.int32)
    np.cumsum(weight, axis=1, out=cum[:, 1:])
    found = []
    for runs in groups:
        component = _weighted_component(runs, row_of, sx, ex, weight, cum)
        if component is not None:
            found.append(component)
    return found


def _runs(mask: np.ndarray) -> tuple[list[int], list[int], list[int]]:
    """The horizontal runs of ``mask`` in reading order: each one's row, start and end
    (exclusive)."""
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    ys, xs = np.nonzero(edges)
    kinds = edges[ys, xs]
    starts_y, starts_x = ys[kinds == 1], xs[kinds == 1]
    ends_x = xs[kinds == -1]  # exclusive; starts and ends alternate within each row
    return starts_y.tolist(), starts_x.tolist(), ends_x.tolist()


def _connected_runs(row_of: list[int], sx: list[int], ex: list[int]) -> list[list[int]]:
    """The runs grouped by component (union-find over touching runs of adjacent rows)."""
    n = len(sx)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    prev_start, prev_end, prev_y = 0, 0, -2
    i = 0
    while i < n:
        y = row_of[i]
        j = i
        while j < n and row_of[j] == y:
            j += 1
        if prev_y == y - 1:
            # Two-pointer merge with the previous row's runs (8-connected: touch diagonally).
            a = prev_start
            for k in range(i, j):
                while a < prev_end and ex[a] < sx[k]:
                    a += 1
                b = a
                while b < prev_end and sx[b] <= ex[k]:
                    ra, rb = find(b), find(k)
                    if ra != rb:
                        parent[ra] = rb
                    b += 1
        prev_start, prev_end, prev_y = i, j, y
        i = j
    groups: dict[int, list[int]] = {}
    for k in range(n):
        groups.setdefault(find(k), []).append(k)
    return list(groups.values())


def _component(runs: list[int], row_of: list[int], sx: list[int], ex: list[int]) -> Component:
    """The component made of ``runs``, every pixel counted."""
    area = sum(ex[k] - sx[k] for k in runs)
    x0 = min(sx[k] for k in runs)
    x1 = max(ex[k] for k in runs) - 1
    ys = [row_of[k] for k in runs]
    sum_x = sum((sx[k] + ex[k] - 1) * (ex[k] - sx[k]) / 2 for k in runs)
    sum_y = sum(row_of[k] * (ex[k] - sx[k]) for k in runs)
    return Component(area, x0, min(ys), x1, max(ys), sum_x, sum_y)


def _weighted_component(
    runs: list[int],
    row_of: list[int],
    sx: list[int],
    ex: list[int],
    weight: np.ndarray,
    cum: np.ndarray,
) -> Component | None:
    """The weighted pixels of the component made of ``runs`` (``cum``: ``weight`` summed
    along each row); None when it holds none."""
    h, w = weight.shape
    area = 0
    x0, y0, x1, y1 = w, h, -1, -1
    sum_x = sum_y = 0.0
    for k in runs:
        y, s, e = row_of[k], sx[k], ex[k]
        count = int(cum[y, e] - cum[y, s])
        if not count:
            continue
        inked = np.flatnonzero(weight[y, s:e])
        area += count
        x0, x1 = min(x0, s + int(inked[0])), max(x1, s + int(inked[-1]))
        y0, y1 = min(y0, y), max(y1, y)
        sum_x += float(inked.sum()) + s * count
        sum_y += y * count
    if not area:
        return None
    return Component(area, x0, y0, x1, y1, sum_x, sum_y)


def dilate(mask: np.ndarray, radius: int) -> np.ndarray:
    """A square dilation by ``radius`` pixels (shifted ORs, separable)."""
    if radius <= 0:
        return mask.copy()
    out = mask.copy()
    for r in range(1, radius + 1):
        out[r:, :] |= mask[:-r, :]
        out[:-r, :] |= mask[r:, :]
    rows = out.copy()
    for r in range(1, radius + 1):
        out[:, r:] |= rows[:, :-r]
        out[:, :-r] |= rows[:, r:]
    return out
