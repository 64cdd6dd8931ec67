"""Recording caseloads: dated snapshots, one per person per day, with history kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import CaseloadBand, CaseloadRecord, StaffMember

MAX_CASES = 10_000


@dataclass(frozen=True)
class Band:
    label: str
    cases: int
    weight: float


@dataclass(frozen=True)
class CaseloadEntry:
    staff_id: int
    recorded_on: dt.date
    open_cases: int
    bands: tuple[Band, ...] = ()
    note: str = ""

    @property
    def weighted_points(self) -> float | None:
        if not self.bands:
            return None
        return round(sum(b.cases * b.weight for b in self.bands), 2)


@dataclass(frozen=True)
class CaseloadPoint:
    id: int
    recorded_on: dt.date
    open_cases: int
    weighted_points: float | None
    note: str


def make_entry(
    staff_id: int,
    recorded_on: object,
    open_cases: object,
    bands: Sequence[tuple[str, object, object]] = (),
    note: str = "",
    *,
    today: dt.date | None = None,
) -> CaseloadEntry:
    """Validate one caseload figure as a form or the grid collects it."""
    today = today or dt.date.today()
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    day = v.date("recorded_on", "Date", recorded_on, not_after=today)
    cases = v.whole_number("open_cases", "Open cases", open_cases, maximum=MAX_CASES)
    clean_bands = tuple(
        Band(
            v.name("bands", "Complexity level", label, max_length=80),
            v.whole_number("bands", "Cases at a complexity level", n, maximum=MAX_CASES) or 0,
            v.number("bands", "Weight", w, minimum=0, maximum=1000),
        )
        for label, n, w in bands
    )
    if clean_bands and sum(b.cases for b in clean_bands) != cases:
        raise ValidationError(
            "bands", "The cases at each complexity level must add up to the open cases."
        )
    assert day is not None and cases is not None
    return CaseloadEntry(staff_id, day, cases, clean_bands, v.text("note", "Note", note))


def record_caseloads(db: Database, entries: Sequence[CaseloadEntry]) -> int:
    """Save several figures in one transaction (the team grid). A second figure for the
    same person on the same day replaces the first. Returns how many were saved."""
    if not entries:
        return 0
    with db.session() as session:
        write_caseloads(session, entries)
    return len(entries)


def write_caseloads(session: Session, entries: Sequence[CaseloadEntry]) -> None:
    """Write figures within a caller's transaction (``record_caseloads``, imports)."""
    if not entries:
        return
    staff_ids = {e.staff_id for e in entries}
    known = set(session.scalars(select(StaffMember.id).where(StaffMember.id.in_(staff_ids))))
    missing = staff_ids - known
    if missing:
        raise NotFoundError(f"There is no person with number {min(missing)}.")
    existing = {
        (r.staff_id, r.recorded_on): r
        for r in session.scalars(
            select(CaseloadRecord).where(
                CaseloadRecord.staff_id.in_(staff_ids),
                CaseloadRecord.recorded_on.in_({e.recorded_on for e in entries}),
            )
        )
    }
    for entry in entries:
        record = existing.get((entry.staff_id, entry.recorded_on))
        if record is None:
            record = CaseloadRecord(staff_id=entry.staff_id, recorded_on=entry.recorded_on)
            session.add(record)
            existing[(entry.staff_id, entry.recorded_on)] = record
        record.open_cases = entry.open_cases
        record.weighted_points = entry.weighted_points
        record.note = entry.note
        record.bands = [
            CaseloadBand(label=b.label, cases=b.cases, weight=b.weight) for b in entry.bands
        ]


def latest_caseloads(
    db: Database, staff_ids: Sequence[int], *, on: dt.date | None = None
) -> dict[int, CaseloadPoint]:
    """Each person's latest caseload record on or before ``on`` (today by default), in one
    query: the figure forms start from (the team grid, the supervision form). People with
    no record are left out."""
    if not staff_ids:
        return {}
    on = on or dt.date.today()
    ranked = (
        select(
            CaseloadRecord.id,
            func.row_number()
            .over(
                partition_by=CaseloadRecord.staff_id,
                order_by=(CaseloadRecord.recorded_on.desc(), CaseloadRecord.id.desc()),
            )
            .label("rank"),
        )
        .where(CaseloadRecord.staff_id.in_(set(staff_ids)), CaseloadRecord.recorded_on <= on)
        .subquery()
    )
    query = select(CaseloadRecord).join(ranked, ranked.c.id == CaseloadRecord.id)
    with db.session() as session:
        return {
            r.staff_id: CaseloadPoint(r.id, r.recorded_on, r.open_cases, r.weighted_points, r.note)
            for r in session.scalars(query.where(ranked.c.rank == 1))
        }


def record_caseload(db: Database, entry: CaseloadEntry) -> None:
    record_caseloads(db, [entry])


def caseload_history(
    db: Database, staff_id: int, *, since: dt.date | None = None, until: dt.date | None = None
) -> list[CaseloadPoint]:
    """A person's caseload records, oldest first."""
    query = select(CaseloadRecord).where(CaseloadRecord.staff_id == staff_id)
    if since is not None:
        query = query.where(CaseloadRecord.recorded_on >= since)
    if until is not None:
        query = query.where(CaseloadRecord.recorded_on <= until)
    with db.session() as session:
        return [
            CaseloadPoint(r.id, r.recorded_on, r.open_cases, r.weighted_points, r.note)
            for r in session.scalars(query.order_by(CaseloadRecord.recorded_on))
        ]
