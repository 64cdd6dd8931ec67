"""Settings: every page saves through the services, with errors beside the field."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.forms.conftest import answer_message_box, show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.services import people, signposting
from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.settings import Settings
from wellbeing_desktop.ui.settings.settings_dialog import SettingsDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def open_settings(qtbot, app_db):
    def opener(page: int) -> SettingsDialog:
        dialog = SettingsDialog(app_db, today=TODAY, page=page)
        show_dialog(qtbot, dialog)
        return dialog

    return opener


def choose(page, text: str) -> None:
    """Filter a page's list and pick the first match, as typing in the filter would."""
    page.search.setText(text)
    page.table.setCurrentIndex(page.proxy.index(0, 0))


def replace_text(keyboard, text: str) -> None:
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type(text)


def status_of(db, staff_id: int) -> CaseloadStatus:
    return next(p.status for p in team_summary(db, today=TODAY).people if p.staff_id == staff_id)


def test_editing_a_threshold_changes_the_team_summary(
    qtbot, app_db, scenario, keyboard, open_settings
):
    assert status_of(app_db, scenario.aisha) == CaseloadStatus.GREEN  # 30 cases, limit 40
    dialog = open_settings(SettingsDialog.ROLES)
    page = dialog.roles
    choose(page, "keyworker")
    assert page.name.text() == "Drug and alcohol keyworker / recovery worker"
    assert "Dame Carol Black" in page.source.toPlainText()  # the source is shown

    keyboard.press(Key.Key_A, ALT)  # Amber from
    replace_text(keyboard, "24")
    keyboard.press(Key.Key_L, ALT)  # Safe limit
    replace_text(keyboard, "28")
    with qtbot.waitSignal(dialog.saved):
        keyboard.press(Key.Key_S, CTRL)

    assert page.saved_note.text() == "✓ Saved."
    assert status_of(app_db, scenario.aisha) == CaseloadStatus.RED


def test_an_amber_level_above_the_limit_is_shown_beside_it(
    qtbot, app_db, scenario, keyboard, open_settings
):
    dialog = open_settings(SettingsDialog.ROLES)
    page = dialog.roles
    choose(page, "keyworker")
    page.amber.setValue(50)
    keyboard.press(Key.Key_S, CTRL)
    error = page.errors.label_for("amber")
    assert error.isVisible()
    assert "The amber level cannot be above the safe limit." in error.text()
    assert keyboard.focus is page.amber or page.amber.isAncestorOf(keyboard.focus)
    role = next(r for r in people.list_roles(app_db) if "keyworker" in r.name)
    assert (role.amber_threshold, role.red_threshold) == (35, 40)


def test_a_team_is_added_from_the_keyboard(qtbot, app_db, keyboard, open_settings):
    dialog = open_settings(SettingsDialog.TEAMS)
    keyboard.press(Key.Key_N, ALT)  # New team (a mnemonic clicks after a short animation)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.teams.name)
    keyboard.type("Eastside Recovery")
    keyboard.tab()
    keyboard.type("Drug and alcohol service")
    keyboard.tab()
    keyboard.type("Sam Okafor")
    with qtbot.waitSignal(dialog.saved):
        keyboard.press(Key.Key_S, CTRL)
    [team] = people.list_teams(app_db)
    assert (team.name, team.service, team.manager_name) == (
        "Eastside Recovery",
        "Drug and alcohol service",
        "Sam Okafor",
    )
    assert dialog.teams.model.rowCount() == 1


def test_staff_are_added_protected_and_marked_as_left_never_deleted(
    qtbot, app_db, scenario, keyboard, open_settings
):
    dialog = open_settings(SettingsDialog.STAFF)
    page = dialog.staff
    page.start_new()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.name)
    keyboard.type("Dana Reid")
    page.team.setCurrentIndex(page.team.findData(scenario.team_id))
    page.role.setCurrentIndex(page.role.findText("Peer support worker"))
    page.fte.setValue(0.6)
    with qtbot.waitSignal(dialog.saved):
        page.save_button.click()
    [dana] = people.find_staff(app_db, "Dana Reid")
    assert (dana.team_id, dana.role_name, dana.fte) == (
        scenario.team_id,
        "Peer support worker",
        0.6,
    )

    page.add_protection_button.click()
    protection = page.dialog
    protection.kind.setCurrentIndex(protection.kind.findData("phased_return"))
    with qtbot.waitSignal(dialog.saved):
        protection.save_button.click()
    assert [p.kind for p in people.get_staff(app_db, dana.id).protections] == ["phased_return"]
    assert page.protections.count() == 1

    page.mark_left_button.click()
    leaving = page.dialog
    leaving.date.set_value(TODAY - dt.timedelta(days=1))
    with qtbot.waitSignal(dialog.saved):
        leaving.save_button.click()
    assert people.get_staff(app_db, dana.id).leaving_date == TODAY - dt.timedelta(days=1)
    assert dana.id not in {s.id for s in people.list_staff(app_db, today=TODAY)}
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert "Dana Reid" not in names
    page.include_left.setChecked(True)
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert "Dana Reid" in names


def test_a_service_is_added_checked_and_hidden(qtbot, app_db, keyboard, open_settings):
    dialog = open_settings(SettingsDialog.SERVICES)
    page = dialog.services
    page.start_new()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.name)
    keyboard.type("Staff peer support line")
    page.email.setText("not an address")
    keyboard.press(Key.Key_S, CTRL)
    assert "The email address does not look right." in page.errors.label_for("email").text()
    assert keyboard.focus is page.email
    replace_text(keyboard, "peers@example.org")
    with qtbot.waitSignal(dialog.saved):
        keyboard.press(Key.Key_S, CTRL)
    [added] = signposting.list_services(app_db, search="peer support line")
    assert added.email == "peers@example.org"

    with qtbot.waitSignal(dialog.saved):
        page.hide_button.click()
    assert signposting.list_services(app_db, search="peer support line") == []
    [hidden] = signposting.list_services(app_db, search="peer support line", include_hidden=True)
    assert hidden.hidden
    assert page.hide_button.text().replace("&", "") == "Show in the directory"


def test_the_database_location_is_stored_for_the_next_start(
    qtbot, app_db, keyboard, open_settings, tmp_path
):
    dialog = open_settings(SettingsDialog.DATABASE)
    page = dialog.database
    assert str(app_db.path) in page.current.text()
    page.use_shared.setChecked(True)
    page.shared.setFocus()
    keyboard.type("mysql://server/db")
    keyboard.press(Key.Key_S, CTRL)
    assert "postgresql://" in page.errors.label_for("shared").text()
    assert Settings().get("database_url") == ""

    page.file.setEnabled(True)
    page.file.setFocus()
    keyboard.type(str(tmp_path / "team.sqlite3"))
    assert page.use_file.isChecked()
    with qtbot.waitSignal(dialog.saved):
        keyboard.press(Key.Key_S, CTRL)
    assert Settings().get("database_url") == f"sqlite:///{tmp_path / 'team.sqlite3'}"
    assert "next time it starts" in page.saved_note.text()


def test_moving_away_from_unsaved_edits_asks_first(
    qtbot, app_db, scenario, keyboard, open_settings
):
    dialog = open_settings(SettingsDialog.TEAMS)
    page = dialog.teams
    choose(page, "Northside")
    page.name.setFocus()
    replace_text(keyboard, "Northside Recovery")

    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    choose(page, "Southside")
    assert asked == ["You have changes that are not saved."]
    assert page.name.text() == "Northside Recovery"  # still editing Northside

    answer_message_box(qtbot, QMessageBox.StandardButton.Save)
    dialog.show_page(SettingsDialog.STAFF)
    assert {t.name for t in people.list_teams(app_db)} == {"Northside Recovery", "Southside"}
    assert dialog.current_page() is dialog.staff
