"""The retention rule in the app: the period set through the service, a preview of who
would go, and nothing removed until the manager confirms."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.scenario import TODAY
from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.services import audit, people, retention
from wellbeing_desktop.ui.busy import confirm_button
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.retention_dialog import RetentionDialog

LEFT_ON = dt.date(2024, 6, 30)  # more than 2 years before TODAY, less than 6


def open_retention(qtbot, window: MainWindow) -> RetentionDialog:  # type: ignore[no-untyped-def]
    window.data_menu.retention_action.trigger()
    dialog = window.data_menu.dialog
    assert isinstance(dialog, RetentionDialog)
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=10_000)
    return dialog


def test_the_rule_previews_then_removes_once_confirmed(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    people.mark_left(db, scenario.tomasz, LEFT_ON)
    dialog = open_retention(qtbot, window)
    assert dialog.years_field.value() == retention.DEFAULT_YEARS
    assert "removes nothing today" in dialog.summary.text()
    assert not dialog.apply_button.isEnabled()

    # A shorter period: saved through the service (audited), then previewed again.
    dialog.years_field.setValue(2)
    assert dialog.save_years_button.isEnabled() and not dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.save_years_button.click()
    assert retention.retention_years(db) == 2
    # The newest setting changed is the period (the first open also records others).
    assert audit.list_entries(db, record_type="org_setting", limit=1)[0].record_id == (
        "retention_years"
    )
    assert "1 person left before 26/11/2024" in dialog.summary.text()
    cells = [dialog.people_table.item(0, c).text() for c in range(4)]  # type: ignore[union-attr]
    assert cells[:3] == ["Tomasz Nowak", "Adult Social Work East", "30/06/2024"]
    assert "Caseload records: 6; Check-ins: 1" in dialog.totals.text()
    assert people.get_staff(db, scenario.tomasz).name == "Tomasz Nowak"  # nothing gone yet

    # Cancelling the question removes nothing.
    dialog.apply_button.click()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "Remove the records of 1 person for good?"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert people.get_staff(db, scenario.tomasz).name == "Tomasz Nowak"

    dialog.apply_button.click()
    with qtbot.waitSignal(dialog.applied, timeout=10_000) as applied:
        confirm_button(dialog.confirm_box).click()  # type: ignore[arg-type]
    assert applied.args[0].staff_ids == (scenario.tomasz,)
    with pytest.raises(NotFoundError):
        people.get_staff(db, scenario.tomasz)
    qtbot.waitUntil(lambda: dialog.view is not None and not dialog.view.preview.people)
    assert "Removed the records of 1 person" in dialog.done_label.text()
    assert "removes nothing today" in dialog.summary.text()
    (entry,) = audit.list_entries(db, action="retention")
    assert entry.record_id == str(scenario.tomasz) and "Tomasz" not in entry.detail
    assert entry.detail.startswith("left more than 2 years ago; removed:")


def test_a_period_out_of_range_cannot_be_typed(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = open_retention(qtbot, window)
    dialog.years_field.setValue(0)
    assert dialog.years_field.value() == retention.MIN_YEARS
    dialog.years_field.setValue(1000)
    assert dialog.years_field.value() == retention.MAX_YEARS
    dialog.close()


def test_the_preview_is_for_the_app_s_today(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    from wellbeing_desktop.ui.tasks import TaskRunner

    people.mark_left(db, scenario.dafydd, LEFT_ON)
    retention.set_retention_years(db, 2)
    dialog = RetentionDialog(db, runner=TaskRunner(synchronous=True), today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.view is not None
    assert dialog.view.preview.staff_ids == (scenario.dafydd,)
    later = RetentionDialog(db, runner=TaskRunner(synchronous=True), today=LEFT_ON)
    qtbot.addWidget(later)
    assert later.view is not None and later.view.preview.people == ()
