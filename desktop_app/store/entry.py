"""Ballot entry in the database: save, replace and delete one ballot at a time, double entry,
counts collected, finalising and unlocking.

Every change is audited (station, time, before, after) in the same transaction as the change.
Functions flush; the caller commits (``Database.session()`` commits on leaving the block).

Single entry: a saved ballot is written to ``ballot`` at once and counts.
Double entry (双人录入): each typing goes to ``ballot_entry`` as pass 1 or 2 of its serial;
whenever a serial's typings change, :func:`_settle` rewrites its ``ballot`` row: present
exactly when two typings agree. So the tally, the digest and every document only ever see
agreed ballots, whatever order the clerks work in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from desktop_app.domain.ballots import Ballot, BallotStatus, Classification, classify_ballot
from desktop_app.domain.digest import ballot_digest
from desktop_app.domain.entry import (
    EntryPair,
    PairState,
    Typing,
    ballot_from_dict,
    ballot_to_dict,
    pair_entries,
)
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting
from desktop_app.domain.serials import serial_key
from desktop_app.domain.text import translate
from desktop_app.store.audit import record
from desktop_app.store.ballots import (
    check_ballot,
    ensure_open,
    load_ballots,
    write_ballots,
)
from desktop_app.store.integrity import current_settings
from desktop_app.store.meetings import MeetingIds, load_meeting_and_ids, meeting_row
from desktop_app.store.models import (
    AuditEventRow,
    BallotEntryRow,
    BallotMarkRow,
    BallotRow,
    LevelRow,
    MeetingRow,
    TargetRow,
    as_utc,
    utcnow,
)


@dataclass(frozen=True)
class BallotBook:
    """What entry needs to know about a meeting, loaded once per screen: the meeting, the
    ids of its parts, and whether it uses double entry."""

    meeting_id: int
    meeting: Meeting
    ids: MeetingIds
    double_entry: bool

    @classmethod
    def load(cls, session: Session, meeting_id: int) -> BallotBook:
        meeting, ids = load_meeting_and_ids(session, meeting_id)
        row = session.get(MeetingRow, meeting_id)
        assert row is not None
        return cls(meeting_id, meeting, ids, row.double_entry)


@dataclass(frozen=True)
class Finalisation:
    at: dt.datetime
    digest: str
    station: str


def finalisation(session: Session, meeting_id: int) -> Finalisation | None:
    """When and with which digest the ballots were finalised; None while they are open."""
    row = meeting_row(session, meeting_id)
    if row.finalised_at is None:
        return None
    return Finalisation(
        as_utc(row.finalised_at), row.finalised_digest or "", row.finalised_station or ""
    )


# --- settings ---------------------------------------------------------------------------------


def set_double_entry(session: Session, meeting_id: int, on: bool, *, station: str = "") -> None:
    """Turn double entry on or off; only before the first ballot is typed."""
    ensure_open(session, meeting_id)
    row = session.get(MeetingRow, meeting_id)
    assert row is not None
    if row.double_entry == on:
        return
    if _count(session, BallotRow, meeting_id) or _count(session, BallotEntryRow, meeting_id):
        raise DataError(
            translate(
                "Core",
                "已有录入的评议票,不能再切换单人/双人录入 / "
                "double entry can only be changed before the first ballot",
            )
        )
    row.double_entry = on
    session.add(row)
    record(
        session,
        "meeting.double_entry",
        station=station,
        meeting_id=meeting_id,
        entity="meeting",
        entity_key=str(meeting_id),
        before={"double_entry": not on},
        after={"double_entry": on},
    )
    session.flush()


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BallotRecord:
    """A counted ballot as the ballot list shows it."""

    ballot: Ballot
    status: BallotStatus
    detail: str
    station: str
    updated_at: dt.datetime

    @property
    def serial(self) -> str:
        return self.ballot.serial


def ballot_records(session: Session, meeting_id: int) -> list[BallotRecord]:
    """Every ballot in ``ballot`` (the ones that count), in entry order."""
    ballots = load_ballots(session, meeting_id)
    heads = session.execute(
        select(BallotRow.status, BallotRow.detail, BallotRow.station, BallotRow.updated_at)
        .where(BallotRow.meeting_id == meeting_id)
        .order_by(BallotRow.id)
    ).all()
    return [
        BallotRecord(ballot, BallotStatus(status), detail, station, as_utc(updated_at))
        for ballot, (status, detail, station, updated_at) in zip(ballots, heads, strict=True)
    ]


def _typing(row: BallotEntryRow, type_codes: dict[int, str]) -> Typing:
    data = json.loads(row.marks)
    ballot = ballot_from_dict(
        {
            "serial": row.serial,
            "type": type_codes[row.ballot_type_id],
            "marks": data,
            "void_reason": row.void_reason,
        }
    )
    return Typing(row.pass_no, ballot, row.station)


def entry_pairs(session: Session, book: BallotBook, serial: str | None = None) -> list[EntryPair]:
    """The double-entry typings paired by serial, in the order serials were first typed."""
    type_codes = {v: k for k, v in book.ids.ballot_types.items()}
    query = select(BallotEntryRow).where(BallotEntryRow.meeting_id == book.meeting_id)
    if serial is not None:
        query = query.where(BallotEntryRow.serial_key == serial_key(serial))
    # Paired by normal form (A-001 and a-1 are one paper), named as first typed.
    grouped: dict[str, list[Typing]] = {}
    names: dict[str, str] = {}
    for row in session.scalars(query.order_by(BallotEntryRow.id)):
        name = names.setdefault(row.serial_key, row.serial)
        grouped.setdefault(name, []).append(_typing(row, type_codes))
    return pair_entries(book.meeting, grouped)


# --- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """What became of a saved ballot: its classification, and under double entry which pass
    it was and the state of its serial."""

    serial: str
    classification: Classification
    pass_no: int | None = None
    pair: PairState | None = None


def _count(session: Session, model: type[BallotRow] | type[BallotEntryRow], meeting_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(model).where(model.meeting_id == meeting_id)
        )
        or 0
    )


def _ballot_row(session: Session, meeting_id: int, serial: str) -> BallotRow | None:
    return session.scalars(
        select(BallotRow).where(
            BallotRow.meeting_id == meeting_id, BallotRow.serial_key == serial_key(serial)
        )
    ).first()


def _entry_rows(session: Session, meeting_id: int, serial: str) -> list[BallotEntryRow]:
    return list(
        session.scalars(
            select(BallotEntryRow)
            .where(
                BallotEntryRow.meeting_id == meeting_id,
                BallotEntryRow.serial_key == serial_key(serial),
            )
            .order_by(BallotEntryRow.pass_no)
        )
    )


def _taken(serial: str, stored: str | None = None) -> DataError:
    if stored is not None and stored != serial:
        message = translate(
            "Core",
            "票号 “{serial}” 已经录入过(即 “{stored}”),未覆盖原票;"
            "如需修改请在票据列表中打开它 / serial already entered",
        ).format(serial=serial, stored=stored)
    else:
        message = translate(
            "Core",
            "票号 “{serial}” 已经录入过,未覆盖原票;如需修改请在票据列表中打开它 / "
            "serial already entered",
        ).format(serial=serial)
    return DataError(message, field="serial")


def _insert(session: Session, book: BallotBook, ballot: Ballot, station: str) -> None:
    try:
        write_ballots(session, book.meeting, book.ids, [ballot], station=station)
    except IntegrityError:
        raise _taken(ballot.serial) from None


def save_ballot(session: Session, book: BallotBook, ballot: Ballot, *, station: str = "") -> Saved:
    """Save a newly typed ballot. A serial already used is refused (nothing overwritten);
    under double entry a serial typed once takes this as its second typing."""
    ensure_open(session, book.meeting_id)
    check_ballot(ballot, book.ids)
    classification = classify_ballot(book.meeting, ballot)
    if not book.double_entry:
        existing = _ballot_row(session, book.meeting_id, ballot.serial)
        if existing is not None:
            raise _taken(ballot.serial, existing.serial)
        _insert(session, book, ballot, station)
        _audit(session, book, "ballot.create", ballot.serial, station, after=ballot)
        session.flush()
        return Saved(ballot.serial, classification)

    rows = _entry_rows(session, book.meeting_id, ballot.serial)
    if rows and rows[0].serial != ballot.serial:
        # The second typing of a paper whose serial was typed another way (A-1 for A-001):
        # one paper, one serial, the one typed first.
        ballot = Ballot(rows[0].serial, ballot.type_code, ballot.marks, ballot.void_reason)
    if len(rows) >= 2:
        raise DataError(
            translate(
                "Core",
                "票号 “{serial}” 已录入两次;如需修改请在票据列表中打开它 / "
                "serial already typed twice",
            ).format(serial=ballot.serial),
            field="serial",
        )
    imported = _ballot_row(session, book.meeting_id, ballot.serial)
    if imported is not None:
        raise _taken(ballot.serial, imported.serial)  # imported from a file, outside double entry
    pass_no = 2 if rows else 1
    _add_typing(session, book, Typing(pass_no, ballot, station), station)
    state = _settle(session, book, ballot.serial, station)
    return Saved(ballot.serial, classification, pass_no, state)


def replace_ballot(
    session: Session,
    book: BallotBook,
    serial: str,
    ballot: Ballot,
    *,
    station: str = "",
    pass_no: int | None = None,
) -> Saved:
    """Replace the ballot ``serial`` by ``ballot`` (which may carry a corrected serial).

    Under double entry ``pass_no`` picks the typing to change; None changes every typing of
    the serial (the clerk has checked the paper)."""
    ensure_open(session, book.meeting_id)
    check_ballot(ballot, book.ids)
    classification = classify_ballot(book.meeting, ballot)
    if serial_key(ballot.serial) != serial_key(serial):
        other = _ballot_row(session, book.meeting_id, ballot.serial)
        typed = _entry_rows(session, book.meeting_id, ballot.serial)
        if other is not None or typed:
            raise _taken(ballot.serial, other.serial if other is not None else typed[0].serial)
    if not book.double_entry:
        row = _ballot_row(session, book.meeting_id, serial)
        if row is None:
            raise _missing(serial)
        before = _load_one(session, book, row)
        session.delete(row)
        session.flush()
        _insert(session, book, ballot, station)
        _audit(session, book, "ballot.update", ballot.serial, station, before=before, after=ballot)
        session.flush()
        return Saved(ballot.serial, classification)

    rows = _entry_rows(session, book.meeting_id, serial)
    chosen = [r for r in rows if pass_no is None or r.pass_no == pass_no]
    if not chosen:
        raise _missing(serial, pass_no)
    type_codes = {v: k for k, v in book.ids.ballot_types.items()}
    for typing_row in chosen:
        before = _typing(typing_row, type_codes).ballot
        typing_row.serial = ballot.serial
        typing_row.serial_key = serial_key(ballot.serial)
        typing_row.ballot_type_id = book.ids.ballot_types[ballot.type_code]
        typing_row.marks = _marks_json(ballot)
        typing_row.void_reason = ballot.void_reason.strip()
        typing_row.updated_at = utcnow()
        session.add(typing_row)
        _audit(
            session,
            book,
            "ballot_entry.update",
            ballot.serial,
            station,
            before=before,
            after=ballot,
            pass_no=typing_row.pass_no,
        )
    session.flush()
    if serial_key(ballot.serial) != serial_key(serial):
        _settle(session, book, serial, station)
    state = _settle(session, book, ballot.serial, station)
    return Saved(ballot.serial, classification, pass_no, state)


def delete_ballot(
    session: Session,
    book: BallotBook,
    serial: str,
    *,
    station: str = "",
    pass_no: int | None = None,
) -> list[Typing]:
    """Delete a ballot (under double entry: one typing, or every typing when ``pass_no`` is
    None). Returns what was deleted, for undo."""
    ensure_open(session, book.meeting_id)
    if not book.double_entry:
        row = _ballot_row(session, book.meeting_id, serial)
        if row is None:
            raise _missing(serial)
        before = _load_one(session, book, row)
        session.delete(row)
        _audit(session, book, "ballot.delete", serial, station, before=before)
        session.flush()
        return [Typing(0, before, row.station)]
    typings = [
        r for r in _entry_rows(session, book.meeting_id, serial) if pass_no in (None, r.pass_no)
    ]
    if not typings:
        raise _missing(serial, pass_no)
    type_codes = {v: k for k, v in book.ids.ballot_types.items()}
    deleted = [_typing(r, type_codes) for r in typings]
    for typing_row, typing in zip(typings, deleted, strict=True):
        session.delete(typing_row)
        _audit(
            session,
            book,
            "ballot_entry.delete",
            serial,
            station,
            before=typing.ballot,
            pass_no=typing_row.pass_no,
        )
    session.flush()
    _settle(session, book, serial, station)
    return deleted


def restore_typing(
    session: Session, book: BallotBook, typing: Typing, *, station: str = ""
) -> None:
    """Put back a deleted typing with its pass number (undo of a delete)."""
    ensure_open(session, book.meeting_id)
    if not book.double_entry:
        save_ballot(session, book, typing.ballot, station=station)
        return
    check_ballot(typing.ballot, book.ids)
    _add_typing(session, book, typing, station)
    _settle(session, book, typing.ballot.serial, station)


def _add_typing(session: Session, book: BallotBook, typing: Typing, station: str) -> None:
    """Insert one typing (audited); a pass taken meanwhile by another station is refused."""
    ballot = typing.ballot
    now = utcnow()
    session.add(
        BallotEntryRow(
            meeting_id=book.meeting_id,
            serial=ballot.serial,
            serial_key=serial_key(ballot.serial),
            pass_no=typing.pass_no,
            ballot_type_id=book.ids.ballot_types[ballot.type_code],
            marks=_marks_json(ballot),
            void_reason=ballot.void_reason.strip(),
            station=typing.station,
            created_at=now,
            updated_at=now,
        )
    )
    try:
        session.flush()
    except IntegrityError:
        raise DataError(
            translate(
                "Core",
                "票号 “{serial}” 的第 {pass_no} 次录入刚被其他录入点保存,"
                "请核对后重新保存 / typing taken concurrently",
            ).format(serial=ballot.serial, pass_no=typing.pass_no),
            field="serial",
        ) from None
    _audit(
        session,
        book,
        "ballot_entry.create",
        ballot.serial,
        station,
        after=ballot,
        pass_no=typing.pass_no,
    )


def settle_mismatch(
    session: Session, book: BallotBook, serial: str, keep_pass: int, *, station: str = ""
) -> Saved:
    """Settle a mismatch against the paper: typing ``keep_pass`` is right; the other typing
    is overwritten by it (audited) and the ballot counts."""
    pairs = entry_pairs(session, book, serial)
    pair = pairs[0] if pairs else EntryPair(serial, ())
    other, kept = pair.settlement(keep_pass)
    return replace_ballot(session, book, serial, kept, station=station, pass_no=other)


def _settle(session: Session, book: BallotBook, serial: str, station: str) -> PairState | None:
    """Make the serial's ``ballot`` row follow its typings: present iff two agree."""
    existing = _ballot_row(session, book.meeting_id, serial)
    if existing is not None:
        session.delete(existing)
        session.flush()
    pairs = entry_pairs(session, book, serial)
    if not pairs:
        return None
    pair = pairs[0]
    if pair.state is PairState.AGREED:
        stations = "/".join(dict.fromkeys(t.station for t in pair.typings))
        agreed = pair.typings[1].ballot
        agreed = Ballot(pair.serial, agreed.type_code, agreed.marks, agreed.void_reason)
        _insert(session, book, agreed, stations[:100])
    session.flush()
    return pair.state


def _load_one(session: Session, book: BallotBook, row: BallotRow) -> Ballot:
    type_codes = {v: k for k, v in book.ids.ballot_types.items()}
    marks: dict[str, list[str]] = {}
    for target, label in session.execute(
        select(TargetRow.name, LevelRow.label)
        .select_from(BallotMarkRow)
        .join(TargetRow, TargetRow.id == BallotMarkRow.target_id)
        .join(LevelRow, LevelRow.id == BallotMarkRow.level_id)
        .where(BallotMarkRow.ballot_id == row.id)
        .order_by(TargetRow.position, LevelRow.position)
    ):
        marks.setdefault(target, []).append(label)
    return Ballot(
        row.serial,
        type_codes[row.ballot_type_id],
        {t: tuple(ls) for t, ls in marks.items()},
        row.void_reason,
    )


def _marks_json(ballot: Ballot) -> str:
    return json.dumps(ballot_to_dict(ballot)["marks"], ensure_ascii=False)


def _missing(serial: str, pass_no: int | None = None) -> DataError:
    if pass_no:
        message = translate(
            "Core", "没有第 {pass_no} 次录入的票号 “{serial}” / no such ballot"
        ).format(pass_no=pass_no, serial=serial)
    else:
        message = translate("Core", "没有票号 “{serial}” / no such ballot").format(serial=serial)
    return DataError(message, field="serial")


def _audit(
    session: Session,
    book: BallotBook,
    action: str,
    serial: str,
    station: str,
    *,
    before: Ballot | None = None,
    after: Ballot | None = None,
    pass_no: int | None = None,
) -> None:
    def data(ballot: Ballot | None) -> dict[str, object] | None:
        if ballot is None:
            return None
        value = ballot_to_dict(ballot)
        if pass_no is not None:
            value["pass"] = pass_no
        return value

    record(
        session,
        action,
        station=station,
        meeting_id=book.meeting_id,
        entity="ballot_entry" if action.startswith("ballot_entry") else "ballot",
        entity_key=serial,
        before=data(before),
        after=data(after),
    )


# --- finalising -------------------------------------------------------------------------------


def open_problems(session: Session, book: BallotBook) -> list[str]:
    """What stops finalising: under double entry, serials typed once or typed differently."""
    problems = []
    if book.double_entry:
        pairs = entry_pairs(session, book)
        waiting = [p.serial for p in pairs if p.state is PairState.WAITING]
        mismatched = [p.serial for p in pairs if p.state is PairState.MISMATCH]
        if waiting:
            problems.append(
                translate("Core", "{count} 张票只录入了一次:{serials}").format(
                    count=len(waiting), serials=_some(waiting)
                )
            )
        if mismatched:
            problems.append(
                translate("Core", "{count} 张票两次录入不一致:{serials}").format(
                    count=len(mismatched), serials=_some(mismatched)
                )
            )
    return problems


def _some(serials: Sequence[str], shown: int = 8) -> str:
    listed = translate("Core", "、").join(serials[:shown])
    if len(serials) <= shown:
        return listed
    return translate("Core", "{serials} 等 {count} 张").format(serials=listed, count=len(serials))


def finalise(session: Session, book: BallotBook, *, station: str = "") -> Finalisation:
    """Lock the ballots and record the digest of the canonical ballot data.

    Refused while double entry has serials waiting or mismatched, or with no ballot at all."""
    ensure_open(session, book.meeting_id)
    problems = open_problems(session, book)
    if problems:
        raise DataError(
            translate("Core", "不能定稿:{problems} / cannot finalise").format(
                problems=translate("Core", ";").join(problems)
            )
        )
    ballots = load_ballots(session, book.meeting_id)
    if not ballots:
        raise DataError(translate("Core", "还没有录入任何评议票,不能定稿 / no ballots to finalise"))
    digest = ballot_digest(book.meeting, ballots)
    # What the count reads from the meeting, fixed with the digest: verify names any change.
    settings = current_settings(session, book.meeting_id)
    row = session.get(MeetingRow, book.meeting_id)
    assert row is not None
    now = utcnow()
    row.finalised_at, row.finalised_digest, row.finalised_station = now, digest, station
    row.finalised_settings = json.dumps(settings, ensure_ascii=False, sort_keys=True)
    session.add(row)
    record(
        session,
        "ballots.finalise",
        station=station,
        meeting_id=book.meeting_id,
        entity="meeting",
        entity_key=str(book.meeting_id),
        after={"digest": digest, "ballots": len(ballots), "settings": settings},
    )
    session.flush()
    return Finalisation(now, digest, station)


def unlock(session: Session, meeting_id: int, *, reason: str, station: str = "") -> None:
    """Reopen finalised ballots for changes; the reason goes to the audit log."""
    if not reason.strip():
        raise DataError(
            translate("Core", "解除定稿须写明原因 / a reason is required"), field="reason"
        )
    row = meeting_row(session, meeting_id)
    if row.finalised_at is None:
        raise DataError(translate("Core", "评议票尚未定稿 / ballots are not finalised"))
    before = {"digest": row.finalised_digest, "finalised_at": as_utc(row.finalised_at).isoformat()}
    row.finalised_at = row.finalised_digest = row.finalised_station = None
    row.finalised_settings = None
    session.add(row)
    record(
        session,
        "ballots.unlock",
        station=station,
        meeting_id=meeting_id,
        entity="meeting",
        entity_key=str(meeting_id),
        before=before,
        after={"reason": reason.strip()},
    )
    session.flush()


# --- progress and sampling --------------------------------------------------------------------


@dataclass(frozen=True)
class EntryCounts:
    """Counted ballots per type; under double entry also serials waiting for their second
    typing and serials whose typings disagree."""

    counted: dict[str, int]
    waiting: int = 0
    mismatched: int = 0


def entry_counts(session: Session, book: BallotBook) -> EntryCounts:
    """Cheap counts for the progress line (two grouped queries)."""
    type_codes = {v: k for k, v in book.ids.ballot_types.items()}
    counted = {code: 0 for code in book.ids.ballot_types}
    for type_id, n in session.execute(
        select(BallotRow.ballot_type_id, func.count())
        .where(BallotRow.meeting_id == book.meeting_id)
        .group_by(BallotRow.ballot_type_id)
    ):
        counted[type_codes[type_id]] = n
    if not book.double_entry:
        return EntryCounts(counted)
    typed = (
        select(BallotEntryRow.serial, func.count().label("n"))
        .where(BallotEntryRow.meeting_id == book.meeting_id)
        .group_by(BallotEntryRow.serial)
        .subquery()
    )
    waiting = session.scalar(select(func.count()).select_from(typed).where(typed.c.n == 1)) or 0
    twice = session.scalar(select(func.count()).select_from(typed).where(typed.c.n == 2)) or 0
    typed_and_counted = (
        session.scalar(
            select(func.count())
            .select_from(BallotRow)
            .join(
                BallotEntryRow,
                (BallotEntryRow.meeting_id == BallotRow.meeting_id)
                & (BallotEntryRow.serial == BallotRow.serial)
                & (BallotEntryRow.pass_no == 2),
            )
            .where(BallotRow.meeting_id == book.meeting_id)
        )
        or 0
    )
    return EntryCounts(counted, waiting, twice - typed_and_counted)


def record_sample(
    session: Session,
    meeting_id: int,
    *,
    seed: int,
    size: int,
    serials: Sequence[str],
    station: str = "",
) -> None:
    """Keep an audit sample (seed, size and the serials drawn) in the audit log."""
    record(
        session,
        "ballots.sample",
        station=station,
        meeting_id=meeting_id,
        entity="meeting",
        entity_key=str(meeting_id),
        after={"seed": seed, "size": size, "serials": list(serials)},
    )
    session.flush()


def last_change(session: Session, meeting_id: int) -> int:
    """The newest audit event of the meeting: every change to its ballots writes one, so a
    station that sees this number move knows another station changed something."""
    return (
        session.scalar(
            select(func.max(AuditEventRow.id)).where(AuditEventRow.meeting_id == meeting_id)
        )
        or 0
    )
