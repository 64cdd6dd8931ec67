"""Settings page: roles and their thresholds (amber level, safe limit) and how often
supervision and check-ins are due. The source of each figure is shown and editable."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services import people
from wellbeing_desktop.services.caseload_rules import format_number
from wellbeing_desktop.services.people import RoleInfo
from wellbeing_desktop.ui.forms.fields import Field, note_label, text_box
from wellbeing_desktop.ui.settings.page import RecordPage


class RolesPage(RecordPage):
    stretch_first_column = True

    def page_title(self) -> str:
        return self.tr("Roles and thresholds")

    def new_text(self) -> str:
        return self.tr("&New role")

    def save_text(self) -> str:
        return self.tr("&Save role")

    def columns(self) -> list[str]:
        return [self.tr("Role"), self.tr("Safe limit"), self.tr("Amber from")]

    def load_records(self) -> Sequence[RoleInfo]:
        return people.list_roles(self.db)

    def cells(self, record: RoleInfo) -> list[str]:
        unit = self.tr("points") if record.uses_weighting else self.tr("cases")
        return [
            record.name,
            f"{format_number(record.red_threshold)} {unit}",
            format_number(record.amber_threshold),
        ]

    def _limit_box(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(0, 10_000)
        box.setDecimals(1)
        box.setAccessibleName(name)
        return box

    def _days_box(self, name: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(1, 366)
        box.setSuffix(self.tr(" days"))
        box.setAccessibleName(name)
        return box

    def build_editor(self, layout: QVBoxLayout) -> None:
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Role name"))
        self.amber = self._limit_box(self.tr("Amber level, for a full-time person"))
        self.red = self._limit_box(self.tr("Safe limit, for a full-time person"))
        self.weighting = QCheckBox(self.tr("Counted in complexity-&weighted points"))
        self.weighting.setAccessibleName(self.tr("Counted in complexity-weighted points"))
        self.supervision = self._days_box(self.tr("Supervision due every, in days"))
        self.checkin = self._days_box(self.tr("Check-in due every, in days"))
        self.source = text_box(
            self.tr("Source of these figures"),
            self.tr("Where the figures come from, e.g. a review, a standard or local policy"),
            lines=4,
        )
        self.add_field("name", Field(self.tr("Role na&me"), self.name), layout)
        limits = QHBoxLayout()
        self.add_field(
            "amber",
            Field(
                self.tr("&Amber from"),
                self.amber,
                note=self.tr("Approaching the limit at this caseload."),
            ),
            limits,
        )
        self.add_field(
            "red",
            Field(self.tr("Safe &limit"), self.red, note=self.tr("Over this is over the limit.")),
            limits,
        )
        layout.addLayout(limits)
        layout.addWidget(
            note_label(
                self.tr(
                    "Both are for one full-time person: each person's limit is scaled by "
                    "their FTE and any protection (newly qualified, phased return)."
                )
            )
        )
        layout.addWidget(self.weighting)
        due = QHBoxLayout()
        self.add_field(
            "supervision_interval_days",
            Field(self.tr("Su&pervision every"), self.supervision),
            due,
        )
        self.add_field(
            "checkin_interval_days", Field(self.tr("&Check-in every"), self.checkin), due
        )
        layout.addLayout(due)
        self.add_field("source", Field(self.tr("S&ource of these figures"), self.source), layout)

    def first_field(self) -> QWidget:
        return self.name

    def fill(self, record: RoleInfo | None) -> None:
        self.name.setText(record.name if record else "")
        self.amber.setValue(record.amber_threshold if record else 0)
        self.red.setValue(record.red_threshold if record else 0)
        self.weighting.setChecked(record.uses_weighting if record else False)
        self.supervision.setValue(record.supervision_interval_days if record else 28)
        self.checkin.setValue(record.checkin_interval_days if record else 28)
        self.source.setPlainText(record.source if record else "")

    def editor_state(self) -> tuple[object, ...]:
        return (
            self.name.text(),
            self.amber.value(),
            self.red.value(),
            self.weighting.isChecked(),
            self.supervision.value(),
            self.checkin.value(),
            self.source.toPlainText(),
        )

    def save_record(self, record_id: int | None) -> int:
        return people.save_role(
            self.db,
            name=self.name.text(),
            amber=self.amber.value(),
            red=self.red.value(),
            supervision_interval_days=self.supervision.value(),
            checkin_interval_days=self.checkin.value(),
            uses_weighting=self.weighting.isChecked(),
            source=self.source.toPlainText(),
            role_id=record_id,
        ).id

    def editor_heading(self, record: RoleInfo | None) -> str:
        return record.name if record else self.tr("New role")
