"""Editing a meeting's definition: each edit the setup screen offers, as a pure function.

Every function takes a (frozen) :class:`~desktop_app.domain.meeting.Meeting` and returns the
new one, so the screen's undo stays a matter of keeping the old value. An edit the meeting
refuses (deleting a category that still holds units, moving a unit to a category that does
not exist) or a value that cannot be read raises :class:`ValueError` whose message is written
for the user, through :func:`~desktop_app.domain.text.translate`.

The rules that keep a meeting whole live here and nowhere else:

* renaming a level renames its caps; deleting a level deletes its caps;
* caps are kept in the order of the levels;
* renaming a unit renames the speakers' references to it; deleting a unit unlinks them;
* a category that still holds units cannot be deleted;
* a new row gets a name not used yet (述职人3, 单位12, the next free ballot-type letter).

Rows are addressed by their index; a unit by its row in ballot order (category by
category), as the setup screen's flat table of units shows them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping, Sequence
from typing import Any, TypeVar

from desktop_app.domain.meeting import (
    AGENDA_KIND_NAMES,
    DEFAULT_SPEECH_LIMIT_S,
    AgendaItem,
    AgendaKind,
    BallotType,
    Category,
    Level,
    Meeting,
    Speaker,
)
from desktop_app.domain.setup import HALF_WORDS, half_cap, parse_cap
from desktop_app.domain.speech_clock import parse_duration
from desktop_app.domain.text import translate

T = TypeVar("T")

# What new rows are called until renamed. Not translated: they are names in the meeting,
# printed in its (Chinese) documents.
NEW_SPEAKER, NEW_LEVEL, NEW_CATEGORY, NEW_TARGET = "述职人", "等次", "类别", "单位"  # data
NEW_TYPE_LABEL = "{code}票"  # data
TYPE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


# --- values as typed ----------------------------------------------------------------------


def parse_limit(text: str) -> int | None:
    """A time limit typed as 300, 4:00, 4分钟 or 4分30秒 (seconds); None for an empty cell."""
    return parse_duration(text) if text.strip() else None


def parse_count(text: str) -> int | None:
    """A whole number ≥ 0 (ballots issued), or None for an empty cell (not counted yet)."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(
            translate("Core", "应为不小于 0 的整数,或留空;实为“{text}”").format(text=text)
        )
    return int(text)


def parse_number(text: str) -> float:
    """A number (a level's score, a ballot type's weight)."""
    try:
        return float(text)
    except ValueError:
        raise ValueError(translate("Core", "应为数字,实为“{text}”").format(text=text)) from None


# --- rows of a tuple ------------------------------------------------------------------------


def put(items: Sequence[T], index: int, item: T) -> tuple[T, ...]:
    """``items`` with the ``index``-th replaced by ``item``."""
    return (*items[:index], item, *items[index + 1 :])


def swap(items: Sequence[T], index: int, delta: int) -> tuple[T, ...]:
    """``items`` with the ``index``-th moved ``delta`` (±1) places; unchanged at an end."""
    other = index + delta
    if not (0 <= index < len(items) and 0 <= other < len(items)):
        return tuple(items)
    moved = list(items)
    moved[index], moved[other] = moved[other], moved[index]
    return tuple(moved)


def drop(items: Sequence[T], index: int) -> tuple[T, ...]:
    """``items`` without the ``index``-th."""
    return (*items[:index], *items[index + 1 :])


def new_name(existing: Sequence[str], stem: str) -> str:
    """``stem`` numbered after the rows there are (述职人3), skipping names already used."""
    n = len(existing) + 1
    while f"{stem}{n}" in existing:
        n += 1
    return f"{stem}{n}"


# --- agenda ---------------------------------------------------------------------------------


def edit_agenda_item(m: Meeting, i: int, **changes: Any) -> Meeting:
    return dataclasses.replace(
        m, agenda=put(m.agenda, i, dataclasses.replace(m.agenda[i], **changes))
    )


def add_agenda_item(m: Meeting, kind: AgendaKind | str | None = None) -> Meeting:
    """A new item of ``kind`` (default: a speech) at the end, named after its kind; report
    speeches get the usual five-minute limit."""
    kind = AgendaKind(kind) if kind else AgendaKind.SPEECH
    limit = DEFAULT_SPEECH_LIMIT_S if kind is AgendaKind.SPEECHES else None
    return dataclasses.replace(
        m, agenda=(*m.agenda, AgendaItem(kind, AGENDA_KIND_NAMES[kind], limit))
    )


def remove_agenda_item(m: Meeting, i: int) -> Meeting:
    return dataclasses.replace(m, agenda=drop(m.agenda, i))


def move_agenda_item(m: Meeting, i: int, delta: int) -> Meeting:
    return dataclasses.replace(m, agenda=swap(m.agenda, i, delta))


# --- speakers -------------------------------------------------------------------------------


def edit_speaker(m: Meeting, i: int, **changes: Any) -> Meeting:
    return dataclasses.replace(
        m, speakers=put(m.speakers, i, dataclasses.replace(m.speakers[i], **changes))
    )


def add_speaker(m: Meeting) -> Meeting:
    name = new_name([s.name for s in m.speakers], NEW_SPEAKER)
    return dataclasses.replace(m, speakers=(*m.speakers, Speaker(name)))


def remove_speaker(m: Meeting, i: int) -> Meeting:
    return dataclasses.replace(m, speakers=drop(m.speakers, i))


def move_speaker(m: Meeting, i: int, delta: int) -> Meeting:
    return dataclasses.replace(m, speakers=swap(m.speakers, i, delta))


# --- levels ---------------------------------------------------------------------------------


def _recap(m: Meeting, caps_of: Any) -> tuple[Category, ...]:
    return tuple(dataclasses.replace(c, caps=caps_of(c.caps)) for c in m.categories)


def rename_level(m: Meeting, i: int, label: str) -> Meeting:
    """Rename a level, and its caps with it."""
    old = m.levels[i].label

    def renamed(caps: Mapping[str, int]) -> dict[str, int]:
        return {(label if k == old else k): v for k, v in caps.items()}

    levels = put(m.levels, i, dataclasses.replace(m.levels[i], label=label))
    return dataclasses.replace(m, levels=levels, categories=_recap(m, renamed))


def set_level_score(m: Meeting, i: int, score: float) -> Meeting:
    return dataclasses.replace(
        m, levels=put(m.levels, i, dataclasses.replace(m.levels[i], score=score))
    )


def add_level(m: Meeting) -> Meeting:
    """A new level at the end (worst), scored 0."""
    return dataclasses.replace(m, levels=(*m.levels, Level(new_name(m.level_labels, NEW_LEVEL), 0)))


def remove_level(m: Meeting, i: int) -> Meeting:
    """Delete a level, and its caps with it."""
    label = m.levels[i].label

    def without(caps: Mapping[str, int]) -> dict[str, int]:
        return {k: v for k, v in caps.items() if k != label}

    return dataclasses.replace(m, levels=drop(m.levels, i), categories=_recap(m, without))


def move_level(m: Meeting, i: int, delta: int) -> Meeting:
    return dataclasses.replace(m, levels=swap(m.levels, i, delta))


# --- ballot types ---------------------------------------------------------------------------


def edit_ballot_type(m: Meeting, i: int, **changes: Any) -> Meeting:
    return dataclasses.replace(
        m,
        ballot_types=put(m.ballot_types, i, dataclasses.replace(m.ballot_types[i], **changes)),
    )


def take_counts(
    draft: Meeting, stored: Meeting, followed: Mapping[str, Collection[int | None]]
) -> Meeting:
    """``draft`` with the ballot counts stored meanwhile (the run screen's ballot item or the
    entry desk counted while setup was being edited). A type's 发出 that is one the database
    has had since the draft was loaded (``followed``, by type code) was not typed in setup:
    it takes the stored one. A 发出 typed in setup is kept. 收回 always takes the stored one
    (setup never edits it)."""
    now = {t.code: t for t in stored.ballot_types}
    types = tuple(
        dataclasses.replace(
            t,
            issued=now[t.code].issued if t.issued in followed.get(t.code, ()) else t.issued,
            collected=now[t.code].collected,
        )
        if t.code in now
        else t
        for t in draft.ballot_types
    )
    return draft if types == draft.ballot_types else dataclasses.replace(draft, ballot_types=types)


def add_ballot_type(m: Meeting) -> Meeting:
    """A new type coded with the first free letter (C after A and B), named "C票"."""
    codes = [t.code for t in m.ballot_types]
    code = next((c for c in TYPE_LETTERS if c not in codes), new_name(codes, "T"))
    new = BallotType(code, NEW_TYPE_LABEL.format(code=code))
    return dataclasses.replace(m, ballot_types=(*m.ballot_types, new))


def remove_ballot_type(m: Meeting, i: int) -> Meeting:
    return dataclasses.replace(m, ballot_types=drop(m.ballot_types, i))


def move_ballot_type(m: Meeting, i: int, delta: int) -> Meeting:
    return dataclasses.replace(m, ballot_types=swap(m.ballot_types, i, delta))


# --- categories and their caps --------------------------------------------------------------


def edit_category(m: Meeting, i: int, **changes: Any) -> Meeting:
    return dataclasses.replace(
        m, categories=put(m.categories, i, dataclasses.replace(m.categories[i], **changes))
    )


def add_category(m: Meeting) -> Meeting:
    name = new_name([c.name for c in m.categories], NEW_CATEGORY)
    return dataclasses.replace(m, categories=(*m.categories, Category(name, ())))


def remove_category(m: Meeting, i: int) -> Meeting:
    """Delete an empty category; one that still holds units is refused (ValueError)."""
    if m.categories[i].targets:
        raise ValueError(translate("Core", "类别里还有评议对象,请先删除或移到其他类别"))
    return dataclasses.replace(m, categories=drop(m.categories, i))


def move_category(m: Meeting, i: int, delta: int) -> Meeting:
    return dataclasses.replace(m, categories=swap(m.categories, i, delta))


def set_cap(m: Meeting, i: int, label: str, text: str) -> Meeting:
    """Category ``i``'s cap on ``label`` as typed: a number, "一半" (half its units, rounded
    down) or empty (no cap). Caps stay in the order of the levels."""
    category = m.categories[i]
    cap = parse_cap(text, len(category.targets))
    caps = {k: v for k, v in category.caps.items() if k != label}
    if cap is not None:
        caps[label] = cap
    ordered = {lv.label: caps[lv.label] for lv in m.levels if lv.label in caps}
    return edit_category(m, i, caps=ordered)


def cap_note(m: Meeting, i: int, label: str, text: str) -> str | None:
    """What a cap typed as "一半" came to, for the user; None for a cap typed as a number."""
    if text.strip().lower() not in HALF_WORDS:
        return None
    units = len(m.categories[i].targets)
    return translate(
        "Core", "“{text}”即 {units} 个单位的一半(向下取整):“{level}”上限为 {cap}"
    ).format(text=text, units=units, level=label, cap=half_cap(units))


# --- units (targets), addressed by their row in ballot order ------------------------------


def target_position(m: Meeting, row: int) -> tuple[int, int]:
    """(category index, index within the category) of the ``row``-th unit."""
    for ci, category in enumerate(m.categories):
        if row < len(category.targets):
            return ci, row
        row -= len(category.targets)
    raise IndexError(row)


def _relink(m: Meeting, old: str, new: str | None) -> tuple[Speaker, ...]:
    return tuple(dataclasses.replace(s, target=new) if s.target == old else s for s in m.speakers)


def rename_target(m: Meeting, row: int, name: str) -> Meeting:
    """Rename a unit, and the speakers' references to it with it."""
    ci, ti = target_position(m, row)
    old = m.categories[ci].targets[ti]
    m = edit_category(m, ci, targets=put(m.categories[ci].targets, ti, name))
    return dataclasses.replace(m, speakers=_relink(m, old, name))


def move_target_to(m: Meeting, row: int, category_name: str) -> Meeting:
    """Move a unit to the end of the category named ``category_name`` (ValueError when
    there is none)."""
    names = [c.name for c in m.categories]
    if category_name not in names:
        raise ValueError(
            translate("Core", "没有名为“{name}”的类别(类别:{names})").format(
                name=category_name, names=translate("Core", "、").join(names)
            )
        )
    ci, ti = target_position(m, row)
    target = m.categories[ci].targets[ti]
    new_ci = names.index(category_name)
    if new_ci == ci:
        return m
    m = edit_category(m, ci, targets=drop(m.categories[ci].targets, ti))
    return edit_category(m, new_ci, targets=(*m.categories[new_ci].targets, target))


def add_target(m: Meeting, category_index: int = 0) -> Meeting:
    """A new unit at the end of category ``category_index``; refused without a category."""
    if not m.categories:
        raise ValueError(translate("Core", "请先添加一个类别"))
    name = new_name(m.targets, NEW_TARGET)
    category = m.categories[category_index]
    return edit_category(m, category_index, targets=(*category.targets, name))


def remove_target(m: Meeting, row: int) -> Meeting:
    """Delete a unit; its speakers stay, linked to no unit."""
    ci, ti = target_position(m, row)
    name = m.categories[ci].targets[ti]
    m = edit_category(m, ci, targets=drop(m.categories[ci].targets, ti))
    return dataclasses.replace(m, speakers=_relink(m, name, None))


def move_target(m: Meeting, row: int, delta: int) -> Meeting:
    """Move a unit up or down within its category (not across categories)."""
    ci, ti = target_position(m, row)
    return edit_category(m, ci, targets=swap(m.categories[ci].targets, ti, delta))


def new_target_category(m: Meeting, row: int) -> int:
    """The category a new unit goes to: that of the unit in ``row``, else the first."""
    if row < 0 or row >= len(m.targets):
        return 0
    return target_position(m, row)[0]
