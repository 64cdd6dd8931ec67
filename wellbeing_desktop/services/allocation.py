"""Who can take a new case, and allocating one.

For a team on a date, everyone in post is either a **candidate** or **left out**,
each with the reason in words:

* left out, in this order: anyone **paused by a workload plan** (an open workload
  review whose pause runs to today or later); anyone **without a current caseload
  record** (none, none in the last ``RECENT_CASELOAD_DAYS`` days, or no weighted
  points for a role counted in points); anyone **protected** (newly qualified,
  phased return…) whose caseload is at or beyond their protected limit; anyone else
  with **no room** (less than one case, or no points, below their safe limit);
* candidates: everyone else, ordered by **headroom**, the adjusted safe limit minus
  the current caseload (in points for roles counted in points: the rule is
  ``caseload_rules``), largest first, counted in whole cases for roles counted in
  cases (6.8 is room for 6); on equal room, people without a protection before
  protected ones (newly qualified staff are not offered first), then the less loaded
  (caseload as a share of the limit), then by name.

People who have left (or not yet started) are not in post, so never listed.

Allocating a case changes the person's caseload in one transaction: the day's
caseload record gains the cases (a new dated record copied from the latest one, or
the day's own record updated; earlier records are kept), and the team's count of
cases waiting can go down by the same number. ``check_allocation`` says beforehand
whether it would take the person to amber or over their limit.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.caseload_rules import (
    ActiveProtection,
    AdjustedLimit,
    CaseloadAssessment,
    CaseloadStatus,
    adjusted_limit,
    assess,
    format_number,
    headroom,
)
from wellbeing_desktop.services.caseloads import MAX_CASES, latest_caseloads
from wellbeing_desktop.services.establishment import latest_waiting, set_waiting_in
from wellbeing_desktop.services.summary import (
    RECENT_CASELOAD_DAYS,
    PersonSummary,
    find_team_ids,
    team_summary,
)
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _cases(n: float) -> str:
    return f"{format_number(n)} case{'' if n == 1 else 's'}"


def _amount(n: float, unit: str) -> str:
    if unit == "points":
        return f"{format_number(n)} point{'' if n == 1 else 's'}"
    return _cases(n)


# ---- who is paused ---------------------------------------------------------------------


def paused_until(db: Database, staff_ids: Iterable[int], today: dt.date) -> dict[int, dt.date]:
    """People paused by a workload plan today: an open workload review (not closed),
    agreed on or before today, with no new cases until a date on or after today.
    Returns each paused person's latest such date."""
    ids = sorted(set(staff_ids))
    if not ids:
        return {}
    review = tables.workload_review.c  # read through Core: no ORM for the command line
    query = (
        select(review.staff_id, func.max(review.pause_until))
        .where(
            review.staff_id.in_(ids),
            review.closed_on.is_(None),
            review.agreed_on <= today,
            review.pause_until >= today,
        )
        .group_by(review.staff_id)
    )
    with db.connection() as connection:
        return {staff_id: day for staff_id, day in connection.execute(query) if day is not None}


# ---- who has room ----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    staff_id: int
    name: str
    role_name: str
    fte: float
    open_cases: int
    load: float  # cases, or points for roles counted in points
    limit: AdjustedLimit
    headroom: float  # limit.red - load, in the limit's unit
    status: CaseloadStatus
    reason: str  # "room for 4 cases before the limit"
    # The complexity levels of the latest record, when it has them: a new case goes
    # into one of them (``allocate_cases(band=...)``).
    bands: tuple[str, ...] = ()

    @property
    def unit(self) -> str:
        return self.limit.unit

    @property
    def room(self) -> float:
        """The room shown: whole cases for roles counted in cases (6.8 -> 6, as the reason
        says "room for 6 cases"), points as they are."""
        return math.floor(self.headroom + 1e-9) if self.unit == "cases" else self.headroom


@dataclass(frozen=True)
class Excluded:
    staff_id: int
    name: str
    role_name: str
    fte: float
    open_cases: int | None
    limit: AdjustedLimit
    why: str  # "paused", "no_record", "protected", "no_room"
    reason: str  # "paused by a workload plan until 12/12/2026"


@dataclass(frozen=True)
class AllocationOptions:
    team_id: int
    team_name: str
    today: dt.date
    candidates: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...]
    waiting: int | None  # cases waiting to be allocated (None: never recorded)
    waiting_recorded_on: dt.date | None


def _protection_words(limit: AdjustedLimit) -> str:
    assert limit.protection is not None
    return f"{limit.protection.label.lower()}, {limit.protection.limit_percent}%"


def _judge(person: PersonSummary, paused: dt.date | None) -> Candidate | Excluded:
    limit = person.limit

    def excluded(why: str, reason: str) -> Excluded:
        return Excluded(
            person.staff_id,
            person.name,
            person.role_name,
            person.fte,
            person.open_cases,
            limit,
            why,
            reason,
        )

    if paused is not None:
        return excluded("paused", f"paused by a workload plan until {_uk(paused)}")
    room = headroom(person.open_cases, person.weighted_points, limit)
    if person.open_cases is None or person.recorded_on is None:
        return excluded("no_record", "no caseload recorded: record it first")
    if room is None:
        return excluded(
            "no_record",
            "caseload recorded without complexity weighting; the limit is in points",
        )
    if not person.record_is_recent:
        return excluded(
            "no_record",
            f"caseload last recorded {_uk(person.recorded_on)}, more than "
            f"{RECENT_CASELOAD_DAYS} days ago: update it first",
        )
    whole = math.floor(room + 1e-9) if limit.unit == "cases" else room
    if whole <= 0:
        if room < 0:
            position = f"{_amount(-room, limit.unit)} over the limit"
        elif room == 0:
            position = "at limit"
        else:
            position = "less than one case below the limit"
        if limit.protection is not None:
            return excluded("protected", f"protected ({_protection_words(limit)}): {position}")
        return excluded("no_room", f"no room: {position}")
    load = assess(person.open_cases, person.weighted_points, limit).load
    assert load is not None
    which = "the protected limit" if limit.protection is not None else "the limit"
    reason = f"room for {_amount(whole, limit.unit)} before {which}"
    if limit.protection is not None:
        reason += f" ({_protection_words(limit)})"
    if person.status is CaseloadStatus.AMBER:
        reason += f"; already approaching (amber from {format_number(limit.amber)})"
    return Candidate(
        person.staff_id,
        person.name,
        person.role_name,
        person.fte,
        person.open_cases,
        load,
        limit,
        room,
        person.status,
        reason,
    )


def allocation_options(
    db: Database, team_id: int, *, today: dt.date | None = None
) -> AllocationOptions:
    """Who in a team has room for a new case on a date, and who is left out and why."""
    today = today or dt.date.today()
    team_id = v.record_id("team_id", "Team", team_id, what="team")
    team = tables.team.c
    with db.connection() as connection:
        name = connection.execute(select(team.name).where(team.id == team_id)).scalar()
        if name is None:
            raise NotFoundError(f"There is no team with number {team_id}.")
        waiting = latest_waiting(connection, [team_id], today).get(team_id)
    summary = team_summary(db, [team_id], today=today)
    paused = paused_until(db, (p.staff_id for p in summary.people), today)
    candidates: list[Candidate] = []
    excluded: list[Excluded] = []
    for person in summary.people:
        judged = _judge(person, paused.get(person.staff_id))
        if isinstance(judged, Candidate):
            candidates.append(judged)
        else:
            excluded.append(judged)
    levels = _complexity_levels(db, [c.staff_id for c in candidates if c.unit == "points"], today)
    candidates = [replace(c, bands=levels.get(c.staff_id, ())) for c in candidates]
    candidates.sort(
        key=lambda c: (
            -c.room,
            c.limit.protection is not None,
            c.load / c.limit.red if c.limit.red else 1,
            c.name.casefold(),
        )
    )
    order = {"paused": 0, "protected": 1, "no_room": 2, "no_record": 3}
    excluded.sort(key=lambda e: (order[e.why], e.name.casefold()))
    return AllocationOptions(
        team_id=team_id,
        team_name=name,
        today=today,
        candidates=tuple(candidates),
        excluded=tuple(excluded),
        waiting=waiting[0] if waiting else None,
        waiting_recorded_on=waiting[1] if waiting else None,
    )


def _complexity_levels(
    db: Database, staff_ids: list[int], today: dt.date
) -> dict[int, tuple[str, ...]]:
    """The complexity levels of each person's latest caseload record, when it has them."""
    if not staff_ids:
        return {}
    from wellbeing_desktop.storage.models import CaseloadBand

    latest = latest_caseloads(db, staff_ids, on=today)
    by_record = {point.id: staff_id for staff_id, point in latest.items()}
    found: dict[int, list[str]] = {}
    with db.session() as session:
        for record_id, label in session.execute(
            select(CaseloadBand.record_id, CaseloadBand.label)
            .where(CaseloadBand.record_id.in_(list(by_record)))
            .order_by(CaseloadBand.id)
        ):
            found.setdefault(by_record[record_id], []).append(label)
    return {staff_id: tuple(labels) for staff_id, labels in found.items()}


def allocation_options_by_name(
    db: Database, team_name: str, *, today: dt.date | None = None
) -> AllocationOptions:
    """``allocation_options`` for a team named (case-insensitive); NotFoundError if none."""
    (team_id,) = find_team_ids(db, [team_name])
    return allocation_options(db, team_id, today=today)


def options_as_dict(options: AllocationOptions) -> dict[str, object]:
    """The options as plain JSON-ready data."""

    def common(p: Candidate | Excluded) -> dict[str, object]:
        return {
            "id": p.staff_id,
            "name": p.name,
            "role": p.role_name,
            "fte": p.fte,
            "open_cases": p.open_cases,
            "limit": p.limit.red,
            "amber_level": p.limit.amber,
            "limit_unit": p.limit.unit,
            "protection": p.limit.protection.kind if p.limit.protection else None,
        }

    return {
        "team": options.team_name,
        "date": options.today.isoformat(),
        "cases_waiting": options.waiting,
        "candidates": [
            {**common(c), "load": c.load, "headroom": c.headroom, "reason": c.reason}
            for c in options.candidates
        ],
        "excluded": [{**common(e), "why": e.why, "reason": e.reason} for e in options.excluded],
    }


# ---- allocating ------------------------------------------------------------------------


@dataclass(frozen=True)
class AllocationCheck:
    """What allocating would do to a person's caseload, before it is done."""

    staff_id: int
    cases: int
    open_cases_before: int
    open_cases_after: int
    load_before: float | None
    load_after: float | None
    limit: AdjustedLimit
    status_before: CaseloadStatus
    status_after: CaseloadStatus
    reason_after: str
    paused_until: dt.date | None

    @property
    def takes_over_limit(self) -> bool:
        return self.status_after is CaseloadStatus.RED

    @property
    def takes_to_amber(self) -> bool:
        return (
            self.status_after is CaseloadStatus.AMBER
            and self.status_before is not CaseloadStatus.AMBER
        )

    @property
    def needs_confirmation(self) -> bool:
        return self.takes_over_limit or self.takes_to_amber or self.paused_until is not None

    @property
    def warning(self) -> str | None:
        """The consequence in words, when it needs confirming; None when it does not."""
        parts = []
        after = self.load_after
        unit = self.limit.unit
        shown = _amount(after, unit) if after is not None else ""
        if self.takes_over_limit:
            assert after is not None
            over = _amount(after - self.limit.red, unit)
            which = "protected limit" if self.limit.protection else "safe limit"
            if self.status_before is CaseloadStatus.RED:
                parts.append(
                    f"They are already over their {which}: this makes {shown} against "
                    f"a limit of {format_number(self.limit.red)} ({over} over)."
                )
            else:
                parts.append(
                    f"This takes them over their {which}: {shown} against a limit of "
                    f"{format_number(self.limit.red)} ({over} over)."
                )
        elif self.takes_to_amber:
            parts.append(
                f"This takes them to approaching their limit: {shown}, amber from "
                f"{format_number(self.limit.amber)} (limit {format_number(self.limit.red)})."
            )
        if self.paused_until is not None:
            parts.append(
                f"A workload plan pauses new cases for them until {_uk(self.paused_until)}."
            )
        return " ".join(parts) or None


@dataclass(frozen=True)
class AllocationResult:
    check: AllocationCheck
    recorded_on: dt.date
    waiting_before: int | None
    waiting_after: int | None

    @property
    def words(self) -> str:
        c = self.check
        text = (
            f"{_cases(c.cases).capitalize()} allocated: {c.open_cases_before} → "
            f"{c.open_cases_after} open cases on {_uk(self.recorded_on)} "
            f"({c.status_after.words.lower()})."
        )
        if self.waiting_before is not None and self.waiting_after != self.waiting_before:
            text += f" Cases waiting: {self.waiting_before} → {self.waiting_after}."
        return text


def _clean_cases(cases: object) -> int:
    value = v.whole_number("cases", "Cases to allocate", cases, minimum=1, maximum=MAX_CASES)
    assert value is not None
    return value


@dataclass
class _Plan:
    """The change worked out before anything is written."""

    team_id: int
    latest: Any  # the person's latest CaseloadRecord on or before the day
    cases_before: int
    bands: list[tuple[str, int, float]]
    points: float | None
    estimated_weight: float | None  # the weight a new case was estimated at, if it was
    limit: AdjustedLimit
    before: CaseloadAssessment
    after: CaseloadAssessment

    def check(self, staff_id: int, cases: int, paused: dt.date | None) -> AllocationCheck:
        return AllocationCheck(
            staff_id,
            cases,
            self.cases_before,
            self.cases_before + cases,
            self.before.load,
            self.after.load,
            self.limit,
            self.before.status,
            self.after.status,
            self.after.reason,
            paused,
        )


def _points_after(
    latest: Any, bands: list[tuple[str, int, float]], cases: int
) -> tuple[float | None, float | None]:
    """The weighted points after adding ``cases`` new cases, and the weight a case was
    estimated at (None when it was known). With complexity levels the new case's weight is
    known. Without them (e.g. after a reallocation cleared the levels) the latest points
    are carried forward, the new cases added at the person's average weight per case: a
    known caseload never becomes unknown."""
    if bands:
        return round(sum(n * w for _, n, w in bands), 2), None
    if latest.weighted_points is None:
        return None, None
    if latest.open_cases <= 0:
        return latest.weighted_points, None
    weight = latest.weighted_points / latest.open_cases
    return round(latest.weighted_points + cases * weight, 2), weight


def _plan(
    session: Session,
    staff_id: int,
    cases: int,
    band: str | None,
    today: dt.date,
    *,
    moved: bool = False,
    moved_weight: float | None = None,
) -> _Plan:
    """Work out the change, reading only. ``moved``: the cases come from a colleague's
    workload plan (complexity levels are cleared and the points move at
    ``moved_weight`` a case, or the person's own average when that is not known)."""
    from wellbeing_desktop.storage.models import CaseloadRecord, StaffMember

    person = session.get(StaffMember, staff_id)
    if person is None:
        raise NotFoundError(f"There is no person with number {staff_id}.")
    if person.leaving_date is not None and person.leaving_date <= today:
        raise ValidationError(
            "staff_id", "This person has left: cases cannot be allocated to them."
        )
    if person.start_date is not None and person.start_date > today:
        raise ValidationError("staff_id", "This person has not started yet.")
    latest = session.scalars(
        select(CaseloadRecord)
        .where(CaseloadRecord.staff_id == staff_id, CaseloadRecord.recorded_on <= today)
        .order_by(CaseloadRecord.recorded_on.desc(), CaseloadRecord.id.desc())
        .limit(1)
    ).first()
    if latest is None:
        raise ValidationError(
            "staff_id", "There is no caseload recorded for this person: record it first."
        )
    if latest.open_cases + cases > MAX_CASES:
        raise ValidationError("cases", f"That would be more than {MAX_CASES:,} open cases.")
    bands = [] if moved else [(b.label, b.cases, b.weight) for b in latest.bands]
    if bands:
        labels = [label for label, _, _ in bands]
        if band is None or band not in labels:
            raise ValidationError(
                "band", "Choose the complexity level of the new case: " + ", ".join(labels) + "."
            )
        bands = [(lb, n + cases if lb == band else n, w) for lb, n, w in bands]
    if moved and moved_weight is not None and latest.weighted_points is not None:
        points, estimated = round(latest.weighted_points + cases * moved_weight, 2), None
    else:
        points, estimated = _points_after(latest, bands, cases)
    role = person.role
    protections = [
        ActiveProtection(p.kind, p.start_date, p.end_date, p.limit_percent)
        for p in person.protections
    ]
    limit = adjusted_limit(
        role.amber_threshold,
        role.red_threshold,
        person.fte,
        protections,
        on=today,
        uses_weighting=role.uses_weighting,
    )
    return _Plan(
        person.team_id,
        latest,
        latest.open_cases,
        bands,
        points,
        estimated,
        limit,
        assess(latest.open_cases, latest.weighted_points, limit),
        assess(latest.open_cases + cases, points, limit),
    )


def check_allocation(
    db: Database,
    staff_id: int,
    cases: object = 1,
    *,
    band: str | None = None,
    moved: bool = False,
    moved_weight: float | None = None,
    today: dt.date | None = None,
) -> AllocationCheck:
    """What allocating ``cases`` new cases to a person today would do (nothing is saved).
    ``moved``: the cases come from a colleague's workload plan (see ``_plan``); the same
    check is used for a plan's reallocations as for allocating a new case."""
    today = today or dt.date.today()
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    count = _clean_cases(cases)
    paused = paused_until(db, [staff_id], today).get(staff_id)
    with db.session() as session:
        plan = _plan(session, staff_id, count, band, today, moved=moved, moved_weight=moved_weight)
        return plan.check(staff_id, count, paused)


def receiving_warning(name: str, check: AllocationCheck) -> str | None:
    """One person receiving cases, in words, when it needs confirming: "Fay Foster would be
    15 of 12 (protected limit)", "… is paused by a workload plan until 12/12/2026"."""
    parts = []
    unit = check.limit.unit
    if check.load_after is not None and (check.takes_over_limit or check.takes_to_amber):
        which = "protected limit" if check.limit.protection else "safe limit"
        if check.takes_over_limit:
            parts.append(
                f"{name} would be {format_number(check.load_after)} of "
                f"{_amount(check.limit.red, unit)} ({which})"
            )
        else:
            parts.append(
                f"{name} would be approaching their {which}: "
                f"{format_number(check.load_after)} of {_amount(check.limit.red, unit)} "
                f"(amber from {format_number(check.limit.amber)})"
            )
    if check.paused_until is not None:
        parts.append(f"{name} is paused by their own workload plan until {_uk(check.paused_until)}")
    return "; ".join(parts) or None


def allocate_cases(
    db: Database,
    staff_id: int,
    cases: object = 1,
    *,
    band: str | None = None,
    reduce_waiting: bool = False,
    today: dt.date | None = None,
) -> AllocationResult:
    """Allocate ``cases`` new cases to a person today, in one transaction: today's
    caseload record gains them (a new record copied from the latest, or today's own
    record updated: history is kept), and with ``reduce_waiting`` the team's count of
    cases waiting goes down by as many (never below 0; a new dated count)."""
    from wellbeing_desktop.storage.models import CaseloadBand, CaseloadRecord

    today = today or dt.date.today()
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    count = _clean_cases(cases)
    paused = paused_until(db, [staff_id], today).get(staff_id)
    with db.session() as session:
        plan = _plan(session, staff_id, count, band, today)
        latest = plan.latest
        if latest.recorded_on == today:
            record = latest
        else:
            record = CaseloadRecord(
                staff_id=staff_id, recorded_on=today, note=f"{_cases(count)} allocated"
            )
            session.add(record)
        record.open_cases = plan.cases_before + count
        record.weighted_points = plan.points
        if plan.estimated_weight is not None:
            text = f"Points for the new case{'' if count == 1 else 's'} estimated at " + (
                f"{format_number(round(plan.estimated_weight, 2))} a case: "
                "enter the complexity levels again."
            )
            record.note = f"{record.note}\n{text}".strip() if record.note else text
        if plan.bands:
            record.bands = [CaseloadBand(label=lb, cases=n, weight=w) for lb, n, w in plan.bands]
        waiting_before = waiting_after = None
        if reduce_waiting:
            found = latest_waiting(session.connection(), [plan.team_id], today).get(plan.team_id)
            if found is not None:
                waiting_before = found[0]
                waiting_after = max(0, waiting_before - count)
                set_waiting_in(session, plan.team_id, waiting_after, today)
    return AllocationResult(
        plan.check(staff_id, count, paused), today, waiting_before, waiting_after
    )
