"""A small team whose records touch every table, for the data-rights tests
(subject access, erasure, retention). Names are made up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.services import caseloads, checkins, people, signposting, supervision
from wellbeing_desktop.storage.database import Database

SUBJECT_NAME = "Wilhelmina Oyelaran-Quist"
SUBJECT_NOTE = "Shared that the night shifts are hard since the bereavement"
OTHER_NAME = "Bartholomew Nkemelu"
OTHER_NOTE = "Prefers Thursday mornings"


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
            caseloads.make_entry(subject, "2026-10-01", 12, [("High", 2, 3.0), ("Low", 10, 1.0)],
                                 today=TODAY),
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
                    text="Subject to send the policy", owner_staff_id=subject,
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
        db, subject, service, signposted_on="2026-11-10", reason="stress", notes=SUBJECT_NOTE,
        today=TODAY,
    )
    signposting.record_outcome(db, record.id, "Called them", on="2026-11-20", today=TODAY)
    signposting.record_signposting(db, other, service, signposted_on="2026-11-10", today=TODAY)
    if subject_left is not None:
        people.mark_left(db, subject, subject_left)
    return Team(team, subject, other, supervisee, sole, group, others, service)
