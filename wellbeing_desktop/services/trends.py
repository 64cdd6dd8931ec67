"""Caseloads over time: a team's total caseload against its combined safe limit, by month.

For each month end, every person in post on that date counts with their latest
caseload record from the three months up to it, against their safe limit on
that date (FTE and protections applied by the same rule as the dashboard).
People with no record in those three months are left out of both totals and
counted separately, so missing figures never look like spare capacity. Roles
whose limits are in weighted points are left out too: their points cannot be
added to cases.

Thresholds and FTE are today's: the database keeps their current values only.

The queries use SQLAlchemy Core (``storage/tables.py``), not the ORM: the dashboard's
chart is drawn before the ORM is first imported.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select

from wellbeing_desktop.services.caseload_rules import (
    RECORD_LOOKBACK_DAYS as RECORD_LOOKBACK_DAYS,  # re-exported: the chart's window
)
from wellbeing_desktop.services.caseload_rules import (
    ActiveProtection,
    adjusted_limit,
    lookback_start,
)
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database

StaffMember = tables.staff_member.c
Role = tables.role.c
CaseloadRecord = tables.caseload_record.c
Protection = tables.protection.c

# A caseload record older than RECORD_LOOKBACK_DAYS (services/caseload_rules.py) at a
# month end no longer counts for that month: the summary's share in use follows it too.


@dataclass(frozen=True)
class MonthTotal:
    month_end: dt.date
    total_cases: int
    combined_limit: float
    people_counted: int
    people_without_record: int
    # The safe limits of ``people_without_record``: left out of ``combined_limit`` (and
    # so of the share in use), as the summary leaves out people with no record.
    limit_without_record: float = 0.0

    @property
    def utilisation(self) -> float | None:
        return self.total_cases / self.combined_limit if self.combined_limit else None


@dataclass(frozen=True)
class CaseloadHistory:
    months: tuple[MonthTotal, ...]
    people_in_points: int  # people left out because their role is weighted in points

    @property
    def has_data(self) -> bool:
        return any(month.people_counted for month in self.months)


def month_ends(months: int, today: dt.date) -> list[dt.date]:
    """The last ``months`` month ends, oldest first; the current month ends today."""
    ends = [today]
    first = today.replace(day=1)
    for _ in range(months - 1):
        first = first - dt.timedelta(days=1)  # the previous month's last day
        ends.append(first)
        first = first.replace(day=1)
    return sorted(ends)


def team_caseload_history(
    db: Database,
    team_ids: Sequence[int] | None,
    months: int = 12,
    today: dt.date | None = None,
) -> CaseloadHistory:
    """Total caseload against combined safe limit at each of the last ``months`` month
    ends, for some teams or (``team_ids`` None) the whole organisation."""
    today = today or dt.date.today()
    ends = month_ends(months, today)
    staff_query = (
        select(
            StaffMember.id,
            StaffMember.fte,
            StaffMember.start_date,
            StaffMember.leaving_date,
            Role.amber_threshold,
            Role.red_threshold,
            Role.uses_weighting,
        )
        .select_from(tables.staff_member)
        .join(tables.role, StaffMember.role_id == Role.id)
        .where(or_(StaffMember.leaving_date.is_(None), StaffMember.leaving_date > ends[0]))
        .where(or_(StaffMember.start_date.is_(None), StaffMember.start_date <= today))
    )
    if team_ids is not None:
        staff_query = staff_query.where(StaffMember.team_id.in_(team_ids))
    # Each month end's latest record, as a column of the person's row: the database walks
    # the (staff, date) index backwards from the month end, once a month a person, and
    # sends twelve numbers rather than every record of fifteen months.
    staff_query = staff_query.add_columns(
        *(_latest_cases(end, lookback_start(end)) for end in ends)
    )
    protections_query = select(
        Protection.staff_id,
        Protection.kind,
        Protection.start_date,
        Protection.end_date,
        Protection.limit_percent,
    ).where(or_(Protection.end_date.is_(None), Protection.end_date >= ends[0]))
    if team_ids is not None:
        in_teams = select(StaffMember.id).where(StaffMember.team_id.in_(team_ids))
        protections_query = protections_query.where(Protection.staff_id.in_(in_teams))
    with db.connection() as connection:
        staff = connection.execute(staff_query).all()
        protections: dict[int, list[ActiveProtection]] = defaultdict(list)
        for staff_id, kind, start, end, percent in connection.execute(protections_query).all():
            protections[staff_id].append(ActiveProtection(kind, start, end, percent))

    totals = [[0, 0.0, 0, 0, 0.0] for _ in ends]
    in_points = 0
    # Without protections a person's limit is the same every month, and the same as
    # anyone's with their role and FTE: each is worked out once.
    steady_limits: dict[tuple[Any, ...], float] = {}
    for staff_id, fte, start, leaving, amber, red, uses_weighting, *latest in staff:
        if uses_weighting:
            in_points += 1
            continue
        their_protections = protections.get(staff_id)
        steady = None
        if not their_protections:
            steady = steady_limits.get((amber, red, fte))
            if steady is None:
                steady = steady_limits[amber, red, fte] = adjusted_limit(
                    amber, red, fte, on=today
                ).red
        # The month ends at which they were in post: started by then, not yet left.
        first = 0 if start is None else bisect_left(ends, start)
        last = len(ends) if leaving is None else bisect_left(ends, leaving)
        for index in range(first, last):
            total = totals[index]
            cases = latest[index]
            limit = (
                steady
                if steady is not None
                else adjusted_limit(amber, red, fte, their_protections or (), on=ends[index]).red
            )
            if cases is None:
                total[3] += 1
                total[4] += limit
                continue
            total[0] += cases
            total[1] += limit
            total[2] += 1
    return CaseloadHistory(
        months=tuple(
            MonthTotal(
                end,
                int(total[0]),
                round(total[1], 2),
                int(total[2]),
                int(total[3]),
                round(total[4], 2),
            )
            for end, total in zip(ends, totals, strict=True)
        ),
        people_in_points=in_points,
    )


def _latest_cases(end: dt.date, earliest: dt.date) -> Any:
    """The open cases of the person's latest record on or before ``end`` and not before
    ``earliest`` (the later of two on one day: the one saved last), or NULL."""
    return (
        select(CaseloadRecord.open_cases)
        .where(
            CaseloadRecord.staff_id == StaffMember.id,
            CaseloadRecord.recorded_on <= end,
            CaseloadRecord.recorded_on >= earliest,
        )
        .order_by(CaseloadRecord.recorded_on.desc(), CaseloadRecord.id.desc())
        .limit(1)
        .correlate(tables.staff_member)
        .scalar_subquery()
    )
