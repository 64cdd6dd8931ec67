"""Import training completions from a spreadsheet: choose the file, confirm the columns,
check every row in the preview (each row's problem beside it), then import.

The dialog only collects choices and shows results: reading, matching and saving are
``services.importing.training_import``'s. Nothing is saved until Import is pressed,
and then every row the preview adds is saved in one transaction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

# Imported here, on the UI thread (see ui/import_wizard.py): this module is itself
# imported only when the dialog is first opened.
import openpyxl  # noqa: F401
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.services import people
from wellbeing_desktop.services.importing import read_sheet
from wellbeing_desktop.services.importing import training_import as ti
from wellbeing_desktop.ui.forms.fields import (
    ErrorLabel,
    combo_box,
    fill_combo,
    fit_to_screen,
    format_date,
    heading,
    note_label,
)

if TYPE_CHECKING:
    from wellbeing_desktop.services.importing import Sheet
    from wellbeing_desktop.storage.database import Database

ALL_TEAMS = -1
FILE_FILTER = "Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"


class TrainingImportDialog(QDialog):
    """``saved`` fires after an import; ``report`` says what it did."""

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
        self.today = today or dt.date.today()
        self.sheet: Sheet | None = None
        self.preview: ti.TrainingImportPreview | None = None
        self.report: ti.TrainingImportReport | None = None
        self.setWindowTitle(self.tr("Import training completions"))
        self.setObjectName("trainingImport")

        self.path = QLineEdit()
        self.path.setReadOnly(True)
        self.path.setAccessibleName(self.tr("File"))
        self.path.setPlaceholderText(self.tr("An .xlsx or .csv file, one completion a row"))
        choose = QPushButton(self.tr("&Choose file…"))
        choose.clicked.connect(self.choose_file)
        self.team = combo_box()
        self.team.setAccessibleName(self.tr("Match names in"))
        teams = [(team.name, team.id) for team in people.list_teams(db)]
        fill_combo(self.team, teams, first=(self.tr("Every team"), ALL_TEAMS), chosen=team_id)
        self.team.currentIndexChanged.connect(self._stale)

        self.columns = QTableWidget(0, 3)
        self.columns.setHorizontalHeaderLabels(
            [self.tr("Column in the file"), self.tr("First values"), self.tr("Import as")]
        )
        self.columns.setAccessibleName(self.tr("Columns"))
        self.columns.verticalHeader().hide()
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.field_boxes: list[QComboBox] = []

        self.rows = QTableWidget(0, 6)
        self.rows.setHorizontalHeaderLabels(
            [
                self.tr("Row"),
                self.tr("Person"),
                self.tr("Course"),
                self.tr("Completed"),
                self.tr("Provider"),
                self.tr("What happens"),
            ]
        )
        self.rows.setAccessibleName(self.tr("Preview"))
        self.rows.verticalHeader().hide()
        self.rows.horizontalHeader().setStretchLastSection(True)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.summary = QLabel()
        self.summary.setObjectName("sectionTitle")
        self.error = ErrorLabel()

        self.preview_button = QPushButton(self.tr("&Preview"))
        self.preview_button.clicked.connect(self.build_preview)
        self.import_button = QPushButton(self.tr("&Import"))
        self.import_button.setObjectName("primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.import_rows)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)

        top = QGridLayout()
        top.addWidget(QLabel(self.tr("File")), 0, 0)
        top.addWidget(self.path, 0, 1)
        top.addWidget(choose, 0, 2)
        team_label = QLabel(self.tr("Match &names in"))
        team_label.setBuddy(self.team)
        top.addWidget(team_label, 1, 0)
        top.addWidget(self.team, 1, 1, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Import training completions")))
        layout.addWidget(
            note_label(
                self.tr(
                    "Columns: the person (their name, or their number in the app), the "
                    "course (as named in the training matrix), the date completed, and "
                    "optionally the provider and the evidence. Nothing is saved until you "
                    "press Import; rows with a problem are left out and say why."
                )
            )
        )
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Columns")))
        layout.addWidget(self.columns, 1)
        layout.addWidget(QLabel(self.tr("Preview")))
        layout.addWidget(self.rows, 2)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        fit_to_screen(self, 980, 760)

    # ---- the file and its columns ------------------------------------------------------

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the spreadsheet"), "", FILE_FILTER
        )
        if path:
            self.load_file(path)

    def load_file(self, path: str | Path) -> bool:
        self.error.clear_message()
        try:
            sheet = read_sheet(path)
        except WellbeingError as error:
            self.error.show_message(str(error))
            return False
        self.sheet = sheet
        self.path.setText(sheet.file_name)
        guesses = ti.guess_training_mapping(sheet)
        self.columns.setRowCount(len(guesses))
        self.field_boxes = []
        for row, guess in enumerate(guesses):
            self.columns.setItem(row, 0, QTableWidgetItem(guess.header))
            self.columns.setItem(row, 1, QTableWidgetItem(", ".join(sheet.samples(row))))
            box = combo_box()
            box.setAccessibleName(self.tr("Import column {name} as").format(name=guess.header))
            box.addItem(self.tr("Not imported"), None)
            for field in ti.TrainingField:
                box.addItem(self.tr(field.label), field.value)
            if guess.field is not None:
                box.setCurrentIndex(box.findData(guess.field.value))
            box.currentIndexChanged.connect(self._stale)
            self.columns.setCellWidget(row, 2, box)
            self.field_boxes.append(box)
        self.build_preview()
        return True

    def mapping(self) -> tuple[ti.TrainingField | None, ...]:
        return tuple(
            ti.TrainingField(box.currentData()) if box.currentData() else None
            for box in self.field_boxes
        )

    def _stale(self) -> None:
        self.preview = None
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Press Preview to check the rows again."))

    # ---- preview and import ------------------------------------------------------------

    def build_preview(self) -> None:
        self.error.clear_message()
        if self.sheet is None:
            self.error.show_message(self.tr("Choose a file first."))
            return
        team = self.team.currentData()
        try:
            preview = ti.build_training_preview(
                self.db,
                self.sheet,
                self.mapping(),
                team_id=None if team in (None, ALL_TEAMS) else int(team),
                today=self.today,
            )
        except WellbeingError as error:
            self.error.show_message(str(error))
            self._stale()
            return
        self.preview = preview
        self.rows.setRowCount(len(preview.rows))
        for index, row in enumerate(preview.rows):
            adding = row.action == ti.ADD
            what = (
                self.tr("✓ Add") + (f" · {row.problems_text()}" if row.problems else "")
                if adding
                else self.tr("Left out: {why}").format(why=row.problems_text())
            )
            cells = [
                str(row.row_number),
                self._as_matched(row.person_name, row.person_text),
                self._as_matched(row.course_name, row.course_text),
                row.date_words if row.date_text else format_date(row.completed_on),
                row.provider,
                what,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2, 3):
                    item.setToolTip(text)
                if column == 5:
                    item.setToolTip(text)
                    if not adding:
                        item.setForeground(Qt.GlobalColor.darkRed)
                self.rows.setItem(index, column, item)
        for column in range(5):  # the last column stretches; its text is in the tooltip too
            self.rows.resizeColumnToContents(column)
        self.summary.setText(self.tr(preview.summary()))
        self.import_button.setEnabled(preview.count(ti.ADD) > 0)
        self.import_button.setText(self.tr("&Import {count}").format(count=preview.count(ti.ADD)))

    def _as_matched(self, matched: str, in_file: str) -> str:
        """What a row matched to, and what the file said when that differs beyond case
        and spacing (a reading to check): "Grace O'Hara (from 'O’Hara, Grace')"."""
        if not matched:
            return in_file
        if ti.same_words(matched, in_file):
            return matched
        return self.tr("{matched} (from '{text}')").format(matched=matched, text=in_file[:40])

    def import_rows(self) -> None:
        if self.preview is None or not self.preview.count(ti.ADD):
            return
        try:
            self.report = ti.apply_training_import(self.db, self.preview)
        except WellbeingError as error:
            self.error.show_message(str(error))
            return
        self.summary.setText(self.tr("Imported: {summary}").format(summary=self.report.summary()))
        self.import_button.setEnabled(False)
        self.preview = None
        self.saved.emit()
