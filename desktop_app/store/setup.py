"""Changing a stored meeting's structure in place, and new meetings from templates.

Ballots, comments and timing events refer to the rows of a meeting's structure by id
(``ballot_mark.target_id``, ``comment.target_id``, ``speech_event.speaker_id``...), so an
edit never rebuilds the meeting: :func:`update_meeting` matches the new definition to the
existing rows (by name, then by position), updates them, adds what is new and deletes what
is gone — refusing when that would orphan a recorded comment or event, and refusing every
change that would alter the count once ballots exist
(:func:`~desktop_app.domain.setup.counting_changes`). It is one transaction: the caller's
session commits all of it or none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, func, select
from sqlmodel import Session

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting, meeting_to_dict
from desktop_app.domain.setup import (
    classify_changes,
    copy_structure,
    counting_changes,
    finalised_changes,
)
from desktop_app.domain.text import translate
from desktop_app.store.audit import record
from desktop_app.store.meetings import _ordered, load_meeting, meeting_row, save_meeting
from desktop_app.store.models import (
    AgendaItemRow,
    BallotEntryRow,
    BallotRow,
    BallotTypeRow,
    CategoryCapRow,
    CategoryRow,
    CommentRow,
    LevelRow,
    MeetingRow,
    SpeakerRow,
    SpeechEventRow,
    TargetRow,
)

Row = TypeVar("Row")
New = TypeVar("New")


def ballot_count(session: Session, meeting_id: int) -> int:
    """Ballots entered for the meeting, counted or waiting for their second typing."""
    ballots = session.scalar(
        select(func.count()).select_from(BallotRow).where(BallotRow.meeting_id == meeting_id)
    )
    entries = session.scalar(
        select(func.count())
        .select_from(BallotEntryRow)
        .where(BallotEntryRow.meeting_id == meeting_id)
    )
    return int(ballots or 0) + int(entries or 0)


def _match(
    old: Sequence[Row],
    new: Sequence[New],
    same: Callable[[Row, New], bool],
) -> list[Row | None]:
    """For each new item, the old row it continues: the first unused row that is ``same``,
    else the unused row at the same position; None for a new row."""
    used: set[int] = set()
    matched: list[Row | None] = [None] * len(new)
    for i, item in enumerate(new):
        for j, row in enumerate(old):
            if j not in used and same(row, item):
                matched[i] = row
                used.add(j)
                break
    for i in range(len(new)):
        if matched[i] is None and i < len(old) and i not in used:
            matched[i] = old[i]
            used.add(i)
    return matched


def _gone(old: Sequence[Row], matched: Sequence[Row | None]) -> list[Row]:
    kept = {id(r) for r in matched if r is not None}
    return [r for r in old if id(r) not in kept]


def _referenced(session: Session, model: Any, column: Any, ids: Sequence[int | None]) -> int:
    if not ids:
        return 0
    return int(session.scalar(select(func.count()).select_from(model).where(column.in_(ids))) or 0)


def _unique_shuffle(session: Session, rows: Sequence[Any], attribute: str) -> None:
    """Give rows placeholder names first, so renames and reorders never meet the unique
    constraint on the way (SQLite checks it row by row)."""
    for row in rows:
        if row.id is not None:
            setattr(row, attribute, f"\x00{row.id}")
            session.add(row)
    session.flush()


def _uncounted(meeting: Meeting) -> Meeting:
    """The meeting without its ballots collected (the run screen's, which setup keeps)."""
    return dataclasses.replace(
        meeting,
        ballot_types=tuple(dataclasses.replace(t, collected=None) for t in meeting.ballot_types),
    )


def update_meeting(session: Session, meeting_id: int, new: Meeting, *, station: str = "") -> None:
    """Store ``new`` as the definition of meeting ``meeting_id``, in place (see module doc).

    DataError (naming the field) when ballots exist and the change would alter the count,
    or when a removed agenda item, speaker or target has recorded comments or events.
    """
    row = meeting_row(session, meeting_id)
    old = load_meeting(session, meeting_id)
    if old == new:
        return
    locked = _refuse_result_changes(session, meeting_id, row, old, new)
    row.title = new.title
    row.date = new.date
    row.venue = new.venue
    row.chair = new.chair
    row.attendees = new.attendees
    row.recorder = new.recorder
    row.multi_mark = new.rules.multi_mark.value
    row.over_cap = new.rules.over_cap.value
    session.add(row)

    matched = _match_rows(session, meeting_id, new, locked=locked)
    _delete_gone(session, matched, new.targets)
    _write_agenda(session, meeting_id, new, matched.agenda)
    levels = _write_levels(session, meeting_id, new, matched.levels)
    _write_ballot_types(session, meeting_id, new, matched.types)
    categories = _write_categories(session, meeting_id, new, matched.categories)
    session.flush()
    targets = _write_targets(session, meeting_id, new, categories, matched.targets_by_name)
    session.flush()
    # Only now, with every kept target moved to its new category, can old categories go.
    for old_category in matched.gone_categories:
        session.delete(old_category)
    _write_caps(session, new, categories, levels)
    _write_speakers(session, meeting_id, new, matched.speakers, targets)

    record(
        session,
        "meeting.update",
        station=station,
        meeting_id=meeting_id,
        entity="meeting",
        entity_key=str(meeting_id),
        before=meeting_to_dict(old),
        after={
            "meeting": meeting_to_dict(new),
            "changes": [c.description for c in classify_changes(old, new)],
        },
    )
    session.flush()
    if _uncounted(load_meeting(session, meeting_id)) != _uncounted(new):  # pragma: no cover
        raise AssertionError("meeting update did not store what was asked")


def _refuse_result_changes(
    session: Session, meeting_id: int, row: MeetingRow, old: Meeting, new: Meeting
) -> bool:
    """Refuse what finalised ballots, or ballots entered at all, forbid; True when ballots
    exist (the structure is then matched by position)."""
    if row.finalised_at is not None:
        refused_final = finalised_changes(old, new)
        if refused_final:
            raise DataError(
                translate(
                    "Core",
                    "评议票已定稿,不能做会改变结果的修改:{changes}。"
                    "可以修改会议名称、日期、地点、议程和述职人;确需修改请先“解除定稿”"
                    "(会记入审计日志) / ballots are finalised: changes to the result are refused",
                ).format(changes=translate("Core", ";").join(c.description for c in refused_final)),
                field=refused_final[0].field,
            )
    locked = ballot_count(session, meeting_id) > 0
    if locked:
        refused = counting_changes(old, new)
        if refused:
            what = translate("Core", ";").join(c.description for c in refused)
            raise DataError(
                translate(
                    "Core",
                    "已录入评议票,不能做会改变计票结果的修改:{changes}。"
                    "可以修改会议名称、地点、议程、述职人和各种名称;"
                    "要改评议对象、等次、上限、票种或规则,请先删除已录入的票"
                    " / ballots exist: changes that alter the count are refused",
                ).format(changes=what),
                field=refused[0].field,
            )
    return locked


@dataclasses.dataclass
class _Matched:
    """The meeting's stored structure against the new definition: for each new item the
    row it continues (None: a new row), and the rows whose items are gone."""

    agenda: list[AgendaItemRow | None]
    gone_agenda: list[AgendaItemRow]
    speakers: list[SpeakerRow | None]
    gone_speakers: list[SpeakerRow]
    target_rows: list[TargetRow]
    targets_by_name: dict[str, TargetRow]
    gone_targets: list[TargetRow]
    levels: list[LevelRow | None]
    gone_levels: list[LevelRow]
    types: list[BallotTypeRow | None]
    gone_types: list[BallotTypeRow]
    categories: list[CategoryRow | None]
    gone_categories: list[CategoryRow]


def _match_rows(session: Session, meeting_id: int, new: Meeting, *, locked: bool) -> _Matched:
    """Match every part of the structure, refusing to remove what records refer to."""
    agenda_rows, agenda_match = _match_agenda(session, meeting_id, new)
    speaker_rows, speaker_match = _match_speakers(session, meeting_id, new)
    target_rows, gone_targets = _match_targets(session, meeting_id, new)
    # Levels and ballot types: by position once ballots exist (only renames are allowed),
    # else by label/code then position.
    # Marks and counted sections refer to these rows, so once ballots exist they are matched
    # by position only: swapping two labels is then two renames, never a change of meaning.
    by_position: Callable[[Any, Any], bool] = lambda _r, _n: False  # noqa: E731
    level_rows: list[LevelRow] = _ordered(session, LevelRow, meeting_id)
    level_match = _match(
        level_rows, new.levels, by_position if locked else (lambda r, lv: r.label == lv.label)
    )
    type_rows: list[BallotTypeRow] = _ordered(session, BallotTypeRow, meeting_id)
    type_match = _match(
        type_rows, new.ballot_types, by_position if locked else (lambda r, t: r.code == t.code)
    )
    category_rows: list[CategoryRow] = _ordered(session, CategoryRow, meeting_id)
    category_match = _match(
        category_rows,
        new.categories,
        by_position if locked else (lambda r, c: r.name == c.name),
    )
    return _Matched(
        agenda=agenda_match,
        gone_agenda=_gone(agenda_rows, agenda_match),
        speakers=speaker_match,
        gone_speakers=_gone(speaker_rows, speaker_match),
        target_rows=target_rows,
        targets_by_name={t.name: t for t in target_rows},
        gone_targets=gone_targets,
        levels=level_match,
        gone_levels=_gone(level_rows, level_match),
        types=type_match,
        gone_types=_gone(type_rows, type_match),
        categories=category_match,
        gone_categories=_gone(category_rows, category_match),
    )


def _match_agenda(
    session: Session, meeting_id: int, new: Meeting
) -> tuple[list[AgendaItemRow], list[AgendaItemRow | None]]:
    """Agenda items: comments and timing events refer to them."""
    agenda_rows: list[AgendaItemRow] = _ordered(session, AgendaItemRow, meeting_id)
    agenda_match = _match(
        agenda_rows, new.agenda, lambda r, a: r.kind == a.kind.value and r.title == a.title
    )
    gone_agenda = [r.id for r in _gone(agenda_rows, agenda_match)]
    if _referenced(session, CommentRow, CommentRow.agenda_item_id, gone_agenda) or _referenced(
        session, SpeechEventRow, SpeechEventRow.agenda_item_id, gone_agenda
    ):
        raise DataError(
            translate(
                "Core",
                "被删除的议程已有点评或计时记录,不能删除;可以改名或调整顺序"
                " / a removed agenda item has recorded comments or timings",
            ),
            field="agenda",
        )
    return agenda_rows, agenda_match


def _match_speakers(
    session: Session, meeting_id: int, new: Meeting
) -> tuple[list[SpeakerRow], list[SpeakerRow | None]]:
    """Speakers: timing events refer to them."""
    speaker_rows: list[SpeakerRow] = _ordered(session, SpeakerRow, meeting_id)
    speaker_match = _match(speaker_rows, new.speakers, lambda r, s: r.name == s.name)
    gone_speakers = _gone(speaker_rows, speaker_match)
    if _referenced(
        session, SpeechEventRow, SpeechEventRow.speaker_id, [r.id for r in gone_speakers]
    ):
        names = translate("Core", "、").join(r.name for r in gone_speakers)
        raise DataError(
            translate(
                "Core",
                "被删除的述职人({names})已有计时记录,不能删除;可以改职务或顺序"
                " / a removed speaker has recorded timings",
            ).format(names=names),
            field="speakers",
        )
    return speaker_rows, speaker_match


def _match_targets(
    session: Session, meeting_id: int, new: Meeting
) -> tuple[list[TargetRow], list[TargetRow]]:
    """Targets, and those gone: comments and (once ballots exist) marks refer to them;
    matched by name."""
    target_rows: list[TargetRow] = _ordered(session, TargetRow, meeting_id)
    new_targets = new.targets
    gone_targets = [t for t in target_rows if t.name not in new_targets]
    if _referenced(session, CommentRow, CommentRow.target_id, [t.id for t in gone_targets]):
        names = translate("Core", "、").join(t.name for t in gone_targets)
        raise DataError(
            translate(
                "Core", "被删除的评议对象({names})已有点评,不能删除 / a removed target has comments"
            ).format(names=names),
            field="categories",
        )
    return target_rows, gone_targets


def _delete_gone(session: Session, matched: _Matched, new_targets: Sequence[str]) -> None:
    """Delete the rows whose items are gone (but categories, which still hold targets), and
    free the names of the kept ones."""
    for gone in (
        matched.gone_agenda,
        matched.gone_speakers,
        matched.gone_targets,
        matched.gone_levels,
        matched.gone_types,
    ):
        for obsolete in gone:
            session.delete(obsolete)
    session.flush()
    # Deleting a target set its speakers' target_id to NULL in the database (ON DELETE SET
    # NULL), behind the ORM's back. Reload it, or a new target given the freed id (SQLite
    # reuses it) would look unchanged to the ORM and never be written (found by the fuzz).
    for kept in matched.speakers:
        if kept is not None:
            session.expire(kept, ["target_id"])
    for rows, attribute in (
        ([r for r in matched.categories if r], "name"),
        ([t for t in matched.target_rows if t.name in new_targets], "name"),
        ([r for r in matched.levels if r], "label"),
        ([r for r in matched.types if r], "code"),
    ):
        _unique_shuffle(session, rows, attribute)


def _write_agenda(
    session: Session, meeting_id: int, new: Meeting, matched: Sequence[AgendaItemRow | None]
) -> None:
    for i, (item, agenda_row) in enumerate(zip(new.agenda, matched, strict=True)):
        ar = agenda_row or AgendaItemRow(meeting_id=meeting_id, kind="", title="", position=i)
        ar.position = i
        ar.kind = item.kind.value
        ar.title = item.title
        ar.limit_s = item.limit_s
        ar.speaker = item.speaker
        session.add(ar)


def _write_levels(
    session: Session, meeting_id: int, new: Meeting, matched: Sequence[LevelRow | None]
) -> list[LevelRow]:
    levels: list[LevelRow] = []
    for i, (level, level_row) in enumerate(zip(new.levels, matched, strict=True)):
        lr = level_row or LevelRow(meeting_id=meeting_id, position=i, label="", score=0)
        lr.position = i
        lr.label = level.label
        lr.score = level.score
        session.add(lr)
        levels.append(lr)
    return levels


def _write_ballot_types(
    session: Session, meeting_id: int, new: Meeting, matched: Sequence[BallotTypeRow | None]
) -> None:
    for i, (ballot_type, type_row) in enumerate(zip(new.ballot_types, matched, strict=True)):
        tr = type_row or BallotTypeRow(meeting_id=meeting_id, position=i, code="", label="")
        tr.position = i
        tr.code = ballot_type.code
        tr.label = ballot_type.label
        tr.weight = ballot_type.weight
        tr.issued = ballot_type.issued
        # ``collected`` is left alone: the run screen counts it, setup never edits it.
        session.add(tr)


def _write_categories(
    session: Session, meeting_id: int, new: Meeting, matched: Sequence[CategoryRow | None]
) -> list[CategoryRow]:
    categories: list[CategoryRow] = []
    for i, (category, category_row) in enumerate(zip(new.categories, matched, strict=True)):
        cr = category_row or CategoryRow(meeting_id=meeting_id, position=i, name="")
        cr.position = i
        cr.name = category.name
        session.add(cr)
        categories.append(cr)
    return categories


def _write_targets(
    session: Session,
    meeting_id: int,
    new: Meeting,
    categories: Sequence[CategoryRow],
    by_name: dict[str, TargetRow],
) -> dict[str, TargetRow]:
    """Each category's targets in order, kept rows moved to their (new) category."""
    targets: dict[str, TargetRow] = {}
    position = 0
    for category, cr in zip(new.categories, categories, strict=True):
        for name in category.targets:
            tgt = by_name.get(name) or TargetRow(
                meeting_id=meeting_id, category_id=cr.id, position=position, name=name
            )
            assert cr.id is not None
            tgt.category_id = cr.id
            tgt.position = position
            tgt.name = name
            session.add(tgt)
            targets[name] = tgt
            position += 1
    return targets


def _write_caps(
    session: Session, new: Meeting, categories: Sequence[CategoryRow], levels: Sequence[LevelRow]
) -> None:
    """The categories' caps, written afresh."""
    category_ids = [c.id for c in categories]
    session.execute(delete(CategoryCapRow).where(CategoryCapRow.category_id.in_(category_ids)))
    level_ids = {lv.label: lv.id for lv in levels}
    session.flush()
    for category, cr in zip(new.categories, categories, strict=True):
        session.add_all(
            CategoryCapRow(category_id=cr.id, level_id=level_ids[label], cap=cap)
            for label, cap in category.caps.items()
        )


def _write_speakers(
    session: Session,
    meeting_id: int,
    new: Meeting,
    matched: Sequence[SpeakerRow | None],
    targets: dict[str, TargetRow],
) -> None:
    for i, (speaker, speaker_row) in enumerate(zip(new.speakers, matched, strict=True)):
        sr = speaker_row or SpeakerRow(meeting_id=meeting_id, position=i, name="")
        sr.position = i
        sr.name = speaker.name
        sr.post = speaker.post
        sr.target_id = targets[speaker.target].id if speaker.target else None
        sr.limit_s = speaker.limit_s
        sr.written = speaker.written
        session.add(sr)


def copy_meeting(
    session: Session, meeting_id: int, *, title: str | None = None, station: str = ""
) -> int:
    """A new meeting with the structure of ``meeting_id`` (no ballots, comments or timings)."""
    previous = load_meeting(session, meeting_id)
    return save_meeting(session, copy_structure(previous, title=title), station=station)
