"""A small, known organisation built through the real services, for the GUI tests.

North Recovery Service
  Aoife Ní Bhriain   keyworker 0.8 FTE   34 cases (limit 32)  over, rising
  Dafydd ap Gwilym   keyworker 0.5 FTE   18 cases (limit 20)  approaching; supervised
  Priya Raman        keyworker 1.0 FTE   25 cases (limit 40)  within; follow-up due
Adult Social Work East
  Tomasz Nowak       adults social worker 1.0 FTE  12 cases   within
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wellbeing_desktop.services import caseloads, checkins, people, signposting, supervision
from wellbeing_desktop.storage.database import Database

TODAY = dt.date(2026, 11, 26)


@dataclass(frozen=True)
class Scenario:
    north: int
    east: int
    aoife: int
    dafydd: int
    priya: int
    tomasz: int


def _role_id(db: Database, words: str) -> int:
    return next(r.id for r in people.list_roles(db) if words in r.name.lower())


def _person(db: Database, team: int, name: str, role: int, fte: float, **extra: object) -> int:
    draft = people.StaffDraft(
        name=name,
        team_id=team,
        role_id=role,
        fte=fte,
        start_date="2020-01-06",
        job_title=str(extra.pop("job_title", "")),
        notes=str(extra.pop("notes", "")),
    )
    return people.save_staff(db, draft).id


def _cases(db: Database, staff_id: int, day: dt.date, n: int) -> None:
    caseloads.record_caseload(db, caseloads.make_entry(staff_id, day, n, today=TODAY))


def build(db: Database, *, months: int = 6) -> Scenario:
    keyworker = _role_id(db, "keyworker")
    adults = _role_id(db, "adults")
    north = people.save_team(db, "North Recovery Service", manager_name="Sam Okafor").id
    east = people.save_team(db, "Adult Social Work East").id
    aoife = _person(
        db,
        north,
        "Aoife Ní Bhriain",
        keyworker,
        0.8,
        job_title="Recovery keyworker",
        notes="Prefers Tuesday supervision.",
    )
    dafydd = _person(db, north, "Dafydd ap Gwilym", keyworker, 0.5)
    priya = _person(db, north, "Priya Raman", keyworker, 1.0)
    tomasz = _person(db, east, "Tomasz Nowak", adults, 1.0)
    for back in range(months, 0, -1):
        day = TODAY - dt.timedelta(days=30 * back)
        _cases(db, aoife, day, 26 + (months - back))
        _cases(db, dafydd, day, 17)
        _cases(db, priya, day, 24)
        _cases(db, tomasz, day, 12)
    _cases(db, aoife, TODAY - dt.timedelta(days=5), 34)
    _cases(db, dafydd, TODAY - dt.timedelta(days=5), 18)
    _cases(db, priya, TODAY - dt.timedelta(days=5), 25)
    people.add_protection(db, dafydd, "phased_return", "2026-10-01", "2027-03-31", 100, note="")
    supervision.save_session(
        db,
        supervision.SessionDraft(
            held_on=TODAY - dt.timedelta(days=16),
            attendee_ids=[dafydd],
            next_session_on=TODAY + dt.timedelta(days=12),
            casework="Caseload reviewed.",
            actions=[
                supervision.ActionDraft(
                    text="Review two complex cases",
                    owner_staff_id=dafydd,
                    owner_name="Dafydd",
                    due_on=TODAY - dt.timedelta(days=2),
                ),
                supervision.ActionDraft(
                    text="Book trauma-informed care course",
                    owner_staff_id=dafydd,
                    due_on=TODAY + dt.timedelta(days=30),
                ),
            ],
        ),
        today=TODAY,
    )
    supervision.save_session(
        db,
        supervision.SessionDraft(
            held_on=TODAY - dt.timedelta(days=10),
            attendee_ids=[tomasz],
        ),
        today=TODAY,
    )
    checkins.save_checkin(
        db,
        aoife,
        checkins.CheckInDraft(
            held_on=TODAY - dt.timedelta(days=60),
            overall=4,
            workload=3,
            stress=3,
            support=4,
        ),
        today=TODAY,
    )
    checkins.save_checkin(
        db,
        aoife,
        checkins.CheckInDraft(
            held_on=TODAY - dt.timedelta(days=3),
            overall=2,
            workload=2,
            stress=5,
            support=2,
            follow_up_needed=True,
        ),
        today=TODAY,
    )
    checkins.save_checkin(
        db,
        tomasz,
        checkins.CheckInDraft(
            held_on=TODAY - dt.timedelta(days=3),
            overall=4,
            workload=4,
            stress=2,
            support=4,
        ),
        today=TODAY,
    )
    service = signposting.list_services(db, search="Samaritans")[0]
    signposting.record_signposting(
        db,
        priya,
        service.id,
        signposted_on=TODAY - dt.timedelta(days=20),
        reason="stress",
        follow_up_on=TODAY - dt.timedelta(days=6),
        today=TODAY,
    )
    return Scenario(north, east, aoife, dafydd, priya, tomasz)
