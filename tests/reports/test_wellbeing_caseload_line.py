"""The personal wellbeing summary's caseload line, read back."""

from __future__ import annotations

from pathlib import Path

from tests.reports.conftest import (
    SIOBHAN,
    XANTHI,
    Scenario,
    page_texts,
    render_report,
    requires_tools,
)

pytestmark = requires_tools


def test_wellbeing_summary_says_no_caseload_once(scenario: Scenario, tmp_path: Path) -> None:
    """Xanthi has no caseload recorded: her summary says so once, with her limit (not
    '? No caseload recorded: No caseload recorded; ...')."""
    out = render_report(scenario, tmp_path, "wellbeing", staff_id=scenario.ids[XANTHI])
    text = " ".join(" ".join(page_texts(out)).split())
    assert "Caseload: ? No caseload recorded; a limit of 40 for 1 FTE." in text
    assert text.count("No caseload recorded") == 1
    out = render_report(
        scenario, tmp_path, "wellbeing", file="siobhan", staff_id=scenario.ids[SIOBHAN]
    )
    text = " ".join(" ".join(page_texts(out)).split())
    assert "Caseload: ✕ Over safe limit: 34 cases against a limit of 32" in text
