"""The training matrix as a table: one row per person shown, a column for the person,
their team, their summary, then one per course.

It adapts ``services.training_matrix.TrainingMatrix`` and decides nothing: the
states, counts and compliance come from the service. Each cell shows a symbol and a
word ("✓ Done", "✕ Expired"), tinted as a reinforcement only, so it reads the same in
greyscale. Each course's header carries the compliance among the rows shown.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.training_matrix import Compliance, TrainingMatrix
from wellbeing_desktop.services.training_rules import TrainingState
from wellbeing_desktop.ui.widgets.theme import MUTED, STATUS_COLOURS

_Index = QModelIndex | QPersistentModelIndex

# The caseload palette's meanings: green fine, amber soon, red act now, grey nothing yet.
_PALETTE = {
    TrainingState.DONE: STATUS_COLOURS[CaseloadStatus.GREEN],
    TrainingState.EXPIRING: STATUS_COLOURS[CaseloadStatus.AMBER],
    TrainingState.EXPIRED: STATUS_COLOURS[CaseloadStatus.RED],
    TrainingState.MISSING: STATUS_COLOURS[CaseloadStatus.UNKNOWN],
}
STATE_ROLE = Qt.ItemDataRole.UserRole + 1
STAFF_ID_ROLE = Qt.ItemDataRole.UserRole + 2
FIXED_COLUMNS = 3  # name, team, summary
HEADER_WIDTH = 13  # characters per line of a course's header


class TrainingMatrixModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix: TrainingMatrix | None = None
        self._rows: tuple[int, ...] = ()
        self._compliance: tuple[Compliance, ...] = ()
        self._backgrounds = {s: QBrush(c.background) for s, c in _PALETTE.items()}
        self._foregrounds = {s: QBrush(c.text) for s, c in _PALETTE.items()}
        self._muted = QBrush(QColor(MUTED))
        self._headers: list[str] = []

    # ---- loading and filtering ---------------------------------------------------------

    def set_matrix(self, matrix: TrainingMatrix, rows: Sequence[int] | None = None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self._headers = [
            f"{textwrap.fill(c.name, HEADER_WIDTH, break_long_words=False)}" for c in matrix.courses
        ]
        self._set_rows(range(len(matrix.people)) if rows is None else rows)
        self.endResetModel()

    def set_rows(self, rows: Sequence[int]) -> None:
        """Show these rows of the matrix (a filter's answer), with compliance among them."""
        rows = tuple(rows)
        if rows == self._rows:
            return
        self.beginResetModel()
        self._set_rows(rows)
        self.endResetModel()
        if self.matrix is not None and self.matrix.courses:
            self.headerDataChanged.emit(
                Qt.Orientation.Horizontal, FIXED_COLUMNS, self.columnCount() - 1
            )

    def _set_rows(self, rows: Sequence[int]) -> None:
        self._rows = tuple(rows)
        matrix = self.matrix
        assert matrix is not None
        self._compliance = tuple(
            matrix.compliance(column, self._rows) for column in range(len(matrix.courses))
        )

    @property
    def rows(self) -> tuple[int, ...]:
        return self._rows

    def compliance(self, course_column: int) -> Compliance:
        return self._compliance[course_column]

    def staff_id(self, row: int) -> int:
        assert self.matrix is not None
        return self.matrix.people[self._rows[row]].staff_id

    # ---- Qt ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.matrix is None:
            return 0
        return FIXED_COLUMNS + len(self.matrix.courses)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        matrix = self.matrix
        if matrix is None or not index.isValid():
            return None
        source = self._rows[index.row()]
        column = index.column()
        if column < FIXED_COLUMNS:
            return self._person_data(source, column, role)
        cell = matrix.cells[source][column - FIXED_COLUMNS]
        state = cell.state
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr(state.short)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._backgrounds.get(state)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foregrounds.get(state, self._muted)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{matrix.courses[column - FIXED_COLUMNS].name}: {cell.tooltip}"
        if role == STATE_ROLE:
            return state.value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == STAFF_ID_ROLE:
            return matrix.people[source].staff_id
        return None

    def _person_data(self, source: int, column: int, role: int) -> Any:
        matrix = self.matrix
        assert matrix is not None
        person = matrix.people[source]
        if role == STAFF_ID_ROLE:
            return person.staff_id
        if column == 2:
            counts = matrix.counts(source)
            if role == Qt.ItemDataRole.DisplayRole:
                return counts.text
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._foregrounds.get(counts.worst, self._muted)
            if role == STATE_ROLE:
                return counts.worst.value
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Mandatory training: {words} (of {count} courses)").format(
                    words=counts.words, count=counts.required
                )
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return person.name
            return person.team_name
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return self._muted
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.matrix is None:
            return None
        if section < FIXED_COLUMNS:
            if role == Qt.ItemDataRole.DisplayRole:
                return (self.tr("Name"), self.tr("Team"), self.tr("Mandatory training"))[section]
            return None
        course = self.matrix.courses[section - FIXED_COLUMNS]
        compliance = self._compliance[section - FIXED_COLUMNS]
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.tr("{percent} up to date").format(percent=compliance.text)
            if compliance.percent is None:
                text = self.tr("Not mandatory")
            return f"{self._headers[section - FIXED_COLUMNS]}\n{text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            renewal = (
                self.tr("renewed every {months} months").format(months=course.renewal_months)
                if course.renewal_months
                else self.tr("does not expire")
            )
            return self.tr(
                "{name} ({renewal}). Up to date: {compliant} of the {required} people shown "
                "it is mandatory for."
            ).format(
                name=course.name,
                renewal=renewal,
                compliant=compliance.compliant,
                required=compliance.required,
            )
        return None
