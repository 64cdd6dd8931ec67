"""The team caseload report: each person's caseload against their safe limit, the
team's totals, and its caseload over the last months. For the whole organisation:
a summary, a contents list of teams with their subtotals, then one section per team.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table

from wellbeing_desktop.reports import staffing, template
from wellbeing_desktop.reports.chart import CaseloadChart
from wellbeing_desktop.reports.formatting import (
    NONE,
    long_date,
    month_year,
    number,
    percent,
    plural,
    short_date,
    signed,
    total,
    use_percent,
)
from wellbeing_desktop.reports.table import Column, PageOf, Row, RowTable, fit_columns
from wellbeing_desktop.reports.template import (
    ReportSetup,
    RoomFor,
    SectionEnd,
    SectionMark,
    TextLine,
    markup,
    para,
)
from wellbeing_desktop.services.caseload_rules import (
    RECORD_LOOKBACK_DAYS,
    RECORD_LOOKBACK_WORDS,
    CaseloadStatus,
)
from wellbeing_desktop.services.due import describe_overdue
from wellbeing_desktop.services.report_teams import (
    chosen_team_ids,
    listed_teams,
    split_by_team,
    teams_by_id,
)
from wellbeing_desktop.services.staffing_figures import StaffingData, staffing_data
from wellbeing_desktop.services.summary import (
    RECENT_CASELOAD_DAYS,
    PersonSummary,
    TeamSummary,
    team_summary,
)
from wellbeing_desktop.services.teams import TeamInfo
from wellbeing_desktop.services.trends import CaseloadHistory, team_caseload_history
from wellbeing_desktop.services.workload_plans import WorkloadPlanLine, workload_plan_lines
from wellbeing_desktop.storage.database import Database

RED, AMBER, GREEN, UNKNOWN, UNWEIGHTED = (
    CaseloadStatus.RED,
    CaseloadStatus.AMBER,
    CaseloadStatus.GREEN,
    CaseloadStatus.UNKNOWN,
    CaseloadStatus.UNWEIGHTED,
)
TINT = {RED: "alert", AMBER: "warn"}

PEOPLE_COLUMNS = (
    Column("Name", 110, whole=True),
    Column("Role", 157),
    Column("FTE", 37, "right"),  # a team's total in bold: 131.75 (1,000 and over: 1,235)
    Column("Cases", 38, "right"),  # a team's total: 12,345
    Column("Safe limit", 42, "right"),  # a team's total: 426.45
    Column("Use", 40, "right"),
    Column("Status", 98),
    Column("Change", 40, "right"),
    Column("Recorded", 52),
)
SUPERVISION_COLUMNS = (Column("Last supervised", 56), Column("Supervision", 102))
TEAM_COLUMNS = (
    Column("Team", 150),
    Column("Manager", 110),
    Column("People", 38, "right"),
    Column("✕ Over", 40, "right"),
    Column("▲ Near", 40, "right"),
    Column("✓ Within", 46, "right"),
    Column("? Not judged", 40, "right"),
    Column("Cases", 46, "right"),
    Column("Safe limit", 50, "right"),
    Column("Use", 36, "right"),
    Column("Supervision overdue", 66, "right"),
    Column("Page", 34, "right"),
)


def build(
    db: Database,
    *,
    team: str | None = None,
    team_ids: Sequence[int] | None = None,
    all_teams: bool = False,
    months: int = 12,
    supervision: bool = True,
    today: dt.date | None = None,
    printed_at: dt.datetime | None = None,
) -> bytes:
    """The report for one team (by name or id) or, with ``all_teams``, every team."""
    today = today or dt.date.today()
    chosen = chosen_team_ids(db, team=team, team_ids=team_ids, all_teams=all_teams)
    teams = teams_by_id(db)
    summary = team_summary(db, chosen, today=today, learning=False)  # no training shown
    history = team_caseload_history(db, chosen, months, today)
    if chosen is not None and len(chosen) == 1:
        summary_title = teams[chosen[0]].name if chosen[0] in teams else summary.title
    else:
        summary_title = summary.title
    setup = ReportSetup(
        title="Team caseload report",
        scope=summary_title,
        subject=f"Caseloads against safe limits for {summary_title} on {short_date(today)}",
        printed_at=printed_at,
        wide=True,
        keywords=("caseload", "safe staffing"),
    )
    story = _Story(teams, history, supervision)
    story.plans = workload_plan_lines(db, summary.people)
    story.staffing = staffing_data(db, chosen, summary=summary)
    if chosen is not None and len(chosen) == 1:
        story.one_team(summary, teams.get(chosen[0]))
    else:
        story.organisation(summary, listed_teams(db, chosen), every_team=chosen is None)
    return template.build_pdf(setup, story.flowables)


def _both(summary: TeamSummary, cases: str, points: str) -> str:
    """A total's cell: the figure for roles in cases, the one in points apart ('41 · 60
    pts'); only the points for a team whose limits are all in points."""
    if not summary.has_points_roles:
        return cases
    if not summary.has_cases_roles:
        return points
    return f"{cases} · {points}"


def _cases_cell(summary: TeamSummary) -> str:
    """Like with like: the open cases of the people whose limits are in cases, and the
    points of those counted in points apart: the sums of the column, every row (old
    records included), not the share's numerator."""
    return _both(
        summary,
        f"{summary.cases_column_total:,}",
        f"{number(summary.points_column_total)} pts",
    )


def _capacity_cell(summary: TeamSummary) -> str:
    """Everyone's safe limit, those with no record or an old one included (the sum of
    the column), not the share's denominator."""
    return _both(summary, total(summary.total_capacity), f"{number(summary.points_capacity)} pts")


def _use_cell(summary: TeamSummary) -> str:
    """The share in use by the summary's rule: of the people with a record in the last
    3 months only (the reading notes say so; the others' limits are in the Safe limit
    total all the same)."""
    return _both(
        summary, use_percent(summary.overall_utilisation), use_percent(summary.points_in_use)
    )


def _cases_pair(summary: TeamSummary) -> str:
    """'84 / 128 (66% in use)': cases against the safe limits of those with a recent
    record (the share's numerator and denominator, not the column totals)."""
    return (
        f"{summary.counted_cases:,} / {total(summary.recorded_capacity)} "
        f"({percent(summary.overall_utilisation)} in use)"
    )


def _points_pair(summary: TeamSummary) -> str:
    """'60 / 100 pts (60% in use)': points against the limits of those with points."""
    return (
        f"{number(summary.counted_points)} / {number(summary.points_recorded_capacity)} pts "
        f"({percent(summary.points_in_use)} in use)"
    )


def _left_out(summary: TeamSummary) -> list[str]:
    """Who the shares leave out (no record, or only older ones), and their safe limits
    (in the Safe limit totals)."""
    lines = []
    if summary.cases_without_record:
        lines.append(
            f"{plural(len(summary.cases_without_record), 'person', 'people')} with no "
            f"caseload record {RECORD_LOOKBACK_WORDS} left out (safe limit "
            f"{total(summary.capacity_without_record)})"
        )
    if summary.points_without_record:
        lines.append(
            f"{plural(len(summary.points_without_record), 'person', 'people')} with no "
            f"weighted points recorded {RECORD_LOOKBACK_WORDS} left out (safe limit "
            f"{number(summary.points_capacity_without_record)} pts)"
        )
    return lines


def _load_against_limit(summary: TeamSummary) -> tuple[str, str]:
    """The card: ('84 / 128', 'Cases / combined safe limit of those with a record in the
    last 3 months (66% in use)') and, when some people have no recent record, a line on who is left
    out. Each share is the ratio of the two figures printed; points apart when a role
    counts in points. A team with no one in post gets the cases card (0 / 0)."""
    left_out = "".join(f". {line}" for line in _left_out(summary))
    if summary.has_points_roles and not summary.has_cases_roles:  # every limit in points
        figure = (
            f"{number(summary.counted_points)} / {number(summary.points_recorded_capacity)} pts"
        )
        words = (
            f"Weighted points / combined safe limit of those with points {RECORD_LOOKBACK_WORDS} "
            f"({percent(summary.points_in_use)} in use)"
        )
        return figure, words + left_out
    figure = f"{summary.counted_cases:,} / {total(summary.recorded_capacity)}"
    words = (
        f"Cases / combined safe limit of those with a record {RECORD_LOOKBACK_WORDS} "
        f"({percent(summary.overall_utilisation)} in use"
    )
    if summary.has_points_roles:
        words += f"; {_points_pair(summary)}"
    return figure, words + ")" + left_out


class _Story:
    def __init__(
        self, teams: dict[int, TeamInfo], history: CaseloadHistory, supervision: bool
    ) -> None:
        self.teams = teams
        self.history = history
        self.supervision = supervision
        self.flowables: list[Flowable] = []
        self.plans: tuple[WorkloadPlanLine, ...] = ()
        self.staffing: StaffingData | None = None
        width = 842 - 2 * template.MARGIN
        self.width = width
        columns = PEOPLE_COLUMNS + (SUPERVISION_COLUMNS if supervision else ())
        self.columns = fit_columns(columns, width, stretch=(0, 1))
        self.team_columns = fit_columns(TEAM_COLUMNS, width, stretch=(0, 1))

    def add(self, *flowables: Flowable) -> None:
        self.flowables.extend(flowables)

    # -- one team ------------------------------------------------------------------------
    def one_team(self, summary: TeamSummary, team: TeamInfo | None) -> None:
        facts = []
        if team is not None and team.manager_name:
            facts.append(f"Manager: {team.manager_name}")
        if team is not None and team.service:
            facts.append(f"Service: {team.service}")
        self.opening(summary, facts)
        self.add(CondPageBreak(90), para("People", "h2"))
        if summary.people:
            self.add(self.people_table(summary, "Total"))
        else:
            self.add(para(f"No one is in post in this team on {long_date(summary.today)}."))
        self.workload_section(several_teams=False)
        self.staffing_sections(several_teams=False)
        self.reading_notes()

    # -- every team ----------------------------------------------------------------------
    def organisation(
        self, summary: TeamSummary, listed: Sequence[TeamInfo], *, every_team: bool = True
    ) -> None:
        """The whole organisation, or (``every_team`` False) the teams chosen."""
        parts = split_by_team(summary, listed)
        empty = sum(1 for _team_id, part in parts if not part.people)
        teams = plural(len(parts), "team")
        if empty:
            teams += f" ({empty:,} with no one in post)"
        self.opening(summary, [teams])
        self.add(PageBreak(), para("Teams", "h2"))
        self.add(
            para(
                "Each team's subtotals, and the page its section starts on.",
                "small",
            )
        )
        rows = [self.team_row(team_id, part) for team_id, part in parts]
        total_label = "All teams" if every_team else f"Total, {plural(len(parts), 'team')}"
        rows.append(self.organisation_total(summary, total_label))
        self.add(RowTable(self.team_columns, rows))
        for team_id, part in parts:
            self.team_section(team_id, part)
        self.add(SectionEnd())  # what follows is for every team, not the last one
        self.workload_section(several_teams=True)
        self.staffing_sections(several_teams=True, total_label=total_label)
        self.reading_notes()

    def team_section(self, team_id: int, part: TeamSummary) -> None:
        team = self.teams.get(team_id)
        key = f"team-{team_id}"
        manager = (
            [f"Manager: {team.manager_name}"] if team is not None and team.manager_name else []
        )
        title = TextLine(part.title, "h2")
        if not part.people:  # one line: the team is listed, with no one in post
            facts = TextLine("  ·  ".join([*manager, "No one in post"]), "facts")
            self.add(RoomFor([title, facts], 0), SectionMark(key, part.title), title, facts)
            return
        counts = [  # each kept on one line (no-break spaces) if the facts wrap
            plural(part.headcount, "person", "people").replace(" ", "\u00a0"),
            f"{number(part.total_fte)}\u00a0FTE",
        ]
        facts = TextLine(
            "  ·  ".join([*manager, *counts, self.status_counts(part)])
            + "\n"
            + self.load_line(part),
            "facts",
        )
        table = self.people_table(part, "Total")
        # The heading and its facts (two lines or more: a long name wraps) are kept with
        # the table's header and first rows.
        self.add(
            RoomFor([title, facts], table.opening_height(3)),
            SectionMark(key, part.title),
            title,
            facts,
            table,
        )

    # -- shared parts --------------------------------------------------------------------
    def opening(self, summary: TeamSummary, facts: list[str]) -> None:
        people = summary.headcount
        facts = [
            *facts,
            f"{plural(people, 'person', 'people')} in post ({number(summary.total_fte)} FTE)",
            f"caseloads as at {long_date(summary.today)}",
        ]
        self.add(para(summary.title, "h1"), para("  ·  ".join(facts), "facts"))
        self.add(Spacer(1, 4), self.cards(summary), Spacer(1, 8))
        months = self.history.months
        if months:
            period = f"{month_year(months[0].month_end)} to {month_year(months[-1].month_end)}"
            self.add(para(f"Caseload by month, {period}", "h3"), Spacer(1, 2))
            self.add(CaseloadChart(self.history, self.width, 150))
            self.add(para(self.chart_note(), "small"))

    def cards(self, summary: TeamSummary) -> Table:
        figure, words = _load_against_limit(summary)
        figures = [
            (f"✕ {summary.count(RED):,}", "Over safe limit", "alert"),
            (f"▲ {summary.count(AMBER):,}", "Approaching limit", "warn"),
            (f"✓ {summary.count(GREEN):,}", "Within limit", None),
            (f"? {summary.not_judged:,}", self.not_judged_words(summary), None),
            (figure, words, None),
            (
                f"{len(summary.without_recent_record):,}",
                f"No caseload record in the last {RECENT_CASELOAD_DAYS} days",
                None,
            ),
            (f"{len(summary.supervision_overdue):,}", "Supervision overdue", None),
        ]
        # The counts' cards wide enough for four digits and a separator (✓ 5,689).
        widths = [self.width * share for share in (0.12, 0.12, 0.12, 0.12, 0.23, 0.17, 0.12)]
        return template.cards(figures, widths)

    @staticmethod
    def not_judged_words(summary: TeamSummary) -> str:
        unweighted = summary.count(UNWEIGHTED)
        if not unweighted:
            return "No caseload recorded"
        return f"No caseload recorded ({summary.count(UNKNOWN):,}) or not weighted ({unweighted:,})"

    @staticmethod
    def unweighted_note(summary: TeamSummary) -> str:
        unweighted = summary.count(UNWEIGHTED)
        return f" ({unweighted:,} not weighted)" if unweighted else ""

    def chart_note(self) -> str:
        latest = self.history.months[-1]
        note = (
            "Each month counts the people in post at its end with their latest caseload "
            "record from the three months before, against their safe limit then."
        )
        if latest.people_without_record:
            count = latest.people_without_record
            note += (
                f" {plural(count, 'person', 'people')} with no recent record "
                f"{'is' if count == 1 else 'are'} left out of the latest month."
            )
        if self.history.people_in_points:
            note += (
                f" {plural(self.history.people_in_points, 'person', 'people')} whose limits "
                "are in weighted points are not in the chart."
            )
        return note

    @staticmethod
    def status_counts(summary: TeamSummary) -> str:
        """'✕ 3 over  ▲ 8 approaching  …', each count kept on one line with its symbol
        and words (no-break spaces) if the line wraps."""
        counts = [
            f"✕ {summary.count(RED):,} over",
            f"▲ {summary.count(AMBER):,} approaching",
            f"✓ {summary.count(GREEN):,} within",
            f"? {summary.count(UNKNOWN):,} not recorded",
        ]
        if summary.count(UNWEIGHTED):
            counts.append(f"? {summary.count(UNWEIGHTED):,} not weighted")
        return "  ".join(count.replace(" ", "\u00a0") for count in counts)

    @staticmethod
    def load_line(summary: TeamSummary) -> str:
        """The team's load against its limits (the share in use), on a line of its own
        under the heading's facts."""
        if summary.has_cases_roles:
            load = (
                f"Cases / safe limit of those with a record {RECORD_LOOKBACK_WORDS} "
                f"{_cases_pair(summary)}"
            )
            if summary.has_points_roles:
                load += f"; {_points_pair(summary)}"
        else:  # everyone's limit is in points
            load = (
                f"Weighted points / safe limit of those with points {RECORD_LOOKBACK_WORDS} "
                f"{_points_pair(summary)}"
            )
        return "; ".join([load, *_left_out(summary)])

    def people_table(self, summary: TeamSummary, total_label: str) -> RowTable:
        rows = [self.person_row(person) for person in summary.people]
        rows.append(self.total_row(summary, total_label))
        return RowTable(self.columns, rows)

    def person_row(self, p: PersonSummary) -> Row:
        limit = p.limit
        in_points = limit.unit == "points"
        role = p.role_name
        if limit.protection is not None:
            role += f" · {limit.protection.label.lower()} ({limit.protection.limit_percent}%)"
        if p.open_cases is None:
            load = NONE
        elif in_points and p.weighted_points is not None:
            load = f"{number(p.weighted_points)} pts"
        else:
            load = str(p.open_cases)
        recorded = short_date(p.recorded_on)
        if p.recorded_on is not None and not p.record_is_recent:
            recorded += " (old)"
        cells = [
            p.name,
            role,
            number(p.fte),
            load,
            number(limit.red) + (" pts" if in_points else ""),
            use_percent(p.utilisation),
            f"{p.status.symbol} {p.status.words}",
            # In the Cases column's unit: points for roles counted in points.
            (signed(p.points_change) + " pts" if p.points_change is not None else NONE)
            if in_points and p.weighted_points is not None
            else signed(p.change),
            recorded,
        ]
        bold = [6] if p.status is RED else []
        if self.supervision:
            due = p.supervision
            if due.overdue:
                position = f"✕ Overdue {describe_overdue(due.overdue_days)}"
                bold.append(10)
            elif p.next_session_booked is not None:
                position = f"Booked {short_date(p.next_session_booked)}"
            else:
                position = f"Due {short_date(due.due_on)}"
            cells += [short_date(due.last) if due.last else "Never", position]
        tint = TINT.get(p.status)
        return Row(tuple(cells), tuple(bold), (6, tint) if tint else None)

    def total_row(self, summary: TeamSummary, label: str) -> Row:
        cells = [
            f"{label}: {plural(summary.headcount, 'person', 'people')}",
            "",
            total(summary.total_fte),
            _cases_cell(summary),
            _capacity_cell(summary),
            _use_cell(summary),
            f"✕ {summary.count(RED):,}  ▲ {summary.count(AMBER):,}  ✓ {summary.count(GREEN):,}  "
            f"? {summary.not_judged:,}" + self.unweighted_note(summary),
            "",
            f"{len(summary.old_records):,} old",  # as (old) on the rows above
        ]
        if self.supervision:
            cells += ["", f"{len(summary.supervision_overdue):,} overdue"]
        return Row(tuple(cells), total=True)

    def team_row(self, team_id: int, part: TeamSummary) -> Row:
        team = self.teams.get(team_id)
        key = f"team-{team_id}"
        return Row(
            (
                part.title,
                team.manager_name if team is not None and team.manager_name else NONE,
                f"{part.headcount:,}",
                f"{part.count(RED):,}",
                f"{part.count(AMBER):,}",
                f"{part.count(GREEN):,}",
                f"{part.not_judged:,}",
                _cases_cell(part),
                _capacity_cell(part),
                _use_cell(part),
                f"{len(part.supervision_overdue):,}",
                PageOf(key),
            ),
            bold=(3,) if part.count(RED) else (),
            tint=(3, "alert") if part.count(RED) else None,
        )

    def organisation_total(self, summary: TeamSummary, label: str) -> Row:
        return Row(
            (
                label,
                "",
                f"{summary.headcount:,}",
                f"{summary.count(RED):,}",
                f"{summary.count(AMBER):,}",
                f"{summary.count(GREEN):,}",
                f"{summary.not_judged:,}",
                _cases_cell(summary),
                _capacity_cell(summary),
                _use_cell(summary),
                f"{len(summary.supervision_overdue):,}",
                "",
            ),
            total=True,
        )

    def workload_section(self, *, several_teams: bool) -> None:
        """Over limit and workload plans: who, since when, the plan and its review date."""
        self.add(CondPageBreak(90), para("Over limit and workload plans", "h2"))
        if not self.plans:
            self.add(
                para(
                    "No one is over the safe limit or has been approaching it for too long, "
                    "and no workload plan is open."
                )
            )
            return
        overdue = sum(1 for line in self.plans if line.overdue)
        no_plan = sum(1 for line in self.plans if line.review is None)
        intro = (
            f"{plural(len(self.plans), 'person', 'people')} listed: "
            f"{no_plan:,} without a plan, {overdue:,} with a review overdue."
        )
        if several_teams:  # one line each here; the full plans are in each team's report
            intro += " Who agreed each plan, and what, is in that team's own report."
        self.add(para(intro, "small"))
        # Wide enough for "▲ Approaching limit (18 of 20)" and, in bold, "✕ Overdue since
        # 25/11/2026" on one line; across teams, team names too, with the plan's date
        # alone (a wrapped cell makes its row two or three lines tall, and thousands of
        # rows do add up).
        columns = [
            Column("Name", 100, whole=True),
            Column("Caseload", 140),
            Column("Since", 52),
            Column("Plan agreed", 60 if several_teams else 140),
            Column("Review", 130),
        ]
        if several_teams:
            columns.insert(1, Column("Team", 240))
        fitted = fit_columns(columns, self.width, stretch=(len(columns) - 2,))
        rows = [self.plan_row(line, several_teams) for line in self.plans]
        self.add(RowTable(fitted, rows))

    @staticmethod
    def plan_row(line: WorkloadPlanLine, several_teams: bool) -> Row:
        p, review, state = line.person, line.review, line.person.workload
        caseload = f"{p.status.symbol} {p.status.words}"
        load = p.load  # in the limit's unit: points for a role counted in points
        if load is not None:
            unit = " pts" if p.limit.unit == "points" else ""
            caseload += f" ({number(load)} of {number(p.limit.red)}{unit})"
        if review is None:
            plan = "✕ No plan"
            review_text = NONE
        else:
            plan = f"{short_date(review.agreed_on)}"
            if review.agreed_by and not several_teams:
                plan += f" by {review.agreed_by}"
            if review.agreed_actions and not several_teams:
                plan += ": " + "; ".join(review.agreed_actions)
            review_text = (
                f"✕ Overdue since {short_date(review.review_on)}"
                if line.overdue
                else short_date(review.review_on)
            )
        since = short_date(state.since) if state.since is not None else NONE
        cells = [p.name, caseload, since, plan, review_text]
        bold = [3] if review is None else [4] if line.overdue else []
        if several_teams:
            cells.insert(1, p.team_name)
            bold = [b + 1 for b in bold]
        tint = (bold[0], "alert") if bold else None
        return Row(tuple(cells), tuple(bold), tint)

    def staffing_sections(self, *, several_teams: bool, total_label: str = "All teams") -> None:
        """Establishment and vacancies, and protected caseloads (reports/staffing.py)."""
        if self.staffing is None:
            return
        self.add(
            *staffing.establishment_section(
                self.staffing, self.width, several_teams=several_teams, total_label=total_label
            )
        )
        self.add(
            *staffing.protected_section(
                self.staffing.protections, self.width, several_teams=several_teams
            )
        )

    def reading_notes(self) -> None:
        notes = [
            "<b>Safe limit</b> is the role's limit for a full-time post, scaled by FTE and "
            "lowered while a protection applies (for example newly qualified or a phased "
            "return). <b>Use</b> is the caseload as a share of the safe limit (above 999% "
            "shown as &gt;999%). In a total row, <b>Cases</b> and <b>Safe limit</b> are the "
            "sums of the column: every row, old records and everyone's limit included. The "
            "total's <b>Use</b>, like the card and the chart's latest month, sets the open "
            "cases against the safe limits of only the people whose latest caseload record "
            f"is from the last {RECORD_LOOKBACK_DAYS} days: someone with no record, or only "
            "an older one, is left out of it (their cases and limit are in the column totals "
            "but not in the Use). Roles counted in weighted points are totalled apart (pts) "
            "by the same rule: the Use leaves out anyone with no weighted points in a recent "
            "record. The cards and each team's heading print the two figures behind each "
            "share and say who is left out.",
            "<b>Status</b>: ✓ within limit; ▲ approaching limit (at or above the role's "
            "amber level); ✕ over safe limit; ? no caseload recorded, or ? not weighted: "
            "cases recorded without the complexity weighting a limit in points needs. "
            "Totals count both under ? (not judged).",
            "<b>Change</b> is since the person's previous caseload record. <b>Recorded</b> "
            f"is the date of the latest record; (old) means more than {RECENT_CASELOAD_DAYS} "
            "days ago.",
        ]
        notes.append(
            "<b>Over limit and workload plans</b> lists everyone over the safe limit or "
            "approaching it for longer than the organisation's setting, and anyone with a "
            "workload plan open. <b>Since</b> is the first record of the current run "
            "(each record judged against the limit on its own date)."
        )
        notes.extend(staffing.READING_NOTES)
        if self.supervision:
            notes.append(
                "<b>Supervision</b> shows the next session booked, the date it is due by the "
                "role's frequency, or how long it is overdue. Peer supervision and reflective "
                "practice are valued but do not count towards it."
            )
        self.add(CondPageBreak(80), para("How to read this report", "h3"))
        self.add(*(markup(note, "small") for note in notes))
