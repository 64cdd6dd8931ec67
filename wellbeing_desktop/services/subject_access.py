"""Subject access: everything the database holds about one person, in one document.

The document is a list of sections (the staff record, protections, caseloads,
workload reviews, supervision, check-ins, signposting, training, development,
...), each a list of items made of labelled fields. The JSON export and the PDF
(``reports/subject_access.py``) are two renderings of the same document, so they
can never disagree about what is held. The sections are one table, ``SOURCES``:
a new record type about a person is one entry there, with the function that
turns one record into an item.

Other people's personal data is kept out where the software can tell: other
attendees of a group session are counted, not named, actions owned by them are
marked as someone else's, and colleagues cases were reallocated to are not named.
Free text (session notes) cannot be judged by software: the document says so,
for the person handling the request to review.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from wellbeing_desktop import __version__
from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.services import audit
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.vocab import (
    CPD_CATEGORIES,
    OBJECTIVE_STATUSES,
    PROGRAMME_KINDS,
    PROGRAMME_OUTCOMES,
    PROTECTION_KINDS,
    SESSION_KINDS,
    SESSION_STATUSES,
    SIGNPOSTING_REASONS,
)
from wellbeing_desktop.services.workload import TRIGGERS
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    AuditEntry,
    Base,
    CaseloadRecord,
    CheckIn,
    Course,
    CpdEntry,
    DevelopmentPlan,
    DevelopmentProgramme,
    Protection,
    SessionAttendee,
    SignpostingRecord,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
    TrainingCompletion,
    WellbeingService,
    WorkloadReallocation,
    WorkloadReview,
)

FORMAT = "wellbeing-desktop/subject-access"
FORMAT_VERSION = 1
REVIEW_NOTE = (
    "Free-text notes (supervision sections, action texts) can mention other people. "
    "Whoever answers the request should read them and withhold third-party details "
    "where the law requires before releasing this document."
)
THIRD_PARTY_NOTE = (
    "Other people who attended group sessions are counted, not named; actions they own, "
    "and colleagues who took over cases, are shown as another person's."
)
ANOTHER = "Another person"

JsonValue = str | int | float | bool | None


@dataclass(frozen=True)
class Field:
    key: str  # the JSON name
    label: str  # the words a reader sees
    value: JsonValue  # as written to JSON (dates as ISO text, choices as their codes)
    text: str  # as shown to a reader (dates dd/mm/yyyy, choices in words)


@dataclass(frozen=True)
class Item:
    """One record: its fields, and lists of records that belong to it (a session's
    actions)."""

    title: str
    fields: tuple[Field, ...]
    children: tuple[tuple[str, str, tuple[Item, ...]], ...] = ()  # (key, title, items)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: tuple[Item, ...]
    note: str = ""
    single: bool = False  # one record, written as a JSON object rather than a list


@dataclass(frozen=True)
class SubjectAccessDocument:
    staff_id: int
    name: str
    generated_at: dt.datetime
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = (REVIEW_NOTE, THIRD_PARTY_NOTE)

    def counts(self) -> dict[str, int]:
        return {section.key: len(section.items) for section in self.sections}

    def as_dict(self) -> dict[str, Any]:
        """The machine-readable form: plain JSON types only."""
        document: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
            "generated_by": f"Wellbeing Desktop {__version__}",
            "staff_id": self.staff_id,
            "notes": list(self.notes),
        }
        for section in self.sections:
            items = [_item_dict(item) for item in section.items]
            document[section.key] = items[0] if section.single else items
        return document


def _item_dict(item: Item) -> dict[str, Any]:
    data: dict[str, Any] = {field.key: field.value for field in item.fields}
    for key, _title, children in item.children:
        data[key] = [_item_dict(child) for child in children]
    return data


# ---- field helpers -----------------------------------------------------------------------

NONE = "–"


def _uk(day: dt.date | None) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else NONE


def _date(key: str, label: str, day: dt.date | None) -> Field:
    return Field(key, label, day.isoformat() if day else None, _uk(day))


def _moment(key: str, label: str, moment: dt.datetime | None) -> Field:
    if moment is None:
        return Field(key, label, None, NONE)
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    local = aware.astimezone()
    return Field(
        key,
        label,
        aware.astimezone(dt.UTC).isoformat(timespec="seconds"),
        f"{_uk(local.date())} {local:%H:%M}",
    )


def _text(key: str, label: str, value: str | None) -> Field:
    return Field(key, label, value or "", value or NONE)


def _number(key: str, label: str, value: float | None) -> Field:
    if value is None:
        return Field(key, label, None, NONE)
    shown = f"{value:g}" if isinstance(value, float) else str(value)
    return Field(key, label, value, shown)


def _flag(key: str, label: str, value: bool) -> Field:
    return Field(key, label, bool(value), "Yes" if value else "No")


def _choice(key: str, label: str, value: str, words: dict[str, str]) -> Field:
    return Field(key, label, value, words.get(value, value) or NONE)


# ---- the sections ------------------------------------------------------------------------

Reader = Callable[[Session, int], Iterable[Item]]


@dataclass(frozen=True)
class Source:
    """One section of the document: its JSON key, its title, and how its items are read
    for a person (``read(session, staff_id)``)."""

    key: str
    title: str
    read: Reader
    note: str = ""
    single: bool = False


def _own(
    model: type[Base],
    order: InstrumentedAttribute[Any],
    item: Callable[..., Item],
    *,
    also: tuple[InstrumentedAttribute[Any], ...] = (),
    options: tuple[LoaderOption, ...] = (),
) -> Reader:
    """A reader for the records that hold the person's number in ``staff_id``, oldest
    first. ``item`` gets each record, then the values of ``also`` (columns of one
    record the first refers to, e.g. a course's name), in that order."""
    staff_column: InstrumentedAttribute[int] = model.staff_id  # type: ignore[attr-defined]
    key: InstrumentedAttribute[int] = model.id  # type: ignore[attr-defined]

    def read(session: Session, staff_id: int) -> Iterable[Item]:
        query = select(model, *also)
        if also:
            query = query.join(also[0].class_)
        query = query.where(staff_column == staff_id).order_by(order, key).options(*options)
        return (item(*row) for row in session.execute(query))

    return read


def gather(db: Database, staff_id: int, *, now: dt.datetime | None = None) -> SubjectAccessDocument:
    """Everything held about one person, read in one transaction."""
    staff_id = v.record_id("person", "Person", staff_id, what="person")
    now = now or dt.datetime.now(dt.UTC)
    with db.session() as session:
        member = session.get(StaffMember, staff_id)
        if member is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        sections = tuple(
            Section(
                source.key,
                source.title,
                tuple(source.read(session, staff_id)),
                note=source.note,
                single=source.single,
            )
            for source in SOURCES
        )
        return SubjectAccessDocument(staff_id, member.name, now, sections)


# ---- one record as an item ---------------------------------------------------------------


def _id(record_id: int) -> Field:
    return _number("id", "Record number", record_id)


def _staff_record(session: Session, staff_id: int) -> Iterable[Item]:
    member = session.get(StaffMember, staff_id)
    assert member is not None  # gather() checked
    supervisor = session.get(StaffMember, member.supervisor_id) if member.supervisor_id else None
    yield Item(
        "Staff record",
        (
            _id(member.id),
            _text("name", "Name", member.name),
            _text("team", "Team", member.team.name),
            _text("role", "Role", member.role.name),
            _text("job_title", "Job title", member.job_title),
            _text("pay_band", "Pay band", member.pay_band),
            _number("fte", "Hours (FTE)", member.fte),
            _date("start_date", "Start date", member.start_date),
            _date("leaving_date", "Leaving date", member.leaving_date),
            _text("supervisor", "Supervisor", supervisor.name if supervisor else ""),
            _text("notes", "Notes", member.notes),
            _moment("created_at", "Record created", member.created_at),
            _moment("updated_at", "Record last changed", member.updated_at),
        ),
    )


def _protection(p: Protection) -> Item:
    return Item(
        PROTECTION_KINDS.get(p.kind, p.kind),
        (
            _id(p.id),
            _choice("kind", "Protection", p.kind, PROTECTION_KINDS),
            _date("start_date", "From", p.start_date),
            _date("end_date", "Until", p.end_date),
            _number("limit_percent", "Share of the full caseload limit (%)", p.limit_percent),
            _text("note", "Note", p.note),
        ),
    )


def _children(
    key: str, title: str, items: Iterable[Item]
) -> tuple[tuple[str, str, tuple[Item, ...]], ...]:
    listed = tuple(items)
    return ((key, title, listed),) if listed else ()


def _caseload(r: CaseloadRecord) -> Item:
    return Item(
        f"Caseload on {_uk(r.recorded_on)}",
        (
            _id(r.id),
            _date("recorded_on", "Date", r.recorded_on),
            _number("open_cases", "Open cases", r.open_cases),
            _number("weighted_points", "Weighted points", r.weighted_points),
            _text("note", "Note", r.note),
        ),
        _children(
            "complexity",
            "Cases by complexity",
            (
                Item(
                    b.label,
                    (
                        _text("label", "Complexity level", b.label),
                        _number("cases", "Cases", b.cases),
                        _number("weight", "Weight", b.weight),
                    ),
                )
                for b in r.bands
            ),
        ),
    )


def _workload_review(r: WorkloadReview) -> Item:
    return Item(
        f"Workload review agreed on {_uk(r.agreed_on)}",
        (
            _id(r.id),
            _choice("trigger", "What led to it", r.trigger, TRIGGERS),
            _date("agreed_on", "Agreed on", r.agreed_on),
            _text("agreed_by", "Agreed by", r.agreed_by),
            _date("pause_until", "No new cases until", r.pause_until),
            _flag("extra_supervision", "Extra supervision", r.extra_supervision),
            _flag("reduced_complexity", "Reduced complexity", r.reduced_complexity),
            _text("other_action", "Other action agreed", r.other_action),
            _date("review_on", "Review on", r.review_on),
            _date("closed_on", "Closed on", r.closed_on),
            _text("outcome", "Outcome", r.outcome),
        ),
        (
            (
                "reallocations",
                "Cases to reallocate",
                tuple(
                    Item(
                        f"{a.cases} cases",
                        (
                            _id(a.id),
                            _number("cases", "Cases", a.cases),
                            _text(
                                "to", "To", ANOTHER if a.to_staff_id is not None else "Not recorded"
                            ),
                            _date("applied_on", "Applied on", a.applied_on),
                        ),
                    )
                    for a in r.reallocations
                ),
            ),
        ),
    )


def _reallocations_received(session: Session, staff_id: int) -> Iterable[Item]:
    rows = session.execute(
        select(WorkloadReallocation, WorkloadReview.agreed_on)
        .join(WorkloadReview, WorkloadReview.id == WorkloadReallocation.review_id)
        .where(WorkloadReallocation.to_staff_id == staff_id)
        .order_by(WorkloadReview.agreed_on, WorkloadReallocation.id)
    )
    for a, agreed_on in rows:
        yield Item(
            f"{a.cases} cases agreed on {_uk(agreed_on)}",
            (
                _id(a.id),
                _number("cases", "Cases", a.cases),
                _date("agreed_on", "Agreed on", agreed_on),
                _date("applied_on", "Applied on", a.applied_on),
            ),
        )


def _owner(action: SupervisionAction, staff_id: int, session: SupervisionSession) -> str:
    if action.owner_staff_id == staff_id:
        return "This person"
    if action.owner_staff_id is None:
        return action.owner_name
    if action.owner_staff_id == session.supervisor_id:
        return action.owner_name or session.supervisor_name or "The supervisor"
    return ANOTHER


def _action_item(action: SupervisionAction, owner: str) -> Item:
    return Item(
        action.text[:60],
        (
            _id(action.id),
            _text("text", "Action", action.text),
            _text("owner", "Owner", owner),
            _date("due_on", "Due", action.due_on),
            _flag("done", "Done", action.done),
            _date("done_on", "Done on", action.done_on),
        ),
    )


def _sessions(session: Session, staff_id: int) -> Iterable[Item]:
    attended = select(SessionAttendee.session_id).where(SessionAttendee.staff_id == staff_id)
    attendee_counts = dict(
        session.execute(
            select(SessionAttendee.session_id, func.count())
            .where(SessionAttendee.session_id.in_(attended))
            .group_by(SessionAttendee.session_id)
        ).all()
    )
    rows = session.scalars(
        select(SupervisionSession)
        .where(SupervisionSession.id.in_(attended))
        .options(selectinload(SupervisionSession.actions))
        .order_by(SupervisionSession.held_on, SupervisionSession.id)
    )
    for s in rows:
        others = attendee_counts.get(s.id, 1) - 1
        yield Item(
            f"{SESSION_KINDS.get(s.kind, s.kind)} on {_uk(s.held_on)}",
            (
                _id(s.id),
                _choice("kind", "Kind of session", s.kind, SESSION_KINDS),
                _date("held_on", "Date", s.held_on),
                _number("duration_minutes", "Length (minutes)", s.duration_minutes),
                _text("supervisor", "Supervisor", s.supervisor_name),
                _number("other_attendees", "Other attendees (not named)", others),
                _text("casework", "Casework and accountability", s.casework),
                _text("learning", "Learning and development", s.learning),
                _text("wellbeing", "Wellbeing and support", s.wellbeing),
                _text("reflection", "Reflection", s.reflection),
                _flag("caseload_reviewed", "Caseload reviewed", s.caseload_reviewed),
                _number("caseload_figure", "Caseload discussed", s.caseload_figure),
                _date("next_session_on", "Next session", s.next_session_on),
                _choice("status", "Status", s.status, SESSION_STATUSES),
                _date("agreed_on", "Agreed on", s.agreed_on),
            ),
            (
                (
                    "actions",
                    "Agreed actions",
                    tuple(_action_item(a, _owner(a, staff_id, s)) for a in s.actions),
                ),
            ),
        )


def _actions_elsewhere(session: Session, staff_id: int) -> Iterable[Item]:
    attended = select(SessionAttendee.session_id).where(SessionAttendee.staff_id == staff_id)
    rows = session.execute(
        select(SupervisionAction, SupervisionSession.held_on)
        .join(SupervisionSession, SupervisionSession.id == SupervisionAction.session_id)
        .where(
            SupervisionAction.owner_staff_id == staff_id,
            SupervisionAction.session_id.not_in(attended),
        )
        .order_by(SupervisionSession.held_on, SupervisionAction.id)
    )
    for action, held_on in rows:
        yield Item(
            action.text[:60],
            (
                *_action_item(action, "This person").fields,
                _date("session_held_on", "Session date", held_on),
            ),
        )


def _led(session: Session, staff_id: int) -> Iterable[Item]:
    rows = session.execute(
        select(SupervisionSession.id, SupervisionSession.kind, SupervisionSession.held_on)
        .where(SupervisionSession.supervisor_id == staff_id)
        .order_by(SupervisionSession.held_on, SupervisionSession.id)
    )
    for session_id, kind, held_on in rows:
        yield Item(
            f"{SESSION_KINDS.get(kind, kind)} on {_uk(held_on)}",
            (
                _id(session_id),
                _choice("kind", "Kind of session", kind, SESSION_KINDS),
                _date("held_on", "Date", held_on),
            ),
        )


def _checkin(c: CheckIn) -> Item:
    return Item(
        f"Check-in on {_uk(c.held_on)}",
        (
            _id(c.id),
            _date("held_on", "Date", c.held_on),
            _number("overall", "Overall wellbeing (1 low – 5 high)", c.overall),
            _number("workload", "Workload feels manageable (1 – 5)", c.workload),
            _number("stress", "Stress (1 low – 5 high)", c.stress),
            _number("support", "Feeling supported (1 – 5)", c.support),
            _text("notes", "Notes", c.notes),
            _flag("follow_up_needed", "Follow-up needed", c.follow_up_needed),
            _date("follow_up_done_on", "Follow-up done on", c.follow_up_done_on),
        ),
    )


def _signposting(r: SignpostingRecord, service: str) -> Item:
    return Item(
        f"{service} on {_uk(r.signposted_on)}",
        (
            _id(r.id),
            _date("signposted_on", "Date", r.signposted_on),
            _text("service", "Service", service),
            _choice("reason", "Reason", r.reason, SIGNPOSTING_REASONS),
            _text("notes", "Notes", r.notes),
            _date("follow_up_on", "Follow up on", r.follow_up_on),
            _text("outcome", "Outcome", r.outcome),
            _date("outcome_on", "Outcome recorded on", r.outcome_on),
        ),
    )


def _training(t: TrainingCompletion, course: str, renewal_months: int | None) -> Item:
    return Item(
        f"{course} on {_uk(t.completed_on)}",
        (
            _id(t.id),
            _text("course", "Course", course),
            _date("completed_on", "Completed on", t.completed_on),
            _number("renewal_months", "Renewed every (months)", renewal_months),
            _text("provider", "Provider", t.provider),
            _text("evidence", "Evidence", t.evidence),
        ),
    )


def _programmes(session: Session, staff_id: int) -> Iterable[Item]:
    assessor = aliased(StaffMember)
    rows = session.execute(
        select(DevelopmentProgramme, assessor.name)
        .outerjoin(assessor, assessor.id == DevelopmentProgramme.assessor_id)
        .where(DevelopmentProgramme.staff_id == staff_id)
        .options(selectinload(DevelopmentProgramme.milestones))
        .order_by(DevelopmentProgramme.start_on, DevelopmentProgramme.id)
    )
    for p, colleague in rows:
        yield Item(
            f"{PROGRAMME_KINDS.get(p.kind, p.kind)} from {_uk(p.start_on)}",
            (
                _id(p.id),
                _choice("kind", "Programme", p.kind, PROGRAMME_KINDS),
                _date("start_on", "Started on", p.start_on),
                _date("expected_end_on", "Expected to end on", p.expected_end_on),
                _text("assessor", "Preceptor or assessor", colleague or p.assessor_name),
                _date("finished_on", "Finished on", p.finished_on),
                _choice("outcome", "Outcome", p.outcome, PROGRAMME_OUTCOMES),
                _text("notes", "Notes", p.notes),
            ),
            (
                (
                    "milestones",
                    "Milestones and competencies",
                    tuple(
                        Item(
                            m.title[:60],
                            (
                                _text("title", "Milestone", m.title),
                                _date("target_on", "Target", m.target_on),
                                _date("signed_off_on", "Signed off on", m.signed_off_on),
                                _text("signed_off_by", "Signed off by", m.signed_off_by),
                            ),
                        )
                        for m in p.milestones
                    ),
                ),
            ),
        )


def _programmes_supported(session: Session, staff_id: int) -> Iterable[Item]:
    rows = session.execute(
        select(
            DevelopmentProgramme.id,
            DevelopmentProgramme.kind,
            DevelopmentProgramme.start_on,
            DevelopmentProgramme.expected_end_on,
        )
        .where(DevelopmentProgramme.assessor_id == staff_id)
        .order_by(DevelopmentProgramme.start_on, DevelopmentProgramme.id)
    )
    for programme_id, kind, start_on, end_on in rows:
        yield Item(
            f"{PROGRAMME_KINDS.get(kind, kind)} from {_uk(start_on)}",
            (
                _id(programme_id),
                _choice("kind", "Programme", kind, PROGRAMME_KINDS),
                _date("start_on", "Started on", start_on),
                _date("expected_end_on", "Expected to end on", end_on),
            ),
        )


def _plan(plan: DevelopmentPlan) -> Item:
    return Item(
        f"Development plan for {plan.year}",
        (
            _id(plan.id),
            _number("year", "Year", plan.year),
            _date("agreed_on", "Agreed on", plan.agreed_on),
            _text("notes", "Notes", plan.notes),
        ),
        (
            (
                "objectives",
                "Objectives",
                tuple(
                    Item(
                        o.text[:60],
                        (
                            _id(o.id),
                            _text("text", "Objective", o.text),
                            _date("target_on", "Target", o.target_on),
                            _choice("status", "Status", o.status, OBJECTIVE_STATUSES),
                            _date("achieved_on", "Achieved on", o.achieved_on),
                            _text("progress", "Progress", o.progress),
                        ),
                    )
                    for o in plan.objectives
                ),
            ),
        ),
    )


def _cpd(c: CpdEntry) -> Item:
    return Item(
        f"{c.activity[:60]} on {_uk(c.done_on)}",
        (
            _id(c.id),
            _date("done_on", "Date", c.done_on),
            _text("activity", "Activity", c.activity),
            _choice("category", "Kind of activity", c.category, CPD_CATEGORIES),
            _number("hours", "Hours", c.hours),
            _text("reflection", "Reflection", c.reflection),
        ),
    )


def _audit(session: Session, staff_id: int) -> Iterable[Item]:
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.record_type == "staff_member", AuditEntry.record_id == str(staff_id))
        .order_by(AuditEntry.id)
    )
    for e in rows:
        yield Item(
            f"{audit.ACTIONS.get(e.action, e.action)}",
            (
                _moment("at", "When", e.at),
                _text("actor", "By", e.actor),
                _choice("action", "What", e.action, audit.ACTIONS),
                _text("detail", "Detail", e.detail),
            ),
        )


# Every section, in the order a person reads them. A new record type about a person is
# one entry here (and the function that turns one record into an item).
SOURCES: tuple[Source, ...] = (
    Source("staff_record", "Staff record", _staff_record, single=True),
    Source("protections", "Protections", _own(Protection, Protection.start_date, _protection)),
    Source(
        "caseloads",
        "Caseload records",
        _own(
            CaseloadRecord,
            CaseloadRecord.recorded_on,
            _caseload,
            options=(selectinload(CaseloadRecord.bands),),
        ),
    ),
    Source(
        "workload_reviews",
        "Workload reviews",
        _own(
            WorkloadReview,
            WorkloadReview.agreed_on,
            _workload_review,
            options=(selectinload(WorkloadReview.reallocations),),
        ),
        note="Colleagues who took over cases are not named.",
    ),
    Source(
        "reallocations_received",
        "Cases reallocated to this person",
        _reallocations_received,
        note="Only the number of cases and the dates: the review they came from is about "
        "someone else.",
    ),
    Source(
        "supervision_sessions",
        "Supervision and reflective practice",
        _sessions,
        note=THIRD_PARTY_NOTE,
    ),
    Source(
        "actions_in_other_sessions",
        "Actions owned in other people's sessions",
        _actions_elsewhere,
        note="Only the action is shown: the rest of those records is about others.",
    ),
    Source(
        "sessions_as_supervisor",
        "Sessions led as supervisor",
        _led,
        note="Dates only: what was discussed is about the supervisees.",
    ),
    Source("check_ins", "Wellbeing check-ins", _own(CheckIn, CheckIn.held_on, _checkin)),
    Source(
        "signposting",
        "Signposting",
        _own(
            SignpostingRecord,
            SignpostingRecord.signposted_on,
            _signposting,
            also=(WellbeingService.name,),
        ),
    ),
    Source(
        "training",
        "Training completed",
        _own(
            TrainingCompletion,
            TrainingCompletion.completed_on,
            _training,
            also=(Course.name, Course.renewal_months),
        ),
    ),
    Source(
        "development_programmes",
        "Induction, preceptorship and skills passports",
        _programmes,
    ),
    Source(
        "programmes_as_assessor",
        "Programmes supported as preceptor or assessor",
        _programmes_supported,
        note="Dates only: the programme is about the person it supports.",
    ),
    Source(
        "development_plans",
        "Development plans",
        _own(
            DevelopmentPlan,
            DevelopmentPlan.year,
            _plan,
            options=(selectinload(DevelopmentPlan.objectives),),
        ),
    ),
    Source("cpd", "Continuing professional development", _own(CpdEntry, CpdEntry.done_on, _cpd)),
    Source("audit_trail", "Changes to the staff record (audit trail)", _audit),
)


# ---- export ------------------------------------------------------------------------------


def to_json(document: SubjectAccessDocument) -> str:
    return json.dumps(document.as_dict(), ensure_ascii=False, indent=2) + "\n"


def export_json(
    db: Database, staff_id: int, out: Path | str, *, now: dt.datetime | None = None
) -> SubjectAccessDocument:
    """Write the JSON export to ``out``, audited as exported. The file appears only once
    its audit entry is recorded."""
    document = gather(db, staff_id, now=now)
    data = to_json(document).encode("utf-8")
    audit.write_audited(
        db,
        Path(out),
        lambda path: path.write_bytes(data),
        action="exported",
        record_type="staff_member",
        record_id=document.staff_id,
        detail="subject access (JSON)",
    )
    return document


def section_counts(document: SubjectAccessDocument) -> Iterable[tuple[str, int]]:
    """(section title, number of records): what a confirmation can show without content."""
    return ((section.title, len(section.items)) for section in document.sections)
