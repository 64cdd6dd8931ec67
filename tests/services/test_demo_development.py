"""Demo rows for programmes, development plans and CPD: present, consistent with the
rules in services/programmes.py, and readable through the services."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from wellbeing_desktop.services import development, programmes
from wellbeing_desktop.services.demo_data import generate_demo_data
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    CpdEntry,
    DevelopmentPlan,
    DevelopmentProgramme,
    Protection,
)

TODAY = dt.date(2026, 11, 26)


def test_demo_programmes_plans_and_cpd(db: Database) -> None:
    generate_demo_data(db, staff=60, years=2, seed=1, today=TODAY)
    with db.session() as session:
        kinds = dict(
            session.execute(
                select(DevelopmentProgramme.kind, func.count()).group_by(DevelopmentProgramme.kind)
            ).all()
        )
        running_preceptorships = session.execute(
            select(DevelopmentProgramme, Protection)
            .join(Protection, Protection.id == DevelopmentProgramme.protection_id)
            .where(DevelopmentProgramme.finished_on.is_(None))
        ).all()
        for programme, protection in running_preceptorships:
            assert protection.kind == "preceptorship"
            assert protection.staff_id == programme.staff_id
            assert protection.end_date == programme.expected_end_on
        plans = session.scalar(select(func.count()).select_from(DevelopmentPlan))
        cpd = session.scalar(select(func.count()).select_from(CpdEntry))
        first_plan = session.scalars(select(DevelopmentPlan.staff_id).limit(1)).one()
        with_cpd = session.scalars(select(CpdEntry.staff_id).limit(1)).one()
    assert kinds.get("preceptorship", 0) >= 1 and kinds.get("induction", 0) >= 1
    assert running_preceptorships
    assert plans and cpd
    assert development.plans_for(db, first_plan, today=TODAY)[0].objectives
    assert development.cpd_log(db, with_cpd, today=TODAY).period_hours > 0

    # Every running programme reads back, and the dashboard's summary shows it.
    summary = team_summary(db, today=TODAY)
    shown = [p for person in summary.people for p in person.programmes]
    assert len(shown) >= len(running_preceptorships)
    preceptee = running_preceptorships[0][0].staff_id
    person = next(p for p in summary.people if p.staff_id == preceptee)
    assert person.limit.protection is not None
    assert person.limit.protection.kind == "preceptorship"
    info = programmes.programmes_for(db, preceptee, today=TODAY)[0]
    assert info.running and info.progress.total == 6


def test_demo_preceptorships_last_12_to_18_months(db: Database) -> None:
    generate_demo_data(db, staff=200, years=3, seed=3, today=TODAY)
    with db.session() as session:
        spans = session.execute(
            select(Protection.start_date, Protection.end_date).where(
                Protection.kind == "preceptorship"
            )
        ).all()
    assert spans
    for start, end in spans:
        assert end is not None
        assert 12 <= programmes.months_between(start, end) <= 18


def test_a_finished_demo_preceptorship_ends_its_protection_on_its_last_day(db: Database) -> None:
    generate_demo_data(db, staff=60, years=2, seed=1, today=TODAY)
    with db.session() as session:
        finished = session.execute(
            select(DevelopmentProgramme.finished_on, Protection.end_date)
            .join(Protection, Protection.id == DevelopmentProgramme.protection_id)
            .where(DevelopmentProgramme.finished_on.is_not(None))
        ).all()
    assert finished
    assert all(finished_on == end for finished_on, end in finished)
