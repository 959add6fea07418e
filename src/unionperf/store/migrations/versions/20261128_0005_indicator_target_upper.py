"""indicator.target_upper: the upper bound of an interval target (区间)

Revision ID: 20261128_0005
Revises: 20261126_0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import unionperf.store.types

revision = "20261128_0005"
down_revision = "20261126_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing indicators have no interval target: the new column starts empty (NULL).
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "target_upper",
                unionperf.store.types.DecimalText(length=40),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_column("target_upper")
