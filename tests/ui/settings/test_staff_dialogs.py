"""The Staff page's small dialogs: one date handed to a service, a service error shown
beside the date, Enter saves."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.ui.settings.staff_dialogs import DateDialog


def test_date_dialog_shows_a_service_error_beside_the_date_then_saves(qtbot, app_db) -> None:
    given: list[dt.date | None] = []

    def action(day: dt.date | None) -> None:
        if not given:
            given.append(day)
            raise ValidationError("leaving_date", "The leaving date is before they started.")
        given.append(day)

    dialog = DateDialog(
        app_db,
        title="Mark as left",
        explanation="Their records are kept.",
        label="&Leaving date",
        field="leaving_date",
        action=action,
        save_text="&Mark as left",
        today=TODAY,
    )
    show_dialog(qtbot, dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Mark as left" in texts and "Their records are kept." in texts
    assert dialog.save_button.isDefault()

    qtbot.keyClick(dialog.date, Qt.Key.Key_Return)
    assert "before they started" in " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert dialog.isVisible()

    with qtbot.waitSignal(dialog.saved):
        dialog.save_button.click()
    assert given == [TODAY, TODAY]
