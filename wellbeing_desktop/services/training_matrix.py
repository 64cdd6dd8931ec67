"""The training matrix: people × courses, each cell in a state (``training_rules``), with
team compliance per course and each person's counts.

Built from four queries whatever the size of the organisation (people in post, courses,
mandatory roles, latest completion per person and course), through SQLAlchemy Core.
Filtering (team, course, state) works on the built matrix in memory, so the matrix
window answers a filter change without going back to the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wellbeing_desktop.services.training_rules import (
    EXPIRING_DAYS_SETTING,
    TrainingCounts,
    TrainingState,
    expires_on,
    parse_expiring_days,
    state_of,
)
from wellbeing_desktop.storage import summary_queries as q
from wellbeing_desktop.storage import training_queries as tq
from wellbeing_desktop.storage.database import Database

if TYPE_CHECKING:
    from wellbeing_desktop.services.exporting import DataTable


@dataclass(frozen=True, slots=True)
class Cell:
    state: TrainingState
    required: bool
    completed_on: dt.date | None
    expires_on: dt.date | None  # the last day it counts; None: never done or never expires

    @property
    def tooltip(self) -> str:
        need = "Mandatory" if self.required else "Not mandatory"
        if self.completed_on is None:
            return f"{self.state.words}. {need}; never completed."
        done = f"Completed {self.completed_on:%d/%m/%Y}"
        if self.expires_on is None:
            return f"{self.state.words}. {need}. {done}; does not expire."
        return f"{self.state.words}. {need}. {done}; valid until {self.expires_on:%d/%m/%Y}."


@dataclass(frozen=True, slots=True)
class MatrixPerson:
    staff_id: int
    name: str
    team_id: int
    team_name: str
    role_id: int
    role_name: str


@dataclass(frozen=True, slots=True)
class MatrixCourse:
    id: int
    name: str
    category: str
    renewal_months: int | None
    mandatory_for_all: bool

    @property
    def abbreviation(self) -> str:
        """Initials of the course's words (for narrow columns and the PDF's key)."""
        words = [w for w in self.name.replace("-", " ").split() if w[:1].isalnum()]
        skip = {"and", "of", "the", "for", "to", "in"}
        letters = "".join(w[0].upper() for w in words if w.casefold() not in skip)
        return letters[:5] or self.name[:4]


@dataclass(frozen=True)
class Compliance:
    """Among the people a course is mandatory for: how many are up to date (done or
    expiring: still valid)."""

    required: int
    compliant: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.compliant / self.required if self.required else None

    @property
    def text(self) -> str:
        percent = self.percent
        return "n/a" if percent is None else f"{percent:.0f}%"


@dataclass(frozen=True)
class TrainingMatrix:
    today: dt.date
    expiring_days: int
    people: tuple[MatrixPerson, ...]
    courses: tuple[MatrixCourse, ...]
    cells: tuple[tuple[Cell, ...], ...]  # one row per person, one cell per course

    def counts(self, row: int) -> TrainingCounts:
        """A person's mandatory training: how many expired, expiring, missing."""
        return counts_of(self.cells[row])

    def compliance(self, column: int, rows: Sequence[int] | None = None) -> Compliance:
        """Compliance with one course among ``rows`` (everyone when None)."""
        cells = self.cells
        chosen = range(len(cells)) if rows is None else rows
        required = compliant = 0
        for row in chosen:
            cell = cells[row][column]
            if cell.required:
                required += 1
                compliant += cell.state.counts_as_compliant
        return Compliance(required, compliant)

    def total(self, rows: Sequence[int] | None = None) -> TrainingCounts:
        """Every mandatory item among ``rows`` (everyone when None), counted."""
        chosen = range(len(self.cells)) if rows is None else rows
        expired = expiring = missing = required = 0
        for row in chosen:
            counts = counts_of(self.cells[row])
            expired += counts.expired
            expiring += counts.expiring
            missing += counts.missing
            required += counts.required
        return TrainingCounts(expired, expiring, missing, required)

    def rows(
        self,
        *,
        team_id: int | None = None,
        course_id: int | None = None,
        state: TrainingState | None = None,
    ) -> tuple[int, ...]:
        """The rows shown for a filter: people in the team, who have a cell in the state
        (in the chosen course, or in any course)."""
        people = self.people
        chosen = [i for i in range(len(people)) if team_id is None or people[i].team_id == team_id]
        if state is None:
            return tuple(chosen)
        if course_id is not None:
            column = self.column_of(course_id)
            if column is None:
                return ()
            return tuple(i for i in chosen if self.cells[i][column].state is state)
        return tuple(i for i in chosen if any(c.state is state for c in self.cells[i]))

    def column_of(self, course_id: int) -> int | None:
        for index, course in enumerate(self.courses):
            if course.id == course_id:
                return index
        return None


def counts_of(cells: Sequence[Cell]) -> TrainingCounts:
    expired = expiring = missing = required = 0
    for cell in cells:
        if not cell.required:
            continue
        required += 1
        state = cell.state
        if state is TrainingState.EXPIRED:
            expired += 1
        elif state is TrainingState.EXPIRING:
            expiring += 1
        elif state is TrainingState.MISSING:
            missing += 1
    return TrainingCounts(expired, expiring, missing, required)


def training_matrix(
    db: Database,
    team_ids: Sequence[int] | None = None,
    *,
    today: dt.date | None = None,
) -> TrainingMatrix:
    """The matrix for the people in post in some teams (every team when None), over the
    courses in use (not archived)."""
    today = today or dt.date.today()
    with db.connection() as connection:
        staff = q.active_staff(connection, team_ids, today)
        rows, courses, days = _cells_for(
            connection, [(s.staff_id, s.role_id) for s in staff], team_ids, today
        )
    people = tuple(
        MatrixPerson(s.staff_id, s.name, s.team_id, s.team_name, s.role_id, s.role_name)
        for s in staff
    )
    return TrainingMatrix(today, days, people, courses, rows)


def _cells_for(
    connection: q.Session,
    staff: Sequence[tuple[int, int]],
    team_ids: Sequence[int] | None,
    today: dt.date,
) -> tuple[tuple[tuple[Cell, ...], ...], tuple[MatrixCourse, ...], int]:
    days = parse_expiring_days(tq.org_setting(connection, EXPIRING_DAYS_SETTING))
    course_rows = tq.courses(connection)
    mandatory = tq.mandatory_roles(connection)
    latest = tq.latest_completions(connection, team_ids, today)
    courses = tuple(
        MatrixCourse(c.id, c.name, c.category, c.renewal_months, c.mandatory_for_all)
        for c in course_rows
    )
    # A cell depends only on the course, whether it is required and the date done:
    # made once per distinct combination, shared between people.
    made: dict[tuple[int, bool, dt.date | None], Cell] = {}
    rows = []
    for staff_id, role_id in staff:
        row = []
        for index, course in enumerate(course_rows):
            required = course.mandatory_for_all or role_id in mandatory.get(course.id, ())
            done = latest.get((staff_id, course.id))
            key = (index, required, done)
            cell = made.get(key)
            if cell is None:
                cell = made[key] = Cell(
                    state_of(
                        done,
                        course.renewal_months,
                        required=required,
                        today=today,
                        expiring_days=days,
                    ),
                    required,
                    done,
                    expires_on(done, course.renewal_months) if done else None,
                )
            row.append(cell)
        rows.append(tuple(row))
    return tuple(rows), courses, days


def training_counts(
    connection: q.Session,
    staff: Sequence[tuple[int, int]],
    team_ids: Sequence[int] | None,
    today: dt.date,
) -> dict[int, TrainingCounts]:
    """(staff id, role id) pairs → each person's mandatory training counts (for the
    team summary, on the connection it already has open)."""
    rows, _courses, _days = _cells_for(connection, staff, team_ids, today)
    return {staff_id: counts_of(row) for (staff_id, _role), row in zip(staff, rows, strict=True)}


def matrix_table(
    matrix: TrainingMatrix,
    rows: Sequence[int] | None = None,
    course_ids: Sequence[int] | None = None,
    *,
    title: str = "Training matrix",
) -> DataTable:
    """The matrix as a plain table for .xlsx/.csv: the person, their summary, then for
    each course its state and the last day it counts ("valid until")."""
    # Imported here: the team summary imports this module before the first paint.
    from wellbeing_desktop.services.exporting import ColumnType, DataTable, TableColumn

    chosen_rows = range(len(matrix.people)) if rows is None else rows
    columns = [
        index
        for index, course in enumerate(matrix.courses)
        if course_ids is None or course.id in course_ids
    ]
    specs = [
        TableColumn("Name"),
        TableColumn("Team"),
        TableColumn("Role"),
        TableColumn("Mandatory training"),
    ]
    for index in columns:
        name = matrix.courses[index].name
        specs.append(TableColumn(name))
        specs.append(TableColumn(f"{name}: valid until", ColumnType.DATE))
    out = []
    for row in chosen_rows:
        person = matrix.people[row]
        values: list[object] = [
            person.name,
            person.team_name,
            person.role_name,
            matrix.counts(row).words,
        ]
        for index in columns:
            cell = matrix.cells[row][index]
            values.append(cell.state.words)
            values.append(cell.expires_on)
        out.append(tuple(values))
    return DataTable(title, tuple(specs), tuple(out))
