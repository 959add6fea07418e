"""project.uid unique within a year: a continuing project keeps its uid in the next year

Revision ID: 20261126_0004
Revises: 20261126_0003
Create Date: 2026-11-26

SQLite cannot drop a table constraint: batch mode rebuilds the table. ``migrate.upgrade`` runs
every migration with foreign keys off (else dropping the old table would cascade into its
funding lines, indicators, monitoring entries and evaluations) and checks them before committing.
"""

from __future__ import annotations

from alembic import op

revision = "20261126_0004"
down_revision = "20261126_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_constraint("uq_project_uid", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_project_year"), ["year", "uid"])


def downgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_constraint("uq_project_year", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_project_uid"), ["uid"])
