"""Protected caseloads: is the promise kept?

A protection (newly qualified or preceptorship, phased return, reasonable adjustment)
lowers a person's safe limit to a percentage of it (``caseload_rules``). This module
puts each protected limit next to the actual caseload, and counts how often the
promise is kept:

* **Honoured today**: of the people in post with an active protection today and a
  caseload on record, how many have their latest caseload within their protected
  limit (at or below it). People with no caseload on record are counted apart.
* **Over the last 12 months**: of the protections that applied at some point in the
  twelve months up to today (to anyone in the team then, including people who have
  since left), how many stayed within the protected limit on every caseload record
  dated while the protection applied in that period. A record is judged against the
  person's limit on its own date (the most protective protection then, as always).
  Protections with no caseload recorded while they applied are counted apart.

Reads go through SQLAlchemy Core, so the dashboard can show the figures quickly.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select

from wellbeing_desktop.services.caseload_rules import (
    ActiveProtection,
    AdjustedLimit,
    CaseloadStatus,
    adjusted_limit,
    caseload_load,
    format_number,
    most_protective,
)
from wellbeing_desktop.services.summary import PersonSummary, TeamSummary, team_summary
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database


def _uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def year_before(day: dt.date) -> dt.date:
    """The start of the 12 months up to ``day``: the day after the same date a year
    earlier (28/11/2025 for 27/11/2026)."""
    try:
        same = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        same = day.replace(year=day.year - 1, day=28)
    return same + dt.timedelta(days=1)


@dataclass(frozen=True)
class ProtectedCaseload:
    """One person's protected limit next to their caseload today."""

    staff_id: int
    name: str
    team_name: str
    kind: str
    label: str  # "Newly qualified"
    limit_percent: int
    protected_limit: float
    unit: str  # "cases" or "points"
    load: float | None  # None: no caseload on record
    recorded_on: dt.date | None
    ends_on: dt.date | None
    starts_on: dt.date | None = None
    # The person's caseload status: UNWEIGHTED when cases are recorded without the
    # weighting a limit in points needs (``load`` is None then, as with no record).
    status: CaseloadStatus | None = None

    @property
    def not_weighted(self) -> bool:
        return self.status is CaseloadStatus.UNWEIGHTED

    @property
    def recorded_before_it_began(self) -> bool:
        """The latest caseload was recorded before the protection began: the figure
        shows whether the caseload was brought down, once it is updated."""
        return (
            self.recorded_on is not None
            and self.starts_on is not None
            and self.recorded_on < self.starts_on
        )

    @property
    def honoured(self) -> bool | None:
        return None if self.load is None else self.load <= self.protected_limit

    @property
    def figure(self) -> str:
        """'18 / 16.2 protected' (the caseload against the protected limit)."""
        load = "no record" if self.load is None else format_number(self.load)
        return f"{load} / {format_number(self.protected_limit)} protected"

    @property
    def words(self) -> str:
        what = f"{self.label.lower()}, {self.limit_percent}%"
        if self.load is None:
            limit = format_number(self.protected_limit)
            missing = "not weighted" if self.not_weighted else "no caseload recorded"
            return f"Protected ({what}): limit {limit}; {missing}"
        if self.load > self.protected_limit:
            over = format_number(self.load - self.protected_limit)
            text = (
                f"Protected ({what}): {format_number(self.load)} against a protected limit "
                f"of {format_number(self.protected_limit)}, {over} over: not honoured"
            )
            if self.recorded_before_it_began and self.recorded_on is not None:
                text += (
                    f" (caseload last recorded {_uk(self.recorded_on)}, before the "
                    "protection began)"
                )
            return text
        return (
            f"Protected ({what}): {format_number(self.load)} within a protected limit "
            f"of {format_number(self.protected_limit)}: honoured"
        )


@dataclass(frozen=True)
class ProtectionOverYear:
    """One protection over the last 12 months, judged on every caseload record."""

    staff_id: int
    name: str
    label: str
    limit_percent: int
    start_date: dt.date
    end_date: dt.date | None
    records: int  # caseload records dated while it applied, in the period
    breaches: int  # of those, how many were over the protected limit
    first_breach: dt.date | None

    @property
    def honoured(self) -> bool | None:
        return None if self.records == 0 else self.breaches == 0


@dataclass(frozen=True)
class ProtectedCaseloads:
    today: dt.date
    since: dt.date  # the start of the 12 months
    people: tuple[ProtectedCaseload, ...]
    year: tuple[ProtectionOverYear, ...]

    @property
    def honoured_today(self) -> int:
        return sum(1 for p in self.people if p.honoured is True)

    @property
    def judged_today(self) -> int:
        return sum(1 for p in self.people if p.honoured is not None)

    @property
    def unrecorded_today(self) -> int:
        """Not judged today: no caseload recorded, or not weighted (``unweighted_today``)."""
        return sum(1 for p in self.people if p.honoured is None)

    @property
    def unweighted_today(self) -> int:
        return sum(1 for p in self.people if p.honoured is None and p.not_weighted)

    @property
    def honoured_year(self) -> int:
        return sum(1 for p in self.year if p.honoured is True)

    @property
    def judged_year(self) -> int:
        return sum(1 for p in self.year if p.honoured is not None)

    @property
    def unrecorded_year(self) -> int:
        return sum(1 for p in self.year if p.honoured is None)

    @property
    def today_words(self) -> str:
        if not self.people:
            return "No one has an active protection today."
        text = (
            f"Protections honoured today: {self.honoured_today} of {self.judged_today} "
            "(caseload within the protected limit)"
        )
        unweighted = self.unweighted_today
        if self.unrecorded_today - unweighted:
            text += f"; {self.unrecorded_today - unweighted} with no caseload recorded"
        if unweighted:
            text += f"; {unweighted} not weighted"
        return text + "."

    @property
    def year_words(self) -> str:
        period = f"{_uk(self.since)} to {_uk(self.today)}"
        if not self.year:
            return f"No protection applied in the last 12 months ({period})."
        text = (
            f"Over the last 12 months ({period}): {self.honoured_year} of {self.judged_year} "
            "protections stayed within the protected limit on every caseload record "
            "while they applied"
        )
        if self.unrecorded_year:
            text += f"; {self.unrecorded_year} had no caseload recorded while they applied"
        return text + "."


def protected_caseload_of(p: PersonSummary) -> ProtectedCaseload | None:
    """A person's protected limit next to their caseload, if a protection applies."""
    protection = p.limit.protection
    if protection is None:
        return None
    load = caseload_load(p.open_cases, p.weighted_points, p.limit)
    return ProtectedCaseload(
        staff_id=p.staff_id,
        name=p.name,
        team_name=p.team_name,
        kind=protection.kind,
        label=protection.label,
        limit_percent=protection.limit_percent,
        protected_limit=p.limit.red,
        unit=p.limit.unit,
        load=load,
        recorded_on=p.recorded_on if load is not None else None,
        ends_on=protection.end_date,
        starts_on=protection.start_date,
        status=p.status,
    )


def protected_caseloads(
    db: Database,
    team_ids: Sequence[int] | None,
    *,
    today: dt.date | None = None,
    summary: TeamSummary | None = None,
) -> ProtectedCaseloads:
    """Protected limits against caseloads today, and the last 12 months, for some teams
    or all (None). ``summary``: the same teams' summary on the same day, if at hand."""
    today = summary.today if summary is not None else (today or dt.date.today())
    if summary is None:
        summary = team_summary(db, team_ids, today=today)
    people = [found for p in summary.people if (found := protected_caseload_of(p)) is not None]
    since = year_before(today)
    return ProtectedCaseloads(
        today=today,
        since=since,
        people=tuple(sorted(people, key=lambda p: (p.honoured is not False, p.name.casefold()))),
        year=tuple(_over_year(db, team_ids, since, today)),
    )


def _over_year(
    db: Database, team_ids: Sequence[int] | None, since: dt.date, today: dt.date
) -> list[ProtectionOverYear]:
    s, r, p, c = (
        tables.staff_member.c,
        tables.role.c,
        tables.protection.c,
        tables.caseload_record.c,
    )
    staff_query = (
        select(
            s.id,
            s.name,
            s.fte,
            s.leaving_date,
            r.amber_threshold,
            r.red_threshold,
            r.uses_weighting,
        )
        .join(tables.role, r.id == s.role_id)
        .where(or_(s.leaving_date.is_(None), s.leaving_date > since))
    )
    if team_ids is not None:
        staff_query = staff_query.where(s.team_id.in_(list(team_ids)))
    protected = select(p.staff_id).where(
        p.start_date <= today, or_(p.end_date.is_(None), p.end_date >= since)
    )
    staff_query = staff_query.where(s.id.in_(protected))
    with db.connection() as connection:
        staff = {row[0]: row for row in connection.execute(staff_query)}
        if not staff:
            return []
        ids = list(staff)
        protections: dict[int, list[tuple[int, ActiveProtection]]] = defaultdict(list)
        for pid, staff_id, kind, start, end, percent in connection.execute(
            select(p.id, p.staff_id, p.kind, p.start_date, p.end_date, p.limit_percent).where(
                p.staff_id.in_(ids)
            )
        ):
            protections[staff_id].append((pid, ActiveProtection(kind, start, end, percent)))
        records: dict[int, list[tuple[dt.date, int, float | None]]] = defaultdict(list)
        for staff_id, day, cases, points in connection.execute(
            select(c.staff_id, c.recorded_on, c.open_cases, c.weighted_points)
            .where(c.staff_id.in_(ids), c.recorded_on >= since, c.recorded_on <= today)
            .order_by(c.recorded_on)
        ):
            records[staff_id].append((day, cases, points))
    found = []
    for staff_id, row in staff.items():
        _, name, fte, leaving, amber, red, weighted = row
        all_protections = [ap for _, ap in protections[staff_id]]
        # The limit on a day depends only on the protection that applies then: each is
        # worked out once per person (a year of records, several protections).
        limits: dict[ActiveProtection | None, AdjustedLimit] = {}
        last_day = today if leaving is None else min(today, leaving - dt.timedelta(days=1))
        for _pid, protection in protections[staff_id]:
            start = max(protection.start_date, since)
            end = min(protection.end_date or today, last_day)
            if start > end:
                continue
            judged = breaches = 0
            first_breach = None
            for day, cases, points in records[staff_id]:
                if not start <= day <= end:
                    continue
                applying = most_protective(all_protections, day)
                limit = limits.get(applying)
                if limit is None:
                    limit = limits[applying] = adjusted_limit(
                        amber, red, fte, all_protections, on=day, uses_weighting=weighted
                    )
                load = caseload_load(cases, points, limit)
                if load is None:
                    continue
                judged += 1
                if load > limit.red:
                    breaches += 1
                    first_breach = first_breach or day
            found.append(
                ProtectionOverYear(
                    staff_id=staff_id,
                    name=name,
                    label=protection.label,
                    limit_percent=protection.limit_percent,
                    start_date=protection.start_date,
                    end_date=protection.end_date,
                    records=judged,
                    breaches=breaches,
                    first_breach=first_breach,
                )
            )
    found.sort(key=lambda y: (y.honoured is not False, y.name.casefold(), y.start_date))
    return found
