"""Someone never supervised with no start date recorded: due one interval after the day
they were added to the app, on the dashboard and in the compliance report alike."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from wellbeing_desktop.services import people, supervision
from wellbeing_desktop.services.compliance import ComplianceStatus, supervision_compliance
from wellbeing_desktop.services.due import next_due
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import StaffMember

from .builders import TODAY, add_person

ADDED = dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def app_db(copied_app_db: Database) -> Database:
    return copied_app_db  # one template per module, copied for each test (conftest)


def _added(db: Database, staff_id: int, when: dt.datetime = ADDED) -> None:
    with db.session() as session:
        session.execute(
            update(StaffMember).where(StaffMember.id == staff_id).values(created_at=when)
        )


def _session(db: Database, staff_id: int, day: dt.date) -> None:
    supervision.save_session(
        db,
        supervision.SessionDraft(kind="one_to_one", held_on=day, attendee_ids=[staff_id]),
        today=TODAY,
    )


def test_next_due_counts_from_the_day_they_were_added() -> None:
    added = dt.date(2026, 3, 12)
    due = next_due(None, 28, None, TODAY, known_since=added)
    assert due.due_on == dt.date(2026, 4, 9) and due.counted_from_added == added
    assert due.overdue_days == (TODAY - dt.date(2026, 4, 9)).days
    # A start date or a session comes first; the day they were added is then not used.
    assert (
        next_due(None, 28, dt.date(2026, 1, 5), TODAY, known_since=added).counted_from_added is None
    )
    assert next_due(TODAY, 28, None, TODAY, known_since=added).counted_from_added is None
    # Nothing known at all: due today, as before.
    assert next_due(None, 28, None, TODAY).due_on == TODAY


def test_dashboard_and_report_count_from_the_day_they_were_added(app_db) -> None:  # type: ignore[no-untyped-def]
    team = people.save_team(app_db, "No dates").id
    person = add_person(app_db, team, "Unknown start", start=None)
    _added(app_db, person)
    interval = team_summary(app_db, [team], today=TODAY).people[0].supervision
    due_on = interval.due_on
    assert interval.counted_from_added == dt.date(2026, 3, 12)
    assert due_on > dt.date(2026, 3, 12) and interval.overdue_days == (TODAY - due_on).days > 0

    # Before the due date: not due; due on the period's last day: on time, as the
    # dashboard reads "due" (not "overdue") that day.
    day_before = due_on - dt.timedelta(days=1)
    spring = supervision_compliance(app_db, [team], dt.date(2026, 3, 1), day_before, today=TODAY)
    assert spring.people[0].status is ComplianceStatus.NOT_DUE and spring.people[0].gaps == ()
    spring = supervision_compliance(app_db, [team], dt.date(2026, 3, 1), due_on, today=TODAY)
    assert spring.people[0].status is ComplianceStatus.ON_TIME and spring.people[0].gaps == ()
    # Autumn: overdue all period, from a known due date, with the words that say why.
    autumn = supervision_compliance(app_db, [team], dt.date(2026, 9, 1), TODAY, today=TODAY).people[
        0
    ]
    assert autumn.status is ComplianceStatus.OVERDUE
    (gap,) = autumn.gaps
    assert (gap.due_on, gap.met_on, gap.days) == (due_on, None, 87)
    assert autumn.counted_from_words == (
        "Never supervised; start date not recorded: counted from 12/03/2026, when they were added"
    )


def test_report_days_overdue_match_the_dashboard(app_db) -> None:  # type: ignore[no-untyped-def]
    """For a period ending today, the report's days overdue are the dashboard's."""
    team = people.save_team(app_db, "Compared").id
    never = add_person(app_db, team, "A never supervised", start=None)
    _added(app_db, never)
    every = next(
        r.supervision_interval_days for r in people.list_roles(app_db) if "keyworker" in r.name
    )

    def started(days_ago: int) -> str:
        return (TODAY - dt.timedelta(days=days_ago)).isoformat()

    # Each supervised on time once, one interval after they started.
    on_the_day = add_person(app_db, team, "B due today", start=started(2 * every))
    late = add_person(app_db, team, "C held late", start=started(2 * every + 1))
    _session(app_db, on_the_day, TODAY - dt.timedelta(days=every))
    # Due yesterday, held today: the dashboard said "overdue by 1 day" this morning.
    _session(app_db, late, TODAY - dt.timedelta(days=every + 1))
    morning = team_summary(app_db, [team], today=TODAY).people[2].supervision
    assert morning.overdue_days == 1
    _session(app_db, late, TODAY)

    period_start = dt.date(2026, 1, 1)
    report = supervision_compliance(app_db, [team], period_start, TODAY, today=TODAY)
    dashboard = team_summary(app_db, [team], today=TODAY)
    by_id = {p.staff_id: p for p in report.people}
    for person in dashboard.people:
        assessed = by_id[person.staff_id]
        if person.staff_id == late:
            # The one overdue day was in the period, and the session met it today.
            assert assessed.days_overdue == morning.overdue_days == 1
            assert assessed.status is ComplianceStatus.CAUGHT_UP
        else:
            assert assessed.days_overdue == person.supervision.overdue_days
        assert assessed.overdue_at_end == person.supervision.overdue_days
    assert [p.supervision.overdue_days for p in dashboard.people][1:] == [0, 0]
    assert by_id[never].days_overdue > 0
