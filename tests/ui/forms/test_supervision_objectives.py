"""The supervision form's learning and development section: the supervisees' open
objectives are shown, and an agreed action can be linked to one."""

from __future__ import annotations

import datetime as dt

from tests.ui.forms.conftest import show_dialog
from tests.ui.forms.scenario import TODAY
from wellbeing_desktop.services import development, supervision
from wellbeing_desktop.services.programmes import add_months
from wellbeing_desktop.ui.forms.supervision_form import SupervisionForm


def _objectives(db, staff_id, *texts):  # type: ignore[no-untyped-def]
    plan = development.save_plan(db, staff_id, 2026, today=TODAY)
    return [
        development.save_objective(
            db, plan.id, development.ObjectiveDraft(text=text, target_on=target), today=TODAY
        )
        for text, target in texts
    ]


def test_open_objectives_are_shown_and_an_action_is_linked(qtbot, app_db, scenario):
    course, group = _objectives(
        app_db,
        scenario.aisha,
        ("Complete the trauma-informed practice course", "2026-11-15"),
        ("Co-facilitate the family group", "2027-01-31"),
    )
    _objectives(app_db, scenario.ben, ("Someone else's objective", None))

    form = SupervisionForm(app_db, [scenario.aisha], today=TODAY)
    show_dialog(qtbot, form)
    context = form.learning_context
    assert context.isVisible()
    assert context.objectives.text().splitlines() == [
        "• Complete the trauma-informed practice course — was due 15/11/2026",
        "• Co-facilitate the family group — by 31/01/2027",
    ]
    row = form.action_rows._rows[0]
    assert row.objective.isVisible()
    assert [row.objective.itemData(i) for i in range(row.objective.count())] == [
        None,
        course.id,
        group.id,
    ]
    row.text.setText("Book the course")
    row.objective.setCurrentIndex(row.objective.findData(course.id))
    assert form.save_and_close()

    saved = supervision.sessions_for(app_db, scenario.aisha)[0]
    assert [(a.text, a.objective_id) for a in saved.actions] == [("Book the course", course.id)]

    # Opened again after the objective is achieved: the link is kept and shown.
    development.save_objective(
        app_db,
        course.plan_id,
        development.ObjectiveDraft(text=course.text, status="achieved"),
        course.id,
        today=TODAY,
    )
    again = SupervisionForm(app_db, session_id=saved.id, today=TODAY)
    show_dialog(qtbot, again)
    row = again.action_rows._rows[0]
    assert row.objective.currentData() == course.id
    assert row.objective.currentText() == "Complete the trauma-informed practice course"
    assert again.learning_context.objectives.text().count("•") == 1  # only the open one
    assert again.save_and_close()
    assert supervision.get_session(app_db, saved.id).actions[0].objective_id == course.id


def test_no_objectives_no_column(qtbot, app_db, scenario):
    form = SupervisionForm(app_db, [scenario.chloe], today=TODAY)
    show_dialog(qtbot, form)
    assert not form.action_rows._rows[0].objective.isVisible()
    assert form.learning_context.objectives.text().startswith("None open.")
    form.attendees.set_checked([])
    form._attendees_changed()
    assert not form.learning_context.isVisible()


def test_expired_and_expiring_training_is_shown(qtbot, app_db, scenario):
    from wellbeing_desktop.services import training

    renewing = [
        c
        for c in training.list_courses(app_db)
        if c.mandatory_for_all and c.renewal_months is not None
    ]
    expired, expiring = renewing[0], renewing[1]
    training.record_completion(app_db, scenario.aisha, expired.id, "2020-01-10", today=TODAY)
    # Done a renewal interval ago less 20 days: it expires in 20 days.
    done_on = add_months(TODAY, -(expiring.renewal_months or 12)) + dt.timedelta(days=20)
    training.record_completion(app_db, scenario.aisha, expiring.id, done_on, today=TODAY)

    form = SupervisionForm(app_db, [scenario.aisha], today=TODAY)
    show_dialog(qtbot, form)
    text = form.learning_context.training.text()
    lines = text.splitlines()
    expired_line = next(line for line in lines if expired.name in line)
    assert "Expired" in expired_line
    expiring_line = next(line for line in lines if expiring.name in line)
    assert "Valid until" in expiring_line
    assert "never done" in lines[-1]  # the other mandatory courses
    assert form.learning_context.training.isVisible()


def test_a_change_of_attendees_drops_links_to_objectives_they_do_not_own(qtbot, app_db, scenario):
    (course,) = _objectives(app_db, scenario.aisha, ("Complete the course", "2027-01-31"))
    _objectives(app_db, scenario.ben, ("Ben's own objective", None))
    form = SupervisionForm(app_db, [scenario.aisha], today=TODAY)
    show_dialog(qtbot, form)
    row = form.action_rows._rows[0]
    row.text.setText("Book the course")
    row.objective.setCurrentIndex(row.objective.findData(course.id))
    # Ben instead of Aisha: the link to Aisha's objective goes, and the session saves.
    form.attendees.set_checked([scenario.ben])
    form._attendees_changed()
    assert row.objective.currentData() is None
    assert form.save_and_close()
    saved = supervision.sessions_for(app_db, scenario.ben)[0]
    assert [(a.text, a.objective_id) for a in saved.actions] == [("Book the course", None)]


def test_a_saved_link_to_an_achieved_objective_shows_and_can_be_cleared(qtbot, app_db, scenario):
    (course,) = _objectives(app_db, scenario.aisha, ("Complete the course", "2027-01-31"))
    form = SupervisionForm(app_db, [scenario.aisha], today=TODAY)
    show_dialog(qtbot, form)
    row = form.action_rows._rows[0]
    row.text.setText("Book the course")
    row.objective.setCurrentIndex(row.objective.findData(course.id))
    assert form.save_and_close()
    saved = supervision.sessions_for(app_db, scenario.aisha)[0]
    development.save_objective(
        app_db,
        course.plan_id,
        development.ObjectiveDraft(text=course.text, status="achieved"),
        course.id,
        today=TODAY,
    )
    # No open objectives now, but the link is there: the column shows it.
    again = SupervisionForm(app_db, session_id=saved.id, today=TODAY)
    show_dialog(qtbot, again)
    row = again.action_rows._rows[0]
    assert row.objective.isVisible() and row.objective.currentData() == course.id
    # Ben joins: Aisha still attends, so her link stays.
    again.attendees.set_checked([scenario.aisha, scenario.ben])
    again._attendees_changed()
    assert row.objective.currentData() == course.id
    # The user clears it by hand: nothing linked, nothing offered, the column goes.
    again.attendees.set_checked([scenario.aisha])
    again._attendees_changed()
    row.objective.setCurrentIndex(0)
    assert not row.objective.isVisible()
    assert again.save_and_close()
    assert supervision.get_session(app_db, saved.id).actions[0].objective_id is None


def test_ticking_attendees_on_and_off_does_not_ask_the_database_again(qtbot, app_db, scenario):
    from sqlalchemy import event

    form = SupervisionForm(app_db, [scenario.aisha], today=TODAY)
    show_dialog(qtbot, form)
    form.attendees.set_checked([scenario.aisha, scenario.ben])
    form._attendees_changed()
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(app_db.engine, "before_cursor_execute", count)
    try:
        form.attendees.set_checked([scenario.aisha])
        form.learning_context.show_for(app_db, [scenario.aisha], form._names, TODAY)
        form.learning_context.show_for(app_db, [scenario.aisha, scenario.ben], form._names, TODAY)
    finally:
        event.remove(app_db.engine, "before_cursor_execute", count)
    # The objectives (one query for everyone attending) are asked again; the training
    # of people already seen is not.
    assert any("development_objective" in s for s in statements)
    assert not any("training_completion" in s for s in statements)
