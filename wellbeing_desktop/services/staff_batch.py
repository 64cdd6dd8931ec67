"""Saving many people at once, with their caseloads, in one transaction (imports).

The checks are the ones ``people.save_staff`` makes (``people.clean_staff``), made
for every person before anything is written; teams, roles and supervisors are
looked up with one query each, so a 5,000-row import costs a handful of queries
and one flush.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.caseloads import CaseloadEntry, write_caseloads
from wellbeing_desktop.services.people import StaffDraft, clean_staff
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import Role, StaffMember, Team


@dataclass(frozen=True)
class StaffBatchEntry:
    """One person in ``save_staff_many``."""

    draft: StaffDraft
    staff_id: int | None = None  # change this person; None adds a new one
    new_role: str | None = None  # a role created by the batch (when draft.role_id is None)
    supervisor_entry: int | None = None  # another entry (by index) who supervises this one
    caseload: CaseloadEntry | None = None  # its staff_id is replaced by the saved person's
    label: str = ""  # named in an error ("row 7"), never the person's name


@dataclass(frozen=True)
class StaffBatchResult:
    staff_ids: tuple[int, ...]  # one per entry, in order
    team_id: int | None
    role_ids: dict[str, int]  # the roles the batch created, by name
    caseloads: int


def save_staff_many(
    db: Database,
    entries: Sequence[StaffBatchEntry],
    *,
    new_team: str | None = None,
    new_roles: Mapping[str, int] | None = None,
    role_source: str = "",
    progress: Callable[[float], None] | None = None,
) -> StaffBatchResult:
    """Add or change many people, with their caseloads, in one transaction: all of it
    is saved or none of it. ``new_team`` is created and used where a draft names no
    team; ``new_roles`` (name -> the role whose limits it copies) are created first.
    A ``ValidationError`` names the entry's label."""
    clean_team = v.name("team_id", "Team name", new_team) if new_team else None
    roles_wanted = {
        v.name("role_id", "Role name", name): template
        for name, template in (new_roles or {}).items()
    }
    with db.session() as session:
        team_id = _create_team(session, clean_team) if clean_team else None
        role_ids = {
            name: _copy_role(session, name, template, role_source)
            for name, template in roles_wanted.items()
        }
        cleaned = []
        for entry in entries:
            draft = entry.draft
            if draft.team_id is None and team_id is not None:
                draft = replace(draft, team_id=team_id)
            if draft.role_id is None and entry.new_role is not None:
                draft = replace(draft, role_id=role_ids.get(entry.new_role.strip()))
            try:
                cleaned.append(clean_staff(draft))
            except ValidationError as error:
                raise ValidationError(error.field, _labelled(entry, error.message)) from None
        _check_references(session, entries, cleaned)
        existing = {
            m.id: m
            for m in session.scalars(
                select(StaffMember).where(
                    StaffMember.id.in_({e.staff_id for e in entries if e.staff_id is not None})
                )
            )
        }
        members: list[StaffMember] = []
        for index, (entry, values) in enumerate(zip(entries, cleaned, strict=True)):
            member = existing[entry.staff_id] if entry.staff_id is not None else StaffMember()
            for key, value in values.items():
                setattr(member, key, value)
            session.add(member)
            members.append(member)
            if progress is not None and index % 250 == 0:
                progress(0.8 * index / max(1, len(entries)))
        session.flush()
        for entry, member in zip(entries, members, strict=True):
            if entry.supervisor_entry is not None:
                boss = members[entry.supervisor_entry]
                if boss is member:
                    raise ValidationError(
                        "supervisor_id", _labelled(entry, "A person cannot supervise themselves.")
                    )
                member.supervisor_id = boss.id
        caseloads = [
            replace(entry.caseload, staff_id=member.id)
            for entry, member in zip(entries, members, strict=True)
            if entry.caseload is not None
        ]
        write_caseloads(session, caseloads)
        session.flush()
        if progress is not None:
            progress(1.0)
        return StaffBatchResult(
            staff_ids=tuple(m.id for m in members),
            team_id=team_id,
            role_ids=role_ids,
            caseloads=len(caseloads),
        )


def _labelled(entry: StaffBatchEntry, message: str) -> str:
    return f"{entry.label.capitalize()}: {message}" if entry.label else message


def _create_team(session: Session, name: str) -> int:
    if session.scalar(select(Team.id).where(func.lower(Team.name) == name.lower())) is not None:
        raise ValidationError("team_id", "There is already a team with that name.")
    team = Team(name=name, service="", manager_name="")
    session.add(team)
    _flush_named(session, "team_id", "There is already a team with that name.")
    return team.id


def _copy_role(session: Session, name: str, template_id: int, source: str) -> int:
    template = session.get(Role, v.reference("role_id", "role", template_id))
    if template is None:
        raise ValidationError("role_id", "The role to copy limits from does not exist.")
    if session.scalar(select(Role.id).where(func.lower(Role.name) == name.lower())) is not None:
        raise ValidationError("role_id", "There is already a role with that name.")
    role = Role(
        name=name,
        amber_threshold=template.amber_threshold,
        red_threshold=template.red_threshold,
        uses_weighting=template.uses_weighting,
        supervision_interval_days=template.supervision_interval_days,
        checkin_interval_days=template.checkin_interval_days,
        source=v.text("source", "Source", source, max_length=2000),
    )
    session.add(role)
    _flush_named(session, "role_id", "There is already a role with that name.")
    return role.id


def _check_references(
    session: Session, entries: Sequence[StaffBatchEntry], cleaned: list[dict[str, object]]
) -> None:
    """Teams, roles, people to change and supervisors must all exist: one query each."""
    checks: tuple[tuple[str, type, str], ...] = (
        ("team_id", Team, "That team does not exist."),
        ("role_id", Role, "That role does not exist."),
        ("supervisor_id", StaffMember, "That supervisor does not exist."),
    )
    for key, model, message in checks:
        wanted = {values[key] for values in cleaned if values[key] is not None}
        found = set(session.scalars(select(model.id).where(model.id.in_(wanted))))  # type: ignore[attr-defined]
        for entry, values in zip(entries, cleaned, strict=True):
            if values[key] is not None and values[key] not in found:
                raise ValidationError(key, _labelled(entry, message))
    people = {e.staff_id for e in entries if e.staff_id is not None}
    found_people = set(session.scalars(select(StaffMember.id).where(StaffMember.id.in_(people))))
    for entry in entries:
        if entry.staff_id is not None and entry.staff_id not in found_people:
            raise NotFoundError(_labelled(entry, "That person no longer exists."))


def _flush_named(session: Session, field: str, message: str) -> None:
    """Flush; a clash on a unique name (another user saving the same name at the same
    moment, or a case-folding the check above missed) is a validation error."""
    try:
        session.flush()
    except IntegrityError:
        raise ValidationError(field, message) from None
