"""What the printed reports need, gathered from the other services in one call each.

The reports draw; these functions decide what goes in them: which teams, which
actions count as a person's, what a wellbeing summary may show. Each returns
plain frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import or_, select

from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.services import checkins, people, signposting, supervision
from wellbeing_desktop.services.checkins import CheckInRecord
from wellbeing_desktop.services.people import StaffInfo
from wellbeing_desktop.services.signposting import SignpostingInfo
from wellbeing_desktop.services.summary import PersonSummary, team_summary
from wellbeing_desktop.services.supervision import ActionInfo, SessionRecord
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import SessionAttendee, StaffMember, SupervisionAction

# ---- a supervision record -------------------------------------------------------------


@dataclass(frozen=True)
class SupervisionRecordData:
    session: SessionRecord
    supervisees: tuple[StaffInfo, ...]
    action_owners: dict[int, str]  # action id -> who owns it, in words


def supervision_record_data(db: Database, session_id: int) -> SupervisionRecordData:
    """A session in full, with its supervisees' details and each action's owner named.
    An action with no owner on the staff list is the supervisor's."""
    record = supervision.get_session(db, session_id)
    supervisees = tuple(people.get_staff(db, staff_id) for staff_id in record.attendee_ids)
    names = {s.id: s.name for s in supervisees}
    missing = {
        a.owner_staff_id
        for a in record.actions
        if a.owner_staff_id is not None and a.owner_staff_id not in names
    }
    for staff_id in missing:
        try:
            names[staff_id] = people.get_staff(db, staff_id).name
        except NotFoundError:
            names[staff_id] = ""
    owners = {
        a.id: (
            names.get(a.owner_staff_id or -1)
            or a.owner_name
            or record.supervisor_name
            or "Supervisor"
        )
        for a in record.actions
    }
    return SupervisionRecordData(record, supervisees, owners)


# ---- a person's wellbeing and support summary ---------------------------------------


@dataclass(frozen=True)
class CheckInPoint:
    record: CheckInRecord
    prompt: str | None  # why it prompts a follow-up conversation, if it does


@dataclass(frozen=True)
class WellbeingSummary:
    person: StaffInfo
    today: dt.date
    since: dt.date
    position: PersonSummary | None  # caseload and supervision today (None if not in post)
    checkins: tuple[CheckInPoint, ...]  # oldest first, within the period
    signposting: tuple[SignpostingInfo, ...]  # newest first, within the period
    actions: tuple[ActionInfo, ...]  # open ones, and those agreed in the period
    sessions: tuple[SessionRecord, ...]  # newest first, within the period
    include_notes: bool

    def action_overdue(self, action: ActionInfo) -> bool:
        return action.overdue_on(self.today)

    def follow_up_due(self, record: SignpostingInfo) -> bool:
        return record.follow_up_due(self.today)


def wellbeing_summary(
    db: Database,
    staff_id: int,
    *,
    months: int = 12,
    include_notes: bool = False,
    today: dt.date | None = None,
) -> WellbeingSummary:
    """A person's check-ins, signposting, supervision sessions and agreed actions over
    the last ``months`` months. Free-text notes (check-in notes, signposting notes and
    outcomes, the wellbeing part of supervision) are left out unless ``include_notes``:
    the person's manager must choose to print them."""
    today = today or dt.date.today()
    since = _months_before(today, months)
    person = people.get_staff(db, staff_id)
    position = next(
        (
            p
            for p in team_summary(db, [person.team_id], today=today).people
            if p.staff_id == staff_id
        ),
        None,
    )
    history = checkins.checkin_history(db, staff_id)
    points: list[CheckInPoint] = []
    previous: CheckInRecord | None = None
    for record in history:
        if since <= record.held_on <= today:
            points.append(
                CheckInPoint(
                    _without_notes(record, include_notes),
                    checkins.needs_follow_up(record, previous),
                )
            )
        previous = record
    signposted = tuple(
        _signposting_without_notes(s, include_notes)
        for s in signposting.signposting_for(db, staff_id)
        if since <= s.signposted_on <= today or s.follow_up_due(today)
    )
    sessions = tuple(
        _session_without_notes(s, include_notes)
        for s in supervision.sessions_for(db, staff_id)
        if since <= s.held_on <= today
    )
    return WellbeingSummary(
        person=person,
        today=today,
        since=since,
        position=position,
        checkins=tuple(points),
        signposting=signposted,
        actions=tuple(_actions_for(db, staff_id, since)),
        sessions=sessions,
        include_notes=include_notes,
    )


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    return dt.date(year, month + 1, 1)


def _actions_for(db: Database, staff_id: int, since: dt.date) -> list[ActionInfo]:
    """The person's actions: those they own, and unowned ones from their one-to-ones
    (the same rule as the team summary); open ones, or agreed since ``since``."""
    their_sessions = select(SessionAttendee.session_id).where(SessionAttendee.staff_id == staff_id)
    one_to_ones = their_sessions.where(SessionAttendee.kind == "one_to_one")
    since_sessions = their_sessions.where(SessionAttendee.held_on >= since)
    query = select(SupervisionAction).where(
        or_(
            SupervisionAction.owner_staff_id == staff_id,
            (SupervisionAction.owner_staff_id.is_(None))
            & SupervisionAction.session_id.in_(one_to_ones),
        ),
        or_(SupervisionAction.done.is_(False), SupervisionAction.session_id.in_(since_sessions)),
    )
    with db.session() as session:
        if session.get(StaffMember, staff_id) is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        actions = [
            ActionInfo(
                a.id,
                a.session_id,
                a.text,
                a.owner_staff_id,
                a.owner_name,
                a.due_on,
                a.done,
                a.done_on,
            )
            for a in session.scalars(query)
        ]
    return sorted(actions, key=lambda a: (a.done, a.due_on or dt.date.max, a.id))


def _without_notes(record: CheckInRecord, keep: bool) -> CheckInRecord:
    if keep or not record.notes:
        return record
    return CheckInRecord(
        record.id,
        record.staff_id,
        record.held_on,
        record.overall,
        record.workload,
        record.stress,
        record.support,
        "",
        record.follow_up_needed,
        record.follow_up_done_on,
    )


def _signposting_without_notes(record: SignpostingInfo, keep: bool) -> SignpostingInfo:
    if keep:
        return record
    return SignpostingInfo(
        record.id,
        record.staff_id,
        record.service_id,
        record.service_name,
        record.signposted_on,
        record.reason,
        "",
        record.follow_up_on,
        "",
        record.outcome_on,
    )


def _session_without_notes(record: SessionRecord, keep: bool) -> SessionRecord:
    if keep:
        return record
    return replace(record, casework="", learning="", wellbeing="", reflection="")
