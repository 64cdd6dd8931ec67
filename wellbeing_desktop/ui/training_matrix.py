"""The training matrix window: people × courses, filtered by team, course and state,
with each course's compliance in its header; record a team training day, edit the
courses, export what is shown to .xlsx.

The matrix is loaded once from the service; a filter change asks the loaded matrix
which rows to show (``TrainingMatrix.rows``) and never goes back to the database.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services.training_matrix import (
    TrainingMatrix,
    matrix_table,
    training_matrix,
)
from wellbeing_desktop.services.training_rules import TrainingState
from wellbeing_desktop.ui.dialogs import report_error, show_information
from wellbeing_desktop.ui.forms.fields import (
    combo_box,
    fill_combo,
    fit_to_screen,
    heading,
    name_buttons,
    note_label,
)
from wellbeing_desktop.ui.models.training_matrix_model import (
    FIXED_COLUMNS,
    MatrixDelegate,
    TrainingMatrixModel,
)

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

ANY = -1
STATE_FILTERS = (
    TrainingState.EXPIRED,
    TrainingState.MISSING,
    TrainingState.EXPIRING,
    TrainingState.DONE,
)


class TrainingMatrixWindow(QDialog):
    """A window of its own (not modal): managers keep it open beside the dashboard.
    ``saved`` fires when training is recorded or the courses change."""

    saved = Signal()

    def __init__(
        self,
        db: Database,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
        team_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today
        self.setWindowTitle(self.tr("Training matrix"))
        self.setObjectName("trainingMatrix")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setModal(False)
        self.matrix: TrainingMatrix | None = None

        self.team = combo_box()
        self.team.setAccessibleName(self.tr("Team"))
        self.course = combo_box()
        self.course.setAccessibleName(self.tr("Course"))
        self.state = combo_box()
        self.state.setAccessibleName(self.tr("State"))
        self.state.addItem(self.tr("Any state"), ANY)
        for state in STATE_FILTERS:
            self.state.addItem(f"{state.symbol} {self.tr(state.words)}", state.value)

        self.record_button = QPushButton(self.tr("&Record training…"))
        self.record_button.setObjectName("primary")
        self.record_button.setToolTip(self.tr("Record a course for several people (Ctrl+R)"))
        self.record_button.clicked.connect(self.record_training)
        self.courses_button = QPushButton(self.tr("C&ourses…"))
        self.courses_button.setToolTip(self.tr("Add and edit the training courses"))
        self.courses_button.clicked.connect(self.edit_courses)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setToolTip(self.tr("Bring completions in from a spreadsheet"))
        self.import_button.clicked.connect(self.import_completions)
        self.export_button = QPushButton(self.tr("&Export to .xlsx…"))
        self.export_button.setToolTip(self.tr("Save the matrix as shown (Ctrl+E)"))
        self.export_button.clicked.connect(lambda: self.export())
        QShortcut(QKeySequence("Ctrl+R"), self, self.record_training)
        QShortcut(QKeySequence("Ctrl+E"), self, lambda: self.export())
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.reload)

        self.model = TrainingMatrixModel(self)
        self.table = QTableView()
        self.table.setObjectName("trainingMatrixTable")
        self.table.setAccessibleName(self.tr("Training matrix"))
        self.table.setModel(self.model)
        self.table.setItemDelegate(MatrixDelegate(self.model, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setShowGrid(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        header.setHighlightSections(False)
        # Enter, or a double-click: record that course for that person.
        self.table.activated.connect(self._record_for_cell)

        self.counts_label = QLabel()
        self.counts_label.setObjectName("muted")
        self.counts_label.setAccessibleName(self.tr("Totals"))
        self.key_label = note_label()

        filters = QHBoxLayout()
        for label, combo in (
            (self.tr("&Team"), self.team),
            (self.tr("&Course"), self.course),
            (self.tr("&Show"), self.state),
        ):
            caption = QLabel(label)
            caption.setBuddy(combo)
            filters.addWidget(caption)
            filters.addWidget(combo, 1)
        filters.addSpacing(16)
        filters.addWidget(self.record_button)
        filters.addWidget(self.courses_button)
        filters.addWidget(self.import_button)
        filters.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Training matrix")))
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.key_label)
        fit_to_screen(self, 1280, 760)
        name_buttons(self)  # every button announced by its words

        self.reload(team_id=team_id)
        for combo in (self.team, self.course, self.state):
            combo.currentIndexChanged.connect(self.apply_filters)

    def open(self) -> None:
        """Shown beside the main window rather than blocking it."""
        self.show()
        self.raise_()
        self.activateWindow()

    # ---- loading -----------------------------------------------------------------------

    def reload(self, *, team_id: int | None = None) -> None:
        """Load the matrix for every team (the team filter picks one on screen)."""
        try:
            matrix = training_matrix(self.db, today=self.today)
        except Exception as error:
            report_error(error, self)
            return
        self.set_matrix(matrix, team_id=team_id)

    def set_matrix(self, matrix: TrainingMatrix, *, team_id: int | None = None) -> None:
        chosen_team = team_id if team_id is not None else self.team.currentData()
        chosen_course = self.course.currentData()
        self.matrix = matrix
        for combo in (self.team, self.course):
            combo.blockSignals(True)
        teams = sorted({(p.team_name, p.team_id) for p in matrix.people})
        fill_combo(self.team, teams, first=(self.tr("All teams"), ANY), chosen=chosen_team)
        courses = [(course.name, course.id) for course in matrix.courses]
        fill_combo(self.course, courses, first=(self.tr("All courses"), ANY), chosen=chosen_course)
        for combo in (self.team, self.course):
            combo.blockSignals(False)
        self.model.set_matrix(matrix, self._filtered_rows())
        self._size_columns()
        self._show_columns()
        self._show_counts()
        self.key_label.setText(
            self.tr(
                "✓ Done · ▲ Expiring: valid for {days} days or fewer · ✕ Expired · "
                "○ Missing: mandatory, never done · – Not required. Hatched cells in grey type "
                "are optional training (not mandatory for that person) and count nowhere. "
                "“Valid until” is the last day training counts. Double-click a cell (or press "
                "Enter) to record that course."
            ).format(days=matrix.expiring_days)
        )

    def _size_columns(self) -> None:
        """Each column as wide as its widest line: the header's (bold, wrapped) or a cell's."""
        metrics = self.fontMetrics()
        bold = self.table.horizontalHeader().font()
        bold.setBold(True)
        header_metrics = QFontMetrics(bold)
        padding = 2 * 8 + 8  # the header's padding (theme) and a little air
        self.table.setColumnWidth(0, metrics.horizontalAdvance("M" * 14))
        self.table.setColumnWidth(1, metrics.horizontalAdvance("M" * 11))
        self.table.setColumnWidth(
            2, metrics.horizontalAdvance("✕ 2 expired, 1 missing, 1 expiring") + padding
        )
        cell = metrics.horizontalAdvance("▲ Expiring") + padding
        lines = 1
        for column in range(FIXED_COLUMNS, self.model.columnCount()):
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            widest = max(header_metrics.horizontalAdvance(line) for line in text.split("\n"))
            self.table.setColumnWidth(column, max(cell, widest + padding))
            lines = max(lines, text.count("\n") + 1)
        self.table.horizontalHeader().setFixedHeight(header_metrics.lineSpacing() * lines + 16)

    # ---- filtering ---------------------------------------------------------------------

    def _filters(self) -> tuple[int | None, int | None, TrainingState | None]:
        team = self.team.currentData()
        course = self.course.currentData()
        state = self.state.currentData()
        return (
            None if team in (ANY, None) else int(team),
            None if course in (ANY, None) else int(course),
            None if state in (ANY, None) else TrainingState(state),
        )

    def _filtered_rows(self) -> tuple[int, ...]:
        assert self.matrix is not None
        team, course, state = self._filters()
        return self.matrix.rows(team_id=team, course_id=course, state=state)

    def apply_filters(self) -> None:
        if self.matrix is None:
            return
        self.model.set_rows(self._filtered_rows())
        self._show_columns()
        self._show_counts()

    def _show_columns(self) -> None:
        assert self.matrix is not None
        team, course, _state = self._filters()
        if self.table.isColumnHidden(1) != (team is not None):
            self.table.setColumnHidden(1, team is not None)  # one team: its name says nothing
        for index, item in enumerate(self.matrix.courses):
            hidden = course is not None and item.id != course
            column = FIXED_COLUMNS + index
            if self.table.isColumnHidden(column) != hidden:
                self.table.setColumnHidden(column, hidden)

    def _show_counts(self) -> None:
        assert self.matrix is not None
        rows = self.model.rows
        total = self.matrix.total(rows)
        team, _course, _state = self._filters()
        in_team = len(self.matrix.rows(team_id=team))  # of the chosen team, not everyone
        self.counts_label.setText(
            self.tr(
                "Showing {shown} of {people}. Mandatory training: {expired} expired, "
                "{missing} missing, {expiring} expiring."
            ).format(
                shown=f"{len(rows):,}",
                people=self.tr("1 person") if in_team == 1 else f"{in_team:,} people",
                expired=f"{total.expired:,}",
                missing=f"{total.missing:,}",
                expiring=f"{total.expiring:,}",
            )
        )

    # ---- actions -----------------------------------------------------------------------

    def record_training(
        self, *, course_id: int | None = None, staff_ids: list[int] | None = None
    ) -> QDialog:
        from wellbeing_desktop.ui.forms.record_training import RecordTrainingDialog

        team, course, _state = self._filters()
        dialog = RecordTrainingDialog(
            self.db,
            parent=self,
            today=self.today,
            team_id=team,
            course_id=course_id or course,
            staff_ids=staff_ids or (),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda: self._recorded(dialog))
        dialog.open()
        return dialog

    def _record_for_cell(self, index: object) -> None:
        if self.matrix is None or not hasattr(index, "column"):
            return
        column = index.column() - FIXED_COLUMNS  # type: ignore[attr-defined]
        if column < 0:
            return
        self.record_training(
            course_id=self.matrix.courses[column].id,
            staff_ids=[self.model.staff_id(index.row())],  # type: ignore[attr-defined]
        )

    def _recorded(self, dialog: QDialog) -> None:
        result = getattr(dialog, "outcome", None)
        self.reload()
        if result is not None:
            self.counts_label.setText(f"{self.tr(result.words)} {self.counts_label.text()}")
        self.saved.emit()

    def edit_courses(self) -> QDialog:
        from wellbeing_desktop.ui.forms.course_editor import CourseEditor

        editor = CourseEditor(self.db, parent=self, today=self.today)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.reload)
        editor.saved.connect(self.saved)
        editor.open()
        return editor

    def import_completions(self) -> QDialog:
        from wellbeing_desktop.ui.training_import import TrainingImportDialog

        team, _course, _state = self._filters()
        dialog = TrainingImportDialog(self.db, parent=self, today=self.today, team_id=team)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.reload)
        dialog.saved.connect(self.saved)
        dialog.open()
        return dialog

    def export(self, path: str | None = None) -> None:
        if self.matrix is None or not self.model.rows:
            show_information(
                self, self.tr("Nothing to export"), self.tr("No people match the filters.")
            )
            return
        if path is None:
            from wellbeing_desktop.ui.data_actions import TABLE_FILTERS, ask_for_save_path

            path = ask_for_save_path(
                self, self.tr("Export the training matrix"), "training-matrix.xlsx", TABLE_FILTERS
            )
            if not path:
                return
        from wellbeing_desktop.services.exporting import export_table

        _team, course, _state = self._filters()
        table = matrix_table(self.matrix, self.model.rows, None if course is None else [course])
        try:
            written = export_table(table, path)
        except Exception as error:
            report_error(error, self)
            return
        self.counts_label.setText(
            self.tr("Exported {rows} people to {file}.").format(
                rows=f"{len(table.rows):,}", file=written.name
            )
        )
