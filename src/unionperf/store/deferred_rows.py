"""Rows a transaction writes later: a whole receive batch's rows in one ``executemany`` a table.

A receive batch stores many packages in one transaction, a savepoint each. Nothing the batch
asks before it ends reads a package's budget lines, its scores or its audit entry, so these are
kept in memory (:mod:`.tx_memory`: a rolled-back savepoint forgets them with its package) and
inserted together, in the order they were given:

- when the session commits (``before_commit``): a committed transaction holds every row;
- before any other statement the session runs that is not an INSERT, or an UPDATE of a table
  no row is waiting for (``do_orm_execute``): every read in the transaction sees them;
- when the caller asks (:func:`flush`: the next receive batch starts, bounding the memory).

Rows written inside a savepoint that is then rolled back are waiting again afterwards (the
memory of having written them is undone with the savepoint) and are written later. Reads that
bypass the session (``session.connection()``) must call :func:`flush` first; nothing here does
so in a transaction that writes received packages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Insert, Table, event, insert
from sqlalchemy.orm import ORMExecuteState, Session

from unionperf.store import tx_memory

_ROWS = ("deferred", "rows")
_FINISHERS: list[Callable[[Session], None]] = []
_INSERTS: dict[str, Insert] = {}


def later(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` before the transaction next reads or commits."""
    if not rows:
        return
    waiting = tx_memory.recall(session, _ROWS) or ()
    tx_memory.remember(session, _ROWS, (*waiting, (table, tuple(rows))))


def waiting(session: Session) -> bool:
    """Whether rows wait to be inserted in this transaction."""
    return bool(tx_memory.recall(session, _ROWS))


def on_flush(finish: Callable[[Session], None]) -> None:
    """Also run ``finish(session)`` after the waiting rows are written (e.g. the audit head)."""
    _FINISHERS.append(finish)


def flush(session: Session) -> None:
    """Insert every waiting row now: one ``executemany`` a table, in the order they came."""
    rows = tx_memory.recall(session, _ROWS)
    if rows:
        tx_memory.remember(session, _ROWS, None)  # before writing: the writes run the hook
        grouped: dict[str, tuple[Table, list[Mapping[str, Any]]]] = {}
        for table, values in rows:
            grouped.setdefault(table.name, (table, []))[1].extend(values)
        connection = session.connection()
        for table, values in grouped.values():
            connection.execute(_insert(table), values)
    for finish in _FINISHERS:
        finish(session)


def _insert(table: Table) -> Insert:
    statement = _INSERTS.get(table.name)
    if statement is None:
        statement = _INSERTS[table.name] = insert(table)
    return statement


def _waiting_tables(session: Session) -> set[str]:
    return {table.name for table, _ in tx_memory.recall(session, _ROWS) or ()}


@event.listens_for(Session, "do_orm_execute")
def _before_statement(state: ORMExecuteState) -> None:
    session = state.session
    if not waiting(session) or state.is_insert:
        return
    if state.is_update:
        target = getattr(state.statement, "table", None)
        if getattr(target, "name", None) not in _waiting_tables(session):
            return
    flush(session)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if waiting(session) and not session.in_nested_transaction():  # a savepoint ends: not yet
        flush(session)
