"""The dashboard's chart caption gives the share in use by the summary's rule: the
cases of the people whose latest record is from the last 92 days against their own safe
limits, and says who is left out with their limit (as the caseload report's card and
the summary command do): someone with no record, or only an older one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from tests.services.builders import add_person
from tests.ui.scenario import TODAY, Scenario, _cases
from wellbeing_desktop.services.caseload_rules import RECORD_LOOKBACK_DAYS
from wellbeing_desktop.services.percentages import percent_words
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.team_memory import TeamMemory


def _open(qtbot, db: Database) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    TeamMemory().remember(db.url, None)
    main = MainWindow(today=TODAY)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.dashboard_ready, timeout=10_000):
        main.show()
        main.set_database(db)
    yield main
    main.tasks.wait_for_done(5000)


@pytest.fixture
def window(qtbot, scenario_db: tuple[Database, Scenario]) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    yield from _open(qtbot, scenario_db[0])


@pytest.fixture
def window_with_old_record(  # type: ignore[no-untyped-def]
    qtbot, scenario_db: tuple[Database, Scenario]
) -> Iterator[MainWindow]:
    db, scenario = scenario_db
    olwen = add_person(db, scenario.north, "Olwen Old-Record")  # a keyworker's limit
    _cases(db, olwen, TODAY - dt.timedelta(days=RECORD_LOOKBACK_DAYS + 1), 30)
    yield from _open(qtbot, db)


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
    # The chart's latest month and the summary count the same people (caseload_rules).
    assert caption.startswith(
        f"Now: {summary.counted_cases} cases against a combined safe limit of "
        f"{summary.recorded_capacity:g} ({percent_words(summary.overall_utilisation)}), "
        "for 4 of 5 people with a recent caseload record. 1 person without one is left "
        f"out (safe limit {summary.capacity_without_record:g})."
    )


def test_caption_and_summary_leave_out_an_old_record_alike(
    window_with_old_record: MainWindow, scenario_db: tuple[Database, Scenario]
) -> None:
    db, _ = scenario_db
    summary = team_summary(db, None, today=TODAY, learning=False)
    # Olwen's only record is one day too old: out of the share (as from the chart's
    # latest month), with Nia who has none; her 30 cases stay in the column total.
    assert len(summary.cases_without_record) == 2
    assert summary.cases_column_total == summary.counted_cases + 30
    caption = window_with_old_record.dashboard.chart_caption.text()
    assert caption.startswith(
        f"Now: {summary.counted_cases} cases against a combined safe limit of "
        f"{summary.recorded_capacity:g} ({percent_words(summary.overall_utilisation)}), "
        "for 4 of 6 people with a recent caseload record. 2 people without one are left "
        f"out (safe limit {summary.capacity_without_record:g})."
    )
