"""Dialogs for a person's development plan, its objectives, and CPD activities."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

from wellbeing_desktop.services import development
from wellbeing_desktop.services.vocab import CPD_CATEGORIES, OBJECTIVE_STATUSES
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.fields import (
    DateEdit,
    Field,
    OptionalDateEdit,
    combo_box,
    text_box,
    vocab,
)

if TYPE_CHECKING:
    from wellbeing_desktop.services.development import CpdInfo, ObjectiveInfo, PlanInfo
    from wellbeing_desktop.storage.database import Database


WIDTH = 520


class PlanDialog(FormDialog):
    """Make a development plan for a year (one a year), or change one."""

    def __init__(
        self,
        db: Database,
        staff_id: int,
        plan: PlanInfo | None = None,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.staff_id, self.plan = staff_id, plan
        self.set_title(self.tr("Development plan") if plan else self.tr("New development plan"))
        self.year = QSpinBox()
        self.year.setRange(1950, self.today.year + 1)
        self.year.setValue(plan.year if plan else self.today.year)
        self.year.setAccessibleName(self.tr("Year"))
        self.agreed = OptionalDateEdit(self.tr("Agreed on"), fallback=self.today)
        self.agreed.set_value(plan.agreed_on if plan else None)
        self.notes = text_box(self.tr("Notes"), self.tr("Optional"), lines=3)
        self.notes.setPlainText(plan.notes if plan else "")
        self.lay_out_fields(
            {
                "year": Field(self.tr("&Year"), self.year),
                "agreed_on": Field(self.tr("&Agreed on"), self.agreed, note=self.tr("Optional.")),
                "notes": Field(self.tr("&Notes"), self.notes),
            },
            self.tr("&Save plan"),
            width=WIDTH,
        )
        self.year.setFocus()

    def commit(self) -> None:
        development.save_plan(
            self.db,
            self.staff_id,
            self.year.value(),
            agreed_on=self.agreed.value(),
            notes=self.notes.toPlainText(),
            plan_id=self.plan.id if self.plan else None,
            today=self.today,
        )


class ObjectiveDialog(FormDialog):
    """Add an objective to a plan, or change one (its progress and status)."""

    def __init__(
        self,
        db: Database,
        plan: PlanInfo,
        objective: ObjectiveInfo | None = None,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.plan, self.objective = plan, objective
        self.set_title(self.tr("Edit objective") if objective else self.tr("Add an objective"))
        self.text = text_box(self.tr("Objective"), self.tr("What they will learn or do"), lines=2)
        self.target = OptionalDateEdit(self.tr("Target date"), fallback=self.today)
        self.status = combo_box()
        self.status.setAccessibleName(self.tr("Status"))
        for key, label in OBJECTIVE_STATUSES.items():
            self.status.addItem(vocab(label), key)
        self.achieved = OptionalDateEdit(self.tr("Achieved on"), fallback=self.today)
        self.progress = text_box(self.tr("Progress"), self.tr("How it is going"), lines=3)
        if objective is not None:
            self.text.setPlainText(objective.text)
            self.target.set_value(objective.target_on)
            self.status.setCurrentIndex(max(self.status.findData(objective.status), 0))
            self.achieved.set_value(objective.achieved_on)
            self.progress.setPlainText(objective.progress)
        fields = {
            "text": Field(self.tr("&Objective"), self.text),
            "target_on": Field(self.tr("&Target date"), self.target, note=self.tr("Optional.")),
            "status": Field(self.tr("&Status"), self.status),
            "achieved_on": Field(
                self.tr("&Achieved on"), self.achieved, note=self.tr("Today if left empty.")
            ),
            "progress": Field(self.tr("&Progress"), self.progress),
        }
        self.achieved_field = fields["achieved_on"]
        self.lay_out_fields(fields, self.tr("&Save objective"), width=WIDTH)
        self.status.currentIndexChanged.connect(self._status_changed)
        self._status_changed()
        self.text.setFocus()

    def _status_changed(self) -> None:
        self.achieved_field.setVisible(self.status.currentData() == "achieved")

    def commit(self) -> None:
        development.save_objective(
            self.db,
            self.plan.id,
            development.ObjectiveDraft(
                text=self.text.toPlainText(),
                target_on=self.target.value(),
                progress=self.progress.toPlainText(),
                status=self.status.currentData(),
                achieved_on=self.achieved.value(),
            ),
            self.objective.id if self.objective else None,
            today=self.today,
        )


class CpdDialog(FormDialog):
    """Record a CPD activity, or change one."""

    def __init__(
        self,
        db: Database,
        staff_id: int,
        entry: CpdInfo | None = None,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.staff_id, self.entry = staff_id, entry
        self.set_title(self.tr("Edit CPD activity") if entry else self.tr("Add CPD activity"))
        self.day = DateEdit(self.tr("Date"))
        self.day.set_value(entry.done_on if entry else self.today)
        self.activity = QLineEdit(entry.activity if entry else "")
        self.activity.setAccessibleName(self.tr("Activity"))
        self.activity.setPlaceholderText(self.tr("e.g. Naloxone training, journal article"))
        self.category = combo_box()
        self.category.setAccessibleName(self.tr("Kind of activity"))
        for key, label in CPD_CATEGORIES.items():
            self.category.addItem(vocab(label), key)
        if entry is not None:
            self.category.setCurrentIndex(max(self.category.findData(entry.category), 0))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, development.MAX_CPD_HOURS)
        self.hours.setDecimals(2)
        self.hours.setSingleStep(0.5)
        self.hours.setSuffix(self.tr(" hours"))
        self.hours.setValue(entry.hours if entry else 1.0)
        self.hours.setAccessibleName(self.tr("Hours"))
        self.reflection = text_box(
            self.tr("Reflection"), self.tr("What they learnt and how it changes their practice")
        )
        self.reflection.setPlainText(entry.reflection if entry else "")
        self.lay_out_fields(
            {
                "done_on": Field(self.tr("&Date"), self.day),
                "activity": Field(self.tr("&Activity"), self.activity),
                "category": Field(self.tr("&Kind"), self.category),
                "hours": Field(self.tr("&Hours"), self.hours),
                "reflection": Field(self.tr("&Reflection"), self.reflection),
            },
            self.tr("&Save activity"),
            width=WIDTH,
        )
        self.day.setFocus()

    def commit(self) -> None:
        development.save_cpd_entry(
            self.db,
            self.staff_id,
            development.CpdDraft(
                done_on=self.day.value(),
                activity=self.activity.text(),
                category=self.category.currentData(),
                hours=self.hours.value(),
                reflection=self.reflection.toPlainText(),
            ),
            self.entry.id if self.entry else None,
            today=self.today,
        )
