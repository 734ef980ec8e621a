"""The ballot desk: every change to a meeting's ballots from the window goes through here.

Each change runs one store call in its own transaction (committed before the method
returns, so a crash right after a save never loses it), is pushed on the undo stack, and is
announced with ``changed`` so the entry screen, the list and the progress refresh.
Commits are a few milliseconds on SQLite, so they run on the GUI thread: the clerk sees the
result of the save before the next ballot starts.

Other stations (PostgreSQL, issue 7) are noticed by polling: every change writes an audit
event, so the newest audit id of the meeting moving means someone else changed something.

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
from desktop_app.store.database import Database, DatabaseUnavailable
from desktop_app.store.entry import BallotBook, BallotRecord, EntryCounts, Finalisation, Saved
from desktop_app.store.live import ballot_counts, set_ballot_counts

T = TypeVar("T")


@dataclass(frozen=True)
class DeskStatus:
    """What every view shows about the ballots as a whole, read in one transaction after
    each change (so a save costs one read, not one per view)."""

    counts: EntryCounts
    progress: list[TypeProgress]
    finalisation: Finalisation | None


POLL_MS = 1500  # other stations' ballots show within 2 s


class BallotDesk(QObject):
    changed = Signal()
    online_changed = Signal(bool)

    def __init__(self, db: Database, *, station: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.station = station
        self.undo_stack = QUndoStack(self)
        self.book: BallotBook | None = None
        self.last_serial: dict[str, str] = {}
        self.last_error: DataError | None = None
        self._status: DeskStatus | None = None
        self.changed.connect(self._forget_status, Qt.ConnectionType.DirectConnection)
        self.online = True
        self._seen = 0
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)

    # --- opening --------------------------------------------------------------------------

    def open(self, meeting_id: int) -> None:
        with self.db.session() as session:
            self.book = BallotBook.load(session, meeting_id)
            ballots = load_ballots(session, meeting_id)
            pairs = store.entry_pairs(session, self.book) if self.book.double_entry else []
            self._seen = store.last_change(session, meeting_id)
        self.undo_stack.clear()
        self.poll_timer.start()
        self.last_serial = {}
        for ballot in ballots:
            self.last_serial[ballot.type_code] = ballot.serial
        for pair in pairs:
            self.last_serial[pair.typings[0].ballot.type_code] = pair.serial
        self.changed.emit()

    def reload(self) -> None:
        """Re-read the meeting (issued counts may have changed elsewhere); keeps undo."""
        with self.db.session() as session:
            self.book = BallotBook.load(session, self.meeting_id)
        self.changed.emit()

    @property
    def meeting(self) -> Meeting:
        assert self.book is not None, "no meeting open"
        return self.book.meeting

    @property
    def meeting_id(self) -> int:
        assert self.book is not None, "no meeting open"
        return self.book.meeting_id

    @property
    def double_entry(self) -> bool:
        return self.book is not None and self.book.double_entry

    def _book(self) -> BallotBook:
        assert self.book is not None, "no meeting open"
        return self.book

    def next_serial(self, type_code: str) -> str:
        return next_serial(self.last_serial.get(type_code), type_code, serial_width(self.meeting))

    # --- reading --------------------------------------------------------------------------

    def _read(self, query: Callable[..., T]) -> T:
        with self.db.session() as session:
            return query(session)

    def _forget_status(self) -> None:
        self._status = None

    @property
    def status(self) -> DeskStatus:
        """Counts, progress and finalisation, read once per change (first listener pays)."""
        if self._status is None:
            book = self._book()
            with self.db.session() as session:
                counts = store.entry_counts(session, book)
                collected = {c.code: c.collected for c in ballot_counts(session, book.meeting_id)}
                final = store.finalisation(session, book.meeting_id)
            progress = entry_progress(book.meeting, counts.counted, collected)
            self._status = DeskStatus(counts, progress, final)
        return self._status

    def records(self) -> list[BallotRecord]:
        return self._read(lambda s: store.ballot_records(s, self.meeting_id))

    def pairs(self) -> list[EntryPair]:
        return self._read(lambda s: store.entry_pairs(s, self._book()))

    def counts(self) -> EntryCounts:
        return self.status.counts

    def progress(self) -> list[TypeProgress]:
        return self.status.progress

    def finalisation(self) -> Finalisation | None:
        return self.status.finalisation

    def open_problems(self) -> list[str]:
        return self._read(lambda s: store.open_problems(s, self._book()))

    # --- changes (each one transaction, undoable) -----------------------------------------

    def _write(self, change: Callable[..., T]) -> T:
        try:
            with self.db.session() as session:
                result = change(session)
                self._seen = store.last_change(session, self.meeting_id)
        except DatabaseUnavailable:
            self._set_online(False)
            raise
        self._set_online(True)
        self.changed.emit()
        return result

    def poll(self) -> bool:
        """Look for changes made by other stations; True (and ``changed``) when there are."""
        if self.book is None:
            return False
        try:
            with self.db.session() as session:
                seen = store.last_change(session, self.meeting_id)
        except DatabaseUnavailable:
            self._set_online(False)
            return False
        self._set_online(True)
        if seen == self._seen:
            return False
        self._seen = seen
        self.changed.emit()
        return True

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def save(self, ballot: Ballot) -> Saved:
        """Save a new ballot (or typing); raises DataError and stores nothing on bad input."""
        saved = self._write(
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
        saved = self._write(
            lambda s: store.replace_ballot(
                s, self._book(), serial, ballot, station=self.station, pass_no=pass_no
            )
        )
        self.undo_stack.push(_ReplaceCommand(self, before, ballot, pass_no))
        return saved

    def delete(self, serial: str, *, pass_no: int | None = None) -> None:
        deleted = self._write(
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
        self._write(lambda s: store.set_double_entry(s, self.meeting_id, on, station=self.station))
        self.open(self.meeting_id)

    def set_counts(self, type_code: str, *, issued: int | None, collected: int | None) -> None:
        self._write(
            lambda s: set_ballot_counts(
                s,
                self.meeting_id,
                type_code,
                issued=issued,
                collected=collected,
                station=self.station,
            )
        )
        self.reload()  # issued is part of the meeting definition

    def finalise(self) -> Finalisation:
        done = self._write(lambda s: store.finalise(s, self._book(), station=self.station))
        self.undo_stack.clear()  # nothing before the lock can be undone through it
        return done

    def unlock(self, reason: str) -> None:
        self._write(lambda s: store.unlock(s, self.meeting_id, reason=reason, station=self.station))

    def sample(self, size: int, seed: int | None = None) -> tuple[int, list[str]]:
        """Draw an audit sample of counted serials; the seed (drawn when not given) and the
        serials go to the audit log. Returns (seed, serials)."""
        if seed is None:
            seed = random.SystemRandom().randrange(1, 1_000_000)
        serials = audit_sample((r.serial for r in self.records()), size, seed)
        self._write(
            lambda s: store.record_sample(
                s, self.meeting_id, seed=seed, size=size, serials=serials, station=self.station
            )
        )
        return seed, serials


class _DeskCommand(QUndoCommand):
    """An undoable change already done once; redo() the first time does nothing.

    Each step runs through :meth:`BallotDesk._write` like any other change: one transaction,
    the online state kept, ``changed`` announced."""

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
            desk._write(lambda session: step(session, desk._book(), desk.station))
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
