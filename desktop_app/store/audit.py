"""The append-only audit log: who changed what, when, from what, to what.

Every write to ballots or to a meeting's protected data goes through :func:`record` in the
same transaction as the change itself, so the log and the data never disagree. The
database refuses UPDATE and DELETE on the table (triggers made by migration 0002).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.store.models import AuditEventRow


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def record(
    session: Session,
    action: str,
    *,
    station: str = "",
    meeting_id: int | None = None,
    entity: str = "",
    entity_key: str = "",
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one audit event (before and after are stored as JSON)."""
    session.add(
        AuditEventRow(
            station=station,
            meeting_id=meeting_id,
            action=action,
            entity=entity,
            entity_key=entity_key,
            before=_json(before),
            after=_json(after),
        )
    )


@dataclass(frozen=True)
class AuditEvent:
    at: str
    station: str
    action: str
    entity: str
    entity_key: str
    before: Any
    after: Any


def audit_events(session: Session, meeting_id: int) -> list[AuditEvent]:
    """A meeting's audit events, oldest first."""
    rows = session.scalars(
        select(AuditEventRow)
        .where(AuditEventRow.meeting_id == meeting_id)
        .order_by(AuditEventRow.id)
    )
    return [
        AuditEvent(
            r.at.isoformat(),
            r.station,
            r.action,
            r.entity,
            r.entity_key,
            json.loads(r.before) if r.before else None,
            json.loads(r.after) if r.after else None,
        )
        for r in rows
    ]
