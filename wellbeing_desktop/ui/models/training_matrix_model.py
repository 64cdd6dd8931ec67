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
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.training_matrix import Compliance, TrainingMatrix
from wellbeing_desktop.services.training_rules import TrainingCounts, TrainingState
from wellbeing_desktop.ui.widgets.theme import ACCENT, ACCENT_SOFT, MUTED, STATUS_COLOURS, TEXT

_Index = QModelIndex | QPersistentModelIndex
# Plain ints: a role from a QModelRoleData span is an int, and an int compares fastest.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole)

# The caseload palette's meanings: green fine, amber soon, red act now, grey nothing yet.
_PALETTE = {
    TrainingState.DONE: STATUS_COLOURS[CaseloadStatus.GREEN],
    TrainingState.EXPIRING: STATUS_COLOURS[CaseloadStatus.AMBER],
    TrainingState.EXPIRED: STATUS_COLOURS[CaseloadStatus.RED],
    TrainingState.MISSING: STATUS_COLOURS[CaseloadStatus.UNKNOWN],
}
_SELECTED = QStyle.StateFlag.State_Selected
_FOCUSED = QStyle.StateFlag.State_HasFocus
_LEFT_MIDDLE = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
_PAD = 6
_ELIDE = Qt.TextElideMode.ElideRight
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
        # Optional training (done by someone it is not mandatory for): the same colour,
        # hatched rather than filled, in muted type, so it never reads as a mandatory gap.
        self._optional_backgrounds = {
            s: QBrush(c.background, Qt.BrushStyle.BDiagPattern) for s, c in _PALETTE.items()
        }
        self._muted = QBrush(QColor(MUTED))
        self._headers: list[str] = []
        self._short = {state: self.tr(state.short) for state in TrainingState}
        self._counts: dict[int, TrainingCounts] = {}

    # ---- loading and filtering ---------------------------------------------------------

    def set_matrix(self, matrix: TrainingMatrix, rows: Sequence[int] | None = None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self._counts = {}
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
        if self.matrix is None or not index.isValid():
            return None
        return self._value(index.row(), index.column(), role)

    def multiData(self, index: _Index, roleDataSpan: Any) -> None:
        """Every role a view asks of one cell in one call from Qt into Python (a delegate
        asks for eight roles per cell on each repaint): keeps a filter's repaint short."""
        if self.matrix is None or not index.isValid():
            return
        row, column = index.row(), index.column()
        for item in roleDataSpan:
            value = self._value(row, column, item.role())
            # Every role is answered, "nothing" too: the span is reused from cell to cell.
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def paint_values(self, row: int, column: int) -> tuple[str, QBrush | None, QBrush | None]:
        """A cell's text, tint and text colour, for the delegate, in one call."""
        return (
            self._value(row, column, _DISPLAY) or "",
            self._value(row, column, _BACKGROUND),
            self._value(row, column, _FOREGROUND),
        )

    def _value(self, row: int, column: int, role: int) -> Any:
        matrix = self.matrix
        assert matrix is not None
        if not 0 <= row < len(self._rows):
            return None
        source = self._rows[row]
        if column < FIXED_COLUMNS:
            return self._person_data(source, column, role)
        cell = matrix.cells[source][column - FIXED_COLUMNS]
        state = cell.state
        if role == _DISPLAY:
            return self._short[state]
        if role == _BACKGROUND:
            if not cell.required:
                return self._optional_backgrounds.get(state)
            return self._backgrounds.get(state)
        if role == _FOREGROUND:
            if not cell.required:
                return self._muted
            return self._foregrounds.get(state, self._muted)
        if role in (_TOOLTIP, _ACCESSIBLE):
            return f"{matrix.courses[column - FIXED_COLUMNS].name}: {cell.tooltip}"
        if role == STATE_ROLE:
            return state.value
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
            counts = self._counts.get(source)
            if counts is None:
                counts = self._counts[source] = matrix.counts(source)
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


class MatrixDelegate(QStyledItemDelegate):
    """Paints a matrix cell straight from the model: its tint, then its symbol and word.

    The styled path (style sheet, eight roles asked through Qt) costs about three times
    as much a cell, and a filter change repaints every visible cell: this keeps it
    within a frame. Selection and focus are still shown (a highlight and a frame)."""

    def __init__(self, model: TrainingMatrixModel, parent: Any = None) -> None:
        super().__init__(parent)
        self._model = model
        self._selected = QBrush(ACCENT_SOFT)
        self._focus = QPen(ACCENT, 1)
        self._text = QPen(TEXT)
        self._pens: dict[int, QPen] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        text, background, foreground = self._model.paint_values(index.row(), index.column())
        rect = option.rect
        state = option.state
        if state & _SELECTED:
            painter.fillRect(rect, self._selected)
        elif background is not None:
            painter.fillRect(rect, background)
        if foreground is None:
            pen = self._text
        else:
            pen = self._pens.get(id(foreground)) or QPen(foreground.color())
            self._pens[id(foreground)] = pen
        painter.setPen(pen)
        room = rect.adjusted(_PAD, 0, -2, 0)
        if index.column() < FIXED_COLUMNS:  # names and teams may be longer than the column
            text = option.fontMetrics.elidedText(text, _ELIDE, room.width())
        painter.drawText(room, _LEFT_MIDDLE, text)
        if state & _FOCUSED:
            painter.setPen(self._focus)
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
