"""The dashboard's chart caption gives the share in use by the summary's rule: the
cases of the people with a record against their own safe limits, and says who is left
out with their limit (as the caseload report's card and the summary command do)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.services.builders import add_person
from tests.ui.scenario import TODAY, Scenario
from wellbeing_desktop.services.percentages import percent_words
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.team_memory import TeamMemory


@pytest.fixture
def window(qtbot, scenario_db: tuple[Database, Scenario]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    db, _ = scenario_db
    TeamMemory().remember(db.url, None)
    main = MainWindow(today=TODAY)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.dashboard_ready, timeout=10_000):
        main.show()
        main.set_database(db)
    yield main
    main.tasks.wait_for_done(5000)


@pytest.fixture
def scenario_db(scenario_db: tuple[Database, Scenario]) -> tuple[Database, Scenario]:
    db, scenario = scenario_db
    add_person(db, scenario.north, "Nia Newrecord")  # a keyworker's limit, no record
    return db, scenario


def test_caption_leaves_out_people_without_a_record_and_says_so(
    window: MainWindow, scenario_db: tuple[Database, Scenario]
) -> None:
    db, _ = scenario_db
    summary = team_summary(db, None, today=TODAY, learning=False)
    assert len(summary.cases_without_record) == 1
    caption = window.dashboard.chart_caption.text()
    # Everyone's records here are recent, so the chart's latest month (records from the
    # 92 days before) and the summary (latest record whatever its age) count the same.
    assert caption.startswith(
        f"Now: {summary.counted_cases} cases against a combined safe limit of "
        f"{summary.recorded_capacity:g} ({percent_words(summary.overall_utilisation)}), "
        "for 4 of 5 people with a recent caseload record. 1 person without one is left "
        f"out (safe limit {summary.capacity_without_record:g})."
    )
