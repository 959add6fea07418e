"""Multi-year projects: a project's 清理退出 flag, and what the upper level keeps of it

Revision ID: 20261207_0501
Revises: 20261207_0401
Create Date: 2026-12-07

``project.clear_out`` / ``clear_out_reason``: the unit proposes to end a poorly performing
project (seed §二.3). ``received_score`` keeps, per project of a received package, the flag with
its reason, the period's years, its 中期资金总额 and the cumulative budget and execution over the
years the package reports, so 汇总 lists multi-year projects without decoding packages. Rows kept
before this revision start without them (not multi-year, not flagged).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261207_0501"
down_revision = "20261207_0401"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clear_out", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("clear_out_reason", sa.Text(), nullable=False, server_default="")
        )
    with op.batch_alter_table("received_score", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clear_out", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("clear_out_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("start_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("end_year", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("midterm_budget_fen", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("cumulative_budget_fen", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cumulative_executed_fen", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("received_score", schema=None) as batch_op:
        for column in (
            "cumulative_executed_fen",
            "cumulative_budget_fen",
            "midterm_budget_fen",
            "end_year",
            "start_year",
            "clear_out_reason",
            "clear_out",
        ):
            batch_op.drop_column(column)
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("clear_out_reason")
        batch_op.drop_column("clear_out")
