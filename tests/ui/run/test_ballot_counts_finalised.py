"""The run screen's counts issued and collected once the ballots are finalised: a change is
refused with the reason on screen (no traceback out of the slot), the stored counts shown."""

from __future__ import annotations

from desktop_app.domain.ballots import Ballot
from desktop_app.store.ballots import add_ballots
from desktop_app.store.database import Database
from desktop_app.store.entry import BallotBook, finalise
from desktop_app.store.live import ballot_counts, set_ballot_counts
from desktop_app.ui.run import RunScreen


def test_counts_typed_after_finalising_are_refused_on_screen(
    screen: RunScreen, db: Database, meeting_id: int, seed_ballots: list[Ballot]
) -> None:
    with db.session() as session:
        add_ballots(session, meeting_id, seed_ballots)
        set_ballot_counts(session, meeting_id, "A", issued=30, collected=29)
    with db.session() as session:
        finalise(session, BallotBook.load(session, meeting_id))
    screen.go_to_item(5)  # 投票评议
    assert screen.stack.currentWidget() is screen.ballot
    screen.ballot.set_counts("A", 40, 29)
    assert "评议票已定稿" in screen.ballot.warning.text()
    assert not screen.ballot.warning.isHidden()
    issued, collected = screen.ballot.spins["A"]
    assert (issued.value(), collected.value()) == (30, 29)  # the stored numbers, shown again
    with db.session() as session:
        counts = {c.code: (c.issued, c.collected) for c in ballot_counts(session, meeting_id)}
    assert counts["A"] == (30, 29)
