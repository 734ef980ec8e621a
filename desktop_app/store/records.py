"""The live records of a meeting: comments and speech timing events.

Rows refer to agenda items, targets and speakers by id; the domain refers to them by
position and name. This module translates both ways and refuses names the meeting does not
have (:class:`DataError`) before writing anything. Times go in as UTC and come back as
timezone-aware UTC datetimes (SQLite keeps no offset).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain.errors import DataError
from desktop_app.domain.records import Comment
from desktop_app.domain.text import translate
from desktop_app.domain.timing import EventKind, SpeechEvent
from desktop_app.store.audit import record
from desktop_app.store.meetings import meeting_row
from desktop_app.store.models import (
    AgendaItemRow,
    CommentRow,
    SpeakerRow,
    SpeechEventRow,
    TargetRow,
    as_utc,
    utcnow,
)


@dataclass(frozen=True)
class _Names:
    """A meeting's agenda item ids by position, target and speaker ids by name."""

    agenda: list[int]
    targets: dict[str, int]
    speakers: dict[str, int]
    speaker_names: dict[int, str]  # every speaker's id, also of a repeated name

    def agenda_id(self, index: int | None) -> int | None:
        if index is None:
            return None
        if not 0 <= index < len(self.agenda):
            raise DataError(
                translate(
                    "Core", "没有第 {number} 项议程(共 {count} 项) / no agenda item {index}"
                ).format(number=index + 1, count=len(self.agenda), index=index),
                field="agenda_index",
            )
        return self.agenda[index]

    def target_id(self, name: str | None) -> int | None:
        if name is None:
            return None
        if name not in self.targets:
            raise DataError(
                translate("Core", "“{name}” 不是本会议的评议对象 / not a target").format(name=name),
                field="target",
            )
        return self.targets[name]

    def speaker_id(self, name: str | None) -> int | None:
        if name is None:
            return None
        if name not in self.speakers:
            raise DataError(
                translate("Core", "“{name}” 不是本会议的述职人 / not a speaker").format(name=name),
                field="speaker",
            )
        return self.speakers[name]


def _names(session: Session, meeting_id: int) -> _Names:
    meeting_row(session, meeting_id)

    def ordered(model: Any) -> list[Any]:
        return list(
            session.scalars(
                select(model).where(model.meeting_id == meeting_id).order_by(model.position)
            )
        )

    speaker_rows = ordered(SpeakerRow)
    speakers: dict[str, int] = {}
    for speaker in speaker_rows:
        speakers.setdefault(speaker.name, speaker.id)  # the first speaker of a name
    return _Names(
        agenda=[a.id for a in ordered(AgendaItemRow)],
        targets={t.name: t.id for t in ordered(TargetRow)},
        speakers=speakers,
        speaker_names={s.id: s.name for s in speaker_rows},
    )


def add_comment(
    session: Session,
    meeting_id: int,
    *,
    target: str | None,
    agenda_index: int | None,
    author: str = "",
    author_identity: str = "",
    text: str,
    station: str = "",
) -> int:
    """Store a new comment (audited); returns its id. Flushes, the caller commits."""
    names = _names(session, meeting_id)
    row = CommentRow(
        meeting_id=meeting_id,
        agenda_item_id=names.agenda_id(agenda_index),
        target_id=names.target_id(target),
        author=author,
        author_identity=author_identity,
        text=text,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    after = {
        "target": target,
        "agenda_index": agenda_index,
        "author": author,
        "author_identity": author_identity,
        "text": text,
    }
    record(
        session,
        "comment.create",
        station=station,
        meeting_id=meeting_id,
        entity="comment",
        entity_key=str(row.id),
        after=after,
    )
    return row.id


def update_comment(session: Session, comment_id: int, text: str, station: str = "") -> None:
    """Change a comment's text; the audit log keeps the text before and after."""
    row = session.get(CommentRow, comment_id)
    if row is None:
        raise DataError(
            translate(
                "Core", "没有编号为 {comment_id} 的点评 / no comment with id {comment_id}"
            ).format(comment_id=comment_id)
        )
    before = row.text
    if before == text:
        return
    row.text = text
    row.updated_at = utcnow()
    session.add(row)
    record(
        session,
        "comment.update",
        station=station,
        meeting_id=row.meeting_id,
        entity="comment",
        entity_key=str(comment_id),
        before={"text": before},
        after={"text": text},
    )
    session.flush()


def comments(session: Session, meeting_id: int) -> list[Comment]:
    """A meeting's comments in the order they were made."""
    names = _names(session, meeting_id)
    target_names = {v: k for k, v in names.targets.items()}
    positions = {item_id: i for i, item_id in enumerate(names.agenda)}
    rows = session.scalars(
        select(CommentRow).where(CommentRow.meeting_id == meeting_id).order_by(CommentRow.id)
    )
    return [
        Comment(
            id=r.id,
            target=target_names.get(r.target_id) if r.target_id is not None else None,
            agenda_index=positions.get(r.agenda_item_id) if r.agenda_item_id is not None else None,
            author=r.author,
            author_identity=r.author_identity,
            text=r.text,
            created_at=as_utc(r.created_at),
        )
        for r in rows
    ]


def record_event(session: Session, meeting_id: int, event: SpeechEvent) -> None:
    """Append one timing event. Flushes, the caller commits (at once: it is a press)."""
    names = _names(session, meeting_id)
    session.add(
        SpeechEventRow(
            meeting_id=meeting_id,
            agenda_item_id=names.agenda_id(event.agenda_index),
            speaker_id=names.speaker_id(event.speaker),
            kind=str(event.kind),
            at=as_utc(event.at),
            value_s=event.value_s,
        )
    )
    session.flush()


def events(session: Session, meeting_id: int) -> list[SpeechEvent]:
    """A meeting's timing events, by time and then in the order they were recorded."""
    names = _names(session, meeting_id)
    positions = {item_id: i for i, item_id in enumerate(names.agenda)}
    rows = session.scalars(
        select(SpeechEventRow)
        .where(SpeechEventRow.meeting_id == meeting_id)
        .order_by(SpeechEventRow.at, SpeechEventRow.id)
    )
    return [
        SpeechEvent(
            kind=EventKind(r.kind),
            at=as_utc(r.at),
            agenda_index=positions.get(r.agenda_item_id) if r.agenda_item_id is not None else None,
            speaker=names.speaker_names.get(r.speaker_id) if r.speaker_id is not None else None,
            value_s=r.value_s,
        )
        for r in rows
    ]
