"""Workload reviews: record what was agreed, edit it, close it with an outcome, and apply
its reallocations.

A review holds what a manager and a person agreed when the person's caseload was over
the limit (or approaching it for too long): cases to move to named colleagues, a pause
on new cases until a date, extra supervision, reduced complexity, anything else, who
agreed it and when it will be looked at again. ``services/workload.py`` says where each
person stands; this module writes.

Applying a plan's reallocations changes both people's caseloads in one transaction,
with history: each gets a caseload record dated the day of applying (or that day's
record is changed, as records are one per person per day), and the reallocation is
marked applied so it cannot be applied twice. Complexity bands no longer add up once
cases move, so they are cleared with a note; the points are moved at the giving
person's average weight per case, so the status stays meaningful until the bands are
entered again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.caseload_rules import format_number
from wellbeing_desktop.services.workload import TRIGGERS, uk_date
from wellbeing_desktop.services.workload_plans import ReallocationInfo, ReviewRecord
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    CaseloadRecord,
    StaffMember,
    WorkloadReallocation,
    WorkloadReview,
)

if TYPE_CHECKING:
    from wellbeing_desktop.services.summary import PersonSummary

# A review further ahead than this is almost certainly a typing slip.
MAX_REVIEW_AHEAD = dt.timedelta(days=366)
MAX_OUTCOME = 4000


@dataclass
class ReallocationDraft:
    to_staff_id: int | None = None
    cases: int | str | None = None
    id: int | None = None  # set when editing a row already saved on the review


@dataclass
class ReviewDraft:
    """What the workload review dialog collects."""

    trigger: str = "red"
    agreed_on: dt.date | str | None = None
    agreed_by: str = ""
    pause_until: dt.date | str | None = None
    extra_supervision: bool = False
    reduced_complexity: bool = False
    other_action: str = ""
    review_on: dt.date | str | None = None
    reallocations: list[ReallocationDraft] = field(default_factory=list)


def _n_cases(n: int, kind: str = "") -> str:
    """'1 case', '3 open cases'."""
    return f"{n} {kind}case{'' if n == 1 else 's'}"


# -- reading -----------------------------------------------------------------------------


def _info(session: Session, review: WorkloadReview) -> ReviewRecord:
    targets = {r.to_staff_id for r in review.reallocations if r.to_staff_id is not None}
    names = (
        dict(
            session.execute(
                select(StaffMember.id, StaffMember.name).where(StaffMember.id.in_(targets))
            ).all()
        )
        if targets
        else {}
    )
    return ReviewRecord(
        id=review.id,
        staff_id=review.staff_id,
        trigger=review.trigger,
        agreed_on=review.agreed_on,
        agreed_by=review.agreed_by,
        pause_until=review.pause_until,
        extra_supervision=review.extra_supervision,
        reduced_complexity=review.reduced_complexity,
        other_action=review.other_action,
        review_on=review.review_on,
        closed_on=review.closed_on,
        outcome=review.outcome,
        reallocations=tuple(
            ReallocationInfo(
                r.id,
                r.to_staff_id,
                names.get(r.to_staff_id, "") if r.to_staff_id is not None else "",
                r.cases,
                r.applied_on,
            )
            for r in review.reallocations
        ),
    )


def _get(session: Session, review_id: object) -> WorkloadReview:
    review_id = v.record_id("review_id", "Review", review_id, what="workload review")
    review = session.scalar(
        select(WorkloadReview)
        .where(WorkloadReview.id == review_id)
        .options(selectinload(WorkloadReview.reallocations))
    )
    if review is None:
        raise NotFoundError(f"There is no workload review with number {review_id}.")
    return review


def get_review(db: Database, review_id: int) -> ReviewRecord:
    with db.session() as session:
        return _info(session, _get(session, review_id))


def reviews_for(db: Database, staff_id: int) -> list[ReviewRecord]:
    """A person's workload reviews, newest first."""
    with db.session() as session:
        query = (
            select(WorkloadReview)
            .where(WorkloadReview.staff_id == staff_id)
            .options(selectinload(WorkloadReview.reallocations))
            .order_by(WorkloadReview.agreed_on.desc(), WorkloadReview.id.desc())
        )
        return [_info(session, review) for review in session.scalars(query)]


def reviews_between(
    db: Database, staff_ids: Sequence[int], since: dt.date, until: dt.date
) -> dict[int, list[ReviewRecord]]:
    """Reviews of these people that were open at any time in a period, oldest first."""
    if not staff_ids:
        return {}
    found: dict[int, list[ReviewRecord]] = {}
    with db.session() as session:
        query = (
            select(WorkloadReview)
            .where(
                WorkloadReview.staff_id.in_(set(staff_ids)),
                WorkloadReview.agreed_on <= until,
                (WorkloadReview.closed_on.is_(None)) | (WorkloadReview.closed_on >= since),
            )
            .options(selectinload(WorkloadReview.reallocations))
            .order_by(WorkloadReview.agreed_on, WorkloadReview.id)
        )
        for review in session.scalars(query):
            found.setdefault(review.staff_id, []).append(_info(session, review))
    return found


def _latest_record(session: Session, staff_id: int, on: dt.date) -> CaseloadRecord | None:
    return session.scalar(
        select(CaseloadRecord)
        .where(CaseloadRecord.staff_id == staff_id, CaseloadRecord.recorded_on <= on)
        .options(selectinload(CaseloadRecord.bands))
        .order_by(CaseloadRecord.recorded_on.desc(), CaseloadRecord.id.desc())
        .limit(1)
    )


# -- recording and editing ---------------------------------------------------------------


def _clean(draft: ReviewDraft, today: dt.date) -> dict[str, object]:
    trigger = v.choice("trigger", "What led to the review", draft.trigger, TRIGGERS)
    agreed_on = v.date("agreed_on", "Agreed on", draft.agreed_on, not_after=today)
    assert agreed_on is not None
    agreed_by = v.name("agreed_by", "Agreed by", draft.agreed_by)
    review_on = v.date(
        "review_on",
        "Review date",
        draft.review_on,
        not_before=agreed_on,
        not_after=agreed_on + MAX_REVIEW_AHEAD,
    )
    pause_until = v.date(
        "pause_until",
        "No new cases until",
        draft.pause_until,
        required=False,
        not_before=agreed_on,
        not_after=agreed_on + MAX_REVIEW_AHEAD,
    )
    other = v.text("other_action", "Other action", draft.other_action, max_length=2000).strip()
    moves: list[ReallocationDraft] = []
    for index, move in enumerate(draft.reallocations, start=1):
        if move.to_staff_id is None and move.cases in (None, ""):
            continue  # an empty row in the dialog is not a reallocation
        target = v.reference("reallocations", "person to take the cases", move.to_staff_id)
        if target is None:
            raise ValidationError("reallocations", f"Choose who takes the cases in row {index}.")
        cases = v.whole_number(
            "reallocations", f"Cases to move in row {index}", move.cases, minimum=1, maximum=10_000
        )
        moves.append(
            ReallocationDraft(target, cases, v.reference("reallocations", "reallocation", move.id))
        )
    targets = [m.to_staff_id for m in moves]
    if len(set(targets)) != len(targets):
        raise ValidationError(
            "reallocations", "Each person can appear once; add the cases together instead."
        )
    if not (moves or pause_until or draft.extra_supervision or draft.reduced_complexity or other):
        raise ValidationError(
            "actions",
            "Record what was agreed: cases to move, a pause on new cases, extra supervision, "
            "reduced complexity or another action.",
        )
    return {
        "trigger": trigger,
        "agreed_on": agreed_on,
        "agreed_by": agreed_by,
        "pause_until": pause_until,
        "extra_supervision": bool(draft.extra_supervision),
        "reduced_complexity": bool(draft.reduced_complexity),
        "other_action": other,
        "review_on": review_on,
        "reallocations": moves,
    }


def _needs_record(session: Session, member: StaffMember, today: dt.date) -> None:
    """Cases can only move to someone whose caseload is recorded: without it their new
    caseload would be a made-up figure."""
    if _latest_record(session, member.id, today) is None:
        raise ValidationError(
            "reallocations",
            f"{member.name} has no caseload recorded: record their caseload before moving "
            "cases to them.",
        )


def reallocation_warnings(
    db: Database,
    staff_id: int,
    moves: Sequence[tuple[int, int]],
    *,
    today: dt.date | None = None,
) -> tuple[str, ...]:
    """What moving cases from a person to each colleague would do to the colleague, in
    words, for the ones that need confirming (paused by their own plan, taken to amber,
    at or over their limit or protected limit): the same check as allocating a new case
    (``allocation.check_allocation``). ``moves``: (colleague's id, cases) pairs. Nothing
    is saved; a colleague with no caseload recorded raises ValidationError."""
    from wellbeing_desktop.services.allocation import check_allocation, receiving_warning

    today = today or dt.date.today()
    with db.session() as session:
        giver = _latest_record(session, staff_id, today)
        weight = _average_weight(giver) if giver is not None else None
        members = {
            m.id: m
            for m in session.scalars(
                select(StaffMember).where(StaffMember.id.in_({t for t, _ in moves}))
            )
        }
        for target, _ in moves:
            if target in members:
                _needs_record(session, members[target], today)
    warnings = []
    for target, cases in moves:
        if target not in members or not cases:
            continue
        check = check_allocation(db, target, cases, moved=True, moved_weight=weight, today=today)
        words = receiving_warning(members[target].name, check)
        if words:
            warnings.append(words)
    return tuple(warnings)


def _check_targets(
    session: Session,
    staff: StaffMember,
    moves: Sequence[ReallocationDraft],
    kept: dict[int, WorkloadReallocation],
    today: dt.date,
) -> None:
    targets = {m.to_staff_id for m in moves}
    if staff.id in targets:
        raise ValidationError("reallocations", "Cases cannot be reallocated to the same person.")
    found = {
        member.id: member
        for member in session.scalars(select(StaffMember).where(StaffMember.id.in_(targets)))
    }
    for move in moves:
        member = found.get(move.to_staff_id)  # type: ignore[arg-type]
        before = kept.get(move.id) if move.id is not None else None
        if before is not None and before.applied_on is not None:
            continue  # already applied: checked when it was
        if member is None:
            raise ValidationError("reallocations", "Someone chosen to take cases no longer exists.")
        if member.leaving_date is not None and member.leaving_date <= today:
            raise ValidationError(
                "reallocations", "Someone chosen to take cases has left the organisation."
            )
        if member.start_date is not None and member.start_date > today:
            raise ValidationError(
                "reallocations", "Someone chosen to take cases has not started yet."
            )
    pending = sum(
        int(m.cases or 0) for m in moves if not (m.id in kept and kept[m.id].applied_on is not None)
    )
    if pending:
        latest = _latest_record(session, staff.id, today)
        have = latest.open_cases if latest is not None else 0
        if pending > have:
            raise ValidationError(
                "reallocations",
                f"The plan moves {_n_cases(pending)}, more than the {_n_cases(have, 'open ')} "
                "recorded.",
            )
    for move in moves:
        before = kept.get(move.id) if move.id is not None else None
        if before is None or before.applied_on is None:
            _needs_record(session, found[move.to_staff_id], today)  # type: ignore[index]


def plan_warnings(
    db: Database,
    staff_id: int,
    draft: ReviewDraft,
    review_id: int | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[str, ...]:
    """Before saving a plan: the draft checked as ``save_review`` checks it (raising the
    same ValidationError), then ``reallocation_warnings`` for the moves it adds or
    changes (moves already saved or applied are not asked about again). Nothing is saved."""
    today = today or dt.date.today()
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    values = _clean(draft, today)
    moves: list[ReallocationDraft] = values["reallocations"]  # type: ignore[assignment]
    with db.session() as session:
        staff = session.get(StaffMember, staff_id)
        if staff is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        kept: dict[int, WorkloadReallocation] = {}
        if review_id is not None:
            kept = {r.id: r for r in _get(session, review_id).reallocations}
        _check_targets(session, staff, moves, kept, today)
        saved = {(r.to_staff_id, r.cases) for r in kept.values()}
        session.rollback()
    changed = [
        (int(m.to_staff_id), int(m.cases or 0))  # type: ignore[arg-type]
        for m in moves
        if (m.to_staff_id, m.cases) not in saved
    ]
    return reallocation_warnings(db, staff_id, changed, today=today) if changed else ()


def save_review(
    db: Database,
    staff_id: int,
    draft: ReviewDraft,
    review_id: int | None = None,
    *,
    today: dt.date | None = None,
) -> ReviewRecord:
    """Record a new workload review for a person, or change one, in one transaction.
    A person has at most one open review; a reallocation already applied cannot change."""
    today = today or dt.date.today()
    staff_id = v.record_id("staff_id", "Person", staff_id, what="person")
    values = _clean(draft, today)
    moves: list[ReallocationDraft] = values.pop("reallocations")  # type: ignore[assignment]
    with db.session() as session:
        staff = session.get(StaffMember, staff_id)
        if staff is None:
            raise NotFoundError(f"There is no person with number {staff_id}.")
        if review_id is None:
            still_open = session.scalar(
                select(WorkloadReview.id).where(
                    WorkloadReview.staff_id == staff_id, WorkloadReview.closed_on.is_(None)
                )
            )
            if still_open is not None:
                raise ValidationError(
                    "agreed_on",
                    "This person already has an open workload review: change it, or close it "
                    "with its outcome first.",
                )
            review = WorkloadReview(staff_id=staff_id, reallocations=[])
        else:
            review = _get(session, review_id)
            if review.staff_id != staff_id:
                raise NotFoundError(f"There is no workload review with number {review_id}.")
            if review.closed_on is not None and values["agreed_on"] > review.closed_on:  # type: ignore[operator]
                raise ValidationError("agreed_on", "A review cannot be agreed after it closed.")
        kept = {r.id: r for r in review.reallocations}
        for move in moves:
            if move.id is not None and move.id not in kept:
                raise ValidationError("reallocations", "A reallocation is not on this review.")
        _check_targets(session, staff, moves, kept, today)
        for applied in (r for r in kept.values() if r.applied_on is not None):
            same = next((m for m in moves if m.id == applied.id), None)
            if (
                same is None
                or same.to_staff_id != applied.to_staff_id
                or same.cases != applied.cases
            ):
                raise ValidationError(
                    "reallocations",
                    "Cases already moved cannot be changed or removed from the plan.",
                )
        for key, value in values.items():
            setattr(review, key, value)
        session.add(review)
        rows = []
        for move in moves:
            row = kept.get(move.id) if move.id is not None else None
            row = row or WorkloadReallocation()
            if row.applied_on is None:
                row.to_staff_id, row.cases = move.to_staff_id, int(move.cases or 0)
            rows.append(row)
        review.reallocations = rows
        session.flush()
        return _info(session, review)


def close_review(
    db: Database,
    review_id: int,
    outcome: str,
    closed_on: dt.date | str | None = None,
    *,
    today: dt.date | None = None,
) -> ReviewRecord:
    """Close an open review with its outcome, on a date (today by default)."""
    today = today or dt.date.today()
    text = v.text("outcome", "Outcome", outcome, required=True, max_length=MAX_OUTCOME).strip()
    day = v.date("closed_on", "Closed on", closed_on or today, not_after=today)
    assert day is not None
    with db.session() as session:
        review = _get(session, review_id)
        if review.closed_on is not None:
            raise ValidationError(
                "closed_on", f"This review was closed on {uk_date(review.closed_on)}."
            )
        if day < review.agreed_on:
            raise ValidationError("closed_on", "A review cannot close before it was agreed.")
        review.closed_on, review.outcome = day, text
        session.flush()
        return _info(session, review)


# -- applying reallocations --------------------------------------------------------------


@dataclass(frozen=True)
class AppliedReallocations:
    review: ReviewRecord
    cases_moved: int
    people: int  # how many colleagues took cases
    from_cases: tuple[int, int]  # the giving person's open cases before and after


def _record_for_day(session: Session, staff_id: int, day: dt.date) -> tuple[CaseloadRecord, bool]:
    """The person's record for the day, made from their latest one if there is none, and
    whether it had complexity bands (which no longer add up once cases move)."""
    latest = _latest_record(session, staff_id, day)
    if latest is not None and latest.recorded_on == day:
        had_bands = bool(latest.bands)
        latest.bands = []
        return latest, had_bands
    record = CaseloadRecord(
        staff_id=staff_id,
        recorded_on=day,
        open_cases=latest.open_cases if latest else 0,
        weighted_points=latest.weighted_points if latest else None,
        note="",
    )
    record.bands = []
    session.add(record)
    return record, bool(latest and latest.bands)


def _average_weight(record: CaseloadRecord) -> float | None:
    if record.weighted_points is None or record.open_cases <= 0:
        return None
    return record.weighted_points / record.open_cases


def _note(record: CaseloadRecord, text: str) -> None:
    record.note = f"{record.note}\n{text}".strip() if record.note else text


def apply_reallocations(
    db: Database, review_id: int, *, today: dt.date | None = None
) -> AppliedReallocations:
    """Move the plan's cases, all at once: both people's caseloads change with a record
    dated today (that day's record changed if there is one), each reallocation marked
    applied. Refused if already applied, if the review is closed, or if the person no
    longer has the cases to move."""
    today = today or dt.date.today()
    with db.session() as session:
        review = _get(session, review_id)
        if review.closed_on is not None:
            raise ValidationError("reallocations", "This review is closed.")
        if not review.reallocations:
            raise ValidationError("reallocations", "This plan moves no cases.")
        pending = [r for r in review.reallocations if r.applied_on is None]
        if not pending:
            raise ValidationError(
                "reallocations", "These reallocations were already applied; nothing was changed."
            )
        if review.agreed_on > today:
            raise ValidationError("reallocations", "The plan was agreed after this date.")
        total = sum(r.cases for r in pending)
        giver = _latest_record(session, review.staff_id, today)
        if giver is None or giver.open_cases < total:
            have = giver.open_cases if giver is not None else 0
            raise ValidationError(
                "reallocations",
                f"The plan moves {_n_cases(total)}, but only {_n_cases(have, 'open ')} "
                f"{'is' if have == 1 else 'are'} recorded now: "
                "change the plan or record the caseload first.",
            )
        targets = {r.to_staff_id for r in pending}
        if None in targets:
            raise ValidationError("reallocations", "Someone chosen to take cases no longer exists.")
        members = {
            m.id: m for m in session.scalars(select(StaffMember).where(StaffMember.id.in_(targets)))
        }
        for target in targets:
            member = members.get(target)  # type: ignore[arg-type]
            if member is None or (member.leaving_date is not None and member.leaving_date <= today):
                raise ValidationError(
                    "reallocations", "Someone chosen to take cases has left the organisation."
                )
            if member.start_date is not None and member.start_date > today:
                raise ValidationError(
                    "reallocations", "Someone chosen to take cases has not started yet."
                )
            _needs_record(session, member, today)
        source, source_bands = _record_for_day(session, review.staff_id, today)
        before = source.open_cases
        weight = _average_weight(source)
        for move in pending:
            target_record, target_bands = _record_for_day(
                session,
                move.to_staff_id,  # type: ignore[arg-type]
                today,
            )
            # As allocation.check_allocation(moved=True): the giver's average weight a
            # case, or the receiver's own when the giver's is not known.
            moved_weight = weight if weight is not None else _average_weight(target_record)
            target_record.open_cases += move.cases
            if target_record.weighted_points is not None and moved_weight is not None:
                target_record.weighted_points = round(
                    target_record.weighted_points + move.cases * moved_weight, 2
                )
            plural = "" if move.cases == 1 else "s"
            text = f"{move.cases} case{plural} taken on from a colleague's workload plan."
            if target_bands:
                text += " Complexity levels to be entered again."
            _note(target_record, text)
            move.applied_on = today
        source.open_cases -= total
        if source.weighted_points is not None and weight is not None:
            source.weighted_points = round(max(0.0, source.weighted_points - total * weight), 2)
        plural = "" if total == 1 else "s"
        text = (
            f"{total} case{plural} reallocated under the workload plan agreed "
            + uk_date(review.agreed_on)
            + "."
        )
        if source_bands:
            text += (
                f" Complexity levels to be entered again (points moved at "
                f"{format_number(weight or 0)} a case)."
            )
        _note(source, text)
        session.flush()
        return AppliedReallocations(
            _info(session, review), total, len(pending), (before, source.open_cases)
        )


# -- what the review dialog shows ------------------------------------------------------


@dataclass(frozen=True)
class Colleague:
    """Someone in the same team who could take cases, with their caseload now."""

    staff_id: int
    name: str
    open_cases: int | None
    limit: float
    status_words: str


@dataclass(frozen=True)
class ReviewContext:
    staff_id: int
    name: str
    team_name: str
    person: PersonSummary | None  # None when not in post today
    colleagues: tuple[Colleague, ...]
    review: ReviewRecord | None  # the review asked for, or the open one
    suggested_trigger: str


def review_context(
    db: Database, staff_id: int, review_id: int | None = None, *, today: dt.date | None = None
) -> ReviewContext:
    """The person's caseload and workload state, their team's colleagues, and the review
    to show: ``review_id``, or else the person's open review, or none (a new one)."""
    from wellbeing_desktop.services.people import get_staff
    from wellbeing_desktop.services.summary import team_summary

    today = today or dt.date.today()
    staff = get_staff(db, staff_id)
    summary = team_summary(db, [staff.team_id], today=today)
    person = next((p for p in summary.people if p.staff_id == staff_id), None)
    if review_id is not None:
        review: ReviewRecord | None = get_review(db, review_id)
        if review is not None and review.staff_id != staff_id:
            raise NotFoundError(f"There is no workload review with number {review_id}.")
    else:
        review = next((r for r in reviews_for(db, staff_id) if r.is_open), None)
    colleagues = tuple(
        Colleague(p.staff_id, p.name, p.open_cases, p.limit.red, p.status.words)
        for p in summary.people
        if p.staff_id != staff_id
    )
    status = person.status.value if person is not None else ""
    return ReviewContext(
        staff_id=staff_id,
        name=staff.name,
        team_name=staff.team_name,
        person=person,
        colleagues=colleagues,
        review=review,
        suggested_trigger=status if status in ("red", "amber") else "manager",
    )
