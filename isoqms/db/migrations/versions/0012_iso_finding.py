"""findings, nonconformities and corrective actions (clause 10.2), with their owner,
due date and the verification of their effectiveness

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "iso_finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("clause", sa.String(length=20), nullable=False),
        sa.Column("process", sa.String(length=60), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("correction", sa.Text(), nullable=False),
        sa.Column("root_cause", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_note", sa.Text(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("verified_by", sa.Integer(), nullable=True),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("effective", sa.Boolean(), nullable=True),
        sa.Column("verification_note", sa.Text(), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("raised_by", sa.Integer(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["app_user.id"], name=op.f("fk_iso_finding_owner_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["verified_by"], ["app_user.id"], name=op.f("fk_iso_finding_verified_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["raised_by"], ["app_user.id"], name=op.f("fk_iso_finding_raised_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iso_finding")),
        sa.UniqueConstraint("number", name=op.f("uq_iso_finding_number")),
    )
    with op.batch_alter_table("iso_finding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_iso_finding_state"), ["state"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("iso_finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_iso_finding_state"))
    op.drop_table("iso_finding")
