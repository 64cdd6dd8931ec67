"""The personal wellbeing summary's caseload line, read back."""

from __future__ import annotations

from pathlib import Path

from tests.reports.conftest import PRINTED_AT, SIOBHAN, XANTHI, Scenario, page_texts, requires_tools
from tests.services.builders import TODAY
from wellbeing_desktop.reports import render

pytestmark = requires_tools


def test_wellbeing_summary_says_no_caseload_once(scenario: Scenario, tmp_path: Path) -> None:
    """Xanthi has no caseload recorded: her summary says so once, with her limit (not
    '? No caseload recorded: No caseload recorded; ...')."""
    out = tmp_path / "wellbeing.pdf"
    render(
        "wellbeing",
        scenario.db,
        out=out,
        today=TODAY,
        printed_at=PRINTED_AT,
        staff_id=scenario.ids[XANTHI],
    )
    text = " ".join(" ".join(page_texts(out)).split())
    assert "Caseload: ? No caseload recorded; a limit of 40 for 1 FTE." in text
    assert text.count("No caseload recorded") == 1
    out = tmp_path / "siobhan.pdf"
    render(
        "wellbeing",
        scenario.db,
        out=out,
        today=TODAY,
        printed_at=PRINTED_AT,
        staff_id=scenario.ids[SIOBHAN],
    )
    text = " ".join(" ".join(page_texts(out)).split())
    assert "Caseload: ✕ Over safe limit: 34 cases against a limit of 32" in text
