"""One share in use everywhere: the caseload report's card, its total row, the
``summary`` command's line, its JSON and the chart's latest month agree on a team where
someone has no caseload record (North Recovery Service: Xanthi has none; her limit of
40 is left out) and, in the second test, someone whose only record is older than the
92 days the chart looks back (left out of the share, but in the column totals)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.reports.conftest import Scenario, _cases, after, page_texts, requires_tools
from tests.services.builders import TODAY, add_person
from wellbeing_desktop.cli import main
from wellbeing_desktop.reports import render
from wellbeing_desktop.services.caseload_rules import RECORD_LOOKBACK_DAYS
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.services.trends import team_caseload_history
from wellbeing_desktop.storage.database import Database

pytestmark = requires_tools


def test_card_cli_json_and_chart_agree_on_the_share_in_use(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = scenario.db
    # Every record is from the 92 days before today: the share counts four people and
    # leaves out Xanthi alone.
    summary = team_summary(db, [scenario.north], today=TODAY, learning=False)
    latest = team_caseload_history(db, [scenario.north], 12, TODAY).months[-1]
    assert (latest.total_cases, latest.combined_limit) == (84, 128)
    assert (latest.people_without_record, latest.limit_without_record) == (1, 40)
    assert summary.counted_cases == summary.cases_column_total == latest.total_cases
    assert summary.recorded_capacity == latest.combined_limit
    assert summary.overall_utilisation == latest.utilisation == 84 / 128

    # The PDF card: the same pair and share, and who is left out.
    path = render(
        "caseload", db, out=tmp_path / "north.pdf", today=TODAY, team_ids=[scenario.north]
    )
    card = after(page_texts(path), "84 / 128", 200)
    assert (
        "(66% in use). 1 person with no caseload record in the last 3 months left out "
        "(safe limit 40)"
    ) in card
    assert "1 person with no recent record is left out of the latest month" in after(
        page_texts(path), "Each month counts", 300
    )

    # The summary command's line and its JSON.
    out, totals = _summary_command(db, capsys)
    assert (
        "Cases: 84 against a safe limit of 128 for those with a record in the last 3 "
        "months (66%); 1 person with no record in the last 3 months left out (safe limit 40)\n"
    ) in out
    assert (totals["counted_cases"], totals["recorded_capacity"]) == (84, 128)
    assert totals["overall_utilisation"] == latest.utilisation
    assert (totals["total_capacity"], totals["capacity_without_record"]) == (168, 40)
    assert totals["cases_roles_without_record"] == 1


def test_an_old_record_is_left_out_of_the_share_everywhere_but_not_the_columns(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = scenario.db
    # Olwen's only record is 117 days old: the chart's latest month leaves her out, and
    # so must the card, the heading, the total row's Use, the command and the JSON.
    olwen = add_person(db, scenario.north, "Olwen Old-Record")  # limit 40
    _cases(db, olwen, "2026-08-01", 30)
    assert (TODAY - dt.date(2026, 8, 1)).days > RECORD_LOOKBACK_DAYS
    summary = team_summary(db, [scenario.north], today=TODAY, learning=False)
    latest = team_caseload_history(db, [scenario.north], 12, TODAY).months[-1]
    assert (latest.total_cases, latest.combined_limit) == (84, 128)
    assert (latest.people_without_record, latest.limit_without_record) == (2, 80)
    assert (summary.counted_cases, summary.recorded_capacity) == (84, 128)
    assert summary.overall_utilisation == latest.utilisation
    assert len(summary.cases_without_record) == latest.people_without_record
    assert summary.capacity_without_record == latest.limit_without_record
    # The columns still add up every row: her 30 cases and her limit of 40 included.
    assert (summary.cases_column_total, summary.total_capacity) == (114, 208)

    path = render(
        "caseload", db, out=tmp_path / "north.pdf", today=TODAY, team_ids=[scenario.north]
    )
    texts = page_texts(path)
    card = after(texts, "84 / 128", 200)
    assert (
        "(66% in use). 2 people with no caseload record in the last 3 months left out "
        "(safe limit 80)"
    ) in card
    # The total row: Cases and Safe limit the sums of the columns, Use the share.
    assert "114 208 66%" in after(texts, "Total: 6 people", 200)
    assert "2 people with no recent record are left out of the latest month" in after(
        texts, "Each month counts", 300
    )
    # Every team: North's heading line and its row in the Teams table say the same.
    path = render("caseload", db, out=tmp_path / "all.pdf", today=TODAY, all_teams=True)
    texts = page_texts(path)
    heading = after(texts, "those with a record in the last 3 months 84 / 128", 200)
    assert "(66% in use); 2 people with no caseload record in the last 3 months left out" in (
        heading
    )
    assert "114 208 66%" in after(texts, "North Recovery Service Morag Dunn 6", 200)

    out, totals = _summary_command(db, capsys)
    assert (
        "Cases: 84 against a safe limit of 128 for those with a record in the last 3 "
        "months (66%); 2 people with no record in the last 3 months left out (safe limit 80)\n"
    ) in out
    assert (totals["counted_cases"], totals["recorded_capacity"]) == (84, 128)
    assert totals["overall_utilisation"] == latest.utilisation
    assert (totals["cases_column_total"], totals["total_capacity"]) == (114, 208)
    assert (totals["cases_roles_without_record"], totals["capacity_without_record"]) == (2, 80)


def _summary_command(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> tuple[str, dict[str, Any]]:
    """The summary command's text for North, and the totals of its JSON."""
    url = db.url.render_as_string(hide_password=False)
    argv = ["summary", "--database", url, "--team", "North Recovery Service"]
    assert main([*argv, "--date", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert main([*argv, "--date", TODAY.isoformat(), "--json"]) == 0
    totals: dict[str, Any] = json.loads(capsys.readouterr().out)["totals"]
    return out, totals
