"""Scan batches, pages, cell measures and clerks' decisions (FORMATS.md §6; SCANNING.md §5.2).

A confident scanned ballot is stored through :func:`desktop_app.store.entry.save_ballot`,
exactly as a keyboard typing, with the station ``扫描:<station>``; everything else waits here
with its page image for the review screen.
"""

from __future__ import annotations

from sqlmodel import Session

from desktop_app.domain.ballot_layout import meeting_key
from desktop_app.store.meetings import meeting_row


def meeting_key_of(session: Session, meeting_id: int) -> str:
    """The short key printed in the QR code of every ballot of the stored meeting."""
    row = meeting_row(session, meeting_id)
    assert row.id is not None
    return meeting_key(row.id, row.created_at)
