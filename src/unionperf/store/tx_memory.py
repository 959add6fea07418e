"""What a transaction already knows, kept in memory and undone with its savepoints.

A receive batch writes hundreds of packages in one transaction; asking the database again for
what the transaction itself just wrote or read under a lock (the audit chain's head, whether a
package is stored, a stage's current package) costs a statement each time. The answers are kept
in the session's ``info`` for the transaction's life (a session is one transaction here), and a
savepoint rolled back (:meth:`UnitOfWork.savepoint`) forgets what was remembered inside it, as
the database forgets the rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

_MEMO = "unionperf_memo"
_UNDO = "unionperf_undo"
_DEPTH = "unionperf_savepoints"
_MISSING = object()


def recall(session: Session, key: tuple[Any, ...]) -> Any:
    """What was remembered under ``key`` in this transaction (``None``: nothing)."""
    memo = session.info.get(_MEMO)
    return None if memo is None else memo.get(key)


def remember(session: Session, key: tuple[Any, ...], value: Any) -> None:
    """Keep ``value`` under ``key`` (``None``: forget it) for the transaction or savepoint."""
    memo = session.info.setdefault(_MEMO, {})
    if session.info.get(_DEPTH):  # only an open savepoint can undo it
        session.info.setdefault(_UNDO, []).append((key, memo.get(key, _MISSING)))
    if value is None:
        memo.pop(key, None)
    else:
        memo[key] = value


def mark(session: Session) -> int:
    """A savepoint begins: the point to return to with :func:`undo_to`, or :func:`release`."""
    session.info[_DEPTH] = session.info.get(_DEPTH, 0) + 1
    return len(session.info.get(_UNDO, ()))


def release(session: Session, point: int) -> None:
    """The savepoint begun at ``point`` was kept: its memories stay (an outer one may undo them).

    With no savepoint left open nothing can undo them any more, and the undo log is dropped.
    """
    del point
    session.info[_DEPTH] -= 1
    if not session.info[_DEPTH]:
        session.info.get(_UNDO, []).clear()


def undo_to(session: Session, point: int) -> None:
    """The savepoint begun at ``point`` was rolled back: forget what was remembered since."""
    session.info[_DEPTH] -= 1
    memo = session.info.get(_MEMO, {})
    undo = session.info.get(_UNDO, [])
    while len(undo) > point:
        key, old = undo.pop()
        if old is _MISSING:
            memo.pop(key, None)
        else:
            memo[key] = old


def forget(session: Session, kinds: frozenset[str]) -> None:
    """Forget every memory whose key starts with one of ``kinds`` (between savepoints only).

    A long transaction that moves on to other rows (the next batch of a receive) drops what it
    will not be asked again, so that its memory does not grow with every row it wrote.
    """
    if session.info.get(_DEPTH):
        raise RuntimeError("forget() inside a savepoint")
    memo = session.info.get(_MEMO)
    if memo:
        for key in [key for key in memo if key[0] in kinds]:
            del memo[key]
