"""Training completions for a whole organisation, for screenshots and benchmarks:
written in one bulk insert (test data, not a user's action, so not through the form)."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert

from wellbeing_desktop.services import people, training
from wellbeing_desktop.services.training import CourseDraft
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import TrainingCompletion


def add_courses(db: Database, count: int) -> None:
    """Top the shipped courses up to ``count`` with optional yearly ones."""
    have = len(training.list_courses(db))
    for n in range(have, count):
        training.save_course(
            db,
            CourseDraft(
                name=f"Elective course {n + 1:02d}", category="Elective", renewal_months=12
            ),
        )


def add_completions(
    db: Database, today: dt.date, *, seed: int = 1, done_share: float = 0.85
) -> int:
    """Most people have done most courses, at dates spread so that some have expired and
    some expire soon. Returns how many completions were written."""
    rng = random.Random(seed)
    courses = training.list_courses(db)
    rows = []
    for person in people.list_staff(db, today=today):
        for course in courses:
            if rng.random() > done_share:
                continue
            span = (course.renewal_months or 36) * 31 + 90
            rows.append(
                {
                    "staff_id": person.id,
                    "course_id": course.id,
                    "completed_on": today - dt.timedelta(days=rng.randint(1, span)),
                    "provider": rng.choice(["In-house", "NHS Education for Scotland", "SDF"]),
                    "evidence": "Certificate seen",
                }
            )
    with db.session() as session:
        session.execute(insert(TrainingCompletion), rows)
    return len(rows)
