"""Ballot entry: double entry and finalising.

A meeting's ``double_entry`` setting and its finalisation (time, digest, station), and the
``ballot_entry`` table holding each typing of a paper ballot under double entry until the
two copies agree.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("double_entry", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("finalised_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("finalised_station", sa.String(length=100), nullable=True))

    op.create_table(
        "ballot_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=50), nullable=False),
        sa.Column("pass_no", sa.Integer(), nullable=False),
        sa.Column("ballot_type_id", sa.Integer(), nullable=False),
        sa.Column("marks", sa.Text(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), nullable=False),
        sa.Column("station", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_type_id"],
            ["ballot_type.id"],
            name=op.f("fk_ballot_entry_ballot_type_id_ballot_type"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_ballot_entry_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_entry")),
        sa.UniqueConstraint(
            "meeting_id", "serial", "pass_no", name=op.f("uq_ballot_entry_meeting_id")
        ),
    )
    with op.batch_alter_table("ballot_entry", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ballot_entry_meeting_id"), ["meeting_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("ballot_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballot_entry_meeting_id"))
    op.drop_table("ballot_entry")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("finalised_station")
        batch_op.drop_column("finalised_digest")
        batch_op.drop_column("finalised_at")
        batch_op.drop_column("double_entry")
