"""Development programmes: induction, preceptorship and skills passports.

A programme is dated (start, expected end), has a preceptor or assessor (a colleague
on record or a name from outside) and milestones or competencies, each with a target
date and a sign-off (date, by whom).

Preceptorship and the caseload limits: starting a preceptorship records the
"preceptorship" protection (its default share from ``resources/protections.json``)
from the programme's start to its expected end, linked by ``protection_id``, so the
caseload rule (``caseload_rules.py``) lowers the person's limit while it runs.

Days are inclusive throughout: the expected end is the programme's last expected day
and the protection's last protected day; the day a programme finishes is its last
day, so it is still protected. Finishing (completed or withdrawn) therefore ends the
protection on the finishing day, or leaves it as it is when it already ended earlier
(a late finish never lengthens it, and finishing never takes protection away from a
day before the finishing day). A programme that has not started yet can be
withdrawn; its protection, which never applied, is deleted. Extending moves the
protection's end with the expected end, unless the manager had ended the protection
by hand (its end is no longer the old expected end): that decision stands. A
finished programme is closed: it cannot be extended, its milestones cannot be
added, signed off or un-signed.

A milestone is overdue from the day after its target day (due on the target day,
like an action due by a day); ``storage/programme_queries.py`` counts the same way.

Extension reasons are added to the notes, which hold at most ``v.NOTE_MAX``
characters: an extension whose reason would not fit is refused with a message saying
so (the notes stay saveable in Details…).

A person who is newly qualified may already have a "newly qualified" protection.
It is left as it is: protections do not compound (the most protective one applies),
so the two never reduce the limit twice, and ending the preceptorship does not end
the other.

Length: a preceptorship is expected to last 12 to 18 months. Outside that range the
service refuses to start it unless the caller confirms (``confirm_length``): the
form shows the warning from ``length_warning`` and asks first. An extension is a
deliberate decision and may take it beyond 18 months.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from wellbeing_desktop import paths
from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.caseload_rules import (
    ActiveProtection,
    adjusted_limit,
    format_number,
)
from wellbeing_desktop.services.defaults import protection_defaults
from wellbeing_desktop.services.lookup import fetch
from wellbeing_desktop.services.programme_progress import ProgrammeProgress
from wellbeing_desktop.services.vocab import (
    FINISHING_OUTCOMES,
    PROGRAMME_KINDS,
    PROGRAMME_OUTCOMES,
)
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    DevelopmentProgramme,
    ProgrammeMilestone,
    Protection,
    StaffMember,
    Team,
)

PRECEPTORSHIP = "preceptorship"
MAX_MILESTONES = 60
# A programme planned further ahead than this is almost certainly a typing slip.
MAX_START_AHEAD = dt.timedelta(days=366)
MAX_LENGTH_MONTHS = 60


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day (31/01 + 1 month = 28/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: dt.date, end: dt.date) -> float:
    """Whole months from ``start`` to ``end`` plus the fraction of the next one."""
    whole = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, whole) > end:
        whole -= 1
    base = add_months(start, whole)
    following = add_months(start, whole + 1)
    return whole + (end - base).days / max((following - base).days, 1)


# ---- templates -------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneTemplate:
    title: str
    weeks: int = 0
    months: int = 0

    def target_from(self, start: dt.date) -> dt.date:
        return add_months(start, self.months) + dt.timedelta(weeks=self.weeks)


@dataclass(frozen=True)
class ProgrammeKind:
    kind: str
    label: str
    default_months: int
    min_months: int | None
    max_months: int | None
    source: str
    milestones: tuple[MilestoneTemplate, ...]


@cache
def programme_kinds() -> dict[str, ProgrammeKind]:
    """The shipped kinds of programme with their default milestones and sources."""
    data: dict[str, Any] = json.loads(
        (paths.resources_dir() / "programmes.json").read_text(encoding="utf-8")
    )
    kinds = {}
    for item in data["programmes"]:
        kinds[item["kind"]] = ProgrammeKind(
            kind=item["kind"],
            label=item["label"],
            default_months=int(item["default_months"]),
            min_months=item.get("min_months"),
            max_months=item.get("max_months"),
            source=item["source"],
            milestones=tuple(
                MilestoneTemplate(
                    m["title"], int(m["after"].get("weeks", 0)), int(m["after"].get("months", 0))
                )
                for m in item["milestones"]
            ),
        )
    return kinds


@dataclass
class MilestoneDraft:
    title: str = ""
    target_on: dt.date | str | None = None


@dataclass
class ProgrammeDraft:
    """What the start-a-programme form collects."""

    kind: str = PRECEPTORSHIP
    start_on: dt.date | str | None = None
    expected_end_on: dt.date | str | None = None
    assessor_id: int | None = None
    assessor_name: str = ""
    notes: str = ""
    milestones: list[MilestoneDraft] = field(default_factory=list)
    # The preceptorship protection's share of the full limit; the default when None.
    protection_percent: int | str | None = None
    # Start a preceptorship outside 12-18 months anyway (the form asked first).
    confirm_length: bool = False


def template_draft(kind: str, start_on: dt.date) -> ProgrammeDraft:
    """A draft for a new programme of this kind, with its default length and milestones."""
    found = programme_kinds()[v.choice("kind", "Kind of programme", kind, PROGRAMME_KINDS)]
    return ProgrammeDraft(
        kind=kind,
        start_on=start_on,
        expected_end_on=add_months(start_on, found.default_months),
        milestones=[MilestoneDraft(m.title, m.target_from(start_on)) for m in found.milestones],
    )


def length_warning(kind: str, start_on: dt.date, expected_end_on: dt.date) -> str | None:
    """Why this programme's length is unusual (a preceptorship outside 12-18 months),
    or None when it is not."""
    found = programme_kinds().get(kind)
    if found is None or (found.min_months is None and found.max_months is None):
        return None
    months = months_between(start_on, expected_end_on)
    low, high = found.min_months or 0, found.max_months or MAX_LENGTH_MONTHS
    if low <= months <= high:
        return None
    # Rounded away from the range, so the figure shown is never inside it.
    tenths = math.floor(months * 10) if months < low else math.ceil(months * 10)
    shown = f"{tenths / 10:.1f}".rstrip("0").rstrip(".")
    return (
        f"A {found.label.lower()} is expected to last {low} to {high} months; "
        f"this one would last {shown} months."
    )


# ---- what the screens see --------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneInfo:
    id: int
    position: int
    title: str
    target_on: dt.date | None
    signed_off_on: dt.date | None
    signed_off_by: str
    overdue: bool

    @property
    def signed_off(self) -> bool:
        return self.signed_off_on is not None


@dataclass(frozen=True)
class ProtectionState:
    """A preceptorship's caseload protection as it stands on a day."""

    percent: int
    start_on: dt.date
    end_on: dt.date | None  # its real last day (the manager may have ended it early)
    on: dt.date  # the day it was looked at

    @property
    def in_force(self) -> bool:
        return self.start_on <= self.on and (self.end_on is None or self.on <= self.end_on)

    @property
    def words(self) -> str:
        """e.g. 'Safe caseload at 90% of the full limit until 31/08/2027'."""
        share = f"Safe caseload at {self.percent}% of the full limit"
        end = self.end_on.strftime("%d/%m/%Y") if self.end_on else None
        if self.in_force:
            return f"{share} until {end}" if end else share
        if self.start_on > self.on:
            start = self.start_on.strftime("%d/%m/%Y")
            return f"{share} from {start}" + (f" to {end}" if end else "")
        return f"Its caseload protection ({self.percent}%) ended on {end}"


@dataclass(frozen=True)
class ProgrammeInfo:
    id: int
    staff_id: int
    kind: str
    label: str
    start_on: dt.date
    expected_end_on: dt.date
    assessor_id: int | None
    assessor_name: str  # the colleague's name when one is on record
    finished_on: dt.date | None
    outcome: str
    protection_id: int | None
    protection_percent: int | None
    protection: ProtectionState | None
    notes: str
    milestones: tuple[MilestoneInfo, ...]
    progress: ProgrammeProgress

    @property
    def running(self) -> bool:
        return self.finished_on is None

    @property
    def outcome_label(self) -> str:
        return PROGRAMME_OUTCOMES.get(self.outcome, "")


def _info(session: Session, programme: DevelopmentProgramme, today: dt.date) -> ProgrammeInfo:
    label = PROGRAMME_KINDS.get(programme.kind, programme.kind)
    running = programme.finished_on is None
    milestones = tuple(
        MilestoneInfo(
            id=m.id,
            position=m.position,
            title=m.title,
            target_on=m.target_on,
            signed_off_on=m.signed_off_on,
            signed_off_by=m.signed_off_by,
            overdue=running
            and m.signed_off_on is None
            and m.target_on is not None
            and m.target_on < today,
        )
        for m in sorted(programme.milestones, key=lambda m: (m.position, m.id))
    )
    assessor = programme.assessor_name
    if programme.assessor_id is not None:
        colleague = session.get(StaffMember, programme.assessor_id)
        assessor = colleague.name if colleague is not None else assessor
    percent, state = None, None
    if programme.protection_id is not None:
        protection = session.get(Protection, programme.protection_id)
        if protection is not None:
            percent = protection.limit_percent
            state = ProtectionState(percent, protection.start_date, protection.end_date, today)
    progress = ProgrammeProgress(
        kind=programme.kind,
        label=label,
        signed_off=sum(1 for m in milestones if m.signed_off),
        total=len(milestones),
        overdue=sum(1 for m in milestones if m.overdue),
        start_on=programme.start_on,
        expected_end_on=programme.expected_end_on,
        days_to_end=(programme.expected_end_on - today).days,
        finished_on=programme.finished_on,
        outcome=programme.outcome,
    )
    return ProgrammeInfo(
        id=programme.id,
        staff_id=programme.staff_id,
        kind=programme.kind,
        label=label,
        start_on=programme.start_on,
        expected_end_on=programme.expected_end_on,
        assessor_id=programme.assessor_id,
        assessor_name=assessor,
        finished_on=programme.finished_on,
        outcome=programme.outcome,
        protection_id=programme.protection_id,
        protection_percent=percent,
        protection=state,
        notes=programme.notes,
        milestones=milestones,
        progress=progress,
    )


# ---- starting --------------------------------------------------------------------------


def _clean_milestones(
    milestones: Sequence[MilestoneDraft], start: dt.date
) -> list[tuple[str, dt.date | None]]:
    cleaned = []
    for index, milestone in enumerate(milestones, start=1):
        title = v.name(
            "milestones", f"Milestone {index}", milestone.title, required=False, max_length=200
        )
        if not title:
            continue  # an empty row is not a milestone
        target = v.date(
            "milestones", f"Target date of milestone {index}", milestone.target_on, required=False
        )
        if target is not None and target < start:
            raise ValidationError(
                "milestones", f"Milestone {index} cannot be due before the programme starts."
            )
        cleaned.append((title, target))
    if len(cleaned) > MAX_MILESTONES:
        raise ValidationError(
            "milestones", f"A programme can have at most {MAX_MILESTONES} milestones."
        )
    return cleaned


def start_programme(
    db: Database, staff_id: int, draft: ProgrammeDraft, *, today: dt.date | None = None
) -> ProgrammeInfo:
    """Start a programme for a person, with its milestones, in one transaction. A
    preceptorship also records the protection that lowers the person's caseload limit."""
    today = today or dt.date.today()
    kind = v.choice("kind", "Kind of programme", draft.kind, PROGRAMME_KINDS)
    start = v.date("start_on", "Start date", draft.start_on, not_after=today + MAX_START_AHEAD)
    end = v.date("expected_end_on", "Expected end", draft.expected_end_on)
    assert start is not None and end is not None
    if end <= start:
        raise ValidationError("expected_end_on", "The expected end must be after the start.")
    if months_between(start, end) > MAX_LENGTH_MONTHS:
        raise ValidationError(
            "expected_end_on", f"A programme cannot last more than {MAX_LENGTH_MONTHS} months."
        )
    warning = length_warning(kind, start, end)
    if warning and not draft.confirm_length:
        raise ValidationError("expected_end_on", warning)
    assessor_id = v.reference("assessor_id", "preceptor or assessor", draft.assessor_id)
    assessor_name = (
        ""
        if assessor_id is not None
        else v.name("assessor_name", "Preceptor or assessor", draft.assessor_name, required=False)
    )
    notes = v.text("notes", "Notes", draft.notes)
    milestones = _clean_milestones(draft.milestones, start)
    percent = None
    if kind == PRECEPTORSHIP:
        chosen = draft.protection_percent
        if chosen is None or chosen == "":
            chosen = protection_defaults()[PRECEPTORSHIP].default_percent
        percent = v.whole_number(
            "protection_percent",
            "Share of the full caseload limit (%)",
            chosen,
            minimum=1,
            maximum=100,
        )
    with db.session() as session:
        member = fetch(session, StaffMember, "staff_id", "Person", staff_id, what="person")
        if member.leaving_date is not None and start > member.leaving_date:
            raise ValidationError("start_on", "The programme cannot start after the person leaves.")
        if member.start_date is not None and start < member.start_date:
            raise ValidationError(
                "start_on",
                "The programme cannot start before the person started "
                f"({member.start_date.strftime('%d/%m/%Y')}).",
            )
        if assessor_id is not None:
            if assessor_id == staff_id:
                raise ValidationError(
                    "assessor_id", "A person cannot be their own preceptor or assessor."
                )
            if session.get(StaffMember, assessor_id) is None:
                raise ValidationError("assessor_id", "That preceptor or assessor does not exist.")
        running = session.scalar(
            select(DevelopmentProgramme.id).where(
                DevelopmentProgramme.staff_id == staff_id,
                DevelopmentProgramme.kind == kind,
                DevelopmentProgramme.finished_on.is_(None),
            )
        )
        if running is not None:
            raise ValidationError(
                "kind",
                f"This person already has a {PROGRAMME_KINDS[kind].lower()} running: "
                "finish it before starting another.",
            )
        programme = DevelopmentProgramme(
            staff_id=staff_id,
            kind=kind,
            start_on=start,
            expected_end_on=end,
            assessor_id=assessor_id,
            assessor_name=assessor_name,
            notes=notes,
            outcome="",
            milestones=[
                ProgrammeMilestone(position=i, title=title, target_on=target, signed_off_by="")
                for i, (title, target) in enumerate(milestones)
            ],
        )
        if percent is not None:
            protection = Protection(
                staff_id=staff_id,
                kind=PRECEPTORSHIP,
                start_date=start,
                end_date=end,
                limit_percent=percent,
                note="Set by the preceptorship programme.",
            )
            session.add(protection)
            session.flush()
            programme.protection_id = protection.id
        session.add(programme)
        session.flush()
        return _info(session, programme, today)


# ---- changing --------------------------------------------------------------------------


def _programme(session: Session, programme_id: int) -> DevelopmentProgramme:
    programme = session.scalar(
        select(DevelopmentProgramme)
        .where(DevelopmentProgramme.id == programme_id)
        .options(selectinload(DevelopmentProgramme.milestones))
    )
    if programme is None:
        raise NotFoundError(f"There is no development programme with number {programme_id}.")
    return programme


def _running(programme: DevelopmentProgramme, field_name: str, doing: str) -> None:
    if programme.finished_on is not None:
        raise ValidationError(
            field_name,
            f"This programme finished on {programme.finished_on.strftime('%d/%m/%Y')}; "
            f"it can no longer be {doing}.",
        )


def _before_leaving(
    session: Session, programme: DevelopmentProgramme, day: dt.date, field_name: str, what: str
) -> None:
    member = session.get(StaffMember, programme.staff_id)
    if member is not None and member.leaving_date is not None and day > member.leaving_date:
        raise ValidationError(
            field_name,
            f"{what} after the person left ({member.leaving_date.strftime('%d/%m/%Y')}).",
        )


def _protection(session: Session, programme: DevelopmentProgramme) -> Protection | None:
    if programme.protection_id is None:
        return None
    return session.get(Protection, programme.protection_id)


def _milestone(session: Session, milestone_id: object) -> ProgrammeMilestone:
    return fetch(
        session, ProgrammeMilestone, "milestone_id", "Milestone", milestone_id, what="milestone"
    )


def sign_off_milestone(
    db: Database,
    milestone_id: int,
    signed_off_on: dt.date | str | None,
    signed_off_by: str,
    *,
    today: dt.date | None = None,
) -> ProgrammeInfo:
    """Sign off a milestone: on a day not in the future and not before the programme
    started, by a named person."""
    today = today or dt.date.today()
    day = v.date("signed_off_on", "Signed off on", signed_off_on, not_after=today)
    by = v.name("signed_off_by", "Signed off by", signed_off_by)
    assert day is not None
    with db.session() as session:
        milestone = _milestone(session, milestone_id)
        programme = _programme(session, milestone.programme_id)
        _running(programme, "signed_off_on", "signed off")
        _before_leaving(
            session, programme, day, "signed_off_on", "A milestone cannot be signed off"
        )
        if day < programme.start_on:
            raise ValidationError(
                "signed_off_on",
                "A milestone cannot be signed off before the programme started "
                f"({programme.start_on.strftime('%d/%m/%Y')}).",
            )
        milestone.signed_off_on, milestone.signed_off_by = day, by
        session.flush()
        return _info(session, programme, today)


def clear_sign_off(
    db: Database, milestone_id: int, *, today: dt.date | None = None
) -> ProgrammeInfo:
    """Undo a sign-off recorded by mistake."""
    today = today or dt.date.today()
    with db.session() as session:
        milestone = _milestone(session, milestone_id)
        programme = _programme(session, milestone.programme_id)
        _running(programme, "signed_off_on", "changed")
        milestone.signed_off_on, milestone.signed_off_by = None, ""
        session.flush()
        return _info(session, programme, today)


def add_milestone(
    db: Database,
    programme_id: int,
    title: str,
    target_on: dt.date | str | None = None,
    *,
    today: dt.date | None = None,
) -> ProgrammeInfo:
    """Add a milestone or competency at the end of a running programme."""
    today = today or dt.date.today()
    programme_id = v.record_id("programme_id", "Programme", programme_id, what="programme")
    with db.session() as session:
        programme = _programme(session, programme_id)
        _running(programme, "title", "changed")
        cleaned = _clean_milestones([MilestoneDraft(title, target_on)], programme.start_on)
        if not cleaned:
            raise ValidationError("title", "Milestone is required.")
        if len(programme.milestones) >= MAX_MILESTONES:
            raise ValidationError(
                "title", f"A programme can have at most {MAX_MILESTONES} milestones."
            )
        position = max((m.position for m in programme.milestones), default=-1) + 1
        programme.milestones.append(
            ProgrammeMilestone(
                position=position, title=cleaned[0][0], target_on=cleaned[0][1], signed_off_by=""
            )
        )
        session.flush()
        return _info(session, programme, today)


def update_programme(
    db: Database,
    programme_id: int,
    *,
    assessor_id: int | None = None,
    assessor_name: str = "",
    notes: str = "",
    today: dt.date | None = None,
) -> ProgrammeInfo:
    """Change who the preceptor or assessor is, and the notes (a new preceptor is
    common; dates change only by extending or finishing)."""
    today = today or dt.date.today()
    clean_id = v.reference("assessor_id", "preceptor or assessor", assessor_id)
    clean_name = (
        ""
        if clean_id is not None
        else v.name("assessor_name", "Preceptor or assessor", assessor_name, required=False)
    )
    clean_notes = v.text("notes", "Notes", notes)
    programme_id = v.record_id("programme_id", "Programme", programme_id, what="programme")
    with db.session() as session:
        programme = _programme(session, programme_id)
        if clean_id is not None:
            if clean_id == programme.staff_id:
                raise ValidationError(
                    "assessor_id", "A person cannot be their own preceptor or assessor."
                )
            if session.get(StaffMember, clean_id) is None:
                raise ValidationError("assessor_id", "That preceptor or assessor does not exist.")
        programme.assessor_id, programme.assessor_name = clean_id, clean_name
        programme.notes = clean_notes
        session.flush()
        return _info(session, programme, today)


def extend_programme(
    db: Database,
    programme_id: int,
    new_end_on: dt.date | str | None,
    *,
    note: str = "",
    today: dt.date | None = None,
) -> ProgrammeInfo:
    """Move a running programme's expected end later; a preceptorship's protection
    moves with it. The programme is marked as extended."""
    today = today or dt.date.today()
    end = v.date("expected_end_on", "New expected end", new_end_on)
    clean_note = v.text("notes", "Reason for extending", note)
    programme_id = v.record_id("programme_id", "Programme", programme_id, what="programme")
    assert end is not None
    with db.session() as session:
        programme = _programme(session, programme_id)
        _running(programme, "expected_end_on", "extended")
        if end <= programme.expected_end_on:
            raise ValidationError(
                "expected_end_on",
                "The new expected end must be after the current one "
                f"({programme.expected_end_on.strftime('%d/%m/%Y')}).",
            )
        if months_between(programme.start_on, end) > MAX_LENGTH_MONTHS:
            raise ValidationError(
                "expected_end_on", f"A programme cannot last more than {MAX_LENGTH_MONTHS} months."
            )
        if clean_note.strip():
            line = f"Extended to {end.strftime('%d/%m/%Y')}: {clean_note.strip()}"
            notes = f"{programme.notes}\n{line}".strip()
            if len(notes) > v.NOTE_MAX:
                raise ValidationError(
                    "notes",
                    f"The programme's notes would pass {v.NOTE_MAX:,} characters: give a "
                    "shorter reason, or shorten the notes in Details… first.",
                )
            programme.notes = notes
        old_end = programme.expected_end_on
        programme.expected_end_on = end
        programme.outcome = "extended"
        protection = _protection(session, programme)
        # A protection the manager ended by hand stays ended: only the one still
        # running to the old expected end moves with it.
        if protection is not None and protection.end_date == old_end:
            protection.end_date = end
        session.flush()
        return _info(session, programme, today)


def finish_programme(
    db: Database,
    programme_id: int,
    outcome: str,
    finished_on: dt.date | str | None,
    *,
    today: dt.date | None = None,
) -> ProgrammeInfo:
    """Finish a running programme, completed or withdrawn, on a day not in the future.
    The finishing day is its last day: a preceptorship's protection ends then (or
    stays as it was if it ended earlier). One not yet started can only be withdrawn,
    and its protection is deleted."""
    today = today or dt.date.today()
    clean_outcome = v.choice("outcome", "Outcome", outcome, FINISHING_OUTCOMES)
    day = v.date("finished_on", "Finished on", finished_on, not_after=today)
    programme_id = v.record_id("programme_id", "Programme", programme_id, what="programme")
    assert day is not None
    with db.session() as session:
        programme = _programme(session, programme_id)
        _running(programme, "finished_on", "finished again")
        if day < programme.start_on and clean_outcome != "withdrawn":
            raise ValidationError(
                "finished_on",
                "A programme cannot be completed before it started "
                f"({programme.start_on.strftime('%d/%m/%Y')}); it can be withdrawn.",
            )
        _before_leaving(session, programme, day, "finished_on", "A programme cannot finish")
        signed = [m.signed_off_on for m in programme.milestones if m.signed_off_on is not None]
        if signed and day < max(signed):
            raise ValidationError(
                "finished_on",
                "A programme cannot finish before its last milestone was signed off "
                f"({max(signed).strftime('%d/%m/%Y')}).",
            )
        programme.finished_on, programme.outcome = day, clean_outcome
        protection = _protection(session, programme)
        if protection is not None:
            if day < protection.start_date:
                # Withdrawn before it started: it never applied, nothing is left to respect.
                programme.protection_id = None
                session.flush()
                session.delete(protection)
            elif protection.end_date is None or protection.end_date > day:
                protection.end_date = day
        session.flush()
        return _info(session, programme, today)


@dataclass(frozen=True)
class FinishingEffect:
    """What finishing a preceptorship on a day would do to the person's caseload limit."""

    protection_removed: bool  # withdrawn before it started: deleted
    protection_last_day: dt.date | None  # its last protected day after finishing
    limit_from: dt.date  # the first day the limit below applies
    limit_after: float | None  # the safe limit then (None when the role is unknown)
    unit: str
    still_protected_by: str  # the label of another protection still applying, or ""
    still_protected_percent: int | None

    @property
    def words(self) -> str:
        if self.protection_removed:
            first = "It has not started, so its caseload protection is deleted."
        else:
            assert self.protection_last_day is not None
            first = (
                "Its caseload protection's last day is "
                f"{self.protection_last_day.strftime('%d/%m/%Y')}."
            )
        if self.limit_after is None:
            return first
        limit = f"{format_number(self.limit_after)} {self.unit}"
        start = self.limit_from.strftime("%d/%m/%Y")
        if self.still_protected_by:
            return (
                f"{first} From {start} the safe limit is {limit}: the "
                f"{self.still_protected_by.lower()} protection "
                f"({self.still_protected_percent}%) still applies."
            )
        return f"{first} From {start} the safe limit is {limit}, the full one for their FTE."


def finishing_effect(
    db: Database,
    programme_id: int,
    finished_on: dt.date | str | None,
    *,
    today: dt.date | None = None,
) -> FinishingEffect | None:
    """What finishing on ``finished_on`` would do to the caseload limit (None for a
    programme with no protection, or a day that is not a date)."""
    today = today or dt.date.today()
    try:
        day = v.date("finished_on", "Finished on", finished_on)
    except ValidationError:
        return None
    assert day is not None
    programme_id = v.record_id("programme_id", "Programme", programme_id, what="programme")
    with db.session() as session:
        programme = _programme(session, programme_id)
        own = _protection(session, programme)
        if own is None:
            return None
        member = session.get(StaffMember, programme.staff_id)
        assert member is not None
        removed = day < own.start_date
        last = None if removed else min(own.end_date or day, day)
        others = [
            ActiveProtection(p.kind, p.start_date, p.end_date, p.limit_percent)
            for p in member.protections
            if p.id != own.id
        ]
        after = max(today, own.start_date if removed else day + dt.timedelta(days=1))
        role = member.role
        if role is None:
            limit = None
        else:
            limit = adjusted_limit(
                role.amber_threshold,
                role.red_threshold,
                member.fte,
                others,
                on=after,
                uses_weighting=role.uses_weighting,
            )
        still = limit.protection if limit is not None else None
        return FinishingEffect(
            protection_removed=removed,
            protection_last_day=last,
            limit_from=after,
            limit_after=limit.red if limit is not None else None,
            unit=limit.unit if limit is not None else "cases",
            still_protected_by=still.label if still is not None else "",
            still_protected_percent=still.limit_percent if still is not None else None,
        )


# ---- deleting (records made by mistake) ------------------------------------------------


def delete_programme(db: Database, programme_id: int) -> None:
    """Delete a programme recorded by mistake, with its milestones and its own caseload
    protection (no other protection is touched). The deletion is audited."""
    programme_id = v.record_id("programme_id", "Programme", programme_id, what="programme")
    with db.session() as session:
        programme = _programme(session, programme_id)
        protection = _protection(session, programme)
        session.delete(programme)
        session.flush()
        if protection is not None:
            session.delete(protection)
        session.flush()


def delete_milestone(
    db: Database, milestone_id: int, *, today: dt.date | None = None
) -> ProgrammeInfo:
    """Delete a milestone added by mistake from a running programme."""
    today = today or dt.date.today()
    with db.session() as session:
        milestone = _milestone(session, milestone_id)
        programme = _programme(session, milestone.programme_id)
        _running(programme, "milestone_id", "changed")
        programme.milestones.remove(milestone)
        session.flush()
        return _info(session, programme, today)


# ---- reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Colleague:
    """Someone who may be a preceptor or assessor: only what the picker shows."""

    id: int
    name: str
    team: str


def colleague_choices(
    db: Database, *, also: int | None = None, today: dt.date | None = None
) -> tuple[Colleague, ...]:
    """People in post (and ``also``, e.g. a programme's preceptor who has since left),
    by name then team: one light query, for the preceptor picker."""
    today = today or dt.date.today()
    in_post = StaffMember.leaving_date.is_(None) | (StaffMember.leaving_date > today)
    if also is not None:
        in_post = in_post | (StaffMember.id == also)
    with db.session() as session:
        rows = session.execute(
            select(StaffMember.id, StaffMember.name, Team.name)
            .join(Team, StaffMember.team_id == Team.id)
            .where(in_post)
        ).all()
    found = [Colleague(staff_id, name, team) for staff_id, name, team in rows]
    return tuple(sorted(found, key=lambda c: (c.name.casefold(), c.team.casefold(), c.id)))


def get_programme(
    db: Database, programme_id: int, *, today: dt.date | None = None
) -> ProgrammeInfo:
    today = today or dt.date.today()
    programme_id = v.record_id("programme_id", "Programme", programme_id, what="programme")
    with db.session() as session:
        return _info(session, _programme(session, programme_id), today)


def programmes_for(
    db: Database, staff_id: int, *, today: dt.date | None = None
) -> list[ProgrammeInfo]:
    """A person's programmes: running ones first, then the newest first."""
    today = today or dt.date.today()
    with db.session() as session:
        found = session.scalars(
            select(DevelopmentProgramme)
            .where(DevelopmentProgramme.staff_id == staff_id)
            .options(selectinload(DevelopmentProgramme.milestones))
        )
        infos = [_info(session, p, today) for p in found]
    return sorted(infos, key=lambda p: (not p.running, -p.start_on.toordinal(), -p.id))
