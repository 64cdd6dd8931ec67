from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_server import PostgresServer
from tests.templates import build_postgresql_template, build_sqlite_template, copy_for_test
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage.database import Database


@pytest.fixture
def app_db(database_url: str) -> Iterator[Database]:
    """A new database with the shipped roles and services directory, on each backend."""
    database = open_app_database(database_url)
    try:
        yield database
    finally:
        database.close()


def _nothing(_db: Database) -> None:
    return None


@pytest.fixture(scope="module")
def sqlite_app_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, None]:
    path = tmp_path_factory.mktemp("app-template") / "app.sqlite3"
    return path, build_sqlite_template(path, _nothing)


@pytest.fixture(scope="module")
def postgresql_app_template(pg_server: PostgresServer) -> tuple[str, None]:
    return build_postgresql_template(pg_server, _nothing)


@pytest.fixture(params=["sqlite", "postgresql"])
def copied_app_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """As ``app_db`` (migrated, shipped roles and services), copied from one made once
    per test module rather than migrated afresh for each test: for modules of many
    short tests (they name it ``app_db`` with a one-line fixture of their own)."""
    with copy_for_test(request, tmp_path, "sqlite_app_template", "postgresql_app_template") as db:
        yield db
