import datetime as dt

import pytest

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import development, people, supervision
from wellbeing_desktop.services.development import CpdDraft, ObjectiveDraft
from wellbeing_desktop.services.supervision import ActionDraft, SessionDraft

from .builders import TODAY, add_person


@pytest.fixture
def pair(app_db):
    team = people.save_team(app_db, "Team").id
    return (
        add_person(app_db, team, "Niamh Ní Dhomhnaill"),
        add_person(app_db, team, "Rhodri Llŷr", role="children"),
    )


def test_plans_one_a_year_and_objectives(app_db, pair):
    niamh, rhodri = pair
    plan = development.save_plan(app_db, niamh, 2026, agreed_on="15/01/2026", today=TODAY)
    assert plan.year == 2026 and plan.agreed_on == dt.date(2026, 1, 15)
    with pytest.raises(ValidationError, match="already a development plan for 2026") as clash:
        development.save_plan(app_db, niamh, "2026", today=TODAY)
    assert clash.value.field == "year"
    development.save_plan(app_db, rhodri, 2026, today=TODAY)  # another person's is fine
    older = development.save_plan(app_db, niamh, 2025, today=TODAY)
    renamed = development.save_plan(
        app_db, niamh, 2025, notes="Carried over", plan_id=older.id, today=TODAY
    )
    assert renamed.id == older.id and renamed.notes == "Carried over"

    first = development.save_objective(
        app_db,
        plan.id,
        ObjectiveDraft(text="Complete the trauma-informed practice course", target_on="2026-10-31"),
        today=TODAY,
    )
    assert first.is_open and first.overdue and first.staff_id == niamh
    second = development.save_objective(
        app_db, plan.id, ObjectiveDraft(text="Shadow the harm reduction team"), today=TODAY
    )
    old = development.save_objective(
        app_db,
        older.id,
        ObjectiveDraft(text="Lead a team meeting", target_on="2026-12-15"),
        today=TODAY,
    )
    achieved = development.save_objective(
        app_db,
        plan.id,
        ObjectiveDraft(text=second.text, progress="Two days done", status="achieved"),
        second.id,
        today=TODAY,
    )
    assert achieved.status_label == "Achieved" and achieved.achieved_on == TODAY

    open_ones = development.open_objectives_for(app_db, [niamh], today=TODAY)
    assert [o.id for o in open_ones] == [first.id, old.id]  # soonest target first
    assert development.open_objectives_for(app_db, [rhodri], today=TODAY) == []

    plans = development.plans_for(app_db, niamh, today=TODAY)
    assert [p.year for p in plans] == [2026, 2025]
    assert plans[0].words == "Plan for 2026: 1 open, 1 achieved of 2 objectives"

    # Back to open: the achieved date goes.
    reopened = development.save_objective(
        app_db, plan.id, ObjectiveDraft(text=second.text), second.id, today=TODAY
    )
    assert reopened.achieved_on is None


def test_objective_and_plan_validation(app_db, pair):
    niamh, _ = pair
    plan = development.save_plan(app_db, niamh, 2026, today=TODAY)

    def refused(field, draft):
        with pytest.raises(ValidationError) as error:
            development.save_objective(app_db, plan.id, draft, today=TODAY)
        assert error.value.field == field

    refused("text", ObjectiveDraft(text="   "))
    refused("status", ObjectiveDraft(text="x", status="maybe"))
    refused("achieved_on", ObjectiveDraft(text="x", status="achieved", achieved_on="2026-12-01"))
    refused("target_on", ObjectiveDraft(text="x", target_on="31/02/2026"))
    with pytest.raises(ValidationError) as future:
        development.save_plan(app_db, niamh, 2026, agreed_on="2026-12-01", today=TODAY)
    assert future.value.field == "agreed_on"
    with pytest.raises(ValidationError):
        development.save_plan(app_db, niamh, 2030, today=TODAY)
    with pytest.raises(NotFoundError):
        development.save_plan(app_db, 999_999, 2026, today=TODAY)
    with pytest.raises(NotFoundError):
        development.save_objective(app_db, 999_999, ObjectiveDraft(text="x"), today=TODAY)
    assert development.plans_for(app_db, niamh, today=TODAY)[0].objectives == ()


def test_cpd_log_totals_per_year_and_over_three_years(app_db, pair):
    niamh, rhodri = pair
    entries = [
        ("2026-11-20", "Harm reduction update", "course", "3.5"),
        ("2026-03-02", "Journal club", "reading", 1),
        ("2025-06-10", "Conference", "conference", 12),
        ("2023-11-27", "Just inside the period", "course", 2),
        ("2023-11-26", "Just outside the period", "course", 4),
    ]
    for done_on, activity, category, hours in entries:
        development.save_cpd_entry(
            app_db,
            niamh,
            CpdDraft(done_on=done_on, activity=activity, category=category, hours=hours),
            today=TODAY,
        )
    development.save_cpd_entry(
        app_db, rhodri, CpdDraft(done_on="2026-01-01", activity="Other", hours=9), today=TODAY
    )
    log = development.cpd_log(app_db, niamh, today=TODAY)
    assert [e.activity for e in log.entries][:2] == ["Harm reduction update", "Journal club"]
    assert [(y.year, y.hours, y.activities) for y in log.years] == [
        (2026, 4.5, 2),
        (2025, 12.0, 1),
        (2023, 6.0, 2),
    ]
    assert log.period_start == dt.date(2023, 11, 27)
    assert log.period_hours == 18.5
    assert log.period_words == "18.5 hours in the last 3 years (since 27/11/2023)"
    assert "35 hours over 3 years, 20 hours of them participatory" in log.reference_words
    assert log.entries[0].category_label == "Course or training"

    changed = development.save_cpd_entry(
        app_db,
        niamh,
        CpdDraft(
            done_on="2026-11-20",
            activity="Harm reduction update",
            hours=4,
            reflection="Changed how I talk about naloxone.",
        ),
        log.entries[0].id,
        today=TODAY,
    )
    assert changed.hours == 4.0
    with pytest.raises(NotFoundError):  # not this person's entry
        development.save_cpd_entry(
            app_db,
            rhodri,
            CpdDraft(done_on=TODAY, activity="x", hours=1),
            changed.id,
            today=TODAY,
        )
    development.delete_cpd_entry(app_db, changed.id)
    assert development.cpd_log(app_db, niamh, today=TODAY).years[0].hours == 1.0

    for field, draft in [
        ("done_on", CpdDraft(done_on="2026-12-01", activity="x", hours=1)),
        ("activity", CpdDraft(done_on=TODAY, activity=" ", hours=1)),
        ("hours", CpdDraft(done_on=TODAY, activity="x", hours=0)),
        ("hours", CpdDraft(done_on=TODAY, activity="x", hours="lots")),
        ("category", CpdDraft(done_on=TODAY, activity="x", hours=1, category="fun")),
    ]:
        with pytest.raises(ValidationError) as error:
            development.save_cpd_entry(app_db, niamh, draft, today=TODAY)
        assert error.value.field == field


def test_a_supervision_action_linked_to_an_objective(app_db, pair):
    niamh, rhodri = pair
    plan = development.save_plan(app_db, niamh, 2026, today=TODAY)
    objective = development.save_objective(
        app_db, plan.id, ObjectiveDraft(text="Complete the naloxone course"), today=TODAY
    )
    other_plan = development.save_plan(app_db, rhodri, 2026, today=TODAY)
    not_hers = development.save_objective(
        app_db, other_plan.id, ObjectiveDraft(text="Someone else's"), today=TODAY
    )
    draft = SessionDraft(
        held_on="20/11/2026",
        attendee_ids=[niamh],
        actions=[
            ActionDraft(text="Book the course", owner_staff_id=niamh, objective_id=objective.id),
            ActionDraft(text="Unlinked"),
        ],
    )
    saved = supervision.save_session(app_db, draft, today=TODAY)
    assert [(a.objective_id, a.objective_text) for a in saved.actions] == [
        (objective.id, "Complete the naloxone course"),
        (None, ""),
    ]
    assert supervision.get_session(app_db, saved.id).actions[0].objective_id == objective.id

    draft.actions[1].objective_id = not_hers.id
    with pytest.raises(ValidationError, match="outside the supervisees' plans") as error:
        supervision.save_session(app_db, draft, saved.id, today=TODAY)
    assert error.value.field == "actions"
    draft.actions[1].objective_id = 999_999
    with pytest.raises(ValidationError):
        supervision.save_session(app_db, draft, saved.id, today=TODAY)
    assert supervision.get_session(app_db, saved.id).actions[1].objective_id is None

    # A group session: any supervisee's objective may be linked.
    group = SessionDraft(
        kind="group",
        held_on="21/11/2026",
        attendee_ids=[niamh, rhodri],
        actions=[ActionDraft(text="Peer shadowing", objective_id=not_hers.id)],
    )
    assert supervision.save_session(app_db, group, today=TODAY).actions[0].objective_id == (
        not_hers.id
    )
    assert development.objective_owners(app_db, [objective.id, not_hers.id]) == {
        objective.id: niamh,
        not_hers.id: rhodri,
    }
