"""Workload plans in the reports, read back from the PDFs: the team caseload report's
"Over limit and workload plans" section and the compliance report's workload reviews."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.reports.conftest import (
    LLYR,
    LUKASZ,
    PRINTED_AT,
    SIOBHAN,
    Scenario,
    assert_every_page_marked,
    page_texts,
    requires_tools,
)
from tests.services.builders import TODAY
from wellbeing_desktop.reports import render
from wellbeing_desktop.services import caseloads, workload
from wellbeing_desktop.services import workload_reviews as wr

pytestmark = requires_tools


def _text(scenario: Scenario, tmp_path: Path, kind: str, **options: object) -> str:
    out = tmp_path / f"{kind}.pdf"
    render(kind, scenario.db, out=out, today=TODAY, printed_at=PRINTED_AT, **options)
    texts = page_texts(out)
    assert_every_page_marked(texts)
    return " ".join(" ".join(texts).split())


def _section(text: str, heading: str) -> str:
    return text[text.index(heading) : text.index("How to read this report")]


NOVEMBER = {"start": dt.date(2026, 11, 1), "end": dt.date(2026, 11, 30)}
SEPTEMBER = {"start": dt.date(2026, 9, 1), "end": dt.date(2026, 9, 30)}


def _compliance(
    scenario: Scenario, tmp_path: Path, period: dict[str, dt.date], **scope: object
) -> str:
    """The compliance report's text for a period, for North Recovery Service unless
    ``scope`` says otherwise."""
    scope = scope or {"team": "North Recovery Service"}
    return _text(scenario, tmp_path, "compliance", **period, **scope)


def _plan_for_siobhan(scenario: Scenario) -> wr.ReviewRecord:
    return wr.save_review(
        scenario.db,
        scenario.ids[SIOBHAN],
        wr.ReviewDraft(
            agreed_on="2026-11-21",
            agreed_by="Morag Dunn",
            review_on="2026-11-25",
            extra_supervision=True,
            reallocations=[wr.ReallocationDraft(scenario.ids[LLYR], 2)],
        ),
        today=TODAY,
    )


def test_caseload_report_lists_who_is_over_and_their_plans(
    scenario: Scenario, tmp_path: Path
) -> None:
    # Łukasz has been approaching his limit since September: long enough to need a plan.
    caseloads.record_caseload(
        scenario.db, caseloads.make_entry(scenario.ids[LUKASZ], "2026-09-15", 19, today=TODAY)
    )
    before = _section(
        _text(scenario, tmp_path, "caseload", team="North Recovery Service"),
        "Over limit and workload plans",
    )
    assert "2 people listed: 2 without a plan, 0 with a review overdue." in before
    assert f"{SIOBHAN} ✕ Over safe limit (34 of 32) 20/11/2026 ✕ No plan –" in before
    assert f"{LUKASZ} ▲ Approaching limit (18 of 20) 15/09/2026 ✕ No plan –" in before

    _plan_for_siobhan(scenario)
    after = _section(
        _text(scenario, tmp_path, "caseload", team="North Recovery Service"),
        "Over limit and workload plans",
    )
    assert "2 people listed: 1 without a plan, 1 with a review overdue." in after
    # The overdue review comes first, marked, with what was agreed.
    assert after.index(SIOBHAN) < after.index(LUKASZ)
    assert (
        f"{SIOBHAN} ✕ Over safe limit (34 of 32) 20/11/2026 21/11/2026 by Morag Dunn: "
        f"2 cases to {LLYR}; extra supervision ✕ Overdue since 25/11/2026"
    ) in after


def test_whole_organisation_report_names_the_team(scenario: Scenario, tmp_path: Path) -> None:
    _plan_for_siobhan(scenario)
    section = _section(
        _text(scenario, tmp_path, "caseload", all_teams=True), "Over limit and workload plans"
    )
    assert f"{SIOBHAN} North Recovery Service ✕ Over safe limit" in section
    assert "Large Team" in section  # its people over the limit are listed with their team
    # One line a person across the organisation: the plan's date and who agreed it; what
    # it agreed is in the team's own report (test above).
    assert "Who agreed each plan, and what, is in that team's own report." in section
    assert "20/11/2026 21/11/2026 ✕ Overdue since 25/11/2026" in section
    assert "Morag Dunn" not in section and "extra supervision" not in section


def test_compliance_report_shows_workload_reviews(scenario: Scenario, tmp_path: Path) -> None:
    review = _plan_for_siobhan(scenario)
    section = _section(_compliance(scenario, tmp_path, NOVEMBER), "Workload reviews")
    assert (
        "1 person needed a workload review; 1 had a plan agreed; 0 reviewed on time, 0 late, "
        "1 overdue at the end of the period."
    ) in section
    # Amber (30 of 32) from 20/10, so a review was needed once that had lasted longer
    # than four weeks (from 18/11), before the red. One team: no Team column, as in the
    # people table.
    assert (
        f"{SIOBHAN} 18/11/2026 (approaching limit for longer than 4 weeks) "
        "21/11/2026 3 25/11/2026 – ✕ Review overdue at period end"
    ) in section
    assert "Name Needed from Plan agreed" in section
    assert "North Recovery Service" not in section
    # Closed by its review date: on time.
    wr.close_review(scenario.db, review.id, "Two cases moved.", "2026-11-24", today=TODAY)
    text = _compliance(scenario, tmp_path, NOVEMBER)
    assert "21/11/2026 3 25/11/2026 24/11/2026 ✓ Reviewed on time" in text
    # A period before anyone was over the limit.
    quiet = _compliance(scenario, tmp_path, SEPTEMBER)
    assert (
        "No one was over the safe limit, or approaching it for longer than 4 weeks, "
        "during the period."
    ) in quiet


def test_compliance_report_names_the_team_of_each_workload_review_only_for_several_teams(
    scenario: Scenario, tmp_path: Path
) -> None:
    _plan_for_siobhan(scenario)
    one = _section(_compliance(scenario, tmp_path, NOVEMBER), "Workload reviews")
    assert "Name Needed from Plan agreed Days to agree Review date Closed Review" in one
    assert f"{SIOBHAN} 18/11/2026 (approaching limit for longer than 4 weeks)" in one
    assert "Team" not in one

    every = _section(_compliance(scenario, tmp_path, NOVEMBER, all_teams=True), "Workload reviews")
    assert "Name Team Needed from Plan agreed Days to agree Review date Closed Review" in every
    assert (
        f"{SIOBHAN} North Recovery Service 18/11/2026 (approaching limit for longer than 4 weeks)"
        in every
    )
    assert "Large Team" in every  # its people over the limit are listed with their team


def test_compliance_report_words_the_amber_rule_with_the_organisations_setting(
    scenario: Scenario, tmp_path: Path
) -> None:
    workload.set_amber_weeks(scenario.db, 6)
    quiet = _compliance(scenario, tmp_path, SEPTEMBER)
    assert (
        "No one was over the safe limit, or approaching it for longer than 6 weeks, "
        "during the period."
    ) in quiet
    assert "had been approaching it for longer than 6 weeks (the organisation's setting)" in quiet

    # One week: Siobhán's amber from 20/10 needed a plan from 28/10, before the period.
    workload.set_amber_weeks(scenario.db, 1)
    november = _section(_compliance(scenario, tmp_path, NOVEMBER), "Workload reviews")
    assert f"{SIOBHAN} 01/11/2026 (approaching limit for longer than 1 week) ✕ None" in november
