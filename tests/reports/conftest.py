"""Helpers to read PDFs back: with QtPdf, as the app's preview does, wherever Qt is installed;
in the Qt-free run (see .ci/run) with pypdfium2, the bindings to PDFium, the engine QtPdf is
built on. Both give a page count and each page's text; the tests assert on those alone."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

# The one switch between the two readers: is Qt's PDF module installed at all?
HAVE_QTPDF = importlib.util.find_spec("PySide6") is not None


class Box(NamedTuple):
    """A run of text on a page, in points from the page's top-left corner."""

    left: float
    top: float
    right: float
    bottom: float


class _QtPdfReader:
    def __init__(self, path: Path) -> None:
        from PySide6.QtPdf import QPdfDocument

        self.document = QPdfDocument()
        status = self.document.load(str(path))
        assert status == QPdfDocument.Error.None_, status
        count = self.document.pageCount()
        self.pages = [self.document.getAllText(i).text() for i in range(count)]

    def size(self, page: int) -> tuple[float, float]:
        size = self.document.pagePointSize(page)
        return size.width(), size.height()

    def boxes(self, page: int) -> list[Box]:
        rects = [p.boundingRect() for p in self.document.getAllText(page).bounds()]
        return [Box(r.left(), r.top(), r.right(), r.bottom()) for r in rects]


class _PdfiumReader:
    def __init__(self, path: Path) -> None:
        import pypdfium2

        self.document = pypdfium2.PdfDocument(path)
        self.pages = [page.get_textpage().get_text_range() for page in self.document]

    def size(self, page: int) -> tuple[float, float]:
        width, height = self.document[page].get_size()
        return float(width), float(height)

    def boxes(self, page: int) -> list[Box]:
        _width, height = self.size(page)
        text_page = self.document[page].get_textpage()
        rects = [text_page.get_rect(i) for i in range(text_page.count_rects())]
        # PDF space starts at the bottom-left corner; Qt's (and Box's) at the top-left.
        return [
            Box(left, height - top, right, height - bottom) for left, bottom, right, top in rects
        ]


class ReadPdf:
    """A PDF read back: its page count, the text of each page, and where the text lies."""

    def __init__(self, path: Path) -> None:
        self._reader = _QtPdfReader(path) if HAVE_QTPDF else _PdfiumReader(path)
        self.pages: list[str] = self._reader.pages

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def flat(self) -> str:
        """All text without white space, so words wrapped in a table cell read whole."""
        return "".join(self.text.split())

    def size(self, page: int) -> tuple[float, float]:
        """The page's width and height in points."""
        return self._reader.size(page)

    def boxes(self, page: int) -> list[Box]:
        """Where the page's text lies, run by run."""
        return self._reader.boxes(page)


@pytest.fixture
def read_pdf(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[bytes], ReadPdf]:
    if HAVE_QTPDF:
        request.getfixturevalue("qapp")  # QtPdf wants an application object
    counter = iter(range(1_000_000))

    def read(data: bytes) -> ReadPdf:
        path = tmp_path / f"doc-{next(counter)}.pdf"
        path.write_bytes(data)
        return ReadPdf(path)

    return read
