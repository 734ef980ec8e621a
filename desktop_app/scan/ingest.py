"""Scanned files → grey pages.

A scanner's PDF holds one image per page: it is taken as is (fast, and exactly what the
scanner saw); a PDF page that is not one image is rendered at 200 dpi. Image files (PNG,
JPEG, TIFF including multi-page) are read with Pillow, turned upright by their EXIF
orientation. Every page gets the SHA-256 of its grey pixels, so the same sheet fed twice is
recognised whatever the file, and a flag when it is a black-and-white (1-bit) scan, which
the reader refuses: such scans erase faint pencil.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from desktop_app.domain.errors import DataError
from desktop_app.domain.omr import PageSource

RENDER_DPI = 200
# Mid-grey: a quarter to three quarters of the way from black to white.
_MID = (64, 192)

Image.MAX_IMAGE_PIXELS = 60_000_000  # an A4 page at 600 dpi is 35 Mpx; more is not a scan


@dataclass(frozen=True)
class Page:
    """One scanned side of paper: grey pixels (0 black … 255 white), where it came from,
    its resolution if the file says so, and whether the file stored it in 1 bit."""

    source: PageSource
    pixels: np.ndarray
    dpi: float | None
    one_bit: bool

    def mid_grey_fraction(self) -> float:
        p = self.pixels
        return float(np.count_nonzero((p >= _MID[0]) & (p < _MID[1]))) / p.size

    def is_bilevel(self, min_mid_fraction: float) -> bool:
        """A black-and-white scan: stored in 1 bit, or (nearly) nothing but black and white."""
        return self.one_bit or self.mid_grey_fraction() < min_mid_fraction


def page_sha256(pixels: np.ndarray) -> str:
    h = hashlib.sha256()
    h.update(f"{pixels.shape[1]}x{pixels.shape[0]}:".encode())
    h.update(np.ascontiguousarray(pixels, dtype=np.uint8).tobytes())
    return h.hexdigest()


def _grey(image: Image.Image) -> tuple[np.ndarray, bool]:
    one_bit = image.mode == "1" or (
        image.mode == "P" and len(set(image.getpalette() or ())) <= 2 * 3
    )
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image.convert("RGBA"))
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(image, dtype=np.float64)
        top = max(float(arr.max()), 1.0)
        return (arr * (255.0 / (65535.0 if top > 255 else 255.0))).astype(np.uint8), one_bit
    return np.asarray(image.convert("L"), dtype=np.uint8).copy(), one_bit


def _page(name: str, number: int, image: Image.Image, dpi: float | None) -> Page:
    pixels, one_bit = _grey(image)
    return Page(PageSource(name, number, page_sha256(pixels)), pixels, dpi, one_bit)


def _image_dpi(image: Image.Image) -> float | None:
    dpi = image.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and float(dpi[0]) > 1:
        return float(dpi[0])
    return None


def _open_image(path: Path) -> Image.Image:
    try:
        return Image.open(path)
    except (UnidentifiedImageError, OSError) as exc:
        raise DataError(f"无法读取图像文件:{exc}", file=str(path)) from exc


def _image_pages(path: Path, name: str, only: int | None = None) -> Iterator[Page]:
    with _open_image(path) as image:
        frames = getattr(image, "n_frames", 1)
        for index in range(frames) if only is None else [only]:
            image.seek(index)
            frame = ImageOps.exif_transpose(image) or image
            yield _page(name, index + 1, frame, _image_dpi(image))


def _open_pdf(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise DataError(f"无法读取 PDF 文件:{exc}", file=str(path)) from exc


def _pdf_pages(path: Path, name: str, only: int | None = None) -> Iterator[Page]:
    import pypdfium2.raw as pdfium_c

    pdf = _open_pdf(path)
    try:
        for index in range(len(pdf)) if only is None else [only]:
            page = pdf[index]
            try:
                yield _pdf_page(page, name, index + 1, pdfium_c)
            finally:
                page.close()
    finally:
        pdf.close()


def _pdf_page(page: Any, name: str, number: int, pdfium_c: Any) -> Page:
    """A scanner's page is one image covering the page: take its pixels (turned as the page
    shows it); anything else is rendered."""
    width_pt, height_pt = page.get_size()
    images = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2))
    drawn = (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_PATH)
    others = list(page.get_objects(filter=drawn, max_depth=2))
    if len(images) == 1 and not others:
        image_obj = images[0]
        left, bottom, right, top = image_obj.get_bounds()
        covers = (right - left) >= 0.9 * width_pt and (top - bottom) >= 0.9 * height_pt
        if covers:
            px_w, _ = image_obj.get_px_size()
            one_bit = image_obj.get_metadata().bits_per_pixel == 1
            bitmap = image_obj.get_bitmap(render=False)
            image = bitmap.to_pil()
            # A page turned by /Rotate shows its image turned too.
            rotation = page.get_rotation()
            if rotation:
                image = image.rotate(-rotation, expand=True)
            dpi = 72.0 * px_w / (right - left) if right > left else None
            pixels, bit = _grey(image)
            return Page(PageSource(name, number, page_sha256(pixels)), pixels, dpi, one_bit or bit)
    bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
    return _page(name, number, bitmap.to_pil(), float(RENDER_DPI))


def _is_pdf(path: Path) -> bool:
    if not path.is_file():
        raise DataError("文件不存在", file=str(path))
    with path.open("rb") as f:
        return f.read(5) == b"%PDF-"


def read_pages(path: Path, name: str | None = None) -> Iterator[Page]:
    """Every page of a scanned file, in order. ``name`` is how the file is named in the
    ``page`` column (default: the file's name). Raises DataError for a file that cannot be
    read at all."""
    path = Path(path)
    label = name or path.name
    if _is_pdf(path):
        yield from _pdf_pages(path, label)
    else:
        yield from _image_pages(path, label)


def page_count(path: Path) -> int:
    """How many pages the file holds (DataError when it cannot be opened)."""
    path = Path(path)
    if _is_pdf(path):
        pdf = _open_pdf(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    with _open_image(path) as image:
        return int(getattr(image, "n_frames", 1))


def read_page_at(path: Path, index: int, name: str | None = None) -> Page:
    """Page ``index`` (from 0) of a file alone: what a worker process reads, so pages never
    travel between processes as pixels."""
    path = Path(path)
    label = name or path.name
    pages = _pdf_pages(path, label, index) if _is_pdf(path) else _image_pages(path, label, index)
    return next(iter(pages))
