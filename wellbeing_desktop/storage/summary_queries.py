"""Read-only queries behind the team summary: one query per fact, each answered from an
index, so a 2,000-person organisation loads in tens of milliseconds.

Facts are found only for the people in post on the date (the people the summary
shows), and each query is driven from them: for every person, the database walks
that person's index entries backwards from the date and stops at the first match
(``ORDER BY ... DESC LIMIT``), rather than grouping over years of history. With ten
years of records this is what keeps the summary fast: see docs/PERFORMANCE.md.

Each statement is built once per shape (all teams, or some) with the date and team
ids as bound parameters, so a summary spends its time in the database, not in
building and caching SQL.

They are written in SQLAlchemy Core against the light table descriptions in
``tables.py``, not the ORM models: the dashboard runs them before the window first
paints, and importing the ORM would cost more than the queries. They run on a
``Connection`` or a ``Session`` alike.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    case,
    false,
    func,
    or_,
    select,
    union_all,
)

from wellbeing_desktop.storage import tables

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session as _OrmSession

    Session: TypeAlias = Connection | _OrmSession  # anything that executes a statement

# The columns, named as the models name them.
StaffMember = tables.staff_member.c
Team = tables.team.c
Role = tables.role.c
Protection = tables.protection.c
CaseloadRecord = tables.caseload_record.c
SessionAttendee = tables.session_attendee.c
SupervisionSession = tables.supervision_session.c
SupervisionAction = tables.supervision_action.c
CheckIn = tables.check_in.c
SignpostingRecord = tables.signposting_record.c


# Named tuples rather than dataclasses: thousands are made per summary, and a tuple is
# made several times faster (read-only all the same).
class StaffRow(NamedTuple):
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
    created_at: dt.datetime | None  # when they were added to the app


class CaseloadPoint(NamedTuple):
    recorded_on: dt.date
    open_cases: int
    weighted_points: float | None


# A statement with any columns, and the two parameters every statement takes.
_Query: TypeAlias = "Select[*tuple[Any, ...]]"
_ON = bindparam("on", type_=Date())
_TEAMS: BindParameter[list[int]] = bindparam("team_ids", expanding=True)


def _params(team_ids: Sequence[int] | None, on: dt.date) -> dict[str, Any]:
    if team_ids is None:
        return {"on": on}
    return {"on": on, "team_ids": list(team_ids)}


def _in_post(with_teams: bool) -> ColumnElement[bool]:
    """``StaffMember`` rows for people in post on the date, in the given teams or all."""
    condition = and_(
        or_(StaffMember.leaving_date.is_(None), StaffMember.leaving_date > _ON),
        or_(StaffMember.start_date.is_(None), StaffMember.start_date <= _ON),
    )
    if with_teams:
        condition = and_(StaffMember.team_id.in_(_TEAMS), condition)
    return condition


def _people_in_post(with_teams: bool) -> _Query:
    return select(StaffMember.id).where(_in_post(with_teams))


def _newest(
    value: Any,
    date_column: Any,
    staff_column: Any,
    *where: ColumnElement[bool],
    offset: int = 0,
) -> Any:
    """A scalar subquery correlated to ``StaffMember``: ``value`` from the person's row
    with the newest ``date_column`` on or before the date (the one before, with
    offset=1). Walks the (staff, date) index backwards and stops at the first match."""
    return (
        select(value)
        .where(staff_column == StaffMember.id, date_column <= _ON, *where)
        .order_by(date_column.desc())
        .limit(1)
        .offset(offset)
        .correlate(tables.staff_member)
        .scalar_subquery()
    )


@cache
def _active_staff_query(with_teams: bool) -> _Query:
    return (
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
            StaffMember.created_at,
        )
        .select_from(tables.staff_member)
        .join(tables.team, StaffMember.team_id == Team.id)
        .join(tables.role, StaffMember.role_id == Role.id)
        .where(_in_post(with_teams))
        .order_by(Team.name, StaffMember.name, StaffMember.id)
    )


def active_staff(session: Session, team_ids: Sequence[int] | None, on: dt.date) -> list[StaffRow]:
    """People in post on a date (started, not yet left), in the given teams or all."""
    query = _active_staff_query(team_ids is not None)
    rows: Sequence[Any] = session.execute(query, _params(team_ids, on)).all()
    return [StaffRow._make(row) for row in rows]


@cache
def _protections_query(with_teams: bool) -> _Query:
    return select(
        Protection.staff_id,
        Protection.kind,
        Protection.start_date,
        Protection.end_date,
        Protection.limit_percent,
    ).where(
        Protection.start_date <= _ON,
        Protection.staff_id.in_(_people_in_post(with_teams)),
    )


def protections(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, list[tuple[str, dt.date, dt.date | None, int]]]:
    """Every protection that began on or before the date (ended or not) of the people
    in post: today's limit needs those still active, how long a caseload status has
    lasted (services/workload.py) needs the earlier ones too."""
    query = _protections_query(team_ids is not None)
    found: dict[int, list[tuple[str, dt.date, dt.date | None, int]]] = defaultdict(list)
    for staff_id, kind, start, end, percent in session.execute(query, _params(team_ids, on)).all():
        found[staff_id].append((kind, start, end, percent))
    return found


@cache
def _latest_caseloads_query(with_teams: bool) -> _Query:
    record = tables.caseload_record.alias().c
    # The ids of each person's latest and second-latest records, then those records by
    # primary key: the database cannot choose to scan all of history instead.
    ids = union_all(
        *(
            select(_newest(record.id, record.recorded_on, record.staff_id, offset=offset)).where(
                _in_post(with_teams)
            )
            for offset in (0, 1)
        )
    )
    return select(
        CaseloadRecord.staff_id,
        CaseloadRecord.recorded_on,
        CaseloadRecord.open_cases,
        CaseloadRecord.weighted_points,
    ).where(CaseloadRecord.id.in_(ids))


def latest_caseloads(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, list[CaseloadPoint]]:
    """Each person's latest two caseload records on or before a date, newest first."""
    query = _latest_caseloads_query(team_ids is not None)
    found: dict[int, list[CaseloadPoint]] = defaultdict(list)
    for staff_id, recorded_on, cases, points in session.execute(query, _params(team_ids, on)).all():
        found[staff_id].append(CaseloadPoint(recorded_on, cases, points))
    for pair in found.values():  # at most two each
        if len(pair) == 2 and pair[0].recorded_on < pair[1].recorded_on:
            pair.reverse()
    return found


def _last_supervision(kinds: frozenset[str]) -> Any:
    held = SessionAttendee.held_on
    return _newest(held, held, SessionAttendee.staff_id, SessionAttendee.kind.in_(sorted(kinds)))


def _next_booked() -> Any:
    """The latest next-session date written on the person's most recent session(s)."""
    latest = tables.session_attendee.alias().c
    latest_day = _newest(latest.held_on, latest.held_on, latest.staff_id)
    return (
        select(func.max(SupervisionSession.next_session_on))
        .select_from(tables.session_attendee)
        .join(tables.supervision_session, SupervisionSession.id == SessionAttendee.session_id)
        .where(SessionAttendee.staff_id == StaffMember.id, SessionAttendee.held_on == latest_day)
        .correlate(tables.staff_member)
        .scalar_subquery()
    )


def _last_checkin() -> Any:
    return _newest(CheckIn.held_on, CheckIn.held_on, CheckIn.staff_id)


class StaffDates(NamedTuple):
    """A person in post and the dates the summary shows beside them."""

    staff: StaffRow
    last_supervision: dt.date | None  # of the kinds asked for
    next_booked: dt.date | None  # on or after the date, else None
    last_checkin: dt.date | None


@cache
def _staff_with_dates_query(with_teams: bool, kinds: frozenset[str]) -> _Query:
    """``_active_staff_query`` with the last supervision, the next booked session and the
    last check-in as three more columns: one walk over the people, not four."""
    return _active_staff_query(with_teams).add_columns(
        _last_supervision(kinds), _next_booked(), _last_checkin()
    )


def staff_with_dates(
    session: Session, team_ids: Sequence[int] | None, on: dt.date, kinds: frozenset[str]
) -> list[StaffDates]:
    """``active_staff`` with, for each person, their last supervision (sessions of the
    given kinds), the next session booked at their most recent session (if on or after
    the date) and their last check-in, all on or before the date."""
    query = _staff_with_dates_query(team_ids is not None, frozenset(kinds))
    found = []
    for row in session.execute(query, _params(team_ids, on)).all():
        *staff, supervised, booked, checked_in = row
        found.append(
            StaffDates(
                StaffRow._make(staff),
                supervised,
                booked if booked is not None and booked >= on else None,
                checked_in,
            )
        )
    return found


@cache
def _open_checkin_followups_query(with_teams: bool) -> _Query:
    query = (
        select(CheckIn.staff_id, func.count())
        .where(CheckIn.follow_up_needed.is_(True), CheckIn.follow_up_done_on.is_(None))
        .group_by(CheckIn.staff_id)
    )
    if with_teams:
        query = query.where(
            CheckIn.staff_id.in_(select(StaffMember.id).where(StaffMember.team_id.in_(_TEAMS)))
        )
    return query


@cache
def _signposting_followups_query(with_teams: bool) -> _Query:
    return (
        select(SignpostingRecord.staff_id, func.count())
        .where(
            SignpostingRecord.follow_up_on <= _ON,
            SignpostingRecord.outcome_on.is_(None),
            SignpostingRecord.staff_id.in_(_people_in_post(with_teams)),
        )
        .group_by(SignpostingRecord.staff_id)
    )


@cache
def _followups_query(with_teams: bool) -> _Query:
    # Open check-in follow-ups and signposting follow-ups due, counted per person in
    # one statement (a person may have both: ``followups_due`` adds them up).
    return union_all(
        _open_checkin_followups_query(with_teams), _signposting_followups_query(with_teams)
    )


def followups_due(session: Session, team_ids: Sequence[int] | None, on: dt.date) -> dict[int, int]:
    """Follow-ups due per person: open check-in follow-ups (whatever their date) and
    signposting follow-ups due by the date with no outcome yet."""
    totals: dict[int, int] = {}
    for staff_id, count in session.execute(
        _followups_query(team_ids is not None), _params(team_ids, on)
    ):
        totals[staff_id] = totals.get(staff_id, 0) + int(count)
    return totals


@cache
def _action_count_queries(with_teams: bool) -> tuple[_Query, _Query]:
    overdue = func.sum(case((SupervisionAction.due_on < _ON, 1), else_=0))
    # From each person in post to their open actions: (owner, done, due) index seeks.
    owned = (
        select(StaffMember.id, func.count(), overdue)
        .join(
            tables.supervision_action,
            and_(
                SupervisionAction.owner_staff_id == StaffMember.id,
                SupervisionAction.done == false(),
            ),
        )
        .where(_in_post(with_teams))
        .group_by(StaffMember.id)
    )
    # From the few open actions with no owner on the staff list to the session's attendee.
    managers = (
        select(SessionAttendee.staff_id, func.count(), overdue)
        .select_from(tables.supervision_action)
        .join(tables.session_attendee, SessionAttendee.session_id == SupervisionAction.session_id)
        .join(tables.staff_member, StaffMember.id == SessionAttendee.staff_id)
        .where(
            SupervisionAction.owner_staff_id.is_(None),
            SupervisionAction.done == false(),
            SessionAttendee.kind == "one_to_one",
            _in_post(with_teams),
        )
        .group_by(SessionAttendee.staff_id)
    )
    return owned, managers


def action_counts(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, tuple[int, int]]:
    """(open, overdue) actions per person. A person's actions are those they own, and
    those with no owner on the staff list (usually the manager's) from their one-to-ones
    (both counted in one statement, a person may appear in each)."""
    query = union_all(*_action_count_queries(team_ids is not None))
    totals: dict[int, tuple[int, int]] = {}
    for staff_id, count, late in session.execute(query, _params(team_ids, on)).all():
        before = totals.get(staff_id, (0, 0))
        totals[staff_id] = (before[0] + int(count), before[1] + int(late or 0))
    return totals
