"""The person view's Development tab: their programme (induction, preceptorship or
skills passport) with its milestones, their development plan and objectives, and
their CPD log with yearly totals.

It loads its own data in the background (``load_development``) when the person view
shows a person, and opens the dialogs in ``programme_dialogs`` and ``plan_dialogs``.
After a change it emits ``changed``; the person view reloads (a preceptorship changes
the caseload limit it shows) and so shows this tab afresh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QWidget,
)

from wellbeing_desktop.ui.forms.fields import combo_box
from wellbeing_desktop.ui.models.format import format_date, format_number, service_text
from wellbeing_desktop.ui.models.records import (
    RECORD_ROLE,
    RecordColumn,
    RecordTableModel,
)
from wellbeing_desktop.ui.widgets.panels import panel, selectable_text
from wellbeing_desktop.ui.widgets.tables import read_only_table
from wellbeing_desktop.ui.widgets.theme import SPACE

if TYPE_CHECKING:
    from wellbeing_desktop.services.development import CpdInfo, CpdLog, ObjectiveInfo, PlanInfo
    from wellbeing_desktop.services.people import StaffInfo
    from wellbeing_desktop.services.programmes import MilestoneInfo, ProgrammeInfo
    from wellbeing_desktop.storage.database import Database
    from wellbeing_desktop.ui.tasks import TaskRunner


@dataclass(frozen=True)
class DevelopmentData:
    staff_id: int
    programmes: tuple[ProgrammeInfo, ...]  # running first, then newest
    plans: tuple[PlanInfo, ...]  # newest year first
    cpd: CpdLog
    today: dt.date


def load_development(db: Database, staff_id: int, today: dt.date) -> DevelopmentData:
    """Everything the Development tab shows. Runs off the UI thread."""
    from wellbeing_desktop.services.development import cpd_log, plans_for
    from wellbeing_desktop.services.programmes import programmes_for

    return DevelopmentData(
        staff_id=staff_id,
        programmes=tuple(programmes_for(db, staff_id, today=today)),
        plans=tuple(plans_for(db, staff_id, today=today)),
        cpd=cpd_log(db, staff_id, today=today),
        today=today,
    )


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day else 0


def _table(parent: QWidget, model: Any, name: str) -> QTableView:
    return read_only_table(
        parent, model, name, resize=QHeaderView.ResizeMode.ResizeToContents, stretch_column=0
    )


NOTES_SHOWN = 160


def _short_notes(notes: str) -> str:
    """The first lines of the notes, at most ``NOTES_SHOWN`` characters."""
    lines = notes.splitlines()
    short = "\n".join(lines[:2])
    if len(short) > NOTES_SHOWN:
        short = short[: NOTES_SHOWN - 1].rstrip()
    return short + ("…" if short != notes else "")


def _readable_columns(table: QTableView, *, stretch: int, capped: int) -> None:
    """A first column that never shrinks below a readable width, and a wordy column
    capped (its whole text in the tooltip), so the table reads at the minimum width."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    header.setMinimumSectionSize(metrics.horizontalAdvance("x") * 14)
    header.setSectionResizeMode(capped, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(capped, metrics.horizontalAdvance("✓ 00/00/0000, Xxxxxxxx"))
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)


def _selected(table: QTableView) -> Any:
    index = table.currentIndex()
    return index.data(RECORD_ROLE) if index.isValid() else None


def _button(parent: QWidget, text: str, name: str, slot: Any) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    button.clicked.connect(slot)
    return button


class DevelopmentPanel(QWidget):
    """Programme, plan and CPD for one person."""

    changed = Signal()
    loaded = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._db: Database | None = None
        self._staff: StaffInfo | None = None
        self._today = dt.date.today()
        self._data: DevelopmentData | None = None
        self.dialog: QDialog | None = None  # the dialog open now, if any
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        layout.setSpacing(SPACE * 2)
        layout.addWidget(self._build_programme(), 5)
        layout.addWidget(self._build_plan(), 5)
        layout.addWidget(self._build_cpd(), 4)

    # ---- building ----------------------------------------------------------------------

    def _build_programme(self) -> QWidget:
        frame, layout, header = panel(self, self.tr("Programme"))
        self.start_button = _button(
            frame,
            self.tr("S&tart…"),
            self.tr("Start an induction, preceptorship or skills passport"),
            self._start_programme,
        )
        header.addWidget(self.start_button)
        self.start_button.hide()  # until a programme is shown; before, "Start a programme…"
        self.programme_choice = combo_box()
        self.programme_choice.setAccessibleName(self.tr("Programme shown"))
        self.programme_choice.currentIndexChanged.connect(self._show_programme)
        layout.addWidget(self.programme_choice)
        self.progress_label = selectable_text(frame, self.tr("Programme progress"))
        font = self.progress_label.font()
        font.setWeight(font.Weight.DemiBold)
        self.progress_label.setFont(font)
        self.programme_details = selectable_text(frame, self.tr("Programme details"))
        self.programme_details.setObjectName("muted")
        layout.addWidget(self.progress_label)
        layout.addWidget(self.programme_details)
        columns: list[RecordColumn[MilestoneInfo]] = [
            RecordColumn(
                self.tr("Milestone"), lambda m: m.title, lambda m: m.position, lambda m: m.title
            ),
            RecordColumn(
                self.tr("Target"),
                lambda m: (
                    self.tr("⚠ {date}, overdue").format(date=format_date(m.target_on))
                    if m.overdue
                    else format_date(m.target_on, "–")
                ),
                lambda m: _ordinal(m.target_on),
                attention=lambda m: m.overdue,
            ),
            RecordColumn(
                self.tr("Signed off"),
                lambda m: (
                    self.tr("✓ {date}, {by}").format(
                        date=format_date(m.signed_off_on), by=m.signed_off_by
                    )
                    if m.signed_off
                    else self.tr("Not yet")
                ),
                lambda m: _ordinal(m.signed_off_on),
                lambda m: (
                    self.tr("Signed off {date} by {by}").format(
                        date=format_date(m.signed_off_on), by=m.signed_off_by
                    )
                    if m.signed_off
                    else None
                ),
            ),
        ]
        self.milestones_model: RecordTableModel[MilestoneInfo] = RecordTableModel(columns, self)
        self.milestones_table = _table(frame, self.milestones_model, self.tr("Milestones"))
        self.milestones_table.activated.connect(lambda _i: self._sign_off())
        self.milestones_table.setToolTip(
            self.tr(
                "Double-click or press Enter to sign off; Delete removes a milestone added "
                "by mistake"
            )
        )
        _readable_columns(self.milestones_table, stretch=0, capped=2)
        remove_milestone = QShortcut(QKeySequence.StandardKey.Delete, self.milestones_table)
        remove_milestone.setContext(Qt.ShortcutContext.WidgetShortcut)
        remove_milestone.activated.connect(self._delete_milestone)
        layout.addWidget(self.milestones_table, 1)
        self.programme_empty = selectable_text(
            frame,
            self.tr("No programme"),
        )
        self.programme_empty.setText(
            self.tr(
                "No programme recorded. Start an induction for a new starter, a preceptorship "
                "for someone newly qualified (it lowers their safe caseload while it runs), or a "
                "skills passport for a support worker."
            )
        )
        self.programme_empty.setObjectName("muted")
        layout.addWidget(self.programme_empty)
        self.empty_start_button = _button(
            frame,
            self.tr("S&tart a programme…"),  # Alt+T, as Start… (Alt+P: Reports)
            self.tr("Start an induction, preceptorship or skills passport"),
            self._start_programme,
        )
        self.empty_start_button.setObjectName("primary")
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.empty_start_button)
        empty_row.addStretch(1)
        layout.addLayout(empty_row)
        buttons = QHBoxLayout()
        self.sign_off_button = _button(
            frame, self.tr("Sign &off…"), self.tr("Sign off the chosen milestone"), self._sign_off
        )
        self.undo_sign_off_button = _button(
            frame,
            self.tr("Undo sign-off"),
            self.tr("Undo the chosen milestone's sign-off"),
            self._undo_sign_off,
        )
        self.add_milestone_button = _button(
            frame, self.tr("Add milestone…"), self.tr("Add a milestone"), self._add_milestone
        )
        self.edit_programme_button = _button(
            frame,
            self.tr("Details…"),
            self.tr("Change the preceptor or assessor and the notes"),
            self._edit_programme,
        )
        self.extend_button = _button(
            frame, self.tr("E&xtend…"), self.tr("Extend the programme"), self._extend
        )
        self.finish_button = _button(
            frame, self.tr("Fi&nish…"), self.tr("Finish the programme"), self._finish
        )
        self.delete_programme_button = _button(
            frame,
            self.tr("Delete…"),
            self.tr("Delete a programme recorded by mistake"),
            self._delete_programme,
        )
        for button in (
            self.sign_off_button,
            self.undo_sign_off_button,
            self.add_milestone_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_programme_button)
        buttons.addWidget(self.delete_programme_button)
        layout.addLayout(buttons)
        # What changes the whole programme sits by its title, apart from the milestones'.
        header.addWidget(self.extend_button)
        header.addWidget(self.finish_button)
        return frame

    def _build_plan(self) -> QWidget:
        frame, layout, header = panel(self, self.tr("Development plan"))
        self.plan_choice = combo_box()
        self.plan_choice.setMinimumContentsLength(6)
        self.plan_choice.setAccessibleName(self.tr("Plan year"))
        self.plan_choice.currentIndexChanged.connect(self._show_plan)
        header.addWidget(self.plan_choice)
        self.new_plan_button = _button(
            frame, self.tr("New p&lan…"), self.tr("New development plan"), self._new_plan
        )
        header.addWidget(self.new_plan_button)
        self.plan_label = selectable_text(frame, self.tr("Plan summary"))
        layout.addWidget(self.plan_label)
        columns: list[RecordColumn[ObjectiveInfo]] = [
            RecordColumn(self.tr("Objective"), lambda o: o.text.splitlines()[0] if o.text else ""),
            RecordColumn(
                self.tr("Target"),
                lambda o: (
                    self.tr("⚠ {date}").format(date=format_date(o.target_on))
                    if o.overdue
                    else format_date(o.target_on, "–")
                ),
                lambda o: _ordinal(o.target_on),
                attention=lambda o: o.overdue,
            ),
            RecordColumn(
                self.tr("Status"),
                lambda o: ("✓ " if o.status == "achieved" else "") + service_text(o.status_label),
                tooltip=self._objective_tooltip,
            ),
        ]
        self.objectives_model: RecordTableModel[ObjectiveInfo] = RecordTableModel(columns, self)
        self.objectives_table = _table(frame, self.objectives_model, self.tr("Objectives"))
        self.objectives_table.activated.connect(lambda _i: self._edit_objective())
        self.objectives_table.setToolTip(self.tr("Double-click or press Enter to edit"))
        layout.addWidget(self.objectives_table, 1)
        buttons = QHBoxLayout()
        self.add_objective_button = _button(
            frame, self.tr("Add ob&jective…"), self.tr("Add an objective"), self._add_objective
        )
        self.edit_objective_button = _button(
            frame,
            self.tr("Update…"),
            self.tr("Update the chosen objective's progress or status"),
            self._edit_objective,
        )
        self.edit_plan_button = _button(
            frame, self.tr("Edit plan…"), self.tr("Edit the plan"), self._edit_plan
        )
        self.delete_objective_button = _button(
            frame,
            self.tr("Delete…"),
            self.tr("Delete the chosen objective, recorded by mistake"),
            self._delete_objective,
        )
        buttons.addWidget(self.add_objective_button)
        buttons.addWidget(self.edit_objective_button)
        buttons.addWidget(self.delete_objective_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_plan_button)
        layout.addLayout(buttons)
        return frame

    def _build_cpd(self) -> QWidget:
        frame, layout, header = panel(self, self.tr("CPD log"))
        self.add_cpd_button = _button(
            frame, self.tr("&Add CPD…"), self.tr("Add a CPD activity"), self._add_cpd
        )
        header.addWidget(self.add_cpd_button)
        self.cpd_totals = selectable_text(frame, self.tr("CPD totals"))
        self.cpd_reference = selectable_text(frame, self.tr("Revalidation reference"))
        self.cpd_reference.setObjectName("muted")
        layout.addWidget(self.cpd_totals)
        columns: list[RecordColumn[CpdInfo]] = [
            RecordColumn(
                self.tr("Activity"), lambda c: c.activity, tooltip=lambda c: c.reflection or None
            ),
            RecordColumn(
                self.tr("Date"), lambda c: format_date(c.done_on), lambda c: _ordinal(c.done_on)
            ),
            RecordColumn(
                self.tr("Hours"),
                lambda c: format_number(c.hours),
                lambda c: c.hours,
                align_right=True,
            ),
        ]
        self.cpd_model: RecordTableModel[CpdInfo] = RecordTableModel(columns, self)
        self.cpd_table = _table(frame, self.cpd_model, self.tr("CPD activities"))
        self.cpd_table.activated.connect(lambda _i: self._edit_cpd())
        self.cpd_table.setToolTip(self.tr("Double-click or press Enter to edit"))
        layout.addWidget(self.cpd_table, 1)
        layout.addWidget(self.cpd_reference)
        buttons = QHBoxLayout()
        self.edit_cpd_button = _button(
            frame, self.tr("Edit…"), self.tr("Edit the chosen CPD activity"), self._edit_cpd
        )
        self.delete_cpd_button = _button(
            frame, self.tr("Delete…"), self.tr("Delete the chosen CPD activity"), self._delete_cpd
        )
        buttons.addStretch(1)
        buttons.addWidget(self.edit_cpd_button)
        buttons.addWidget(self.delete_cpd_button)
        layout.addLayout(buttons)
        return frame

    # ---- loading -----------------------------------------------------------------------

    @property
    def data(self) -> DevelopmentData | None:
        return self._data

    def show_for(self, db: Database, staff: StaffInfo, today: dt.date) -> None:
        """Load and show this person's development (in the background)."""
        if self._staff is None or staff.id != self._staff.id:
            self._data = None
        self._db, self._staff, self._today = db, staff, today
        staff_id = staff.id
        self._tasks.run(
            lambda: load_development(db, staff_id, today),
            on_result=self._show,
            on_error=self._on_error,
            key="person-development",
        )

    def _on_error(self, error: BaseException) -> None:
        from wellbeing_desktop.ui.dialogs import report_error

        report_error(error, self)

    def _show(self, data: DevelopmentData) -> None:
        if self._staff is None or data.staff_id != self._staff.id:
            return
        previous = self._data
        self._data = data
        self._fill_choice(
            self.programme_choice,
            [
                (
                    p.id,
                    self.tr("{kind} from {start}{state}").format(
                        kind=service_text(p.label),
                        start=format_date(p.start_on),
                        state=""
                        if p.running
                        else " · " + service_text(p.outcome_label or "Finished").lower(),
                    ),
                )
                for p in data.programmes
            ],
            self._kept_choice(self.programme_choice, previous),
        )
        self._fill_choice(
            self.plan_choice,
            [(p.id, str(p.year)) for p in data.plans],
            self._kept_choice(self.plan_choice, previous),
        )
        self._show_programme()
        self._show_plan()
        self._show_cpd()
        self.loaded.emit()

    @staticmethod
    def _kept_choice(combo: QComboBox, previous: DevelopmentData | None) -> int | None:
        """The record chosen before a reload of the same person, to keep it chosen."""
        return combo.currentData() if previous is not None else None

    @staticmethod
    def _fill_choice(combo: QComboBox, items: list[tuple[int, str]], keep: int | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        for record_id, text in items:
            combo.addItem(text, record_id)
        index = combo.findData(keep) if keep is not None else -1
        combo.setCurrentIndex(index if index >= 0 else (0 if items else -1))
        combo.setVisible(len(items) > 1)
        combo.blockSignals(False)

    def current_programme(self) -> ProgrammeInfo | None:
        if self._data is None:
            return None
        chosen = self.programme_choice.currentData()
        return next((p for p in self._data.programmes if p.id == chosen), None)

    def current_plan(self) -> PlanInfo | None:
        if self._data is None:
            return None
        chosen = self.plan_choice.currentData()
        return next((p for p in self._data.plans if p.id == chosen), None)

    def _show_programme(self) -> None:
        programme = self.current_programme()
        has = programme is not None
        for widget in (self.progress_label, self.programme_details, self.milestones_table):
            widget.setVisible(has)
        self.programme_empty.setVisible(not has)
        # With no programme there is one thing to do: start one.
        self.empty_start_button.setVisible(not has)
        self.start_button.setVisible(has)
        running = has and programme is not None and programme.running
        for button in (
            self.sign_off_button,
            self.undo_sign_off_button,
            self.add_milestone_button,
            self.extend_button,
            self.finish_button,
        ):
            button.setVisible(has)
            button.setEnabled(running)
        for button in (self.edit_programme_button, self.delete_programme_button):
            button.setVisible(has)
            button.setEnabled(has)
        if programme is None:
            self.milestones_model.set_records([])
            return
        self.progress_label.setText(service_text(programme.progress.words))
        lines = []
        period = self.tr("{start} to {end}").format(
            start=format_date(programme.start_on), end=format_date(programme.expected_end_on)
        )
        lines.append(self.tr("Expected {period}").format(period=period))
        if programme.assessor_name:
            lines.append(
                self.tr("Preceptor or assessor: {name}").format(name=programme.assessor_name)
            )
        if programme.protection is not None:
            lines.append(service_text(programme.protection.words))
        notes = programme.notes.strip()
        if notes:
            lines.append(_short_notes(notes))
        self.programme_details.setText("\n".join(lines))
        # The notes grow with each extension: shown shortened, whole in the tooltip.
        self.programme_details.setToolTip(notes if notes != _short_notes(notes) else "")
        self.milestones_model.set_records(programme.milestones)
        self.milestones_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def _show_plan(self) -> None:
        plan = self.current_plan()
        self.add_objective_button.setEnabled(plan is not None)
        self.edit_objective_button.setEnabled(plan is not None)
        self.delete_objective_button.setEnabled(plan is not None)
        self.edit_plan_button.setEnabled(plan is not None)
        self.objectives_table.setVisible(plan is not None)
        if plan is None:
            self.plan_label.setText(
                self.tr("No development plan yet. Make one with New plan (Alt+P).")
            )
            self.objectives_model.set_records([])
            return
        text = service_text(plan.words)
        if plan.agreed_on:
            text += " · " + self.tr("agreed {date}").format(date=format_date(plan.agreed_on))
        self.plan_label.setText(text)
        self.objectives_model.set_records(plan.objectives)

    def _objective_tooltip(self, objective: ObjectiveInfo) -> str | None:
        lines = [objective.text]
        if objective.achieved_on:
            lines.append(self.tr("Achieved {date}").format(date=format_date(objective.achieved_on)))
        if objective.progress.strip():
            lines.append(self.tr("Progress: {text}").format(text=objective.progress.strip()))
        return "\n".join(lines)

    def _show_cpd(self) -> None:
        assert self._data is not None
        log = self._data.cpd
        from wellbeing_desktop.services.development import hours_text

        lines = [service_text(log.period_words)]
        for year in log.years[:4]:
            lines.append(
                self.tr("{year}: {hours} ({count} {activities})").format(
                    year=year.year,
                    hours=service_text(hours_text(year.hours)),
                    count=year.activities,
                    activities=self.tr("activity")
                    if year.activities == 1
                    else self.tr("activities"),
                )
            )
        self.cpd_totals.setText("\n".join(lines) if log.entries else self.tr("No CPD recorded."))
        self.cpd_reference.setText(service_text(log.reference_words))
        self.cpd_model.set_records(log.entries)
        self.cpd_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)

    # ---- dialogs -----------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self.changed)  # type: ignore[attr-defined]
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()

    def _start_programme(self) -> None:
        if self._db is None or self._staff is None:
            return
        from wellbeing_desktop.services.programmes import colleague_choices
        from wellbeing_desktop.ui.programme_dialogs import StartProgrammeDialog

        colleagues = colleague_choices(self._db, today=self._today)
        self._open(
            StartProgrammeDialog(self._db, self._staff, colleagues, parent=self, today=self._today)
        )

    def _edit_programme(self) -> None:
        programme = self.current_programme()
        if self._db is None or programme is None:
            return
        from wellbeing_desktop.services.programmes import colleague_choices
        from wellbeing_desktop.ui.programme_dialogs import EditProgrammeDialog

        colleagues = colleague_choices(self._db, also=programme.assessor_id, today=self._today)
        self._open(
            EditProgrammeDialog(self._db, programme, colleagues, parent=self, today=self._today)
        )

    def _chosen_milestone(self) -> MilestoneInfo | None:
        milestone = _selected(self.milestones_table)
        if milestone is None:
            self.sign_off_button.setToolTip(self.tr("Choose a milestone in the list first"))
        return milestone  # type: ignore[no-any-return]

    def _sign_off(self) -> None:
        programme, milestone = self.current_programme(), self._chosen_milestone()
        if self._db is None or programme is None or milestone is None or not programme.running:
            return
        from wellbeing_desktop.ui.programme_dialogs import SignOffDialog

        self._open(SignOffDialog(self._db, programme, milestone, parent=self, today=self._today))

    def _undo_sign_off(self) -> None:
        milestone = self._chosen_milestone()
        if self._db is None or milestone is None or not milestone.signed_off:
            return
        from wellbeing_desktop.services.programmes import clear_sign_off

        db, today = self._db, self._today
        self._write(lambda: clear_sign_off(db, milestone.id, today=today))

    def _add_milestone(self) -> None:
        programme = self.current_programme()
        if self._db is None or programme is None:
            return
        from wellbeing_desktop.ui.programme_dialogs import AddMilestoneDialog

        self._open(AddMilestoneDialog(self._db, programme, parent=self, today=self._today))

    def _extend(self) -> None:
        programme = self.current_programme()
        if self._db is None or programme is None:
            return
        from wellbeing_desktop.ui.programme_dialogs import ExtendProgrammeDialog

        self._open(ExtendProgrammeDialog(self._db, programme, parent=self, today=self._today))

    def _finish(self) -> None:
        programme = self.current_programme()
        if self._db is None or programme is None:
            return
        from wellbeing_desktop.ui.programme_dialogs import FinishProgrammeDialog

        self._open(FinishProgrammeDialog(self._db, programme, parent=self, today=self._today))

    def _new_plan(self) -> None:
        if self._db is None or self._staff is None:
            return
        from wellbeing_desktop.ui.plan_dialogs import PlanDialog

        self._open(PlanDialog(self._db, self._staff.id, parent=self, today=self._today))

    def _edit_plan(self) -> None:
        plan = self.current_plan()
        if self._db is None or self._staff is None or plan is None:
            return
        from wellbeing_desktop.ui.plan_dialogs import PlanDialog

        self._open(PlanDialog(self._db, self._staff.id, plan, parent=self, today=self._today))

    def _add_objective(self) -> None:
        plan = self.current_plan()
        if self._db is None or plan is None:
            return
        from wellbeing_desktop.ui.plan_dialogs import ObjectiveDialog

        self._open(ObjectiveDialog(self._db, plan, parent=self, today=self._today))

    def _edit_objective(self) -> None:
        plan, objective = self.current_plan(), _selected(self.objectives_table)
        if self._db is None or plan is None or objective is None:
            return
        from wellbeing_desktop.ui.plan_dialogs import ObjectiveDialog

        self._open(ObjectiveDialog(self._db, plan, objective, parent=self, today=self._today))

    def _add_cpd(self) -> None:
        if self._db is None or self._staff is None:
            return
        from wellbeing_desktop.ui.plan_dialogs import CpdDialog

        self._open(CpdDialog(self._db, self._staff.id, parent=self, today=self._today))

    def _edit_cpd(self) -> None:
        entry = _selected(self.cpd_table)
        if self._db is None or self._staff is None or entry is None:
            return
        from wellbeing_desktop.ui.plan_dialogs import CpdDialog

        self._open(CpdDialog(self._db, self._staff.id, entry, parent=self, today=self._today))

    def _delete_cpd(self) -> None:
        entry = _selected(self.cpd_table)
        if self._db is None or entry is None:
            return
        from wellbeing_desktop.ui.programme_dialogs import ask

        if not ask(
            self,
            self.tr("Delete this CPD activity?"),
            self.tr("“{activity}” on {date} is removed from the log. This cannot be undone.")
            .replace("{activity}", entry.activity)
            .replace("{date}", format_date(entry.done_on)),
            self.tr("&Delete"),
        ):
            return
        from wellbeing_desktop.services.development import delete_cpd_entry

        db = self._db
        self._write(lambda: delete_cpd_entry(db, entry.id))

    def _delete_programme(self) -> None:
        programme = self.current_programme()
        if self._db is None or programme is None:
            return
        from wellbeing_desktop.ui.programme_dialogs import ask

        text = self.tr(
            "The {kind} from {start}, with its milestones and sign-offs, is deleted. Only do "
            "this for one recorded by mistake: to end a real one, use Finish. This cannot be "
            "undone."
        ).format(kind=service_text(programme.label).lower(), start=format_date(programme.start_on))
        if programme.protection is not None:
            text += " " + self.tr("Its caseload protection is deleted too.")
        if not ask(self, self.tr("Delete this programme?"), text, self.tr("&Delete")):
            return
        from wellbeing_desktop.services.programmes import delete_programme

        db = self._db
        self._write(lambda: delete_programme(db, programme.id))

    def _delete_milestone(self) -> None:
        programme, milestone = self.current_programme(), _selected(self.milestones_table)
        if self._db is None or programme is None or milestone is None or not programme.running:
            return
        from wellbeing_desktop.ui.programme_dialogs import ask

        if not ask(
            self,
            self.tr("Delete this milestone?"),
            self.tr("“{title}” is removed from the programme. This cannot be undone.").replace(
                "{title}", milestone.title
            ),
            self.tr("&Delete"),
        ):
            return
        from wellbeing_desktop.services.programmes import delete_milestone

        db, today = self._db, self._today
        self._write(lambda: delete_milestone(db, milestone.id, today=today))

    def _delete_objective(self) -> None:
        objective = _selected(self.objectives_table)
        if self._db is None or objective is None:
            return
        from wellbeing_desktop.ui.programme_dialogs import ask

        if not ask(
            self,
            self.tr("Delete this objective?"),
            self.tr(
                "“{text}” is removed from the plan; supervision actions that served it are "
                "kept, no longer linked. This cannot be undone."
            ).replace("{text}", objective.text.splitlines()[0] if objective.text else ""),
            self.tr("&Delete"),
        ):
            return
        from wellbeing_desktop.services.development import delete_objective

        db = self._db
        self._write(lambda: delete_objective(db, objective.id))

    def _write(self, action: Any) -> None:
        """Run a change off the UI thread, as loading does; the tab reloads when it is
        done, and an error is reported in a dialog."""
        self._tasks.run(
            action,
            on_result=lambda _result: self.changed.emit(),
            on_error=self._on_error,
        )
