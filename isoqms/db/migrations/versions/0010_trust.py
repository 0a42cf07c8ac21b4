"""trust: every audit event seals the rows its transaction left (``audit_event.rows``);
the database itself refuses to change or delete an audit event (triggers: a casual edit in
a database browser fails; an intruder must drop them first, and the chain still tells);
failed sign-ins, their delay and the administrator's lock (``app_user``); where and how
many automatic backups are kept (``unit_profile``)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


_SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event"
    " BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
    "CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event"
    " BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
)
_PG_FUNCTION = (
    "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$"
    " BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql"
)
_PG_TRIGGERS = (
    "CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event"
    " FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
    "CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event"
    " FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()",
)


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rows", sa.Text(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        batch_op.add_column(sa.Column("retry_after", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("locked_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("backup_folder", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("backup_keep", sa.Integer(), nullable=False, server_default=sa.text("14"))
        )


def downgrade() -> None:
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.drop_column("backup_keep")
        batch_op.drop_column("backup_folder")
    with op.batch_alter_table("app_user", schema=None) as batch_op:
        batch_op.drop_column("locked_at")
        batch_op.drop_column("retry_after")
        batch_op.drop_column("failed_logins")
    on = " ON audit_event" if op.get_bind().dialect.name == "postgresql" else ""
    op.execute("DROP TRIGGER IF EXISTS audit_event_append_only_update" + on)
    op.execute("DROP TRIGGER IF EXISTS audit_event_append_only_delete" + on)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("rows")
