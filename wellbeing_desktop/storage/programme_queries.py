"""Read-only query behind the dashboard's programme progress: each running programme
of the people in post, with its milestones counted (total, signed off, overdue), in
one grouped statement. SQLAlchemy Core against ``tables.py``, so the team summary can
run it before the ORM is imported."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, select

from wellbeing_desktop.storage import summary_queries as q
from wellbeing_desktop.storage import tables

Programme = tables.development_programme.c
Milestone = tables.programme_milestone.c


@dataclass(frozen=True)
class RunningProgramme:
    kind: str
    start_on: dt.date
    expected_end_on: dt.date
    outcome: str
    total: int
    signed_off: int
    overdue: int


@cache
def _running_query(with_teams: bool) -> Any:
    signed = Milestone.signed_off_on.is_not(None)
    late = and_(
        Milestone.signed_off_on.is_(None),
        Milestone.target_on.is_not(None),
        Milestone.target_on < q._ON,
    )
    return (
        select(
            Programme.staff_id,
            Programme.kind,
            Programme.start_on,
            Programme.expected_end_on,
            Programme.outcome,
            func.count(Milestone.id),
            func.coalesce(func.sum(cast(case((signed, 1), else_=0), Integer)), 0),
            func.coalesce(func.sum(cast(case((late, 1), else_=0), Integer)), 0),
        )
        .select_from(
            tables.development_programme.outerjoin(
                tables.programme_milestone, Milestone.programme_id == Programme.id
            )
        )
        .where(
            Programme.finished_on.is_(None),
            Programme.staff_id.in_(q._people_in_post(with_teams)),
        )
        .group_by(
            Programme.id,
            Programme.staff_id,
            Programme.kind,
            Programme.start_on,
            Programme.expected_end_on,
            Programme.outcome,
        )
        .order_by(Programme.start_on, Programme.id)
    )


def running_programmes(
    session: q.Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, list[RunningProgramme]]:
    """Running programmes by person, the earliest started first."""
    found: dict[int, list[RunningProgramme]] = defaultdict(list)
    query = _running_query(team_ids is not None)
    for staff_id, *values in session.execute(query, q._params(team_ids, on)):
        kind, start, end, outcome, total, signed, overdue = values
        found[staff_id].append(
            RunningProgramme(kind, start, end, outcome, int(total), int(signed), int(overdue))
        )
    return found
