"""The dating rules of programmes and their caseload protection: one meaning for the
expected end and the finishing day (both inclusive), what extending and finishing do
to a protection the manager changed by hand, a closed finished programme, overdue
milestones counted alike by the service and the dashboard query, deleting what was
recorded by mistake, and the length warning's figure."""

import datetime as dt

import pytest

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import development, people, programmes, supervision
from wellbeing_desktop.services.programmes import MilestoneDraft, ProgrammeDraft
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.services.validation import NOTE_MAX

from .builders import TODAY, add_person

DAY = dt.timedelta(days=1)


@pytest.fixture
def team(app_db):
    return people.save_team(app_db, "North Recovery Service").id


def _red(db, team_id, staff_id, on):
    person = next(p for p in team_summary(db, [team_id], today=on).people if p.staff_id == staff_id)
    return person.limit.red


def _protection(db, staff_id):
    return people.get_staff(db, staff_id).protections


def _preceptorship(db, staff_id, start, end, today=TODAY):
    draft = ProgrammeDraft(
        kind="preceptorship", start_on=start, expected_end_on=end, confirm_length=True
    )
    return programmes.start_programme(db, staff_id, draft, today=today)


def test_finishing_on_the_expected_end_keeps_that_day_protected(app_db, team):
    person = add_person(app_db, team, "Zofia Łukasiewicz", start="2025-01-01")
    started = _preceptorship(app_db, person, dt.date(2025, 11, 26), TODAY)
    assert _red(app_db, team, person, TODAY) == 36  # the expected end is protected
    programmes.finish_programme(app_db, started.id, "completed", TODAY, today=TODAY)
    # The same day, the same answer: finishing on the last day takes nothing away.
    assert _red(app_db, team, person, TODAY) == 36
    assert _protection(app_db, person)[0].end_date == TODAY
    assert _red(app_db, team, person, TODAY + DAY) == 40


def test_finishing_early_ends_the_protection_on_the_finishing_day(app_db, team):
    person = add_person(app_db, team, "Dafydd ap Gwilym", start="2026-01-01")
    started = _preceptorship(app_db, person, dt.date(2026, 9, 1), dt.date(2027, 9, 1))
    programmes.finish_programme(app_db, started.id, "withdrawn", "2026-11-01", today=TODAY)
    assert _protection(app_db, person)[0].end_date == dt.date(2026, 11, 1)
    assert _red(app_db, team, person, dt.date(2026, 11, 1)) == 36
    assert _red(app_db, team, person, dt.date(2026, 11, 2)) == 40


def test_a_late_finish_does_not_lengthen_an_ended_protection(app_db, team):
    person = add_person(app_db, team, "Priya Raman", start="2025-01-01")
    started = _preceptorship(app_db, person, dt.date(2025, 9, 1), dt.date(2026, 9, 1))
    programmes.finish_programme(app_db, started.id, "completed", "2026-11-20", today=TODAY)
    assert _protection(app_db, person)[0].end_date == dt.date(2026, 9, 1)
    assert _red(app_db, team, person, dt.date(2026, 10, 1)) == 40


def test_a_protection_ended_by_hand_is_not_reopened_by_extending(app_db, team):
    person = add_person(app_db, team, "Aoife Ní Bhriain", start="2026-01-01")
    started = _preceptorship(app_db, person, dt.date(2026, 9, 1), dt.date(2027, 9, 1))
    people.end_protection(app_db, started.protection_id, "2026-10-31")
    extended = programmes.extend_programme(app_db, started.id, "2028-01-31", today=TODAY)
    assert _protection(app_db, person)[0].end_date == dt.date(2026, 10, 31)
    assert _red(app_db, team, person, TODAY) == 40
    assert extended.protection is not None and not extended.protection.in_force
    assert extended.protection.words == "Its caseload protection (90%) ended on 31/10/2026"
    # Not ended by hand: it moves with the expected end.
    other = add_person(app_db, team, "Rhodri Llŷr", start="2026-01-01")
    second = _preceptorship(app_db, other, dt.date(2026, 9, 1), dt.date(2027, 9, 1))
    moved = programmes.extend_programme(app_db, second.id, "2028-01-31", today=TODAY)
    assert _protection(app_db, other)[0].end_date == dt.date(2028, 1, 31)
    assert moved.protection is not None and moved.protection.in_force
    assert moved.protection.words == "Safe caseload at 90% of the full limit until 31/01/2028"


def test_a_finished_programme_is_closed(app_db, team):
    person = add_person(app_db, team, "Niamh Ní Dhomhnaill")
    started = programmes.start_programme(
        app_db, person, programmes.template_draft("induction", dt.date(2026, 10, 1)), today=TODAY
    )
    first = started.milestones[0].id
    programmes.sign_off_milestone(app_db, first, "2026-10-08", "Team manager", today=TODAY)
    programmes.finish_programme(app_db, started.id, "completed", "2026-11-20", today=TODAY)
    with pytest.raises(ValidationError, match="no longer be extended"):
        programmes.extend_programme(app_db, started.id, "2027-06-01", today=TODAY)
    with pytest.raises(ValidationError, match="no longer be changed"):
        programmes.add_milestone(app_db, started.id, "One more", today=TODAY)
    with pytest.raises(ValidationError, match="no longer be changed"):
        programmes.clear_sign_off(app_db, first, today=TODAY)
    with pytest.raises(ValidationError, match="no longer be changed"):
        programmes.delete_milestone(app_db, first, today=TODAY)
    with pytest.raises(ValidationError, match="no longer be signed off"):
        programmes.sign_off_milestone(
            app_db, started.milestones[1].id, TODAY, "Team manager", today=TODAY
        )
    after = programmes.get_programme(app_db, started.id, today=TODAY)
    assert after.milestones[0].signed_off and len(after.milestones) == 4


def test_a_milestone_is_overdue_from_the_day_after_its_target(app_db, team):
    person = add_person(app_db, team, "Niamh Ní Dhomhnaill")
    draft = ProgrammeDraft(
        kind="induction",
        start_on="2026-10-01",
        expected_end_on="2027-04-01",
        milestones=[
            MilestoneDraft("Due today", TODAY),
            MilestoneDraft("Due yesterday", TODAY - DAY),
        ],
    )
    started = programmes.start_programme(app_db, person, draft, today=TODAY)
    assert [m.overdue for m in started.milestones] == [False, True]
    on_dashboard = next(
        p for p in team_summary(app_db, [team], today=TODAY).people if p.staff_id == person
    )
    assert on_dashboard.programmes[0].overdue == started.progress.overdue == 1
    tomorrow = team_summary(app_db, [team], today=TODAY + DAY).people
    assert next(p for p in tomorrow if p.staff_id == person).programmes[0].overdue == 2
    later = programmes.get_programme(app_db, started.id, today=TODAY + DAY)
    assert later.progress.overdue == 2


def test_a_programme_not_yet_started_can_be_withdrawn(app_db, team):
    person = add_person(app_db, team, "Zofia Łukasiewicz", start="2026-01-01")
    start = TODAY + dt.timedelta(days=20)
    started = _preceptorship(app_db, person, start, start.replace(year=start.year + 1))
    with pytest.raises(ValidationError, match="cannot be completed before it started"):
        programmes.finish_programme(app_db, started.id, "completed", TODAY, today=TODAY)
    effect = programmes.finishing_effect(app_db, started.id, TODAY, today=TODAY)
    assert effect is not None and effect.protection_removed
    withdrawn = programmes.finish_programme(app_db, started.id, "withdrawn", TODAY, today=TODAY)
    assert withdrawn.outcome == "withdrawn" and withdrawn.protection_id is None
    assert _protection(app_db, person) == ()
    assert _red(app_db, team, person, start) == 40


def test_finishing_effect_names_a_protection_that_still_applies(app_db, team):
    person = add_person(app_db, team, "Priya Raman", start="2026-08-01")
    people.add_protection(app_db, person, "newly_qualified", "2026-08-01", "2027-07-31")
    draft = programmes.template_draft("preceptorship", dt.date(2026, 8, 1))
    draft.protection_percent = "80"
    started = programmes.start_programme(app_db, person, draft, today=TODAY)
    effect = programmes.finishing_effect(app_db, started.id, TODAY, today=TODAY)
    assert effect is not None
    assert effect.protection_last_day == TODAY and effect.limit_from == TODAY + DAY
    assert effect.limit_after == 36 and effect.still_protected_percent == 90
    assert "full one" not in effect.words and "still applies" in effect.words
    assert effect.words.startswith("Its caseload protection's last day is 26/11/2026.")
    alone = add_person(app_db, team, "Rhodri Llŷr", start="2026-08-01")
    own = _preceptorship(app_db, alone, dt.date(2026, 8, 1), dt.date(2027, 8, 1))
    plain = programmes.finishing_effect(app_db, own.id, TODAY, today=TODAY)
    assert plain is not None and plain.limit_after == 40 and not plain.still_protected_by
    assert "the full one for their FTE" in plain.words


def test_the_protection_state_says_when_it_starts(app_db, team):
    person = add_person(app_db, team, "Aoife Ní Bhriain", start="2026-01-01")
    start = dt.date(2026, 12, 7)
    started = _preceptorship(app_db, person, start, dt.date(2027, 12, 6))
    assert started.protection is not None and not started.protection.in_force
    assert started.protection.words == (
        "Safe caseload at 90% of the full limit from 07/12/2026 to 06/12/2027"
    )


def test_finishing_before_a_sign_off_or_after_leaving_is_refused(app_db, team):
    person = add_person(app_db, team, "Niamh Ní Dhomhnaill", start="2026-01-01")
    started = programmes.start_programme(
        app_db, person, programmes.template_draft("induction", dt.date(2026, 10, 1)), today=TODAY
    )
    programmes.sign_off_milestone(
        app_db, started.milestones[0].id, "2026-11-10", "Team manager", today=TODAY
    )
    with pytest.raises(ValidationError, match="last milestone was signed off"):
        programmes.finish_programme(app_db, started.id, "completed", "2026-11-09", today=TODAY)
    people.mark_left(app_db, person, "2026-11-15")
    with pytest.raises(ValidationError, match="after the person left"):
        programmes.sign_off_milestone(
            app_db, started.milestones[1].id, "2026-11-20", "Team manager", today=TODAY
        )
    with pytest.raises(ValidationError, match="after the person left"):
        programmes.finish_programme(app_db, started.id, "completed", "2026-11-20", today=TODAY)
    programmes.finish_programme(app_db, started.id, "withdrawn", "2026-11-15", today=TODAY)


def test_a_programme_cannot_start_before_the_person_did(app_db, team):
    person = add_person(app_db, team, "Zofia Łukasiewicz", start="2026-09-01")
    with pytest.raises(ValidationError, match="before the person started"):
        programmes.start_programme(
            app_db, person, programmes.template_draft("induction", dt.date(2026, 8, 1)), today=TODAY
        )


def test_deleting_a_programme_deletes_its_own_protection_only(app_db, team):
    person = add_person(app_db, team, "Priya Raman", start="2026-08-01")
    people.add_protection(app_db, person, "newly_qualified", "2026-08-01", "2027-07-31")
    started = _preceptorship(app_db, person, dt.date(2026, 8, 1), dt.date(2027, 8, 1))
    assert len(_protection(app_db, person)) == 2
    programmes.delete_programme(app_db, started.id)
    assert [p.kind for p in _protection(app_db, person)] == ["newly_qualified"]
    assert programmes.programmes_for(app_db, person, today=TODAY) == []
    entries = people_audit(app_db)
    assert "development_programme" in entries and "protection" in entries


def people_audit(db):
    from wellbeing_desktop.services import audit

    return {e.record_type for e in audit.list_entries(db) if e.action == "deleted"}


def test_deleting_a_milestone(app_db, team):
    person = add_person(app_db, team, "Niamh Ní Dhomhnaill")
    started = programmes.start_programme(
        app_db, person, programmes.template_draft("induction", dt.date(2026, 10, 1)), today=TODAY
    )
    after = programmes.delete_milestone(app_db, started.milestones[1].id, today=TODAY)
    assert [m.title for m in after.milestones] == [
        m.title for i, m in enumerate(started.milestones) if i != 1
    ]


def test_deleting_an_objective_unlinks_the_actions_that_served_it(app_db, team):
    person = add_person(app_db, team, "Aoife Ní Bhriain")
    plan = development.save_plan(app_db, person, 2026, today=TODAY)
    objective = development.save_objective(
        app_db, plan.id, development.ObjectiveDraft(text="Lead a group"), today=TODAY
    )
    record = supervision.save_session(
        app_db,
        supervision.SessionDraft(
            attendee_ids=[person],
            held_on=TODAY,
            supervisor_name="Team manager",
            actions=[supervision.ActionDraft(text="Shadow a group", objective_id=objective.id)],
        ),
        today=TODAY,
    )
    development.delete_objective(app_db, objective.id)
    assert development.plans_for(app_db, person, today=TODAY)[0].objectives == ()
    saved = supervision.get_session(app_db, record.id)
    assert saved.actions[0].objective_id is None and saved.actions[0].text == "Shadow a group"
    assert "development_objective" in people_audit(app_db)


def test_an_extension_that_would_overfill_the_notes_is_refused(app_db, team):
    person = add_person(app_db, team, "Rhodri Llŷr")
    started = programmes.start_programme(
        app_db, person, programmes.template_draft("induction", dt.date(2026, 10, 1)), today=TODAY
    )
    programmes.update_programme(app_db, started.id, notes="x" * (NOTE_MAX - 10), today=TODAY)
    with pytest.raises(ValidationError, match="shorter reason") as caught:
        programmes.extend_programme(
            app_db, started.id, "2027-06-01", note="More time on the ward", today=TODAY
        )
    assert caught.value.field == "notes"
    after = programmes.get_programme(app_db, started.id, today=TODAY)
    assert after.expected_end_on == dt.date(2027, 4, 1)  # nothing half-written
    programmes.update_programme(app_db, started.id, notes=after.notes, today=TODAY)  # saves
    programmes.extend_programme(app_db, started.id, "2027-06-01", today=TODAY)  # no reason


@pytest.mark.parametrize(
    ("end", "shown"),
    [
        (dt.date(2027, 8, 31), "11.9"),  # 11.97 months: never shown as 12
        (dt.date(2028, 3, 2), "18.1"),  # 18.03 months: never shown as 18
    ],
)
def test_the_length_warning_never_shows_a_length_inside_the_range(end, shown):
    warning = programmes.length_warning("preceptorship", dt.date(2026, 9, 1), end)
    assert warning is not None and f"would last {shown} months" in warning
