"""Retention: a configurable period stored in the database, a preview of who and what,
then removal in one transaction with audit entries holding counts; on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, text

from tests.services.scenarios import SUBJECT_NAME, Team, build_team
from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import audit, people, retention, supervision
from wellbeing_desktop.storage.database import Database

from .builders import TODAY, add_person


def leaver(db: Database, team: int, name: str, left: str) -> int:
    person = add_person(db, team, name, start="2005-01-03")
    people.mark_left(db, person, left)
    return person


def test_the_period_is_six_years_until_the_organisation_changes_it(app_db: Database) -> None:
    assert retention.retention_years(app_db) == retention.DEFAULT_YEARS == 6
    assert retention.set_retention_years(app_db, "8") == 8
    assert retention.retention_years(app_db) == 8
    changed = audit.list_entries(app_db, record_type="org_setting")[0]
    assert (changed.action, changed.record_id, changed.detail) == (
        "changed",
        "retention_years",
        "fields: value",
    )


@pytest.mark.parametrize("years", [0, 101, -6, "six", 2.5, None, float("nan"), 10**30])
def test_the_period_is_checked(app_db: Database, years: object) -> None:
    with pytest.raises(ValidationError):
        retention.set_retention_years(app_db, years)
    assert retention.retention_years(app_db) == 6


def test_a_damaged_setting_falls_back_to_the_default(app_db: Database) -> None:
    with app_db.engine.begin() as connection:
        connection.execute(text("UPDATE org_setting SET value = 'lots'"))
    assert retention.retention_years(app_db) == 6


def test_the_cutoff_is_the_same_day_n_years_before() -> None:
    assert retention.cutoff_for(dt.date(2026, 11, 26), 6) == dt.date(2020, 11, 26)
    assert retention.cutoff_for(dt.date(2028, 2, 29), 6) == dt.date(2022, 2, 28)


def test_the_preview_lists_who_left_more_than_n_years_ago(app_db: Database) -> None:
    team = people.save_team(app_db, "Team").id
    long_gone = leaver(app_db, team, "Left long ago", "2019-06-30")
    exactly = leaver(app_db, team, "Left six years ago today", "2020-11-26")
    the_day_before = leaver(app_db, team, "Left the day before", "2020-11-25")
    leaver(app_db, team, "Left recently", "2025-01-31")
    add_person(app_db, team, "Still here")

    preview = retention.preview_retention(app_db, today=TODAY)
    assert (preview.years, preview.cutoff) == (6, dt.date(2020, 11, 26))
    assert preview.staff_ids == (long_gone, the_day_before)
    assert exactly not in preview.staff_ids
    assert dict(preview.totals())["staff_member"] == 2


def test_applying_removes_them_in_one_go_with_counts_in_the_trail(app_db: Database) -> None:
    built: Team = build_team(app_db, subject_left=dt.date(2019, 3, 31))
    preview = retention.preview_retention(app_db, today=TODAY)
    assert preview.staff_ids == (built.subject,)
    assert dict(preview.totals())["check_in"] == 2

    done = retention.apply_retention(app_db, today=TODAY, expected=preview)
    assert done == preview
    with pytest.raises(NotFoundError):
        people.get_staff(app_db, built.subject)
    assert supervision.get_session(app_db, built.group_session).attendee_ids == (built.other,)
    entry = audit.list_entries(app_db, action="retention")[0]
    assert entry.record_id == str(built.subject)
    assert entry.detail.startswith("left more than 6 years ago; removed: staff_member 1")
    assert SUBJECT_NAME.split()[0] not in entry.detail
    assert audit.verify_chain(app_db).ok
    assert retention.preview_retention(app_db, today=TODAY).people == ()


def test_leavers_who_shared_a_session_take_it_with_them(app_db: Database) -> None:
    team = people.save_team(app_db, "Team").id
    first, second = (leaver(app_db, team, f"Leaver {n}", "2018-05-01") for n in (1, 2))
    stayer = add_person(app_db, team, "Stayer")
    shared = supervision.save_session(
        app_db,
        supervision.SessionDraft(
            kind="group",
            held_on="2018-04-01",
            attendee_ids=[first, second],
            actions=[supervision.ActionDraft(text="Something")],
        ),
        today=TODAY,
    ).id
    mixed = supervision.save_session(
        app_db,
        supervision.SessionDraft(kind="group", held_on="2018-04-02", attendee_ids=[first, stayer]),
        today=TODAY,
    ).id
    preview = retention.preview_retention(app_db, today=TODAY)
    totals = dict(preview.totals())
    assert (totals["supervision_session"], totals["supervision_action"]) == (1, 1)
    assert totals["session_attendee"] == 3
    retention.apply_retention(app_db, today=TODAY, expected=preview)
    with pytest.raises(NotFoundError):
        supervision.get_session(app_db, shared)
    assert supervision.get_session(app_db, mixed).attendee_ids == (stayer,)


def test_nothing_goes_if_the_preview_is_out_of_date(app_db: Database) -> None:
    team = people.save_team(app_db, "Team").id
    leaver(app_db, team, "Leaver", "2018-05-01")
    preview = retention.preview_retention(app_db, today=TODAY)
    late = leaver(app_db, team, "Another leaver", "2018-06-01")
    with pytest.raises(ValidationError, match="changed since the preview"):
        retention.apply_retention(app_db, today=TODAY, expected=preview)
    assert people.get_staff(app_db, late).leaving_date == dt.date(2018, 6, 1)
    assert len(people.list_staff(app_db, include_left=True)) == 2


def test_a_shorter_period_reaches_further(app_db: Database) -> None:
    team = people.save_team(app_db, "Team").id
    recent = leaver(app_db, team, "Left last year", "2025-06-30")
    assert retention.preview_retention(app_db, today=TODAY).people == ()
    retention.set_retention_years(app_db, 1)
    assert retention.preview_retention(app_db, today=TODAY).staff_ids == (recent,)


def test_a_large_retention_goes_in_chunks_in_one_transaction(app_db: Database) -> None:
    """The first retention of a large organisation removes more people (and records)
    than PostgreSQL takes bound values in one statement: the numbers go in chunks.
    Here the chunk is 3 numbers, so 8 leavers need three."""
    built = build_team(app_db, subject_left=dt.date(2019, 3, 31))  # every kind of record
    leavers = [leaver(app_db, built.team, f"Leaver {n}", "2018-05-01") for n in range(7)]
    everyone = supervision.save_session(  # only leavers, in every chunk: it goes
        app_db,
        supervision.SessionDraft(
            kind="group",
            held_on="2018-04-01",
            attendee_ids=leavers,
            actions=[supervision.ActionDraft(text="Something", owner_staff_id=leavers[-1])],
        ),
        today=TODAY,
    ).id
    mixed = supervision.save_session(  # a leaver from the last chunk and someone staying
        app_db,
        supervision.SessionDraft(
            kind="group",
            held_on="2018-04-02",
            attendee_ids=[leavers[-1], built.other],
            supervisor_id=leavers[0],
        ),
        today=TODAY,
    ).id
    whole = retention.preview_retention(app_db, today=TODAY)  # in one chunk
    assert len(whole.people) == 8

    in_threes = retention.preview_retention(app_db, today=TODAY, chunk=3)
    assert in_threes == whole  # the same, counted 3 people at a time
    sizes: list[int] = []  # bound values in each statement with an IN list

    def count(_conn, _cursor, statement, parameters, _context, executemany) -> None:  # type: ignore[no-untyped-def]
        if " IN (" in statement.upper() and not executemany:
            sizes.append(len(parameters))

    event.listen(app_db.engine, "before_cursor_execute", count)
    try:
        done = retention.apply_retention(app_db, today=TODAY, expected=whole, chunk=3)
    finally:
        event.remove(app_db.engine, "before_cursor_execute", count)
    assert done == whole
    # At most a chunk of numbers, and the values an update sets (never all 8 people).
    assert sizes and max(sizes) <= 3 + 2

    remaining = {p.id for p in people.list_staff(app_db, include_left=True)}
    assert remaining.isdisjoint({built.subject, *leavers})
    assert {built.other, built.supervisee} <= remaining
    with pytest.raises(NotFoundError):
        supervision.get_session(app_db, everyone)
    kept = supervision.get_session(app_db, mixed)
    assert (kept.attendee_ids, kept.supervisor_id) == ((built.other,), None)
    assert supervision.get_session(app_db, built.group_session).attendee_ids == (built.other,)
    assert len(audit.list_entries(app_db, action="retention")) == 8
    assert audit.verify_chain(app_db).ok
    assert retention.preview_retention(app_db, today=TODAY).people == ()
