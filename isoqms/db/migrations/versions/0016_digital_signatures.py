"""digital signatures with a token: the unit's trust store and the signed PDFs

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trusted_certificate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("issuer", sa.String(length=300), nullable=False),
        sa.Column("valid_to", sa.DateTime(), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.Column("removed_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_certificate")),
    )
    with op.batch_alter_table("trusted_certificate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trusted_certificate_sha256"), ["sha256"], unique=False)
    op.create_table(
        "signed_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("ref_id", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("signer", sa.String(length=300), nullable=False),
        sa.Column("cert_sha256", sa.String(length=64), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_sha256"],
            ["stored_file.sha256"],
            name=op.f("fk_signed_file_file_sha256_stored_file"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signed_file")),
    )
    with op.batch_alter_table("signed_file", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_signed_file_file_sha256"), ["file_sha256"], unique=False
        )
        batch_op.create_index("ix_signed_file_kind_ref", ["kind", "ref_id"], unique=False)


def downgrade() -> None:
    op.drop_table("signed_file")
    op.drop_table("trusted_certificate")
