"""Record training: one course, one date, for one person or a whole team at once (a team
training day). Choose the course and date, tick the people, record; each field's
problem is shown beside it and nothing is saved until all is well."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services import people, training
from wellbeing_desktop.services.training import CompletionDraft, RecordedTraining
from wellbeing_desktop.ui.forms.attendee_picker import AttendeePicker, Person
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.fields import (
    DateEdit,
    ErrorLabel,
    Field,
    combo_box,
    fill_combo,
    fit_to_screen,
    heading,
    name_buttons,
    note_label,
    text_box,
)

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

ALL_TEAMS = -1


class RecordTrainingDialog(FormDialog):
    """``outcome`` holds what was recorded once ``saved`` has fired."""

    def __init__(
        self,
        db: Database,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
        team_id: int | None = None,
        course_id: int | None = None,
        staff_ids: Sequence[int] = (),
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.setWindowTitle(self.tr("Record training"))
        self.setObjectName("recordTrainingDialog")
        self.outcome: RecordedTraining | None = None
        self._staff = people.list_staff(db, today=self.today)
        self._ticked: set[int] = set(staff_ids)

        self.course = combo_box()
        self.course.setAccessibleName(self.tr("Course"))
        # No course chosen until the user chooses one: a preselected first course would
        # record the wrong training for whoever does not look.
        courses = [(course.name, course.id) for course in training.list_courses(db)]
        unchosen = (self.tr("Choose a course…"), None)
        fill_combo(self.course, courses, first=unchosen, chosen=course_id)
        self.completed_on = DateEdit(self.tr("Date completed"))
        self.completed_on.set_value(self.today)
        self.provider = QLineEdit()
        self.provider.setAccessibleName(self.tr("Provider"))
        self.provider.setPlaceholderText(self.tr("e.g. in-house, Scottish Drugs Forum"))
        self.evidence = text_box(
            self.tr("Evidence"), self.tr("e.g. certificate seen, attendance sheet"), lines=2
        )
        self.team = combo_box()
        self.team.setAccessibleName(self.tr("Show people in team"))
        teams = [(team.name, team.id) for team in people.list_teams(db)]
        fill_combo(self.team, teams, first=(self.tr("All teams"), ALL_TEAMS), chosen=team_id)

        fields = {
            "course_id": Field(self.tr("&Course"), self.course),
            "completed_on": Field(
                self.tr("&Date completed"),
                self.completed_on,
                note=self.tr("dd/mm/yyyy; not in the future"),
            ),
            "provider": Field(self.tr("&Provider"), self.provider),
            "evidence": Field(self.tr("&Evidence"), self.evidence),
        }
        self.register_fields(fields)

        self.picker_holder = QVBoxLayout()
        self.picker_holder.setContentsMargins(0, 0, 0, 0)
        self.picker: AttendeePicker | None = None
        self.people_error = ErrorLabel()
        self.tick_all = QPushButton(self.tr("&Tick everyone shown"))
        self.tick_all.clicked.connect(self._tick_all)
        self.untick_all = QPushButton(self.tr("&Untick all"))
        self.untick_all.clicked.connect(self._untick_all)
        team_row = QHBoxLayout()
        team_row.addWidget(self.team, 1)
        team_row.addWidget(self.tick_all)
        team_row.addWidget(self.untick_all)
        people_box = QWidget()
        people_layout = QVBoxLayout(people_box)
        people_layout.setContentsMargins(0, 0, 0, 0)
        people_layout.addLayout(team_row)
        people_layout.addLayout(self.picker_holder, 1)
        people_layout.addWidget(self.people_error)
        people_field = Field(self.tr("Who &attended"), people_box)
        people_field.label.setBuddy(self.team)
        self.errors.register("staff_ids", people_box, self.people_error)
        self.team.currentIndexChanged.connect(self._show_team)
        self._show_team()

        # Cancel, then the primary action on the right, as in the app's other forms (a
        # QDialogButtonBox would follow the desktop's order and add stock icons).
        self.record_button = QPushButton(self.tr("&Record"))
        self.record_button.setObjectName("primary")
        self.record_button.setDefault(True)
        self.record_button.setToolTip(self.tr("Record (Ctrl+Enter)"))
        self.record_button.clicked.connect(self.save_and_close)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.record_button)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save_and_close)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addWidget(fields["course_id"], 0, 0, 1, 2)
        top = Qt.AlignmentFlag.AlignTop
        grid.addWidget(fields["completed_on"], 1, 0, top)
        grid.addWidget(fields["provider"], 1, 1, top)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 2)
        grid.addWidget(fields["evidence"], 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Record training")))
        layout.addWidget(
            note_label(
                self.tr(
                    "One course on one date, for everyone who attended: tick each person, "
                    "or choose their team and tick everyone shown."
                )
            )
        )
        layout.addLayout(grid)
        layout.addWidget(people_field, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        fit_to_screen(self, 620, 720)
        name_buttons(self)  # every button announced by its words
        self.course.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- people ------------------------------------------------------------------------

    def _show_team(self) -> None:
        if self.picker is not None:
            self.picker.setParent(None)  # type: ignore[call-overload]
            self.picker.deleteLater()
        team_id = self.team.currentData()
        self._shown = [
            Person(s.id, s.name, s.job_title or s.role_name, s.team_name)
            for s in self._staff
            if team_id == ALL_TEAMS or s.team_id == team_id
        ]
        self.picker = AttendeePicker(self._shown)
        self.picker.set_checked(self._ticked)
        self.picker.changed.connect(self._picked)
        self.picker_holder.addWidget(self.picker)

    def _picked(self) -> None:
        """Ticks in the team shown replace that team's; ticks in other teams stay."""
        assert self.picker is not None
        self._ticked = (self._ticked - {p.id for p in self._shown}) | set(self.picker.checked_ids())

    def checked_ids(self) -> list[int]:
        return sorted(self._ticked)

    def _tick_all(self) -> None:
        assert self.picker is not None
        self.picker.set_checked({p.id for p in self._shown})

    def _untick_all(self) -> None:
        assert self.picker is not None
        self._ticked.clear()
        self.picker.set_checked(())

    # ---- saving ------------------------------------------------------------------------

    def draft(self) -> CompletionDraft:
        return CompletionDraft(
            course_id=self.course.currentData(),
            completed_on=self.completed_on.value(),
            provider=self.provider.text(),
            evidence=self.evidence.toPlainText(),
            staff_ids=self.checked_ids(),
        )

    def commit(self) -> None:
        self.outcome = training.record_training(self.db, self.draft(), today=self.today)

    def is_dirty(self) -> bool:
        return bool(self.checked_ids() or self.provider.text() or self.evidence.toPlainText())

    def save_button_text(self) -> str:
        return self.tr("&Record")
