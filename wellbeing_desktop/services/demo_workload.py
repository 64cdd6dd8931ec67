"""Workload reviews for the demo organisation, so the dashboard shows every kind of row:
plans agreed, reviews overdue, past reviews closed after moving cases, and people still
waiting for a plan.

Made after the rest of the demo data, through the real services (so reallocations change
caseload records with history and everything is audited), from the team summary on
``today``: deterministic for the same data. Every outcome and action is invented.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random

from sqlalchemy import func, select

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.summary import PersonSummary, team_summary
from wellbeing_desktop.services.workload import WorkloadStage
from wellbeing_desktop.services.workload_reviews import (
    ReallocationDraft,
    ReviewDraft,
    apply_reallocations,
    close_review,
    save_review,
)
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database

_OTHER_ACTIONS = (
    "",
    "Duty rota covered by a colleague for four weeks",
    "Two complex cases stepped down to the support worker",
    "Court reports shared with the senior practitioner",
)
_OUTCOMES = (
    "Cases moved as agreed; caseload back within the limit and steady.",
    "Pause on new cases held; caseload reduced through closures. Plan ended.",
    "Extra supervision helped; agreed to close and keep an eye at monthly supervision.",
)


def _room(person: PersonSummary) -> int:
    if person.open_cases is None or person.limit.unit != "cases":
        return 0
    return int(person.limit.amber) - person.open_cases - 1


def _taker(
    team: list[PersonSummary], giver: PersonSummary, taken: set[int]
) -> PersonSummary | None:
    choices = [
        p
        for p in team
        if p.staff_id != giver.staff_id
        and p.staff_id not in taken
        and p.status is CaseloadStatus.GREEN
        and _room(p) >= 2
    ]
    return max(choices, key=lambda p: (_room(p), -p.staff_id), default=None)


def add_demo_workload_reviews(db: Database, *, today: dt.date, seed: int = 1) -> int:
    """Record a few workload reviews for people who need one. Returns how many caseload
    records the reallocations added (for the demo's counts)."""
    rng = random.Random(f"wellbeing-demo:{seed}:workload")
    summary = team_summary(db, today=today)
    teams: dict[int, list[PersonSummary]] = {}
    for person in summary.people:
        teams.setdefault(person.team_id, []).append(person)
    needing = [p for p in summary.people if p.workload.stage is WorkloadStage.NEEDS_PLAN]
    needing.sort(key=lambda p: (p.status is not CaseloadStatus.RED, p.staff_id))
    before = _record_count(db)
    taken: set[int] = set()
    # Of those who need a plan: every second gets one, in turn agreed recently (plan
    # agreed), six weeks ago and not reviewed (overdue), or closed after moving cases
    # (and so needing a new plan, with the old one in their history).
    for turn, person in enumerate(needing[::2]):
        kind = turn % 3
        agreed = today - dt.timedelta(days=rng.randint(3, 12) if kind == 0 else rng.randint(38, 60))
        moves: list[ReallocationDraft] = []
        cases = person.open_cases or 0
        taker = _taker(teams[person.team_id], person, taken)
        if kind != 1 and taker is not None and cases >= 3:
            count = max(1, min(_room(taker), cases // 10, 4))
            moves.append(ReallocationDraft(taker.staff_id, count))
            taken.add(taker.staff_id)
        draft = ReviewDraft(
            trigger="red" if person.status is CaseloadStatus.RED else "amber",
            agreed_on=agreed,
            agreed_by="Team manager and practitioner",
            pause_until=agreed + dt.timedelta(days=28) if rng.random() < 0.6 else None,
            extra_supervision=rng.random() < 0.7,
            reduced_complexity=rng.random() < 0.4,
            other_action=rng.choice(_OTHER_ACTIONS),
            review_on=agreed + dt.timedelta(days=14 if kind == 0 else 21),
            reallocations=moves,
        )
        if not (moves or draft.pause_until or draft.extra_supervision or draft.other_action):
            draft.extra_supervision = True
        try:
            review = save_review(db, person.staff_id, draft, today=agreed)
        except ValidationError:  # the colleague started after that day
            draft.reallocations, moves = [], []
            draft.extra_supervision = True
            review = save_review(db, person.staff_id, draft, today=agreed)
        if moves and kind != 1:
            # Too few cases recorded on that day: left unapplied.
            with contextlib.suppress(ValidationError):
                apply_reallocations(db, review.id, today=today if kind == 0 else agreed)
        if kind == 2:
            close_review(
                db,
                review.id,
                rng.choice(_OUTCOMES),
                agreed + dt.timedelta(days=rng.randint(21, 30)),
                today=today,
            )
    return _record_count(db) - before


def _record_count(db: Database) -> int:
    with db.connection() as connection:
        return int(
            connection.execute(select(func.count()).select_from(tables.caseload_record)).scalar()
            or 0
        )
