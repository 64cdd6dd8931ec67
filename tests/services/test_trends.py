import datetime as dt

from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services.trends import month_ends, team_caseload_history

from .builders import TODAY, add_person


def _cases(db, staff_id, day, n):
    caseloads.record_caseload(db, caseloads.make_entry(staff_id, day, n, today=TODAY))


def test_month_ends_run_oldest_first_to_today():
    ends = month_ends(3, TODAY)
    assert ends == [dt.date(2026, 9, 30), dt.date(2026, 10, 31), TODAY]
    assert month_ends(12, dt.date(2026, 3, 15))[0] == dt.date(2025, 4, 30)


def test_history_totals_cases_against_combined_limits(app_db):
    team = people.save_team(app_db, "Team").id
    other = people.save_team(app_db, "Other").id
    full = add_person(app_db, team, "Full Time")  # keyworker limit 40
    part = add_person(app_db, team, "Part Time", fte=0.5)  # 20
    new = add_person(app_db, team, "Newly Qualified", start="2026-10-01")
    people.add_protection(app_db, new, "newly_qualified", "2026-10-01")  # 90%: 36
    elsewhere = add_person(app_db, other, "Elsewhere")
    _cases(app_db, full, "2026-09-15", 30)
    _cases(app_db, full, "2026-11-20", 42)
    _cases(app_db, part, "2026-10-10", 18)
    _cases(app_db, new, "2026-11-02", 12)
    _cases(app_db, elsewhere, "2026-11-02", 99)
    history = team_caseload_history(app_db, [team], months=3, today=TODAY)
    september, october, november = history.months
    assert (september.total_cases, september.combined_limit, september.people_counted) == (
        30,
        40,
        1,
    )
    assert september.people_without_record == 1  # Part Time; Newly Qualified not yet started
    assert (october.total_cases, october.combined_limit) == (30 + 18, 60)
    assert (november.total_cases, november.combined_limit) == (42 + 18 + 12, 40 + 20 + 36)
    assert november.utilisation == (42 + 18 + 12) / 96
    everyone = team_caseload_history(app_db, None, months=3, today=TODAY)
    assert everyone.months[-1].total_cases == 42 + 18 + 12 + 99


def test_old_records_do_not_count_as_current(app_db):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Someone")
    _cases(app_db, person, "2026-01-10", 25)
    history = team_caseload_history(app_db, [team], months=12, today=TODAY)
    counted = [m.month_end for m in history.months if m.people_counted]
    assert counted == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31)]
    assert history.months[-1].people_without_record == 1
    assert history.has_data


def test_a_month_takes_the_latest_record_up_to_its_end_and_92_days_back(app_db):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Someone")
    later = add_person(app_db, team, "Two on one day")
    _cases(app_db, person, "2026-07-31", 11)  # 92 days before 31/10: still counts then
    _cases(app_db, person, "2026-10-31", 22)  # on the month end itself: counts for October
    _cases(app_db, person, "2026-11-01", 33)  # the next day: November's
    _cases(app_db, later, "2026-09-30", 5)
    _cases(app_db, later, "2026-09-30", 7)  # saved later the same day: this one counts
    history = team_caseload_history(app_db, [team], months=5, today=TODAY)
    by_month = {m.month_end: (m.total_cases, m.people_counted) for m in history.months}
    assert by_month[dt.date(2026, 7, 31)] == (11, 1)
    assert by_month[dt.date(2026, 8, 31)] == (11, 1)
    assert by_month[dt.date(2026, 9, 30)] == (11 + 7, 2)
    assert by_month[dt.date(2026, 10, 31)] == (22 + 7, 2)
    assert by_month[TODAY] == (33 + 7, 2)
    # 31/10 looks back 92 days, to 31/07 inclusive: a record from 30/07 is too old then.
    old = add_person(app_db, team, "Only in July")
    _cases(app_db, old, "2026-07-30", 9)
    history = team_caseload_history(app_db, [team], months=5, today=TODAY)
    by_month = {m.month_end: m for m in history.months}
    assert by_month[dt.date(2026, 9, 30)].total_cases == 11 + 7 + 9
    assert by_month[dt.date(2026, 10, 31)].total_cases == 22 + 7
    assert by_month[dt.date(2026, 10, 31)].people_without_record == 1


def test_people_count_only_at_the_month_ends_they_were_in_post(app_db):
    """A starter counts from the first month end on or after their start date; a leaver
    up to the month end before they left (the leaving day itself no longer counts)."""
    team = people.save_team(app_db, "Team").id
    stays = add_person(app_db, team, "Stays")  # limit 40, as the others
    leaves_on_month_end = add_person(app_db, team, "Leaves On The 31st")
    leaves_mid_month = add_person(app_db, team, "Leaves Mid Month")
    starts_on_month_end = add_person(app_db, team, "Starts On The 31st", start="2026-10-31")
    for staff_id, cases in (
        (stays, 10),
        (leaves_on_month_end, 20),
        (leaves_mid_month, 30),
    ):
        _cases(app_db, staff_id, "2026-09-01", cases)
    _cases(app_db, starts_on_month_end, "2026-10-31", 5)
    people.mark_left(app_db, leaves_on_month_end, "2026-10-31")
    people.mark_left(app_db, leaves_mid_month, "2026-10-15")
    september, october, november = team_caseload_history(
        app_db, [team], months=3, today=TODAY
    ).months
    assert (september.total_cases, september.combined_limit) == (10 + 20 + 30, 120)
    assert (october.total_cases, october.combined_limit) == (10 + 5, 80)
    assert (november.total_cases, november.combined_limit) == (10 + 5, 80)


def test_people_with_the_same_role_and_fte_keep_their_own_protections(app_db):
    team = people.save_team(app_db, "Team").id
    plain = add_person(app_db, team, "Plain", fte=0.5)  # limit 20
    protected = add_person(app_db, team, "Protected", fte=0.5)
    people.add_protection(app_db, protected, "phased_return", "2026-11-01", limit_percent=50)
    other_fte = add_person(app_db, team, "Other FTE", fte=0.8)  # limit 32
    for staff_id in (plain, protected, other_fte):
        _cases(app_db, staff_id, "2026-10-20", 4)
    october, november = team_caseload_history(app_db, [team], months=2, today=TODAY).months
    assert october.combined_limit == 20 + 20 + 32
    assert november.combined_limit == 20 + 10 + 32
