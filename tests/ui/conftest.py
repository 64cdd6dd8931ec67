"""GUI test fixtures: real widgets, offscreen, a small organisation built through the
real services on a temporary SQLite file, and a window that is ready to use."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from tests.ui.scenario import TODAY, Scenario, build
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.team_memory import TeamMemory


@pytest.fixture(autouse=True)
def no_credential_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Never the real credential store of whoever runs the tests: opening an encrypted
    database looks for a remembered key, and the security settings show it."""
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(scope="session", autouse=True)
def british_locale() -> None:
    """Dates as a UK user sees them, whatever locale the machine runs in."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


@pytest.fixture
def empty_db(sqlite_path: Path) -> Iterator[Database]:
    """A new database with the shipped roles and services, and no teams."""
    database = open_app_database(sqlite_path)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(scope="session")
def scenario_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Scenario]:
    """The scenario built once through the services; each test gets its own copy."""
    path = tmp_path_factory.mktemp("scenario") / "scenario.sqlite3"
    database = open_app_database(path)
    try:
        scenario = build(database)
    finally:
        database.close()
    return path, scenario


@pytest.fixture
def scenario_db(scenario_file, sqlite_path: Path) -> Iterator[tuple[Database, Scenario]]:  # type: ignore[no-untyped-def]
    template, scenario = scenario_file
    shutil.copyfile(template, sqlite_path)
    database = open_app_database(sqlite_path)
    try:
        yield database, scenario
    finally:
        database.close()


@pytest.fixture
def window(qtbot, scenario_db) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """The main window on the scenario, shown, with the dashboard loaded and painted, on
    all teams (as a manager who last chose "All teams"; tests/ui/test_team_memory.py
    covers which team a fresh profile opens on)."""
    db, _ = scenario_db
    TeamMemory().remember(db.url, None)
    main = MainWindow(today=TODAY)
    qtbot.addWidget(main)
    main.resize(1300, 800)
    with qtbot.waitSignal(main.dashboard_ready, timeout=10_000):
        main.show()
        main.set_database(db)
    yield main
    main.tasks.wait_for_done(5000)
