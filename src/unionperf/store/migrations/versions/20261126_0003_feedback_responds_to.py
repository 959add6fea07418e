"""feedback_sent.responds_to: the received package each feedback answers

Revision ID: 20261126_0003
Revises: 20261126_0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261126_0003"
down_revision = "20261126_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("feedback_sent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responds_to", sa.String(length=64), nullable=True))
    # feedback written before: it answered the newest package of its stage received by then
    op.execute(
        """
        UPDATE feedback_sent SET responds_to = (
            SELECT received_package.sha256 FROM received_package
            WHERE received_package.unit_code = feedback_sent.unit_code
              AND received_package.year = feedback_sent.year
              AND received_package.stage = feedback_sent.stage
              AND received_package.received_at <= feedback_sent.created_at
            ORDER BY received_package.sequence DESC LIMIT 1
        )
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("feedback_sent", schema=None) as batch_op:
        batch_op.drop_column("responds_to")
