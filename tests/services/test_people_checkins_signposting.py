import datetime as dt

import pytest

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import checkins, people, signposting
from wellbeing_desktop.services.checkins import CheckInDraft, CheckInRecord

from .builders import TODAY, add_person, role_id


def test_team_names_are_unique_ignoring_case(app_db):
    people.save_team(app_db, "Community Rehab Team")
    with pytest.raises(ValidationError) as raised:
        people.save_team(app_db, "  community rehab team ")
    assert raised.value.field == "name"
    assert [t.name for t in people.list_teams(app_db)] == ["Community Rehab Team"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "Two\nlines"}, "name"),
        ({"fte": "0"}, "fte"),
        ({"fte": "1.6"}, "fte"),
        ({"fte": "nan"}, "fte"),
        ({"fte": "full"}, "fte"),
        ({"start_date": "2026-13-01"}, "start_date"),
        ({"leaving_date": "2019-01-01"}, "leaving_date"),
        ({"role_id": None}, "role_id"),
    ],
)
def test_staff_validation(app_db, change, field):
    team = people.save_team(app_db, "Team").id
    draft = people.StaffDraft(
        name="Gareth Ŵyn",
        team_id=team,
        role_id=role_id(app_db, "Allied"),
        fte="0.6",
        start_date="2020-01-01",
    )
    for key, value in change.items():
        setattr(draft, key, value)
    with pytest.raises(ValidationError) as raised:
        people.save_staff(app_db, draft)
    assert raised.value.field == field
    assert people.list_staff(app_db) == []


def test_mark_left_keeps_records_and_hides_from_current_lists(app_db):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Someone Leaving")
    people.mark_left(app_db, person, "2026-10-31")
    assert people.list_staff(app_db, team, today=TODAY) == []
    assert [s.id for s in people.list_staff(app_db, team, include_left=True)] == [person]
    assert people.get_staff(app_db, person).leaving_date == dt.date(2026, 10, 31)


def test_protection_defaults_and_validation(app_db):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Newly Qualified")
    protection = people.add_protection(app_db, person, "newly_qualified", "2026-09-01")
    assert protection.limit_percent == 90
    with pytest.raises(ValidationError):
        people.add_protection(app_db, person, "holiday", "2026-09-01")
    with pytest.raises(ValidationError):
        people.add_protection(app_db, person, "phased_return", "2026-09-01", "2026-08-01")
    with pytest.raises(ValidationError):
        people.add_protection(app_db, person, "phased_return", "2026-09-01", limit_percent=0)


def test_role_thresholds_must_be_ordered(app_db):
    with pytest.raises(ValidationError) as raised:
        people.save_role(app_db, name="New role", amber=30, red=20)
    assert raised.value.field == "amber"
    with pytest.raises(ValidationError):
        people.save_role(app_db, name="New role", amber=-1, red=20)
    role = people.save_role(app_db, name="New role", amber="16", red="20.5", source="Our policy")
    assert (role.amber_threshold, role.red_threshold) == (16, 20.5)


def _record(overall, workload, stress, support):
    return CheckInRecord(0, 0, TODAY, overall, workload, stress, support, "", False, None)


def test_follow_up_prompt_is_a_rule_of_thumb():
    assert checkins.needs_follow_up(_record(4, 4, 2, 4), None) is None
    assert checkins.needs_follow_up(_record(2, 4, 2, 4), None) == "overall wellbeing is low"
    assert checkins.needs_follow_up(_record(4, 3, 4, 2), None) is not None
    assert checkins.needs_follow_up(_record(3, 3, 3, 4), _record(5, 4, 1, 5)) is not None


def test_checkin_saved_and_validated(app_db):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Someone")
    with pytest.raises(ValidationError) as raised:
        checkins.save_checkin(
            app_db, person, CheckInDraft(overall=6, workload=3, stress=3, support=3), today=TODAY
        )
    assert raised.value.field == "overall"
    saved = checkins.save_checkin(
        app_db,
        person,
        CheckInDraft(
            overall="3",
            workload=2,
            stress=4,
            support=3,
            notes="Difficult month 🙂 ‏שלום",
            follow_up_needed=True,
        ),
        today=TODAY,
    )
    assert checkins.checkin_history(app_db, person)[0].notes == "Difficult month 🙂 ‏שלום"
    done = checkins.complete_follow_up(app_db, saved.id, today=TODAY)
    assert done.follow_up_done_on == TODAY
    with pytest.raises(NotFoundError):
        checkins.save_checkin(
            app_db, 99999, CheckInDraft(overall=3, workload=3, stress=3, support=3), today=TODAY
        )


def test_directory_search_filters_and_hiding(app_db):
    everything = signposting.list_services(app_db)
    assert any(s.name == "Samaritans" and s.phone == "116 123" for s in everything)
    scotland = signposting.list_services(app_db, nation="Scotland")
    assert {s.nation for s in scotland} <= {"Scotland", "UK", ""}
    assert all(s.always_open for s in signposting.list_services(app_db, always_open=True))
    crisis = signposting.list_services(app_db, category="crisis")
    assert crisis and all(s.category == "crisis" for s in crisis)
    samaritans = signposting.list_services(app_db, search="samar")[0]
    assert "Phone: 116 123" in samaritans.contact_text()
    signposting.set_service_hidden(app_db, samaritans.id, True)
    assert not signposting.list_services(app_db, search="samar")
    assert signposting.list_services(app_db, search="samar", include_hidden=True)


def test_signposting_with_follow_up_and_outcome(app_db):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "Someone")
    eap = signposting.save_service(
        app_db,
        signposting.ServiceDraft(
            name="Our EAP",
            category="employee_assistance",
            phone="0800 000 0000",
            email="eap@example.org",
        ),
        today=TODAY,
    )
    with pytest.raises(ValidationError) as raised:
        signposting.record_signposting(
            app_db,
            person,
            eap.id,
            signposted_on="2026-11-20",
            follow_up_on="2026-11-01",
            today=TODAY,
        )
    assert raised.value.field == "follow_up_on"
    record = signposting.record_signposting(
        app_db,
        person,
        eap.id,
        signposted_on="2026-11-20",
        reason="stress",
        follow_up_on="2026-11-26",
        today=TODAY,
    )
    assert record.follow_up_due(TODAY)
    closed = signposting.record_outcome(app_db, record.id, "Has started counselling", today=TODAY)
    assert not closed.follow_up_due(TODAY)
    assert signposting.signposting_for(app_db, person)[0].outcome == "Has started counselling"
    with pytest.raises(ValidationError):
        signposting.save_service(
            app_db, signposting.ServiceDraft(name="X", category="other", email="not an email")
        )
