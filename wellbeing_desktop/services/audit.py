"""The audit trail: who did what to which record, and when; tamper-evident.

Changes (created, changed, deleted) are recorded by the storage layer with every
save, in the same transaction (``storage/audit.py``). What the storage layer
cannot see is recorded here: a file exported or a report printed. Entries never
hold personal data: record types and numbers, field names, counts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, exc, func, select, text

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import validation as v

# The chain without the ORM: recording an export or a print, from the command line
# too, never imports the ORM and the models (a fifth of a report command's time).
from wellbeing_desktop.storage import audit_chain as chain
from wellbeing_desktop.storage.database import Database, translate_error
from wellbeing_desktop.storage.files import write_in_place

if TYPE_CHECKING:
    from wellbeing_desktop.storage.models import AuditEntry

ACTIONS: dict[str, str] = {
    "created": "Created",
    "changed": "Changed",
    "deleted": "Deleted",
    "exported": "Exported",
    "printed": "Printed",
    "erased": "Erased",
    "retention": "Removed by retention rule",
}
EXPLICIT_ACTIONS = ("exported", "printed")
RECORD_TYPES: dict[str, str] = {
    "team": "Team",
    "role": "Role",
    "staff_member": "Staff member",
    "protection": "Protection",
    "caseload_record": "Caseload record",
    "caseload_band": "Caseload complexity level",
    "supervision_session": "Supervision session",
    "session_attendee": "Session attendee",
    "supervision_action": "Supervision action",
    "check_in": "Check-in",
    "wellbeing_service": "Wellbeing service",
    "signposting_record": "Signposting record",
    "org_setting": "Organisation setting",
    "workload_review": "Workload review",
    "workload_reallocation": "Agreed reallocation",
    "team_establishment": "Team establishment",
    "unallocated_cases": "Cases waiting to be allocated",
    "course": "Training course",
    "course_mandatory_role": "Course mandatory for role",
    "training_completion": "Training completion",
    "development_programme": "Development programme",
    "programme_milestone": "Programme milestone",
    "development_plan": "Development plan",
    "development_objective": "Development objective",
    "cpd_entry": "CPD activity",
}
DETAIL_MAX = chain.DETAIL_MAX
PAGE_MAX = 10_000


@dataclass(frozen=True)
class AuditEntryInfo:
    id: int
    at: dt.datetime  # aware, UTC
    actor: str
    action: str
    record_type: str
    record_id: str
    detail: str

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    @property
    def record_label(self) -> str:
        return RECORD_TYPES.get(self.record_type, self.record_type)


@dataclass(frozen=True)
class ChainReport:
    entries: int
    problems: tuple[str, ...]
    first_bad_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def set_actor(db: Database, name: str | None) -> None:
    """Name the manager recorded as making changes through ``db`` from now on; empty or
    None goes back to the signed-in user's name."""
    clean = v.name("actor", "Your name for the audit trail", name or "", required=False)
    info = dict(db.sessions.kw.get("info") or {})
    if clean:
        info[chain.ACTOR_KEY] = clean
    else:
        info.pop(chain.ACTOR_KEY, None)
    db.sessions.configure(info=info)


def _clean_event(action: str, record_type: str, record_id: object, detail: str) -> chain.Change:
    clean_action = v.choice("action", "Action", action, {a: a for a in EXPLICIT_ACTIONS})
    clean_type = v.choice("record_type", "Record type", record_type, RECORD_TYPES)
    if isinstance(record_id, bool) or not isinstance(record_id, int | str):
        raise ValidationError("record_id", "The record number must be a number.")
    clean_id = v.name("record_id", "Record number", str(record_id), max_length=64)
    clean_detail = v.name("detail", "Detail", detail, required=False, max_length=DETAIL_MAX)
    return chain.Change(clean_action, clean_type, clean_id, clean_detail)


def _actor(db: Database) -> str:
    """Who is recording: the name given to ``set_actor``, else the signed-in user. That
    name lives on the database's ORM sessions; while the ORM has not been imported,
    there are none, so none was given."""
    if "sqlalchemy.orm" not in sys.modules:
        return chain.os_user()
    configured = (db.sessions.kw.get("info") or {}).get(chain.ACTOR_KEY)
    return chain.clean_actor(configured) if configured else chain.os_user()


@contextlib.contextmanager
def _transaction(db: Database) -> Iterator[Connection]:
    """One Core transaction, with database errors in plain words (as ``db.session()``)."""
    try:
        with db.engine.begin() as connection:
            yield connection
    except exc.IntegrityError:
        raise
    except (exc.OperationalError, exc.DatabaseError) as error:
        raise translate_error(error, db.url) from None


def record_event(
    db: Database, action: str, record_type: str, record_id: int | str, detail: str = ""
) -> None:
    """Record that a record was exported or printed. ``detail`` says what, briefly,
    without personal data or file names (e.g. "subject access (PDF)")."""
    change = _clean_event(action, record_type, record_id, detail)
    actor = _actor(db)
    with _transaction(db) as connection:
        chain.append(connection, [change], actor)


def write_audited(
    db: Database,
    path: Path,
    write: Callable[[Path], object],
    *,
    action: str,
    record_type: str,
    record_id: int | str,
    detail: str = "",
) -> Path:
    """Write a file that holds personal data so that it exists only if its audit entry
    does: ``write`` fills a temporary file beside ``path``, the entry is recorded, and
    only then is the file renamed into place (storage/files.py)."""
    change = _clean_event(action, record_type, record_id, detail)

    def record() -> None:
        actor = _actor(db)
        with _transaction(db) as connection:
            chain.append(connection, [change], actor)

    return write_in_place(path, write, before_replace=record)


def _utc_bound(field: str, label: str, value: object, *, end: bool) -> dt.datetime:
    """A date means the whole local day; a datetime means itself (naive: local time)."""
    if isinstance(value, dt.datetime):
        v.date(field, label, value.date())  # in the range any date may have
        moment = value if value.tzinfo else value.astimezone()
    else:
        day = v.date(field, label, value)
        assert day is not None
        start = day + dt.timedelta(days=1) if end else day
        moment = dt.datetime.combine(start, dt.time()).astimezone()
    return moment.astimezone(dt.UTC)


def _info(row: AuditEntry) -> AuditEntryInfo:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return AuditEntryInfo(
        row.id,
        at.astimezone(dt.UTC),
        row.actor,
        row.action,
        row.record_type,
        row.record_id,
        row.detail,
    )


def list_entries(
    db: Database,
    *,
    since: dt.date | dt.datetime | None = None,
    until: dt.date | dt.datetime | None = None,
    action: str | None = None,
    record_type: str | None = None,
    record_id: int | str | None = None,
    limit: int = 1000,
    newest_first: bool = True,
) -> list[AuditEntryInfo]:
    """Audit entries, filtered: ``since``/``until`` are inclusive local dates (or exact
    times), ``action`` and ``record_type`` one of ``ACTIONS``/``RECORD_TYPES``."""
    from wellbeing_desktop.storage.models import AuditEntry

    query = select(AuditEntry)
    if since is not None:
        query = query.where(AuditEntry.at >= _utc_bound("since", "From", since, end=False))
    if until is not None:
        bound = _utc_bound("until", "Until", until, end=True)
        query = query.where(
            AuditEntry.at <= bound if isinstance(until, dt.datetime) else AuditEntry.at < bound
        )
    if action is not None:
        query = query.where(AuditEntry.action == v.choice("action", "Action", action, ACTIONS))
    if record_type is not None:
        clean_type = v.choice("record_type", "Record type", record_type, RECORD_TYPES)
        query = query.where(AuditEntry.record_type == clean_type)
    if record_id is not None:
        query = query.where(AuditEntry.record_id == str(record_id))
    count = v.whole_number("limit", "Number of entries", limit, minimum=1, maximum=PAGE_MAX)
    order = AuditEntry.id.desc() if newest_first else AuditEntry.id
    with db.session() as session:
        return [_info(row) for row in session.scalars(query.order_by(order).limit(count))]


def count_entries(db: Database) -> int:
    from wellbeing_desktop.storage.models import AuditEntry

    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def verify_chain(db: Database) -> ChainReport:
    """Recompute every hash and check each entry follows the one before, and that the
    chain ends where its head says it does."""
    with db.session() as session:
        connection = session.connection()
        result = chain.check_chain(lambda sql: connection.execute(text(sql)))
    return ChainReport(result.entries, result.problems, result.first_bad_id)
