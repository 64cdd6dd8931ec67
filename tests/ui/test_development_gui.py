"""The person view's Development tab, driven through the real widgets and dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from shiboken6 import isValid

from tests.ui.forms.conftest import answer_message_box
from tests.ui.scenario import TODAY
from wellbeing_desktop.services import development, programmes
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.models.team_table import Column
from wellbeing_desktop.ui.person_view import PersonView
from wellbeing_desktop.ui.plan_dialogs import CpdDialog, ObjectiveDialog, PlanDialog
from wellbeing_desktop.ui.programme_dialogs import (
    EditProgrammeDialog,
    FinishProgrammeDialog,
    SignOffDialog,
    StartProgrammeDialog,
)


def _open(qtbot, window: MainWindow, staff_id: int) -> PersonView:
    view = window.person_view
    with qtbot.waitSignal(view.development.loaded, timeout=10_000):
        window.open_person(staff_id)
    view.tabs.setCurrentWidget(view.development)
    return view


def _save(qtbot, view: PersonView, dialog) -> None:  # type: ignore[no-untyped-def]
    """Press the dialog's main button and wait for the person view to show the change."""
    with qtbot.waitSignal(view.development.loaded, timeout=10_000):
        dialog.save_button.click()
    assert not isValid(dialog) or not dialog.isVisible()  # closed (and let go)


def _name_tooltip(window: MainWindow, name: str) -> str | None:
    proxy = window.dashboard.proxy
    for row in range(proxy.rowCount()):
        if proxy.index(row, Column.NAME).data() == name:
            return proxy.index(row, Column.NAME).data(Qt.ItemDataRole.ToolTipRole)
    return None


def _choose_row(table, row: int) -> None:  # type: ignore[no-untyped-def]
    table.setCurrentIndex(table.model().index(row, 0))


def test_a_preceptorship_started_and_finished_from_the_gui_changes_the_caseload_limit_shown(
    qtbot, window, scenario_db
) -> None:
    db, scenario = scenario_db
    view = _open(qtbot, window, scenario.priya)  # a keyworker, full time: limit 40
    panel = view.development
    assert view.tabs.tabText(view.tabs.indexOf(panel)) == "D&evelopment"  # Alt+E (Alt+V: View menu)
    assert "Safe limit 40 cases" in view.details_label.text()
    assert panel.programme_empty.isVisible() and not panel.finish_button.isEnabled()

    panel.start_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, StartProgrammeDialog) and dialog.isVisible()
    assert dialog.kind.currentData() == "preceptorship"
    dialog.start.set_value(dt.date(2026, 9, 1))  # the template follows the start
    assert dialog.end.value() == dt.date(2027, 9, 1)
    assert [row.title.text() for row in dialog.milestones.rows][-1] == (
        "12-month review and sign-off"
    )
    assert dialog.milestones.rows[1].target.value() == dt.date(2026, 10, 1)
    dialog.milestones.rows[0].title.setText("First meeting with Aoife")  # editable
    dialog.assessor.setCurrentText("Aoife Ní Bhriain")
    _save(qtbot, view, dialog)

    assert "Safe limit 36 cases" in view.details_label.text()
    assert "at 90% while preceptorship" in view.reason_label.text()
    assert "In force: Preceptorship: 90% of the full limit" in view.protections_label.text()
    assert panel.progress_label.text() == (
        "Preceptorship: 0 of 6 signed off, 2 overdue, ends 01/09/2027"
    )
    assert "Preceptor or assessor: Aoife Ní Bhriain" in panel.programme_details.text()
    assert (
        "Safe caseload at 90% of the full limit until 01/09/2027" in panel.programme_details.text()
    )
    assert panel.milestones_model.index(0, 0).data() == "First meeting with Aoife"
    # The dashboard, refreshed after the change, shows the progress on the person's name.
    qtbot.waitUntil(lambda: _name_tooltip(window, "Priya Raman") is not None, timeout=10_000)
    qtbot.waitUntil(
        lambda: "Preceptorship: 0 of 6 signed off" in (_name_tooltip(window, "Priya Raman") or ""),
        timeout=10_000,
    )

    # A new preceptor.
    panel.edit_programme_button.click()
    details = panel.dialog
    assert isinstance(details, EditProgrammeDialog)
    assert details.assessor.currentText() == "Aoife Ní Bhriain — North Recovery Service"
    details.assessor.setCurrentText("Dafydd ap Gwilym")
    details.notes.setPlainText("Preceptor changed in November.")
    _save(qtbot, view, details)
    assert "Preceptor or assessor: Dafydd ap Gwilym" in panel.programme_details.text()
    assert "Preceptor changed in November." in panel.programme_details.text()

    # Sign off the first milestone.
    _choose_row(panel.milestones_table, 0)
    panel.sign_off_button.click()
    sign_off = panel.dialog
    assert isinstance(sign_off, SignOffDialog)
    assert sign_off.by.text() == "Dafydd ap Gwilym"  # the preceptor by default
    sign_off.by.setText("Aoife Ní Bhriain")
    sign_off.day.set_value(dt.date(2026, 9, 14))
    _save(qtbot, view, sign_off)
    assert panel.progress_label.text().startswith("Preceptorship: 1 of 6 signed off, 1 overdue")
    assert panel.milestones_model.index(0, 2).data() == "✓ 14/09/2026, Aoife Ní Bhriain"

    # Finishing asks first, since it ends the protection; saying no changes nothing.
    panel.finish_button.click()
    finish = panel.dialog
    assert isinstance(finish, FinishProgrammeDialog)
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    finish.save_button.click()
    assert asked == ["Finish this programme?"] and finish.isVisible()
    assert programmes.programmes_for(db, scenario.priya, today=TODAY)[0].running

    # Finished yesterday: yesterday was its last protected day, today is not protected.
    finish.day.set_value(TODAY - dt.timedelta(days=1))
    assert finish.effect.text() == (
        "Its caseload protection's last day is 25/11/2026. From 26/11/2026 the safe limit "
        "is 40 cases, the full one for their FTE."
    )
    answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    _save(qtbot, view, finish)
    assert "Safe limit 40 cases" in view.details_label.text()
    assert "while preceptorship" not in view.reason_label.text()
    assert panel.progress_label.text() == ("Preceptorship: 1 of 6 signed off, completed 25/11/2026")
    assert "Its caseload protection (90%) ended on 25/11/2026" in panel.programme_details.text()
    assert not panel.finish_button.isEnabled()


def test_an_unusual_preceptorship_length_is_asked_about(qtbot, window, scenario_db) -> None:
    db, scenario = scenario_db
    view = _open(qtbot, window, scenario.priya)
    view.development.start_button.click()
    dialog = view.development.dialog
    dialog.start.set_value(dt.date(2026, 9, 1))
    dialog.end.set_value(dt.date(2027, 3, 1))  # six months
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    dialog.save_button.click()
    assert asked == ["Start it with this length?"] and dialog.isVisible()
    assert programmes.programmes_for(db, scenario.priya, today=TODAY) == []

    answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    _save(qtbot, view, dialog)
    assert "ends 01/03/2027" in view.development.progress_label.text()


def test_a_bad_sign_off_is_shown_beside_its_field(qtbot, window, scenario_db) -> None:
    db, scenario = scenario_db
    programmes.start_programme(
        db,
        scenario.tomasz,
        programmes.template_draft("induction", dt.date(2026, 11, 2)),
        today=TODAY,
    )
    view = _open(qtbot, window, scenario.tomasz)
    panel = view.development
    assert panel.progress_label.text().startswith("Induction: 0 of 4 signed off, 1 overdue")
    assert "caseload" not in panel.programme_details.text()  # only a preceptorship protects
    _choose_row(panel.milestones_table, 0)
    panel.sign_off_button.click()
    dialog = panel.dialog
    dialog.by.setText("Sam Okafor")
    dialog.day.set_value(dt.date(2026, 10, 1))
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "before the programme started (02/11/2026)" in dialog.errors.visible_message()
    dialog.by.clear()
    dialog.day.set_value(TODAY)
    dialog.save_button.click()
    assert dialog.errors.visible_message() == "Signed off by is required."
    dialog.reject()


def test_plan_objectives_and_cpd_from_the_gui(qtbot, window, scenario_db) -> None:
    db, scenario = scenario_db
    view = _open(qtbot, window, scenario.aoife)
    panel = view.development
    assert not panel.add_objective_button.isEnabled()

    panel.new_plan_button.click()
    plan_dialog = panel.dialog
    assert isinstance(plan_dialog, PlanDialog) and plan_dialog.year.value() == 2026
    _save(qtbot, view, plan_dialog)
    assert panel.plan_label.text() == "Plan for 2026: 0 open, 0 achieved of 0 objectives"

    panel.add_objective_button.click()
    objective_dialog = panel.dialog
    assert isinstance(objective_dialog, ObjectiveDialog)
    objective_dialog.text.setPlainText("Complete the naloxone train-the-trainer course")
    objective_dialog.target.set_value(dt.date(2027, 3, 31))
    assert not objective_dialog.achieved_field.isVisibleTo(objective_dialog)
    _save(qtbot, view, objective_dialog)
    assert panel.objectives_model.rowCount() == 1
    assert panel.objectives_model.index(0, 2).data() == "Open"

    _choose_row(panel.objectives_table, 0)
    panel.edit_objective_button.click()
    edit = panel.dialog
    edit.status.setCurrentIndex(edit.status.findData("achieved"))
    assert edit.achieved_field.isVisibleTo(edit)
    edit.progress.setPlainText("Passed; first session run in November.")
    _save(qtbot, view, edit)
    assert panel.objectives_model.index(0, 2).data() == "✓ Achieved"
    assert panel.plan_label.text().startswith("Plan for 2026: 0 open, 1 achieved of 1 objective")

    panel.add_cpd_button.click()
    cpd = panel.dialog
    assert isinstance(cpd, CpdDialog)
    cpd.activity.clear()
    cpd.save_button.click()
    assert cpd.errors.visible_message() == "Activity is required."
    cpd.activity.setText("Harm reduction update")
    cpd.hours.setValue(3.5)
    _save(qtbot, view, cpd)
    assert panel.cpd_model.rowCount() == 1
    assert panel.cpd_totals.text().splitlines() == [
        "3.5 hours in the last 3 years (since 27/11/2023)",
        "2026: 3.5 hours (1 activity)",
    ]
    assert "NMC revalidation asks for 35 hours" in panel.cpd_reference.text()

    # Deleting asks first.
    _choose_row(panel.cpd_table, 0)
    answer_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    panel.delete_cpd_button.click()
    assert len(development.cpd_log(db, scenario.aoife, today=TODAY).entries) == 1
    answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.delete_cpd_button.click()
    assert panel.cpd_model.rowCount() == 0
    assert panel.cpd_totals.text() == "No CPD recorded."


def test_a_milestone_is_signed_off_from_the_keyboard(qtbot, window, scenario_db) -> None:
    db, scenario = scenario_db
    programmes.start_programme(
        db,
        scenario.tomasz,
        programmes.template_draft("induction", dt.date(2026, 11, 2)),
        today=TODAY,
    )
    view = _open(qtbot, window, scenario.tomasz)
    panel = view.development
    table = panel.milestones_table
    table.setFocus()
    _choose_row(table, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter on a milestone opens its sign-off
    dialog = panel.dialog
    assert isinstance(dialog, SignOffDialog) and dialog.isVisible()
    dialog.by.setFocus()
    qtbot.keyClicks(dialog.by, "Sam Okafor")
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.keyClick(dialog.by, Qt.Key.Key_Return)  # Enter saves
    assert panel.milestones_model.index(0, 2).data() == "✓ 26/11/2026, Sam Okafor"


def test_the_dashboard_search_finds_people_on_a_programme(qtbot, window, scenario_db) -> None:
    db, scenario = scenario_db
    programmes.start_programme(
        db, scenario.dafydd, programmes.template_draft("skills_passport", TODAY), today=TODAY
    )
    dashboard = window.dashboard
    with qtbot.waitSignal(window.dashboard_ready, timeout=10_000):
        dashboard.refresh()
    qtbot.keyClicks(dashboard.search, "skills passport")
    qtbot.waitUntil(lambda: dashboard.proxy.rowCount() == 1, timeout=5_000)
    assert dashboard.proxy.index(0, Column.NAME).data() == "Dafydd ap Gwilym"
    assert _name_tooltip(window, "Dafydd ap Gwilym").endswith(
        "Skills passport: 0 of 15 signed off, ends 26/11/2027"
    )


def test_the_preceptor_picker_tells_apart_two_colleagues_with_one_name(
    qtbot, window, scenario_db
) -> None:
    from tests.services.builders import add_person

    db, scenario = scenario_db
    namesake = add_person(db, scenario.east, "Aoife Ní Bhriain")  # another team
    view = _open(qtbot, window, scenario.priya)
    panel = view.development
    panel.start_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, StartProgrammeDialog)
    labels = [dialog.assessor.itemText(i) for i in range(dialog.assessor.count())]
    assert "Aoife Ní Bhriain — North Recovery Service" in labels
    assert "Aoife Ní Bhriain — Adult Social Work East" in labels
    # The name alone is ambiguous: asked to choose, nothing saved.
    dialog.assessor.setCurrentText("Aoife Ní Bhriain")
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "choose one from the list" in dialog.errors.label_for("assessor_id").text()
    assert programmes.programmes_for(db, scenario.priya, today=TODAY) == []
    # Chosen from the list: the colleague in East, not the first of that name.
    dialog.assessor.setCurrentIndex(labels.index("Aoife Ní Bhriain — Adult Social Work East"))
    _save(qtbot, view, dialog)
    (started,) = programmes.programmes_for(db, scenario.priya, today=TODAY)
    assert started.assessor_id == namesake

    panel.edit_programme_button.click()
    details = panel.dialog
    assert isinstance(details, EditProgrammeDialog)
    assert details.assessor.currentData() == namesake
    assert details.assessor.currentText() == "Aoife Ní Bhriain — Adult Social Work East"
    _save(qtbot, view, details)
    assert programmes.programmes_for(db, scenario.priya, today=TODAY)[0].assessor_id == namesake


def test_a_programme_recorded_by_mistake_is_deleted_after_asking(
    qtbot, window, scenario_db
) -> None:
    db, scenario = scenario_db
    view = _open(qtbot, window, scenario.priya)
    panel = view.development
    # No programme: one way forward, not a row of disabled buttons.
    assert panel.empty_start_button.isVisible() and not panel.start_button.isVisible()
    for button in (panel.finish_button, panel.sign_off_button, panel.delete_programme_button):
        assert not button.isVisible()

    draft = programmes.template_draft("preceptorship", dt.date(2026, 9, 1))
    started = programmes.start_programme(db, scenario.priya, draft, today=TODAY)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        view.development.changed.emit()
    assert "Safe limit 36 cases" in view.details_label.text()
    assert panel.start_button.isVisible() and not panel.empty_start_button.isVisible()

    # A milestone added by mistake goes with the Delete key, after asking.
    table = panel.milestones_table
    table.setFocus()
    _choose_row(table, 0)
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert asked == ["Delete this milestone?"]
    assert panel.milestones_model.rowCount() == len(started.milestones) - 1

    answer_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    panel.delete_programme_button.click()
    assert programmes.programmes_for(db, scenario.priya, today=TODAY) != []
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.delete_programme_button.click()
    assert asked == ["Delete this programme?"]
    assert programmes.programmes_for(db, scenario.priya, today=TODAY) == []
    assert "Safe limit 40 cases" in view.details_label.text()
    assert panel.empty_start_button.isVisible()


def test_an_objective_is_deleted_after_asking(qtbot, window, scenario_db) -> None:
    db, scenario = scenario_db
    plan = development.save_plan(db, scenario.aoife, 2026, today=TODAY)
    development.save_objective(
        db, plan.id, development.ObjectiveDraft(text="Recorded twice"), today=TODAY
    )
    view = _open(qtbot, window, scenario.aoife)
    panel = view.development
    _choose_row(panel.objectives_table, 0)
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(panel.loaded, timeout=10_000):
        panel.delete_objective_button.click()
    assert asked == ["Delete this objective?"]
    assert panel.objectives_model.rowCount() == 0


def test_the_milestones_read_at_the_minimum_width(qtbot, window, scenario_db) -> None:
    db, scenario = scenario_db
    started = programmes.start_programme(
        db,
        scenario.priya,
        programmes.template_draft("induction", dt.date(2026, 10, 1)),
        today=TODAY,
    )
    programmes.sign_off_milestone(
        db,
        started.milestones[0].id,
        "2026-10-08",
        "Bartholomew Featherstonehaugh-Smythe",
        today=TODAY,
    )
    for n in range(8):
        programmes.extend_programme(
            db, started.id, dt.date(2027, 5 + n, 1), note="More time " + "x" * 60, today=TODAY
        )
    view = _open(qtbot, window, scenario.priya)
    window.resize(window.minimumSizeHint())
    qtbot.wait(50)
    panel = view.development
    table = panel.milestones_table
    metrics = table.fontMetrics()
    assert table.columnWidth(0) >= metrics.horizontalAdvance("x") * 14
    assert table.columnWidth(2) < metrics.horizontalAdvance(
        "✓ 08/10/2026, Bartholomew Featherstonehaugh-Smythe"
    )
    tip = panel.milestones_model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "Signed off 08/10/2026 by Bartholomew Featherstonehaugh-Smythe"
    title = panel.milestones_model.index(0, 0)
    assert title.data(Qt.ItemDataRole.ToolTipRole) == title.data()
    # Eight extensions' notes: shortened on the tab, whole in the tooltip.
    assert len(panel.programme_details.text()) < 600
    assert panel.programme_details.toolTip().count("Extended to") == 8


def test_changing_the_start_never_silently_replaces_edited_milestones(
    qtbot, window, scenario_db
) -> None:
    _db, scenario = scenario_db
    view = _open(qtbot, window, scenario.priya)
    view.development.empty_start_button.click()
    dialog = view.development.dialog
    assert isinstance(dialog, StartProgrammeDialog)
    dialog.start.set_value(dt.date(2026, 9, 1))  # nothing edited: the template follows
    assert dialog.milestones.rows[1].target.value() == dt.date(2026, 10, 1)
    assert not dialog.refill_box.isVisibleTo(dialog)
    dialog.milestones.rows[0].title.setText("First meeting with Aoife")
    dialog.milestones.rows[1].target.set_value(dt.date(2026, 10, 20))
    dialog.start.set_value(dt.date(2026, 9, 8))
    assert dialog.milestones.rows[0].title.text() == "First meeting with Aoife"
    assert dialog.milestones.rows[1].target.value() == dt.date(2026, 10, 20)
    assert dialog.end.value() == dt.date(2027, 9, 8)  # the end was not edited: it follows
    assert dialog.refill_box.isVisibleTo(dialog)
    dialog.refill_button.click()
    assert dialog.milestones.rows[0].title.text() != "First meeting with Aoife"
    assert dialog.milestones.rows[1].target.value() == dt.date(2026, 10, 8)
    assert not dialog.refill_box.isVisibleTo(dialog)
    dialog.reject()
