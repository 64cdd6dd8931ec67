"""The compliance report's leavers: '✕ Overdue when they left' is flagged like every
other ✕ (tinted and in bold), and the card and the gaps table say what they count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from tests.reports.conftest import PRINTED_AT, Scenario, page_texts, requires_tools
from tests.services.builders import TODAY, add_person
from wellbeing_desktop.reports import render
from wellbeing_desktop.reports.compliance import _person_row, _workload_row
from wellbeing_desktop.services import supervision
from wellbeing_desktop.services.compliance import ComplianceStatus, Gap, PersonCompliance
from wellbeing_desktop.services.report_teams import chosen_team_ids
from wellbeing_desktop.services.workload_compliance import PersonWorkloadReview, ReviewTiming

pytestmark = requires_tools

LEFT = dt.date(2026, 11, 15)


def _person(*, left_on: dt.date | None, met_on: dt.date | None = None) -> PersonCompliance:
    return PersonCompliance(
        staff_id=1,
        name="Rhys Leaver",
        team_id=1,
        team_name="North Recovery Service",
        role_name="Support worker",
        interval_days=28,
        first_day=dt.date(2026, 9, 1),
        last_day=(left_on - dt.timedelta(days=1)) if left_on else dt.date(2026, 11, 26),
        expected=2,
        held=2,
        other_sessions=0,
        last_supervised=dt.date(2026, 10, 1),
        gaps=(Gap(dt.date(2026, 10, 29), met_on, 16),),
        overdue_actions=0,
        due_in_period=True,
        left_on=left_on,
    )


def test_overdue_when_they_left_is_tinted_and_bold_like_overdue_at_the_end() -> None:
    leaver = _person(left_on=LEFT)
    assert leaver.status is ComplianceStatus.LEFT_OVERDUE
    still_here = _person(left_on=None)
    assert still_here.status is ComplianceStatus.OVERDUE
    for person in (leaver, still_here):
        row = _person_row(person, several_teams=False)
        status_column = len(row.cells) - 1
        assert row.cells[status_column].startswith("✕ ")
        assert row.bold == (status_column,)
        assert row.tint == (status_column, "alert")
    caught_up = _person_row(_person(left_on=LEFT, met_on=dt.date(2026, 11, 10)), False)
    assert caught_up.bold == () and caught_up.tint == (len(caught_up.cells) - 1, "warn")


def test_a_review_overdue_when_they_left_is_flagged_like_one_overdue_at_the_end() -> None:
    for timing in (ReviewTiming.LEFT_OVERDUE, ReviewTiming.OVERDUE):
        review = PersonWorkloadReview(
            staff_id=1,
            name="Rhys Leaver",
            team_name="North Recovery Service",
            needed_from=dt.date(2026, 9, 7),
            why="over limit",
            agreed_on=dt.date(2026, 9, 10),
            review_on=dt.date(2026, 10, 10),
            closed_on=None,
            timing=timing,
            left_on=LEFT if timing is ReviewTiming.LEFT_OVERDUE else None,
        )
        row = _workload_row(review, several_teams=False)
        review_column = len(row.cells) - 1
        assert row.cells[review_column].startswith("✕ ")
        assert row.bold == (review_column,)
        assert row.tint == (review_column, "alert")


def _bold_texts(path: Path) -> list[str]:
    """The pieces of text drawn in a bold face, on every page."""
    found: list[str] = []
    for page in PdfReader(path).pages:

        def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
            name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
            if "Bold" in name and text.strip():
                found.append(text.strip())

        page.extract_text(visitor_text=visit)
    return found


def test_the_leaver_reads_in_bold_and_the_card_and_gaps_say_what_they_count(
    scenario: Scenario, tmp_path: Path
) -> None:
    (team_id,) = chosen_team_ids(scenario.db, team="North Recovery Service") or ()
    leaver = add_person(scenario.db, team_id, "Rhys Leaver", leaving_date="2026-11-15")
    for day in ("2026-09-03", "2026-10-01"):  # due 29/10, never seen again
        supervision.save_session(
            scenario.db, supervision.SessionDraft(held_on=day, attendee_ids=[leaver]), today=TODAY
        )
    out = tmp_path / "compliance.pdf"
    render(
        "compliance", scenario.db, out=out, team="North Recovery Service",
        start=dt.date(2026, 9, 1), end=dt.date(2026, 11, 26), today=TODAY, printed_at=PRINTED_AT,
    )  # fmt: skip
    bold = " ".join(_bold_texts(out))
    assert "Overdue when they left" in bold
    assert "Overdue at period end" in bold
    text = " ".join(" ".join(page_texts(out)).split())
    assert "Actions overdue at period end or on leaving" in text
    assert "from the date it was due" not in text
    assert (
        "Days overdue in period counts the days after the session fell due (from the first "
        "day in post in the period, if later) up to and including the day one was held, or "
        "to the last day in post or assessed if none was. Due on reads Not known when no "
        "record shows when the session fell due." in text
    )
