"""The local store: SQLite through SQLAlchemy 2.x, Alembic migrations, backups and the audit log."""
