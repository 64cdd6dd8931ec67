"""The allocation view's two tables: who has room for a new case, and who is left out.

Both adapt the service's ``AllocationOptions`` (``services/allocation.py``): the order,
the headroom and every reason come from there; these models only show them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from wellbeing_desktop.ui.models.format import format_number, service_text
from wellbeing_desktop.ui.models.team_table import STAFF_ID_ROLE, STATUS_ROLE

if TYPE_CHECKING:
    from wellbeing_desktop.services.allocation import Candidate, Excluded

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def caseload_text(
    open_cases: int | None, load: float | None, red: float, unit: str, protected: bool
) -> str:
    """'30 of 40', '18 of 16.2 protected', '46 of 60 pts', '– of 40'."""
    if open_cases is None:
        shown = "–"
    elif unit == "points" and load is not None:
        shown = format_number(load)
    else:
        shown = str(open_cases)
    text = f"{shown} of {format_number(red)}" + (" pts" if unit == "points" else "")
    return text + (" protected" if protected else "")


class _RowsModel(QAbstractTableModel):
    """Rows of text with a staff id (and a status for the badge column, if any)."""

    STATUS_COLUMN = -1
    RIGHT_COLUMNS: frozenset[int] = frozenset()

    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[tuple[str, ...]] = []
        self._ids: list[int] = []
        self._statuses: list[str] = []
        self._tips: list[str] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._rows[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[row]
        if role == STAFF_ID_ROLE:
            return self._ids[row]
        if role == STATUS_ROLE and column == self.STATUS_COLUMN:
            return self._statuses[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.RIGHT_COLUMNS:
            return _RIGHT
        return None

    def staff_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def name(self, row: int) -> str:
        return self._rows[row][0] if 0 <= row < len(self._rows) else ""


class CandidatesModel(_RowsModel):
    """Who has room, most room first (the service's order)."""

    STATUS_COLUMN = 4
    RIGHT_COLUMNS = frozenset({2, 3})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Caseload"),
                self.tr("Room"),
                self.tr("Status"),
                self.tr("Why"),
            ],
            parent,
        )

    def set_candidates(self, candidates: tuple[Candidate, ...]) -> None:
        self.beginResetModel()
        self._rows = [
            (
                c.name,
                c.role_name,
                caseload_text(
                    c.open_cases, c.load, c.limit.red, c.unit, c.limit.protection is not None
                ),
                format_number(c.room) + (" pts" if c.unit == "points" else ""),
                c.status.words,
                service_text(c.reason),
            )
            for c in candidates
        ]
        self._ids = [c.staff_id for c in candidates]
        self._statuses = [c.status.value for c in candidates]
        self._tips = [service_text(c.reason) for c in candidates]
        self.endResetModel()


class ExcludedModel(_RowsModel):
    """Who is left out, each with the reason in words."""

    RIGHT_COLUMNS = frozenset({2})

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [self.tr("Name"), self.tr("Role"), self.tr("Caseload"), self.tr("Why not")], parent
        )

    def set_excluded(self, excluded: tuple[Excluded, ...]) -> None:
        self.beginResetModel()
        self._rows = [
            (
                e.name,
                e.role_name,
                caseload_text(
                    e.open_cases, None, e.limit.red, "cases", e.limit.protection is not None
                ),
                service_text(e.reason),
            )
            for e in excluded
        ]
        self._ids = [e.staff_id for e in excluded]
        self._statuses = ["" for _ in excluded]
        self._tips = [service_text(e.reason) for e in excluded]
        self.endResetModel()
