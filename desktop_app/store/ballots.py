"""Ballots in the database: add them (all or nothing), load them back.

Each ballot is stored with its classification (status, cause, detail), its ticked boxes with
a ``counted`` flag, and its counted category sections, so ``tally_sql`` can aggregate them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from desktop_app.domain.ballots import (
    COUNTING_RULES_VERSION,
    Ballot,
    check_level,
    check_serial,
    check_type_code,
    classify_ballot,
)
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import Meeting, checked_text
from desktop_app.domain.serials import serial_key
from desktop_app.domain.text import translate
from desktop_app.store.audit import record
from desktop_app.store.meetings import MeetingIds, load_meeting_and_ids, meeting_ids, meeting_row
from desktop_app.store.models import (
    BallotEntryRow,
    BallotMarkRow,
    BallotRow,
    BallotSectionRow,
    BallotTypeRow,
    LevelRow,
    MeetingRow,
    TargetRow,
    utcnow,
)

MAX_SERIAL, MAX_VOID_REASON = 50, 200  # the columns' lengths


@dataclass(frozen=True)
class SerialCollision:
    """Stored serials that name one paper ballot once normalised (``A-001`` and ``A-1``),
    kept apart from before the rule (never merged): a clerk checks the paper and deletes
    the extra one. ``pass_no`` is the double-entry typing, None for counted ballots."""

    meeting_id: int
    meeting_title: str
    serials: tuple[str, ...]
    pass_no: int | None = None

    def message(self) -> str:
        where = translate("Core", "第 {n} 次录入").format(n=self.pass_no) if self.pass_no else ""
        return translate(
            "Core",
            "会议 {meeting_id}“{title}”{where}的票号 {serials} 是同一张票(写法不同),"
            "请核对纸质票后删除多余的一张 / serials that name one paper ballot",
        ).format(
            meeting_id=self.meeting_id,
            title=self.meeting_title,
            where=where,
            serials=translate("Core", "、").join(f"“{s}”" for s in self.serials),
        )


def serial_collisions(session: Session) -> list[SerialCollision]:
    """Every group of stored serials equal after normalising, in every meeting (found by
    recomputing the normal form, so a database migrated with collisions shows them)."""
    titles: dict[int, str] = dict(
        (row[0], row[1]) for row in session.execute(select(MeetingRow.id, MeetingRow.title))
    )
    found: list[SerialCollision] = []
    sources: list[tuple[Any, bool]] = [(BallotRow, False), (BallotEntryRow, True)]
    for model, typed in sources:
        columns = [model.meeting_id, model.serial, model.pass_no if typed else model.id]
        groups: dict[tuple[int, str, int | None], list[str]] = {}
        for meeting_id, serial, extra in session.execute(select(*columns).order_by(model.id)):
            scope = (meeting_id, serial_key(serial), extra if typed else None)
            groups.setdefault(scope, []).append(serial)
        for (meeting_id, _, pass_no), serials in groups.items():
            if len(serials) > 1:
                found.append(
                    SerialCollision(meeting_id, titles.get(meeting_id, ""), tuple(serials), pass_no)
                )
    return found


def existing_serials(session: Session, meeting_id: int) -> set[str]:
    return set(session.scalars(select(BallotRow.serial).where(BallotRow.meeting_id == meeting_id)))


def taken_message(serial: str, stored: str) -> str:
    """票号 “A-1” 已经录入过, naming the stored serial when it is written differently."""
    if serial == stored:
        return translate("Core", "票号 “{serial}” 已经录入过 / serial already entered").format(
            serial=serial
        )
    return translate(
        "Core", "票号 “{serial}” 已经录入过(即 “{stored}”) / serial already entered"
    ).format(serial=serial, stored=stored)


def ensure_open(session: Session, meeting_id: int) -> None:
    """DataError if the meeting's ballots are finalised (locked)."""
    row = meeting_row(session, meeting_id)
    if row.finalised_at is not None:
        raise DataError(
            translate(
                "Core",
                "评议票已定稿,不能再修改;确需修改时请先“解除定稿”(会记入审计日志) / "
                "ballots are finalised (locked)",
            )
        )


def typed_serials(session: Session, meeting_id: int) -> set[str]:
    """Serials typed under double entry (waiting, agreed or not)."""
    return set(
        session.scalars(
            select(BallotEntryRow.serial).where(BallotEntryRow.meeting_id == meeting_id)
        )
    )


def check_ballot(
    ballot: Ballot, ids: MeetingIds, *, file: str | None = None, row: int | None = None
) -> None:
    """DataError unless the ballot's type, targets and levels are the meeting's."""
    if not ids.targets:
        raise DataError(
            translate("Core", "本会议还没有评议对象,不能录入评议票 / the meeting has no units"),
            file=file,
            row=row,
        )
    check_serial(ballot.serial, file=file, row=row)
    for column, value, most in (
        ("serial", ballot.serial, MAX_SERIAL),
        ("void_reason", ballot.void_reason, MAX_VOID_REASON),
    ):
        checked_text(
            value,
            most,
            lambda message, _key, column=column: DataError(
                message, file=file, row=row, column=column
            ),
        )
    check_type_code(ballot.type_code, ids.ballot_types.keys(), file=file, row=row)
    for target, labels in ballot.marks.items():
        if target not in ids.targets:
            raise DataError(
                translate("Core", "未知评议对象 / unknown target"),
                file=file,
                row=row,
                column=target,
            )
        for label in labels:
            check_level(label, tuple(ids.levels), target, file=file, row=row)


def write_ballots(
    session: Session,
    meeting: Meeting,
    ids: MeetingIds,
    ballots: Sequence[Ballot],
    *,
    station: str = "",
) -> list[int]:
    """Insert checked ballots with their classification, marks and counted sections, inside
    a savepoint (a unique-serial clash undoes this batch only and raises IntegrityError).
    Returns the new ballot ids. No audit row: the callers record what they did."""
    now = utcnow()
    classifications = [classify_ballot(meeting, ballot) for ballot in ballots]
    ballot_rows = [
        {
            "meeting_id": ids.meeting,
            "ballot_type_id": ids.ballot_types[ballot.type_code],
            "serial": ballot.serial,
            "serial_key": serial_key(ballot.serial),
            "void_reason": ballot.void_reason.strip(),
            "status": c.status.value,
            "cause": c.cause.value if c.cause else None,
            "detail": c.detail,
            "rules_version": COUNTING_RULES_VERSION,
            "station": station,
            "created_at": now,
            "updated_at": now,
        }
        for ballot, c in zip(ballots, classifications, strict=True)
    ]
    # Plain executemany through Core: the ORM's bulk RETURNING path is quadratic in rows.
    # A savepoint, so a serial taken concurrently undoes this batch and only this batch.
    connection = session.connection()
    with connection.begin_nested():
        connection.execute(insert(BallotRow.__table__), ballot_rows)
    keys = [serial_key(ballot.serial) for ballot in ballots]
    query = select(BallotRow.serial_key, BallotRow.id).where(BallotRow.meeting_id == ids.meeting)
    if len(ballots) <= 50:
        query = query.where(BallotRow.serial_key.in_(keys))
    serial_ids: dict[str, int] = dict(connection.execute(query).all())
    new_ids = [serial_ids[key] for key in keys]

    mark_rows: list[dict[str, object]] = []
    section_rows: list[dict[str, int]] = []
    for ballot_id, ballot, c in zip(new_ids, ballots, classifications, strict=True):
        counted = {
            (target, level)
            for section in c.sections.values()
            for target, level in section.items()
            if level is not None
        }
        for target, labels in ballot.marks.items():
            for label in labels:
                mark_rows.append(
                    {
                        "ballot_id": ballot_id,
                        "target_id": ids.targets[target],
                        "level_id": ids.levels[label],
                        "ballot_type_id": ids.ballot_types[ballot.type_code],
                        "counted": (target, label) in counted,
                    }
                )
        section_rows.extend(
            {"ballot_id": ballot_id, "category_id": ids.categories[name]} for name in c.sections
        )
    if mark_rows:
        connection.execute(insert(BallotMarkRow.__table__), mark_rows)
    if section_rows:
        connection.execute(insert(BallotSectionRow.__table__), section_rows)
    return new_ids


def add_ballots(
    session: Session,
    meeting_id: int,
    ballots: Sequence[Ballot],
    *,
    station: str = "",
    source: str | None = None,
    rows: Sequence[int] | None = None,
) -> int:
    """Add ballots to a meeting in the caller's transaction; returns how many.

    Any problem (a serial already entered, an unknown type, target or level) raises
    DataError before anything is written; a serial taken concurrently by another station
    surfaces as the database's unique constraint and is reported the same way. ``rows``
    (parallel to ``ballots``) gives the file rows for messages; ``source`` the file name.
    """
    meeting, ids = load_meeting_and_ids(session, meeting_id)
    ensure_open(session, meeting_id)

    def where(index: int) -> int | None:
        return rows[index] if rows is not None else None

    # By normal form: A-1 is taken when A-001 was entered (one paper, one serial).
    taken = {
        serial_key(serial): serial
        for serial in existing_serials(session, meeting_id) | typed_serials(session, meeting_id)
    }
    seen: dict[str, str] = {}
    for index, ballot in enumerate(ballots):
        key = serial_key(ballot.serial)
        if key in taken:
            raise DataError(
                taken_message(ballot.serial, taken[key]),
                file=source,
                row=where(index),
                column="serial",
            )
        if key in seen:
            raise DataError(
                translate(
                    "Core", "票号 “{serial}” 与 “{other}” 是同一张票,重复 / duplicate serial"
                ).format(serial=ballot.serial, other=seen[key]),
                file=source,
                row=where(index),
                column="serial",
            )
        seen[key] = ballot.serial
        check_ballot(ballot, ids, file=source, row=where(index))
    if not ballots:
        return 0
    try:
        write_ballots(session, meeting, ids, ballots, station=station)
    except IntegrityError:
        raise DataError(
            translate(
                "Core", "票号已被其他录入点占用,本次未保存任何票 / a serial was taken concurrently"
            ),
            file=source,
            column="serial",
        ) from None
    record(
        session,
        "ballots.add",
        station=station,
        meeting_id=meeting_id,
        entity="ballot",
        entity_key=ballots[0].serial if len(ballots) == 1 else f"{len(ballots)} ballots",
        after={"source": source, "count": len(ballots), "serials": [b.serial for b in ballots]},
    )
    session.flush()
    return len(ballots)


def load_ballots(session: Session, meeting_id: int) -> list[Ballot]:
    """A meeting's ballots in entry order, marks in the meeting's level order."""
    meeting_ids(session, meeting_id)  # raises DataError for an unknown meeting
    heads = session.execute(
        select(BallotRow.id, BallotRow.serial, BallotTypeRow.code, BallotRow.void_reason)
        .join(BallotTypeRow, BallotTypeRow.id == BallotRow.ballot_type_id)
        .where(BallotRow.meeting_id == meeting_id)
        .order_by(BallotRow.id)
    ).all()
    marks: dict[int, dict[str, list[str]]] = {}
    for ballot_id, target, label in session.execute(
        select(BallotMarkRow.ballot_id, TargetRow.name, LevelRow.label)
        .join(BallotRow, BallotRow.id == BallotMarkRow.ballot_id)
        .join(TargetRow, TargetRow.id == BallotMarkRow.target_id)
        .join(LevelRow, LevelRow.id == BallotMarkRow.level_id)
        .where(BallotRow.meeting_id == meeting_id)
        .order_by(BallotMarkRow.ballot_id, LevelRow.position)
    ):
        marks.setdefault(ballot_id, {}).setdefault(target, []).append(label)
    return [
        Ballot(
            serial, code, {t: tuple(ls) for t, ls in marks.get(ballot_id, {}).items()}, void_reason
        )
        for ballot_id, serial, code, void_reason in heads
    ]
