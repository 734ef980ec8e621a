"""The blank ballots: drawn from the layout, every QR code reads back to its page's serial,
the rule text follows the meeting's rules, the same input gives the same bytes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pypdfium2 as pdfium
import pytest
import zxingcpp
from PIL import Image
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.domain.ballot_layout import (
    PT,
    BallotLayout,
    TextBlock,
    ballot_layout,
    draft_key,
    parse_payload,
    text_width_mm,
)
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.serials import serial_key, serials
from desktop_app.reports.ballot_papers import ballot_papers_pdf
from desktop_app.reports.fonts import register_fonts
from tests.ballot_meetings import ballot_meeting
from tests.reports.conftest import ReadPdf
from tests.reports.test_pdfs import assert_embeds_font

NOW = dt.datetime(2021, 1, 20, 16, 30)
DPI = 150
SERIAL = re.compile(r"票号([A-Z]+-[0-9]+)")


def render(data: bytes, pages: list[int] | None = None) -> list[Image.Image]:
    """Pages (0-based) as grey images at DPI, as a scanner would deliver them."""
    document = pdfium.PdfDocument(data)
    try:
        wanted = range(len(document)) if pages is None else pages
        return [document[i].render(scale=DPI / 72, grayscale=True).to_pil() for i in wanted]
    finally:
        document.close()


def qr_texts(image: Image.Image) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(image)]


def printed_serial(page_text: str) -> str:
    found = SERIAL.findall("".join(page_text.split()))
    assert len(found) == 1, page_text[:200]
    return str(found[0])


def check_codes(
    meeting: Meeting, data: bytes, pdf: ReadPdf, pages: list[int] | None = None
) -> None:
    """Every QR on the chosen pages reads, names this meeting and layout, and carries the
    serial and sheet printed on its page."""
    layout = ballot_layout(meeting)
    sheets = len(layout.pages)
    indices = list(range(pdf.page_count)) if pages is None else pages
    for index, image in zip(indices, render(data, indices), strict=True):
        texts = qr_texts(image)
        assert len(texts) == 1, f"page {index + 1}: {texts}"
        payload = parse_payload(texts[0])
        assert payload.meeting_key == draft_key(meeting)
        assert payload.layout_digest == layout.short_digest
        assert payload.serial == printed_serial(pdf.pages[index])
        assert payload.page == index % sheets + 1 and payload.pages == sheets
        assert f"第{payload.page}页/共{sheets}页" in "".join(pdf.pages[index].split())
        assert payload.type_code == payload.serial.split("-")[0]


def test_seed_ballots_one_sheet_each_with_the_meetings_serials(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting
) -> None:
    data = ballot_papers_pdf(seed_meeting, generated_at=NOW)
    pdf = read_pdf(data)
    assert pdf.page_count == 30 + 160
    expected = [s for t in seed_meeting.ballot_types for s in serials(seed_meeting, t)]
    assert [printed_serial(page) for page in pdf.pages] == expected
    assert expected[0] == "A-001" and expected[-1] == "B-160"
    for target in seed_meeting.targets:
        assert target in pdf.pages[0]
    flat = "".join(pdf.pages[0].split())
    assert "“县(市、区)、开发区(管理区)、市直系统”评价为“好”的不超过11个" in flat
    assert "“省市属高校”评价为“好”的不超过3个" in flat
    check_codes(seed_meeting, data, pdf, [0, 29, 30, 189])
    assert_embeds_font(data)


def test_the_level_labels_head_every_category(
    read_pdf: Callable[[bytes], ReadPdf], seed_meeting: Meeting
) -> None:
    pdf = read_pdf(ballot_papers_pdf(seed_meeting, generated_at=NOW))
    heads = re.findall(r"好\s+较好\s+一般\s+差", pdf.pages[0])
    assert len(heads) == len(seed_meeting.categories)


def test_a_64_unit_meeting_with_long_names_continues_on_further_sheets(
    read_pdf: Callable[[bytes], ReadPdf],
) -> None:
    meeting = ballot_meeting(64, long=True, issued=(2, 1))
    data = ballot_papers_pdf(meeting, generated_at=NOW)
    pdf = read_pdf(data)
    assert pdf.page_count == 3 * 3
    for ballot in range(3):
        sheets = pdf.pages[3 * ballot : 3 * ballot + 3]
        text = "".join("".join(page.split()) for page in sheets)
        for target in meeting.targets:
            assert "".join(target.split()) in text, target
        assert len({printed_serial(page) for page in sheets}) == 1
    assert "续页" in pdf.pages[1] and "续页" not in pdf.pages[0]
    check_codes(meeting, data, pdf)


@pytest.mark.parametrize(
    ("multi_mark", "over_cap", "caps", "says", "never"),
    [
        ("void_ballot", "void_ballot", True, "不得多选,超过的为废票。", "该类评价无效"),
        ("void_ballot", "void_ballot", False, "不得多选,超过的为废票。", "不超过"),
        (
            "void_target",
            "void_ballot",
            True,
            "不得多选;对同一评议对象多选的,该对象的评价无效;超过限额的为废票。",
            "多选的为废票",
        ),
        (
            "void_ballot",
            "void_category",
            True,
            "不得多选;多选的为废票;超过限额的,该类评价无效。",
            "超过的为废票",
        ),
        (
            "void_target",
            "void_category",
            True,
            "不得多选;对同一评议对象多选的,该对象的评价无效;超过限额的,该类评价无效。",
            "废票",
        ),
    ],
)
def test_the_rule_text_follows_the_meetings_rules(
    read_pdf: Callable[[bytes], ReadPdf],
    multi_mark: str,
    over_cap: str,
    caps: bool,
    says: str,
    never: str,
) -> None:
    meeting = ballot_meeting(12, caps=caps, multi_mark=multi_mark, over_cap=over_cap)
    data = ballot_papers_pdf(meeting, generated_at=NOW)
    pdf = read_pdf(data)
    flat = "".join(pdf.pages[0].split())
    assert says in flat
    assert never not in flat
    for words in (
        "请用黑色或蓝色笔在框内划“√”",
        "请勿折叠",
        "勿在四角黑块和二维码上书写",
        "实际大小",
    ):
        assert words in flat
    if caps:
        assert "“第1类评议单位”评价为“好”的不超过2个" in flat
    check_codes(meeting, data, pdf)


def test_the_same_meeting_and_time_give_the_same_bytes(seed_meeting: Meeting) -> None:
    first = ballot_papers_pdf(seed_meeting, generated_at=NOW)
    assert ballot_papers_pdf(seed_meeting, generated_at=NOW) == first
    later = ballot_papers_pdf(seed_meeting, generated_at=NOW + dt.timedelta(minutes=1))
    assert later != first


def test_a_stored_meetings_key_goes_into_every_code() -> None:
    meeting = ballot_meeting(5, issued=(1, 1))
    data = ballot_papers_pdf(meeting, generated_at=NOW, meeting_key="0A1B2C")
    payloads = [parse_payload(qr_texts(image)[0]) for image in render(data)]
    assert [p.meeting_key for p in payloads] == ["0A1B2C", "0A1B2C"]
    assert [p.serial for p in payloads] == ["A-001", "B-001"]


def _pixels(image: Image.Image, x_mm: float, y_mm: float) -> list[int]:
    """The 3 x 3 pixels around a point (a 0.75 pt line is under 2 pixels wide at 150 dpi)."""
    x, y = round(x_mm / 25.4 * DPI), round(y_mm / 25.4 * DPI)
    found = []
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            pixel = image.getpixel((x + dx, y + dy))
            assert isinstance(pixel, int)
            found.append(pixel)
    return found


def _dark(image: Image.Image, x_mm: float, y_mm: float) -> bool:
    return min(_pixels(image, x_mm, y_mm)) < 128


def _white(image: Image.Image, x_mm: float, y_mm: float) -> bool:
    return min(_pixels(image, x_mm, y_mm)) > 200


def test_the_pdf_draws_marks_and_boxes_where_the_layout_says() -> None:
    meeting = ballot_meeting(40, long=True, issued=(1, 1))
    layout = ballot_layout(meeting)
    images = render(ballot_papers_pdf(meeting, generated_at=NOW), [0, 1])
    for page, image in zip(layout.pages, images, strict=True):
        for mark in layout.fiducials:
            assert _dark(image, *mark.centre)
            assert _white(image, mark.x - 2.0, mark.centre[1])  # the white ring
            assert _white(image, mark.centre[0], mark.bottom + 2.0)
        for row in page.rows:
            for cell in row.cells:
                box = cell.box
                cx, cy = box.centre
                assert _white(image, cx, cy), (row.target, cell.level)  # empty inside
                assert _dark(image, box.x, cy) and _dark(image, box.right, cy)
                assert _dark(image, cx, box.y) and _dark(image, cx, box.bottom)
                assert _white(image, box.x - 1.5, cy)  # nothing beside the box


def _blocks(layout: BallotLayout) -> list[TextBlock]:
    found = [layout.title]
    for page in layout.pages:
        found.append(page.instructions)
        for header in page.headers:
            found += [header.name, *header.labels]
        for row in page.rows:
            found += [row.number_text, row.name]
    return found


def test_the_layouts_text_estimate_is_never_narrower_than_the_font() -> None:
    font = register_fonts()
    for meeting in (ballot_meeting(64, long=True), ballot_meeting(12, levels=("称职", "不称职"))):
        for block in _blocks(ballot_layout(meeting)):
            for line in block.lines:
                real = stringWidth(line, font, block.size_pt) * PT  # points to mm
                assert real <= text_width_mm(line, block.size_pt) + 1e-6, line
                assert real <= block.rect.w + 1e-6, line


def test_printed_serials_are_their_own_normal_form(seed_meeting: Meeting) -> None:
    for ballot_type in seed_meeting.ballot_types:
        for serial in serials(seed_meeting, ballot_type):
            assert serial_key(serial) == serial_key(serial.lower())
            assert len(serial.split("-")[1]) == 3


def test_one_chosen_ballot_prints_alone_on_all_its_sheets() -> None:
    meeting = ballot_meeting(64, issued=(100, 300))
    b = meeting.ballot_types[1]
    data = ballot_papers_pdf(meeting, generated_at=NOW, ballots=[(b, "B-123")])
    payloads = [parse_payload(qr_texts(image)[0]) for image in render(data)]
    assert [(p.serial, p.page, p.pages) for p in payloads] == [("B-123", n, 3) for n in (1, 2, 3)]
