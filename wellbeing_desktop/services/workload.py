"""Workload: when a red (or long amber) caseload needs a plan, and where each plan stands.

A person needs a **workload review** when their caseload is over the safe limit, or has
been approaching it (amber or above) for longer than the organisation's setting
(``amber_weeks``, 4 by default, stored in ``org_setting`` so every manager sharing the
database applies the same rule). Until a review is recorded the dashboard says so in
words: "over limit since 03/11/2026 — no plan". A recorded review reads "over limit —
plan agreed 12/11/2026, review 26/11/2026", and after its review date "over limit —
review overdue since 26/11/2026". Closing a review (with an outcome) ends it; if the
person is still over the limit they need a new plan.

How long a status has lasted comes from the person's caseload history, with the one
rule in ``caseload_rules`` (``adjusted_limit``, and ``caseload_status``: the status
``assess`` gives, without its sentence): each earlier record is judged against the
limit on its own date (protections then active, the person's FTE and
role thresholds now). The latest record is judged against today's limit, as the
dashboard's status is. The run of red records (or of amber-or-red records, for the amber
rule) going back from the latest gives the date it began. For the amber rule the clock
restarts when a review is closed: the organisation agreed the workload then.

Everything here reads through SQLAlchemy Core (``storage/tables.py``) in a few queries
for a whole team, so the dashboard can show it for every row: the reviews, then the
recent caseload records and protections of only the people who are amber or red, and the
full history of only those whose run goes back beyond that.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, TypeAlias

from sqlalchemy import bindparam, or_, select

from wellbeing_desktop.services.caseload_rules import (
    ActiveProtection,
    AdjustedLimit,
    CaseloadStatus,
    adjusted_limit,
    caseload_status,
)
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.workload_run_queries import JudgedBy, run_breaks

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session as _OrmSession

    Executor: TypeAlias = Connection | _OrmSession

SETTING = "workload_amber_weeks"
DEFAULT_AMBER_WEEKS = 4
MIN_AMBER_WEEKS, MAX_AMBER_WEEKS = 1, 52
# How far back caseload records are read for each flagged person, in turn: a run that
# reaches the oldest record read is read further back (the last step reads everything).
_LOOK_BACKS: tuple[dt.timedelta | None, ...] = (
    dt.timedelta(days=200),
    dt.timedelta(days=800),
    None,
)
# Closed reviews older than this no longer change what a row says.
_CLOSED_LOOKBACK = dt.timedelta(days=400)

TRIGGERS = {
    "red": "Over the safe limit",
    "amber": "Approaching the limit for too long",
    "manager": "Raised by the manager",
}


class WorkloadStage(StrEnum):
    NONE = "none"  # nothing needed
    NEEDS_PLAN = "needs_plan"
    PLAN_AGREED = "plan_agreed"
    REVIEW_OVERDUE = "review_overdue"

    @property
    def words(self) -> str:
        return _STAGE_WORDS[self]


_STAGE_WORDS = {
    WorkloadStage.NONE: "No plan needed",
    WorkloadStage.NEEDS_PLAN: "Needs a plan",
    WorkloadStage.PLAN_AGREED: "Plan agreed",
    WorkloadStage.REVIEW_OVERDUE: "Review overdue",
}

_STATUS_PHRASES = {
    CaseloadStatus.RED: "over limit",
    CaseloadStatus.AMBER: "approaching limit",
    CaseloadStatus.GREEN: "within limit",
    CaseloadStatus.UNKNOWN: "no caseload recorded",
    CaseloadStatus.UNWEIGHTED: "cases recorded without weighting",
}


def uk_date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class WorkloadState:
    """Where a person stands: whether they need a plan, and the open plan if any."""

    stage: WorkloadStage = WorkloadStage.NONE
    status: CaseloadStatus = CaseloadStatus.UNKNOWN
    # The day the current red run (or amber-or-red run, for the amber rule) began; None
    # when the person is within the limit.
    since: dt.date | None = None
    review_id: int | None = None
    agreed_on: dt.date | None = None
    review_on: dt.date | None = None
    pause_until: dt.date | None = None
    last_closed_on: dt.date | None = None  # the latest closed review's closing day
    today: dt.date | None = None

    @property
    def weeks(self) -> int | None:
        """Whole weeks since the run began."""
        if self.since is None or self.today is None:
            return None
        return (self.today - self.since).days // 7

    @property
    def needs_attention(self) -> bool:
        return self.stage in (WorkloadStage.NEEDS_PLAN, WorkloadStage.REVIEW_OVERDUE)

    @property
    def has_open_review(self) -> bool:
        return self.review_id is not None

    @property
    def words(self) -> str:
        """One phrase for the row, e.g. 'over limit since 03/11/2026 — no plan'; empty
        when nothing is needed."""
        status = _STATUS_PHRASES[self.status]
        if self.stage is WorkloadStage.NEEDS_PLAN:
            assert self.since is not None
            if self.status is CaseloadStatus.RED:
                text = f"over limit since {uk_date(self.since)} — no plan"
            else:
                weeks = self.weeks or 0
                text = (
                    f"approaching limit for {weeks} week{'' if weeks == 1 else 's'} "
                    f"since {uk_date(self.since)} — no plan"
                )
            if self.last_closed_on is not None:
                text += f" (last review closed {uk_date(self.last_closed_on)})"
            return text
        if self.stage is WorkloadStage.PLAN_AGREED:
            assert self.agreed_on is not None and self.review_on is not None
            return (
                f"{status} — plan agreed {uk_date(self.agreed_on)}, "
                f"review {uk_date(self.review_on)}"
            )
        if self.stage is WorkloadStage.REVIEW_OVERDUE:
            assert self.review_on is not None
            return f"{status} — review overdue since {uk_date(self.review_on)}"
        return ""

    @property
    def short_words(self) -> str:
        """The phrase without what the status column already says, for a table cell:
        'over limit since 03/11/2026 — no plan', 'plan agreed 12/11/2026, review
        26/11/2026', 'review overdue since 26/11/2026'."""
        if self.stage is WorkloadStage.NEEDS_PLAN and self.status is CaseloadStatus.AMBER:
            weeks = self.weeks or 0
            return f"approaching for {weeks} week{'' if weeks == 1 else 's'} — no plan"
        if self.stage is WorkloadStage.NEEDS_PLAN:
            return f"over limit since {uk_date(self.since or dt.date.min)} — no plan"
        if self.stage is WorkloadStage.PLAN_AGREED:
            assert self.agreed_on is not None and self.review_on is not None
            return f"plan agreed {uk_date(self.agreed_on)}, review {uk_date(self.review_on)}"
        if self.stage is WorkloadStage.REVIEW_OVERDUE:
            return f"review overdue since {uk_date(self.review_on or dt.date.min)}"
        return ""

    @property
    def sentence(self) -> str:
        """The phrase as a sentence, for tooltips and reports."""
        words = self.words
        return f"{words[0].upper()}{words[1:]}." if words else "No workload plan needed."


NOTHING_NEEDED = WorkloadState()


class Assessed(Protocol):
    """What the state needs to know about a person (a ``PersonSummary`` has it)."""

    @property
    def staff_id(self) -> int: ...

    @property
    def status(self) -> CaseloadStatus: ...

    @property
    def limit(self) -> AdjustedLimit: ...


# -- the organisation's setting ----------------------------------------------------------


def _parse_weeks(stored: str | None) -> int:
    try:
        weeks = int(stored) if stored is not None else DEFAULT_AMBER_WEEKS
    except ValueError:
        return DEFAULT_AMBER_WEEKS
    return weeks if MIN_AMBER_WEEKS <= weeks <= MAX_AMBER_WEEKS else DEFAULT_AMBER_WEEKS


def _read_weeks(executor: Executor) -> int:
    setting = tables.org_setting.c
    stored = executor.execute(
        select(setting.value).where(setting.key == SETTING)
    ).scalar_one_or_none()
    return _parse_weeks(stored)


def amber_weeks(db: Database) -> int:
    """How many weeks amber (or above) before a workload review is needed."""
    with db.connection() as connection:
        return _read_weeks(connection)


def set_amber_weeks(db: Database, weeks: object) -> int:
    """Change the organisation's setting (audited as a changed setting)."""
    # The ORM only when writing: the dashboard reads this module before it is loaded.
    from wellbeing_desktop.services import validation as v
    from wellbeing_desktop.storage.models import OrgSetting

    clean = v.whole_number(
        "amber_weeks",
        "Weeks approaching the limit before a review",
        weeks,
        minimum=MIN_AMBER_WEEKS,
        maximum=MAX_AMBER_WEEKS,
    )
    assert clean is not None
    with db.session() as session:
        setting = session.get(OrgSetting, SETTING) or OrgSetting(key=SETTING)
        setting.value = str(clean)
        session.add(setting)
    return clean


# -- the state for many people at once -------------------------------------------------


@dataclass(frozen=True)
class _Review:
    id: int
    staff_id: int
    agreed_on: dt.date
    pause_until: dt.date | None
    review_on: dt.date
    closed_on: dt.date | None


_IDS = bindparam("ids", expanding=True)


def _reviews(executor: Executor, today: dt.date) -> list[_Review]:
    """Open reviews and recently closed ones, organisation-wide (there are few)."""
    review = tables.workload_review.c
    query = select(
        review.id,
        review.staff_id,
        review.agreed_on,
        review.pause_until,
        review.review_on,
        review.closed_on,
    ).where(
        review.agreed_on <= today,
        or_(review.closed_on.is_(None), review.closed_on >= today - _CLOSED_LOOKBACK),
    )
    return [_Review(*row) for row in executor.execute(query)]


def _records(
    executor: Executor, staff_ids: Sequence[int], today: dt.date, since: dt.date | None
) -> dict[int, list[tuple[dt.date, int, float | None]]]:
    """Caseload records on or before today, newest first, per person."""
    record = tables.caseload_record.c
    query = select(
        record.staff_id, record.recorded_on, record.open_cases, record.weighted_points
    ).where(record.staff_id.in_(_IDS), record.recorded_on <= today)
    if since is not None:
        query = query.where(record.recorded_on >= since)
    # Newest first from the (staff, day) index, so nothing is sorted here.
    query = query.order_by(record.staff_id, record.recorded_on.desc())
    found: dict[int, list[tuple[dt.date, int, float | None]]] = defaultdict(list)
    for staff_id, day, cases, points in executor.execute(query, {"ids": list(staff_ids)}):
        found[staff_id].append((day, cases, points))
    return found


def _protections(executor: Executor, staff_ids: Sequence[int]) -> dict[int, list[ActiveProtection]]:
    protection = tables.protection.c
    query = select(
        protection.staff_id,
        protection.kind,
        protection.start_date,
        protection.end_date,
        protection.limit_percent,
    ).where(protection.staff_id.in_(_IDS))
    found: dict[int, list[ActiveProtection]] = defaultdict(list)
    for staff_id, *rest in executor.execute(query, {"ids": list(staff_ids)}):
        found[staff_id].append(ActiveProtection(*rest))
    return found


def _limit_on(
    limit: AdjustedLimit, protections: Sequence[ActiveProtection], day: dt.date
) -> AdjustedLimit:
    return adjusted_limit(
        limit.full_time_amber,
        limit.full_time_red,
        limit.fte,
        protections,
        on=day,
        uses_weighting=limit.unit == "points",
    )


Record = tuple[dt.date, int, float | None]


def limit_change_days(
    protections: Sequence[ActiveProtection], after: dt.date, until: dt.date
) -> list[dt.date]:
    """The days in (after, until] on which a person's limit can change: a protection
    starts, or the day after one ends."""
    days = set()
    for protection in protections:
        if after < protection.start_date <= until:
            days.add(protection.start_date)
        if protection.end_date is not None:
            day = protection.end_date + dt.timedelta(days=1)
            if after < day <= until:
                days.add(day)
    return sorted(days)


def split_at_limit_changes(
    records: Sequence[Record], protections: Sequence[ActiveProtection], last: dt.date
) -> list[Record]:
    """Records (oldest first) with each one repeated on the days within its span (to the
    day before the next record, or ``last``) that the limit changed, so that judging each
    against the limit on its own day gives the status on every day. A caseload recorded
    within the limit on 20/10 is over a protected limit that starts on 16/11 from 16/11,
    not from 20/10: the dashboard's "since" and the compliance report's "needed from"
    both come from this (one rule)."""
    if not protections:
        return list(records)
    out: list[Record] = []
    for index, (day, cases, points) in enumerate(records):
        until = records[index + 1][0] - dt.timedelta(days=1) if index + 1 < len(records) else last
        out.append((day, cases, points))
        out.extend((change, cases, points) for change in limit_change_days(protections, day, until))
    return out


def _in_run(status: CaseloadStatus, rule: CaseloadStatus) -> bool | None:
    """Whether a record with this status is in a run of ``rule``; None when it cannot be
    judged (no points for a limit in points): it neither continues nor ends the run."""
    if status is CaseloadStatus.UNWEIGHTED:
        return None
    if rule is CaseloadStatus.RED:
        return status is CaseloadStatus.RED
    return status in (CaseloadStatus.AMBER, CaseloadStatus.RED)


def _run_start(
    person: Assessed,
    records: Sequence[tuple[dt.date, int, float | None]],
    protections: Sequence[ActiveProtection],
    today: dt.date,
) -> tuple[dt.date | None, bool]:
    """The day the person's current run began, and whether it reaches the oldest record
    given (so an earlier record might extend it). Records newest first; each is judged on
    every day its limit changed (``split_at_limit_changes``). Records that cannot be
    judged are skipped (``_in_run``)."""
    records = split_at_limit_changes(records[::-1], protections, today)[::-1]
    rule = person.status
    limit = person.limit
    since: dt.date | None = None
    # Without protections the limit is the same on every day: worked out once.
    fixed = None if protections else _limit_on(limit, protections, dt.date.min)
    for index, (day, cases, points) in enumerate(records):
        if index == 0:
            status = person.status  # the latest record, judged against today's limit
        else:
            on_the_day = fixed or _limit_on(limit, protections, day)
            status = caseload_status(cases, points, on_the_day)
        in_run = _in_run(status, rule)
        if in_run is None:
            continue
        if not in_run:
            return since, False
        since = day
    return since, True


def _runs_record_by_record(
    executor: Executor,
    flagged: Sequence[Assessed],
    protections: Mapping[int, Sequence[ActiveProtection]],
    today: dt.date,
) -> dict[int, dt.date | None]:
    """When each person's run began, judging their records one by one against the limit
    on each record's day. Most runs are short: recent records are read for everyone,
    then further back only for those whose run reaches the oldest record read."""
    runs: dict[int, dt.date | None] = {}
    waiting = list(flagged)
    for look_back in _LOOK_BACKS:
        if not waiting:
            break
        since_day = today - look_back if look_back is not None else None
        records = _records(executor, [p.staff_id for p in waiting], today, since_day)
        longer = []
        for person in waiting:
            since, open_ended = _run_start(
                person,
                records.get(person.staff_id, []),
                protections.get(person.staff_id, []),
                today,
            )
            runs[person.staff_id] = since
            # Open-ended (or no record read: the latest is older than the window):
            # read further back.
            if open_ended and since_day is not None:
                longer.append(person)
        waiting = longer
    return runs


def _limit_unchanged(
    protections: Sequence[ActiveProtection], first: dt.date, today: dt.date
) -> bool:
    """Whether the same protections apply on every day from ``first`` to today (so the
    limit on each of those days is today's)."""
    for protection in protections:
        if first < protection.start_date <= today:
            return False
        end = protection.end_date
        if end is not None and first <= end < today:
            return False
    return True


def _runs_in_database(
    executor: Executor,
    flagged: Sequence[Assessed],
    protections: Mapping[int, Sequence[ActiveProtection]],
    today: dt.date,
) -> dict[int, dt.date | None]:
    """When each person's run began, found by the database (storage/workload_run_queries):
    one statement for everyone (a few for a large organisation), judging every record
    against today's limit. Left out (for ``_runs_record_by_record``): anyone whose
    protections began or ended between the record that ended their previous run (or
    their first record) and today, so that an earlier day's limit was different."""
    judged_by = [
        JudgedBy(
            person.staff_id,
            red_only=person.status is CaseloadStatus.RED,
            points=person.limit.unit == "points",
            amber=person.limit.amber,
            red=person.limit.red,
        )
        for person in flagged
    ]
    runs: dict[int, dt.date | None] = {}
    for staff_id, break_day, start in run_breaks(executor, judged_by, today):
        if start is None:
            continue  # the latest record is not in the run: judged record by record
        kept = protections.get(staff_id)
        if kept and not _limit_unchanged(kept, break_day or start, today):
            continue
        runs[staff_id] = start
    return runs


def workload_states(
    executor: Executor,
    people: Iterable[Assessed],
    today: dt.date,
    *,
    weeks: int | None = None,
    set_based: bool = True,
    protections: Mapping[int, Sequence[ActiveProtection]] | None = None,
) -> dict[int, WorkloadState]:
    """The workload state of each person who has one (people needing nothing are left
    out: their state is ``NOTHING_NEEDED``). A few queries whatever the number of people.

    ``set_based=False`` judges every run record by record (``_runs_record_by_record``),
    the plain reading of the rule; the default asks the database for runs whose limit
    did not change (``_runs_in_database``) and gives the same answers (tested).

    ``protections``: each person's protections that began on or before ``today``
    (ended or not), when the caller has already read them (the team summary has);
    otherwise they are read here."""
    people = list(people)
    if not people:
        return {}
    weeks = _read_weeks(executor) if weeks is None else weeks
    open_reviews: dict[int, _Review] = {}
    last_closed: dict[int, dt.date] = {}
    for review in _reviews(executor, today):
        if review.closed_on is None or review.closed_on > today:
            current = open_reviews.get(review.staff_id)
            if current is None or (review.agreed_on, review.id) > (current.agreed_on, current.id):
                open_reviews[review.staff_id] = review
        elif review.closed_on > last_closed.get(review.staff_id, dt.date.min):
            last_closed[review.staff_id] = review.closed_on
    flagged = [p for p in people if p.status in (CaseloadStatus.RED, CaseloadStatus.AMBER)]
    runs: dict[int, dt.date | None] = {}
    if flagged:
        if protections is None:
            protections = _protections(executor, [p.staff_id for p in flagged])
        by_record = flagged
        if set_based:
            runs = _runs_in_database(executor, flagged, protections, today)
            by_record = [p for p in flagged if p.staff_id not in runs]
        runs.update(_runs_record_by_record(executor, by_record, protections, today))
    states: dict[int, WorkloadState] = {}
    for person in people:
        review = open_reviews.get(person.staff_id)
        closed = last_closed.get(person.staff_id)
        if review is not None:
            overdue = review.review_on < today
            states[person.staff_id] = WorkloadState(
                stage=WorkloadStage.REVIEW_OVERDUE if overdue else WorkloadStage.PLAN_AGREED,
                status=person.status,
                since=runs.get(person.staff_id),
                review_id=review.id,
                agreed_on=review.agreed_on,
                review_on=review.review_on,
                pause_until=review.pause_until,
                last_closed_on=closed,
                today=today,
            )
            continue
        since = runs.get(person.staff_id)
        if since is None:
            continue
        if person.status is CaseloadStatus.AMBER:
            clock = max(since, closed) if closed is not None else since
            if (today - clock).days <= weeks * 7:  # longer than the setting, not exactly it
                continue
            since = clock
        states[person.staff_id] = WorkloadState(
            stage=WorkloadStage.NEEDS_PLAN,
            status=person.status,
            since=since,
            last_closed_on=closed,
            today=today,
        )
    return states


def state_of(states: dict[int, WorkloadState], staff_id: int) -> WorkloadState:
    return states.get(staff_id, NOTHING_NEEDED)
