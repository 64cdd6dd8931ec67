"""The team caseload report, read back from the PDF."""

from __future__ import annotations

import datetime as dt
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
    render_report,
    requires_tools,
)
from tests.services.builders import TODAY, add_person
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
    # Every name comes back out exactly as written, on the line with its figures (the
    # long role wraps onto a second line).
    assert len(lines_with(texts, SIOBHAN)) == 2  # then again under workload plans
    assert "0.8 34 32 106% ✕ Over safe limit +4 20/11/2026" in after(texts, SIOBHAN, 110)
    assert "0.5 18 20 90% ▲ Approaching limit" in after(texts, LUKASZ, 100)
    assert "1 12 40 30% ✓ Within limit" in after(texts, LLYR, 100)
    assert "? No caseload recorded" in after(texts, XANTHI, 100)
    wang = after(texts, WANG)
    assert "newly qualified (90%)" in wang and "20 36 56% ✓ Within limit" in wang
    total = after(texts, "Total: 5 people")
    # Cases and Safe limit are the columns' sums (Xanthi, with no record, adds her
    # limit of 40 and no cases); the Use counts only those with a record: 84 of 128.
    # No one has an old record (Xanthi has none at all).
    assert "5 people 4.3 84 168 66% ✕ 1 ▲ 1 ✓ 2 ? 1 0 old" in total
    # The people from other teams are not in it.
    assert "Ffion Evans" not in everything and "Person 01" not in everything
    # The summary figures.
    # The card prints the pair behind the share, and who is left out of it.
    assert "✕ 1" in texts[0] and "84 / 128" in texts[0] and "84 / 168" not in texts[0]
    card = " ".join(after(texts, "84 / 128", 200).split())
    assert (
        "Cases / combined safe limit of those with a record in the last 3 months (66% in "
        "use). 1 person with no caseload record in the last 3 months left out (safe limit 40)"
    ) in card
    assert "Caseload by month, December 2025 to November 2026" in texts[0]


def test_metadata(scenario: Scenario, tmp_path: Path) -> None:
    path = _caseload(scenario, tmp_path, team="North Recovery Service")
    info = PdfReader(path).metadata
    assert info is not None
    assert info.title == "Team caseload report: North Recovery Service"
    assert info.author == "Wellbeing Desktop"
    assert info.subject == "Caseloads against safe limits for North Recovery Service on 26/11/2026"


def test_pages_are_compressed(scenario: Scenario, tmp_path: Path) -> None:
    path = _caseload(scenario, tmp_path, team="North Recovery Service")
    for page in PdfReader(path).pages:
        contents = page["/Contents"].get_object()
        assert contents["/Filter"] in ("/FlateDecode", ["/FlateDecode"])
        raw, decoded = contents._data, contents.get_data()
        assert len(raw) < len(decoded) / 2 and b" Tm " in decoded


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
    # Use leaves out Xanthi (no record) and her limit of 40: 1,605 of 2,553.
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
    # A team whose limits are all in points: its totals in points only (no '0 ·').
    assert "Total: 1 person 1 42 pts 50 pts 84%" in total


def _weighted_team(scenario: Scenario) -> dict[str, int]:
    """A team with a role counted in points (one person at 60 points of 50, from 30
    cases) beside a role counted in cases (41 of 40)."""
    from wellbeing_desktop.services import caseloads, people

    db = scenario.db
    team = people.save_team(db, "Weighted Team", manager_name="Wyn Jones").id
    role = people.save_role(db, name="Weighted", amber=40, red=50, uses_weighting=True)
    ids = {}
    for name in ("Ffion Weighted-Jones", "Ula Unweighted"):
        draft = people.StaffDraft(name=name, team_id=team, role_id=role.id, start_date="2020-01-01")
        ids[name] = people.save_staff(db, draft).id
    ids["Kit Cases"] = add_person(db, team, "Kit Cases")
    entries = (
        caseloads.make_entry(
            ids["Ffion Weighted-Jones"],
            "2026-11-20",
            30,
            [("High", 15, 4), ("Low", 15, 0)],
            today=TODAY,
        ),
        caseloads.make_entry(ids["Kit Cases"], "2026-11-20", 41, today=TODAY),
    )
    for entry in entries:
        caseloads.record_caseload(db, entry)
    return ids


def test_headline_sets_cases_against_limits_in_cases_and_points_apart(
    scenario: Scenario, tmp_path: Path
) -> None:
    """The card, the team's heading line and the totals set like against like: the cases
    of roles counted in cases against their limits, points against points; each share
    is the ratio of the two figures printed beside it (not 71 cases, counting the
    30 of the role in points, against a limit of 40)."""
    _weighted_team(scenario)
    texts = page_texts(_caseload(scenario, tmp_path, team="Weighted Team"))
    card = after(texts, "41 / 40", 220)
    # Ula's caseload has no points: she and her limit are left out of the share (said
    # beside it), and her limit is in the Safe limit total.
    assert (
        "Cases / combined safe limit of those with a record in the last 3 months (103% in "
        "use; 60 / 50 pts (120% in use)). 1 person with no weighted points recorded in the "
        "last 3 months left out (safe limit "
        "50 pts)"
    ) in card
    assert "71 / 40" not in " ".join(texts)
    assert "Total: 3 people 3 41 · 60 pts 40 · 100 pts 103% · 120%" in after(
        texts, "Total: 3 people"
    )

    texts = page_texts(_caseload(scenario, tmp_path, "all.pdf", all_teams=True))
    # 1,605 + 41 cases against 2,553 + 40 (Xanthi, with no record, left out): 63%.
    assert "1,646 / 2,593" in texts[0] and "(63% in use; 60 / 50 pts" in after(
        texts, "1,646 / 2,593"
    )
    contents = " ".join(texts[1].split())
    assert "All teams 69 8 7 52 2 1,646 · 60 pts 2,633 · 100 pts 63% · 120% 69" in contents
    assert "Wyn Jones 3 2 0 0 1 41 · 60 pts 40 · 100 pts 103% · 120%" in contents
    heading = after(texts, "Manager: Wyn Jones ·", 400)
    assert "? 1 not recorded Cases / safe limit" in heading  # on a line of its own
    assert (
        "Cases / safe limit of those with a record in the last 3 months 41 / 40 (103% in "
        "use); 60 / 50 pts (120% in use); 1 person with no weighted points recorded in the "
        "last 3 months left out (safe limit "
        "50 pts)"
    ) in heading


def test_team_all_in_points_roles_heads_with_points_only(
    scenario: Scenario, tmp_path: Path
) -> None:
    """A team whose people all have limits in points: the heading and the card print
    the points pair alone, never 'cases / safe limit 60 / 100 pts'."""
    from wellbeing_desktop.services import caseloads, people

    db = scenario.db
    team = people.save_team(db, "Points Only", manager_name="Pia Points").id
    role = people.save_role(db, name="Weighted", amber=40, red=50, uses_weighting=True)
    draft = people.StaffDraft(
        name="Pat Points", team_id=team, role_id=role.id, start_date="2020-01-01"
    )
    staff = people.save_staff(db, draft).id
    entry = caseloads.make_entry(staff, "2026-11-20", 15, [("High", 15, 4)], today=TODAY)
    caseloads.record_caseload(db, entry)
    texts = page_texts(_caseload(scenario, tmp_path, "all.pdf", all_teams=True))
    heading = after(texts, "Manager: Pia Points ·", 300)
    assert (
        "Weighted points / safe limit of those with points in the last 3 months 60 / 50 pts "
        "(120% in use)"
    ) in heading
    assert "cases / safe limit" not in heading.casefold()
    notes = after(texts, "How to read this report", 900)
    assert (
        "The total's Use, like the card and the chart's latest month, sets the open cases "
        "against the safe limits of only the people whose latest caseload record is from "
        "the last 92 days: someone with no record, or only an older one, is left out of it "
        "(their cases and limit are in the column totals but not in the Use)."
    ) in notes
    texts = page_texts(_caseload(scenario, tmp_path, team="Points Only"))
    assert (
        "Weighted points / combined safe limit of those with points in the last 3 months "
        "(120% in use)" in after(texts, "60 / 50 pts", 200)
    )


def test_use_column_shows_whole_percentages(scenario: Scenario, tmp_path: Path) -> None:
    """Use over 100% is never cut short ('10…' for 103%); beyond 999% it reads '>999%'
    (99 cases against a limit of 0.4 is 24,975%)."""
    from wellbeing_desktop.services import caseloads

    ids = _weighted_team(scenario)
    tiny = add_person(scenario.db, scenario.north, "Tiny Post", fte=0.01)
    caseloads.record_caseload(
        scenario.db, caseloads.make_entry(tiny, "2026-11-20", 99, today=TODAY)
    )
    texts = page_texts(_caseload(scenario, tmp_path, team="North Recovery Service"))
    assert "0.01 99 0.4 >999% ✕ Over safe limit" in after(texts, "Tiny Post", 120)
    assert "…" not in " ".join(texts)
    texts = page_texts(_caseload(scenario, tmp_path, "weighted.pdf", team="Weighted Team"))
    assert "1 41 40 103% ✕ Over safe limit" in after(texts, "Kit Cases", 120)
    assert ids and "…" not in " ".join(texts)


def test_workload_plan_line_gives_the_load_in_the_limits_unit(
    scenario: Scenario, tmp_path: Path
) -> None:
    """Someone in a role counted in points is over at 60 points of 50 (not '30 of 50',
    her cases against a limit in points)."""
    _weighted_team(scenario)
    texts = page_texts(_caseload(scenario, tmp_path, team="Weighted Team"))
    plans = after(texts, "Over limit and workload plans", 500)
    assert "Ffion Weighted-Jones ✕ Over safe limit (60 of 50 pts)" in plans
    assert "Kit Cases ✕ Over safe limit (41 of 40)" in plans
    assert "(30 of 50" not in plans


def test_cases_recorded_without_weighting_are_not_called_unrecorded(
    scenario: Scenario, tmp_path: Path
) -> None:
    """Cases recorded without the weighting a role in points needs read '? Not weighted'
    beside their date, not '? No caseload recorded'; the counts keep the two apart."""
    from wellbeing_desktop.services import caseloads

    ids = _weighted_team(scenario)
    caseloads.record_caseload(
        scenario.db, caseloads.make_entry(ids["Ula Unweighted"], "2026-11-21", 12, today=TODAY)
    )
    texts = page_texts(_caseload(scenario, tmp_path, team="Weighted Team"))
    assert "1 12 50 pts – ? Not weighted – 21/11/2026" in after(texts, "Ula Unweighted", 100)
    assert "No caseload recorded" not in after(texts, "Ula Unweighted", 100)
    assert "? 1 No caseload recorded (0) or not weighted (1)" in " ".join(texts[0].split())
    assert "✕ 2 ▲ 0 ✓ 0 ? 1 (1 not weighted)" in after(texts, "Total: 3 people")

    texts = page_texts(_caseload(scenario, tmp_path, "all.pdf", all_teams=True))
    heading = after(texts, "Manager: Wyn Jones ·", 200)
    assert "? 0 not recorded ? 1 not weighted" in heading


def test_protected_person_not_weighted_says_so(scenario: Scenario, tmp_path: Path) -> None:
    """Protected caseloads: a protected person whose cases are recorded without the
    weighting their limit in points needs reads '? Not weighted', not '? No caseload
    recorded' (they have a record); the sentence above counts them apart."""
    from wellbeing_desktop.services import caseloads, people

    ids = _weighted_team(scenario)
    people.add_protection(scenario.db, ids["Ula Unweighted"], "phased_return", "2026-11-01")
    caseloads.record_caseload(
        scenario.db, caseloads.make_entry(ids["Ula Unweighted"], "2026-11-21", 12, today=TODAY)
    )
    texts = page_texts(_caseload(scenario, tmp_path, team="Weighted Team"))
    today = after(texts, "Protections honoured today:", 100)
    assert today.startswith(
        "Protections honoured today: 0 of 0 (caseload within the protected limit); 1 not weighted."
    )
    row = after(texts, "Ula Unweighted Phased return", 120)
    assert "? Not weighted" in row and "No caseload recorded" not in row


def test_team_total_fte_is_never_cut_short(scenario: Scenario, tmp_path: Path) -> None:
    """A team's FTE in its Total row (bold) fits its column: 131.75, not '131.…'."""
    from wellbeing_desktop.services import people

    team = people.save_team(scenario.db, "Wide Team").id
    for n in range(131):
        add_person(scenario.db, team, f"Wide {n:03d}")
    add_person(scenario.db, team, "Wide Part", fte=0.75)
    texts = page_texts(_caseload(scenario, tmp_path, team="Wide Team"))
    assert "Total: 132 people 131.75 0 5,270 –" in after(texts, "Total: 132 people")
    assert "…" not in " ".join(texts)


LONG_WORD = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch-Pritchard"
MANY_WORDS = "Maria de los Ángeles Fernández-Castellanos y Rodríguez de la Fuente Ó Briain"


def test_names_are_never_cut_short(scenario: Scenario, tmp_path: Path) -> None:
    """A name wider than its column, as one word or as many, wraps in full (before: a
    word wider than the column, or a fourth line, was cut short with '…')."""
    from wellbeing_desktop.services import caseloads

    for name in (LONG_WORD, MANY_WORDS):
        staff_id = add_person(scenario.db, scenario.north, name)
        caseloads.record_caseload(
            scenario.db, caseloads.make_entry(staff_id, "2026-11-20", 45, today=TODAY)
        )
    texts = page_texts(_caseload(scenario, tmp_path, team="North Recovery Service"))
    assert "…" not in " ".join(texts)
    squeezed = "".join("".join(texts).split())
    # In the people table, and again over the limit (workload plans).
    for name in (LONG_WORD, MANY_WORDS):
        assert squeezed.count("".join(name.split())) == 2, name
    # The supervision compliance report's people table, likewise.
    out = render_report(
        scenario,
        tmp_path,
        "compliance",
        team="North Recovery Service",
        start=dt.date(2026, 9, 1),
        end=dt.date(2026, 11, 30),
    )
    texts = page_texts(out)
    assert "…" not in " ".join(texts)
    squeezed = "".join("".join(texts).split())
    for name in (LONG_WORD, MANY_WORDS):
        assert "".join(name.split()) in squeezed, name


def test_organisation_lists_teams_with_no_one_in_post(scenario: Scenario, tmp_path: Path) -> None:
    """Every team not archived is in the contents, with a zero row and a one-line
    section, even with no one in post; an archived empty team is not."""
    from sqlalchemy import update

    from wellbeing_desktop.services import people
    from wellbeing_desktop.storage import tables

    people.save_team(scenario.db, "Empty Team", manager_name="Nia Nobody")
    gone = people.save_team(scenario.db, "Archived Team").id
    with scenario.db.connection() as connection:
        connection.execute(
            update(tables.team).where(tables.team.c.id == gone).values(archived=True)
        )
        connection.commit()
    path = _caseload(scenario, tmp_path, all_teams=True)
    texts = page_texts(path)
    assert "4 teams (1 with no one in post)" in texts[0]
    contents = [" ".join(line.split()) for line in texts[1].splitlines()]
    row = next(line for line in contents if line.startswith("Empty Team"))
    # Its row: people, the counts, cases, limit, use and supervision overdue.
    assert row.startswith("Empty Team Nia Nobody 0 0 0 0 0 0 0 – 0")
    assert after(texts, "Manager: Nia Nobody", 60).startswith(  # its section
        "Manager: Nia Nobody · No one in post "
    )
    assert "Archived Team" not in " ".join(texts)
    outline = [getattr(item, "title", None) for item in PdfReader(path).outline]
    assert outline == [
        "Adult Social Work East",
        "Empty Team",
        "Large Team",
        "North Recovery Service",
    ]


def test_total_counts_as_old_only_records_older_than_the_window(
    scenario: Scenario, tmp_path: Path
) -> None:
    """'old' in the Total row counts the rows marked (old): someone never recorded has
    no old record (Xanthi), though the card counts her among those with no recent one."""
    from wellbeing_desktop.services import caseloads

    old = add_person(scenario.db, scenario.north, "Olwen Old")
    caseloads.record_caseload(scenario.db, caseloads.make_entry(old, "2026-08-20", 10, today=TODAY))
    texts = page_texts(_caseload(scenario, tmp_path, team="North Recovery Service"))
    rows = " ".join(texts).split("How to read this report")[0]
    assert rows.count("(old)") == 1  # Olwen's row, beside 20/08/2026
    assert "25% ✓ Within limit – 20/08/2026" in after(texts, "Olwen Old", 100)
    assert "? 1 1 old 6 overdue" in after(texts, "Total: 6 people")
    card = " ".join(texts[0].split())
    assert "2 No caseload record in the last 42 days" in card


def test_chart_months_with_no_records_have_no_bar_and_say_so(
    scenario: Scenario, tmp_path: Path
) -> None:
    """North's records begin in October: the ten months before have no bar, no limit and
    'no records' (not bars of 0 under a limit of 0, which read as no cases and no
    capacity)."""
    path = _caseload(scenario, tmp_path, team="North Recovery Service")
    chart = [text for _x, _y, text in positioned(path, 0)]
    assert chart.count("no records") == 10
    assert chart.count("0") == 1  # the axis, no bar labelled 0
    assert "30" in chart and "84" in chart  # October's and November's bars


def test_large_totals_round_halves_up_as_percentages_do() -> None:
    from wellbeing_desktop.reports.formatting import total

    # Python's round() goes half to even (2,366.5 -> 2,366); the app rounds halves up.
    assert (total(2366.5), total(2367.5), total(40_739.4)) == ("2,367", "2,368", "40,739")
    assert (total(999.5), total(13.5)) == ("999.5", "13.5")  # below 1,000: as number()


def test_teams_chosen_together_are_all_named_and_totalled_as_such(
    scenario: Scenario, tmp_path: Path
) -> None:
    """Several teams, one with no one in post: the header names every team chosen, and
    the contents' total row says how many teams it adds up (not "All teams")."""
    from wellbeing_desktop.services import people
    from wellbeing_desktop.services.summary import find_team_ids

    people.save_team(scenario.db, "Quiet Team", manager_name="Nia Nobody")
    chosen = find_team_ids(scenario.db, ["North Recovery Service", "Quiet Team"])
    path = _caseload(scenario, tmp_path, "chosen.pdf", team_ids=chosen)
    texts = page_texts(path)
    assert "North Recovery Service, Quiet Team" in texts[0]
    contents = " ".join(texts[1].split())
    assert "Total, 2 teams 5 " in contents
    assert "All teams" not in " ".join(texts)  # neither the contents nor the establishment
    assert "Total, 2 teams" in after(texts, "Establishment and vacancies", 2000)
    everyone = " ".join(
        page_texts(_caseload(scenario, tmp_path, "all.pdf", all_teams=True))[1].split()
    )
    assert "All teams 6" in everyone
