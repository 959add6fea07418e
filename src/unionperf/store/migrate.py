"""Schema migrations: Alembic, applied by the app when a workspace opens.

Opening a workspace that is already current needs no Alembic at all: the revision is read with
one query and compared with :data:`HEAD_REVISION` (a test keeps it equal to the newest script).
Alembic, slow to import, is loaded only when a migration has to run.
"""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

HEAD_REVISION = "20261128_0004"
"""The newest schema revision this version of the app knows (the last migration script)."""
KNOWN_REVISIONS = frozenset({"20261126_0001", "20261126_0002", "20261126_0003", HEAD_REVISION})
"""Every revision of the migration scripts (a test compares with Alembic's own list)."""


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migration scripts."""
    from alembic.config import Config  # noqa: PLC0415 - slow import, only when migrating

    config = Config()
    config.set_main_option("script_location", str(files("unionperf.store") / "migrations"))
    return config


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    return HEAD_REVISION


def script_revisions() -> tuple[str | None, frozenset[str]]:
    """(head, every revision) as Alembic reads them from the migration scripts."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - slow import, rarely needed

    script = ScriptDirectory.from_config(alembic_config())
    return script.get_current_head(), frozenset(item.revision for item in script.walk_revisions())


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or ``None`` for an empty file."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_known_revision(revision: str) -> bool:
    """Whether ``revision`` is one of this app's migrations (else the file is from a newer app)."""
    return revision in KNOWN_REVISIONS


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema, in one transaction."""
    from alembic import command  # noqa: PLC0415 - slow import, only when migrating

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
