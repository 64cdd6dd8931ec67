"""The workload review dialog: a plan recorded from the keyboard, errors beside their
fields, reallocations applied after a confirmation naming the counts, and closing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.forms.conftest import answer_message_box, show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.services import caseloads
from wellbeing_desktop.services import workload_reviews as wr
from wellbeing_desktop.ui.forms.workload_review_dialog import (
    CloseReviewDialog,
    WorkloadReviewDialog,
)

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def over_limit(db, staff_id, cases=44) -> None:  # type: ignore[no-untyped-def]
    day = TODAY - dt.timedelta(days=7)
    caseloads.record_caseload(db, caseloads.make_entry(staff_id, day, cases, today=TODAY))


def open_dialog(qtbot, db, staff_id, review_id=None) -> WorkloadReviewDialog:  # type: ignore[no-untyped-def]
    dialog = WorkloadReviewDialog(db, staff_id, review_id, today=TODAY)
    show_dialog(qtbot, dialog)
    return dialog


def test_a_plan_from_the_keyboard(qtbot, app_db, scenario, keyboard) -> None:  # type: ignore[no-untyped-def]
    over_limit(app_db, scenario.aisha)
    dialog = open_dialog(qtbot, app_db, scenario.aisha)
    assert "over limit since 19/11/2026 — no plan" in dialog.situation.text().lower()
    first_line = dialog.situation.text().splitlines()[0]
    assert first_line.startswith("Over safe limit: ") and first_line.count("Over safe limit") == 1
    assert dialog.trigger.currentData() == "red"
    assert not dialog.apply_button.isEnabled() and not dialog.close_review_button.isEnabled()
    assert keyboard.focus is dialog.agreed_by
    keyboard.type("Jordan Patel and Aisha Khan")
    keyboard.tab()  # review date: 14 days on by default
    assert keyboard.focus is dialog.review_on and dialog.review_on.value() == dt.date(2026, 12, 10)
    keyboard.tab()  # no new cases until
    keyboard.type("10122026")
    keyboard.tab()
    keyboard.press(Key.Key_Space)  # extra supervision
    keyboard.tab(2)
    keyboard.type("Duty rota covered for a month")
    dialog.add_row_button.setFocus()
    keyboard.press(Key.Key_Space)  # a reallocation row, with the focus on its person
    row = dialog.rows[0]
    assert keyboard.focus is row.person
    keyboard.press(Key.Key_Down)  # the first colleague
    keyboard.tab()
    assert keyboard.focus is row.cases
    keyboard.press(Key.Key_A, CTRL)
    keyboard.type("3")
    # Ben Carter (18 of 20) would go over his limit: named, and confirmed.
    asked = _answer_capturing(qtbot, QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(dialog.saved):
        keyboard.press(Key.Key_S, CTRL)
    assert "Ben Carter would be 21 of 20 cases (safe limit)" in asked[0][1]
    (review,) = wr.reviews_for(app_db, scenario.aisha)
    assert (review.agreed_on, review.review_on, review.pause_until) == (
        TODAY,
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 10),
    )
    assert review.agreed_by == "Jordan Patel and Aisha Khan"
    assert review.extra_supervision and not review.reduced_complexity
    assert review.other_action == "Duty rota covered for a month"
    colleague = row.person.itemData(1)
    assert [(r.to_staff_id, r.cases) for r in review.reallocations] == [(colleague, 3)]


def test_errors_are_shown_beside_their_fields(qtbot, app_db, scenario) -> None:  # type: ignore[no-untyped-def]
    over_limit(app_db, scenario.aisha)
    dialog = open_dialog(qtbot, app_db, scenario.aisha)
    dialog.agreed_by.setText("Jordan Patel")
    assert not dialog.save_and_close()
    assert dialog.actions_error.isVisible()
    assert "Record what was agreed" in dialog.actions_error.text()
    dialog.reduced_complexity.setChecked(True)
    dialog.review_on.set_value(TODAY - dt.timedelta(days=1))
    assert not dialog.save_and_close()
    assert "cannot be before 26/11/2026" in dialog.errors.visible_message()
    dialog.review_on.set_value(TODAY + dt.timedelta(days=7))
    dialog._add_row()
    dialog.rows[0].person.setCurrentIndex(1)
    dialog.rows[0].cases.setValue(45)
    assert not dialog.save_and_close()
    assert (
        dialog.moves_error.isVisible()
        and "more than the 44 open cases" in dialog.moves_error.text()
    )
    dialog.rows[0].remove.click()
    assert dialog.rows == []
    assert wr.reviews_for(app_db, scenario.aisha) == []  # nothing half-written
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save_and_close()


def test_apply_reallocations_after_a_confirmation(qtbot, app_db, scenario) -> None:  # type: ignore[no-untyped-def]
    over_limit(app_db, scenario.aisha)
    review = wr.save_review(
        app_db,
        scenario.aisha,
        wr.ReviewDraft(
            agreed_on=TODAY,
            agreed_by="Jordan Patel",
            review_on=TODAY + dt.timedelta(days=14),
            reallocations=[wr.ReallocationDraft(scenario.ben, 4)],
        ),
        today=TODAY,
    )
    dialog = open_dialog(qtbot, app_db, scenario.aisha)
    assert dialog.review is not None and dialog.review.id == review.id
    assert dialog.apply_button.isEnabled()
    # Cancel first: nothing moves.
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    dialog.apply_button.click()
    assert asked == ["Move 4 cases from Aisha Khan to Ben Carter?"]
    assert caseloads.caseload_history(app_db, scenario.ben)[-1].open_cases == 18
    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Apply)
    with qtbot.waitSignal(dialog.saved):
        dialog.apply_button.click()
    assert [
        (p.recorded_on, p.open_cases) for p in caseloads.caseload_history(app_db, scenario.ben)
    ][-1] == (TODAY, 22)
    assert caseloads.caseload_history(app_db, scenario.aisha)[-1].open_cases == 40
    assert "4 cases moved; Aisha Khan now has 40 open cases" in dialog.form_error.text()
    assert dialog.rows[0].state.text() == "✓ Applied 26/11/2026"
    assert not dialog.rows[0].cases.isEnabled()
    assert not dialog.apply_button.isEnabled()


def test_closing_a_review_with_its_outcome(qtbot, app_db, scenario) -> None:  # type: ignore[no-untyped-def]
    over_limit(app_db, scenario.aisha)
    review = wr.save_review(
        app_db,
        scenario.aisha,
        wr.ReviewDraft(
            agreed_on=TODAY - dt.timedelta(days=20),
            agreed_by="Jordan Patel",
            review_on=TODAY - dt.timedelta(days=6),
            extra_supervision=True,
        ),
        today=TODAY,
    )
    dialog = open_dialog(qtbot, app_db, scenario.aisha)
    assert "review overdue since 20/11/2026" in dialog.situation.text()
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, CloseReviewDialog):
            QTimer.singleShot(10, answer)
            return
        box.close_button.click()  # an outcome is required
        seen.append(box.errors.visible_message())
        box.outcome.setPlainText("Caseload back to 30 after closures.")
        box.close_button.click()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(dialog.saved):
        dialog.close_review_button.click()
    assert seen == ["Outcome is required."]
    closed = wr.get_review(app_db, review.id)
    assert (closed.closed_on, closed.outcome) == (TODAY, "Caseload back to 30 after closures.")
    assert not dialog.isVisible()
    # A closed review opens read as closed, with nothing left to apply or close.
    again = open_dialog(qtbot, app_db, scenario.aisha, review.id)
    assert again.closed_label.isVisible() and "Caseload back to 30" in again.closed_label.text()
    assert not again.close_review_button.isEnabled()


def _answer_capturing(qtbot, button: QMessageBox.StandardButton) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    asked: list[tuple[str, str]] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        asked.append((box.text(), box.informativeText()))
        box.button(button).click()

    QTimer.singleShot(0, press)
    return asked


def test_moving_cases_to_someone_over_their_limit_is_confirmed(qtbot, app_db, scenario) -> None:  # type: ignore[no-untyped-def]
    over_limit(app_db, scenario.aisha, cases=60)
    dialog = open_dialog(qtbot, app_db, scenario.aisha)
    dialog.agreed_by.setText("Jordan Patel")
    dialog._add_row()
    row = dialog.rows[-1]
    row.person.setCurrentIndex(row.person.findData(scenario.ben))
    row.cases.setValue(1)
    assert row.unit.text() == "case"  # '1 case', not '1 cases'
    row.cases.setValue(30)
    assert row.unit.text() == "cases"
    # Saving names the consequence; saying no saves nothing.
    asked = _answer_capturing(qtbot, QMessageBox.StandardButton.Cancel)
    assert not dialog.try_commit()
    assert "Ben Carter would be 48 of" in asked[0][1]
    assert wr.reviews_for(app_db, scenario.aisha) == []
    asked = _answer_capturing(qtbot, QMessageBox.StandardButton.Save)
    assert dialog.try_commit()
    assert dialog.review is not None
    dialog._reload()
    # Applying asks again, naming it, and says "1 case" for one.
    asked = _answer_capturing(qtbot, QMessageBox.StandardButton.Cancel)
    dialog.apply_button.click()
    assert asked[0][0] == "Move 30 cases from Aisha Khan to Ben Carter?"
    assert "Ben Carter would be 48 of" in asked[0][1]
    assert caseloads.caseload_history(app_db, scenario.ben)[-1].open_cases == 18
