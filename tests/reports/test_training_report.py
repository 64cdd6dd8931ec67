"""The training report, read back with pypdf, pdffonts and qpdf; and from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.reports.conftest import (
    LLYR,
    LUKASZ,
    PRINTED_AT,
    SIOBHAN,
    XANTHI,
    Scenario,
    after,
    assert_every_page_marked,
    assert_well_formed,
    page_texts,
    requires_tools,
)
from tests.services.builders import TODAY
from wellbeing_desktop.cli import main
from wellbeing_desktop.errors import NotFoundError
from wellbeing_desktop.reports import render
from wellbeing_desktop.reports.training import abbreviations
from wellbeing_desktop.services import training

pytestmark = requires_tools


def _course(db, key):  # type: ignore[no-untyped-def]
    return next(c.id for c in training.list_courses(db) if c.key == key)


def _with_training(scenario: Scenario) -> Scenario:
    db, ids = scenario.db, scenario.ids
    north = [ids[SIOBHAN], ids[LUKASZ], ids[LLYR], ids[XANTHI]]
    for key in ("human_rights", "trauma_informed", "tackling_stigma", "family_inclusive"):
        training.record_training(
            db,
            training.CompletionDraft(_course(db, key), "2026-03-04", staff_ids=north),
            today=TODAY,
        )
    training.record_completion(db, ids[SIOBHAN], _course(db, "naloxone"), "2025-10-01", today=TODAY)
    training.record_completion(db, ids[LUKASZ], _course(db, "naloxone"), "2025-12-31", today=TODAY)
    return scenario


def test_team_training_report(scenario: Scenario, tmp_path: Path) -> None:
    _with_training(scenario)
    out = tmp_path / "training.pdf"
    render(
        "training",
        scenario.db,
        out=out,
        team="North Recovery Service",
        today=TODAY,
        printed_at=PRINTED_AT,
    )
    assert_well_formed(out)  # fonts embedded, valid structure
    texts = page_texts(out)
    assert_every_page_marked(texts)
    assert 2 <= len(PdfReader(out).pages) <= 6
    text = " ".join(" ".join(texts).split())
    assert "Training report" in text and "North Recovery Service" in text
    for name in (SIOBHAN, LUKASZ, LLYR, XANTHI):
        assert name in text
    # The key: every course with its column heading and compliance.
    assert "HRBA Human rights-based approach Every 3 years Everyone 5 of 5 (100%)" not in text
    assert "Human rights-based approach Every 3 years Everyone 4 of 5 (80%)" in text
    # Per person: Siobhán's naloxone expired on 01/10/2026 (valid until that day).
    siobhan = after(texts, f"{SIOBHAN} Naloxone", 120)
    assert "✕ Expired 01/10/2025 01/10/2026" in siobhan
    # Łukasz's expires 31/12/2026: within 60 days of 26/11/2026.
    assert "Naloxone and overdose response ▲ Expiring soon 31/12/2025 31/12/2026" in text
    assert "○ Missing Never" in text
    assert "✕ Expired" in text and "✓ Done" in text


def test_all_teams_training_report_has_a_section_per_team(
    scenario: Scenario, tmp_path: Path
) -> None:
    out = tmp_path / "all.pdf"
    render("training", scenario.db, out=out, all_teams=True, today=TODAY, printed_at=PRINTED_AT)
    texts = page_texts(out)
    assert_every_page_marked(texts)
    text = " ".join(" ".join(texts).split())
    for team in ("North Recovery Service", "Adult Social Work East", "Large Team"):
        assert f"Matrix: {team}" in text


def test_unknown_team_is_a_one_line_error(scenario: Scenario, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        render("training", scenario.db, out=tmp_path / "x.pdf", team="Nowhere", today=TODAY)
    assert not (tmp_path / "x.pdf").exists()


def test_training_report_from_the_command_line(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = scenario.db.url.render_as_string(hide_password=False)
    out = tmp_path / "cli.pdf"
    code = main(
        [
            "report",
            "training",
            "--team",
            "North Recovery Service",
            "--database",
            url,
            "--out",
            str(out),
            "--today",
            "2026-11-26",
        ]
    )
    stdout, stderr = capsys.readouterr()
    assert (code, stderr) == (0, "")
    assert stdout == f"Report written to {out}\n"
    assert SIOBHAN in " ".join(page_texts(out))
    code = main(["report", "training", "--team", "Nowhere", "--database", url, "--out", str(out)])
    _stdout, stderr = capsys.readouterr()
    assert code != 0 and len(stderr.strip().splitlines()) == 1


def test_abbreviations_are_unique() -> None:
    names = [
        "Elective course 01",
        "Elective course 02",
        "Fire safety",
        "Family support",
        "Fire safety 2",
    ]
    short = abbreviations(names)
    assert len(set(short)) == len(short)
    assert short[0] == "EC01" and short[2] == "FS" and short[3] == "FS2"
