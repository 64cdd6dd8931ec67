"""Layout defects found in review, read back from the PDFs: long names and titles are
never cut short in page headers or table cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.reports.conftest import (
    PRINTED_AT,
    Scenario,
    assert_every_page_marked,
    page_texts,
    positioned,
    render_report,
    requires_tools,
)
from tests.services.builders import TODAY, add_person
from wellbeing_desktop.reports import render
from wellbeing_desktop.services import caseloads, people, supervision
from wellbeing_desktop.services.setup import open_app_database

pytestmark = requires_tools

LONG_NAME = "Gwenllian Angharad Llewellyn-Pritchard ap Rhys-Williams Ó Súilleabháin"
LONG_TEAM = (
    "North and West Integrated Recovery, Wellbeing and Community Support Service "
    "(Community Outreach and Harm Reduction)"
)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _header_below_body(out: Path, page: int, header_lines: int) -> None:
    """The header's subtitle lines all sit above the first line of the body."""
    found = sorted(positioned(out, page), key=lambda item: -item[1])
    # The title, the marking, then the subtitle's lines (and any running title).
    header = [y for _x, y, _t in found[: header_lines + 2]]
    body = [y for _x, y, text in found if y < min(header) - 1 and "Page " not in text]
    assert body, "no body text"
    assert max(body) < min(header) - 8


def test_a_long_name_in_the_supervision_record_header_is_whole(
    scenario: Scenario, tmp_path: Path
) -> None:
    staff_id = add_person(scenario.db, scenario.north, LONG_NAME)
    record = supervision.save_session(
        scenario.db,
        supervision.SessionDraft(
            held_on="2026-11-02",
            attendee_ids=[staff_id],
            supervisor_name="Morag Dunn",
            casework="Long discussion. " * 300,
        ),
        today=TODAY,
    )
    out = render_report(scenario, tmp_path, "supervision-record", session_id=record.id)
    texts = page_texts(out)
    assert len(texts) > 1
    assert_every_page_marked(texts)
    for text in texts:
        flat = _flat(text)
        assert f"{LONG_NAME}: one-to-one supervision on 02/11/2026" in flat
        assert "…" not in flat
    _header_below_body(out, 1, header_lines=2)


def test_a_long_name_in_the_wellbeing_summary_header_is_whole(
    scenario: Scenario, tmp_path: Path
) -> None:
    name = "Anwen Eluned " + LONG_NAME.replace("ap", "ap y")  # 85 characters
    assert len(name) == 85
    staff_id = add_person(scenario.db, scenario.north, name)
    out = render_report(scenario, tmp_path, "wellbeing", staff_id=staff_id)
    for text in page_texts(out):
        assert name in _flat(text)
        assert "…" not in _flat(text)


def test_a_long_team_name_keeps_the_period_in_the_compliance_header(
    scenario: Scenario, tmp_path: Path
) -> None:
    assert len(LONG_TEAM) > 110
    team = people.save_team(scenario.db, LONG_TEAM, manager_name="Ann Other").id
    add_person(scenario.db, team, "Rhys Morgan")
    out = render_report(
        scenario,
        tmp_path,
        "compliance",
        team=LONG_TEAM,
        start=dt.date(2026, 6, 1),
        end=dt.date(2026, 11, 26),
    )
    texts = page_texts(out)
    for text in texts:
        assert f"{LONG_TEAM}: 01/06/2026 to 26/11/2026" in _flat(text)
    _header_below_body(out, 0, header_lines=2)


def test_protected_caseloads_show_a_long_team_name_whole(
    scenario: Scenario, tmp_path: Path
) -> None:
    team = people.save_team(scenario.db, LONG_TEAM, manager_name="Ann Other").id
    staff_id = add_person(scenario.db, team, "Rhys Morgan", start="2026-10-01")
    people.add_protection(scenario.db, staff_id, "newly_qualified", "2026-10-01")
    caseloads.record_caseload(
        scenario.db, caseloads.make_entry(staff_id, "2026-11-20", 20, today=TODAY)
    )
    out = render_report(scenario, tmp_path, "caseload", all_teams=True)
    everything = _flat(" ".join(page_texts(out)))
    start = everything.index("Protected caseloads Protections honoured today")
    table = everything[start : start + 1500]
    assert "Redu…" not in table
    assert "Harm Reduction)" in table


def _attention_pages(out: Path) -> list[str]:
    """The pages the 'Expired, missing and expiring, by person' table runs on to, each
    from its repeated header row on."""
    found = []
    for text in page_texts(out):
        flat = _flat(text)
        if "Expired, missing and expiring" in flat:
            continue  # the table's first page: opens with the first person by name
        marker = "Name Course State Completed Valid until Summary "
        if marker in flat:
            found.append(flat[flat.index(marker) + len(marker) :])
    return found


def test_training_rows_continued_on_a_new_page_name_the_person(
    scenario: Scenario, tmp_path: Path
) -> None:
    # The 60 people of Large Team have done no training: each has a run of "missing"
    # rows, and the list runs over several pages.
    out = render_report(scenario, tmp_path, "training", team="Large Team")
    pages = _attention_pages(out)
    assert len(pages) >= 2
    continued = 0
    for page in pages:
        assert page.startswith("Person "), page[:120]
        first = page.split(" Ó Súilleabháin", 1)
        continued += first[1].startswith(" (continued)")
    assert continued >= 1


def test_gaps_heading_is_never_left_without_its_table(scenario: Scenario, tmp_path: Path) -> None:
    # The first gap row is three lines tall (a long name, never cut). One more person
    # each time moves the heading down the first page until it meets the foot.
    team = people.save_team(scenario.db, "Sweep Team", manager_name="Ann Other").id
    first = "Angharad Gwenllian Llewellyn-Pritchard ap Rhys-Williams Ó Súilleabháin-Fitzgerald"
    add_person(scenario.db, team, first)
    for n in range(10):
        add_person(scenario.db, team, f"Sweep Person {n:02d}")
        out = tmp_path / f"compliance-{n}.pdf"
        render(
            "compliance",
            scenario.db,
            out=out,
            team="Sweep Team",
            start=dt.date(2026, 6, 1),
            end=dt.date(2026, 11, 26),
            today=TODAY,
            printed_at=PRINTED_AT,
        )
        pages = [_flat(text) for text in page_texts(out)]
        heading = [page for page in pages if "Gaps in supervision" in page]
        assert len(heading) == 1
        after_heading = heading[0][heading[0].index("Gaps in supervision") :]
        # The table's header and its first rows are on the heading's page.
        assert "Days overdue in period Angharad" in after_heading, n
        assert "Sweep Person 00 03/02/2020" in after_heading, n


def _wellbeing_text(scenario: Scenario, tmp_path: Path, staff_id: int) -> str:
    out = tmp_path / f"wellbeing-{staff_id}.pdf"
    render("wellbeing", scenario.db, out=out, today=TODAY, printed_at=PRINTED_AT, staff_id=staff_id)
    return _flat(" ".join(page_texts(out)))


def test_wellbeing_summary_dates_the_caseload_record_and_marks_an_old_one(
    scenario: Scenario, tmp_path: Path
) -> None:
    staff_id = add_person(scenario.db, scenario.north, "Rhys Morgan")
    caseloads.record_caseload(
        scenario.db, caseloads.make_entry(staff_id, "2026-08-31", 20, today=TODAY)
    )  # 87 days before 26/11/2026: old by the caseload report's rule (over 42 days)
    text = _wellbeing_text(scenario, tmp_path, staff_id)
    assert (
        "Caseload: ✓ Within limit: 20 cases against a limit of 40 for 1 FTE; recorded 31/08/2026 "
        "(old: more than 42 days ago)." in text
    )
    caseloads.record_caseload(
        scenario.db, caseloads.make_entry(staff_id, "2026-11-20", 22, today=TODAY)
    )
    text = _wellbeing_text(scenario, tmp_path, staff_id)
    assert "22 cases against a limit of 40 for 1 FTE; recorded 20/11/2026." in text
    assert "(old" not in text


def test_wellbeing_summary_gives_a_leavers_leaving_date(scenario: Scenario, tmp_path: Path) -> None:
    staff_id = add_person(scenario.db, scenario.north, "Rhys Morgan", leaving_date="2026-10-30")
    text = _wellbeing_text(scenario, tmp_path, staff_id)
    assert (
        "Not in post today: left on 30/10/2026; no current caseload or supervision position."
        in text
    )


def test_a_team_heading_is_never_left_without_its_table(sqlite_path: Path) -> None:
    """Wherever a team starts on the page, its heading and facts (two lines or more,
    more with a long manager name) are on the same page as its table's header and first
    rows. Moved down the page one person at a time, as the team above grows."""
    from wellbeing_desktop.services import people

    db = open_app_database(f"sqlite:///{sqlite_path}")
    try:
        alpha = people.save_team(db, "Alpha Team").id
        beta = people.save_team(
            db, "Beta Team", manager_name="Angharad " + "Llewellyn-Pritchard " * 6 + "Jones"
        ).id
        for n in range(3):
            add_person(db, beta, f"Beta Person {n}")
        orphans = []
        for n in range(40):
            add_person(db, alpha, f"Alpha Person {n:02d}")
            if n < 14:
                continue  # Beta starts on the first page, well clear of its foot
            data = render("caseload", db, all_teams=True, today=TODAY, printed_at=PRINTED_AT)
            path = sqlite_path.with_name(f"teams-{n}.pdf")
            path.write_bytes(data)
            for text in page_texts(path):
                flat = _flat(text)
                if "Manager: Angharad" in flat:
                    rest = flat[flat.index("Manager: Angharad") :]
                    if "Beta Person 0" not in rest:
                        orphans.append(n)
        assert orphans == []
    finally:
        db.close()
