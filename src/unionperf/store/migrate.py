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

HEAD_REVISION = "20261207_0501"
"""The newest schema revision this version of the app knows (the last migration script)."""
KNOWN_REVISIONS = frozenset(
    {
        "20261126_0001",
        "20261126_0002",
        "20261126_0003",
        "20261126_0004",
        "20261128_0005",
        "20261207_0201",
        "20261207_0101",
        "20261207_0301",
        "20261207_0401",
        HEAD_REVISION,
    }
)
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
    """Bring the database to the newest schema, in one transaction.

    Foreign keys are off while the scripts run (SQLite's own recipe for changing a table): a
    table rebuilt in batch mode is dropped and made again, and with foreign keys on, dropping it
    would delete the rows of every table that refers to it. The pragma does nothing inside a
    transaction, so it is set before ``BEGIN``; every reference is checked before the commit.

    Raises:
        MigrationError: a reference points nowhere after the scripts ran (nothing is saved).
    """
    from alembic import command  # noqa: PLC0415 - slow import, only when migrating

    config = alembic_config()
    if engine.dialect.name == "postgresql":
        _upgrade_postgresql(engine, config)
        return
    with engine.connect() as connection:
        driver = connection.connection.driver_connection  # no transaction is open on it yet
        assert driver is not None
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():  # the engine's explicit BEGIN: the DDL is transactional too
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise MigrationError(
                        f"升级后有{len(broken)}处数据引用失效（{broken[0][0]}），已撤销升级"
                    )
        finally:
            driver.execute("PRAGMA foreign_keys = ON")


MIGRATION_LOCK = 0x756E696F6E706572  # "unionper"
"""The advisory lock key that lets one program at a time migrate a PostgreSQL database."""


def _upgrade_postgresql(engine: Engine, config: Config) -> None:
    """PostgreSQL: DDL is transactional and foreign keys stay on; one migrator at a time.

    Programs opening the same database at once wait for each other on an advisory lock held for
    the transaction; the second finds the schema current and runs nothing.
    """
    from alembic import command  # noqa: PLC0415 - slow import, only when migrating

    with engine.connect() as connection, connection.begin():
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class MigrationError(RuntimeError):
    """A migration left the database inconsistent and was rolled back (message in Chinese)."""
