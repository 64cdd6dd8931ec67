"""Supervision compliance over a period: sessions expected and held, gaps, overdue
actions, and the share of people supervised on time.

The rules, for each person in post for some of the period in the chosen teams:

* A person counts for the days they were **in post** within the period: from the
  later of the period's start and their start date, to the earlier of its end and the
  day before their leaving date (the leaving date is their first day out of post, as in
  the team lists). Starters and leavers are expected sessions pro rata, and everything
  below is judged over their own days only: a leaver cannot be overdue after leaving,
  their overdue days stop the day before the leaving date, and their overdue actions
  are those open on their last day. "In post during the period" counts everyone here;
  "in post at its end" leaves out those who left before its last day.

* Only one-to-one and group supervision count (``COUNTS_AS_SUPERVISION``). Peer
  supervision and reflective practice are shown as "other sessions"; they are valued
  but do not meet the requirement.
* The role's supervision frequency sets the rhythm, as on the dashboard
  (``due.next_due``): a session is due that many days after the previous counted
  session, before or during the period; someone never supervised is due that many
  days after they started. Someone never supervised with no start date recorded is
  due that many days after the day they were added to the app (the date of
  ``created_at``), as on the dashboard.
* **Overdue days**, the one rule for every figure below: the period's days are
  inclusive at both ends, and a day is overdue when a session was due *before* it and
  had not been held *before* it. So the due date itself is never overdue (a session
  held on it is on time, and on the dashboard that day reads "due", not "overdue"); a
  session held the day after the due date was one day overdue; due before the period
  and never held, every day of the period is overdue (a one-day period: one day). The
  days of a gap still open at the period's end are the count the dashboard shows on
  the period's last day ("overdue by N days"), limited to the days in the period
  (``PersonCompliance.overdue_at_end``); ``days_overdue`` adds the days of the gaps
  met during the period (a session held the day after its due date: one).
* **Expected** sessions: the whole number of intervals in the days the person was in
  post during the period (90 days at every 28 days: 3).
* **Held**: counted sessions during the period, while in post.
* A **gap** is a stretch of overdue days: from the day after a due date to the session
  that met it, or to the end of the period (or the person's leaving) if none did. A
  gap counts when at least one of its overdue days falls in the period; its length is
  the number of those days.
* **Status**: supervised on time (something was due during the period and the person
  was never overdue in it); late, since caught up; overdue at the end of the period;
  overdue when they left (a leaver whose last session due was never held); or not due.
* **Supervised on time**: something was due during the period and the person was
  never overdue in it. People with nothing due in the period (recently supervised,
  or newly started) are "not due" and left out of the percentage.
* **Overdue actions**: the person's actions (their own, and unowned ones from their
  one-to-ones, as in the team summary) agreed by their last day in post in the period,
  due before it, and not done by it (as on the dashboard: due that day is not overdue).

A period that ends in the future is assessed up to today.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select, true
from sqlalchemy.orm import Session

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services.due import describe_counted_from, next_due
from wellbeing_desktop.services.status_words import WordedStatus
from wellbeing_desktop.services.vocab import COUNTS_AS_SUPERVISION
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    Role,
    SessionAttendee,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
    Team,
)

# A period longer than this is almost certainly a typing slip in a date.
MAX_PERIOD_DAYS = 3 * 366


class ComplianceStatus(WordedStatus):
    ON_TIME = "on_time", "Supervised on time", "✓"
    CAUGHT_UP = "caught_up", "Late, since caught up", "▲"
    OVERDUE = "overdue", "Overdue at period end", "✕"
    LEFT_OVERDUE = "left_overdue", "Overdue when they left", "✕"
    NOT_DUE = "not_due", "Not due in period", "–"


@dataclass(frozen=True)
class Gap:
    # When a session was due; None only if, never supervised, neither a start date nor
    # the day they were added is known (then counted as due before the period).
    due_on: dt.date | None
    met_on: dt.date | None  # the session that ended the gap; None if still open at the end
    days: int  # days overdue within the period


@dataclass(frozen=True)
class PersonCompliance:
    staff_id: int
    name: str
    team_id: int
    team_name: str
    role_name: str
    interval_days: int
    first_day: dt.date  # in post within the period: from ...
    last_day: dt.date  # ... to
    expected: int
    held: int
    other_sessions: int
    last_supervised: dt.date | None  # the latest counted session up to the period end
    gaps: tuple[Gap, ...]
    overdue_actions: int
    due_in_period: bool
    left_on: dt.date | None = None  # the leaving date, when they left before the end
    # Never supervised, no start date recorded: the day they were added, counted from.
    counted_from_added: dt.date | None = None

    @property
    def status(self) -> ComplianceStatus:
        if not self.due_in_period:
            return ComplianceStatus.NOT_DUE
        if not self.gaps:
            return ComplianceStatus.ON_TIME
        if self.gaps[-1].met_on is None:
            return ComplianceStatus.LEFT_OVERDUE if self.left_on else ComplianceStatus.OVERDUE
        return ComplianceStatus.CAUGHT_UP

    @property
    def in_post_at_end(self) -> bool:
        return self.left_on is None

    @property
    def on_time(self) -> bool:
        return self.status is ComplianceStatus.ON_TIME

    @property
    def longest_gap(self) -> int:
        return max((gap.days for gap in self.gaps), default=0)

    @property
    def days_overdue(self) -> int:
        return sum(gap.days for gap in self.gaps)

    @property
    def overdue_at_end(self) -> int:
        """The days of the gap still open on the last day (0 if none): what the
        dashboard shows on that day, limited to the days in the period."""
        return self.gaps[-1].days if self.gaps and self.gaps[-1].met_on is None else 0

    @property
    def counted_from_words(self) -> str | None:
        """Why the first due date was counted from the day they were added, if it was."""
        if self.counted_from_added is None:
            return None
        return describe_counted_from(self.counted_from_added)


@dataclass(frozen=True)
class Compliance:
    title: str
    start: dt.date
    end: dt.date  # the last day assessed (the period's end, or today if sooner)
    requested_end: dt.date
    people: tuple[PersonCompliance, ...]

    @property
    def in_post_at_end(self) -> tuple[PersonCompliance, ...]:
        """The people still in post on the last day assessed (``people`` is everyone in
        post for some of the period)."""
        return tuple(p for p in self.people if p.in_post_at_end)

    @property
    def due(self) -> tuple[PersonCompliance, ...]:
        return tuple(p for p in self.people if p.due_in_period)

    @property
    def on_time(self) -> tuple[PersonCompliance, ...]:
        return tuple(p for p in self.people if p.on_time)

    @property
    def on_time_share(self) -> float | None:
        """Share of the people due supervision who were supervised on time."""
        due = len(self.due)
        return len(self.on_time) / due if due else None

    @property
    def expected(self) -> int:
        return sum(p.expected for p in self.people)

    @property
    def held(self) -> int:
        return sum(p.held for p in self.people)

    @property
    def with_gaps(self) -> tuple[PersonCompliance, ...]:
        return tuple(p for p in self.people if p.gaps)

    @property
    def overdue_at_end(self) -> tuple[PersonCompliance, ...]:
        return tuple(p for p in self.people if p.status is ComplianceStatus.OVERDUE)

    @property
    def overdue_actions(self) -> int:
        return sum(p.overdue_actions for p in self.people)

    def count(self, status: ComplianceStatus) -> int:
        return sum(1 for p in self.people if p.status is status)


def supervision_compliance(
    db: Database,
    team_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    *,
    today: dt.date | None = None,
) -> Compliance:
    """Compliance for the people in some teams (all teams when None) over a period."""
    today = today or dt.date.today()
    if end < start:
        raise ValidationError("end", "The end of the period must not be before its start.")
    if start > today:
        raise ValidationError("start", "The period must start on or before today.")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise ValidationError("end", "The period can be at most three years long.")
    last = min(end, today)
    with db.session() as session:
        staff = _staff(session, team_ids, start, last)
        before = _last_before(session, team_ids, start)
        during, others = _sessions_during(session, team_ids, start, last)
        actions = _overdue_actions(session, team_ids, last)
        if team_ids is None:
            title = "All teams"
        else:
            names = session.scalars(
                select(Team.name).where(Team.id.in_(team_ids)).order_by(Team.name)
            ).all()
            title = ", ".join(names)
    people = []
    for row in staff:
        first_day = max(start, row.start_date or start)
        last_day = min(last, row.leaving_date - dt.timedelta(days=1)) if row.leaving_date else last
        if first_day > last_day:
            continue
        sessions = [day for day in during.get(row.id, ()) if first_day <= day <= last_day]
        added = row.created_at.date() if row.created_at is not None else None
        first_due = next_due(
            before.get(row.id),
            row.interval,
            row.start_date,
            first_day - dt.timedelta(days=1),  # nothing known: due before the period
            known_since=added,
        )
        known = before.get(row.id) or row.start_date or added
        gaps, due_in_period = _gaps(
            first_due.due_on if known else None,
            first_due.due_on,
            sessions,
            row.interval,
            first_day,
            last_day,
        )
        people.append(
            PersonCompliance(
                staff_id=row.id,
                name=row.name,
                team_id=row.team_id,
                team_name=row.team_name,
                role_name=row.role_name,
                interval_days=row.interval,
                first_day=first_day,
                last_day=last_day,
                expected=((last_day - first_day).days + 1) // row.interval,
                held=len(sessions),
                other_sessions=others.get(row.id, 0),
                last_supervised=sessions[-1] if sessions else before.get(row.id),
                gaps=tuple(gaps),
                overdue_actions=sum(
                    1 for action in actions.get(row.id, ()) if action.overdue_on(last_day)
                ),
                due_in_period=due_in_period,
                left_on=row.leaving_date if last_day < last else None,
                counted_from_added=first_due.counted_from_added,
            )
        )
    return Compliance(title, start, last, end, tuple(people))


def _gaps(
    shown: dt.date | None,
    due: dt.date,
    sessions: Sequence[dt.date],
    interval: int,
    first_day: dt.date,
    last_day: dt.date,
) -> tuple[list[Gap], bool]:
    """The overdue stretches within [first_day, last_day], and whether anything fell due.
    ``due`` is when the first session was due (``due.next_due``, as on the dashboard),
    ``shown`` the same or None if nothing was known to count it from."""
    step = dt.timedelta(days=interval)
    gaps = []
    due_in_period = due <= last_day
    for held in sessions:
        if held > due:
            gaps.append(Gap(shown, held, _overdue_days(due, held, first_day)))
        due = shown = held + step
        due_in_period = due_in_period or due <= last_day
    if due < last_day:
        gaps.append(Gap(shown, None, _overdue_days(due, last_day, first_day)))
    return [gap for gap in gaps if gap.days > 0], due_in_period


def _overdue_days(due: dt.date, until: dt.date, first_day: dt.date) -> int:
    """The overdue days from ``first_day`` to ``until``, both inclusive, for a session
    due on ``due``: the days after the due date (``until`` is the day it was held, or
    the last day assessed)."""
    return max(0, (until - max(due + dt.timedelta(days=1), first_day)).days + 1)


@dataclass(frozen=True)
class _StaffRow:
    id: int
    name: str
    team_id: int
    team_name: str
    role_name: str
    interval: int
    start_date: dt.date | None
    leaving_date: dt.date | None
    created_at: dt.datetime | None


def _in_teams(column: Any, team_ids: Sequence[int] | None) -> ColumnElement[bool]:
    if team_ids is None:
        return true()
    return column.in_(select(StaffMember.id).where(StaffMember.team_id.in_(team_ids)))


def _staff(
    session: Session, team_ids: Sequence[int] | None, start: dt.date, last: dt.date
) -> list[_StaffRow]:
    query = (
        select(
            StaffMember.id,
            StaffMember.name,
            Team.id,
            Team.name,
            Role.name,
            Role.supervision_interval_days,
            StaffMember.start_date,
            StaffMember.leaving_date,
            StaffMember.created_at,
        )
        .join(Team, StaffMember.team_id == Team.id)
        .join(Role, StaffMember.role_id == Role.id)
        .where(or_(StaffMember.leaving_date.is_(None), StaffMember.leaving_date > start))
        .where(or_(StaffMember.start_date.is_(None), StaffMember.start_date <= last))
        .order_by(Team.name, StaffMember.name, StaffMember.id)
    )
    if team_ids is not None:
        query = query.where(StaffMember.team_id.in_(team_ids))
    return [_StaffRow(*row) for row in session.execute(query)]


def _last_before(
    session: Session, team_ids: Sequence[int] | None, start: dt.date
) -> dict[int, dt.date]:
    query = (
        select(SessionAttendee.staff_id, func.max(SessionAttendee.held_on))
        .where(
            _in_teams(SessionAttendee.staff_id, team_ids),
            SessionAttendee.kind.in_(sorted(COUNTS_AS_SUPERVISION)),
            SessionAttendee.held_on < start,
        )
        .group_by(SessionAttendee.staff_id)
    )
    return {staff_id: day for staff_id, day in session.execute(query)}


def _sessions_during(
    session: Session, team_ids: Sequence[int] | None, start: dt.date, last: dt.date
) -> tuple[dict[int, list[dt.date]], dict[int, int]]:
    during: dict[int, list[dt.date]] = defaultdict(list)
    others: dict[int, int] = defaultdict(int)
    query = (
        select(SessionAttendee.staff_id, SessionAttendee.held_on, SessionAttendee.kind)
        .where(
            _in_teams(SessionAttendee.staff_id, team_ids),
            SessionAttendee.held_on >= start,
            SessionAttendee.held_on <= last,
        )
        .order_by(SessionAttendee.staff_id, SessionAttendee.held_on)
    )
    for staff_id, held_on, kind in session.execute(query):
        if kind in COUNTS_AS_SUPERVISION:
            if not during[staff_id] or during[staff_id][-1] != held_on:
                during[staff_id].append(held_on)
        else:
            others[staff_id] += 1
    return during, others


@dataclass(frozen=True)
class _Action:
    agreed_on: dt.date  # the session it was agreed in
    due_on: dt.date
    open_until: dt.date | None  # the day it was done; None while not done

    def overdue_on(self, day: dt.date) -> bool:
        """Agreed by ``day``, due before it and not done by it."""
        return (
            self.agreed_on <= day
            and self.due_on < day
            and (self.open_until is None or self.open_until > day)
        )


def _overdue_actions(
    session: Session, team_ids: Sequence[int] | None, last: dt.date
) -> dict[int, list[_Action]]:
    """Each person's actions that were overdue on some day up to ``last``, to be judged
    on their own last day in post."""
    open_until = case((SupervisionAction.done.is_(True), SupervisionAction.done_on), else_=None)
    ever_overdue = and_(
        SupervisionAction.due_on < last,
        or_(
            SupervisionAction.done.is_(False), SupervisionAction.done_on > SupervisionAction.due_on
        ),
        SupervisionSession.held_on <= last,
    )
    fields = (SupervisionSession.held_on, SupervisionAction.due_on, open_until)
    owned = (
        select(SupervisionAction.owner_staff_id, *fields)
        .join(SupervisionSession, SupervisionSession.id == SupervisionAction.session_id)
        .where(ever_overdue, _in_teams(SupervisionAction.owner_staff_id, team_ids))
    )
    unowned = (
        select(SessionAttendee.staff_id, *fields)
        .join(SupervisionAction, SupervisionAction.session_id == SessionAttendee.session_id)
        .join(SupervisionSession, SupervisionSession.id == SupervisionAction.session_id)
        .where(
            ever_overdue,
            SupervisionAction.owner_staff_id.is_(None),
            SessionAttendee.kind == "one_to_one",
            _in_teams(SessionAttendee.staff_id, team_ids),
        )
    )
    found: dict[int, list[_Action]] = defaultdict(list)
    for query in (owned, unowned):
        for staff_id, agreed_on, due_on, done_on in session.execute(query):
            if staff_id is not None:
                found[staff_id].append(_Action(agreed_on, due_on, done_on))
    return found
