"""A small team built through the services, shared by the form and settings tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.storage.database import Database

__all__ = ["TODAY", "Scenario", "build_scenario"]


@dataclass(frozen=True)
class Scenario:
    team_id: int
    aisha: int  # keyworker, 1.0 FTE, 30 cases a month ago
    ben: int  # keyworker, 0.5 FTE, 18 cases a month ago
    chloe: int  # keyworker, newly qualified (90%)
    other_team_person: int


def build_scenario(db: Database) -> Scenario:
    team = people.save_team(db, "Northside", manager_name="Jordan Patel").id
    other = people.save_team(db, "Southside").id
    aisha = add_person(db, team, "Aisha Khan")
    ben = add_person(db, team, "Ben Carter", fte=0.5)
    chloe = add_person(db, team, "Chloe Evans")
    people.add_protection(db, chloe, "newly_qualified", "2026-09-01")
    elsewhere = add_person(db, other, "Isla Brown")
    last_month = TODAY - dt.timedelta(days=30)
    caseloads.record_caseloads(
        db,
        [
            caseloads.make_entry(aisha, last_month, 30, today=TODAY),
            caseloads.make_entry(ben, last_month, 18, today=TODAY),
        ],
    )
    return Scenario(team, aisha, ben, chloe, elsewhere)
