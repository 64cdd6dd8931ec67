"""Demo rows for learning and development: programmes, development plans and CPD.

Added by ``demo_data.generate_demo_data`` after its bulk load, in the same
transaction, through the ORM (a few hundred rows at most, whatever the size of the
organisation). Deterministic from the seed. Each running preceptorship is linked to
the preceptorship protection the demo already gave that person, as starting one in
the app would; finished ones end the day after their protection's last day.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from wellbeing_desktop.services.programmes import add_months, programme_kinds
from wellbeing_desktop.storage.models import (
    CpdEntry,
    DevelopmentObjective,
    DevelopmentPlan,
    DevelopmentProgramme,
    ProgrammeMilestone,
    Protection,
    Role,
    StaffMember,
)

MAX_PLANS = 40
MAX_CPD_PEOPLE = 30
MAX_FINISHED_PRECEPTORSHIPS = 3
REGISTERED_ROLES = frozenset(
    {"nurse_addictions", "district_nurse", "social_worker_adults", "social_worker_children", "ahp"}
)
_ASSESSORS = ("Practice Educator", "Clinical Nurse Lead", "Team manager")
_OBJECTIVES = (
    "Complete the trauma-informed practice course (level 2)",
    "Co-facilitate the family-inclusive practice group",
    "Shadow the harm reduction outreach team for two shifts",
    "Lead a team discussion on tackling stigma",
    "Complete naloxone train-the-trainer and train two colleagues",
    "Take on a practice educator role for a student",
    "Complete the human rights-based approach e-learning",
    "Present a case at the reflective practice group",
)
_CPD = (
    ("Naloxone and overdose response refresher", "course", 3.0),
    ("Trauma-informed practice workshop", "course", 6.5),
    ("Journal club: stigma in treatment services", "reading", 1.5),
    ("Regional drugs and alcohol conference", "conference", 6.0),
    ("Peer review of a complex case", "supervision", 2.0),
    ("Mentoring a student on placement", "teaching", 4.0),
    ("Shadowing the hepatitis C outreach nurse", "work_based", 3.5),
)


def _milestones(
    kind: str, start: dt.date, today: dt.date, rng: random.Random, signer: str
) -> list[ProgrammeMilestone]:
    rows = []
    for position, template in enumerate(programme_kinds()[kind].milestones):
        target = template.target_from(start)
        signed = target <= today and rng.random() < 0.85
        day = min(today, target + dt.timedelta(days=rng.randint(-5, 10))) if signed else None
        if day is not None and day < start:
            day = start
        rows.append(
            ProgrammeMilestone(
                position=position,
                title=template.title,
                target_on=target,
                signed_off_on=day,
                signed_off_by=signer if day else "",
            )
        )
    return rows


def in_post_query(today: dt.date) -> Select[tuple[int, dt.date | None, str]]:
    """Everyone in post on ``today``: number, start date and role key, by number."""
    return (
        select(StaffMember.id, StaffMember.start_date, Role.key)
        .join(Role, Role.id == StaffMember.role_id)
        .where(
            or_(StaffMember.start_date.is_(None), StaffMember.start_date <= today),
            or_(StaffMember.leaving_date.is_(None), StaffMember.leaving_date > today),
        )
        .order_by(StaffMember.id)
    )


def add_development_examples(session: Session, today: dt.date, seed: int) -> int:
    """Programmes, plans with objectives, and CPD for some people in post. Returns how
    many people got something."""
    rng = random.Random(f"development-{seed}")
    in_post = session.execute(in_post_query(today)).all()
    touched: set[int] = set()
    in_post_ids = {row.id for row in in_post}

    # Preceptorships: one for each preceptorship protection the demo recorded.
    finished = 0
    for protection in session.scalars(
        select(Protection)
        .where(Protection.kind == "preceptorship", Protection.staff_id.in_(in_post_ids))
        .order_by(Protection.start_date, Protection.id)
    ):
        end = protection.end_date or add_months(protection.start_date, 12)
        running = end >= today
        if not running and finished >= MAX_FINISHED_PRECEPTORSHIPS:
            continue
        finished += 0 if running else 1
        signer = rng.choice(_ASSESSORS)
        session.add(
            DevelopmentProgramme(
                staff_id=protection.staff_id,
                kind="preceptorship",
                start_on=protection.start_date,
                expected_end_on=end,
                assessor_name=signer,
                finished_on=None if running else end,  # its last day, as finishing sets
                outcome="" if running else "completed",
                protection_id=protection.id,
                notes="",
                milestones=_milestones(
                    "preceptorship", protection.start_date, min(today, end), rng, signer
                ),
            )
        )
        touched.add(protection.staff_id)

    # Induction for recent starters; skills passports for new support workers.
    for staff_id, start, role_key in in_post:
        if start is None or staff_id in touched:
            continue
        kind = None
        if role_key == "support_worker" and start > add_months(today, -12):
            kind = "skills_passport"
        elif start > add_months(today, -6):
            kind = "induction"
        if kind is None:
            continue
        signer = "Team manager"
        session.add(
            DevelopmentProgramme(
                staff_id=staff_id,
                kind=kind,
                start_on=start,
                expected_end_on=add_months(start, programme_kinds()[kind].default_months),
                assessor_name=signer,
                outcome="",
                notes="",
                milestones=_milestones(kind, start, today, rng, signer),
            )
        )
        touched.add(staff_id)

    # Development plans for this year (and some for last year), with objectives.
    planned = [row for row in in_post if row.start_date is None or row.start_date < today]
    for staff_id, start, _role in rng.sample(planned, min(MAX_PLANS, len(planned))):
        for year in (today.year - 1, today.year):
            year_start = dt.date(year, 1, 1)
            if start is not None and start > dt.date(year, 12, 31):
                continue
            if year < today.year and rng.random() < 0.5:
                continue
            agreed = max(year_start, start or year_start) + dt.timedelta(days=rng.randint(14, 60))
            agreed = min(agreed, today)
            objectives = []
            for text in rng.sample(_OBJECTIVES, rng.randint(2, 4)):
                target = agreed + dt.timedelta(days=rng.randint(60, 330))
                achieved = target <= today and rng.random() < 0.6
                objectives.append(
                    DevelopmentObjective(
                        text=text,
                        target_on=target,
                        progress="Done; discussed in supervision." if achieved else "",
                        status="achieved" if achieved else "open",
                        achieved_on=min(today, target) if achieved else None,
                    )
                )
            session.add(
                DevelopmentPlan(
                    staff_id=staff_id, year=year, agreed_on=agreed, notes="", objectives=objectives
                )
            )
            touched.add(staff_id)

    # CPD for registered professionals (nursing, social work, allied health).
    registered = [row for row in in_post if row[2] in REGISTERED_ROLES]
    for staff_id, start, _role in rng.sample(registered, min(MAX_CPD_PEOPLE, len(registered))):
        earliest = max(add_months(today, -36), start or add_months(today, -36))
        span = (today - earliest).days
        if span <= 0:
            continue
        for _ in range(rng.randint(2, 7)):
            activity, category, hours = rng.choice(_CPD)
            session.add(
                CpdEntry(
                    staff_id=staff_id,
                    done_on=earliest + dt.timedelta(days=rng.randint(0, span)),
                    activity=activity,
                    category=category,
                    hours=hours,
                    reflection="What I learnt and how it changes my practice.",
                )
            )
        touched.add(staff_id)
    session.flush()
    return len(touched)
