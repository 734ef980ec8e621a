"""The ballot desk: every change to a meeting's ballots from the window goes through here.

Each change runs one store call in its own transaction through the meeting's
:class:`~desktop_app.ui.session.MeetingSession` (committed before the method returns, so a
crash right after a save never loses it), is pushed on the undo stack, and is announced by
the session; the desk turns the session's announcements that concern the ballots into its
own ``changed`` so the entry screen, the list and the progress refresh. Commits are a few
milliseconds on SQLite, so they run on the GUI thread: the clerk sees the result of the save
before the next ballot starts.

Other stations (PostgreSQL, issue 7) are noticed by the session's polling.

Signals:
    changed(): ballots, typings, counts or the finalisation changed (here or elsewhere).
    online_changed(bool): the database stopped or started answering.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlmodel import Session

from desktop_app.domain.ballots import Ballot
from desktop_app.domain.entry import (
    EntryPair,
    TypeProgress,
    Typing,
    audit_sample,
    entry_progress,
    next_serial,
)
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.serials import serial_width
from desktop_app.store import entry as store
from desktop_app.store.ballots import load_ballots
from desktop_app.store.entry import BallotBook, BallotRecord, EntryCounts, Finalisation, Saved
from desktop_app.store.live import ballot_counts
from desktop_app.ui.session import (
    BALLOTS,
    COUNTS,
    ELSEWHERE,
    FINALISED,
    MEETING,
    POLL_MS,
    SCANS,
    MeetingSession,
    listen,
)

T = TypeVar("T")

__all__ = ["POLL_MS", "BallotDesk", "DeskStatus"]

# What the desk's views show depends on these; the run screen's records (RUN) do not.
DESK_CHANGES = frozenset({MEETING, BALLOTS, COUNTS, SCANS, FINALISED, ELSEWHERE})


@dataclass(frozen=True)
class DeskStatus:
    """What every view shows about the ballots as a whole, read in one transaction after
    each change (so a save costs one read, not one per view)."""

    counts: EntryCounts
    progress: list[TypeProgress]
    finalisation: Finalisation | None


class BallotDesk(QObject):
    changed = Signal()
    online_changed = Signal(bool)

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session: MeetingSession | None = None
        self.undo_stack = QUndoStack(self)
        self.last_serial: dict[str, str] = {}
        self.last_error: DataError | None = None
        self._status: DeskStatus | None = None
        self.changed.connect(self._forget_status, Qt.ConnectionType.DirectConnection)

    # --- opening --------------------------------------------------------------------------

    def set_session(self, session: MeetingSession) -> None:
        """Work on the session's meeting: the undo stack starts empty, the next serials follow
        the ones stored."""
        if self.session is not None and self.session is not session:
            self.session.online_changed.disconnect(self.online_changed)
        if self.session is not session:
            session.online_changed.connect(self.online_changed)
        self.session = listen(self.session, session, self._session_changed)
        self._start()

    def _start(self) -> None:
        book = self._book()

        def stored(s: Session) -> tuple[list[Ballot], list[EntryPair]]:
            pairs = store.entry_pairs(s, book) if book.double_entry else []
            return load_ballots(s, book.meeting_id), pairs

        ballots, pairs = self._session().read(stored)
        self.undo_stack.clear()
        self.last_serial = {}
        for ballot in ballots:
            self.last_serial[ballot.type_code] = ballot.serial
        for pair in pairs:
            self.last_serial[pair.typings[0].ballot.type_code] = pair.serial
        self.changed.emit()

    def _session_changed(self, what: str) -> None:
        if what == MEETING:  # a new definition: as when the meeting was opened
            self.undo_stack.clear()
        if what in DESK_CHANGES:
            self.changed.emit()

    def _session(self) -> MeetingSession:
        assert self.session is not None, "no meeting open"
        return self.session

    @property
    def book(self) -> BallotBook | None:
        return self.session.book if self.session is not None else None

    @property
    def station(self) -> str:
        return self.session.station if self.session is not None else ""

    @property
    def online(self) -> bool:
        return self.session is None or self.session.online

    @property
    def poll_timer(self) -> QTimer:
        return self._session().poll_timer

    @property
    def meeting(self) -> Meeting:
        return self._book().meeting

    @property
    def meeting_id(self) -> int:
        return self._book().meeting_id

    @property
    def double_entry(self) -> bool:
        return self.book is not None and self.book.double_entry

    def _book(self) -> BallotBook:
        assert self.session is not None, "no meeting open"
        return self.session.book

    def next_serial(self, type_code: str) -> str:
        return next_serial(self.last_serial.get(type_code), type_code, serial_width(self.meeting))

    # --- reading --------------------------------------------------------------------------

    def read(self, query: Callable[[Session], T]) -> T:
        return self._session().read(query)

    def _forget_status(self) -> None:
        self._status = None

    @property
    def status(self) -> DeskStatus:
        """Counts, progress and finalisation, read once per change (first listener pays)."""
        if self._status is None:
            book = self._book()

            def read(
                session: Session,
            ) -> tuple[EntryCounts, dict[str, int | None], Finalisation | None]:
                counts = store.entry_counts(session, book)
                collected = {c.code: c.collected for c in ballot_counts(session, book.meeting_id)}
                return counts, collected, store.finalisation(session, book.meeting_id)

            counts, collected, final = self.read(read)
            progress = entry_progress(book.meeting, counts.counted, collected)
            self._status = DeskStatus(counts, progress, final)
        return self._status

    def records(self) -> list[BallotRecord]:
        return self.read(lambda s: store.ballot_records(s, self.meeting_id))

    def pairs(self) -> list[EntryPair]:
        return self.read(lambda s: store.entry_pairs(s, self._book()))

    def counts(self) -> EntryCounts:
        return self.status.counts

    def progress(self) -> list[TypeProgress]:
        return self.status.progress

    def finalisation(self) -> Finalisation | None:
        return self.status.finalisation

    def open_problems(self) -> list[str]:
        return self.read(lambda s: store.open_problems(s, self._book()))

    # --- changes (each one transaction, undoable) -----------------------------------------

    def write(self, change: Callable[[Session], T], what: str = BALLOTS) -> T:
        return self._session().write(change, what)

    def poll(self) -> bool:
        """Look for changes made by other stations; True (and ``changed``) when there are."""
        return self.session is not None and self.session.poll()

    def save(self, ballot: Ballot) -> Saved:
        """Save a new ballot (or typing); raises DataError and stores nothing on bad input."""
        saved = self.write(
            lambda s: store.save_ballot(s, self._book(), ballot, station=self.station)
        )
        self.last_serial[ballot.type_code] = ballot.serial
        self.undo_stack.push(_SaveCommand(self, ballot, saved.pass_no))
        return saved

    def next_undo_saved(self) -> Ballot | None:
        """The ballot the next undo takes back, when that undo is of a save (None else)."""
        stack = self.undo_stack
        command = stack.command(stack.index() - 1) if stack.canUndo() else None
        return command.ballot if isinstance(command, _SaveCommand) else None

    def replace(self, serial: str, ballot: Ballot, *, pass_no: int | None = None) -> Saved:
        before = self._current(serial, pass_no)
        saved = self.write(
            lambda s: store.replace_ballot(
                s, self._book(), serial, ballot, station=self.station, pass_no=pass_no
            )
        )
        self.undo_stack.push(_ReplaceCommand(self, before, ballot, pass_no))
        return saved

    def delete(self, serial: str, *, pass_no: int | None = None) -> None:
        deleted = self.write(
            lambda s: store.delete_ballot(
                s, self._book(), serial, station=self.station, pass_no=pass_no
            )
        )
        self.undo_stack.push(_DeleteCommand(self, serial, deleted, pass_no))

    def settle(self, serial: str, keep_pass: int) -> Saved:
        """A mismatch settled against the paper: typing ``keep_pass`` is right."""
        pair = next((p for p in self.pairs() if p.serial == serial), EntryPair(serial, ()))
        other, kept = pair.settlement(keep_pass)
        return self.replace(serial, kept, pass_no=other)

    def _current(self, serial: str, pass_no: int | None) -> Ballot:
        if self.double_entry:
            pair = next((p for p in self.pairs() if p.serial == serial), None)
            typing = pair and (pair.typing(pass_no or 1) or pair.typings[0])
            if typing:
                return typing.ballot
        else:
            record = next((r for r in self.records() if r.serial == serial), None)
            if record:
                return record.ballot
        raise DataError(self.tr("没有票号 “{serial}”").format(serial=serial), field="serial")

    # --- meeting-level changes (not undoable: each is explicit and audited) ---------------

    def set_double_entry(self, on: bool) -> None:
        self._session().write(
            lambda s: store.set_double_entry(s, self.meeting_id, on, station=self.station),
            BALLOTS,
            reload=True,  # the setting is part of the book
        )
        self._start()

    def set_counts(self, type_code: str, *, issued: int | None, collected: int | None) -> None:
        """Ballots issued and collected: the session's one write path (changed("counts"))."""
        self._session().set_counts(type_code, issued=issued, collected=collected)

    def finalise(self) -> Finalisation:
        done = self.write(
            lambda s: store.finalise(s, self._book(), station=self.station), FINALISED
        )
        self.undo_stack.clear()  # nothing before the lock can be undone through it
        return done

    def unlock(self, reason: str) -> None:
        self.write(
            lambda s: store.unlock(s, self.meeting_id, reason=reason, station=self.station),
            FINALISED,
        )

    def sample(self, size: int, seed: int | None = None) -> tuple[int, list[str]]:
        """Draw an audit sample of counted serials; the seed (drawn when not given) and the
        serials go to the audit log. Returns (seed, serials)."""
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        serials = audit_sample((r.serial for r in self.records()), size, seed)
        self.write(
            lambda s: store.record_sample(
                s, self.meeting_id, seed=seed, size=size, serials=serials, station=self.station
            )
        )
        return seed, serials


class _DeskCommand(QUndoCommand):
    """An undoable change already done once; redo() the first time does nothing.

    Each step runs through :meth:`BallotDesk.write` like any other change: one transaction,
    the online state kept, ``changed`` announced (by the session)."""

    def __init__(self, desk: BallotDesk, text: str) -> None:
        super().__init__(text)
        self.desk = desk
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)

    def _run(self, step: Callable[[Session, BallotBook, str], None]) -> None:
        desk = self.desk
        try:
            desk.write(lambda session: step(session, desk._book(), desk.station))
        except DataError as exc:
            # Someone changed it meanwhile, or the ballots were finalised: say so, drop it.
            desk.last_error = exc
            self.setObsolete(True)

    def forward(self, session: Session, book: BallotBook, station: str) -> None:
        raise NotImplementedError

    def backward(self, session: Session, book: BallotBook, station: str) -> None:
        raise NotImplementedError


class _SaveCommand(_DeskCommand):
    def __init__(self, desk: BallotDesk, ballot: Ballot, pass_no: int | None) -> None:
        super().__init__(
            desk,
            QCoreApplication.translate("BallotDesk", "保存 {serial}").format(serial=ballot.serial),
        )
        self.ballot, self.pass_no = ballot, pass_no

    def forward(self, session: Session, book: BallotBook, station: str) -> None:
        store.save_ballot(session, book, self.ballot, station=station)

    def backward(self, session: Session, book: BallotBook, station: str) -> None:
        store.delete_ballot(
            session, book, self.ballot.serial, station=station, pass_no=self.pass_no
        )


class _ReplaceCommand(_DeskCommand):
    def __init__(
        self, desk: BallotDesk, before: Ballot, after: Ballot, pass_no: int | None
    ) -> None:
        super().__init__(
            desk,
            QCoreApplication.translate("BallotDesk", "修改 {serial}").format(serial=before.serial),
        )
        self.before, self.after, self.pass_no = before, after, pass_no

    def forward(self, session: Session, book: BallotBook, station: str) -> None:
        store.replace_ballot(
            session, book, self.before.serial, self.after, station=station, pass_no=self.pass_no
        )

    def backward(self, session: Session, book: BallotBook, station: str) -> None:
        store.replace_ballot(
            session, book, self.after.serial, self.before, station=station, pass_no=self.pass_no
        )


class _DeleteCommand(_DeskCommand):
    def __init__(
        self, desk: BallotDesk, serial: str, deleted: list[Typing], pass_no: int | None
    ) -> None:
        super().__init__(
            desk, QCoreApplication.translate("BallotDesk", "删除 {serial}").format(serial=serial)
        )
        self.serial, self.deleted, self.pass_no = serial, deleted, pass_no

    def forward(self, session: Session, book: BallotBook, station: str) -> None:
        store.delete_ballot(session, book, self.serial, station=station, pass_no=self.pass_no)

    def backward(self, session: Session, book: BallotBook, station: str) -> None:
        for typing in self.deleted:
            store.restore_typing(session, book, typing, station=station)
