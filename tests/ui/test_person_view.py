from __future__ import annotations

from PySide6.QtCore import Qt

from wellbeing_desktop.services import supervision
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.person_view import PersonView


def _open(qtbot, window: MainWindow, staff_id: int) -> PersonView:
    view = window.person_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.open_person(staff_id)
    return view


def test_person_view_brings_everything_together(qtbot, window, scenario_db) -> None:
    _db, scenario = scenario_db
    view = _open(qtbot, window, scenario.dafydd)
    assert view.name_label.text() == "Dafydd ap Gwilym"
    assert "North Recovery Service" in view.subtitle_label.text()
    assert "0.5 FTE" in view.subtitle_label.text()
    assert view.status_label.text() == "▲  Approaching limit"
    assert view.reason_label.text().startswith("18 cases against a limit of 20 for 0.5 FTE")
    assert "In force: Phased return: 100% of the full limit" in view.protections_label.text()
    assert view.due_labels["supervision"].text().startswith("Next booked for 08/12/2026")
    assert view.due_labels["actions"].text() == "2 open, 1 overdue"
    assert view.sessions_model.rowCount() == 1
    assert view.sessions_model.index(0, 1).data() == "One-to-one supervision"
    assert view.sessions_model.index(0, 3).data() == "✎ Draft, not yet agreed"
    assert [a.text for a in view.actions_model.records] == [
        "Review two complex cases",
        "Book trauma-informed care course",
    ]
    assert view.actions_model.index(0, 2).data() == "⚠ 24/11/2026, overdue"
    assert view.caseload_chart.has_values()
    assert len(view.caseload_chart.labels) == 7
    # The title bar never carries the person's name.
    assert "Dafydd" not in window.windowTitle()


def test_check_ins_and_signposting_are_listed(qtbot, window, scenario_db) -> None:
    _, scenario = scenario_db
    view = _open(qtbot, window, scenario.aoife)
    assert view.checkins_model.rowCount() == 2
    latest = max(view.checkins_model.records, key=lambda c: c.held_on)
    assert latest.follow_up_needed
    assert view.checkin_chart.has_values()
    assert view.due_labels["followups"].text() == "⚠ 1 due"
    assert view.notes.toPlainText() == "Prefers Tuesday supervision."
    view = _open(qtbot, window, scenario.priya)
    assert view.signposting_model.rowCount() == 1
    assert view.signposting_model.index(0, 1).data().startswith("Samaritans")
    assert view.signposting_model.index(0, 3).data().startswith("⚠ Due ")


def test_marking_an_action_done_saves_and_updates(qtbot, window, scenario_db) -> None:
    db, scenario = scenario_db
    view = _open(qtbot, window, scenario.dafydd)
    table = view.actions_table
    row = next(
        r
        for r in range(table.model().rowCount())
        if table.model().index(r, 0).data() == "Review two complex cases"
    )
    table.setCurrentIndex(table.model().index(row, 0))
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.action_done_button.click()
    assert [a.text for a in view.actions_model.records] == ["Book trauma-informed care course"]
    assert [a.text for a in supervision.open_actions_for(db, [scenario.dafydd])] == [
        "Book trauma-informed care course"
    ]
    assert view.due_labels["actions"].text() == "1 open, 0 overdue"


def test_back_returns_to_the_dashboard(qtbot, window, scenario_db) -> None:
    _, scenario = scenario_db
    view = _open(qtbot, window, scenario.tomasz)
    view.back_button.click()
    assert window.pages.currentIndex() == MainWindow.PAGE_DASHBOARD
    assert window.windowTitle() == "Wellbeing Desktop"
    view = _open(qtbot, window, scenario.tomasz)
    window.activateWindow()
    view.tabs.setFocus()
    qtbot.keyClick(view.tabs, Qt.Key.Key_Escape)
    assert window.pages.currentIndex() == MainWindow.PAGE_DASHBOARD


def test_the_person_view_fits_a_laptop_screen(qtbot, window, scenario_db) -> None:
    """1,366 pixels wide, less the window frame: the header's less frequent actions share
    one More menu, each with its letter, and the Workload review item shows Ctrl+Shift+W."""
    _, scenario = scenario_db
    view = _open(qtbot, window, scenario.dafydd)
    assert view.minimumSizeHint().width() <= 1366 - 40
    assert window.minimumSizeHint().width() <= 1366 - 20
    menu = view.more_button.menu()
    assert view.more_button.text() == "&More"
    assert view.more_button.accessibleName() == "More actions for this person"
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "&Workload review…",
        "Wellbeing &summary…",
        "E&xport everything held about them…",
        "&Erase them…",
    ]
    assert menu.actions()[0] is window.workload_action
    assert window.workload_action.shortcut().toString() == "Ctrl+Shift+W"


def test_empty_tables_say_what_to_do(qtbot, window, scenario_db) -> None:
    _, scenario = scenario_db
    view = _open(qtbot, window, scenario.dafydd)
    view.tabs.setCurrentIndex(1)
    assert view.sessions_model.rowCount() == 1 and view.sessions_empty.isHidden()
    view.tabs.setCurrentIndex(3)
    empty = view.signposting_model.rowCount() == 0
    assert view.signposting_empty.isHidden() != empty
    assert "Signpost…" in view.signposting_empty.text()
