"""Ballot serials (票号): one paper, one serial (FORMATS.md section 2).

Two serials name the same paper ballot when their :func:`serial_key` is equal: Unicode NFKC
(full-width ``Ａ－００１`` → ``A-001``), trimmed, upper case, and each run of digits without its
leading zeros. So ``A-001``, ``A-1``, ``a-0001`` and ``Ａ－００１`` are one ballot, and a second
of them is a duplicate wherever ballots are stored (entry screen, CSV import, double entry,
several stations, scanning).

Serials are *written* one way per meeting: the type code, a hyphen and the number padded to
the meeting's width (:func:`serial_width`, at least 3 digits, more when a type issues 1000
ballots or more). The blank ballots, the entry screen's proposal and the QR code use
:func:`format_serial`; what a clerk types goes through :func:`written_serial`.
"""

from __future__ import annotations

import re
import unicodedata

from desktop_app.domain.meeting import BallotType, Meeting

MIN_SERIAL_DIGITS = 3
_DIGITS = re.compile(r"\d+")


def serial_key(serial: str) -> str:
    """The normalised form two serials are compared by (``Ａ－００１`` → ``A-1``)."""
    text = unicodedata.normalize("NFKC", serial).strip().upper()
    # \d also matches other scripts' digits; NFKC has already made full-width ones ASCII.
    return _DIGITS.sub(lambda m: str(int(m.group()) if m.group().isascii() else m.group()), text)


def serial_width(meeting: Meeting) -> int:
    """Digits of every serial the meeting writes: enough for its largest issued type."""
    largest = max((t.issued or 1 for t in meeting.ballot_types), default=1)
    return max(MIN_SERIAL_DIGITS, len(str(largest)))


def format_serial(meeting: Meeting, type_code: str, number: int) -> str:
    """The meeting's way of writing ballot ``number`` of a type: ``A-001``."""
    return f"{type_code}-{number:0{serial_width(meeting)}d}"


def serials(meeting: Meeting, ballot_type: BallotType) -> list[str]:
    """``A-001`` … for every issued ballot of the type (one when the number is unknown)."""
    return [
        format_serial(meeting, ballot_type.code, n) for n in range(1, (ballot_type.issued or 1) + 1)
    ]


def written_serial(meeting: Meeting, type_code: str, typed: str) -> str:
    """A typed serial written the meeting's way when it is of the type's form (``a-1``,
    ``Ａ－０１`` → ``A-001``); anything else as typed, trimmed. The entry screen stores this,
    so the ballot list and the exports show what the paper says."""
    match = re.fullmatch(re.escape(serial_key(type_code)) + r"-([0-9]+)", serial_key(typed))
    if match is None:
        return typed.strip()
    return format_serial(meeting, type_code, int(match.group(1)))
