"""Read-only queries behind the team summary: one query per fact, each answered from an
index, so a 2,000-person organisation loads in tens of milliseconds.

Facts are found only for the people in post on the date (the people the summary
shows), and each query is driven from them: for every person, the database walks
that person's index entries backwards from the date and stops at the first match
(``ORDER BY ... DESC LIMIT``), rather than grouping over years of history. With ten
years of records this is what keeps the summary fast: see docs/PERFORMANCE.md.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from wellbeing_desktop.storage.models import (
    CaseloadRecord,
    CheckIn,
    Protection,
    Role,
    SessionAttendee,
    SignpostingRecord,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
    Team,
)


@dataclass(frozen=True)
class StaffRow:
    staff_id: int
    name: str
    job_title: str
    fte: float
    start_date: dt.date | None
    team_id: int
    team_name: str
    role_id: int
    role_name: str
    amber: float
    red: float
    uses_weighting: bool
    supervision_interval_days: int
    checkin_interval_days: int


@dataclass(frozen=True)
class CaseloadPoint:
    recorded_on: dt.date
    open_cases: int
    weighted_points: float | None


def active_staff(session: Session, team_ids: Sequence[int] | None, on: dt.date) -> list[StaffRow]:
    """People in post on a date (started, not yet left), in the given teams or all."""
    query = (
        select(
            StaffMember.id,
            StaffMember.name,
            StaffMember.job_title,
            StaffMember.fte,
            StaffMember.start_date,
            Team.id,
            Team.name,
            Role.id,
            Role.name,
            Role.amber_threshold,
            Role.red_threshold,
            Role.uses_weighting,
            Role.supervision_interval_days,
            Role.checkin_interval_days,
        )
        .join(Team, StaffMember.team_id == Team.id)
        .join(Role, StaffMember.role_id == Role.id)
        .where(_in_post(team_ids, on))
        .order_by(Team.name, StaffMember.name, StaffMember.id)
    )
    rows: Sequence[Any] = session.execute(query).all()
    return [StaffRow(*row) for row in rows]


def _in_post(team_ids: Sequence[int] | None, on: dt.date) -> ColumnElement[bool]:
    """``StaffMember`` rows for people in post on a date, in the given teams or all."""
    condition = and_(
        or_(StaffMember.leaving_date.is_(None), StaffMember.leaving_date > on),
        or_(StaffMember.start_date.is_(None), StaffMember.start_date <= on),
    )
    if team_ids is not None:
        condition = and_(StaffMember.team_id.in_(team_ids), condition)
    return condition


def _people_in_post(team_ids: Sequence[int] | None, on: dt.date) -> Select[Any]:
    return select(StaffMember.id).where(_in_post(team_ids, on))


def _newest(
    value: Any,
    date_column: Any,
    staff_column: Any,
    on: dt.date,
    *where: ColumnElement[bool],
    offset: int = 0,
) -> Any:
    """A scalar subquery correlated to ``StaffMember``: ``value`` from the person's row
    with the newest ``date_column`` on or before ``on`` (the one before, with offset=1).
    Walks the (staff, date) index backwards and stops at the first match."""
    return (
        select(value)
        .where(staff_column == StaffMember.id, date_column <= on, *where)
        .order_by(date_column.desc())
        .limit(1)
        .offset(offset)
        .correlate(StaffMember)
        .scalar_subquery()
    )


def protections(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, list[tuple[str, dt.date, dt.date | None, int]]]:
    query = select(
        Protection.staff_id,
        Protection.kind,
        Protection.start_date,
        Protection.end_date,
        Protection.limit_percent,
    ).where(
        Protection.start_date <= on,
        or_(Protection.end_date.is_(None), Protection.end_date >= on),
        Protection.staff_id.in_(_people_in_post(team_ids, on)),
    )
    found: dict[int, list[tuple[str, dt.date, dt.date | None, int]]] = defaultdict(list)
    for staff_id, kind, start, end, percent in session.execute(query):
        found[staff_id].append((kind, start, end, percent))
    return found


def latest_caseloads(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, list[CaseloadPoint]]:
    """Each person's latest two caseload records on or before a date, newest first."""
    record = aliased(CaseloadRecord)
    # The ids of each person's latest and second-latest records, then those records by
    # primary key: the database cannot choose to scan all of history instead.
    ids = union_all(
        *(
            select(
                _newest(record.id, record.recorded_on, record.staff_id, on, offset=offset)
            ).where(_in_post(team_ids, on))
            for offset in (0, 1)
        )
    )
    query = select(
        CaseloadRecord.staff_id,
        CaseloadRecord.recorded_on,
        CaseloadRecord.open_cases,
        CaseloadRecord.weighted_points,
    ).where(CaseloadRecord.id.in_(ids))
    found: dict[int, list[CaseloadPoint]] = defaultdict(list)
    for staff_id, recorded_on, cases, points in session.execute(query):
        found[staff_id].append(CaseloadPoint(recorded_on, cases, points))
    for points_list in found.values():
        points_list.sort(key=lambda point: point.recorded_on, reverse=True)
    return found


def _per_person(
    session: Session, team_ids: Sequence[int] | None, on: dt.date, value: Any
) -> dict[int, Any]:
    """``{staff id: value}`` for people in post, leaving out those with no value."""
    query = select(StaffMember.id, value).where(_in_post(team_ids, on))
    return {staff_id: found for staff_id, found in session.execute(query) if found is not None}


def last_supervision(
    session: Session, team_ids: Sequence[int] | None, on: dt.date, kinds: frozenset[str]
) -> dict[int, dt.date]:
    held = SessionAttendee.held_on
    latest = _newest(
        held, held, SessionAttendee.staff_id, on, SessionAttendee.kind.in_(sorted(kinds))
    )
    return _per_person(session, team_ids, on, latest)


def next_booked(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, dt.date]:
    """The next session date written on each person's most recent session, if in the future."""
    latest = aliased(SessionAttendee)
    latest_day = _newest(latest.held_on, latest.held_on, latest.staff_id, on)
    booked = (
        select(func.max(SupervisionSession.next_session_on))
        .select_from(SessionAttendee)
        .join(SupervisionSession, SupervisionSession.id == SessionAttendee.session_id)
        .where(SessionAttendee.staff_id == StaffMember.id, SessionAttendee.held_on == latest_day)
        .correlate(StaffMember)
        .scalar_subquery()
    )
    found = _per_person(session, team_ids, on, booked)
    return {staff_id: day for staff_id, day in found.items() if day >= on}


def last_checkins(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, dt.date]:
    latest = _newest(CheckIn.held_on, CheckIn.held_on, CheckIn.staff_id, on)
    return _per_person(session, team_ids, on, latest)


def open_checkin_followups(session: Session, team_ids: Sequence[int] | None) -> dict[int, int]:
    query = (
        select(CheckIn.staff_id, func.count())
        .where(CheckIn.follow_up_needed.is_(True), CheckIn.follow_up_done_on.is_(None))
        .group_by(CheckIn.staff_id)
    )
    if team_ids is not None:
        query = query.where(
            CheckIn.staff_id.in_(select(StaffMember.id).where(StaffMember.team_id.in_(team_ids)))
        )
    return dict(session.execute(query).all())


def signposting_followups_due(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, int]:
    query = (
        select(SignpostingRecord.staff_id, func.count())
        .where(
            SignpostingRecord.follow_up_on <= on,
            SignpostingRecord.outcome_on.is_(None),
            SignpostingRecord.staff_id.in_(_people_in_post(team_ids, on)),
        )
        .group_by(SignpostingRecord.staff_id)
    )
    return dict(session.execute(query).all())


def action_counts(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, tuple[int, int]]:
    """(open, overdue) actions per person. A person's actions are those they own, and
    those with no owner on the staff list (usually the manager's) from their one-to-ones."""
    overdue = func.sum(case((SupervisionAction.due_on < on, 1), else_=0))
    # From each person in post to their open actions: (owner, done, due) index seeks.
    owned = (
        select(StaffMember.id, func.count(), overdue)
        .join(
            SupervisionAction,
            and_(
                SupervisionAction.owner_staff_id == StaffMember.id,
                SupervisionAction.done == false(),
            ),
        )
        .where(_in_post(team_ids, on))
        .group_by(StaffMember.id)
    )
    # From the few open actions with no owner on the staff list to the session's attendee.
    managers = (
        select(SessionAttendee.staff_id, func.count(), overdue)
        .select_from(SupervisionAction)
        .join(SessionAttendee, SessionAttendee.session_id == SupervisionAction.session_id)
        .join(StaffMember, StaffMember.id == SessionAttendee.staff_id)
        .where(
            SupervisionAction.owner_staff_id.is_(None),
            SupervisionAction.done == false(),
            SessionAttendee.kind == "one_to_one",
            _in_post(team_ids, on),
        )
        .group_by(SessionAttendee.staff_id)
    )
    totals: dict[int, tuple[int, int]] = {}
    for query in (owned, managers):
        for staff_id, count, late in session.execute(query):
            before = totals.get(staff_id, (0, 0))
            totals[staff_id] = (before[0] + int(count), before[1] + int(late or 0))
    return totals
