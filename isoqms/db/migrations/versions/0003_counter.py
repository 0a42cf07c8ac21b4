"""counter: procedures, revisions, dossiers, notices, print log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "daily_counter",
        sa.Column("unit_code", sa.String(length=35), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("unit_code", "day", name=op.f("pk_daily_counter")),
    )
    op.create_table(
        "ledger_counter",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("book", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year", "book", name=op.f("pk_ledger_counter")),
    )
    op.create_table(
        "procedure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("search_key", sa.Text(), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=200), nullable=False),
        sa.Column("agency", sa.Text(), nullable=False),
        sa.Column("issuer", sa.String(length=300), nullable=False),
        sa.Column("decision", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure")),
        sa.UniqueConstraint("code", name=op.f("uq_procedure_code")),
    )
    op.create_table(
        "stored_file",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_stored_file")),
    )
    op.create_table(
        "procedure_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("effective_from", sa.DateTime(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedure.id"],
            name=op.f("fk_procedure_revision_procedure_id_procedure"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_revision")),
        sa.UniqueConstraint(
            "procedure_id", "number", name=op.f("uq_procedure_revision_procedure_id")
        ),
    )
    with op.batch_alter_table("procedure_revision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_procedure_revision_procedure_id"), ["procedure_id"], unique=False
        )

    op.create_table(
        "counter_notice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("id_number", sa.String(length=12), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("papers", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("regime", sa.String(length=8), nullable=False),
        sa.Column("form_revision", sa.String(length=60), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedure.id"],
            name=op.f("fk_counter_notice_procedure_id_procedure"),
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["procedure_revision.id"],
            name=op.f("fk_counter_notice_revision_id_procedure_revision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_counter_notice")),
        sa.UniqueConstraint("kind", "year", "number", name=op.f("uq_counter_notice_kind")),
    )
    op.create_table(
        "dossier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("unit_code", sa.String(length=35), nullable=False),
        sa.Column("receipt_day", sa.Date(), nullable=False),
        sa.Column("daily_number", sa.Integer(), nullable=False),
        sa.Column("book_year", sa.Integer(), nullable=False),
        sa.Column("book", sa.Integer(), nullable=False),
        sa.Column("book_number", sa.Integer(), nullable=False),
        sa.Column("procedure_id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("applicant_key", sa.String(length=200), nullable=False),
        sa.Column("id_number", sa.String(length=12), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("representative", sa.String(length=200), nullable=False),
        sa.Column("papers", sa.Text(), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("delivery", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("effective_received_at", sa.DateTime(), nullable=False),
        sa.Column("appointment", sa.DateTime(), nullable=False),
        sa.Column("duration_text", sa.String(length=200), nullable=False),
        sa.Column("policy", sa.String(length=16), nullable=False),
        sa.Column("regime", sa.String(length=8), nullable=False),
        sa.Column("form_revision", sa.String(length=60), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("backdated", sa.Boolean(), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedure.id"], name=op.f("fk_dossier_procedure_id_procedure")
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["procedure_revision.id"],
            name=op.f("fk_dossier_revision_id_procedure_revision"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier")),
        sa.UniqueConstraint("book_year", "book", "book_number", name=op.f("uq_dossier_book_year")),
        sa.UniqueConstraint("code", name=op.f("uq_dossier_code")),
        sa.UniqueConstraint(
            "unit_code", "receipt_day", "daily_number", name=op.f("uq_dossier_unit_code")
        ),
    )
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_applicant_key"), ["applicant_key"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_dossier_appointment"), ["appointment"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_procedure_id"), ["procedure_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_receipt_day"), ["receipt_day"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossier_state"), ["state"], unique=False)

    op.create_table(
        "print_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("notice_id", sa.Integer(), nullable=True),
        sa.Column("form_code", sa.String(length=40), nullable=False),
        sa.Column("form_revision", sa.String(length=40), nullable=False),
        sa.Column("copies", sa.String(length=100), nullable=False),
        sa.Column("paper", sa.String(length=8), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("printed_by", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossier.id"], name=op.f("fk_print_log_dossier_id_dossier")
        ),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["counter_notice.id"], name=op.f("fk_print_log_notice_id_counter_notice")
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["stored_file.sha256"], name=op.f("fk_print_log_sha256_stored_file")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_log")),
    )
    with op.batch_alter_table("print_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_print_log_dossier_id"), ["dossier_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("print_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_print_log_dossier_id"))

    op.drop_table("print_log")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_state"))
        batch_op.drop_index(batch_op.f("ix_dossier_receipt_day"))
        batch_op.drop_index(batch_op.f("ix_dossier_procedure_id"))
        batch_op.drop_index(batch_op.f("ix_dossier_appointment"))
        batch_op.drop_index(batch_op.f("ix_dossier_applicant_key"))

    op.drop_table("dossier")
    op.drop_table("counter_notice")
    with op.batch_alter_table("procedure_revision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_procedure_revision_procedure_id"))

    op.drop_table("procedure_revision")
    op.drop_table("stored_file")
    op.drop_table("procedure")
    op.drop_table("ledger_counter")
    op.drop_table("daily_counter")
