"""Benchmarks at organisation scale: 2,000 staff with ten years of history.

Run with ``python -m pytest tests/perf --benchmark-only``; see docs/PERFORMANCE.md.
Targets are checked on the median of many rounds (one round for generation) and,
for saving, on the 95th percentile, which is what a manager feels.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from tests.perf.conftest import (
    BASELINE,
    ORG_STAFF,
    PERF_TODAY,
    build_organisation,
    cache_path,
    store_in_cache,
)
from wellbeing_desktop.services import supervision
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import StaffMember

pytestmark = pytest.mark.perf


def _in_post() -> Any:
    return (StaffMember.leaving_date.is_(None)) | (StaffMember.leaving_date > PERF_TODAY)


def _teams_of_about(db: Database, people: int) -> list[int]:
    """The first teams (by id) that together have at least ``people`` in post."""
    with db.session() as session:
        counts = session.execute(
            select(StaffMember.team_id, func.count())
            .where(_in_post(), StaffMember.start_date <= PERF_TODAY)
            .group_by(StaffMember.team_id)
            .order_by(StaffMember.team_id)
        ).all()
    chosen, total = [], 0
    for team_id, count in counts:
        chosen.append(team_id)
        total += count
        if total >= people:
            return chosen
    return chosen


def test_generate_the_organisation(benchmark: Any, tmp_path: Path, record_result: Any) -> None:
    """(a) Demo data for 2,000 staff × 10 years: one run, under 60 s (target 30 s)."""
    built = tmp_path / "generated.sqlite3"
    stats = benchmark.pedantic(build_organisation, args=(built,), rounds=1, iterations=1)
    result = record_result(benchmark, "demo data, 2,000 staff × 10 years", "< 60 s (aim 30 s)")
    benchmark.extra_info.update(rows=stats.total_rows)
    assert stats.in_post == ORG_STAFF
    assert result.median_ms < 60_000
    if not cache_path().exists():
        store_in_cache(built)  # the summary benchmarks can use this one


def test_baseline_count(benchmark: Any, org_db: Database, record_result: Any) -> None:
    """(d) The cheapest query through the same session machinery, for ratios."""

    def count_staff() -> int:
        with org_db.session() as session:
            return int(session.scalar(text("SELECT count(*) FROM staff_member")) or 0)

    assert benchmark.pedantic(count_staff, rounds=300, warmup_rounds=5) > ORG_STAFF
    record_result(benchmark, BASELINE, "-")


def test_team_summary_for_fifty_people(
    benchmark: Any, org_db: Database, record_result: Any
) -> None:
    """(b) The dashboard for a manager of about 50 people: ≤ 20 ms."""
    teams = _teams_of_about(org_db, 50)
    summary = benchmark.pedantic(
        lambda: team_summary(org_db, teams, today=PERF_TODAY), rounds=100, warmup_rounds=3
    )
    assert 50 <= summary.headcount < 80
    result = record_result(
        benchmark, f"team summary, {summary.headcount} people ({len(teams)} teams)", "≤ 20 ms"
    )
    assert result.median_ms <= 20


def test_organisation_summary(benchmark: Any, org_db: Database, record_result: Any) -> None:
    """(c) The whole organisation, 2,000 people: ≤ 200 ms."""
    summary = benchmark.pedantic(
        lambda: team_summary(org_db, today=PERF_TODAY), rounds=30, warmup_rounds=2
    )
    assert summary.headcount == ORG_STAFF
    result = record_result(benchmark, "organisation summary, 2,000 people", "≤ 200 ms")
    assert result.median_ms <= 200


def test_save_a_session_with_four_actions(
    benchmark: Any, writable_org_db: Database, record_result: Any
) -> None:
    """(e) Saving a one-to-one with four actions, durably (synchronous=FULL): p95 ≤ 15 ms."""
    db = writable_org_db
    team = _teams_of_about(db, 1)[0]
    with db.session() as session:
        supervisee, manager = session.scalars(
            select(StaffMember.id)
            .where(StaffMember.team_id == team, _in_post())
            .order_by(StaffMember.id)
            .limit(2)
        ).all()
    due = PERF_TODAY + dt.timedelta(days=28)

    def save() -> supervision.SessionRecord:
        draft = supervision.SessionDraft(
            kind="one_to_one",
            held_on=PERF_TODAY,
            duration_minutes=60,
            attendee_ids=[supervisee],
            supervisor_id=manager,
            casework="Reviewed the caseload; two complex cases discussed.",
            learning="Reviewed progress on the personal development plan.",
            wellbeing="Feeling settled; workload manageable.",
            caseload_reviewed=True,
            caseload_figure=30,
            next_session_on=due,
            actions=[
                supervision.ActionDraft(text=f"Action {n}", owner_staff_id=supervisee, due_on=due)
                for n in range(1, 5)
            ],
        )
        return supervision.save_session(db, draft, today=PERF_TODAY)

    record = benchmark.pedantic(save, rounds=100, warmup_rounds=3)
    assert len(record.actions) == 4
    result = record_result(benchmark, "save a one-to-one with 4 actions", "p95 ≤ 15 ms")
    assert result.p95_ms <= 15
