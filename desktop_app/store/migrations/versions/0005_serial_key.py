"""One paper, one serial: the normalised serial (``serial_key``), unique per meeting.

``ballot`` and ``ballot_entry`` get ``serial_key`` = :func:`desktop_app.domain.serials.
serial_key` of the serial, and a unique constraint on it (per meeting, and per pass for
typings). Serials already stored that collide after normalising (``A-001`` and ``A-1``) are
never merged: each keeps its row, the later ones get a key made distinct with their row id,
and :func:`desktop_app.store.ballots.serial_collisions` reports both serials whenever the
database is opened.

Revision ID: 0005
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None

COLLIDED = "\x1f"  # joins a collided key and its row id; cannot be typed or imported


def serial_key(serial: str) -> str:
    """domain.serials.serial_key as of this revision (a migration must not change later)."""
    text = unicodedata.normalize("NFKC", serial).strip().upper()
    return re.sub(r"\d+", lambda m: str(int(m.group())) if m.group().isascii() else m.group(), text)


def _fill(table: str, group: list[str]) -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(f"SELECT id, serial, {', '.join(group)} FROM {table} ORDER BY id")
    ).all()
    seen: set[tuple[object, ...]] = set()
    for row_id, serial, *scope in rows:
        key = serial_key(serial)
        if (key, *scope) in seen:
            key = f"{key}{COLLIDED}{row_id}"
        seen.add((key, *scope))
        bind.execute(
            sa.text(f"UPDATE {table} SET serial_key = :key WHERE id = :id"),
            {"key": key, "id": row_id},
        )


def upgrade() -> None:
    for table, group in (("ballot", ["meeting_id"]), ("ballot_entry", ["meeting_id", "pass_no"])):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("serial_key", sa.String(length=200), nullable=True))
        _fill(table, group)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("serial_key", existing_type=sa.String(length=200), nullable=False)
            batch_op.create_unique_constraint(
                batch_op.f(f"uq_{table}_serial_key"), ["serial_key", *group]
            )


def downgrade() -> None:
    for table in ("ballot_entry", "ballot"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f"uq_{table}_serial_key"), type_="unique")
            batch_op.drop_column("serial_key")
