"""Read-only queries behind the training matrix and the dashboard's training column.

Three statements whatever the size of the organisation: the courses in use, the
roles each is mandatory for, and each person's latest completion of each course
(one grouped query, answered from the (staff, course, date) index alone). Written in
SQLAlchemy Core against ``tables.py`` so the dashboard can run them before the ORM
is imported. People come from ``summary_queries.active_staff``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import String, bindparam, false, func, select, type_coerce

from wellbeing_desktop.storage import summary_queries as q
from wellbeing_desktop.storage import tables

Course = tables.course.c
Mandatory = tables.course_mandatory_role.c
Completion = tables.training_completion.c


@dataclass(frozen=True)
class CourseRow:
    id: int
    key: str | None
    name: str
    category: str
    renewal_months: int | None
    mandatory_for_all: bool


def courses(session: q.Session, *, include_archived: bool = False) -> list[CourseRow]:
    """The courses, by category and name; archived ones only when asked for."""
    query = select(
        Course.id,
        Course.key,
        Course.name,
        Course.category,
        Course.renewal_months,
        Course.mandatory_for_all,
    ).order_by(Course.category, Course.name, Course.id)
    if not include_archived:
        query = query.where(Course.archived == false())
    return [CourseRow(*row) for row in session.execute(query)]


def mandatory_roles(session: q.Session) -> dict[int, frozenset[int]]:
    """The role ids each course is mandatory for (courses mandatory for no role absent)."""
    found: dict[int, set[int]] = defaultdict(set)
    for course_id, role_id in session.execute(select(Mandatory.course_id, Mandatory.role_id)):
        found[course_id].add(role_id)
    return {course_id: frozenset(roles) for course_id, roles in found.items()}


def latest_completions_by_staff(
    session: q.Session, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, dict[int, dt.date]]:
    """staff id → course id → the latest completion on or before the date, for the
    people in post in the teams (for every team: everyone on record). Fetched in one
    go, dates read from their ISO text where the driver gives text (SQLite), which is
    several times quicker than a result processor on 40,000 rows."""
    query = _latest_text_query(team_ids is not None)
    found: dict[int, dict[int, dt.date]] = {}
    parse = dt.date.fromisoformat
    result = session.execute(query, q._params(team_ids, on))
    # The driver's own rows (plain tuples): making 40,000 SQLAlchemy rows costs more
    # than running the query. Nothing here needs their processing (dates come as text
    # from SQLite, as dates from PostgreSQL, and are read below).
    cursor = getattr(result, "cursor", None)
    try:
        rows = cursor.fetchall() if cursor is not None else result.all()
    finally:
        result.close()
    for staff_id, course_id, day in rows:
        person = found.get(staff_id)
        if person is None:
            person = found[staff_id] = {}
        person[course_id] = day if type(day) is dt.date else parse(day)
    return found


@cache
def _latest_text_query(with_teams: bool) -> Any:
    latest = type_coerce(func.max(Completion.completed_on), String())
    query = select(Completion.staff_id, Completion.course_id, latest).where(
        Completion.completed_on <= bindparam("on")
    )
    if with_teams:
        query = query.where(Completion.staff_id.in_(q._people_in_post(with_teams)))
    # For every team, the whole table is read in index order (a few people who have
    # left come too, and are never looked up): SQLite does that several times faster
    # than looking each person up from a list of 2,000.
    return query.group_by(Completion.staff_id, Completion.course_id)


def org_setting(session: q.Session, key: str) -> str | None:
    setting = tables.org_setting.c
    value: str | None = session.execute(
        select(setting.value).where(setting.key == key)
    ).scalar_one_or_none()
    return value
