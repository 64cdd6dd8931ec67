"""Settings › Workload reviews: the weeks amber before a review, saved for everyone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.forms.conftest import answer_message_box, show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.services import caseloads, workload
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.ui.settings.settings_dialog import SettingsDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_weeks_are_saved_and_change_who_needs_a_plan(qtbot, app_db, scenario, keyboard):  # type: ignore[no-untyped-def]
    # Ben: 18 of 20 (amber) for 30 days.
    day = TODAY - dt.timedelta(days=2)
    caseloads.record_caseload(app_db, caseloads.make_entry(scenario.ben, day, 18, today=TODAY))

    def needs_plan() -> bool:
        people = team_summary(app_db, [scenario.team_id], today=TODAY).people
        return next(p for p in people if p.staff_id == scenario.ben).workload.needs_attention

    assert needs_plan()  # 4 weeks by default
    dialog = SettingsDialog(app_db, today=TODAY, page=SettingsDialog.WORKLOAD)
    show_dialog(qtbot, dialog)
    page = dialog.workload
    assert dialog.title.text() == "Workload reviews"
    assert page.weeks.value() == 4
    page.weeks.setFocus()  # as a click into the field
    assert keyboard.focus is page.weeks
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("6")
    assert page.is_dirty()
    with qtbot.waitSignal(dialog.saved):
        keyboard.press(Key.Key_S, CTRL)
    assert workload.amber_weeks(app_db) == 6 and not page.is_dirty()
    assert not needs_plan()
    # Unsaved edits are asked about before the dialog closes.
    page.weeks.setValue(2)
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert asked == ["You have changes that are not saved."]
    assert workload.amber_weeks(app_db) == 6
