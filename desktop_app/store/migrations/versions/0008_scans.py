"""Scanned ballots: batches, pages (with their grey PNG), cell measures, clerks' decisions.

Revision ID: 0008
Revises: 0005 (assigned 0003; chained after issue 14's 0005 once that was merged here)
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _fk(column: str, table: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "scan_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("station", sa.String(length=100), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("thresholds", sa.Text(), nullable=False),
        _fk("meeting_id", "scan_batch", "meeting"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan_batch")),
    )
    with op.batch_alter_table("scan_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scan_batch_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "scan_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("file", sa.String(length=300), nullable=False),
        sa.Column("page_no", sa.Integer(), nullable=False),
        sa.Column("page_sha256", sa.String(length=64), nullable=False),
        sa.Column("serial", sa.String(length=50), nullable=False),
        sa.Column("type_code", sa.String(length=20), nullable=False),
        sa.Column("sheet", sa.Integer(), nullable=False),
        sa.Column("sheets", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("review", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("reading", sa.Text(), nullable=False),
        sa.Column("margin", sa.Float(), nullable=False),
        sa.Column("fit_error_mm", sa.Float(), nullable=False),
        sa.Column("homography", sa.Text(), nullable=True),
        sa.Column("image_png", sa.LargeBinary(), nullable=False),
        sa.Column("image_sha256", sa.String(length=64), nullable=False),
        sa.Column("reviewed_by", sa.String(length=100), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        _fk("batch_id", "scan_page", "scan_batch"),
        _fk("meeting_id", "scan_page", "meeting"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan_page")),
    )
    with op.batch_alter_table("scan_page", schema=None) as batch_op:
        for column in ("batch_id", "meeting_id", "page_sha256", "serial"):
            batch_op.create_index(batch_op.f(f"ix_scan_page_{column}"), [column], unique=False)

    op.create_table(
        "scan_cell",
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=50), nullable=False),
        sa.Column("dark_mm2", sa.Float(), nullable=False),
        sa.Column("faint_mm2", sa.Float(), nullable=False),
        sa.Column("stroke_dark_mm2", sa.Float(), nullable=False),
        sa.Column("extent_mm", sa.Float(), nullable=False),
        sa.Column("runs", sa.Integer(), nullable=False),
        sa.Column("cover", sa.Float(), nullable=False),
        sa.Column("correlation", sa.Float(), nullable=False),
        sa.Column("crosses_below", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        _fk("page_id", "scan_cell", "scan_page"),
        sa.PrimaryKeyConstraint("page_id", "target", "level", name=op.f("pk_scan_cell")),
    )

    op.create_table(
        "scan_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("machine", sa.Text(), nullable=False),
        sa.Column("clerk", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(length=100), nullable=False),
        sa.Column("station", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        _fk("page_id", "scan_decision", "scan_page"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scan_decision")),
    )
    with op.batch_alter_table("scan_decision", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scan_decision_page_id"), ["page_id"], unique=False)


def downgrade() -> None:
    op.drop_table("scan_decision")
    op.drop_table("scan_cell")
    op.drop_table("scan_page")
    op.drop_table("scan_batch")
