"""Meetings in the database: save a domain :class:`Meeting`, load it back, list them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from desktop_app.domain.ballot_layout import meeting_key
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import (
    AgendaItem,
    AgendaKind,
    BallotType,
    Category,
    Level,
    Meeting,
    MultiMarkRule,
    OverCapRule,
    Rules,
    Speaker,
    meeting_to_dict,
)
from desktop_app.domain.text import translate
from desktop_app.store.audit import record
from desktop_app.store.models import (
    AgendaItemRow,
    BallotRow,
    BallotTypeRow,
    CategoryCapRow,
    CategoryRow,
    LevelRow,
    MeetingRow,
    SpeakerRow,
    TargetRow,
)


@dataclass(frozen=True)
class MeetingSummary:
    """A line of the meeting list."""

    id: int
    title: str
    date: str
    venue: str
    ballots: int


@dataclass(frozen=True)
class MeetingIds:
    """Database ids of a meeting's parts, by their names in the meeting."""

    meeting: int
    categories: dict[str, int]
    targets: dict[str, int]
    levels: dict[str, int]
    ballot_types: dict[str, int]


def save_meeting(session: Session, meeting: Meeting, *, station: str = "") -> int:
    """Store a new meeting; returns its id. Flushes but leaves the commit to the caller."""
    row = MeetingRow(
        title=meeting.title,
        date=meeting.date,
        venue=meeting.venue,
        multi_mark=meeting.rules.multi_mark.value,
        over_cap=meeting.rules.over_cap.value,
        chair=meeting.chair,
        attendees=meeting.attendees,
        recorder=meeting.recorder,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    meeting_id = row.id
    levels, categories = _add_parts(session, meeting_id, meeting)
    session.flush()
    targets = _add_targets_and_caps(session, meeting_id, meeting, levels, categories)
    session.flush()
    session.add_all(
        SpeakerRow(
            meeting_id=meeting_id,
            position=i,
            name=s.name,
            post=s.post,
            target_id=targets[s.target].id if s.target else None,
            limit_s=s.limit_s,
            written=s.written,
        )
        for i, s in enumerate(meeting.speakers)
    )
    record(
        session,
        "meeting.create",
        station=station,
        meeting_id=meeting_id,
        entity="meeting",
        entity_key=str(meeting_id),
        after=meeting_to_dict(meeting),
    )
    session.flush()
    return meeting_id


def _add_parts(
    session: Session, meeting_id: int, meeting: Meeting
) -> tuple[list[LevelRow], list[CategoryRow]]:
    """Add the agenda, levels, categories and ballot types; returns the level and category
    rows (their ids once flushed)."""
    session.add_all(
        AgendaItemRow(
            meeting_id=meeting_id,
            position=i,
            kind=item.kind.value,
            title=item.title,
            limit_s=item.limit_s,
            speaker=item.speaker,
        )
        for i, item in enumerate(meeting.agenda)
    )
    levels = [
        LevelRow(meeting_id=meeting_id, position=i, label=lv.label, score=lv.score)
        for i, lv in enumerate(meeting.levels)
    ]
    categories = [
        CategoryRow(meeting_id=meeting_id, position=i, name=c.name)
        for i, c in enumerate(meeting.categories)
    ]
    session.add_all([*levels, *categories])
    session.add_all(
        BallotTypeRow(
            meeting_id=meeting_id,
            position=i,
            code=t.code,
            label=t.label,
            weight=t.weight,
            issued=t.issued,
            collected=t.collected,
        )
        for i, t in enumerate(meeting.ballot_types)
    )
    return levels, categories


def _add_targets_and_caps(
    session: Session,
    meeting_id: int,
    meeting: Meeting,
    levels: list[LevelRow],
    categories: list[CategoryRow],
) -> dict[str, TargetRow]:
    """Add each category's targets (numbered across the meeting) and caps; returns the
    target rows by name."""
    level_ids = {lv.label: lv.id for lv in levels}
    targets: dict[str, TargetRow] = {}
    position = 0
    for category, category_row in zip(meeting.categories, categories, strict=True):
        for name in category.targets:
            targets[name] = TargetRow(
                meeting_id=meeting_id, category_id=category_row.id, position=position, name=name
            )
            position += 1
        session.add_all(
            CategoryCapRow(category_id=category_row.id, level_id=level_ids[label], cap=cap)
            for label, cap in category.caps.items()
        )
    session.add_all(targets.values())
    return targets


def meeting_row(session: Session, meeting_id: int) -> MeetingRow:
    """The meeting's row; DataError naming the id when there is no such meeting."""
    row = session.get(MeetingRow, meeting_id)
    if row is None:
        raise DataError(
            translate(
                "Core", "没有编号为 {meeting_id} 的会议 / no meeting with id {meeting_id}"
            ).format(meeting_id=meeting_id)
        )
    return row


def ballot_key(session: Session, meeting_id: int) -> str:
    """The short meeting key printed in every ballot's QR code (from id and creation time)."""
    row = meeting_row(session, meeting_id)
    return meeting_key(meeting_id, row.created_at)


def _ordered(session: Session, model: Any, meeting_id: int) -> list[Any]:
    return list(
        session.scalars(
            select(model).where(model.meeting_id == meeting_id).order_by(model.position)
        )
    )


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    """The stored meeting as a domain object; DataError if there is no such meeting."""
    return load_meeting_and_ids(session, meeting_id)[0]


def load_meeting_and_ids(session: Session, meeting_id: int) -> tuple[Meeting, MeetingIds]:
    """The stored meeting and the ids of its parts, from one set of queries."""
    row = meeting_row(session, meeting_id)
    levels = _ordered(session, LevelRow, meeting_id)
    level_labels = {lv.id: lv.label for lv in levels}
    categories = _ordered(session, CategoryRow, meeting_id)
    targets = _ordered(session, TargetRow, meeting_id)
    target_names = {t.id: t.name for t in targets}
    caps: dict[int, dict[str, int]] = {c.id: {} for c in categories}
    for cap in session.scalars(select(CategoryCapRow).where(CategoryCapRow.category_id.in_(caps))):
        caps[cap.category_id][level_labels[cap.level_id]] = cap.cap
    # Caps keep the level order, so the meeting reads the same however they were stored.
    ordered_caps = {
        cid: {label: c[label] for label in level_labels.values() if label in c}
        for cid, c in caps.items()
    }
    types = _ordered(session, BallotTypeRow, meeting_id)
    meeting = Meeting(
        title=row.title,
        date=row.date,
        venue=row.venue,
        agenda=tuple(
            AgendaItem(AgendaKind(a.kind), a.title, a.limit_s, a.speaker)
            for a in _ordered(session, AgendaItemRow, meeting_id)
        ),
        speakers=tuple(
            Speaker(
                s.name,
                s.post,
                target_names.get(s.target_id) if s.target_id else None,
                s.limit_s,
                s.written,
            )
            for s in _ordered(session, SpeakerRow, meeting_id)
        ),
        levels=tuple(Level(lv.label, lv.score) for lv in levels),
        categories=tuple(
            Category(
                c.name, tuple(t.name for t in targets if t.category_id == c.id), ordered_caps[c.id]
            )
            for c in categories
        ),
        ballot_types=tuple(
            BallotType(t.code, t.label, t.weight, t.issued, t.collected) for t in types
        ),
        rules=Rules(MultiMarkRule(row.multi_mark), OverCapRule(row.over_cap)),
        chair=row.chair,
        attendees=row.attendees,
        recorder=row.recorder,
    )
    ids = MeetingIds(
        meeting=meeting_id,
        categories={c.name: c.id for c in categories},
        targets={t.name: t.id for t in targets},
        levels={lv.label: lv.id for lv in levels},
        ballot_types={t.code: t.id for t in types},
    )
    return meeting, ids


def meeting_ids(session: Session, meeting_id: int) -> MeetingIds:
    meeting_row(session, meeting_id)

    def names(model: Any, column: Any) -> dict[str, int]:
        return {
            name: id_
            for id_, name in session.execute(
                select(model.id, column).where(model.meeting_id == meeting_id)
            )
        }

    return MeetingIds(
        meeting=meeting_id,
        categories=names(CategoryRow, CategoryRow.name),
        targets=names(TargetRow, TargetRow.name),
        levels=names(LevelRow, LevelRow.label),
        ballot_types=names(BallotTypeRow, BallotTypeRow.code),
    )


def list_meetings(session: Session) -> list[MeetingSummary]:
    """All meetings, newest first, with their number of entered ballots."""
    ballots = (
        select(BallotRow.meeting_id, func.count().label("n"))
        .group_by(BallotRow.meeting_id)
        .subquery()
    )
    rows = session.execute(
        select(
            MeetingRow.id,
            MeetingRow.title,
            MeetingRow.date,
            MeetingRow.venue,
            func.coalesce(ballots.c.n, 0),
        )
        .outerjoin(ballots, ballots.c.meeting_id == MeetingRow.id)
        .order_by(MeetingRow.id.desc())
    )
    return [
        MeetingSummary(id_, title, date.isoformat() if date else "", venue, n)
        for id_, title, date, venue, n in rows
    ]
