"""finding a dossier by phone or ID number, printed copies in the print log (whose form
columns now hold a document's code: up to 60 characters), how long a result may wait for
collection

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_phone"), ["phone"])
        batch_op.create_index(batch_op.f("ix_dossier_id_number"), ["id_number"])
    with op.batch_alter_table("print_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("copy_id", sa.Integer(), nullable=True))
        batch_op.alter_column(
            "form_code", existing_type=sa.String(length=40), type_=sa.String(length=80)
        )
        batch_op.alter_column(
            "form_revision", existing_type=sa.String(length=40), type_=sa.String(length=80)
        )
        batch_op.create_index(batch_op.f("ix_print_log_copy_id"), ["copy_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_print_log_copy_id_document_copy"), "document_copy", ["copy_id"], ["id"]
        )
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "result_waiting_days", sa.Integer(), nullable=False, server_default=sa.text("30")
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.drop_column("result_waiting_days")
    with op.batch_alter_table("print_log", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_print_log_copy_id_document_copy"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_print_log_copy_id"))
        batch_op.drop_column("copy_id")
        batch_op.alter_column(
            "form_revision", existing_type=sa.String(length=80), type_=sa.String(length=40)
        )
        batch_op.alter_column(
            "form_code", existing_type=sa.String(length=80), type_=sa.String(length=40)
        )
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_id_number"))
        batch_op.drop_index(batch_op.f("ix_dossier_phone"))
