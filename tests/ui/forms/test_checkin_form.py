"""The wellbeing check-in form."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.services import checkins
from wellbeing_desktop.ui.forms.checkin_form import CheckInForm

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def open_form(qtbot, db, staff_id) -> CheckInForm:
    form = CheckInForm(db, staff_id, today=TODAY)
    show_dialog(qtbot, form)
    return form


def test_a_check_in_from_the_keyboard_suggests_a_follow_up(qtbot, app_db, scenario, keyboard):
    checkins.save_checkin(
        app_db,
        scenario.aisha,
        checkins.CheckInDraft(
            held_on=TODAY - dt.timedelta(days=28), overall=3, workload=3, stress=3, support=3
        ),
        today=TODAY,
    )
    form = open_form(qtbot, app_db, scenario.aisha)
    assert keyboard.focus is form.scales["overall"]
    assert "Previous check-in on 29/10/2026." in form.intro.text()

    keyboard.type("3")
    keyboard.tab()
    keyboard.press(Key.Key_End)  # workload: 5
    keyboard.press(Key.Key_Left)  # 4
    keyboard.tab()
    keyboard.type("4")  # stress
    keyboard.tab()
    keyboard.type("3")  # support
    assert not form.suggestion.isVisible()
    keyboard.press(Key.Key_Left)  # support 2: high stress and not feeling supported
    assert form.suggestion.isVisible()
    assert "high stress and not feeling supported" in form.suggestion.text()
    assert "not an assessment" in form.suggestion.text()
    assert form.follow_up.isChecked()  # suggested, and can be unticked
    keyboard.tab()
    keyboard.type("Covering a colleague's cases this month.")

    with qtbot.waitSignal(form.saved):
        keyboard.press(Key.Key_S, CTRL)
    latest = checkins.checkin_history(app_db, scenario.aisha)[-1]
    assert (latest.held_on, latest.overall, latest.workload, latest.stress, latest.support) == (
        TODAY,
        3,
        4,
        4,
        2,
    )
    assert latest.follow_up_needed
    assert latest.notes == "Covering a colleague's cases this month."


def test_the_previous_check_in_is_shown_for_comparison(qtbot, app_db, scenario):
    checkins.save_checkin(
        app_db,
        scenario.ben,
        checkins.CheckInDraft(held_on="2026-10-01", overall=5, workload=4, stress=1, support=5),
        today=TODAY,
    )
    form = open_form(qtbot, app_db, scenario.ben)
    shown = {
        label.accessibleName(): label.text() for label in form.findChildren(type(form.suggestion))
    }
    assert shown["Overall wellbeing last time"] == "5"
    assert shown["Stress last time"] == "1"
    for key, value in {"overall": 4, "workload": 2, "stress": 3, "support": 4}.items():
        form.scales[key].set_value(value)
    # 5+4+5+5=19 before, 4+2+3+4=13 now: worse since last time
    assert "things have got worse since the last check-in" in form.suggestion.text()


def test_an_unanswered_scale_is_shown_beside_it_and_nothing_saved(
    qtbot, app_db, scenario, keyboard
):
    form = open_form(qtbot, app_db, scenario.ben)
    for key in ("overall", "workload", "support"):
        form.scales[key].set_value(4)
    keyboard.press(Key.Key_S, CTRL)
    error = form.errors.label_for("stress")
    assert error.isVisible()
    assert "Stress is required." in error.text()
    assert keyboard.focus is form.scales["stress"]
    assert checkins.checkin_history(app_db, scenario.ben) == []
