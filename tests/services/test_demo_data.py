"""The demo organisation: deterministic, plausible, consistent, and usable by the summary.

Every test runs on SQLite and PostgreSQL (the ``db`` fixture). Assertions never show
names: they compare counts and ids only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.demo_data import DemoStats, generate_demo_data
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage.database import Database, open_database
from wellbeing_desktop.storage.models import (
    Base,
    CaseloadBand,
    CaseloadRecord,
    CheckIn,
    Protection,
    SessionAttendee,
    SignpostingRecord,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
    Team,
    WellbeingService,
)

TODAY = dt.date(2026, 11, 26)
STAFF = 40
YEARS = 2


def _generate(db: Database, seed: int = 1, **options: Any) -> DemoStats:
    return generate_demo_data(db, staff=STAFF, years=YEARS, seed=seed, today=TODAY, **options)


def _dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in primary-key order, without the database's own
    created/updated stamps."""
    dumped = {}
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            if table.name in {"audit_entry", "audit_chain_head"}:
                continue  # the audit trail records when, so it differs from run to run
            columns = [c for c in table.c if c.name not in {"created_at", "updated_at"}]
            query = select(*columns).order_by(*table.primary_key.columns)
            dumped[table.name] = [tuple(row) for row in session.execute(query)]
    return dumped


def _scalar(db: Database, query: Any) -> Any:
    with db.session() as session:
        return session.scalar(query)


def test_the_same_seed_gives_the_same_organisation_on_any_backend(
    db: Database, tmp_path: Path
) -> None:
    _generate(db, seed=7)
    again = open_database(tmp_path / "again.sqlite3")
    other = open_database(tmp_path / "other.sqlite3")
    try:
        _generate(again, seed=7)
        _generate(other, seed=8)
        first, second = _dump(db), _dump(again)
        assert first.keys() == second.keys()
        for table in first:
            assert first[table] == second[table], f"{table} differs for the same seed"
        assert _dump(other)["staff_member"] != first["staff_member"]
    finally:
        again.close()
        other.close()


def test_the_counts_returned_match_the_rows_written(db: Database) -> None:
    stats = _generate(db)
    expected = {
        Team: stats.teams,
        StaffMember: stats.staff_members,
        Protection: stats.protections,
        CaseloadRecord: stats.caseload_records,
        CaseloadBand: stats.caseload_bands,
        SupervisionSession: stats.sessions,
        SessionAttendee: stats.attendees,
        SupervisionAction: stats.actions,
        CheckIn: stats.check_ins,
        SignpostingRecord: stats.signposting_records,
    }
    for model, count in expected.items():
        assert _scalar(db, select(func.count()).select_from(model)) == count, model.__name__
    assert stats.in_post == STAFF
    assert stats.leavers > 0
    assert stats.in_post + stats.leavers == stats.staff_members
    assert stats.first_day == dt.date(2024, 11, 26)
    assert stats.total_rows > 5_000


def test_progress_runs_from_nought_to_one(db: Database) -> None:
    seen: list[float] = []
    _generate(db, progress=seen.append)
    assert seen[0] == 0.0
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_nothing_is_printed(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _generate(db)
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def test_the_organisation_looks_real(db: Database) -> None:
    _generate(db)
    with db.session() as session:
        teams = session.execute(select(Team.id, Team.name, Team.manager_name)).all()
        staff = session.execute(
            select(
                StaffMember.team_id,
                StaffMember.name,
                StaffMember.fte,
                StaffMember.job_title,
                StaffMember.pay_band,
                StaffMember.leaving_date,
            )
        ).all()
        kinds = Counter(session.scalars(select(Protection.kind)))
        percents = set(session.scalars(select(Protection.limit_percent)))
    in_post = Counter(row.team_id for row in staff if row.leaving_date is None)
    assert all(8 <= size <= 25 for size in in_post.values())
    assert sum(in_post.values()) == STAFF
    assert all(team.manager_name for team in teams)
    assert len({team.name for team in teams}) == len(teams)
    names = [row.name for row in staff]
    assert len(set(names)) == len(names), "names are unique within the organisation"
    assert sum(not name.isascii() for name in names) >= 3, "some names carry accents"
    assert all(row.job_title and row.pay_band for row in staff)
    assert len({row.fte for row in staff}) >= 3
    assert kinds["newly_qualified"] + kinds["preceptorship"] >= 1
    assert kinds["phased_return"] >= 1
    assert 90 in percents


def test_a_realistic_share_of_caseloads_are_amber_and_red_today(db: Database) -> None:
    _generate(db)
    summary = team_summary(db, today=TODAY)
    assert summary.headcount == STAFF
    for status in (CaseloadStatus.GREEN, CaseloadStatus.AMBER, CaseloadStatus.RED):
        assert summary.count(status) >= 1, status
    assert summary.count(CaseloadStatus.GREEN) >= STAFF // 4
    # Nearly everyone has a caseload recorded this month or last.
    assert len(summary.without_recent_record) <= STAFF // 10
    assert 1 <= len(summary.supervision_overdue) < STAFF // 2
    assert any(p.next_session_booked for p in summary.people)
    assert any(p.limit.protection is not None for p in summary.people)


def test_team_summary_works_for_one_team(db: Database) -> None:
    _generate(db)
    with db.session() as session:
        team_id, in_post = session.execute(
            select(StaffMember.team_id, func.count())
            .where(StaffMember.leaving_date.is_(None))
            .group_by(StaffMember.team_id)
            .order_by(StaffMember.team_id)
        ).first()  # type: ignore[misc]
    summary = team_summary(db, [team_id], today=TODAY)
    assert summary.headcount == in_post
    assert {p.team_id for p in summary.people} == {team_id}
    assert summary.total_cases > 0


def test_sessions_attendees_and_actions_are_consistent(db: Database) -> None:
    _generate(db)
    with db.session() as session:
        mismatched = session.scalar(
            select(func.count())
            .select_from(SessionAttendee)
            .join(SupervisionSession, SupervisionSession.id == SessionAttendee.session_id)
            .where(
                (SessionAttendee.held_on != SupervisionSession.held_on)
                | (SessionAttendee.kind != SupervisionSession.kind)
            )
        )
        attendees = dict(
            session.execute(
                select(SupervisionSession.id, func.count(SessionAttendee.staff_id))
                .outerjoin(SessionAttendee)
                .group_by(SupervisionSession.id)
            ).all()
        )
        sessions = session.execute(
            select(
                SupervisionSession.id,
                SupervisionSession.kind,
                SupervisionSession.held_on,
                SupervisionSession.status,
                SupervisionSession.agreed_on,
                SupervisionSession.next_session_on,
                SupervisionSession.casework,
                SupervisionSession.learning,
                SupervisionSession.wellbeing,
            )
        ).all()
        actions = session.execute(
            select(
                SupervisionAction.session_id,
                SupervisionAction.done,
                SupervisionAction.done_on,
                SupervisionAction.due_on,
            )
        ).all()
        outside_tenure = session.scalar(
            select(func.count())
            .select_from(SessionAttendee)
            .join(StaffMember, StaffMember.id == SessionAttendee.staff_id)
            .where(
                (SessionAttendee.held_on < StaffMember.start_date)
                | (SessionAttendee.held_on >= StaffMember.leaving_date)
            )
        )
    assert mismatched == 0
    assert outside_tenure == 0
    kinds = Counter(row.kind for row in sessions)
    assert kinds["one_to_one"] > kinds["group"] + kinds["reflective_practice"] > 0
    for row in sessions:
        assert row.held_on <= TODAY
        if row.kind == "one_to_one":
            assert attendees[row.id] == 1
            assert row.casework and row.learning and row.wellbeing
        elif row.kind in {"group", "reflective_practice"}:
            assert attendees[row.id] >= 3
        if row.status == "agreed":
            assert row.held_on <= row.agreed_on <= TODAY
        else:
            assert row.status == "draft" and row.agreed_on is None
    statuses = Counter(row.status for row in sessions)
    assert statuses["agreed"] > 10 * statuses["draft"] > 0
    newest = max(row.held_on for row in sessions)
    assert all(
        row.held_on > newest - dt.timedelta(days=30) for row in sessions if row.status == "draft"
    )
    per_session = Counter(row.session_id for row in actions)
    assert set(per_session) == {row.id for row in sessions}
    assert all(1 <= count <= 4 for count in per_session.values())
    assert all((row.done_on is not None) == row.done for row in actions)
    assert any(row.done for row in actions)
    assert any(not row.done and row.due_on >= TODAY for row in actions)
    assert any(not row.done and row.due_on < TODAY for row in actions), "some overdue"


def test_people_and_records_are_consistent(db: Database) -> None:
    _generate(db)
    with db.session() as session:
        staff = {
            row.id: row
            for row in session.execute(
                select(
                    StaffMember.id,
                    StaffMember.team_id,
                    StaffMember.supervisor_id,
                    StaffMember.start_date,
                    StaffMember.leaving_date,
                )
            )
        }
        records = session.execute(
            select(
                CaseloadRecord.staff_id,
                CaseloadRecord.recorded_on,
                CaseloadRecord.id,
                CaseloadRecord.open_cases,
                CaseloadRecord.weighted_points,
            )
        ).all()
        bands = session.execute(
            select(
                CaseloadBand.record_id,
                func.sum(CaseloadBand.cases),
                func.sum(CaseloadBand.cases * CaseloadBand.weight),
            ).group_by(CaseloadBand.record_id)
        ).all()
        checkins = session.execute(
            select(
                CheckIn.staff_id,
                CheckIn.held_on,
                CheckIn.follow_up_needed,
                CheckIn.follow_up_done_on,
            )
        ).all()
        signposting = session.execute(
            select(
                SignpostingRecord.service_id,
                SignpostingRecord.signposted_on,
                SignpostingRecord.follow_up_on,
                SignpostingRecord.outcome,
                SignpostingRecord.outcome_on,
            )
        ).all()
        services = set(session.scalars(select(WellbeingService.id)))
    for person in staff.values():
        if person.supervisor_id is not None:
            assert person.supervisor_id != person.id
            assert staff[person.supervisor_id].team_id == person.team_id
        assert person.leaving_date is None or person.start_date < person.leaving_date <= TODAY
    for record in records:
        person = staff[record.staff_id]
        assert person.start_date <= record.recorded_on <= TODAY
        assert person.leaving_date is None or record.recorded_on < person.leaving_date
    by_id = {record.id: record for record in records}
    assert bands, "some teams record complexity bands"
    for record_id, cases, points in bands:
        assert by_id[record_id].open_cases == cases
        assert by_id[record_id].weighted_points == pytest.approx(points)
    assert any(row.follow_up_needed for row in checkins)
    for checkin in checkins:
        assert checkin.held_on <= TODAY
        if checkin.follow_up_done_on is not None:
            assert checkin.follow_up_needed
            assert checkin.held_on <= checkin.follow_up_done_on <= TODAY
    assert signposting
    assert {row.service_id for row in signposting} <= services
    for signpost in signposting:
        assert signpost.signposted_on < signpost.follow_up_on
        assert (signpost.outcome_on is None) == (signpost.outcome == "")
    if db.is_sqlite:
        with db.session() as session:
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_ids_carry_on_after_the_demo_data(db: Database) -> None:
    """On PostgreSQL the id sequences must move past the ids the demo data chose."""
    _generate(db)
    with db.session() as session:
        team = Team(name="A team added later")
        session.add(team)
        session.flush()
        assert team.id == session.scalar(select(func.max(Team.id)))


def test_a_database_with_staff_is_refused_and_left_alone(db: Database) -> None:
    _generate(db)
    before = _scalar(db, select(func.count()).select_from(SupervisionSession))
    with pytest.raises(ValidationError):
        _generate(db, seed=2)
    assert _scalar(db, select(func.count()).select_from(SupervisionSession)) == before


@pytest.mark.parametrize(("staff", "years"), [(0, 2), (10, 0)])
def test_silly_sizes_are_refused(db: Database, staff: int, years: float) -> None:
    with pytest.raises(ValidationError):
        generate_demo_data(db, staff=staff, years=years, today=TODAY)


def test_a_tiny_organisation_is_one_team(db: Database) -> None:
    stats = generate_demo_data(db, staff=5, years=0.5, seed=3, today=TODAY)
    assert stats.teams == 1
    assert stats.in_post == 5
    assert team_summary(db, today=TODAY).headcount == 5
