"""The preview: every row as it will be saved, with its problems, before anything is.

``build_preview`` reads each row through the confirmed mapping, resolves roles,
finds people already in the team, and checks each person with the same checks
the save makes (``people.clean_staff``, ``caseloads.make_entry``), so what the
preview says will be saved is what is saved.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import select

from wellbeing_desktop.errors import NotFoundError, ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.caseloads import make_entry
from wellbeing_desktop.services.importing import values
from wellbeing_desktop.services.importing.mapping import Field, mapping_problem
from wellbeing_desktop.services.importing.reading import Cell, Sheet
from wellbeing_desktop.services.people import StaffDraft, clean_staff
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import Role, StaffMember, Team

FULL_TIME_HOURS = 37.5  # Agenda for Change full time; councils often use 37 or 36
FTE_MAX = 1.5
CREATE, SKIP = "create", "skip"  # choices for a role the database does not have
UPDATE = "update"


class Action(StrEnum):
    ADD = "add"
    UPDATE = "update"
    SKIP = "skip"

    @property
    def words(self) -> str:
        return {"add": "Add", "update": "Update", "skip": "Leave out"}[self.value]


class Severity(StrEnum):
    SKIP = "skip"  # the row is left out
    WARNING = "warning"  # saved, but check it
    NOTE = "note"  # how a value was read

    @property
    def symbol(self) -> str:
        return {"skip": "✖", "warning": "⚠", "note": "ℹ"}[self.value]


@dataclass(frozen=True)
class RowProblem:
    severity: Severity
    field: str
    message: str

    def describe(self) -> str:
        return f"{self.severity.symbol} {self.message}"


@dataclass(frozen=True)
class PreviewRow:
    """One row of the file as it will be saved (or why it will not be)."""

    row_number: int  # as the spreadsheet numbers it
    action: Action
    name: str
    role_id: int | None
    role_name: str  # the role it will have ('' when none)
    role_text: str  # the role as the file wrote it
    new_role: str | None  # a role the import will create for it
    job_title: str
    pay_band: str
    fte: float | None
    start_date: dt.date | None
    leaving_date: dt.date | None
    caseload: int | None
    caseload_on: dt.date | None
    supervisor_text: str
    supervisor_id: int | None
    supervisor_row: int | None  # the row number of a supervisor added by this import
    notes: str
    existing_id: int | None  # the person it updates (or duplicates)
    problems: tuple[RowProblem, ...] = ()

    @property
    def skip_reason(self) -> str:
        return " ".join(p.message for p in self.problems if p.severity is Severity.SKIP)

    def problems_text(self, *, notes: bool = True) -> str:
        return " ".join(
            p.describe() for p in self.problems if notes or p.severity is not Severity.NOTE
        )


@dataclass(frozen=True)
class UnknownRole:
    text: str  # as the file wrote it
    rows: int
    suggestions: tuple[str, ...]  # close role names, for the message


@dataclass(frozen=True)
class ImportOptions:
    """The choices the manager makes about the import."""

    team_id: int | None = None
    new_team_name: str = ""  # create this team when team_id is None
    duplicates: str = SKIP  # SKIP or UPDATE people already in the team
    # A role as the file writes it (see ``role_key``) -> CREATE, SKIP or a role id.
    role_choices: Mapping[str, str | int] = field(default_factory=dict)
    create_unknown_roles: bool = False  # CREATE for every role not chosen above
    role_template_id: int | None = None  # created roles copy this role's limits
    default_role_id: int | None = None  # for rows that name no role
    full_time_hours: float = FULL_TIME_HOURS
    caseloads_on: dt.date | None = None  # the date of the caseload figures (today)
    today: dt.date | None = None


@dataclass(frozen=True)
class RoleRef:
    id: int
    name: str


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    how_read: tuple[str, ...]
    mapping: tuple[Field | None, ...]
    headers: tuple[str, ...]
    team_id: int | None
    team_name: str
    rows: tuple[PreviewRow, ...]
    unknown_roles: tuple[UnknownRole, ...]
    roles: tuple[RoleRef, ...]
    options: ImportOptions
    template_role: RoleRef | None

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action is action)

    @property
    def roles_to_create(self) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(r.new_role for r in self.rows if r.new_role and r.action != "skip")
        )

    @property
    def duplicates(self) -> int:
        return sum(1 for row in self.rows if row.existing_id is not None)

    @property
    def with_problems(self) -> int:
        return sum(1 for row in self.rows if any(p.severity != Severity.NOTE for p in row.problems))

    def summary(self) -> str:
        """'38 to add, 2 to update, 3 left out.'"""
        parts = [f"{self.count(Action.ADD)} to add"]
        if self.count(Action.UPDATE):
            parts.append(f"{self.count(Action.UPDATE)} to update")
        parts.append(f"{self.count(Action.SKIP)} left out")
        text = ", ".join(parts) + "."
        if self.roles_to_create:
            count = len(self.roles_to_create)
            text += f" {count} new role{'' if count == 1 else 's'} to create."
        return text


def role_key(text: str) -> str:
    return values.name_key(text)


# ---- what is in the database already ------------------------------------------------------


@dataclass
class _Context:
    roles: list[RoleRef]
    team_name: str
    team_people: dict[str, list[int]]  # name key -> ids in the team
    team_rows: dict[int, StaffMember]
    everyone: dict[str, list[int]]  # name key -> ids anywhere


def _load_context(db: Database, options: ImportOptions) -> _Context:
    with db.session() as session:
        roles = [RoleRef(i, n) for i, n in session.execute(select(Role.id, Role.name))]
        everyone: dict[str, list[int]] = {}
        for staff_id, name in session.execute(select(StaffMember.id, StaffMember.name)):
            everyone.setdefault(values.name_key(name), []).append(staff_id)
        team_rows: dict[int, StaffMember] = {}
        team_people: dict[str, list[int]] = {}
        if options.team_id is not None:
            team = session.get(Team, v.record_id("team_id", "Team", options.team_id, what="team"))
            if team is None:
                raise NotFoundError("That team no longer exists.")
            team_name = team.name
            for member in session.scalars(
                select(StaffMember).where(StaffMember.team_id == team.id)
            ):
                session.expunge(member)
                team_rows[member.id] = member
                team_people.setdefault(values.name_key(member.name), []).append(member.id)
        else:
            team_name = v.name("team_id", "Team name", options.new_team_name)
            if session.scalar(select(Team.id).where(Team.name == team_name)) is not None:
                raise ValidationError("team_id", "There is already a team with that name.")
    return _Context(
        sorted(roles, key=lambda r: r.name), team_name, team_people, team_rows, everyone
    )


# ---- roles ---------------------------------------------------------------------------------


def _role_variants(name: str) -> set[str]:
    """'Social worker (adults / justice)' answers to 'social worker', 'adults', ... and
    'Drug and alcohol keyworker / recovery worker' to 'recovery worker'."""
    key = role_key(name)
    variants = {key}
    plain = role_key(re.sub(r"\(.*?\)", " ", name))
    variants.add(plain)
    variants.update(role_key(part) for part in re.split(r"/", re.sub(r"[()]", " ", name)))
    return {v for v in variants if v}


def match_role(text: str, roles: Sequence[RoleRef]) -> tuple[RoleRef | None, tuple[str, ...]]:
    """The role a file's role text means, or None with the close candidates."""
    key = role_key(text)
    exact = [r for r in roles if role_key(r.name) == key]
    if exact:
        return exact[0], ()
    close = [r for r in roles if key in _role_variants(r.name)]
    if len(close) == 1:
        return close[0], ()
    if not close:
        words = set(re.findall(r"\w+", key))
        close = [r for r in roles if words and words <= set(re.findall(r"\w+", role_key(r.name)))]
        if len(close) == 1:
            return close[0], ()
    return None, tuple(r.name for r in close)


# ---- the rows ---------------------------------------------------------------------------------


def build_preview(
    db: Database,
    sheet: Sheet,
    mapping: Sequence[Field | None],
    options: ImportOptions,
    progress: Callable[[float], None] | None = None,
) -> ImportPreview:
    """Each row of ``sheet`` as it will be saved under ``mapping`` and ``options``."""
    problem = mapping_problem(mapping)
    if problem is not None:
        raise ValidationError("mapping", problem)
    if options.duplicates not in (SKIP, UPDATE):
        raise ValidationError(
            "duplicates", "Choose to update or to leave out people already there."
        )
    today = options.today or dt.date.today()
    context = _load_context(db, options)
    columns = {f: i for i, f in enumerate(mapping) if f is not None}
    builder = _RowBuilder(sheet, columns, options, context, today)
    rows: list[PreviewRow] = []
    total = max(1, len(sheet.rows))
    for index, (number, cells) in enumerate(zip(sheet.row_numbers, sheet.rows, strict=True)):
        rows.append(builder.build(number, cells))
        if progress is not None and index % 250 == 0:
            progress(0.6 + 0.35 * index / total)
    rows = _link_supervisors(rows, context)
    template = _template_role(options, context.roles, rows)
    if progress is not None:
        progress(1.0)
    return ImportPreview(
        file_name=sheet.file_name,
        how_read=sheet.how_read,
        mapping=tuple(mapping),
        headers=sheet.headers,
        team_id=options.team_id,
        team_name=context.team_name,
        rows=tuple(rows),
        unknown_roles=builder.unknown_roles(),
        roles=tuple(context.roles),
        options=options,
        template_role=template,
    )


def _template_role(
    options: ImportOptions, roles: Sequence[RoleRef], rows: Sequence[PreviewRow]
) -> RoleRef | None:
    """The role whose limits new roles copy: the one chosen, else the role most of the
    file's people have (the closest thing to what the new roles are)."""
    wanted = options.role_template_id or options.default_role_id
    found = next((r for r in roles if r.id == wanted), None)
    if found is not None:
        return found
    counts = Counter(row.role_id for row in rows if row.role_id is not None)
    if counts:
        most = counts.most_common(1)[0][0]
        return next(r for r in roles if r.id == most)
    return roles[0] if roles else None


class _RowBuilder:
    def __init__(
        self,
        sheet: Sheet,
        columns: dict[Field, int],
        options: ImportOptions,
        context: _Context,
        today: dt.date,
    ) -> None:
        self.columns = columns
        self.options = options
        self.context = context
        self.today = today
        self.roles_by_id = {r.id: r for r in context.roles}
        self.role_cache: dict[str, tuple[RoleRef | None, tuple[str, ...]]] = {}
        self.unknown: dict[str, UnknownRole] = {}
        self.seen: dict[str, int] = {}  # name key -> first row number in the file
        self.caseloads_on = options.caseloads_on or today
        self.default_role = self.roles_by_id.get(options.default_role_id or -1)

    def cell(self, cells: tuple[Cell, ...], f: Field) -> Cell:
        index = self.columns.get(f)
        return cells[index] if index is not None else None

    def unknown_roles(self) -> tuple[UnknownRole, ...]:
        return tuple(self.unknown.values())

    def build(self, number: int, cells: tuple[Cell, ...]) -> PreviewRow:
        problems: list[RowProblem] = []

        def add(severity: Severity, f: str, message: str) -> None:
            problems.append(RowProblem(severity, f, message))

        name, note = values.name(
            self.cell(cells, Field.NAME),
            self.cell(cells, Field.FIRST_NAME),
            self.cell(cells, Field.LAST_NAME),
        )
        if note:
            add(Severity.NOTE, "name", note)
        if not name:
            add(Severity.SKIP, "name", "No name: this row is left out.")
        key = values.name_key(name)

        # Someone already there: update or leave out.
        existing_id: int | None = None
        action = Action.ADD
        matches = self.context.team_people.get(key, []) if name else []
        if len(matches) > 1:
            add(
                Severity.SKIP,
                "name",
                "More than one person in the team has this name: change them in Settings.",
            )
        elif matches:
            existing_id = matches[0]
            if self.options.duplicates == UPDATE:
                action = Action.UPDATE
                add(
                    Severity.NOTE,
                    "name",
                    f"Already in the team (person {existing_id}): "
                    "their details will be updated from this row.",
                )
            else:
                add(
                    Severity.SKIP,
                    "name",
                    f"Already in the team (person {existing_id}): left as they are.",
                )
        elif name and key in self.context.everyone:
            add(
                Severity.NOTE,
                "name",
                "Someone with this name is in another team; this adds a new person.",
            )
        if name and key in self.seen:
            add(Severity.SKIP, "name", f"Same name as row {self.seen[key]}: left out.")
        elif name:
            self.seen[key] = number
        existing = self.context.team_rows.get(existing_id) if existing_id else None

        role, role_text, new_role = self._role(cells, existing, add)
        job_title = values.text(self.cell(cells, Field.JOB_TITLE))
        pay_band = values.text(self.cell(cells, Field.PAY_BAND))
        fte = self._fte(cells, existing, add)
        start = self._date(cells, Field.START_DATE, "Start date", add)
        leaving = self._date(cells, Field.LEAVING_DATE, "Leaving date", add)
        if leaving is not None and leaving <= self.today:
            add(
                Severity.WARNING,
                "leaving_date",
                "Has a leaving date in the past: will not show on the dashboard.",
            )
        caseload, caseload_on = self._caseload(cells, add)
        notes = values.text(self.cell(cells, Field.NOTES)) if Field.NOTES in self.columns else ""
        supervisor_text = values.text(self.cell(cells, Field.SUPERVISOR))

        # Blank cells leave what a person already has.
        if existing is not None:
            job_title = job_title or existing.job_title
            pay_band = pay_band or existing.pay_band
            start = start or existing.start_date
            leaving = leaving or existing.leaving_date
            notes = notes or existing.notes

        draft = StaffDraft(
            name=name,
            team_id=self.options.team_id or 1,  # a new team has no number until it is saved
            role_id=role.id if role else (1 if new_role else None),
            job_title=job_title,
            pay_band=pay_band,
            fte=fte if fte is not None else 1.0,
            start_date=start,
            leaving_date=leaving,
            notes=notes,
        )
        if name and (role or new_role) and not any(p.severity is Severity.SKIP for p in problems):
            try:
                clean_staff(draft)
            except ValidationError as error:
                add(Severity.SKIP, error.field, f"{error.message} This row is left out.")
        if any(p.severity is Severity.SKIP for p in problems):
            action = Action.SKIP
        return PreviewRow(
            row_number=number,
            action=action,
            name=name,
            role_id=role.id if role else None,
            role_name=role.name if role else (new_role or ""),
            role_text=role_text,
            new_role=new_role if not role else None,
            job_title=job_title,
            pay_band=pay_band,
            fte=fte,
            start_date=start,
            leaving_date=leaving,
            caseload=caseload,
            caseload_on=caseload_on if caseload is not None else None,
            supervisor_text=supervisor_text,
            supervisor_id=existing.supervisor_id if existing is not None else None,
            supervisor_row=None,
            notes=notes,
            existing_id=existing_id,
            problems=tuple(problems),
        )

    def _role(
        self, cells: tuple[Cell, ...], existing: StaffMember | None, add: Callable[..., None]
    ) -> tuple[RoleRef | None, str, str | None]:
        text = values.text(self.cell(cells, Field.ROLE))
        if not text and existing is not None:
            return self.roles_by_id.get(existing.role_id), "", None
        if not text:
            title = values.text(self.cell(cells, Field.JOB_TITLE))
            if title:
                found, _close = self._match(title)
                if found is not None:
                    add(Severity.NOTE, "role_id", f"Role '{found.name}' taken from the job title.")
                    return found, "", None
            if self.default_role is not None:
                add(Severity.NOTE, "role_id", f"No role given: '{self.default_role.name}' used.")
                return self.default_role, "", None
            add(
                Severity.SKIP,
                "role_id",
                "No role: choose a role for people without one, or add a Role column.",
            )
            return None, "", None
        key = role_key(text)
        choice = self.options.role_choices.get(key)
        if isinstance(choice, int) and choice in self.roles_by_id:
            return self.roles_by_id[choice], text, None
        found, close = self._match(text)
        if found is not None and choice is None:
            if role_key(found.name) != key:
                add(Severity.NOTE, "role_id", f"Role '{_short(text)}' read as '{found.name}'.")
            return found, text, None
        if key not in self.unknown:
            self.unknown[key] = UnknownRole(text, 0, close)
        entry = self.unknown[key]
        self.unknown[key] = UnknownRole(entry.text, entry.rows + 1, entry.suggestions)
        if choice == CREATE or (choice is None and self.options.create_unknown_roles):
            try:
                new_name = v.name("role_id", "Role name", self.unknown[key].text)
            except ValidationError as error:
                add(Severity.SKIP, "role_id", error.message)
                return None, text, None
            add(Severity.NOTE, "role_id", f"New role '{_short(new_name)}' will be created.")
            return None, text, new_name
        if choice == SKIP:
            add(Severity.SKIP, "role_id", f"Role '{_short(text)}' is left out, as chosen.")
            return None, text, None
        hint = f" (close: {', '.join(close)})" if close else ""
        add(
            Severity.SKIP,
            "role_id",
            f"Role '{_short(text)}' is not one of your roles{hint}: create it or choose one.",
        )
        return None, text, None

    def _match(self, text: str) -> tuple[RoleRef | None, tuple[str, ...]]:
        key = role_key(text)
        if key not in self.role_cache:
            self.role_cache[key] = match_role(text, self.context.roles)
        return self.role_cache[key]

    def _fte(
        self, cells: tuple[Cell, ...], existing: StaffMember | None, add: Callable[..., None]
    ) -> float | None:
        raw_fte, raw_hours = self.cell(cells, Field.FTE), self.cell(cells, Field.HOURS)
        fte: float | None = None
        try:
            if raw_fte is not None and values.text(raw_fte):
                value, percent = values.number(raw_fte, "FTE")
                fte = round(value / 100 if percent else value, 2)
                if percent:
                    add(Severity.NOTE, "fte", f"{values.text(raw_fte)} read as {fte:g} FTE.")
            elif raw_hours is not None and values.text(raw_hours):
                hours, _percent = values.number(raw_hours, "Hours a week")
                fte = round(hours / self.options.full_time_hours, 2)
                add(
                    Severity.NOTE,
                    "fte",
                    f"{hours:g} hours a week read as {fte:g} FTE "
                    f"({self.options.full_time_hours:g} hours is full time).",
                )
        except values.Unreadable as error:
            add(Severity.SKIP, "fte", f"{error} This row is left out.")
            return None
        if fte is None:
            if existing is not None:
                return existing.fte
            if Field.FTE in self.columns or Field.HOURS in self.columns:
                add(Severity.WARNING, "fte", "No FTE given: full time (1.0) is assumed.")
            return None
        if not 0 < fte <= FTE_MAX:
            hint = ""
            if fte > FTE_MAX and Field.FTE in self.columns and raw_fte is not None:
                hint = " If the column holds hours a week, choose Hours a week for it."
            add(
                Severity.SKIP,
                "fte",
                f"FTE {fte:g} is out of range (more than 0, at most {FTE_MAX:g}).{hint}",
            )
        return fte

    def _date(
        self, cells: tuple[Cell, ...], f: Field, label: str, add: Callable[..., None]
    ) -> dt.date | None:
        raw = self.cell(cells, f)
        if raw is None or not values.text(raw):
            return None
        try:
            day, note = values.date(raw, label, today=self.today)
            v.date(f.value, label, day)
        except (values.Unreadable, ValidationError) as error:
            message = error.message if isinstance(error, ValidationError) else str(error)
            add(Severity.WARNING, f.value, f"{message} It is left blank.")
            return None
        if note:
            add(Severity.NOTE, f.value, note)
        return day

    def _caseload(
        self, cells: tuple[Cell, ...], add: Callable[..., None]
    ) -> tuple[int | None, dt.date | None]:
        raw = self.cell(cells, Field.CASELOAD)
        if raw is None or not values.text(raw):
            return None, None
        on = self.caseloads_on
        raw_on = self.cell(cells, Field.CASELOAD_DATE)
        try:
            cases = values.whole_number(raw, "Caseload")
            if raw_on is not None and values.text(raw_on):
                on, _note = values.date(raw_on, "Caseload date", today=self.today)
            make_entry(1, on, cases, today=self.today)
        except values.Unreadable as error:
            add(Severity.WARNING, "caseload", f"{error} The caseload is not recorded.")
            return None, None
        except ValidationError as error:
            add(Severity.WARNING, "caseload", f"{error.message} The caseload is not recorded.")
            return None, None
        return cases, on


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _link_supervisors(rows: list[PreviewRow], context: _Context) -> list[PreviewRow]:
    """A supervisor named in a row is someone already saved or someone this import adds."""
    from dataclasses import replace

    added: dict[str, list[int]] = {}  # people this import adds, by name: row numbers
    for row in rows:
        if row.action is Action.ADD:
            added.setdefault(values.name_key(row.name), []).append(row.row_number)
    linked = []
    for row in rows:
        if not row.supervisor_text or row.action is Action.SKIP:
            linked.append(row)
            continue
        key = values.name_key(row.supervisor_text)
        saved = context.everyone.get(key, [])
        in_file = added.get(key, [])
        problem: RowProblem | None = None
        supervisor_id, supervisor_row = row.supervisor_id, None
        if key == values.name_key(row.name):
            problem = RowProblem(
                Severity.WARNING, "supervisor_id", "Named as their own supervisor: left blank."
            )
        elif len(saved) + len(in_file) > 1:
            problem = RowProblem(
                Severity.WARNING,
                "supervisor_id",
                "More than one person has the supervisor's name: left blank.",
            )
        elif saved:
            supervisor_id = saved[0]
        elif in_file:
            supervisor_row = in_file[0]
        else:
            problem = RowProblem(
                Severity.WARNING,
                "supervisor_id",
                "The supervisor is not in Wellbeing Desktop: left blank.",
            )
        linked.append(
            replace(
                row,
                supervisor_id=supervisor_id,
                supervisor_row=supervisor_row,
                problems=row.problems + ((problem,) if problem else ()),
            )
        )
    return linked
