"""Erasure: a person removed completely after a preview, others' records kept without
them, and an audit entry holding counts only; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import UniqueConstraint, func, select, text

from tests.services.scenarios import (
    OTHER_NAME,
    SCENARIO_COURSES,
    SUBJECT_NAME,
    SUBJECT_NOTE,
    Team,
    build_team,
)
from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import audit, checkins, erasure, people, subject_access, supervision
from wellbeing_desktop.storage.audit_chain import DETAIL_MAX
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import (
    Base,
    Course,
    CpdEntry,
    DevelopmentProgramme,
    SupervisionAction,
    TrainingCompletion,
    WorkloadReview,
)

from .builders import TODAY

# Every column that points at a person.
PERSON_COLUMNS = (
    ("staff_member", "id"),
    ("staff_member", "supervisor_id"),
    ("protection", "staff_id"),
    ("caseload_record", "staff_id"),
    ("session_attendee", "staff_id"),
    ("supervision_session", "supervisor_id"),
    ("supervision_action", "owner_staff_id"),
    ("check_in", "staff_id"),
    ("signposting_record", "staff_id"),
    ("workload_review", "staff_id"),
    ("workload_reallocation", "to_staff_id"),
    ("training_completion", "staff_id"),
    ("development_programme", "staff_id"),
    ("development_programme", "assessor_id"),
    ("development_plan", "staff_id"),
    ("cpd_entry", "staff_id"),
)


@pytest.fixture
def team(app_db: Database) -> Team:
    return build_team(app_db)


def everything(db: Database) -> str:
    """Every row of every table, as one text, to search."""
    with db.engine.connect() as connection:
        return repr(
            [connection.execute(table.select()).all() for table in Base.metadata.sorted_tables]
        )


def test_every_column_that_points_at_a_person_is_listed() -> None:
    pointing = {
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name == "staff_member"
    }
    assert pointing | {("staff_member", "id")} == set(PERSON_COLUMNS)


def test_every_link_to_a_removed_record_is_indexed() -> None:
    """Removing a row makes the database look for rows that point at it: without an
    index that is a whole-table read per row removed (retention over years of history
    ran for many minutes before 0006 added the missing ones)."""
    unindexed = []
    for table in Base.metadata.sorted_tables:
        keys = [*table.indexes, table.primary_key] + [
            c for c in table.constraints if isinstance(c, UniqueConstraint)
        ]
        leading = {next(iter(key.columns)).name for key in keys if len(key.columns)}
        for column in table.columns:
            for key in column.foreign_keys:
                if key.column.table.name in erasure.REMOVED and column.name not in leading:
                    unindexed.append(f"{table.name}.{column.name}")
    assert unindexed == []


def test_the_preview_counts_what_will_go(app_db: Database, team: Team) -> None:
    preview = erasure.preview_erasure(app_db, team.subject)
    assert dict(preview.removed) == {
        "staff_member": 1,
        "protection": 1,
        "caseload_record": 2,
        "caseload_band": 2,
        "check_in": 2,
        "signposting_record": 1,
        "session_attendee": 2,
        "supervision_session": 1,  # only their own one-to-one: the group session stays
        "supervision_action": 2,
        "workload_review": 1,
        "workload_reallocation": 2,
        "training_completion": 2,
        "development_programme": 1,
        "programme_milestone": 2,
        "development_plan": 1,
        "development_objective": 2,
        "cpd_entry": 1,
    }
    assert dict(preview.cleared) == {
        "action_owner": 2,  # their action in the group session and in the other's session
        "session_supervisor": 1,
        "staff_supervisor": 1,
        "reallocation_to": 1,  # the other's review moved two cases to them
        "programme_assessor": 1,  # they assess the other's induction
        "action_objective": 1,  # the group session's action (their one-to-one goes)
    }
    assert preview.total_removed == 26
    assert SUBJECT_NAME not in preview.detail()


def test_erasure_removes_the_person_completely(app_db: Database, team: Team) -> None:
    preview = erasure.preview_erasure(app_db, team.subject)
    assert erasure.erase_person(app_db, team.subject, expected=preview) == preview

    with app_db.engine.connect() as connection:
        for table, column in PERSON_COLUMNS:
            left = connection.execute(
                text(f"SELECT count(*) FROM {table} WHERE {column} = :id"), {"id": team.subject}
            ).scalar()
            assert left == 0, f"{table}.{column}"
    dumped = everything(app_db)
    assert SUBJECT_NAME not in dumped and SUBJECT_NOTE not in dumped
    with pytest.raises(NotFoundError):
        subject_access.gather(app_db, team.subject)
    with pytest.raises(NotFoundError):
        supervision.get_session(app_db, team.sole_session)


def test_what_others_share_stays_without_them(app_db: Database, team: Team) -> None:
    erasure.erase_person(app_db, team.subject)
    group = supervision.get_session(app_db, team.group_session)
    assert group.attendee_ids == (team.other,)
    assert [(a.text, a.owner_staff_id, a.owner_name) for a in group.actions] == [
        ("Subject's group action", None, ""),
        ("Other's group action", team.other, group.actions[1].owner_name),
    ]
    others = supervision.get_session(app_db, team.others_session)
    assert (others.supervisor_id, others.supervisor_name) == (None, "")
    assert [a.owner_staff_id for a in others.actions] == [None, team.other]
    assert people.get_staff(app_db, team.supervisee).supervisor_id is None
    assert len(checkins.checkin_history(app_db, team.other)) == 1
    with app_db.session() as session:
        review = session.get(WorkloadReview, team.others_review)
        assert review is not None
        assert [(r.to_staff_id, r.cases) for r in review.reallocations] == [(None, 2)]
        programme = session.get(DevelopmentProgramme, team.others_programme)
        assert programme is not None and len(programme.milestones) == 1
        assert (programme.assessor_id, programme.assessor_name) == (None, "")
        action = session.get(SupervisionAction, team.linked_action)
        assert action is not None and action.objective_id is None
        assert session.scalar(select(func.count()).select_from(CpdEntry)) == 1  # the other's
        assert session.scalar(select(func.count()).select_from(TrainingCompletion)) == 1
        assert session.scalar(
            select(func.count()).select_from(Course).where(Course.name.in_(SCENARIO_COURSES))
        ) == len(SCENARIO_COURSES)  # courses stay
    assert audit.verify_chain(app_db).ok


def test_an_assessor_and_a_reallocation_target_erased_leave_the_others_records(
    app_db: Database, team: Team
) -> None:
    """Erasing the other person takes their review and induction, and clears them from
    the subject's review; the subject's own records stay whole."""
    preview = erasure.preview_erasure(app_db, team.other)
    assert (preview.count("workload_review"), preview.count("workload_reallocation")) == (1, 1)
    assert preview.count("reallocation_to") == 1
    assert preview.count("programme_assessor") == 0  # the subject's assessor is a name
    erasure.erase_person(app_db, team.other, expected=preview)
    document = subject_access.gather(app_db, team.subject)
    counts = document.counts()
    assert (counts["workload_reviews"], counts["reallocations_received"]) == (1, 0)
    assert counts["programmes_as_assessor"] == 0 and counts["development_plans"] == 1
    review = document.as_dict()["workload_reviews"][0]
    assert [r["cases"] for r in review["reallocations"]] == [3, 1]
    assert OTHER_NAME not in subject_access.to_json(document)


def test_a_long_history_still_fits_the_audit_entry() -> None:
    """Counts in every record type and every link would run past the audit detail's
    limit: the links cleared are then one total, and if that is not enough, so is
    everything removed; never a list cut off part-way."""

    def plan(removed: int, cleared: int) -> erasure.RemovalPlan:
        return erasure.RemovalPlan(
            7,
            tuple((name, removed) for name in erasure.REMOVED),
            tuple((name, cleared) for name in erasure.CLEARED),
        )

    prefix = "left more than 6 years ago; "
    room = DETAIL_MAX - len(prefix)
    years = plan(345, 12).detail(room)
    assert len(years) <= room and "session_supervisor" not in years
    assert years.startswith("removed: staff_member 345, protection 345,")
    assert years.endswith(f"cpd_entry 345; cleared: {12 * len(erasure.CLEARED)} links")
    lifetimes = plan(123_456_789, 1_234).detail(room)
    assert lifetimes == (
        f"removed: {123_456_789 * len(erasure.REMOVED)} records of {len(erasure.REMOVED)} "
        f"types; cleared: {1_234 * len(erasure.CLEARED)} links"
    )
    assert plan(1, 1).detail().startswith("removed: staff_member 1, protection 1,")
    assert "; cleared: action_owner 1," in plan(1, 1).detail()


def test_the_audit_entry_holds_counts_only(app_db: Database, team: Team) -> None:
    erasure.erase_person(app_db, team.subject)
    entry = audit.list_entries(app_db, action="erased")[0]
    assert (entry.record_type, entry.record_id) == ("staff_member", str(team.subject))
    assert entry.detail.startswith("removed: staff_member 1, protection 1, caseload_record 2")
    assert "cleared: action_owner 2" in entry.detail
    assert SUBJECT_NAME.split()[0] not in entry.detail


def test_nothing_goes_if_the_records_changed_since_the_preview(
    app_db: Database, team: Team
) -> None:
    preview = erasure.preview_erasure(app_db, team.subject)
    checkins.save_checkin(
        app_db, team.subject, checkins.CheckInDraft(TODAY, 3, 3, 3, 3), today=TODAY
    )
    before = everything(app_db)
    with pytest.raises(ValidationError, match="changed since the preview"):
        erasure.erase_person(app_db, team.subject, expected=preview)
    assert everything(app_db) == before


@pytest.mark.parametrize("staff_id", [9999, 0, -1, 2**40])
def test_nobody_to_erase(app_db: Database, team: Team, staff_id: int) -> None:
    before = everything(app_db)
    with pytest.raises(NotFoundError):
        erasure.preview_erasure(app_db, staff_id)
    with pytest.raises(NotFoundError):
        erasure.erase_person(app_db, staff_id)
    assert everything(app_db) == before


def test_a_group_session_goes_when_everyone_in_it_goes(app_db: Database, team: Team) -> None:
    erasure.erase_person(app_db, team.subject)
    preview = erasure.preview_erasure(app_db, team.other)
    # Now only the other was supervised in the group session: it goes with them.
    assert preview.count("supervision_session") == 2
    erasure.erase_person(app_db, team.other, expected=preview)
    with pytest.raises(NotFoundError):
        supervision.get_session(app_db, team.group_session)
