from __future__ import annotations

from collections.abc import Iterator

import pytest

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
