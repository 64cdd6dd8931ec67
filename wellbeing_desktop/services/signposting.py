"""The wellbeing services directory and the record of who was signposted where."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import func, select

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.vocab import SERVICE_CATEGORIES, SIGNPOSTING_REASONS
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import SignpostingRecord, StaffMember, WellbeingService

MAX_FOLLOW_UP_AHEAD = dt.timedelta(days=366)


@dataclass
class ServiceDraft:
    name: str = ""
    category: str = "other"
    description: str = ""
    phone: str = ""
    text_number: str = ""
    email: str = ""
    website: str = ""
    hours: str = ""
    audience: str = ""
    nation: str = ""
    always_open: bool = False
    last_checked: dt.date | str | None = None
    source: str = ""


@dataclass(frozen=True)
class ServiceInfo:
    id: int
    name: str
    category: str
    description: str
    phone: str
    text_number: str
    email: str
    website: str
    hours: str
    audience: str
    nation: str
    always_open: bool
    last_checked: dt.date | None
    source: str
    hidden: bool

    @property
    def category_label(self) -> str:
        return SERVICE_CATEGORIES.get(self.category, self.category)

    def contact_text(self) -> str:
        """Everything needed to get in touch, as plain lines to copy into a message."""
        lines = [self.name]
        for label, value in (
            ("Phone", self.phone),
            ("Text", self.text_number),
            ("Email", self.email),
            ("Web", self.website),
            ("Hours", self.hours),
        ):
            if value:
                lines.append(f"{label}: {value}")
        return "\n".join(lines)


@dataclass(frozen=True)
class SignpostingInfo:
    id: int
    staff_id: int
    service_id: int
    service_name: str
    signposted_on: dt.date
    reason: str
    notes: str
    follow_up_on: dt.date | None
    outcome: str
    outcome_on: dt.date | None

    @property
    def reason_label(self) -> str:
        return SIGNPOSTING_REASONS.get(self.reason, self.reason)

    def follow_up_due(self, today: dt.date) -> bool:
        return (
            self.follow_up_on is not None
            and self.outcome_on is None
            and (self.follow_up_on <= today)
        )


def _service_info(row: WellbeingService) -> ServiceInfo:
    return ServiceInfo(**{f.name: getattr(row, f.name) for f in fields(ServiceInfo)})


def list_services(
    db: Database,
    *,
    search: str = "",
    category: str | None = None,
    nation: str | None = None,
    always_open: bool | None = None,
    include_hidden: bool = False,
) -> list[ServiceInfo]:
    """The directory, filtered: text search over name, description and audience;
    a nation filter keeps UK-wide services too."""
    with db.session() as session:
        rows = [
            _service_info(r)
            for r in session.scalars(
                select(WellbeingService).order_by(func.lower(WellbeingService.name))
            )
        ]
    needle = search.strip().casefold()
    return [
        s
        for s in rows
        if (include_hidden or not s.hidden)
        and (category is None or s.category == category)
        and (nation is None or s.nation in {nation, "UK", ""})
        and (always_open is None or s.always_open == always_open)
        and (
            not needle
            or needle
            in f"{s.name} {s.description} {s.audience} {s.category_label} {s.nation}".casefold()
        )
    ]


def get_service(db: Database, service_id: int) -> ServiceInfo:
    service_id = v.record_id("service_id", "Service", service_id, what="service")
    with db.session() as session:
        row = session.get(WellbeingService, service_id)
        if row is None:
            raise NotFoundError(f"There is no service with number {service_id}.")
        return _service_info(row)


def save_service(
    db: Database,
    draft: ServiceDraft,
    service_id: int | None = None,
    *,
    today: dt.date | None = None,
) -> ServiceInfo:
    today = today or dt.date.today()
    values = {
        "name": v.name("name", "Name", draft.name),
        "category": v.choice("category", "Category", draft.category, SERVICE_CATEGORIES),
        "description": v.text("description", "Description", draft.description, max_length=4000),
        "phone": v.name("phone", "Phone", draft.phone, required=False, max_length=80),
        "text_number": v.name(
            "text_number", "Text", draft.text_number, required=False, max_length=80
        ),
        "email": v.name("email", "Email", draft.email, required=False),
        "website": v.name("website", "Website", draft.website, required=False),
        "hours": v.name("hours", "Hours", draft.hours, required=False),
        "audience": v.name("audience", "Who it is for", draft.audience, required=False),
        "nation": v.name("nation", "Nation or region", draft.nation, required=False, max_length=40),
        "always_open": bool(draft.always_open),
        "last_checked": v.date(
            "last_checked", "Last checked", draft.last_checked, required=False, not_after=today
        ),
        "source": v.text("source", "Source", draft.source, max_length=2000),
    }
    email = str(values["email"])
    if email and ("@" not in email or " " in email):
        raise ValidationError("email", "The email address does not look right.")
    if service_id is not None:
        service_id = v.record_id("service_id", "Service", service_id, what="service")
    with db.session() as session:
        row = session.get(WellbeingService, service_id) if service_id else WellbeingService()
        if row is None:
            raise NotFoundError(f"There is no service with number {service_id}.")
        for key, value in values.items():
            setattr(row, key, value)
        if service_id is None:
            row.hidden = False
        session.add(row)
        session.flush()
        return _service_info(row)


def set_service_hidden(db: Database, service_id: int, hidden: bool) -> None:
    """Hide a service from the directory (records that point to it keep it)."""
    service_id = v.record_id("service_id", "Service", service_id, what="service")
    with db.session() as session:
        row = session.get(WellbeingService, service_id)
        if row is None:
            raise NotFoundError(f"There is no service with number {service_id}.")
        row.hidden = hidden


def _signposting_info(row: SignpostingRecord, service_name: str) -> SignpostingInfo:
    return SignpostingInfo(
        row.id,
        row.staff_id,
        row.service_id,
        service_name,
        row.signposted_on,
        row.reason,
        row.notes,
        row.follow_up_on,
        row.outcome,
        row.outcome_on,
    )


def record_signposting(
    db: Database,
    staff_id: int,
    service_id: int,
    *,
    signposted_on: dt.date | str | None = None,
    reason: str = "other",
    notes: str = "",
    follow_up_on: dt.date | str | None = None,
    today: dt.date | None = None,
) -> SignpostingInfo:
    today = today or dt.date.today()
    day = v.date("signposted_on", "Date", signposted_on or today, not_after=today)
    assert day is not None
    clean_reason = v.choice("reason", "Reason", reason, SIGNPOSTING_REASONS)
    follow_up = v.date(
        "follow_up_on",
        "Follow up on",
        follow_up_on,
        required=False,
        not_before=day,
        not_after=day + MAX_FOLLOW_UP_AHEAD,
    )
    clean_notes = v.text("notes", "Notes", notes)
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    chosen = v.reference("service_id", "service", service_id)
    if chosen is None:
        raise ValidationError("service_id", "Choose a service from the directory.")
    service_id = chosen
    with db.session() as session:
        if session.get(StaffMember, staff_id) is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        service = session.get(WellbeingService, service_id)
        if service is None:
            raise ValidationError("service_id", "Choose a service from the directory.")
        row = SignpostingRecord(
            staff_id=staff_id,
            service_id=service_id,
            signposted_on=day,
            reason=clean_reason,
            notes=clean_notes,
            follow_up_on=follow_up,
        )
        session.add(row)
        session.flush()
        return _signposting_info(row, service.name)


def record_outcome(
    db: Database,
    record_id: int,
    outcome: str,
    *,
    on: dt.date | str | None = None,
    today: dt.date | None = None,
) -> SignpostingInfo:
    today = today or dt.date.today()
    text = v.text("outcome", "Outcome", outcome, required=True, max_length=4000)
    day = v.date("outcome_on", "Date", on or today, not_after=today)
    record_id = v.record_id("record_id", "Signposting record", record_id, what="signposting record")
    with db.session() as session:
        row = session.get(SignpostingRecord, record_id)
        if row is None:
            raise NotFoundError(f"There is no signposting record with number {record_id}.")
        row.outcome, row.outcome_on = text, day
        session.flush()
        name = session.get_one(WellbeingService, row.service_id).name
        return _signposting_info(row, name)


def signposting_for(db: Database, staff_id: int) -> list[SignpostingInfo]:
    """A person's signposting history, newest first."""
    with db.session() as session:
        rows = session.execute(
            select(SignpostingRecord, WellbeingService.name)
            .join(WellbeingService, WellbeingService.id == SignpostingRecord.service_id)
            .where(SignpostingRecord.staff_id == staff_id)
            .order_by(SignpostingRecord.signposted_on.desc(), SignpostingRecord.id.desc())
        ).all()
        return [_signposting_info(row, name) for row, name in rows]
