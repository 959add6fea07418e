"""The upper level's review and parameter packages: decision notes, re-scores, parameters

Revision ID: 20261207_0201
Revises: 20261128_0005
Create Date: 2026-12-07

- ``feedback_note``: the summary and (compressed) opinions of each feedback package written,
  for the history of decisions; feedback written before has none.
- ``upper_score``: every re-score of an indicator of a received self-evaluation, with the unit's
  score, the upper level's score and the reason; ``upper_total``: each touched owner's total
  with the upper level's scores, beside the unit's own.
- ``params_sent`` (upper level) and ``params_received`` (unit): the parameter packages written
  and applied.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "20261207_0201"
down_revision = "20261128_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feedback_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=18), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("opinion_count", sa.Integer(), nullable=False),
        sa.Column("opinions_blob", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_note")),
        sa.UniqueConstraint(
            "unit_code", "year", "stage", "sequence", name=op.f("uq_feedback_note_unit_code")
        ),
    )
    op.create_table(
        "upper_score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=18), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("owner_uid", sa.String(length=64), nullable=False),
        sa.Column("indicator_uid", sa.String(length=64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("unit_score", sa.String(length=40), nullable=True),
        sa.Column("upper_score", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_upper_score")),
    )
    with op.batch_alter_table("upper_score", schema=None) as batch_op:
        batch_op.create_index("ix_upper_score_unit_year", ["unit_code", "year"], unique=False)
    op.create_table(
        "upper_total",
        sa.Column("unit_code", sa.String(length=18), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("owner_uid", sa.String(length=64), nullable=False),
        sa.Column("package_sha256", sa.String(length=64), nullable=False),
        sa.Column("unit_total", sa.String(length=40), nullable=False),
        sa.Column("upper_total", sa.String(length=40), nullable=False),
        sa.Column("upper_grade", sa.String(length=4), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("unit_code", "year", "owner_uid", name=op.f("pk_upper_total")),
    )
    op.create_table(
        "params_sent",
        sa.Column("sequence", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("package_id", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_params_sent")),
    )
    op.create_table(
        "params_received",
        sa.Column("sequence", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("package_id", sa.String(length=32), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("sender", sa.String(length=200), nullable=False),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.Column("library_blob", sa.LargeBinary(), nullable=True),
        sa.Column("settings_json", sa.Text(), nullable=True),
        sa.Column("deadlines_json", sa.Text(), nullable=False),
        sa.Column("applied_years", sa.String(length=200), nullable=False),
        sa.Column("skipped_years", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_params_received")),
        sa.UniqueConstraint("sha256", name=op.f("uq_params_received_sha256")),
    )


def downgrade() -> None:
    op.drop_table("params_received")
    op.drop_table("params_sent")
    op.drop_table("upper_total")
    with op.batch_alter_table("upper_score", schema=None) as batch_op:
        batch_op.drop_index("ix_upper_score_unit_year")
    op.drop_table("upper_score")
    op.drop_table("feedback_note")
