"""A team's funded establishment against who is in post, and the cases waiting.

The figures, for one team on a date (every one can be worked out by hand):

* **Funded FTE**: the sum of the team's funded full-time equivalents, role by role
  (``TeamEstablishment``).
* **In-post FTE**: the sum of the FTE of the people in post on the date (started, not
  yet left), role by role; people in a role with no funding count in the total.
* **Vacant FTE**: for each funded role, funded minus in post, never below zero; the
  team's vacant FTE is the sum over roles (a role over its funding does not fill a
  vacancy in another role).
* **Vacancy rate**: vacant FTE as a share of funded FTE.
* **Safe capacity**, compared like with like: the sum of the adjusted safe limits of
  the people in post whose limits are counted in cases, against the sum of *their*
  latest open cases (``counted_cases``); and, when the team has roles counted in points
  (weighted caseloads), separately the sum of those people's limits in points against
  their latest weighted points. **Open cases** (``open_cases``) is everyone's open
  cases, used for sharing; **cases waiting**: the latest count of cases waiting to be
  allocated on or before the date.
* **If the vacancies were filled**, person by person, within their own role: the open
  cases of the people in the role (points, for a role counted in points) shared over
  the role's in-post FTE plus its vacant FTE, times the person's FTE; plus their share
  of the cases waiting, which are shared over every post in the team (in post plus
  vacant) by FTE. A share above the person's safe limit (their protected limit, when
  protected) is flagged (``over_limit``). The team line ("per full-time post if
  filled") is all open and waiting cases over all posts; "per FTE now" is the same
  cases over the in-post FTE alone.

Reads go through SQLAlchemy Core (the dashboard shows them before the ORM loads);
changes go through the ORM in one transaction, so the audit trail records them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.percentages import percent_words
from wellbeing_desktop.services.summary import TeamSummary, team_summary
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

MAX_FUNDED_FTE = 1000.0
MAX_WAITING = 100_000


@dataclass(frozen=True)
class RoleEstablishment:
    role_id: int
    role_name: str
    funded_fte: float  # 0 when the role has people in post but no funding
    in_post_fte: float
    headcount: int

    @property
    def vacant_fte(self) -> float:
        return round(max(0.0, self.funded_fte - self.in_post_fte), 2)

    @property
    def over_fte(self) -> float:
        """In post beyond the funding (0 when within it)."""
        return round(max(0.0, self.in_post_fte - self.funded_fte), 2)


@dataclass(frozen=True)
class IfFilled:
    """One person's caseload now, and what it would be if the vacancies were filled."""

    staff_id: int
    name: str
    fte: float
    open_cases: int | None
    if_filled: float | None  # None when there are no posts to share over
    unit: str = "cases"  # "points" for a role counted in points
    limit: float | None = None  # the person's adjusted (protected) limit, in ``unit``
    protected: bool = False
    load: float | None = None  # their caseload now in ``unit``

    @property
    def over_limit(self) -> bool:
        """Whether the share if filled would be above their safe (protected) limit."""
        return self.if_filled is not None and self.limit is not None and self.if_filled > self.limit

    @property
    def words(self) -> str:
        """'13.5 cases', or '13.5 cases, over the protected limit of 12'."""
        if self.if_filled is None:
            return "–"
        unit = "pts" if self.unit == "points" else "cases"
        text = f"{figure(self.if_filled)} {unit}"
        if self.over_limit:
            which = "protected limit" if self.protected else "safe limit"
            text += f", over the {which} of {figure(self.limit or 0)}"
        return text


@dataclass(frozen=True)
class EstablishmentFigures:
    team_id: int | None  # None: several teams added up
    team_name: str
    today: dt.date
    roles: tuple[RoleEstablishment, ...]
    safe_capacity: float
    open_cases: int
    waiting: int | None  # None: never recorded
    waiting_recorded_on: dt.date | None
    people: tuple[IfFilled, ...] = ()
    # Like with like: open cases of the people whose limits are in cases (None: all of
    # open_cases), and the points and limits in points of those counted in points.
    counted_cases: int | None = None
    points_load: float = 0.0
    points_capacity: float = 0.0

    @property
    def cases_against_capacity(self) -> int:
        return self.open_cases if self.counted_cases is None else self.counted_cases

    @property
    def has_points(self) -> bool:
        return self.points_capacity > 0

    @property
    def has_establishment(self) -> bool:
        return any(r.funded_fte > 0 for r in self.roles)

    @property
    def funded_fte(self) -> float:
        return round(sum(r.funded_fte for r in self.roles), 2)

    @property
    def in_post_fte(self) -> float:
        return round(sum(r.in_post_fte for r in self.roles), 2)

    @property
    def vacant_fte(self) -> float:
        return round(sum(r.vacant_fte for r in self.roles), 2)

    @property
    def vacancy_rate(self) -> float | None:
        return self.vacant_fte / self.funded_fte if self.funded_fte else None

    @property
    def cases_to_share(self) -> int:
        return self.open_cases + (self.waiting or 0)

    @property
    def per_fte_now(self) -> float | None:
        """Open and waiting cases per in-post FTE."""
        return _share(self.cases_to_share, self.in_post_fte)

    @property
    def per_fte_if_filled(self) -> float | None:
        """Open and waiting cases per FTE if every vacancy were filled."""
        return _share(self.cases_to_share, self.in_post_fte + self.vacant_fte)

    def describe(self) -> list[str]:
        """The figures in words, a sentence each (the CLI, the reports, tool tips)."""
        lines = []
        if self.has_establishment:
            rate = self.vacancy_rate
            lines.append(
                f"Funded {figure(self.funded_fte)} FTE, in post "
                f"{figure(self.in_post_fte)} FTE, vacant "
                f"{figure(self.vacant_fte)} FTE"
                + (f" (vacancy rate {rate_words(rate)})" if rate is not None else "")
                + "."
            )
            over = [r for r in self.roles if r.funded_fte > 0 and r.over_fte > 0]
            if over:
                lines.append(
                    "Over establishment: "
                    + "; ".join(
                        f"{r.role_name} by {figure(r.over_fte)} FTE "
                        f"({figure(r.in_post_fte)} in post, {figure(r.funded_fte)} funded)"
                        for r in over
                    )
                    + "."
                )
        else:
            lines.append(
                f"No funded establishment recorded; in post {figure(self.in_post_fte)} FTE."
            )
        if self.has_points:
            lines.append(
                f"Roles counted in cases: safe capacity {figure(self.safe_capacity)} cases "
                f"against {self.cases_against_capacity:,} open cases."
            )
            lines.append(
                f"Roles counted in points: safe capacity {figure(self.points_capacity)} points "
                f"against {figure(self.points_load)} points."
            )
        else:
            lines.append(
                f"Safe capacity {figure(self.safe_capacity)} cases against "
                f"{self.cases_against_capacity:,} open cases."
            )
        if self.waiting is None:
            lines.append("Cases waiting to be allocated: not recorded.")
        else:
            lines.append(
                f"Cases waiting to be allocated: {self.waiting:,}"
                + (
                    f" (as on {self.waiting_recorded_on.strftime('%d/%m/%Y')})."
                    if self.waiting_recorded_on
                    else "."
                )
            )
        now, filled = self.per_fte_now, self.per_fte_if_filled
        if filled is not None and self.vacant_fte > 0:
            lines.append(
                f"If the {figure(self.vacant_fte)} vacant FTE were filled, the "
                f"{self.cases_to_share:,} open and waiting cases would be "
                f"{figure(filled)} per full-time post"
                + (f", against {figure(now)} per FTE in post now." if now else ".")
            )
        elif now is not None:
            lines.append(
                f"The {self.cases_to_share:,} open and waiting cases are "
                f"{figure(now)} per FTE in post; there are no vacancies."
            )
        over = [p for p in self.people if p.over_limit]
        if over and self.vacant_fte > 0:
            lines.append(
                "Even with the vacancies filled (sharing within each role), "
                + (
                    "1 person's share would be"
                    if len(over) == 1
                    else f"{len(over)} people's shares would be"
                )
                + " above their limit: "
                + "; ".join(
                    f"{p.name} {p.words.replace(', over the', ' against the')}" for p in over
                )
                + "."
            )
        return lines


@dataclass(frozen=True)
class OrganisationEstablishment:
    today: dt.date
    teams: tuple[EstablishmentFigures, ...]
    total: EstablishmentFigures


def figure(value: float) -> str:
    """1326.5 -> '1,326.5', 30.0 -> '30': a figure with thousands separated."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def rate_words(rate: float) -> str:
    """0.1241 -> '12.4%', 0.4 -> '40%'."""
    return percent_words(rate, 1)


def _share(cases: int, fte: float) -> float | None:
    return round(cases / fte, 2) if fte > 0 else None


# ---- reading ---------------------------------------------------------------------------


def _funded(connection: Connection, team_ids: Sequence[int] | None) -> dict[int, dict[int, float]]:
    e = tables.team_establishment.c
    query = select(e.team_id, e.role_id, e.funded_fte)
    if team_ids is not None:
        query = query.where(e.team_id.in_(list(team_ids)))
    found: dict[int, dict[int, float]] = defaultdict(dict)
    for team_id, role_id, fte in connection.execute(query):
        found[team_id][role_id] = float(fte)
    return found


def latest_waiting(
    connection: Connection, team_ids: Sequence[int] | None, on: dt.date
) -> dict[int, tuple[int, dt.date]]:
    """Each team's latest count of cases waiting on or before a date, with its date."""
    u = tables.unallocated_cases.c
    query = select(u.team_id, u.recorded_on, u.cases).where(u.recorded_on <= on)
    if team_ids is not None:
        query = query.where(u.team_id.in_(list(team_ids)))
    found: dict[int, tuple[int, dt.date]] = {}
    for team_id, day, cases in connection.execute(query.order_by(u.recorded_on)):
        found[team_id] = (int(cases), day)
    return found


def _role_names(connection: Connection) -> dict[int, str]:
    r = tables.role.c
    return dict(connection.execute(select(r.id, r.name)).all())


def _team_names(connection: Connection) -> dict[int, str]:
    t = tables.team.c
    return dict(connection.execute(select(t.id, t.name)).all())


def _figures(
    team_id: int | None,
    team_name: str,
    summary: TeamSummary,
    role_ids: Mapping[str, int],
    role_names: Mapping[int, str],
    funded: Mapping[int, float],
    waiting: tuple[int, dt.date] | None,
    *,
    people: bool = True,
) -> EstablishmentFigures:
    in_post: dict[int, float] = defaultdict(float)
    heads: dict[int, int] = defaultdict(int)
    for person in summary.people:
        role_id = role_ids[person.role_name]
        in_post[role_id] += person.fte
        heads[role_id] += 1
    roles = sorted(
        (
            RoleEstablishment(
                role_id,
                role_names.get(role_id, ""),
                round(funded.get(role_id, 0.0), 2),
                round(in_post.get(role_id, 0.0), 2),
                heads.get(role_id, 0),
            )
            for role_id in set(funded) | set(in_post)
        ),
        key=lambda r: r.role_name.casefold(),
    )
    figures = EstablishmentFigures(
        team_id=team_id,
        team_name=team_name,
        today=summary.today,
        roles=tuple(roles),
        safe_capacity=summary.total_capacity,
        open_cases=summary.total_cases,
        counted_cases=summary.cases_column_total,
        points_load=summary.points_column_total,
        points_capacity=summary.points_capacity,
        waiting=waiting[0] if waiting else None,
        waiting_recorded_on=waiting[1] if waiting else None,
    )
    if not people:
        return figures
    posts = figures.in_post_fte + figures.vacant_fte
    by_role = {r.role_id: r for r in figures.roles}
    role_load: dict[int, float] = defaultdict(float)
    for p in summary.people:
        load = p.weighted_points if p.limit.unit == "points" else p.open_cases
        role_load[role_ids[p.role_name]] += load or 0
    waiting_per_post = (figures.waiting or 0) / posts if posts > 0 else 0.0

    def share(p: object) -> IfFilled:
        person = p  # a PersonSummary
        role_id = role_ids[person.role_name]  # type: ignore[attr-defined]
        role = by_role[role_id]
        role_posts = role.in_post_fte + role.vacant_fte
        in_points = person.limit.unit == "points"  # type: ignore[attr-defined]
        if role_posts > 0:
            value = role_load[role_id] * person.fte / role_posts  # type: ignore[attr-defined]
            if not in_points:
                value += waiting_per_post * person.fte  # type: ignore[attr-defined]
            if_filled: float | None = round(value, 2)
        else:
            if_filled = None
        return IfFilled(
            person.staff_id,  # type: ignore[attr-defined]
            person.name,  # type: ignore[attr-defined]
            person.fte,  # type: ignore[attr-defined]
            person.open_cases,  # type: ignore[attr-defined]
            if_filled,
            unit=person.limit.unit,  # type: ignore[attr-defined]
            limit=person.limit.red,  # type: ignore[attr-defined]
            protected=person.limit.protection is not None,  # type: ignore[attr-defined]
            load=person.weighted_points if in_points else person.open_cases,  # type: ignore[attr-defined]
        )

    return replace(figures, people=tuple(share(p) for p in summary.people))


def _role_ids(db: Database) -> dict[str, int]:
    with db.connection() as connection:
        return {name: id_ for id_, name in _role_names(connection).items()}


def team_establishment(
    db: Database,
    team_id: int,
    *,
    today: dt.date | None = None,
    summary: TeamSummary | None = None,
) -> EstablishmentFigures:
    """One team's establishment figures on a date (``summary``: the team's summary on
    that date, when the caller already has it)."""
    today = summary.today if summary is not None else (today or dt.date.today())
    team_id = v.record_id("team_id", "Team", team_id, what="team")
    with db.connection() as connection:
        names = _team_names(connection)
        if team_id not in names:
            raise NotFoundError(f"There is no team with number {team_id}.")
        role_names = _role_names(connection)
        funded = _funded(connection, [team_id]).get(team_id, {})
        waiting = latest_waiting(connection, [team_id], today).get(team_id)
    if summary is None:
        summary = team_summary(db, [team_id], today=today)
    role_ids = {name: id_ for id_, name in role_names.items()}
    return _figures(team_id, names[team_id], summary, role_ids, role_names, funded, waiting)


def organisation_establishment(
    db: Database,
    team_ids: Sequence[int] | None = None,
    *,
    today: dt.date | None = None,
    summary: TeamSummary | None = None,
    people: bool = True,
) -> OrganisationEstablishment:
    """Every team's figures (teams with people in post or an establishment; only
    ``team_ids`` when given), and their sums: funded, in-post and vacant FTE, capacity,
    open and waiting cases are the sums of the teams'. ``summary``: the same teams'
    summary on the same day, if at hand. ``people=False`` leaves out each team's
    people with their caseloads if the vacancies were filled (``people``), for readers
    that show only the figures."""
    today = summary.today if summary is not None else (today or dt.date.today())
    with db.connection() as connection:
        names = _team_names(connection)
        role_names = _role_names(connection)
        funded = _funded(connection, team_ids)
        waiting = latest_waiting(connection, team_ids, today)
        t = tables.team.c
        archived = set(connection.execute(select(t.id).where(t.archived.is_(True))).scalars())
    if summary is None:
        summary = team_summary(db, team_ids, today=today)
    role_ids = {name: id_ for id_, name in role_names.items()}
    by_team: dict[int, list[object]] = defaultdict(list)
    for person in summary.people:
        by_team[person.team_id].append(person)
    shown = (set(by_team) | {tid for tid, roles in funded.items() if roles}) - (
        archived - set(by_team)
    )
    if team_ids is not None:
        shown |= set(team_ids) & set(names)
    teams = []
    for team_id in sorted(shown, key=lambda tid: names.get(tid, "").casefold()):
        part = TeamSummary(
            title=names.get(team_id, ""),
            today=today,
            people=tuple(by_team.get(team_id, ())),  # type: ignore[arg-type]
        )
        teams.append(
            _figures(
                team_id,
                names.get(team_id, ""),
                part,
                role_ids,
                role_names,
                funded.get(team_id, {}),
                waiting.get(team_id),
                people=people,
            )
        )
    roles: dict[int, list[RoleEstablishment]] = defaultdict(list)
    for figures in teams:
        for role in figures.roles:
            roles[role.role_id].append(role)
    # Role lines are summed team by team, so the organisation's vacant FTE is the sum of
    # the teams' (one team's surplus does not fill another's vacancy).
    total_roles = tuple(
        RoleEstablishment(
            role_id,
            lines[0].role_name,
            round(sum(r.funded_fte for r in lines), 2),
            round(sum(r.in_post_fte for r in lines), 2),
            sum(r.headcount for r in lines),
        )
        for role_id, lines in sorted(roles.items(), key=lambda kv: kv[1][0].role_name.casefold())
    )
    total = _OrgTotal(
        team_id=None,
        team_name="All teams",
        today=today,
        roles=total_roles,
        safe_capacity=round(sum(f.safe_capacity for f in teams), 2),
        open_cases=sum(f.open_cases for f in teams),
        counted_cases=sum(f.cases_against_capacity for f in teams),
        points_load=round(sum(f.points_load for f in teams), 2),
        points_capacity=round(sum(f.points_capacity for f in teams), 2),
        waiting=sum(f.waiting for f in teams if f.waiting is not None)
        if any(f.waiting is not None for f in teams)
        else None,
        waiting_recorded_on=None,
        vacant_sum=round(sum(f.vacant_fte for f in teams), 2),
    )
    return OrganisationEstablishment(today, tuple(teams), total)


@dataclass(frozen=True)
class _OrgTotal(EstablishmentFigures):
    """The organisation's sums: vacant FTE is the sum of the teams' vacant FTE."""

    vacant_sum: float = 0.0

    @property
    def vacant_fte(self) -> float:
        return self.vacant_sum


def establishment_as_dict(figures: EstablishmentFigures) -> dict[str, object]:
    """The figures as plain JSON-ready data."""
    return {
        "team": figures.team_name,
        "date": figures.today.isoformat(),
        "funded_fte": figures.funded_fte,
        "in_post_fte": figures.in_post_fte,
        "vacant_fte": figures.vacant_fte,
        "vacancy_rate": figures.vacancy_rate,
        "safe_capacity": figures.safe_capacity,
        "open_cases": figures.open_cases,
        "open_cases_against_capacity": figures.cases_against_capacity,
        "points_capacity": figures.points_capacity,
        "points": figures.points_load,
        "cases_waiting": figures.waiting,
        "cases_waiting_recorded_on": (
            figures.waiting_recorded_on.isoformat() if figures.waiting_recorded_on else None
        ),
        "cases_per_fte_now": figures.per_fte_now,
        "cases_per_fte_if_filled": figures.per_fte_if_filled,
        "roles": [
            {
                "role": r.role_name,
                "funded_fte": r.funded_fte,
                "in_post_fte": r.in_post_fte,
                "vacant_fte": r.vacant_fte,
                "headcount": r.headcount,
            }
            for r in figures.roles
        ],
        "people": [
            {"id": p.staff_id, "fte": p.fte, "open_cases": p.open_cases, "if_filled": p.if_filled}
            for p in figures.people
        ],
        "in_words": figures.describe(),
    }


# ---- the editor ------------------------------------------------------------------------


@dataclass(frozen=True)
class EstablishmentDraft:
    """What the establishment editor shows and collects for one team."""

    team_id: int
    funded: dict[int, float]  # role id -> funded FTE
    waiting: int | None
    waiting_recorded_on: dt.date | None


def establishment_draft(
    db: Database, team_id: int, *, today: dt.date | None = None
) -> EstablishmentDraft:
    """The team's funded FTE per role and its latest count of cases waiting."""
    today = today or dt.date.today()
    team_id = v.record_id("team_id", "Team", team_id, what="team")
    with db.connection() as connection:
        if team_id not in _team_names(connection):
            raise NotFoundError(f"There is no team with number {team_id}.")
        funded = _funded(connection, [team_id]).get(team_id, {})
        waiting = latest_waiting(connection, [team_id], today).get(team_id)
    return EstablishmentDraft(
        team_id, dict(funded), waiting[0] if waiting else None, waiting[1] if waiting else None
    )


def save_establishment(
    db: Database,
    team_id: int,
    funded: Mapping[int, object],
    *,
    waiting: object = None,
    today: dt.date | None = None,
) -> EstablishmentDraft:
    """Set the team's funded FTE for the roles given, in one transaction. A role given
    0 or nothing loses its line; roles not given are left as they are. ``waiting``
    (when not None) is today's count of cases waiting to be allocated: a new dated
    count, or today's count replaced (history kept)."""
    from wellbeing_desktop.storage.models import Role, Team, TeamEstablishment

    today = today or dt.date.today()
    team_id = v.record_id("team_id", "Team", team_id, what="team")
    clean: dict[int, float] = {}
    for role_id, value in funded.items():
        role_id = v.reference("funded", "role", role_id) or 0
        if value is None or (isinstance(value, str) and not value.strip()):
            clean[role_id] = 0.0
            continue
        clean[role_id] = v.number(
            f"funded:{role_id}", "Funded FTE", value, minimum=0, maximum=MAX_FUNDED_FTE
        )
    clean_waiting = (
        None
        if waiting is None
        else v.whole_number("waiting", "Cases waiting", waiting, maximum=MAX_WAITING)
    )
    with db.session() as session:
        if session.get(Team, team_id) is None:
            raise NotFoundError("That team no longer exists.")
        known = set(session.scalars(select(Role.id).where(Role.id.in_(list(clean)))))
        for role_id in clean:
            if role_id not in known:
                raise ValidationError("funded", "That role does not exist.")
        lines = {
            line.role_id: line
            for line in session.scalars(
                select(TeamEstablishment).where(TeamEstablishment.team_id == team_id)
            )
        }
        for role_id, fte in clean.items():
            line = lines.get(role_id)
            if fte == 0:
                if line is not None:
                    session.delete(line)
            elif line is None:
                session.add(TeamEstablishment(team_id=team_id, role_id=role_id, funded_fte=fte))
            elif line.funded_fte != fte:
                line.funded_fte = fte
        if clean_waiting is not None:
            set_waiting_in(session, team_id, clean_waiting, today)
    return establishment_draft(db, team_id, today=today)


def remove_establishment(db: Database, team_id: int, role_id: int) -> None:
    """Remove one role's funded line from a team."""
    save_establishment(db, team_id, {role_id: 0})


def role_id_named(db: Database, name: str) -> int:
    """A role's id from its name (case-insensitive); NotFoundError if there is none."""
    r = tables.role.c
    wanted = name.strip().casefold()
    with db.connection() as connection:
        for id_, role_name in connection.execute(select(r.id, r.name)):
            if role_name.casefold() == wanted:
                return int(id_)
    raise NotFoundError(f"There is no role called '{name.strip()[:80]}'.")


def set_waiting_in(session: Session, team_id: int, cases: int, on: dt.date) -> None:
    """Record the count of cases waiting on a date within a caller's transaction: today's
    count is replaced, an earlier day's is kept."""
    from wellbeing_desktop.storage.models import UnallocatedCases

    row = session.scalar(
        select(UnallocatedCases).where(
            UnallocatedCases.team_id == team_id, UnallocatedCases.recorded_on == on
        )
    )
    if row is None:
        session.add(UnallocatedCases(team_id=team_id, recorded_on=on, cases=cases))
    elif row.cases != cases:
        row.cases = cases


def set_waiting_cases(
    db: Database, team_id: int, cases: object, *, today: dt.date | None = None
) -> None:
    """Record how many cases are waiting to be allocated in a team today."""
    save_establishment(db, team_id, {}, waiting=cases, today=today)
