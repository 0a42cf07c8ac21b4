"""form texts as revision content, searchable revision text, the records list

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("document_revision", schema=None) as batch_op:
        batch_op.add_column(sa.Column("form_content", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=True))
    op.create_table(
        "record_type",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("keeper", sa.String(length=300), nullable=False),
        sa.Column("retention_years", sa.Integer(), nullable=True),
        sa.Column("medium", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_record_type_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_type")),
    )
    with op.batch_alter_table("record_type", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_type_document_id"), ["document_id"])


def downgrade() -> None:
    with op.batch_alter_table("record_type", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_type_document_id"))
    op.drop_table("record_type")
    with op.batch_alter_table("document_revision", schema=None) as batch_op:
        batch_op.drop_column("search_text")
        batch_op.drop_column("form_content")
