"""Workload reviews over a period, for the compliance report: who needed a review, when,
whether a plan was agreed, and whether it was reviewed on time.

The rules, for each person in post for some of the period in the chosen teams:

* Caseload records are judged with the one rule (``caseload_rules``), each against the
  limit on its own date (protections then; FTE and role thresholds now), and again on
  each later day within its span that the limit changed (``workload.split_at_limit_changes``,
  the same rule as the dashboard's "since").
* A person **needed a review** from the first day in the period on which their caseload
  was over the safe limit (the latest record on or before that day was red), or had been
  amber or above for longer than the organisation's number of weeks
  (``workload.amber_weeks``). A person with a review open in the period counts too, from
  the day it was agreed.
* **Plan agreed**: a workload review was open at some time from that day to the end of
  the period (agreed before it and still open counts). The days to agree are from the
  need to the day it was agreed, when it was agreed after.
* **Reviewed**: the review was closed on or before its review date (on time); closed
  after it (late); still open after its review date at the end of the period (overdue);
  or its review date is after the period (not yet due). As for supervision
  (``compliance``), a review is overdue from the day after its review date.
* A person counts for their days in post within the period (the leaving date is their
  first day out of post). A leaver whose review was overdue when they left is
  "overdue when they left", not "overdue at period end"; nothing after leaving counts.

A period that ends in the future is assessed up to today.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services.caseload_rules import (
    ActiveProtection,
    CaseloadStatus,
    adjusted_limit,
    caseload_status,
)
from wellbeing_desktop.services.status_words import WordedStatus
from wellbeing_desktop.services.workload import amber_weeks, split_at_limit_changes
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    CaseloadRecord,
    Protection,
    Role,
    StaffMember,
    Team,
    WorkloadReview,
)

# How far before the period records are read, to find amber runs that began earlier.
_LOOKBACK = dt.timedelta(days=400)


class ReviewTiming(WordedStatus):
    ON_TIME = "on_time", "Reviewed on time", "✓"
    LATE = "late", "Reviewed late", "▲"
    OVERDUE = "overdue", "Review overdue at period end", "✕"
    LEFT_OVERDUE = "left_overdue", "Review overdue when they left", "✕"
    NOT_YET_DUE = "not_yet_due", "Review not yet due", "–"
    NO_PLAN = "no_plan", "No plan agreed", "✕"


@dataclass(frozen=True)
class PersonWorkloadReview:
    staff_id: int
    name: str
    team_name: str
    needed_from: dt.date
    why: str  # "over limit", "approaching limit for longer than 4 weeks", "review open"
    agreed_on: dt.date | None
    review_on: dt.date | None
    closed_on: dt.date | None
    timing: ReviewTiming
    # With no plan: the day the need ended by itself, if it did within the period.
    resolved_on: dt.date | None = None
    # After a review closed in the period: the day a new plan was needed, if it was.
    new_need_from: dt.date | None = None
    left_on: dt.date | None = None  # the leaving date, when they left before the end

    @property
    def days_to_agree(self) -> int | None:
        if self.agreed_on is None:
            return None
        return max(0, (self.agreed_on - self.needed_from).days)

    @property
    def agreed_before_need(self) -> bool:
        """The plan was already agreed when the need arose: covered from the start."""
        return self.agreed_on is not None and self.agreed_on < self.needed_from

    @property
    def outcome_words(self) -> str:
        """'✓ Reviewed on time; new plan needed from 20/11/2026', '✕ No plan agreed;
        resolved 12/11/2026 without a plan'."""
        text = f"{self.timing.symbol} {self.timing.words}"
        if self.left_on is not None:
            left = self.left_on.strftime("%d/%m/%Y")
            text += f" on {left}" if self.timing is ReviewTiming.LEFT_OVERDUE else f"; left {left}"
        if self.resolved_on is not None:
            text += f"; resolved {self.resolved_on.strftime('%d/%m/%Y')} without a plan"
        if self.new_need_from is not None:
            text += f"; new plan needed from {self.new_need_from.strftime('%d/%m/%Y')}"
        return text


@dataclass(frozen=True)
class WorkloadReviewCompliance:
    start: dt.date
    end: dt.date  # the last day assessed
    weeks: int
    people: tuple[PersonWorkloadReview, ...]

    @property
    def agreed(self) -> tuple[PersonWorkloadReview, ...]:
        return tuple(p for p in self.people if p.agreed_on is not None)

    def count(self, timing: ReviewTiming) -> int:
        return sum(1 for p in self.people if p.timing is timing)


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    team_name: str
    fte: float
    amber: float
    red: float
    uses_weighting: bool
    start_date: dt.date | None
    leaving_date: dt.date | None


def _need_from(
    person: _Person,
    records: Sequence[tuple[dt.date, int, float | None]],
    protections: Sequence[ActiveProtection],
    first: dt.date,
    last: dt.date,
    weeks: int,
    restart: dt.date | None = None,
) -> tuple[dt.date, str] | None:
    """The first day in [first, last] the person needed a review, and why (oldest
    records first). ``restart``: the amber clock starts again that day (a review closed
    the day before, as on the dashboard)."""
    run_start: dt.date | None = None  # of the current amber-or-red run
    need: tuple[dt.date, str] | None = None
    # Longer than the setting (as the dashboard): needed the day after it has lasted them.
    step = dt.timedelta(days=weeks * 7 + 1)
    records = split_at_limit_changes(records, protections, last)
    for index, (day, cases, points) in enumerate(records):
        if need is not None and need[0] <= day:
            break  # later records cannot make the need earlier
        status = _status_on(person, protections, day, cases, points)
        if not status.judged:
            # No points for a limit in points: skipped, as on the dashboard. It neither
            # continues nor ends the run, and no need begins on its days.
            continue
        # The status holds from this record to the day before the next one.
        if index + 1 < len(records):
            span_last = min(records[index + 1][0] - dt.timedelta(days=1), last)
        else:
            span_last = last
        at_least_amber = status in (CaseloadStatus.AMBER, CaseloadStatus.RED)
        run_start = (run_start or day) if at_least_amber else None
        if run_start is not None and restart is not None:
            run_start = max(run_start, restart)
        if span_last < first:
            continue
        candidates = []
        if status is CaseloadStatus.RED:
            candidates.append((max(day, first), "over limit"))
        if run_start is not None and run_start + step <= span_last:
            candidates.append(
                (
                    max(run_start + step, first, day),
                    f"approaching limit for longer than {weeks} week{'' if weeks == 1 else 's'}",
                )
            )
        for candidate in candidates:
            if need is None or candidate[0] < need[0]:
                need = candidate
    return need


def _status_on(
    person: _Person,
    protections: Sequence[ActiveProtection],
    day: dt.date,
    cases: int,
    points: float | None,
) -> CaseloadStatus:
    """A record's status against the person's limit on its day."""
    limit = adjusted_limit(
        person.amber,
        person.red,
        person.fte,
        protections,
        on=day,
        uses_weighting=person.uses_weighting,
    )
    return caseload_status(cases, points, limit)


def _resolved_on(
    person: _Person,
    records: Sequence[tuple[dt.date, int, float | None]],
    protections: Sequence[ActiveProtection],
    need: tuple[dt.date, str],
    last: dt.date,
) -> dt.date | None:
    """The first day after the need on which it ended by itself (no longer over the limit;
    for an amber need, back within the limit), up to ``last``; None if it lasted."""
    needed_from, why = need
    if why == "review open":
        return None
    over_only = why == "over limit"
    for day, cases, points in split_at_limit_changes(records, protections, last):
        if day <= needed_from or day > last:
            continue
        status = _status_on(person, protections, day, cases, points)
        ended = (
            status is not CaseloadStatus.RED
            if over_only
            else status not in (CaseloadStatus.AMBER, CaseloadStatus.RED)
        )
        if ended and status.judged:
            return day
    return None


def workload_review_compliance(
    db: Database,
    team_ids: Sequence[int] | None,
    start: dt.date,
    end: dt.date,
    *,
    today: dt.date | None = None,
) -> WorkloadReviewCompliance:
    """Who needed a workload review in the period, and what was done about it."""
    today = today or dt.date.today()
    if end < start:
        raise ValidationError("end", "The end of the period must not be before its start.")
    last = min(end, today)
    weeks = amber_weeks(db)
    with db.session() as session:
        query = (
            select(
                StaffMember.id,
                StaffMember.name,
                Team.name,
                StaffMember.fte,
                Role.amber_threshold,
                Role.red_threshold,
                Role.uses_weighting,
                StaffMember.start_date,
                StaffMember.leaving_date,
            )
            .join(Team, StaffMember.team_id == Team.id)
            .join(Role, StaffMember.role_id == Role.id)
            .where(or_(StaffMember.leaving_date.is_(None), StaffMember.leaving_date > start))
            .where(or_(StaffMember.start_date.is_(None), StaffMember.start_date <= last))
            .order_by(Team.name, StaffMember.name, StaffMember.id)
        )
        if team_ids is not None:
            query = query.where(StaffMember.team_id.in_(team_ids))
        staff = [_Person(*row) for row in session.execute(query)]
        ids = [p.id for p in staff]
        records: dict[int, list[tuple[dt.date, int, float | None]]] = defaultdict(list)
        protections: dict[int, list[ActiveProtection]] = defaultdict(list)
        reviews: dict[int, list[tuple[dt.date, dt.date, dt.date | None]]] = defaultdict(list)
        if ids:
            for staff_id, day, cases, points in session.execute(
                select(
                    CaseloadRecord.staff_id,
                    CaseloadRecord.recorded_on,
                    CaseloadRecord.open_cases,
                    CaseloadRecord.weighted_points,
                )
                .where(
                    CaseloadRecord.staff_id.in_(ids),
                    CaseloadRecord.recorded_on >= start - _LOOKBACK,
                    CaseloadRecord.recorded_on <= last,
                )
                .order_by(CaseloadRecord.staff_id, CaseloadRecord.recorded_on)
            ):
                records[staff_id].append((day, cases, points))
            for staff_id, *rest in session.execute(
                select(
                    Protection.staff_id,
                    Protection.kind,
                    Protection.start_date,
                    Protection.end_date,
                    Protection.limit_percent,
                ).where(Protection.staff_id.in_(ids))
            ):
                protections[staff_id].append(ActiveProtection(*rest))
            for staff_id, agreed, review_on, closed in session.execute(
                select(
                    WorkloadReview.staff_id,
                    WorkloadReview.agreed_on,
                    WorkloadReview.review_on,
                    WorkloadReview.closed_on,
                )
                .where(
                    WorkloadReview.staff_id.in_(ids),
                    WorkloadReview.agreed_on <= last,
                    or_(WorkloadReview.closed_on.is_(None), WorkloadReview.closed_on >= start),
                )
                .order_by(WorkloadReview.agreed_on, WorkloadReview.id)
            ):
                reviews[staff_id].append((agreed, review_on, closed))
    people = []
    for person in staff:
        first = max(start, person.start_date or start)
        final = (
            min(last, person.leaving_date - dt.timedelta(days=1)) if person.leaving_date else last
        )
        if first > final:
            continue
        left_on = person.leaving_date if final < last else None
        need = _need_from(
            person, records.get(person.id, []), protections.get(person.id, []), first, final, weeks
        )
        theirs = reviews.get(person.id, [])
        if need is None and theirs:
            need = (max(theirs[0][0], first), "review open")
        if need is None:
            continue
        needed_from, why = need
        # The review that answered the need: open at some time from the need on.
        answer = next(
            (r for r in theirs if r[2] is None or r[2] >= needed_from),
            None,
        )
        if answer is None:
            resolved = _resolved_on(
                person, records.get(person.id, []), protections.get(person.id, []), need, final
            )
            people.append(
                PersonWorkloadReview(
                    person.id, person.name, person.team_name, needed_from, why,
                    None, None, None, ReviewTiming.NO_PLAN, resolved_on=resolved,
                    left_on=left_on,
                )
            )  # fmt: skip
            continue
        agreed, review_on, closed = answer
        if closed is not None and closed <= final:
            timing = ReviewTiming.ON_TIME if closed <= review_on else ReviewTiming.LATE
        elif review_on < final:
            timing = ReviewTiming.LEFT_OVERDUE if left_on else ReviewTiming.OVERDUE
        else:
            timing = ReviewTiming.NOT_YET_DUE
        new_need = None
        later_open = any(r[0] > agreed for r in theirs)  # a later plan answers it
        if closed is not None and closed < final and not later_open:
            after = closed + dt.timedelta(days=1)
            found = _need_from(
                person,
                records.get(person.id, []),
                protections.get(person.id, []),
                after,
                final,
                weeks,
                restart=after,
            )
            new_need = found[0] if found is not None else None
        people.append(
            PersonWorkloadReview(
                person.id,
                person.name,
                person.team_name,
                needed_from,
                why,
                agreed,
                review_on,
                closed if closed is not None and closed <= final else None,
                timing,
                new_need_from=new_need,
                left_on=left_on,
            )
        )
    return WorkloadReviewCompliance(start, last, weeks, tuple(people))
