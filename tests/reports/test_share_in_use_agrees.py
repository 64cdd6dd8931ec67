"""One share in use everywhere: the caseload report's card, the ``summary`` command's
line, its JSON and the chart's latest month agree on a team where someone has no
caseload record (North Recovery Service: Xanthi has none; her limit of 40 is left out)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.reports.conftest import Scenario, after, page_texts, requires_tools
from tests.services.builders import TODAY
from wellbeing_desktop.cli import main
from wellbeing_desktop.reports import render
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.services.trends import team_caseload_history

pytestmark = requires_tools


def test_card_cli_json_and_chart_agree_on_the_share_in_use(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = scenario.db
    # The chart counts, for its latest month (ending today), each person's latest record
    # from the 92 days before; the summary counts each person's latest record whatever
    # its age. Here every record is from November 2026 (and Siobhán's older one from
    # October), so both count the same four people and leave out Xanthi alone: the two
    # rules can only differ for someone whose only records are older than 92 days.
    summary = team_summary(db, [scenario.north], today=TODAY, learning=False)
    assert all(p.recorded_on is None or (TODAY - p.recorded_on).days < 92 for p in summary.people)
    latest = team_caseload_history(db, [scenario.north], 12, TODAY).months[-1]
    assert (latest.total_cases, latest.combined_limit) == (84, 128)
    assert (latest.people_without_record, latest.limit_without_record) == (1, 40)
    assert summary.counted_cases == latest.total_cases
    assert summary.recorded_capacity == latest.combined_limit
    assert summary.overall_utilisation == latest.utilisation == 84 / 128

    # The PDF card: the same pair and share, and who is left out.
    path = render(
        "caseload", db, out=tmp_path / "north.pdf", today=TODAY, team_ids=[scenario.north]
    )
    card = after(page_texts(path), "84 / 128", 200)
    assert "(66% in use). 1 person with no caseload record left out (safe limit 40)" in card

    # The summary command's line and its JSON.
    url = db.url.render_as_string(hide_password=False)
    argv = ["summary", "--database", url, "--team", "North Recovery Service"]
    assert main([*argv, "--date", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert (
        "Cases: 84 against a safe limit of 128 for those with a record (66%); "
        "1 person with no record left out (safe limit 40)\n"
    ) in out
    assert main([*argv, "--date", TODAY.isoformat(), "--json"]) == 0
    totals = json.loads(capsys.readouterr().out)["totals"]
    assert (totals["counted_cases"], totals["recorded_capacity"]) == (84, 128)
    assert totals["overall_utilisation"] == latest.utilisation
    assert (totals["total_capacity"], totals["capacity_without_record"]) == (168, 40)
    assert totals["cases_roles_without_record"] == 1
