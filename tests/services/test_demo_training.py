"""Training in the demo organisation: the shipped courses and the demo's own (twenty in
all), completions only while each person was in post, and today's matrix showing every
state in realistic shares; on SQLite and PostgreSQL. Counts and ids only, never names."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import func, select

from wellbeing_desktop.services.defaults import default_courses
from wellbeing_desktop.services.demo_data import DemoStats, generate_demo_data
from wellbeing_desktop.services.demo_training import DEMO_COURSES
from wellbeing_desktop.services.training_rules import TrainingState, state_of
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    Course,
    CourseMandatoryRole,
    StaffMember,
    TrainingCompletion,
)

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def demo(db: Database) -> DemoStats:
    return generate_demo_data(db, staff=60, years=3, seed=3, today=TODAY)


def test_twenty_courses_and_the_completions_counted(db: Database, demo: DemoStats) -> None:
    with db.session() as session:
        courses = session.scalar(select(func.count()).select_from(Course))
        written = session.scalar(select(func.count()).select_from(TrainingCompletion))
    assert courses == len(default_courses()) + len(DEMO_COURSES) == 20
    assert written == demo.training_completions > 60 * 10
    assert f"{demo.training_completions:,} training completions" in demo.describe()


def test_completions_fall_while_each_person_was_in_post(db: Database, demo: DemoStats) -> None:
    with db.session() as session:
        outside = session.scalar(
            select(func.count())
            .select_from(TrainingCompletion)
            .join(StaffMember, StaffMember.id == TrainingCompletion.staff_id)
            .where(
                (TrainingCompletion.completed_on < StaffMember.start_date)
                | (TrainingCompletion.completed_on > TODAY)
                | (
                    TrainingCompletion.completed_on
                    >= func.coalesce(StaffMember.leaving_date, TODAY + dt.timedelta(days=1))
                )
            )
        )
    assert outside == 0


def test_todays_matrix_shows_every_state_in_realistic_shares(db: Database, demo: DemoStats) -> None:
    with db.session() as session:
        latest = {
            (staff_id, course_id): day
            for staff_id, course_id, day in session.execute(
                select(
                    TrainingCompletion.staff_id,
                    TrainingCompletion.course_id,
                    func.max(TrainingCompletion.completed_on),
                ).group_by(TrainingCompletion.staff_id, TrainingCompletion.course_id)
            )
        }
        courses = session.execute(
            select(Course.id, Course.renewal_months, Course.mandatory_for_all)
        ).all()
        for_roles = set(
            session.execute(select(CourseMandatoryRole.course_id, CourseMandatoryRole.role_id))
        )
        in_post = session.execute(
            select(StaffMember.id, StaffMember.role_id).where(
                (StaffMember.leaving_date.is_(None)) | (StaffMember.leaving_date > TODAY)
            )
        ).all()
    states: Counter[TrainingState] = Counter(
        state_of(latest.get((person, course)), renewal, required=True, today=TODAY)
        for person, role in in_post
        for course, renewal, for_all in courses
        if for_all or (course, role) in for_roles
    )
    total = sum(states.values())
    shares = {state: count / total for state, count in states.items()}
    assert shares[TrainingState.DONE] > 0.7
    for state in (TrainingState.EXPIRED, TrainingState.EXPIRING, TrainingState.MISSING):
        assert 0.01 < shares[state] < 0.15, (state, shares)
