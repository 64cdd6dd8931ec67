"""A small team whose records touch every table, for the data-rights tests
(subject access, erasure, retention). Names are made up.

Workload reviews and learning and development records are written through an
audited ORM session (``db.session()``), not their services, so that these tests
stay independent of how those services ask for them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.services import caseloads, checkins, people, signposting, supervision
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    Course,
    CpdEntry,
    DevelopmentObjective,
    DevelopmentPlan,
    DevelopmentProgramme,
    ProgrammeMilestone,
    Protection,
    SupervisionAction,
    TrainingCompletion,
    WorkloadReallocation,
    WorkloadReview,
)

SUBJECT_NAME = "Wilhelmina Oyelaran-Quist"
SUBJECT_NOTE = "Shared that the night shifts are hard since the bereavement"
OTHER_NAME = "Bartholomew Nkemelu"
OTHER_NOTE = "Prefers Thursday mornings"
SCENARIO_COURSES = ("Overdose awareness refresher", "Motivational interviewing skills")


@dataclass(frozen=True)
class Team:
    team: int
    subject: int  # the person whose data is asked for, erased or retained
    other: int  # shares a group session with the subject
    supervisee: int  # supervised by the subject
    sole_session: int  # the subject's own one-to-one
    group_session: int  # the subject and the other
    others_session: int  # the other's one-to-one, led by the subject, with an action theirs
    service: int
    others_review: int  # the other's workload review: 2 cases reallocated to the subject
    others_programme: int  # the other's induction, with the subject as assessor
    linked_action: int  # the subject's action in the group session, serving their objective


D = dt.date


def build_team(db: Database, *, subject_left: dt.date | None = None) -> Team:
    team = people.save_team(db, "Rights team").id
    subject = add_person(db, team, SUBJECT_NAME, notes=SUBJECT_NOTE, start="2010-01-04")
    other = add_person(db, team, OTHER_NAME, notes=OTHER_NOTE)
    supervisee = add_person(db, team, "Supervisee S", supervisor_id=subject)
    people.add_protection(
        db, subject, "phased_return", "2026-01-05", "2026-03-01", 60, SUBJECT_NOTE
    )
    caseloads.record_caseloads(
        db,
        [
            caseloads.make_entry(
                subject, "2026-10-01", 12, [("High", 2, 3.0), ("Low", 10, 1.0)], today=TODAY
            ),
            caseloads.make_entry(subject, "2026-11-01", 10, note=SUBJECT_NOTE, today=TODAY),
            caseloads.make_entry(other, "2026-11-01", 20, today=TODAY),
        ],
    )
    sole = supervision.save_session(
        db,
        supervision.SessionDraft(
            held_on="2026-11-02",
            attendee_ids=[subject],
            supervisor_name="Manager M",
            wellbeing=SUBJECT_NOTE,
            actions=[
                supervision.ActionDraft(text="Book leave", owner_staff_id=subject),
                supervision.ActionDraft(text="Review rota", owner_name="Manager M"),
            ],
        ),
        today=TODAY,
    ).id
    group = supervision.save_session(
        db,
        supervision.SessionDraft(
            kind="group",
            held_on="2026-11-03",
            attendee_ids=[subject, other],
            reflection="Group reflection",
            actions=[
                supervision.ActionDraft(text="Subject's group action", owner_staff_id=subject),
                supervision.ActionDraft(
                    text="Other's group action", owner_staff_id=other, owner_name=OTHER_NAME
                ),
            ],
        ),
        today=TODAY,
    ).id
    others = supervision.save_session(
        db,
        supervision.SessionDraft(
            held_on="2026-11-04",
            attendee_ids=[other],
            supervisor_id=subject,
            supervisor_name=SUBJECT_NAME,
            wellbeing=OTHER_NOTE,
            actions=[
                supervision.ActionDraft(
                    text="Subject to send the policy",
                    owner_staff_id=subject,
                    owner_name=SUBJECT_NAME,
                ),
                supervision.ActionDraft(text="Other's own action", owner_staff_id=other),
            ],
        ),
        today=TODAY,
    ).id
    for day, overall in (("2026-10-10", 4), ("2026-11-10", 2)):
        checkins.save_checkin(
            db,
            subject,
            checkins.CheckInDraft(day, overall, 3, 4, 2, notes=SUBJECT_NOTE),
            today=TODAY,
        )
    checkins.save_checkin(db, other, checkins.CheckInDraft("2026-11-10", 4, 4, 2, 4), today=TODAY)
    service = signposting.list_services(db)[0].id
    record = signposting.record_signposting(
        db,
        subject,
        service,
        signposted_on="2026-11-10",
        reason="stress",
        notes=SUBJECT_NOTE,
        today=TODAY,
    )
    signposting.record_outcome(db, record.id, "Called them", on="2026-11-20", today=TODAY)
    signposting.record_signposting(db, other, service, signposted_on="2026-11-10", today=TODAY)
    learning = _workload_and_learning(db, subject, other, supervisee, sole, group)
    if subject_left is not None:
        people.mark_left(db, subject, subject_left)
    return Team(team, subject, other, supervisee, sole, group, others, service, *learning)


def _workload_and_learning(
    db: Database, subject: int, other: int, supervisee: int, sole: int, group: int
) -> tuple[int, int, int]:
    """The subject: a closed workload review reallocating cases to two colleagues, two
    training completions, a preceptorship (with two milestones) that set their
    protection, a development plan with two objectives (each served by an action), and a
    CPD entry. The other: a review reallocating cases to the subject, a completion, an
    induction the subject assesses, and a CPD entry."""
    with db.session() as session:
        protection = session.scalars(select(Protection.id).where(Protection.staff_id == subject))
        course = Course(name=SCENARIO_COURSES[0], category="statutory", renewal_months=12)
        other_course = Course(name=SCENARIO_COURSES[1], category="mandatory")
        session.add_all([course, other_course])
        session.flush()
        review = WorkloadReview(
            staff_id=subject,
            trigger="red",
            agreed_on=D(2026, 10, 5),
            agreed_by="Manager M",
            pause_until=D(2026, 10, 31),
            extra_supervision=True,
            other_action=SUBJECT_NOTE,
            review_on=D(2026, 10, 19),
            closed_on=D(2026, 10, 20),
            outcome=SUBJECT_NOTE,
            reallocations=[
                WorkloadReallocation(to_staff_id=other, cases=3, applied_on=D(2026, 10, 6)),
                WorkloadReallocation(to_staff_id=supervisee, cases=1),
            ],
        )
        others_review = WorkloadReview(
            staff_id=other,
            agreed_on=D(2026, 11, 5),
            review_on=D(2026, 11, 19),
            other_action=OTHER_NOTE,
            reallocations=[WorkloadReallocation(to_staff_id=subject, cases=2)],
        )
        programme = DevelopmentProgramme(
            staff_id=subject,
            kind="preceptorship",
            start_on=D(2026, 1, 5),
            expected_end_on=D(2027, 1, 4),
            assessor_name="Manager M",
            protection_id=protection.first(),
            notes=SUBJECT_NOTE,
            milestones=[
                ProgrammeMilestone(
                    position=0,
                    title="Safeguarding sign-off",
                    target_on=D(2026, 4, 1),
                    signed_off_on=D(2026, 3, 20),
                    signed_off_by="Manager M",
                ),
                ProgrammeMilestone(
                    position=1, title="Independent caseload", target_on=D(2026, 12, 1)
                ),
            ],
        )
        others_programme = DevelopmentProgramme(
            staff_id=other,
            kind="induction",
            start_on=D(2026, 9, 1),
            expected_end_on=D(2026, 12, 1),
            assessor_id=subject,
            notes=OTHER_NOTE,
            milestones=[ProgrammeMilestone(title="Shadowing done")],
        )
        objectives = [
            DevelopmentObjective(
                text="Lead a group session", target_on=D(2026, 12, 31), progress=SUBJECT_NOTE
            ),
            DevelopmentObjective(
                text="Motivational interviewing", status="achieved", achieved_on=D(2026, 6, 1)
            ),
        ]
        plan = DevelopmentPlan(
            staff_id=subject,
            year=2026,
            agreed_on=D(2026, 1, 20),
            notes=SUBJECT_NOTE,
            objectives=objectives,
        )
        session.add_all(
            [
                review,
                others_review,
                programme,
                others_programme,
                plan,
                TrainingCompletion(
                    staff_id=subject,
                    course_id=course.id,
                    completed_on=D(2025, 11, 1),
                    provider="NHS Education",
                    evidence=SUBJECT_NOTE,
                ),
                TrainingCompletion(
                    staff_id=subject,
                    course_id=other_course.id,
                    completed_on=D(2026, 2, 2),
                    provider="In house",
                ),
                TrainingCompletion(
                    staff_id=other,
                    course_id=course.id,
                    completed_on=D(2026, 3, 3),
                    evidence=OTHER_NOTE,
                ),
                CpdEntry(
                    staff_id=subject,
                    done_on=D(2026, 9, 9),
                    activity="Read NICE guidance",
                    category="reading",
                    hours=2.5,
                    reflection=SUBJECT_NOTE,
                ),
                CpdEntry(
                    staff_id=other,
                    done_on=D(2026, 9, 9),
                    activity="Conference",
                    hours=6,
                    reflection=OTHER_NOTE,
                ),
            ]
        )
        session.flush()
        # The subject's actions serve their objectives: one in their own one-to-one
        # (which goes with them), one in the group session (which stays).
        linked = 0
        for action in session.scalars(
            select(SupervisionAction).where(
                SupervisionAction.session_id.in_([sole, group]),
                SupervisionAction.owner_staff_id == subject,
            )
        ):
            action.objective_id = objectives[action.session_id == group].id
            linked = action.id if action.session_id == group else linked
        return others_review.id, others_programme.id, linked
