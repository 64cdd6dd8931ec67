"""The audit trail's mechanics: entries written with every change, chained by hashes.

Every session from ``Database.sessions`` is an ``AuditedSession``. During each
flush, mapper events note every row inserted, updated (which columns) or
deleted, for every model; after the flush one listener appends those as audit
entries on the same connection, so an entry commits or rolls back with the
change it records, and no service has to remember it. Bulk statements that
bypass the flush (erasure, retention, demo data) write their own entries.

The chain itself (hashing, appending, checking) is in ``audit_chain.py``, which
needs no ORM. The chain: each entry's hash is SHA-256 over the previous entry's hash and the
entry's own fields in a fixed form (``entry_hash``). Appending first updates the
one-row ``audit_chain_head`` (which takes SQLite's write lock, or the row lock on
PostgreSQL) and only then reads the last hash, so two writers can never both
chain onto the same entry. The head also counts the entries, which shows when
entries have been cut off the end.

What this protects against: entries edited, removed or reordered after the fact,
by anyone who does not also rewrite every later hash and the head. It is
tamper-evident, not tamper-proof: there is no secret in the hash.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, event, inspect
from sqlalchemy.orm import Session, UOWTransaction, object_session

# The Core side of the chain lives in audit_chain (no ORM there); offered here too.
from wellbeing_desktop.storage.audit_chain import (  # noqa: F401
    ACTIONS,
    ACTOR_KEY,
    ACTOR_MAX,
    DETAIL_MAX,
    ENTRIES_SQL,
    GENESIS_HASH,
    HEAD_SQL,
    ChainCheck,
    Change,
    append,
    canonical_time,
    check_chain,
    clean_actor,
    entry_hash,
    lock_chain,
    os_user,
    verify_rows,
)
from wellbeing_desktop.storage.models import AuditChainHead, AuditEntry, Base

_NOT_AUDITED = frozenset({AuditEntry.__tablename__, AuditChainHead.__tablename__})
# Kept by the database itself; a change to them is not a change anyone made.
_HOUSEKEEPING_COLUMNS = frozenset({"created_at", "updated_at"})


def actor_of(session: Session) -> str:
    configured = session.info.get(ACTOR_KEY)
    return clean_actor(configured) if configured else os_user()


def _record_id(mapper: Any, instance: object) -> str:
    return ":".join(str(part) for part in mapper.primary_key_from_instance(instance))


class AuditedSession(Session):
    """A session whose every flush appends its audit entries in the same transaction."""


# What the flush under way has done, by (record type, record id); collected row by row
# by the mapper events below (which, unlike the session's new/dirty/deleted lists, also
# see rows deleted as orphans when a list of children is replaced) and appended to the
# chain once, after the flush.
_PENDING = "audit_pending"


def _pending(
    target: object, mapper: Any
) -> tuple[dict[tuple[str, str], Change], tuple[str, str]] | None:
    session = object_session(target)
    table = mapper.local_table.name
    if not isinstance(session, AuditedSession) or table in _NOT_AUDITED:
        return None
    return session.info.setdefault(_PENDING, {}), (table, _record_id(mapper, target))


_LOCKED_IN = "audit_locked_in"


@event.listens_for(AuditedSession, "before_flush")
def _flush_begins(session: Session, _context: UOWTransaction, _instances: object) -> None:
    session.info[_PENDING] = {}  # nothing left over from a flush that failed
    # On PostgreSQL, writers take the chain's row lock before any row of their own, so
    # every writer locks in the same order and two can never deadlock (one waiting for a
    # record the other changed, the other for the chain). SQLite has one writer anyway.
    transaction = session.get_transaction()
    if (
        session.get_bind().dialect.name == "postgresql"
        and session.info.get(_LOCKED_IN) is not transaction
    ):
        lock_chain(session.connection())
        session.info[_LOCKED_IN] = transaction


@event.listens_for(Base, "after_insert", propagate=True)
def _inserted(mapper: Any, _connection: Connection, target: object) -> None:
    found = _pending(target, mapper)
    if found is not None:
        pending, key = found
        pending[key] = Change("created", *key)


@event.listens_for(Base, "after_update", propagate=True)
def _updated(mapper: Any, _connection: Connection, target: object) -> None:
    found = _pending(target, mapper)
    if found is None:
        return
    pending, key = found
    state = inspect(target)
    fields = sorted(
        attribute.key
        for attribute in mapper.column_attrs
        if attribute.key not in _HOUSEKEEPING_COLUMNS
        and state.attrs[attribute.key].history.has_changes()
    )
    # No column changed when only a list of children did: the children speak for
    # themselves. A row created earlier in the same flush stays "created".
    if fields and key not in pending:
        pending[key] = Change("changed", *key, "fields: " + ", ".join(fields))


@event.listens_for(Base, "after_delete", propagate=True)
def _deleted(mapper: Any, _connection: Connection, target: object) -> None:
    found = _pending(target, mapper)
    if found is not None:
        pending, key = found
        pending[key] = Change("deleted", *key)


@event.listens_for(AuditedSession, "after_flush")
def _audit_flush(session: Session, _context: UOWTransaction) -> None:
    pending: dict[tuple[str, str], Change] = session.info.pop(_PENDING, {})
    if pending:
        append(session.connection(), list(pending.values()), actor_of(session))
