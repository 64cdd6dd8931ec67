"""Settings page: when a workload review is needed. Over the safe limit always needs one;
approaching it (amber) needs one once that has lasted longer than the organisation's
number of weeks, stored in the database so every manager sharing it applies the same rule
(services/workload.py)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSpinBox, QVBoxLayout, QWidget

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import workload
from wellbeing_desktop.ui.forms.fields import ErrorLabel, Field, FieldErrors, note_label
from wellbeing_desktop.ui.settings.page import SettingsPage

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database


class WorkloadPage(SettingsPage):
    def __init__(self, db: Database, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(db, today, parent)
        self.page_error = ErrorLabel()
        self.errors = FieldErrors(self.page_error)
        self.weeks = QSpinBox()
        self.weeks.setRange(workload.MIN_AMBER_WEEKS, workload.MAX_AMBER_WEEKS)
        self.weeks.setSuffix(self.tr(" weeks"))
        # A number of weeks, not a line of text: as wide as "52 weeks", not the page.
        self.weeks.setMaximumWidth(self.fontMetrics().horizontalAdvance("m") * 10)
        self.weeks.setAccessibleName(
            self.tr("Weeks approaching the limit before a workload review is needed")
        )
        field = Field(
            self.tr("Approaching the limit for &longer than"),
            self.weeks,
            note=self.tr(
                "Someone over their safe limit needs a workload review straight away. "
                "Someone approaching it (amber) needs one once it has lasted longer than "
                "this; the clock starts again when a review is closed. The default is %1 "
                "weeks."
            ).replace("%1", str(workload.DEFAULT_AMBER_WEEKS)),
        )
        self.errors.register("amber_weeks", self.weeks, field.error)
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName(self.tr("Save the workload review setting"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                self.tr(
                    "Applies to everyone using this database. The dashboard's Workload plan "
                    "column, the reports and the summary follow it."
                )
            )
        )
        layout.addWidget(field)
        layout.addWidget(self.page_error)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._stored = workload.DEFAULT_AMBER_WEEKS

    def page_title(self) -> str:
        return self.tr("Workload reviews")

    def load(self) -> None:
        self.errors.clear()
        self._stored = workload.amber_weeks(self.db)
        self.weeks.setValue(self._stored)

    def is_dirty(self) -> bool:
        return self.weeks.value() != self._stored

    def save(self) -> bool:
        self.errors.clear()
        try:
            self._stored = workload.set_amber_weeks(self.db, self.weeks.value())
        except ValidationError as error:
            self.errors.show(error)
            return False
        self.changed.emit()
        return True

    def discard(self) -> None:
        self.weeks.setValue(self._stored)
