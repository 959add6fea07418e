"""The append-only, hash-chained audit log: who changed what and when, old → new.

Each entry's hash covers its content and the previous entry's hash; the newest hash and sequence
are also kept in ``workspace_meta``. Editing, deleting or inserting a row breaks the chain, and
:func:`verify_chain` says where.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, text, update
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from unionperf.store import deferred_rows, tx_memory
from unionperf.store.rows import AuditRow, Base, MetaRow

GENESIS = "0" * 64
_HEAD = "audit_head"
_MEMO_KEY = ("audit", "head")
_UNWRITTEN_KEY = ("audit", "head unwritten")
_AUDIT_TABLE = Base.metadata.tables[AuditRow.__tablename__]
_META_TABLE = Base.metadata.tables[MetaRow.__tablename__]


@dataclass(frozen=True, slots=True)
class ChainBreak:
    """Where the audit chain does not hold, with a Chinese description."""

    seq: int
    message: str


_ACTOR: ContextVar[str | None] = ContextVar("unionperf_audit_actor", default=None)


@contextmanager
def acting_as(actor: str) -> Iterator[None]:
    """Record ``actor`` instead of the operating-system user while the block runs.

    The support copy is written this way, so that it does not carry the user's login name.
    """
    token = _ACTOR.set(actor)
    try:
        yield
    finally:
        _ACTOR.reset(token)


def current_actor() -> str:
    """The operating-system user, the best "who" a single-user desktop app knows."""
    chosen = _ACTOR.get()
    if chosen is not None:
        return chosen
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


def now() -> str:
    """The current UTC time in ISO format."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def record(
    session: Session,
    action: str,
    entity: str,
    entity_uid: str,
    changes: dict[str, Any],
    *,
    year: int | None = None,
    actor: str | None = None,
    later: bool = False,
) -> None:
    """Append one entry (in the caller's transaction).

    The head row is read ``FOR UPDATE`` (PostgreSQL; SQLite renders nothing and has one writer)
    by the transaction's first entry: concurrent writers append one after another, each chained
    to the entry the previous one committed, and hold the head from their first entry to their
    commit. Holding it, the transaction keeps the head in memory (:mod:`.tx_memory`, undone with
    a rolled-back savepoint) and writes each later entry with two statements, no read.

    ``later``: a later entry is not written at once but with the transaction's other waiting
    rows (:mod:`.deferred_rows`: before it reads again or commits), and the head row once then;
    the entry, its place in the chain and its hash are the same.
    """
    head = tx_memory.recall(session, _MEMO_KEY)
    exists = True
    if head is None:
        later = False  # the first entry reads and holds the head row
        value = session.scalar(select(MetaRow.value).where(MetaRow.key == _HEAD).with_for_update())
        exists = value is not None
        head = (0, GENESIS) if value is None else _parse_head(value)
    seq, prev = head
    values: dict[str, Any] = {
        "seq": seq + 1,
        "at": datetime.now(UTC).isoformat(timespec="microseconds"),
        "actor": actor or current_actor(),
        "action": action,
        "entity": entity,
        "entity_uid": entity_uid,
        "year": year,
        "changes_json": json.dumps(changes, ensure_ascii=False, sort_keys=True, default=str),
        "prev_hash": prev,
    }
    values["hash"] = _content_hash(values)
    tx_memory.remember(session, _MEMO_KEY, (values["seq"], values["hash"]))
    if later:
        tx_memory.remember(session, _UNWRITTEN_KEY, True)
        deferred_rows.later(session, _AUDIT_TABLE, [values])
        return
    session.execute(insert(_AUDIT_TABLE), values)
    head_value = f"{values['seq']}:{values['hash']}"
    if exists:
        _write_head(session, head_value)
    else:
        session.execute(insert(_META_TABLE), {"key": _HEAD, "value": head_value})
    tx_memory.remember(session, _UNWRITTEN_KEY, None)


def _write_head(session: Session, head_value: str) -> None:
    # an ORM update: a head row loaded in this session is kept in step
    session.execute(update(MetaRow).where(MetaRow.key == _HEAD).values(value=head_value))


def _write_waiting_head(session: Session) -> None:
    """The head of entries written ``later``, once, after them (:mod:`.deferred_rows`)."""
    if not tx_memory.recall(session, _UNWRITTEN_KEY):
        return
    seq, digest = tx_memory.recall(session, _MEMO_KEY)
    tx_memory.remember(session, _UNWRITTEN_KEY, None)
    _write_head(session, f"{seq}:{digest}")


deferred_rows.on_flush(_write_waiting_head)


def ensure_head(connection: Connection) -> None:
    """Write the chain's head row when there is none (the chain then starts at the genesis).

    On PostgreSQL the head row must exist before writers lock it: two first entries would
    otherwise both insert it.
    """
    connection.execute(
        text(
            "INSERT INTO workspace_meta (key, value) VALUES (:key, :value)"
            " ON CONFLICT (key) DO NOTHING"
        ),
        {"key": _HEAD, "value": f"0:{GENESIS}"},
    )


def entry_hash(row: AuditRow) -> str:
    """SHA-256 over the entry's content and its predecessor's hash."""
    return _content_hash({name: getattr(row, name) for name in _HASHED})


_HASHED = (
    "seq",
    "at",
    "actor",
    "action",
    "entity",
    "entity_uid",
    "year",
    "changes_json",
    "prev_hash",
)


def _content_hash(values: dict[str, Any]) -> str:
    content = json.dumps([values[name] for name in _HASHED], ensure_ascii=False)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def verify_chain(session: Session) -> list[ChainBreak]:
    """Every place where the log was edited, deleted from or inserted into.

    A log table that is missing or whose columns were changed is one break (seq 0), never an
    error: the check reports it as a finding.
    """
    deferred_rows.flush(session)  # entries written ``later`` are part of the chain
    try:
        with session.begin_nested():
            return _chain_breaks(session)
    except (OperationalError, DatabaseError) as error:
        reason = str(error.orig or error).splitlines()[0]
        return [ChainBreak(0, f"审计日志表缺失或结构被改动（{reason}），无法核对修改记录")]


def _chain_breaks(session: Session) -> list[ChainBreak]:
    breaks: list[ChainBreak] = []
    expected_seq, prev = 1, GENESIS
    for row in session.scalars(select(AuditRow).order_by(AuditRow.seq)):
        if row.seq != expected_seq:
            breaks.append(
                ChainBreak(
                    row.seq, f"审计日志缺少第{expected_seq}至{row.seq - 1}条记录（已被删除）"
                )
            )
        if row.prev_hash != prev:
            breaks.append(
                ChainBreak(
                    row.seq, f"审计日志第{row.seq}条与前一条记录不衔接（前序记录被改动或删除）"
                )
            )
        if entry_hash(row) != row.hash:
            breaks.append(ChainBreak(row.seq, f"审计日志第{row.seq}条内容已被改动（哈希不符）"))
        expected_seq, prev = row.seq + 1, row.hash
    head = session.get(MetaRow, _HEAD)
    if head is not None:
        try:
            head_seq, head_hash = _parse_head(head.value)
        except ValueError:
            breaks.append(ChainBreak(0, "审计日志的链头记录已损坏，无法核对末尾记录是否完整"))
            return breaks
        if (head_seq, head_hash) != (expected_seq - 1, prev):
            breaks.append(
                ChainBreak(
                    head_seq, f"审计日志末尾记录不完整：应有{head_seq}条，现有{expected_seq - 1}条"
                )
            )
    elif expected_seq > 1:
        breaks.append(ChainBreak(0, "审计日志的链头记录缺失"))
    return breaks


def entries(session: Session, *, limit: int = 200) -> list[AuditRow]:
    """The newest entries, newest first."""
    return list(session.scalars(select(AuditRow).order_by(AuditRow.seq.desc()).limit(limit)))


def _parse_head(value: str) -> tuple[int, str]:
    seq_text, _, digest = value.partition(":")
    return int(seq_text), digest


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the audit log as the services see it (``changes``: ``{field: [old, new]}``)."""

    seq: int
    at: str
    actor: str
    action: str
    entity: str
    entity_uid: str
    year: int | None
    changes: dict[str, Any]


class AuditLog:
    """The audit log inside a unit of work's transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def record(
        self,
        action: str,
        entity: str,
        entity_uid: str,
        changes: dict[str, Any],
        *,
        year: int | None = None,
    ) -> None:
        """Append one entry, chained to the newest."""
        record(self._session, action, entity, entity_uid, changes, year=year)

    def breaks(self) -> list[ChainBreak]:
        """Where the hash chain does not hold (empty when intact)."""
        return verify_chain(self._session)

    def newest(self, limit: int = 200) -> list[AuditEntry]:
        """The newest entries, newest first."""
        return [
            AuditEntry(
                row.seq,
                row.at,
                row.actor,
                row.action,
                row.entity,
                row.entity_uid,
                row.year,
                json.loads(row.changes_json),
            )
            for row in entries(self._session, limit=limit)
        ]
