"""What a workspace database holds, read without opening it as a workspace.

The identity of a workspace is the ``workspace_id`` in ``workspace_meta`` (a random id written
when the workspace is created or first opened by this version) and the unit's 统一社会信用代码.
A backup's contents — schema revision, identity, years and projects per year — are read here
with plain SQL on a read-only connection, for the restore window and ``unionperf backups``.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text

__all__ = [
    "WORKSPACE_ID",
    "BackupContents",
    "ContentsError",
    "Identity",
    "ensure_workspace_id",
    "read_contents",
    "read_contents_of",
    "read_only_uri",
]

WORKSPACE_ID = "workspace_id"
"""Key of the workspace's identity in ``workspace_meta``."""
REQUIRED_TABLES = frozenset(
    {"alembic_version", "workspace_meta", "unit", "fiscal_year", "project", "audit_log"}
)
"""Tables every UnionPerf workspace database has, from the first schema on."""


class ContentsError(ValueError):
    """The file is no UnionPerf workspace database (the message says why, in Chinese)."""


@dataclass(frozen=True, slots=True)
class Identity:
    """Whose workspace a database is: its id (``None`` before ids existed) and its unit."""

    workspace_id: str | None
    unit_name: str
    credit_code: str


@dataclass(frozen=True, slots=True)
class BackupContents:
    """A workspace database's schema revision, identity, and projects per year."""

    revision: str | None
    identity: Identity
    projects: tuple[tuple[int, int], ...]
    """``(year, number of projects)`` for every year held, oldest first."""

    @property
    def years(self) -> tuple[int, ...]:
        """The years held, oldest first."""
        return tuple(year for year, _count in self.projects)


def ensure_workspace_id(engine: Engine) -> str:
    """The workspace's id, written first when it has none (a new or an older workspace)."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspace_meta (key, value) VALUES (:key, :value)"
                " ON CONFLICT (key) DO NOTHING"
            ),
            {"key": WORKSPACE_ID, "value": uuid.uuid4().hex},
        )
        value = connection.execute(
            text("SELECT value FROM workspace_meta WHERE key = :key"), {"key": WORKSPACE_ID}
        ).scalar_one()
    return str(value)


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A SQLite URI opening ``path`` read-only (``immutable``: no locks, no side files)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def read_contents_of(path: Path) -> BackupContents:
    """The contents of the (backup) database file at ``path``, which nobody writes any more.

    Raises:
        ContentsError: it is no UnionPerf workspace database, or it cannot be read.
    """
    try:
        connection = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
    except sqlite3.Error as error:
        raise ContentsError(f"无法读取（{error}）") from error
    try:
        return read_contents(connection)
    finally:
        connection.close()


def read_contents(connection: sqlite3.Connection) -> BackupContents:
    """The contents of the database on ``connection``.

    Raises:
        ContentsError: it is no UnionPerf workspace database, or it cannot be read.
    """
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if not tables >= REQUIRED_TABLES:
            raise ContentsError("不是 UnionPerf 工作区数据库（缺少工作区的数据表）")
        versions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
        identity = _identity(connection)
        counts = dict(
            connection.execute("SELECT year, COUNT(*) FROM project GROUP BY year").fetchall()
        )
        years = [row[0] for row in connection.execute("SELECT year FROM fiscal_year")]
    except sqlite3.Error as error:
        raise ContentsError(f"无法读取（{error}）") from error
    return BackupContents(
        str(versions[0]) if len(versions) == 1 else None,
        identity,
        tuple((int(year), int(counts.get(year, 0))) for year in sorted(years)),
    )


def _identity(connection: sqlite3.Connection) -> Identity:
    found = connection.execute(
        "SELECT value FROM workspace_meta WHERE key = ?", (WORKSPACE_ID,)
    ).fetchone()
    unit = connection.execute("SELECT name, credit_code FROM unit ORDER BY id LIMIT 1").fetchone()
    name, code = (str(unit[0] or ""), str(unit[1] or "")) if unit else ("", "")
    return Identity(str(found[0]) if found else None, name.strip(), code.strip().upper())
