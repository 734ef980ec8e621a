"""The head of the minutes: 主持人, 出席, 记录人 per meeting.

Revision ID: 0006
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("chair", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("attendees", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("recorder", sa.String(length=200), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("recorder")
        batch_op.drop_column("attendees")
        batch_op.drop_column("chair")
