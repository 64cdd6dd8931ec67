"""Databases built once per test session and copied for each test.

Building a scenario through the services (migrations, defaults, dozens of saves) takes
seconds; copying the result takes milliseconds. Each test still gets its own
database, so tests that write stay isolated, on both backends:

* SQLite: the built file is closed (so its write-ahead log is folded in) and copied.
* PostgreSQL: the built database is the template of a ``CREATE DATABASE ... TEMPLATE``
  for each test, which copies it inside the server.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from tests.pg_server import PostgresServer
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage.database import Database, open_database

T = TypeVar("T")
Build = Callable[[Database], T]


def build_sqlite_template(path: Path, build: Build[T]) -> T:
    """Build into a new SQLite file at ``path`` and leave it as one self-contained file."""
    db = open_app_database(path)
    try:
        built = build(db)
    finally:
        db.close()
    with sqlite3.connect(path) as connection:  # nothing left in a -wal file to copy
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return built


def build_postgresql_template(server: PostgresServer, build: Build[T]) -> tuple[str, T]:
    """Build into a new PostgreSQL database; returns its name (closed, ready to copy)."""
    name = server.new_database()
    db = open_app_database(server.url(name))
    try:
        built = build(db)
    finally:
        db.close()
    return name, built


def sqlite_copy_url(template: Path, folder: Path) -> str:
    """A private copy of an SQLite template in ``folder``, as a URL."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / template.name
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


@contextmanager
def postgresql_copy_url(server: PostgresServer, template: str) -> Iterator[str]:
    """A private copy of a PostgreSQL template for the ``with`` block, as a URL."""
    name = server.new_database(template=template)
    try:
        yield server.url(name)
    finally:
        server.drop_database(name)


@contextmanager
def copy_for_test(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_fixture: str, postgresql_fixture: str
) -> Iterator[Database]:
    """Open a private copy of a template for a test parametrized by backend ("sqlite" or
    "postgresql"). The named session fixtures give (SQLite path or PostgreSQL database
    name, anything else); only the one for this backend is built."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            template, _ = request.getfixturevalue(sqlite_fixture)
            url = sqlite_copy_url(template, tmp_path / "db")
        else:
            server: PostgresServer = request.getfixturevalue("pg_server")
            name, _ = request.getfixturevalue(postgresql_fixture)
            url = stack.enter_context(postgresql_copy_url(server, name))
        db = open_database(url, create=False)
        stack.callback(db.close)
        yield db
