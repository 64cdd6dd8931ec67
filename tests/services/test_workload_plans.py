"""Workload reviews read through Core (services/workload_plans.py) are the very records
the ORM reads give, on both backends."""

from __future__ import annotations

import datetime as dt

from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services import workload_reviews as wr
from wellbeing_desktop.services.workload_plans import reviews_by_id
from wellbeing_desktop.storage.database import Database

from .builders import TODAY, add_person


def test_reviews_read_through_core_are_the_orms(app_db: Database) -> None:
    team = people.save_team(app_db, "North Recovery Service").id
    giver = add_person(app_db, team, "Giver")
    taker = add_person(app_db, team, "Taker")
    other = add_person(app_db, team, "Siobhán Ó Briain")
    for staff_id, n in ((giver, 45), (taker, 20), (other, 10)):
        caseloads.record_caseload(
            app_db, caseloads.make_entry(staff_id, "2026-11-19", n, today=TODAY)
        )
    moves = wr.save_review(
        app_db,
        giver,
        wr.ReviewDraft(
            agreed_on="2026-11-20",
            agreed_by="Team manager",
            review_on="2026-12-04",
            pause_until="2026-12-01",
            reduced_complexity=True,
            other_action="Fewer home visits",
            reallocations=[wr.ReallocationDraft(other, 2), wr.ReallocationDraft(taker, 3)],
        ),
        today=TODAY,
    )
    wr.apply_reallocations(app_db, moves.id, today=TODAY)
    plain = wr.save_review(
        app_db,
        taker,
        wr.ReviewDraft(
            agreed_on="2026-11-02",
            agreed_by="Service lead",
            review_on="2026-11-16",
            extra_supervision=True,
        ),
        today=dt.date(2026, 11, 2),
    )
    wr.close_review(app_db, plain.id, "Caseload back within the limit", TODAY, today=TODAY)

    found = reviews_by_id(app_db, [moves.id, plain.id, moves.id, 999_999])
    assert found == {
        moves.id: wr.get_review(app_db, moves.id),
        plain.id: wr.get_review(app_db, plain.id),
    }
    record = found[moves.id]
    assert [(m.to_name, m.cases) for m in record.reallocations] == [
        ("Siobhán Ó Briain", 2),
        ("Taker", 3),
    ]
    assert all(m.applied_on == TODAY for m in record.reallocations)
    assert record.reduced_complexity is True and record.extra_supervision is False
    assert found[plain.id].reallocations == () and found[plain.id].closed_on == TODAY
    assert reviews_by_id(app_db, []) == {}
