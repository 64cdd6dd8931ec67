"""Training courses, completions, expiry and the matrix, through the real services on
both backends."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, func, select

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import people, training
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.services.training import CompletionDraft, CourseDraft
from wellbeing_desktop.services.training_matrix import training_matrix
from wellbeing_desktop.services.training_rules import (
    DEFAULTS_ADDED_SETTING,
    TrainingCounts,
    TrainingState,
    add_months,
    expires_on,
    state_of,
)
from wellbeing_desktop.storage.models import AuditEntry, Course, OrgSetting

from .builders import TODAY, add_person, role_id

D = dt.date

# ---- expiry ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("done", "months", "until"),
    [
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # leap day, into a common year
        (D(2024, 2, 29), 48, D(2028, 2, 29)),  # leap day to leap day
        (D(2024, 2, 29), 24, D(2026, 2, 28)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # month end into a short month
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # ... in a leap year
        (D(2025, 1, 31), 3, D(2025, 4, 30)),
        (D(2025, 3, 31), 6, D(2025, 9, 30)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 11, 15), 2, D(2026, 1, 15)),  # over the year end
        (D(2025, 12, 31), 12, D(2026, 12, 31)),
        (D(2023, 3, 1), 36, D(2026, 3, 1)),
        (D(2025, 6, 10), 120, D(2035, 6, 10)),
    ],
)
def test_valid_until_is_the_same_day_months_later_clamped_to_month_end(done, months, until):
    assert expires_on(done, months) == until


def test_a_course_without_renewal_never_expires():
    assert expires_on(D(2001, 1, 1), None) is None
    assert state_of(D(2001, 1, 1), None, required=True, today=TODAY) is TrainingState.DONE


@given(
    st.dates(min_value=D(1950, 1, 1), max_value=D(2150, 12, 31)),
    st.integers(min_value=1, max_value=120),
)
def test_expiry_properties(done, months):
    until = expires_on(done, months)
    assert until is not None
    # exactly `months` calendar months on, whatever the lengths of the months between
    assert (until.year - done.year) * 12 + until.month - done.month == months
    last_day = calendar.monthrange(until.year, until.month)[1]
    assert until.day == min(done.day, last_day)
    assert until > done
    # renewing twice in a row never goes past renewing once for the whole period
    assert add_months(add_months(done, months), months) <= add_months(done, 2 * months)


@given(
    st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)),
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=0, max_value=365),
    st.integers(min_value=-400, max_value=4000),
)
def test_state_matches_the_dates(done, months, warning, offset):
    today = done + dt.timedelta(days=offset)
    until = expires_on(done, months)
    assert until is not None
    state = state_of(done, months, required=True, today=today, expiring_days=warning)
    if until < today:
        assert state is TrainingState.EXPIRED
    elif (until - today).days <= warning:
        assert state is TrainingState.EXPIRING
    else:
        assert state is TrainingState.DONE


def test_states_on_the_boundaries():
    done = D(2025, 11, 27)  # valid until 27/11/2026 with a 12-month renewal
    s = lambda today, warn=60: state_of(done, 12, required=True, today=today, expiring_days=warn)  # noqa: E731
    assert s(D(2026, 11, 27)) is TrainingState.EXPIRING  # the last valid day
    assert s(D(2026, 11, 28)) is TrainingState.EXPIRED  # the day after
    assert s(D(2026, 9, 28)) is TrainingState.EXPIRING  # exactly 60 days before
    assert s(D(2026, 9, 27)) is TrainingState.DONE  # 61 days before
    assert s(D(2026, 11, 26), warn=0) is TrainingState.DONE
    assert state_of(None, 12, required=True, today=TODAY) is TrainingState.MISSING
    assert state_of(None, 12, required=False, today=TODAY) is TrainingState.NOT_REQUIRED


def test_counts_in_words():
    assert TrainingCounts(expired=2, expiring=1, required=5).words == "2 expired, 1 expiring"
    assert TrainingCounts(missing=1, required=3).text == "○ 1 missing"
    assert TrainingCounts(required=3).words == "Up to date"
    assert TrainingCounts().words == "None required"


# ---- the shipped courses ---------------------------------------------------------------


def test_a_new_database_has_the_default_courses_with_sources(app_db):
    courses = training.list_courses(app_db)
    names = {c.name for c in courses}
    for needed in (
        "Human rights-based approach",
        "Trauma-informed practice",
        "Tackling stigma",
        "Family-inclusive practice",
        "Harm reduction advice",
        "Naloxone and overdose response",
    ):
        assert needed in names
    assert all(c.source for c in courses)
    naloxone = next(c for c in courses if c.key == "naloxone")
    assert not naloxone.mandatory_for_all
    assert role_id(app_db, "keyworker") in naloxone.role_ids


def test_default_courses_are_added_once_and_never_back_after_deletion(database_url):
    db = open_app_database(database_url)
    try:
        course = next(c for c in training.list_courses(db) if c.key == "fire_safety")
        assert training.remove_course(db, course.id) == "deleted"
        with db.session() as session:
            entries = session.scalar(select(func.count()).select_from(AuditEntry))
    finally:
        db.close()
    db = open_app_database(database_url)
    try:
        assert "fire_safety" not in {c.key for c in training.list_courses(db)}
        with db.session() as session:  # opening again wrote nothing
            assert session.scalar(select(func.count()).select_from(AuditEntry)) == entries
    finally:
        db.close()


def test_a_database_from_before_the_courses_gets_them_on_open_keeping_its_own(database_url):
    db = open_app_database(database_url)
    try:
        # As a database upgraded to the learning schema is: no courses and no marker,
        # and here one course of its own named as a shipped one.
        with db.session() as session:
            session.execute(delete(Course))
            session.execute(delete(OrgSetting).where(OrgSetting.key == DEFAULTS_ADDED_SETTING))
        training.save_course(db, CourseDraft(name="Tackling stigma", renewal_months=12))
    finally:
        db.close()
    db = open_app_database(database_url)
    try:
        courses = training.list_courses(db)
        stigma = [c for c in courses if c.name == "Tackling stigma"]
        assert len(stigma) == 1 and stigma[0].renewal_months == 12 and stigma[0].key is None
        assert len(courses) == 12
    finally:
        db.close()


# ---- courses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        ({"name": "Family-inclusive practice"}, "name"),
        ({"renewal_months": 0}, "renewal_months"),
        ({"renewal_months": "twelve"}, "renewal_months"),
        ({"renewal_months": 121}, "renewal_months"),
        ({"category": "x" * 41}, "category"),
        ({"role_ids": [0]}, "role_ids"),
        ({"role_ids": [99999]}, "role_ids"),
    ],
)
def test_course_validation(app_db, change, field):
    draft = CourseDraft(name="Motivational interviewing", renewal_months=24)
    for key, value in change.items():
        setattr(draft, key, value)
    before = len(training.list_courses(app_db, include_archived=True))
    with pytest.raises(ValidationError) as raised:
        training.save_course(app_db, draft)
    assert raised.value.field == field
    assert len(training.list_courses(app_db, include_archived=True)) == before


def test_course_edit_roles_and_archive_instead_of_delete(app_db):
    nurse, keyworker = role_id(app_db, "Nurse (drug"), role_id(app_db, "keyworker")
    course = training.save_course(
        app_db,
        CourseDraft(name="Wound care", category="Clinical", renewal_months="", role_ids=[nurse]),
    )
    assert course.renewal_months is None and course.role_ids == (nurse,)
    assert course.mandatory_words.startswith("Nurse")
    course = training.save_course(
        app_db,
        CourseDraft(name="Wound care", renewal_months=24, role_ids=[keyworker]),
        course.id,
    )
    assert course.role_ids == (keyworker,) and course.renewal_words == "Every 2 years"
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "A Person")
    training.record_completion(app_db, person, course.id, "2026-01-05", today=TODAY)
    assert training.remove_course(app_db, course.id) == "archived"
    assert course.id not in {c.id for c in training.list_courses(app_db)}
    assert training.get_course(app_db, course.id).archived
    assert len(training.completions_for(app_db, person)) == 1
    training.set_course_archived(app_db, course.id, False)
    assert course.id in {c.id for c in training.list_courses(app_db)}


# ---- completions -----------------------------------------------------------------------


def _course(db, key):
    return next(c for c in training.list_courses(db) if c.key == key)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"completed_on": "2026-11-27"}, "completed_on"),  # tomorrow
        ({"completed_on": ""}, "completed_on"),
        ({"completed_on": "31/02/2026"}, "completed_on"),
        ({"completed_on": "1949-12-31"}, "completed_on"),
        ({"course_id": None}, "course_id"),
        ({"course_id": 99999}, "course_id"),
        ({"provider": "two\nlines"}, "provider"),
        ({"staff_ids": ()}, "staff_ids"),
        ({"staff_ids": (99999,)}, "staff_ids"),
    ],
)
def test_completion_validation_writes_nothing(app_db, change, field):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "A Person")
    draft = CompletionDraft(
        _course(app_db, "naloxone").id, "2026-11-20", "Local trainer", "", (person,)
    )
    for key, value in change.items():
        setattr(draft, key, value)
    with pytest.raises(ValidationError) as raised:
        training.record_training(app_db, draft, today=TODAY)
    assert raised.value.field == field
    assert training.completions_for(app_db, person) == []


def test_a_team_training_day_is_recorded_for_everyone_at_once(app_db):
    team = people.save_team(app_db, "Team").id
    ids = [add_person(app_db, team, f"Person {n}") for n in range(5)]
    naloxone = _course(app_db, "naloxone")
    result = training.record_training(
        app_db,
        CompletionDraft(naloxone.id, "20/11/2026", "Scottish Drugs Forum", "Certificates", ids),
        today=TODAY,
    )
    assert len(result.recorded) == 5 and result.words == "Recorded for 5 people."
    again = training.record_training(
        app_db, CompletionDraft(naloxone.id, "2026-11-20", staff_ids=ids[:2]), today=TODAY
    )
    assert again.recorded == () and set(again.already_recorded) == set(ids[:2])
    saved = training.completions_for(app_db, ids[0])
    assert [(c.completed_on, c.expires_on, c.provider) for c in saved] == [
        (D(2026, 11, 20), D(2027, 11, 20), "Scottish Drugs Forum")
    ]


def test_a_training_day_with_one_person_gone_records_nobody(app_db):
    team = people.save_team(app_db, "Team").id
    ids = [add_person(app_db, team, f"Person {n}") for n in range(3)]
    with pytest.raises(ValidationError):
        training.record_training(
            app_db,
            CompletionDraft(_course(app_db, "naloxone").id, "2026-11-20", staff_ids=[*ids, 424242]),
            today=TODAY,
        )
    assert all(training.completions_for(app_db, i) == [] for i in ids)


def test_archived_course_cannot_be_recorded(app_db):
    team = people.save_team(app_db, "Team").id
    person = add_person(app_db, team, "A Person")
    course = _course(app_db, "fire_safety")
    training.set_course_archived(app_db, course.id, True)
    with pytest.raises(ValidationError) as raised:
        training.record_completion(app_db, person, course.id, "2026-11-01", today=TODAY)
    assert raised.value.field == "course_id"


def test_warning_period_setting(app_db):
    assert training.expiring_days(app_db) == 60
    assert training.set_expiring_days(app_db, "30") == 30
    assert training.expiring_days(app_db) == 30
    with pytest.raises(ValidationError):
        training.set_expiring_days(app_db, 400)


# ---- a person, the matrix, the summary -------------------------------------------------


@pytest.fixture
def team_with_training(app_db):
    team = people.save_team(app_db, "North").id
    other = people.save_team(app_db, "South").id
    keyworker = add_person(app_db, team, "Keyworker One")
    nurse = add_person(app_db, team, "District Nurse", role="District")
    elsewhere = add_person(app_db, other, "Elsewhere Person")
    record = lambda who, key, day: training.record_completion(  # noqa: E731
        app_db, who, _course(app_db, key).id, day, today=TODAY
    )
    record(keyworker, "naloxone", "2025-10-01")  # valid until 01/10/2026: expired
    record(keyworker, "naloxone", "2024-01-01")  # older: ignored
    record(keyworker, "fire_safety", "2025-12-20")  # until 20/12/2026: expiring (24 days)
    record(keyworker, "human_rights", "2025-06-01")  # done
    record(nurse, "naloxone", "2026-03-01")  # not mandatory for a district nurse: done
    record(elsewhere, "human_rights", "2020-01-01")  # expired
    return app_db, team, other, keyworker, nurse, elsewhere


def test_person_training_most_urgent_first(team_with_training):
    db, _team, _other, keyworker, nurse, _elsewhere = team_with_training
    items = training.person_training(db, keyworker, today=TODAY)
    assert items[0].course_name == "Naloxone and overdose response"
    assert items[0].state is TrainingState.EXPIRED
    assert items[0].expires_on == D(2026, 10, 1)
    assert items[0].words == "Expired: valid until 01/10/2026"
    states = [i.state for i in items]
    assert states == sorted(
        states,
        key=[
            TrainingState.EXPIRED,
            TrainingState.MISSING,
            TrainingState.EXPIRING,
            TrainingState.DONE,
        ].index,
    )
    attention = training.training_needing_attention(db, keyworker, today=TODAY)
    assert [i.state for i in attention].count(TrainingState.EXPIRED) == 1
    assert [i.course_name for i in attention if i.state is TrainingState.EXPIRING] == [
        "Fire safety"
    ]
    assert all(i.required for i in attention)
    nurse_items = {i.course_name: i for i in training.person_training(db, nurse, today=TODAY)}
    assert not nurse_items["Naloxone and overdose response"].required
    assert nurse_items["Basic life support"].state is TrainingState.MISSING


def test_matrix_states_compliance_and_filters(team_with_training):
    db, team, _other, keyworker, nurse, elsewhere = team_with_training
    matrix = training_matrix(db, today=TODAY)
    assert len(matrix.people) == 3 and len(matrix.courses) == 12
    row = next(i for i, p in enumerate(matrix.people) if p.staff_id == keyworker)
    column = matrix.column_of(_course(db, "naloxone").id)
    assert column is not None
    cell = matrix.cells[row][column]
    assert cell.state is TrainingState.EXPIRED and cell.completed_on == D(2025, 10, 1)
    assert "valid until 01/10/2026" in cell.tooltip
    counts = matrix.counts(row)
    assert (counts.expired, counts.expiring) == (1, 1)
    assert counts.missing == counts.required - 3
    # naloxone is mandatory for the keyworker only (a district nurse is not a listed role,
    # and the other person is a keyworker too): 0 of 2 compliant
    assert matrix.compliance(column).required == 2
    assert matrix.compliance(column).compliant == 0
    hr = matrix.column_of(_course(db, "human_rights").id)
    assert matrix.compliance(hr).text == "33%"
    team_rows = matrix.rows(team_id=team)
    assert {matrix.people[i].staff_id for i in team_rows} == {keyworker, nurse}
    assert matrix.compliance(hr, team_rows).text == "50%"
    expired_rows = matrix.rows(state=TrainingState.EXPIRED)
    assert {matrix.people[i].staff_id for i in expired_rows} == {keyworker, elsewhere}
    only = matrix.rows(team_id=team, course_id=_course(db, "naloxone").id, state=TrainingState.DONE)
    assert [matrix.people[i].staff_id for i in only] == [nurse]
    assert matrix.total().expired == 2
    # the matrix's inlined rule is training_rules.state_of, cell by cell, on several days
    for day in (TODAY, D(2026, 10, 1), D(2026, 10, 2), D(2026, 12, 20), D(2027, 1, 1)):
        later = training_matrix(db, today=day)
        for row in later.cells:
            for course, cell in zip(later.courses, row, strict=True):
                assert cell.state is state_of(
                    cell.completed_on, course.renewal_months, required=cell.required, today=day
                )
    # one team only, from the database
    north = training_matrix(db, [team], today=TODAY)
    assert {p.staff_id for p in north.people} == {keyworker, nurse}


def test_summary_counts_expired_mandatory_training(team_with_training):
    db, team, _other, keyworker, nurse, _elsewhere = team_with_training
    summary = team_summary(db, today=TODAY)
    assert summary.training_expired == 2
    by_id = {p.staff_id: p for p in summary.people}
    assert by_id[keyworker].training.expired == 1
    assert by_id[keyworker].training.expiring == 1
    assert by_id[nurse].training.expired == 0
    north = team_summary(db, [team], today=TODAY)
    assert north.training_expired == 1
    from wellbeing_desktop.services.exporting import team_summary_table

    table = team_summary_table(summary.people, summary.title)
    row = next(r for r in table.rows if r[0] == "Keyworker One")
    assert row[table.column("Mandatory training expired")] == 1
    assert row[table.column("Mandatory training expiring")] == 1
    # the summary's counting and the matrix's agree, person by person, day by day
    for day in (TODAY, D(2026, 10, 1), D(2026, 12, 20)):
        matrix = training_matrix(db, today=day)
        counted = {p.staff_id: p.training for p in team_summary(db, today=day).people}
        for row, person in enumerate(matrix.people):
            assert counted[person.staff_id] == matrix.counts(row)


def test_a_later_warning_period_changes_states(team_with_training):
    db, *_rest, keyworker, _nurse, _elsewhere = team_with_training
    training.set_expiring_days(db, 7)
    items = training.person_training(db, keyworker, today=TODAY)
    assert TrainingState.EXPIRING not in {i.state for i in items}
