"""The supervision form, driven through the real widgets against a real database."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.forms.conftest import answer_message_box, show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop import paths
from wellbeing_desktop.services import supervision
from wellbeing_desktop.ui.forms.autosave import autosave_dir
from wellbeing_desktop.ui.forms.supervision_form import SupervisionForm

Key = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def open_form(qtbot, db, **kwargs) -> SupervisionForm:
    form = SupervisionForm(db, today=TODAY, **kwargs)
    show_dialog(qtbot, form)
    return form


def test_a_session_is_logged_with_the_keyboard_alone(qtbot, app_db, scenario, keyboard):
    form = open_form(qtbot, app_db)
    assert keyboard.focus is form.kind  # one-to-one is the default kind

    keyboard.tab()
    assert keyboard.focus is form.attendees.search
    keyboard.type("aish")
    keyboard.press(Key.Key_Return)
    assert form.attendees.checked_ids() == [scenario.aisha]
    assert form.caseload.text() == "30"  # prefilled from the latest record

    keyboard.press(Key.Key_C, ALT)
    assert keyboard.focus is form.casework
    keyboard.type("Reviewed two complex cases.")
    keyboard.tab()
    keyboard.type("Booked onto trauma-informed care training.")
    keyboard.tab()
    keyboard.type("Workload heavy but manageable.")
    keyboard.tab(2)  # past the optional reflection, to the first action
    keyboard.type("Refer case 1142 to safeguarding")
    keyboard.press(Key.Key_Return)  # Enter adds the next action
    keyboard.type("Ask about reallocating two cases")
    keyboard.tab()
    assert keyboard.focus.accessibleName() == "Owner of action 2"
    keyboard.press(Key.Key_Down)  # from the supervisee to the supervisor
    keyboard.tab()
    keyboard.press(Key.Key_Up)  # an unset due date starts from the next session

    with qtbot.waitSignal(form.saved):
        keyboard.press(Key.Key_S, CTRL)

    [record] = supervision.sessions_for(app_db, scenario.aisha)
    assert record.kind == "one_to_one"
    assert record.held_on == TODAY
    assert record.casework == "Reviewed two complex cases."
    assert record.learning == "Booked onto trauma-informed care training."
    assert record.wellbeing == "Workload heavy but manageable."
    assert record.caseload_figure == 30
    assert record.status == "draft"
    assert record.supervisor_name == "Jordan Patel"
    assert record.next_session_on == TODAY + dt.timedelta(days=28)
    first, second = record.actions
    assert (first.text, first.owner_staff_id, first.due_on) == (
        "Refer case 1142 to safeguarding",
        scenario.aisha,
        None,
    )
    assert (second.text, second.owner_name, second.due_on) == (
        "Ask about reallocating two cases",
        "Jordan Patel",
        record.next_session_on,
    )
    assert not form.isVisible()


def test_leaving_with_unsaved_changes_asks_first(qtbot, app_db, scenario, keyboard):
    form = open_form(qtbot, app_db, staff_ids=[scenario.aisha])
    keyboard.press(Key.Key_C, ALT)
    keyboard.type("Talked about the new referral pathway.")

    asked = answer_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    keyboard.press(Key.Key_Escape)
    assert asked == ["You have changes that are not saved."]
    assert form.isVisible()  # 'Keep editing'

    answer_message_box(qtbot, QMessageBox.StandardButton.Discard)
    keyboard.press(Key.Key_Escape)
    assert not form.isVisible()
    assert supervision.sessions_for(app_db, scenario.aisha) == []


def test_choosing_save_in_the_prompt_saves_a_draft(qtbot, app_db, scenario, keyboard):
    form = open_form(qtbot, app_db, staff_ids=[scenario.aisha])
    keyboard.press(Key.Key_W, ALT)
    keyboard.type("Feeling more settled.")
    answer_message_box(qtbot, QMessageBox.StandardButton.Save)
    with qtbot.waitSignal(form.saved):
        keyboard.press(Key.Key_Escape)
    [record] = supervision.sessions_for(app_db, scenario.aisha)
    assert record.wellbeing == "Feeling more settled."


def test_closing_an_untouched_form_asks_nothing(qtbot, app_db, scenario, keyboard):
    form = open_form(qtbot, app_db, staff_ids=[scenario.aisha])
    keyboard.press(Key.Key_Escape)
    assert not form.isVisible()


def test_bad_input_is_shown_beside_the_field_and_nothing_is_saved(
    qtbot, app_db, scenario, keyboard
):
    form = open_form(qtbot, app_db)
    keyboard.press(Key.Key_C, ALT)
    keyboard.type("Notes with nobody chosen.")
    keyboard.press(Key.Key_S, CTRL)

    error = form.errors.label_for("attendee_ids")
    assert error.isVisible()
    assert "Choose who attended." in error.text()
    assert form.attendees.accessibleDescription() == "Choose who attended."
    assert keyboard.focus is form.attendees.search
    assert form.isVisible()

    form.attendees.set_checked([scenario.aisha])
    form.next_session.set_value(TODAY - dt.timedelta(days=1))
    keyboard.press(Key.Key_S, CTRL)
    assert (
        "The next session must be after this one."
        in form.errors.label_for("next_session_on").text()
    )
    assert not form.errors.label_for("attendee_ids").isVisible()  # the old error is cleared
    assert supervision.sessions_for(app_db, scenario.aisha) == []


def test_save_and_mark_agreed(qtbot, app_db, scenario, keyboard):
    form = open_form(qtbot, app_db, staff_ids=[scenario.ben])
    keyboard.press(Key.Key_C, ALT)
    keyboard.type("Caseload reviewed.")
    with qtbot.waitSignal(form.saved):
        keyboard.press(Key.Key_A, ALT)
    [record] = supervision.sessions_for(app_db, scenario.ben)
    assert (record.status, record.agreed_on) == ("agreed", TODAY)


def test_open_actions_are_carried_forward_to_review(qtbot, app_db, scenario, keyboard):
    earlier = supervision.save_session(
        app_db,
        supervision.SessionDraft(
            held_on=TODAY - dt.timedelta(days=28),
            attendee_ids=[scenario.aisha],
            actions=[
                supervision.ActionDraft("Book refresher training", owner_staff_id=scenario.aisha),
                supervision.ActionDraft("Shadow a colleague", owner_staff_id=scenario.aisha),
            ],
        ),
        today=TODAY,
    )
    form = open_form(qtbot, app_db, staff_ids=[scenario.aisha])
    boxes = form.review.tab_widgets()
    assert [box.text() for box in boxes] == ["Book refresher training", "Shadow a colleague"]
    boxes[0].setFocus()
    keyboard.press(Key.Key_Space)
    with qtbot.waitSignal(form.saved):
        keyboard.press(Key.Key_S, CTRL)
    done = {a.text: a.done for a in supervision.get_session(app_db, earlier.id).actions}
    assert done == {"Book refresher training": True, "Shadow a colleague": False}


def test_an_existing_session_opens_for_editing(qtbot, app_db, scenario):
    saved = supervision.save_session(
        app_db,
        supervision.SessionDraft(
            kind="group",
            held_on=TODAY - dt.timedelta(days=2),
            attendee_ids=[scenario.aisha, scenario.ben],
            supervisor_name="Jordan Patel",
            learning="Motivational interviewing refresher",
            actions=[supervision.ActionDraft("Share the slides", owner_name="Jordan Patel")],
        ),
        today=TODAY,
    )
    form = open_form(qtbot, app_db, session_id=saved.id)
    assert form.kind.currentData() == "group"
    assert sorted(form.attendees.checked_ids()) == sorted([scenario.aisha, scenario.ben])
    assert form.learning.toPlainText() == "Motivational interviewing refresher"
    assert not form.is_dirty()
    form.duration.setValue(90)
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    record = supervision.get_session(app_db, saved.id)
    assert record.duration_minutes == 90
    assert [(a.text, a.owner_name) for a in record.actions] == [
        ("Share the slides", "Jordan Patel")
    ]
    assert len(supervision.sessions_for(app_db, scenario.aisha)) == 1


def test_unsaved_work_is_autosaved_and_offered_back_after_a_crash(
    qtbot, app_db, scenario, keyboard
):
    form = open_form(qtbot, app_db, staff_ids=[scenario.aisha])
    form.autosave_timer.setInterval(20)
    keyboard.press(Key.Key_C, ALT)
    keyboard.type("Half-written notes")
    folder = autosave_dir()
    qtbot.waitUntil(lambda: any(folder.glob("supervision-new--*.json")))
    [kept] = folder.glob("supervision-new--*.json")
    assert folder.is_relative_to(paths.data_dir())
    assert kept.stat().st_mode & 0o077 == 0  # readable by the user alone
    form.autosave_timer.stop()
    form.hide()  # the 'crash': the form goes without saving or discarding

    again = open_form(qtbot, app_db)
    assert again.banner.isVisible()
    assert "Aisha Khan" in again.banner_text.text()
    assert keyboard.focus is again.restore_button
    keyboard.press(Key.Key_Space)
    assert again.casework.toPlainText() == "Half-written notes"
    assert again.attendees.checked_ids() == [scenario.aisha]
    assert again.is_dirty()
    with qtbot.waitSignal(again.saved):
        keyboard.press(Key.Key_S, CTRL)
    assert not any(folder.glob("*.json"))  # removed once saved
    [record] = supervision.sessions_for(app_db, scenario.aisha)
    assert record.casework == "Half-written notes"


def test_a_kept_draft_can_be_discarded(qtbot, app_db, scenario, keyboard):
    form = open_form(qtbot, app_db, staff_ids=[scenario.ben])
    keyboard.press(Key.Key_C, ALT)
    keyboard.type("Notes")
    form.autosave_now()
    form.hide()
    again = open_form(qtbot, app_db)
    again.discard_recovery_button.click()
    assert not again.banner.isVisible()
    assert not any(autosave_dir().glob("*.json"))


def test_several_people_chosen_start_a_group_session(qtbot, app_db, scenario):
    form = open_form(qtbot, app_db, staff_ids=[scenario.aisha, scenario.ben])
    assert form.kind.currentData() == "group"
    assert not form.caseload_box.isEnabled()  # a caseload figure is for one supervisee
    with qtbot.waitSignal(form.saved):
        form.save_button.click()
    [record] = supervision.sessions_for(app_db, scenario.ben)
    assert sorted(record.attendee_ids) == sorted([scenario.aisha, scenario.ben])
