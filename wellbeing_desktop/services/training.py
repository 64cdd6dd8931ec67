"""Training courses and who completed them: the courses the organisation runs (with the
shipped defaults), completions per person, the warning period, and each person's
training list. The rule for expiry and state is in ``training_rules.py``; the
people × courses matrix is in ``training_matrix.py``.

For the supervision form: ``training_needing_attention(db, staff_id)`` lists a
person's expired, missing and expiring mandatory training, most urgent first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.training_rules import (
    EXPIRING_DAYS_SETTING,
    MAX_EXPIRING_DAYS,
    URGENCY,
    TrainingState,
    expires_on,
    parse_expiring_days,
    state_of,
)
from wellbeing_desktop.storage import training_queries
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    Course,
    CourseMandatoryRole,
    OrgSetting,
    Role,
    StaffMember,
    TrainingCompletion,
)

CATEGORY_MAX = 40
MAX_RENEWAL_MONTHS = 120
PROVIDER_MAX = 200
EVIDENCE_MAX = 2000


# ---- courses ---------------------------------------------------------------------------


@dataclass
class CourseDraft:
    """What the course editor collects."""

    name: str = ""
    category: str = ""
    renewal_months: int | str | None = None
    mandatory_for_all: bool = False
    role_ids: Sequence[int] = ()
    description: str = ""
    source: str = ""


@dataclass(frozen=True)
class CourseInfo:
    id: int
    key: str | None
    name: str
    category: str
    renewal_months: int | None
    mandatory_for_all: bool
    role_ids: tuple[int, ...]
    role_names: tuple[str, ...]
    description: str
    source: str
    archived: bool
    completions: int = 0

    @property
    def renewal_words(self) -> str:
        if self.renewal_months is None:
            return "Does not expire"
        if self.renewal_months % 12 == 0:
            years = self.renewal_months // 12
            return "Every year" if years == 1 else f"Every {years} years"
        return "Every month" if self.renewal_months == 1 else f"Every {self.renewal_months} months"

    @property
    def mandatory_words(self) -> str:
        if self.mandatory_for_all:
            return "Everyone"
        if self.role_names:
            return ", ".join(self.role_names)
        return "Optional"


def _course_info(course: Course, completions: int = 0) -> CourseInfo:
    roles = sorted(course.mandatory_roles, key=lambda r: r.name)
    return CourseInfo(
        id=course.id,
        key=course.key,
        name=course.name,
        category=course.category,
        renewal_months=course.renewal_months,
        mandatory_for_all=course.mandatory_for_all,
        role_ids=tuple(r.id for r in roles),
        role_names=tuple(r.name for r in roles),
        description=course.description,
        source=course.source,
        archived=course.archived,
        completions=completions,
    )


def list_courses(db: Database, *, include_archived: bool = False) -> list[CourseInfo]:
    """The courses by category and name, each with how many completions it has."""
    with db.session() as session:
        counts = dict(
            session.execute(
                select(TrainingCompletion.course_id, func.count()).group_by(
                    TrainingCompletion.course_id
                )
            ).all()
        )
        query = select(Course).order_by(Course.category, Course.name, Course.id)
        if not include_archived:
            query = query.where(Course.archived.is_(False))
        return [_course_info(c, counts.get(c.id, 0)) for c in session.scalars(query)]


def get_course(db: Database, course_id: int) -> CourseInfo:
    course_id = v.record_id("course_id", "Course", course_id, what="course")
    with db.session() as session:
        course = session.get(Course, course_id)
        if course is None:
            raise NotFoundError(f"There is no course with number {course_id}.")
        count = session.scalar(
            select(func.count()).where(TrainingCompletion.course_id == course_id)
        )
        return _course_info(course, count or 0)


def _clean_course(draft: CourseDraft) -> dict[str, Any]:
    renewal = draft.renewal_months
    if isinstance(renewal, str) and not renewal.strip():
        renewal = None
    return {
        "name": v.name("name", "Course name", draft.name),
        "category": v.name(
            "category", "Category", draft.category, required=False, max_length=CATEGORY_MAX
        ),
        "renewal_months": v.whole_number(
            "renewal_months",
            "Renew every (months)",
            renewal,
            minimum=1,
            maximum=MAX_RENEWAL_MONTHS,
            required=False,
        ),
        "mandatory_for_all": bool(draft.mandatory_for_all),
        "description": v.text("description", "Description", draft.description, max_length=4000),
        "source": v.text("source", "Source", draft.source, max_length=2000),
    }


def save_course(db: Database, draft: CourseDraft, course_id: int | None = None) -> CourseInfo:
    """Create or change a course. Roles are ignored when it is mandatory for everyone."""
    values = _clean_course(draft)
    role_ids = [] if values["mandatory_for_all"] else sorted(set(draft.role_ids))
    for role_id in role_ids:
        v.reference("role_ids", "role", role_id)
    if course_id is not None:
        course_id = v.record_id("course_id", "Course", course_id, what="course")
    with db.session() as session:
        clash = session.scalar(
            select(Course.id).where(func.lower(Course.name) == str(values["name"]).lower())
        )
        if clash is not None and clash != course_id:
            raise ValidationError("name", "There is already a course with that name.")
        known = set(session.scalars(select(Role.id).where(Role.id.in_(role_ids))))
        if len(known) != len(role_ids):
            raise ValidationError("role_ids", "One of the chosen roles no longer exists.")
        course = session.get(Course, course_id) if course_id is not None else Course()
        if course is None:
            raise NotFoundError("That course no longer exists.")
        for key, value in values.items():
            setattr(course, key, value)
        if course_id is None:
            course.archived = False
        current = {link.role_id for link in course.mandatory_links}
        if current != set(role_ids):
            course.mandatory_links = [
                link for link in course.mandatory_links if link.role_id in role_ids
            ] + [CourseMandatoryRole(role_id=r) for r in role_ids if r not in current]
        session.add(course)
        try:
            session.flush()
        except IntegrityError:  # the same name saved by someone else at the same moment
            raise ValidationError("name", "There is already a course with that name.") from None
        session.refresh(course)
        return _course_info(course)


def set_course_archived(db: Database, course_id: int, archived: bool) -> CourseInfo:
    """Archive a course (it leaves the matrix; its completions are kept) or restore it."""
    course_id = v.record_id("course_id", "Course", course_id, what="course")
    with db.session() as session:
        course = session.get(Course, course_id)
        if course is None:
            raise NotFoundError(f"There is no course with number {course_id}.")
        course.archived = bool(archived)
        session.flush()
        return _course_info(course)


def remove_course(db: Database, course_id: int) -> str:
    """Delete a course nobody has completed, or archive one that has completions (they
    are records about people and stay). Returns "deleted" or "archived"."""
    course_id = v.record_id("course_id", "Course", course_id, what="course")
    with db.session() as session:
        course = session.get(Course, course_id)
        if course is None:
            raise NotFoundError(f"There is no course with number {course_id}.")
        used = session.scalar(select(func.count()).where(TrainingCompletion.course_id == course_id))
        if used:
            course.archived = True
            return "archived"
        session.delete(course)
        return "deleted"


# ---- the warning period ----------------------------------------------------------------


def expiring_days(db: Database) -> int:
    """How many days before it expires training shows as "expiring" (organisation-wide)."""
    with db.connection() as connection:
        return parse_expiring_days(training_queries.org_setting(connection, EXPIRING_DAYS_SETTING))


def set_expiring_days(db: Database, days: object) -> int:
    clean = v.whole_number(
        "expiring_days", "Warn this many days before", days, minimum=0, maximum=MAX_EXPIRING_DAYS
    )
    assert clean is not None
    with db.session() as session:
        setting = session.get(OrgSetting, EXPIRING_DAYS_SETTING) or OrgSetting(
            key=EXPIRING_DAYS_SETTING
        )
        setting.value = str(clean)
        session.add(setting)
    return clean


# ---- completions -----------------------------------------------------------------------


@dataclass(frozen=True)
class CompletionInfo:
    id: int
    staff_id: int
    course_id: int
    course_name: str
    completed_on: dt.date
    expires_on: dt.date | None  # the last day it counts; None: never expires
    provider: str
    evidence: str


@dataclass(frozen=True)
class RecordedTraining:
    """The outcome of recording one course for several people."""

    recorded: tuple[int, ...]  # completion ids
    already_recorded: tuple[int, ...] = ()  # staff ids who had it on that date already

    @property
    def words(self) -> str:
        count = len(self.recorded)
        text = f"Recorded for {count} {'person' if count == 1 else 'people'}"
        if self.already_recorded:
            text += f"; {len(self.already_recorded)} already had it on that date"
        return text + "."


@dataclass
class CompletionDraft:
    course_id: int | None = None
    completed_on: dt.date | str | None = None
    provider: str = ""
    evidence: str = ""
    staff_ids: Sequence[int] = field(default_factory=tuple)


def _clean_completion(draft: CompletionDraft, today: dt.date) -> dict[str, Any]:
    course_id = v.reference("course_id", "course", draft.course_id)
    if course_id is None:
        raise ValidationError("course_id", "Choose a course.")
    day = v.date("completed_on", "Date completed", draft.completed_on, not_after=today)
    return {
        "course_id": course_id,
        "completed_on": day,
        "provider": v.name(
            "provider", "Provider", draft.provider, required=False, max_length=PROVIDER_MAX
        ),
        "evidence": v.text("evidence", "Evidence", draft.evidence, max_length=EVIDENCE_MAX),
    }


def record_training(
    db: Database, draft: CompletionDraft, *, today: dt.date | None = None
) -> RecordedTraining:
    """Record one course completed on one date by several people (a team training day),
    all in one transaction. People who already have it on that date are left alone."""
    today = today or dt.date.today()
    values = _clean_completion(draft, today)
    staff_ids = list(dict.fromkeys(draft.staff_ids))
    if not staff_ids:
        raise ValidationError("staff_ids", "Tick at least one person.")
    for staff_id in staff_ids:
        v.reference("staff_ids", "person", staff_id)
    with db.session() as session:
        course = session.get(Course, values["course_id"])
        if course is None:
            raise ValidationError("course_id", "That course does not exist.")
        if course.archived:
            raise ValidationError("course_id", "That course is archived: restore it first.")
        found = set(session.scalars(select(StaffMember.id).where(StaffMember.id.in_(staff_ids))))
        if len(found) != len(staff_ids):
            raise ValidationError("staff_ids", "One of the ticked people is no longer on record.")
        already = set(
            session.scalars(
                select(TrainingCompletion.staff_id).where(
                    TrainingCompletion.course_id == course.id,
                    TrainingCompletion.completed_on == values["completed_on"],
                    TrainingCompletion.staff_id.in_(staff_ids),
                )
            )
        )
        rows = [
            TrainingCompletion(staff_id=staff_id, **values)
            for staff_id in staff_ids
            if staff_id not in already
        ]
        session.add_all(rows)
        session.flush()
        return RecordedTraining(
            tuple(row.id for row in rows), tuple(s for s in staff_ids if s in already)
        )


def record_completion(
    db: Database,
    staff_id: int,
    course_id: int,
    completed_on: dt.date | str,
    *,
    provider: str = "",
    evidence: str = "",
    today: dt.date | None = None,
) -> CompletionInfo:
    """Record one person's completion of one course."""
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    result = record_training(
        db,
        CompletionDraft(course_id, completed_on, provider, evidence, (staff_id,)),
        today=today,
    )
    if not result.recorded:
        raise ValidationError("completed_on", "This completion is already recorded for that date.")
    return get_completion(db, result.recorded[0])


def _completion_info(row: TrainingCompletion, course: Course) -> CompletionInfo:
    return CompletionInfo(
        row.id,
        row.staff_id,
        row.course_id,
        course.name,
        row.completed_on,
        expires_on(row.completed_on, course.renewal_months),
        row.provider,
        row.evidence,
    )


def get_completion(db: Database, completion_id: int) -> CompletionInfo:
    completion_id = v.record_id("completion_id", "Completion", completion_id, what="completion")
    with db.session() as session:
        row = session.get(TrainingCompletion, completion_id)
        if row is None:
            raise NotFoundError(f"There is no training completion with number {completion_id}.")
        return _completion_info(row, session.get_one(Course, row.course_id))


def delete_completion(db: Database, completion_id: int) -> None:
    """Remove a completion recorded by mistake (the form asks first)."""
    completion_id = v.record_id("completion_id", "Completion", completion_id, what="completion")
    with db.session() as session:
        row = session.get(TrainingCompletion, completion_id)
        if row is None:
            raise NotFoundError(f"There is no training completion with number {completion_id}.")
        session.delete(row)


def completions_for(db: Database, staff_id: int) -> list[CompletionInfo]:
    """Every completion a person has, newest first."""
    with db.session() as session:
        rows = session.execute(
            select(TrainingCompletion, Course)
            .join(Course, Course.id == TrainingCompletion.course_id)
            .where(TrainingCompletion.staff_id == staff_id)
            .order_by(TrainingCompletion.completed_on.desc(), TrainingCompletion.id.desc())
        ).all()
        return [_completion_info(row, course) for row, course in rows]


# ---- one person's training -------------------------------------------------------------


@dataclass(frozen=True)
class TrainingItem:
    """One course for one person: its state and the latest completion, if any."""

    course_id: int
    course_name: str
    category: str
    required: bool
    state: TrainingState
    completed_on: dt.date | None
    expires_on: dt.date | None
    provider: str = ""

    @property
    def words(self) -> str:
        """E.g. "Expired on 03/02/2026", "Valid until 28/02/2027", "Never completed"."""
        if self.completed_on is None:
            return "Never completed" if self.required else "Not required"
        if self.expires_on is None:
            return f"Completed {self.completed_on:%d/%m/%Y}; does not expire"
        if self.state is TrainingState.EXPIRED:
            return f"Expired: valid until {self.expires_on:%d/%m/%Y}"
        return f"Valid until {self.expires_on:%d/%m/%Y}"


def person_training(
    db: Database, staff_id: int, *, today: dt.date | None = None
) -> tuple[TrainingItem, ...]:
    """A person's training: every course mandatory for them or that they have done,
    mandatory ones first, each most urgent first (expired, missing, expiring, done),
    then by course name."""
    today = today or dt.date.today()
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    days = expiring_days(db)
    with db.session() as session:
        person = session.get(StaffMember, staff_id)
        if person is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        role_id = person.role_id
        courses = training_queries.courses(session)
        mandatory = training_queries.mandatory_roles(session)
        latest = session.execute(
            select(
                TrainingCompletion.course_id,
                TrainingCompletion.completed_on,
                TrainingCompletion.provider,
            )
            .where(
                TrainingCompletion.staff_id == staff_id,
                TrainingCompletion.completed_on <= today,
            )
            .order_by(TrainingCompletion.completed_on, TrainingCompletion.id)
        ).all()
    done = {course_id: (day, provider) for course_id, day, provider in latest}  # latest wins
    items = []
    for course in courses:
        required = course.mandatory_for_all or role_id in mandatory.get(course.id, ())
        day, provider = done.get(course.id, (None, ""))
        if not required and day is None:
            continue
        items.append(
            TrainingItem(
                course.id,
                course.name,
                course.category,
                required,
                state_of(
                    day, course.renewal_months, required=required, today=today, expiring_days=days
                ),
                day,
                expires_on(day, course.renewal_months) if day else None,
                provider,
            )
        )
    # Mandatory courses first (most urgent first), then optional ones.
    items.sort(
        key=lambda item: (
            not item.required,
            URGENCY.index(item.state),
            item.course_name.casefold(),
        )
    )
    return tuple(items)


ATTENTION = (TrainingState.EXPIRED, TrainingState.MISSING, TrainingState.EXPIRING)


def training_needing_attention(
    db: Database, staff_id: int, *, today: dt.date | None = None
) -> tuple[TrainingItem, ...]:
    """A person's mandatory training that is expired, missing or expiring within the
    warning period, most urgent first: what to raise in supervision."""
    return tuple(
        item
        for item in person_training(db, staff_id, today=today)
        if item.required and item.state in ATTENTION
    )
