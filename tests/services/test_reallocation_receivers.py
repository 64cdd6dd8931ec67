"""A plan's reallocations look at who receives the cases, with the same check as
allocating a new case: no caseload record is refused; paused, protected or over the
limit is warned about, on both backends."""

from __future__ import annotations

import pytest

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services import workload_reviews as wr
from wellbeing_desktop.storage.database import Database

from .builders import TODAY, add_person


def _cases(db: Database, staff_id: int, n: int, day: str = "2026-11-20") -> None:
    caseloads.record_caseload(db, caseloads.make_entry(staff_id, day, n, today=TODAY))


def _plan(*moves: tuple[int, int], pause: str | None = None) -> wr.ReviewDraft:
    return wr.ReviewDraft(
        agreed_on="2026-11-24",
        agreed_by="Team manager",
        review_on="2026-12-08",
        pause_until=pause,
        reallocations=[wr.ReallocationDraft(t, n) for t, n in moves],
    )


@pytest.fixture
def team(app_db: Database) -> dict[str, int]:
    team = people.save_team(app_db, "North").id
    ids = {
        "hana": add_person(app_db, team, "Hana Hill", role="adults", fte=0.5),  # over
        "fay": add_person(app_db, team, "Fay Foster", role="adults", fte=0.5),  # protected
        "pia": add_person(app_db, team, "Pia Price", role="adults"),  # paused by own plan
        "zak": add_person(app_db, team, "Zak Zane", role="adults"),  # room
        "tom": add_person(app_db, team, "Tom Tate", role="adults"),  # no record
    }
    people.add_protection(app_db, ids["fay"], "newly_qualified", "2026-09-01", limit_percent=96)
    _cases(app_db, ids["hana"], 16)
    _cases(app_db, ids["fay"], 12)
    _cases(app_db, ids["pia"], 10)
    _cases(app_db, ids["zak"], 5)
    wr.save_review(app_db, ids["pia"], _plan(pause="2026-12-20"), today=TODAY)
    return ids


def test_a_receiver_with_no_caseload_record_is_refused(app_db: Database, team) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="Tom Tate has no caseload recorded") as error:
        wr.save_review(app_db, team["hana"], _plan((team["tom"], 3)), today=TODAY)
    assert error.value.field == "reallocations"
    with pytest.raises(ValidationError, match="Tom Tate has no caseload recorded"):
        wr.reallocation_warnings(app_db, team["hana"], [(team["tom"], 3)], today=TODAY)


def test_receivers_paused_protected_or_over_are_named_with_the_consequence(
    app_db: Database,
    team,  # type: ignore[no-untyped-def]
) -> None:
    warnings = wr.reallocation_warnings(
        app_db,
        team["hana"],
        [(team["fay"], 3), (team["pia"], 1), (team["zak"], 2)],
        today=TODAY,
    )
    assert warnings == (
        "Fay Foster would be 15 of 12 cases (protected limit)",
        "Pia Price is paused by their own workload plan until 20/12/2026",
    )
    assert wr.reallocation_warnings(app_db, team["hana"], [(team["zak"], 2)], today=TODAY) == ()


def test_refusals_say_one_case_not_one_cases(app_db: Database, team) -> None:  # type: ignore[no-untyped-def]
    _cases(app_db, team["hana"], 0, day="2026-11-25")
    with pytest.raises(ValidationError, match="moves 1 case, more than the 0 open cases"):
        wr.save_review(app_db, team["hana"], _plan((team["zak"], 1)), today=TODAY)
