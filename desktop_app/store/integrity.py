"""Verifying a stored meeting, and re-classifying ballots made by older counting rules.

:func:`verify_meeting` trusts nothing derived: it recomputes the ballot-data digest, every
ballot's classification (status, cause, detail, counted marks, counted sections) from its
marks, the count itself in Python against the SQL count, the counting settings against those
recorded at finalising, and the audit chain; every difference is named.

:func:`reclassify_outdated` is for migrations: it re-classifies every ballot whose
``rules_version`` is older than :data:`~desktop_app.domain.ballots.COUNTING_RULES_VERSION`
and appends one audit entry per meeting. It reads the schema by reflection, so a later
migration can call it whatever columns have been added since.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain.ballots import COUNTING_RULES_VERSION, Ballot
from desktop_app.domain.digest import ballot_digest
from desktop_app.domain.integrity import (
    AUDIT_GENESIS,
    ChainBreak,
    StoredClassification,
    audit_entry_hash,
    classification_changes,
    counting_settings,
    expected_classification,
    settings_changes,
)
from desktop_app.domain.meeting import (
    BallotType,
    Category,
    Level,
    Meeting,
    MultiMarkRule,
    OverCapRule,
    Rules,
)
from desktop_app.domain.tally import count_ballots
from desktop_app.store.audit import chain_break, chain_head
from desktop_app.store.ballots import load_ballots
from desktop_app.store.meetings import load_meeting_and_ids, meeting_row
from desktop_app.store.models import (
    AuditEventRow,
    BallotMarkRow,
    BallotRow,
    BallotSectionRow,
    BallotTypeRow,
    as_utc,
    utcnow,
)
from desktop_app.store.tally_sql import count_ballots_sql

SHOWN = 20  # problems listed in full; the rest are counted


@dataclass(frozen=True)
class Verification:
    """What ``verify`` found. ``problems`` empty: the record proves itself."""

    digest: str
    finalised_digest: str | None
    chain_head: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def collected_counts(session: Session, meeting_id: int) -> dict[str, int | None]:
    return dict(
        session.execute(
            select(BallotTypeRow.code, BallotTypeRow.collected).where(
                BallotTypeRow.meeting_id == meeting_id
            )
        ).all()
    )


def current_settings(session: Session, meeting_id: int) -> dict[str, Any]:
    """The counting settings of the stored meeting as they are now."""
    meeting, _ = load_meeting_and_ids(session, meeting_id)
    return counting_settings(meeting, collected_counts(session, meeting_id))


def stored_classifications(session: Session, meeting_id: int) -> dict[str, StoredClassification]:
    """Each stored ballot's derived columns, by serial (ids of other meetings show as #id)."""
    _, ids = load_meeting_and_ids(session, meeting_id)
    codes = {v: k for k, v in ids.ballot_types.items()}
    targets = {v: k for k, v in ids.targets.items()}
    levels = {v: k for k, v in ids.levels.items()}
    categories = {v: k for k, v in ids.categories.items()}
    heads = session.execute(
        select(
            BallotRow.id,
            BallotRow.serial,
            BallotRow.status,
            BallotRow.cause,
            BallotRow.detail,
            BallotRow.rules_version,
        ).where(BallotRow.meeting_id == meeting_id)
    ).all()
    counted: dict[int, set[tuple[str, str]]] = {}
    mark_types: dict[int, set[str]] = {}
    for ballot_id, target_id, level_id, type_id, is_counted in session.execute(
        select(
            BallotMarkRow.ballot_id,
            BallotMarkRow.target_id,
            BallotMarkRow.level_id,
            BallotMarkRow.ballot_type_id,
            BallotMarkRow.counted,
        )
        .join(BallotRow, BallotRow.id == BallotMarkRow.ballot_id)
        .where(BallotRow.meeting_id == meeting_id)
    ):
        mark_types.setdefault(ballot_id, set()).add(codes.get(type_id, f"#{type_id}"))
        if is_counted:
            counted.setdefault(ballot_id, set()).add(
                (targets.get(target_id, f"#{target_id}"), levels.get(level_id, f"#{level_id}"))
            )
    sections: dict[int, set[str]] = {}
    for ballot_id, category_id in session.execute(
        select(BallotSectionRow.ballot_id, BallotSectionRow.category_id)
        .join(BallotRow, BallotRow.id == BallotSectionRow.ballot_id)
        .where(BallotRow.meeting_id == meeting_id)
    ):
        sections.setdefault(ballot_id, set()).add(categories.get(category_id, f"#{category_id}"))
    return {
        serial: StoredClassification(
            status,
            cause,
            detail,
            rules_version,
            frozenset(counted.get(ballot_id, ())),
            frozenset(mark_types.get(ballot_id, ())),
            frozenset(sections.get(ballot_id, ())),
        )
        for ballot_id, serial, status, cause, detail, rules_version in heads
    }


def _counter_changes(name: str, stored: Counter[Any], recounted: Counter[Any]) -> list[str]:
    keys = sorted(set(stored) | set(recounted), key=str)
    return [
        f"{name}[{'/'.join(map(str, key))}]: stored {stored[key]}, recounted {recounted[key]}"
        for key in keys
        if stored[key] != recounted[key]
    ]


def verify_meeting(session: Session, meeting_id: int) -> Verification:
    """Recompute everything the figures rest on and name what does not match (see module).

    Problems come in this order: the ballot data against the digest recorded at finalising,
    the counting settings and the finalise entry, the audit chain, each ballot's derived
    columns, the SQL count against the recount (at most :data:`SHOWN` of each of the last
    two, then how many more)."""
    row = meeting_row(session, meeting_id)
    meeting, ids = load_meeting_and_ids(session, meeting_id)
    ballots = load_ballots(session, meeting_id)
    digest = ballot_digest(meeting, ballots)
    problems: list[str] = []

    if row.finalised_at is not None:
        recorded = row.finalised_digest or ""
        if recorded != digest:
            problems.append(
                f"ballot data: digest {digest} does not match {recorded} recorded at finalising"
            )
        if row.finalised_settings is None:
            problems.append("meeting.finalised_settings: missing (cleared outside the app)")
        else:
            problems.extend(
                f"counting settings changed since finalising: {change}"
                for change in settings_changes(
                    json.loads(row.finalised_settings), current_settings(session, meeting_id)
                )
            )
        problems.extend(_finalise_entry_problems(session, meeting_id, recorded))

    broken: ChainBreak | None = chain_break(session)
    if broken is not None:
        problems.append(f"audit log: {broken}")

    stored = stored_classifications(session, meeting_id)
    problems.extend(
        _first(
            [
                f"ballot {ballot.serial}: {change}"
                for ballot in ballots
                for change in classification_changes(meeting, ballot, stored[ballot.serial])
            ]
        )
    )

    sql = count_ballots_sql(session, meeting_id, ids)
    recount = count_ballots(meeting, ballots)
    problems.extend(
        _first(
            [
                f"tally: {change}"
                for name in ("statuses", "sections", "marks")
                for change in _counter_changes(name, getattr(sql, name), getattr(recount, name))
            ]
        )
    )
    return Verification(digest, row.finalised_digest, chain_head(session), problems)


def _first(problems: list[str]) -> list[str]:
    if len(problems) <= SHOWN:
        return problems
    return [*problems[:SHOWN], f"… and {len(problems) - SHOWN} more like these"]


def _finalise_entry_problems(session: Session, meeting_id: int, recorded: str) -> list[str]:
    """The meeting's finalised digest must be the one its last finalise entry logged."""
    entry = session.scalars(
        select(AuditEventRow.after)
        .where(AuditEventRow.meeting_id == meeting_id)
        .where(AuditEventRow.action.in_(("ballots.finalise", "ballots.unlock")))
        .order_by(AuditEventRow.id.desc())
        .limit(1)
    ).first()
    logged = None
    if entry:
        try:
            logged = json.loads(entry).get("digest")
        except (ValueError, AttributeError):
            logged = None
    if logged != recorded:
        return [
            f"meeting.finalised_digest: {recorded} is not the digest the audit log recorded "
            f"at finalising ({logged})"
        ]
    return []


# --- re-classification at migration ----------------------------------------------------------


def _reflected(connection: sa.Connection) -> dict[str, sa.Table]:
    metadata = sa.MetaData()
    metadata.reflect(
        connection,
        only=[
            "meeting",
            "level",
            "category",
            "category_cap",
            "target",
            "ballot_type",
            "ballot",
            "ballot_mark",
            "ballot_section",
            "audit_event",
        ],
    )
    return dict(metadata.tables)


def _counting_meeting(connection: sa.Connection, t: dict[str, sa.Table], meeting_id: int) -> Any:
    """The parts of a stored meeting classification reads, and the ids of its parts."""
    m = connection.execute(
        select(t["meeting"].c.multi_mark, t["meeting"].c.over_cap).where(
            t["meeting"].c.id == meeting_id
        )
    ).one()

    def ordered(name: str, *columns: str) -> list[Any]:
        table = t[name]
        return list(
            connection.execute(
                select(table.c.id, *(table.c[c] for c in columns))
                .where(table.c.meeting_id == meeting_id)
                .order_by(table.c.position)
            )
        )

    levels = ordered("level", "label", "score")
    categories = ordered("category", "name")
    targets = ordered("target", "name", "category_id")
    types = ordered("ballot_type", "code", "label", "weight", "issued", "collected")
    level_names = {lv.id: lv.label for lv in levels}
    caps: dict[int, dict[str, int]] = {c.id: {} for c in categories}
    cap_table = t["category_cap"]
    for category_id, level_id, cap in connection.execute(
        select(cap_table.c.category_id, cap_table.c.level_id, cap_table.c.cap).where(
            cap_table.c.category_id.in_(list(caps))
        )
    ):
        caps[category_id][level_names[level_id]] = cap
    meeting = Meeting(
        title="",
        date=None,
        venue="",
        agenda=(),
        speakers=(),
        levels=tuple(Level(lv.label, lv.score) for lv in levels),
        categories=tuple(
            Category(c.name, tuple(x.name for x in targets if x.category_id == c.id), caps[c.id])
            for c in categories
        ),
        ballot_types=tuple(BallotType(ty.code, ty.label, ty.weight, ty.issued) for ty in types),
        rules=Rules(MultiMarkRule(m.multi_mark), OverCapRule(m.over_cap)),
    )
    names = {
        "target": {x.id: x.name for x in targets},
        "level": level_names,
        "type": {ty.id: ty.code for ty in types},
        "category": {c.name: c.id for c in categories},
        "collected": {ty.code: ty.collected for ty in types},
    }
    return meeting, names


def backfill_finalised_settings(connection: sa.Connection, *, station: str = "migration") -> int:
    """Record the counting settings of meetings finalised before they were recorded (for the
    migration that introduces them), audited. Returns how many meetings."""
    t = _reflected(connection)
    meeting = t["meeting"]
    finalised = connection.execute(
        select(meeting.c.id).where(
            meeting.c.finalised_at.is_not(None), meeting.c.finalised_settings.is_(None)
        )
    ).scalars()
    count = 0
    for meeting_id in list(finalised):
        counting, names = _counting_meeting(connection, t, meeting_id)
        settings = counting_settings(counting, names["collected"])
        connection.execute(
            meeting.update()
            .where(meeting.c.id == meeting_id)
            .values(finalised_settings=json.dumps(settings, ensure_ascii=False, sort_keys=True))
        )
        append_audit(
            connection,
            t["audit_event"],
            "ballots.finalised_settings",
            station=station,
            meeting_id=meeting_id,
            entity="meeting",
            entity_key=str(meeting_id),
            after={"settings": settings},
        )
        count += 1
    return count


def reclassify_outdated(connection: sa.Connection, *, station: str = "migration") -> int:
    """Re-classify every ballot stored by older counting rules; one audit entry per meeting
    (ballots re-classified, serials whose classification changed). Returns how many ballots
    were re-classified."""
    t = _reflected(connection)
    ballot = t["ballot"]
    stale = connection.execute(
        select(ballot.c.meeting_id, ballot.c.id, ballot.c.serial)
        .where(ballot.c.rules_version < COUNTING_RULES_VERSION)
        .order_by(ballot.c.meeting_id, ballot.c.id)
    ).all()
    by_meeting: dict[int, list[Any]] = {}
    for r in stale:
        by_meeting.setdefault(r.meeting_id, []).append(r)
    for meeting_id, rows in by_meeting.items():
        meeting, names = _counting_meeting(connection, t, meeting_id)
        changed: list[str] = []
        for r in rows:
            head, paper, stored_counted = _stored_paper(connection, t, meeting, names, r)
            want = expected_classification(meeting, paper)
            if want.status != head.status or want.counted != stored_counted:
                changed.append(r.serial)
            _store_classification(connection, t, names, r.id, head.ballot_type_id, want)
        append_audit(
            connection,
            t["audit_event"],
            "ballots.reclassify",
            station=station,
            meeting_id=meeting_id,
            entity="meeting",
            entity_key=str(meeting_id),
            after={
                "rules_version": COUNTING_RULES_VERSION,
                "ballots": len(rows),
                "changed": changed,
            },
        )
    return len(stale)


def _stored_paper(
    connection: sa.Connection, t: dict[str, sa.Table], meeting: Any, names: Any, r: Any
) -> tuple[Any, Ballot, set[tuple[str, str]]]:
    """Stored ballot ``r``: its head row (type, void reason, status), the paper as typed,
    and the (target, level) marks stored as counted."""
    ballot, mark = t["ballot"], t["ballot_mark"]
    head = connection.execute(
        select(ballot.c.ballot_type_id, ballot.c.void_reason, ballot.c.status).where(
            ballot.c.id == r.id
        )
    ).one()
    marks: dict[str, list[str]] = {}
    stored_counted = set()
    for target_id, level_id, counted in connection.execute(
        select(mark.c.target_id, mark.c.level_id, mark.c.counted).where(mark.c.ballot_id == r.id)
    ):
        key = (names["target"][target_id], names["level"][level_id])
        marks.setdefault(key[0], []).append(key[1])
        if counted:
            stored_counted.add(key)
    order = {label: i for i, label in enumerate(meeting.level_labels)}
    paper = Ballot(
        r.serial,
        names["type"][head.ballot_type_id],
        {k: tuple(sorted(v, key=order.__getitem__)) for k, v in marks.items()},
        head.void_reason,
    )
    return head, paper, stored_counted


def _store_classification(
    connection: sa.Connection,
    t: dict[str, sa.Table],
    names: Any,
    ballot_id: int,
    ballot_type_id: int,
    want: StoredClassification,
) -> None:
    """Write ``want`` over the stored classification of ballot ``ballot_id``."""
    ballot, mark, section = t["ballot"], t["ballot_mark"], t["ballot_section"]
    connection.execute(
        ballot.update()
        .where(ballot.c.id == ballot_id)
        .values(
            status=want.status,
            cause=want.cause,
            detail=want.detail,
            rules_version=COUNTING_RULES_VERSION,
        )
    )
    connection.execute(
        mark.update()
        .where(mark.c.ballot_id == ballot_id)
        .values(counted=False, ballot_type_id=ballot_type_id)
    )
    target_ids = {v: k for k, v in names["target"].items()}
    level_ids = {v: k for k, v in names["level"].items()}
    for target, level in want.counted:
        connection.execute(
            mark.update()
            .where(
                mark.c.ballot_id == ballot_id,
                mark.c.target_id == target_ids[target],
                mark.c.level_id == level_ids[level],
            )
            .values(counted=True)
        )
    connection.execute(section.delete().where(section.c.ballot_id == ballot_id))
    for name in sorted(want.sections):
        connection.execute(
            section.insert().values(ballot_id=ballot_id, category_id=names["category"][name])
        )


def append_audit(
    connection: sa.Connection,
    table: sa.Table,
    action: str,
    *,
    station: str,
    meeting_id: int | None,
    entity: str,
    entity_key: str,
    after: Any,
) -> None:
    """Append one chained audit entry through Core (for migrations)."""
    previous = connection.execute(
        select(table.c.hash).order_by(table.c.id.desc()).limit(1)
    ).scalar() or (AUDIT_GENESIS)
    at = utcnow()
    after_text = json.dumps(after, ensure_ascii=False, sort_keys=True)
    values = {
        "at": at,
        "station": station,
        "meeting_id": meeting_id,
        "action": action,
        "entity": entity,
        "entity_key": entity_key,
        "before": None,
        "after": after_text,
    }
    connection.execute(
        table.insert().values(
            **values,
            prev_hash=previous,
            hash=audit_entry_hash(
                previous,
                at=at,
                station=station,
                meeting_id=meeting_id,
                action=action,
                entity=entity,
                entity_key=entity_key,
                before=None,
                after=after_text,
            ),
        )
    )


def rechain_audit_log(connection: sa.Connection, table: sa.Table) -> int:
    """Give every audit row its chain link and hash, in id order (for the migration that
    introduces the chain; the append-only triggers must be off). Returns the rows chained."""
    previous = AUDIT_GENESIS
    rows = connection.execute(select(table).order_by(table.c.id)).all()
    for r in rows:
        digest = audit_entry_hash(
            previous,
            at=as_utc(r.at),
            station=r.station,
            meeting_id=r.meeting_id,
            action=r.action,
            entity=r.entity,
            entity_key=r.entity_key,
            before=r.before,
            after=r.after,
        )
        connection.execute(
            table.update().where(table.c.id == r.id).values(prev_hash=previous, hash=digest)
        )
        previous = digest
    return len(rows)
