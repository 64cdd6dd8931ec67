"""Signposting: find a service, copy its details, record it with a follow-up date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.services import signposting
from wellbeing_desktop.ui.forms.signpost_dialog import SignpostDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def open_dialog(qtbot, db, staff_id) -> SignpostDialog:
    dialog = SignpostDialog(db, staff_id, today=TODAY)
    show_dialog(qtbot, dialog)
    return dialog


def listed(dialog: SignpostDialog) -> list[str]:
    return [
        dialog.model.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole)
        for r in range(dialog.model.rowCount())
    ]


def test_signposting_with_copy_to_clipboard(qtbot, app_db, scenario, keyboard):
    dialog = open_dialog(qtbot, app_db, scenario.aisha)
    assert keyboard.focus is dialog.search
    keyboard.type("samar")
    assert listed(dialog) == ["Samaritans"]
    keyboard.press(Key.Key_Down)
    assert keyboard.focus is dialog.table
    assert dialog.detail_title.text() == "Samaritans"
    assert "116 123" in dialog.detail_text.text()

    QGuiApplication.clipboard().clear()
    dialog.copy_button.setFocus()
    keyboard.press(Key.Key_Space)
    assert QGuiApplication.clipboard().text() == dialog.selected_service().contact_text()
    assert QGuiApplication.clipboard().text().startswith("Samaritans\nPhone: 116 123")
    assert dialog.copied.text() == "✓ Copied to the clipboard."

    keyboard.tab()
    assert keyboard.focus is dialog.reason
    keyboard.press(Key.Key_Down)  # the first reason
    keyboard.tab(2)  # past today's date, to the follow-up
    keyboard.press(Key.Key_Up)  # an empty follow-up date starts two weeks ahead
    keyboard.tab()
    keyboard.type("Talked through options; will call tonight.")
    with qtbot.waitSignal(dialog.saved):
        keyboard.press(Key.Key_S, CTRL)

    [record] = signposting.signposting_for(app_db, scenario.aisha)
    assert record.service_name == "Samaritans"
    assert record.reason == "stress"
    assert record.signposted_on == TODAY
    assert record.follow_up_on == TODAY + dt.timedelta(days=14)
    assert record.notes == "Talked through options; will call tonight."


def test_directory_filters(qtbot, app_db, scenario):
    dialog = open_dialog(qtbot, app_db, scenario.aisha)
    everything = listed(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData("crisis"))
    dialog.always_open.setChecked(True)
    assert listed(dialog) == ["Samaritans", "Shout"]
    dialog.category.setCurrentIndex(0)
    dialog.always_open.setChecked(False)
    dialog.nation.setCurrentIndex(dialog.nation.findData("Wales"))
    shown = listed(dialog)
    assert "Health for Health Professionals Wales" in shown
    assert "Samaritans" in shown  # UK-wide services stay
    assert "Breathing Space" not in shown  # Scotland only
    dialog.nation.setCurrentIndex(0)
    dialog.search.setText("no such service anywhere")
    assert dialog.empty.isVisible() and not dialog.copy_button.isEnabled()
    dialog.search.clear()
    assert listed(dialog) == everything


def test_a_missing_reason_is_shown_beside_it_and_nothing_saved(qtbot, app_db, scenario, keyboard):
    dialog = open_dialog(qtbot, app_db, scenario.ben)
    keyboard.press(Key.Key_S, CTRL)
    error = dialog.errors.label_for("reason")
    assert error.isVisible() and "Reason must be one of" in error.text()
    assert keyboard.focus is dialog.reason
    assert signposting.signposting_for(app_db, scenario.ben) == []


def test_the_person_is_chosen_when_not_given(qtbot, app_db, scenario, keyboard):
    dialog = open_dialog(qtbot, app_db, None)
    assert keyboard.focus is dialog.person
    dialog.reason.setCurrentIndex(0)
    keyboard.press(Key.Key_S, CTRL)
    assert "Choose the person you are signposting." in dialog.errors.label_for("staff_id").text()
    keyboard.type("Ben Carter")
    with qtbot.waitSignal(dialog.saved):
        keyboard.press(Key.Key_S, CTRL)
    assert len(signposting.signposting_for(app_db, scenario.ben)) == 1
