"""Who can take a new case, and allocating one: a dated scenario, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services.allocation import (
    allocate_cases,
    allocation_options,
    allocation_options_by_name,
    check_allocation,
    options_as_dict,
    paused_until,
)
from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.establishment import set_waiting_cases
from wellbeing_desktop.storage.models import CaseloadRecord, UnallocatedCases, WorkloadReview

from .builders import TODAY, add_person


def _cases(db, staff_id, day, n):  # type: ignore[no-untyped-def]
    caseloads.record_caseload(db, caseloads.make_entry(staff_id, day, n, today=TODAY))


def _review(db, staff_id, *, pause_until, closed_on=None, agreed_on=dt.date(2026, 11, 10)):  # type: ignore[no-untyped-def]
    with db.session() as session:
        session.add(
            WorkloadReview(
                staff_id=staff_id,
                agreed_on=agreed_on,
                review_on=dt.date(2026, 12, 20),
                pause_until=pause_until,
                closed_on=closed_on,
            )
        )


@pytest.fixture
def team(app_db):  # type: ignore[no-untyped-def]
    """A keyworker team (full-time amber 35, limit 40) in every position."""
    db = app_db
    team = people.save_team(db, "North Recovery Service").id
    ids = {
        "ana": add_person(db, team, "Ana"),  # 30 of 40: room for 10
        "ben": add_person(db, team, "Ben", fte=0.5),  # 18 of 20 (amber 17.5): room for 2
        "cara": add_person(db, team, "Cara"),  # newly qualified: 36 of 36
        "dev": add_person(db, team, "Dev"),  # paused until 12/12
        "eve": add_person(db, team, "Eve"),  # no caseload recorded
        "fin": add_person(db, team, "Fin"),  # last recorded 01/08: too old
        "gus": add_person(db, team, "Gus"),  # 41 of 40: over
        "hal": add_person(db, team, "Hal", leaving_date="2026-06-30"),  # left
        "ivy": add_person(db, team, "Ivy"),  # a closed plan's pause does not count
        "jo": add_person(db, team, "Jo"),  # a pause that has ended does not count
        "kim": add_person(db, team, "Kim", role="adults", fte=0.9),  # 22 of 22.5
    }
    people.add_protection(db, ids["cara"], "newly_qualified", "2026-09-01")  # 90%: 36
    for key, n in (("ana", 30), ("ben", 18), ("cara", 36), ("dev", 10), ("gus", 41)):
        _cases(db, ids[key], "2026-11-20", n)
    _cases(db, ids["fin"], "2026-08-01", 5)
    _cases(db, ids["hal"], "2026-05-01", 3)
    _cases(db, ids["ivy"], "2026-11-20", 5)
    _cases(db, ids["jo"], "2026-11-20", 15)
    _cases(db, ids["kim"], "2026-11-20", 22)
    _review(db, ids["dev"], pause_until=dt.date(2026, 12, 12))
    _review(db, ids["ivy"], pause_until=dt.date(2026, 12, 31), closed_on=dt.date(2026, 11, 20))
    _review(db, ids["jo"], pause_until=dt.date(2026, 11, 25))
    return team, ids


def test_candidates_ordered_by_headroom_with_reasons(app_db, team) -> None:  # type: ignore[no-untyped-def]
    team_id, ids = team
    options = allocation_options(app_db, team_id, today=TODAY)
    assert [(c.name, c.headroom, c.reason) for c in options.candidates] == [
        ("Ivy", 35, "room for 35 cases before the limit"),
        ("Jo", 25, "room for 25 cases before the limit"),
        ("Ana", 10, "room for 10 cases before the limit"),
        ("Ben", 2, "room for 2 cases before the limit; already approaching (amber from 17.5)"),
    ]
    assert [(e.name, e.why, e.reason) for e in options.excluded] == [
        ("Dev", "paused", "paused by a workload plan until 12/12/2026"),
        ("Cara", "protected", "protected (newly qualified, 90%): at limit"),
        ("Gus", "no_room", "no room: 1 case over the limit"),
        ("Kim", "no_room", "no room: less than one case below the limit"),
        ("Eve", "no_record", "no caseload recorded: record it first"),
        (
            "Fin",
            "no_record",
            "caseload last recorded 01/08/2026, more than 42 days ago: update it first",
        ),
    ]
    assert ids["hal"] not in {p.staff_id for p in (*options.candidates, *options.excluded)}
    assert options.team_name == "North Recovery Service"
    data = options_as_dict(options)
    assert data["candidates"][0]["headroom"] == 35  # type: ignore[index]
    assert data["excluded"][0]["why"] == "paused"  # type: ignore[index]


def test_paused_only_by_open_plans_running_to_today(app_db, team) -> None:  # type: ignore[no-untyped-def]
    _, ids = team
    assert paused_until(app_db, ids.values(), TODAY) == {ids["dev"]: dt.date(2026, 12, 12)}
    # On the last day of the pause Dev is still paused; the day after, not.
    assert ids["dev"] in paused_until(app_db, [ids["dev"]], dt.date(2026, 12, 12))
    assert paused_until(app_db, [ids["dev"]], dt.date(2026, 12, 13)) == {}


def test_protected_person_with_room_is_a_candidate_with_the_protected_limit(app_db, team) -> None:  # type: ignore[no-untyped-def]
    team_id, ids = team
    _cases(app_db, ids["cara"], "2026-11-25", 33)
    options = allocation_options(app_db, team_id, today=TODAY)
    cara = next(c for c in options.candidates if c.staff_id == ids["cara"])
    assert cara.headroom == 3
    assert cara.reason == (
        "room for 3 cases before the protected limit (newly qualified, 90%); "
        "already approaching (amber from 31.5)"
    )
    _cases(app_db, ids["cara"], "2026-11-26", 38)
    options = allocation_options(app_db, team_id, today=TODAY)
    cara_out = next(e for e in options.excluded if e.staff_id == ids["cara"])
    assert cara_out.reason == "protected (newly qualified, 90%): 2 cases over the limit"


def test_check_says_when_it_would_take_someone_to_amber_or_over(app_db, team) -> None:  # type: ignore[no-untyped-def]
    _, ids = team
    quiet = check_allocation(app_db, ids["ana"], 1, today=TODAY)
    assert (quiet.open_cases_after, quiet.status_after, quiet.warning) == (
        31,
        CaseloadStatus.GREEN,
        None,
    )
    amber = check_allocation(app_db, ids["ana"], 5, today=TODAY)
    assert amber.takes_to_amber and amber.needs_confirmation
    assert amber.warning == (
        "This takes them to approaching their limit: 35 cases, amber from 35 (limit 40)."
    )
    # Ben is amber already: one more keeps him amber and needs no confirmation.
    assert not check_allocation(app_db, ids["ben"], 1, today=TODAY).needs_confirmation
    over = check_allocation(app_db, ids["ben"], 3, today=TODAY)
    assert over.takes_over_limit
    assert over.warning == (
        "This takes them over their safe limit: 21 cases against a limit of 20 (1 case over)."
    )
    paused = check_allocation(app_db, ids["dev"], 1, today=TODAY)
    assert paused.needs_confirmation
    assert paused.warning == "A workload plan pauses new cases for them until 12/12/2026."
    cara = check_allocation(app_db, ids["cara"], 1, today=TODAY)
    assert cara.status_before is CaseloadStatus.AMBER
    assert cara.warning == (
        "This takes them over their protected limit: 37 cases against a limit of 36 (1 case over)."
    )


def test_allocating_adds_a_dated_record_then_updates_the_days_record(app_db, team) -> None:  # type: ignore[no-untyped-def]
    team_id, ids = team
    set_waiting_cases(app_db, team_id, 12, today=dt.date(2026, 11, 1))
    result = allocate_cases(app_db, ids["ana"], 1, reduce_waiting=True, today=TODAY)
    assert (result.check.open_cases_before, result.check.open_cases_after) == (30, 31)
    assert (result.waiting_before, result.waiting_after) == (12, 11)
    assert result.words == (
        "1 case allocated: 30 → 31 open cases on 26/11/2026 (within limit). Cases waiting: 12 → 11."
    )
    again = allocate_cases(app_db, ids["ana"], 2, today=TODAY)
    assert (again.check.open_cases_before, again.check.open_cases_after) == (31, 33)
    assert again.waiting_before is None  # not asked to reduce the waiting count
    history = caseloads.caseload_history(app_db, ids["ana"])
    assert [(p.recorded_on, p.open_cases) for p in history] == [
        (dt.date(2026, 11, 20), 30),
        (TODAY, 33),
    ]
    with app_db.session() as session:
        waiting = session.execute(
            select(UnallocatedCases.recorded_on, UnallocatedCases.cases)
            .where(UnallocatedCases.team_id == team_id)
            .order_by(UnallocatedCases.recorded_on)
        ).all()
    assert [tuple(w) for w in waiting] == [(dt.date(2026, 11, 1), 12), (TODAY, 11)]
    # Ana's new position shows in the options at once.
    options = allocation_options(app_db, team_id, today=TODAY)
    assert next(c for c in options.candidates if c.staff_id == ids["ana"]).headroom == 7
    assert options.waiting == 11


def test_waiting_count_never_goes_below_zero(app_db, team) -> None:  # type: ignore[no-untyped-def]
    team_id, ids = team
    set_waiting_cases(app_db, team_id, 1, today=TODAY)
    result = allocate_cases(app_db, ids["ivy"], 3, reduce_waiting=True, today=TODAY)
    assert (result.waiting_before, result.waiting_after) == (1, 0)


def test_allocation_refused_cleanly(app_db, team) -> None:  # type: ignore[no-untyped-def]
    _, ids = team
    with pytest.raises(ValidationError) as left:
        allocate_cases(app_db, ids["hal"], 1, today=TODAY)
    assert left.value.field == "staff_id"
    with pytest.raises(ValidationError, match="record it first"):
        allocate_cases(app_db, ids["eve"], 1, today=TODAY)
    with pytest.raises(ValidationError) as zero:
        allocate_cases(app_db, ids["ana"], 0, today=TODAY)
    assert zero.value.field == "cases"
    with pytest.raises(NotFoundError):
        allocate_cases(app_db, 99_999, 1, today=TODAY)
    with pytest.raises(NotFoundError, match="no team called 'Nowhere'"):
        allocation_options_by_name(app_db, "Nowhere", today=TODAY)
    with app_db.session() as session:
        count = session.scalar(
            select(CaseloadRecord.id).where(CaseloadRecord.recorded_on == TODAY).limit(1)
        )
    assert count is None  # nothing half-written


def test_weighted_records_need_a_complexity_level(app_db) -> None:  # type: ignore[no-untyped-def]
    role = people.save_role(app_db, name="Weighted worker", amber=50, red=60, uses_weighting=True)
    team = people.save_team(app_db, "Weighted team").id
    staff_id = people.save_staff(
        app_db,
        people.StaffDraft(name="Wyn", team_id=team, role_id=role.id, start_date="2020-01-01"),
    ).id
    caseloads.record_caseload(
        app_db,
        caseloads.make_entry(
            staff_id, "2026-11-20", 20, [("Low", 10, 1), ("High", 10, 3)], today=TODAY
        ),
    )  # 40 points of 60
    options = allocation_options(app_db, team, today=TODAY)
    assert options.candidates[0].reason == "room for 20 points before the limit"
    assert options.candidates[0].bands == ("Low", "High")
    with pytest.raises(ValidationError) as error:
        allocate_cases(app_db, staff_id, 1, today=TODAY)
    assert error.value.field == "band"
    result = allocate_cases(app_db, staff_id, 2, band="High", today=TODAY)
    assert result.check.load_after == 46
    history = caseloads.caseload_history(app_db, staff_id)
    assert [(p.open_cases, p.weighted_points) for p in history] == [(20, 40), (22, 46)]


def test_allocating_after_bands_were_cleared_keeps_the_points(app_db) -> None:  # type: ignore[no-untyped-def]
    """A reallocation clears the complexity levels but keeps the points: allocating
    afterwards carries the points forward (the new case at the average weight) rather
    than turning a known caseload into 'no caseload recorded'."""
    role = people.save_role(app_db, name="Weighted worker", amber=40, red=50, uses_weighting=True)
    team = people.save_team(app_db, "Weighted team").id
    staff_id = people.save_staff(
        app_db,
        people.StaffDraft(name="Gus", team_id=team, role_id=role.id, start_date="2020-01-01"),
    ).id
    caseloads.record_caseload(
        app_db,
        caseloads.make_entry(
            staff_id, "2026-11-20", 20, [("Low", 10, 1), ("High", 10, 3)], today=TODAY
        ),
    )  # 40 points
    # Cases taken on from elsewhere without levels: 24 cases, 48 points (2 a case).
    caseloads.record_caseload(app_db, caseloads.make_entry(staff_id, "2026-11-24", 24, today=TODAY))
    with app_db.session() as session:
        record = session.scalar(
            select(CaseloadRecord).where(
                CaseloadRecord.staff_id == staff_id,
                CaseloadRecord.recorded_on == dt.date(2026, 11, 24),
            )
        )
        record.weighted_points = 48.0
    check = check_allocation(app_db, staff_id, 1, today=TODAY)
    assert check.status_after is not CaseloadStatus.UNKNOWN
    assert check.load_after == 50
    result = allocate_cases(app_db, staff_id, 1, today=TODAY)
    assert result.check.load_after == 50
    latest = caseloads.caseload_history(app_db, staff_id)[-1]
    assert (latest.open_cases, latest.weighted_points) == (25, 50)
    assert "estimated at 2 a case" in latest.note
    options = allocation_options(app_db, team, today=TODAY)
    assert [e.why for e in options.excluded] == ["no_room"]


def test_room_in_whole_cases_and_protected_people_after_others_on_equal_room(app_db) -> None:  # type: ignore[no-untyped-def]
    """6.8 of room is room for 6 cases, shown and ordered so: Pat (newly qualified, room
    6.8) comes after Sam (room 6), not first."""
    team = people.save_team(app_db, "Ties").id
    sam = add_person(app_db, team, "Sam")  # limit 40
    pat = add_person(app_db, team, "Pat", fte=0.8)  # newly qualified: 90% of 32 = 28.8
    people.add_protection(app_db, pat, "newly_qualified", "2026-09-01")
    _cases(app_db, sam, "2026-11-20", 34)  # room 6
    _cases(app_db, pat, "2026-11-20", 22)  # room 6.8
    options = allocation_options(app_db, team, today=TODAY)
    assert [(c.name, c.room) for c in options.candidates] == [("Sam", 6), ("Pat", 6)]
    assert options.candidates[1].headroom == pytest.approx(6.8)
    assert options.candidates[1].reason.startswith("room for 6 cases before the protected limit")
