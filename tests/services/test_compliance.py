"""Supervision compliance over a period: the rules in services/compliance.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_server import PostgresServer
from tests.templates import build_postgresql_template, build_sqlite_template, copy_for_test
from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import people, supervision
from wellbeing_desktop.services.compliance import ComplianceStatus, supervision_compliance
from wellbeing_desktop.storage.database import Database

from .builders import TODAY, add_person

START, END = dt.date(2026, 9, 1), dt.date(2026, 11, 30)


def _nothing(_db: Database) -> None:
    return None


@pytest.fixture(scope="module")
def sqlite_app_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, None]:
    path = tmp_path_factory.mktemp("compliance") / "app.sqlite3"
    return path, build_sqlite_template(path, _nothing)


@pytest.fixture(scope="module")
def postgresql_app_template(pg_server: PostgresServer) -> tuple[str, None]:
    return build_postgresql_template(pg_server, _nothing)


@pytest.fixture(params=["sqlite", "postgresql"])
def app_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """As the services' ``app_db`` (migrated, shipped roles and services), copied from one
    made for this module rather than migrated afresh for each test."""
    with copy_for_test(request, tmp_path, "sqlite_app_template", "postgresql_app_template") as db:
        yield db


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
    assert gap.met_on is None and gap.days == (TODAY - START).days  # overdue all period

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
