"""Development plans and CPD across the demo organisation: most people in post have a
plan this year, objectives read consistently, and CPD falls in the last three years
while each person was in post; on SQLite and PostgreSQL. Counts and ids only."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, or_, select

from wellbeing_desktop.services.demo_data import generate_demo_data
from wellbeing_desktop.services.demo_development import REGISTERED_ROLES
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    CpdEntry,
    DevelopmentObjective,
    DevelopmentPlan,
    Role,
    StaffMember,
)

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo_data(db, staff=80, years=2, seed=5, today=TODAY)
    return db


def _in_post() -> object:
    return select(StaffMember.id).where(
        or_(StaffMember.leaving_date.is_(None), StaffMember.leaving_date > TODAY)
    )


def test_most_people_in_post_have_a_plan_this_year(demo: Database) -> None:
    with demo.session() as session:
        in_post = set(session.scalars(_in_post()))  # type: ignore[call-overload]
        planned = set(
            session.scalars(select(DevelopmentPlan.staff_id).where(DevelopmentPlan.year == 2026))
        )
        plans_by_year = dict(
            session.execute(
                select(DevelopmentPlan.year, func.count()).group_by(DevelopmentPlan.year)
            ).all()
        )
    assert planned <= in_post
    assert len(planned) > 0.75 * len(in_post)
    assert set(plans_by_year) == {2025, 2026} and plans_by_year[2025] > 0.5 * len(in_post)


def test_objectives_read_consistently(demo: Database) -> None:
    with demo.session() as session:
        rows = session.execute(
            select(
                DevelopmentObjective.status,
                DevelopmentObjective.achieved_on,
                DevelopmentObjective.target_on,
                DevelopmentPlan.agreed_on,
            ).join(DevelopmentPlan, DevelopmentPlan.id == DevelopmentObjective.plan_id)
        ).all()
    assert len(rows) > 2 * 80
    statuses = {status for status, *_ in rows}
    assert statuses == {"open", "achieved", "dropped"}
    for status, achieved_on, target_on, agreed_on in rows:
        assert (status == "achieved") == (achieved_on is not None)
        if achieved_on is not None:
            assert agreed_on <= achieved_on <= TODAY
        assert target_on is not None and target_on > agreed_on


def test_cpd_is_recent_and_kept_mostly_by_registered_professionals(demo: Database) -> None:
    with demo.session() as session:
        outside = session.scalar(
            select(func.count())
            .select_from(CpdEntry)
            .join(StaffMember, StaffMember.id == CpdEntry.staff_id)
            .where(
                or_(
                    CpdEntry.done_on > TODAY,
                    CpdEntry.done_on < TODAY.replace(year=TODAY.year - 3),
                    CpdEntry.done_on < StaffMember.start_date,
                )
            )
        )
        keeping = dict(
            session.execute(
                select(Role.key, func.count(func.distinct(CpdEntry.staff_id)))
                .select_from(CpdEntry)
                .join(StaffMember, StaffMember.id == CpdEntry.staff_id)
                .join(Role, Role.id == StaffMember.role_id)
                .group_by(Role.key)
            ).all()
        )
        registered = session.scalar(
            select(func.count())
            .select_from(StaffMember)
            .join(Role, Role.id == StaffMember.role_id)
            .where(Role.key.in_(REGISTERED_ROLES), StaffMember.id.in_(_in_post()))  # type: ignore[arg-type]
        )
    assert outside == 0
    logged = sum(n for key, n in keeping.items() if key in REGISTERED_ROLES)
    assert logged > 0.75 * registered
