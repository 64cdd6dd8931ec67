"""The latest caseload figure per person: where the caseload grid and supervision form start."""

from __future__ import annotations

import datetime as dt

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.services import caseloads, people


def test_latest_caseloads_picks_each_persons_newest_record_up_to_a_date(app_db):
    team = people.save_team(app_db, "North").id
    first = add_person(app_db, team, "Person A")
    second = add_person(app_db, team, "Person B")
    never = add_person(app_db, team, "Person C")
    caseloads.record_caseloads(
        app_db,
        [
            caseloads.make_entry(first, "2026-10-01", 30, today=TODAY),
            caseloads.make_entry(first, "2026-11-01", 33, note="after holiday", today=TODAY),
            caseloads.make_entry(second, "2026-09-15", 12, today=TODAY),
        ],
    )

    latest = caseloads.latest_caseloads(app_db, [first, second, never], on=TODAY)

    assert set(latest) == {first, second}
    assert (latest[first].open_cases, latest[first].recorded_on) == (33, dt.date(2026, 11, 1))
    assert latest[first].note == "after holiday"
    assert latest[second].open_cases == 12
    earlier = caseloads.latest_caseloads(app_db, [first], on=dt.date(2026, 10, 15))
    assert earlier[first].open_cases == 30
    assert caseloads.latest_caseloads(app_db, []) == {}
