"""A small read-only table model over a list of frozen records (sessions, check-ins,
signposting): each column says how to show, sort and explain one record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from wellbeing_desktop.ui.models.format import format_date
from wellbeing_desktop.ui.models.team_table import ATTENTION_BACKGROUND, ATTENTION_TEXT

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class RecordColumn(Generic[T]):
    title: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None
    tooltip: Callable[[T], str | None] | None = None
    attention: Callable[[T], bool] | None = None
    align_right: bool = False


def date_column(title: str, day: Callable[[T], dt.date]) -> RecordColumn[T]:
    """A record's date, shown dd/mm/yyyy and sorted by the date."""
    return RecordColumn(title, lambda r: format_date(day(r)), lambda r: day(r).toordinal())


class RowsModel(QAbstractTableModel, Generic[T]):
    """Read-only rows of frozen records under fixed column titles: selectable, never
    edited. Subclasses say in ``cell_data`` what a cell shows for a role."""

    def __init__(self, titles: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._titles = tuple(titles)
        self._rows: list[T] = []

    def _reset_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._titles[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell_data(self._rows[index.row()], index.column(), role)

    def cell_data(self, row: T, column: int, role: int) -> Any:
        raise NotImplementedError


class RecordTableModel(RowsModel[T]):
    def __init__(self, columns: Sequence[RecordColumn[T]], parent: Any = None) -> None:
        super().__init__([column.title for column in columns], parent)
        self._columns = tuple(columns)

    def set_records(self, records: Sequence[T]) -> None:
        self._reset_rows(records)

    def record(self, row: int) -> T:
        return self._rows[row]

    @property
    def records(self) -> tuple[T, ...]:
        return tuple(self._rows)

    def cell_data(self, record: T, column_number: int, role: int) -> Any:
        column = self._columns[column_number]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(record)
        if role == SORT_ROLE:
            return (column.sort_key or column.text)(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record)
        attention = column.attention is not None and column.attention(record)
        if role == Qt.ItemDataRole.ForegroundRole and attention:
            return ATTENTION_TEXT
        if role == Qt.ItemDataRole.BackgroundRole and attention:
            return ATTENTION_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
