"""Settings page: teams."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

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

    def first_field(self) -> QWidget:
        return self.name

    def fill(self, record: TeamInfo | None) -> None:
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
