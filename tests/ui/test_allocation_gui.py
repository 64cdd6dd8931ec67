"""Allocate a case, the establishment editor and the dashboard's establishment line,
through real widgets on the scenario (tests/ui/scenario.py):

North Recovery Service: Aoife 34 of 32 (over), Dafydd 18 of 20 (amber; a phased return at
100%), Priya 25 of 40.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.forms.conftest import answer_message_box
from tests.ui.scenario import TODAY
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services.establishment import (
    establishment_draft,
    save_establishment,
    team_establishment,
)
from wellbeing_desktop.ui.forms.allocation_dialog import AllocationDialog
from wellbeing_desktop.ui.forms.establishment_dialog import EstablishmentDialog
from wellbeing_desktop.ui.models.team_table import Column


def _keyworker(db) -> int:  # type: ignore[no-untyped-def]
    return next(r.id for r in people.list_roles(db) if "keyworker" in r.name)


def _dialog(qtbot, db, team_id) -> AllocationDialog:  # type: ignore[no-untyped-def]
    dialog = AllocationDialog(db, team_id=team_id, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _rows(model) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return [
        tuple(model.index(r, c).data() for c in range(model.columnCount()))
        for r in range(model.rowCount())
    ]


def _choose(dialog: AllocationDialog, staff_id: int) -> None:
    row = [dialog.candidates.staff_id(r) for r in range(dialog.candidates.rowCount())].index(
        staff_id
    )
    dialog.candidates_table.selectRow(row)


def test_candidates_in_order_and_the_left_out_apart(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, s = scenario_db
    save_establishment(db, s.north, {}, waiting=5, today=TODAY)
    dialog = _dialog(qtbot, db, s.north)
    assert [(r[0], r[2], r[3], r[5]) for r in _rows(dialog.candidates)] == [
        ("Priya Raman", "25 of 40", "15", "room for 15 cases before the limit"),
        (
            "Dafydd ap Gwilym",
            "18 of 20 protected",
            "2",
            "room for 2 cases before the protected limit (phased return, 100%); already "
            "approaching (amber from 17.5)",
        ),
    ]
    assert [(r[0], r[3]) for r in _rows(dialog.excluded)] == [
        ("Aoife Ní Bhriain", "no room: 2 cases over the limit")
    ]
    assert dialog.candidates_title.text() == "Room for a new case (2), most room first"
    assert dialog.waiting_label.text() == "Cases waiting: 5 (as on 26/11/2026)"
    assert dialog.allocate_button.text() == "&Allocate to Priya Raman"  # the first is chosen
    assert dialog.reduce_waiting.isChecked()
    # The reason column takes the spare width (not cut off past the edge); tool tips
    # hold the whole reason.
    from PySide6.QtWidgets import QHeaderView

    for table in (dialog.candidates_table, dialog.excluded_table):
        header = table.horizontalHeader()
        last = table.model().columnCount() - 1
        assert header.sectionResizeMode(last) is QHeaderView.ResizeMode.Stretch


def test_allocating_with_room_updates_at_once(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, s = scenario_db
    save_establishment(db, s.north, {}, waiting=5, today=TODAY)
    dialog = _dialog(qtbot, db, s.north)
    _choose(dialog, s.priya)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.mouseClick(dialog.allocate_button, Qt.MouseButton.LeftButton)
    assert dialog.confirm_box is None  # 26 of 40: nothing to confirm
    assert dialog.result_label.text() == (
        "Priya Raman: 1 case allocated: 25 → 26 open cases on 26/11/2026 (within limit). "
        "Cases waiting: 5 → 4."
    )
    assert _rows(dialog.candidates)[0][2:4] == ("26 of 40", "14")
    assert dialog.waiting_label.text() == "Cases waiting: 4 (as on 26/11/2026)"
    history = caseloads.caseload_history(db, s.priya)
    assert (history[-1].recorded_on, history[-1].open_cases) == (TODAY, 26)
    assert history[-2].recorded_on < TODAY  # the earlier record is kept


@pytest.mark.parametrize("answer", ["cancel", "allocate"])
def test_taking_someone_over_the_limit_asks_first(qtbot, scenario_db, answer) -> None:  # type: ignore[no-untyped-def]
    db, s = scenario_db
    dialog = _dialog(qtbot, db, s.north)
    _choose(dialog, s.dafydd)
    dialog.cases.setValue(3)
    before = caseloads.caseload_history(db, s.dafydd)
    dialog.allocate_button.click()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert box.text() == "Allocate 3 cases to Dafydd ap Gwilym?"
    assert box.informativeText() == (
        "This takes them over their protected limit: 21 cases against a limit of 20 (1 case over)."
    )
    assert box.defaultButton().text() == "&Don't allocate"  # the safe choice is the default
    wanted = "Allocate &anyway" if answer == "allocate" else "&Don't allocate"
    button = next(b for b in box.buttons() if b.text() == wanted)
    if answer == "allocate":
        with qtbot.waitSignal(dialog.saved, timeout=5000):
            button.click()
        assert caseloads.caseload_history(db, s.dafydd)[-1].open_cases == 21
        # Now over the limit, Dafydd is left out with the reason.
        assert ("Dafydd ap Gwilym", "protected (phased return, 100%): 1 case over the limit") in {
            (r[0], r[3]) for r in _rows(dialog.excluded)
        }
    else:
        button.click()
        qtbot.waitUntil(lambda: not box.isVisible())
        assert caseloads.caseload_history(db, s.dafydd) == before  # nothing written


def test_taking_someone_to_amber_asks_first(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, s = scenario_db
    dialog = _dialog(qtbot, db, s.north)
    _choose(dialog, s.priya)
    dialog.cases.setValue(10)
    dialog.allocate()
    assert dialog.confirm_box is not None
    assert dialog.confirm_box.informativeText() == (
        "This takes them to approaching their limit: 35 cases, amber from 35 (limit 40)."
    )
    dialog.confirm_box.reject()


def test_allocate_from_the_menu_shortcut_and_the_dashboard(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    _, s = scenario_db
    window.dashboard.show_team(s.north)
    qtbot.waitUntil(lambda: window.dashboard.data.team_id == s.north, timeout=10_000)
    assert window.allocate_action.shortcut().toString() == "Ctrl+Shift+N"
    qtbot.keyClick(
        window,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, AllocationDialog)]
    assert len(dialogs) == 1 and dialogs[0].team_id == s.north
    # Allocating refreshes the dashboard behind it.
    dialog = dialogs[0]
    with qtbot.waitSignal(window.dashboard.loaded, timeout=10_000):
        dialog.allocate()
    dialog.close()
    qtbot.waitUntil(lambda: dialog not in QApplication.topLevelWidgets() or not dialog.isVisible())
    window.dashboard.establishment.allocate_button.click()
    assert any(
        isinstance(w, AllocationDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_dashboard_shows_establishment_protections_and_protected_limits(
    qtbot, window, scenario_db
) -> None:  # type: ignore[no-untyped-def]
    db, s = scenario_db
    # North: keyworkers funded 3 FTE; in post 0.8 + 0.5 + 1 = 2.3: 0.7 vacant (23.3%).
    save_establishment(db, s.north, {_keyworker(db): 3}, waiting=6, today=TODAY)
    people.add_protection(db, s.priya, "newly_qualified", "2026-09-01")  # limit 36
    dashboard = window.dashboard
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        dashboard.show_team(s.north)
    strip = dashboard.establishment
    assert strip.isVisible()
    assert strip.text_of("funded") == "3 FTE funded"
    assert strip.text_of("in_post") == "2.3 FTE in post"
    assert strip.text_of("vacant") == "0.7 vacant (23.3%)"
    # Capacity 32 + 20 + 36 (Priya protected at 90%) = 88; cases 34 + 18 + 25 = 77.
    assert strip.text_of("capacity") == "77 / 88 cases / safe capacity"
    assert strip.text_of("waiting") == "6 waiting"
    # Dafydd's phased return (100%) and Priya's: both within their limits.
    assert strip.text_of("protections") == ("2 of 2 protections honoured · 2 of 2 over 12 months")
    texts = {
        dashboard.model.index(r, Column.NAME).data(): dashboard.model.index(
            r, Column.CASELOAD
        ).data()
        for r in range(dashboard.model.rowCount())
    }
    assert texts["Priya Raman"] == "25 of 36 protected"
    assert texts["Aoife Ní Bhriain"] == "34 of 32"
    # All teams: the organisation's sums, not editable from here.
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        dashboard.show_team(None)
    assert strip.text_of("funded") == "3 FTE funded"
    assert not strip.edit_button.isVisible()


def test_establishment_editor_saves_funded_fte_and_waiting(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, s = scenario_db
    keyworker = _keyworker(db)
    dialog = EstablishmentDialog(db, team_id=s.north, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.vacant[keyworker].text() == "–"
    dialog.funded[keyworker].setValue(4)
    assert dialog.vacant[keyworker].text() == "1.7"  # 4 - 2.3 in post
    dialog.waiting.setValue(9)
    assert dialog.is_dirty()
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.save_button.click()
    draft = establishment_draft(db, s.north, today=TODAY)
    assert draft.funded == {keyworker: 4}
    assert (draft.waiting, draft.waiting_recorded_on) == (9, TODAY)
    figures = team_establishment(db, s.north, today=TODAY)
    assert (figures.funded_fte, figures.in_post_fte, figures.vacant_fte) == (4, 2.3, 1.7)


def test_establishment_editor_asks_before_throwing_changes_away(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, s = scenario_db
    dialog = EstablishmentDialog(db, team_id=s.north, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.funded[_keyworker(db)].setValue(2)
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert asked == ["You have changes that are not saved."]
    assert establishment_draft(db, s.north, today=TODAY).funded == {}


def test_person_view_shows_the_protected_limit_next_to_the_caseload(
    qtbot, window, scenario_db
) -> None:  # type: ignore[no-untyped-def]
    db, s = scenario_db
    people.add_protection(db, s.priya, "newly_qualified", "2026-09-01")  # 90% of 40: 36
    view = window.person_view
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.open_person(s.priya)
    assert view.protected_label.isVisible()
    assert view.protected_label.text() == (
        "Protected (newly qualified, 90%): 25 within a protected limit of 36: honoured."
    )
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        window.open_person(s.aoife)  # no protection: nothing to show
    assert not view.protected_label.isVisible()


def test_a_weighted_caseload_asks_for_the_complexity_of_the_new_case(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, _ = scenario_db
    role = people.save_role(db, name="Weighted worker", amber=50, red=60, uses_weighting=True)
    team = people.save_team(db, "Weighted team").id
    wyn = people.save_staff(
        db, people.StaffDraft(name="Wyn", team_id=team, role_id=role.id, start_date="2020-01-01")
    ).id
    caseloads.record_caseload(
        db,
        caseloads.make_entry(wyn, "2026-11-20", 20, [("Low", 10, 1), ("High", 10, 3)], today=TODAY),
    )  # 40 points of 60
    dialog = _dialog(qtbot, db, team)
    assert _rows(dialog.candidates)[0][2:4] == ("40 of 60 pts", "20 pts")
    assert dialog.band.isVisible()
    assert [dialog.band.itemText(i) for i in range(dialog.band.count())] == ["Low", "High"]
    dialog.band.setCurrentText("High")
    dialog.cases.setValue(2)
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.allocate()  # 46 of 60 points: below amber, nothing to confirm
    history = caseloads.caseload_history(db, wyn)
    assert [(p.open_cases, p.weighted_points) for p in history] == [(20, 40), (22, 46)]


def test_enter_on_a_candidate_allocates_and_the_waiting_choice_is_kept(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, s = scenario_db
    save_establishment(db, s.north, {}, waiting=5, today=TODAY)
    dialog = _dialog(qtbot, db, s.north)
    dialog.reduce_waiting.setChecked(False)  # these cases were not on the waiting list
    _choose(dialog, s.priya)
    dialog.candidates_table.setCurrentIndex(dialog.candidates.index(0, 0))
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        qtbot.keyClick(dialog.candidates_table, Qt.Key.Key_Return)
    assert caseloads.caseload_history(db, s.priya)[-1].open_cases == 26
    assert dialog.waiting_label.text() == "Cases waiting: 5 (as on 26/11/2026)"
    assert not dialog.reduce_waiting.isChecked()
