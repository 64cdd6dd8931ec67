"""The training report: for a team (or every team), the courses with each one's
compliance, the people × courses matrix (courses as abbreviated columns, with a key),
and each person's expired, missing and expiring mandatory training listed with dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from wellbeing_desktop.reports import template
from wellbeing_desktop.reports.formatting import NONE, long_date, plural, short_date
from wellbeing_desktop.reports.table import Column, Row, RowTable, fit_columns
from wellbeing_desktop.reports.template import ReportSetup, TextLine, markup, para
from wellbeing_desktop.services.percentages import share_words
from wellbeing_desktop.services.report_teams import chosen_team_ids, teams_by_id
from wellbeing_desktop.services.training import CourseInfo, list_courses
from wellbeing_desktop.services.training_matrix import TrainingMatrix, training_matrix
from wellbeing_desktop.services.training_rules import TrainingState
from wellbeing_desktop.storage.database import Database

NAME_WIDTH = 130.0
CELL_WIDTH = 50.0
ATTENTION = (TrainingState.EXPIRED, TrainingState.MISSING, TrainingState.EXPIRING)
BOLD_STATES = (TrainingState.EXPIRED, TrainingState.MISSING)
TINT = {TrainingState.EXPIRED: "alert", TrainingState.MISSING: "alert"}


def build(
    db: Database,
    *,
    team: str | None = None,
    team_ids: Sequence[int] | None = None,
    all_teams: bool = False,
    today: dt.date | None = None,
    printed_at: dt.datetime | None = None,
) -> bytes:
    """The training report for one team (by name or id) or, with ``all_teams``, every team."""
    today = today or dt.date.today()
    chosen = chosen_team_ids(db, team=team, team_ids=team_ids, all_teams=all_teams)
    matrix = training_matrix(db, chosen, today=today)
    courses = {c.id: c for c in list_courses(db)}
    if chosen is not None and len(chosen) == 1:
        found = teams_by_id(db).get(chosen[0])
        scope = found.name if found is not None else "Team"
    else:
        scope = "All teams"
    setup = ReportSetup(
        title="Training report",
        scope=scope,
        subject=f"Mandatory training for {scope} on {short_date(today)}",
        printed_at=printed_at,
        wide=True,
        keywords=("training", "mandatory training"),
    )
    story = _Story(matrix, courses)
    story.opening(scope)
    if all_teams or (chosen is not None and len(chosen) > 1):
        for team_id, team_name in sorted(
            {(p.team_id, p.team_name) for p in matrix.people}, key=lambda t: t[1].casefold()
        ):
            story.section(team_name, matrix.rows(team_id=team_id), level="h2")
    else:
        story.section(None, matrix.rows(), level="h2")
    story.reading_notes()
    return template.build_pdf(setup, story.flowables)


def abbreviations(names: Sequence[str]) -> list[str]:
    """Short, unique column headings: the initials of a course's main words (whole
    numbers kept), with a number added where two would be the same."""
    skip = {"and", "of", "the", "for", "to", "in", "a", "an"}
    found: list[str] = []
    for name in names:
        words = [w.strip("(),.;:") for w in name.replace("-", " ").replace("/", " ").split()]
        letters = "".join(
            w if w.isdigit() else w[0].upper() for w in words if w and w.casefold() not in skip
        )
        base = letters[:6] or name[:4]
        short, n = base, 2
        while short in found:
            short, n = f"{base}{n}", n + 1
        found.append(short)
    return found


class _Story:
    def __init__(self, matrix: TrainingMatrix, courses: dict[int, CourseInfo]) -> None:
        self.matrix = matrix
        self.courses = courses
        self.flowables: list[Flowable] = []
        self.width = 842 - 2 * template.MARGIN
        self.short = abbreviations([c.name for c in matrix.courses])
        per_table = max(1, int((self.width - NAME_WIDTH) // CELL_WIDTH))
        count = len(matrix.courses)
        tables = max(1, -(-count // per_table))
        size = -(-count // tables) if count else 0  # even chunks: 12 → 6 + 6 rather than 11 + 1
        self.chunks = [list(range(i, min(i + size, count))) for i in range(0, count, size or 1)]

    def add(self, *flowables: Flowable) -> None:
        self.flowables.extend(flowables)

    # -- the opening ---------------------------------------------------------------------
    def opening(self, scope: str) -> None:
        matrix = self.matrix
        total = matrix.total()
        facts = [
            f"{plural(len(matrix.people), 'person', 'people')} in post",
            plural(len(matrix.courses), "course"),
            f"as at {long_date(matrix.today)}",
            f"expiring means valid for {plural(matrix.expiring_days, 'day')} or fewer",
        ]
        self.add(para(scope, "h1"), para("  ·  ".join(facts), "facts"))
        compliant = total.required - total.expired - total.missing
        share = share_words(compliant, total.required) or NONE
        figures = [
            (
                f"✕ {total.expired}",
                "Mandatory training expired",
                "alert" if total.expired else None,
            ),
            (f"○ {total.missing}", "Mandatory training never done", None),
            (
                f"▲ {total.expiring}",
                f"Expiring within {matrix.expiring_days} days",
                "warn" if total.expiring else None,
            ),
            (share, f"Up to date ({compliant:,} of {total.required:,} mandatory items)", None),
        ]
        widths = [self.width * s for s in (0.24, 0.24, 0.24, 0.28)]
        self.add(Spacer(1, 4), template.cards(figures, widths), Spacer(1, 8))
        self.add(para("Courses", "h2"), self.course_key())

    def course_key(self) -> RowTable:
        columns = fit_columns(
            (
                Column("Column", 44),
                Column("Course", 230),
                Column("Renewed", 70),
                Column("Mandatory for", 220),
                Column("Up to date", 110, "right"),
            ),
            self.width,
            stretch=(1, 3),
        )
        rows = []
        for index, course in enumerate(self.matrix.courses):
            info = self.courses.get(course.id)
            compliance = self.matrix.compliance(index)
            up_to_date = (
                f"{compliance.compliant} of {compliance.required} ({compliance.text})"
                if compliance.required
                else "Not mandatory here"
            )
            low = compliance.percent is not None and compliance.percent < 100
            rows.append(
                Row(
                    (
                        self.short[index],
                        course.name,
                        info.renewal_words if info else NONE,
                        info.mandatory_words if info else NONE,
                        up_to_date,
                    ),
                    bold=(0,),
                    tint=(4, "warn") if low else None,
                )
            )
        return RowTable(columns, rows)

    # -- one team (or everyone) ----------------------------------------------------------
    def section(self, title: str | None, rows: Sequence[int], *, level: str) -> None:
        matrix = self.matrix
        if title is not None:
            total = matrix.total(rows)
            self.add(
                CondPageBreak(120),
                TextLine(title, level),
                TextLine(
                    f"{plural(len(rows), 'person', 'people')}  ·  ✕ {total.expired} expired  "
                    f"○ {total.missing} missing  ▲ {total.expiring} expiring",
                    "facts",
                ),
            )
        if not rows:
            self.add(para(f"No one is in post on {long_date(matrix.today)}."))
            return
        heading = "Matrix" if title is None else f"Matrix: {title}"
        for number, chunk in enumerate(self.chunks, start=1):
            part = f" ({number} of {len(self.chunks)})" if len(self.chunks) > 1 else ""
            self.add(CondPageBreak(90), para(heading + part, "h3"), self.matrix_table(rows, chunk))
        self.add(
            CondPageBreak(90),
            para(
                "Expired, missing and expiring, by person"
                + ("" if title is None else f": {title}"),
                "h3",
            ),
        )
        listing = self.attention_table(rows)
        self.add(
            listing if listing is not None else para("Everyone's mandatory training is up to date.")
        )

    def matrix_table(self, rows: Sequence[int], chunk: Sequence[int]) -> RowTable:
        columns = [Column("Name", NAME_WIDTH, whole=True)] + [
            Column(self.short[i], CELL_WIDTH) for i in chunk
        ]
        columns = fit_columns(
            columns, min(self.width, NAME_WIDTH + CELL_WIDTH * len(chunk) + 60), (0,)
        )
        out = []
        for row in rows:
            cells = self.matrix.cells[row]
            texts = [self.matrix.people[row].name]
            bold = []
            for position, index in enumerate(chunk, start=1):
                cell = cells[index]
                texts.append(
                    cell.state.short if cell.state is not TrainingState.NOT_REQUIRED else NONE
                )
                if cell.required and cell.state in BOLD_STATES:
                    bold.append(position)
            out.append(Row(tuple(texts), tuple(bold)))
        return RowTable(columns, out)

    def attention_table(self, rows: Sequence[int]) -> RowTable | None:
        columns = fit_columns(
            (
                Column("Name", 130, whole=True),
                Column("Course", 230),
                Column("State", 70),
                Column("Completed", 62),
                Column("Valid until", 62),
                Column("Summary", 150),
            ),
            self.width,
            stretch=(1, 5),
        )
        order = {state: n for n, state in enumerate(ATTENTION)}
        out = []
        matrix = self.matrix
        for row in rows:
            items = [
                (index, cell)
                for index, cell in enumerate(matrix.cells[row])
                if cell.required and cell.state in ATTENTION
            ]
            if not items:
                continue
            items.sort(key=lambda pair: (order[pair[1].state], matrix.courses[pair[0]].name))
            summary = matrix.counts(row).words
            name = matrix.people[row].name
            for n, (index, cell) in enumerate(items):
                out.append(
                    Row(
                        (
                            name if n == 0 else "",
                            matrix.courses[index].name,
                            f"{cell.state.symbol} {cell.state.words}",
                            short_date(cell.completed_on) if cell.completed_on else "Never",
                            short_date(cell.expires_on) if cell.expires_on else NONE,
                            summary if n == 0 else "",
                        ),
                        bold=(2,) if cell.state in BOLD_STATES else (),
                        tint=(2, TINT[cell.state]) if cell.state in TINT else None,
                        group=name,  # named again where a page opens inside its rows
                    )
                )
        return RowTable(columns, out) if out else None

    def reading_notes(self) -> None:
        days = self.matrix.expiring_days
        notes = [
            "<b>States</b>: ✓ Done (valid for more than "
            f"{days} days); ▲ Expiring (valid for {days} days or fewer); ✕ Expired; "
            "○ Missing (mandatory for the person's role, never done); – not required.",
            "<b>Valid until</b> is the last day training counts: the same day the renewal "
            "interval later (29/02/2024 renewed yearly is valid until 28/02/2025). A course "
            "without a renewal interval never expires.",
            "<b>Up to date</b> counts, among the people a course is mandatory for, those whose "
            "training is done or still valid though expiring. In the matrix, expired and missing "
            "mandatory training is in bold; a course done by someone who does not need it shows "
            "its state in regular type and counts nowhere.",
        ]
        self.add(CondPageBreak(80), para("How to read this report", "h3"))
        self.add(*(markup(note, "small") for note in notes))
