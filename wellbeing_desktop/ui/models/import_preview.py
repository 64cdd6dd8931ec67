"""The import preview as a table: each row of the file as it will be saved, what will
happen to it (add, update, leave out) and its problems, in symbols and words so that
nothing is told by colour alone."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from wellbeing_desktop.ui.models.format import format_date, format_number, service_text
from wellbeing_desktop.ui.models.records import RowsModel

if TYPE_CHECKING:
    from wellbeing_desktop.services.importing import PreviewRow

Index = QModelIndex | QPersistentModelIndex

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_COLOURS = {
    "add": QColor("#1e7b34"),
    "update": QColor("#1a5fb4"),
    "skip": QColor("#b3261e"),
}
ACTION_SYMBOLS = {"add": "✚", "update": "↻", "skip": "✖"}
WARNING_BACKGROUND = QColor("#fff4e0")
SKIP_BACKGROUND = QColor("#fbe9e7")
COLUMNS = ("Row", "Will be", "Name", "Role", "FTE", "Start date", "Caseload", "Problems")


class ImportPreviewModel(RowsModel["PreviewRow"]):
    """Rows of an ``ImportPreview``; ``only_problems`` hides the rows with none."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__((), parent)
        self._all: list[PreviewRow] = []
        self._only_problems = False
        self._titles = tuple(self.tr(title) for title in COLUMNS)

    def set_rows(self, rows: Sequence[PreviewRow]) -> None:
        self._all = list(rows)
        self._reset_rows(self._filtered())

    def set_only_problems(self, only: bool) -> None:
        self._only_problems = only
        self._reset_rows(self._filtered())

    def _filtered(self) -> list[PreviewRow]:
        if not self._only_problems:
            return list(self._all)
        return [r for r in self._all if any(p.severity.value != "note" for p in r.problems)]

    def row_at(self, row: int) -> PreviewRow:
        return self._rows[row]

    def action_words(self, row: PreviewRow) -> str:
        words = {"add": self.tr("Add"), "update": self.tr("Update"), "skip": self.tr("Leave out")}
        return f"{ACTION_SYMBOLS[row.action.value]} {words[row.action.value]}"

    def _text(self, row: PreviewRow, column: int) -> str:
        if column == 0:
            return str(row.row_number)
        if column == 1:
            return self.action_words(row)
        if column == 2:
            return row.name or self.tr("(no name)")
        if column == 3:
            if row.new_role:
                return self.tr("{role} (new)").format(role=row.new_role)
            return row.role_name or row.role_text
        if column == 4:
            return format_number(row.fte)
        if column == 5:
            return format_date(row.start_date)
        if column == 6:
            return "" if row.caseload is None else str(row.caseload)
        return " ".join(
            f"{p.severity.symbol} {service_text(p.message)}"
            for p in row.problems
            if p.severity.value != "note"
        ) or ("ℹ " + service_text(row.problems[0].message) if row.problems else "")

    def cell_data(self, row: PreviewRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if not row.problems:
                return None
            return "\n".join(p.describe() for p in row.problems)
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return ACTION_COLOURS[row.action.value]
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.action.value == "skip":
                return SKIP_BACKGROUND
            if any(p.severity.value == "warning" for p in row.problems):
                return WARNING_BACKGROUND
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 4, 6):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ROW_ROLE:
            return row
        return None
