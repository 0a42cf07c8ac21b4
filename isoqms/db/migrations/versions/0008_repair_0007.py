"""repair databases that say 0007 but were made by an earlier text of 0007

Migration 0007 was extended after databases had been made with it: the ``open_days``
column (with its index) and the index on ``returned_at`` came later. A database made by
the first text says 0007 yet lacks them, so the statistics fail on it. This migration adds
whatever of those is missing and fills ``open_days`` for finished dossiers, as the journey
service does when a dossier finishes; on a database made by the final 0007 it changes
nothing.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    columns = {c["name"] for c in inspector.get_columns("dossier")}
    indexes = {i["name"] for i in inspector.get_indexes("dossier")}
    missing_column = "open_days" not in columns
    wanted = {
        "ix_dossier_open_days": "open_days",
        "ix_dossier_returned_at": "returned_at",
    }
    missing_indexes = {name: column for name, column in wanted.items() if name not in indexes}
    if not missing_column and not missing_indexes:
        return
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        if missing_column:
            batch_op.add_column(sa.Column("open_days", sa.Integer(), nullable=True))
        for name, column in missing_indexes.items():
            batch_op.create_index(name, [column])
    if bind.dialect.name == "sqlite":
        days = "CAST(julianday(date(finished_at)) - julianday(date(received_at)) AS INTEGER)"
    else:
        days = "(CAST(finished_at AS date) - CAST(received_at AS date))"
    op.execute(
        f"UPDATE dossier SET open_days = {days} WHERE finished_at IS NOT NULL AND open_days IS NULL"
    )


def downgrade() -> None:
    """Nothing to undo: what this adds is part of 0007."""
