"""The team caseload grid: typed from the keyboard, checked as typed, saved in one go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.services import caseloads
from wellbeing_desktop.ui.forms.caseload_grid import CaseloadGrid
from wellbeing_desktop.ui.forms.caseload_grid_model import Column

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def open_grid(qtbot, db, team_id) -> CaseloadGrid:
    grid = CaseloadGrid(db, team_id, today=TODAY)
    show_dialog(qtbot, grid)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    return grid


def status(grid: CaseloadGrid, row: int) -> str:
    return grid.model.index(row, Column.STATUS).data()


def test_several_figures_saved_at_once_with_live_status(qtbot, app_db, scenario, keyboard):
    grid = open_grid(qtbot, app_db, scenario.team_id)
    names = [grid.model.index(r, Column.NAME).data() for r in range(3)]
    assert names == ["Aisha Khan", "Ben Carter", "Chloe Evans"]
    assert status(grid, 0) == "✓ Within limit (last figure)"
    assert keyboard.focus.accessibleName() == "New figure for Aisha Khan"

    keyboard.type("3")
    assert status(grid, 0) == "✓ Within limit"
    keyboard.type("6")  # 36 against amber 35, limit 40
    assert status(grid, 0) == "▲ Approaching limit"
    keyboard.type("0")
    assert status(grid, 0) == "✕ Over safe limit"
    keyboard.press(Key.Key_Backspace)
    assert status(grid, 0) == "▲ Approaching limit"

    keyboard.press(Key.Key_Return)  # down to Ben (0.5 FTE: limit 20)
    assert keyboard.focus.accessibleName() == "New figure for Ben Carter"
    keyboard.type("21")
    assert status(grid, 1) == "✕ Over safe limit"

    keyboard.press(Key.Key_Return)
    keyboard.type("x")
    assert status(grid, 2) == "⚠ Open cases must be a whole number."
    keyboard.press(Key.Key_Backspace)
    keyboard.type("12")
    keyboard.tab()
    assert keyboard.focus.accessibleName() == "Note for Chloe Evans"
    keyboard.type("Back from leave")
    assert grid.summary.text() == "New figures typed: 3 of 3."

    with qtbot.waitSignal(grid.saved):
        keyboard.press(Key.Key_S, CTRL)

    latest = caseloads.latest_caseloads(
        app_db, [scenario.aisha, scenario.ben, scenario.chloe], on=TODAY
    )
    assert {k: (p.open_cases, p.recorded_on) for k, p in latest.items()} == {
        scenario.aisha: (36, TODAY),
        scenario.ben: (21, TODAY),
        scenario.chloe: (12, TODAY),
    }
    assert latest[scenario.chloe].note == "Back from leave"


def test_a_bad_figure_is_shown_beside_it_and_nothing_is_saved(qtbot, app_db, scenario, keyboard):
    grid = open_grid(qtbot, app_db, scenario.team_id)
    keyboard.type("31")
    keyboard.press(Key.Key_Return)
    keyboard.type("lots")
    keyboard.press(Key.Key_S, CTRL)

    assert grid.isVisible()
    assert grid.form_error.isVisible()
    assert "Ben Carter: Open cases must be a whole number." in grid.form_error.text()
    assert grid.table.currentIndex().row() == 1
    assert grid.model.index(1, Column.NEW).data(Qt.ItemDataRole.ToolTipRole) == (
        "Open cases must be a whole number."
    )
    assert len(caseloads.caseload_history(app_db, scenario.aisha)) == 1
    assert len(caseloads.caseload_history(app_db, scenario.ben)) == 1


def test_status_follows_protections_and_the_date_of_the_figures(qtbot, app_db, scenario):
    grid = open_grid(qtbot, app_db, scenario.team_id)
    chloe = 2
    assert "Newly qualified" in grid.model.index(chloe, Column.LIMIT).data()
    grid.model.setData(grid.model.index(chloe, Column.NEW), "38")
    assert status(grid, chloe) == "✕ Over safe limit"  # 90% of 40 is 36
    grid.recorded_on.set_value(TODAY.replace(month=8, day=1))  # before the protection began
    assert status(grid, chloe) == "▲ Approaching limit"


def test_all_teams_shows_the_team_column(qtbot, app_db, scenario):
    grid = open_grid(qtbot, app_db, None)
    assert not grid.table.isColumnHidden(Column.TEAM)
    assert grid.model.rowCount() == 4


def test_moving_to_another_cell_keeps_the_figure_and_goes_where_asked(
    qtbot, app_db, scenario, keyboard
):
    grid = open_grid(qtbot, app_db, scenario.team_id)
    keyboard.type("33")
    grid.table.setCurrentIndex(grid.model.index(2, Column.NOTE))  # as a click there would
    assert grid.table.currentIndex().row() == 2
    assert grid.model.rows[0].new_text == "33"
