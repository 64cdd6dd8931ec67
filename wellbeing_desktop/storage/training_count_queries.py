"""Each person's mandatory training counted by the database, for the team summary.

One statement whatever the number of people: for every person in post and every
course their role must do, the latest completion on or before the date is found from
the (staff, course, date) index and sorted into expired / expiring / done by the two
dates ``training_rules.state_bounds`` gives for that course (missing when there is
none). One number per person comes back (the four counts packed), rather than every
completion.
Written in SQLAlchemy Core against ``tables.py`` (the dashboard runs it before the
ORM is imported).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    bindparam,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
    union_all,
)

from wellbeing_desktop.storage import summary_queries as q
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.cte import materialized

Course = tables.course.c
Mandatory = tables.course_mandatory_role.c
Completion = tables.training_completion.c
Role = tables.role.c
Staff = tables.staff_member.c

MISSING, EXPIRED, EXPIRING, DONE = 0, 1, 2, 3
_BITS = 10
_BASE = 1 << _BITS  # more mandatory courses than this per person are not expected


def mandatory_training_codes(
    session: q.Session,
    team_ids: Sequence[int] | None,
    on: dt.date,
    bounds: Mapping[int, tuple[dt.date | None, dt.date | None]],
) -> dict[int, dict[int, int]]:
    """staff id → state code (MISSING, EXPIRED, EXPIRING, DONE) → how many of the
    person's mandatory courses are in it. ``bounds``: course id → (first day not
    expired, first day done) for the courses in use; people with no mandatory course
    are absent."""
    if not bounds:
        return {}
    params = q._params(team_ids, on)
    for index, (course_id, (low, high)) in enumerate(bounds.items()):
        # A course that never expires: every completion of it is done.
        params[f"course_{index}"] = course_id
        params[f"not_expired_{index}"] = low or dt.date.min
        params[f"done_{index}"] = high or dt.date.min
    query = _codes_query(len(bounds), team_ids is not None)
    found: dict[int, dict[int, int]] = {}
    for staff_id, packed in session.execute(query, params):
        # One sum per person: each course adds _BASE ** its state code.
        packed = int(packed)
        found[staff_id] = {
            code: count
            for code in (MISSING, EXPIRED, EXPIRING, DONE)
            if (count := (packed >> (_BITS * code)) & (_BASE - 1))
        }
    return found


@cache
def _codes_query(courses: int, with_teams: bool) -> Any:
    """The statement for a number of courses, built once: the bounds are parameters."""
    # The bounds as rows (a UNION ALL of one-row selects: SQLite cannot name the
    # columns of a VALUES list in FROM).
    limits = union_all(
        *(
            select(
                bindparam(f"course_{index}", type_=Integer()).label("course_id"),
                bindparam(f"not_expired_{index}", type_=Date()).label("not_expired"),
                bindparam(f"done_{index}", type_=Date()).label("done"),
            )
            for index in range(courses)
        )
    ).subquery("bounds")
    # The role × course pairs each role must do (few), worked out once.
    need = materialized(
        select(
            Role.id.label("role_id"),
            Course.id.label("course_id"),
            limits.c.not_expired,
            limits.c.done,
        )
        .select_from(
            tables.role.join(limits, true()).join(tables.course, Course.id == limits.c.course_id)
        )
        .where(
            or_(
                Course.mandatory_for_all,
                exists().where(Mandatory.course_id == Course.id, Mandatory.role_id == Role.id),
            )
        )
        .cte("need")
    )
    # Each course the person must do adds _BASE ** (its state code), so one sum per
    # person carries all four counts (fewer than _BASE courses each), and the latest
    # completion is looked up once per course, in the scalar subquery alone.
    latest = func.max(Completion.completed_on)  # computed once however often named
    code = (
        select(
            case(
                (latest.is_(None), literal_column(str(_BASE**MISSING))),
                (latest < need.c.not_expired, literal_column(str(_BASE**EXPIRED))),
                (latest < need.c.done, literal_column(str(_BASE**EXPIRING))),
                else_=literal_column(str(_BASE**DONE)),
            )
        )
        .where(
            Completion.staff_id == Staff.id,
            Completion.course_id == need.c.course_id,
            Completion.completed_on <= q._ON,
        )
        .scalar_subquery()
    )
    return (
        select(Staff.id, func.sum(code))
        .select_from(tables.staff_member)
        .join(need, need.c.role_id == Staff.role_id)
        .where(q._in_post(with_teams))
        .group_by(Staff.id)
    )
