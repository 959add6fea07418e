"""revenue_arrival: revenue of each category arrived by a monitoring point (收入到位)

Revision ID: 20261207_0301
Revises: 20261207_0101
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261207_0301"
down_revision = "20261207_0101"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table: existing workspaces simply have no arrival recorded yet.
    op.create_table(
        "revenue_arrival",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("point_id", sa.Integer(), nullable=False),
        sa.Column("category_code", sa.String(length=20), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["point_id"],
            ["monitoring_point.id"],
            name=op.f("fk_revenue_arrival_point_id_monitoring_point"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_revenue_arrival")),
        sa.UniqueConstraint("point_id", "category_code", name=op.f("uq_revenue_arrival_point_id")),
    )


def downgrade() -> None:
    op.drop_table("revenue_arrival")
