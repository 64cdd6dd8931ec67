import datetime as dt

from wellbeing_desktop.services import caseloads, checkins, people, signposting, supervision
from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.summary import find_team_ids, summary_as_dict, team_summary

from .builders import TODAY, add_person


def _cases(db, staff_id, day, n):
    caseloads.record_caseload(db, caseloads.make_entry(staff_id, day, n, today=TODAY))


def test_team_summary_statuses_totals_and_dues(app_db):
    team = people.save_team(app_db, "North Recovery Service").id
    other = people.save_team(app_db, "Adult Social Work East").id
    over = add_person(app_db, team, "Aoife Ní Bhriain", fte=0.8)  # limit 32
    near = add_person(app_db, team, "Dafydd ap Gwilym", fte=0.5)  # limit 20, amber 17.5
    new = add_person(app_db, team, "Zofia Łukasiewicz", start="2026-10-01")
    stale = add_person(app_db, team, "Priya Raman")
    add_person(app_db, other, "Elsewhere Person", role="adults")
    left = add_person(app_db, team, "Gone Person", leaving_date="2026-06-30")
    people.add_protection(app_db, new, "newly_qualified", "2026-10-01")  # 90% of 40 = 36

    _cases(app_db, over, "2026-10-20", 30)
    _cases(app_db, over, "2026-11-20", 34)
    _cases(app_db, near, "2026-11-20", 18)
    _cases(app_db, new, "2026-11-20", 37)
    _cases(app_db, stale, "2026-08-01", 10)
    _cases(app_db, left, "2026-05-01", 80)

    session = supervision.save_session(
        app_db,
        supervision.SessionDraft(
            held_on="2026-11-10",
            attendee_ids=[near],
            next_session_on="2026-12-08",
            actions=[
                supervision.ActionDraft(text="Review caseload", due_on="2026-11-20"),
                supervision.ActionDraft(
                    text="Book course", owner_staff_id=near, due_on="2027-01-10"
                ),
            ],
        ),
        today=TODAY,
    )
    supervision.save_session(
        app_db,
        supervision.SessionDraft(
            kind="reflective_practice",
            held_on="2026-11-20",
            attendee_ids=[over, stale],
        ),
        today=TODAY,
    )
    checkins.save_checkin(
        app_db,
        over,
        checkins.CheckInDraft(
            held_on="2026-11-01",
            overall=2,
            workload=2,
            stress=5,
            support=2,
            follow_up_needed=True,
        ),
        today=TODAY,
    )
    service = signposting.list_services(app_db, search="Samaritans")[0]
    signposting.record_signposting(
        app_db,
        stale,
        service.id,
        signposted_on="2026-11-01",
        reason="stress",
        follow_up_on="2026-11-15",
        today=TODAY,
    )

    summary = team_summary(app_db, find_team_ids(app_db, ["north recovery service"]), today=TODAY)
    by_name = {p.name: p for p in summary.people}
    assert set(by_name) == {
        "Aoife Ní Bhriain",
        "Dafydd ap Gwilym",
        "Zofia Łukasiewicz",
        "Priya Raman",
    }
    assert summary.title == "North Recovery Service"
    assert by_name["Aoife Ní Bhriain"].status is CaseloadStatus.RED
    assert (
        by_name["Aoife Ní Bhriain"].reason == "34 cases against a limit of 32 for 0.8 FTE: 2 over"
    )
    assert by_name["Aoife Ní Bhriain"].trend == "up"
    assert by_name["Dafydd ap Gwilym"].status is CaseloadStatus.AMBER
    assert by_name["Zofia Łukasiewicz"].status is CaseloadStatus.RED
    assert by_name["Zofia Łukasiewicz"].limit.red == 36
    assert by_name["Priya Raman"].status is CaseloadStatus.GREEN
    assert [p.name for p in summary.without_recent_record] == ["Priya Raman"]
    assert summary.counts == {
        CaseloadStatus.RED: 2,
        CaseloadStatus.AMBER: 1,
        CaseloadStatus.GREEN: 1,
    }
    assert summary.total_cases == 34 + 18 + 37 + 10
    assert summary.total_capacity == 32 + 20 + 36 + 40

    # Supervision: reflective practice does not count; Dafydd was supervised on 10/11.
    dafydd = by_name["Dafydd ap Gwilym"]
    assert dafydd.supervision.last == dt.date(2026, 11, 10) and not dafydd.supervision.overdue
    assert dafydd.next_session_booked == dt.date(2026, 12, 8)
    assert (dafydd.open_actions, dafydd.overdue_actions) == (2, 1)
    aoife = by_name["Aoife Ní Bhriain"]
    assert aoife.supervision.last is None
    assert aoife.supervision.due_on == dt.date(2020, 2, 3)  # start + 28 days
    assert aoife.followups_due == 1  # the check-in follow-up
    assert by_name["Priya Raman"].followups_due == 1  # the signposting follow-up
    assert {p.name for p in summary.checkins_due} == {
        "Dafydd ap Gwilym",
        "Zofia Łukasiewicz",
        "Priya Raman",
    }

    # Completing the overdue action clears it from the summary.
    overdue = next(
        a
        for a in supervision.get_session(app_db, session.id).actions
        if a.text == "Review caseload"
    )
    supervision.set_action_done(app_db, overdue.id, today=TODAY)
    again = team_summary(app_db, [team], today=TODAY)
    assert next(p for p in again.people if p.staff_id == near).overdue_actions == 0

    everyone = team_summary(app_db, today=TODAY)
    assert everyone.title == "All teams" and everyone.headcount == 5
    data = summary_as_dict(summary)
    assert data["totals"]["over_limit"] == 2 and len(data["people"]) == 4


def test_summary_on_a_past_date_uses_the_records_of_that_date(app_db):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Someone")
    _cases(app_db, person, "2026-01-10", 45)
    _cases(app_db, person, "2026-11-10", 20)
    assert team_summary(app_db, [team], today=dt.date(2026, 2, 1)).people[0].open_cases == 45
    assert team_summary(app_db, [team], today=TODAY).people[0].open_cases == 20


def test_changing_a_threshold_changes_the_status(app_db):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Someone", role="children")  # limit 15
    _cases(app_db, person, "2026-11-20", 14)
    assert team_summary(app_db, [team], today=TODAY).people[0].status is CaseloadStatus.AMBER
    role = next(r for r in people.list_roles(app_db) if "children" in r.name)
    people.save_role(
        app_db,
        name=role.name,
        amber=10,
        red=13,
        role_id=role.id,
        supervision_interval_days=28,
        checkin_interval_days=28,
    )
    assert team_summary(app_db, [team], today=TODAY).people[0].status is CaseloadStatus.RED


def test_next_session_booked_is_from_the_latest_day_with_sessions(app_db) -> None:  # type: ignore[no-untyped-def]
    """The next date written at the person's latest session(s) on or before the day:
    of two that day, the later date written (one without a date does not hide it);
    an earlier session's later date is not used; nothing booked if the latest day's
    sessions wrote none; a session after the day is not looked at."""
    from wellbeing_desktop.services import people, supervision
    from wellbeing_desktop.services.summary import team_summary

    from .builders import add_person

    team = people.save_team(app_db, "Booking Team").id
    both = add_person(app_db, team, "Two That Day")
    none = add_person(app_db, team, "None Written Last")

    def held(day: str, who: int, next_on: str | None, kind: str = "one_to_one") -> None:
        draft = supervision.SessionDraft(
            kind=kind, held_on=day, attendee_ids=[who], next_session_on=next_on
        )
        supervision.save_session(app_db, draft, today=dt.date(2026, 12, 31))

    held("2026-10-01", both, "2027-03-01")  # older, with the latest date of all
    held("2026-11-10", both, None)
    held("2026-11-10", both, "2026-12-08", kind="group")
    held("2026-10-01", none, "2026-12-20")
    held("2026-11-12", none, None)
    held("2026-11-30", none, "2026-12-15")  # after the day asked about
    summary = team_summary(app_db, [team], today=TODAY, learning=False)
    booked = {p.name: p.next_session_booked for p in summary.people}
    assert booked == {"Two That Day": dt.date(2026, 12, 8), "None Written Last": None}
