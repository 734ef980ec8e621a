"""Characters the documents cannot print: caught when a meeting is set up or imported.

The bundled font lacks some characters (𠮷 in a place name, a rare surname from CJK
extension B, an emoji). reportlab would print a blank where they stand, on a sheet to be
signed. Every text of the meeting is checked against the font, and a missing character is a
problem named by its field (``categories[0].targets[3]``), before anything is printed.

The font is a concern of the documents, not of the domain: what the font covers is installed
here (:func:`set_font_coverage`) by whoever starts the program
(``desktop_app.reports.fonts.install_font_coverage``). Without it nothing is checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.text import translate

Coverage = Callable[[str], bool]
"""Whether the font can print one character."""

_coverage: Coverage | None = None


def set_font_coverage(coverage: Coverage | None) -> None:
    """Check meetings against ``coverage`` from now on (None: check nothing)."""
    global _coverage
    _coverage = coverage


def font_coverage() -> Coverage | None:
    """The installed coverage, if any."""
    return _coverage


def meeting_texts(meeting: Meeting) -> Iterator[tuple[str, str]]:
    """Every text of the meeting a document prints, with its field path."""
    yield "title", meeting.title
    yield "venue", meeting.venue
    yield "chair", meeting.chair
    yield "attendees", meeting.attendees
    yield "recorder", meeting.recorder
    for i, item in enumerate(meeting.agenda):
        yield f"agenda[{i}].title", item.title
        yield f"agenda[{i}].speaker", item.speaker or ""
    for i, speaker in enumerate(meeting.speakers):
        yield f"speakers[{i}].name", speaker.name
        yield f"speakers[{i}].post", speaker.post
    for i, level in enumerate(meeting.levels):
        yield f"levels[{i}].label", level.label
    for i, category in enumerate(meeting.categories):
        yield f"categories[{i}].name", category.name
        for j, target in enumerate(category.targets):
            yield f"categories[{i}].targets[{j}]", target
    for i, ballot_type in enumerate(meeting.ballot_types):
        yield f"ballot_types[{i}].code", ballot_type.code
        yield f"ballot_types[{i}].label", ballot_type.label


def missing_characters(text: str, coverage: Coverage) -> str:
    """The characters of ``text`` the font cannot print, each once, in order (white space
    is never printed as a glyph and never missing)."""
    missing: list[str] = []
    for char in text:
        if char.isspace() or char in missing:
            continue
        if not coverage(char):
            missing.append(char)
    return "".join(missing)


def unprintable_fields(meeting: Meeting, coverage: Coverage | None = None) -> list[tuple[str, str]]:
    """``(field, characters)`` for every field with characters the font lacks; with no
    coverage given, the installed one (none installed: nothing is found)."""
    coverage = coverage or _coverage
    if coverage is None:
        return []
    found = []
    for field, text in meeting_texts(meeting):
        missing = missing_characters(text, coverage)
        if missing:
            found.append((field, missing))
    return found


def describe(missing: str) -> str:
    """``“𠮷”(U+20BB7)``: the characters and their code points, for people to find them."""
    return translate("Core", "、").join(f"“{c}”(U+{ord(c):04X})" for c in missing)


def check_printable(meeting: Meeting, *, source: str | None = None) -> None:
    """Raise :class:`DataError` naming the first field with characters the font lacks."""
    for field, missing in unprintable_fields(meeting):
        raise DataError(
            translate(
                "Core",
                "含有文档字体无法打印的字符 {chars},印出来会是空白;请换一种写法"
                " / characters the document font cannot print",
            ).format(chars=describe(missing)),
            file=source,
            field=field,
        )
