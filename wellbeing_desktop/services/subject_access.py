"""Subject access: everything the database holds about one person, in one document.

The document is a list of sections (the staff record, protections, caseloads,
supervision, check-ins, signposting, ...), each a list of items made of labelled
fields. The JSON export and the PDF (``reports/subject_access.py``) are two
renderings of the same document, so they can never disagree about what is held.

Other people's personal data is kept out where the software can tell: other
attendees of a group session are counted, not named, and actions owned by them
are marked as someone else's. Free text (session notes) cannot be judged by
software: the document says so, for the person handling the request to review.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from wellbeing_desktop import __version__
from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.services import audit
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.vocab import (
    PROTECTION_KINDS,
    SESSION_KINDS,
    SESSION_STATUSES,
    SIGNPOSTING_REASONS,
)
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    AuditEntry,
    CaseloadRecord,
    CheckIn,
    Protection,
    SessionAttendee,
    SignpostingRecord,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
    WellbeingService,
)

FORMAT = "wellbeing-desktop/subject-access"
FORMAT_VERSION = 1
REVIEW_NOTE = (
    "Free-text notes (supervision sections, action texts) can mention other people. "
    "Whoever answers the request should read them and withhold third-party details "
    "where the law requires before releasing this document."
)
THIRD_PARTY_NOTE = (
    "Other people who attended group sessions are counted, not named; actions they own "
    "are shown as another person's."
)

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
    return Field(key, label, value, words.get(value, value))


# ---- gathering ---------------------------------------------------------------------------


def gather(db: Database, staff_id: int, *, now: dt.datetime | None = None) -> SubjectAccessDocument:
    """Everything held about one person, read in one transaction."""
    staff_id = v.record_id("person", "Person", staff_id, what="person")
    now = now or dt.datetime.now(dt.UTC)
    with db.session() as session:
        member = session.get(StaffMember, staff_id)
        if member is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        sections = (
            Section("staff_record", "Staff record", (_person(session, member),), single=True),
            Section("protections", "Protections", _protections(session, staff_id)),
            Section("caseloads", "Caseload records", _caseloads(session, staff_id)),
            Section(
                "supervision_sessions",
                "Supervision and reflective practice",
                _sessions(session, staff_id),
                note=THIRD_PARTY_NOTE,
            ),
            Section(
                "actions_in_other_sessions",
                "Actions owned in other people's sessions",
                _actions_elsewhere(session, staff_id),
                note="Only the action is shown: the rest of those records is about others.",
            ),
            Section(
                "sessions_as_supervisor",
                "Sessions led as supervisor",
                _led(session, staff_id),
                note="Dates only: what was discussed is about the supervisees.",
            ),
            Section("check_ins", "Wellbeing check-ins", _checkins(session, staff_id)),
            Section("signposting", "Signposting", _signposting(session, staff_id)),
            Section(
                "audit_trail",
                "Changes to the staff record (audit trail)",
                _audit(session, staff_id),
            ),
        )
        return SubjectAccessDocument(staff_id, member.name, now, sections)


def _person(session: Session, member: StaffMember) -> Item:
    supervisor = session.get(StaffMember, member.supervisor_id) if member.supervisor_id else None
    return Item(
        "Staff record",
        (
            _number("id", "Record number", member.id),
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


def _protections(session: Session, staff_id: int) -> tuple[Item, ...]:
    rows = session.scalars(
        select(Protection)
        .where(Protection.staff_id == staff_id)
        .order_by(Protection.start_date, Protection.id)
    )
    return tuple(
        Item(
            PROTECTION_KINDS.get(p.kind, p.kind),
            (
                _number("id", "Record number", p.id),
                _choice("kind", "Protection", p.kind, PROTECTION_KINDS),
                _date("start_date", "From", p.start_date),
                _date("end_date", "Until", p.end_date),
                _number("limit_percent", "Share of the full caseload limit (%)", p.limit_percent),
                _text("note", "Note", p.note),
            ),
        )
        for p in rows
    )


def _caseloads(session: Session, staff_id: int) -> tuple[Item, ...]:
    rows = session.scalars(
        select(CaseloadRecord)
        .where(CaseloadRecord.staff_id == staff_id)
        .options(selectinload(CaseloadRecord.bands))
        .order_by(CaseloadRecord.recorded_on, CaseloadRecord.id)
    )
    return tuple(
        Item(
            f"Caseload on {_uk(r.recorded_on)}",
            (
                _number("id", "Record number", r.id),
                _date("recorded_on", "Date", r.recorded_on),
                _number("open_cases", "Open cases", r.open_cases),
                _number("weighted_points", "Weighted points", r.weighted_points),
                _text("note", "Note", r.note),
            ),
            (
                (
                    "complexity",
                    "Cases by complexity",
                    tuple(
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
            if r.bands
            else (),
        )
        for r in rows
    )


def _owner(action: SupervisionAction, staff_id: int, session: SupervisionSession) -> str:
    if action.owner_staff_id == staff_id:
        return "This person"
    if action.owner_staff_id is None:
        return action.owner_name
    if action.owner_staff_id == session.supervisor_id:
        return action.owner_name or session.supervisor_name or "The supervisor"
    return "Another person"


def _action_item(action: SupervisionAction, owner: str) -> Item:
    return Item(
        action.text[:60],
        (
            _number("id", "Record number", action.id),
            _text("text", "Action", action.text),
            _text("owner", "Owner", owner),
            _date("due_on", "Due", action.due_on),
            _flag("done", "Done", action.done),
            _date("done_on", "Done on", action.done_on),
        ),
    )


def _sessions(session: Session, staff_id: int) -> tuple[Item, ...]:
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
    items = []
    for s in rows:
        others = attendee_counts.get(s.id, 1) - 1
        items.append(
            Item(
                f"{SESSION_KINDS.get(s.kind, s.kind)} on {_uk(s.held_on)}",
                (
                    _number("id", "Record number", s.id),
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
        )
    return tuple(items)


def _actions_elsewhere(session: Session, staff_id: int) -> tuple[Item, ...]:
    attended = select(SessionAttendee.session_id).where(SessionAttendee.staff_id == staff_id)
    rows = session.execute(
        select(SupervisionAction, SupervisionSession.held_on)
        .join(SupervisionSession, SupervisionSession.id == SupervisionAction.session_id)
        .where(
            SupervisionAction.owner_staff_id == staff_id,
            SupervisionAction.session_id.not_in(attended),
        )
        .order_by(SupervisionSession.held_on, SupervisionAction.id)
    ).all()
    return tuple(
        Item(
            action.text[:60],
            (
                *_action_item(action, "This person").fields,
                _date("session_held_on", "Session date", held_on),
            ),
        )
        for action, held_on in rows
    )


def _led(session: Session, staff_id: int) -> tuple[Item, ...]:
    rows = session.execute(
        select(SupervisionSession.id, SupervisionSession.kind, SupervisionSession.held_on)
        .where(SupervisionSession.supervisor_id == staff_id)
        .order_by(SupervisionSession.held_on, SupervisionSession.id)
    ).all()
    return tuple(
        Item(
            f"{SESSION_KINDS.get(kind, kind)} on {_uk(held_on)}",
            (
                _number("id", "Record number", session_id),
                _choice("kind", "Kind of session", kind, SESSION_KINDS),
                _date("held_on", "Date", held_on),
            ),
        )
        for session_id, kind, held_on in rows
    )


def _checkins(session: Session, staff_id: int) -> tuple[Item, ...]:
    rows = session.scalars(
        select(CheckIn).where(CheckIn.staff_id == staff_id).order_by(CheckIn.held_on, CheckIn.id)
    )
    return tuple(
        Item(
            f"Check-in on {_uk(c.held_on)}",
            (
                _number("id", "Record number", c.id),
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
        for c in rows
    )


def _signposting(session: Session, staff_id: int) -> tuple[Item, ...]:
    rows = session.execute(
        select(SignpostingRecord, WellbeingService.name)
        .join(WellbeingService, WellbeingService.id == SignpostingRecord.service_id)
        .where(SignpostingRecord.staff_id == staff_id)
        .order_by(SignpostingRecord.signposted_on, SignpostingRecord.id)
    ).all()
    return tuple(
        Item(
            f"{service} on {_uk(r.signposted_on)}",
            (
                _number("id", "Record number", r.id),
                _date("signposted_on", "Date", r.signposted_on),
                _text("service", "Service", service),
                _choice("reason", "Reason", r.reason, SIGNPOSTING_REASONS),
                _text("notes", "Notes", r.notes),
                _date("follow_up_on", "Follow up on", r.follow_up_on),
                _text("outcome", "Outcome", r.outcome),
                _date("outcome_on", "Outcome recorded on", r.outcome_on),
            ),
        )
        for r, service in rows
    )


def _audit(session: Session, staff_id: int) -> tuple[Item, ...]:
    rows = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.record_type == "staff_member", AuditEntry.record_id == str(staff_id))
        .order_by(AuditEntry.id)
    )
    return tuple(
        Item(
            f"{audit.ACTIONS.get(e.action, e.action)}",
            (
                _moment("at", "When", e.at),
                _text("actor", "By", e.actor),
                _choice("action", "What", e.action, audit.ACTIONS),
                _text("detail", "Detail", e.detail),
            ),
        )
        for e in rows
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
