"""the internal audit (programme, audits, checklists) and the management review meeting;
a finding names the audit or review it came from

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "iso_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("processes", sa.Text(), nullable=False),
        sa.Column("criteria", sa.Text(), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_iso_audit_created_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["app_user.id"], name=op.f("fk_iso_audit_lead_id_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["second_id"], ["app_user.id"], name=op.f("fk_iso_audit_second_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iso_audit")),
        sa.UniqueConstraint("number", name=op.f("uq_iso_audit_number")),
    )
    with op.batch_alter_table("iso_audit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_iso_audit_year"), ["year"], unique=False)

    op.create_table(
        "iso_audit_programme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_by"],
            ["app_user.id"],
            name=op.f("fk_iso_audit_programme_approved_by_app_user"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iso_audit_programme")),
        sa.UniqueConstraint("year", name=op.f("uq_iso_audit_programme_year")),
    )
    op.create_table(
        "iso_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("chair", sa.String(length=200), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("conclusion", sa.Text(), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["app_user.id"], name=op.f("fk_iso_review_approved_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["app_user.id"], name=op.f("fk_iso_review_recorded_by_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iso_review")),
        sa.UniqueConstraint("number", name=op.f("uq_iso_review_number")),
    )
    with op.batch_alter_table("iso_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_iso_review_year"), ["year"], unique=False)

    op.create_table(
        "iso_audit_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.String(length=80), nullable=False),
        sa.Column("process", sa.String(length=60), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by"], ["app_user.id"], name=op.f("fk_iso_audit_item_answered_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["audit_id"], ["iso_audit.id"], name=op.f("fk_iso_audit_item_audit_id_iso_audit")
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"],
            ["iso_finding.id"],
            name=op.f("fk_iso_audit_item_finding_id_iso_finding"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_iso_audit_item")),
        sa.UniqueConstraint("audit_id", "seq", name=op.f("uq_iso_audit_item_audit_id")),
    )
    with op.batch_alter_table("iso_audit_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_iso_audit_item_audit_id"), ["audit_id"], unique=False)

    # a plain ADD COLUMN: no table copy (SQLite batch mode would rebuild the table)
    op.add_column(
        "iso_finding",
        sa.Column("origin", sa.String(length=30), server_default="", nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("iso_finding", schema=None) as batch_op:
        batch_op.drop_column("origin")

    with op.batch_alter_table("iso_audit_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_iso_audit_item_audit_id"))

    op.drop_table("iso_audit_item")
    with op.batch_alter_table("iso_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_iso_review_year"))

    op.drop_table("iso_review")
    op.drop_table("iso_audit_programme")
    with op.batch_alter_table("iso_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_iso_audit_year"))

    op.drop_table("iso_audit")
