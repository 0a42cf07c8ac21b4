"""document control: documents, revisions, signatures

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("review_months", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["document.id"], name=op.f("fk_document_parent_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedure.id"], name=op.f("fk_document_procedure_id_procedure")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("code", name=op.f("uq_document_code")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_kind"), ["kind"], unique=False)

    op.create_table(
        "document_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("issue", sa.Integer(), nullable=False),
        sa.Column("amendment", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("change_summary", sa.Text(), nullable=False),
        sa.Column("places_changed", sa.Text(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("procedure_revision_id", sa.Integer(), nullable=True),
        sa.Column("checked_out_by", sa.Integer(), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=False),
        sa.Column("rejected_at", sa.DateTime(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_document_revision_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["file_sha256"],
            ["stored_file.sha256"],
            name=op.f("fk_document_revision_file_sha256_stored_file"),
        ),
        sa.ForeignKeyConstraint(
            ["procedure_revision_id"],
            ["procedure_revision.id"],
            name=op.f("fk_document_revision_procedure_revision_id_procedure_revision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_revision")),
        sa.UniqueConstraint(
            "document_id", "issue", "amendment", name=op.f("uq_document_revision_document_id")
        ),
    )
    with op.batch_alter_table("document_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_document_revision_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "revision_signature",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("meaning", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["document_revision.id"],
            name=op.f("fk_revision_signature_revision_id_document_revision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revision_signature")),
    )
    with op.batch_alter_table("revision_signature", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_revision_signature_revision_id"), ["revision_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("revision_signature", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_revision_signature_revision_id"))

    op.drop_table("revision_signature")
    with op.batch_alter_table("document_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_revision_document_id"))

    op.drop_table("document_revision")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_kind"))

    op.drop_table("document")
