"""A record that proves itself: what ``verify`` recomputes and compares, and the audit chain.

The store keeps derived data beside each ballot so the tally is a plain SQL aggregation
(status, cause, detail, which marks are counted, which category sections count; see
``desktop_app.store.models``). None of it is trusted: :func:`classification_changes`
recomputes it from the marks with :func:`~desktop_app.domain.ballots.classify_ballot` and
names every column that differs. What the count reads from the meeting (levels and their
scores, targets, caps, weights, rules, ballots issued and collected) is fixed at finalising
by :func:`counting_settings`; :func:`settings_changes` names what moved since.

The audit log is a hash chain: each entry's hash covers its own content and the hash of the
entry before it (:func:`audit_entry_hash`), so an entry changed, deleted or slipped in by
raw SQL breaks the chain at that entry. Pure functions: the store reads, these decide.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.ballots import COUNTING_RULES_VERSION, Ballot, classify_ballot
from desktop_app.domain.meeting import Meeting

AUDIT_GENESIS = "0" * 64
"""The "previous hash" of the first audit entry."""


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )


# --- the classification stored with a ballot ----------------------------------------------------


@dataclass(frozen=True)
class StoredClassification:
    """The derived columns of one stored ballot, as read from the database.

    ``counted``: the (target, level) marks flagged as counted; ``mark_types``: the ballot type
    codes repeated on its mark rows; ``sections``: the category names of its counted sections.
    """

    status: str
    cause: str | None
    detail: str
    rules_version: int
    counted: frozenset[tuple[str, str]]
    mark_types: frozenset[str]
    sections: frozenset[str]


def expected_classification(meeting: Meeting, ballot: Ballot) -> StoredClassification:
    """What the current counting rules store for ``ballot``."""
    c = classify_ballot(meeting, ballot)
    counted = frozenset(
        (target, level)
        for section in c.sections.values()
        for target, level in section.items()
        if level is not None
    )
    return StoredClassification(
        status=c.status.value,
        cause=c.cause.value if c.cause else None,
        detail=c.detail,
        rules_version=COUNTING_RULES_VERSION,
        counted=counted,
        mark_types=frozenset({ballot.type_code}) if ballot.has_marks else frozenset(),
        sections=frozenset(c.sections),
    )


def classification_changes(
    meeting: Meeting, ballot: Ballot, stored: StoredClassification
) -> list[str]:
    """Each derived column of ``ballot`` whose stored value is not what the rules give,
    as ``column: stored X, recomputed Y`` (empty: the stored classification is right)."""
    expected = expected_classification(meeting, ballot)
    changes: list[str] = []

    def differs(column: str, got: object, want: object) -> None:
        if got != want:
            changes.append(f"{column}: stored {_show(got)}, recomputed {_show(want)}")

    differs("ballot.status", stored.status, expected.status)
    differs("ballot.cause", stored.cause, expected.cause)
    differs("ballot.detail", stored.detail, expected.detail)
    differs("ballot.rules_version", stored.rules_version, expected.rules_version)
    differs("ballot_mark.counted", stored.counted, expected.counted)
    differs("ballot_mark.ballot_type_id", stored.mark_types, expected.mark_types)
    differs("ballot_section", stored.sections, expected.sections)
    return changes


def _show(value: object) -> str:
    if isinstance(value, frozenset):
        items = sorted("=".join(v) if isinstance(v, tuple) else str(v) for v in value)
        return "{" + ", ".join(items) + "}"
    return repr(value)


# --- what the count reads from the meeting ------------------------------------------------------


def counting_settings(
    meeting: Meeting, collected: Mapping[str, int | None] | None = None
) -> dict[str, Any]:
    """Everything of the meeting that a result sheet's figures depend on, as plain JSON:
    level labels, order and scores; categories, their targets and caps; ballot types with
    their weights and the ballots issued and collected; the rules."""
    collected = collected or {}
    return {
        "levels": [{"label": lv.label, "score": lv.score} for lv in meeting.levels],
        "categories": [
            {"name": c.name, "targets": list(c.targets), "caps": dict(c.caps)}
            for c in meeting.categories
        ],
        "ballot_types": [
            {
                "code": t.code,
                "label": t.label,
                "weight": t.weight,
                "issued": t.issued,
                "collected": collected.get(t.code),
            }
            for t in meeting.ballot_types
        ],
        "rules": {
            "multi_mark": meeting.rules.multi_mark.value,
            "over_cap": meeting.rules.over_cap.value,
        },
    }


def settings_changes(recorded: Any, now: Any, path: str = "") -> list[str]:
    """Every field path where ``now`` differs from ``recorded``, as ``path: X → Y``."""
    if isinstance(recorded, dict) and isinstance(now, dict):
        changes: list[str] = []
        for key in list(recorded) + [k for k in now if k not in recorded]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in now or key not in recorded:
                changes.append(f"{sub}: {_json(recorded.get(key))} → {_json(now.get(key))}")
            else:
                changes.extend(settings_changes(recorded[key], now[key], sub))
        return changes
    if isinstance(recorded, list) and isinstance(now, list) and len(recorded) == len(now):
        return [
            change
            for i, (a, b) in enumerate(zip(recorded, now, strict=True))
            for change in settings_changes(a, b, f"{path}[{i}]")
        ]
    if recorded != now:
        return [f"{path or '(all)'}: {_json(recorded)} → {_json(now)}"]
    return []


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# --- the audit chain --------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditEntry:
    """One audit row as stored: the hashed content plus its chain links."""

    id: int
    at: dt.datetime
    station: str
    meeting_id: int | None
    action: str
    entity: str
    entity_key: str
    before: str | None
    after: str | None
    prev_hash: str | None
    hash: str | None


def audit_time(at: dt.datetime) -> str:
    """A stored time as hashed: UTC, microseconds, the same text on SQLite and PostgreSQL."""
    utc = at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def audit_entry_hash(
    prev_hash: str,
    *,
    at: dt.datetime,
    station: str,
    meeting_id: int | None,
    action: str,
    entity: str,
    entity_key: str,
    before: str | None,
    after: str | None,
) -> str:
    """SHA-256 over the previous entry's hash and this entry's content (JSON text as stored)."""
    content = [
        prev_hash,
        audit_time(at),
        station,
        meeting_id,
        action,
        entity,
        entity_key,
        before,
        after,
    ]
    return hashlib.sha256(_canonical(content)).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first audit entry whose link or hash is wrong, and how."""

    entry_id: int
    reason: str

    def __str__(self) -> str:
        return f"audit_event #{self.entry_id}: {self.reason}"


def check_chain(entries: list[AuditEntry]) -> ChainBreak | None:
    """The first broken entry of the chain (entries in id order), or None when it holds."""
    previous = AUDIT_GENESIS
    for entry in entries:
        if entry.prev_hash != previous:
            reason = (
                "no chain hash (inserted outside the app)"
                if entry.prev_hash is None or entry.hash is None
                else "does not follow the entry before it (an entry was removed, changed or "
                "slipped in)"
            )
            return ChainBreak(entry.id, reason)
        expected = audit_entry_hash(
            previous,
            at=entry.at,
            station=entry.station,
            meeting_id=entry.meeting_id,
            action=entry.action,
            entity=entry.entity,
            entity_key=entry.entity_key,
            before=entry.before,
            after=entry.after,
        )
        if entry.hash != expected:
            return ChainBreak(entry.id, "its content was changed after it was written")
        previous = expected
    return None
