"""Training for the demo organisation: the shipped courses, eight courses of its own (so a
large organisation has the twenty or so a real matrix holds), and years of completions
with the spread a real matrix shows: most people up to date, some renewing late (so
expired today), some due soon (expiring), a few never done, and recent starters not yet
through their mandatory training.

Written with Core bulk inserts in the demo data's transaction, after the people (read
back from the database), deterministically from the seed. Providers and evidence notes
are invented; nothing names a person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from wellbeing_desktop.services.training_rules import add_months
from wellbeing_desktop.storage.models import (
    Course,
    CourseMandatoryRole,
    Role,
    StaffMember,
    TrainingCompletion,
)

# The demo organisation's own courses: (name, category, renewal months or None, the
# role keys it is mandatory for, or () for optional). Invented for the demo.
DEMO_COURSES: tuple[tuple[str, str, int | None, tuple[str, ...]], ...] = (
    ("Motivational interviewing", "Core practice", None, ("keyworker",)),
    ("Suicide prevention and intervention", "Core practice", 36, ()),
    (
        "Domestic abuse awareness",
        "Core practice",
        36,
        ("social_worker_adults", "social_worker_children"),
    ),
    ("Moving and handling", "Statutory and clinical", 12, ("support_worker", "district_nurse")),
    ("Lone working and personal safety", "Statutory and clinical", 24, ()),
    ("Mental health first aid", "Core practice", 36, ()),
    (
        "Blood-borne viruses and injecting equipment provision",
        "Statutory and clinical",
        24,
        ("nurse_addictions", "peer_support_worker"),
    ),
    ("Practice educator", "Core practice", None, ()),
)
DEMO_COURSE_SOURCE = "Added by the demo organisation (invented for the demo data)."
PROVIDERS = (
    "In house",
    "In house",
    "E-learning (Turas Learn)",
    "Scottish Drugs Forum",
    "Local authority learning and development team",
    "NHS board practice education team",
)
EVIDENCE = ("", "", "", "Certificate on file", "Attendance sheet", "E-learning record")
OPTIONAL_TAKE_UP = 0.22  # share of people who take an optional course
NEVER_DONE = 0.035  # share of required person-courses never done at all
STOPPED_RENEWING = 0.03  # share who do it, then stop renewing


@dataclass(frozen=True)
class _CourseInfo:
    id: int
    renewal_months: int | None
    for_all: bool
    role_ids: frozenset[int]


def _add_demo_courses(connection: Connection) -> None:
    roles: dict[str, int] = {
        key: id_
        for key, id_ in connection.execute(select(Role.key, Role.id).where(Role.key.is_not(None)))
    }
    taken = {name.casefold() for name in connection.scalars(select(Course.name))}
    for name, category, renewal, mandatory in DEMO_COURSES:
        if name.casefold() in taken:
            continue
        course_id = connection.execute(
            insert(Course)
            .values(
                name=name,
                category=category,
                renewal_months=renewal,
                mandatory_for_all=False,
                description="",
                source=DEMO_COURSE_SOURCE,
                archived=False,
            )
            .returning(Course.id)
        ).scalar_one()
        links = [
            {"course_id": course_id, "role_id": roles[key]} for key in mandatory if key in roles
        ]
        if links:
            connection.execute(insert(CourseMandatoryRole), links)


def _courses(connection: Connection) -> list[_CourseInfo]:
    roles: dict[int, set[int]] = defaultdict(set)
    for course_id, role_id in connection.execute(
        select(CourseMandatoryRole.course_id, CourseMandatoryRole.role_id)
    ):
        roles[course_id].add(role_id)
    return [
        _CourseInfo(id_, renewal, bool(for_all), frozenset(roles[id_]))
        for id_, renewal, for_all in connection.execute(
            select(Course.id, Course.renewal_months, Course.mandatory_for_all)
            .where(Course.archived.is_(False))
            .order_by(Course.id)
        )
    ]


def _history(
    course: _CourseInfo,
    start: dt.date,
    end: dt.date,
    first: dt.date,
    rng: random.Random,
    lateness: float,
) -> list[dt.date]:
    """The dates one person completed one course, from joining (or from one interval
    before the history begins) to leaving or today (``end``, exclusive)."""
    if course.renewal_months is None:
        day = start + dt.timedelta(days=rng.randint(10, 200))
        if day < first:  # done before the history began: some time in their first years
            day = max(start, first - dt.timedelta(days=rng.randint(30, 900)))
        return [day] if day < end else []
    interval = course.renewal_months * 30
    if start < first:
        # Already in post when the history begins: last done some time in the interval
        # before, a few (those who renew late) already overdue.
        day = max(start, first - dt.timedelta(days=rng.randint(0, interval + 60)))
    else:
        day = start + dt.timedelta(days=rng.randint(7, 120))  # part of induction
    days: list[dt.date] = []
    stops = rng.random() < STOPPED_RENEWING
    while day < end:
        days.append(day)
        if stops and len(days) >= 2:
            break
        due = add_months(day, course.renewal_months)
        roll = rng.random()
        if roll < 0.72 - lateness:  # renewed in the two months before it runs out
            day = due - dt.timedelta(days=rng.randint(1, 60))
        elif roll < 0.95 - lateness / 2:  # renewed a little late
            day = due + dt.timedelta(days=rng.randint(1, 75))
        else:  # renewed very late
            day = due + dt.timedelta(days=rng.randint(76, 300))
    return days


def add_demo_training(connection: Connection, *, today: dt.date, first: dt.date, seed: int) -> int:
    """Add the demo organisation's own courses and everyone's completions, in the
    caller's transaction. Returns the number of completions written."""
    rng = random.Random(seed * 7_368_787 + 101)
    _add_demo_courses(connection)
    courses = _courses(connection)
    rows: list[dict[str, Any]] = []
    people = connection.execute(
        select(
            StaffMember.id, StaffMember.role_id, StaffMember.start_date, StaffMember.leaving_date
        ).order_by(StaffMember.id)
    ).all()
    end_today = today + dt.timedelta(days=1)
    for staff_id, role_id, start, leaving in people:
        start = start or first
        end = min(leaving, end_today) if leaving else end_today
        if end <= start:
            continue
        # Most people renew on time; a few are habitually late.
        lateness = rng.choice((0.0, 0.0, 0.05, 0.1, 0.2, 0.35))
        provider = rng.choice(PROVIDERS)
        for course in courses:
            required = course.for_all or role_id in course.role_ids
            if required:
                if rng.random() < NEVER_DONE:
                    continue
            elif rng.random() >= OPTIONAL_TAKE_UP:
                continue
            for day in _history(course, start, end, first, rng, lateness):
                rows.append(
                    {
                        "staff_id": staff_id,
                        "course_id": course.id,
                        "completed_on": day,
                        "provider": provider if rng.random() < 0.8 else rng.choice(PROVIDERS),
                        "evidence": rng.choice(EVIDENCE),
                    }
                )
    for at in range(0, len(rows), 20_000):
        connection.execute(insert(TrainingCompletion), rows[at : at + 20_000])
    return len(rows)
