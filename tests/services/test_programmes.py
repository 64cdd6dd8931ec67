import datetime as dt

import pytest

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import people, programmes
from wellbeing_desktop.services.programmes import MilestoneDraft, ProgrammeDraft
from wellbeing_desktop.services.summary import team_summary

from .builders import TODAY, add_person


@pytest.fixture
def team(app_db):
    return people.save_team(app_db, "North Recovery Service").id


def _limit(db, team_id, staff_id, on):
    person = next(p for p in team_summary(db, [team_id], today=on).people if p.staff_id == staff_id)
    return person.limit.red, person.limit.protection


def test_preceptorship_started_extended_and_finished_changes_the_caseload_limit(app_db, team):
    nurse = add_person(app_db, team, "Zofia Łukasiewicz", start="2026-09-01")  # keyworker: 40
    assert _limit(app_db, team, nurse, TODAY) == (40, None)

    draft = programmes.template_draft("preceptorship", dt.date(2026, 9, 1))
    assert draft.expected_end_on == dt.date(2027, 9, 1)
    started = programmes.start_programme(app_db, nurse, draft, today=TODAY)
    assert started.protection_id is not None and started.protection_percent == 90

    red, protection = _limit(app_db, team, nurse, TODAY)
    assert red == 36 and protection is not None and protection.kind == "preceptorship"
    assert _limit(app_db, team, nurse, dt.date(2027, 9, 1))[0] == 36  # the last day
    assert _limit(app_db, team, nurse, dt.date(2027, 9, 2))[0] == 40

    extended = programmes.extend_programme(
        app_db, started.id, "2028-01-31", note="More time on the ward", today=TODAY
    )
    assert extended.outcome == "extended" and extended.running
    assert _limit(app_db, team, nurse, dt.date(2027, 12, 1))[0] == 36
    assert "extended to 31/01/2028" in extended.progress.words

    finished = programmes.finish_programme(app_db, started.id, "completed", TODAY, today=TODAY)
    assert finished.outcome == "completed" and finished.finished_on == TODAY
    # Finished today: today is its last protected day; tomorrow is not protected.
    assert _limit(app_db, team, nurse, TODAY)[0] == 36
    assert _limit(app_db, team, nurse, TODAY + dt.timedelta(days=1)) == (40, None)
    protection_info = people.get_staff(app_db, nurse).protections[0]
    assert protection_info.end_date == TODAY


def test_withdrawn_on_its_first_day_protects_that_day_only(app_db, team):
    person = add_person(app_db, team, "Dafydd ap Gwilym")
    draft = programmes.template_draft("preceptorship", TODAY)
    started = programmes.start_programme(app_db, person, draft, today=TODAY)
    assert _limit(app_db, team, person, TODAY)[0] == 36
    finished = programmes.finish_programme(app_db, started.id, "withdrawn", TODAY, today=TODAY)
    assert finished.outcome_label == "Withdrawn"
    assert [(p.start_date, p.end_date) for p in people.get_staff(app_db, person).protections] == [
        (TODAY, TODAY)
    ]
    assert _limit(app_db, team, person, TODAY + dt.timedelta(days=1))[0] == 40


def test_newly_qualified_protection_is_left_alone_and_does_not_compound(app_db, team):
    person = add_person(app_db, team, "Priya Raman", start="2026-08-01")
    people.add_protection(app_db, person, "newly_qualified", "2026-08-01", "2027-07-31")
    draft = programmes.template_draft("preceptorship", dt.date(2026, 8, 1))
    draft.protection_percent = "80"
    started = programmes.start_programme(app_db, person, draft, today=TODAY)
    assert _limit(app_db, team, person, TODAY)[0] == 32  # the lower share, not 0.9 * 0.8
    programmes.finish_programme(app_db, started.id, "withdrawn", "2026-11-01", today=TODAY)
    red, protection = _limit(app_db, team, person, TODAY)
    assert red == 36 and protection is not None and protection.kind == "newly_qualified"


def test_other_kinds_set_no_protection(app_db, team):
    person = add_person(app_db, team, "Aoife Ní Bhriain", role="keyworker")
    for kind in ("induction", "skills_passport"):
        started = programmes.start_programme(
            app_db, person, programmes.template_draft(kind, TODAY), today=TODAY
        )
        assert started.protection_id is None
    assert _limit(app_db, team, person, TODAY) == (40, None)


def test_templates_fill_milestones_from_the_start(app_db):
    start = dt.date(2026, 1, 31)
    induction = programmes.template_draft("induction", start)
    assert [m.target_on for m in induction.milestones] == [
        dt.date(2026, 2, 7),
        dt.date(2026, 2, 28),  # a month after 31 January: the month's last day
        dt.date(2026, 4, 30),
        dt.date(2026, 7, 31),
    ]
    passport = programmes.template_draft("skills_passport", start)
    assert len(passport.milestones) == 15
    assert passport.milestones[0].title.startswith("Standard 1:")
    preceptorship = programmes.template_draft("preceptorship", start)
    assert preceptorship.milestones[-1].target_on == dt.date(2027, 1, 31)
    for kind in programmes.programme_kinds().values():
        assert kind.source  # every default says where it came from or that it is a placeholder


def test_milestones_progress_and_sign_off(app_db, team):
    person = add_person(app_db, team, "Niamh Ní Dhomhnaill")
    assessor = add_person(app_db, team, "Rhodri Llŷr")
    draft = ProgrammeDraft(
        kind="preceptorship",
        start_on="01/09/2026",
        expected_end_on="01/09/2027",
        assessor_id=assessor,
        milestones=[
            MilestoneDraft("First meeting", "2026-09-15"),
            MilestoneDraft("   "),  # an empty row is ignored
            MilestoneDraft("3-month review", "2026-12-01"),
            MilestoneDraft("Portfolio", None),
            MilestoneDraft("1-month review", "2026-10-01"),
        ],
    )
    started = programmes.start_programme(app_db, person, draft, today=TODAY)
    assert started.assessor_name == "Rhodri Llŷr"
    assert [m.title for m in started.milestones] == [
        "First meeting",
        "3-month review",
        "Portfolio",
        "1-month review",
    ]
    assert [m.overdue for m in started.milestones] == [True, False, False, True]
    assert started.progress.words == "Preceptorship: 0 of 4 signed off, 2 overdue, ends 01/09/2027"
    assert started.progress.days_to_end == (dt.date(2027, 9, 1) - TODAY).days

    first = started.milestones[0].id
    signed = programmes.sign_off_milestone(app_db, first, "14/09/2026", "Rhodri Llŷr", today=TODAY)
    assert signed.milestones[0].signed_off_on == dt.date(2026, 9, 14)
    assert signed.milestones[0].signed_off_by == "Rhodri Llŷr"
    assert signed.progress.words == "Preceptorship: 1 of 4 signed off, 1 overdue, ends 01/09/2027"

    with pytest.raises(ValidationError) as future:
        programmes.sign_off_milestone(app_db, first, TODAY + dt.timedelta(days=1), "X", today=TODAY)
    assert future.value.field == "signed_off_on"
    with pytest.raises(ValidationError, match="before the programme started") as early:
        programmes.sign_off_milestone(app_db, first, "2026-08-31", "X", today=TODAY)
    assert early.value.field == "signed_off_on"
    with pytest.raises(ValidationError) as nobody:
        programmes.sign_off_milestone(app_db, first, TODAY, "  ", today=TODAY)
    assert nobody.value.field == "signed_off_by"

    cleared = programmes.clear_sign_off(app_db, first, today=TODAY)
    assert cleared.progress.signed_off == 0

    added = programmes.add_milestone(app_db, started.id, "Medicines competency", "2027-03-01")
    assert added.milestones[-1].title == "Medicines competency"
    assert added.progress.total == 5

    by_id = {p.staff_id: p for p in team_summary(app_db, [team], today=TODAY).people}
    assert by_id[assessor].programmes == ()
    assert by_id[person].programmes == (
        programmes.get_programme(app_db, started.id, today=TODAY).progress,
    )  # the dashboard's query agrees

    finished = programmes.finish_programme(app_db, started.id, "completed", TODAY, today=TODAY)
    assert finished.progress.words == "Preceptorship: 0 of 5 signed off, completed 26/11/2026"
    assert not any(m.overdue for m in finished.milestones)
    with pytest.raises(ValidationError, match="finished on 26/11/2026"):
        programmes.sign_off_milestone(app_db, first, TODAY, "Rhodri Llŷr", today=TODAY)
    with pytest.raises(ValidationError):
        programmes.finish_programme(app_db, started.id, "withdrawn", TODAY, today=TODAY)
    summary = team_summary(app_db, [team], today=TODAY)
    assert next(p for p in summary.people if p.staff_id == person).programmes == ()
    assert [p.id for p in programmes.programmes_for(app_db, person, today=TODAY)] == [started.id]


def test_validation(app_db, team):
    person = add_person(app_db, team, "Gwen Prys", leaving_date="2027-06-30")

    def start(**changes):
        draft = programmes.template_draft("preceptorship", dt.date(2026, 10, 1))
        for key, value in changes.items():
            setattr(draft, key, value)
        return programmes.start_programme(app_db, person, draft, today=TODAY)

    def refused(field, match=None, **changes):
        with pytest.raises(ValidationError, match=match) as error:
            start(**changes)
        assert error.value.field == field

    refused("expected_end_on", "after the start", expected_end_on="2026-09-30")
    refused("expected_end_on", "after the start", expected_end_on="2026-10-01")
    refused(
        "expected_end_on",
        "12 to 18 months; this one would last 6 months",
        expected_end_on="2027-04-01",
    )
    refused("expected_end_on", "would last 20 months", expected_end_on="2028-06-01")
    refused("kind", None, kind="apprenticeship")
    refused("start_on", None, start_on="not a date")
    refused("start_on", "cannot be after", start_on="2028-01-01")
    refused(
        "start_on",
        "after the person leaves",
        start_on="2027-07-01",
        expected_end_on="2028-07-01",
        milestones=[],
    )
    refused("assessor_id", "own preceptor", assessor_id=person)
    refused("assessor_id", "does not exist", assessor_id=999_999)
    refused(
        "milestones",
        "before the programme starts",
        milestones=[MilestoneDraft("Early", "2026-09-01")],
    )
    refused("protection_percent", None, protection_percent="0")
    assert programmes.programmes_for(app_db, person, today=TODAY) == []  # nothing half-written
    assert people.get_staff(app_db, person).protections == ()

    # Outside 12-18 months, confirmed: saved.
    short = start(expected_end_on="2027-04-01", confirm_length=True)
    assert short.expected_end_on == dt.date(2027, 4, 1)
    refused("kind", "already has a preceptorship running")
    assert programmes.length_warning("induction", TODAY, TODAY + dt.timedelta(days=30)) is None

    with pytest.raises(ValidationError, match="after the current one"):
        programmes.extend_programme(app_db, short.id, "2027-03-01", today=TODAY)
    with pytest.raises(ValidationError, match="before it started"):
        programmes.finish_programme(app_db, short.id, "completed", "2026-09-01", today=TODAY)
    with pytest.raises(ValidationError) as future:
        programmes.finish_programme(app_db, short.id, "completed", "2026-12-01", today=TODAY)
    assert future.value.field == "finished_on"
    with pytest.raises(ValidationError) as outcome:
        programmes.finish_programme(app_db, short.id, "extended", TODAY, today=TODAY)
    assert outcome.value.field == "outcome"
    with pytest.raises(NotFoundError):
        programmes.finish_programme(app_db, 999_999, "completed", TODAY, today=TODAY)
    with pytest.raises(NotFoundError):
        programmes.sign_off_milestone(app_db, 999_999, TODAY, "X", today=TODAY)


def test_the_team_summary_carries_running_programmes(app_db, team):
    from wellbeing_desktop.services.summary import summary_as_dict

    person = add_person(app_db, team, "Niamh Ní Dhomhnaill")
    other = add_person(app_db, team, "Rhodri Llŷr")
    draft = programmes.template_draft("induction", dt.date(2026, 10, 1))
    started = programmes.start_programme(app_db, person, draft, today=TODAY)
    programmes.sign_off_milestone(
        app_db, started.milestones[0].id, "2026-10-08", "Team manager", today=TODAY
    )
    passport = programmes.start_programme(
        app_db, person, programmes.template_draft("skills_passport", TODAY), today=TODAY
    )
    finished = programmes.start_programme(
        app_db, other, programmes.template_draft("induction", dt.date(2026, 1, 5)), today=TODAY
    )
    programmes.finish_programme(app_db, finished.id, "completed", "2026-07-01", today=TODAY)

    summary = team_summary(app_db, [team], today=TODAY)
    by_id = {p.staff_id: p for p in summary.people}
    assert [p.words for p in by_id[person].programmes] == [
        "Induction: 1 of 4 signed off, 1 overdue, ends 01/04/2027",
        "Skills passport: 0 of 15 signed off, ends 26/11/2027",
    ]
    assert (
        by_id[person].programmes[0]
        == programmes.get_programme(app_db, started.id, today=TODAY).progress
    )  # the Core query and the ORM agree
    assert by_id[other].programmes == ()
    people = {p["name"]: p for p in summary_as_dict(summary)["people"]}  # type: ignore[union-attr]
    assert people["Niamh Ní Dhomhnaill"]["programmes"][0].startswith("Induction: 1 of 4")
    assert passport.progress.total == 15


def test_the_preceptor_and_notes_can_change(app_db, team):
    person = add_person(app_db, team, "Niamh Ní Dhomhnaill")
    colleague = add_person(app_db, team, "Rhodri Llŷr")
    draft = programmes.template_draft("preceptorship", dt.date(2026, 9, 1))
    draft.assessor_name = "Practice Educator"
    started = programmes.start_programme(app_db, person, draft, today=TODAY)
    assert started.assessor_name == "Practice Educator" and started.assessor_id is None
    changed = programmes.update_programme(
        app_db, started.id, assessor_id=colleague, notes="New preceptor from November.", today=TODAY
    )
    assert (changed.assessor_id, changed.assessor_name) == (colleague, "Rhodri Llŷr")
    assert changed.notes == "New preceptor from November."
    assert changed.protection_id == started.protection_id  # the dates and protection stay
    outside = programmes.update_programme(
        app_db, started.id, assessor_name="  Dr A Visitor ", today=TODAY
    )
    assert (outside.assessor_id, outside.assessor_name) == (None, "Dr A Visitor")
    with pytest.raises(ValidationError) as own:
        programmes.update_programme(app_db, started.id, assessor_id=person, today=TODAY)
    assert own.value.field == "assessor_id"
    with pytest.raises(NotFoundError):
        programmes.update_programme(app_db, 999_999, today=TODAY)
