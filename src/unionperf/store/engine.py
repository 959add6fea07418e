"""Engines and sessions for a workspace database: WAL, foreign keys, full sync."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from unionperf.store.storage_faults import StorageKind, storage_kind

BUSY_TIMEOUT_MS = 5000
"""How long a connection waits for another program's write to end before "database is locked"."""


class StoreError(RuntimeError):
    """The database refused a write; nothing of the transaction was saved (message in Chinese).

    ``kind`` says why: a full disk, a read-only folder, a database another program holds, or
    something else (:class:`~unionperf.store.storage_faults.StorageKind`).
    """

    def __init__(
        self, message: str, kind: StorageKind = StorageKind.OTHER, *, race: bool = False
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.race = race
        """Lost to a concurrent writer (deadlock, serialization failure, duplicate key): the
        same transaction may succeed if run again."""


RACE_STATES = frozenset({"40001", "40P01", "23505"})
"""SQLSTATEs of a transaction that lost to another one: serialization failure, deadlock,
unique violation (PostgreSQL)."""


def _lost_race(error: SQLAlchemyError) -> bool:
    state = getattr(getattr(error, "orig", None), "sqlstate", None)
    return state in RACE_STATES


def storage_message(error: OperationalError) -> str:
    """A Chinese sentence for a failed database write."""
    return _write_message(storage_kind(error), error)


def _write_message(kind: StorageKind, error: OperationalError) -> str:
    match kind:
        case StorageKind.DISK_FULL:
            reason = "磁盘空间不足"
        case StorageKind.LOCKED:
            reason = "数据库正被另一个程序使用"
        case StorageKind.READ_ONLY:
            reason = "工作区文件夹是只读的（或没有写入权限）"
        case StorageKind.OTHER:
            reason = f"数据库写入失败（{error.orig or error}）"
    return f"{reason}，本次修改未保存，之前保存的数据不受影响"


def sqlite_engine(path: Path) -> Engine:
    """An engine on the SQLite file at ``path`` with the pragmas every connection needs.

    Transactions begin with an explicit ``BEGIN`` (SQLAlchemy's documented recipe for pysqlite,
    "Serializable isolation / Savepoints / Transactional DDL"): the driver's own handling starts
    no transaction before a SELECT or a SAVEPOINT, so without it every savepoint of a receive
    batch committed on its own.
    """
    engine = create_engine(f"sqlite+pysqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def database_engine(url: str) -> Engine:
    """An engine on a workspace database named by URL: a SQLite file or a PostgreSQL database.

    PostgreSQL runs at READ COMMITTED: the writes that must not race (the replay ratchet, the
    audit chain's head) take row locks (``SELECT … FOR UPDATE``); connections are checked
    before use so a restarted server costs no failed command.
    """
    if url.startswith("sqlite"):
        return sqlite_engine(Path(url.split(":///", 1)[1]))
    return create_engine(url, future=True, pool_pre_ping=True, isolation_level="READ COMMITTED")


def _on_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # the driver begins nothing; _on_begin does
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed edit survives a power cut, not just a killed process (product.md §7).
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
    cursor.close()


class SessionFactory:
    """Sessions on one engine: all of a ``transaction()`` block commits, or none of it.

    Only the store sees sessions; services get a :class:`~unionperf.store.unit_of_work.UnitOfWork`.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in a transaction; committed on success, rolled back on any exception.

        Raises:
            StoreError: the database could not be written (disk full, locked, read-only).
        """
        try:
            with self._factory() as session, session.begin():
                yield session
        except OperationalError as error:
            kind = storage_kind(error)
            raise StoreError(_write_message(kind, error), kind, race=_lost_race(error)) from error
        except SQLAlchemyError as error:
            raise StoreError(
                f"数据库拒绝了本次修改（{error}），本次修改未保存", race=_lost_race(error)
            ) from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; its transaction ends without a commit when the block ends."""
        with self._factory() as session:
            yield session
