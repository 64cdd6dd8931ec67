"""Development plans and CPD for the whole demo organisation.

``demo_development`` adds worked examples (a few hundred rows, through the ORM); this
adds the rest at organisation scale, with Core bulk inserts: a plan for most people in
post this year and last (two to four objectives each, most of last year's achieved,
this year's mostly open), and a CPD log over the last three years for most registered
professionals and some others. People who already have a plan for a year, or any CPD,
are left as they are. Deterministic from the seed; every word is invented and names no
one.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import Connection, insert, select

from wellbeing_desktop.services.demo_development import REGISTERED_ROLES, in_post_query
from wellbeing_desktop.services.training_rules import add_months
from wellbeing_desktop.storage.models import (
    CpdEntry,
    DevelopmentObjective,
    DevelopmentPlan,
)

PLAN_THIS_YEAR = 0.85  # share of people in post with a plan for this year
PLAN_LAST_YEAR = 0.75
CPD_REGISTERED = 0.9  # share of registered professionals keeping a CPD log here
CPD_OTHERS = 0.25
OBJECTIVES = (
    "Complete the motivational interviewing refresher and use it in reviews",
    "Build confidence in writing risk assessments",
    "Lead the team's naloxone kit checks for a quarter",
    "Improve recording: case notes within two working days",
    "Attend the family-inclusive practice network",
    "Develop group-work skills by co-facilitating a relapse prevention group",
    "Take on a link role for blood-borne virus testing",
    "Learn the new case management system's reporting",
    "Mentor a new starter through induction",
    "Prepare for the senior practitioner role",
    "Complete the suicide prevention and intervention course",
    "Build links with the local mental health team",
    "Reflect on boundaries and self-care at supervision",
    "Visit two partner services to understand referral routes",
)
PROGRESS = (
    "",
    "",
    "Started; first sessions done.",
    "Halfway: discussed at the last supervision.",
    "Booked for next quarter.",
    "Slower than planned because of caseload pressure; target kept.",
)
CPD_ACTIVITIES = (
    ("Motivational interviewing refresher", "course", 6.0),
    ("Blood-borne viruses update (e-learning)", "course", 2.0),
    ("Reading: guidance on medication-assisted treatment standards", "reading", 1.5),
    ("Journal article on trauma and substance use", "reading", 1.0),
    ("Practice development day", "conference", 6.5),
    ("Regional harm reduction network meeting", "conference", 3.0),
    ("Reflective practice group", "supervision", 1.5),
    ("Case discussion with the consultant", "supervision", 1.0),
    ("Shadowing the outreach team", "work_based", 3.5),
    ("Audit of care plans", "work_based", 4.0),
    ("Teaching session for students", "teaching", 2.0),
    ("Webinar: alcohol-related brain damage", "course", 1.5),
)
REFLECTIONS = (
    "Useful reminder of the basics; changed how I open first appointments.",
    "Gave me words for conversations about risk; shared with the team.",
    "Mostly familiar, but the section on stigma made me rethink our letters.",
    "Will use the tool at the next reviews and bring it to supervision.",
    "Made me aware of gaps in my recording; agreed a plan with my supervisor.",
    "Good discussion; it helped to hear how other services manage waiting lists.",
)


def add_demo_plans_and_cpd(connection: Connection, *, today: dt.date, seed: int) -> int:
    """Plans, objectives and CPD entries for everyone in post, in the caller's
    transaction. Returns the number of rows written."""
    rng = random.Random(f"demo-plans-{seed}")
    people = connection.execute(in_post_query(today)).all()
    planned = set(connection.execute(select(DevelopmentPlan.staff_id, DevelopmentPlan.year)))
    logging = set(connection.scalars(select(CpdEntry.staff_id).distinct()))
    plans: list[dict[str, Any]] = []
    objectives: list[list[dict[str, Any]]] = []
    cpd: list[dict[str, Any]] = []
    for staff_id, start, role_key in people:
        for year, share in ((today.year - 1, PLAN_LAST_YEAR), (today.year, PLAN_THIS_YEAR)):
            first_day = max(dt.date(year, 1, 1), start or dt.date(year, 1, 1))
            agreed = first_day + dt.timedelta(days=rng.randint(14, 75))
            if (staff_id, year) in planned or agreed > today or rng.random() >= share:
                continue
            plans.append({"staff_id": staff_id, "year": year, "agreed_on": agreed, "notes": ""})
            objectives.append(
                [
                    _objective(text, agreed, today, rng)
                    for text in rng.sample(OBJECTIVES, rng.randint(2, 4))
                ]
            )
        registered = role_key in REGISTERED_ROLES
        if staff_id in logging or rng.random() >= (CPD_REGISTERED if registered else CPD_OTHERS):
            continue
        earliest = max(add_months(today, -36), start or add_months(today, -36))
        span = (today - earliest).days
        for _ in range(round(span / 365.25 * rng.randint(4, 12))):
            activity, category, hours = rng.choice(CPD_ACTIVITIES)
            cpd.append(
                {
                    "staff_id": staff_id,
                    "done_on": earliest + dt.timedelta(days=rng.randint(0, span)),
                    "activity": activity,
                    "category": category,
                    "hours": hours,
                    "reflection": rng.choice(REFLECTIONS),
                }
            )
    rows = len(plans) + len(cpd)
    if plans:
        ids = connection.execute(
            insert(DevelopmentPlan).returning(DevelopmentPlan.id, sort_by_parameter_order=True),
            plans,
        ).scalars()
        linked = [
            {**objective, "plan_id": plan_id}
            for plan_id, listed in zip(ids, objectives, strict=True)
            for objective in listed
        ]
        connection.execute(insert(DevelopmentObjective), linked)
        rows += len(linked)
    if cpd:
        connection.execute(insert(CpdEntry), cpd)
    return rows


def _objective(text: str, agreed: dt.date, today: dt.date, rng: random.Random) -> dict[str, Any]:
    target = agreed + dt.timedelta(days=rng.randint(60, 330))
    roll = rng.random()
    if target <= today:  # its date has come: mostly achieved, some dropped or still open
        status = "achieved" if roll < 0.65 else "dropped" if roll < 0.75 else "open"
    else:
        status = "achieved" if roll < 0.1 else "open"
    achieved = None
    if status == "achieved":
        achieved = min(today, target - dt.timedelta(days=rng.randint(0, 45)))
        achieved = max(achieved, agreed)
    return {
        "text": text,
        "target_on": target,
        "progress": "Achieved; discussed in supervision." if achieved else rng.choice(PROGRESS),
        "status": status,
        "achieved_on": achieved,
    }
