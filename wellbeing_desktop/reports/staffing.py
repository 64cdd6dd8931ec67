"""Report sections on staffing: establishment and vacancies, and protected caseloads.

The team caseload report draws both (one team: its roles and each person's caseload
if the vacancies were filled; the whole organisation: a line per team and their sums);
the compliance report draws the protected-caseload figures. The figures and their
definitions come from ``services/establishment.py`` and
``services/protected_caseloads.py`` (through ``services/report_data.py``).
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from wellbeing_desktop.reports.formatting import NONE, number, plural, short_date, total
from wellbeing_desktop.reports.table import Column, Row, RowTable, fit_columns
from wellbeing_desktop.reports.template import para
from wellbeing_desktop.services.establishment import (
    EstablishmentFigures,
    OrganisationEstablishment,
    rate_words,
)
from wellbeing_desktop.services.protected_caseloads import ProtectedCaseloads
from wellbeing_desktop.services.staffing_figures import StaffingData


def _rate(figures: EstablishmentFigures) -> str:
    rate = figures.vacancy_rate
    return NONE if rate is None else rate_words(rate)


def _waiting(figures: EstablishmentFigures) -> str:
    return NONE if figures.waiting is None else f"{figures.waiting:,}"


def establishment_section(
    data: StaffingData, width: float, *, several_teams: bool, total_label: str = "All teams"
) -> list[Flowable]:
    """'Establishment and vacancies': roles (one team) or teams (several, their total row
    labelled ``total_label``), then the figures in words."""
    found = data.establishment
    story: list[Flowable] = [CondPageBreak(120), para("Establishment and vacancies", "h2")]
    if several_teams:
        figures = found.total
        if not found.teams:
            return [*story, para("No team has people in post or a funded establishment.")]
        story.append(
            RowTable(
                fit_columns(_TEAM_COLUMNS, width, stretch=(0,)), _team_rows(found, total_label)
            )
        )
    else:
        if not found.teams:
            return [*story, para("No one is in post and no establishment is recorded.")]
        figures = found.teams[0]
        story.append(RowTable(fit_columns(_ROLE_COLUMNS, width, stretch=(0,)), _role_rows(figures)))
    story.append(Spacer(1, 6))
    story.extend(para(line) for line in figures.describe())
    if not several_teams and figures.vacant_fte > 0 and figures.people:
        story.append(CondPageBreak(80))
        story.append(
            para(
                "Each person's caseload if the vacancies were filled (their role's cases "
                "shared over the role's posts, plus a share of the cases waiting)",
                "h3",
            )
        )
        story.append(
            RowTable(fit_columns(_FILLED_COLUMNS, width, stretch=(0,)), _filled_rows(figures))
        )
    return story


_ROLE_COLUMNS = (
    Column("Role", 220),
    Column("Funded FTE", 70, "right"),
    Column("In post FTE", 70, "right"),
    Column("People in post", 70, "right"),
    Column("Vacant FTE", 70, "right"),
)
_TEAM_COLUMNS = (
    Column("Team", 170, whole=True),
    Column("Funded FTE", 52, "right"),
    Column("In post FTE", 52, "right"),
    Column("Vacant FTE", 52, "right"),
    Column("Vacancy rate", 52, "right"),
    Column("Safe capacity", 56, "right"),
    Column("Open cases", 50, "right"),
    Column("Waiting", 46, "right"),
    Column("Per FTE now", 52, "right"),
    Column("Per FTE if filled", 60, "right"),
)
_FILLED_COLUMNS = (
    Column("Name", 200, whole=True),
    Column("FTE", 50, "right"),
    Column("Open cases now", 80, "right"),
    Column("If the vacancies were filled", 130, "right"),
)


def _role_rows(figures: EstablishmentFigures) -> list[Row]:
    rows = [
        Row(
            (
                r.role_name,
                number(r.funded_fte) if r.funded_fte else NONE,
                number(r.in_post_fte),
                str(r.headcount),
                number(r.vacant_fte) if r.funded_fte else NONE,
            ),
            bold=(4,) if r.vacant_fte > 0 else (),
        )
        for r in figures.roles
    ]
    rows.append(
        Row(
            (
                f"Total (vacancy rate {_rate(figures)})",
                number(figures.funded_fte),
                number(figures.in_post_fte),
                str(sum(r.headcount for r in figures.roles)),
                number(figures.vacant_fte),
            ),
            total=True,
        )
    )
    return rows


def _team_line(figures: EstablishmentFigures, name: str, *, is_total: bool = False) -> Row:
    return Row(
        (
            name,
            number(figures.funded_fte),
            number(figures.in_post_fte),
            number(figures.vacant_fte),
            _rate(figures),
            total(figures.safe_capacity)
            + (f" · {number(figures.points_capacity)} pts" if figures.has_points else ""),
            f"{figures.cases_against_capacity:,}"
            + (f" · {number(figures.points_load)} pts" if figures.has_points else ""),
            _waiting(figures),
            number(figures.per_fte_now),
            number(figures.per_fte_if_filled),
        ),
        total=is_total,
    )


def _team_rows(found: OrganisationEstablishment, total_label: str) -> list[Row]:
    rows = [_team_line(f, f.team_name) for f in found.teams]
    rows.append(_team_line(found.total, total_label, is_total=True))
    return rows


def _filled_rows(figures: EstablishmentFigures) -> list[Row]:
    return [
        Row(
            (
                p.name,
                number(p.fte),
                NONE if p.open_cases is None else str(p.open_cases),
                NONE
                if p.if_filled is None
                else number(p.if_filled)
                + (" pts" if p.unit == "points" else "")
                + (
                    f" (over {'protected ' if p.protected else ''}limit {number(p.limit)})"
                    if p.over_limit and p.limit is not None
                    else ""
                ),
            ),
            bold=(3,) if p.over_limit else (),
        )
        for p in figures.people
    ]


def protected_section(
    protections: ProtectedCaseloads, width: float, *, several_teams: bool
) -> list[Flowable]:
    """'Protected caseloads': the figures today and over 12 months, and each protected
    person's limit next to their caseload."""
    story: list[Flowable] = [
        CondPageBreak(100),
        para("Protected caseloads", "h2"),
        para(protections.today_words),
        para(protections.year_words),
        Spacer(1, 2),
    ]
    if protections.people:
        columns = [
            Column("Name", 130, whole=True),
            Column("Protection", 150),
            Column("Caseload", 50, "right"),
            Column("Protected limit", 70, "right"),
            Column("Honoured today", 150),
        ]
        if several_teams:
            columns.insert(1, Column("Team", 120, whole=True))
        rows = []
        for p in protections.people:
            honoured = p.honoured
            cells = [
                p.name,
                f"{p.label} ({p.limit_percent}%)"
                + (f", to {short_date(p.ends_on)}" if p.ends_on else ""),
                NONE if p.load is None else number(p.load),
                number(p.protected_limit),
                ("? Not weighted" if p.not_weighted else "? No caseload recorded")
                if honoured is None
                else "✓ Within the protected limit"
                if honoured
                else f"✕ {number((p.load or 0) - p.protected_limit)} over: not honoured",
            ]
            if several_teams:
                cells.insert(1, p.team_name)
            bold = (len(cells) - 1,) if honoured is False else ()
            rows.append(
                Row(tuple(cells), bold, (len(cells) - 1, "alert") if honoured is False else None)
            )
        story.append(RowTable(fit_columns(columns, width, stretch=(0, 1)), rows))
    breached = [y for y in protections.year if y.honoured is False]
    if breached:
        story.append(CondPageBreak(80))
        story.append(para("Protections not kept in the last 12 months", "h3"))
        columns = [
            Column("Name", 150, whole=True),
            Column("Protection", 170),
            Column("Records while it applied", 90, "right"),
            Column("Over the limit", 70, "right"),
            Column("First over", 70),
        ]
        story.append(
            RowTable(
                fit_columns(columns, width, stretch=(0, 1)),
                [
                    Row(
                        (
                            y.name,
                            f"{y.label} ({y.limit_percent}%), from {short_date(y.start_date)}",
                            str(y.records),
                            plural(y.breaches, "record"),
                            short_date(y.first_breach),
                        )
                    )
                    for y in breached
                ],
            )
        )
    return story


READING_NOTES = (
    "<b>Establishment and vacancies</b>: funded FTE is the team's establishment; in post "
    "is the FTE of the people who have started and not left. A role's vacancy is its funded "
    "FTE less its FTE in post, never below nothing, and the team's is the sum over roles. "
    "<b>Per FTE if filled</b> shares the open and waiting cases over the FTE in post plus "
    "the vacant FTE; a person's share is that times their FTE.",
    "<b>Protected caseloads</b>: honoured today means the latest caseload is within the "
    "protected limit. Over the last 12 months, a protection counts as kept when every "
    "caseload record dated while it applied was within the limit on that date.",
)
