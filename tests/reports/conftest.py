"""Helpers to read PDFs back with QtPdf, as the app's preview does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication


class ReadPdf:
    """A PDF opened with QtPdf: its page count and the text of each page."""

    def __init__(self, path: Path) -> None:
        self.document = QPdfDocument()
        status = self.document.load(str(path))
        assert status == QPdfDocument.Error.None_, status
        self.pages = [self.document.getAllText(i).text() for i in range(self.document.pageCount())]

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


@pytest.fixture
def read_pdf(qapp: QApplication, tmp_path: Path) -> Callable[[bytes], ReadPdf]:
    counter = iter(range(1_000_000))

    def read(data: bytes) -> ReadPdf:
        path = tmp_path / f"doc-{next(counter)}.pdf"
        path.write_bytes(data)
        return ReadPdf(path)

    return read
