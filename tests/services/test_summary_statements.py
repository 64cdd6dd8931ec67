"""The team summary asks the database a fixed handful of statements, however many teams
and people it covers (docs/PERFORMANCE.md): each fact is one statement for everyone,
never one per team, person or shared limit. In a short-lived process such as the
caseload report every distinct statement also costs its first compilation, so both the
number run and the number of distinct ones are pinned here.

Runs on SQLite and PostgreSQL (the ``db`` fixture), on a generated organisation big
enough to have several teams, protections, workload reviews and amber and red runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from wellbeing_desktop.services.demo_data import generate_demo_data
from wellbeing_desktop.services.summary import TeamSummary, team_summary
from wellbeing_desktop.storage import workload_run_queries
from wellbeing_desktop.storage.database import Database

TODAY = dt.date(2026, 11, 26)

# Measured 2026-11-27, the same on both backends and for one team, some or all: 14
# with learning (the people and their dates, protections, latest caseloads, follow-ups,
# actions, programmes, the course list, training counts, the workload setting, reviews,
# runs, and a read of records for runs whose limit changed), 10 without (the caseload
# report asks for learning=False). Before, the whole organisation took one statement
# more for each limit shared by people approaching or over it (101 for the 2,000-person
# benchmark organisation) and a 51-person team 37. The runs statement is executed
# once for each table of people approaching or over their limit: up to four of 24
# people (a statement quick to compile, for a short-lived process), then tables of 192
# (storage/workload_run_queries.py), so up to three more executions, never more
# distinct statements.
EXTRA_RUN_TABLES = workload_run_queries._SMALL_TABLES - 1
MOST_WITH_LEARNING = 14 + EXTRA_RUN_TABLES
MOST_WITHOUT_LEARNING = 10 + EXTRA_RUN_TABLES
MOST_DISTINCT_WITH_LEARNING = 13
MOST_DISTINCT_WITHOUT_LEARNING = 10


@contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    """Every statement sent to the database inside the block, in order."""
    found: list[str] = []

    def note(*args: Any) -> None:
        found.append(args[2])  # (connection, cursor, statement, ...)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        yield found
    finally:
        event.remove(db.engine, "before_cursor_execute", note)


def _counted(db: Database, make: Callable[[], TeamSummary]) -> tuple[TeamSummary, list[str]]:
    with _statements(db) as found:
        summary = make()
    return summary, found


@pytest.fixture
def organisation(db: Database) -> Database:
    generate_demo_data(db, staff=160, years=2, seed=4, today=TODAY)
    return db


@pytest.mark.parametrize("learning", [True, False])
def test_the_summary_takes_a_fixed_number_of_statements(
    organisation: Database, learning: bool
) -> None:
    db = organisation
    whole, for_all = _counted(db, lambda: team_summary(db, today=TODAY, learning=learning))
    team_ids = sorted({person.team_id for person in whole.people})
    assert len(team_ids) >= 3 and whole.headcount >= 150
    assert any(person.workload.since is not None for person in whole.people)
    most = MOST_WITH_LEARNING if learning else MOST_WITHOUT_LEARNING
    most_distinct = MOST_DISTINCT_WITH_LEARNING if learning else MOST_DISTINCT_WITHOUT_LEARNING
    assert len(for_all) <= most, for_all
    assert len(set(for_all)) <= most_distinct
    # One team, some teams and all teams: no more.
    for chosen in (team_ids[:1], team_ids[:2], team_ids):
        some, for_some = _counted(
            db, lambda chosen=chosen: team_summary(db, chosen, today=TODAY, learning=learning)
        )
        assert some.headcount > 0
        assert len(for_some) <= most, for_some
        assert len(set(for_some)) <= most_distinct
