"""The audit chain itself, for SQLAlchemy Core alone: hashing entries, appending them
to the chain, and checking it.

``storage/audit.py`` adds the ORM side (every session's flush writes its entries);
this part needs no ORM, so recording that a report was exported or printed, and
checking the chain (``db check``), never import it: from the command line, the ORM
and the models are a fifth of a report's time. ``storage/audit.py`` re-exports
everything here, so callers may use either.

The tables are described with only the columns used here, with the models' types
(``tests/storage/test_audit_chain.py`` checks them against ``models.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import getpass
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Integer,
    String,
    bindparam,
    column,
    insert,
    table,
    update,
)

from wellbeing_desktop.errors import DatabaseError

GENESIS_HASH = "0" * 64
ACTOR_KEY = "audit_actor"  # Session.info key: who is making the changes
ACTIONS = ("created", "changed", "deleted", "exported", "printed", "erased", "retention")
DETAIL_MAX = 500
ACTOR_MAX = 200

_ENTRIES = table(
    "audit_entry",
    column("at", DateTime(timezone=True)),
    column("actor", String),
    column("action", String),
    column("record_type", String),
    column("record_id", String),
    column("detail", String),
    column("prev_hash", String),
    column("hash", String),
)
_HEAD = table(
    "audit_chain_head",
    column("id", Integer),
    column("entries", Integer),
    column("last_hash", String),
)


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


def lock_chain(connection: Connection) -> None:
    """Take the chain's lock for the rest of the transaction (a no-op UPDATE of its head)."""
    connection.execute(_LOCK)


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
