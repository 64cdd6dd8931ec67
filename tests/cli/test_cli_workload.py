"""`wellbeing-desktop summary` with workload plans: the words for each person in the
text, and the plan's fields in the JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.cli.test_cli import TODAY, run
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services import workload_reviews as wr
from wellbeing_desktop.services.setup import open_app_database


@pytest.fixture
def plans_db(database_url: str) -> str:
    db = open_app_database(database_url)
    try:
        team = people.save_team(db, "North Recovery Service").id
        role = next(r.id for r in people.list_roles(db) if "keyworker" in r.name)
        ids = {}
        for name in ("Over Without Plan", "Over With Plan", "Within"):
            ids[name] = people.save_staff(
                db,
                people.StaffDraft(name=name, team_id=team, role_id=role, start_date="2020-01-01"),
            ).id
        for name, day, cases in (
            ("Over Without Plan", "2026-11-03", 44),
            ("Over With Plan", "2026-10-01", 42),
            ("Within", "2026-11-01", 20),
        ):
            caseloads.record_caseload(db, caseloads.make_entry(ids[name], day, cases))
        wr.save_review(
            db,
            ids["Over With Plan"],
            wr.ReviewDraft(
                agreed_on="2026-11-12",
                agreed_by="Team manager",
                review_on="2026-11-26",
                pause_until="2026-12-10",
                reallocations=[wr.ReallocationDraft(ids["Within"], 2)],
            ),
            today=dt.date(2026, 11, 26),
        )
    finally:
        db.close()
    return database_url


def test_summary_shows_each_plan(plans_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "summary", "--database", plans_db, "--all", "--date", TODAY)
    assert code == 0, err
    assert "    Workload plan: over limit since 03/11/2026 — no plan\n" in out
    assert "    Workload plan: over limit — plan agreed 12/11/2026, review 26/11/2026\n" in out
    assert out.count("Workload plan:") == 2
    assert "    No new cases until 10/12/2026 (paused by the plan)\n" in out
    assert "Workload plans needed: 1; reviews overdue: 0" in out
    # The day after the review date it is overdue.
    code, out, err = run(
        capsys, "summary", "--database", plans_db, "--all", "--json", "--date", "2026-11-27"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["totals"]["workload_plans_needed"] == 1
    assert data["totals"]["workload_reviews_overdue"] == 1
    people_rows = {p["name"]: p for p in data["people"]}
    planned = people_rows["Over With Plan"]
    assert planned["workload"] == "over limit — review overdue since 26/11/2026"
    assert planned["workload_stage"] == "review_overdue"
    assert (planned["plan_agreed_on"], planned["plan_review_on"], planned["paused_until"]) == (
        "2026-11-12",
        "2026-11-26",
        "2026-12-10",
    )
    assert planned["workload_since"] == "2026-10-01"
    assert people_rows["Over Without Plan"]["workload_since"] == "2026-11-03"
    assert people_rows["Within"]["workload"] == ""
    assert people_rows["Within"]["workload_stage"] == "none"


def test_summary_shows_points_against_a_limit_in_points(database_url, capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_app_database(database_url)
    try:
        team = people.save_team(db, "Weighted team").id
        role = people.save_role(db, name="Weighted", amber=40, red=50, uses_weighting=True)
        staff = people.save_staff(
            db,
            people.StaffDraft(name="Gus", team_id=team, role_id=role.id, start_date="2020-01-01"),
        ).id
        caseloads.record_caseload(
            db,
            caseloads.make_entry(
                staff, "2026-11-20", 22, [("Low", 10, 1), ("Medium", 8, 2), ("High", 4, 4)]
            ),
        )  # 42 points
    finally:
        db.close()
    code, out, err = run(capsys, "summary", "--database", database_url, "--all", "--date", TODAY)
    assert code == 0, err
    assert "FTE): 42 of 50 points - " in out
    assert "22 of 50" not in out
    assert (
        "Points: 42 against a safe limit of 50 points for those with weighted points "
        "recorded in the last 3 months (84%) (roles counted in points)\n"
    ) in out


def test_summary_share_in_use_is_the_ratio_of_the_figures_printed(database_url, capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_app_database(database_url)
    try:
        team = people.save_team(db, "Mixed team").id
        cases_role = people.save_role(db, name="Keyworker", amber=30, red=40).id
        points_role = people.save_role(db, name="Weighted", amber=40, red=50, uses_weighting=True)

        def person(name: str, role: int) -> int:
            draft = people.StaffDraft(
                name=name, team_id=team, role_id=role, start_date="2020-01-01"
            )
            return people.save_staff(db, draft).id

        recorded = person("Recorded", cases_role)
        person("Never Recorded", cases_role)  # a limit of 40 and no load
        unweighted = person("Unweighted", points_role.id)
        caseloads.record_caseload(db, caseloads.make_entry(recorded, "2026-11-20", 30))
        caseloads.record_caseload(db, caseloads.make_entry(unweighted, "2026-11-20", 12))
    finally:
        db.close()
    code, out, err = run(capsys, "summary", "--database", database_url, "--all", "--date", TODAY)
    assert code == 0, err
    assert "no caseload recorded: 1; not weighted: 1" in out
    # The share counts only those with a record (30 of 40, not 30 of 80: a limit with
    # no load behind it must not make the team look less loaded); who is left out, and
    # their limit, is said beside it.
    assert (
        "Cases: 30 against a safe limit of 40 for those with a record in the last 3 months "
        "(75%) (roles counted in cases); 1 person with no record in the last 3 months left "
        "out (safe limit 40)\n"
    ) in out
    assert (
        "Points: 0 against a safe limit of 0 points for those with weighted points recorded "
        "in the last 3 months (roles counted in points); 1 person with no weighted points "
        "in the last 3 months left out "
        "(safe limit 50 points)\n"
    ) in out
    code, out, err = run(
        capsys, "summary", "--database", database_url, "--all", "--date", TODAY, "--json"
    )
    totals = json.loads(out)["totals"]
    assert (totals["counted_cases"], totals["total_capacity"]) == (30, 80)
    assert (totals["recorded_capacity"], totals["capacity_without_record"]) == (40, 40)
    assert totals["overall_utilisation"] == 30 / 40 and "cases_in_use" not in totals
    assert (totals["cases_roles_without_record"], totals["points_capacity"]) == (1, 50)
    assert totals["points_recorded_capacity"] == 0 and totals["points_in_use"] is None
    assert (totals["no_record"], totals["not_weighted"]) == (1, 1)
