"""The item model behind the team caseload grid.

Each row is a person: their role, FTE and safe limit, their last figure, the new
figure being typed and a note. Every edit is checked by ``caseloads.make_entry`` and
the status is recomputed by ``caseload_rules`` as it is typed; the model holds no
rules of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import caseloads
from wellbeing_desktop.services.caseload_rules import (
    ActiveProtection,
    AdjustedLimit,
    CaseloadAssessment,
    adjusted_limit,
    assess,
    format_number,
)
from wellbeing_desktop.services.people import RoleInfo, StaffInfo
from wellbeing_desktop.ui.forms.fields import (
    ERROR_COLOUR,
    NOTE_COLOUR,
    STATUS_COLOURS,
    format_date,
    status_words,
    translate,
    vocab,
)

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    TEAM = 1
    ROLE = 2
    FTE = 3
    LIMIT = 4
    LAST = 5
    NEW = 6
    STATUS = 7
    NOTE = 8


EDITABLE = (Column.NEW, Column.NOTE)
# The status of a newly typed figure, for the badge delegate (None for the last figure).
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
HEADERS = {
    Column.NAME: "Name",
    Column.TEAM: "Team",
    Column.ROLE: "Role",
    Column.FTE: "FTE",
    Column.LIMIT: "Safe limit",
    Column.LAST: "Last figure",
    Column.NEW: "New figure",
    Column.STATUS: "Status",
    Column.NOTE: "Note",
}
EDITABLE_BACKGROUND = QColor("#fffbea")
ERROR_BACKGROUND = QColor("#fde7e5")


@dataclass
class GridRow:
    staff: StaffInfo
    role: RoleInfo
    latest: caseloads.CaseloadPoint | None
    protections: tuple[ActiveProtection, ...]
    new_text: str = ""
    note: str = ""
    entry: caseloads.CaseloadEntry | None = None
    error: ValidationError | None = None
    limit: AdjustedLimit | None = None
    assessment: CaseloadAssessment | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_input(self) -> bool:
        return bool(self.new_text.strip() or self.note.strip())


def _tr(text: str) -> str:
    return translate("CaseloadGrid", text)


class CaseloadGridModel(QAbstractTableModel):
    def __init__(
        self,
        staff: Sequence[StaffInfo],
        roles: dict[int, RoleInfo],
        latest: dict[int, caseloads.CaseloadPoint],
        *,
        recorded_on: dt.date,
        today: dt.date,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.recorded_on = recorded_on
        self.today = today
        self.rows = [
            GridRow(
                staff=person,
                role=roles[person.role_id],
                latest=latest.get(person.id),
                protections=tuple(
                    ActiveProtection(p.kind, p.start_date, p.end_date, p.limit_percent)
                    for p in person.protections
                ),
            )
            for person in staff
        ]
        for row in self.rows:
            self._recompute(row)

    # ---- the rules, from the services ----------------------------------------------

    def _recompute(self, row: GridRow) -> None:
        row.limit = adjusted_limit(
            row.role.amber_threshold,
            row.role.red_threshold,
            row.staff.fte,
            row.protections,
            on=self.recorded_on,
            uses_weighting=row.role.uses_weighting,
        )
        row.entry, row.error = None, None
        if row.has_input:
            try:
                row.entry = caseloads.make_entry(
                    row.staff.id, self.recorded_on, row.new_text, note=row.note, today=self.today
                )
            except ValidationError as error:
                row.error = error
            row.assessment = (
                assess(row.entry.open_cases, row.entry.weighted_points, row.limit)
                if row.entry
                else None
            )
        else:
            last = row.latest
            row.assessment = assess(
                last.open_cases if last else None, last.weighted_points if last else None, row.limit
            )

    def set_recorded_on(self, day: dt.date) -> None:
        """The date of the figures: protections and validation depend on it."""
        self.recorded_on = day
        for row in self.rows:
            self._recompute(row)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(Column) - 1))

    def entries(self) -> tuple[list[caseloads.CaseloadEntry], int | None]:
        """The figures to save, and the first row with an error (or None)."""
        found = []
        for number, row in enumerate(self.rows):
            if row.error is not None:
                return [], number
            if row.entry is not None:
                found.append(row.entry)
        return found, None

    def typed_count(self) -> int:
        return sum(1 for row in self.rows if row.has_input)

    # ---- Qt model ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(HEADERS[Column(section)])
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == STATUS_ROLE:
            fresh = column == Column.STATUS and row.has_input and row.assessment is not None
            return row.assessment.status.value if fresh and row.assessment else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._tooltip(row, column) or self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if column == Column.NEW and row.error is not None:
                return QBrush(ERROR_BACKGROUND)
            if column in EDITABLE:
                return QBrush(EDITABLE_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.FTE, Column.NEW):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        row = self.rows[index.row()]
        text = "" if value is None else str(value)
        if index.column() == Column.NEW:
            row.new_text = text
        else:
            row.note = text
        self._recompute(row)
        self.dataChanged.emit(
            self.index(index.row(), Column.NEW), self.index(index.row(), Column.NOTE)
        )
        return True

    def _text(self, row: GridRow, column: Column) -> str:
        assert row.limit is not None
        if column == Column.NAME:
            return row.staff.name
        if column == Column.TEAM:
            return row.staff.team_name
        if column == Column.ROLE:
            return row.staff.job_title or row.role.name
        if column == Column.FTE:
            return format_number(row.staff.fte)
        if column == Column.LIMIT:
            text = format_number(row.limit.red)
            if row.limit.unit == "points":
                text += " " + _tr("points")
            if row.limit.protection is not None:
                text += " · " + vocab(row.limit.protection.label)
            return text
        if column == Column.LAST:
            if row.latest is None:
                return _tr("None recorded")
            return (
                _tr("%1 on %2")
                .replace("%1", str(row.latest.open_cases))
                .replace("%2", format_date(row.latest.recorded_on))
            )
        if column == Column.NEW:
            return row.new_text
        if column == Column.NOTE:
            return row.note
        if row.error is not None:
            return f"⚠ {row.error.message}"
        assert row.assessment is not None
        words = status_words(row.assessment.status)
        if not row.has_input and row.latest is not None:
            return _tr("%1 (last figure)").replace("%1", words)
        return words

    def _tooltip(self, row: GridRow, column: Column) -> str:
        assert row.limit is not None
        if column == Column.LIMIT:
            parts = [
                _tr("Amber from %1; safe limit %2.")
                .replace("%1", format_number(row.limit.amber))
                .replace("%2", format_number(row.limit.red))
            ]
            if row.limit.protection is not None:
                parts.append(
                    _tr("%1: %2% of the full limit.")
                    .replace("%1", vocab(row.limit.protection.label))
                    .replace("%2", str(row.limit.protection.limit_percent))
                )
            return " ".join(parts)
        if column == Column.STATUS:
            if row.error is not None:
                return row.error.message
            return row.assessment.reason if row.assessment else ""
        if column == Column.NEW and row.error is not None:
            return row.error.message
        if column == Column.ROLE:
            return row.role.name
        return ""

    def _foreground(self, row: GridRow, column: Column) -> QBrush | None:
        if column == Column.STATUS:
            if row.error is not None:
                return QBrush(QColor(ERROR_COLOUR))
            if not row.has_input:
                return QBrush(QColor(NOTE_COLOUR))  # the last figure's status, quietly
            if row.assessment is not None:
                return QBrush(QColor(STATUS_COLOURS[row.assessment.status]))
        if column == Column.LAST and row.latest is None:
            return QBrush(QColor(NOTE_COLOUR))
        return None
