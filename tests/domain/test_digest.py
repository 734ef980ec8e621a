"""The ballot-data digest: independent of entry order, changed by any change to a ballot."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.digest import ballot_digest, canonical_ballot_data
from desktop_app.domain.meeting import Meeting


def test_digest_ignores_entry_order(seed_meeting: Meeting, seed_ballots: list[Ballot]) -> None:
    digest = ballot_digest(seed_meeting, seed_ballots)
    assert len(digest) == 64 and int(digest, 16) >= 0
    assert ballot_digest(seed_meeting, list(reversed(seed_ballots))) == digest


def test_any_change_to_a_ballot_changes_the_digest(
    seed_meeting: Meeting, seed_ballots: list[Ballot]
) -> None:
    digest = ballot_digest(seed_meeting, seed_ballots)
    first = seed_ballots[0]
    target = seed_meeting.targets[0]
    other_level = next(lv for lv in seed_meeting.level_labels if (lv,) != first.ticks(target))
    changes = [
        replace(first, marks={**first.marks, target: (other_level,)}),
        replace(first, marks={**first.marks, target: ()}),
        replace(first, void_reason="签名"),
        replace(first, type_code="A" if first.type_code == "B" else "B"),
        replace(first, serial=first.serial + "x"),
    ]
    digests = {ballot_digest(seed_meeting, [changed, *seed_ballots[1:]]) for changed in changes}
    assert digest not in digests
    assert len(digests) == len(changes)
    assert ballot_digest(seed_meeting, seed_ballots[1:]) != digest


def test_canonical_data_writes_multi_marks_in_level_order(seed_meeting: Meeting) -> None:
    target = seed_meeting.targets[0]
    one = Ballot("X-1", "A", {target: ("差", "好")})
    other = Ballot("X-1", "A", {target: ("好", "差")})
    assert canonical_ballot_data(seed_meeting, [one]) == canonical_ballot_data(
        seed_meeting, [other]
    )
    assert "好|差".encode() in canonical_ballot_data(seed_meeting, [one])
