"""Erasure: a person removed completely after a preview, others' records kept without
them, and an audit entry holding counts only; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.services.scenarios import SUBJECT_NAME, SUBJECT_NOTE, Team, build_team
from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import audit, checkins, erasure, people, subject_access, supervision
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import Base

from .builders import TODAY

# Every column that points at a person.
PERSON_COLUMNS = (
    ("staff_member", "id"),
    ("staff_member", "supervisor_id"),
    ("protection", "staff_id"),
    ("caseload_record", "staff_id"),
    ("session_attendee", "staff_id"),
    ("supervision_session", "supervisor_id"),
    ("supervision_action", "owner_staff_id"),
    ("check_in", "staff_id"),
    ("signposting_record", "staff_id"),
)


@pytest.fixture
def team(app_db: Database) -> Team:
    return build_team(app_db)


def everything(db: Database) -> str:
    """Every row of every table, as one text, to search."""
    with db.engine.connect() as connection:
        return repr(
            [connection.execute(table.select()).all() for table in Base.metadata.sorted_tables]
        )


def test_every_column_that_points_at_a_person_is_listed() -> None:
    pointing = {
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table.name == "staff_member"
    }
    assert pointing | {("staff_member", "id")} == set(PERSON_COLUMNS)


def test_the_preview_counts_what_will_go(app_db: Database, team: Team) -> None:
    preview = erasure.preview_erasure(app_db, team.subject)
    assert dict(preview.removed) == {
        "staff_member": 1,
        "protection": 1,
        "caseload_record": 2,
        "caseload_band": 2,
        "check_in": 2,
        "signposting_record": 1,
        "session_attendee": 2,
        "supervision_session": 1,  # only their own one-to-one: the group session stays
        "supervision_action": 2,
    }
    assert dict(preview.cleared) == {
        "action_owner": 2,  # their action in the group session and in the other's session
        "session_supervisor": 1,
        "staff_supervisor": 1,
    }
    assert preview.total_removed == 14
    assert SUBJECT_NAME not in preview.detail()


def test_erasure_removes_the_person_completely(app_db: Database, team: Team) -> None:
    preview = erasure.preview_erasure(app_db, team.subject)
    assert erasure.erase_person(app_db, team.subject, expected=preview) == preview

    with app_db.engine.connect() as connection:
        for table, column in PERSON_COLUMNS:
            left = connection.execute(
                text(f"SELECT count(*) FROM {table} WHERE {column} = :id"), {"id": team.subject}
            ).scalar()
            assert left == 0, f"{table}.{column}"
    dumped = everything(app_db)
    assert SUBJECT_NAME not in dumped and SUBJECT_NOTE not in dumped
    with pytest.raises(NotFoundError):
        subject_access.gather(app_db, team.subject)
    with pytest.raises(NotFoundError):
        supervision.get_session(app_db, team.sole_session)


def test_what_others_share_stays_without_them(app_db: Database, team: Team) -> None:
    erasure.erase_person(app_db, team.subject)
    group = supervision.get_session(app_db, team.group_session)
    assert group.attendee_ids == (team.other,)
    assert [(a.text, a.owner_staff_id, a.owner_name) for a in group.actions] == [
        ("Subject's group action", None, ""),
        ("Other's group action", team.other, group.actions[1].owner_name),
    ]
    others = supervision.get_session(app_db, team.others_session)
    assert (others.supervisor_id, others.supervisor_name) == (None, "")
    assert [a.owner_staff_id for a in others.actions] == [None, team.other]
    assert people.get_staff(app_db, team.supervisee).supervisor_id is None
    assert len(checkins.checkin_history(app_db, team.other)) == 1
    assert audit.verify_chain(app_db).ok


def test_the_audit_entry_holds_counts_only(app_db: Database, team: Team) -> None:
    erasure.erase_person(app_db, team.subject)
    entry = audit.list_entries(app_db, action="erased")[0]
    assert (entry.record_type, entry.record_id) == ("staff_member", str(team.subject))
    assert entry.detail.startswith("removed: staff_member 1, protection 1, caseload_record 2")
    assert "cleared: action_owner 2" in entry.detail
    assert SUBJECT_NAME.split()[0] not in entry.detail


def test_nothing_goes_if_the_records_changed_since_the_preview(
    app_db: Database, team: Team
) -> None:
    preview = erasure.preview_erasure(app_db, team.subject)
    checkins.save_checkin(app_db, team.subject, checkins.CheckInDraft(TODAY, 3, 3, 3, 3),
                          today=TODAY)
    before = everything(app_db)
    with pytest.raises(ValidationError, match="changed since the preview"):
        erasure.erase_person(app_db, team.subject, expected=preview)
    assert everything(app_db) == before


@pytest.mark.parametrize("staff_id", [9999, 0, -1, 2**40])
def test_nobody_to_erase(app_db: Database, team: Team, staff_id: int) -> None:
    before = everything(app_db)
    with pytest.raises(NotFoundError):
        erasure.preview_erasure(app_db, staff_id)
    with pytest.raises(NotFoundError):
        erasure.erase_person(app_db, staff_id)
    assert everything(app_db) == before


def test_a_group_session_goes_when_everyone_in_it_goes(app_db: Database, team: Team) -> None:
    erasure.erase_person(app_db, team.subject)
    preview = erasure.preview_erasure(app_db, team.other)
    # Now only the other was supervised in the group session: it goes with them.
    assert preview.count("supervision_session") == 2
    erasure.erase_person(app_db, team.other, expected=preview)
    with pytest.raises(NotFoundError):
        supervision.get_session(app_db, team.group_session)
