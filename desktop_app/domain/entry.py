"""Ballot entry rules that decide something: serial numbering, live cap counts, double-entry
pairing, progress against the ballots collected and issued, and the scrutineers' audit sample.

The entry screen and the store call these; nothing here knows about Qt or SQL.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Category, Meeting
from desktop_app.domain.serials import MIN_SERIAL_DIGITS
from desktop_app.domain.tally import exceeds
from desktop_app.domain.text import translate

_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def first_serial(type_code: str, width: int = MIN_SERIAL_DIGITS) -> str:
    """The serial proposed for a type's first ballot, written as the blank ballots print it:
    ``A-001`` (``width`` digits: :func:`~desktop_app.domain.serials.serial_width`)."""
    return f"{type_code}-{1:0{width}d}"


def next_serial(previous: str | None, type_code: str, width: int = MIN_SERIAL_DIGITS) -> str:
    """The serial after ``previous``: its trailing number plus one (``A-009`` → ``A-010``,
    ``7`` → ``8``, ``99`` → ``100``), at ``width`` digits when it has the meeting's form
    ``A-…`` and else at its own width; a serial without a trailing number gets ``-2``. With
    no previous ballot of the type: :func:`first_serial`."""
    if not previous:
        return first_serial(type_code, width)
    match = _TRAILING_NUMBER.match(previous)
    if match is None:
        return f"{previous}-2"
    prefix, digits = match.groups()
    if prefix == f"{type_code}-":
        # The meeting's own form: back to its one width whatever the clerk typed (A-1 → A-002).
        return f"{prefix}{int(digits) + 1:0{width}d}"
    return f"{prefix}{int(digits) + 1:0{len(digits)}d}"


def level_counts(category: Category, marks: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """How many of the category's targets carry exactly one mark at each level (the count
    the caps apply to); multi-marked targets are not counted at any level."""
    counts: dict[str, int] = {}
    for target in category.targets:
        ticks = marks.get(target, ())
        if len(ticks) == 1:
            counts[ticks[0]] = counts.get(ticks[0], 0) + 1
    return counts


def ballot_to_dict(ballot: Ballot) -> dict[str, object]:
    """A ballot as plain JSON data (audit log, entry table): marks in the given order."""
    return {
        "serial": ballot.serial,
        "type": ballot.type_code,
        "marks": {t: list(labels) for t, labels in ballot.marks.items() if labels},
        "void_reason": ballot.void_reason.strip(),
    }


def ballot_from_dict(data: Mapping[str, object]) -> Ballot:
    marks = data.get("marks") or {}
    assert isinstance(marks, Mapping)
    return Ballot(
        str(data["serial"]),
        str(data["type"]),
        {str(t): tuple(str(x) for x in labels) for t, labels in marks.items() if labels},
        str(data.get("void_reason") or ""),
    )


def differences(meeting: Meeting, first: Ballot, second: Ballot) -> tuple[str, ...]:
    """Where two typings of one paper ballot disagree: ``"type"``, target names (in ballot
    order) and ``"void_reason"``. Empty when they agree."""
    found: list[str] = []
    if first.type_code != second.type_code:
        found.append("type")
    for target in meeting.targets:
        if set(first.ticks(target)) != set(second.ticks(target)):
            found.append(target)
    if first.void_reason.strip() != second.void_reason.strip():
        found.append("void_reason")
    return tuple(found)


class PairState(StrEnum):
    """A serial under double entry."""

    WAITING = "waiting"  # typed once; waits for the second typing
    AGREED = "agreed"  # typed twice, identical: counted
    MISMATCH = "mismatch"  # typed twice, different: a clerk settles it against the paper


@dataclass(frozen=True)
class Typing:
    """One typing of a paper ballot: the ballot as typed, by which station, which pass."""

    pass_no: int
    ballot: Ballot
    station: str


@dataclass(frozen=True)
class EntryPair:
    """The one or two typings of a serial, and how they compare."""

    serial: str
    typings: tuple[Typing, ...]
    differences: tuple[str, ...] = ()

    @property
    def state(self) -> PairState:
        if len(self.typings) < 2:
            return PairState.WAITING
        return PairState.MISMATCH if self.differences else PairState.AGREED

    @property
    def same_station(self) -> bool:
        """Both typings came from one station (allowed; double entry works best with two
        clerks)."""
        return len(self.typings) == 2 and self.typings[0].station == self.typings[1].station

    def typing(self, pass_no: int) -> Typing | None:
        return next((t for t in self.typings if t.pass_no == pass_no), None)

    def settlement(self, keep_pass: int) -> tuple[int, Ballot]:
        """A mismatch settled against the paper: typing ``keep_pass`` is right. Returns the
        pass to overwrite and the ballot to write over it (then the two agree and the ballot
        counts). DataError when the serial was not typed twice or has no such typing."""
        if len(self.typings) < 2:
            raise DataError(
                translate("Core", "票号 “{serial}” 没有两次录入可比对 / not typed twice").format(
                    serial=self.serial
                ),
                field="serial",
            )
        kept = self.typing(keep_pass)
        if kept is None:
            raise DataError(
                translate(
                    "Core", "票号 “{serial}” 没有第 {pass_no} 次录入 / no such typing"
                ).format(serial=self.serial, pass_no=keep_pass),
                field="pass",
            )
        return (2 if keep_pass == 1 else 1), kept.ballot


def pair_entries(meeting: Meeting, typings: Mapping[str, Sequence[Typing]]) -> list[EntryPair]:
    """Pair typings by serial (the mapping's order is kept)."""
    pairs = []
    for serial, group in typings.items():
        ordered = tuple(sorted(group, key=lambda t: t.pass_no))
        diff = (
            differences(meeting, ordered[0].ballot, ordered[1].ballot) if len(ordered) > 1 else ()
        )
        pairs.append(EntryPair(serial, ordered, diff))
    return pairs


@dataclass(frozen=True)
class TypeProgress:
    """Entered against collected and issued, for one ballot type."""

    code: str
    label: str
    entered: int
    collected: int | None
    issued: int | None

    def warnings(self) -> list[str]:
        found = []
        if exceeds(self.entered, self.collected):
            found.append(
                translate("Core", "{code}票已录入 {entered} 张,多于收回的 {collected} 张").format(
                    code=self.code, entered=self.entered, collected=self.collected
                )
            )
        if exceeds(self.entered, self.issued):
            found.append(
                translate("Core", "{code}票已录入 {entered} 张,多于发出的 {issued} 张").format(
                    code=self.code, entered=self.entered, issued=self.issued
                )
            )
        if exceeds(self.collected, self.issued):
            found.append(
                translate("Core", "{code}票收回 {collected} 张,多于发出的 {issued} 张").format(
                    code=self.code, collected=self.collected, issued=self.issued
                )
            )
        return found

    @property
    def remaining(self) -> int | None:
        """Ballots collected but not entered yet (None when the count collected is unknown)."""
        return None if self.collected is None else max(self.collected - self.entered, 0)


def entry_progress(
    meeting: Meeting,
    entered: Mapping[str, int],
    collected: Mapping[str, int | None],
) -> list[TypeProgress]:
    """Per ballot type, in the meeting's order."""
    return [
        TypeProgress(t.code, t.label, entered.get(t.code, 0), collected.get(t.code), t.issued)
        for t in meeting.ballot_types
    ]


def audit_sample(serials: Iterable[str], size: int, seed: int) -> list[str]:
    """A reproducible random sample of ``size`` serials for the scrutineers to check against
    the paper: the same serials and seed always give the same sample, whatever the order
    the serials come in. Returned in serial order, for finding the papers."""
    population = sorted(set(serials))
    if size < 0:
        raise ValueError("sample size must not be negative")
    chosen = random.Random(seed).sample(population, min(size, len(population)))
    return sorted(chosen)
