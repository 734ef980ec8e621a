"""One open meeting on one database: the only place a screen's reads and writes reach it.

The main window opens one :class:`MeetingSession` per opened meeting and hands it to every
screen. The session loads the meeting once (and again only after its definition changed,
double entry was switched, or another station changed something; counts typed here are
kept in the loaded meeting without a load), runs every read and write in its own
transaction, and announces each committed change with ``changed(what)``; screens listen and
refresh themselves (Anki's operations). No screen opens a database session itself
(tests/test_architecture.py checks it).

``what`` is one of a small fixed vocabulary:

- :data:`MEETING`: the definition was saved (setup); the meeting was reloaded first.
- :data:`BALLOTS`: ballots or typings saved, replaced, deleted or settled, double entry
  switched, an audit sample drawn, scanned ballots stored.
- :data:`COUNTS`: ballots issued/collected of a type (the run screen's ballot item or the
  entry desk's dialog: one write path, :meth:`MeetingSession.set_counts`).
- :data:`RUN`: the run screen's records: timer presses, agenda moves, comments.
- :data:`SCANS`: scanned pages set aside or imported.
- :data:`FINALISED`: the ballots were finalised or unlocked.
- :data:`ELSEWHERE`: another station changed something (noticed by polling, see below);
  the meeting was reloaded first. Listeners treat it as "anything may have changed".

A refused write (a full disk, read-only media, a locked or unreachable database, a
finalised meeting) raises the store's :class:`~desktop_app.domain.errors.DataError` to the
caller, is rolled back whole, and announces nothing: what the session holds stays as the
database has it.

Other stations (PostgreSQL, issue 7) are noticed by polling: every audited change writes an
audit event, so the newest audit id of the meeting moving means someone else changed
something. The session also keeps whether the database answers.

Database-wide work that belongs to no meeting (the meeting list, a new meeting) goes
through :func:`read_database` and :func:`write_database`, in this module too.

Signals:
    changed(str): a committed change; carries one of the ``what`` values above.
    online_changed(bool): the database stopped or started answering.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from sqlmodel import Session

from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.tally import Tally, summarise
from desktop_app.store import entry as store
from desktop_app.store.database import Database, DatabaseUnavailable
from desktop_app.store.entry import BallotBook
from desktop_app.store.live import set_ballot_counts
from desktop_app.store.tally_sql import count_ballots_sql

T = TypeVar("T")

MEETING = "meeting"
BALLOTS = "ballots"
COUNTS = "counts"
RUN = "run"
SCANS = "scans"
FINALISED = "finalised"
ELSEWHERE = "elsewhere"
WHATS = (MEETING, BALLOTS, COUNTS, RUN, SCANS, FINALISED, ELSEWHERE)

POLL_MS = 1500  # other stations' changes show within 2 s


def listen(
    old: MeetingSession | None, new: MeetingSession, on_changed: Callable[[str], None]
) -> MeetingSession:
    """Move a screen's ``on_changed`` from ``old``'s :attr:`~MeetingSession.changed` to
    ``new``'s (connected once, however often the same session is handed over); returns
    ``new``, for ``self.session = listen(self.session, session, self._session_changed)``."""
    if old is not new:
        if old is not None:
            old.changed.disconnect(on_changed)
        new.changed.connect(on_changed)
    return new


def read_database(db: Database, query: Callable[[Session], T]) -> T:
    """Run a database-wide read (the meeting list) in one transaction."""
    with db.session() as session:
        return query(session)


def write_database(db: Database, change: Callable[[Session], T]) -> T:
    """Run a database-wide write (a new meeting) in one transaction: all of it or nothing."""
    with db.session() as session:
        return change(session)


def open_own_session(
    owner: QObject, db: Database, meeting_id: int, *, station: str = ""
) -> MeetingSession:
    """A session for a screen used on its own (a test, a tool; the window hands its screens
    one shared session instead): the one ``owner`` opened before is closed."""
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    for old in owner.findChildren(MeetingSession, options=direct):
        old.close()
        old.deleteLater()
    return MeetingSession(db, meeting_id, station=station, parent=owner)


class MeetingSession(QObject):
    """One meeting open on ``db`` for this station; see the module docstring."""

    changed = Signal(str)
    online_changed = Signal(bool)

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        *,
        station: str = "",
        parent: QObject | None = None,
    ) -> None:
        """Load the meeting (raises DataError when it cannot be read)."""
        super().__init__(parent)
        self.db = db
        self.meeting_id = meeting_id
        self.station = station
        self.online = True
        self.closed = False
        with db.session() as session:
            self.book = BallotBook.load(session, meeting_id)
            self._seen = store.last_change(session, meeting_id)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.poll_timer.start()

    @property
    def meeting(self) -> Meeting:
        return self.book.meeting

    @property
    def double_entry(self) -> bool:
        return self.book.double_entry

    def close(self) -> None:
        """Another meeting is opened instead: this one stops polling and announces no more."""
        self.closed = True
        self.poll_timer.stop()
        self.blockSignals(True)

    # --- reading --------------------------------------------------------------------------

    def read(self, query: Callable[[Session], T]) -> T:
        """Run ``query`` in one transaction and return what it read."""
        try:
            with self.db.session() as session:
                result = query(session)
        except DatabaseUnavailable:
            self._set_online(False)
            raise
        return result

    def tally(self) -> Tally:
        """The provisional (or final) tally, counted by the database on the loaded meeting."""
        book = self.book
        counted = self.read(lambda s: count_ballots_sql(s, self.meeting_id, book.ids))
        return summarise(book.meeting, counted)

    # --- writing --------------------------------------------------------------------------

    def write(self, change: Callable[[Session], T], what: str, *, reload: bool = False) -> T:
        """Run ``change`` in one transaction; after the commit (``reload``: and a fresh load
        of the meeting) announce ``changed(what)``. A refused change raises DataError,
        stores nothing and announces nothing."""
        result = self._commit(change, reload=reload)
        self._announce(what)
        return result

    def set_counts(self, code: str, *, issued: int | None, collected: int | None) -> None:
        """Ballots issued and collected of type ``code`` (audited): the one write path of the
        counts, for the run screen's ballot item and the entry desk alike."""
        self._commit(
            lambda s: set_ballot_counts(
                s, self.meeting_id, code, issued=issued, collected=collected, station=self.station
            )
        )
        # The counts are part of the meeting's ballot types: kept without loading it again.
        meeting = self.book.meeting
        types = tuple(
            dataclasses.replace(t, issued=issued, collected=collected) if t.code == code else t
            for t in meeting.ballot_types
        )
        self.book = dataclasses.replace(
            self.book, meeting=dataclasses.replace(meeting, ballot_types=types)
        )
        self._announce(COUNTS)

    def notify(self, what: str) -> None:
        """A change stored for this meeting outside the session (a background worker with its
        own connection, such as a scan import) is announced like one of the session's own."""
        if what == MEETING:
            self._reload()
        # Not answering or not readable: the next poll says so and catches up.
        with contextlib.suppress(DataError):
            self._seen = self.read(lambda s: store.last_change(s, self.meeting_id))
        self._announce(what)

    def _commit(self, change: Callable[[Session], T], *, reload: bool = False) -> T:
        try:
            with self.db.session() as session:
                result = change(session)
                self._seen = store.last_change(session, self.meeting_id)
                if reload:
                    book = BallotBook.load(session, self.meeting_id)
        except DatabaseUnavailable:
            self._set_online(False)
            raise
        self._set_online(True)
        if reload:
            self.book = book
        return result

    def _reload(self) -> None:
        self.book = self.read(lambda s: BallotBook.load(s, self.meeting_id))

    def _announce(self, what: str) -> None:
        assert what in WHATS, what
        if not self.closed:
            self.changed.emit(what)

    # --- other stations -------------------------------------------------------------------

    def poll(self) -> bool:
        """Look for changes made by other stations; True (and ``changed(ELSEWHERE)``, the
        meeting reloaded) when there are."""
        if self.closed:
            return False
        try:
            with self.db.session() as session:
                seen = store.last_change(session, self.meeting_id)
                if seen != self._seen:
                    book = BallotBook.load(session, self.meeting_id)
        except DataError:  # not answering, or a file that cannot be read (medium pulled out)
            self._set_online(False)
            return False
        self._set_online(True)
        if seen == self._seen:
            return False
        self._seen = seen
        self.book = book
        self._announce(ELSEWHERE)
        return True

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)
