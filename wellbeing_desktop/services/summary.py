"""The team summary: each person's caseload against their limit, what is due, and totals.

The dashboard, the reports and ``wellbeing-desktop summary`` all read this. It reads
through SQLAlchemy Core (``storage/summary_queries.py``), never the ORM, so the
dashboard can show it before the ORM is first imported.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import select

from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.services.caseload_rules import (
    ActiveProtection,
    AdjustedLimit,
    CaseloadAssessment,
    CaseloadStatus,
    adjusted_limit,
    assess,
    caseload_load,
    counts_in_share,
    headroom,
)
from wellbeing_desktop.services.due import Due, next_due
from wellbeing_desktop.services.training_rules import TrainingCounts
from wellbeing_desktop.services.vocab import COUNTS_AS_SUPERVISION
from wellbeing_desktop.services.workload import (
    NOTHING_NEEDED,
    WorkloadStage,
    WorkloadState,
    workload_states,
)
from wellbeing_desktop.storage import summary_queries as q
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database

if TYPE_CHECKING:
    from wellbeing_desktop.services.programme_progress import ProgrammeProgress

# A caseload record older than this no longer counts as recent (the routine is monthly).
RECENT_CASELOAD_DAYS = 42


@dataclass(frozen=True)
class PersonSummary:
    staff_id: int
    name: str
    job_title: str
    team_id: int
    team_name: str
    role_name: str
    fte: float
    open_cases: int | None
    weighted_points: float | None
    recorded_on: dt.date | None
    previous_cases: int | None
    limit: AdjustedLimit
    status: CaseloadStatus
    utilisation: float | None
    reason: str
    caseload_sentence: str  # the status and the reason, the status said once (assess)
    record_is_recent: bool
    supervision: Due
    next_session_booked: dt.date | None
    checkin: Due
    open_actions: int
    overdue_actions: int
    followups_due: int
    workload: WorkloadState = NOTHING_NEEDED  # services/workload.py
    # Mandatory training expired, expiring and missing (training_rules.py).
    training: TrainingCounts = field(default_factory=TrainingCounts)
    # Running induction, preceptorship or skills passport (programme_progress.py).
    programmes: tuple[ProgrammeProgress, ...] = ()
    previous_points: float | None = None  # the previous record's weighted points

    @property
    def points_change(self) -> float | None:
        """The change in weighted points since the previous record (roles in points)."""
        if self.weighted_points is None or self.previous_points is None:
            return None
        return round(self.weighted_points - self.previous_points, 2)

    @property
    def trend(self) -> str:
        """'up', 'down', 'same', or '' when there is nothing to compare."""
        if self.open_cases is None or self.previous_cases is None:
            return ""
        if self.open_cases > self.previous_cases:
            return "up"
        if self.open_cases < self.previous_cases:
            return "down"
        return "same"

    @property
    def load(self) -> float | None:
        """The load judged against the limit, in the limit's unit (``limit.unit``):
        weighted points for a role counted in points, else open cases."""
        return caseload_load(self.open_cases, self.weighted_points, self.limit)

    @property
    def headroom(self) -> float | None:
        """The safe limit minus the caseload, in the limit's unit (negative when over;
        None when there is nothing to judge)."""
        return headroom(self.open_cases, self.weighted_points, self.limit)

    @property
    def change(self) -> int | None:
        if self.open_cases is None or self.previous_cases is None:
            return None
        return self.open_cases - self.previous_cases


@dataclass(frozen=True)
class TeamSummary:
    """People in post and their figures; each total is worked out when first asked for
    and kept (a summary never changes once made)."""

    title: str
    today: dt.date
    people: tuple[PersonSummary, ...]
    counts: dict[CaseloadStatus, int] = field(default_factory=dict)

    @property
    def headcount(self) -> int:
        return len(self.people)

    @cached_property
    def total_fte(self) -> float:
        return round(sum(p.fte for p in self.people), 2)

    @cached_property
    def total_cases(self) -> int:
        return sum(p.open_cases or 0 for p in self.people)

    # Two kinds of total, kept apart:
    # - column totals (``cases_column_total``, ``total_capacity``, ``points_column_total``,
    #   ``points_capacity``): the sums of the Cases and Safe limit columns, every row
    #   included, old records and no record alike;
    # - the share in use (``overall_utilisation``, ``points_in_use``) and the pair behind
    #   it (``counted_cases`` / ``recorded_capacity``, ``counted_points`` /
    #   ``points_recorded_capacity``): only the people whose latest record is from the
    #   last RECORD_LOOKBACK_DAYS days (``counts_in_share``), the chart's rule, so the
    #   share now and the chart's latest month agree. Adding the limit of someone with no
    #   recent figure would make a team look less loaded than it is; those left out
    #   (``cases_without_record``, ``points_without_record``) are named beside the share.

    def counts_in_share(self, person: PersonSummary) -> bool:
        """Whether the person's latest caseload record is recent enough to count towards
        the share in use (caseload_rules.counts_in_share, on ``today``)."""
        return person.staff_id in self._in_share

    @cached_property
    def _in_share(self) -> frozenset[int]:
        """The people ``counts_in_share`` is true for, judged once each (a report asks
        about each person for several totals)."""
        today = self.today
        return frozenset(p.staff_id for p in self.people if counts_in_share(p.recorded_on, today))

    @cached_property
    def cases_column_total(self) -> int:
        """Open cases of everyone whose limit is in cases, old records included: the
        Cases column's total (not the share's numerator: see ``counted_cases``)."""
        return sum(p.open_cases or 0 for p in self.people if p.limit.unit == "cases")

    @cached_property
    def counted_cases(self) -> int:
        """Open cases of the people in roles counted in cases whose latest record is
        recent enough to count (``counts_in_share``): the numerator of
        ``overall_utilisation``."""
        return sum(
            p.open_cases or 0
            for p in self.people
            if p.limit.unit == "cases" and self.counts_in_share(p)
        )

    @cached_property
    def total_capacity(self) -> float:
        """The sum of everyone's adjusted safe limit in roles counted in cases, those
        with no record or an old one included: the Safe limit column's total."""
        return round(sum(p.limit.red for p in self.people if p.limit.unit == "cases"), 2)

    @cached_property
    def cases_without_record(self) -> tuple[PersonSummary, ...]:
        """People in roles counted in cases with no caseload record in the lookback
        (none at all, or only older ones): left out of the share in use."""
        return tuple(
            p for p in self.people if p.limit.unit == "cases" and not self.counts_in_share(p)
        )

    @cached_property
    def recorded_capacity(self) -> float:
        """The safe limits, in cases, of the people whose latest record counts
        (``counts_in_share``): the denominator of ``overall_utilisation``."""
        return round(
            sum(
                p.limit.red
                for p in self.people
                if p.limit.unit == "cases" and self.counts_in_share(p)
            ),
            2,
        )

    @property
    def capacity_without_record(self) -> float:
        """The safe limits of ``cases_without_record`` (in ``total_capacity``, not in
        ``recorded_capacity``)."""
        return round(self.total_capacity - self.recorded_capacity, 2)

    @cached_property
    def overall_utilisation(self) -> float | None:
        """The share in use: ``counted_cases`` over ``recorded_capacity`` (None when no
        one in a role counted in cases has a recent record)."""
        capacity = self.recorded_capacity
        return self.counted_cases / capacity if capacity else None

    def _points_count(self, person: PersonSummary) -> bool:
        return (
            person.limit.unit == "points"
            and person.weighted_points is not None
            and self.counts_in_share(person)
        )

    @cached_property
    def points_column_total(self) -> float:
        """Weighted points of everyone whose limit is in points, old records included:
        the Cases column's points total (not the share's numerator: ``counted_points``)."""
        return round(
            sum(p.weighted_points or 0 for p in self.people if p.limit.unit == "points"), 2
        )

    @cached_property
    def counted_points(self) -> float:
        """Weighted points of the people counted in points whose latest record counts
        and has them: the numerator of ``points_in_use``."""
        return round(sum(p.weighted_points or 0 for p in self.people if self._points_count(p)), 2)

    @cached_property
    def points_capacity(self) -> float:
        """The sum of everyone's adjusted safe limit in roles counted in points, those
        without recent weighted points included: the Safe limit column's total."""
        return round(sum(p.limit.red for p in self.people if p.limit.unit == "points"), 2)

    @cached_property
    def points_without_record(self) -> tuple[PersonSummary, ...]:
        """People in roles counted in points with no weighted points in a recent record
        (none recorded, an old record, or cases without the weighting): left out of
        ``points_in_use``."""
        return tuple(
            p for p in self.people if p.limit.unit == "points" and not self._points_count(p)
        )

    @cached_property
    def points_recorded_capacity(self) -> float:
        """The safe limits, in points, of the people counted in ``counted_points``: the
        denominator of ``points_in_use``."""
        return round(sum(p.limit.red for p in self.people if self._points_count(p)), 2)

    @property
    def points_capacity_without_record(self) -> float:
        return round(self.points_capacity - self.points_recorded_capacity, 2)

    @cached_property
    def has_points_roles(self) -> bool:
        return any(p.limit.unit == "points" for p in self.people)

    @cached_property
    def has_cases_roles(self) -> bool:
        return any(p.limit.unit == "cases" for p in self.people)

    @cached_property
    def points_in_use(self) -> float | None:
        """``counted_points`` over ``points_recorded_capacity`` (None when no one in a
        role counted in points has weighted points in a recent record)."""
        capacity = self.points_recorded_capacity
        return self.counted_points / capacity if capacity else None

    @cached_property
    def average_utilisation(self) -> float | None:
        values = [p.utilisation for p in self.people if p.utilisation is not None]
        return sum(values) / len(values) if values else None

    @cached_property
    def without_recent_record(self) -> tuple[PersonSummary, ...]:
        return tuple(p for p in self.people if not p.record_is_recent)

    @cached_property
    def old_records(self) -> tuple[PersonSummary, ...]:
        """People whose latest caseload record is older than the recent window (not
        those with no record at all, whom ``without_recent_record`` also counts)."""
        return tuple(p for p in self.people if p.recorded_on is not None and not p.record_is_recent)

    @cached_property
    def supervision_overdue(self) -> tuple[PersonSummary, ...]:
        return tuple(p for p in self.people if p.supervision.overdue)

    @cached_property
    def checkins_due(self) -> tuple[PersonSummary, ...]:
        return tuple(p for p in self.people if p.checkin.due_on <= self.today)

    @cached_property
    def overdue_actions(self) -> int:
        return sum(p.overdue_actions for p in self.people)

    @cached_property
    def workload_plans_needed(self) -> tuple[PersonSummary, ...]:
        return tuple(p for p in self.people if p.workload.stage is WorkloadStage.NEEDS_PLAN)

    @cached_property
    def workload_reviews_overdue(self) -> tuple[PersonSummary, ...]:
        return tuple(p for p in self.people if p.workload.stage is WorkloadStage.REVIEW_OVERDUE)

    @cached_property
    def followups_due(self) -> int:
        return sum(p.followups_due for p in self.people)

    def count(self, status: CaseloadStatus) -> int:
        return self.counts.get(status, 0)

    @property
    def not_judged(self) -> int:
        """People whose caseload cannot be judged against their limit: none recorded,
        or cases recorded without the weighting a limit in points needs."""
        return self.count(CaseloadStatus.UNKNOWN) + self.count(CaseloadStatus.UNWEIGHTED)

    @cached_property
    def training_expired(self) -> int:
        """Mandatory training expired, counted over everyone (one per person and course)."""
        return sum(p.training.expired for p in self.people)


_NO_TRAINING = TrainingCounts()


class _Judged(NamedTuple):
    """What ``workload_states`` needs of a person (``workload.Assessed``)."""

    staff_id: int
    status: CaseloadStatus
    limit: AdjustedLimit


def find_team_ids(db: Database, names: Sequence[str]) -> list[int]:
    """Team ids for names (case-insensitive); NotFoundError names the missing one."""
    team = tables.team.c
    with db.connection() as connection:
        rows = connection.execute(select(team.id, team.name))
        teams = {name.casefold(): id_ for id_, name in rows}
    found = []
    for name in names:
        key = name.strip().casefold()
        if key not in teams:
            raise NotFoundError(f"There is no team called '{name.strip()}'.")
        found.append(teams[key])
    return found


def team_summary(
    db: Database,
    team_ids: Sequence[int] | None = None,
    *,
    today: dt.date | None = None,
    title: str | None = None,
    learning: bool = True,
) -> TeamSummary:
    """Summary for some teams, or the whole organisation when ``team_ids`` is None.

    ``learning=False`` leaves out each person's training counts and programmes (left
    at their empty defaults), for readers that show neither, such as the caseload
    report: about a fifth of the organisation summary's time."""
    today = today or dt.date.today()
    if learning:
        # Loaded only here: the caseload report (learning=False) never needs them.
        from wellbeing_desktop.services.programme_progress import progress_from_row
        from wellbeing_desktop.services.training_matrix import training_counts
        from wellbeing_desktop.storage import programme_queries
    with db.connection() as connection:
        dated = q.staff_with_dates(connection, team_ids, today, COUNTS_AS_SUPERVISION)
        staff = [person.staff for person in dated]
        protections = q.protections(connection, team_ids, today)
        caseloads = q.latest_caseloads(connection, team_ids, today)
        followups = q.followups_due(connection, team_ids, today)
        actions = q.action_counts(connection, team_ids, today)
        programmes: dict[int, tuple[ProgrammeProgress, ...]] = {}
        if learning:
            for staff_id, rows in programme_queries.running_programmes(
                connection, team_ids, today
            ).items():
                programmes[staff_id] = tuple(
                    progress_from_row(
                        r.kind,
                        r.start_on,
                        r.expected_end_on,
                        None,
                        r.outcome,
                        r.total,
                        r.signed_off,
                        r.overdue,
                        today,
                    )
                    for r in rows
                )
        trained = (
            training_counts(
                connection, [(row.staff_id, row.role_id) for row in staff], team_ids, today
            )
            if learning
            else {}
        )
        if title is None:
            if team_ids is None:
                title = "All teams"
            else:  # every team asked for, those with no one in post too
                names = {row.team_name for row in staff}
                if len({row.team_id for row in staff}) < len(set(team_ids)):
                    team = tables.team.c
                    found = connection.execute(select(team.name).where(team.id.in_(team_ids)))
                    names = set(found.scalars())
                title = ", ".join(sorted(names))
    recent_since = today - dt.timedelta(days=RECENT_CASELOAD_DAYS)
    judged = []
    # Many people share a role, FTE and caseload: each limit and assessment is worked
    # out once (they are frozen, so sharing them is safe).
    limits: dict[tuple[object, ...], AdjustedLimit] = {}
    assessments: dict[tuple[object, ...], CaseloadAssessment] = {}
    # Every protection begun by today (the workload states need the ended ones too).
    history = {
        staff_id: [ActiveProtection(*p) for p in found] for staff_id, found in protections.items()
    }
    for row, *dates in dated:
        active = [p for p in history.get(row.staff_id, ()) if p.applies_on(today)]
        limit_key = (row.amber, row.red, row.fte, row.uses_weighting, *active)
        limit = limits.get(limit_key)
        if limit is None:
            limit = limits[limit_key] = adjusted_limit(
                row.amber, row.red, row.fte, active, on=today, uses_weighting=row.uses_weighting
            )
        points = caseloads.get(row.staff_id, [])
        latest = points[0] if points else None
        previous = points[1] if len(points) > 1 else None
        cases = latest.open_cases if latest else None
        weighted = latest.weighted_points if latest else None
        assessment_key = (cases, weighted, *limit_key)
        assessment = assessments.get(assessment_key)
        if assessment is None:
            assessment = assessments[assessment_key] = assess(cases, weighted, limit)
        judged.append((row, dates, limit, latest, previous, assessment))
    # The workload states first (they need each status and limit), so that each
    # person's summary is made once, not made and then copied with its state.
    with db.connection() as connection:
        states = workload_states(
            connection,
            [
                _Judged(row.staff_id, assessment.status, limit)
                for row, _dates, limit, *_, assessment in judged
            ],
            today,
            protections=history,
        )
    dues: dict[tuple[object, ...], Due] = {}

    def due(last: dt.date | None, interval: int, row: q.StaffRow) -> Due:
        # Worked out once per distinct last date, interval and (when needed) start, or
        # the day they were added when no start date is recorded.
        start = added = None
        if last is None:
            start = row.start_date
            if start is None and row.created_at is not None:
                added = row.created_at.date()
        key = (last, interval, start, added)
        found = dues.get(key)
        if found is None:
            found = dues[key] = next_due(last, interval, start, today, known_since=added)
        return found

    people = []
    for row, (supervised, booked, checked_in), limit, latest, previous, assessment in judged:
        open_actions, overdue_actions = actions.get(row.staff_id, (0, 0))
        people.append(
            PersonSummary(
                staff_id=row.staff_id,
                name=row.name,
                job_title=row.job_title,
                team_id=row.team_id,
                team_name=row.team_name,
                role_name=row.role_name,
                fte=row.fte,
                open_cases=latest.open_cases if latest else None,
                weighted_points=latest.weighted_points if latest else None,
                recorded_on=latest.recorded_on if latest else None,
                previous_cases=previous.open_cases if previous else None,
                previous_points=previous.weighted_points if previous else None,
                limit=limit,
                status=assessment.status,
                utilisation=assessment.utilisation,
                reason=assessment.reason,
                caseload_sentence=assessment.sentence,
                record_is_recent=latest is not None and latest.recorded_on >= recent_since,
                supervision=due(supervised, row.supervision_interval_days, row),
                next_session_booked=booked,
                checkin=due(checked_in, row.checkin_interval_days, row),
                open_actions=open_actions,
                overdue_actions=overdue_actions,
                followups_due=followups.get(row.staff_id, 0),
                training=trained.get(row.staff_id, _NO_TRAINING),
                programmes=programmes.get(row.staff_id, ()),
                workload=states.get(row.staff_id, NOTHING_NEEDED),
            )
        )
    counts = Counter(person.status for person in people)
    return TeamSummary(title=title, today=today, people=tuple(people), counts=dict(counts))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _workload_fields(state: WorkloadState) -> dict[str, object]:
    return {
        "workload": state.words,
        "workload_stage": state.stage.value,
        "workload_since": _iso(state.since),
        "plan_agreed_on": _iso(state.agreed_on),
        "plan_review_on": _iso(state.review_on),
        "paused_until": _iso(state.pause_until),
    }


def summary_as_dict(summary: TeamSummary) -> dict[str, object]:
    """The summary as plain JSON-ready data (for scripts and exports)."""
    return {
        "title": summary.title,
        "date": summary.today.isoformat(),
        "totals": {
            "people": summary.headcount,
            "fte": summary.total_fte,
            "over_limit": summary.count(CaseloadStatus.RED),
            "approaching": summary.count(CaseloadStatus.AMBER),
            "within": summary.count(CaseloadStatus.GREEN),
            "no_record": summary.count(CaseloadStatus.UNKNOWN),
            "not_weighted": summary.count(CaseloadStatus.UNWEIGHTED),
            "total_cases": summary.total_cases,
            # The Cases and Safe limit columns' totals: everyone, old records included.
            "cases_column_total": summary.cases_column_total,
            "total_capacity": summary.total_capacity,
            # The share in use and the pair behind it: only people whose latest record
            # is from the last RECORD_LOOKBACK_DAYS days (as the chart's latest month).
            "counted_cases": summary.counted_cases,
            "recorded_capacity": summary.recorded_capacity,
            "overall_utilisation": summary.overall_utilisation,
            "cases_roles_without_record": len(summary.cases_without_record),
            "capacity_without_record": summary.capacity_without_record,
            "points": summary.points_column_total,
            "points_capacity": summary.points_capacity,
            "counted_points": summary.counted_points,
            "points_recorded_capacity": summary.points_recorded_capacity,
            "points_in_use": summary.points_in_use,
            "average_utilisation": summary.average_utilisation,
            "without_recent_record": len(summary.without_recent_record),
            "supervision_overdue": len(summary.supervision_overdue),
            "checkins_due": len(summary.checkins_due),
            "overdue_actions": summary.overdue_actions,
            "followups_due": summary.followups_due,
            "training_expired": summary.training_expired,
            "workload_plans_needed": len(summary.workload_plans_needed),
            "workload_reviews_overdue": len(summary.workload_reviews_overdue),
        },
        "people": [
            {
                "id": p.staff_id,
                "name": p.name,
                "team": p.team_name,
                "role": p.role_name,
                "fte": p.fte,
                "open_cases": p.open_cases,
                "weighted_points": p.weighted_points,
                "recorded_on": _iso(p.recorded_on),
                "amber_level": p.limit.amber,
                "limit": p.limit.red,
                "limit_unit": p.limit.unit,
                "protection": p.limit.protection.kind if p.limit.protection else None,
                "status": p.status.value,
                "status_words": p.status.words,
                "utilisation": p.utilisation,
                "headroom": p.headroom,
                "reason": p.reason,
                "record_is_recent": p.record_is_recent,
                "trend": p.trend,
                "last_supervision": _iso(p.supervision.last),
                "supervision_due": _iso(p.supervision.due_on),
                "supervision_overdue_days": p.supervision.overdue_days,
                "next_session_booked": _iso(p.next_session_booked),
                "last_checkin": _iso(p.checkin.last),
                "checkin_due": _iso(p.checkin.due_on),
                "open_actions": p.open_actions,
                "overdue_actions": p.overdue_actions,
                "followups_due": p.followups_due,
                **_workload_fields(p.workload),
                "training_expired": p.training.expired,
                "training_expiring": p.training.expiring,
                "training_missing": p.training.missing,
                "programmes": [programme.words for programme in p.programmes],
            }
            for p in summary.people
        ],
    }
