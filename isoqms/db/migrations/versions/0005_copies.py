"""controlled copies and their distribution

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("copy_no", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=300), nullable=False),
        sa.Column("distributed_at", sa.DateTime(), nullable=False),
        sa.Column("distributed_by", sa.Integer(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=200), nullable=False),
        sa.Column("recalled_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_document_copy_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["document_revision.id"],
            name=op.f("fk_document_copy_revision_id_document_revision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_copy")),
        sa.UniqueConstraint("document_id", "copy_no", name=op.f("uq_document_copy_document_id")),
    )
    with op.batch_alter_table("document_copy", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_copy_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_document_copy_revision_id"), ["revision_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("document_copy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_copy_revision_id"))
        batch_op.drop_index(batch_op.f("ix_document_copy_document_id"))

    op.drop_table("document_copy")
