"""Settings page: teams."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from wellbeing_desktop.services import people
from wellbeing_desktop.services.people import TeamInfo
from wellbeing_desktop.ui.forms.fields import Field, note_label
from wellbeing_desktop.ui.settings.page import RecordPage


class TeamsPage(RecordPage):
    def page_title(self) -> str:
        return self.tr("Teams")

    def new_text(self) -> str:
        return self.tr("&New team")

    def save_text(self) -> str:
        return self.tr("&Save team")

    def columns(self) -> list[str]:
        return [self.tr("Team"), self.tr("Service"), self.tr("Manager"), self.tr("People")]

    def load_records(self) -> Sequence[TeamInfo]:
        return people.list_teams(self.db)

    def cells(self, record: TeamInfo) -> list[str]:
        return [record.name, record.service, record.manager_name, str(record.headcount)]

    def build_editor(self, layout: QVBoxLayout) -> None:
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Team name"))
        self.service = QLineEdit()
        self.service.setAccessibleName(self.tr("Service"))
        self.service.setPlaceholderText(self.tr("For example: Drug and alcohol service"))
        self.manager = QLineEdit()
        self.manager.setAccessibleName(self.tr("Manager"))
        self.add_field("name", Field(self.tr("Team na&me"), self.name), layout)
        self.add_field("service", Field(self.tr("Ser&vice"), self.service), layout)
        self.add_field("manager_name", Field(self.tr("Mana&ger"), self.manager), layout)
        layout.addWidget(
            note_label(self.tr("Add the people in the team on the Staff page once it is saved."))
        )
        self.establishment_button = QPushButton(self.tr("&Establishment and cases waiting…"))
        self.establishment_button.setAccessibleName(self.tr("Establishment and cases waiting"))
        self.establishment_button.setToolTip(
            self.tr("The funded FTE for each role, and how many cases are waiting")
        )
        self.establishment_button.clicked.connect(self._edit_establishment)
        layout.addWidget(self.establishment_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._team_id: int | None = None

    def first_field(self) -> QWidget:
        return self.name

    def fill(self, record: TeamInfo | None) -> None:
        self._team_id = record.id if record else None
        self.establishment_button.setEnabled(record is not None)
        self.name.setText(record.name if record else "")
        self.service.setText(record.service if record else "")
        self.manager.setText(record.manager_name if record else "")

    def editor_state(self) -> tuple[object, ...]:
        return (self.name.text(), self.service.text(), self.manager.text())

    def save_record(self, record_id: int | None) -> int:
        return people.save_team(
            self.db,
            self.name.text(),
            service=self.service.text(),
            manager_name=self.manager.text(),
            team_id=record_id,
        ).id

    def editor_heading(self, record: TeamInfo | None) -> str:
        return record.name if record else self.tr("New team")

    def _edit_establishment(self) -> None:
        if self._team_id is None:
            return
        from wellbeing_desktop.ui.forms.establishment_dialog import EstablishmentDialog

        dialog = EstablishmentDialog(self.db, team_id=self._team_id, parent=self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.changed)  # as every page's save: the dashboard refreshes
        self.establishment_dialog = dialog
        dialog.open()
