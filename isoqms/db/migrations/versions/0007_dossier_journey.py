"""the dossier's journey, its events, quality objectives

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("promised_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("holder_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("paused_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("was_paused", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("result_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("finished_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("open_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("returned_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("returned_to", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("rating", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("rating_comment", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("complaint", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.execute("UPDATE dossier SET due_at = appointment, holder_id = clerk_id")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.alter_column("due_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.alter_column("was_paused", server_default=None)
        batch_op.alter_column("returned_to", server_default=None)
        batch_op.alter_column("rating_comment", server_default=None)
        batch_op.alter_column("complaint", server_default=None)
        batch_op.create_index(batch_op.f("ix_dossier_received_at"), ["received_at"])
        batch_op.create_index(batch_op.f("ix_dossier_result_at"), ["result_at"])
        batch_op.create_index(batch_op.f("ix_dossier_finished_at"), ["finished_at"])
        batch_op.create_index(batch_op.f("ix_dossier_open_days"), ["open_days"])
        batch_op.create_index(batch_op.f("ix_dossier_holder_id"), ["holder_id"])
        batch_op.create_index(batch_op.f("ix_dossier_returned_at"), ["returned_at"])
    op.create_table(
        "dossier_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("from_user_id", sa.Integer(), nullable=True),
        sa.Column("to_user_id", sa.Integer(), nullable=True),
        sa.Column("to_name", sa.String(length=200), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("new_appointment", sa.DateTime(), nullable=True),
        sa.Column("due_before", sa.DateTime(), nullable=True),
        sa.Column("due_after", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=8), nullable=True),
        sa.Column("state_after", sa.String(length=24), nullable=False),
        sa.Column("backdated", sa.Boolean(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("form_revision", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossier.id"], name=op.f("fk_dossier_event_dossier_id_dossier")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_event")),
    )
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossier_event_dossier_id"), ["dossier_id"])
    op.create_table(
        "quality_objective",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("comparison", sa.String(length=2), nullable=False),
        sa.Column("target", sa.Float(), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("scope_value", sa.String(length=300), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_objective")),
    )


def downgrade() -> None:
    op.drop_table("quality_objective")
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_event_dossier_id"))
    op.drop_table("dossier_event")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        for name in (
            "open_days",
            "returned_at",
            "holder_id",
            "finished_at",
            "result_at",
            "received_at",
        ):
            batch_op.drop_index(batch_op.f(f"ix_dossier_{name}"))
        for column in (
            "complaint",
            "rating_comment",
            "rating",
            "returned_to",
            "returned_at",
            "open_days",
            "finished_at",
            "outcome",
            "result_at",
            "was_paused",
            "paused_at",
            "holder_id",
            "promised_at",
            "due_at",
        ):
            batch_op.drop_column(column)
