"""Workload reviews on dated scenarios with an injected today, on both backends: who
needs a plan and since when, plans agreed and overdue, closing, and reallocations that
leave both people's caseload history right."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import audit, caseloads, people
from wellbeing_desktop.services import workload as wl
from wellbeing_desktop.services import workload_reviews as wr
from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.summary import summary_as_dict, team_summary
from wellbeing_desktop.storage.database import Database

from .builders import TODAY, add_person

Stage = wl.WorkloadStage


def cases(db: Database, staff_id: int, day: str, n: int, bands=()) -> None:  # type: ignore[no-untyped-def]
    caseloads.record_caseload(
        db, caseloads.make_entry(staff_id, day, n, bands, today=dt.date(2027, 12, 31))
    )


def state(db: Database, team: int, staff_id: int, today: dt.date = TODAY) -> wl.WorkloadState:
    found = {p.staff_id: p for p in team_summary(db, [team], today=today).people}
    return found[staff_id].workload


def plan(**values: object) -> wr.ReviewDraft:
    defaults: dict[str, object] = {
        "agreed_on": "2026-11-20",
        "agreed_by": "Team manager",
        "review_on": "2026-12-04",
        "extra_supervision": True,
    }
    defaults.update(values)
    return wr.ReviewDraft(**defaults)  # type: ignore[arg-type]


@pytest.fixture
def team(app_db: Database) -> int:
    return people.save_team(app_db, "North Recovery Service").id


def test_red_for_three_weeks_with_no_plan(app_db: Database, team: int) -> None:
    person = add_person(app_db, team, "Red Person")  # keyworker: amber 35, limit 40
    cases(app_db, person, "2026-09-01", 41)  # an earlier run, ended by a green month
    cases(app_db, person, "2026-10-01", 30)
    cases(app_db, person, "2026-11-05", 42)
    cases(app_db, person, "2026-11-19", 45)
    found = state(app_db, team, person)
    assert found.stage is Stage.NEEDS_PLAN and found.needs_attention
    assert found.since == dt.date(2026, 11, 5) and found.weeks == 3
    assert found.words == "over limit since 05/11/2026 — no plan"


def test_amber_needs_a_plan_only_after_the_setting(app_db: Database, team: int) -> None:
    long = add_person(app_db, team, "Long Amber")
    short = add_person(app_db, team, "Short Amber")
    cases(app_db, long, "2026-09-01", 20)
    cases(app_db, long, "2026-10-01", 36)
    cases(app_db, long, "2026-10-20", 41)  # red in between still counts as at least amber
    cases(app_db, long, "2026-11-20", 38)
    cases(app_db, short, "2026-10-01", 20)
    cases(app_db, short, "2026-11-11", 36)
    found = state(app_db, team, long)
    assert found.stage is Stage.NEEDS_PLAN and found.since == dt.date(2026, 10, 1)
    assert found.words == "approaching limit for 8 weeks since 01/10/2026 — no plan"
    assert state(app_db, team, short).stage is Stage.NONE  # 2 weeks < 4
    assert wl.amber_weeks(app_db) == 4
    wl.set_amber_weeks(app_db, "10")
    assert state(app_db, team, long).stage is Stage.NONE
    wl.set_amber_weeks(app_db, 2)
    assert state(app_db, team, short).words.startswith("approaching limit for 2 weeks")
    # Exactly the setting is not longer than it: 12/11 to 26/11 is 2 weeks, not flagged.
    exact = add_person(app_db, team, "Exactly Two Weeks")
    cases(app_db, exact, "2026-11-12", 36)
    assert state(app_db, team, exact).stage is Stage.NONE
    assert state(app_db, team, exact, dt.date(2026, 11, 27)).stage is Stage.NEEDS_PLAN
    from wellbeing_desktop.services.workload_compliance import workload_review_compliance

    report = workload_review_compliance(
        app_db, [team], dt.date(2026, 11, 1), dt.date(2026, 11, 30), today=dt.date(2026, 11, 27)
    )
    assert {p.name: p.needed_from for p in report.people}["Exactly Two Weeks"] == dt.date(
        2026, 11, 27
    )
    changed = audit.list_entries(app_db, record_type="org_setting")[0]
    assert changed.record_id == wl.SETTING


@pytest.mark.parametrize("weeks", [0, 53, "four", 1.5, None, -1])
def test_the_amber_setting_is_checked(app_db: Database, weeks: object) -> None:
    with pytest.raises(ValidationError) as error:
        wl.set_amber_weeks(app_db, weeks)
    assert error.value.field == "amber_weeks"
    assert wl.amber_weeks(app_db) == 4


def test_earlier_records_are_judged_with_the_protection_then(app_db: Database, team: int) -> None:
    person = add_person(app_db, team, "Newly Qualified")
    people.add_protection(app_db, person, "newly_qualified", "2026-08-01", "2026-10-31")
    cases(app_db, person, "2026-08-15", 30)  # green even at 90% (amber 31.5)
    cases(app_db, person, "2026-09-15", 33)  # amber at 90%; green without the protection
    cases(app_db, person, "2026-11-01", 36)  # amber at the full limit
    found = state(app_db, team, person)
    assert found.since == dt.date(2026, 9, 15) and found.stage is Stage.NEEDS_PLAN


@pytest.mark.parametrize("set_based", [True, False])
def test_a_new_protection_starts_the_run_on_its_first_day(
    app_db: Database, team: int, set_based: bool
) -> None:
    """15 cases recorded 20/10 at 0.6 FTE (limit 24); a 50% phased return from 16/11
    (limit 12) puts the same caseload over the limit from 16/11, not from 20/10: on the
    dashboard and in the compliance report alike."""
    from wellbeing_desktop.services.workload_compliance import workload_review_compliance

    person = add_person(app_db, team, "Rhys", fte=0.6)
    cases(app_db, person, "2026-10-20", 15)
    people.add_protection(app_db, person, "phased_return", "2026-11-16", limit_percent=50)
    found = {p.staff_id: p for p in team_summary(app_db, [team], today=TODAY).people}
    states = wl.workload_states(
        app_db.engine.connect(), list(found.values()), TODAY, set_based=set_based
    )
    assert states[person].since == dt.date(2026, 11, 16)
    assert "over limit since 16/11/2026 — no plan" in states[person].words
    assert state(app_db, team, person).since == dt.date(2026, 11, 16)
    # A record after the protection started, of the same caseload, changes nothing.
    cases(app_db, person, "2026-11-20", 15)
    assert state(app_db, team, person).since == dt.date(2026, 11, 16)
    report = workload_review_compliance(
        app_db, [team], dt.date(2026, 10, 1), dt.date(2026, 11, 30), today=TODAY
    )
    (rhys,) = report.people
    assert (rhys.needed_from, rhys.why) == (dt.date(2026, 11, 16), "over limit")


def test_a_long_run_reads_the_whole_history(app_db: Database, team: int) -> None:
    person = add_person(app_db, team, "Always Red")
    for month in range(1, 13):
        cases(app_db, person, f"2025-{month:02d}-10", 44)
    cases(app_db, person, "2026-11-20", 44)
    assert state(app_db, team, person).since == dt.date(2025, 1, 10)


def test_plan_agreed_then_overdue_then_closed(app_db: Database, team: int) -> None:
    person = add_person(app_db, team, "Over Limit")
    cases(app_db, person, "2026-11-02", 44)
    review = wr.save_review(app_db, person, plan(), today=TODAY)
    agreed = state(app_db, team, person)
    assert agreed.stage is Stage.PLAN_AGREED and not agreed.needs_attention
    assert agreed.words == "over limit — plan agreed 20/11/2026, review 04/12/2026"
    assert agreed.review_id == review.id
    on_the_day = state(app_db, team, person, dt.date(2026, 12, 4))
    assert on_the_day.stage is Stage.PLAN_AGREED
    late = state(app_db, team, person, dt.date(2026, 12, 10))
    assert late.stage is Stage.REVIEW_OVERDUE and late.needs_attention
    assert late.words == "over limit — review overdue since 04/12/2026"

    closed = wr.close_review(
        app_db, review.id, "Two cases moved; still over.", today=dt.date(2026, 12, 10)
    )
    assert (closed.closed_on, closed.is_open) == (dt.date(2026, 12, 10), False)
    again = state(app_db, team, person, dt.date(2026, 12, 11))
    assert again.stage is Stage.NEEDS_PLAN
    assert again.words == ("over limit since 02/11/2026 — no plan (last review closed 10/12/2026)")
    with pytest.raises(ValidationError, match="was closed on 10/12/2026"):
        wr.close_review(app_db, review.id, "Again", today=dt.date(2026, 12, 11))
    # Back within the limit after the review: nothing needed.
    cases(app_db, person, "2026-12-11", 30)
    assert state(app_db, team, person, dt.date(2026, 12, 12)).stage is Stage.NONE
    assert [r.id for r in wr.reviews_for(app_db, person)] == [review.id]


def test_closing_a_review_restarts_the_amber_clock(app_db: Database, team: int) -> None:
    person = add_person(app_db, team, "Amber Person")
    cases(app_db, person, "2026-08-01", 36)
    cases(app_db, person, "2026-11-20", 37)
    review = wr.save_review(app_db, person, plan(trigger="amber"), today=TODAY)
    wr.close_review(app_db, review.id, "Manageable for now.", "2026-11-24", today=TODAY)
    assert state(app_db, team, person).stage is Stage.NONE
    later = state(app_db, team, person, dt.date(2026, 12, 30))
    assert later.since == dt.date(2026, 11, 24) and later.weeks == 5


def test_reallocation_applied_leaves_both_histories_right(app_db: Database, team: int) -> None:
    giver = add_person(app_db, team, "Giver")
    taker = add_person(app_db, team, "Taker")
    same_day = add_person(app_db, team, "Same Day")
    cases(app_db, giver, "2026-10-01", 38)
    cases(app_db, giver, "2026-11-19", 45)
    cases(app_db, taker, "2026-11-01", 20)
    cases(app_db, same_day, "2026-10-01", 9)
    cases(app_db, same_day, "2026-11-26", 15)
    draft = plan(
        reallocations=[
            wr.ReallocationDraft(taker, 3),
            wr.ReallocationDraft(same_day, "2"),
            wr.ReallocationDraft(None, ""),  # an empty row is ignored
        ]
    )
    review = wr.save_review(app_db, giver, draft, today=TODAY)
    assert [(r.to_name, r.cases) for r in review.reallocations] == [("Taker", 3), ("Same Day", 2)]
    assert review.agreed_actions[:2] == ("3 cases to Taker", "2 cases to Same Day")

    applied = wr.apply_reallocations(app_db, review.id, today=TODAY)
    assert (applied.cases_moved, applied.people, applied.from_cases) == (5, 2, (45, 40))
    assert all(r.applied_on == TODAY for r in applied.review.reallocations)

    def history(staff_id: int) -> list[tuple[dt.date, int]]:
        return [(p.recorded_on, p.open_cases) for p in caseloads.caseload_history(app_db, staff_id)]

    assert history(giver) == [(dt.date(2026, 10, 1), 38), (dt.date(2026, 11, 19), 45), (TODAY, 40)]
    assert history(taker) == [(dt.date(2026, 11, 1), 20), (TODAY, 23)]
    assert history(same_day) == [(dt.date(2026, 10, 1), 9), (TODAY, 17)]
    note = caseloads.caseload_history(app_db, giver)[-1].note
    assert note == "5 cases reallocated under the workload plan agreed 20/11/2026."
    assert "Giver" not in caseloads.caseload_history(app_db, taker)[-1].note

    with pytest.raises(ValidationError, match="already applied"):
        wr.apply_reallocations(app_db, review.id, today=TODAY)
    assert history(giver)[-1] == (TODAY, 40)
    # The plan's applied moves cannot be changed afterwards.
    changed = plan(
        reallocations=[wr.ReallocationDraft(taker, 4, review.reallocations[0].id)],
    )
    with pytest.raises(ValidationError, match="already moved"):
        wr.save_review(app_db, giver, changed, review.id, today=TODAY)
    # Status follows: 40 is at the limit, no longer over it.
    after = {p.staff_id: p for p in team_summary(app_db, [team], today=TODAY).people}
    assert after[giver].status is CaseloadStatus.AMBER and after[taker].open_cases == 23
    assert after[giver].workload.stage is Stage.PLAN_AGREED


def test_reallocation_moves_points_and_clears_bands(app_db: Database, team: int) -> None:
    giver = add_person(app_db, team, "Weighted Giver")
    taker = add_person(app_db, team, "Weighted Taker")
    cases(app_db, giver, "2026-11-01", 10, [("Low", 6, 1.0), ("High", 4, 2.5)])  # 16 points
    cases(app_db, taker, "2026-11-01", 5, [("Low", 5, 1.0)])
    review = wr.save_review(
        app_db, giver, plan(reallocations=[wr.ReallocationDraft(taker, 5)]), today=TODAY
    )
    wr.apply_reallocations(app_db, review.id, today=TODAY)
    given = caseloads.caseload_history(app_db, giver)[-1]
    taken = caseloads.caseload_history(app_db, taker)[-1]
    assert (given.open_cases, given.weighted_points) == (5, 8.0)  # 1.6 a case moved
    assert (taken.open_cases, taken.weighted_points) == (10, 13.0)
    assert "Complexity levels to be entered again" in given.note
    assert "Complexity levels to be entered again" in taken.note
    # The earlier records keep their bands and points.
    assert caseloads.caseload_history(app_db, giver)[0].weighted_points == 16.0


def test_refusals(app_db: Database, team: int) -> None:
    person = add_person(app_db, team, "Person")
    other = add_person(app_db, team, "Colleague")
    gone = add_person(app_db, team, "Leaver", leaving_date="2026-10-31")
    fresh = add_person(app_db, team, "Fresh")
    cases(app_db, person, "2026-11-01", 44)
    cases(app_db, other, "2026-11-01", 10)

    def refused(field: str, draft: wr.ReviewDraft, match: str | None = None) -> None:
        with pytest.raises(ValidationError, match=match) as error:
            wr.save_review(app_db, person, draft, today=TODAY)
        assert error.value.field == field

    refused("review_on", plan(review_on="2026-11-19"), "cannot be before 20/11/2026")
    refused("agreed_on", plan(agreed_on="2026-11-27"), "cannot be after 26/11/2026")
    refused("agreed_on", plan(agreed_on=""), "required")
    refused("agreed_by", plan(agreed_by=" "), "required")
    refused("pause_until", plan(pause_until="2026-11-01"))
    refused("trigger", plan(trigger="purple"))
    refused("actions", plan(extra_supervision=False), "Record what was agreed")
    refused("reallocations", plan(reallocations=[wr.ReallocationDraft(person, 2)]), "same person")
    refused("reallocations", plan(reallocations=[wr.ReallocationDraft(other, 0)]), "between 1")
    refused("reallocations", plan(reallocations=[wr.ReallocationDraft(other, 45)]), "more than")
    refused("reallocations", plan(reallocations=[wr.ReallocationDraft(None, 3)]), "Choose who")
    refused("reallocations", plan(reallocations=[wr.ReallocationDraft(gone, 3)]), "has left")
    refused("reallocations", plan(reallocations=[wr.ReallocationDraft(999_999, 3)]), "no longer")
    refused(
        "reallocations",
        plan(reallocations=[wr.ReallocationDraft(fresh, 3)]),
        "Fresh has no caseload recorded",
    )
    refused(
        "reallocations",
        plan(reallocations=[wr.ReallocationDraft(other, 2), wr.ReallocationDraft(other, 1)]),
        "once",
    )
    assert wr.reviews_for(app_db, person) == []  # nothing half-written

    review = wr.save_review(
        app_db, person, plan(reallocations=[wr.ReallocationDraft(other, 4)]), today=TODAY
    )
    refused("agreed_on", plan(), "already has an open workload review")
    with pytest.raises(ValidationError, match="cannot close before"):
        wr.close_review(app_db, review.id, "Done", "2026-11-19", today=TODAY)
    with pytest.raises(ValidationError, match="Outcome is required"):
        wr.close_review(app_db, review.id, "  ", today=TODAY)
    with pytest.raises(NotFoundError):
        wr.close_review(app_db, 999_999, "Done", today=TODAY)
    # The caseload fell since the plan: applying would take the person below zero.
    cases(app_db, person, "2026-11-25", 3)
    with pytest.raises(ValidationError, match="only 3 open cases"):
        wr.apply_reallocations(app_db, review.id, today=TODAY)
    wr.close_review(app_db, review.id, "Resolved another way.", today=TODAY)
    with pytest.raises(ValidationError, match="closed"):
        wr.apply_reallocations(app_db, review.id, today=TODAY)
    assert [p.open_cases for p in caseloads.caseload_history(app_db, other)] == [10]


def test_editing_a_review(app_db: Database, team: int) -> None:
    person = add_person(app_db, team, "Person")
    other = add_person(app_db, team, "Colleague")
    third = add_person(app_db, team, "Third")
    cases(app_db, person, "2026-11-01", 44)
    cases(app_db, other, "2026-11-01", 10)
    cases(app_db, third, "2026-11-01", 10)
    review = wr.save_review(
        app_db, person, plan(reallocations=[wr.ReallocationDraft(other, 2)]), today=TODAY
    )
    row = review.reallocations[0].id
    edited = wr.save_review(
        app_db,
        person,
        plan(
            review_on="2026-12-18",
            pause_until="2026-12-18",
            extra_supervision=False,
            other_action="Duty rota paused",
            reallocations=[wr.ReallocationDraft(other, 3, row), wr.ReallocationDraft(third, 1)],
        ),
        review.id,
        today=TODAY,
    )
    assert edited.id == review.id and edited.reallocations[0].id == row
    assert [(r.to_staff_id, r.cases) for r in edited.reallocations] == [(other, 3), (third, 1)]
    assert edited.agreed_actions == (
        "3 cases to Colleague",
        "1 case to Third",
        "no new cases until 18/12/2026",
        "Duty rota paused",
    )
    assert state(app_db, team, person).pause_until == dt.date(2026, 12, 18)
    with pytest.raises(NotFoundError):
        wr.save_review(app_db, other, plan(), review.id, today=TODAY)


def test_the_whole_team_in_a_few_queries(app_db: Database, team: int) -> None:
    ids = [add_person(app_db, team, f"Person {n}") for n in range(30)]
    for n, staff_id in enumerate(ids):
        cases(app_db, staff_id, "2026-06-01", 30 + n % 15)
        cases(app_db, staff_id, "2026-11-01", 30 + (n * 7) % 15)
    wr.save_review(app_db, ids[9], plan(), today=TODAY)
    summary = team_summary(app_db, [team], today=TODAY)
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(app_db.engine, "before_cursor_execute", count)
    try:
        with app_db.connection() as connection:
            states = wl.workload_states(connection, summary.people, TODAY)
    finally:
        event.remove(app_db.engine, "before_cursor_execute", count)
    # The setting, the reviews, the protections, and caseload records read back in at
    # most three steps (recent, two years, everything), whatever the number of people.
    assert len(statements) <= 6
    assert states == {p.staff_id: p.workload for p in summary.people if p.workload.words}
    assert sum(1 for p in summary.people if p.workload.stage is Stage.NEEDS_PLAN) >= 5


def test_summary_json_carries_the_plan(app_db: Database, team: int) -> None:
    person = add_person(app_db, team, "Over Limit")
    cases(app_db, person, "2026-11-02", 44)
    wr.save_review(app_db, person, plan(pause_until="2026-12-01"), today=TODAY)
    row = summary_as_dict(team_summary(app_db, [team], today=TODAY))["people"][0]  # type: ignore[index]
    assert row["workload"] == "over limit — plan agreed 20/11/2026, review 04/12/2026"
    assert row["workload_stage"] == "plan_agreed"
    assert (row["plan_agreed_on"], row["plan_review_on"], row["paused_until"]) == (
        "2026-11-20",
        "2026-12-04",
        "2026-12-01",
    )


def test_the_demo_organisation_has_plans_of_every_kind(app_db: Database) -> None:
    from wellbeing_desktop.services.demo_data import generate_demo_data

    stats = generate_demo_data(app_db, staff=60, years=1, today=TODAY)
    summary = team_summary(app_db, today=TODAY)
    stages = {p.workload.stage for p in summary.people}
    assert {Stage.NEEDS_PLAN, Stage.PLAN_AGREED, Stage.REVIEW_OVERDUE} <= stages
    reviews = [r for p in summary.people for r in wr.reviews_for(app_db, p.staff_id)]
    closed = [r for r in reviews if not r.is_open]
    assert closed and all(r.outcome for r in closed)
    assert any(m.applied_on for r in reviews for m in r.reallocations)
    with app_db.session() as session:
        from sqlalchemy import func, select

        from wellbeing_desktop.storage.models import CaseloadRecord

        assert session.scalar(select(func.count()).select_from(CaseloadRecord)) == (
            stats.caseload_records
        )


def test_review_compliance_over_a_period(app_db: Database, team: int) -> None:
    from wellbeing_desktop.services.workload_compliance import (
        ReviewTiming,
        workload_review_compliance,
    )

    red_before = add_person(app_db, team, "Red Before")
    no_plan = add_person(app_db, team, "No Plan")
    calm = add_person(app_db, team, "Calm")
    cases(app_db, red_before, "2026-09-20", 44)  # red since before the period
    cases(app_db, no_plan, "2026-10-01", 20)
    cases(app_db, no_plan, "2026-11-10", 41)
    cases(app_db, calm, "2026-10-01", 20)
    wr.save_review(
        app_db,
        red_before,
        plan(agreed_on="2026-09-25", review_on="2026-10-09"),
        today=TODAY,
    )
    found = workload_review_compliance(
        app_db, [team], dt.date(2026, 10, 1), dt.date(2026, 10, 31), today=TODAY
    )
    (person,) = found.people
    assert (person.staff_id, person.needed_from, person.why) == (
        red_before,
        dt.date(2026, 10, 1),
        "over limit",
    )
    assert person.agreed_on == dt.date(2026, 9, 25) and person.days_to_agree == 0
    assert person.timing is ReviewTiming.OVERDUE
    november = workload_review_compliance(
        app_db, [team], dt.date(2026, 11, 1), dt.date(2026, 12, 31), today=TODAY
    )
    assert november.end == TODAY
    timings = {p.staff_id: (p.needed_from, p.timing) for p in november.people}
    assert timings == {
        red_before: (dt.date(2026, 11, 1), ReviewTiming.OVERDUE),
        no_plan: (dt.date(2026, 11, 10), ReviewTiming.NO_PLAN),
    }
    with pytest.raises(ValidationError):
        workload_review_compliance(app_db, [team], TODAY, TODAY - dt.timedelta(days=1))


def test_compliance_says_resolved_covered_and_new_plan_needed(app_db: Database, team: int) -> None:
    """A breach that ended by itself says so; a plan agreed before the need covers it;
    a plan reviewed on time while the person still needs one says both."""
    from wellbeing_desktop.services.workload_compliance import (
        ReviewTiming,
        workload_review_compliance,
    )

    resolved = add_person(app_db, team, "Resolved")
    covered = add_person(app_db, team, "Covered")
    again = add_person(app_db, team, "Again")
    cases(app_db, resolved, "2026-11-01", 44)  # over
    cases(app_db, resolved, "2026-11-12", 38)  # approaching, no longer over
    cases(app_db, covered, "2026-09-25", 36)  # approaching from 25/09: needed from 24/10
    review = wr.save_review(
        app_db,
        covered,
        plan(agreed_on="2026-10-09", review_on="2026-11-06", extra_supervision=True),
        today=dt.date(2026, 10, 9),
    )
    wr.close_review(app_db, review.id, "Held steady", "2026-11-05", today=TODAY)
    cases(app_db, again, "2026-11-01", 44)
    review = wr.save_review(
        app_db,
        again,
        plan(agreed_on="2026-11-02", review_on="2026-11-16"),
        today=dt.date(2026, 11, 2),
    )
    wr.close_review(app_db, review.id, "Reviewed", "2026-11-15", today=TODAY)
    report = workload_review_compliance(
        app_db, [team], dt.date(2026, 10, 1), dt.date(2026, 11, 30), today=TODAY
    )
    found = {p.name: p for p in report.people}
    assert found["Resolved"].timing is ReviewTiming.NO_PLAN
    assert found["Resolved"].resolved_on == dt.date(2026, 11, 12)
    assert found["Resolved"].outcome_words == (
        "✕ No plan agreed; resolved 12/11/2026 without a plan"
    )
    assert found["Covered"].needed_from == dt.date(2026, 10, 24)
    assert found["Covered"].agreed_before_need and found["Covered"].days_to_agree == 0
    assert found["Covered"].new_need_from is None
    assert found["Again"].timing is ReviewTiming.ON_TIME
    assert found["Again"].new_need_from == dt.date(2026, 11, 16)
    assert found["Again"].outcome_words == ("✓ Reviewed on time; new plan needed from 16/11/2026")
    # The dashboard agrees: a new plan is needed.
    assert state(app_db, team, again).stage is Stage.NEEDS_PLAN


def test_a_leavers_review_is_not_overdue_after_they_left(app_db: Database, team: int) -> None:
    """Left 20/10 with a review due 09/10 still open: overdue when they left, not at the
    period's end; before they left, overdue at its end as anyone else."""
    from wellbeing_desktop.services.workload_compliance import (
        ReviewTiming,
        workload_review_compliance,
    )

    leaver = add_person(app_db, team, "Leaver", leaving_date="2026-10-20")
    cases(app_db, leaver, "2026-09-20", 44)
    wr.save_review(
        app_db, leaver, plan(agreed_on="2026-09-25", review_on="2026-10-09"), today=TODAY
    )
    october = workload_review_compliance(
        app_db, [team], dt.date(2026, 10, 1), dt.date(2026, 10, 31), today=TODAY
    )
    (person,) = october.people
    assert person.timing is ReviewTiming.LEFT_OVERDUE
    assert person.left_on == dt.date(2026, 10, 20)
    assert person.outcome_words == "✕ Review overdue when they left on 20/10/2026"
    assert october.count(ReviewTiming.OVERDUE) == 0
    before = workload_review_compliance(
        app_db, [team], dt.date(2026, 10, 1), dt.date(2026, 10, 15), today=TODAY
    )
    (person,) = before.people
    assert person.timing is ReviewTiming.OVERDUE and person.left_on is None
    # The review date itself is not overdue (as for supervision): due 09/10, period to 09/10.
    on_the_day = workload_review_compliance(
        app_db, [team], dt.date(2026, 10, 1), dt.date(2026, 10, 9), today=TODAY
    )
    assert on_the_day.people[0].timing is ReviewTiming.NOT_YET_DUE
