"""Workload reviews as plain records, read through SQLAlchemy Core: the open plans the
team caseload report lists, and the records the person view and the review dialog show.

Reading them needs no ORM (``storage/tables.py``), so the report from the command line
does not import the ORM and its models (about 0.1 s) to print a few plans.
``services/workload_reviews.py`` writes reviews and reads single ones through the ORM;
both return these records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.workload import TRIGGERS, WorkloadStage, uk_date
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database

if TYPE_CHECKING:
    from wellbeing_desktop.services.summary import PersonSummary


@dataclass(frozen=True)
class ReallocationInfo:
    id: int
    to_staff_id: int | None
    to_name: str  # empty if the person has since been removed
    cases: int
    applied_on: dt.date | None


@dataclass(frozen=True)
class ReviewRecord:
    id: int
    staff_id: int
    trigger: str
    agreed_on: dt.date
    agreed_by: str
    pause_until: dt.date | None
    extra_supervision: bool
    reduced_complexity: bool
    other_action: str
    review_on: dt.date
    closed_on: dt.date | None
    outcome: str
    reallocations: tuple[ReallocationInfo, ...]

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def overdue_on(self, day: dt.date) -> bool:
        return self.is_open and self.review_on < day

    @property
    def trigger_label(self) -> str:
        return TRIGGERS.get(self.trigger, self.trigger)

    @property
    def cases_to_move(self) -> int:
        return sum(r.cases for r in self.reallocations)

    @property
    def unapplied(self) -> tuple[ReallocationInfo, ...]:
        return tuple(r for r in self.reallocations if r.applied_on is None)

    @property
    def agreed_actions(self) -> tuple[str, ...]:
        """What was agreed, one phrase each (names of colleagues included: for screens
        and reports, never logs)."""
        phrases = []
        for move in self.reallocations:
            who = move.to_name or "a former colleague"
            plural = "" if move.cases == 1 else "s"
            applied = f" (applied {uk_date(move.applied_on)})" if move.applied_on else ""
            phrases.append(f"{move.cases} case{plural} to {who}{applied}")
        if self.pause_until is not None:
            phrases.append(f"no new cases until {uk_date(self.pause_until)}")
        if self.extra_supervision:
            phrases.append("extra supervision")
        if self.reduced_complexity:
            phrases.append("reduced complexity")
        if self.other_action.strip():
            phrases.append(self.other_action.strip())
        return tuple(phrases)


def reviews_by_id(db: Database, review_ids: Sequence[int]) -> dict[int, ReviewRecord]:
    """Several reviews at once (the open plans of a team, for its report), with their
    reallocations in the order they were agreed and each colleague's name."""
    ids = sorted(set(review_ids))
    if not ids:
        return {}
    review = tables.workload_review.c
    move = tables.workload_reallocation.c
    staff = tables.staff_member.c
    with db.connection() as connection:
        reviews = connection.execute(
            select(
                review.id,
                review.staff_id,
                review.trigger,
                review.agreed_on,
                review.agreed_by,
                review.pause_until,
                review.extra_supervision,
                review.reduced_complexity,
                review.other_action,
                review.review_on,
                review.closed_on,
                review.outcome,
            ).where(review.id.in_(ids))
        ).all()
        moves = connection.execute(
            select(
                move.review_id, move.id, move.to_staff_id, staff.name, move.cases, move.applied_on
            )
            .select_from(
                tables.workload_reallocation.outerjoin(
                    tables.staff_member, staff.id == move.to_staff_id
                )
            )
            .where(move.review_id.in_(ids))
            .order_by(move.review_id, move.id)
        ).all()
    reallocations: dict[int, list[ReallocationInfo]] = {}
    for review_id, move_id, to_staff_id, name, cases, applied_on in moves:
        reallocations.setdefault(review_id, []).append(
            ReallocationInfo(move_id, to_staff_id, name or "", cases, applied_on)
        )
    return {
        row.id: ReviewRecord(
            id=row.id,
            staff_id=row.staff_id,
            trigger=row.trigger,
            agreed_on=row.agreed_on,
            agreed_by=row.agreed_by,
            pause_until=row.pause_until,
            extra_supervision=bool(row.extra_supervision),
            reduced_complexity=bool(row.reduced_complexity),
            other_action=row.other_action,
            review_on=row.review_on,
            closed_on=row.closed_on,
            outcome=row.outcome,
            reallocations=tuple(reallocations.get(row.id, ())),
        )
        for row in reviews
    }


# -- the team caseload report's "Over limit and workload plans" ---------------------------


@dataclass(frozen=True)
class WorkloadPlanLine:
    """Someone over the limit (or approaching it for too long), or with a plan open."""

    person: PersonSummary
    review: ReviewRecord | None  # the open plan, if there is one

    @property
    def overdue(self) -> bool:
        return self.person.workload.stage is WorkloadStage.REVIEW_OVERDUE


_PLAN_ORDER = {
    WorkloadStage.REVIEW_OVERDUE: 0,
    WorkloadStage.NEEDS_PLAN: 1,
    WorkloadStage.PLAN_AGREED: 2,
}


def workload_plan_lines(
    db: Database, people: Sequence[PersonSummary]
) -> tuple[WorkloadPlanLine, ...]:
    """The people a report's "Over limit and workload plans" section lists, most urgent
    first (overdue reviews, then no plan, over the limit before approaching it), with the
    open plan of each, read in one query."""
    listed = [p for p in people if p.workload.stage is not WorkloadStage.NONE]
    plans = reviews_by_id(db, [p.workload.review_id for p in listed if p.workload.review_id])
    listed.sort(
        key=lambda p: (
            _PLAN_ORDER[p.workload.stage],
            p.status is not CaseloadStatus.RED,
            p.workload.since or p.workload.review_on or dt.date.max,
            p.name.casefold(),
        )
    )
    return tuple(WorkloadPlanLine(p, plans.get(p.workload.review_id or 0)) for p in listed)
