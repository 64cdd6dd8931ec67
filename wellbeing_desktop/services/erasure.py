"""Erasure: remove a person completely, after a preview of what will go.

What goes with a person: their staff record, protections, caseload records (and
their complexity levels), workload reviews (and the reallocations agreed in
them), check-ins, signposting records, their place in every session, every
session in which only they were supervised (with its actions), training
completions, development programmes (and their milestones), development plans
(and their objectives) and CPD entries. What stays, without them: sessions
shared with others (their place is removed), actions they own in others'
sessions (owner cleared), sessions they led and people they supervised
(supervisor cleared), reallocations to them in others' reviews (person
cleared), programmes they were preceptor or assessor for (assessor cleared),
and actions that served one of their objectives (link cleared).

The same plan serves retention (``services/retention.py``), which removes many
people at once: a session goes when everyone supervised in it is being removed.

The audit entry names the record type, the person's number and counts only.
Free text in other people's records that mentions the person cannot be found
reliably by software and is not changed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Executable, Select, Table, delete, func, select, update
from sqlalchemy.orm import Session

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.storage import audit as chain
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    Base,
    CaseloadBand,
    CaseloadRecord,
    CheckIn,
    CpdEntry,
    DevelopmentObjective,
    DevelopmentPlan,
    DevelopmentProgramme,
    ProgrammeMilestone,
    Protection,
    SessionAttendee,
    SignpostingRecord,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
    TrainingCompletion,
    WorkloadReallocation,
    WorkloadReview,
)

# Record types removed, in the order a person reads them, with their words.
REMOVED: dict[str, str] = {
    "staff_member": "Staff record",
    "protection": "Protections",
    "caseload_record": "Caseload records",
    "caseload_band": "Caseload complexity levels",
    "workload_review": "Workload reviews",
    "workload_reallocation": "Reallocations agreed in those reviews",
    "check_in": "Check-ins",
    "signposting_record": "Signposting records",
    "session_attendee": "Places in supervision sessions",
    "supervision_session": "Sessions where only they were supervised",
    "supervision_action": "Actions in those sessions",
    "training_completion": "Training completions",
    "development_programme": "Development programmes",
    "programme_milestone": "Milestones in those programmes",
    "development_plan": "Development plans",
    "development_objective": "Objectives in those plans",
    "cpd_entry": "CPD activities",
}
# Links to them in records that stay.
CLEARED: dict[str, str] = {
    "action_owner": "Actions in others' sessions: owner cleared",
    "session_supervisor": "Sessions they led: supervisor cleared",
    "staff_supervisor": "People they supervised: supervisor cleared",
    "reallocation_to": "Reallocations to them in others' reviews: person cleared",
    "programme_assessor": "Programmes they supported: preceptor or assessor cleared",
    "action_objective": "Actions serving their objectives: link cleared",
}
# Records that hold the person's number in ``staff_id``, in the order they are deleted
# (a programme before the protection it set).
_PER_PERSON: dict[str, type[Base]] = {
    "development_programme": DevelopmentProgramme,
    "protection": Protection,
    "caseload_record": CaseloadRecord,
    "workload_review": WorkloadReview,
    "check_in": CheckIn,
    "signposting_record": SignpostingRecord,
    "session_attendee": SessionAttendee,
    "training_completion": TrainingCompletion,
    "development_plan": DevelopmentPlan,
    "cpd_entry": CpdEntry,
}
# Records that belong to one of those: (record, its column naming the parent, parent).
_CHILDREN: dict[str, tuple[type[Base], str, type[Base]]] = {
    "caseload_band": (CaseloadBand, "record_id", CaseloadRecord),
    "workload_reallocation": (WorkloadReallocation, "review_id", WorkloadReview),
    "programme_milestone": (ProgrammeMilestone, "programme_id", DevelopmentProgramme),
    "development_objective": (DevelopmentObjective, "plan_id", DevelopmentPlan),
}


@dataclass(frozen=True)
class RemovalPlan:
    """What removing one person takes away (counts by record type) and which links
    to them in other records are cleared. Numbers only: safe to show and to log."""

    staff_id: int
    removed: tuple[tuple[str, int], ...]
    cleared: tuple[tuple[str, int], ...]

    @property
    def total_removed(self) -> int:
        return sum(count for _type, count in self.removed)

    def count(self, record_type: str) -> int:
        return dict(self.removed + self.cleared).get(record_type, 0)

    def detail(self, limit: int = chain.DETAIL_MAX) -> str:
        """The audit entry's detail: counts by record type, nothing else. When that would
        not fit in ``limit`` characters (someone with years of every kind of record), the
        links cleared are given as one total, then if need be everything is: shorter,
        rather than a list cut off part-way."""
        removed = ", ".join(f"{name} {count}" for name, count in self.removed if count)
        cleared = ", ".join(f"{name} {count}" for name, count in self.cleared if count)
        links = sum(count for _name, count in self.cleared)
        kinds = sum(1 for _name, count in self.removed if count)
        for text in (
            f"removed: {removed}" + (f"; cleared: {cleared}" if cleared else ""),
            f"removed: {removed}" + (f"; cleared: {links} links" if links else ""),
        ):
            if len(text) <= limit:
                return text
        return f"removed: {self.total_removed} records of {kinds} types" + (
            f"; cleared: {links} links" if links else ""
        )


@dataclass(frozen=True)
class Plan:
    people: dict[int, RemovalPlan]
    sessions: frozenset[int]  # sessions removed whole


# At most this many numbers in one ``IN (...)``: PostgreSQL takes at most 65,535 bound
# values in a statement (SQLite 32,766), and the first retention of a large organisation
# can remove thousands of people with far more records. Every chunk runs in the caller's
# one transaction, so nothing is left half-done.
CHUNK = 10_000


def _chunks(ids: Collection[int], size: int) -> list[list[int]]:
    ordered = sorted(ids)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


_Statement = Callable[[list[int]], Executable]


def _grouped(session: Session, query: object) -> dict[int, int]:
    return {key: int(n) for key, n in session.execute(query).all()}  # type: ignore[call-overload]


def _pairs(
    session: Session,
    query: Callable[[list[int]], Select[Any]],
    ids: Collection[int],
    chunk: int,
) -> Iterator[Any]:
    """The rows of ``query(part)`` for every part of ``ids``, ``chunk`` numbers each."""
    for part in _chunks(ids, chunk):
        yield from session.execute(query(part))


def _count_where(
    session: Session,
    query: Callable[[list[int]], Select[Any]],
    ids: Collection[int],
    keep: Callable[[int], bool],
    chunk: int,
) -> dict[int, int]:
    """Count, by person, the (person, other number) rows of ``query`` whose other
    number ``keep`` accepts: the "not in" half of a condition tested here, not sent as
    a list of numbers."""
    found: Counter[int] = Counter()
    for staff_id, other in _pairs(session, query, ids, chunk):
        if keep(other):
            found[staff_id] += 1
    return dict(found)


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def plan_removal(session: Session, staff_ids: Collection[int], *, chunk: int = CHUNK) -> Plan:
    """Count what removing these people would take, inside the caller's transaction,
    with at most ``chunk`` numbers in one ``IN (...)``."""
    ids = set(staff_ids)
    if not ids:
        return Plan({}, frozenset())
    counts: dict[int, Counter[str]] = {staff_id: Counter(staff_member=1) for staff_id in ids}
    for part in _chunks(ids, chunk):
        for name, model in _PER_PERSON.items():
            column = _table(model).c.staff_id
            for staff_id, n in _grouped(
                session, select(column, func.count()).where(column.in_(part)).group_by(column)
            ).items():
                counts[staff_id][name] = n
        for name, (child, link, parent) in _CHILDREN.items():
            owner = _table(parent).c.staff_id
            for staff_id, n in _grouped(
                session,
                select(owner, func.count())
                .select_from(_table(child))
                .join(_table(parent), _table(child).c[link] == _table(parent).c.id)
                .where(owner.in_(part))
                .group_by(owner),
            ).items():
                counts[staff_id][name] = n

    # A session goes when everyone supervised in it goes; it is counted against the
    # lowest-numbered of them.
    attendees: dict[int, set[int]] = defaultdict(set)
    for session_id, staff_id in _pairs(
        session,
        lambda part: select(SessionAttendee.session_id, SessionAttendee.staff_id).where(
            SessionAttendee.session_id.in_(
                select(SessionAttendee.session_id).where(SessionAttendee.staff_id.in_(part))
            )
        ),
        ids,
        chunk,
    ):
        attendees[session_id].add(staff_id)
    removed_sessions = {s for s, people in attendees.items() if people <= ids}
    actions_in: dict[int, int] = {}
    for part in _chunks(removed_sessions, chunk):
        actions_in |= _grouped(
            session,
            select(SupervisionAction.session_id, func.count())
            .where(SupervisionAction.session_id.in_(part))
            .group_by(SupervisionAction.session_id),
        )
    for session_id in removed_sessions:
        owner = min(attendees[session_id])
        counts[owner]["supervision_session"] += 1
        counts[owner]["supervision_action"] += actions_in.get(session_id, 0)

    def stays(session_id: int | None) -> bool:
        return session_id not in removed_sessions

    def not_theirs(staff_id: int | None) -> bool:
        return staff_id not in ids

    reviews, realloc = _table(WorkloadReview), _table(WorkloadReallocation)
    programme = _table(DevelopmentProgramme)
    # Each: (person, the number that must not be among the removed) for a chunk.
    links: dict[str, tuple[Callable[[list[int]], Select[Any]], Callable[[int], bool]]] = {
        "action_owner": (
            lambda part: select(
                SupervisionAction.owner_staff_id, SupervisionAction.session_id
            ).where(SupervisionAction.owner_staff_id.in_(part)),
            stays,
        ),
        "session_supervisor": (
            lambda part: select(SupervisionSession.supervisor_id, SupervisionSession.id).where(
                SupervisionSession.supervisor_id.in_(part)
            ),
            stays,
        ),
        "staff_supervisor": (
            lambda part: select(StaffMember.supervisor_id, StaffMember.id).where(
                StaffMember.supervisor_id.in_(part)
            ),
            not_theirs,
        ),
        "reallocation_to": (
            lambda part: (
                select(realloc.c.to_staff_id, reviews.c.staff_id)
                .join(reviews, reviews.c.id == realloc.c.review_id)
                .where(realloc.c.to_staff_id.in_(part))
            ),
            not_theirs,
        ),
        "programme_assessor": (
            lambda part: select(programme.c.assessor_id, programme.c.staff_id).where(
                programme.c.assessor_id.in_(part)
            ),
            not_theirs,
        ),
        "action_objective": (
            lambda part: (
                select(DevelopmentPlan.staff_id, SupervisionAction.session_id)
                .select_from(SupervisionAction)
                .join(
                    DevelopmentObjective, DevelopmentObjective.id == SupervisionAction.objective_id
                )
                .join(DevelopmentPlan, DevelopmentPlan.id == DevelopmentObjective.plan_id)
                .where(DevelopmentPlan.staff_id.in_(part))
            ),
            stays,
        ),
    }
    cleared: dict[int, Counter[str]] = {staff_id: Counter() for staff_id in ids}
    for name, (query, keep) in links.items():
        for staff_id, n in _count_where(session, query, ids, keep, chunk).items():
            cleared[staff_id][name] = n

    people = {
        staff_id: RemovalPlan(
            staff_id,
            tuple((name, counts[staff_id][name]) for name in REMOVED),
            tuple((name, cleared[staff_id][name]) for name in CLEARED),
        )
        for staff_id in sorted(ids)
    }
    return Plan(people, frozenset(removed_sessions))


def remove_people(session: Session, plan: Plan, *, chunk: int = CHUNK) -> None:
    """Carry out a plan inside the caller's transaction (Core statements: the one
    audit entry per person is written by the caller, with the counts). Each statement
    runs once for every ``chunk`` numbers, all of one statement before the next."""
    ids = set(plan.people)
    if not ids:
        return
    sessions = set(plan.sessions)
    action, attendee = _table(SupervisionAction), _table(SessionAttendee)
    supervision, staff = _table(SupervisionSession), _table(StaffMember)
    of_sessions: list[_Statement] = [
        # Actions carried forward from a removed action lose the link (those in removed
        # sessions too, a moment before they go).
        lambda part: (
            update(action)
            .where(
                action.c.carried_from_id.in_(
                    select(action.c.id).where(action.c.session_id.in_(part))
                )
            )
            .values(carried_from_id=None)
        ),
        lambda part: delete(action).where(action.c.session_id.in_(part)),
        lambda part: delete(attendee).where(attendee.c.session_id.in_(part)),
        lambda part: delete(supervision).where(supervision.c.id.in_(part)),
    ]
    of_people: list[_Statement] = [
        lambda part: delete(attendee).where(attendee.c.staff_id.in_(part)),
        lambda part: (
            update(action)
            .where(action.c.owner_staff_id.in_(part))
            .values(owner_staff_id=None, owner_name="")
        ),
        lambda part: (
            update(supervision)
            .where(supervision.c.supervisor_id.in_(part))
            .values(supervisor_id=None, supervisor_name="")
        ),
        lambda part: (
            update(staff).where(staff.c.supervisor_id.in_(part)).values(supervisor_id=None)
        ),
        lambda part: (
            update(_table(WorkloadReallocation))
            .where(_table(WorkloadReallocation).c.to_staff_id.in_(part))
            .values(to_staff_id=None)
        ),
        lambda part: (
            update(_table(DevelopmentProgramme))
            .where(_table(DevelopmentProgramme).c.assessor_id.in_(part))
            .values(assessor_id=None, assessor_name="")
        ),
        lambda part: (
            update(action)
            .where(
                action.c.objective_id.in_(
                    select(DevelopmentObjective.id)
                    .join(DevelopmentPlan, DevelopmentPlan.id == DevelopmentObjective.plan_id)
                    .where(DevelopmentPlan.staff_id.in_(part))
                )
            )
            .values(objective_id=None)
        ),
        *(_delete_children(child, link, parent) for child, link, parent in _CHILDREN.values()),
        *(
            _delete_theirs(model)
            for name, model in _PER_PERSON.items()
            if name != "session_attendee"
        ),
        lambda part: delete(staff).where(staff.c.id.in_(part)),
    ]
    for statements, numbers in ((of_sessions, sessions), (of_people, ids)):
        parts = _chunks(numbers, chunk)
        for statement in statements:
            for part in parts:
                session.execute(statement(part))


def _delete_children(child: type[Base], link: str, parent: type[Base]) -> _Statement:
    return lambda part: delete(_table(child)).where(
        _table(child)
        .c[link]
        .in_(select(_table(parent).c.id).where(_table(parent).c.staff_id.in_(part)))
    )


def _delete_theirs(model: type[Base]) -> _Statement:
    return lambda part: delete(_table(model)).where(_table(model).c.staff_id.in_(part))


def record_removals(session: Session, plan: Plan, action: str, prefix: str = "") -> None:
    chain.append(
        session.connection(),
        [
            chain.Change(
                action,
                "staff_member",
                str(person.staff_id),
                prefix + person.detail(chain.DETAIL_MAX - len(prefix)),
            )
            for person in plan.people.values()
        ],
        chain.actor_of(session),
    )


def _plan_for(session: Session, staff_id: int) -> Plan:
    if session.get(StaffMember, staff_id) is None:
        raise NotFoundError(f"There is no person with number {staff_id}.")
    return plan_removal(session, [staff_id])


def preview_erasure(db: Database, staff_id: int) -> RemovalPlan:
    """What erasing this person would remove and clear, by record type (counts only)."""
    staff_id = v.record_id("person", "Person", staff_id, what="person")
    with db.session() as session:
        return _plan_for(session, staff_id).people[staff_id]


def erase_person(
    db: Database, staff_id: int, *, expected: RemovalPlan | None = None
) -> RemovalPlan:
    """Remove this person completely, in one transaction, with an audit entry that
    holds only counts. Pass the preview the user confirmed as ``expected``: if the
    records have changed since, nothing is removed and the preview must be repeated."""
    staff_id = v.record_id("person", "Person", staff_id, what="person")
    with db.session() as session:
        # Take the audit chain's lock before counting (SQLite's write lock, PostgreSQL's
        # row lock), so the plan counted is the plan carried out.
        chain.lock_chain(session.connection())
        plan = _plan_for(session, staff_id)
        person = plan.people[staff_id]
        if expected is not None and person != expected:
            raise ValidationError(
                "person",
                "This person's records have changed since the preview: look at the preview "
                "again before erasing.",
            )
        remove_people(session, plan)
        record_removals(session, plan, "erased")
        return person
