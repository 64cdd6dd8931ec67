"""Writing the demo organisation fast: rows buffered per table and written parents first
with Core ``insert()`` executemany, with ids handed out here (and PostgreSQL's sequences
moved on past them afterwards)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from wellbeing_desktop.storage.models import (
    Base,
    CaseloadBand,
    CaseloadRecord,
    CheckIn,
    Protection,
    SessionAttendee,
    SignpostingRecord,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
    Team,
)

# Rows are buffered and written, parents first, once this many are waiting.
FLUSH_ROWS = 60_000


class Ids:
    def __init__(self, starts: dict[str, int]) -> None:
        self.next = dict(starts)

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


class Writer:
    """Buffers rows per table and writes them parents-first with executemany."""

    def __init__(self, connection: Connection, tables: Sequence[Table]) -> None:
        self.connection = connection
        self.tables = tuple(tables)
        self.rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in tables}
        self.counts: dict[str, int] = {t.name: 0 for t in tables}
        self.waiting = 0

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows[table].append(row)
        self.waiting += 1

    def flush_if_full(self) -> bool:
        if self.waiting < FLUSH_ROWS:
            return False
        self.flush()
        return True

    def flush(self) -> None:
        for table in self.tables:
            rows = self.rows[table.name]
            if rows:
                self.connection.execute(insert(table), rows)
                self.counts[table.name] += len(rows)
                rows.clear()
        self.waiting = 0


# Parents before children, so every reference points at a row already written.
TABLES: tuple[Table, ...] = tuple(
    Base.metadata.tables[model.__tablename__]
    for model in (
        Team,
        StaffMember,
        Protection,
        CaseloadRecord,
        CaseloadBand,
        SupervisionSession,
        SessionAttendee,
        SupervisionAction,
        CheckIn,
        SignpostingRecord,
    )
)
_ID_TABLES = tuple(t.name for t in TABLES if t.name != "session_attendee")


def next_ids(connection: Connection) -> dict[str, int]:
    starts = {}
    for table in TABLES:
        if table.name in _ID_TABLES:
            highest = connection.execute(select(func.max(table.c.id))).scalar()
            starts[table.name] = (highest or 0) + 1
    return starts


def reset_sequences(connection: Connection) -> None:
    """PostgreSQL hands out ids from sequences, which explicit ids do not move on."""
    for name in _ID_TABLES:
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {name}), false)"
            )
        )
