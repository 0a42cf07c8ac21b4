"""the declaration of conformity (công bố): its number, day, standard and scope, so a
change of scope says a new one is due

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "iso_declaration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("declared_on", sa.Date(), nullable=False),
        sa.Column("standard", sa.String(length=100), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["file_sha256"],
            ["stored_file.sha256"],
            name=op.f("fk_iso_declaration_file_sha256_stored_file"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_iso_declaration_created_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iso_declaration")),
    )


def downgrade() -> None:
    op.drop_table("iso_declaration")
