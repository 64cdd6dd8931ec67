"""The supervision compliance report: for a period, each person's expected and held
sessions, gaps and overdue actions, and the share of the team supervised on time.
The rules are in ``services/compliance.py``; this module only lays them out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table

from wellbeing_desktop.reports import staffing, template
from wellbeing_desktop.reports.formatting import (
    NONE,
    long_date,
    percent,
    plural,
    short_date,
)
from wellbeing_desktop.reports.table import Column, Row, RowTable, fit_columns
from wellbeing_desktop.reports.template import ReportSetup, RoomFor, markup, para
from wellbeing_desktop.services.compliance import (
    Compliance,
    ComplianceStatus,
    PersonCompliance,
    supervision_compliance,
)
from wellbeing_desktop.services.protected_caseloads import protected_caseloads
from wellbeing_desktop.services.report_teams import chosen_team_ids
from wellbeing_desktop.services.workload_compliance import (
    PersonWorkloadReview,
    ReviewTiming,
    WorkloadReviewCompliance,
    workload_review_compliance,
)
from wellbeing_desktop.storage.database import Database

TINT = {
    ComplianceStatus.OVERDUE: "alert",
    ComplianceStatus.LEFT_OVERDUE: "alert",
    ComplianceStatus.CAUGHT_UP: "warn",
}
# The ✕ statuses, in bold as well as tinted.
FLAGGED = frozenset({ComplianceStatus.OVERDUE, ComplianceStatus.LEFT_OVERDUE})
FLAGGED_REVIEWS = frozenset({ReviewTiming.NO_PLAN, ReviewTiming.OVERDUE, ReviewTiming.LEFT_OVERDUE})
PEOPLE_COLUMNS = (
    Column("Name", 104, whole=True),
    Column("Role", 187),
    Column("Every", 40, "right"),
    Column("Expected", 50, "right"),
    Column("Held", 34, "right"),
    Column("Other sessions", 44, "right"),
    Column("Gaps", 30, "right"),
    Column("Days overdue", 44, "right"),
    Column("Last supervised", 58),
    Column("Overdue actions", 44, "right"),
    Column("Status", 120),
)
GAP_COLUMNS = (
    Column("Name", 150, whole=True),
    Column("Due on", 70),
    Column("Supervised on", 90),
    Column("Days overdue in period", 90, "right"),
)


def build(
    db: Database,
    *,
    start: dt.date,
    end: dt.date,
    team: str | None = None,
    team_ids: Sequence[int] | None = None,
    all_teams: bool = False,
    today: dt.date | None = None,
    printed_at: dt.datetime | None = None,
) -> bytes:
    """The report for one team (by name or id), several, or every team."""
    today = today or dt.date.today()
    chosen = chosen_team_ids(db, team=team, team_ids=team_ids, all_teams=all_teams)
    result = supervision_compliance(db, chosen, start, end, today=today)
    reviews = workload_review_compliance(db, chosen, start, end, today=today)
    setup = ReportSetup(
        title="Supervision compliance report",
        scope=f"{result.title}: {short_date(result.start)} to {short_date(result.requested_end)}",
        subject=(
            f"Supervision expected and held for {result.title}, "
            f"{short_date(result.start)} to {short_date(result.requested_end)}"
        ),
        printed_at=printed_at,
        wide=True,
        keywords=("supervision", "compliance"),
    )
    several = chosen is None or len(chosen) > 1
    story = _story(result, several_teams=several, amber_weeks=reviews.weeks)
    notes = len(_notes(reviews.weeks))
    story[-notes:-notes] = _workload_section(
        reviews, 842 - 2 * template.MARGIN, several_teams=several
    )
    # Protected caseloads today and over the 12 months to today (reports/staffing.py).
    protections = protected_caseloads(db, chosen, today=today)
    story[-notes:-notes] = staffing.protected_section(
        protections, 842 - 2 * template.MARGIN, several_teams=several
    )
    return template.build_pdf(setup, story)


def _story(result: Compliance, *, several_teams: bool, amber_weeks: int) -> list[Flowable]:
    width = 842 - 2 * template.MARGIN
    period = f"{long_date(result.start)} to {long_date(result.requested_end)}"
    if result.end < result.requested_end:
        period += f" (assessed up to today, {long_date(result.end)})"
    story: list[Flowable] = [
        para(result.title, "h1"),
        para(f"Period: {period}  ·  {_in_post(result)}", "facts"),
        Spacer(1, 4),
        _cards(result, width),
        Spacer(1, 10),
        para("People", "h2"),
    ]
    if not result.people:
        story.append(para("No one in these teams was in post during the period."))
    else:
        columns = list(PEOPLE_COLUMNS)
        if several_teams:
            columns.insert(1, Column("Team", 110))
            columns[2] = Column("Role", 120)
        columns = fit_columns(columns, width, stretch=(0, 1))
        rows = [_person_row(p, several_teams) for p in result.people]
        rows.append(_total_row(result, several_teams))
        story.append(RowTable(columns, rows))
    gaps = [(p, gap) for p in result.people for gap in p.gaps]
    if gaps:
        heading = para("Gaps in supervision", "h2")
        note = markup(
            "Each stretch when a session was overdue. <b>Days overdue in period</b> counts "
            "the days after the session fell due (from the first day in post in the "
            "period, if later) up to and including the day one was held, or to the last "
            "day in post or assessed if none was. <b>Due on</b> reads Not known when no "
            "record shows when the session fell due.",
            "small",
        )
        gap_table = RowTable(
            GAP_COLUMNS,
            [
                Row(
                    (
                        p.name,
                        short_date(gap.due_on) if gap.due_on else "Not known",
                        short_date(gap.met_on)
                        if gap.met_on
                        else f"✕ Left {short_date(p.left_on)}"
                        if p.left_on
                        else "✕ Not yet",
                        str(gap.days),
                    ),
                    bold=() if gap.met_on else (2,),
                )
                for p, gap in gaps
            ],
        )
        # The heading and its note stay with the table's first rows.
        story += [RoomFor([heading, note], gap_table.opening_height(3)), heading, note, gap_table]
        # Why a due date was counted from the day someone was added (as on the dashboard).
        counted = [
            para(f"{p.name}: {words}.", "small")
            for p in dict.fromkeys(p for p, _gap in gaps)
            if (words := p.counted_from_words)
        ]
        if counted:
            story += [Spacer(0, 4), *counted]
    story += _notes(amber_weeks)
    return story


def _in_post(result: Compliance) -> str:
    """'7 people in post during the period, 6 at its end' (starters count in both, and
    leavers only in the first)."""
    during = plural(len(result.people), "person", "people")
    if not result.people:
        return f"{during} in post during the period"
    at_end = len(result.in_post_at_end)
    when = "today" if result.end < result.requested_end else "at its end"
    if at_end == len(result.people):
        return f"{during} in post during the period, all of them {when}"
    return f"{during} in post during the period, {at_end:,} {when}"


def _cards(result: Compliance, width: float) -> Table:
    share = result.on_time_share
    figures = [
        (
            percent(share),
            f"Supervised on time ({len(result.on_time)} of {len(result.due)} due)",
            None,
        ),
        (f"{result.held:,} / {result.expected:,}", "Sessions held / expected", None),
        (f"✕ {result.count(ComplianceStatus.OVERDUE)}", "Overdue at period end", "alert"),
        (f"▲ {result.count(ComplianceStatus.CAUGHT_UP)}", "Late, since caught up", "warn"),
        (f"{len(result.with_gaps):,}", "People with a gap", None),
        (f"{result.overdue_actions:,}", "Actions overdue at period end or on leaving", None),
    ]
    widths = [width * share for share in (0.22, 0.17, 0.16, 0.16, 0.13, 0.16)]
    return template.cards(figures, widths)


def _every(days: int) -> str:
    return plural(days // 7, "week") if days % 7 == 0 else plural(days, "day")


def _person_row(p: PersonCompliance, several_teams: bool) -> Row:
    status = p.status
    cells = [
        p.name,
        p.role_name,
        _every(p.interval_days),
        str(p.expected),
        str(p.held),
        str(p.other_sessions) if p.other_sessions else NONE,
        str(len(p.gaps)) if p.gaps else NONE,
        str(p.days_overdue) if p.gaps else NONE,
        short_date(p.last_supervised) if p.last_supervised else "Never",
        str(p.overdue_actions) if p.overdue_actions else NONE,
        _status_words(p),
    ]
    if several_teams:
        cells.insert(1, p.team_name)
    status_column = len(cells) - 1
    tint = TINT.get(status)
    return Row(
        tuple(cells),
        bold=(status_column,) if status in FLAGGED else (),
        tint=(status_column, tint) if tint else None,
    )


def _status_words(p: PersonCompliance) -> str:
    """'✓ Supervised on time', and for a leaver when they left: '✕ Overdue when they
    left on 15/11/2026', '✓ Supervised on time; left 15/11/2026'."""
    status = p.status
    words = f"{status.symbol} {status.words}"
    if p.left_on is None:
        return words
    if status is ComplianceStatus.LEFT_OVERDUE:
        return f"{words} on {short_date(p.left_on)}"
    return f"{words}; left {short_date(p.left_on)}"


def _total_row(result: Compliance, several_teams: bool) -> Row:
    cells = [
        f"Total: {plural(len(result.people), 'person', 'people')}",
        "",
        "",
        f"{result.expected:,}",
        f"{result.held:,}",
        str(sum(p.other_sessions for p in result.people)),
        str(sum(len(p.gaps) for p in result.people)),
        str(sum(p.days_overdue for p in result.people)),
        "",
        f"{result.overdue_actions:,}",
        f"{percent(result.on_time_share)} on time",
    ]
    if several_teams:
        cells.insert(1, "")
    return Row(tuple(cells), total=True)


def _workload_row(p: PersonWorkloadReview, several_teams: bool) -> Row:
    cells = [
        p.name,
        f"{short_date(p.needed_from)} ({p.why})",
        (short_date(p.agreed_on) + (" (before the need)" if p.agreed_before_need else ""))
        if p.agreed_on
        else "✕ None",
        ("0 (covered)" if p.agreed_before_need else str(p.days_to_agree))
        if p.days_to_agree is not None
        else NONE,
        short_date(p.review_on) if p.review_on else NONE,
        short_date(p.closed_on) if p.closed_on else NONE,
        p.outcome_words,
    ]
    if several_teams:
        cells.insert(1, p.team_name)
    review_column = len(cells) - 1
    flagged = p.timing in FLAGGED_REVIEWS
    late = p.timing is ReviewTiming.LATE
    tint = (review_column, "alert") if flagged else (review_column, "warn") if late else None
    return Row(tuple(cells), (review_column,) if flagged else (), tint)


def _workload_section(
    reviews: WorkloadReviewCompliance, width: float, *, several_teams: bool
) -> list[Flowable]:
    """Workload reviews in the period: who needed one, whether a plan was agreed and
    whether it was reviewed on time (services/workload_compliance.py)."""
    story: list[Flowable] = [CondPageBreak(90), para("Workload reviews", "h2")]
    if not reviews.people:
        story.append(
            para(
                "No one was over the safe limit, or approaching it for longer than "
                f"{plural(reviews.weeks, 'week')}, during the period."
            )
        )
        return story
    agreed = len(reviews.agreed)
    left = reviews.count(ReviewTiming.LEFT_OVERDUE)
    story.append(
        para(
            f"{plural(len(reviews.people), 'person', 'people')} needed a workload review; "
            f"{agreed} had a plan agreed; {reviews.count(ReviewTiming.ON_TIME)} reviewed on "
            f"time, {reviews.count(ReviewTiming.LATE)} late, "
            f"{reviews.count(ReviewTiming.OVERDUE)} overdue at the end of the period"
            + (f", {left} overdue when they left." if left else "."),
            "small",
        )
    )
    columns = [
        Column("Name", 104, whole=True),
        Column("Needed from", 140),
        Column("Plan agreed", 56),
        Column("Days to agree", 44, "right"),
        Column("Review date", 56),
        Column("Closed", 56),
        Column("Review", 130),
    ]
    if several_teams:
        columns.insert(1, Column("Team", 110))
    # Without a Team column, the review's outcome takes the room instead.
    stretch = (0, 1, 2) if several_teams else (0, 1, len(columns) - 1)
    columns = fit_columns(columns, width, stretch=stretch)
    story.append(RowTable(columns, [_workload_row(p, several_teams) for p in reviews.people]))
    return story


def _notes(amber_weeks: int) -> list[Flowable]:
    notes = [
        "<b>Every</b> is the role's supervision frequency. <b>Expected</b> is the number of "
        "whole intervals the person was in post during the period; <b>Held</b> counts "
        "one-to-one and group supervision. <b>Other sessions</b> are peer supervision and "
        "reflective practice: valued, but they do not meet the requirement.",
        "A session is due one interval after the previous one (or after the person "
        "started; for someone never supervised whose start date is not recorded, after the "
        "day they were added to the app, as on the dashboard). A day is "
        "<b>overdue</b> when a session was due before it and not held before it: a session "
        "held on its due date is on time, held the day after it was one day overdue. A "
        "<b>gap</b> is a stretch of overdue days; <b>Days overdue</b> counts them within the "
        "period, its first and last days included.",
        "<b>Status</b>: ✓ supervised on time (never overdue in the period); ▲ late, since "
        "caught up; ✕ overdue at the end of the period, or when they left; – nothing fell "
        "due in the period (not counted in the percentage).",
        "People count for the days they were <b>in post</b> during the period: someone who "
        "started or left during it is expected sessions for those days only, and a leaver "
        "is never overdue after leaving (their overdue days and actions stop at their "
        "leaving date).",
        "<b>Overdue actions</b> were agreed in supervision, due before the end of the period "
        "(or the person's leaving) and not done by then.",
        "<b>Workload reviews</b>: someone needed one from the first day in the period their "
        "caseload was over the safe limit, or had been approaching it for longer than "
        f"{plural(amber_weeks, 'week')} (the organisation's setting). A review is on time "
        "when it was closed with its outcome by its review date.",
    ]
    return [CondPageBreak(80), para("How to read this report", "h3")] + [
        markup(note, "small") for note in notes
    ]
