"""Fixtures shared by the whole suite.

* Every test gets its own empty ``WELLBEING_DESKTOP_HOME``, so nothing touches a real
  profile, and Qt draws offscreen.
* ``database_url`` (and ``db`` on top of it) runs a test twice: once on a new SQLite
  file and once on a new database on a real PostgreSQL server started for the
  session. Without PostgreSQL the PostgreSQL lane is skipped with the reason shown,
  except in CI (``CI`` set), where it fails instead: CI must never quietly test less.
* ``sqlite_path``/``sqlite_url`` are for tests that are about SQLite files only.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.keyrings import MemoryKeyring
from tests.pg_server import PostgresServer, PostgresUnavailable
from wellbeing_desktop.storage.database import Database, open_database

HOME_OVERRIDE = "WELLBEING_DESKTOP_HOME"

# Set at import as well as per test: pytest-qt's session-wide QApplication may be made
# before any function-scoped fixture runs, and Qt reads the platform only once.
os.environ["QT_QPA_PLATFORM"] = "offscreen"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session", autouse=True)
def session_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An app home for session-wide fixtures, so even they never see a real profile."""
    home = tmp_path_factory.mktemp("session-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(HOME_OVERRIDE, str(home))
        yield home


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty app home for each test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv(HOME_OVERRIDE, str(home))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    return home


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Select a credential store that lives in this process, and put the old one back."""
    import keyring

    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A real PostgreSQL server for the session, or a skip (a failure in CI)."""
    server: PostgresServer | None = None
    try:
        server = PostgresServer()
        server.start()
    except (PostgresUnavailable, OSError, psycopg.Error, subprocess.SubprocessError) as error:
        reason = f"PostgreSQL lane unavailable: {error}"
        if in_ci():
            pytest.fail(f"{reason} (CI is set, so this fails rather than skips)", pytrace=False)
        pytest.skip(reason)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    """Where a new SQLite database may be made: its folder exists, the file does not."""
    folder = tmp_path / "db"
    folder.mkdir(exist_ok=True)
    return folder / "wellbeing.sqlite3"


@pytest.fixture
def sqlite_url(sqlite_path: Path) -> str:
    return f"sqlite:///{sqlite_path}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A URL for a new, empty database, on each backend in turn."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_url")
        return
    server: PostgresServer = request.getfixturevalue("pg_server")
    name = server.new_database()
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    """An open, up-to-date, empty Wellbeing Desktop database on each backend."""
    database = open_database(database_url)
    try:
        yield database
    finally:
        database.close()
