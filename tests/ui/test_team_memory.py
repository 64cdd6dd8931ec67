"""Which team the dashboard opens on: the largest on a fresh profile, then the one the
manager chose last (or "All teams"), remembered for each database."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import make_url, update

from tests.ui.scenario import TODAY
from wellbeing_desktop.settings import Settings
from wellbeing_desktop.storage.models import Team
from wellbeing_desktop.ui.dashboard import DashboardView
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.models.team_table import Column
from wellbeing_desktop.ui.team_memory import (
    ALL_TEAMS,
    DATABASES_KEPT,
    LARGEST_TEAM,
    SETTING,
    TeamMemory,
    database_key,
    pick_team,
)

# ---- the rule, on its own -------------------------------------------------------------


@dataclass(frozen=True)
class _Team:
    id: int
    headcount: int


TEAMS = (_Team(1, 4), _Team(2, 9), _Team(3, 9), _Team(4, 0))


def test_the_largest_team_when_nothing_is_remembered() -> None:
    assert pick_team(TEAMS, LARGEST_TEAM) == 2  # 9 people; the first of the two with 9


def test_the_remembered_team_or_all_teams() -> None:
    assert pick_team(TEAMS, 4) == 4  # even with nobody in it: it was chosen
    assert pick_team(TEAMS, None) is None  # all teams


def test_a_team_that_has_gone_falls_back_to_the_largest() -> None:
    assert pick_team(TEAMS, 99) == 2


def test_one_team_is_always_shown_and_no_teams_is_all() -> None:
    assert pick_team(TEAMS[:1], None) == 1
    assert pick_team(TEAMS[:1], LARGEST_TEAM) == 1
    assert pick_team((), LARGEST_TEAM) is None


# ---- the memory ---------------------------------------------------------------------------

URL = make_url("postgresql+psycopg://manager:s3cret@db.example.org/wellbeing")
OTHER = make_url("sqlite:////home/manager/demo.sqlite3")


def test_remembered_for_each_database_without_its_password(tmp_path: Path) -> None:
    settings = Settings(tmp_path / "settings.json")
    memory = TeamMemory(settings)
    assert memory.recall(URL) == LARGEST_TEAM
    memory.remember(URL, 7)
    memory.remember(OTHER, None)
    again = TeamMemory(Settings(tmp_path / "settings.json"))
    assert again.recall(URL) == 7
    assert again.recall(OTHER) is None  # all teams
    text = (tmp_path / "settings.json").read_text(encoding="utf-8")
    assert "s3cret" not in text
    assert json.loads(text)[SETTING][database_key(OTHER)] == ALL_TEAMS


def test_nonsense_in_the_settings_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    key = database_key(URL)
    for value in ("North", True, 0, -5, [3], None):
        path.write_text(json.dumps({SETTING: {key: value}}), encoding="utf-8")
        assert TeamMemory(Settings(path)).recall(URL) == LARGEST_TEAM
    path.write_text(json.dumps({SETTING: "not a table"}), encoding="utf-8")
    assert TeamMemory(Settings(path)).recall(URL) == LARGEST_TEAM


def test_only_the_latest_databases_are_kept(tmp_path: Path) -> None:
    memory = TeamMemory(Settings(tmp_path / "settings.json"))
    for number in range(DATABASES_KEPT + 5):
        memory.remember(make_url(f"sqlite:////data/team-{number}.sqlite3"), number + 1)
    memory.remember(make_url("sqlite:////data/team-0.sqlite3"), 99)  # used again: kept
    kept = Settings(tmp_path / "settings.json").get(SETTING)
    assert len(kept) == DATABASES_KEPT
    assert kept[database_key(make_url("sqlite:////data/team-0.sqlite3"))] == 99
    assert database_key(make_url("sqlite:////data/team-1.sqlite3")) not in kept


# ---- the window ---------------------------------------------------------------------------


def _open(qtbot, db) -> MainWindow:  # type: ignore[no-untyped-def]
    main = MainWindow(today=TODAY)
    qtbot.addWidget(main)
    main.resize(1300, 800)
    with qtbot.waitSignal(main.dashboard_ready, timeout=10_000):
        main.show()
        main.set_database(db)
    return main


def _names(dashboard: DashboardView) -> list[str]:
    proxy = dashboard.proxy
    return sorted(proxy.index(row, Column.NAME).data() for row in range(proxy.rowCount()))


def _choose(qtbot, dashboard: DashboardView, team_id: int) -> None:  # type: ignore[no-untyped-def]
    """Pick a team in the switcher with the keyboard, as a manager would."""
    combo = dashboard.team_combo
    combo.setFocus()
    key = Qt.Key.Key_Down if combo.findData(team_id) > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentData() != team_id:
        with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
            qtbot.keyClick(combo, key)


def test_a_fresh_profile_opens_on_the_largest_team(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    main = _open(qtbot, db)
    dashboard = main.dashboard
    assert dashboard.title_label.text() == "North Recovery Service"
    assert dashboard.team_combo.currentData() == scenario.north
    assert _names(dashboard) == ["Aoife Ní Bhriain", "Dafydd ap Gwilym", "Priya Raman"]
    assert dashboard.table.isColumnHidden(Column.TEAM)
    # All teams stays one step away in the switcher.
    assert dashboard.team_combo.itemData(0) == ALL_TEAMS
    main.tasks.wait_for_done(5000)


def test_the_team_chosen_last_is_where_the_next_start_opens(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    first = _open(qtbot, db)
    _choose(qtbot, first.dashboard, scenario.east)
    assert _names(first.dashboard) == ["Tomasz Nowak"]
    first.tasks.wait_for_done(5000)
    first.close()

    second = _open(qtbot, db)
    assert second.dashboard.title_label.text() == "Adult Social Work East"
    assert _names(second.dashboard) == ["Tomasz Nowak"]
    _choose(qtbot, second.dashboard, ALL_TEAMS)
    second.tasks.wait_for_done(5000)
    second.close()

    third = _open(qtbot, db)
    assert third.dashboard.title_label.text() == "All teams"
    assert len(_names(third.dashboard)) == 4
    assert not third.dashboard.table.isColumnHidden(Column.TEAM)
    third.tasks.wait_for_done(5000)


def test_a_remembered_team_that_is_archived_falls_back_to_the_largest(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    TeamMemory().remember(db.url, scenario.east)
    with db.session() as session:
        session.execute(update(Team).where(Team.id == scenario.east).values(archived=True))
    main = _open(qtbot, db)
    assert main.dashboard.title_label.text() == "North Recovery Service"
    main.tasks.wait_for_done(5000)
