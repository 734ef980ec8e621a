"""A record that proves itself: the audit hash chain, the counting-rules version on each
stored classification, the counting settings fixed at finalising.

Existing audit entries are chained in id order; ballots classified by older counting rules
are re-classified (one audit entry per meeting); meetings finalised already get their
counting settings recorded (audited). On PostgreSQL the log also refuses TRUNCATE.

Revision ID: 0007
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from desktop_app.store.integrity import (
    backfill_finalised_settings,
    rechain_audit_log,
    reclassify_outdated,
)

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SQLITE_NO_UPDATE = """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
       BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"""
SQLITE_NO_DELETE = """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
       BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"""
POSTGRESQL_NO_TRUNCATE = """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
       FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rules_version", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("finalised_settings", sa.Text(), nullable=True))

    # Chain the entries written before the chain existed: the one UPDATE the log ever takes.
    if dialect == "sqlite":
        op.execute("DROP TRIGGER audit_event_no_update")
    else:
        op.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    connection = op.get_bind()
    table = sa.Table("audit_event", sa.MetaData(), autoload_with=connection)
    rechain_audit_log(connection, table)
    if dialect == "sqlite":
        op.execute(SQLITE_NO_UPDATE)
    else:
        op.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
        op.execute(POSTGRESQL_NO_TRUNCATE)

    backfill_finalised_settings(connection)
    reclassify_outdated(connection)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER audit_event_no_truncate ON audit_event")
    else:  # batch mode copies the table, which drops its triggers: made again after
        op.execute("DROP TRIGGER audit_event_no_update")
        op.execute("DROP TRIGGER audit_event_no_delete")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("finalised_settings")
    with op.batch_alter_table("ballot", schema=None) as batch_op:
        batch_op.drop_column("rules_version")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
    if dialect == "sqlite":
        op.execute(SQLITE_NO_UPDATE)
        op.execute(SQLITE_NO_DELETE)
