"""Teams, roles, staff members and their protections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.defaults import protection_defaults
from wellbeing_desktop.services.teams import TeamInfo as TeamInfo  # offered here too
from wellbeing_desktop.services.teams import list_teams as list_teams
from wellbeing_desktop.services.vocab import PROTECTION_KINDS
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import Protection, Role, StaffMember, Team


@dataclass(frozen=True)
class RoleInfo:
    id: int
    name: str
    amber_threshold: float
    red_threshold: float
    uses_weighting: bool
    supervision_interval_days: int
    checkin_interval_days: int
    source: str


@dataclass(frozen=True)
class ProtectionInfo:
    id: int
    kind: str
    label: str
    start_date: dt.date
    end_date: dt.date | None
    limit_percent: int
    note: str


@dataclass(frozen=True)
class StaffInfo:
    id: int
    name: str
    team_id: int
    team_name: str
    role_id: int
    role_name: str
    job_title: str
    pay_band: str
    fte: float
    start_date: dt.date | None
    leaving_date: dt.date | None
    supervisor_id: int | None
    notes: str
    protections: tuple[ProtectionInfo, ...] = ()


@dataclass
class StaffDraft:
    """What a form or an import collects about a person."""

    name: str = ""
    team_id: int | None = None
    role_id: int | None = None
    job_title: str = ""
    pay_band: str = ""
    fte: float | str = 1.0
    start_date: dt.date | str | None = None
    leaving_date: dt.date | str | None = None
    supervisor_id: int | None = None
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)


# ---- teams -----------------------------------------------------------------------------


def save_team(
    db: Database,
    name: str,
    *,
    service: str = "",
    manager_name: str = "",
    team_id: int | None = None,
) -> TeamInfo:
    clean_name = v.name("name", "Team name", name)
    clean_service = v.name("service", "Service", service, required=False)
    clean_manager = v.name("manager_name", "Manager", manager_name, required=False)
    if team_id is not None:
        team_id = v.record_id("team_id", "Team", team_id, what="team")
    with db.session() as session:
        clash = session.scalar(select(Team.id).where(func.lower(Team.name) == clean_name.lower()))
        if clash is not None and clash != team_id:
            raise ValidationError("name", "There is already a team with that name.")
        team = session.get(Team, team_id) if team_id is not None else Team()
        if team is None:
            raise NotFoundError("That team no longer exists.")
        team.name, team.service, team.manager_name = clean_name, clean_service, clean_manager
        session.add(team)
        _flush_unique(session, "name", "There is already a team with that name.")
        return TeamInfo(team.id, team.name, team.service, team.manager_name)


def _flush_unique(session: Session, field: str, message: str) -> None:
    """Flush, reporting a clash with a unique name as a validation error. The check
    before it compares names ignoring case, but SQLite's lower() folds only ASCII, and
    another manager may save the same name at the same moment."""
    try:
        session.flush()
    except IntegrityError:
        raise ValidationError(field, message) from None


# ---- roles -----------------------------------------------------------------------------


def _role_info(role: Role) -> RoleInfo:
    return RoleInfo(
        role.id,
        role.name,
        role.amber_threshold,
        role.red_threshold,
        role.uses_weighting,
        role.supervision_interval_days,
        role.checkin_interval_days,
        role.source,
    )


def list_roles(db: Database) -> list[RoleInfo]:
    with db.session() as session:
        return [_role_info(r) for r in session.scalars(select(Role).order_by(Role.name))]


def save_role(
    db: Database,
    *,
    name: str,
    amber: object,
    red: object,
    supervision_interval_days: object = 28,
    checkin_interval_days: object = 28,
    uses_weighting: bool = False,
    source: str = "",
    role_id: int | None = None,
) -> RoleInfo:
    """Create or change a role. The amber level must not be above the safe limit."""
    clean_name = v.name("name", "Role name", name)
    amber_value = v.number(
        "amber", "Amber level", amber, minimum=0, maximum=10_000, exclusive_minimum=True
    )
    red_value = v.number(
        "red", "Safe limit", red, minimum=0, maximum=10_000, exclusive_minimum=True
    )
    if amber_value > red_value:
        raise ValidationError("amber", "The amber level cannot be above the safe limit.")
    supervision = v.whole_number(
        "supervision_interval_days",
        "Supervision every (days)",
        supervision_interval_days,
        minimum=1,
        maximum=366,
    )
    checkin = v.whole_number(
        "checkin_interval_days",
        "Check-in every (days)",
        checkin_interval_days,
        minimum=1,
        maximum=366,
    )
    clean_source = v.text("source", "Source", source, max_length=2000)
    if role_id is not None:
        role_id = v.record_id("role_id", "Role", role_id, what="role")
    with db.session() as session:
        clash = session.scalar(select(Role.id).where(func.lower(Role.name) == clean_name.lower()))
        if clash is not None and clash != role_id:
            raise ValidationError("name", "There is already a role with that name.")
        role = session.get(Role, role_id) if role_id is not None else Role()
        if role is None:
            raise NotFoundError("That role no longer exists.")
        role.name = clean_name
        role.amber_threshold, role.red_threshold = amber_value, red_value
        role.supervision_interval_days = supervision  # type: ignore[assignment]
        role.checkin_interval_days = checkin  # type: ignore[assignment]
        role.uses_weighting = bool(uses_weighting)
        role.source = clean_source
        session.add(role)
        _flush_unique(session, "name", "There is already a role with that name.")
        return _role_info(role)


# ---- staff -----------------------------------------------------------------------------


def _staff_info(member: StaffMember) -> StaffInfo:
    return StaffInfo(
        id=member.id,
        name=member.name,
        team_id=member.team_id,
        team_name=member.team.name,
        role_id=member.role_id,
        role_name=member.role.name,
        job_title=member.job_title,
        pay_band=member.pay_band,
        fte=member.fte,
        start_date=member.start_date,
        leaving_date=member.leaving_date,
        supervisor_id=member.supervisor_id,
        notes=member.notes,
        protections=tuple(
            ProtectionInfo(
                p.id,
                p.kind,
                PROTECTION_KINDS.get(p.kind, p.kind),
                p.start_date,
                p.end_date,
                p.limit_percent,
                p.note,
            )
            for p in sorted(member.protections, key=lambda p: p.start_date)
        ),
    )


def get_staff(db: Database, staff_id: int) -> StaffInfo:
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    with db.session() as session:
        member = session.get(StaffMember, staff_id)
        if member is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        return _staff_info(member)


def list_staff(
    db: Database,
    team_id: int | None = None,
    *,
    include_left: bool = False,
    today: dt.date | None = None,
) -> list[StaffInfo]:
    today = today or dt.date.today()
    query = select(StaffMember).order_by(StaffMember.name, StaffMember.id)
    if team_id is not None:
        query = query.where(StaffMember.team_id == team_id)
    if not include_left:
        query = query.where(
            (StaffMember.leaving_date.is_(None)) | (StaffMember.leaving_date > today)
        )
    with db.session() as session:
        return [_staff_info(m) for m in session.scalars(query)]


def find_staff(db: Database, name: str, team_id: int | None = None) -> list[StaffInfo]:
    """People whose name matches (case-insensitive, exact), for imports and the CLI."""
    query = select(StaffMember).where(func.lower(StaffMember.name) == name.strip().lower())
    if team_id is not None:
        query = query.where(StaffMember.team_id == team_id)
    with db.session() as session:
        return [_staff_info(m) for m in session.scalars(query)]


def _clean_staff(draft: StaffDraft) -> dict[str, object]:
    start = v.date("start_date", "Start date", draft.start_date, required=False)
    leaving = v.date("leaving_date", "Leaving date", draft.leaving_date, required=False)
    if start and leaving and leaving < start:
        raise ValidationError("leaving_date", "The leaving date cannot be before the start date.")
    if draft.team_id is None:
        raise ValidationError("team_id", "Choose a team.")
    if draft.role_id is None:
        raise ValidationError("role_id", "Choose a role.")
    return {
        "name": v.name("name", "Name", draft.name),
        "team_id": v.reference("team_id", "team", draft.team_id),
        "role_id": v.reference("role_id", "role", draft.role_id),
        "job_title": v.name("job_title", "Job title", draft.job_title, required=False),
        "pay_band": v.name("pay_band", "Pay band", draft.pay_band, required=False, max_length=40),
        "fte": v.number("fte", "FTE", draft.fte, minimum=0, maximum=1.5, exclusive_minimum=True),
        "start_date": start,
        "leaving_date": leaving,
        "supervisor_id": v.reference("supervisor_id", "supervisor", draft.supervisor_id),
        "notes": v.text("notes", "Notes", draft.notes),
    }


def save_staff(db: Database, draft: StaffDraft, staff_id: int | None = None) -> StaffInfo:
    """Add a person, or change one. People are never deleted here: mark them as left."""
    values = _clean_staff(draft)
    if staff_id is not None:
        staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    with db.session() as session:
        if session.get(Team, values["team_id"]) is None:
            raise ValidationError("team_id", "That team does not exist.")
        if session.get(Role, values["role_id"]) is None:
            raise ValidationError("role_id", "That role does not exist.")
        if values["supervisor_id"] is not None:
            if values["supervisor_id"] == staff_id:
                raise ValidationError("supervisor_id", "A person cannot supervise themselves.")
            if session.get(StaffMember, values["supervisor_id"]) is None:
                raise ValidationError("supervisor_id", "That supervisor does not exist.")
        member = session.get(StaffMember, staff_id) if staff_id is not None else StaffMember()
        if member is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        for key, value in values.items():
            setattr(member, key, value)
        session.add(member)
        session.flush()
        session.refresh(member)
        return _staff_info(member)


def mark_left(db: Database, staff_id: int, leaving_date: dt.date | str) -> StaffInfo:
    """Record that a person has left. Their records stay until retention removes them."""
    left = v.date("leaving_date", "Leaving date", leaving_date)
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    with db.session() as session:
        member = session.get(StaffMember, staff_id)
        if member is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        if member.start_date and left and left < member.start_date:
            raise ValidationError(
                "leaving_date", "The leaving date cannot be before the start date."
            )
        member.leaving_date = left
        session.flush()
        return _staff_info(member)


# ---- protections -----------------------------------------------------------------------


def add_protection(
    db: Database,
    staff_id: int,
    kind: str,
    start_date: dt.date | str,
    end_date: dt.date | str | None = None,
    limit_percent: object = None,
    note: str = "",
) -> ProtectionInfo:
    """A dated protection that lowers the person's safe caseload while it applies."""
    clean_kind = v.choice("kind", "Protection", kind, PROTECTION_KINDS)
    start = v.date("start_date", "Start date", start_date)
    end = v.date("end_date", "End date", end_date, required=False)
    if start and end and end < start:
        raise ValidationError("end_date", "The end date cannot be before the start date.")
    if limit_percent is None or limit_percent == "":
        limit_percent = protection_defaults()[clean_kind].default_percent
    percent = v.whole_number(
        "limit_percent", "Share of the full limit (%)", limit_percent, minimum=1, maximum=100
    )
    clean_note = v.text("note", "Note", note)
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    with db.session() as session:
        if session.get(StaffMember, staff_id) is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        protection = Protection(
            staff_id=staff_id,
            kind=clean_kind,
            start_date=start,
            end_date=end,
            limit_percent=percent,
            note=clean_note,
        )
        session.add(protection)
        try:
            session.flush()
        except IntegrityError:
            raise ValidationError("limit_percent", "That protection could not be saved.") from None
        return ProtectionInfo(
            protection.id,
            clean_kind,
            PROTECTION_KINDS[clean_kind],
            protection.start_date,
            protection.end_date,
            protection.limit_percent,
            protection.note,
        )


def end_protection(db: Database, protection_id: int, end_date: dt.date | str) -> None:
    end = v.date("end_date", "End date", end_date)
    protection_id = v.record_id("protection_id", "Protection", protection_id, what="protection")
    with db.session() as session:
        protection = session.get(Protection, protection_id)
        if protection is None:
            raise NotFoundError("That protection no longer exists.")
        if end and end < protection.start_date:
            raise ValidationError("end_date", "The end date cannot be before the start date.")
        protection.end_date = end


# ---- for imports -----------------------------------------------------------------------


def clean_staff(draft: StaffDraft) -> dict[str, object]:
    """A draft's values checked as ``save_staff`` checks them (``ValidationError`` on the
    first problem), for saving many people at once and for an import's preview."""
    return _clean_staff(draft)
