"""Opening databases: new, existing, and every kind we must refuse without harm.

A refused SQLite file must be left exactly as it was: the same bytes, and no
``-wal``/``-shm`` files beside it that we made.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from wellbeing_desktop.errors import (
    DamagedDatabaseError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseNotFoundError,
    DatabaseUnreachableError,
    NewerSchemaError,
    NotADatabaseError,
)
from wellbeing_desktop.storage import models
from wellbeing_desktop.storage.database import BUSY_TIMEOUT_MS, Database, open_database
from wellbeing_desktop.storage.schema import HEAD_REVISION

NEWER_REVISION = "9999_from_the_future"
SHORT_WAIT_MS = 200


def assert_user_message(error: BaseException) -> None:
    """One calm sentence: no line breaks, no driver dump, no SQL."""
    message = str(error)
    assert message and "\n" not in message, message
    assert len(message) < 300, message
    assert not re.search(r"sqlite3\.\w+|psycopg|Background on this error|SELECT|INSERT", message), (
        message
    )


def folder_snapshot(folder: Path) -> dict[str, str]:
    """Every file in the folder with its SHA-256, so both changes and new files show."""
    return {
        entry.name: hashlib.sha256(entry.read_bytes()).hexdigest() if entry.is_file() else "dir"
        for entry in sorted(folder.iterdir())
    }


def fill_with_data(database: Database, people: int = 300) -> None:
    with database.session() as session:
        role = models.Role(name="Social worker", amber_threshold=18, red_threshold=22)
        team = models.Team(name="Test team")
        session.add_all([role, team])
        session.flush()
        session.add_all(
            models.StaffMember(
                team_id=team.id, role_id=role.id, name=f"Person {number}", notes="n" * 200
            )
            for number in range(people)
        )


def read_everything(database: Database) -> int:
    rows = 0
    with database.session() as session:
        for mapper in models.Base.registry.mappers:
            rows += len(session.scalars(select(mapper.class_)).all())
    return rows


@pytest.fixture(scope="module")
def real_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed database with a few hundred rows, made once; tests copy it."""
    path = tmp_path_factory.mktemp("template") / "real.sqlite3"
    database = open_database(path)
    fill_with_data(database)
    database.close()
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """An empty folder holding nothing but the file under test."""
    path = tmp_path / "files"
    path.mkdir()
    return path


# -- opening good databases -----------------------------------------------------------------


def test_opens_a_new_database_and_reopens_it_with_its_data(database_url: str) -> None:
    database = open_database(database_url)
    try:
        with database.session() as session:
            session.add(models.Team(name="Reopened team"))
    finally:
        database.close()

    database = open_database(database_url, create=False)
    try:
        with database.session() as session:
            names = session.scalars(select(models.Team.name)).all()
        assert names == ["Reopened team"]
    finally:
        database.close()


def test_a_new_sqlite_file_leaves_nothing_else_behind(sqlite_path: Path) -> None:
    open_database(sqlite_path).close()
    open_database(sqlite_path).close()
    assert sorted(entry.name for entry in sqlite_path.parent.iterdir()) == [sqlite_path.name]


def test_reopening_an_up_to_date_file_changes_nothing(real_database: Path, folder: Path) -> None:
    path = folder / "copy.sqlite3"
    shutil.copy(real_database, path)
    before = folder_snapshot(folder)

    database = open_database(path)
    assert read_everything(database) > 300
    database.close()

    assert folder_snapshot(folder) == before


def test_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "not" / "yet" / "there" / "wellbeing.sqlite3"
    open_database(path).close()
    assert path.is_file()


def test_a_zero_length_file_becomes_a_database(folder: Path) -> None:
    path = folder / "empty.sqlite3"
    path.touch()
    database = open_database(path)
    try:
        # Only what the migrations start every database with: the audit chain's head
        # and the retention setting.
        assert read_everything(database) == 2
    finally:
        database.close()


def test_create_false_refuses_a_missing_file(sqlite_path: Path) -> None:
    with pytest.raises(DatabaseNotFoundError) as caught:
        open_database(sqlite_path, create=False)
    assert_user_message(caught.value)
    assert not any(sqlite_path.parent.iterdir()), "nothing may be made when create=False"


# -- SQLite files that must be refused, untouched -------------------------------------------


def make_text_file(path: Path, _real: Path) -> None:
    path.write_text("This is a letter, not a database.\n" * 50)


def make_foreign_database(path: Path, _real: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, file_name TEXT)")
    connection.execute("CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT)")
    connection.commit()
    connection.close()


def make_newer_database(path: Path, real: Path) -> None:
    shutil.copy(real, path)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = ?", (NEWER_REVISION,))
    connection.commit()
    connection.close()


def truncate_to(fraction_of_pages: float, extra_bytes: int = 0) -> Callable[[Path, Path], None]:
    def make(path: Path, real: Path) -> None:
        shutil.copy(real, path)
        page_size = sqlite3.connect(real).execute("PRAGMA page_size").fetchone()[0]
        pages = path.stat().st_size // page_size
        os.truncate(path, int(pages * fraction_of_pages) * page_size + extra_bytes)

    return make


def truncate_inside_header(path: Path, real: Path) -> None:
    shutil.copy(real, path)
    os.truncate(path, 60)


REFUSED_FILES = {
    "text file": (make_text_file, NotADatabaseError),
    "another program's database": (make_foreign_database, NotADatabaseError),
    "newer schema": (make_newer_database, NewerSchemaError),
    "truncated at a page boundary": (truncate_to(0.5), DamagedDatabaseError),
    "truncated mid-page": (truncate_to(0.5, extra_bytes=1000), DamagedDatabaseError),
    "truncated to the last page": (truncate_to(0.99), DamagedDatabaseError),
    "truncated inside the header": (truncate_inside_header, DamagedDatabaseError),
}


@pytest.mark.parametrize("kind", list(REFUSED_FILES))
def test_refuses_a_file_and_leaves_it_untouched(
    kind: str, real_database: Path, folder: Path
) -> None:
    make, expected = REFUSED_FILES[kind]
    path = folder / "wellbeing.sqlite3"
    make(path, real_database)
    before = folder_snapshot(folder)

    with pytest.raises(DatabaseError) as caught:
        open_database(path)

    assert type(caught.value) is expected, f"{kind}: {caught.value!r}"
    assert_user_message(caught.value)
    assert folder_snapshot(folder) == before


def overwrite_middle_pages(path: Path) -> None:
    size = path.stat().st_size
    garbage = random.Random(20240304).randbytes(size // 3)
    with path.open("r+b") as handle:
        handle.seek(size // 3)
        handle.write(garbage)


def test_refuses_a_file_with_garbage_in_the_middle(real_database: Path, folder: Path) -> None:
    path = folder / "wellbeing.sqlite3"
    shutil.copy(real_database, path)
    overwrite_middle_pages(path)
    before = folder_snapshot(folder)

    # Only the header and schema are checked on opening (a full check would slow every
    # start), so the damage may show at the first read instead: either way, as a
    # DamagedDatabaseError, never a raw driver error.
    database: Database | None = None
    with pytest.raises(DamagedDatabaseError) as caught:
        database = open_database(path)
        read_everything(database)
    if database is not None:
        database.close()

    assert_user_message(caught.value)
    assert folder_snapshot(folder) == before


def test_refuses_a_folder(folder: Path) -> None:
    path = folder / "wellbeing.sqlite3"
    path.mkdir()
    with pytest.raises(NotADatabaseError) as caught:
        open_database(path)
    assert_user_message(caught.value)
    assert path.is_dir() and not any(path.iterdir())
    assert folder_snapshot(folder) == {"wellbeing.sqlite3": "dir"}


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root reads any file whatever its permissions, so this cannot be tested as root",
)
def test_refuses_a_file_it_may_not_read(real_database: Path, folder: Path) -> None:
    path = folder / "wellbeing.sqlite3"
    shutil.copy(real_database, path)
    path.chmod(0)
    try:
        with pytest.raises(DatabaseError) as caught:
            open_database(path)
        assert_user_message(caught.value)
        assert "permission" in str(caught.value)
    finally:
        path.chmod(0o600)


def test_refuses_a_path_whose_folder_cannot_be_made(folder: Path) -> None:
    # A file where a folder should be stops even root from making the folder.
    blocker = folder / "blocker"
    blocker.write_text("in the way")
    before = folder_snapshot(folder)

    with pytest.raises(DatabaseError) as caught:
        open_database(blocker / "sub" / "wellbeing.sqlite3")

    assert_user_message(caught.value)
    assert folder_snapshot(folder) == before


# -- foreign and newer databases on every backend --------------------------------------------


def test_refuses_another_programs_tables(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE photo (id INTEGER PRIMARY KEY, file_name TEXT)"))
    try:
        with pytest.raises(NotADatabaseError) as caught:
            open_database(database_url)
        assert_user_message(caught.value)
        with engine.connect() as connection:
            tables = connection.dialect.get_table_names(connection)
        assert tables == ["photo"], "nothing may be added to another program's database"
    finally:
        engine.dispose()


def test_refuses_a_newer_schema_and_leaves_its_revision(database_url: str) -> None:
    database = open_database(database_url)
    with database.engine.begin() as connection:
        connection.execute(
            text("UPDATE alembic_version SET version_num = :newer"), {"newer": NEWER_REVISION}
        )
    database.close()

    with pytest.raises(NewerSchemaError) as caught:
        open_database(database_url)
    assert_user_message(caught.value)
    assert "newer version" in str(caught.value)

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert revision.scalar() == NEWER_REVISION
    finally:
        engine.dispose()


# -- PostgreSQL addresses and bad URLs -----------------------------------------------------


@pytest.fixture
def closed_port() -> int:
    """A loopback port with nothing listening on it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_postgresql_server_is_reported_quickly(closed_port: int) -> None:
    started = time.monotonic()
    with pytest.raises(DatabaseUnreachableError) as caught:
        open_database(f"postgresql://someone:s3cret@127.0.0.1:{closed_port}/wellbeing")
    assert time.monotonic() - started < 3
    assert_user_message(caught.value)
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "mysql://someone:s3cret@localhost/wellbeing",
        "oracle+oracledb://someone:s3cret@localhost/wellbeing",
        "http://example.org/wellbeing",
        "postgresql://someone:s3cret@localhost:notaport/wellbeing",
        "postgresql://someone:s3cret@[::1:broken/wellbeing",
        "://nothing-before-the-colon",
        "sqlite+aiosqlite:///wellbeing.sqlite3",
        "wellbeing\x00.sqlite3",
    ],
)
def test_refuses_bad_urls(url: str) -> None:
    with pytest.raises(DatabaseError) as caught:
        open_database(url)
    assert_user_message(caught.value)
    assert "s3cret" not in str(caught.value)


# -- SQLite settings and locking ------------------------------------------------------------


def test_sqlite_pragmas_are_in_effect(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        with database.engine.connect() as connection:
            pragma = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("foreign_keys", "journal_mode", "synchronous", "busy_timeout")
            }
    finally:
        database.close()
    assert pragma == {
        "foreign_keys": 1,
        "journal_mode": "wal",
        "synchronous": 2,  # FULL
        "busy_timeout": BUSY_TIMEOUT_MS,
    }


def test_busy_timeout_can_be_shortened(sqlite_url: str) -> None:
    database = open_database(sqlite_url, busy_timeout_ms=SHORT_WAIT_MS)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == SHORT_WAIT_MS
    finally:
        database.close()


@pytest.fixture
def exclusive_writer() -> Iterator[Callable[[Path], sqlite3.Connection]]:
    """Another program holding a write lock (BEGIN EXCLUSIVE) on a file."""
    held: list[sqlite3.Connection] = []

    def hold(path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN EXCLUSIVE")
        held.append(connection)
        return connection

    yield hold
    for connection in held:
        connection.rollback()
        connection.close()


def test_a_write_blocked_by_another_writer_is_reported_as_locked(
    real_database: Path, folder: Path, exclusive_writer: Callable[[Path], sqlite3.Connection]
) -> None:
    path = folder / "wellbeing.sqlite3"
    shutil.copy(real_database, path)
    exclusive_writer(path)

    # In WAL mode readers are never blocked, so opening and reading still work ...
    database = open_database(path, busy_timeout_ms=SHORT_WAIT_MS)
    try:
        assert read_everything(database) > 0
        # ... and it is the save that waits, then gives up with a clear message.
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError) as caught, database.session() as session:
            session.add(models.Team(name="Blocked team"))
        assert time.monotonic() - started < 3
    finally:
        database.close()
    assert_user_message(caught.value)
    assert "another program" in str(caught.value)


def test_opening_a_file_locked_by_another_writer_is_refused_untouched(
    folder: Path, exclusive_writer: Callable[[Path], sqlite3.Connection]
) -> None:
    # A file not (yet) in WAL mode: another program's exclusive lock keeps even readers out.
    path = folder / "wellbeing.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE scratch (x)")
    connection.execute("DROP TABLE scratch")
    connection.commit()
    connection.close()
    before = folder_snapshot(folder)
    writer = exclusive_writer(path)

    with pytest.raises(DatabaseLockedError) as caught:
        open_database(path, busy_timeout_ms=SHORT_WAIT_MS)

    assert_user_message(caught.value)
    writer.rollback()
    assert folder_snapshot(folder) == before


def test_a_database_at_head_is_opened_without_upgrading(sqlite_path: Path) -> None:
    open_database(sqlite_path).close()
    database = open_database(sqlite_path, upgrade=False)
    try:
        with database.engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert revision.scalar() == HEAD_REVISION
    finally:
        database.close()
