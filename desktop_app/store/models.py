"""The database tables (SQLModel).

The schema is made and changed only by the alembic migrations in ``migrations/``; a test
checks that the migrated schema matches these models. Rows are turned into domain objects
and back in ``meetings.py`` and ``ballots.py``; nothing outside ``store`` sees these classes.

Derived data kept for speed: each ballot stores its classification (status, cause, detail),
each mark whether it is counted, and ``ballot_section`` the counted category sections, so
the tally is a plain SQL aggregation. They are written together with the ballot, in one
transaction, from :func:`desktop_app.domain.ballots.classify_ballot`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlmodel import Field, SQLModel

from desktop_app.domain.serials import serial_key

# Named constraints, so alembic can alter them (batch mode on SQLite needs the names).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

SERIAL_KEY_LENGTH = 200  # NFKC may lengthen a 50-character serial


def _serial_key_of_row(context: Any) -> str:
    """``serial_key`` for an insert that does not give it: the serial's normal form."""
    return serial_key(context.get_current_parameters()["serial"])


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(at: dt.datetime) -> dt.datetime:
    """A stored time as timezone-aware UTC (SQLite gives naive values, UTC already)."""
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


def _fk(target: str, *, nullable: bool = False, index: bool = True) -> Column[int]:
    return Column(Integer, ForeignKey(target, ondelete="CASCADE"), nullable=nullable, index=index)


def _when() -> Column[dt.datetime]:
    return Column(DateTime(timezone=True), nullable=False, default=utcnow)


class MeetingRow(SQLModel, table=True):
    __tablename__ = "meeting"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=Column(String(200), nullable=False))
    date: dt.date | None = None
    venue: str = Field(default="", sa_column=Column(String(200), nullable=False))
    # The head of the minutes (0006): 主持人, 出席, 记录人.
    chair: str = Field(default="", sa_column=Column(String(200), nullable=False, server_default=""))
    attendees: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    recorder: str = Field(
        default="", sa_column=Column(String(200), nullable=False, server_default="")
    )
    multi_mark: str = Field(sa_column=Column(String(20), nullable=False))
    over_cap: str = Field(sa_column=Column(String(20), nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())
    # Ballot entry (issue 4): each paper ballot typed twice; ballots locked by finalising.
    double_entry: bool = Field(
        default=False, sa_column=Column(Boolean, nullable=False, server_default=false())
    )
    finalised_at: dt.datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    finalised_digest: str | None = Field(default=None, sa_column=Column(String(64)))
    finalised_station: str | None = Field(default=None, sa_column=Column(String(100)))
    # What the count read from the meeting when it was finalised (JSON of
    # desktop_app.domain.integrity.counting_settings): verify names what moved since.
    finalised_settings: str | None = Field(default=None, sa_column=Column(Text))


class AgendaItemRow(SQLModel, table=True):
    __tablename__ = "agenda_item"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    position: int
    kind: str = Field(sa_column=Column(String(20), nullable=False))
    title: str = Field(sa_column=Column(String(200), nullable=False))
    limit_s: int | None = None
    speaker: str | None = Field(default=None, sa_column=Column(String(200)))


class CategoryRow(SQLModel, table=True):
    __tablename__ = "category"
    __table_args__ = (UniqueConstraint("meeting_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    position: int
    name: str = Field(sa_column=Column(String(200), nullable=False))


class TargetRow(SQLModel, table=True):
    __tablename__ = "target"
    __table_args__ = (UniqueConstraint("meeting_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    category_id: int = Field(sa_column=_fk("category.id"))
    position: int
    name: str = Field(sa_column=Column(String(200), nullable=False))


class LevelRow(SQLModel, table=True):
    __tablename__ = "level"
    __table_args__ = (UniqueConstraint("meeting_id", "label"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    position: int
    label: str = Field(sa_column=Column(String(50), nullable=False))
    score: float


class CategoryCapRow(SQLModel, table=True):
    __tablename__ = "category_cap"

    category_id: int = Field(
        sa_column=Column(Integer, ForeignKey("category.id", ondelete="CASCADE"), primary_key=True)
    )
    level_id: int = Field(
        sa_column=Column(Integer, ForeignKey("level.id", ondelete="CASCADE"), primary_key=True)
    )
    cap: int


class SpeakerRow(SQLModel, table=True):
    __tablename__ = "speaker"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    position: int
    name: str = Field(sa_column=Column(String(100), nullable=False))
    post: str = Field(default="", sa_column=Column(String(200), nullable=False))
    target_id: int | None = Field(
        default=None,
        sa_column=Column(Integer, ForeignKey("target.id", ondelete="SET NULL"), index=True),
    )
    limit_s: int | None = None
    written: bool = False


class BallotTypeRow(SQLModel, table=True):
    __tablename__ = "ballot_type"
    __table_args__ = (UniqueConstraint("meeting_id", "code"),)

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    position: int
    code: str = Field(sa_column=Column(String(20), nullable=False))
    label: str = Field(sa_column=Column(String(200), nullable=False))
    weight: float = 1.0
    issued: int | None = None
    collected: int | None = None


class BallotRow(SQLModel, table=True):
    """One paper ballot. ``serial`` is unique within a meeting, and so is its normal form
    ``serial_key`` (``A-001`` and ``a-1`` are one paper), by constraint."""

    __tablename__ = "ballot"
    __table_args__ = (
        UniqueConstraint("meeting_id", "serial"),
        UniqueConstraint("serial_key", "meeting_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    ballot_type_id: int = Field(sa_column=_fk("ballot_type.id"))
    serial: str = Field(sa_column=Column(String(50), nullable=False))
    serial_key: str = Field(
        sa_column=Column(String(SERIAL_KEY_LENGTH), nullable=False, default=_serial_key_of_row)
    )
    void_reason: str = Field(default="", sa_column=Column(String(200), nullable=False))
    status: str = Field(sa_column=Column(String(10), nullable=False))
    cause: str | None = Field(default=None, sa_column=Column(String(20)))
    detail: str = Field(default="", sa_column=Column(Text, nullable=False))
    station: str = Field(default="", sa_column=Column(String(100), nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())
    # The COUNTING_RULES_VERSION that made status, cause, detail, counted marks and sections.
    rules_version: int = Field(
        default=0, sa_column=Column(Integer, nullable=False, server_default="0")
    )


class BallotEntryRow(SQLModel, table=True):
    """One typing of a paper ballot under double entry (双人录入): ``pass_no`` 1 or 2.

    Entries wait here until the two copies of a serial agree; then the ballot is written to
    ``ballot`` (and counted). ``marks`` is JSON: target name → list of level labels.
    """

    __tablename__ = "ballot_entry"
    __table_args__ = (
        UniqueConstraint("meeting_id", "serial", "pass_no"),
        UniqueConstraint("serial_key", "meeting_id", "pass_no"),
    )

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    serial: str = Field(sa_column=Column(String(50), nullable=False))
    serial_key: str = Field(
        sa_column=Column(String(SERIAL_KEY_LENGTH), nullable=False, default=_serial_key_of_row)
    )
    pass_no: int
    ballot_type_id: int = Field(sa_column=_fk("ballot_type.id", index=False))
    marks: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    void_reason: str = Field(default="", sa_column=Column(String(200), nullable=False))
    station: str = Field(default="", sa_column=Column(String(100), nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())


class BallotMarkRow(SQLModel, table=True):
    """A ticked box: one row per level ticked for a target (several rows = multi-mark).

    ``ballot_type_id`` repeats the ballot's type so the tally is one scan of a covering index
    (no join); it is written with the marks, which are rewritten whenever a ballot changes.
    """

    __tablename__ = "ballot_mark"
    __table_args__ = (
        Index("ix_ballot_mark_tally", "target_id", "ballot_type_id", "level_id", "counted"),
    )

    ballot_id: int = Field(
        sa_column=Column(Integer, ForeignKey("ballot.id", ondelete="CASCADE"), primary_key=True)
    )
    target_id: int = Field(
        sa_column=Column(Integer, ForeignKey("target.id", ondelete="CASCADE"), primary_key=True)
    )
    level_id: int = Field(
        sa_column=Column(Integer, ForeignKey("level.id", ondelete="CASCADE"), primary_key=True)
    )
    ballot_type_id: int = Field(sa_column=_fk("ballot_type.id", index=False))
    counted: bool = False


class BallotSectionRow(SQLModel, table=True):
    """A category section of a ballot that counts (valid ballot, section not discarded)."""

    __tablename__ = "ballot_section"

    ballot_id: int = Field(
        sa_column=Column(Integer, ForeignKey("ballot.id", ondelete="CASCADE"), primary_key=True)
    )
    category_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("category.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )


class CommentRow(SQLModel, table=True):
    """A comment (点评) on a target or an agenda item, by the chair or a representative."""

    __tablename__ = "comment"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    agenda_item_id: int | None = Field(default=None, sa_column=_fk("agenda_item.id", nullable=True))
    target_id: int | None = Field(default=None, sa_column=_fk("target.id", nullable=True))
    author: str = Field(default="", sa_column=Column(String(100), nullable=False))
    author_identity: str = Field(default="", sa_column=Column(String(200), nullable=False))
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())


class SpeechEventRow(SQLModel, table=True):
    """A timing event as it happened: item start/end, speech start/pause/resume/stop, adjust.

    Times are wall-clock UTC so that a restarted process can rebuild a running timer.
    """

    __tablename__ = "speech_event"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    agenda_item_id: int | None = Field(default=None, sa_column=_fk("agenda_item.id", nullable=True))
    speaker_id: int | None = Field(default=None, sa_column=_fk("speaker.id", nullable=True))
    kind: str = Field(sa_column=Column(String(30), nullable=False))
    at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())
    value_s: float | None = None


class AuditEventRow(SQLModel, table=True):
    """Append-only log of every change to ballots and protected data (who, when, before, after).

    Triggers made by the migrations refuse UPDATE and DELETE (and, on PostgreSQL, TRUNCATE) on
    this table. ``hash`` chains each entry to the one before it
    (:func:`desktop_app.domain.integrity.audit_entry_hash`), so ``verify`` finds an entry
    changed, removed or forged by raw SQL.
    """

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())
    station: str = Field(default="", sa_column=Column(String(100), nullable=False))
    meeting_id: int | None = Field(default=None, sa_column=Column(Integer, index=True))
    action: str = Field(sa_column=Column(String(50), nullable=False))
    entity: str = Field(default="", sa_column=Column(String(50), nullable=False))
    entity_key: str = Field(default="", sa_column=Column(String(100), nullable=False))
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))
    prev_hash: str | None = Field(default=None, sa_column=Column(String(64)))
    hash: str | None = Field(default=None, sa_column=Column(String(64)))


class ScanBatchRow(SQLModel, table=True):
    """One feed of scanned files (扫描批次): who fed it, when, the files with their SHA-256
    (``files`` JSON: [{name, sha256}]) and the thresholds the pages were read with (JSON)."""

    __tablename__ = "scan_batch"

    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    station: str = Field(default="", sa_column=Column(String(100), nullable=False))
    started_at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())
    files: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    thresholds: str = Field(default="{}", sa_column=Column(Text, nullable=False))


class ScanPageRow(SQLModel, table=True):
    """One scanned side of paper and what became of it.

    ``status``: ``saved`` (stored as a ballot), ``flagged`` (waits for a clerk), ``unreadable``,
    ``bilevel``, ``foreign``, ``duplicate``, ``rejected`` (set aside by a clerk). ``review``
    holds the review items (``;``-joined, FORMATS.md §6); ``reading`` the marks as read (JSON,
    target → labels). The page image is kept in the database (so every review station sees
    it, on PostgreSQL too) as a grey PNG of about 150 dpi with its SHA-256; ``homography``
    (JSON, 9 numbers) maps layout mm to that image's pixels.
    """

    __tablename__ = "scan_page"

    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(sa_column=_fk("scan_batch.id"))
    meeting_id: int = Field(sa_column=_fk("meeting.id"))
    file: str = Field(default="", sa_column=Column(String(300), nullable=False))
    page_no: int = 1
    page_sha256: str = Field(sa_column=Column(String(64), nullable=False, index=True))
    serial: str = Field(default="", sa_column=Column(String(50), nullable=False, index=True))
    type_code: str = Field(default="", sa_column=Column(String(20), nullable=False))
    sheet: int = 1
    sheets: int = 1
    status: str = Field(sa_column=Column(String(12), nullable=False))
    review: str = Field(default="", sa_column=Column(Text, nullable=False))
    note: str = Field(default="", sa_column=Column(String(200), nullable=False))
    reading: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    margin: float = 0.0
    fit_error_mm: float = 0.0
    homography: str | None = Field(default=None, sa_column=Column(Text))
    image_png: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    image_sha256: str = Field(sa_column=Column(String(64), nullable=False))
    reviewed_by: str | None = Field(default=None, sa_column=Column(String(100)))
    reviewed_at: dt.datetime | None = Field(default=None, sa_column=Column(DateTime(timezone=True)))


class ScanCellRow(SQLModel, table=True):
    """The measures of one level cell of a scanned page (kept to re-decide and to answer
    disputes) and the state the thresholds gave it."""

    __tablename__ = "scan_cell"

    page_id: int = Field(
        sa_column=Column(Integer, ForeignKey("scan_page.id", ondelete="CASCADE"), primary_key=True)
    )
    target: str = Field(sa_column=Column(String(200), primary_key=True))
    level: str = Field(sa_column=Column(String(50), primary_key=True))
    dark_mm2: float = 0.0
    faint_mm2: float = 0.0
    stroke_dark_mm2: float = 0.0
    extent_mm: float = 0.0
    runs: int = 0
    cover: float = 0.0
    correlation: float = 0.0
    crosses_below: bool = Field(default=False, sa_column=Column(Boolean, nullable=False))
    state: str = Field(sa_column=Column(String(10), nullable=False))


class ScanDecisionRow(SQLModel, table=True):
    """A clerk's decision on a scanned page: a row re-read (``target``), or for the whole page
    (``target`` empty: accepted, voided by hand, serial fixed, set aside). ``machine`` and
    ``clerk`` are JSON; every decision is also in the audit log."""

    __tablename__ = "scan_decision"

    id: int | None = Field(default=None, primary_key=True)
    page_id: int = Field(sa_column=_fk("scan_page.id"))
    target: str = Field(default="", sa_column=Column(String(200), nullable=False))
    machine: str = Field(default="", sa_column=Column(Text, nullable=False))
    clerk: str = Field(default="", sa_column=Column(Text, nullable=False))
    reason: str = Field(default="", sa_column=Column(String(100), nullable=False))
    station: str = Field(default="", sa_column=Column(String(100), nullable=False))
    at: dt.datetime = Field(default_factory=utcnow, sa_column=_when())
