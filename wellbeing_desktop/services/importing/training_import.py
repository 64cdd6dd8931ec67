"""Training completions from a spreadsheet: the same steps as the staff import.

1. ``read_sheet(path)`` (``reading``): the file as a header and rows.
2. ``guess_training_mapping(sheet)``: which column is the person (a name, or the
   person's number in the app), the course, the date, the provider and the evidence.
3. ``build_training_preview(db, sheet, mapping, team_id=..., today=...)``: each row
   matched to a person (by number, or by name within the team) and a course (by name),
   with its problems; nothing is written.
4. ``apply_training_import(db, preview)``: every row the preview adds, in one
   transaction.

Problems never quote a person's name (the command line prints them): they name the
row, the column and the course.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.importing import values
from wellbeing_desktop.services.importing.mapping import GUESS, LIKELY, SURE, normalise_header
from wellbeing_desktop.services.importing.preview import RowProblem, Severity
from wellbeing_desktop.services.importing.reading import Cell, Sheet, cell_text
from wellbeing_desktop.services.training import EVIDENCE_MAX, PROVIDER_MAX
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import Course, StaffMember, Team, TrainingCompletion


class TrainingField(StrEnum):
    PERSON = "person"
    STAFF_ID = "staff_id"
    COURSE = "course"
    COMPLETED_ON = "completed_on"
    PROVIDER = "provider"
    EVIDENCE = "evidence"

    @property
    def label(self) -> str:
        return {
            "person": "Person (name)",
            "staff_id": "Person (number in the app)",
            "course": "Course",
            "completed_on": "Date completed",
            "provider": "Provider",
            "evidence": "Evidence",
        }[self.value]


SYNONYMS: dict[TrainingField, tuple[str, ...]] = {
    TrainingField.PERSON: (
        "name",
        "person",
        "staff",
        "staff name",
        "employee",
        "employee name",
        "full name",
        "learner",
        "learner name",
        "attendee",
        "delegate",
        "delegate name",
        "participant",
        "worker",
        "staff member",
        "member of staff",
    ),
    TrainingField.STAFF_ID: (
        "staff id",
        "staff number",
        "person number",
        "id",
        "staff no",
        "person id",
        "wellbeing desktop id",
        "record number",
    ),
    TrainingField.COURSE: (
        "course",
        "course name",
        "training",
        "training course",
        "module",
        "course title",
        "training name",
        "subject",
        "programme",
        "e learning module",
        "learning item",
    ),
    TrainingField.COMPLETED_ON: (
        "date",
        "completed",
        "completed on",
        "date completed",
        "completion date",
        "date of completion",
        "date attended",
        "attended",
        "training date",
        "passed",
        "date passed",
        "course date",
        "completion",
    ),
    TrainingField.PROVIDER: (
        "provider",
        "trainer",
        "training provider",
        "delivered by",
        "facilitator",
        "organisation",
        "course provider",
    ),
    TrainingField.EVIDENCE: (
        "evidence",
        "certificate",
        "certificate number",
        "notes",
        "comments",
        "proof",
        "certificate no",
    ),
}
_LOOKUP = {words: field for field, names in SYNONYMS.items() for words in names}
_KEYWORDS: tuple[tuple[str, TrainingField], ...] = (
    ("course", TrainingField.COURSE),
    ("training", TrainingField.COURSE),
    ("module", TrainingField.COURSE),
    ("completed", TrainingField.COMPLETED_ON),
    ("completion", TrainingField.COMPLETED_ON),
    ("date", TrainingField.COMPLETED_ON),
    ("provider", TrainingField.PROVIDER),
    ("trainer", TrainingField.PROVIDER),
    ("certificate", TrainingField.EVIDENCE),
    ("evidence", TrainingField.EVIDENCE),
    ("name", TrainingField.PERSON),
)


@dataclass(frozen=True)
class TrainingColumn:
    column: int
    header: str
    field: TrainingField | None
    confidence: str  # SURE, LIKELY, GUESS, or "" when not imported
    reason: str


def guess_training_mapping(sheet: Sheet) -> tuple[TrainingColumn, ...]:
    """A field for each column (or None), each field used once, surest first."""
    candidates: list[tuple[int, int, TrainingField, str, str]] = []
    for column, header in enumerate(sheet.headers):
        key = normalise_header(header)
        if key in _LOOKUP:
            candidates.append((0, column, _LOOKUP[key], SURE, f"The column title '{header}'"))
            continue
        words = set(key.split())
        keyword = next((field for word, field in _KEYWORDS if word in words), None)
        if keyword is not None:
            candidates.append((1, column, keyword, LIKELY, f"'{header}' mentions it"))
            continue
        samples = sheet.samples(column, 5)
        if samples and all(
            isinstance(row[column], dt.date) for row in sheet.rows[:5] if row[column]
        ):
            candidates.append((2, column, TrainingField.COMPLETED_ON, GUESS, "It holds dates"))
    chosen: dict[int, tuple[TrainingField, str, str]] = {}
    taken: set[TrainingField] = set()
    for _rank, column, field, confidence, why in sorted(candidates, key=lambda c: (c[0], c[1])):
        if field in taken or column in chosen:
            continue
        chosen[column] = (field, confidence, why)
        taken.add(field)
    return tuple(
        TrainingColumn(column, header, *chosen.get(column, (None, "", "")))
        for column, header in enumerate(sheet.headers)
    )


def training_mapping_of(guesses: Sequence[TrainingColumn]) -> tuple[TrainingField | None, ...]:
    return tuple(guess.field for guess in guesses)


def training_mapping_problem(mapping: Sequence[TrainingField | None]) -> str | None:
    """Why a mapping cannot be used (a column missing, or used twice), or None."""
    used = [field for field in mapping if field is not None]
    twice = {field for field in used if used.count(field) > 1}
    if twice:
        return f"Only one column can be {sorted(twice)[0].label}."
    if TrainingField.PERSON not in used and TrainingField.STAFF_ID not in used:
        return "Choose the column with the person's name (or their number in the app)."
    if TrainingField.COURSE not in used:
        return "Choose the column with the course."
    if TrainingField.COMPLETED_ON not in used:
        return "Choose the column with the date the course was completed."
    return None


# ---- the preview ---------------------------------------------------------------------------


ADD, SKIP = "add", "skip"


@dataclass(frozen=True)
class TrainingRow:
    row_number: int
    action: str  # ADD or SKIP
    person_text: str  # as the file wrote it
    staff_id: int | None
    person_name: str  # as on record
    course_text: str
    course_id: int | None
    course_name: str
    completed_on: dt.date | None
    provider: str
    evidence: str
    problems: tuple[RowProblem, ...] = ()
    date_text: str = ""  # the date as the file wrote it

    def problems_text(self) -> str:
        return " ".join(p.describe() for p in self.problems)

    @property
    def date_words(self) -> str:
        """The date as read, and as written when that differs: '29/02/2024 (from 45351)'."""
        if self.completed_on is None:
            return f"no date (from '{self.date_text}')" if self.date_text else "no date"
        shown = self.completed_on.strftime("%d/%m/%Y")
        return shown if self.date_text == shown else f"{shown} (from '{self.date_text}')"

    def matched_words(self, *, names: bool = True) -> str:
        """What the row was matched to: person, course, date as read. Without ``names``
        the person is given by their number in the app."""
        if self.staff_id is None:
            person = "no person"
        elif names:
            person = self.person_name
        else:
            person = f"person {self.staff_id}"
        course = self.course_name or "no course"
        if self.course_name and not same_words(self.course_text, self.course_name):
            course += f" (from '{self.course_text[:40]}')"
        return f"{person} · {course} · {self.date_words}"


@dataclass(frozen=True)
class TrainingImportPreview:
    file_name: str
    how_read: tuple[str, ...]
    headers: tuple[str, ...]
    mapping: tuple[TrainingField | None, ...]
    team_id: int | None
    team_name: str  # "" for every team
    rows: tuple[TrainingRow, ...]
    today: dt.date

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    def summary(self) -> str:
        return f"{self.count(ADD)} to add, {self.count(SKIP)} left out."


@dataclass(frozen=True)
class _Person:
    id: int
    name: str
    team_id: int
    leaving_date: dt.date | None


@dataclass(frozen=True)
class _Course:
    id: int
    name: str
    key: str | None
    archived: bool


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'",
                         "\u201c": '"', "\u201d": '"', "\u2032": "'", "`": "'"})  # fmt: skip


def _loose(text: str) -> str:
    """Text compared ignoring case, extra spaces, curly or straight quotes and '&' for
    'and': "Grace O’Hara" is "grace o'hara"."""
    text = text.translate(_QUOTES).replace("&", " and ")
    return values.name_key(text)


def same_words(one: str, other: str) -> bool:
    """Equal but for case and spacing (so a looser match is worth showing)."""
    return values.name_key(one) == values.name_key(other)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", _loose(text)).split())


class _Matcher:
    def __init__(self, db: Database, team_id: int | None) -> None:
        with db.session() as session:
            self.people = [
                _Person(*row)
                for row in session.execute(
                    select(
                        StaffMember.id,
                        StaffMember.name,
                        StaffMember.team_id,
                        StaffMember.leaving_date,
                    )
                )
            ]
            self.courses = [
                _Course(*row)
                for row in session.execute(
                    select(Course.id, Course.name, Course.key, Course.archived)
                )
            ]
            self.done = set(
                session.execute(
                    select(
                        TrainingCompletion.staff_id,
                        TrainingCompletion.course_id,
                        TrainingCompletion.completed_on,
                    )
                ).all()
            )
        self.team_id = team_id
        self.by_id = {p.id: p for p in self.people}
        self.by_name: dict[str, list[_Person]] = {}
        for person in self.people:
            if team_id is None or person.team_id == team_id:
                self.by_name.setdefault(_loose(person.name), []).append(person)

    def person(self, name: str, number: Cell) -> tuple[_Person | None, str]:
        """The person a row names, or None and why (never quoting the name)."""
        if number is not None and values.text(number):
            raw = values.text(number)
            if not raw.isdigit() or not 1 <= int(raw) <= v.RECORD_ID_MAX:
                return None, f"The person's number '{raw[:12]}' is not a number."
            found = self.by_id.get(int(raw))
            if found is None:
                return None, f"There is no person with number {raw}."
            if self.team_id is not None and found.team_id != self.team_id:
                return None, f"Person number {raw} is not in the chosen team."
            return found, ""
        if not name:
            return None, "The person's name is empty."
        matches = self.by_name.get(_loose(name), [])
        if len(matches) == 1:
            return matches[0], ""
        where = "the chosen team" if self.team_id is not None else "any team"
        if not matches:
            return None, f"No one of that name is in {where}."
        return None, (
            f"{len(matches)} people of that name are in {where}: add a column with each "
            "person's number in the app, or choose their team."
        )

    def course(self, text: str) -> tuple[_Course | None, str]:
        if not text:
            return None, "The course is empty."
        key = _plain(text)
        for matches in (
            [c for c in self.courses if _plain(c.name) == key],
            [c for c in self.courses if c.key is not None and _plain(c.key) == key],
            [c for c in self.courses if key and (key in _plain(c.name) or _plain(c.name) in key)],
        ):
            live = [c for c in matches if not c.archived] or matches
            if len(live) == 1:
                if live[0].archived:
                    return None, f"The course '{live[0].name}' is archived: restore it first."
                return live[0], ""
            if len(live) > 1:
                names = "; ".join(c.name for c in live[:3])
                return None, f"'{text[:40]}' could be more than one course ({names})."
        return None, (
            f"There is no course called '{text[:40]}': add it under Courses in the "
            "training matrix first."
        )


def build_training_preview(
    db: Database,
    sheet: Sheet,
    mapping: Sequence[TrainingField | None],
    *,
    team_id: int | None = None,
    today: dt.date | None = None,
) -> TrainingImportPreview:
    """Each row of ``sheet`` as it will be saved, or why it will not be."""
    problem = training_mapping_problem(mapping)
    if problem is not None:
        raise ValidationError("mapping", problem)
    today = today or dt.date.today()
    team_name = ""
    if team_id is not None:
        team_id = v.record_id("team_id", "Team", team_id, what="team")
        with db.session() as session:
            team = session.get(Team, team_id)
            if team is None:
                raise NotFoundError("That team no longer exists.")
            team_name = team.name
    matcher = _Matcher(db, team_id)
    columns = {f: i for i, f in enumerate(mapping) if f is not None}

    def cell(cells: Sequence[Cell], field: TrainingField) -> Cell:
        index = columns.get(field)
        return cells[index] if index is not None else None

    rows: list[TrainingRow] = []
    seen: dict[tuple[int, int, dt.date], int] = {}
    for number, cells in zip(sheet.row_numbers, sheet.rows, strict=True):
        problems: list[RowProblem] = []

        def skip(field: str, message: str, problems: list[RowProblem] = problems) -> None:
            problems.append(RowProblem(Severity.SKIP, field, message))

        person_text, how = values.name(cell(cells, TrainingField.PERSON))
        if how:
            problems.append(RowProblem(Severity.NOTE, "person", how))
        person, why = matcher.person(person_text, cell(cells, TrainingField.STAFF_ID))
        if person is None:
            skip("person", why)
        course_text = values.text(cell(cells, TrainingField.COURSE))
        course, why = matcher.course(course_text)
        if course is None:
            skip("course", why)
        completed: dt.date | None = None
        raw_date = cell(cells, TrainingField.COMPLETED_ON)
        date_text = cell_text(raw_date)
        if raw_date is None or not values.text(raw_date):
            skip("completed_on", "The date completed is empty.")
        else:
            try:
                parsed, note = values.date(raw_date, "Date completed", today=today)
                if note:
                    problems.append(RowProblem(Severity.NOTE, "completed_on", note))
                completed = v.date("completed_on", "Date completed", parsed, not_after=today)
            except values.Unreadable as error:
                skip("completed_on", str(error))
            except ValidationError as error:
                skip("completed_on", error.message)
        if person is not None and person.leaving_date is not None:
            left = person.leaving_date.strftime("%d/%m/%Y")
            if completed is not None and completed > person.leaving_date:
                skip("completed_on", f"The person left on {left}, before this date.")
            elif person.leaving_date <= today:
                problems.append(
                    RowProblem(
                        Severity.NOTE,
                        "person",
                        f"The person left on {left}; completed while in post, so recorded.",
                    )
                )
        by_number = bool(values.text(cell(cells, TrainingField.STAFF_ID)))
        if (
            person is not None
            and not by_number
            and values.name_key(person_text) != values.name_key(person.name)
        ):
            problems.append(
                RowProblem(Severity.NOTE, "person", "The name matched ignoring its quote marks.")
            )
        provider = values.text(cell(cells, TrainingField.PROVIDER))
        if len(provider) > PROVIDER_MAX:
            problems.append(
                RowProblem(
                    Severity.WARNING,
                    "provider",
                    f"The provider is cut to {PROVIDER_MAX} characters.",
                )
            )
            provider = provider[:PROVIDER_MAX]
        evidence_cell = cell(cells, TrainingField.EVIDENCE)
        evidence = "" if evidence_cell is None else str(values.text(evidence_cell))
        if len(evidence) > EVIDENCE_MAX:
            problems.append(
                RowProblem(
                    Severity.WARNING,
                    "evidence",
                    f"The evidence is cut to {EVIDENCE_MAX:,} characters.",
                )
            )
            evidence = evidence[:EVIDENCE_MAX]
        if person is not None and course is not None and completed is not None:
            key = (person.id, course.id, completed)
            if key in matcher.done:
                skip("completed_on", "Already recorded: this person has this course on that date.")
            elif key in seen:
                skip("completed_on", f"The same as row {seen[key]}.")
            else:
                seen[key] = number
        rows.append(
            TrainingRow(
                row_number=number,
                action=SKIP if any(p.severity is Severity.SKIP for p in problems) else ADD,
                person_text=person_text,
                staff_id=person.id if person else None,
                person_name=person.name if person else "",
                course_text=course_text,
                course_id=course.id if course else None,
                course_name=course.name if course else "",
                completed_on=completed,
                provider=provider,
                evidence=evidence,
                problems=tuple(problems),
                date_text=date_text,
            )
        )
    return TrainingImportPreview(
        file_name=sheet.file_name,
        how_read=sheet.how_read,
        headers=sheet.headers,
        mapping=tuple(mapping),
        team_id=team_id,
        team_name=team_name,
        rows=tuple(rows),
        today=today,
    )


@dataclass(frozen=True)
class TrainingImportReport:
    added: int
    left_out: int
    completion_ids: tuple[int, ...]

    def summary(self) -> str:
        return f"{self.added} added, {self.left_out} left out."


def apply_training_import(db: Database, preview: TrainingImportPreview) -> TrainingImportReport:
    """Save every row the preview adds, all in one transaction (nothing if any fails)."""
    adding = [row for row in preview.rows if row.action == ADD]
    with db.session() as session:
        saved = [
            TrainingCompletion(
                staff_id=row.staff_id,
                course_id=row.course_id,
                completed_on=row.completed_on,
                provider=row.provider,
                evidence=row.evidence,
            )
            for row in adding
        ]
        session.add_all(saved)
        session.flush()
        ids = tuple(completion.id for completion in saved)
    return TrainingImportReport(len(adding), preview.count(SKIP), ids)
