"""Alembic environment: runs on the connection the app hands over (batch mode for SQLite)."""

from __future__ import annotations

from alembic import context

from unionperf.store import params_rows, review_rows  # noqa: F401 - their tables join Base
from unionperf.store.rows import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("UnionPerf migrations run through unionperf.store.migrate.upgrade()")
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
