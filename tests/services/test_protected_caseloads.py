"""Protected caseloads: honoured, then breached; today and over 12 months; both backends."""

from __future__ import annotations

import datetime as dt

from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services.protected_caseloads import protected_caseloads, year_before

from .builders import TODAY, add_person


def _cases(db, staff_id, day, n):  # type: ignore[no-untyped-def]
    caseloads.record_caseload(db, caseloads.make_entry(staff_id, day, n, today=TODAY))


def test_year_before() -> None:
    assert year_before(dt.date(2026, 11, 26)) == dt.date(2025, 11, 27)
    assert year_before(dt.date(2028, 2, 29)) == dt.date(2027, 3, 1)


def test_protection_honoured_then_breached(app_db) -> None:  # type: ignore[no-untyped-def]
    team = people.save_team(app_db, "North").id
    cara = add_person(app_db, team, "Cara")  # keyworker: 40; newly qualified 90%: 36
    people.add_protection(app_db, cara, "newly_qualified", "2026-06-01")
    _cases(app_db, cara, "2026-07-01", 30)
    _cases(app_db, cara, "2026-09-01", 35)
    _cases(app_db, cara, "2026-11-20", 36)  # at the protected limit: within it

    honoured = protected_caseloads(app_db, [team], today=TODAY)
    (person,) = honoured.people
    assert (person.protected_limit, person.load, person.honoured) == (36, 36, True)
    assert person.figure == "36 / 36 protected"
    assert (honoured.honoured_today, honoured.judged_today) == (1, 1)
    assert (honoured.honoured_year, honoured.judged_year) == (1, 1)
    assert honoured.year[0].records == 3
    assert honoured.today_words == (
        "Protections honoured today: 1 of 1 (caseload within the protected limit)."
    )

    _cases(app_db, cara, "2026-11-25", 38)  # two over
    breached = protected_caseloads(app_db, [team], today=TODAY)
    (person,) = breached.people
    assert person.honoured is False
    assert person.words == (
        "Protected (newly qualified, 90%): 38 against a protected limit of 36, 2 over: not honoured"
    )
    assert (breached.honoured_today, breached.judged_today) == (0, 1)
    (year,) = breached.year
    assert (year.records, year.breaches, year.first_breach) == (4, 1, dt.date(2026, 11, 25))
    assert breached.year_words == (
        "Over the last 12 months (27/11/2025 to 26/11/2026): 0 of 1 protections stayed "
        "within the protected limit on every caseload record while they applied."
    )
    # The day before the breach the promise was still kept, over the year too.
    before = protected_caseloads(app_db, [team], today=dt.date(2026, 11, 24))
    assert (before.honoured_today, before.honoured_year) == (1, 1)


def test_the_twelve_month_count(app_db) -> None:  # type: ignore[no-untyped-def]
    team = people.save_team(app_db, "South").id
    other = people.save_team(app_db, "Elsewhere").id
    # Phased return at 50% (limit 20), ended in March: kept on its one record in the
    # period; a breach before the period does not count.
    dee = add_person(app_db, team, "Dee")
    people.add_protection(app_db, dee, "phased_return", "2025-10-01", "2026-03-31", 50)
    _cases(app_db, dee, "2025-11-01", 25)  # before 27/11/2025
    _cases(app_db, dee, "2026-01-10", 18)
    _cases(app_db, dee, "2026-06-01", 39)  # after it ended: judged against 40, not counted
    # Ended before the period: not counted at all.
    old = add_person(app_db, team, "Old")
    people.add_protection(app_db, old, "phased_return", "2025-01-01", "2025-06-30", 50)
    _cases(app_db, old, "2025-03-01", 30)
    # Applied in the period, but nothing recorded while it did.
    nat = add_person(app_db, team, "Nat")
    people.add_protection(app_db, nat, "reasonable_adjustment", "2026-02-01", "2026-04-30", 80)
    _cases(app_db, nat, "2026-06-01", 10)
    # Breached, then left the team: still counted.
    lee = add_person(app_db, team, "Lee", leaving_date="2026-09-30")
    people.add_protection(app_db, lee, "newly_qualified", "2026-01-01")
    _cases(app_db, lee, "2026-05-01", 37)
    # Another team's protection is not this team's.
    far = add_person(app_db, other, "Far")
    people.add_protection(app_db, far, "newly_qualified", "2026-01-01")
    _cases(app_db, far, "2026-05-01", 39)

    found = protected_caseloads(app_db, [team], today=TODAY)
    assert found.people == ()  # no one in post has an active protection today
    assert found.today_words == "No one has an active protection today."
    by_name = {y.name: (y.records, y.breaches, y.honoured) for y in found.year}
    assert by_name == {"Dee": (1, 0, True), "Nat": (0, 0, None), "Lee": (1, 1, False)}
    assert (found.honoured_year, found.judged_year, found.unrecorded_year) == (1, 2, 1)
    assert found.year_words.endswith(
        "1 of 2 protections stayed within the protected limit on every caseload record "
        "while they applied; 1 had no caseload recorded while they applied."
    )
    everyone = protected_caseloads(app_db, None, today=TODAY)
    assert {y.name for y in everyone.year} == {"Dee", "Nat", "Lee", "Far"}
    assert [p.name for p in everyone.people] == ["Far"]


def test_a_caseload_recorded_before_the_protection_began_says_so(app_db) -> None:  # type: ignore[no-untyped-def]
    team = people.save_team(app_db, "West").id
    kay = add_person(app_db, team, "Kay", role="Support")  # limit 20; phased return 50%: 10
    _cases(app_db, kay, "2026-10-29", 15)
    people.add_protection(app_db, kay, "phased_return", "2026-11-06", "2027-01-08", 50)
    found = protected_caseloads(app_db, [team], today=TODAY)
    (person,) = found.people
    assert person.words == (
        "Protected (phased return, 50%): 15 against a protected limit of 10, 5 over: not "
        "honoured (caseload last recorded 29/10/2026, before the protection began)"
    )
    # Over the 12 months nothing was recorded while it applied: counted apart.
    assert (found.judged_year, found.unrecorded_year) == (0, 1)
