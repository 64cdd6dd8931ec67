"""How long a caseload status has lasted, found by the database for many people at once.

For people who share a limit (the same amber level and safe limit, in cases or
points, judged by the same rule), one statement finds for each person the **break**:
their newest caseload record on or before the date that is *not* in the run (below
the safe limit for the red rule; below the amber level and within the limit for the
amber rule; a record without points when the limit is in points), walking their
(staff, day) index backwards from the date and stopping there; and the **start**:
their earliest record after the break (their earliest record of all when there is
no break). The comparisons are ``caseload_rules._status_of_load``'s, written as SQL;
``services/workload.py`` uses this only where the limit did not change within the
run, and tests compare it with the record-by-record rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import Date, Float, and_, bindparam, func, or_, select

from wellbeing_desktop.storage import summary_queries as q
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.cte import materialized

_ON = bindparam("on", type_=Date())
_IDS = bindparam("ids", expanding=True)
_AMBER = bindparam("amber", type_=Float())
_RED = bindparam("red", type_=Float())


@cache
def _run_query(red_only: bool, points: bool) -> Any:
    staff = tables.staff_member.c
    record = tables.caseload_record.alias("in_run").c
    earlier = tables.caseload_record.alias("before_run").c
    load = earlier.weighted_points if points else earlier.open_cases
    outside = load <= _RED if red_only else and_(load <= _RED, load < _AMBER)
    if points:
        outside = or_(load.is_(None), outside)  # no points: not judged, so not in the run
    break_day = (
        select(earlier.recorded_on)
        .where(earlier.staff_id == staff.id, earlier.recorded_on <= _ON, outside)
        .order_by(earlier.recorded_on.desc())
        .limit(1)
        .correlate(tables.staff_member)
        .scalar_subquery()
    )
    # Materialised: each person's break is found once, not once per record compared.
    breaks = materialized(
        select(staff.id.label("staff_id"), break_day.label("break_day"))
        .where(staff.id.in_(_IDS))
        .cte("breaks")
    )
    start = (
        select(func.min(record.recorded_on))
        .where(
            record.staff_id == breaks.c.staff_id,
            record.recorded_on <= _ON,
            or_(breaks.c.break_day.is_(None), record.recorded_on > breaks.c.break_day),
        )
        .scalar_subquery()
    )
    return select(breaks.c.staff_id, breaks.c.break_day, start)


def run_breaks(
    executor: q.Session,
    staff_ids: Sequence[int],
    on: dt.date,
    *,
    red_only: bool,
    points: bool,
    amber: float,
    red: float,
) -> list[tuple[int, dt.date | None, dt.date | None]]:
    """(staff id, break, start) for people sharing one limit: the newest record on or
    before ``on`` outside the run (None: every record is in it), and the earliest
    record after it (None: no record after it, so no run)."""
    query = _run_query(red_only, points)
    params = {"ids": list(staff_ids), "on": on, "amber": amber, "red": red}
    return [(row[0], row[1], row[2]) for row in executor.execute(query, params)]
