"""Settings page: staff. Add and edit people, record protections, and mark people as
left. People are never deleted here: their records stay until retention removes them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services import people
from wellbeing_desktop.services.people import StaffDraft, StaffInfo
from wellbeing_desktop.ui.forms.fields import (
    Field,
    OptionalDateEdit,
    combo_box,
    fill_combo,
    format_date,
    heading,
    note_label,
    text_box,
    vocab,
)
from wellbeing_desktop.ui.settings.page import RecordPage
from wellbeing_desktop.ui.settings.staff_dialogs import DateDialog, ProtectionDialog


class StaffPage(RecordPage):
    def page_title(self) -> str:
        return self.tr("Staff")

    def new_text(self) -> str:
        return self.tr("New &person")

    def save_text(self) -> str:
        return self.tr("&Save person")

    def columns(self) -> list[str]:
        return [self.tr("Name"), self.tr("Team"), self.tr("Role"), self.tr("Left")]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.team_filter = combo_box()
        self.team_filter.setAccessibleName(self.tr("Show the team"))
        self.include_left = QCheckBox(self.tr("Include people who have &left"))
        self.include_left.setAccessibleName(self.tr("Include people who have left"))
        self.filters.addWidget(self.team_filter, 1)
        self.filters.addWidget(self.include_left)
        self.team_filter.currentIndexChanged.connect(self._filter_changed)
        self.include_left.toggled.connect(self._filter_changed)
        self.mark_left_button = QPushButton(self.tr("&Mark as left…"))
        self.mark_left_button.setAccessibleName(self.tr("Mark as left"))
        self.mark_left_button.setAutoDefault(False)
        self.mark_left_button.clicked.connect(self.open_mark_left)
        self.button_row.insertWidget(1, self.mark_left_button)
        self.dialog: DateDialog | ProtectionDialog | None = None

    # ---- the list ------------------------------------------------------------------

    def load(self) -> None:
        teams = people.list_teams(self.db)
        chosen = self.team_filter.currentData()
        self.team_filter.blockSignals(True)
        choices = [(team.name, team.id) for team in teams]
        fill_combo(self.team_filter, choices, first=(self.tr("All teams"), None), chosen=chosen)
        self.team_filter.blockSignals(False)
        self._fill_choices(teams)
        super().load()

    def _filter_changed(self) -> None:
        self.load()

    def load_records(self) -> Sequence[StaffInfo]:
        return people.list_staff(
            self.db,
            self.team_filter.currentData(),
            include_left=self.include_left.isChecked(),
            today=self.today,
        )

    def cells(self, record: StaffInfo) -> list[str]:
        left = (
            self.tr("Left %1").replace("%1", format_date(record.leaving_date))
            if record.leaving_date and record.leaving_date <= self.today
            else ""
        )
        return [
            record.name,
            record.team_name,
            record.job_title or record.role_name,
            left,
        ]

    # ---- the editor ----------------------------------------------------------------

    def build_editor(self, layout: QVBoxLayout) -> None:
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name"))
        self.team = combo_box()
        self.team.setAccessibleName(self.tr("Team"))
        self.role = combo_box()
        self.role.setAccessibleName(self.tr("Role"))
        self.job_title = QLineEdit()
        self.job_title.setAccessibleName(self.tr("Job title"))
        self.pay_band = QLineEdit()
        self.pay_band.setAccessibleName(self.tr("Pay band"))
        self.pay_band.setPlaceholderText(self.tr("e.g. Band 5"))
        self.fte = QDoubleSpinBox()
        self.fte.setRange(0, 1.5)
        self.fte.setDecimals(2)
        self.fte.setSingleStep(0.1)
        self.fte.setAccessibleName(self.tr("FTE, full-time equivalent"))
        self.start_date = OptionalDateEdit(self.tr("Start date"), fallback=self.today)
        self.supervisor = combo_box()
        self.supervisor.setAccessibleName(self.tr("Supervisor"))
        self.notes = text_box(self.tr("Notes"), self.tr("Optional"), lines=2)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        fields = [
            ("name", Field(self.tr("&Name"), self.name), 0, 0, 2),
            ("team_id", Field(self.tr("&Team"), self.team), 1, 0, 1),
            ("role_id", Field(self.tr("&Role"), self.role), 1, 1, 1),
            ("job_title", Field(self.tr("&Job title"), self.job_title), 2, 0, 1),
            ("pay_band", Field(self.tr("Pay &band"), self.pay_band), 2, 1, 1),
            ("fte", Field(self.tr("&FTE"), self.fte, note=self.tr("1 is full time.")), 3, 0, 1),
            ("start_date", Field(self.tr("Start &date"), self.start_date), 3, 1, 1),
            ("supervisor_id", Field(self.tr("S&upervisor"), self.supervisor), 4, 0, 2),
            ("notes", Field(self.tr("N&otes"), self.notes), 5, 0, 2),
        ]
        for key, field, row, column, span in fields:
            grid.addWidget(field, row, column, 1, span, Qt.AlignmentFlag.AlignTop)
            self.errors.register(key, field.control, field.error)
        layout.addLayout(grid)
        self.left_note = note_label()
        layout.addWidget(self.left_note)

        layout.addWidget(heading(self.tr("Protections"), level=2))
        layout.addWidget(
            note_label(
                self.tr(
                    "A protection lowers the person's safe caseload while it applies, "
                    "for example while newly qualified or on a phased return."
                )
            )
        )
        self.protections = QListWidget()
        self.protections.setAccessibleName(self.tr("Protections"))
        self.protections.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        layout.addWidget(self.protections)
        buttons = QHBoxLayout()
        self.add_protection_button = QPushButton(self.tr("&Add protection…"))
        self.add_protection_button.setAccessibleName(self.tr("Add protection"))
        self.end_protection_button = QPushButton(self.tr("&End protection…"))
        self.end_protection_button.setAccessibleName(self.tr("End the chosen protection"))
        for button in (self.add_protection_button, self.end_protection_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_protection_button.clicked.connect(self.open_add_protection)
        self.end_protection_button.clicked.connect(self.open_end_protection)

    def _fill_choices(self, teams: Sequence[people.TeamInfo]) -> None:
        current = (self.team.currentData(), self.role.currentData())
        self.team.clear()
        self.team.addItem(self.tr("Choose a team"), None)
        for team in teams:
            self.team.addItem(team.name, team.id)
        self.role.clear()
        self.role.addItem(self.tr("Choose a role"), None)
        for role in people.list_roles(self.db):
            self.role.addItem(role.name, role.id)
        self.team.setCurrentIndex(max(self.team.findData(current[0]), 0))
        self.role.setCurrentIndex(max(self.role.findData(current[1]), 0))

    def first_field(self) -> QWidget:
        return self.name

    def fill(self, record: StaffInfo | None) -> None:
        self.name.setText(record.name if record else "")
        team = record.team_id if record else self.team_filter.currentData()
        self.team.setCurrentIndex(max(self.team.findData(team), 0))
        self.role.setCurrentIndex(max(self.role.findData(record.role_id if record else None), 0))
        self.job_title.setText(record.job_title if record else "")
        self.pay_band.setText(record.pay_band if record else "")
        self.fte.setValue(record.fte if record else 1.0)
        self.start_date.set_value(record.start_date if record else None)
        self.supervisor.clear()
        self.supervisor.addItem(self.tr("No one"), None)
        for member in people.list_staff(self.db, today=self.today):
            if record is None or member.id != record.id:
                self.supervisor.addItem(member.name, member.id)
        wanted = record.supervisor_id if record else None
        self.supervisor.setCurrentIndex(max(self.supervisor.findData(wanted), 0))
        self.notes.setPlainText(record.notes if record else "")
        self.protections.clear()
        for protection in record.protections if record else ():
            text = (
                self.tr("%1: %2% of the full limit, from %3")
                .replace("%1", vocab(protection.label))
                .replace("%2", str(protection.limit_percent))
                .replace("%3", format_date(protection.start_date))
            )
            if protection.end_date:
                text += " " + self.tr("to %1").replace("%1", format_date(protection.end_date))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, protection.id)
            self.protections.addItem(item)
        saved = record is not None
        for widget in (
            self.protections,
            self.add_protection_button,
            self.end_protection_button,
            self.mark_left_button,
        ):
            widget.setEnabled(saved)
        if record is not None and record.leaving_date:
            self.left_note.setText(
                self.tr("Left on %1. Their records are kept.").replace(
                    "%1", format_date(record.leaving_date)
                )
            )
        else:
            self.left_note.setText("" if saved else self.tr("Save the person to add protections."))

    def editor_state(self) -> tuple[object, ...]:
        return (
            self.name.text(),
            self.team.currentData(),
            self.role.currentData(),
            self.job_title.text(),
            self.pay_band.text(),
            round(self.fte.value(), 2),
            self.start_date.value(),
            self.supervisor.currentData(),
            self.notes.toPlainText(),
        )

    def save_record(self, record_id: int | None) -> int:
        record = self.current
        draft = StaffDraft(
            name=self.name.text(),
            team_id=self.team.currentData(),
            role_id=self.role.currentData(),
            job_title=self.job_title.text(),
            pay_band=self.pay_band.text(),
            fte=round(self.fte.value(), 2),
            start_date=self.start_date.value(),
            leaving_date=record.leaving_date if record else None,
            supervisor_id=self.supervisor.currentData(),
            notes=self.notes.toPlainText(),
        )
        saved = people.save_staff(self.db, draft, record_id)
        if not self.include_left.isChecked() and self.team_filter.currentData() not in (
            None,
            saved.team_id,
        ):
            self.team_filter.setCurrentIndex(0)  # keep the saved person in view
        return saved.id

    def editor_heading(self, record: StaffInfo | None) -> str:
        return record.name if record else self.tr("New person")

    # ---- dialogs -------------------------------------------------------------------

    def _open(self, dialog: DateDialog | ProtectionDialog) -> None:
        self.dialog = dialog
        dialog.saved.connect(self._after_dialog)
        dialog.open()

    def _after_dialog(self) -> None:
        self.load()
        self.changed.emit()

    def open_mark_left(self) -> None:
        record = self.current
        if record is None or not self._may_leave():
            return
        self._open(
            DateDialog(
                self.db,
                title=self.tr("Mark %1 as left").replace("%1", record.name),
                explanation=self.tr(
                    "They will no longer appear in the team from this date. Their records "
                    "are kept, not deleted."
                ),
                label=self.tr("&Leaving date"),
                field="leaving_date",
                action=lambda day: people.mark_left(self.db, record.id, day or self.today),
                save_text=self.tr("&Mark as left"),
                parent=self,
                today=self.today,
            )
        )

    def open_add_protection(self) -> None:
        if self.current is not None:
            self._open(ProtectionDialog(self.db, self.current.id, parent=self, today=self.today))

    def open_end_protection(self) -> None:
        item = self.protections.currentItem() or self.protections.item(0)
        if item is None:
            return
        protection_id = int(item.data(Qt.ItemDataRole.UserRole))
        self._open(
            DateDialog(
                self.db,
                title=self.tr("End a protection"),
                explanation=item.text(),
                label=self.tr("&Ends on"),
                field="end_date",
                action=lambda day: people.end_protection(self.db, protection_id, day or self.today),
                save_text=self.tr("&End protection"),
                parent=self,
                today=self.today,
            )
        )
