"""Meeting structure and ballots: the first schema.

Meetings with their agenda, speakers, levels, categories and caps, targets, ballot types;
ballots with their ticked boxes and counted sections.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("multi_mark", sa.String(length=20), nullable=False),
        sa.Column("over_cap", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("limit_s", sa.Integer(), nullable=True),
        sa.Column("speaker", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_agenda_item_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
    )
    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_item_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "ballot_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("issued", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_ballot_type_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_type")),
        sa.UniqueConstraint("meeting_id", "code", name=op.f("uq_ballot_type_meeting_id")),
    )
    with op.batch_alter_table("ballot_type", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ballot_type_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "category",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_category_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_category")),
        sa.UniqueConstraint("meeting_id", "name", name=op.f("uq_category_meeting_id")),
    )
    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_category_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "level",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_level_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_level")),
        sa.UniqueConstraint("meeting_id", "label", name=op.f("uq_level_meeting_id")),
    )
    with op.batch_alter_table("level", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_level_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "ballot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("ballot_type_id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=50), nullable=False),
        sa.Column("void_reason", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("cause", sa.String(length=20), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("station", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_type_id"],
            ["ballot_type.id"],
            name=op.f("fk_ballot_ballot_type_id_ballot_type"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_ballot_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot")),
        sa.UniqueConstraint("meeting_id", "serial", name=op.f("uq_ballot_meeting_id")),
    )
    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ballot_ballot_type_id"), ["ballot_type_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_ballot_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "category_cap",
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("level_id", sa.Integer(), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_category_cap_category_id_category"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["level_id"],
            ["level.id"],
            name=op.f("fk_category_cap_level_id_level"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("category_id", "level_id", name=op.f("pk_category_cap")),
    )

    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_target_category_id_category"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_target_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target")),
        sa.UniqueConstraint("meeting_id", "name", name=op.f("uq_target_meeting_id")),
    )
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_category_id"), ["category_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "ballot_mark",
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("level_id", sa.Integer(), nullable=False),
        sa.Column("ballot_type_id", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["ballot.id"],
            name=op.f("fk_ballot_mark_ballot_id_ballot"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ballot_type_id"],
            ["ballot_type.id"],
            name=op.f("fk_ballot_mark_ballot_type_id_ballot_type"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["level_id"],
            ["level.id"],
            name=op.f("fk_ballot_mark_level_id_level"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["target.id"],
            name=op.f("fk_ballot_mark_target_id_target"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ballot_id", "target_id", "level_id", name=op.f("pk_ballot_mark")),
    )
    with op.batch_alter_table("ballot_mark", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ballot_mark_tally",
            ["target_id", "ballot_type_id", "level_id", "counted"],
            unique=False,
        )

    op.create_table(
        "ballot_section",
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["ballot.id"],
            name=op.f("fk_ballot_section_ballot_id_ballot"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["category.id"],
            name=op.f("fk_ballot_section_category_id_category"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ballot_id", "category_id", name=op.f("pk_ballot_section")),
    )
    with op.batch_alter_table("ballot_section", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ballot_section_category_id"), ["category_id"], unique=False
        )

    op.create_table(
        "speaker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("post", sa.String(length=200), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("limit_s", sa.Integer(), nullable=True),
        sa.Column("written", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meeting.id"],
            name=op.f("fk_speaker_meeting_id_meeting"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["target.id"],
            name=op.f("fk_speaker_target_id_target"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker")),
    )
    with op.batch_alter_table("speaker", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_speaker_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_speaker_target_id"), ["target_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("speaker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_speaker_target_id"))
        batch_op.drop_index(batch_op.f("ix_speaker_meeting_id"))

    op.drop_table("speaker")

    with op.batch_alter_table("ballot_section", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballot_section_category_id"))

    op.drop_table("ballot_section")

    with op.batch_alter_table("ballot_mark", schema=None) as batch_op:
        batch_op.drop_index("ix_ballot_mark_tally")

    op.drop_table("ballot_mark")

    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_target_category_id"))

    op.drop_table("target")

    op.drop_table("category_cap")

    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballot_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_ballot_ballot_type_id"))

    op.drop_table("ballot")

    with op.batch_alter_table("level", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_level_meeting_id"))

    op.drop_table("level")

    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_category_meeting_id"))

    op.drop_table("category")

    with op.batch_alter_table("ballot_type", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballot_type_meeting_id"))

    op.drop_table("ballot_type")

    with op.batch_alter_table("agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_item_meeting_id"))

    op.drop_table("agenda_item")

    op.drop_table("meeting")
