"""How long a caseload status has lasted, found by the database for many people at once.

Each person comes with the limit they are judged by (amber level and safe limit, in
cases or points, and the rule: red only, or amber-or-red). One statement finds for
each person the **break**: their newest caseload record on or before the date that is
*not* in the run (below the safe limit for the red rule; below the amber level and
within the limit for the amber rule), walking their (staff, day) index backwards from
the date and stopping there; and the **start**: their earliest record after the break
(their earliest record of all when there is no break). A record that cannot be judged
(one without points when the limit is in points) neither continues nor ends a run: it
is skipped, for the break and the start alike. The comparisons are
``caseload_rules._status_of_load``'s, written as SQL; ``services/workload.py`` uses
this only where the limit did not change within the run, and tests compare it with
the record-by-record rule.

The people and their limits are a table of bound parameters of one of two
fixed sizes, the unused rows left empty, so that a team and the whole organisation use
the same one or two statements (compiled once each) and the organisation needs a few
executions, not one per shared limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    Integer,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
)

from wellbeing_desktop.storage import summary_queries as q
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.cte import materialized

_ON = bindparam("on", type_=Date())
_BEFORE_ALL = literal(dt.date(1, 1, 1), Date())
# Rows of parameters per statement: a small table for a team, a large one for the
# organisation (five parameters a row and the date, bound twice, so at most 962: within
# even an old SQLite's limit of 999 parameters a statement).
_SIZES = (24, 192)
_COLUMNS = (
    ("staff_id", Integer()),
    ("red_only", Boolean()),
    ("points", Boolean()),
    ("amber", Float()),
    ("red", Float()),
)


class JudgedBy(NamedTuple):
    """A person and the limit their run is judged by."""

    staff_id: int
    red_only: bool  # the red rule (over the safe limit); else amber-or-red
    points: bool  # the limit is in weighted points
    amber: float
    red: float


_EMPTY = JudgedBy(None, False, False, 0.0, 0.0)  # type: ignore[arg-type]


@cache
def _run_query(size: int) -> Any:
    # A union of one-row selects rather than VALUES: SQLAlchemy caches its compiled
    # form (it does not cache VALUES of bound parameters), and SQLite allows up to 500
    # selects in a union.
    limits = union_all(
        *(
            select(
                *(bindparam(f"{name}_{row}", type_=type_).label(name) for name, type_ in _COLUMNS)
            )
            for row in range(size)
        )
    ).cte("limits")
    limit = limits.c
    record = tables.caseload_record.alias("in_run").c
    earlier = tables.caseload_record.alias("before_run").c
    load = case((limit.points, earlier.weighted_points), else_=earlier.open_cases)
    # Outside the run: judged (points, when the limit is in points: a record without
    # them is skipped), within the safe limit and, for the amber rule, below the amber
    # level. (Open cases are never empty, so the test of judging only matters for points.)
    outside = and_(
        load.is_not(None),
        load <= limit.red,
        or_(limit.red_only, load < limit.amber),
    )
    break_day = (
        select(earlier.recorded_on)
        .where(earlier.staff_id == limit.staff_id, earlier.recorded_on <= _ON, outside)
        .order_by(earlier.recorded_on.desc())
        .limit(1)
        .correlate(limits)
        .scalar_subquery()
    )
    # Materialised: each person's break is found once, not once per record compared.
    breaks = materialized(
        select(
            limit.staff_id.label("staff_id"),
            limit.points.label("points"),
            break_day.label("break_day"),
        )
        .where(limit.staff_id.is_not(None))
        .cte("breaks")
    )
    start = (
        select(func.min(record.recorded_on))
        .where(
            record.staff_id == breaks.c.staff_id,
            record.recorded_on <= _ON,
            # A lower bound the index can seek to (no break: from the first record).
            record.recorded_on > func.coalesce(breaks.c.break_day, _BEFORE_ALL),
            # Judged: a record without points, when the limit is in points, is skipped.
            or_(breaks.c.points.is_(False), record.weighted_points.is_not(None)),
        )
        .scalar_subquery()
    )
    return select(breaks.c.staff_id, breaks.c.break_day, start)


# Up to this many small tables before the large one is used: compiling the large
# statement takes tens of milliseconds, once a process, which a team's report from the
# command line would otherwise pay for a few dozen people.
_SMALL_TABLES = 4


def _chunks(people: Sequence[JudgedBy]) -> list[tuple[int, Sequence[JudgedBy]]]:
    """The people in tables of the fixed sizes: (size, the people in it)."""
    small, large = _SIZES
    if len(people) <= _SMALL_TABLES * small:
        return [(small, people[first : first + small]) for first in range(0, len(people), small)]
    chunks = []
    for first in range(0, len(people), large):
        part = people[first : first + large]
        chunks.append((small if len(part) <= small else large, part))
    return chunks


def run_breaks(
    executor: q.Session, people: Sequence[JudgedBy], on: dt.date
) -> list[tuple[int, dt.date | None, dt.date | None]]:
    """(staff id, break, start) for each person: the newest record on or before ``on``
    outside the run (None: every record is in it), and the earliest record after it
    (None: no record after it, so no run)."""
    found: list[tuple[int, dt.date | None, dt.date | None]] = []
    for size, part in _chunks(people):
        values = [value for person in part for value in person]
        values += _EMPTY * (size - len(part))
        params: dict[str, Any] = dict(zip(_names(size), values, strict=True))
        params["on"] = on
        found.extend(
            (row[0], row[1], row[2]) for row in executor.execute(_run_query(size), params).all()
        )
    return found


@cache
def _names(size: int) -> tuple[str, ...]:
    """The parameters' names, row by row (as ``_run_query`` names them)."""
    return tuple(f"{name}_{row}" for row in range(size) for name, _type in _COLUMNS)
