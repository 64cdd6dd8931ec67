"""Personal development plans, their objectives, and the CPD log.

A person has at most one development plan a year (the year it starts in), with
objectives that are open, achieved or dropped; the open ones are reviewed in
supervision, where an agreed action can be linked to one (``supervision.py``).

The CPD log records activities with hours and a reflection, totalled per calendar
year and over the last three years: the NMC asks nurses, midwives and nursing
associates for 35 hours of CPD, 20 of them participatory, in the three years before
they revalidate (revalidation.nmc.org.uk, "Continuing professional development").
Other registers ask differently (Social Work England counts pieces of CPD, not
hours), so the app shows the three-year total with the NMC figure as a reference
and judges nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.lookup import fetch, fetch_or_new
from wellbeing_desktop.services.programmes import add_months
from wellbeing_desktop.services.vocab import CPD_CATEGORIES, OBJECTIVE_STATUSES
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    CpdEntry,
    DevelopmentObjective,
    DevelopmentPlan,
    StaffMember,
    SupervisionAction,
)

# NMC revalidation: 35 hours of CPD (20 participatory) in the three years before it.
REVALIDATION_YEARS = 3
NMC_CPD_HOURS = 35.0
NMC_PARTICIPATORY_HOURS = 20.0
MAX_CPD_HOURS = 500.0  # one entry: more than this is a typing slip
MAX_TARGET_AHEAD_YEARS = 5


# ---- plans and objectives --------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveInfo:
    id: int
    plan_id: int
    staff_id: int
    year: int
    text: str
    target_on: dt.date | None
    progress: str
    status: str
    achieved_on: dt.date | None
    overdue: bool

    @property
    def status_label(self) -> str:
        return OBJECTIVE_STATUSES.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class PlanInfo:
    id: int
    staff_id: int
    year: int
    agreed_on: dt.date | None
    notes: str
    objectives: tuple[ObjectiveInfo, ...]

    @property
    def open_count(self) -> int:
        return sum(1 for o in self.objectives if o.is_open)

    @property
    def achieved_count(self) -> int:
        return sum(1 for o in self.objectives if o.status == "achieved")

    @property
    def words(self) -> str:
        """e.g. 'Plan for 2026: 2 open, 1 achieved of 4 objectives'."""
        total = len(self.objectives)
        return (
            f"Plan for {self.year}: {self.open_count} open, {self.achieved_count} achieved "
            f"of {total} objective{'' if total == 1 else 's'}"
        )


@dataclass
class ObjectiveDraft:
    text: str = ""
    target_on: dt.date | str | None = None
    progress: str = ""
    status: str = "open"
    achieved_on: dt.date | str | None = None


def _objective_info(
    objective: DevelopmentObjective, plan: DevelopmentPlan, today: dt.date
) -> ObjectiveInfo:
    return ObjectiveInfo(
        id=objective.id,
        plan_id=plan.id,
        staff_id=plan.staff_id,
        year=plan.year,
        text=objective.text,
        target_on=objective.target_on,
        progress=objective.progress,
        status=objective.status,
        achieved_on=objective.achieved_on,
        overdue=objective.status == "open"
        and objective.target_on is not None
        and objective.target_on < today,
    )


def _plan_info(plan: DevelopmentPlan, today: dt.date) -> PlanInfo:
    return PlanInfo(
        id=plan.id,
        staff_id=plan.staff_id,
        year=plan.year,
        agreed_on=plan.agreed_on,
        notes=plan.notes,
        objectives=tuple(_objective_info(o, plan, today) for o in plan.objectives),
    )


def _person(session: Session, staff_id: object) -> StaffMember:
    return fetch(session, StaffMember, "staff_id", "Person", staff_id, what="person")


def save_plan(
    db: Database,
    staff_id: int,
    year: int | str,
    *,
    agreed_on: dt.date | str | None = None,
    notes: str = "",
    plan_id: int | None = None,
    today: dt.date | None = None,
) -> PlanInfo:
    """Make a person's development plan for a year, or change one (one plan a year)."""
    today = today or dt.date.today()
    clean_year = v.whole_number("year", "Year", year, minimum=1950, maximum=today.year + 1)
    agreed = v.date("agreed_on", "Agreed on", agreed_on, required=False, not_after=today)
    clean_notes = v.text("notes", "Notes", notes)
    assert clean_year is not None
    with db.session() as session:
        member = _person(session, staff_id)
        plan = fetch_or_new(
            session,
            DevelopmentPlan,
            "plan_id",
            "Plan",
            plan_id,
            what="development plan",
            owner=("staff_id", member.id),
        )
        clash = session.scalar(
            select(DevelopmentPlan.id).where(
                DevelopmentPlan.staff_id == member.id, DevelopmentPlan.year == clean_year
            )
        )
        if clash is not None and clash != plan.id:
            raise ValidationError("year", f"There is already a development plan for {clean_year}.")
        plan.year, plan.agreed_on, plan.notes = clean_year, agreed, clean_notes
        session.add(plan)
        try:
            session.flush()
        except IntegrityError:  # another manager made the same year's plan just now
            raise ValidationError(
                "year", f"There is already a development plan for {clean_year}."
            ) from None
        session.refresh(plan)
        return _plan_info(plan, today)


def plans_for(db: Database, staff_id: int, *, today: dt.date | None = None) -> list[PlanInfo]:
    """A person's development plans, the newest year first."""
    today = today or dt.date.today()
    with db.session() as session:
        plans = session.scalars(
            select(DevelopmentPlan)
            .where(DevelopmentPlan.staff_id == staff_id)
            .options(selectinload(DevelopmentPlan.objectives))
            .order_by(DevelopmentPlan.year.desc())
        )
        return [_plan_info(p, today) for p in plans]


def _clean_objective(draft: ObjectiveDraft, today: dt.date) -> dict[str, object]:
    text = v.text("text", "Objective", draft.text, required=True, max_length=2000).strip()
    target = v.date(
        "target_on",
        "Target date",
        draft.target_on,
        required=False,
        not_after=add_months(today, 12 * MAX_TARGET_AHEAD_YEARS),
    )
    status = v.choice("status", "Status", draft.status, OBJECTIVE_STATUSES)
    achieved = None
    if status == "achieved":
        achieved = v.date("achieved_on", "Achieved on", draft.achieved_on or today, not_after=today)
    return {
        "text": text,
        "target_on": target,
        "progress": v.text("progress", "Progress", draft.progress),
        "status": status,
        "achieved_on": achieved,
    }


def save_objective(
    db: Database,
    plan_id: int,
    draft: ObjectiveDraft,
    objective_id: int | None = None,
    *,
    today: dt.date | None = None,
) -> ObjectiveInfo:
    """Add an objective to a plan, or change one. An achieved objective has the day it
    was achieved (today unless given, never in the future)."""
    today = today or dt.date.today()
    values = _clean_objective(draft, today)
    with db.session() as session:
        plan = fetch(session, DevelopmentPlan, "plan_id", "Plan", plan_id, what="development plan")
        objective = fetch_or_new(
            session,
            DevelopmentObjective,
            "objective_id",
            "Objective",
            objective_id,
            what="objective",
            owner=("plan_id", plan.id),
        )
        for key, value in values.items():
            setattr(objective, key, value)
        session.add(objective)
        session.flush()
        return _objective_info(objective, plan, today)


def delete_objective(db: Database, objective_id: int) -> None:
    """Delete an objective recorded by mistake (audited). Supervision actions that served
    it stay, no longer linked to it."""
    with db.session() as session:
        objective = fetch(
            session,
            DevelopmentObjective,
            "objective_id",
            "Objective",
            objective_id,
            what="objective",
        )
        for action in session.scalars(
            select(SupervisionAction).where(SupervisionAction.objective_id == objective.id)
        ):
            action.objective_id = None
        session.flush()
        session.delete(objective)
        session.flush()


def open_objectives_for(
    db: Database, staff_ids: Sequence[int], *, today: dt.date | None = None
) -> list[ObjectiveInfo]:
    """These people's open objectives from every plan, the soonest target first (for the
    supervision form's learning and development section)."""
    today = today or dt.date.today()
    if not staff_ids:
        return []
    with db.session() as session:
        rows = session.execute(
            select(DevelopmentObjective, DevelopmentPlan)
            .join(DevelopmentPlan, DevelopmentObjective.plan_id == DevelopmentPlan.id)
            .where(
                DevelopmentPlan.staff_id.in_(list(staff_ids)),
                DevelopmentObjective.status == "open",
            )
        ).all()
        found = [_objective_info(objective, plan, today) for objective, plan in rows]
    return sorted(
        found, key=lambda o: (o.target_on is None, o.target_on or dt.date.max, o.year, o.id)
    )


def objective_owners(db: Database, objective_ids: Sequence[int]) -> dict[int, int]:
    """Whose plan each objective is in: objective id -> person."""
    if not objective_ids:
        return {}
    with db.session() as session:
        return dict(
            session.execute(
                select(DevelopmentObjective.id, DevelopmentPlan.staff_id)
                .join(DevelopmentPlan, DevelopmentObjective.plan_id == DevelopmentPlan.id)
                .where(DevelopmentObjective.id.in_(list(objective_ids)))
            ).all()
        )


# ---- CPD -------------------------------------------------------------------------------


@dataclass
class CpdDraft:
    done_on: dt.date | str | None = None
    activity: str = ""
    category: str = "course"
    hours: float | str = 0
    reflection: str = ""


@dataclass(frozen=True)
class CpdInfo:
    id: int
    staff_id: int
    done_on: dt.date
    activity: str
    category: str
    hours: float
    reflection: str

    @property
    def category_label(self) -> str:
        return CPD_CATEGORIES.get(self.category, self.category)


@dataclass(frozen=True)
class CpdYear:
    year: int
    hours: float
    activities: int


@dataclass(frozen=True)
class CpdLog:
    """A person's CPD, newest first, with totals per calendar year and over the last
    three years (the NMC's revalidation period)."""

    entries: tuple[CpdInfo, ...]
    years: tuple[CpdYear, ...]  # newest first
    period_start: dt.date
    period_end: dt.date
    period_hours: float

    @property
    def period_words(self) -> str:
        """e.g. '28.5 hours in the last 3 years (since 27/11/2023)'."""
        return (
            f"{_hours(self.period_hours)} in the last {REVALIDATION_YEARS} years "
            f"(since {self.period_start.strftime('%d/%m/%Y')})"
        )

    @property
    def reference_words(self) -> str:
        return (
            f"For reference, NMC revalidation asks for {_hours(NMC_CPD_HOURS)} over "
            f"{REVALIDATION_YEARS} years, {_hours(NMC_PARTICIPATORY_HOURS)} of them participatory."
        )


def _hours(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} hour{'' if text == '1' else 's'}"


def hours_text(value: float) -> str:
    """12.5 -> '12.5 hours', 1 -> '1 hour'."""
    return _hours(value)


def _cpd_info(entry: CpdEntry) -> CpdInfo:
    return CpdInfo(
        entry.id,
        entry.staff_id,
        entry.done_on,
        entry.activity,
        entry.category,
        entry.hours,
        entry.reflection,
    )


def save_cpd_entry(
    db: Database,
    staff_id: int,
    draft: CpdDraft,
    entry_id: int | None = None,
    *,
    today: dt.date | None = None,
) -> CpdInfo:
    """Record a CPD activity (done on a day not in the future), or change one."""
    today = today or dt.date.today()
    done_on = v.date("done_on", "Date", draft.done_on, not_after=today)
    activity = v.name("activity", "Activity", draft.activity, max_length=200)
    category = v.choice("category", "Kind of activity", draft.category, CPD_CATEGORIES)
    hours = v.number(
        "hours", "Hours", draft.hours, minimum=0, maximum=MAX_CPD_HOURS, exclusive_minimum=True
    )
    reflection = v.text("reflection", "Reflection", draft.reflection)
    with db.session() as session:
        member = _person(session, staff_id)
        entry = fetch_or_new(
            session,
            CpdEntry,
            "entry_id",
            "CPD activity",
            entry_id,
            what="CPD activity",
            owner=("staff_id", member.id),
        )
        entry.done_on, entry.activity, entry.category = done_on, activity, category  # type: ignore[assignment]
        entry.hours, entry.reflection = hours, reflection
        session.add(entry)
        session.flush()
        return _cpd_info(entry)


def delete_cpd_entry(db: Database, entry_id: int) -> None:
    with db.session() as session:
        entry = fetch(session, CpdEntry, "entry_id", "CPD activity", entry_id, what="CPD activity")
        session.delete(entry)


def cpd_log(db: Database, staff_id: int, *, today: dt.date | None = None) -> CpdLog:
    today = today or dt.date.today()
    with db.session() as session:
        entries = tuple(
            _cpd_info(e)
            for e in session.scalars(
                select(CpdEntry)
                .where(CpdEntry.staff_id == staff_id)
                .order_by(CpdEntry.done_on.desc(), CpdEntry.id.desc())
            )
        )
    per_year: dict[int, list[CpdInfo]] = defaultdict(list)
    for entry in entries:
        per_year[entry.done_on.year].append(entry)
    period_start = add_months(today, -12 * REVALIDATION_YEARS) + dt.timedelta(days=1)
    return CpdLog(
        entries=entries,
        years=tuple(
            CpdYear(year, round(sum(e.hours for e in items), 2), len(items))
            for year, items in sorted(per_year.items(), reverse=True)
        ),
        period_start=period_start,
        period_end=today,
        period_hours=round(sum(e.hours for e in entries if period_start <= e.done_on <= today), 2),
    )
