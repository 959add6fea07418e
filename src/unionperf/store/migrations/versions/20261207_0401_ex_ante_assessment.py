"""ex_ante_assessment: the ex-ante assessment of a new major project (事前绩效评估)

Revision ID: 20261207_0401
Revises: 20261207_0301
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261207_0401"
down_revision = "20261207_0301"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table: existing workspaces have no assessment yet, and their settings read the
    # threshold as 0 (none asked for), so no year gains a problem by the upgrade.
    op.create_table(
        "ex_ante_assessment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("project_uid", sa.String(length=64), nullable=False),
        sa.Column("necessity", sa.Text(), nullable=False),
        sa.Column("feasibility", sa.Text(), nullable=False),
        sa.Column("expected_performance", sa.Text(), nullable=False),
        sa.Column("funding_soundness", sa.Text(), nullable=False),
        sa.Column("risks", sa.Text(), nullable=False),
        sa.Column("conclusion", sa.String(length=20), nullable=True),
        sa.Column("assessor", sa.String(length=200), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["year"],
            ["fiscal_year.year"],
            name=op.f("fk_ex_ante_assessment_year_fiscal_year"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ex_ante_assessment")),
        sa.UniqueConstraint("year", "project_uid", name=op.f("uq_ex_ante_assessment_year")),
    )


def downgrade() -> None:
    op.drop_table("ex_ante_assessment")
