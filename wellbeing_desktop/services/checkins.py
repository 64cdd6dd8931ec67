"""Wellbeing check-ins: short, regular, respectful; a trend over time and a prompt to act.

Scales run from 1 to 5. For overall wellbeing, manageable workload and feeling
supported, 5 is best; for stress, 5 is the most stressed. The prompt to act is
a rule of thumb for a conversation, never a diagnosis.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import CheckIn, StaffMember

# A fall of this much in the combined score since the previous check-in prompts a follow-up.
WORSENING_DROP = 3


@dataclass
class CheckInDraft:
    held_on: dt.date | str | None = None
    overall: int | str | None = None
    workload: int | str | None = None
    stress: int | str | None = None
    support: int | str | None = None
    notes: str = ""
    follow_up_needed: bool = False


@dataclass(frozen=True)
class CheckInRecord:
    id: int
    staff_id: int
    held_on: dt.date
    overall: int
    workload: int
    stress: int
    support: int
    notes: str
    follow_up_needed: bool
    follow_up_done_on: dt.date | None

    @property
    def score(self) -> int:
        """Higher is better: 4 (worst) to 20 (best); stress counts reversed."""
        return self.overall + self.workload + (6 - self.stress) + self.support


def _record(row: CheckIn) -> CheckInRecord:
    return CheckInRecord(
        row.id,
        row.staff_id,
        row.held_on,
        row.overall,
        row.workload,
        row.stress,
        row.support,
        row.notes,
        row.follow_up_needed,
        row.follow_up_done_on,
    )


def needs_follow_up(current: CheckInRecord, previous: CheckInRecord | None) -> str | None:
    """Why this check-in should prompt a follow-up conversation, or None."""
    if current.overall <= 2:
        return "overall wellbeing is low"
    if current.stress >= 4 and current.support <= 2:
        return "high stress and not feeling supported"
    if previous is not None and previous.score - current.score >= WORSENING_DROP:
        return "things have got worse since the last check-in"
    return None


def save_checkin(
    db: Database, staff_id: int, draft: CheckInDraft, *, today: dt.date | None = None
) -> CheckInRecord:
    today = today or dt.date.today()
    scales = {
        key: v.whole_number(key, label, getattr(draft, key), minimum=1, maximum=5)
        for key, label in (
            ("overall", "Overall wellbeing"),
            ("workload", "Workload"),
            ("stress", "Stress"),
            ("support", "Feeling supported"),
        )
    }
    held_on = v.date("held_on", "Date", draft.held_on or today, not_after=today)
    notes = v.text("notes", "Notes", draft.notes)
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    with db.session() as session:
        if session.get(StaffMember, staff_id) is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        row = CheckIn(
            staff_id=staff_id,
            held_on=held_on,
            notes=notes,
            follow_up_needed=bool(draft.follow_up_needed),
            **scales,
        )
        session.add(row)
        session.flush()
        return _record(row)


def checkin_history(db: Database, staff_id: int) -> list[CheckInRecord]:
    """A person's check-ins, oldest first."""
    with db.session() as session:
        rows = session.scalars(
            select(CheckIn)
            .where(CheckIn.staff_id == staff_id)
            .order_by(CheckIn.held_on, CheckIn.id)
        )
        return [_record(r) for r in rows]


def complete_follow_up(
    db: Database, checkin_id: int, on: dt.date | str | None = None, *, today: dt.date | None = None
) -> CheckInRecord:
    today = today or dt.date.today()
    day = v.date("follow_up_done_on", "Follow-up date", on or today, not_after=today)
    checkin_id = v.record_id("checkin_id", "Check-in", checkin_id, what="check-in")
    with db.session() as session:
        row = session.get(CheckIn, checkin_id)
        if row is None:
            raise NotFoundError(f"There is no check-in with number {checkin_id}.")
        row.follow_up_done_on = day
        session.flush()
        return _record(row)
