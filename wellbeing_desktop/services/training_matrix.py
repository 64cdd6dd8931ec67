"""The training matrix: people × courses, each cell in a state (``training_rules``), with
team compliance per course and each person's counts.

Built from four queries whatever the size of the organisation (people in post, courses,
mandatory roles, latest completion per person and course), through SQLAlchemy Core.
Filtering (team, course, state) works on the built matrix in memory, so the matrix
window answers a filter change without going back to the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from wellbeing_desktop.services.percentages import share_words
from wellbeing_desktop.services.training_rules import (
    EXPIRING_DAYS_SETTING,
    TrainingCounts,
    TrainingState,
    expires_on,
    parse_expiring_days,
    state_bounds,
)
from wellbeing_desktop.storage import summary_queries as q
from wellbeing_desktop.storage import training_count_queries as tcq
from wellbeing_desktop.storage import training_queries as tq
from wellbeing_desktop.storage.database import Database

if TYPE_CHECKING:
    from wellbeing_desktop.services.exporting import DataTable


class Cell(NamedTuple):
    """One person and one course. Immutable (a tuple: quick to make 40,000 of)."""

    state: TrainingState
    required: bool
    completed_on: dt.date | None
    expires_on: dt.date | None  # the last day it counts; None: never done or never expires
    code: int  # the state's position in STATES × 2 + required, for the filters

    @property
    def tooltip(self) -> str:
        need = "Mandatory" if self.required else "Optional (not mandatory for this person)"
        if self.completed_on is None:
            return f"{self.state.words}. {need}; never completed."
        done = f"Completed {self.completed_on:%d/%m/%Y}"
        if self.expires_on is None:
            return f"{self.state.words}. {need}. {done}; does not expire."
        return f"{self.state.words}. {need}. {done}; valid until {self.expires_on:%d/%m/%Y}."


STATES = tuple(TrainingState)
_INDEX = {state: index for index, state in enumerate(STATES)}


def _code(state: TrainingState, required: bool) -> int:
    return _INDEX[state] * 2 + int(required)


def _table(keep: Callable[[TrainingState, bool], bool]) -> bytes:
    """A bytes.translate table: a cell's code -> 1 if ``keep(state, required)`` else 0."""
    table = bytearray(256)
    for state in STATES:
        for required in (False, True):
            table[_code(state, required)] = 1 if keep(state, required) else 0
    return bytes(table)


_REQUIRED = _table(lambda state, required: required)
_COMPLIANT = _table(lambda state, required: required and state.counts_as_compliant)
_EXPIRED, _EXPIRING, _MISSING = (
    _code(TrainingState.EXPIRED, True),
    _code(TrainingState.EXPIRING, True),
    _code(TrainingState.MISSING, True),
)


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
        return share_words(self.compliant, self.required) or "n/a"


@dataclass(frozen=True)
class TrainingMatrix:
    """The matrix, and what the filters need worked out once: each row's cells as
    bytes of codes, each column's too, so that a filter change counts in C, not in a
    Python loop over 40,000 cells."""

    today: dt.date
    expiring_days: int
    people: tuple[MatrixPerson, ...]
    courses: tuple[MatrixCourse, ...]
    cells: tuple[tuple[Cell, ...], ...]  # one row per person, one cell per course
    _row_codes: tuple[bytes, ...] = field(default=(), repr=False, compare=False)
    _cache: dict[object, object] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self._row_codes and self.cells:
            codes = tuple(bytes(cell.code for cell in row) for row in self.cells)
            object.__setattr__(self, "_row_codes", codes)

    def _columns(self) -> tuple[bytes, ...]:
        """Each column's codes, one byte per person."""
        found = self._cache.get("columns")
        if found is None:
            found = tuple(bytes(column) for column in zip(*self._row_codes, strict=True))
            if not found:
                found = tuple(b"" for _ in self.courses)
            self._cache["columns"] = found
        return found  # type: ignore[return-value]

    def _per_column(self, table: bytes) -> tuple[bytes, ...]:
        found = self._cache.get(table)
        if found is None:
            found = tuple(column.translate(table) for column in self._columns())
            self._cache[table] = found
        return found  # type: ignore[return-value]

    def counts(self, row: int) -> TrainingCounts:
        """A person's mandatory training: how many expired, expiring, missing."""
        codes = self._row_codes[row]
        return TrainingCounts(
            codes.count(_EXPIRED),
            codes.count(_EXPIRING),
            codes.count(_MISSING),
            sum(codes.translate(_REQUIRED)),
        )

    def compliance(self, column: int, rows: Sequence[int] | None = None) -> Compliance:
        """Compliance with one course among ``rows`` (everyone when None)."""
        required = self._per_column(_REQUIRED)[column]
        compliant = self._per_column(_COMPLIANT)[column]
        if rows is None:
            return Compliance(sum(required), sum(compliant))
        return Compliance(
            sum(map(required.__getitem__, rows)), sum(map(compliant.__getitem__, rows))
        )

    def total(self, rows: Sequence[int] | None = None) -> TrainingCounts:
        """Every mandatory item among ``rows`` (everyone when None), counted."""
        chosen = self._row_codes if rows is None else [self._row_codes[r] for r in rows]
        joined = b"".join(chosen)
        return TrainingCounts(
            joined.count(_EXPIRED),
            joined.count(_EXPIRING),
            joined.count(_MISSING),
            sum(joined.translate(_REQUIRED)),
        )

    def rows(
        self,
        *,
        team_id: int | None = None,
        course_id: int | None = None,
        state: TrainingState | None = None,
    ) -> tuple[int, ...]:
        """The rows shown for a filter: people in the team, who have a cell in the state
        (in the chosen course, or in any course)."""
        chosen = self._team_rows(team_id)
        if state is None:
            return chosen
        wanted = (_code(state, False), _code(state, True))
        if course_id is not None:
            column = self.column_of(course_id)
            if column is None:
                return ()
            codes = self._columns()[column]
            return tuple(r for r in chosen if codes[r] in wanted)
        having = self._rows_with(state)
        return tuple(r for r in chosen if r in having)

    def _team_rows(self, team_id: int | None) -> tuple[int, ...]:
        key = ("team", team_id)
        found = self._cache.get(key)
        if found is None:
            people = self.people
            found = tuple(
                i for i in range(len(people)) if team_id is None or people[i].team_id == team_id
            )
            self._cache[key] = found
        return found  # type: ignore[return-value]

    def _rows_with(self, state: TrainingState) -> frozenset[int]:
        key = ("state", state)
        found = self._cache.get(key)
        if found is None:
            first, second = (bytes([_code(state, False)]), bytes([_code(state, True)]))
            found = frozenset(
                i for i, codes in enumerate(self._row_codes) if first in codes or second in codes
            )
            self._cache[key] = found
        return found  # type: ignore[return-value]

    def column_of(self, course_id: int) -> int | None:
        for index, course in enumerate(self.courses):
            if course.id == course_id:
                return index
        return None


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
    latest = tq.latest_completions_by_staff(connection, team_ids, today)
    courses = tuple(
        MatrixCourse(c.id, c.name, c.category, c.renewal_months, c.mandatory_for_all)
        for c in course_rows
    )
    count = len(course_rows)
    ids = [c.id for c in course_rows]
    months = [c.renewal_months for c in course_rows]
    # Cells nobody has done, per course: (not required, required).
    never = [
        (
            Cell(
                TrainingState.NOT_REQUIRED,
                False,
                None,
                None,
                _code(TrainingState.NOT_REQUIRED, False),
            ),
            Cell(TrainingState.MISSING, True, None, None, _code(TrainingState.MISSING, True)),
        )
        for _ in course_rows
    ]
    by_role: dict[int, tuple[bool, ...]] = {}
    untouched: dict[int, tuple[Cell, ...]] = {}  # a role's row when nothing is done
    # The rule is training_rules.state_of, inlined: this runs for 40,000 cells.
    # A done cell depends only on the course, whether it is required and the date:
    # made once per combination and shared between people.
    made: dict[tuple[int, bool, dt.date], Cell] = {}
    warn_until = today + dt.timedelta(days=days)
    rows = []
    for staff_id, role_id in staff:
        required = by_role.get(role_id)
        if required is None:
            required = by_role[role_id] = tuple(
                c.mandatory_for_all or role_id in mandatory.get(c.id, ()) for c in course_rows
            )
            untouched[role_id] = tuple(never[i][required[i]] for i in range(count))
        done = latest.get(staff_id)
        if done is None:
            rows.append(untouched[role_id])
            continue
        row = []
        for index in range(count):
            day = done.get(ids[index])
            need = required[index]
            if day is None:
                row.append(never[index][need])
                continue
            key = (index, need, day)
            cell = made.get(key)
            if cell is None:
                until = expires_on(day, months[index])
                if until is None or until > warn_until:
                    state = TrainingState.DONE
                elif until < today:
                    state = TrainingState.EXPIRED
                else:
                    state = TrainingState.EXPIRING
                cell = made[key] = Cell(state, need, day, until, _code(state, need))
            row.append(cell)
        rows.append(tuple(row))
    return tuple(rows), courses, days


def training_counts(
    connection: q.Session,
    staff: Sequence[tuple[int, int]],
    team_ids: Sequence[int] | None,
    today: dt.date,
) -> dict[int, TrainingCounts]:
    """(staff id, role id) pairs → each person's mandatory training counts, for the team
    summary (the dashboard, before its first paint): the matrix's rule
    (``training_rules.state_bounds``), counted by the database for the courses each
    person must do, so only a few numbers per person are read."""
    days = parse_expiring_days(tq.org_setting(connection, EXPIRING_DAYS_SETTING))
    bounds = {c.id: state_bounds(c.renewal_months, today, days) for c in tq.courses(connection)}
    counted = tcq.mandatory_training_codes(connection, team_ids, today, bounds)
    nothing = TrainingCounts()
    found: dict[int, TrainingCounts] = {}
    for staff_id, _role_id in staff:
        codes = counted.get(staff_id)
        if codes is None:
            found[staff_id] = nothing
            continue
        found[staff_id] = TrainingCounts(
            codes.get(tcq.EXPIRED, 0),
            codes.get(tcq.EXPIRING, 0),
            codes.get(tcq.MISSING, 0),
            sum(codes.values()),
        )
    return found


def matrix_table(
    matrix: TrainingMatrix,
    rows: Sequence[int] | None = None,
    course_ids: Sequence[int] | None = None,
    *,
    title: str = "Training matrix",
) -> DataTable:
    """The matrix as a plain table for .xlsx/.csv: the person, their summary, then for
    each course its state (optional training said so), the last day it counts ("valid
    until") and the day completed; a last row with each course's compliance among the
    rows. The title says the date it is as at."""
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
        specs.append(TableColumn(f"{name}: completed", ColumnType.DATE))
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
            optional = not cell.required and cell.completed_on is not None
            values.append(f"{cell.state.words} (optional)" if optional else cell.state.words)
            values.append(cell.expires_on)
            values.append(cell.completed_on)
        out.append(tuple(values))
    compliance: list[object] = [
        f"Up to date (mandatory), as at {matrix.today:%d/%m/%Y}",
        "",
        "",
        "",
    ]
    for index in columns:
        share = matrix.compliance(index, tuple(chosen_rows))
        words = (
            f"{share.text} ({share.compliant} of {share.required})"
            if share.required
            else "Not mandatory"
        )
        compliance.extend((words, None, None))
    out.append(tuple(compliance))
    return DataTable(f"{title} as at {matrix.today:%d/%m/%Y}", tuple(specs), tuple(out))
