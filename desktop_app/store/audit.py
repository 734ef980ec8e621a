"""The append-only audit log: who changed what, when, from what, to what.

Every write to ballots or to a meeting's protected data goes through :func:`record` in the
same transaction as the change itself, so the log and the data never disagree. The
database refuses UPDATE and DELETE on the table (triggers made by migration 0002; TRUNCATE
too on PostgreSQL, migration 0007), and each entry is chained to the one before it by its
hash (:mod:`desktop_app.domain.integrity`), so :func:`chain_break` finds an entry that raw
SQL changed, removed or forged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from desktop_app.domain.integrity import (
    AUDIT_GENESIS,
    AuditEntry,
    ChainBreak,
    audit_entry_hash,
    check_chain,
)
from desktop_app.store.models import AuditEventRow, utcnow

# Serialises appends to the chain across PostgreSQL stations (held until commit); SQLite
# serialises writers by itself.
CHAIN_LOCK_KEY = 7_016_001


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
    """Append one audit event (before and after are stored as JSON), chained to the last.

    On SQLite it is written at once (one writer at a time: the flush of pending changes takes
    the write lock, so the chain head read is the newest). On PostgreSQL it is written just
    before the transaction commits, under an advisory lock held until the commit: stations
    append one after another, and a station holding the lock never waits for another's row
    locks (no deadlock with a station that holds them and waits for the lock).
    """
    pending: list[AuditEventRow] = session.info.setdefault(PENDING, [])
    pending.append(
        AuditEventRow(
            at=utcnow(),
            station=station,
            meeting_id=meeting_id,
            action=action,
            entity=entity,
            entity_key=entity_key,
            before=_json(before),
            after=_json(after),
        )
    )
    if session.get_bind().dialect.name != "postgresql":
        _write_pending(session)


PENDING = "desktop_app.audit.pending"


def _write_pending(session: Session) -> None:
    pending: list[AuditEventRow] = session.info.pop(PENDING, [])
    if not pending:
        return
    session.flush()
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
    previous = chain_head(session)
    for row in pending:
        row.prev_hash = previous
        row.hash = previous = audit_entry_hash(
            previous,
            at=row.at,
            station=row.station,
            meeting_id=row.meeting_id,
            action=row.action,
            entity=row.entity,
            entity_key=row.entity_key,
            before=row.before,
            after=row.after,
        )
        session.add(row)
        session.flush()  # one at a time: ids follow the chain


@event.listens_for(OrmSession, "before_commit")
def _before_commit(session: OrmSession) -> None:
    _write_pending(session)


@event.listens_for(OrmSession, "after_rollback")
def _after_rollback(session: OrmSession) -> None:
    session.info.pop(PENDING, None)


def chain_head(session: Session) -> str:
    """The hash of the newest audit entry (the chain's head; the genesis value when empty)."""
    head = session.scalars(
        select(AuditEventRow.hash).order_by(AuditEventRow.id.desc()).limit(1)
    ).first()
    return head or AUDIT_GENESIS


def audit_entries(session: Session) -> list[AuditEntry]:
    """Every audit row, oldest first, as the chain check reads it."""
    return [
        AuditEntry(
            r.id or 0,
            r.at,
            r.station,
            r.meeting_id,
            r.action,
            r.entity,
            r.entity_key,
            r.before,
            r.after,
            r.prev_hash,
            r.hash,
        )
        for r in session.scalars(select(AuditEventRow).order_by(AuditEventRow.id))
    ]


def chain_break(session: Session) -> ChainBreak | None:
    """The first audit entry whose chain link or hash is wrong; None when the log holds."""
    return check_chain(audit_entries(session))


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
