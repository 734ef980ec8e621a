"""Paper ballots (评议票) and their classification: valid, void (with why) or blank.

:func:`classify_ballot` applies FORMATS.md section 3, steps 1 to 5, and says which category
sections of the ballot count and which single mark each target got. It is the one place the
counting rules live; the tally and the entry screen both call it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting, MultiMarkRule, OverCapRule
from desktop_app.domain.text import Translator, source, translate

COUNTING_RULES_VERSION = 1
"""The version of the counting rules of :func:`classify_ballot`, stored with every ballot's
classification. Raise it whenever a ballot could be classified differently: the next
migration then re-classifies every stored ballot (audited), and ``verify`` refuses
classifications made by other rules."""


class BallotStatus(StrEnum):
    VALID = "valid"  # 有效票
    VOID = "void"  # 废票
    BLANK = "blank"  # 空白票


class VoidCause(StrEnum):
    BY_HAND = "by_hand"  # voided by the counters (signed, torn, unreadable…)
    MULTI_MARK = "multi_mark"  # several boxes ticked for a unit
    OVER_CAP = "over_cap"  # more marks at a capped level than allowed


@dataclass(frozen=True)
class Ballot:
    """One paper ballot as entered: the labels ticked per target.

    A target missing from ``marks`` or mapped to an empty tuple has no mark; several labels
    mean the voter ticked several boxes. ``void_reason`` non-empty: voided by hand.
    """

    serial: str
    type_code: str
    marks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    void_reason: str = ""

    def ticks(self, target: str) -> tuple[str, ...]:
        return self.marks.get(target, ())

    @property
    def has_marks(self) -> bool:
        return any(self.marks.values())


# --- checking a ballot against its meeting ---------------------------------------------------
# One message per mistake, whether the ballot was typed, imported from a CSV or scanned: the
# ballots CSV reader checks each cell with these, the store checks each ballot it writes.


def check_serial(serial: str, *, file: str | None = None, row: int | None = None) -> None:
    """DataError for an empty serial."""
    if not serial.strip():
        raise DataError(
            translate("Core", "票号为空 / empty serial"), file=file, row=row, column="serial"
        )


def check_type_code(
    code: str, known: Collection[str], *, file: str | None = None, row: int | None = None
) -> None:
    """DataError unless ``code`` is one of the meeting's ballot types (``known``)."""
    if code not in known:
        raise DataError(
            translate("Core", "未知票种 “{code}”(本会议:{known}) / unknown type").format(
                code=code, known=translate("Core", "、").join(sorted(known))
            ),
            file=file,
            row=row,
            column="type",
        )


def check_level(
    label: str,
    known: Sequence[str],
    target: str,
    *,
    file: str | None = None,
    row: int | None = None,
) -> None:
    """DataError unless ``label``, ticked for ``target``, is one of the meeting's levels
    (``known``, best first)."""
    if label not in known:
        raise DataError(
            translate("Core", "未知等次 “{label}”(本会议:{known}) / unknown level").format(
                label=label, known=translate("Core", "、").join(known)
            ),
            file=file,
            row=row,
            column=target,
        )


@dataclass(frozen=True)
class CapBreach:
    """A category whose marks at ``level`` exceed its cap on one ballot."""

    category: str
    level: str
    count: int
    cap: int


@dataclass(frozen=True)
class Classification:
    """What counting makes of one ballot.

    ``sections`` maps each *counted* category name to its targets' counted mark (a level
    label, or None for an abstention). Void and blank ballots have no sections; a discarded
    category section (``void_category``) is simply absent. ``void_reason``: the counters'
    words for a ballot voided by hand.
    """

    status: BallotStatus
    cause: VoidCause | None = None
    void_reason: str = ""
    sections: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    multi_marked: tuple[str, ...] = ()
    breaches: tuple[CapBreach, ...] = ()

    @property
    def detail(self) -> str:
        """Why the ballot is void, in Chinese (stored with the ballot); "" when it is not."""
        return self.void_detail()

    def void_detail(self, translate: Translator = source) -> str:
        """Why the ballot is void ("" when it is not), through ``translate`` (default: the
        Chinese source; the window passes :func:`desktop_app.domain.text.translate`)."""
        if self.cause is VoidCause.BY_HAND:
            return translate("Core", "人工作废({reason})").format(reason=self.void_reason)
        if self.cause is VoidCause.MULTI_MARK:
            return translate("Core", "多选:{targets}").format(
                targets=translate("Core", "、").join(self.multi_marked)
            )
        if self.cause is VoidCause.OVER_CAP:
            breach = translate("Core", "{category}“{level}”{count}个,超过上限{cap}个")
            return translate("Core", "超限:{breaches}").format(
                breaches=translate("Core", ";").join(
                    breach.format(category=b.category, level=b.level, count=b.count, cap=b.cap)
                    for b in self.breaches
                )
            )
        return ""

    def describe(self, translate: Translator = source) -> str:
        """A short description for screens and sheets, through ``translate`` (default: the
        Chinese source, as documents print it)."""
        if self.status is BallotStatus.VALID:
            notes = []
            if self.multi_marked:
                notes.append(
                    translate("Core", "多选按弃权计:{targets}").format(
                        targets=translate("Core", "、").join(self.multi_marked)
                    )
                )
            discarded = [b.category for b in self.breaches]
            if discarded:
                notes.append(
                    translate("Core", "超限类别不计:{categories}").format(
                        categories=translate("Core", "、").join(dict.fromkeys(discarded))
                    )
                )
            if notes:
                return translate("Core", "有效票({notes})").format(
                    notes=translate("Core", ";").join(notes)
                )
            return translate("Core", "有效票")
        if self.status is BallotStatus.BLANK:
            return translate("Core", "空白票")
        return translate("Core", "废票:{detail}").format(detail=self.void_detail(translate))


def classify_ballot(meeting: Meeting, ballot: Ballot) -> Classification:
    """Classify one ballot under the meeting's rules (FORMATS.md section 3)."""
    if ballot.void_reason.strip():
        return Classification(
            BallotStatus.VOID, VoidCause.BY_HAND, void_reason=ballot.void_reason.strip()
        )
    if not ballot.has_marks:
        return Classification(BallotStatus.BLANK)

    multi = tuple(t for t in meeting.targets if len(ballot.ticks(t)) > 1)
    if multi and meeting.rules.multi_mark is MultiMarkRule.VOID_BALLOT:
        return Classification(
            BallotStatus.VOID,
            VoidCause.MULTI_MARK,
            multi_marked=multi,
        )

    sections: dict[str, dict[str, str | None]] = {}
    breaches: list[CapBreach] = []
    for category in meeting.categories:
        section: dict[str, str | None] = {}
        for target in category.targets:
            ticks = ballot.ticks(target)
            section[target] = ticks[0] if len(ticks) == 1 else None
        category_breaches = [
            CapBreach(category.name, level, count, cap)
            for level, cap in category.caps.items()
            if (count := sum(1 for mark in section.values() if mark == level)) > cap
        ]
        breaches.extend(category_breaches)
        if not category_breaches:
            sections[category.name] = section

    if breaches and meeting.rules.over_cap is OverCapRule.VOID_BALLOT:
        return Classification(
            BallotStatus.VOID,
            VoidCause.OVER_CAP,
            multi_marked=multi,
            breaches=tuple(breaches),
        )
    return Classification(
        BallotStatus.VALID, sections=sections, multi_marked=multi, breaches=tuple(breaches)
    )
