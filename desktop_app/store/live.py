"""What the run screen writes besides events and comments: ballots issued and collected.

During the ballot item (投票评议) staff count the ballots handed out and handed back per
type; the result sheets print both. Each change is audited like every other count.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain.errors import DataError
from desktop_app.domain.text import translate
from desktop_app.store.audit import record
from desktop_app.store.ballots import ensure_open
from desktop_app.store.meetings import meeting_row
from desktop_app.store.models import BallotTypeRow


@dataclass(frozen=True)
class BallotCount:
    """A ballot type's ballots issued (发出) and collected (收回); None: not counted yet."""

    code: str
    label: str
    issued: int | None
    collected: int | None


def _types(session: Session, meeting_id: int) -> list[BallotTypeRow]:
    meeting_row(session, meeting_id)
    return list(
        session.scalars(
            select(BallotTypeRow)
            .where(BallotTypeRow.meeting_id == meeting_id)
            .order_by(BallotTypeRow.position)
        )
    )


def ballot_counts(session: Session, meeting_id: int) -> list[BallotCount]:
    """Every ballot type of the meeting, in order, with its counts."""
    rows = _types(session, meeting_id)
    return [BallotCount(t.code, t.label, t.issued, t.collected) for t in rows]


def set_ballot_counts(
    session: Session,
    meeting_id: int,
    code: str,
    *,
    issued: int | None,
    collected: int | None,
    station: str = "",
) -> None:
    """Store a type's ballots issued and collected (audited). Flushes, the caller commits."""
    for number, name in ((issued, "issued"), (collected, "collected")):
        if number is not None and number < 0:
            raise DataError(
                translate("Core", "票数不能为负数:{number} / must not be negative").format(
                    number=number
                ),
                field=name,
            )
    row = next((t for t in _types(session, meeting_id) if t.code == code), None)
    if row is None:
        raise DataError(
            translate("Core", "没有票种 “{code}” / no ballot type {code!r}").format(code=code),
            field="type",
        )
    before = {"issued": row.issued, "collected": row.collected}
    after = {"issued": issued, "collected": collected}
    if before == after:
        return
    ensure_open(session, meeting_id)  # the result sheets print both counts
    row.issued = issued
    row.collected = collected
    session.add(row)
    record(
        session,
        "ballot_type.counts",
        station=station,
        meeting_id=meeting_id,
        entity="ballot_type",
        entity_key=code,
        before=before,
        after=after,
    )
    session.flush()
