"""Supervision and reflective-practice sessions, their agreed actions, and agreement.

A session is saved as a draft, then marked as agreed by the supervisee. Changing
an agreed record makes it a draft again, so the record that is signed is the
record that was agreed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.vocab import SESSION_KINDS
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    DevelopmentObjective,
    DevelopmentPlan,
    Role,
    SessionAttendee,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
)

MAX_DURATION_MINUTES = 8 * 60
# A next session booked further ahead than this is almost certainly a typing slip.
MAX_BOOKING_AHEAD = dt.timedelta(days=366)


@dataclass
class ActionDraft:
    text: str = ""
    owner_staff_id: int | None = None
    owner_name: str = ""
    due_on: dt.date | str | None = None
    done: bool = False
    id: int | None = None  # set when editing an action already saved on this session
    objective_id: int | None = None  # a supervisee's development-plan objective it serves


@dataclass
class SessionDraft:
    """What the supervision form collects."""

    kind: str = "one_to_one"
    held_on: dt.date | str | None = None
    duration_minutes: int | str = 60
    attendee_ids: list[int] = field(default_factory=list)
    supervisor_id: int | None = None
    supervisor_name: str = ""
    casework: str = ""
    learning: str = ""
    wellbeing: str = ""
    reflection: str = ""
    caseload_reviewed: bool = False
    caseload_figure: int | str | None = None
    next_session_on: dt.date | str | None = None
    actions: list[ActionDraft] = field(default_factory=list)
    # Earlier sessions' open actions reviewed in this one: action id -> now done?
    reviewed_actions: dict[int, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class ActionInfo:
    id: int
    session_id: int
    text: str
    owner_staff_id: int | None
    owner_name: str
    due_on: dt.date | None
    done: bool
    done_on: dt.date | None
    objective_id: int | None = None
    objective_text: str = ""

    def overdue_on(self, day: dt.date) -> bool:
        return not self.done and self.due_on is not None and self.due_on < day


@dataclass(frozen=True)
class SessionRecord:
    id: int
    kind: str
    held_on: dt.date
    duration_minutes: int
    attendee_ids: tuple[int, ...]
    attendee_names: tuple[str, ...]
    supervisor_id: int | None
    supervisor_name: str
    casework: str
    learning: str
    wellbeing: str
    reflection: str
    caseload_reviewed: bool
    caseload_figure: int | None
    next_session_on: dt.date | None
    status: str
    agreed_on: dt.date | None
    actions: tuple[ActionInfo, ...]

    @property
    def kind_label(self) -> str:
        return SESSION_KINDS.get(self.kind, self.kind)


def _action_info(action: SupervisionAction) -> ActionInfo:
    return ActionInfo(
        action.id,
        action.session_id,
        action.text,
        action.owner_staff_id,
        action.owner_name,
        action.due_on,
        action.done,
        action.done_on,
        action.objective_id,
    )


def _clean(draft: SessionDraft, today: dt.date) -> dict[str, object]:
    kind = v.choice("kind", "Kind of session", draft.kind, SESSION_KINDS)
    held_on = v.date("held_on", "Date", draft.held_on, not_after=today)
    assert held_on is not None
    attendees = list(
        dict.fromkeys(
            v.reference("attendee_ids", "person chosen as attending", staff_id)
            for staff_id in draft.attendee_ids
        )
    )
    if not attendees:
        raise ValidationError("attendee_ids", "Choose who attended.")
    if kind == "one_to_one" and len(attendees) != 1:
        raise ValidationError("attendee_ids", "A one-to-one session has exactly one supervisee.")
    next_on = v.date(
        "next_session_on",
        "Next session",
        draft.next_session_on,
        required=False,
        not_after=held_on + MAX_BOOKING_AHEAD,
    )
    if next_on is not None and next_on <= held_on:
        raise ValidationError("next_session_on", "The next session must be after this one.")
    actions = []
    for index, action in enumerate(draft.actions, start=1):
        text = v.text("actions", f"Action {index}", action.text, max_length=2000).strip()
        if not text:
            continue  # an empty row in the grid is not an action
        actions.append(
            ActionDraft(
                text=text,
                owner_staff_id=v.reference("actions", "owner of an action", action.owner_staff_id),
                owner_name=v.name(
                    "actions", f"Owner of action {index}", action.owner_name, required=False
                ),
                due_on=v.date(
                    "actions",
                    f"Due date of action {index}",
                    action.due_on,
                    required=False,
                    not_after=held_on + dt.timedelta(days=3 * 366),
                ),
                done=bool(action.done),
                id=v.reference("actions", "action", action.id),
                objective_id=v.reference("actions", "objective", action.objective_id),
            )
        )
    return {
        "kind": kind,
        "held_on": held_on,
        "duration_minutes": v.whole_number(
            "duration_minutes",
            "Length (minutes)",
            draft.duration_minutes,
            minimum=1,
            maximum=MAX_DURATION_MINUTES,
        ),
        "attendees": attendees,
        "supervisor_id": v.reference("supervisor_id", "supervisor", draft.supervisor_id),
        "supervisor_name": v.name(
            "supervisor_name", "Supervisor", draft.supervisor_name, required=False
        ),
        "casework": v.text("casework", "Casework and accountability", draft.casework),
        "learning": v.text("learning", "Learning and development", draft.learning),
        "wellbeing": v.text("wellbeing", "Wellbeing and support", draft.wellbeing),
        "reflection": v.text("reflection", "Reflection", draft.reflection),
        "caseload_reviewed": bool(draft.caseload_reviewed),
        "caseload_figure": v.whole_number(
            "caseload_figure",
            "Caseload discussed",
            draft.caseload_figure,
            required=False,
            maximum=10_000,
        ),
        "next_session_on": next_on,
        "actions": actions,
        "reviewed": {
            v.reference("reviewed_actions", "action reviewed", action_id): bool(done)
            for action_id, done in draft.reviewed_actions.items()
        },
    }


def save_session(
    db: Database,
    draft: SessionDraft,
    session_id: int | None = None,
    *,
    today: dt.date | None = None,
) -> SessionRecord:
    """Save a new session or changes to one, with its actions, in one transaction.
    The saved session is a draft until the supervisee agrees it."""
    today = today or dt.date.today()
    values = _clean(draft, today)
    attendees: list[int] = values.pop("attendees")  # type: ignore[assignment]
    actions: list[ActionDraft] = values.pop("actions")  # type: ignore[assignment]
    reviewed: dict[int, bool] = values.pop("reviewed")  # type: ignore[assignment]
    if session_id is not None:
        session_id = v.record_id("session_id", "Session", session_id, what="supervision session")
    with db.session() as session:
        people = set(session.scalars(select(StaffMember.id).where(StaffMember.id.in_(attendees))))
        if len(people) != len(attendees):
            raise ValidationError("attendee_ids", "Someone chosen as attending no longer exists.")
        owners = {a.owner_staff_id for a in actions if a.owner_staff_id is not None}
        if owners - set(session.scalars(select(StaffMember.id).where(StaffMember.id.in_(owners)))):
            raise ValidationError("actions", "An action's owner no longer exists.")
        objectives = {a.objective_id for a in actions if a.objective_id is not None}
        if objectives:
            owners_of = dict(
                session.execute(
                    select(DevelopmentObjective.id, DevelopmentPlan.staff_id)
                    .join(DevelopmentPlan, DevelopmentObjective.plan_id == DevelopmentPlan.id)
                    .where(DevelopmentObjective.id.in_(objectives))
                ).all()
            )
            if any(owners_of.get(o) not in attendees for o in objectives):
                raise ValidationError(
                    "actions", "An action is linked to an objective outside the supervisees' plans."
                )
        supervisor = values["supervisor_id"]
        if supervisor is not None and session.get(StaffMember, supervisor) is None:
            raise ValidationError("supervisor_id", "That supervisor does not exist.")
        if session_id is None:
            record = SupervisionSession()
            session.add(record)
        else:
            found = session.get(SupervisionSession, session_id)
            if found is None:
                raise NotFoundError(f"There is no supervision session with number {session_id}.")
            record = found
        for key, value in values.items():
            setattr(record, key, value)
        record.status, record.agreed_on = "draft", None
        record.attendees = [
            SessionAttendee(staff_id=staff_id, held_on=record.held_on, kind=record.kind)
            for staff_id in attendees
        ]
        kept = {a.id: a for a in record.actions}
        new_actions = []
        for action in actions:
            row = kept.get(action.id) if action.id is not None else None
            row = row or SupervisionAction()
            row.text, row.owner_staff_id, row.owner_name = (
                action.text,
                action.owner_staff_id,
                action.owner_name,
            )
            row.due_on = action.due_on  # type: ignore[assignment]
            row.objective_id = action.objective_id
            if action.done and not row.done:
                row.done_on = today
            if not action.done:
                row.done_on = None
            row.done = action.done
            new_actions.append(row)
        record.actions = new_actions
        if reviewed:
            _apply_reviews(session, reviewed, today)
        session.flush()
        return _load(session, record.id)


def _apply_reviews(session: Session, reviews: dict[int, bool], today: dt.date) -> None:
    for action in session.scalars(
        select(SupervisionAction).where(SupervisionAction.id.in_(reviews))
    ):
        done = reviews[action.id]
        if done and not action.done:
            action.done, action.done_on = True, today
        elif not done and action.done:
            action.done, action.done_on = False, None


def _load(session: Session, session_id: int) -> SessionRecord:
    record = session.scalar(
        select(SupervisionSession)
        .where(SupervisionSession.id == session_id)
        .options(
            selectinload(SupervisionSession.attendees), selectinload(SupervisionSession.actions)
        )
    )
    if record is None:
        raise NotFoundError(f"There is no supervision session with number {session_id}.")
    ids = tuple(a.staff_id for a in record.attendees)
    names = dict(
        session.execute(
            select(StaffMember.id, StaffMember.name).where(StaffMember.id.in_(ids))
        ).all()
    )
    return SessionRecord(
        id=record.id,
        kind=record.kind,
        held_on=record.held_on,
        duration_minutes=record.duration_minutes,
        attendee_ids=ids,
        attendee_names=tuple(names.get(i, "") for i in ids),
        supervisor_id=record.supervisor_id,
        supervisor_name=record.supervisor_name,
        casework=record.casework,
        learning=record.learning,
        wellbeing=record.wellbeing,
        reflection=record.reflection,
        caseload_reviewed=record.caseload_reviewed,
        caseload_figure=record.caseload_figure,
        next_session_on=record.next_session_on,
        status=record.status,
        agreed_on=record.agreed_on,
        actions=_with_objectives(session, [_action_info(a) for a in record.actions]),
    )


def _with_objectives(session: Session, actions: list[ActionInfo]) -> tuple[ActionInfo, ...]:
    """The actions with the text of the objective each serves, if any."""
    linked = {a.objective_id for a in actions if a.objective_id is not None}
    if not linked:
        return tuple(actions)
    texts = dict(
        session.execute(
            select(DevelopmentObjective.id, DevelopmentObjective.text).where(
                DevelopmentObjective.id.in_(linked)
            )
        ).all()
    )
    return tuple(
        replace(a, objective_text=texts.get(a.objective_id, "")) if a.objective_id else a
        for a in actions
    )


def get_session(db: Database, session_id: int) -> SessionRecord:
    session_id = v.record_id("session_id", "Session", session_id, what="supervision session")
    with db.session() as session:
        return _load(session, session_id)


def agree_session(
    db: Database,
    session_id: int,
    agreed_on: dt.date | str | None = None,
    *,
    today: dt.date | None = None,
) -> SessionRecord:
    """Mark a session as agreed by the supervisee, on a date (today by default)."""
    today = today or dt.date.today()
    day = v.date("agreed_on", "Agreed on", agreed_on or today, not_after=today)
    session_id = v.record_id("session_id", "Session", session_id, what="supervision session")
    with db.session() as session:
        record = session.get(SupervisionSession, session_id)
        if record is None:
            raise NotFoundError(f"There is no supervision session with number {session_id}.")
        assert day is not None
        if day < record.held_on:
            raise ValidationError("agreed_on", "A session cannot be agreed before it was held.")
        record.status, record.agreed_on = "agreed", day
        session.flush()
        return _load(session, session_id)


def sessions_for(db: Database, staff_id: int, *, limit: int | None = None) -> list[SessionRecord]:
    """A person's sessions, newest first."""
    with db.session() as session:
        query = (
            select(SessionAttendee.session_id)
            .where(SessionAttendee.staff_id == staff_id)
            .order_by(SessionAttendee.held_on.desc(), SessionAttendee.session_id.desc())
        )
        if limit is not None:
            query = query.limit(limit)
        return [_load(session, sid) for sid in session.scalars(query)]


def open_actions_for(
    db: Database, staff_ids: Sequence[int], *, before_session: int | None = None
) -> list[ActionInfo]:
    """Open actions from earlier sessions of these people (or owned by them), to review
    in the next session; oldest due first."""
    if not staff_ids:
        return []
    their_sessions = select(SessionAttendee.session_id).where(
        SessionAttendee.staff_id.in_(staff_ids)
    )
    query = select(SupervisionAction).where(
        SupervisionAction.done.is_(False),
        or_(
            SupervisionAction.owner_staff_id.in_(staff_ids),
            SupervisionAction.session_id.in_(their_sessions),
        ),
    )
    if before_session is not None:
        query = query.where(SupervisionAction.session_id != before_session)
    with db.session() as session:
        actions = [_action_info(a) for a in session.scalars(query)]
    return sorted(actions, key=lambda a: (a.due_on is None, a.due_on or dt.date.max, a.id))


def set_action_done(
    db: Database, action_id: int, done: bool = True, *, today: dt.date | None = None
) -> ActionInfo:
    today = today or dt.date.today()
    action_id = v.record_id("action_id", "Action", action_id, what="action")
    with db.session() as session:
        action = session.get(SupervisionAction, action_id)
        if action is None:
            raise NotFoundError(f"There is no action with number {action_id}.")
        _apply_reviews(session, {action_id: done}, today)
        session.flush()
        return _action_info(action)


def suggested_next_date(db: Database, attendee_ids: Sequence[int], held_on: dt.date) -> dt.date:
    """The next session date the attendees' roles call for (the shortest interval wins)."""
    with db.session() as session:
        intervals = list(
            session.scalars(
                select(Role.supervision_interval_days)
                .join(StaffMember, StaffMember.role_id == Role.id)
                .where(StaffMember.id.in_(attendee_ids))
            )
        )
    return held_on + dt.timedelta(days=min(intervals, default=28))
