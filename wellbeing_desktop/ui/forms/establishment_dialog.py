"""A team's establishment: the funded FTE for each role, with who is in post beside it,
and today's count of cases waiting to be allocated.

The in-post FTE and the vacancies come from ``services/establishment.py``; the
dialog collects the funded figures and saves them in one step.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services import establishment, people
from wellbeing_desktop.services.establishment import MAX_FUNDED_FTE, MAX_WAITING, RoleEstablishment
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.fields import (
    ErrorLabel,
    fit_to_screen,
    format_date,
    heading,
    note_label,
    set_tab_order,
)
from wellbeing_desktop.ui.models.format import format_number
from wellbeing_desktop.ui.widgets.theme import SPACE

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database


class EstablishmentDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        *,
        team_id: int,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.team_id = team_id
        self.figures = establishment.team_establishment(db, team_id, today=self.today)
        self.draft = establishment.establishment_draft(db, team_id, today=self.today)
        self.roles = people.list_roles(db)
        self.set_title(self.tr("Establishment — {team}").format(team=self.figures.team_name))
        self._build()
        self.mark_clean()

    def _build(self) -> None:
        in_post = {r.role_id: r for r in self.figures.roles}
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACE * 2)
        grid.setVerticalSpacing(2)
        for column, text in enumerate(
            (self.tr("Role"), self.tr("Funded FTE"), self.tr("In post"), self.tr("Vacant"))
        ):
            title = QLabel(f"<b>{text}</b>")
            grid.addWidget(title, 0, column)
        self.funded: dict[int, QDoubleSpinBox] = {}
        self.vacant: dict[int, QLabel] = {}
        self._in_post: dict[int, float] = {}
        for row, role in enumerate(self.roles, start=1):
            spin = QDoubleSpinBox()
            spin.setRange(0, MAX_FUNDED_FTE)
            spin.setDecimals(2)
            spin.setSingleStep(0.5)
            spin.setValue(self.draft.funded.get(role.id, 0.0))
            spin.setAccessibleName(self.tr("Funded FTE: {role}").format(role=role.name))
            spin.valueChanged.connect(lambda _v, role_id=role.id: self._update_vacant(role_id))
            name = QLabel(role.name)
            name.setBuddy(spin)
            line = in_post.get(role.id)
            self._in_post[role.id] = line.in_post_fte if line else 0.0
            heads = line.headcount if line else 0
            in_post_label = QLabel(
                self.tr("{fte} ({people})").format(
                    fte=format_number(self._in_post[role.id]),
                    people=self.tr("1 person")
                    if heads == 1
                    else self.tr("{n} people").format(n=heads),
                )
                if heads
                else "–"
            )
            vacant = QLabel()
            error = ErrorLabel()
            self.errors.register(f"funded:{role.id}", spin, error)
            grid.addWidget(name, row * 2 - 1, 0)
            grid.addWidget(spin, row * 2 - 1, 1)
            grid.addWidget(in_post_label, row * 2 - 1, 2)
            grid.addWidget(vacant, row * 2 - 1, 3)
            grid.addWidget(error, row * 2, 0, 1, 4)
            self.funded[role.id] = spin
            self.vacant[role.id] = vacant
            self._update_vacant(role.id)
        grid.setColumnStretch(0, 1)
        grid.setRowStretch(len(self.roles) * 2 + 1, 1)
        box = QFrame()
        box.setObjectName("panel")
        box.setLayout(grid)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Funded FTE by role"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(box)

        self.waiting = QSpinBox()
        self.waiting.setRange(0, MAX_WAITING)
        self.waiting.setValue(self.draft.waiting or 0)
        self.waiting.setAccessibleName(self.tr("Cases waiting to be allocated today"))
        waiting_label = QLabel(self.tr("Cases &waiting to be allocated today:"))
        waiting_label.setBuddy(self.waiting)
        last = (
            self.tr("Last counted {date}: {n}").format(
                date=format_date(self.draft.waiting_recorded_on), n=self.draft.waiting
            )
            if self.draft.waiting_recorded_on is not None
            else self.tr("Not counted before.")
        )
        self.waiting_error = ErrorLabel()
        self.errors.register("waiting", self.waiting, self.waiting_error)
        waiting_row = QHBoxLayout()
        waiting_row.addWidget(waiting_label)
        waiting_row.addWidget(self.waiting)
        waiting_row.addWidget(note_label(last), 1)

        buttons = self.save_cancel_buttons(
            self.tr("&Save establishment"), save_tip=self.tr("Save establishment (Ctrl+S)")
        )

        layout = QVBoxLayout(self)
        layout.setSpacing(SPACE)
        layout.addWidget(heading(self.windowTitle()))
        layout.addWidget(
            note_label(
                self.tr(
                    "The full-time equivalent the team is funded for in each role. Who is in "
                    "post comes from the staff records (people who have started and not "
                    "left); a role's vacancy is its funded FTE less its FTE in post, never "
                    "below nothing. Leave a role at 0 if the team has no posts in it."
                )
            )
        )
        layout.addWidget(scroll, 1)
        layout.addLayout(waiting_row)
        layout.addWidget(self.waiting_error)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        chain: list[QWidget] = [*self.funded.values(), self.waiting, self.save_button]
        set_tab_order(chain)
        if self.funded:
            next(iter(self.funded.values())).setFocus(Qt.FocusReason.OtherFocusReason)
        fit_to_screen(self, 720, 620)

    def _update_vacant(self, role_id: int) -> None:
        line = RoleEstablishment(
            role_id, "", self.funded[role_id].value(), self._in_post.get(role_id, 0.0), 0
        )
        self.vacant[role_id].setText(format_number(line.vacant_fte) if line.funded_fte > 0 else "–")

    def form_state(self) -> tuple[object, ...]:
        return (
            tuple(spin.value() for spin in self.funded.values()),
            self.waiting.value(),
        )

    def commit(self) -> None:
        funded = {role_id: spin.value() for role_id, spin in self.funded.items()}
        waiting_changed = self.waiting.value() != (self.draft.waiting or 0)
        establishment.save_establishment(
            self.db,
            self.team_id,
            funded,
            waiting=self.waiting.value() if waiting_changed else None,
            today=self.today,
        )

    def save_button_text(self) -> str:
        return self.tr("&Save establishment")
