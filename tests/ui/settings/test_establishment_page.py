"""Settings › Teams: a saved team's establishment and cases waiting are one button away."""

from __future__ import annotations

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.services import people
from wellbeing_desktop.services.establishment import establishment_draft
from wellbeing_desktop.ui.forms.establishment_dialog import EstablishmentDialog
from wellbeing_desktop.ui.settings.settings_dialog import SettingsDialog


def test_the_establishment_of_the_team_chosen(qtbot, app_db, scenario) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(app_db, today=TODAY, page=SettingsDialog.TEAMS)
    show_dialog(qtbot, dialog)
    page = dialog.teams
    page.search.setText("Northside")
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    assert page.establishment_button.isEnabled()
    page.establishment_button.click()
    editor = page.establishment_dialog
    assert isinstance(editor, EstablishmentDialog) and editor.isVisible()
    team = next(t for t in people.list_teams(app_db) if t.name.startswith("Northside"))
    assert editor.team_id == team.id
    role = next(iter(editor.funded))
    editor.funded[role].setValue(2.5)
    editor.waiting.setValue(3)
    assert page.establishment_button.accessibleName() == "Establishment and cases waiting"
    # Saved from Settings, it refreshes the dashboard as the other pages' saves do.
    with qtbot.waitSignals([editor.saved, dialog.saved], timeout=5000):
        editor.save_button.click()
    draft = establishment_draft(app_db, team.id, today=TODAY)
    assert draft.funded == {role: 2.5} and draft.waiting == 3
    page.start_new()  # a team not saved yet has no establishment to edit
    assert not page.establishment_button.isEnabled()
