"""Bring a team in from a spreadsheet: choose the file, confirm the columns, check the
preview, import, and keep the report.

The wizard only collects choices and shows results: reading the file, the preview
and the save are the services' (``services.importing``), run off the UI thread
through the task runner with their progress shown. Nothing is saved until the
manager presses Import, and then everything is saved in one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

# Imported here, on the UI thread, and never first inside a task: a first import on a
# worker thread while the event loop runs crashed PySide6 (three times in three runs).
# This module is itself imported only when the wizard is first opened.
import openpyxl
import openpyxl.utils.exceptions  # noqa: F401
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.services import importing as _importing  # noqa: F401
from wellbeing_desktop.services import people as _people
from wellbeing_desktop.ui.forms.fields import DateEdit, ErrorLabel, fill_combo, note_label
from wellbeing_desktop.ui.models.format import service_text
from wellbeing_desktop.ui.models.import_preview import ImportPreviewModel
from wellbeing_desktop.ui.tasks import Progress, TaskRunner

if TYPE_CHECKING:
    from wellbeing_desktop.services.importing import ImportPreview, ImportReport, Sheet
    from wellbeing_desktop.storage.database import Database

NEW_TEAM = -1
FILE_FILTER = "Spreadsheets (*.xlsx *.csv *.txt);;All files (*)"


class _Busy(QWidget):
    """A progress bar and what is being done, shown while a task runs."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 100)
        self.bar.setAccessibleName(self.tr("Progress"))
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        self.hide()

    def start(self, text: str, progress: Progress) -> None:
        self.label.setText(text)
        self.bar.setValue(0)
        progress.reset()
        progress.changed.connect(self.bar.setValue)
        self.show()

    def stop(self, progress: Progress) -> None:
        progress.changed.disconnect(self.bar.setValue)
        self.hide()


class ImportWizard(QWizard):
    """Import staff (and caseloads) from a .xlsx or .csv file into a team. ``saved``
    fires once the import is saved, with the screens to refresh."""

    saved = Signal()

    PAGE_FILE, PAGE_COLUMNS, PAGE_PREVIEW, PAGE_REPORT = range(4)

    def __init__(
        self,
        db: Database,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
        team_id: int | None = None,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or dt.date.today()
        self.tasks = tasks or TaskRunner(self)
        self.progress = Progress(self)
        self.sheet: Sheet | None = None
        self.sheet_path = ""
        self.guesses: tuple[Any, ...] = ()
        self.team: tuple[int | None, str] = (None, "")
        self.preview: ImportPreview | None = None
        self.report: ImportReport | None = None
        self.working = False
        self.setWindowTitle(self.tr("Import staff from a spreadsheet"))
        self.setAccessibleName(self.tr("Import staff from a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.file_page = FilePage(team_id)
        self.columns_page = ColumnsPage()
        self.preview_page = PreviewPage()
        self.report_page = ReportPage()
        for page_id, page in enumerate(
            (self.file_page, self.columns_page, self.preview_page, self.report_page)
        ):
            self.setPage(page_id, page)
        self.resize(
            self.fontMetrics().horizontalAdvance("m") * 70, self.fontMetrics().height() * 36
        )

    # ---- running the steps off the UI thread --------------------------------------------

    def run_step(self, page: Any, text: str, function: Any, on_result: Any) -> None:
        """Run ``function(progress)`` off the UI thread; on success ``on_result(result)``
        and the wizard moves on, on failure the page shows the message."""
        self.working = True
        page.busy.start(text, self.progress)
        page.error.clear_message()
        page.completeChanged.emit()
        progress = self.progress

        def done(result: Any) -> None:
            self._finish(page)
            on_result(result)
            QTimer.singleShot(0, self.next)

        def failed(error: BaseException) -> None:
            self._finish(page)
            if isinstance(error, WellbeingError):
                page.error.show_message(service_text(str(error)))
            else:
                from wellbeing_desktop.ui.dialogs import report_error

                report_error(error, self)

        self.tasks.run(lambda: function(progress), on_result=done, on_error=failed, key="import")

    def _finish(self, page: Any) -> None:
        self.working = False
        page.busy.stop(self.progress)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        page.completeChanged.emit()

    def options(self, **changes: Any) -> Any:
        from dataclasses import replace

        from wellbeing_desktop.services.importing import ImportOptions

        base = self.preview.options if self.preview is not None else ImportOptions()
        return replace(base, **changes)

    def reject(self) -> None:
        if self.working and self.currentId() == self.PAGE_PREVIEW:
            return  # the import is being saved: it finishes whole or not at all
        super().reject()


# ---- 1. the file and the team ---------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, team_id: int | None) -> None:
        super().__init__()
        self._team_id = team_id
        self.setTitle(self.tr("Choose the spreadsheet"))
        self.setSubTitle(
            self.tr(
                "An Excel workbook (.xlsx) or a CSV file with one row per person, such as an "
                "export from the electronic staff record. Nothing is saved until you confirm."
            )
        )
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("Spreadsheet file"))
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("&Choose…"), self)
        browse.setAccessibleName(self.tr("Choose the spreadsheet file"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        file_label = QLabel(self.tr("&File:"), self)
        file_label.setBuddy(self.path_edit)  # a row of two widgets gets no buddy by itself
        form.addRow(file_label, row)
        self.team_combo = QComboBox(self)
        self.team_combo.setAccessibleName(self.tr("Team the people join"))
        self.team_combo.currentIndexChanged.connect(self._team_changed)
        form.addRow(self.tr("&Team:"), self.team_combo)
        self.new_team_edit = QLineEdit(self)
        self.new_team_edit.setAccessibleName(self.tr("Name of the new team"))
        self.new_team_edit.setPlaceholderText(self.tr("Name of the new team"))
        self.new_team_edit.textChanged.connect(self.completeChanged)
        form.addRow("", self.new_team_edit)
        layout.addLayout(form)
        layout.addWidget(
            note_label(
                self.tr(
                    "A title above the column headings, blank rows, Excel dates and UK text "
                    "dates (dd/mm/yyyy) are all fine."
                )
            )
        )
        layout.addStretch(1)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.busy = _Busy(self)
        layout.addWidget(self.busy)

    def initializePage(self) -> None:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        db = wizard.db

        def load() -> Any:
            return _people.list_teams(db)

        wizard.tasks.run(load, on_result=self._fill_teams, key="import-teams")

    def _fill_teams(self, teams: Any) -> None:
        self.team_combo.clear()
        for team in teams:
            self.team_combo.addItem(team.name, team.id)
        self.team_combo.addItem(self.tr("A new team…"), NEW_TEAM)
        # The team on screen; else the first team; a new team only when there is none.
        index = self.team_combo.findData(self._team_id) if self._team_id else 0
        self.team_combo.setCurrentIndex(max(0, index))
        self._team_changed()

    def _team_changed(self) -> None:
        self.new_team_edit.setVisible(self.team_combo.currentData() == NEW_TEAM)
        self.completeChanged.emit()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the spreadsheet"), "", self.tr(FILE_FILTER)
        )
        if path:
            self.path_edit.setText(path)

    def team_choice(self) -> tuple[int | None, str]:
        team = self.team_combo.currentData()
        if team == NEW_TEAM:
            return None, self.new_team_edit.text().strip()
        return int(team), ""

    def isComplete(self) -> bool:
        wizard = self.wizard()
        if wizard is None or getattr(wizard, "working", False):
            return False
        team, new_name = self.team_choice() if self.team_combo.count() else (None, "")
        has_team = team is not None or bool(new_name)
        return bool(self.path_edit.text().strip()) and has_team

    def validatePage(self) -> bool:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        path = self.path_edit.text().strip()
        team_id, new_team = self.team_choice()
        if wizard.sheet is not None and wizard.sheet_path == path:
            wizard.preview = None
            wizard.team = (team_id, new_team)
            return True

        def read(progress: Progress) -> Any:
            from wellbeing_desktop.services.importing import guess_mapping, read_sheet

            sheet = read_sheet(path, progress)
            return sheet, guess_mapping(sheet)

        def loaded(result: Any) -> None:
            wizard.sheet, wizard.guesses = result
            wizard.sheet_path = path
            wizard.team = (team_id, new_team)

        wizard.run_step(self, self.tr("Reading the file…"), read, loaded)
        return False


# ---- 2. which column is which -------------------------------------------------------------


class ColumnsPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Check the columns"))
        self.setSubTitle(
            self.tr(
                "Wellbeing Desktop has guessed what each column holds. Check the guesses "
                "marked for checking, and change any that are wrong."
            )
        )
        layout = QVBoxLayout(self)
        self.how_read = note_label()
        layout.addWidget(self.how_read)
        self.columns_area = QScrollArea(self)
        self.columns_area.setWidgetResizable(True)
        layout.addWidget(self.columns_area, 1)
        options = QFormLayout()
        self.hours_spin = QDoubleSpinBox(self)
        self.hours_spin.setRange(1, 80)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setValue(37.5)
        self.hours_spin.setSuffix(self.tr(" hours"))
        self.hours_spin.setAccessibleName(self.tr("Hours a week of a full-time post"))
        options.addRow(self.tr("A full-time &week is:"), self.hours_spin)
        self.caseloads_on = DateEdit(self.tr("Date of the caseloads"), self)
        options.addRow(self.tr("Caseloads are as &on:"), self.caseloads_on)
        # Either changes what the preview says, so a preview made before is stale.
        self.hours_spin.valueChanged.connect(self._forget_preview)
        self.caseloads_on.dateChanged.connect(self._forget_preview)
        layout.addLayout(options)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.busy = _Busy(self)
        layout.addWidget(self.busy)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        from wellbeing_desktop.services.importing import CONFIDENCE_WORDS, Field, column_letter

        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        sheet = wizard.sheet
        assert sheet is not None
        self.how_read.setText(
            self.tr("{file}: {rows} rows. ").format(file=sheet.file_name, rows=len(sheet.rows))
            + " ".join(service_text(text) for text in sheet.how_read)
        )
        self.caseloads_on.set_value(wizard.today)
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        for column, title in enumerate(
            (self.tr("Column"), self.tr("First values"), self.tr("Import as"), "")
        ):
            heading = QLabel(f"<b>{title}</b>")
            grid.addWidget(heading, 0, column)
        self.combos = []
        for guess in wizard.guesses:
            row = guess.column + 1
            grid.addWidget(QLabel(f"{column_letter(guess.column)} · {guess.header}"), row, 0)
            samples = QLabel(", ".join(sheet.samples(guess.column)))
            samples.setObjectName("muted")
            grid.addWidget(samples, row, 1)
            combo = QComboBox()
            combo.setAccessibleName(
                self.tr("Import column {letter} as").format(letter=column_letter(guess.column))
            )
            combo.addItem(self.tr("Not imported"), None)
            for field in Field:
                combo.addItem(service_text(field.label), field)
            combo.setCurrentIndex(max(0, combo.findData(guess.field)))
            combo.currentIndexChanged.connect(self._changed)
            grid.addWidget(combo, row, 2)
            sure = {"sure": "✓ ", "likely": "? ", "guess": "? "}.get(guess.confidence, "")
            words = CONFIDENCE_WORDS.get(guess.confidence, "")
            confidence = QLabel(sure + service_text(words))
            confidence.setToolTip(service_text(guess.reason))
            grid.addWidget(confidence, row, 3)
            self.combos.append(combo)
        grid.setColumnStretch(1, 1)
        self.columns_area.setWidget(grid_widget)
        self._changed()

    def _forget_preview(self) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.preview = None  # type: ignore[attr-defined]

    def mapping(self) -> tuple[Any, ...]:
        return tuple(combo.currentData() for combo in self.combos)

    def _changed(self) -> None:
        from wellbeing_desktop.services.importing import Field, mapping_problem

        mapping = self.mapping()
        problem = mapping_problem(mapping)
        if problem:
            self.error.show_message(service_text(problem))
        else:
            self.error.clear_message()
        self.hours_spin.setEnabled(Field.HOURS in mapping)
        self.caseloads_on.setEnabled(Field.CASELOAD in mapping)
        wizard = self.wizard()
        if wizard is not None:
            wizard.preview = None  # type: ignore[attr-defined]
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        from wellbeing_desktop.services.importing import mapping_problem

        wizard = self.wizard()
        busy = wizard is not None and getattr(wizard, "working", False)
        return not busy and mapping_problem(self.mapping()) is None

    def validatePage(self) -> bool:
        from wellbeing_desktop.services.importing import ImportOptions

        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        if wizard.preview is not None:
            return True
        team_id, new_team = wizard.team
        options = ImportOptions(
            team_id=team_id,
            new_team_name=new_team,
            full_time_hours=self.hours_spin.value(),
            caseloads_on=self.caseloads_on.value(),
            today=wizard.today,
        )
        build_preview_in(wizard, self, self.mapping(), options)
        return False


def build_preview_in(wizard: ImportWizard, page: Any, mapping: Any, options: Any) -> None:
    """Build the preview off the UI thread; the wizard moves on when it is ready."""
    sheet, db = wizard.sheet, wizard.db

    def build(progress: Progress) -> Any:
        from wellbeing_desktop.services.importing import build_preview

        return build_preview(db, sheet, mapping, options, progress)  # type: ignore[arg-type]

    def built(preview: Any) -> None:
        wizard.preview = preview

    wizard.run_step(page, wizard.tr("Checking every row…"), build, built)


# ---- 3. the preview ---------------------------------------------------------------------------


class PreviewPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Check what will be saved"))
        self.setCommitPage(True)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What the import will do"))
        layout.addWidget(self.summary)
        self.choices_holder = QVBoxLayout()
        self.choices_holder.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.choices_holder)
        self.choices_box: QWidget | None = None
        self.model = ImportPreviewModel(self)
        self.only_problems = QCheckBox(self.tr("Show only rows with &problems"), self)
        self.only_problems.toggled.connect(self.model.set_only_problems)
        layout.addWidget(self.only_problems)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Rows as they will be saved"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.busy = _Busy(self)
        layout.addWidget(self.busy)

    def initializePage(self) -> None:
        self.show_preview()

    def show_preview(self) -> None:
        from wellbeing_desktop.services.importing import CREATE, SKIP, UPDATE, Action

        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        preview = wizard.preview
        assert preview is not None
        self.setSubTitle(
            self.tr("Into {team}. Nothing is saved until you press Import.").format(
                team=preview.team_name
            )
        )
        self.summary.setText(service_text(preview.summary()))
        self.model.set_rows(preview.rows)
        self.table.resizeColumnsToContents()
        # The choices are made afresh for each preview, in a new box.
        if self.choices_box is not None:
            self.choices_box.deleteLater()
        box = self.choices_box = QWidget(self)
        self.choices = QFormLayout(box)
        self.choices.setContentsMargins(0, 0, 0, 0)
        self.choices_holder.addWidget(box)
        self.role_combos: dict[str, QComboBox] = {}
        for unknown in preview.unknown_roles:
            combo = QComboBox(box)
            combo.setAccessibleName(
                self.tr("What to do with the role {role}").format(role=unknown.text)
            )
            combo.addItem(self.tr("Create it as a new role"), CREATE)
            combo.addItem(self.tr("Leave these people out"), SKIP)
            for role in preview.roles:
                combo.addItem(self.tr("Use “{role}”").format(role=role.name), role.id)
            key = _role_key(unknown.text)
            chosen = preview.options.role_choices.get(key, SKIP)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.currentIndexChanged.connect(self._options_changed)
            self.role_combos[key] = combo
            self.choices.addRow(
                self.tr("Role “{role}” ({rows} rows):").format(
                    role=unknown.text, rows=unknown.rows
                ),
                combo,
            )
        self.template_combo = QComboBox(box)
        self.template_combo.setAccessibleName(self.tr("Role whose limits new roles copy"))
        for role in preview.roles:
            self.template_combo.addItem(role.name, role.id)
        if preview.template_role is not None:
            self.template_combo.setCurrentIndex(
                self.template_combo.findData(preview.template_role.id)
            )
        self.template_combo.currentIndexChanged.connect(self._options_changed)
        if preview.unknown_roles:
            self.choices.addRow(self.tr("New roles copy the &limits of:"), self.template_combo)
        else:
            self.template_combo.hide()  # kept, unshown, so the options read the same
        self.default_role = QComboBox(box)
        self.default_role.setAccessibleName(self.tr("Role for people the file gives none"))
        fill_combo(
            self.default_role,
            [(role.name, role.id) for role in preview.roles],
            first=(self.tr("None: leave them out"), None),
            chosen=preview.options.default_role_id,
        )
        self.default_role.currentIndexChanged.connect(self._options_changed)
        if preview.options.default_role_id or any(
            p.field == "role_id" and "No role" in p.message
            for r in preview.rows
            for p in r.problems
        ):
            self.choices.addRow(self.tr("People with no &role:"), self.default_role)
        else:
            self.default_role.hide()
        self.update_button = QRadioButton(self.tr("&Update them from the file"), box)
        self.keep_button = QRadioButton(self.tr("&Leave them as they are"), box)
        group = QButtonGroup(box)
        group.addButton(self.update_button)
        group.addButton(self.keep_button)
        (
            self.update_button if preview.options.duplicates == UPDATE else self.keep_button
        ).setChecked(True)
        self.update_button.toggled.connect(self._options_changed)
        if preview.duplicates:
            buttons = QHBoxLayout()
            buttons.addWidget(self.keep_button)
            buttons.addWidget(self.update_button)
            buttons.addStretch(1)
            self.choices.addRow(
                self.tr("{n} already in the team:").format(n=preview.duplicates), buttons
            )
        else:
            self.update_button.hide()
            self.keep_button.hide()
        saving = preview.count(Action.ADD) + preview.count(Action.UPDATE)
        wizard.setButtonText(
            QWizard.WizardButton.CommitButton,
            self.tr("&Import 1 person")
            if saving == 1
            else self.tr("&Import {n} people").format(n=f"{saving:,}")
            if saving
            else self.tr("&Import"),
        )
        self.completeChanged.emit()

    def _options_changed(self) -> None:
        from wellbeing_desktop.services.importing import UPDATE

        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        if wizard.preview is None:
            return
        options = wizard.options(
            role_choices={key: combo.currentData() for key, combo in self.role_combos.items()},
            role_template_id=self.template_combo.currentData(),
            default_role_id=self.default_role.currentData(),
            duplicates=UPDATE if self.update_button.isChecked() else "skip",
        )
        mapping, sheet, db = wizard.preview.mapping, wizard.sheet, wizard.db

        def build(progress: Progress) -> Any:
            from wellbeing_desktop.services.importing import build_preview

            return build_preview(db, sheet, mapping, options, progress)  # type: ignore[arg-type]

        wizard.working = True
        self.busy.start(self.tr("Checking every row again…"), wizard.progress)
        self.completeChanged.emit()

        def built(preview: Any) -> None:
            wizard._finish(self)
            wizard.preview = preview
            self.show_preview()

        def failed(error: BaseException) -> None:
            wizard._finish(self)
            self.error.show_message(service_text(str(error)))

        wizard.tasks.run(
            lambda: build(wizard.progress), on_result=built, on_error=failed, key="import"
        )

    def isComplete(self) -> bool:
        from wellbeing_desktop.services.importing import Action

        wizard = self.wizard()
        preview = getattr(wizard, "preview", None)
        if wizard is None or preview is None or getattr(wizard, "working", False):
            return False
        return bool(preview.count(Action.ADD) + preview.count(Action.UPDATE))

    def validatePage(self) -> bool:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        if wizard.report is not None:
            return True
        preview, db = wizard.preview, wizard.db
        wizard.button(QWizard.WizardButton.CancelButton).setEnabled(False)

        def save(progress: Progress) -> Any:
            from wellbeing_desktop.services.importing import apply_import

            return apply_import(db, preview, progress)  # type: ignore[arg-type]

        def saved(report: Any) -> None:
            wizard.report = report
            wizard.saved.emit()

        wizard.run_step(self, self.tr("Saving…"), save, saved)
        return False


def _role_key(text: str) -> str:
    from wellbeing_desktop.services.importing import role_key

    return role_key(text)


# ---- 4. the report ------------------------------------------------------------------------------


class ReportPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Imported"))
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("What the import did"))
        layout.addWidget(self.summary)
        self.table = QTableWidget(self)
        self.table.setAccessibleName(self.tr("What happened to each row"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton(self.tr("&Save report…"), self)
        self.save_button.setAccessibleName(self.tr("Save the import report as a file"))
        self.save_button.clicked.connect(lambda: self.save_report())
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.error = ErrorLabel(self)
        layout.addWidget(self.error)
        self.saved_label = note_label()
        layout.addWidget(self.saved_label)

    def initializePage(self) -> None:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        report = wizard.report
        assert report is not None
        self.summary.setText(
            self.tr("Into {team}: {summary}").format(
                team=report.team_name, summary=service_text(report.summary())
            )
        )
        titles = [self.tr("Row"), self.tr("Name"), self.tr("Outcome"), self.tr("Details")]
        self.table.setColumnCount(len(titles))
        self.table.setHorizontalHeaderLabels(titles)
        self.table.setRowCount(len(report.rows))
        for index, item in enumerate(report.rows):
            values = (str(item.row_number), item.name, item.outcome, item.details)
            for column, value in enumerate(values):
                self.table.setItem(index, column, QTableWidgetItem(service_text(value)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def save_report(self, path: str | None = None) -> bool:
        wizard: ImportWizard = self.wizard()  # type: ignore[assignment]
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the import report"),
                "import-report.csv",
                self.tr("CSV, UTF-8 (*.csv);;Excel workbook (*.xlsx)"),
            )
        if not path:
            return False
        from wellbeing_desktop.services.importing import save_report

        try:
            written = save_report(wizard.report, path)  # type: ignore[arg-type]
        except WellbeingError as error:
            self.error.show_message(str(error))
            return False
        self.error.clear_message()
        self.saved_label.setText(
            self.tr("Saved to {file}. It holds names: keep it somewhere safe.").format(
                file=written.name
            )
        )
        return True
