"""The retention rule: how long records are kept after a person leaves, who it would
remove today, and removing them once the manager has seen the list and confirmed.

The period is the organisation's, kept in the database (``services.retention``),
and changing it is audited there. The preview is read again after every change
and before every removal; ``apply_retention(expected=preview)`` removes exactly
what was shown, or nothing if the records changed meanwhile.

Unlike the command line (whose output ends up in scrollback and logs), this
dialog names the people who would go: the manager has to recognise them to catch
a wrong leaving date before anything irreversible happens, and sees the same
names everywhere else in the app. The names are only on screen: the audit entry
holds numbers and counts, and nothing is logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QWidget,
)

from wellbeing_desktop.errors import ValidationError, WellbeingError
from wellbeing_desktop.services import retention
from wellbeing_desktop.ui.busy import ask_to_confirm, busy_bar, danger_button, data_dialog_layout
from wellbeing_desktop.ui.dialogs import error_message
from wellbeing_desktop.ui.forms.fields import ErrorLabel, fit_to_screen, heading, note_label
from wellbeing_desktop.ui.models.format import format_date, service_text
from wellbeing_desktop.ui.tasks import TaskRunner
from wellbeing_desktop.ui.widgets.tables import list_table
from wellbeing_desktop.ui.widgets.theme import SPACE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from wellbeing_desktop.services.people import StaffInfo
    from wellbeing_desktop.storage.database import Database


@dataclass(frozen=True)
class RetentionView:
    preview: retention.RetentionPreview
    people: dict[int, StaffInfo]  # the people in the preview, for their names


def load_retention(db: Database, today: dt.date | None) -> RetentionView:
    """The preview, and who its person numbers are (runs off the UI thread)."""
    from wellbeing_desktop.services.people import list_staff

    preview = retention.preview_retention(db, today=today)
    wanted = set(preview.staff_ids)
    people = (
        {p.id: p for p in list_staff(db, include_left=True, today=today) if p.id in wanted}
        if wanted
        else {}
    )
    return RetentionView(preview, people)


def _years(count: int) -> str:
    return QLocale().toString(count)


class RetentionDialog(QDialog):
    """Shows the rule and its preview; sets the period; applies the rule once confirmed.
    ``applied`` carries the ``RetentionPreview`` of what was removed."""

    loaded = Signal()
    applied = Signal(object)

    NAME, TEAM, LEFT, RECORDS = range(4)

    def __init__(
        self,
        db: Database,
        *,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._runner = runner or TaskRunner(self)
        self._today = today
        self.view: RetentionView | None = None
        self._notice = ""  # a message to show once the preview has been read again
        self.confirm_box: QMessageBox | None = None
        self.setModal(True)
        self.setWindowTitle(self.tr("Retention"))
        self.setAccessibleName(self.tr("Retention rule"))
        self.setObjectName("retentionDialog")

        self.years_field = QSpinBox()
        self.years_field.setRange(retention.MIN_YEARS, retention.MAX_YEARS)
        self.years_field.setAccessibleName(self.tr("Years after leaving"))
        self.years_field.setSuffix(self.tr(" years"))
        self.save_years_button = QPushButton(self.tr("&Save the period"))
        self.save_years_button.setAccessibleName(self.tr("Save the retention period"))
        self.save_years_button.setAutoDefault(False)
        self.save_years_button.setEnabled(False)
        rule_row = QHBoxLayout()
        rule_label = QLabel(self.tr("Remove the records of people who left more than"))
        rule_label.setBuddy(self.years_field)
        rule_row.addWidget(rule_label)
        rule_row.addWidget(self.years_field)
        rule_row.addWidget(QLabel(self.tr("ago.")))
        rule_row.addStretch(1)
        rule_row.addWidget(self.save_years_button)
        self.years_error = ErrorLabel()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Who the rule removes today"))
        self.people_table = list_table(
            [self.tr("Person"), self.tr("Team"), self.tr("Left on"), self.tr("Records")],
            self.tr("People the rule would remove"),
            stretch_column=self.NAME,
        )
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setAccessibleName(self.tr("Records by type"))
        self.message = ErrorLabel()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setAccessibleName(self.tr("Result"))
        self.busy_bar = busy_bar(self, self.tr("Working"))
        self.apply_button = danger_button(
            self.tr("&Remove these records…"), self.tr("Remove the records the rule covers")
        )
        self.apply_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the retention rule"))
        self.close_button.setDefault(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.busy_bar, 1)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_button)
        layout = data_dialog_layout(self)
        layout.addWidget(heading(self.tr("Retention rule")))
        layout.addLayout(rule_row)
        layout.addWidget(self.years_error)
        layout.addWidget(note_label(service_text(retention.GUIDANCE)))
        layout.addSpacing(SPACE)
        layout.addWidget(heading(self.tr("Due for removal today"), level=2))
        layout.addWidget(self.summary)
        layout.addWidget(self.people_table, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.message)
        layout.addWidget(self.done_label)
        layout.addLayout(buttons)
        fit_to_screen(self, 760, 640)

        self.years_field.valueChanged.connect(self._years_edited)
        self.save_years_button.clicked.connect(self.save_years)
        self.apply_button.clicked.connect(self.confirm_apply)
        self.close_button.clicked.connect(self.reject)
        self.load()

    # ---- loading ----------------------------------------------------------------------

    def load(self) -> None:
        db, today = self.db, self._today
        self._set_busy(True)
        self._runner.run(
            lambda: load_retention(db, today), on_result=self._show, on_error=self._failed
        )

    def _show(self, view: RetentionView) -> None:
        self._set_busy(False)
        self.view = view
        preview = view.preview
        self.years_field.blockSignals(True)
        self.years_field.setValue(preview.years)
        self.years_field.blockSignals(False)
        self.save_years_button.setEnabled(False)
        locale = QLocale()
        cutoff = format_date(preview.cutoff)
        count = len(preview.people)
        if count == 0:
            self.summary.setText(
                self.tr("Nobody left before {cutoff}: the rule removes nothing today.").format(
                    cutoff=cutoff
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "{count} left before {cutoff}. Check that their leaving dates are right: "
                    "removing them takes everything about them, as erasing does."
                ).format(
                    count=self.tr("1 person")
                    if count == 1
                    else self.tr("{n} people").format(n=locale.toString(count)),
                    cutoff=cutoff,
                )
            )
        self.people_table.setRowCount(0)
        for plan in preview.people:
            person = view.people.get(plan.staff_id)
            row = self.people_table.rowCount()
            self.people_table.insertRow(row)
            cells = [
                person.name if person else self.tr("Person {n}").format(n=plan.staff_id),
                person.team_name if person else "",
                format_date(person.leaving_date) if person else "",
                locale.toString(plan.total_removed),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == self.RECORDS:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.people_table.setItem(row, column, item)
        self.people_table.setVisible(count > 0)
        self.totals.setText(self._totals_text(preview))
        self.totals.setVisible(count > 0)
        self.apply_button.setEnabled(count > 0)
        if self._notice:
            self.message.show_message(self._notice)
            self._notice = ""
        self.loaded.emit()

    def _totals_text(self, preview: retention.RetentionPreview) -> str:
        from wellbeing_desktop.services.erasure import CLEARED, REMOVED

        words = {**REMOVED, **CLEARED}
        locale = QLocale()
        parts = [
            f"{service_text(words[name])}: {locale.toString(n)}"
            for name, n in preview.totals()
            if n
        ]
        return self.tr("In all: {parts}.").format(parts="; ".join(parts))

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.message.show_message(error_message(error))
        if not isinstance(error, WellbeingError):
            from wellbeing_desktop.logs import log_unexpected

            log_unexpected(error)
        self.loaded.emit()

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        for widget in (self.years_field, self.close_button):
            widget.setEnabled(not busy)
        if busy:
            self.apply_button.setEnabled(False)
            self.save_years_button.setEnabled(False)
            self.message.clear_message()

    # ---- the period -------------------------------------------------------------------

    def _years_edited(self, years: int) -> None:
        self.years_error.clear_message()
        self.done_label.clear()
        stored = self.view.preview.years if self.view else None
        self.save_years_button.setEnabled(years != stored)
        # The preview shown is for the stored period: removing waits for the save.
        self.apply_button.setEnabled(
            years == stored and bool(self.view and self.view.preview.people)
        )

    def save_years(self) -> None:
        db, years = self.db, self.years_field.value()
        self._set_busy(True)
        self._runner.run(
            lambda: retention.set_retention_years(db, years),
            on_result=lambda _years: self.load(),
            on_error=self._years_not_saved,
        )

    def _years_not_saved(self, error: BaseException) -> None:
        self._set_busy(False)
        self.years_error.show_message(error_message(error))
        self.save_years_button.setEnabled(True)

    # ---- applying ---------------------------------------------------------------------

    def confirm_apply(self) -> None:
        """Ask before removing; then remove exactly what the preview showed."""
        if self.view is None or not self.view.preview.people:
            return
        count = len(self.view.preview.people)
        who = (
            self.tr("1 person")
            if count == 1
            else self.tr("{n} people").format(n=QLocale().toString(count))
        )
        self.confirm_box = ask_to_confirm(
            self,
            self.tr("Remove the records of {who} for good?").format(who=who),
            self.tr(
                "Everything about them goes, in one step that cannot be undone. The audit "
                "trail records the counts, not who they were."
            ),
            self.tr("Remove {who}").format(who=who),
            self.apply,
        )

    def apply(self) -> None:
        if self.view is None:
            return
        db, today, expected = self.db, self._today, self.view.preview
        self._set_busy(True)
        self._runner.run(
            lambda: retention.apply_retention(db, today=today, expected=expected),
            on_result=self._applied,
            on_error=self._not_applied,
        )

    def _applied(self, done: retention.RetentionPreview) -> None:
        count = len(done.people)
        self.done_label.setText(
            self.tr("✓ Removed the records of {who}. The audit trail has the counts.").format(
                who=self.tr("1 person")
                if count == 1
                else self.tr("{n} people").format(n=QLocale().toString(count))
            )
        )
        self.applied.emit(done)
        self.load()

    def _not_applied(self, error: BaseException) -> None:
        self._set_busy(False)
        self.message.show_message(error_message(error))
        if isinstance(error, ValidationError):
            # The records changed since the preview: show them as they are now.
            self._notice = error_message(error)
            self.load()
        elif not isinstance(error, WellbeingError):
            from wellbeing_desktop.logs import log_unexpected

            log_unexpected(error)
        else:
            self.apply_button.setEnabled(True)
