"""Since when a person has been over (or approaching) their limit: the database's
answer (``set_based=True``, the default the dashboard uses) must equal judging every
caseload record one by one against the limit on its own day (``set_based=False``),
on generated histories with protections that begin and end within runs, in cases and
in weighted points (with records saved without points inside runs: skipped, neither
continuing nor ending a run), on both backends."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services import workload as wl
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage.database import Database

from .builders import TODAY

_names = itertools.count(1)

# Loads around a limit of 20 (amber 16), so runs start, break and restart.
LOADS = st.integers(min_value=8, max_value=26)
PERSON = st.fixed_dictionaries(
    {
        "fte": st.sampled_from([1.0, 0.8, 0.5]),
        "weighted": st.booleans(),
        # (days before today, load, saved with points when the role is weighted);
        # records fall within the last three years
        "records": st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=1100),
                LOADS,
                st.sampled_from([True, True, True, False]),
            ),
            min_size=1,
            max_size=14,
            unique_by=lambda r: r[0],
        ),
        # (start, length or None for open-ended, percent)
        "protections": st.lists(
            st.tuples(
                st.integers(min_value=-30, max_value=1100),
                st.one_of(st.none(), st.integers(min_value=0, max_value=400)),
                st.sampled_from([50, 75, 90]),
            ),
            max_size=2,
        ),
    }
)


def _roles(db: Database) -> tuple[int, int]:
    found = {r.name: r.id for r in people.list_roles(db)}
    if "Runs in cases" not in found:
        found["Runs in cases"] = people.save_role(db, name="Runs in cases", amber=16, red=20).id
        found["Runs in points"] = people.save_role(
            db, name="Runs in points", amber=16, red=20, uses_weighting=True
        ).id
    return found["Runs in cases"], found["Runs in points"]


def _build(db: Database, team: int, person: dict, roles: tuple[int, int]) -> int:  # type: ignore[type-arg]
    draft = people.StaffDraft(
        name=f"Person {next(_names)}",
        team_id=team,
        role_id=roles[1] if person["weighted"] else roles[0],
        fte=person["fte"],
        start_date="2020-01-06",
    )  # type: ignore[call-arg]
    staff_id = people.save_staff(db, draft).id
    entries = []
    for back, load, *with_points in person["records"]:
        day = TODAY - dt.timedelta(days=back)
        # Weighted: the load in points (some records saved without them).
        bands = [("Standard", load, 1.0)] if person["weighted"] and with_points != [False] else []
        entries.append(caseloads.make_entry(staff_id, day, load, bands, today=TODAY))
    caseloads.record_caseloads(db, entries)
    for back, length, percent in person["protections"]:
        start = TODAY - dt.timedelta(days=back)
        end = None if length is None else start + dt.timedelta(days=length)
        people.add_protection(db, staff_id, "phased_return", start, end, percent)
    return staff_id


def _both_ways(db: Database, team: int, today: dt.date) -> None:
    summary = team_summary(db, [team], today=today)
    with db.connection() as connection:
        fast = wl.workload_states(connection, summary.people, today)
        plain = wl.workload_states(connection, summary.people, today, set_based=False)
    assert fast == plain


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(team_people=st.lists(PERSON, min_size=1, max_size=6), back=st.sampled_from([0, 45, 400]))
def test_the_database_finds_the_same_runs(db: Database, team_people: list, back: int) -> None:  # type: ignore[type-arg]
    roles = _roles(db)
    team = people.save_team(db, f"Runs team {next(_names)}").id
    for person in team_people:
        _build(db, team, person, roles)
    _both_ways(db, team, TODAY - dt.timedelta(days=back))


def test_a_protection_ending_within_the_run(db: Database) -> None:
    """Over 18 at 90% (limit 18) while protected; the protection ended 50 days ago, so 19
    was within the limit (20) from then until 22 was recorded today: the run began today,
    not when the protected limit was passed (each record is judged on every day its limit
    changed: workload.split_at_limit_changes)."""
    roles = _roles(db)
    team = people.save_team(db, "Protection ends").id
    person = {
        "fte": 1.0,
        "weighted": False,
        "records": [(300, 10), (200, 19), (100, 19), (0, 22)],
        "protections": [(400, 350, 90)],  # from 400 days ago until 50 days ago
    }
    staff_id = _build(db, team, person, roles)
    _both_ways(db, team, TODAY)
    found = {p.staff_id: p for p in team_summary(db, [team], today=TODAY).people}
    assert found[staff_id].workload.since == TODAY


def test_the_same_without_materialized_ctes(db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With an SQLite library older than 3.35 the CTEs are not marked MATERIALIZED:
    the summary's workload states and training counts must not change."""
    from wellbeing_desktop.storage import cte, training_count_queries, workload_run_queries

    roles = _roles(db)
    team = people.save_team(db, "Old SQLite").id
    for records in ([(300, 10), (200, 21), (0, 22)], [(90, 17), (30, 18), (0, 17)]):
        _build(
            db, team, {"fte": 1.0, "weighted": False, "records": records, "protections": []}, roles
        )

    def summary() -> dict[int, tuple[object, object]]:
        workload_run_queries._run_query.cache_clear()
        training_count_queries._codes_query.cache_clear()
        found = team_summary(db, [team], today=TODAY)
        return {p.staff_id: (p.workload, p.training) for p in found.people}

    marked = summary()
    monkeypatch.setattr(cte, "MATERIALIZED_ON_SQLITE", False)
    assert summary() == marked
    assert any(state.since is not None for state, _training in marked.values())
    workload_run_queries._run_query.cache_clear()
    training_count_queries._codes_query.cache_clear()


def test_a_record_without_points_is_skipped_within_a_run(db: Database) -> None:
    """A limit in points: over it on 01/09, a record without points on 01/10, over it
    again on 20/11. The record that cannot be judged neither continues nor ends the run:
    over limit since 01/09, on the dashboard and in the workload review report."""
    from wellbeing_desktop.services.workload_compliance import workload_review_compliance

    roles = _roles(db)
    team = people.save_team(db, "Points, one unweighted").id

    def back(day: dt.date) -> int:
        return (TODAY - day).days

    records = [
        (back(dt.date(2026, 9, 1)), 22, True),
        (back(dt.date(2026, 10, 1)), 22, False),
        (back(dt.date(2026, 11, 20)), 23, True),
    ]
    person = {"fte": 1.0, "weighted": True, "records": records, "protections": []}
    staff_id = _build(db, team, person, roles)
    _both_ways(db, team, TODAY)
    (found,) = team_summary(db, [team], today=TODAY).people
    assert found.staff_id == staff_id
    assert found.workload.since == dt.date(2026, 9, 1)
    assert found.workload.short_words == "over limit since 01/09/2026 — no plan"
    assert found.workload.words == "over limit since 01/09/2026 — no plan"
    report = workload_review_compliance(
        db, [team], dt.date(2026, 9, 1), dt.date(2026, 11, 30), today=TODAY
    )
    (needed,) = report.people
    assert (needed.needed_from, needed.why, needed.resolved_on) == (
        dt.date(2026, 9, 1),
        "over limit",
        None,
    )


def test_the_large_table_finds_the_same_runs(db: Database) -> None:
    """More than 96 people approaching or over their limits: the 192-row table of
    parameters is used (workload_run_queries._chunks), and finds what judging record by
    record finds."""
    import random

    from wellbeing_desktop.storage import workload_run_queries as runs

    chance = random.Random(20261127)
    roles = _roles(db)
    team = people.save_team(db, "Large table").id
    for index in range(130):
        records = [
            (back, chance.randint(8, 26), chance.random() > 0.2)
            for back in sorted(chance.sample(range(1, 900), chance.randint(0, 6)))
        ]
        # The latest record over the amber level and judged: approaching or over.
        records.append((0, chance.randint(17, 26), True))
        protections = (
            [(chance.randint(0, 600), chance.choice([None, 100, 300]), 90)]
            if index % 7 == 0
            else []
        )
        person = {
            "fte": 1.0,
            "weighted": index % 2 == 0,
            "records": records,
            "protections": protections,
        }
        _build(db, team, person, roles)
    summary = team_summary(db, [team], today=TODAY)
    flagged = [p for p in summary.people if p.status.value in ("amber", "red")]
    assert len(flagged) > runs._SMALL_TABLES * runs._SIZES[0]
    assert any(size == runs._SIZES[1] for size, _part in runs._chunks(flagged))  # type: ignore[arg-type]
    _both_ways(db, team, TODAY)
