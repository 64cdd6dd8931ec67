"""The audit trail as a table: one row per entry, newest first as the service gives them.

The entries are the service's frozen ``AuditEntryInfo`` records; this model only
says how each reads on screen (local time, action and record type in words) and
how it sorts. A ``QSortFilterProxyModel`` over it sorts by column and narrows the
rows to those that contain some text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimeZone,
)

from wellbeing_desktop.services.audit import AuditEntryInfo
from wellbeing_desktop.ui.models.format import format_date_time
from wellbeing_desktop.ui.models.records import RowsModel

Index = QModelIndex | QPersistentModelIndex

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # as records.SORT_ROLE

WHEN, WHO, ACTION, RECORD_TYPE, RECORD_ID, DETAIL = range(6)


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditEntryModel", text)


def vocab(label: str) -> str:
    """The services' words for actions and record types, through the translator."""
    return QCoreApplication.translate("vocab", label)


def format_moment(moment: dt.datetime) -> str:
    """An aware time in local time, to the second: '10/11/2026 14:05:30'."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.systemTimeZone())
    return format_date_time(local.date(), local.time(), seconds=True)


def _record_number_key(value: str) -> tuple[int, int | str]:
    """Record numbers sort as numbers where they are numbers (2 before 10)."""
    return (0, int(value)) if value.isdigit() else (1, value)


class AuditEntryModel(RowsModel[AuditEntryInfo]):
    """Read-only rows over a list of ``AuditEntryInfo``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            (
                _tr("When"),
                _tr("Who"),
                _tr("Action"),
                _tr("Record type"),
                _tr("Record number"),
                _tr("Detail"),
            ),
            parent,
        )

    def set_entries(self, entries: Sequence[AuditEntryInfo]) -> None:
        self._reset_rows(entries)

    @property
    def entries(self) -> tuple[AuditEntryInfo, ...]:
        return tuple(self._rows)

    def entry(self, row: int) -> AuditEntryInfo:
        return self._rows[row]

    def text(self, entry: AuditEntryInfo, column: int) -> str:
        if column == WHEN:
            return format_moment(entry.at)
        if column == WHO:
            return entry.actor
        if column == ACTION:
            return vocab(entry.action_label)
        if column == RECORD_TYPE:
            return vocab(entry.record_label)
        if column == RECORD_ID:
            return entry.record_id
        return entry.detail

    def cell_data(self, entry: AuditEntryInfo, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAIL and entry.detail:
            return entry.detail  # in full, where the column cuts it short
        if role == SORT_ROLE:
            if column == WHEN:
                return entry.id  # ids follow the order entries were written in
            if column == RECORD_ID:
                return _record_number_key(entry.record_id)
            return self.text(entry, column).casefold()
        if role == ENTRY_ROLE:
            return entry
        return None  # record numbers are names of records, not amounts: left-aligned


class AuditFilterProxy(QSortFilterProxyModel):
    """Sorts by each column's sort key; keeps the rows where any column contains the
    search text (case-insensitive)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
