"""Settings page: the wellbeing services directory. Add and edit services, and hide
those the organisation no longer recommends (records that point to them keep them)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services import signposting
from wellbeing_desktop.services.signposting import ServiceDraft, ServiceInfo
from wellbeing_desktop.services.vocab import SERVICE_CATEGORIES
from wellbeing_desktop.ui.forms.fields import Field, OptionalDateEdit, combo_box, text_box, vocab
from wellbeing_desktop.ui.settings.page import RecordPage

NATIONS = ("UK", "England", "Northern Ireland", "Scotland", "Wales")


class ServicesPage(RecordPage):
    stretch_first_column = True

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.hide_button = QPushButton(self.tr("&Hide from the directory"))
        self.hide_button.setAutoDefault(False)
        self.hide_button.clicked.connect(self.toggle_hidden)
        self.button_row.insertWidget(1, self.hide_button)

    def page_title(self) -> str:
        return self.tr("Services directory")

    def new_text(self) -> str:
        return self.tr("&New service")

    def save_text(self) -> str:
        return self.tr("&Save service")

    def columns(self) -> list[str]:
        return [self.tr("Service"), self.tr("Category"), self.tr("Where"), self.tr("Shown")]

    def load_records(self) -> Sequence[ServiceInfo]:
        return signposting.list_services(self.db, include_hidden=True)

    def cells(self, record: ServiceInfo) -> list[str]:
        return [
            record.name,
            vocab(record.category_label),
            vocab(record.nation) if record.nation else self.tr("Your organisation"),
            self.tr("Hidden") if record.hidden else self.tr("Shown"),
        ]

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def build_editor(self, layout: QVBoxLayout) -> None:
        self.name = self._line(self.tr("Name"))
        self.category = combo_box()
        self.category.setAccessibleName(self.tr("Category"))
        for key, label in SERVICE_CATEGORIES.items():
            self.category.addItem(vocab(label), key)
        self.nation = combo_box()
        self.nation.setEditable(True)
        self.nation.setAccessibleName(self.tr("Nation or region"))
        self.nation.addItem("")
        for nation in NATIONS:
            self.nation.addItem(nation)
        nation_edit = self.nation.lineEdit()
        assert nation_edit is not None
        nation_edit.setPlaceholderText(self.tr("Blank: your organisation"))
        self.description = text_box(self.tr("Description"), lines=3)
        self.phone = self._line(self.tr("Phone"))
        self.text_number = self._line(self.tr("Text"), self.tr("e.g. Text SHOUT to 85258"))
        self.email = self._line(self.tr("Email"))
        self.website = self._line(self.tr("Website"), "https://")
        self.hours = self._line(self.tr("Hours"), self.tr("e.g. Monday to Friday, 9am to 5pm"))
        self.audience = self._line(self.tr("Who it is for"))
        self.always_open = QCheckBox(self.tr("Open &24 hours, 7 days a week"))
        self.always_open.setAccessibleName(self.tr("Open 24 hours, 7 days a week"))
        self.last_checked = OptionalDateEdit(self.tr("Details last checked"), fallback=self.today)
        self.source = text_box(self.tr("Source"), self.tr("Where these details come from"), lines=2)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        fields = [
            ("name", Field(self.tr("Na&me"), self.name), 0, 0, 2),
            ("category", Field(self.tr("&Category"), self.category), 1, 0, 1),
            ("nation", Field(self.tr("Nation or re&gion"), self.nation), 1, 1, 1),
            ("description", Field(self.tr("&Description"), self.description), 2, 0, 2),
            ("phone", Field(self.tr("&Phone"), self.phone), 3, 0, 1),
            ("text_number", Field(self.tr("Te&xt"), self.text_number), 3, 1, 1),
            ("email", Field(self.tr("&Email"), self.email), 4, 0, 1),
            ("website", Field(self.tr("&Website"), self.website), 4, 1, 1),
            ("hours", Field(self.tr("H&ours"), self.hours), 5, 0, 1),
            ("audience", Field(self.tr("Who it is &for"), self.audience), 5, 1, 1),
            ("last_checked", Field(self.tr("Details last chec&ked"), self.last_checked), 6, 0, 1),
            ("source", Field(self.tr("So&urce"), self.source), 7, 0, 2),
        ]
        for key, field, row, column, span in fields:
            grid.addWidget(field, row, column, 1, span, Qt.AlignmentFlag.AlignTop)
            self.errors.register(key, field.control, field.error)
        grid.addWidget(self.always_open, 6, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(grid)

    def first_field(self) -> QWidget:
        return self.name

    def fill(self, record: ServiceInfo | None) -> None:
        self.name.setText(record.name if record else "")
        category = record.category if record else "other"
        self.category.setCurrentIndex(max(self.category.findData(category), 0))
        self.nation.setCurrentText(record.nation if record else "")
        self.description.setPlainText(record.description if record else "")
        for edit, value in (
            (self.phone, record.phone if record else ""),
            (self.text_number, record.text_number if record else ""),
            (self.email, record.email if record else ""),
            (self.website, record.website if record else ""),
            (self.hours, record.hours if record else ""),
            (self.audience, record.audience if record else ""),
        ):
            edit.setText(value)
        self.always_open.setChecked(record.always_open if record else False)
        self.last_checked.set_value(record.last_checked if record else None)
        self.source.setPlainText(record.source if record else "")
        if hasattr(self, "hide_button"):
            self._update_hide_button(record)

    def _update_hide_button(self, record: ServiceInfo | None) -> None:
        self.hide_button.setEnabled(record is not None)
        hidden = record is not None and record.hidden
        text = self.tr("S&how in the directory") if hidden else self.tr("&Hide from the directory")
        self.hide_button.setText(text)
        self.hide_button.setAccessibleName(text.replace("&", ""))

    def editor_state(self) -> tuple[object, ...]:
        return (
            self.name.text(),
            self.category.currentData(),
            self.nation.currentText(),
            self.description.toPlainText(),
            self.phone.text(),
            self.text_number.text(),
            self.email.text(),
            self.website.text(),
            self.hours.text(),
            self.audience.text(),
            self.always_open.isChecked(),
            self.last_checked.value(),
            self.source.toPlainText(),
        )

    def save_record(self, record_id: int | None) -> int:
        draft = ServiceDraft(
            name=self.name.text(),
            category=self.category.currentData(),
            description=self.description.toPlainText(),
            phone=self.phone.text(),
            text_number=self.text_number.text(),
            email=self.email.text(),
            website=self.website.text(),
            hours=self.hours.text(),
            audience=self.audience.text(),
            nation=self.nation.currentText(),
            always_open=self.always_open.isChecked(),
            last_checked=self.last_checked.value(),
            source=self.source.toPlainText(),
        )
        return signposting.save_service(self.db, draft, record_id, today=self.today).id

    def editor_heading(self, record: ServiceInfo | None) -> str:
        if record is None:
            return self.tr("New service")
        return record.name + (" " + self.tr("(hidden)") if record.hidden else "")

    def toggle_hidden(self) -> None:
        record = self.current
        if record is None or not self._may_leave():
            return
        signposting.set_service_hidden(self.db, record.id, not record.hidden)
        self.load()
        self.saved_note.setText(
            self.tr("✓ Shown in the directory again.")
            if record.hidden
            else self.tr("✓ Hidden from the directory.")
        )
        self.changed.emit()
