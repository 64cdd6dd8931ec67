"""The Alembic migrations against the models, on SQLite and PostgreSQL.

Adding a migration means adding its revision to ``storage/schema.py`` and a data
filler for it to ``FILLERS`` below; the tests here fail until both are done, and
then check, for every earlier revision, that a database holding data at that
revision opens (upgrades) in the new version with its data intact.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, inspect, select, text

from wellbeing_desktop.storage import models
from wellbeing_desktop.storage.database import open_database
from wellbeing_desktop.storage.migrate import alembic_config, downgrade, script_heads
from wellbeing_desktop.storage.schema import HEAD_REVISION, KNOWN_REVISIONS

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL_TABLES = frozenset(models.Base.metadata.tables)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A plain engine on the empty test database, as an earlier version would have used."""
    engine = create_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def migrate(engine: Engine, revision: str) -> None:
    command.upgrade(alembic_config(engine), revision)


def table_names(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def stamped_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        return list(compare_metadata(context, models.Base.metadata))


# -- the revision list -------------------------------------------------------------------


def test_known_revisions_match_the_migration_scripts() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    in_order = tuple(reversed([revision.revision for revision in script.walk_revisions()]))
    assert script_heads() == (HEAD_REVISION,), "the migrations must have exactly one head"
    assert in_order == KNOWN_REVISIONS, (
        "storage/schema.py's KNOWN_REVISIONS must list every migration, oldest first"
    )


# -- the schema the migrations make ------------------------------------------------------


def test_upgrade_from_empty_makes_exactly_the_models_tables(engine: Engine) -> None:
    migrate(engine, "head")

    assert table_names(engine) == {*MODEL_TABLES, "alembic_version"}
    assert stamped_revision(engine) == HEAD_REVISION
    assert schema_differences(engine) == []


def test_open_database_makes_the_same_schema_as_the_migrations(database_url: str) -> None:
    database = open_database(database_url)
    try:
        assert table_names(database.engine) == {*MODEL_TABLES, "alembic_version"}
        assert schema_differences(database.engine) == []
    finally:
        database.close()


def test_downgrade_to_base_and_upgrade_again(engine: Engine) -> None:
    migrate(engine, "head")

    downgrade(engine, "base")
    assert table_names(engine) <= {"alembic_version"}
    assert stamped_revision(engine) is None

    migrate(engine, "head")
    assert table_names(engine) == {*MODEL_TABLES, "alembic_version"}
    assert schema_differences(engine) == []


# -- data written at every revision survives the upgrade ----------------------------------

# A filler writes a few rows into every table that exists at its revision, with plain
# SQL written for that revision's schema (never the current models, which move on),
# and returns how many rows it wrote to each table.
Filler = Callable[[Connection], dict[str, int]]
FILLERS: dict[str, Filler] = {}


def filler(revision: str) -> Callable[[Filler], Filler]:
    def register(function: Filler) -> Filler:
        FILLERS[revision] = function
        return function

    return register


def insert(connection: Connection, table: str, rows: list[dict[str, object]]) -> int:
    columns = list(rows[0])
    statement = text(
        f"INSERT INTO {table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + column for column in columns)})"
    )
    connection.execute(statement, rows)
    return len(rows)


@filler("0001_initial")
def fill_0001_initial(connection: Connection) -> dict[str, int]:
    day = dt.date(2024, 3, 4).isoformat()
    later = dt.date(2024, 4, 1).isoformat()
    written = {
        "role": insert(connection, "role", [
            {"id": 1, "key": "social_worker", "name": "Social worker", "amber_threshold": 18.0,
             "red_threshold": 22.0, "uses_weighting": False, "supervision_interval_days": 28,
             "checkin_interval_days": 28, "source": "test"},
            {"id": 2, "key": None, "name": "Weighted role", "amber_threshold": 40.0,
             "red_threshold": 50.0, "uses_weighting": True, "supervision_interval_days": 42,
             "checkin_interval_days": 14, "source": ""},
        ]),
        "team": insert(connection, "team", [
            {"id": 1, "name": "Upgrade team", "service": "Adults", "manager_name": "Manager A",
             "archived": False},
        ]),
        "staff_member": insert(connection, "staff_member", [
            {"id": 1, "team_id": 1, "role_id": 1, "name": "Person A", "job_title": "SW",
             "pay_band": "6", "fte": 1.0, "start_date": day, "leaving_date": None,
             "supervisor_id": None, "notes": ""},
            {"id": 2, "team_id": 1, "role_id": 2, "name": "Person B", "job_title": "OT",
             "pay_band": "5", "fte": 0.6, "start_date": None, "leaving_date": later,
             "supervisor_id": 1, "notes": "note"},
        ]),
        "protection": insert(connection, "protection", [
            {"id": 1, "staff_id": 2, "kind": "newly_qualified", "start_date": day,
             "end_date": later, "limit_percent": 80, "note": ""},
        ]),
        "caseload_record": insert(connection, "caseload_record", [
            {"id": 1, "staff_id": 1, "recorded_on": day, "open_cases": 20,
             "weighted_points": None, "note": ""},
            {"id": 2, "staff_id": 2, "recorded_on": day, "open_cases": 9,
             "weighted_points": 31.5, "note": ""},
        ]),
        "caseload_band": insert(connection, "caseload_band", [
            {"id": 1, "record_id": 2, "label": "High", "cases": 3, "weight": 4.5},
            {"id": 2, "record_id": 2, "label": "Low", "cases": 6, "weight": 3.0},
        ]),
        "supervision_session": insert(connection, "supervision_session", [
            {"id": 1, "kind": "one_to_one", "held_on": day, "duration_minutes": 60,
             "supervisor_id": 1, "supervisor_name": "Person A", "casework": "c",
             "learning": "l", "wellbeing": "w", "reflection": "r", "caseload_reviewed": True,
             "caseload_figure": 9, "next_session_on": later, "status": "agreed",
             "agreed_on": day},
        ]),
        "session_attendee": insert(connection, "session_attendee", [
            {"session_id": 1, "staff_id": 2, "held_on": day, "kind": "one_to_one"},
        ]),
        "supervision_action": insert(connection, "supervision_action", [
            {"id": 1, "session_id": 1, "text": "Action one", "owner_staff_id": 2,
             "owner_name": "Person B", "due_on": later, "done": False, "done_on": None,
             "carried_from_id": None},
            {"id": 2, "session_id": 1, "text": "Action two", "owner_staff_id": None,
             "owner_name": "", "due_on": None, "done": True, "done_on": day,
             "carried_from_id": 1},
        ]),
        "check_in": insert(connection, "check_in", [
            {"id": 1, "staff_id": 2, "held_on": day, "overall": 3, "workload": 2, "stress": 4,
             "support": 5, "notes": "", "follow_up_needed": True, "follow_up_done_on": None},
        ]),
        "wellbeing_service": insert(connection, "wellbeing_service", [
            {"id": 1, "key": "test_line", "name": "Test line", "category": "helpline",
             "description": "", "phone": "0000", "text_number": "", "email": "",
             "website": "", "hours": "", "audience": "", "nation": "UK", "always_open": True,
             "last_checked": day, "source": "", "hidden": False},
        ]),
        "signposting_record": insert(connection, "signposting_record", [
            {"id": 1, "staff_id": 2, "service_id": 1, "signposted_on": day, "reason": "stress",
             "notes": "", "follow_up_on": later, "outcome": "", "outcome_on": None},
        ]),
    }
    if connection.dialect.name == "postgresql":
        # Explicit ids leave PostgreSQL's sequences behind: move them on, as the app would
        # find them after real use, so later inserts at head do not collide.
        inspector = inspect(connection)
        for table in written:
            if "id" not in {column["name"] for column in inspector.get_columns(table)}:
                continue
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            ))
    return written


def _chained_audit_rows() -> list[dict[str, object]]:
    """Audit entries as the 0002 schema holds them, chained with the hash written out
    here independently of the app: if the app's hashing ever changes, upgraded chains
    stop verifying, and tests/services/test_audit.py says so."""
    import hashlib
    import json

    rows, prev = [], "0" * 64
    for number, (action, record_type, record_id, detail) in enumerate(
        [
            ("created", "team", "1", ""),
            ("changed", "staff_member", "2", "fields: fte, notes"),
            ("exported", "staff_member", "2", "subject access (JSON)"),
        ],
        start=1,
    ):
        at = dt.datetime(2024, 3, 4, 9, 30, number, 123456, tzinfo=dt.UTC)
        fields = [prev, f"2024-03-04T09:30:0{number}.123456Z", "manager", action,
                  record_type, record_id, detail]
        digest = hashlib.sha256(
            json.dumps(fields, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        ).hexdigest()
        rows.append({"id": number, "at": at, "actor": "manager", "action": action,
                     "record_type": record_type, "record_id": record_id, "detail": detail,
                     "prev_hash": prev, "hash": digest})
        prev = digest
    return rows


@filler("0002_audit")
def fill_0002_audit(connection: Connection) -> dict[str, int]:
    written = fill_0001_initial(connection)
    entries = _chained_audit_rows()
    written["audit_entry"] = insert(connection, "audit_entry", entries)
    # The migration made the chain head and the default retention setting: move them on
    # as real use would.
    written["audit_chain_head"] = connection.execute(
        text("UPDATE audit_chain_head SET entries = :n, last_hash = :h WHERE id = 1"),
        {"n": len(entries), "h": entries[-1]["hash"]},
    ).rowcount
    written["org_setting"] = connection.execute(
        text("UPDATE org_setting SET value = '7' WHERE key = 'retention_years'")
    ).rowcount
    if connection.dialect.name == "postgresql":
        connection.execute(text(
            "SELECT setval(pg_get_serial_sequence('audit_entry', 'id'), "
            "(SELECT max(id) FROM audit_entry))"
        ))
    return written


@filler("0003_check_in_follow_up_index")
def fill_0003_check_in_follow_up_index(connection: Connection) -> dict[str, int]:
    # Only an index was added: the tables are those of 0002.
    return fill_0002_audit(connection)


def _move_sequences_on(connection: Connection, tables: list[str]) -> None:
    if connection.dialect.name == "postgresql":
        for table in tables:
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            ))


@filler("0004_workload")
def fill_0004_workload(connection: Connection) -> dict[str, int]:
    written = fill_0003_check_in_follow_up_index(connection)
    day, review = dt.date(2024, 3, 4).isoformat(), dt.date(2024, 3, 18).isoformat()
    written["workload_review"] = insert(connection, "workload_review", [
        {"id": 1, "staff_id": 1, "trigger": "red", "agreed_on": day, "agreed_by": "Manager A",
         "pause_until": review, "extra_supervision": True, "reduced_complexity": False,
         "other_action": "", "review_on": review, "closed_on": None, "outcome": ""},
    ])
    written["workload_reallocation"] = insert(connection, "workload_reallocation", [
        {"id": 1, "review_id": 1, "to_staff_id": 2, "cases": 2, "applied_on": day},
    ])
    written["team_establishment"] = insert(connection, "team_establishment", [
        {"id": 1, "team_id": 1, "role_id": 1, "funded_fte": 2.5},
        {"id": 2, "team_id": 1, "role_id": 2, "funded_fte": 1.0},
    ])
    written["unallocated_cases"] = insert(connection, "unallocated_cases", [
        {"id": 1, "team_id": 1, "recorded_on": day, "cases": 7},
    ])
    _move_sequences_on(connection, [
        "workload_review", "workload_reallocation", "team_establishment", "unallocated_cases"
    ])
    return written


@filler("0005_learning")
def fill_0005_learning(connection: Connection) -> dict[str, int]:
    written = fill_0004_workload(connection)
    day, later = dt.date(2024, 2, 29).isoformat(), dt.date(2025, 8, 29).isoformat()
    written["course"] = insert(connection, "course", [
        {"id": 1, "key": "safeguarding_adults", "name": "Safeguarding adults",
         "category": "statutory", "renewal_months": 36, "mandatory_for_all": True,
         "description": "", "source": "", "archived": False},
        {"id": 2, "key": None, "name": "Motivational interviewing", "category": "clinical",
         "renewal_months": None, "mandatory_for_all": False, "description": "d",
         "source": "", "archived": False},
    ])
    written["course_mandatory_role"] = insert(connection, "course_mandatory_role", [
        {"course_id": 2, "role_id": 1},
    ])
    written["training_completion"] = insert(connection, "training_completion", [
        {"id": 1, "staff_id": 1, "course_id": 1, "completed_on": day, "provider": "In house",
         "evidence": "certificate"},
    ])
    written["development_programme"] = insert(connection, "development_programme", [
        {"id": 1, "staff_id": 2, "kind": "preceptorship", "start_on": day,
         "expected_end_on": later, "assessor_id": 1, "assessor_name": "", "finished_on": None,
         "outcome": "", "protection_id": 1, "notes": ""},
    ])
    written["programme_milestone"] = insert(connection, "programme_milestone", [
        {"id": 1, "programme_id": 1, "position": 0, "title": "Six-month review",
         "target_on": later, "signed_off_on": None, "signed_off_by": ""},
    ])
    written["development_plan"] = insert(connection, "development_plan", [
        {"id": 1, "staff_id": 2, "year": 2024, "agreed_on": day, "notes": ""},
    ])
    written["development_objective"] = insert(connection, "development_objective", [
        {"id": 1, "plan_id": 1, "text": "Lead a group session", "target_on": later,
         "progress": "", "status": "open", "achieved_on": None},
    ])
    written["cpd_entry"] = insert(connection, "cpd_entry", [
        {"id": 1, "staff_id": 2, "done_on": day, "activity": "Conference", "category": "event",
         "hours": 6.5, "reflection": "r"},
    ])
    # The one new column on an old table: an existing action linked to the objective.
    assert connection.execute(
        text("UPDATE supervision_action SET objective_id = 1 WHERE id = 1")
    ).rowcount == 1
    _move_sequences_on(connection, [
        "course", "training_completion", "development_programme", "programme_milestone",
        "development_plan", "development_objective", "cpd_entry",
    ])
    return written


@filler("0006_reference_indexes")
def fill_0006_reference_indexes(connection: Connection) -> dict[str, int]:
    # Only indexes were added: the tables are those of 0005.
    return fill_0005_learning(connection)


def test_every_revision_has_a_data_filler() -> None:
    missing = [revision for revision in KNOWN_REVISIONS if revision not in FILLERS]
    assert not missing, (
        f"write a data filler in {Path(__file__).name} for new revision(s) {missing}: "
        "upgrades from them are otherwise untested"
    )
    assert set(FILLERS) <= set(KNOWN_REVISIONS), "a filler names an unknown revision"


def backups_beside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.before-upgrade-*"))


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_data_written_at_a_revision_survives_opening(
    revision: str, database_url: str, engine: Engine
) -> None:
    fill = FILLERS.get(revision)
    if fill is None:
        pytest.fail(f"no data filler for revision {revision}: add one to FILLERS")
    migrate(engine, revision)
    with engine.begin() as connection:
        written = fill(connection)
    tables_then = table_names(engine) - {"alembic_version"}
    assert set(written) == tables_then, "the filler must write to every table of its revision"
    engine.dispose()

    database = open_database(database_url)
    try:
        assert stamped_revision(database.engine) == HEAD_REVISION
        with database.session() as session:
            for mapper in models.Base.registry.mappers:
                table = mapper.class_.__tablename__
                # Loading every row through the current models proves the upgraded rows
                # still make sense to them, not just that they exist.
                loaded = session.scalars(select(mapper.class_)).all()
                assert len(loaded) == written.get(table, len(loaded)), table
    finally:
        database.close()

    if database.path is not None:
        backups = backups_beside(database.path)
        if revision == HEAD_REVISION:
            assert backups == [], "an up-to-date database must not be backed up on opening"
        else:
            assert len(backups) == 1, "an SQLite file is backed up before it is upgraded"
            backup = create_engine(f"sqlite:///{backups[0]}")
            try:
                assert stamped_revision(backup) == revision
            finally:
                backup.dispose()


def test_upgrade_makes_a_backup_of_an_sqlite_file_with_data(sqlite_url: str) -> None:
    # The one path an upgrade from an earlier revision takes that the revision list cannot
    # reach while there is only one revision: the backup made before migrating.
    from wellbeing_desktop.storage.migrate import upgrade_to_head

    database = open_database(sqlite_url)
    with database.engine.begin() as connection:
        written = FILLERS[HEAD_REVISION](connection)
    backup = upgrade_to_head(database.engine, database.url, had_data=True)
    database.close()

    assert backup is not None and database.path is not None
    assert backups_beside(database.path) == [backup]
    assert not backup.with_name(backup.name + ".partial").exists()
    copy = create_engine(f"sqlite:///{backup}")
    try:
        with copy.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM staff_member")).scalar() == (
                written["staff_member"]
            )
    finally:
        copy.dispose()


# -- start-up cost -------------------------------------------------------------------------


def test_opening_an_up_to_date_database_does_not_import_alembic(database_url: str) -> None:
    open_database(database_url).close()
    probe = (
        "import sys\n"
        "from wellbeing_desktop.storage.database import open_database\n"
        f"open_database({database_url!r}).close()\n"
        "loaded = sorted(name for name in sys.modules\n"
        "                if name == 'alembic' or name.startswith('alembic.')\n"
        "                or name == 'wellbeing_desktop.storage.migrate')\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", f"imported on opening: {result.stdout.strip()}"
