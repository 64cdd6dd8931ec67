"""Allocate a case: who in the team has room, most room first, who is left out and why,
and an Allocate button that asks first when the case would take someone to amber or
over their limit.

Everything it shows and every consequence it names come from
``services/allocation.py``; the dialog only shows them and passes the choice back.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services import allocation
from wellbeing_desktop.services.caseloads import MAX_CASES
from wellbeing_desktop.services.teams import list_teams
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.fields import (
    ErrorLabel,
    combo_box,
    fit_to_screen,
    format_date,
    heading,
    note_label,
)
from wellbeing_desktop.ui.models.allocation_table import CandidatesModel, ExcludedModel
from wellbeing_desktop.ui.models.format import service_text
from wellbeing_desktop.ui.models.team_table import STATUS_ROLE
from wellbeing_desktop.ui.widgets.status import StatusDelegate
from wellbeing_desktop.ui.widgets.tables import read_only_table
from wellbeing_desktop.ui.widgets.theme import SPACE

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database


def _table(model: Any, name: str, parent: QWidget) -> QTableView:
    # The last column (the reason) takes the spare width rather than running off the
    # edge; a reason too long for it is elided, and shown whole in its tool tip.
    return read_only_table(
        parent,
        model,
        name,
        sort_proxy=False,
        resize=QHeaderView.ResizeMode.ResizeToContents,
        stretch_column=model.columnCount() - 1,
    )


class AllocationDialog(FormDialog):
    """Who can take a new case, for one team; allocating refreshes it in place and
    emits ``saved`` so the dashboard refreshes too."""

    def __init__(
        self,
        db: Database,
        *,
        team_id: int | None = None,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.options: allocation.AllocationOptions | None = None
        self.confirm_box: QMessageBox | None = None
        self.teams = list_teams(db)
        self.set_title(self.tr("Allocate a case"))
        self._build()
        chosen = team_id if team_id is not None else (self.teams[0].id if self.teams else None)
        index = self.team_combo.findData(chosen)
        self.team_combo.setCurrentIndex(max(index, 0))
        self.reload()

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = heading(self.windowTitle())
        self.intro = note_label(
            self.tr(
                "Who has room for a new case today, most room first: the room is the safe "
                "limit (after FTE and any protection) minus the current caseload. People "
                "paused by a workload plan, without a current caseload record, or at their "
                "limit are listed apart, with the reason."
            )
        )
        self.team_combo = combo_box()
        self.team_combo.setAccessibleName(self.tr("Team"))
        self.team_combo.setMinimumContentsLength(32)
        for team in self.teams:
            self.team_combo.addItem(team.name, team.id)
        self.team_combo.currentIndexChanged.connect(lambda _i: self.reload())
        team_label = QLabel(self.tr("&Team:"))
        team_label.setBuddy(self.team_combo)
        self.waiting_label = QLabel()
        self.waiting_label.setAccessibleName(self.tr("Cases waiting"))
        top = QHBoxLayout()
        top.addWidget(team_label)
        top.addWidget(self.team_combo)
        top.addSpacing(SPACE * 2)
        top.addWidget(self.waiting_label, 1)

        self.candidates = CandidatesModel(self)
        self.candidates_title = QLabel()
        self.candidates_title.setObjectName("sectionTitle")
        self.candidates_table = _table(self.candidates, self.tr("Who has room"), self)
        self.candidates_table.setItemDelegateForColumn(
            CandidatesModel.STATUS_COLUMN, StatusDelegate(STATUS_ROLE, self.candidates_table)
        )
        self.candidates_table.selectionModel().selectionChanged.connect(
            lambda *_: self._update_button()
        )
        self.candidates_table.activated.connect(lambda _i: self.allocate())  # Enter
        self.candidates_title.setBuddy(self.candidates_table)
        self.empty_label = note_label()
        self.empty_label.hide()

        self.excluded = ExcludedModel(self)
        self.excluded_title = QLabel()
        self.excluded_title.setObjectName("sectionTitle")
        self.excluded_table = _table(self.excluded, self.tr("Left out"), self)
        self.excluded_table.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.cases = QSpinBox()
        self.cases.setRange(1, MAX_CASES)
        self.cases.setValue(1)
        self.cases.setAccessibleName(self.tr("New cases to allocate"))
        cases_label = QLabel(self.tr("New &cases:"))
        cases_label.setBuddy(self.cases)
        self.cases_error = ErrorLabel()
        self.errors.register("cases", self.cases, self.cases_error)
        self.reduce_waiting = QCheckBox(self.tr("Take them off the cases &waiting"))
        self.reduce_waiting.setAccessibleName(self.tr("Take them off the cases waiting"))
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Last allocation"))
        self.result_label.setObjectName("muted")
        # Only for someone whose caseload is recorded by complexity level (weighted roles).
        self.band = combo_box()
        self.band.setAccessibleName(self.tr("Complexity of the new cases"))
        self.band_label = QLabel(self.tr("Comple&xity:"))
        self.band_label.setBuddy(self.band)
        self.band_error = ErrorLabel()
        self.errors.register("band", self.band, self.band_error)
        choice = QHBoxLayout()
        choice.addWidget(cases_label)
        choice.addWidget(self.cases)
        choice.addWidget(self.band_label)
        choice.addWidget(self.band)
        choice.addSpacing(SPACE * 2)
        choice.addWidget(self.reduce_waiting)
        choice.addStretch(1)

        self.allocate_button = QPushButton(self.tr("&Allocate"))
        self.allocate_button.setObjectName("primary")
        self.allocate_button.setAccessibleName(self.tr("Allocate to the person chosen"))
        self.allocate_button.setAutoDefault(False)
        self.allocate_button.setToolTip(self.tr("Allocate to the person chosen (Ctrl+Enter)"))
        self.allocate_button.clicked.connect(self.allocate)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.allocate)
        QShortcut(QKeySequence("Ctrl+Enter"), self).activated.connect(self.allocate)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result_label, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.allocate_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.candidates_title)
        layout.addWidget(self.candidates_table, 3)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.excluded_title)
        layout.addWidget(self.excluded_table, 2)
        layout.addLayout(choice)
        layout.addWidget(self.cases_error)
        layout.addWidget(self.band_error)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        fit_to_screen(self, 980, 680)

    # ---- loading -----------------------------------------------------------------------

    @property
    def team_id(self) -> int | None:
        value = self.team_combo.currentData()
        return int(value) if value is not None else None

    def reload(self, *, keep: int | None = None) -> None:
        """Ask the service again (after allocating, or for another team)."""
        team_id = self.team_id
        if team_id is None:
            self.options = None
            self.candidates.set_candidates(())
            self.excluded.set_excluded(())
            self._update_button()
            return
        self.options = options = allocation.allocation_options(self.db, team_id, today=self.today)
        self.candidates.set_candidates(options.candidates)
        self.excluded.set_excluded(options.excluded)
        self.candidates_title.setText(
            self.tr("Room for a new case (%n), most room first", "", len(options.candidates))
        )
        self.excluded_title.setText(self.tr("Left out (%n)", "", len(options.excluded)))
        self.empty_label.setText(self.tr("No one in this team has room for a new case today."))
        self.empty_label.setVisible(not options.candidates)
        if options.waiting is None:
            self.waiting_label.setText(self.tr("Cases waiting: not recorded"))
        else:
            self.waiting_label.setText(
                self.tr("Cases waiting: {n} (as on {date})").format(
                    n=options.waiting, date=format_date(options.waiting_recorded_on)
                )
            )
        self.reduce_waiting.setEnabled(bool(options.waiting))
        if keep is None or not options.waiting:  # a new team: on while cases are waiting
            self.reduce_waiting.setChecked(bool(options.waiting))
        row = 0
        if keep is not None:
            ids = [c.staff_id for c in options.candidates]
            row = ids.index(keep) if keep in ids else 0
        if options.candidates:
            self.candidates_table.selectRow(row)
            self.candidates_table.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_button()

    def chosen_staff_id(self) -> int | None:
        rows = self.candidates_table.selectionModel().selectedRows()
        return self.candidates.staff_id(rows[0].row()) if rows else None

    def _chosen_name(self) -> str:
        rows = self.candidates_table.selectionModel().selectedRows()
        return self.candidates.name(rows[0].row()) if rows else ""

    def _chosen_bands(self) -> tuple[str, ...]:
        staff_id = self.chosen_staff_id()
        if self.options is None or staff_id is None:
            return ()
        return next((c.bands for c in self.options.candidates if c.staff_id == staff_id), ())

    def _band(self) -> str | None:
        return self.band.currentText() if not self.band.isHidden() and self.band.count() else None

    def _update_button(self) -> None:
        bands = self._chosen_bands()
        if tuple(self.band.itemText(i) for i in range(self.band.count())) != bands:
            self.band.clear()
            self.band.addItems(list(bands))
        self.band.setVisible(bool(bands))
        self.band_label.setVisible(bool(bands))
        name = self._chosen_name()
        self.allocate_button.setEnabled(bool(name))
        self.allocate_button.setText(
            self.tr("&Allocate to {name}").format(name=name) if name else self.tr("&Allocate")
        )

    # ---- allocating --------------------------------------------------------------------

    def allocate(self) -> None:
        """Check the consequence; ask first when it takes them to amber or over."""
        staff_id = self.chosen_staff_id()
        if staff_id is None:
            return
        self.errors.clear()
        try:
            check = allocation.check_allocation(
                self.db, staff_id, self.cases.value(), band=self._band(), today=self.today
            )
        except Exception as error:
            self._show_error(error)
            return
        if not check.needs_confirmation:
            self._allocate(staff_id)
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Allocate a case"))
        box.setText(
            (
                self.tr("Allocate 1 case to {name}?")
                if check.cases == 1
                else self.tr("Allocate {n} cases to {name}?")
            ).format(n=check.cases, name=self._chosen_name())
        )
        box.setInformativeText(service_text(check.warning or ""))
        allocate = box.addButton(self.tr("Allocate &anyway"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("&Don't allocate"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setAccessibleName(self.tr("Confirm allocation"))
        box.finished.connect(
            lambda _r: self._allocate(staff_id) if box.clickedButton() is allocate else None
        )
        self.confirm_box = box
        box.open()

    def _allocate(self, staff_id: int) -> None:
        self.confirm_box = None
        try:
            result = allocation.allocate_cases(
                self.db,
                staff_id,
                self.cases.value(),
                band=self._band(),
                reduce_waiting=self.reduce_waiting.isChecked(),
                today=self.today,
            )
        except Exception as error:
            self._show_error(error)
            return
        name = self._chosen_name()
        self.result_label.setText(
            self.tr("{name}: {what}").format(name=name, what=service_text(result.words))
        )
        self.cases.setValue(1)
        self.reload(keep=staff_id)
        self.saved.emit()

    def _show_error(self, error: Exception) -> None:
        from wellbeing_desktop.errors import ValidationError, WellbeingError
        from wellbeing_desktop.ui.dialogs import report_error

        if isinstance(error, ValidationError):
            self.errors.show(error)
        elif isinstance(error, WellbeingError):
            self.errors.show_message(str(error))
        else:
            report_error(error, self)
