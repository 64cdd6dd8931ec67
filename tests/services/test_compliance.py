"""Supervision compliance over a period: the rules in services/compliance.py."""

from __future__ import annotations

import datetime as dt

import pytest

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import people, supervision
from wellbeing_desktop.services.compliance import ComplianceStatus, supervision_compliance
from wellbeing_desktop.storage.database import Database

from .builders import TODAY, add_person

START, END = dt.date(2026, 9, 1), dt.date(2026, 11, 30)


@pytest.fixture
def app_db(copied_app_db: Database) -> Database:
    return copied_app_db  # one template per module, copied for each test (conftest)


def _sessions(db, staff_id, *days, kind="one_to_one"):  # type: ignore[no-untyped-def]
    for day in days:
        supervision.save_session(
            db,
            supervision.SessionDraft(kind=kind, held_on=day, attendee_ids=[staff_id]),
            today=TODAY,
        )


def test_compliance_rules(app_db) -> None:  # type: ignore[no-untyped-def]
    team = people.save_team(app_db, "North Recovery Service").id
    steady = add_person(app_db, team, "Steady")  # every 28 days, on time
    late = add_person(app_db, team, "Late")  # one session late, then back on track
    add_person(app_db, team, "Never")  # no supervision at all
    add_person(app_db, team, "New", start="2026-11-10")  # not due until 08/12
    peer = add_person(app_db, team, "Peer only")  # peer sessions do not count
    leaver = add_person(app_db, team, "Leaver", leaving_date="2026-10-01")
    _sessions(app_db, steady, "2026-08-20", "2026-09-17", "2026-10-15", "2026-11-12")
    _sessions(app_db, late, "2026-08-20", "2026-09-30", "2026-10-28", "2026-11-25")
    _sessions(app_db, peer, "2026-08-20")
    _sessions(app_db, peer, "2026-09-17", "2026-10-15", kind="peer")
    _sessions(app_db, leaver, "2026-08-20", "2026-09-17")

    result = supervision_compliance(app_db, [team], START, END, today=TODAY)
    assert result.end == TODAY and result.requested_end == END
    by_name = {p.name: p for p in result.people}

    assert by_name["Steady"].status is ComplianceStatus.ON_TIME
    assert (by_name["Steady"].expected, by_name["Steady"].held) == (3, 3)
    assert by_name["Steady"].gaps == ()

    late_person = by_name["Late"]
    assert late_person.status is ComplianceStatus.CAUGHT_UP
    (gap,) = late_person.gaps
    assert (gap.due_on, gap.met_on, gap.days) == (dt.date(2026, 9, 17), dt.date(2026, 9, 30), 13)

    never_person = by_name["Never"]
    assert never_person.status is ComplianceStatus.OVERDUE
    assert never_person.held == 0 and never_person.last_supervised is None
    (gap,) = never_person.gaps
    assert gap.met_on is None and gap.days == (TODAY - START).days + 1  # all of the period

    assert by_name["New"].status is ComplianceStatus.NOT_DUE
    assert by_name["New"].expected == 0

    peer_person = by_name["Peer only"]
    assert peer_person.other_sessions == 2 and peer_person.held == 0
    assert peer_person.status is ComplianceStatus.OVERDUE  # due 17/09, peer does not count

    leaver_person = by_name["Leaver"]  # in post 01/09 to 30/09
    assert leaver_person.last_day == dt.date(2026, 9, 30)
    assert leaver_person.status is ComplianceStatus.ON_TIME and leaver_person.expected == 1

    # Due: everyone but New; on time: Steady and Leaver.
    assert len(result.due) == 5
    assert result.on_time_share == pytest.approx(2 / 5)


def test_overdue_actions_at_the_end_of_the_period(app_db) -> None:  # type: ignore[no-untyped-def]
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Person")
    record = supervision.save_session(
        app_db,
        supervision.SessionDraft(
            held_on="2026-09-10",
            attendee_ids=[person],
            actions=[
                supervision.ActionDraft(text="Unowned, overdue", due_on="2026-10-01"),
                supervision.ActionDraft(
                    text="Owned, overdue", owner_staff_id=person, due_on="2026-10-02"
                ),
                supervision.ActionDraft(
                    text="Not yet due", owner_staff_id=person, due_on="2026-12-20"
                ),
                supervision.ActionDraft(text="Done in time", due_on="2026-10-03", done=True),
            ],
        ),
        today=TODAY,
    )
    assert len(record.actions) == 4
    result = supervision_compliance(app_db, [team], START, END, today=TODAY)
    assert result.people[0].overdue_actions == 2
    # Before the actions fell due, none was overdue.
    early = supervision_compliance(app_db, [team], START, dt.date(2026, 9, 30), today=TODAY)
    assert early.people[0].overdue_actions == 0


def test_bad_periods_are_refused(app_db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="must not be before its start"):
        supervision_compliance(app_db, None, END, START, today=TODAY)
    with pytest.raises(ValidationError, match="start on or before today"):
        supervision_compliance(app_db, None, dt.date(2027, 1, 1), dt.date(2027, 2, 1), today=TODAY)


def _one(result, name):  # type: ignore[no-untyped-def]
    (found,) = [p for p in result.people if p.name == name]
    return found


def _days(result, name):  # type: ignore[no-untyped-def]
    person = _one(result, name)
    return person.days_overdue, person.status


def test_overdue_days_at_the_boundaries_of_the_period(app_db) -> None:  # type: ignore[no-untyped-def]
    """Worked by hand (every 28 days; a day is overdue when a session was due before it
    and not held before it; the period's days count at both ends)."""
    today = dt.date(2026, 11, 27)
    team = people.save_team(app_db, "Boundaries").id
    add_person(app_db, team, "Never")  # started 2020: due long before any period here
    on_first = add_person(app_db, team, "Due on the first day")
    _sessions(app_db, on_first, "2026-09-03")  # due 01/10
    on_last = add_person(app_db, team, "Due on the last day")
    _sessions(app_db, on_last, "2026-09-05", "2026-10-03")  # due 03/10, then 31/10
    on_due = add_person(app_db, team, "Held on the due day")
    _sessions(app_db, on_due, "2026-09-03", "2026-10-01")
    day_late = add_person(app_db, team, "Held one day late")
    _sessions(app_db, day_late, "2026-09-03", "2026-10-02")
    came_in_late = add_person(app_db, team, "Held on the first day")
    _sessions(app_db, came_in_late, "2026-09-01", "2026-10-01")  # due 29/09

    def period(start: str, end: str):  # type: ignore[no-untyped-def]
        return supervision_compliance(
            app_db, [team], dt.date.fromisoformat(start), dt.date.fromisoformat(end), today=today
        )

    # Due before the period and never held: every day of it, both ends counted.
    for start, end, days in (
        ("2026-11-27", "2026-11-27", 1),  # one day, today
        ("2026-10-01", "2026-10-01", 1),  # one day in the past
        ("2026-11-26", "2026-11-27", 2),
        ("2026-06-01", "2026-11-27", 180),  # 01/06 to 27/11 inclusive
    ):
        result = period(start, end)
        assert _days(result, "Never") == (days, ComplianceStatus.OVERDUE), (start, end)
        (gap,) = _one(result, "Never").gaps
        assert gap.met_on is None and gap.days == days
    one_day = period("2026-11-27", "2026-11-27")
    assert len(one_day.due) == 6 and len(one_day.on_time) == 0
    assert one_day.on_time_share == 0
    assert _one(one_day, "Never").gaps[0].due_on == dt.date(2020, 2, 3)  # started 06/01/2020

    # Due exactly on the first day, never held: that day is not overdue, the rest are.
    october = period("2026-10-01", "2026-10-31")
    assert _days(october, "Due on the first day") == (30, ComplianceStatus.OVERDUE)
    assert _one(october, "Due on the first day").gaps[0].due_on == dt.date(2026, 10, 1)
    first_only = period("2026-10-01", "2026-10-01")
    assert _days(first_only, "Due on the first day") == (0, ComplianceStatus.ON_TIME)

    # Due on the last day: not overdue yet (on time); a day later it is.
    assert _days(october, "Due on the last day") == (0, ComplianceStatus.ON_TIME)
    assert _one(october, "Due on the last day").due_in_period
    a_day_more = period("2026-10-01", "2026-11-01")
    assert _days(a_day_more, "Due on the last day") == (1, ComplianceStatus.OVERDUE)

    # Held on the due day: on time. Held the day after: one day overdue, caught up.
    ten_days = period("2026-10-01", "2026-10-10")
    assert _days(ten_days, "Held on the due day") == (0, ComplianceStatus.ON_TIME)
    assert _days(ten_days, "Held one day late") == (1, ComplianceStatus.CAUGHT_UP)
    (gap,) = _one(ten_days, "Held one day late").gaps
    assert (gap.due_on, gap.met_on, gap.days) == (dt.date(2026, 10, 1), dt.date(2026, 10, 2), 1)
    # Overdue coming in (due 29/09), seen on the period's first day: one day in the period.
    assert _days(ten_days, "Held on the first day") == (1, ComplianceStatus.CAUGHT_UP)
    one = period("2026-10-02", "2026-10-02")  # the day the late one was held
    assert _days(one, "Held one day late") == (1, ComplianceStatus.CAUGHT_UP)

    # The percentage over 01/10-10/10: everyone had a session due by 10/10; on time are
    # the two seen on their due dates (03/10 and 01/10); the rest were overdue some day.
    assert _days(ten_days, "Due on the first day") == (9, ComplianceStatus.OVERDUE)
    assert _days(ten_days, "Due on the last day") == (0, ComplianceStatus.ON_TIME)
    assert len(ten_days.due) == 6 and len(ten_days.on_time) == 2
    assert ten_days.on_time_share == pytest.approx(2 / 6)
    # Over 04/10-10/10 only the two never seen since 03/09 or ever are due; the others,
    # seen 01/10-03/10, are next due 29/10-31/10: not due, left out of the percentage.
    later = period("2026-10-04", "2026-10-10")
    assert _one(later, "Due on the last day").status is ComplianceStatus.NOT_DUE
    assert len(later.due) == 2 and later.on_time_share == 0


def test_a_leaver_counts_for_their_days_in_post(app_db) -> None:  # type: ignore[no-untyped-def]
    """Left 15/11 (their first day out of post): judged 01/09-14/11 only."""
    today = dt.date(2026, 11, 27)
    team = people.save_team(app_db, "Leavers").id
    stays = add_person(app_db, team, "Stays")
    # Every four weeks to 01/10; due 29/10, never seen again.
    _sessions(app_db, stays, "2026-08-06", "2026-09-03", "2026-10-01")
    left_late = add_person(app_db, team, "Left overdue", leaving_date="2026-11-15")
    _sessions(app_db, left_late, "2026-08-06", "2026-09-03", "2026-10-01")  # the same
    left_well = add_person(app_db, team, "Left on time", leaving_date="2026-11-15")
    # Seen on time to the end, next due 26/11 (after leaving).
    _sessions(app_db, left_well, "2026-08-06", "2026-09-03", "2026-10-01", "2026-10-29")
    add_person(app_db, team, "Starter", start="2026-09-01")  # due 29/09, never seen
    record = supervision.save_session(
        app_db,
        supervision.SessionDraft(
            held_on="2026-10-01",
            attendee_ids=[left_late],
            actions=[
                # Open when they left: overdue at leaving.
                supervision.ActionDraft(text="a", owner_staff_id=left_late, due_on="2026-11-05"),
                # Done after they left, so still open on their last day: overdue then.
                supervision.ActionDraft(text="b", owner_staff_id=left_late, due_on="2026-11-01"),
                # Due after they left: never overdue for them.
                supervision.ActionDraft(text="c", owner_staff_id=left_late, due_on="2026-11-20"),
                # Due on their last day: not overdue (as on the dashboard).
                supervision.ActionDraft(text="d", owner_staff_id=left_late, due_on="2026-11-14"),
            ],
        ),
        today=today,
    )  # fmt: skip
    (done_later,) = [a for a in record.actions if a.text == "b"]
    supervision.set_action_done(app_db, done_later.id, today=dt.date(2026, 11, 20))
    result = supervision_compliance(
        app_db, [team], dt.date(2026, 9, 1), dt.date(2026, 11, 27), today=today
    )
    assert len(result.people) == 4 and len(result.in_post_at_end) == 2

    stayer = _one(result, "Stays")
    assert (stayer.days_overdue, stayer.status) == (29, ComplianceStatus.OVERDUE)  # 30/10-27/11
    assert stayer.left_on is None and stayer.in_post_at_end

    leaver = _one(result, "Left overdue")
    assert leaver.left_on == dt.date(2026, 11, 15) and not leaver.in_post_at_end
    assert (leaver.first_day, leaver.last_day) == (dt.date(2026, 9, 1), dt.date(2026, 11, 14))
    assert leaver.expected == 2  # 75 days at every 28 days, pro rata as for starters
    assert leaver.status is ComplianceStatus.LEFT_OVERDUE
    (gap,) = leaver.gaps
    assert (gap.due_on, gap.met_on, gap.days) == (dt.date(2026, 10, 29), None, 16)  # 30/10-14/11
    assert leaver.overdue_actions == 2

    on_time = _one(result, "Left on time")
    assert on_time.status is ComplianceStatus.ON_TIME and on_time.gaps == ()
    assert on_time.left_on == dt.date(2026, 11, 15)

    starter = _one(result, "Starter")
    assert starter.expected == 3 and starter.days_overdue == (today - dt.date(2026, 9, 29)).days

    # Overdue at the end: the two still in post; the leaver was overdue, not on time.
    assert {p.name for p in result.overdue_at_end} == {"Stays", "Starter"}
    assert result.count(ComplianceStatus.LEFT_OVERDUE) == 1
    assert len(result.due) == 4 and result.on_time_share == pytest.approx(1 / 4)
    assert result.overdue_actions == 2

    # Over a period that ends before the leaving date, nobody has left.
    autumn = supervision_compliance(
        app_db, [team], dt.date(2026, 9, 1), dt.date(2026, 11, 14), today=today
    )
    assert len(autumn.in_post_at_end) == 4
    assert _one(autumn, "Left overdue").status is ComplianceStatus.OVERDUE
