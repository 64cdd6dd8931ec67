"""A made-up organisation, for trying the app, demonstrations and benchmarks.

``generate_demo_data`` fills a database with teams, people, caseload history,
supervision, wellbeing check-ins and signposting that look like a real health and
social care organisation: some teams running hot, supervision slipping in places,
leavers replaced by new starters (some newly qualified), a phased return or two.
Everything follows from the seed: the same seed, arguments and ``today`` give the
same rows (apart from the ``created_at``/``updated_at`` stamps the database adds).

Speed matters (2,000 staff with ten years of history is the benchmark size), so
rows go in through SQLAlchemy Core ``insert()`` executemany in large batches, with
ids worked out here, all in one transaction. Dates are handled as ordinals inside.

Every name and note is invented. None is ever logged or printed.

The package: ``vocabulary`` (the invented words), ``generator`` (the organisation and
its history), ``writer`` (bulk inserts); here, the entry point and its counts. Training,
development, workload reviews and plans are added by the ``demo_*`` modules beside it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services.defaults import seed_defaults
from wellbeing_desktop.services.demo_data.generator import Generator, RoleInfo
from wellbeing_desktop.services.demo_data.vocabulary import SERVICE_TYPES
from wellbeing_desktop.services.demo_data.writer import (
    TABLES,
    Ids,
    Writer,
    next_ids,
    reset_sequences,
)
from wellbeing_desktop.services.demo_development import add_development_examples
from wellbeing_desktop.services.demo_plans import add_demo_plans_and_cpd
from wellbeing_desktop.services.demo_training import add_demo_training
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    Role,
    StaffMember,
    Team,
    WellbeingService,
)


@dataclass(frozen=True)
class DemoStats:
    """How much was made (counts only: no names)."""

    teams: int
    staff_members: int
    in_post: int
    leavers: int
    protections: int
    caseload_records: int
    caseload_bands: int
    sessions: int
    attendees: int
    actions: int
    check_ins: int
    signposting_records: int
    first_day: dt.date
    today: dt.date
    training_completions: int = 0

    @property
    def total_rows(self) -> int:
        return (
            self.teams
            + self.staff_members
            + self.protections
            + self.caseload_records
            + self.caseload_bands
            + self.sessions
            + self.attendees
            + self.actions
            + self.check_ins
            + self.signposting_records
            + self.training_completions
        )

    def describe(self) -> str:
        """One line of counts for the command line."""
        return (
            f"{self.teams} teams, {self.in_post} staff in post ({self.leavers} leavers), "
            f"{self.caseload_records:,} caseload records, {self.sessions:,} supervision "
            f"sessions with {self.actions:,} actions, {self.check_ins:,} check-ins, "
            f"{self.signposting_records:,} signposting records, "
            f"{self.training_completions:,} training completions "
            f"({self.first_day:%d/%m/%Y} to {self.today:%d/%m/%Y})"
        )


def _establishments(connection: Connection, today: dt.date, seed: int) -> None:
    """Each team's funded establishment (what is in post today, with a vacancy or two in
    most teams) and a few months of counts of cases waiting to be allocated."""
    from wellbeing_desktop.storage.models import TeamEstablishment, UnallocatedCases

    rng = random.Random(seed * 7919 + 17)
    staff = StaffMember.__table__.c
    in_post: dict[int, dict[int, float]] = {}
    for team_id, role_id, fte in connection.execute(
        select(staff.team_id, staff.role_id, func.sum(staff.fte))
        .where(
            (staff.leaving_date.is_(None)) | (staff.leaving_date > today),
            (staff.start_date.is_(None)) | (staff.start_date <= today),
        )
        .group_by(staff.team_id, staff.role_id)
        .order_by(staff.team_id, staff.role_id)
    ):
        in_post.setdefault(team_id, {})[role_id] = float(fte)
    funded_rows, waiting_rows = [], []
    for team_id, roles in in_post.items():
        main_role = max(roles, key=lambda role: (roles[role], -role))
        vacancy = rng.choice((0.0, 0.5, 1.0, 1.0, 1.5, 2.0))
        for role_id, fte in roles.items():
            extra = vacancy if role_id == main_role else rng.choice((0.0, 0.0, 0.0, 0.5))
            funded = round(round(fte * 2) / 2 + extra, 1)  # posts are funded in half-FTEs
            funded_rows.append({"team_id": team_id, "role_id": role_id, "funded_fte": funded})
        waiting = rng.randint(2, 14)
        for months_ago in (3, 2, 1, 0):
            day = today - dt.timedelta(days=months_ago * 30 + rng.randint(1, 6))
            waiting = max(0, waiting + rng.randint(-3, 4))
            waiting_rows.append({"team_id": team_id, "recorded_on": day, "cases": waiting})
    if funded_rows:
        connection.execute(insert(TeamEstablishment), funded_rows)
        connection.execute(insert(UnallocatedCases), waiting_rows)


def generate_demo_data(
    db: Database,
    *,
    staff: int = 40,
    years: float = 2,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> DemoStats:
    """Fill ``db`` with a made-up organisation of about ``staff`` people in post and
    ``years`` of history up to ``today``, deterministically from ``seed``.

    The database must have no teams or staff yet; the default roles and services
    directory are added if missing. Everything is written in one transaction, so a
    failure leaves the database as it was. ``progress`` is called with 0..1.
    """
    if staff < 1:
        raise ValidationError("staff", "Demo data needs at least one member of staff.")
    if years <= 0:
        raise ValidationError("years", "Demo data needs some history: years must be above 0.")
    today = today or dt.date.today()
    report = progress or (lambda _fraction: None)
    report(0.0)
    with db.session() as session:
        seed_defaults(session)
        session.flush()
        if session.scalar(select(func.count()).select_from(StaffMember)) or session.scalar(
            select(func.count()).select_from(Team)
        ):
            raise ValidationError(
                "database", "Demo data can only be added to a database with no teams or staff."
            )
        roles: dict[str, RoleInfo] = {}
        for id_, key, red, sup_days, checkin_days in session.execute(
            select(
                Role.id,
                Role.key,
                Role.red_threshold,
                Role.supervision_interval_days,
                Role.checkin_interval_days,
            )
        ):
            if key is not None:  # the shipped defaults, found by key whatever their name
                roles[key] = RoleInfo(id_, key, red, sup_days, checkin_days)
        needed = {key for kind in SERVICE_TYPES for key, _share in kind.roles}
        if needed - roles.keys():
            raise ValidationError(
                "roles", "Demo data needs the default roles; some have been removed or renamed."
            )
        services = [
            (id_, category, nation or "")
            for id_, category, nation in session.execute(
                select(WellbeingService.id, WellbeingService.category, WellbeingService.nation)
                .where(WellbeingService.hidden.is_(False))
                .order_by(WellbeingService.id)
            )
        ]
        if not services:
            raise ValidationError("services", "Demo data needs at least one wellbeing service.")
        connection = session.connection()
        if db.is_sqlite:
            # A bigger page cache for this load only: index pages stay in memory.
            cache_size = connection.exec_driver_sql("PRAGMA cache_size").scalar()
            connection.exec_driver_sql("PRAGMA cache_size = -262144")
        writer = Writer(connection, TABLES)
        generator = Generator(
            writer,
            Ids(next_ids(connection)),
            roles,
            services,
            seed=seed,
            staff=staff,
            years=years,
            today=today,
        )
        plans = generator.team_plans()
        done = 0
        for index, ((kind, name), size) in enumerate(zip(plans, generator.sizes, strict=True)):
            generator.team(index, kind, name, size, examples=index == min(1, len(plans) - 1))
            done += size
            if writer.flush_if_full():
                report(0.97 * done / staff)
        writer.flush()
        _establishments(connection, today, seed)
        completions = add_demo_training(
            connection, today=today, first=dt.date.fromordinal(generator.first), seed=seed
        )
        if db.is_sqlite:
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache_size or -2000)}")
        else:
            reset_sequences(connection)
            # Fresh statistics, so the planner knows the tables are no longer empty.
            connection.exec_driver_sql("ANALYZE")
        # Programmes, plans and CPD (a few hundred rows, through the ORM; ids are safe to
        # hand out now that the sequences have moved past the bulk load's).
        add_development_examples(session, today, seed)
        # The rest of the organisation's plans and CPD, in bulk (people without any yet).
        add_demo_plans_and_cpd(connection, today=today, seed=seed)
    # Workload reviews through the services, once the history is in (their own step).
    from wellbeing_desktop.services.demo_workload import add_demo_workload_reviews

    reallocated = add_demo_workload_reviews(db, today=today, seed=seed)
    report(1.0)
    counts = writer.counts
    counts["caseload_record"] += reallocated
    return DemoStats(
        teams=counts["team"],
        staff_members=counts["staff_member"],
        in_post=generator.in_post,
        leavers=generator.leavers,
        protections=counts["protection"],
        caseload_records=counts["caseload_record"],
        caseload_bands=counts["caseload_band"],
        sessions=counts["supervision_session"],
        attendees=counts["session_attendee"],
        actions=counts["supervision_action"],
        check_ins=counts["check_in"],
        signposting_records=counts["signposting_record"],
        first_day=dt.date.fromordinal(generator.first),
        today=today,
        training_completions=completions,
    )
