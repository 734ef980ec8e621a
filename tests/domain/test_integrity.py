"""The pure parts of verify: the audit hash chain, settings differences, and the stored
classification recomputed from the marks."""

from __future__ import annotations

import dataclasses
import datetime as dt

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.integrity import (
    AUDIT_GENESIS,
    AuditEntry,
    audit_entry_hash,
    check_chain,
    classification_changes,
    counting_settings,
    expected_classification,
    settings_changes,
)
from desktop_app.domain.meeting import Level, Meeting

T0 = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def chain(n: int) -> list[AuditEntry]:
    entries, previous = [], AUDIT_GENESIS
    for i in range(1, n + 1):
        at = T0 + dt.timedelta(seconds=i)
        digest = audit_entry_hash(
            previous, at=at, station="s", meeting_id=1, action=f"a{i}", entity="e",
            entity_key=str(i), before=None, after='{"n": 1}',
        )  # fmt: skip
        entries.append(AuditEntry(i, at, "s", 1, f"a{i}", "e", str(i), None, '{"n": 1}',
                                  previous, digest))  # fmt: skip
        previous = digest
    return entries


def test_an_intact_chain_holds_and_the_same_time_hashes_alike_naive_or_aware() -> None:
    entries = chain(4)
    assert check_chain(entries) is None
    naive = [dataclasses.replace(e, at=e.at.replace(tzinfo=None)) for e in entries]
    assert check_chain(naive) is None  # SQLite gives naive UTC back


def test_a_changed_removed_or_forged_entry_is_named() -> None:
    entries = chain(4)
    changed = [*entries[:2], dataclasses.replace(entries[2], after='{"n": 2}'), entries[3]]
    assert (broken := check_chain(changed)) is not None and broken.entry_id == 3
    assert "changed" in broken.reason
    removed = [entries[0], *entries[2:]]
    assert (broken := check_chain(removed)) is not None and broken.entry_id == 3
    forged = [*entries, dataclasses.replace(entries[0], id=5, prev_hash=None, hash=None)]
    assert (broken := check_chain(forged)) is not None and broken.entry_id == 5
    assert "outside the app" in broken.reason


def test_settings_changes_name_the_field(seed_meeting: Meeting) -> None:
    before = counting_settings(seed_meeting, {"A": 29})
    swapped = dataclasses.replace(
        seed_meeting,
        levels=(Level("差", 100), *seed_meeting.levels[1:-1], Level("好", 40)),
    )
    changes = settings_changes(before, counting_settings(swapped, {"A": 30}))
    assert 'levels[0].label: "好" → "差"' in changes
    assert any(c.startswith("ballot_types[0].collected: 29 → 30") for c in changes)
    assert settings_changes(before, counting_settings(seed_meeting, {"A": 29})) == []


def test_every_derived_column_is_compared(
    seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    ballot = next(
        b for b in seed_ballots if expected_classification(seed_meeting, b).status == "valid"
    )
    right = expected_classification(seed_meeting, ballot)
    assert classification_changes(seed_meeting, ballot, right) == []
    for column, wrong in (
        ("ballot.status", dataclasses.replace(right, status="blank")),
        ("ballot.cause", dataclasses.replace(right, cause="by_hand")),
        ("ballot.detail", dataclasses.replace(right, detail="x")),
        ("ballot.rules_version", dataclasses.replace(right, rules_version=0)),
        ("ballot_mark.counted", dataclasses.replace(right, counted=frozenset())),
        ("ballot_mark.ballot_type_id", dataclasses.replace(right, mark_types=frozenset("Z"))),
        ("ballot_section", dataclasses.replace(right, sections=frozenset())),
    ):
        (change,) = classification_changes(seed_meeting, ballot, wrong)
        assert change.startswith(f"{column}: stored ")
