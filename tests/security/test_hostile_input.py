"""Hostile input at every service entry point, property-based, on SQLite and PostgreSQL.

Arbitrary and huge text, control characters, NUL, emoji, right-to-left text, lone
surrogates, negative and enormous numbers, NaN and infinity, impossible and
far-future dates. Each call either

* raises ``ValidationError`` or ``NotFoundError`` with a printable one-line
  message, and the database is exactly as it was (every row of every table), or
* succeeds, and what it returned is what a fresh read gives back, with text
  stored exactly (one-line fields trimmed of surrounding spaces, as documented).

Nothing else may escape. Hypothesis never prints the generated values into the
database or logs of a real organisation: the data is made up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import (
    audit,
    caseloads,
    checkins,
    development,
    erasure,
    people,
    retention,
    signposting,
    subject_access,
    supervision,
    training,
    workload_reviews,
)
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import Base

TODAY = dt.date(2026, 11, 26)
T = TypeVar("T")

# 30 examples per entry point and backend keeps the file under a minute; set
# HOSTILE_EXAMPLES (e.g. 1000) for a longer hunt.
HOSTILE = settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "30")),
    deadline=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ---- strategies ------------------------------------------------------------------------

SPECIAL = st.sampled_from(
    [
        "\x00",
        "\ud800",
        "\udfff",
        "\udc00x",
        "\u202e",
        "\u200f",
        "\u2066",
        "مرحبا بالعالم",
        "שלום",
        "🧑🏽\u200d⚕️",
        "👩‍👩‍👧",
        "\r\n",
        "\t",
        "\x1b[31m",
        "\x7f",
        "\x85",
        "\u2028",
        "\ufeff",
        "\u00a0",
        "  ",
        "",
        "Ŵ",
        "İ",
        "ß",
        "ǅ",
        "Ⅻ",
        "\U0010ffff",
        "'; DROP TABLE x;--",
        "<b>&amp;</b>",
        "%s%n",
        "{0}",
        "\\",
        "\u0301",
    ]
)
ANY_CHAR = st.characters(exclude_categories=())  # surrogates included
HUGE = st.tuples(
    st.sampled_from([40, 41, 80, 81, 200, 201, 2000, 2001, 4000, 4001, 20_000, 20_001, 250_000]),
    st.sampled_from(["a", "é", "🙂", "\u202e", " "]),
).map(lambda pair: pair[1] * pair[0])
TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=30),
    st.lists(st.one_of(SPECIAL, st.text(max_size=5)), max_size=6).map("".join),
    HUGE,
)
NUMBER = st.one_of(
    st.integers(min_value=-10, max_value=120),
    st.integers(),
    st.sampled_from([2**31, 2**63, 2**64, -(2**63) - 1, 10**400, -(10**400)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "-1", "١٢", " 7 ", "3.5", "0x10", "", " "]),
    st.booleans(),
    st.none(),
    TEXT,
)
DATE = st.one_of(
    st.dates(),
    st.datetimes(),
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2027, 12, 31)),
    st.sampled_from(
        [
            "31/02/2026",
            "29/02/2025",
            "29/02/2024",
            "0000-00-00",
            "9999-12-31",
            "01/01/0001",
            "2026-11-26T12:00",
            "26.11.2026",
            "26-11-2026",
            "26/11/26",
            "１９/０１/２０２５",
            "",
        ]
    ),
    st.none(),
    NUMBER,
)
# Mostly valid values with hostile ones among them, so that calls get past the first
# check and hostile values reach the deeper ones (and the database).
OK_DATE = st.dates(min_value=dt.date(2020, 1, 1), max_value=TODAY)
SOME_DATE = st.one_of(OK_DATE, OK_DATE, DATE)
SCALE = st.one_of(st.integers(min_value=1, max_value=5), st.integers(1, 5), NUMBER)
SOME_TEXT = st.one_of(st.text(max_size=20), TEXT)
RECORD_ID = st.one_of(
    st.integers(min_value=-3, max_value=12),
    st.integers(),
    st.sampled_from([0, -1, 2**31 - 1, 2**31, 2**63, 2**64, -(2**64)]),
)


# ---- the property ----------------------------------------------------------------------


def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in key order."""
    with db.session() as session:
        return {
            table.name: [
                tuple(row) for row in session.execute(select(table).order_by(*table.primary_key))
            ]
            for table in Base.metadata.sorted_tables
        }


def refused_cleanly(error: Exception) -> None:
    message = str(error)
    assert message.strip(), "an error needs a message"
    assert message.isprintable(), "the message must print on one line"
    message.encode("utf-8")  # printable on any terminal that takes UTF-8


def attempt(db: Database, call: Callable[[], T]) -> T | None:
    """Run ``call``: a clear refusal with nothing written, or a result."""
    before = snapshot(db)
    try:
        return call()
    except (ValidationError, NotFoundError) as error:
        refused_cleanly(error)
        assert snapshot(db) == before, "a refused call must leave every table as it was"
        return None


def one_line(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


@dataclasses.dataclass
class World:
    db: Database
    team: int
    role: int
    person: int
    manager: int
    service: int
    session: int
    signposting: int
    course: int


@pytest.fixture
def world(database_url: str) -> Iterator[World]:
    db = open_app_database(database_url)
    try:
        team = people.save_team(db, "Hostile team").id
        role = people.list_roles(db)[0].id

        def add(name: str) -> int:
            draft = people.StaffDraft(
                name=name, team_id=team, role_id=role, start_date="2020-01-01"
            )
            return people.save_staff(db, draft).id

        person, manager = add("Person P"), add("Manager M")
        service = signposting.list_services(db)[0].id
        session = supervision.save_session(
            db,
            supervision.SessionDraft(
                held_on=TODAY,
                attendee_ids=[person],
                supervisor_id=manager,
                actions=[supervision.ActionDraft(text="Existing action")],
            ),
            today=TODAY,
        ).id
        record = signposting.record_signposting(db, person, service, today=TODAY).id
        course = training.list_courses(db)[0].id
        yield World(db, team, role, person, manager, service, session, record, course)
    finally:
        db.close()


# ---- people ----------------------------------------------------------------------------


@HOSTILE
@given(
    name=SOME_TEXT, service=SOME_TEXT, manager=SOME_TEXT, existing=st.booleans(), team_id=RECORD_ID
)
def test_save_team(
    world: World, name: Any, service: Any, manager: Any, existing: bool, team_id: int
) -> None:
    target = world.team if existing else (team_id if team_id > 12 or team_id < 1 else None)
    saved = attempt(
        world.db,
        lambda: people.save_team(
            world.db, name, service=service, manager_name=manager, team_id=target
        ),
    )
    if saved is not None:
        assert (saved.name, saved.service, saved.manager_name) == tuple(
            one_line(x) for x in (name, service, manager)
        )
        again = next(t for t in people.list_teams(world.db) if t.id == saved.id)
        assert (again.name, again.service, again.manager_name) == (
            saved.name,
            saved.service,
            saved.manager_name,
        )


@HOSTILE
@given(
    name=TEXT,
    amber=NUMBER,
    red=NUMBER,
    supervision_days=NUMBER,
    checkin_days=NUMBER,
    source=TEXT,
    weighting=st.booleans(),
)
def test_save_role(
    world: World,
    name: Any,
    amber: Any,
    red: Any,
    supervision_days: Any,
    checkin_days: Any,
    source: Any,
    weighting: bool,
) -> None:
    saved = attempt(
        world.db,
        lambda: people.save_role(
            world.db,
            name=name,
            amber=amber,
            red=red,
            supervision_interval_days=supervision_days,
            checkin_interval_days=checkin_days,
            uses_weighting=weighting,
            source=source,
        ),
    )
    if saved is not None:
        assert saved.name == one_line(name) and saved.source == source
        assert 0 < saved.amber_threshold <= saved.red_threshold
        again = next(r for r in people.list_roles(world.db) if r.id == saved.id)
        assert again == saved


STAFF_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "name": TEXT,
        "job_title": TEXT,
        "pay_band": TEXT,
        "fte": NUMBER,
        "start_date": DATE,
        "leaving_date": DATE,
        "notes": TEXT,
        "supervisor_id": st.one_of(st.none(), RECORD_ID),
        "team_id": RECORD_ID,
        "role_id": RECORD_ID,
    },
)


@HOSTILE
@given(fields=STAFF_FIELDS, existing=st.booleans())
def test_save_staff(world: World, fields: dict[str, Any], existing: bool) -> None:
    draft = people.StaffDraft(name="Someone", team_id=world.team, role_id=world.role)
    for key, value in fields.items():
        setattr(draft, key, value)
    staff_id = world.person if existing else None
    saved = attempt(world.db, lambda: people.save_staff(world.db, draft, staff_id))
    if saved is not None:
        assert saved.name == one_line(draft.name) and saved.notes == draft.notes
        assert saved.job_title == one_line(draft.job_title)
        assert saved.pay_band == one_line(draft.pay_band)
        assert 0 < saved.fte <= 1.5
        assert people.get_staff(world.db, saved.id) == saved


@HOSTILE
@given(
    staff_id=st.one_of(st.just(0), RECORD_ID),
    kind=st.one_of(st.sampled_from(["newly_qualified", "phased_return"]), TEXT, NUMBER),
    start=DATE,
    end=DATE,
    percent=NUMBER,
    note=TEXT,
)
def test_add_protection(
    world: World, staff_id: int, kind: Any, start: Any, end: Any, percent: Any, note: Any
) -> None:
    who = world.person if staff_id == 0 else staff_id
    saved = attempt(
        world.db,
        lambda: people.add_protection(world.db, who, kind, start, end, percent, note),
    )
    if saved is not None:
        assert saved.note == note and 1 <= saved.limit_percent <= 100
        stored = people.get_staff(world.db, who).protections
        assert saved in stored


@HOSTILE
@given(staff_id=st.one_of(st.just(0), RECORD_ID), day=SOME_DATE)
def test_mark_left(world: World, staff_id: int, day: Any) -> None:
    who = world.person if staff_id == 0 else staff_id
    saved = attempt(world.db, lambda: people.mark_left(world.db, who, day))
    if saved is not None:
        assert people.get_staff(world.db, who) == saved


# ---- caseloads -------------------------------------------------------------------------

BANDS = st.lists(st.tuples(SOME_TEXT, SCALE, st.one_of(st.floats(0, 5), NUMBER)), max_size=3)


@HOSTILE
@given(
    staff_id=st.one_of(st.just(0), RECORD_ID), day=SOME_DATE, cases=SCALE, bands=BANDS, note=TEXT
)
def test_record_caseloads(
    world: World, staff_id: int, day: Any, cases: Any, bands: list[tuple[Any, Any, Any]], note: Any
) -> None:
    who = world.person if staff_id == 0 else staff_id

    def save() -> caseloads.CaseloadEntry:
        entry = caseloads.make_entry(who, day, cases, bands, note, today=TODAY)
        caseloads.record_caseloads(world.db, [entry])
        return entry

    entry = attempt(world.db, save)
    if entry is not None:
        stored = caseloads.latest_caseloads(world.db, [who], on=entry.recorded_on)[who]
        assert (stored.recorded_on, stored.open_cases, stored.note) == (
            entry.recorded_on,
            entry.open_cases,
            entry.note,
        )
        assert entry.note == note
        if entry.weighted_points is None:
            assert stored.weighted_points is None
        else:
            assert math.isclose(stored.weighted_points or 0, entry.weighted_points)


# ---- supervision -----------------------------------------------------------------------

ACTIONS = st.lists(
    st.builds(
        supervision.ActionDraft,
        text=TEXT,
        owner_staff_id=st.one_of(st.none(), RECORD_ID),
        owner_name=TEXT,
        due_on=DATE,
        done=st.booleans(),
    ),
    max_size=3,
)


@HOSTILE
@given(
    kind=st.one_of(st.sampled_from(["one_to_one", "group", "peer"]), TEXT),
    held_on=DATE,
    duration=NUMBER,
    attendees=st.lists(RECORD_ID, max_size=3),
    use_person=st.booleans(),
    supervisor_id=st.one_of(st.none(), RECORD_ID),
    supervisor_name=TEXT,
    notes=st.tuples(TEXT, TEXT, TEXT, TEXT),
    figure=NUMBER,
    next_on=DATE,
    actions=ACTIONS,
    reviewed=st.dictionaries(RECORD_ID, st.booleans(), max_size=2),
    existing=st.booleans(),
)
def test_save_session(
    world: World,
    kind: Any,
    held_on: Any,
    duration: Any,
    attendees: list[int],
    use_person: bool,
    supervisor_id: Any,
    supervisor_name: Any,
    notes: tuple[Any, Any, Any, Any],
    figure: Any,
    next_on: Any,
    actions: list[supervision.ActionDraft],
    reviewed: dict[int, bool],
    existing: bool,
) -> None:
    draft = supervision.SessionDraft(
        kind=kind,
        held_on=held_on,
        duration_minutes=duration,
        attendee_ids=[world.person] if use_person else attendees,
        supervisor_id=supervisor_id,
        supervisor_name=supervisor_name,
        casework=notes[0],
        learning=notes[1],
        wellbeing=notes[2],
        reflection=notes[3],
        caseload_figure=figure,
        next_session_on=next_on,
        actions=actions,
        reviewed_actions=reviewed,
    )
    target = world.session if existing else None
    saved = attempt(
        world.db, lambda: supervision.save_session(world.db, draft, target, today=TODAY)
    )
    if saved is not None:
        assert (saved.casework, saved.learning, saved.wellbeing, saved.reflection) == notes
        assert saved.supervisor_name == one_line(supervisor_name)
        kept = [a for a in actions if a.text.strip()]
        assert [a.text for a in saved.actions] == [a.text.strip() for a in kept]
        assert [a.owner_name for a in saved.actions] == [one_line(a.owner_name) for a in kept]
        assert supervision.get_session(world.db, saved.id) == saved


@HOSTILE
@given(session_id=st.one_of(st.just(0), RECORD_ID), day=SOME_DATE)
def test_agree_session(world: World, session_id: int, day: Any) -> None:
    which = world.session if session_id == 0 else session_id
    saved = attempt(world.db, lambda: supervision.agree_session(world.db, which, day, today=TODAY))
    if saved is not None:
        assert saved.status == "agreed" and supervision.get_session(world.db, which) == saved


# ---- check-ins and signposting --------------------------------------------------------


@HOSTILE
@given(
    staff_id=st.one_of(st.just(0), RECORD_ID),
    scales=st.tuples(NUMBER, NUMBER, NUMBER, NUMBER),
    held_on=DATE,
    notes=TEXT,
    follow_up=st.booleans(),
)
def test_save_checkin(
    world: World,
    staff_id: int,
    scales: tuple[Any, Any, Any, Any],
    held_on: Any,
    notes: Any,
    follow_up: bool,
) -> None:
    who = world.person if staff_id == 0 else staff_id
    draft = checkins.CheckInDraft(held_on, *scales, notes=notes, follow_up_needed=follow_up)
    saved = attempt(world.db, lambda: checkins.save_checkin(world.db, who, draft, today=TODAY))
    if saved is not None:
        assert saved.notes == notes
        assert saved in checkins.checkin_history(world.db, who)


SERVICE_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        name: TEXT
        for name in (
            "name",
            "description",
            "phone",
            "text_number",
            "email",
            "website",
            "hours",
            "audience",
            "nation",
            "source",
        )
    }
    | {"category": st.one_of(st.sampled_from(["helpline", "crisis"]), TEXT), "last_checked": DATE},
)


@HOSTILE
@given(fields=SERVICE_FIELDS, existing=st.booleans())
def test_save_service(world: World, fields: dict[str, Any], existing: bool) -> None:
    draft = signposting.ServiceDraft(name="A service")
    for key, value in fields.items():
        setattr(draft, key, value)
    target = world.service if existing else None
    saved = attempt(
        world.db, lambda: signposting.save_service(world.db, draft, target, today=TODAY)
    )
    if saved is not None:
        assert saved.description == draft.description and saved.source == draft.source
        for key in (
            "name",
            "phone",
            "text_number",
            "email",
            "website",
            "hours",
            "audience",
            "nation",
        ):
            assert getattr(saved, key) == one_line(getattr(draft, key))
        assert signposting.get_service(world.db, saved.id) == saved


@HOSTILE
@given(
    staff_id=st.one_of(st.just(0), RECORD_ID),
    service_id=st.one_of(st.just(0), RECORD_ID),
    day=DATE,
    reason=st.one_of(st.sampled_from(["stress", "other"]), TEXT),
    notes=TEXT,
    follow_up=DATE,
)
def test_record_signposting(
    world: World, staff_id: int, service_id: int, day: Any, reason: Any, notes: Any, follow_up: Any
) -> None:
    who = world.person if staff_id == 0 else staff_id
    where = world.service if service_id == 0 else service_id
    saved = attempt(
        world.db,
        lambda: signposting.record_signposting(
            world.db,
            who,
            where,
            signposted_on=day,
            reason=reason,
            notes=notes,
            follow_up_on=follow_up,
            today=TODAY,
        ),
    )
    if saved is not None:
        assert saved.notes == notes and saved in signposting.signposting_for(world.db, who)


@HOSTILE
@given(record_id=st.one_of(st.just(0), RECORD_ID), outcome=SOME_TEXT, day=SOME_DATE)
def test_record_outcome(world: World, record_id: int, outcome: Any, day: Any) -> None:
    which = world.signposting if record_id == 0 else record_id
    saved = attempt(
        world.db,
        lambda: signposting.record_outcome(world.db, which, outcome, on=day, today=TODAY),
    )
    if saved is not None:
        assert saved.outcome == outcome
        assert saved in signposting.signposting_for(world.db, saved.staff_id)


# ---- audit, subject access, erasure, retention -----------------------------------------


@HOSTILE
@given(
    action=st.one_of(st.sampled_from(["exported", "printed"]), TEXT),
    record_type=st.one_of(st.sampled_from(["staff_member", "team"]), TEXT),
    record_id=st.one_of(RECORD_ID, TEXT),
    detail=TEXT,
    actor=TEXT,
    since=DATE,
    until=DATE,
)
def test_audit_entry_points(
    world: World,
    action: Any,
    record_type: Any,
    record_id: Any,
    detail: Any,
    actor: Any,
    since: Any,
    until: Any,
) -> None:
    attempt(world.db, lambda: audit.set_actor(world.db, actor))
    recorded = attempt(
        world.db,
        lambda: audit.record_event(world.db, action, record_type, record_id, detail) or True,
    )
    if recorded:
        newest = audit.list_entries(world.db, limit=1)[0]
        assert (newest.action, newest.record_type, newest.record_id, newest.detail) == (
            action,
            record_type,
            str(record_id).strip(),
            one_line(detail),
        )
    if isinstance(since, dt.date) and isinstance(until, dt.date):
        attempt(world.db, lambda: audit.list_entries(world.db, since=since, until=until))
    assert audit.verify_chain(world.db).ok
    audit.set_actor(world.db, None)


@HOSTILE
@given(notes=TEXT, name=TEXT, staff_id=st.one_of(st.just(0), RECORD_ID))
def test_subject_access_with_hostile_content(
    world: World, notes: Any, name: Any, staff_id: int
) -> None:
    from wellbeing_desktop.reports.subject_access import build

    draft = people.StaffDraft(name=name, team_id=world.team, role_id=world.role, notes=notes)
    attempt(world.db, lambda: people.save_staff(world.db, draft, world.person))
    attempt(
        world.db,
        lambda: checkins.save_checkin(
            world.db,
            world.person,
            checkins.CheckInDraft(TODAY, 3, 3, 3, 3, notes=notes),
            today=TODAY,
        ),
    )
    # The free text of the workload and learning records, through their services.
    attempt(
        world.db,
        lambda: development.save_cpd_entry(
            world.db,
            world.person,
            development.CpdDraft(done_on=TODAY, activity="Reading", hours=1, reflection=notes),
            today=TODAY,
        ),
    )
    plan = attempt(
        world.db,
        lambda: development.save_plan(world.db, world.person, 2026, notes=notes, today=TODAY),
    )
    if plan is not None:
        attempt(
            world.db,
            lambda: development.save_objective(
                world.db,
                plan.id,
                development.ObjectiveDraft(text=name or "Objective", progress=notes),
                today=TODAY,
            ),
        )
    attempt(
        world.db,
        lambda: training.record_training(
            world.db,
            training.CompletionDraft(
                course_id=world.course,
                completed_on=TODAY,
                evidence=notes,
                staff_ids=[world.person],
            ),
            today=TODAY,
        ),
    )
    review = attempt(
        world.db,
        lambda: workload_reviews.save_review(
            world.db,
            world.person,
            workload_reviews.ReviewDraft(
                agreed_on=TODAY, review_on=TODAY, other_action=notes, agreed_by=name
            ),
            today=TODAY,
        ),
    )
    if review is not None:
        attempt(
            world.db, lambda: workload_reviews.close_review(world.db, review.id, notes, today=TODAY)
        )
    who = world.person if staff_id == 0 else staff_id
    document = attempt(world.db, lambda: subject_access.gather(world.db, who))
    if document is not None:
        assert subject_access.to_json(document)  # every value is JSON
        assert build(document).startswith(b"%PDF")


@HOSTILE
@given(staff_id=st.one_of(st.just(0), RECORD_ID))
def test_erasure_entry_points(world: World, staff_id: int) -> None:
    draft = people.StaffDraft(name="To go", team_id=world.team, role_id=world.role)
    throwaway = people.save_staff(world.db, draft).id
    who = throwaway if staff_id == 0 else staff_id
    preview = attempt(world.db, lambda: erasure.preview_erasure(world.db, who))
    if preview is not None and who not in {world.person, world.manager}:
        done = attempt(world.db, lambda: erasure.erase_person(world.db, who, expected=preview))
        assert done == preview
        with pytest.raises(NotFoundError):
            people.get_staff(world.db, who)


@HOSTILE
@given(years=st.one_of(st.integers(1, 100), NUMBER))
def test_retention_entry_points(world: World, years: Any) -> None:
    saved = attempt(world.db, lambda: retention.set_retention_years(world.db, years))
    if saved is not None:
        assert retention.retention_years(world.db) == saved
        assert retention.preview_retention(world.db, today=TODAY).years == saved
