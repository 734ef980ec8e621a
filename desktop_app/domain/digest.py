"""The ballot-data digest: SHA-256 of the canonical ballot data, printed on result sheets.

Canonical means independent of entry order and of how the data is stored: ballots sorted by
serial, marks in the meeting's target order and level order, as compact JSON in UTF-8. Anyone
with the ballots CSV and the meeting can recompute it; a changed ballot changes it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.meeting import Meeting


def canonical_ballot_data(meeting: Meeting, ballots: Iterable[Ballot]) -> bytes:
    labels = meeting.level_labels
    rows = [
        [
            ballot.serial,
            ballot.type_code,
            [
                "|".join(label for label in labels if label in ballot.ticks(t))
                for t in meeting.targets
            ],
            ballot.void_reason.strip(),
        ]
        for ballot in sorted(ballots, key=lambda b: b.serial)
    ]
    document = {"targets": list(meeting.targets), "levels": list(labels), "ballots": rows}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def ballot_digest(meeting: Meeting, ballots: Iterable[Ballot]) -> str:
    """The SHA-256 hex digest of :func:`canonical_ballot_data`."""
    return hashlib.sha256(canonical_ballot_data(meeting, ballots)).hexdigest()
