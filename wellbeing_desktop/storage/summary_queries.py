"""Read-only queries behind the team summary: a few set-based queries, one per fact,
each answered from an index, so a 2,000-person organisation loads in milliseconds."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

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
    query: Select[Any] = (
        select(
            StaffMember.id, StaffMember.name, StaffMember.job_title, StaffMember.fte,
            StaffMember.start_date, Team.id, Team.name, Role.id, Role.name,
            Role.amber_threshold, Role.red_threshold, Role.uses_weighting,
            Role.supervision_interval_days, Role.checkin_interval_days,
        )
        .join(Team, StaffMember.team_id == Team.id)
        .join(Role, StaffMember.role_id == Role.id)
        .where(or_(StaffMember.leaving_date.is_(None), StaffMember.leaving_date > on))
        .where(or_(StaffMember.start_date.is_(None), StaffMember.start_date <= on))
        .order_by(Team.name, StaffMember.name, StaffMember.id)
    )
    if team_ids is not None:
        query = query.where(StaffMember.team_id.in_(team_ids))
    return [StaffRow(*row) for row in session.execute(query)]


def _staff_filter(column: Any, team_ids: Sequence[int] | None) -> ColumnElement[bool]:
    if team_ids is None:
        return true()
    return column.in_(select(StaffMember.id).where(StaffMember.team_id.in_(team_ids)))


def protections(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, list[tuple[str, dt.date, dt.date | None, int]]]:
    query = select(
        Protection.staff_id, Protection.kind, Protection.start_date, Protection.end_date,
        Protection.limit_percent,
    ).where(
        Protection.start_date <= on,
        or_(Protection.end_date.is_(None), Protection.end_date >= on),
        _staff_filter(Protection.staff_id, team_ids),
    )
    found: dict[int, list[tuple[str, dt.date, dt.date | None, int]]] = defaultdict(list)
    for staff_id, kind, start, end, percent in session.execute(query):
        found[staff_id].append((kind, start, end, percent))
    return found


def latest_caseloads(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, list[CaseloadPoint]]:
    """Each person's latest two caseload records on or before a date, newest first."""
    ranked = (
        select(
            CaseloadRecord.staff_id,
            CaseloadRecord.recorded_on,
            CaseloadRecord.open_cases,
            CaseloadRecord.weighted_points,
            func.row_number()
            .over(
                partition_by=CaseloadRecord.staff_id,
                order_by=CaseloadRecord.recorded_on.desc(),
            )
            .label("rank"),
        )
        .where(CaseloadRecord.recorded_on <= on, _staff_filter(CaseloadRecord.staff_id, team_ids))
        .subquery()
    )
    query = select(
        ranked.c.staff_id, ranked.c.recorded_on, ranked.c.open_cases, ranked.c.weighted_points
    ).where(ranked.c.rank <= 2)
    found: dict[int, list[CaseloadPoint]] = defaultdict(list)
    for staff_id, recorded_on, cases, points in session.execute(query):
        found[staff_id].append(CaseloadPoint(recorded_on, cases, points))
    for points_list in found.values():
        points_list.sort(key=lambda point: point.recorded_on, reverse=True)
    return found


def last_supervision(
    session: Session, team_ids: Sequence[int] | None, on: dt.date, kinds: frozenset[str]
) -> dict[int, dt.date]:
    query = (
        select(SessionAttendee.staff_id, func.max(SessionAttendee.held_on))
        .where(
            SessionAttendee.held_on <= on,
            SessionAttendee.kind.in_(sorted(kinds)),
            _staff_filter(SessionAttendee.staff_id, team_ids),
        )
        .group_by(SessionAttendee.staff_id)
    )
    return dict(session.execute(query).all())


def next_booked(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, dt.date]:
    """The next session date written on each person's most recent session, if in the future."""
    latest = (
        select(SessionAttendee.staff_id, func.max(SessionAttendee.held_on).label("held_on"))
        .where(SessionAttendee.held_on <= on, _staff_filter(SessionAttendee.staff_id, team_ids))
        .group_by(SessionAttendee.staff_id)
        .subquery()
    )
    query = (
        select(SessionAttendee.staff_id, func.max(SupervisionSession.next_session_on))
        .join(latest, and_(
            latest.c.staff_id == SessionAttendee.staff_id,
            latest.c.held_on == SessionAttendee.held_on,
        ))
        .join(SupervisionSession, SupervisionSession.id == SessionAttendee.session_id)
        .where(SupervisionSession.next_session_on >= on)
        .group_by(SessionAttendee.staff_id)
    )
    return dict(session.execute(query).all())


def last_checkins(
    session: Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, dt.date]:
    query = (
        select(CheckIn.staff_id, func.max(CheckIn.held_on))
        .where(CheckIn.held_on <= on, _staff_filter(CheckIn.staff_id, team_ids))
        .group_by(CheckIn.staff_id)
    )
    return dict(session.execute(query).all())


def open_checkin_followups(
    session: Session, team_ids: Sequence[int] | None
) -> dict[int, int]:
    query = (
        select(CheckIn.staff_id, func.count())
        .where(
            CheckIn.follow_up_needed.is_(True),
            CheckIn.follow_up_done_on.is_(None),
            _staff_filter(CheckIn.staff_id, team_ids),
        )
        .group_by(CheckIn.staff_id)
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
            _staff_filter(SignpostingRecord.staff_id, team_ids),
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
    owned = (
        select(SupervisionAction.owner_staff_id, func.count(), overdue)
        .where(
            SupervisionAction.done.is_(False),
            SupervisionAction.owner_staff_id.is_not(None),
            _staff_filter(SupervisionAction.owner_staff_id, team_ids),
        )
        .group_by(SupervisionAction.owner_staff_id)
    )
    managers = (
        select(SessionAttendee.staff_id, func.count(), overdue)
        .join(SupervisionAction, SupervisionAction.session_id == SessionAttendee.session_id)
        .where(
            SupervisionAction.done.is_(False),
            SupervisionAction.owner_staff_id.is_(None),
            SessionAttendee.kind == "one_to_one",
            _staff_filter(SessionAttendee.staff_id, team_ids),
        )
        .group_by(SessionAttendee.staff_id)
    )
    totals: dict[int, tuple[int, int]] = {}
    for query in (owned, managers):
        for staff_id, count, late in session.execute(query):
            before = totals.get(staff_id, (0, 0))
            totals[staff_id] = (before[0] + int(count), before[1] + int(late or 0))
    return totals

