"""Establishment and vacancies, against figures worked out by hand, on both backends."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services.establishment import (
    establishment_as_dict,
    establishment_draft,
    organisation_establishment,
    remove_establishment,
    save_establishment,
    set_waiting_cases,
    team_establishment,
)
from wellbeing_desktop.services.staffing_figures import staffing_data

from .builders import TODAY, add_person, role_id


def _cases(db, staff_id, n):  # type: ignore[no-untyped-def]
    caseloads.record_caseload(db, caseloads.make_entry(staff_id, "2026-11-20", n, today=TODAY))


@pytest.fixture
def teams(app_db):  # type: ignore[no-untyped-def]
    db = app_db
    east = people.save_team(db, "East").id
    west = people.save_team(db, "West").id
    keyworker, social, peer = (role_id(db, w) for w in ("keyworker", "adults", "Peer"))
    save_establishment(db, east, {keyworker: 5, social: "2", peer: 1.0}, today=TODAY)
    save_establishment(db, west, {keyworker: 2}, today=TODAY)
    a = add_person(db, east, "A")  # keyworker 1.0: limit 40
    b = add_person(db, east, "B", fte=0.8)  # keyworker: limit 32
    c = add_person(db, east, "C")  # keyworker, newly qualified 90%: limit 36
    people.add_protection(db, c, "newly_qualified", "2026-09-01")
    d = add_person(db, east, "D", role="adults")  # limit 25
    e = add_person(db, east, "E", role="Peer")  # limit 20
    f = add_person(db, east, "F", role="Peer", fte=0.5)  # limit 10
    add_person(db, east, "Gone", leaving_date="2026-10-31")
    add_person(db, east, "Future", start="2027-01-04")
    w = add_person(db, west, "W")
    for staff_id, n in ((a, 30), (b, 28), (c, 20), (d, 22), (e, 10), (f, 8), (w, 35)):
        _cases(db, staff_id, n)
    set_waiting_cases(db, east, 20, today=dt.date(2026, 10, 1))
    set_waiting_cases(db, east, 12, today=dt.date(2026, 11, 1))
    set_waiting_cases(db, east, 99, today=dt.date(2026, 12, 1))  # after today: not counted
    return east, west, {"a": a, "b": b, "keyworker": keyworker, "social": social, "peer": peer}


def test_team_figures_match_the_hand_calculation(app_db, teams) -> None:  # type: ignore[no-untyped-def]
    east, _, ids = teams
    figures = team_establishment(app_db, east, today=TODAY)
    by_role = {r.role_id: (r.funded_fte, r.in_post_fte, r.vacant_fte) for r in figures.roles}
    # Keyworkers: funded 5, in post 1 + 0.8 + 1 = 2.8, vacant 2.2. Social worker: 2, 1,
    # 1. Peer support: funded 1, in post 1.5 (over), vacant 0, not below zero.
    assert by_role == {
        ids["keyworker"]: (5, 2.8, 2.2),
        ids["social"]: (2, 1, 1),
        ids["peer"]: (1, 1.5, 0),
    }
    assert (figures.funded_fte, figures.in_post_fte, figures.vacant_fte) == (8, 5.3, 3.2)
    assert figures.vacancy_rate == pytest.approx(3.2 / 8)  # 40%
    # Capacity 40 + 32 + 36 + 25 + 20 + 10 = 163; cases 30+28+20+22+10+8 = 118.
    assert (figures.safe_capacity, figures.open_cases) == (163, 118)
    assert (figures.waiting, figures.waiting_recorded_on) == (12, dt.date(2026, 11, 1))
    # 118 open + 12 waiting = 130 cases: over 5.3 FTE now, over 5.3 + 3.2 = 8.5 if filled.
    assert figures.per_fte_now == 24.53  # 130 / 5.3 = 24.528...
    assert figures.per_fte_if_filled == 15.29  # 130 / 8.5 = 15.294...
    # Person by person, within their role: keyworkers' 78 cases over 2.8 + 2.2 = 5 posts
    # (15.6 per FTE), social worker's 22 over 2 posts (11), peer support's 18 over 1.5
    # (12); plus the 12 waiting over all 8.5 posts (1.41 per FTE).
    shares = {p.name: p.if_filled for p in figures.people}
    assert shares == {
        "A": 17.01,  # 15.6 + 1.41
        "B": 13.61,  # (15.6 + 1.41) x 0.8
        "C": 17.01,
        "D": 12.41,  # 11 + 1.41
        "E": 13.41,  # 12 + 1.41
        "F": 6.71,  # (12 + 1.41) x 0.5
    }
    assert not any(p.over_limit for p in figures.people)
    assert figures.describe() == [
        "Funded 8 FTE, in post 5.3 FTE, vacant 3.2 FTE (vacancy rate 40%).",
        "Over establishment: Peer support worker by 0.5 FTE (1.5 in post, 1 funded).",
        "Safe capacity 163 cases against 118 open cases.",
        "Cases waiting to be allocated: 12 (as on 01/11/2026).",
        "If the 3.2 vacant FTE were filled, the 130 open and waiting cases would be 15.29 "
        "per full-time post, against 24.53 per FTE in post now.",
    ]
    data = establishment_as_dict(figures)
    assert (data["vacant_fte"], data["cases_waiting"]) == (3.2, 12)


def test_organisation_sums_by_team(app_db, teams) -> None:  # type: ignore[no-untyped-def]
    east, west, _ = teams
    org = organisation_establishment(app_db, today=TODAY)
    assert [t.team_id for t in org.teams] == [east, west]
    west_figures = org.teams[1]
    # West: funded 2, one keyworker in post (1.0), vacant 1; 35 cases of 40; no count.
    assert (west_figures.funded_fte, west_figures.in_post_fte, west_figures.vacant_fte) == (
        2,
        1,
        1,
    )
    assert west_figures.waiting is None
    total = org.total
    assert (total.funded_fte, total.in_post_fte, total.vacant_fte) == (10, 6.3, 4.2)
    assert total.vacancy_rate == pytest.approx(0.42)
    assert (total.safe_capacity, total.open_cases, total.waiting) == (203, 153, 12)


def test_figures_without_people_are_the_same_figures(app_db, teams) -> None:  # type: ignore[no-untyped-def]
    """For the organisation-wide views, which show no one's share: the same figures and
    sentences, without working out 10,000 shares."""
    east, _, _ = teams
    full = organisation_establishment(app_db, today=TODAY)
    bare = organisation_establishment(app_db, today=TODAY, people=False)
    assert [len(t.people) for t in full.teams] == [6, 1]
    assert [t.people for t in bare.teams] == [(), ()]
    assert [replace(t, people=()) for t in full.teams] == list(bare.teams)
    assert bare.total == full.total
    assert bare.total.describe() == full.total.describe()
    # The staffing sections of the reports: people for one team only.
    one = staffing_data(app_db, [east], today=TODAY).establishment
    several = staffing_data(app_db, None, today=TODAY).establishment
    assert len(one.teams[0].people) == 6
    assert all(not t.people for t in several.teams)


def test_set_edit_and_remove_with_validation(app_db, teams) -> None:  # type: ignore[no-untyped-def]
    east, west, ids = teams
    keyworker, social = ids["keyworker"], ids["social"]
    draft = save_establishment(app_db, west, {keyworker: "2.5", social: 1}, waiting=4, today=TODAY)
    assert draft.funded == {keyworker: 2.5, social: 1}
    assert (draft.waiting, draft.waiting_recorded_on) == (4, TODAY)
    remove_establishment(app_db, west, social)
    save_establishment(app_db, west, {keyworker: ""}, today=TODAY)  # blank: removed
    assert establishment_draft(app_db, west, today=TODAY).funded == {}
    with pytest.raises(ValidationError) as negative:
        save_establishment(app_db, east, {keyworker: -1, social: 3}, today=TODAY)
    assert negative.value.field == f"funded:{keyworker}"
    with pytest.raises(ValidationError, match="number"):
        save_establishment(app_db, east, {keyworker: "lots"}, today=TODAY)
    with pytest.raises(ValidationError) as waiting:
        save_establishment(app_db, east, {social: 3}, waiting="-2", today=TODAY)
    assert waiting.value.field == "waiting"
    with pytest.raises(ValidationError, match="role does not exist"):
        save_establishment(app_db, east, {social: 3, 99_999: 1}, today=TODAY)
    with pytest.raises(NotFoundError):
        save_establishment(app_db, 99_999, {keyworker: 1}, today=TODAY)
    with pytest.raises(NotFoundError):
        team_establishment(app_db, 99_999, today=TODAY)
    # Nothing half-written: East's lines are as they were.
    assert establishment_draft(app_db, east, today=TODAY).funded == {
        keyworker: 5,
        social: 2,
        ids["peer"]: 1,
    }


def test_a_team_with_no_establishment_says_so(app_db) -> None:  # type: ignore[no-untyped-def]
    team = people.save_team(app_db, "Unfunded").id
    a = add_person(app_db, team, "A")
    _cases(app_db, a, 10)
    figures = team_establishment(app_db, team, today=TODAY)
    assert not figures.has_establishment
    assert figures.vacancy_rate is None
    assert figures.describe() == [
        "No funded establishment recorded; in post 1 FTE.",
        "Safe capacity 40 cases against 10 open cases.",
        "Cases waiting to be allocated: not recorded.",
        "The 10 open and waiting cases are 10 per FTE in post; there are no vacancies.",
    ]


def test_capacity_compares_cases_with_cases_and_points_with_points(app_db) -> None:  # type: ignore[no-untyped-def]
    """A team with a role counted in points: the case-counted people's capacity is set
    against their own open cases, the points-counted people's limits against their
    points (not 98 cases of everyone against 102 of only some)."""
    from wellbeing_desktop.services.summary import team_summary

    db = app_db
    team = people.save_team(db, "Mixed").id
    weighted = people.save_role(db, name="Weighted", amber=40, red=50, uses_weighting=True)
    a = add_person(db, team, "A")  # keyworker: limit 40
    d = add_person(db, team, "D", role="adults")  # limit 25
    g = people.save_staff(
        db, people.StaffDraft(name="G", team_id=team, role_id=weighted.id, start_date="2020-01-01")
    ).id
    _cases(db, a, 30)
    _cases(db, d, 20)
    caseloads.record_caseload(
        db,
        caseloads.make_entry(g, "2026-11-20", 22, [("Low", 10, 1), ("High", 12, 2.5)], today=TODAY),
    )  # 40 points
    figures = team_establishment(db, team, today=TODAY)
    assert (figures.safe_capacity, figures.cases_against_capacity) == (65, 50)
    assert (figures.points_capacity, figures.points_load) == (50, 40)
    assert figures.open_cases == 72  # everyone's, for sharing
    words = figures.describe()
    assert "Roles counted in cases: safe capacity 65 cases against 50 open cases." in words
    assert "Roles counted in points: safe capacity 50 points against 40 points." in words
    summary = team_summary(db, [team], today=TODAY)
    assert summary.counted_cases == 50 and summary.total_capacity == 65
    assert summary.overall_utilisation == 50 / 65
    data = establishment_as_dict(figures)
    assert (data["open_cases_against_capacity"], data["points_capacity"]) == (50, 50)
    total = organisation_establishment(db, today=TODAY).total
    assert (total.cases_against_capacity, total.points_load) == (50, 40)


def test_a_share_above_a_protected_limit_is_flagged(app_db) -> None:  # type: ignore[no-untyped-def]
    db = app_db
    team = people.save_team(db, "Small").id
    keyworker = role_id(db, "keyworker")
    save_establishment(db, team, {keyworker: 2.5}, today=TODAY)
    a = add_person(db, team, "A")
    n = add_person(db, team, "N")
    people.add_protection(db, n, "newly_qualified", "2026-09-01")  # 90%: limit 36
    _cases(db, a, 50)
    _cases(db, n, 45)
    set_waiting_cases(db, team, 4, today=TODAY)
    figures = team_establishment(db, team, today=TODAY)
    found = {p.name: p for p in figures.people}
    # 95 cases over 2.5 posts (38) plus 4 waiting over 2.5 posts (1.6): 39.6 each.
    assert found["N"].if_filled == 39.6 and found["N"].over_limit
    assert found["N"].words == "39.6 cases, over the protected limit of 36"
    assert not found["A"].over_limit and found["A"].words == "39.6 cases"
    assert figures.describe()[-1] == (
        "Even with the vacancies filled (sharing within each role), 1 person's share would "
        "be above their limit: N 39.6 cases against the protected limit of 36."
    )
