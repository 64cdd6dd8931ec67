"""The audit trail's mechanics: entries written with every change, chained by hashes.

Every session from ``Database.sessions`` is an ``AuditedSession``. During each
flush, mapper events note every row inserted, updated (which columns) or
deleted, for every model; after the flush one listener appends those as audit
entries on the same connection, so an entry commits or rolls back with the
change it records, and no service has to remember it. Bulk statements that
bypass the flush (erasure, retention, demo data) write their own entries.

The chain: each entry's hash is SHA-256 over the previous entry's hash and the
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

import datetime as dt
import functools
import getpass
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Integer, Table, bindparam, event, insert, inspect, update
from sqlalchemy.orm import Session, UOWTransaction, object_session

from wellbeing_desktop.errors import DatabaseError
from wellbeing_desktop.storage.models import AuditChainHead, AuditEntry, Base

GENESIS_HASH = "0" * 64
ACTOR_KEY = "audit_actor"  # Session.info key: who is making the changes
ACTIONS = ("created", "changed", "deleted", "exported", "printed", "erased", "retention")
DETAIL_MAX = 500
ACTOR_MAX = 200

_NOT_AUDITED = frozenset({AuditEntry.__tablename__, AuditChainHead.__tablename__})
# Kept by the database itself; a change to them is not a change anyone made.
_HOUSEKEEPING_COLUMNS = frozenset({"created_at", "updated_at"})
_ENTRIES = cast(Table, AuditEntry.__table__)
_HEAD = cast(Table, AuditChainHead.__table__)


@dataclass(frozen=True)
class Change:
    """One entry to append: what happened to which record (no values, ever)."""

    action: str
    record_type: str
    record_id: str
    detail: str = ""


# ---- the hash --------------------------------------------------------------------------


def canonical_time(value: dt.datetime | str) -> str:
    """The entry time as hashed: UTC, microseconds, ``Z``. SQLite hands times back as
    naive text, PostgreSQL as aware datetimes; both mean UTC here."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(
    prev_hash: str,
    at: dt.datetime | str,
    actor: str,
    action: str,
    record_type: str,
    record_id: str,
    detail: str,
) -> str:
    """SHA-256 over the previous hash and the entry's fields, as a JSON array (so no
    field can run into the next). Changing this breaks every existing chain."""
    canonical = json.dumps(
        [prev_hash, canonical_time(at), actor, action, record_type, record_id, detail],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


# ---- who -------------------------------------------------------------------------------


def clean_actor(value: object) -> str:
    """A storable, one-line actor name (an OS user name can hold anything)."""
    text = "".join(ch for ch in str(value) if ch.isprintable()).strip()
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text[:ACTOR_MAX] or "unknown"


@functools.cache
def os_user() -> str:
    """The signed-in user's name, looked up once per process."""
    try:
        return clean_actor(getpass.getuser())
    except Exception:  # no user name in this environment (getuser can raise anything)
        return "unknown"


def actor_of(session: Session) -> str:
    configured = session.info.get(ACTOR_KEY)
    return clean_actor(configured) if configured else os_user()


# ---- appending -------------------------------------------------------------------------


# Built once: a save pays for executing these, not for building them.
_CLAIM = (
    update(_HEAD)
    .where(_HEAD.c.id == 1)
    .values(entries=_HEAD.c.entries + bindparam("count", type_=Integer))
    .returning(_HEAD.c.last_hash)
)
_INSERT = insert(_ENTRIES)
_MOVE_HEAD = update(_HEAD).where(_HEAD.c.id == 1).values(last_hash=bindparam("last_hash"))
_LOCK = update(_HEAD).where(_HEAD.c.id == 1).values(entries=_HEAD.c.entries)


def append(connection: Connection, changes: Sequence[Change], actor: str) -> None:
    """Append entries to the chain inside the caller's transaction."""
    if not changes:
        return
    # The UPDATE comes first: it takes the lock, so the hash read after it is the latest.
    prev = connection.execute(_CLAIM, {"count": len(changes)}).scalar()
    if prev is None:
        raise DatabaseError(
            "The audit trail cannot be written: its chain record is missing, so the database "
            "has been changed outside Wellbeing Desktop. Run 'wellbeing-desktop db check'."
        )
    at = dt.datetime.now(dt.UTC)
    rows = []
    for change in changes:
        detail = change.detail[:DETAIL_MAX]
        digest = entry_hash(
            prev, at, actor, change.action, change.record_type, change.record_id, detail
        )
        rows.append(
            {
                "at": at,
                "actor": actor,
                "action": change.action,
                "record_type": change.record_type,
                "record_id": change.record_id,
                "detail": detail,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    connection.execute(_INSERT, rows)
    connection.execute(_MOVE_HEAD, {"last_hash": prev})


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


def lock_chain(connection: Connection) -> None:
    """Take the chain's lock for the rest of the transaction (a no-op UPDATE of its head)."""
    connection.execute(_LOCK)


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


# ---- checking --------------------------------------------------------------------------

ENTRIES_SQL = (
    "SELECT id, at, actor, action, record_type, record_id, detail, prev_hash, hash "
    "FROM audit_entry ORDER BY id"
)
HEAD_SQL = "SELECT entries, last_hash FROM audit_chain_head WHERE id = 1"


@dataclass(frozen=True)
class ChainCheck:
    entries: int
    problems: tuple[str, ...]
    first_bad_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_rows(rows: Iterable[Sequence[Any]], head: Sequence[Any] | None) -> ChainCheck:
    """Check a chain read in id order (rows as in ``ENTRIES_SQL``) against its head."""
    problems: list[str] = []
    first_bad: int | None = None
    altered = unlinked = 0
    expected_prev = GENESIS_HASH
    count = 0
    for entry_id, at, actor, action, record_type, record_id, detail, prev_hash, digest in rows:
        count += 1
        if prev_hash != expected_prev:
            unlinked += 1
            first_bad = entry_id if first_bad is None else first_bad
        try:
            recomputed = entry_hash(prev_hash, at, actor, action, record_type, record_id, detail)
        except (TypeError, ValueError):
            recomputed = ""
        if recomputed != digest:
            altered += 1
            first_bad = entry_id if first_bad is None else first_bad
        expected_prev = digest
    if altered:
        problems.append(
            "The audit trail has been altered: "
            + (
                "1 entry no longer matches its hash"
                if altered == 1
                else f"{altered} entries no longer match their hashes"
            )
            + f" (the first is entry {first_bad})."
        )
    if unlinked:
        problems.append(
            "The audit trail has a break: "
            + ("1 entry does" if unlinked == 1 else f"{unlinked} entries do")
            + " not follow the entry before (entries removed or reordered)."
        )
    if head is None:
        problems.append("The audit trail's chain record is missing.")
    else:
        head_entries, head_hash = head
        if head_entries != count or head_hash != expected_prev:
            problems.append(
                f"The audit trail does not end where it should: {head_entries} entries were "
                f"written and {count} are there (entries removed from the end, or added "
                "outside the app)."
            )
    return ChainCheck(count, tuple(problems), first_bad)


def check_chain(run: Callable[[str], Iterable[Sequence[Any]]]) -> ChainCheck:
    """Verify the chain through any way of running SQL: ``run(sql)`` returns rows
    (an sqlite3 connection's ``execute``, or a SQLAlchemy connection wrapped)."""
    heads = list(run(HEAD_SQL))
    return verify_rows(run(ENTRIES_SQL), heads[0] if heads else None)
