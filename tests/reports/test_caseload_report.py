"""The team caseload report, read back from the PDF."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from tests.reports.conftest import (
    LLYR,
    LUKASZ,
    PRINTED_AT,
    SIOBHAN,
    WANG,
    XANTHI,
    Scenario,
    after,
    assert_every_page_marked,
    assert_well_formed,
    lines_with,
    page_texts,
    positioned,
    requires_tools,
)
from tests.services.builders import TODAY
from wellbeing_desktop.reports import render

pytestmark = requires_tools


def _caseload(
    scenario: Scenario, tmp_path: Path, name: str = "caseload.pdf", **options: object
) -> Path:
    out = tmp_path / name
    written = render(
        "caseload", scenario.db, out=out, today=TODAY, printed_at=PRINTED_AT, **options
    )
    assert written == out
    return out


def test_one_team_people_figures_and_statuses(scenario: Scenario, tmp_path: Path) -> None:
    path = _caseload(scenario, tmp_path, team="north recovery service")
    assert_well_formed(path)
    texts = page_texts(path)
    # Summary and chart; the rest of the table, workload plans, establishment and
    # protected caseloads; the notes.
    assert len(texts) == 3
    assert_every_page_marked(texts)
    everything = "\n".join(texts)
    assert "Manager: Morag Dunn" in everything
    assert "Service: Drug and alcohol services" in everything
    # Every name comes back out exactly as written, on the line with its figures.
    siobhan = lines_with(texts, SIOBHAN)[0]  # then again under workload plans
    assert "0.8 34 32 106% ✕ Over safe limit +4 20/11/2026" in siobhan
    (lukasz,) = lines_with(texts, LUKASZ)
    assert "0.5 18 20 90% ▲ Approaching limit" in lukasz
    (llyr,) = lines_with(texts, LLYR)
    assert "1 12 40 30% ✓ Within limit" in llyr
    (xanthi,) = lines_with(texts, XANTHI)
    assert "? No caseload recorded" in xanthi
    wang = after(texts, WANG)
    assert "newly qualified (90%)" in wang and "20 36 56% ✓ Within limit" in wang
    total = after(texts, "Total: 5 people")
    # Capacity counts everyone; the share in use counts those with a record (84 of 128).
    assert "5 people 4.3 84 168 66% ✕ 1 ▲ 1 ✓ 2 ? 1 1 old" in total
    # The people from other teams are not in it.
    assert "Ffion Evans" not in everything and "Person 01" not in everything
    # The summary figures.
    assert "✕ 1" in texts[0] and "84 / 168" in texts[0]
    assert "66% in use by those with a record" in after(texts, "84 / 168")
    assert "Caseload by month, December 2025 to November 2026" in texts[0]


def test_metadata(scenario: Scenario, tmp_path: Path) -> None:
    path = _caseload(scenario, tmp_path, team="North Recovery Service")
    info = PdfReader(path).metadata
    assert info is not None
    assert info.title == "Team caseload report: North Recovery Service"
    assert info.author == "Wellbeing Desktop"
    assert info.subject == "Caseloads against safe limits for North Recovery Service on 26/11/2026"


def test_long_table_repeats_its_header_on_every_page(scenario: Scenario, tmp_path: Path) -> None:
    path = _caseload(scenario, tmp_path, team="Large Team")
    assert_well_formed(path)
    texts = page_texts(path)
    assert len(texts) >= 3
    assert_every_page_marked(texts)
    flat = [" ".join(text.split()) for text in texts]  # long names wrap in their cell
    # The people table ends where the workload plans section begins.
    section = next(i for i, text in enumerate(flat) if "Over limit and workload plans" in text)
    flat = [*flat[:section], flat[section].split("Over limit and workload plans")[0]]
    pages_with_people = [text for text in flat if "Ó Súilleabháin" in text]
    assert len(pages_with_people) >= 2
    header = "Name Role FTE Cases Safe limit Use Status Change Recorded Last supervised"
    for text in pages_with_people:  # the table's header, above the first person
        assert header in text and text.index(header) < text.index("Ó Súilleabháin")
    assert all(text.startswith(header) for text in pages_with_people[1:])
    names = re.findall(r"Person (\d\d) Ó Súilleabháin", " ".join(flat))
    assert names == [f"{n:02d}" for n in range(60)]  # everyone once, in order


def test_whole_organisation_contents_subtotals_and_sections(
    scenario: Scenario, tmp_path: Path
) -> None:
    path = _caseload(scenario, tmp_path, all_teams=True)
    assert_well_formed(path)
    texts = page_texts(path)
    assert_every_page_marked(texts)
    assert "All teams" in texts[0] and "3 teams" in texts[0]
    contents = texts[1]
    assert "Teams" in contents
    lines = [" ".join(line.split()) for line in contents.splitlines()]
    rows = {  # the first line for each team is its row in the table
        name: next(line for line in lines if line.startswith(name))
        for name in ("Adult Social Work East", "Large Team", "North Recovery Service")
    }
    assert "Dewi Pritchard 1 1 0 0 0 26 25 104% 1" in rows["Adult Social Work East"]
    assert "Ann Other 60 4 6 50 0 1,495 2,400 62% 60" in rows["Large Team"]
    assert "Morag Dunn 5 1 1 2 1 84 168 66% 5" in rows["North Recovery Service"]
    assert "All teams 66 6 7 52 1 1,605 2,593 63% 66" in " ".join(contents.split())
    # Each team's page number (filled in at the end) is on its row, and is the page its
    # section starts on.
    pieces = positioned(path, 1)
    for name in rows:
        row_y = next(y for _x, y, text in pieces if text.startswith(name))
        on_row = sorted((x, text) for x, y, text in pieces if abs(y - row_y) < 2)
        page = int(on_row[-1][1])  # the last column
        starts = [line.strip() for line in texts[page - 1].splitlines()]
        assert name in starts  # the section heading
        assert any(line.startswith("Manager:") for line in starts)
    # A bookmark per team, for finding one's way in a long report.
    outline = [getattr(item, "title", None) for item in PdfReader(path).outline]
    assert outline == ["Adult Social Work East", "Large Team", "North Recovery Service"]
    # Continuation pages name the team in the header; the organisation-wide parts after
    # the last team do not carry the last team's name.
    assert any("Large Team (continued)" in text for text in texts)
    wide = next(i for i, text in enumerate(texts) if "Over limit and workload plans" in text)
    for text in texts[wide + 1 :]:
        assert "North Recovery Service (continued)" not in text
    assert len(texts) > wide + 1  # the check above looked at something


def test_without_supervision_columns(scenario: Scenario, tmp_path: Path) -> None:
    path = _caseload(scenario, tmp_path, team="North Recovery Service", supervision=False)
    everything = "\n".join(page_texts(path))
    assert "Last supervised" not in everything
    assert SIOBHAN in everything


def test_returns_bytes_without_a_path(scenario: Scenario) -> None:
    data = render("caseload", scenario.db, team="North Recovery Service", today=TODAY)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")


def test_points_roles_show_change_and_totals_in_points(scenario: Scenario, tmp_path: Path) -> None:
    """A role counted in points: the Change column and the team's total in points (pts),
    the cases and the points totalled apart."""
    from wellbeing_desktop.services import caseloads, people

    db = scenario.db
    team = people.save_team(db, "Weighted Team").id
    role = people.save_role(db, name="Weighted", amber=40, red=50, uses_weighting=True)
    gus = people.save_staff(
        db,
        people.StaffDraft(name="Gus Green", team_id=team, role_id=role.id, start_date="2020-01-01"),
    ).id
    for day, bands in (
        ("2026-11-01", [("Low", 10, 1), ("High", 5, 4)]),  # 15 cases, 30 points
        ("2026-11-20", [("Low", 10, 1), ("Medium", 8, 2), ("High", 4, 4)]),  # 22, 42
    ):
        caseloads.record_caseload(
            db, caseloads.make_entry(gus, day, sum(n for _, n, _ in bands), bands, today=TODAY)
        )
    texts = page_texts(_caseload(scenario, tmp_path, team="weighted team"))
    (line,) = lines_with(texts, "Gus Green")
    assert "42 pts 50 pts 84%" in line and "+12 pts" in line and "+7" not in line
    total = after(texts, "Total: 1 person")
    assert "0 · 42 pts 0 · 50 pts" in total
