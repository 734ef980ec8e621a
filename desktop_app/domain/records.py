"""What was said about the units: comments (点评) typed during the meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Comment:
    """A comment by the chair or a representative.

    ``target`` names the evaluated unit it is about (None: about the item in general);
    ``agenda_index`` is the position in ``meeting.agenda`` of the item it was made in.
    """

    id: int
    target: str | None
    agenda_index: int | None
    author: str
    author_identity: str
    text: str
    created_at: dt.datetime
