"""Small dialogs on the Staff page: mark a person as left, add or end a protection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QSpinBox, QWidget

from wellbeing_desktop.services import people
from wellbeing_desktop.services.vocab import PROTECTION_KINDS
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.fields import (
    DateEdit,
    Field,
    OptionalDateEdit,
    combo_box,
    note_label,
    text_box,
    vocab,
)

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database


class DateDialog(FormDialog):
    """Ask for one date and hand it to a service call (e.g. ``people.mark_left``)."""

    def __init__(
        self,
        db: Database,
        *,
        title: str,
        explanation: str,
        label: str,
        field: str,
        action: Callable[[dt.date | None], object],
        save_text: str,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.set_title(title)
        self._action = action
        self.date = DateEdit(label.replace("&", ""))
        self.date.set_value(self.today)
        date_field = Field(label, self.date)
        self.lay_out_fields({field: date_field}, save_text, notes=[note_label(explanation)])
        self.date.setFocus()

    def commit(self) -> None:
        self._action(self.date.value())


class ProtectionDialog(FormDialog):
    """Add a dated protection that lowers a person's safe caseload while it applies."""

    def __init__(
        self,
        db: Database,
        staff_id: int,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.staff_id = staff_id
        self.set_title(self.tr("Add a protection"))
        self.kind = combo_box()
        self.kind.setAccessibleName(self.tr("Kind of protection"))
        for key, label in PROTECTION_KINDS.items():
            self.kind.addItem(vocab(label), key)
        self.start = DateEdit(self.tr("Starts on"))
        self.start.set_value(self.today)
        self.end = OptionalDateEdit(self.tr("Ends on"), fallback=self.today)
        self.percent = QSpinBox()
        self.percent.setRange(0, 100)
        self.percent.setSuffix("%")
        self.percent.setSpecialValueText(self.tr("Usual for this kind"))
        self.percent.setAccessibleName(self.tr("Share of the full limit, per cent"))
        self.note = text_box(self.tr("Note"), self.tr("Optional"), lines=2)
        fields = {
            "kind": Field(self.tr("&Kind"), self.kind),
            "start_date": Field(self.tr("&Starts on"), self.start),
            "end_date": Field(self.tr("&Ends on"), self.end, note=self.tr("Optional.")),
            "limit_percent": Field(
                self.tr("Share of the full &limit"),
                self.percent,
                note=self.tr("The person's safe caseload while this applies."),
            ),
            "note": Field(self.tr("&Note"), self.note),
        }
        self.lay_out_fields(fields, self.tr("&Add protection"))
        self.kind.setFocus()

    def commit(self) -> None:
        people.add_protection(
            self.db,
            self.staff_id,
            self.kind.currentData(),
            self.start.value() or self.today,
            self.end.value(),
            self.percent.value() or None,
            self.note.toPlainText(),
        )
