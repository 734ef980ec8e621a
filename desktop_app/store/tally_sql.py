"""The tally as SQL aggregation: the twin of ``desktop_app.domain.tally.count_ballots``.

The database counts ballots per type and status, counted sections per type and category,
and counted marks per type, target and level; :func:`desktop_app.domain.tally.summarise`
does the rest, so the rates, weights and ranks exist once. A test checks that this gives
exactly what the domain tally gives from the same ballots.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from desktop_app.domain.ballots import BallotStatus
from desktop_app.domain.tally import Tally, TallyCounts, summarise
from desktop_app.store.meetings import MeetingIds, load_meeting_and_ids, meeting_ids
from desktop_app.store.models import BallotMarkRow, BallotRow, BallotSectionRow


def count_ballots_sql(
    session: Session, meeting_id: int, ids: MeetingIds | None = None
) -> TallyCounts:
    """Raw counts of a stored meeting's ballots, aggregated by the database."""
    ids = ids or meeting_ids(session, meeting_id)
    codes = {id_: code for code, id_ in ids.ballot_types.items()}
    categories = {id_: name for name, id_ in ids.categories.items()}
    targets = {id_: name for name, id_ in ids.targets.items()}
    levels = {id_: label for label, id_ in ids.levels.items()}
    counts = TallyCounts()
    of_meeting = BallotRow.meeting_id == meeting_id

    for type_id, status, n in session.execute(
        select(BallotRow.ballot_type_id, BallotRow.status, func.count())
        .where(of_meeting)
        .group_by(BallotRow.ballot_type_id, BallotRow.status)
    ):
        counts.statuses[codes[type_id], BallotStatus(status)] = n

    for type_id, category_id, n in session.execute(
        select(BallotRow.ballot_type_id, BallotSectionRow.category_id, func.count())
        .join(BallotRow, BallotRow.id == BallotSectionRow.ballot_id)
        .where(of_meeting)
        .group_by(BallotRow.ballot_type_id, BallotSectionRow.category_id)
    ):
        counts.sections[codes[type_id], categories[category_id]] = n

    # One scan of the covering index ix_ballot_mark_tally; the targets pick the meeting.
    for target_id, type_id, level_id, n in session.execute(
        select(
            BallotMarkRow.target_id,
            BallotMarkRow.ballot_type_id,
            BallotMarkRow.level_id,
            func.count(),
        )
        .where(
            BallotMarkRow.target_id.in_(targets),
            BallotMarkRow.counted.is_(True),
        )
        .group_by(BallotMarkRow.target_id, BallotMarkRow.ballot_type_id, BallotMarkRow.level_id)
    ):
        counts.marks[codes[type_id], targets[target_id], levels[level_id]] = n
    return counts


def tally_meeting(session: Session, meeting_id: int) -> Tally:
    """The tally of a stored meeting, counted by the database."""
    meeting, ids = load_meeting_and_ids(session, meeting_id)
    return summarise(meeting, count_ballots_sql(session, meeting_id, ids))
