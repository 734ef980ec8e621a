"""The reader on synthetic scans: the core property (a row not flagged reads as the truth),
out-of-envelope pages refused or flagged, metamorphic checks, and a pile's duplicates."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFilter

from desktop_app.domain.ballot_layout import BallotLayout
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.omr import ReviewReason
from desktop_app.scan.read import ReadContext, assemble
from tests.ballot_meetings import ballot_meeting
from tests.scan.conftest import KEY, misreads, read_image
from tests.scan.synth import (
    PAPER_PX,
    Envelope,
    Scenario,
    blank_page,
    degrade,
    fill,
    synthetic_ballot,
)

CORPUS = range(1, 13)


@pytest.mark.parametrize("seed", CORPUS)
def test_a_row_not_flagged_reads_as_the_truth(
    seed: int, meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    ballot = synthetic_ballot(meeting, layout, KEY, "A", f"A-{seed:03d}", seed)
    reading = read_image(ballot.pages[0], ctx)
    assert reading.payload is not None and reading.payload.serial == ballot.serial
    assert misreads(reading.rows, ballot.truth) == []
    if not reading.reasons:
        assert len(reading.rows) == len(meeting.targets)
        # Ambiguous rows are always among the flagged ones.
        for row in reading.rows:
            if ballot.truth[row.target].ambiguous:
                assert not row.confident


def test_a_clean_scan_reads_nearly_everything_with_confidence(
    meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    plain = Scenario(
        empty=0.6, tick=0.4, cross=0, pencil=0, multi=0, correction=0, bigtick=0, dot=0
    )
    ballot = synthetic_ballot(
        meeting, layout, KEY, "B", "B-007", 99, scenario=plain, envelope=Envelope()
    )
    reading = read_image(ballot.pages[0], ctx)
    assert reading.reasons == ()
    assert misreads(reading.rows, ballot.truth) == []
    confident = [r for r in reading.rows if r.confident]
    assert len(confident) >= len(reading.rows) - 2
    assert any(r.marks for r in confident) and any(not r.marks for r in confident)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.integers(1000, 10**6),
    dpi=st.sampled_from([150, 200, 300]),
    scale=st.floats(0.94, 1.0),
    skew=st.floats(-3, 3),
    blur=st.floats(0, 1.2),
    noise=st.floats(0, 6),
    jpeg=st.sampled_from([None, 95, 75]),
    photocopy=st.booleans(),
)
def test_the_core_property_anywhere_in_the_envelope(
    meeting: Meeting,
    layout: BallotLayout,
    ctx: ReadContext,
    seed: int,
    dpi: int,
    scale: float,
    skew: float,
    blur: float,
    noise: float,
    jpeg: int | None,
    photocopy: bool,
) -> None:
    env = Envelope(
        dpi=dpi, scale=scale, skew_deg=skew, blur=blur, noise=noise, jpeg=jpeg, photocopy=photocopy
    )
    ballot = synthetic_ballot(meeting, layout, KEY, "A", "A-001", seed, envelope=env)
    reading = read_image(ballot.pages[0], ctx)
    assert misreads(reading.rows, ballot.truth) == []


# --- out of the envelope: refused or flagged, never read silently ---------------------------


def _clean(meeting: Meeting, layout: BallotLayout, seed: int = 5) -> tuple[Image.Image, dict]:
    image = blank_page(meeting, KEY, "A-005")
    truth = fill(image, layout, 1, random.Random(seed), Scenario())
    return image, truth


def test_a_black_and_white_scan_is_refused(
    meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    paper, _ = _clean(meeting, layout)
    scan = degrade(paper, Envelope(dpi=200), 1).convert("1")
    scan.info["dpi"] = (200, 200)
    reading = read_image(scan, ctx)
    assert reading.reasons == (ReviewReason.BILEVEL,)
    assert reading.rows == ()
    # The same as 8-bit grey that holds nothing but black and white is refused too.
    reading = read_image(scan.convert("L"), ctx)
    assert reading.reasons == (ReviewReason.BILEVEL,)


def test_a_page_without_its_code_is_unreadable(
    meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    paper, _ = _clean(meeting, layout)
    q = layout.qr
    ImageDraw.Draw(paper).rectangle(
        [q.x * PAPER_PX, q.y * PAPER_PX, q.right * PAPER_PX, q.bottom * PAPER_PX], fill=255
    )
    reading = read_image(degrade(paper, Envelope(), 1), ctx)
    assert reading.reasons == (ReviewReason.UNREADABLE,)
    assert reading.payload is None


def test_another_meetings_ballot_and_an_older_layout_are_foreign(
    meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    paper, _ = _clean(meeting, layout)
    scan = degrade(paper, Envelope(), 1)
    other = ReadContext(meeting, "0DD0DD")
    reading = read_image(scan, other)
    assert reading.reasons == (ReviewReason.FOREIGN,)
    assert reading.payload is not None and reading.payload.serial == "A-005"
    # The meeting changed after printing (a unit added): the layout digest no longer matches.
    changed = ReadContext(ballot_meeting(28, issued=(40, 60)), KEY)
    assert read_image(scan, changed).reasons == (ReviewReason.FOREIGN,)


def test_two_corner_marks_cropped_off_is_unreadable(
    meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    paper, _ = _clean(meeting, layout)
    scan = degrade(paper, Envelope(), 1)
    cropped = scan.crop((0, 0, scan.width, scan.height - round(25 / 25.4 * 200)))
    cropped.info["dpi"] = (200, 200)
    reading = read_image(cropped, ctx)
    assert reading.reasons == (ReviewReason.UNREADABLE,)


def test_a_ballot_printed_at_85_percent_is_unreadable(
    meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    paper, _ = _clean(meeting, layout)
    reading = read_image(degrade(paper, Envelope(scale=0.85), 1), ctx)
    assert reading.reasons == (ReviewReason.UNREADABLE,)


def test_a_heavily_blurred_page_is_never_misread(
    meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    paper, truth = _clean(meeting, layout, seed=8)
    scan = degrade(paper, Envelope(), 1).filter(ImageFilter.GaussianBlur(5))
    scan.info["dpi"] = (200, 200)
    reading = read_image(scan, ctx)
    assert misreads(reading.rows, truth) == []
    assert reading.reasons or not all(r.confident for r in reading.rows)


# --- metamorphic ------------------------------------------------------------------------


def _confident(reading) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {r.target: r.marks for r in reading.rows if r.confident}


@pytest.mark.parametrize(
    "variant",
    [
        Envelope(rotate180=True),
        Envelope(jpeg=60),
        Envelope(dpi=300),
    ],
    ids=["rotated-180", "jpeg-60", "300-dpi"],
)
def test_turning_recompressing_or_rescanning_keeps_the_confident_readings(
    variant: Envelope, meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    paper, truth = _clean(meeting, layout, seed=11)
    base = read_image(degrade(paper, Envelope(), 3), ctx)
    other = read_image(degrade(paper, variant, 3), ctx)
    assert base.reasons == other.reasons == ()
    a, b = _confident(base), _confident(other)
    assert len(set(a) & set(b)) >= len(truth) - 4
    assert {t: a[t] for t in set(a) & set(b)} == {t: b[t] for t in set(a) & set(b)}
    assert misreads(other.rows, truth) == []


def test_a_stray_dot_never_turns_a_confident_row_into_another_confident_reading(
    meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    paper, _truth = _clean(meeting, layout, seed=12)
    base = read_image(degrade(paper, Envelope(), 3), ctx)
    dotted = paper.copy()
    draw = ImageDraw.Draw(dotted)
    rng = random.Random(3)
    for row in layout.pages[0].rows:
        cell = rng.choice(row.cells)
        x = cell.rect.x + rng.uniform(1.5, cell.rect.w - 1.5)
        y = cell.rect.y + rng.uniform(1.5, cell.rect.h - 1.5)
        r = 0.35 * PAPER_PX
        draw.ellipse(
            [x * PAPER_PX - r, y * PAPER_PX - r, x * PAPER_PX + r, y * PAPER_PX + r], fill=30
        )
    after = read_image(degrade(dotted, Envelope(), 3), ctx)
    before = _confident(base)
    for target, marks in _confident(after).items():
        if target in before:
            assert marks == before[target], target


# --- a pile ----------------------------------------------------------------------------


def test_the_same_serial_twice_in_a_pile_flags_both_and_keeps_the_others(
    meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    first = synthetic_ballot(meeting, layout, KEY, "A", "A-001", 21, envelope=Envelope())
    again = synthetic_ballot(meeting, layout, KEY, "A", "A-001", 22, envelope=Envelope(skew_deg=1))
    other = synthetic_ballot(meeting, layout, KEY, "B", "B-001", 23, envelope=Envelope())
    pages = [read_image(b.pages[0], ctx) for b in (first, again, other)]
    pile = assemble(pages, meeting)
    assert [b.serial for b in pile.ballots] == ["A-001", "A-001", "B-001"]
    assert [ReviewReason.DUPLICATE in b.page_reasons for b in pile.ballots] == [True, True, False]
    assert pile.ballots[0].review()[0] == "duplicate"  # then its rows, which were read


@pytest.mark.parametrize("width_mm", [0.3, 1.0])
def test_a_streak_down_the_scanner_glass_is_never_read_as_marks(
    width_mm: float, meeting: Meeting, layout: BallotLayout, ctx: ReadContext
) -> None:
    paper, truth = _clean(meeting, layout, seed=14)
    scan = degrade(paper, Envelope(), 3)
    # A dark line the whole height of the page, through one level column's boxes.
    x = layout.pages[0].rows[0].cells[2].box.centre[0] * 200 / 25.4
    w = max(1, round(width_mm * 200 / 25.4))
    ImageDraw.Draw(scan).rectangle([x, 0, x + w, scan.height], fill=40)
    reading = read_image(scan, ctx)
    assert misreads(reading.rows, truth) == []
    assert reading.reasons or all(not r.confident for r in reading.rows if r.target in truth)
