"""Establishment and vacancies, and protected caseloads, in the team caseload report and
the compliance report, read back from the PDFs. The reports scenario's North Recovery
Service (tests/reports/conftest.py): keyworkers Siobhán 0.8 FTE (34 cases, limit 32),
Łukasz 0.5 (18 of 20), Llŷr 1.0 (12 of 40), Xanthi 1.0 (nothing recorded), Wang 1.0,
newly qualified from 01/10/2026 (20 of 36)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.reports.conftest import (
    PRINTED_AT,
    SIOBHAN,
    WANG,
    Scenario,
    after,
    assert_well_formed,
    page_texts,
    requires_tools,
)
from tests.services.builders import TODAY, role_id
from wellbeing_desktop.reports import render
from wellbeing_desktop.services import caseloads
from wellbeing_desktop.services.establishment import save_establishment

pytestmark = requires_tools


def _render(scenario: Scenario, tmp_path: Path, kind: str, **options: object) -> list[str]:
    out = tmp_path / f"{kind}.pdf"
    render(kind, scenario.db, out=out, today=TODAY, printed_at=PRINTED_AT, **options)
    assert_well_formed(out)
    return page_texts(out)


def _fund(scenario: Scenario) -> None:
    db = scenario.db
    save_establishment(db, scenario.north, {role_id(db, "keyworker"): 5}, waiting=6, today=TODAY)
    save_establishment(db, scenario.east, {role_id(db, "adults"): 2}, today=TODAY)


def test_one_team_establishment_and_vacancies(scenario: Scenario, tmp_path: Path) -> None:
    _fund(scenario)
    texts = _render(scenario, tmp_path, "caseload", team="North Recovery Service")
    everything = " ".join(" ".join(texts).split())
    assert "Establishment and vacancies" in everything
    # Keyworkers: funded 5; in post 0.8 + 0.5 + 1 + 1 + 1 = 4.3 (5 people); vacant 0.7.
    assert "Drug and alcohol keyworker / recovery worker 5 4.3 5 0.7" in everything
    assert "Total (vacancy rate 14%) 5 4.3 5 0.7" in everything
    # Capacity 32 + 20 + 40 + 40 + 36 = 168; cases 34 + 18 + 12 + 20 = 84; 6 waiting.
    assert "Safe capacity 168 cases against 84 open cases." in everything
    assert "Cases waiting to be allocated: 6 (as on 26/11/2026)." in everything
    # 90 cases over 4.3 FTE now (20.93), over 5 FTE if filled (18).
    assert (
        "If the 0.7 vacant FTE were filled, the 90 open and waiting cases would be 18 per "
        "full-time post, against 20.93 per FTE in post now." in everything
    )
    # Siobhán's share if filled: 90 x 0.8 / 5 = 14.4.
    filled = after(texts, "Each person's caseload if the vacancies were filled", 400)
    assert f"{SIOBHAN} 0.8 34 14.4" in filled


def test_protected_caseloads_honoured_then_breached(scenario: Scenario, tmp_path: Path) -> None:
    texts = _render(scenario, tmp_path, "caseload", team="North Recovery Service")
    everything = " ".join(" ".join(texts).split())
    assert "Protected caseloads" in everything
    assert "Protections honoured today: 1 of 1 (caseload within the protected limit)." in everything
    assert (
        "Over the last 12 months (27/11/2025 to 26/11/2026): 1 of 1 protections stayed "
        "within the protected limit on every caseload record while they applied." in everything
    )
    assert f"{WANG} Newly qualified (90%) 20 36 ✓ Within the protected limit" in everything

    caseloads.record_caseload(
        scenario.db,
        caseloads.make_entry(scenario.ids[WANG], "2026-11-25", 38, today=TODAY),
    )
    texts = _render(scenario, tmp_path, "caseload", team="North Recovery Service")
    everything = " ".join(" ".join(texts).split())
    assert "Protections honoured today: 0 of 1" in everything
    assert "Over the last 12 months (27/11/2025 to 26/11/2026): 0 of 1 protections" in everything
    assert f"{WANG} Newly qualified (90%) 38 36 ✕ 2 over: not honoured" in everything
    kept = after(texts, "Protections not kept in the last 12 months", 900)
    assert f"{WANG} Newly qualified (90%), from 01/10/2026 2 1 record 25/11/2026" in kept


def test_whole_organisation_sums_establishment_by_team(scenario: Scenario, tmp_path: Path) -> None:
    _fund(scenario)
    texts = _render(scenario, tmp_path, "caseload", all_teams=True)
    section = after(texts, "Establishment and vacancies", 900)
    # East: funded 2, Ffion 1.0 in post, vacant 1 (50%), capacity 25, 26 cases.
    assert "Adult Social Work East 2 1 1 50% 25 26 – 26 13" in section
    # The large team has no establishment: 60 in post, nothing funded or vacant.
    assert "Large Team 0 60 0 – 2,400" in section
    # North: 5 funded, 4.3 in post, 0.7 vacant (14%), 168 capacity, 84 cases, 6 waiting.
    assert "North Recovery Service 5 4.3 0.7 14% 168 84 6 20.93 18" in section
    # All teams: funded 7, in post 65.3, vacant 1.7 (24.3%): the sums of the teams'.
    assert "All teams 7 65.3 1.7 24.3%" in section


def test_compliance_report_has_the_protected_caseload_figure(
    scenario: Scenario, tmp_path: Path
) -> None:
    texts = _render(
        scenario,
        tmp_path,
        "compliance",
        team="North Recovery Service",
        start=dt.date(2026, 6, 1),
        end=dt.date(2026, 11, 26),
    )
    everything = " ".join(" ".join(texts).split())
    assert "Protected caseloads" in everything
    assert "Protections honoured today: 1 of 1" in everything
    assert "1 of 1 protections stayed within the protected limit" in everything
