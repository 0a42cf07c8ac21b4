"""trust: every audit event seals the rows its transaction left (``audit_event.rows``);
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


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rows", sa.Text(), nullable=True))
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
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("rows")
