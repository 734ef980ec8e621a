"""Shared pieces of the scan tests: a 27-unit meeting, its layout, a key, reading helpers and
the core property check."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PIL import Image

from desktop_app.domain.ballot_layout import BallotLayout, ballot_layout
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.omr import RowReading
from desktop_app.scan.ingest import Page, _page
from desktop_app.scan.read import PageReading, ReadContext, read_page
from tests.ballot_meetings import ballot_meeting
from tests.scan.synth import RowTruth

KEY = "5CA11E"


@dataclass(frozen=True)
class Misread:
    target: str
    read: tuple[str, ...]
    truth: RowTruth


def misreads(rows: tuple[RowReading, ...], truth: dict[str, RowTruth]) -> list[Misread]:
    """Rows read with confidence whose reading is not the truth (or whose truth is
    ambiguous: a correction or several marks must always be flagged)."""
    wrong = []
    for row in rows:
        t = truth[row.target]
        if row.confident and (t.ambiguous or set(row.marks) != set(t.marks)):
            wrong.append(Misread(row.target, row.marks, t))
    return wrong


def as_page(image: Image.Image, name: str = "scan.png", number: int = 1) -> Page:
    dpi = image.info.get("dpi")
    return _page(name, number, image, float(dpi[0]) if dpi else None)


@pytest.fixture(scope="session")
def meeting() -> Meeting:
    return ballot_meeting(27, issued=(40, 60))


@pytest.fixture(scope="session")
def layout(meeting: Meeting) -> BallotLayout:
    return ballot_layout(meeting)


@pytest.fixture(scope="session")
def ctx(meeting: Meeting) -> ReadContext:
    return ReadContext(meeting, KEY)


def read_image(image: Image.Image, ctx: ReadContext) -> PageReading:
    return read_page(as_page(image), ctx)
