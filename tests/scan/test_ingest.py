"""Scanned files to grey pages: PDF (embedded images and drawn pages), multi-page TIFF, JPEG
and PNG with EXIF orientation, 1-bit detection, page hashes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from desktop_app.domain.errors import DataError
from desktop_app.scan.ingest import read_pages


def _sheet(seed: int, size: tuple[int, int] = (170, 240)) -> Image.Image:
    rng = np.random.default_rng(seed)
    arr = np.full((size[1], size[0]), 235, dtype=np.uint8)
    arr[20:60, 30:50] = 20  # a dark block to know which way up it is
    arr[100:140, :] = np.linspace(20, 230, size[0], dtype=np.uint8)  # greys, as a scan has
    arr += rng.integers(0, 10, arr.shape, dtype=np.uint8)
    return Image.fromarray(arr)


def test_a_scanner_pdf_gives_its_embedded_images_at_their_resolution(tmp_path: Path) -> None:
    sheets = [_sheet(i) for i in range(3)]
    path = tmp_path / "pile.pdf"
    sheets[0].save(path, save_all=True, append_images=sheets[1:], resolution=100)
    pages = list(read_pages(path))
    assert [p.source.label for p in pages] == ["pile.pdf#1", "pile.pdf#2", "pile.pdf#3"]
    for page, sheet in zip(pages, sheets, strict=True):
        assert page.pixels.shape == (240, 170)
        assert page.dpi == pytest.approx(100, rel=0.01)
        # JPEG inside the PDF: close to the original, not equal.
        assert np.abs(page.pixels.astype(int) - np.asarray(sheet, dtype=int)).mean() < 4
        assert not page.one_bit
    assert len({p.source.sha256 for p in pages}) == 3


def test_a_pdf_page_that_is_not_one_image_is_rendered(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "drawn.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()
    [page] = read_pages(path)
    assert page.dpi == 200
    assert page.pixels.shape == (round(297 / 25.4 * 200), round(210 / 25.4 * 200))
    assert page.pixels.min() < 50 and page.pixels.max() > 200


def test_multi_page_tiff_and_a_one_bit_tiff(tmp_path: Path) -> None:
    path = tmp_path / "pile.tif"
    sheets = [_sheet(i) for i in range(2)]
    sheets[0].save(path, save_all=True, append_images=sheets[1:], dpi=(200, 200))
    pages = list(read_pages(path))
    assert [p.source.page for p in pages] == [1, 2]
    assert (pages[1].pixels == np.asarray(sheets[1])).all()
    assert pages[0].dpi == 200
    bw = tmp_path / "bw.tif"
    sheets[0].convert("1").save(bw, compression="group4")
    [page] = read_pages(bw)
    assert page.one_bit and page.is_bilevel(0.01)
    assert not pages[0].is_bilevel(0.01)


def test_a_phone_jpeg_is_turned_upright_by_its_exif_orientation(tmp_path: Path) -> None:
    sheet = _sheet(1)
    stored = sheet.rotate(90, expand=True)  # as the camera stored it
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    path = tmp_path / "photo.jpg"
    stored.save(path, quality=95, exif=exif)
    [page] = read_pages(path)
    assert page.pixels.shape == (240, 170)
    # The dark block is back at the top left.
    assert page.pixels[20:60, 30:50].mean() < 80


def test_the_page_hash_is_of_the_pixels_not_the_file(tmp_path: Path) -> None:
    sheet = _sheet(2)
    sheet.save(tmp_path / "a.png")
    sheet.save(tmp_path / "b.tif", compression="tiff_lzw")
    [a] = read_pages(tmp_path / "a.png")
    [b] = read_pages(tmp_path / "b.tif")
    assert a.source.sha256 == b.source.sha256


def test_files_that_are_not_scans_are_refused_with_their_name(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("hello")
    with pytest.raises(DataError) as info:
        list(read_pages(junk))
    assert info.value.file == str(junk)
    with pytest.raises(DataError):
        list(read_pages(tmp_path / "missing.pdf"))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nonsense")
    with pytest.raises(DataError):
        list(read_pages(broken))
