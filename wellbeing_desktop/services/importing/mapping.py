"""Which column is which: a guess from the column titles (and, failing that, the values),
with how sure the guess is, for the manager to confirm or change."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wellbeing_desktop.services.importing.reading import Sheet


class Field(StrEnum):
    """What a column can be imported as."""

    NAME = "name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    ROLE = "role"
    JOB_TITLE = "job_title"
    FTE = "fte"
    HOURS = "hours"
    PAY_BAND = "pay_band"
    START_DATE = "start_date"
    LEAVING_DATE = "leaving_date"
    CASELOAD = "caseload"
    CASELOAD_DATE = "caseload_date"
    SUPERVISOR = "supervisor"
    NOTES = "notes"

    @property
    def label(self) -> str:
        return FIELD_LABELS[self]


FIELD_LABELS = {
    Field.NAME: "Name",
    Field.FIRST_NAME: "First name",
    Field.LAST_NAME: "Surname",
    Field.ROLE: "Role",
    Field.JOB_TITLE: "Job title",
    Field.FTE: "FTE (whole-time equivalent)",
    Field.HOURS: "Hours a week",
    Field.PAY_BAND: "Pay band",
    Field.START_DATE: "Start date",
    Field.LEAVING_DATE: "Leaving date",
    Field.CASELOAD: "Caseload (open cases)",
    Field.CASELOAD_DATE: "Caseload date",
    Field.SUPERVISOR: "Supervisor",
    Field.NOTES: "Notes",
}

# Column titles as they appear in staff lists (ESR exports, rotas, council spreadsheets),
# normalised as ``normalise_header`` does.
SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.NAME: (
        "name",
        "full name",
        "staff name",
        "employee name",
        "employee",
        "staff member",
        "staff",
        "worker",
        "worker name",
        "practitioner",
        "person",
        "colleague",
        "member of staff",
        "name of staff member",
        "team member",
        "names",
    ),
    Field.FIRST_NAME: (
        "first name",
        "firstname",
        "forename",
        "forenames",
        "given name",
        "given names",
        "first",
        "known as",
        "preferred name",
    ),
    Field.LAST_NAME: ("surname", "last name", "lastname", "family name", "last"),
    Field.ROLE: (
        "role",
        "role name",
        "caseload role",
        "staff role",
        "worker type",
        "role type",
        "service role",
        "job role",
        "post type",
    ),
    Field.JOB_TITLE: (
        "job title",
        "position",
        "post",
        "post title",
        "position title",
        "designation",
        "job",
        "job description",
    ),
    Field.FTE: (
        "fte",
        "wte",
        "whole time equivalent",
        "full time equivalent",
        "contracted wte",
        "assignment wte",
        "contracted fte",
        "fte 0 1",
        "wte 0 1",
        "fte wte",
        "wte fte",
    ),
    Field.HOURS: (
        "hours",
        "hours per week",
        "hours a week",
        "contracted hours",
        "weekly hours",
        "hrs",
        "hours pw",
        "hrs pw",
        "hrs per week",
        "contract hours",
        "working hours",
        "hours week",
        "hrs week",
        "weekly contracted hours",
    ),
    Field.PAY_BAND: (
        "band",
        "pay band",
        "grade",
        "afc band",
        "pay grade",
        "payband",
        "agenda for change band",
        "pay scale",
        "scale",
    ),
    Field.START_DATE: (
        "start date",
        "started",
        "start",
        "date started",
        "date joined",
        "joined",
        "employment start date",
        "hire date",
        "date of appointment",
        "assignment start date",
        "service start date",
        "start date in post",
        "date started in post",
        "in post since",
    ),
    Field.LEAVING_DATE: (
        "leaving date",
        "end date",
        "left",
        "date left",
        "termination date",
        "leaver date",
        "date of leaving",
    ),
    Field.CASELOAD: (
        "caseload",
        "open cases",
        "cases",
        "current caseload",
        "no of cases",
        "number of cases",
        "case load",
        "caseload open cases",
        "open caseload",
        "active cases",
        "allocated cases",
        "patients",
        "caseload size",
    ),
    Field.CASELOAD_DATE: (
        "caseload date",
        "caseload as at",
        "as at",
        "caseload recorded on",
        "recorded on",
        "caseload as of",
        "as of",
    ),
    Field.SUPERVISOR: (
        "supervisor",
        "line manager",
        "manager",
        "supervised by",
        "clinical supervisor",
        "reports to",
        "supervisor name",
        "line manager name",
    ),
    Field.NOTES: ("notes", "note", "comments", "comment", "remarks"),
}

_LOOKUP = {words: field for field, names in SYNONYMS.items() for words in names}
# Single words that name a field inside a longer title ("Current caseload (open)").
_KEYWORDS: tuple[tuple[str, Field], ...] = (
    ("surname", Field.LAST_NAME),
    ("forename", Field.FIRST_NAME),
    ("caseload", Field.CASELOAD),
    ("cases", Field.CASELOAD),
    ("wte", Field.FTE),
    ("fte", Field.FTE),
    ("hours", Field.HOURS),
    ("hrs", Field.HOURS),
    ("band", Field.PAY_BAND),
    ("grade", Field.PAY_BAND),
    ("supervisor", Field.SUPERVISOR),
    ("manager", Field.SUPERVISOR),
    ("started", Field.START_DATE),
    ("start", Field.START_DATE),
    ("role", Field.ROLE),
    ("notes", Field.NOTES),
    ("comments", Field.NOTES),
    ("name", Field.NAME),
)

SURE, LIKELY, GUESS = "sure", "likely", "guess"
CONFIDENCE_WORDS = {SURE: "Sure", LIKELY: "Likely: please check", GUESS: "A guess: please check"}


def normalise_header(text: str) -> str:
    """'Start Date (dd/mm/yyyy)' -> 'start date'; 'Hrs/Wk' -> 'hrs wk'."""
    lowered = text.casefold().replace("_", " ")
    lowered = re.sub(r"\(.*?\)", " ", lowered)  # "(dd/mm/yyyy)", "(0-1)"
    lowered = re.sub(r"[^\w%]+", " ", lowered)
    lowered = lowered.replace("no.", "no").replace("%", " ")
    return " ".join(lowered.split())


def header_field(text: str) -> Field | None:
    """The field a column title names exactly (after normalising), or None."""
    key = normalise_header(text)
    if key in _LOOKUP:
        return _LOOKUP[key]
    unbracketed = " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())
    return _LOOKUP.get(unbracketed)


def _keyword_field(text: str) -> Field | None:
    words = set(normalise_header(text).split())
    for keyword, field in _KEYWORDS:
        if keyword in words:
            return field
    return None


@dataclass(frozen=True)
class ColumnGuess:
    column: int
    header: str
    field: Field | None
    confidence: str  # SURE, LIKELY, GUESS, or "" when not imported
    reason: str


def guess_mapping(sheet: Sheet) -> tuple[ColumnGuess, ...]:
    """A field for each column (or None), each field used once, surest first."""
    candidates: list[tuple[int, int, Field, str, str]] = []  # (rank, column, field, conf, why)
    for column, header in enumerate(sheet.headers):
        exact = header_field(header)
        if exact is not None:
            candidates.append((0, column, exact, SURE, f"The column title '{header}'"))
            continue
        keyword = _keyword_field(header)
        if keyword is not None:
            candidates.append((1, column, keyword, LIKELY, f"'{header}' mentions it"))
            continue
        by_values = _field_from_values(sheet, column)
        if by_values is not None:
            candidates.append((2, column, by_values[0], GUESS, by_values[1]))
    chosen: dict[int, tuple[Field, str, str]] = {}
    taken: set[Field] = set()
    for _rank, column, field, confidence, why in sorted(candidates, key=lambda c: (c[0], c[1])):
        if field in taken or column in chosen:
            continue
        chosen[column] = (field, confidence, why)
        taken.add(field)
    guesses = []
    for column, header in enumerate(sheet.headers):
        if column in chosen:
            field, confidence, why = chosen[column]
            guesses.append(ColumnGuess(column, header, field, confidence, why))
        else:
            guesses.append(ColumnGuess(column, header, None, "", "Not recognised"))
    return tuple(guesses)


def _field_from_values(sheet: Sheet, column: int) -> tuple[Field, str] | None:
    """Guess from the values alone: Excel date cells, numbers that can only be FTE."""
    import datetime as dt

    values = [row[column] for row in sheet.rows[:200] if row[column] is not None]
    if len(values) < 2:
        return None
    if all(isinstance(v, dt.date) for v in values):
        # Only a column that calls itself a date: "Last supervision" is all dates too.
        if "date" in normalise_header(sheet.headers[column]).split():
            return Field.START_DATE, "Every value is a date"
        return None
    numbers = []
    for value in values:
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            numbers.append(float(value))
            continue
        try:
            numbers.append(float(str(value).replace(",", ".")))
        except ValueError:
            return None
    if numbers and all(0 < n <= 1.0 for n in numbers) and any(n < 1 for n in numbers):
        return Field.FTE, "Every value is between 0 and 1"
    return None


def mapping_of(guesses: Sequence[ColumnGuess]) -> tuple[Field | None, ...]:
    return tuple(guess.field for guess in guesses)


def mapping_problem(mapping: Sequence[Field | None]) -> str | None:
    """What stops an import with this mapping, in a sentence; None when it can go on."""
    used = [field for field in mapping if field is not None]
    for field in set(used):
        if used.count(field) > 1:
            return f"Two columns are set to '{field.label}': choose one."
    if Field.NAME not in used and not (Field.FIRST_NAME in used and Field.LAST_NAME in used):
        if Field.FIRST_NAME in used or Field.LAST_NAME in used:
            return "Choose both the first-name and the surname columns, or one Name column."
        return "Choose the column that holds people's names."
    if Field.FTE in used and Field.HOURS in used:
        return "Choose either FTE or Hours a week, not both."
    return None
