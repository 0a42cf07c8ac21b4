"""the supplement rule per legal regime (restart, Decree 61/2018 art. 19(4), or pause),
and the rule each resumed dossier was counted by

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "supplement_rule_2018",
                sa.String(length=8),
                server_default="restart",
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column(
                "supplement_rule_2025",
                sa.String(length=8),
                server_default="restart",
                nullable=False,
            )
        )
    # "" on the events of before: they were counted by the pause, the only rule then
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rule", sa.String(length=8), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("dossier_event", schema=None) as batch_op:
        batch_op.drop_column("rule")
    with op.batch_alter_table("unit_profile", schema=None) as batch_op:
        batch_op.drop_column("supplement_rule_2025")
        batch_op.drop_column("supplement_rule_2018")
