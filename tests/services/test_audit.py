"""The audit trail: every change to every record type, in the same transaction, with no
personal data, chained so that tampering shows; on SQLite and PostgreSQL.

Assertions compare record types, ids, actions and counts; never names or notes.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.errors import DatabaseError, ValidationError
from wellbeing_desktop.services import (
    audit,
    caseloads,
    checkins,
    people,
    retention,
    signposting,
    supervision,
)
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage import models
from wellbeing_desktop.storage.audit import os_user
from wellbeing_desktop.storage.check import check_database
from wellbeing_desktop.storage.database import Database, open_database
from wellbeing_desktop.storage.migrate import alembic_config

SECRET_NAME = "Zebedee Quillfeather"
SECRET_NOTE = "confided a relapse in confidence"
SECRET_OBJECTIVE = "Regain confidence with the Harrowgate family"


def entries(db: Database, **filters: object) -> list[audit.AuditEntryInfo]:
    return audit.list_entries(db, newest_first=False, limit=10_000, **filters)  # type: ignore[arg-type]


def kinds(found: list[audit.AuditEntryInfo]) -> set[tuple[str, str]]:
    return {(e.action, e.record_type) for e in found}


def run_sql(db: Database, statement: str, **values: object) -> None:
    with db.engine.begin() as connection:
        connection.execute(text(statement), values)


def scenario(db: Database) -> dict[str, int]:
    """Touch every record type through the real services."""
    team = people.save_team(db, "Audit team").id
    people.save_team(db, "Audit team renamed", team_id=team)
    person = add_person(db, team, SECRET_NAME, notes=SECRET_NOTE)
    manager = add_person(db, team, "Manager M")
    people.add_protection(db, person, "phased_return", "2026-01-01", note=SECRET_NOTE)
    caseloads.record_caseload(
        db,
        caseloads.make_entry(
            person, "2026-11-20", 9, [("High", 3, 2.0), ("Low", 6, 1.0)], today=TODAY
        ),
    )
    draft = supervision.SessionDraft(
        held_on=TODAY,
        attendee_ids=[person],
        supervisor_id=manager,
        wellbeing=SECRET_NOTE,
        actions=[supervision.ActionDraft(text=f"Action {n}") for n in range(3)],
    )
    saved = supervision.save_session(db, draft, today=TODAY)
    draft.actions = draft.actions[:1]
    supervision.save_session(db, draft, saved.id, today=TODAY)
    supervision.agree_session(db, saved.id, today=TODAY)
    checkins.save_checkin(
        db,
        person,
        checkins.CheckInDraft(
            held_on=TODAY, overall=2, workload=3, stress=4, support=2, notes=SECRET_NOTE
        ),
        today=TODAY,
    )
    service = signposting.save_service(db, signposting.ServiceDraft(name="Line"), today=TODAY)
    signposting.save_service(
        db, signposting.ServiceDraft(name="Line", phone="0800"), service.id, today=TODAY
    )
    record = signposting.record_signposting(
        db, person, service.id, signposted_on=TODAY, notes=SECRET_NOTE, today=TODAY
    )
    signposting.record_outcome(db, record.id, SECRET_NOTE, on=TODAY, today=TODAY)
    retention.set_retention_years(db, 7)
    ids = _workload_and_learning(db, team, person, manager, saved.id)
    return {"team": team, "person": person, "session": saved.id, **ids}


def _workload_and_learning(
    db: Database, team: int, person: int, manager: int, session_id: int
) -> dict[str, int]:
    """Create and change the workload and learning records through an audited ORM session
    (as their services do), every free-text field holding the secret note."""
    D = dt.date
    with db.session() as session:
        role = session.scalars(select(models.Role.id)).first()
        course = models.Course(name="Audit course", renewal_months=12)
        session.add(course)
        session.flush()
        review = models.WorkloadReview(
            staff_id=person,
            agreed_on=D(2026, 11, 2),
            review_on=D(2026, 11, 16),
            agreed_by=SECRET_NAME,
            other_action=SECRET_NOTE,
            reallocations=[models.WorkloadReallocation(to_staff_id=manager, cases=2)],
        )
        programme = models.DevelopmentProgramme(
            staff_id=person,
            kind="preceptorship",
            start_on=D(2026, 1, 5),
            expected_end_on=D(2027, 1, 4),
            assessor_name=SECRET_NAME,
            notes=SECRET_NOTE,
            milestones=[models.ProgrammeMilestone(title=SECRET_OBJECTIVE)],
        )
        plan = models.DevelopmentPlan(
            staff_id=person,
            year=2026,
            notes=SECRET_NOTE,
            objectives=[models.DevelopmentObjective(text=SECRET_OBJECTIVE)],
        )
        cpd = models.CpdEntry(
            staff_id=person,
            done_on=D(2026, 11, 1),
            activity=SECRET_OBJECTIVE,
            hours=2,
            reflection=SECRET_NOTE,
        )
        session.add_all(
            [
                review,
                programme,
                plan,
                cpd,
                models.CourseMandatoryRole(course_id=course.id, role_id=role),
                models.TrainingCompletion(
                    staff_id=person,
                    course_id=course.id,
                    completed_on=D(2026, 11, 3),
                    provider=SECRET_NAME,
                    evidence=SECRET_NOTE,
                ),
                models.TeamEstablishment(team_id=team, role_id=role, funded_fte=4.5),
                models.UnallocatedCases(team_id=team, recorded_on=D(2026, 11, 20), cases=7),
            ]
        )
        session.flush()
        # Changes, each of a field holding personal words.
        review.closed_on, review.outcome = D(2026, 11, 16), SECRET_NOTE
        review.reallocations[0].applied_on = D(2026, 11, 3)
        programme.milestones[0].signed_off_on = D(2026, 11, 4)
        programme.milestones[0].signed_off_by = SECRET_NAME
        plan.objectives[0].progress = SECRET_NOTE
        session.flush()
        action = session.scalars(
            select(models.SupervisionAction).where(
                models.SupervisionAction.session_id == session_id
            )
        ).first()
        assert action is not None
        action.objective_id = plan.objectives[0].id
        session.delete(cpd)
        return {"review": review.id, "plan": plan.id}


# ---- what is recorded ------------------------------------------------------------------


def test_every_record_type_is_named_for_the_trail() -> None:
    tables = set(models.Base.metadata.tables) - {"audit_entry", "audit_chain_head"}
    assert set(audit.RECORD_TYPES) == tables, "name new record types in services/audit.py"


def test_every_record_type_is_audited_as_it_changes(app_db: Database) -> None:
    before = audit.count_entries(app_db)
    ids = scenario(app_db)
    found = [e for e in entries(app_db) if e.id > before]

    assert {e.record_type for e in found} == set(audit.RECORD_TYPES) - {"role"}
    assert {
        ("created", "team"),
        ("changed", "team"),
        ("created", "staff_member"),
        ("created", "protection"),
        ("created", "caseload_record"),
        ("created", "caseload_band"),
        ("created", "supervision_session"),
        ("created", "session_attendee"),
        ("created", "supervision_action"),
        ("deleted", "supervision_action"),
        ("changed", "supervision_session"),
        ("created", "check_in"),
        ("created", "wellbeing_service"),
        ("changed", "wellbeing_service"),
        ("created", "signposting_record"),
        ("changed", "signposting_record"),
        ("changed", "org_setting"),
        ("created", "workload_review"),
        ("changed", "workload_review"),
        ("created", "workload_reallocation"),
        ("changed", "workload_reallocation"),
        ("created", "team_establishment"),
        ("created", "unallocated_cases"),
        ("created", "course"),
        ("created", "course_mandatory_role"),
        ("created", "training_completion"),
        ("created", "development_programme"),
        ("created", "programme_milestone"),
        ("changed", "programme_milestone"),
        ("created", "development_plan"),
        ("created", "development_objective"),
        ("changed", "development_objective"),
        ("created", "cpd_entry"),
        ("deleted", "cpd_entry"),
    } <= kinds(found)
    closed = [e for e in found if e.action == "changed" and e.record_type == "workload_review"]
    assert [(e.record_id, e.detail) for e in closed] == [
        (str(ids["review"]), "fields: closed_on, outcome")
    ]
    signed = [
        e.detail for e in found if (e.action, e.record_type) == ("changed", "programme_milestone")
    ]
    assert signed == ["fields: signed_off_by, signed_off_on"]
    linked = [
        e.detail for e in found if e.action == "changed" and e.record_type == "supervision_action"
    ]
    assert "fields: objective_id" in linked
    renamed = [e for e in found if e.action == "changed" and e.record_type == "team"]
    assert [(e.record_id, e.detail) for e in renamed] == [(str(ids["team"]), "fields: name")]
    agreed = [
        e.detail for e in found if e.action == "changed" and e.record_type == "supervision_session"
    ]
    assert "fields: agreed_on, status" in agreed
    # The second save sent one action without its id: the three saved ones went.
    deleted = [e for e in found if e.action == "deleted" and e.record_type != "cpd_entry"]
    assert len(deleted) == 3 and {e.record_type for e in deleted} == {"supervision_action"}


def test_the_trail_holds_no_personal_data(app_db: Database) -> None:
    scenario(app_db)
    with app_db.engine.connect() as connection:
        rows = connection.execute(text("SELECT * FROM audit_entry")).all()
    dumped = repr(rows)
    assert SECRET_NAME not in dumped and SECRET_NOTE not in dumped
    assert "relapse" not in dumped
    assert "Harrowgate" not in dumped  # an objective's, a milestone's and an activity's words
    # What a change names: fields, never their values.
    details = {e.detail for e in entries(app_db) if e.action in ("created", "changed")}
    assert all(d == "" or d.startswith("fields: ") for d in details), details


def test_roles_made_on_first_open_are_audited(app_db: Database) -> None:
    created = entries(app_db, action="created", record_type="role")
    assert len(created) == len(people.list_roles(app_db))


def test_a_failed_save_leaves_no_entry(app_db: Database) -> None:
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Person P")
    before = audit.count_entries(app_db)
    # Fails inside the transaction, after the session was added and flushed.
    draft = supervision.SessionDraft(
        held_on=TODAY, attendee_ids=[person], supervisor_id=person + 100
    )
    with pytest.raises(ValidationError):
        supervision.save_session(app_db, draft, today=TODAY)
    with pytest.raises(RuntimeError), app_db.session() as session:
        session.add(models.Team(name="Rolled back"))
        session.flush()
        raise RuntimeError("stop")
    assert audit.count_entries(app_db) == before
    assert audit.verify_chain(app_db).ok


def test_entries_and_the_change_commit_together(app_db: Database) -> None:
    with app_db.session() as session:
        session.add(models.Team(name="Together"))
        session.flush()
        inside = session.execute(text("SELECT count(*) FROM audit_entry")).scalar()
        head = session.execute(text("SELECT entries FROM audit_chain_head")).scalar()
        assert inside == head


# ---- explicit events, filters, actor ----------------------------------------------------


def test_exports_and_prints_are_recorded_explicitly(app_db: Database) -> None:
    audit.record_event(app_db, "exported", "staff_member", 12, "subject access (JSON)")
    audit.record_event(app_db, "printed", "supervision_session", "4", "supervision record")
    found = entries(app_db, action="printed")
    assert [(e.record_type, e.record_id, e.detail) for e in found] == [
        ("supervision_session", "4", "supervision record")
    ]
    assert [e.record_id for e in entries(app_db, action="exported")] == ["12"]
    assert found[0].action_label == "Printed" and found[0].record_label == "Supervision session"


@pytest.mark.parametrize(
    ("action", "record_type", "record_id", "detail"),
    [
        ("deleted", "staff_member", 1, ""),  # changes are recorded by the storage layer
        ("printed", "nonsense", 1, ""),
        ("printed", "staff_member", True, ""),
        ("printed", "staff_member", 1, "two\nlines"),
        ("printed", "staff_member", 1, "x" * 501),
    ],
)
def test_explicit_events_are_checked(
    app_db: Database, action: str, record_type: str, record_id: object, detail: str
) -> None:
    before = audit.count_entries(app_db)
    with pytest.raises(ValidationError):
        audit.record_event(app_db, action, record_type, record_id, detail)  # type: ignore[arg-type]
    assert audit.count_entries(app_db) == before


def test_filters_by_date_action_and_type(app_db: Database) -> None:
    scenario(app_db)
    today = dt.date.today()
    everything = entries(app_db)
    assert entries(app_db, since=today, until=today) == everything
    assert entries(app_db, until=today - dt.timedelta(days=1)) == []
    assert entries(app_db, since=today + dt.timedelta(days=1)) == []
    teams = entries(app_db, record_type="team")
    assert teams and all(e.record_type == "team" for e in teams)
    assert all(e.action == "changed" for e in entries(app_db, action="changed"))
    assert len(audit.list_entries(app_db, limit=3)) == 3
    newest = audit.list_entries(app_db, limit=1)[0]
    assert newest.id == everything[-1].id and newest.at.tzinfo is not None
    with pytest.raises(ValidationError):
        audit.list_entries(app_db, action="nonsense")


def test_the_actor_is_the_signed_in_user_or_the_configured_name(app_db: Database) -> None:
    people.save_team(app_db, "By default")
    assert entries(app_db)[-1].actor == os_user()
    audit.set_actor(app_db, "Manager on duty")
    people.save_team(app_db, "By name")
    assert entries(app_db)[-1].actor == "Manager on duty"
    audit.set_actor(app_db, None)
    people.save_team(app_db, "By default again")
    assert entries(app_db)[-1].actor == entries(app_db, record_type="role")[0].actor


# ---- the chain ---------------------------------------------------------------------------


def test_the_chain_verifies_and_db_check_agrees(app_db: Database, database_url: str) -> None:
    scenario(app_db)
    report = audit.verify_chain(app_db)
    assert report.ok and report.entries == audit.count_entries(app_db)
    assert check_database(database_url).ok


@pytest.fixture
def chained(app_db: Database) -> Iterator[Database]:
    scenario(app_db)
    yield app_db


@pytest.mark.parametrize(
    ("tamper", "words"),
    [
        ("UPDATE audit_entry SET detail = 'nothing' WHERE id = 5", "altered"),
        ("UPDATE audit_entry SET actor = 'someone else' WHERE id = 7", "altered"),
        ("DELETE FROM audit_entry WHERE id = 6", "break"),
        ("DELETE FROM audit_entry WHERE id = (SELECT max(id) FROM audit_entry)", "end"),
        ("UPDATE audit_entry SET record_id = '999' WHERE id = 3", "altered"),
        ("DELETE FROM audit_chain_head", "missing"),
    ],
)
def test_tampering_is_found(chained: Database, database_url: str, tamper: str, words: str) -> None:
    run_sql(chained, tamper)
    report = audit.verify_chain(chained)
    assert not report.ok
    assert any(words in problem for problem in report.problems), report.problems
    checked = check_database(database_url)
    assert not checked.ok and any(words in p for p in checked.problems)


def test_entries_swapped_are_found(chained: Database) -> None:
    with chained.engine.begin() as connection:
        first, second = connection.execute(
            text("SELECT id, detail FROM audit_entry WHERE id IN (8, 9) ORDER BY id")
        ).all()
        for (entry_id, _), (_, detail) in ((first, second), (second, first)):
            connection.execute(
                text("UPDATE audit_entry SET detail = :d WHERE id = :i"),
                {"d": detail, "i": entry_id},
            )
    if first[1] != second[1]:
        assert not audit.verify_chain(chained).ok


def test_a_missing_chain_head_stops_writes_with_a_clear_message(app_db: Database) -> None:
    run_sql(app_db, "DELETE FROM audit_chain_head")
    with pytest.raises(DatabaseError, match="db check"):
        people.save_team(app_db, "Not saved")
    assert [t.name for t in people.list_teams(app_db)] == []


def test_concurrent_writers_keep_one_chain(database_url: str) -> None:
    first = open_app_database(database_url)
    others = [open_database(database_url) for _ in range(3)]
    errors: list[BaseException] = []

    def write(db: Database, worker: int) -> None:
        try:
            for n in range(8):
                people.save_team(db, f"Team {worker}-{n}")
        except BaseException as error:  # reported below
            errors.append(error)

    try:
        threads = [
            threading.Thread(target=write, args=(db, i)) for i, db in enumerate([first, *others])
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert not errors, [type(e).__name__ for e in errors]
        report = audit.verify_chain(first)
        assert report.ok, report.problems
        assert len(entries(first, record_type="team")) == 32
    finally:
        for db in [first, *others]:
            db.close()


def test_a_chain_written_by_an_earlier_version_still_verifies(database_url: str) -> None:
    """The migration tests' 0002 filler writes a chain hashed by its own code: the
    hash's definition must never drift."""
    from alembic import command

    from tests.storage.test_migrations import FILLERS

    engine = create_engine(database_url)
    try:
        command.upgrade(alembic_config(engine), "0002_audit")
        with engine.begin() as connection:
            FILLERS["0002_audit"](connection)
    finally:
        engine.dispose()
    db = open_database(database_url)
    try:
        report = audit.verify_chain(db)
        assert report.ok and report.entries == 3, report.problems
        people.save_team(db, "After the upgrade")
        assert audit.verify_chain(db).ok
    finally:
        db.close()


def test_write_audited_leaves_no_file_when_the_entry_cannot_be_written(
    app_db: Database, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    run_sql(app_db, "DELETE FROM audit_chain_head")
    with pytest.raises(DatabaseError):
        audit.write_audited(
            app_db,
            out,
            lambda path: path.write_text("{}"),
            action="exported",
            record_type="staff_member",
            record_id=1,
        )
    assert [p.name for p in tmp_path.iterdir() if "export" in p.name] == []


def test_changes_outside_a_flush_are_not_double_counted(app_db: Database) -> None:
    before = audit.count_entries(app_db)
    with app_db.session() as session:
        session.execute(select(models.Team))  # a read writes nothing
    assert audit.count_entries(app_db) == before
