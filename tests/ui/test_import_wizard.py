"""The import wizard driven as a new manager would: from the empty dashboard's "Import
from a spreadsheet…" to a saved import, its report, and the team on the dashboard.
Reading, preview and save run on worker threads; the test waits on their results."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton, QWizard

from tests.ui.scenario import TODAY
from wellbeing_desktop.services import importing as imp
from wellbeing_desktop.services.people import list_staff, list_teams
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.ui.dashboard import DashboardView
from wellbeing_desktop.ui.import_wizard import NEW_TEAM, ImportWizard
from wellbeing_desktop.ui.main_window import MainWindow

DATA = Path(__file__).resolve().parents[1] / "data" / "import"


@pytest.fixture
def empty_window(qtbot, empty_db: Database) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = MainWindow(today=TODAY)
    qtbot.addWidget(main)
    main.resize(1200, 800)
    with qtbot.waitSignal(main.dashboard_ready, timeout=10_000):
        main.show()
        main.set_database(empty_db)
    yield main
    main.tasks.wait_for_done(5000)


def _wizard(window: MainWindow) -> ImportWizard:
    found = window.findChildren(ImportWizard)
    assert found, "the wizard did not open"
    return found[-1]


def _next(qtbot, wizard: ImportWizard, page: int) -> None:  # type: ignore[no-untyped-def]
    button = wizard.button(
        QWizard.WizardButton.CommitButton
        if wizard.currentId() == ImportWizard.PAGE_PREVIEW
        else QWizard.WizardButton.NextButton
    )
    qtbot.waitUntil(button.isEnabled, timeout=10_000)
    button.click()
    qtbot.waitUntil(lambda: wizard.currentId() == page, timeout=20_000)


def test_first_run_import_from_the_empty_dashboard(qtbot, empty_window, empty_db, tmp_path):  # type: ignore[no-untyped-def]
    dashboard = empty_window.dashboard
    assert dashboard.pages.currentIndex() == DashboardView.PAGE_NO_TEAMS
    import_button = next(
        b
        for b in dashboard.no_teams_page.findChildren(QPushButton)
        if b.text() == "Import from a spreadsheet…"
    )
    import_button.click()
    wizard = _wizard(empty_window)
    assert wizard.isVisible()

    # 1. The file, and a new team (there is none yet).
    page = wizard.file_page
    qtbot.waitUntil(lambda: page.team_combo.count() > 0, timeout=10_000)
    assert page.team_combo.currentData() == NEW_TEAM
    page.path_edit.setText(str(DATA / "esr_export.xlsx"))
    page.new_team_edit.setText("North CMHT")
    _next(qtbot, wizard, ImportWizard.PAGE_COLUMNS)

    # 2. The guessed columns, each shown with how sure the guess is.
    columns = wizard.columns_page
    assert columns.mapping()[:4] == (
        imp.Field.NAME,
        imp.Field.ROLE,
        imp.Field.JOB_TITLE,
        imp.Field.FTE,
    )
    assert "row 4" in columns.how_read.text()
    _next(qtbot, wizard, ImportWizard.PAGE_PREVIEW)

    # 3. The preview, with problems per row in symbols and words.
    preview_page = wizard.preview_page
    model = preview_page.model
    assert model.rowCount() == 8
    texts = {model.index(r, 0).data(): model.index(r, 7).data() for r in range(model.rowCount())}
    assert "✖" in texts["9"] and "Band 6 SW" in texts["9"]
    assert "✖ No name" in texts["10"]
    assert "⚠" in texts["13"] and "not a date" in texts["13"]
    assert model.index(0, 1).data() == "✚ Add"
    combo = preview_page.role_combos[imp.role_key("Band 6 SW")]
    combo.setCurrentIndex(combo.findData(imp.CREATE))
    qtbot.waitUntil(lambda: wizard.preview.roles_to_create == ("Band 6 SW",), timeout=10_000)
    qtbot.waitUntil(lambda: not wizard.working, timeout=10_000)
    assert "5 to add" in preview_page.summary.text()
    assert empty_db and list_teams(empty_db) == []  # still nothing saved
    preview_page.only_problems.setChecked(True)
    assert model.rowCount() < 8

    # 4. Import: everything in one go, then the report.
    with qtbot.waitSignal(wizard.saved, timeout=20_000):
        _next(qtbot, wizard, ImportWizard.PAGE_REPORT)
    report_page = wizard.report_page
    assert "5 added, 0 updated, 3 left out" in report_page.summary.text()
    assert report_page.table.rowCount() == 8
    report = tmp_path / "report.csv"
    assert report_page.save_report(str(report))
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")
    # Saving already asked the dashboard to reload (it may have finished by now, so no
    # signal is awaited): after Finish it shows the new team and its five people.
    wizard.button(QWizard.WizardButton.FinishButton).click()
    team = next(t for t in list_teams(empty_db) if t.name == "North CMHT")
    assert len(list_staff(empty_db, team.id)) == 5
    qtbot.waitUntil(
        lambda: (
            dashboard.pages.currentIndex() == DashboardView.PAGE_TEAM
            and dashboard.model.rowCount() == 5
        ),
        timeout=10_000,
    )


def test_a_file_that_cannot_be_read_is_said_on_the_page(qtbot, window, tmp_path):  # type: ignore[no-untyped-def]
    broken = tmp_path / "staff.xlsx"
    broken.write_bytes(b"not a workbook")
    wizard = window.data_actions.import_staff()
    page = wizard.file_page
    qtbot.waitUntil(lambda: page.team_combo.count() > 0, timeout=10_000)
    page.path_edit.setText(str(broken))
    assert page.team_combo.currentData() != NEW_TEAM  # the team on screen, or the first
    qtbot.waitUntil(wizard.button(QWizard.WizardButton.NextButton).isEnabled, timeout=5_000)
    wizard.button(QWizard.WizardButton.NextButton).click()
    qtbot.waitUntil(page.error.isVisible, timeout=10_000)
    assert "could not be opened as an Excel workbook" in page.error.text()
    assert wizard.currentId() == ImportWizard.PAGE_FILE


def test_duplicates_are_updated_when_asked(qtbot, window, scenario_db, tmp_path):  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    csv = tmp_path / "north.csv"
    csv.write_text("Name,FTE\nPriya Raman,0.6\nNew Person,1\n", encoding="utf-8")
    wizard = window.data_actions.import_staff()
    page = wizard.file_page
    qtbot.waitUntil(lambda: page.team_combo.count() > 0, timeout=10_000)
    page.team_combo.setCurrentIndex(page.team_combo.findData(scenario.north))
    page.path_edit.setText(str(csv))
    _next(qtbot, wizard, ImportWizard.PAGE_COLUMNS)
    _next(qtbot, wizard, ImportWizard.PAGE_PREVIEW)
    preview_page = wizard.preview_page
    assert "1 already in the team" in " ".join(
        label.text() for label in preview_page.findChildren(type(preview_page.summary))
    )
    # No role column: people without one take the role chosen here.
    role = preview_page.default_role
    role.setCurrentIndex(1)
    qtbot.waitUntil(lambda: wizard.preview.options.default_role_id is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not wizard.working, timeout=10_000)
    preview_page.update_button.setChecked(True)
    qtbot.waitUntil(lambda: wizard.preview.count(imp.Action.UPDATE) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not wizard.working, timeout=10_000)
    _next(qtbot, wizard, ImportWizard.PAGE_REPORT)
    staff = {p.name: p for p in list_staff(db, scenario.north)}
    assert staff["Priya Raman"].fte == 0.6
    assert "New Person" in staff
