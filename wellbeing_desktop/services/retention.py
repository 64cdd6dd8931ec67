"""Retention: remove the records of people who left long enough ago.

The rule: a person whose leaving date is more than N years before today is
removed completely, as by erasure (``services/erasure.py``). N is the
organisation's choice, stored in the database (``org_setting``) so every manager
sharing it applies the same rule. The default, 6 years, is the period UK NHS
records-management guidance commonly gives for staff records: six years after
the person leaves (the retention schedule in Appendix II of the Records
Management Code of Practice for Health and Social Care, NHS England 2021,
updated 2023; NHS Wales's 2022 code follows it). HR may keep a short summary
longer; this app holds none. The default is a starting point, not legal advice:
the period is the organisation's choice, to match its own retention schedule.

Nothing goes without a preview first: who (person numbers only) and how many
records of each type. Applying removes everyone in one transaction, with one
audit entry per person holding only counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import validation as v
from wellbeing_desktop.services.erasure import (
    CHUNK,
    CLEARED,
    REMOVED,
    RemovalPlan,
    plan_removal,
    record_removals,
    remove_people,
)
from wellbeing_desktop.storage import audit as chain
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.models import OrgSetting, StaffMember

SETTING = "retention_years"
DEFAULT_YEARS = 6
MIN_YEARS, MAX_YEARS = 1, 100
GUIDANCE = (
    "Six years after leaving is the period NHS records-management guidance commonly gives "
    "for staff records (Records Management Code of Practice for Health and Social Care, "
    "Appendix II). The period is your organisation's choice: check your retention schedule."
)


@dataclass(frozen=True)
class RetentionPreview:
    """Who the rule would remove today and how many records of each type: person
    numbers and counts only, never names or notes."""

    years: int
    cutoff: dt.date  # people who left before this day are removed
    people: tuple[RemovalPlan, ...]

    @property
    def staff_ids(self) -> tuple[int, ...]:
        return tuple(person.staff_id for person in self.people)

    def totals(self) -> tuple[tuple[str, int], ...]:
        """(record type, count) over everyone, removed types then cleared links."""
        return tuple(
            (name, sum(person.count(name) for person in self.people))
            for name in (*REMOVED, *CLEARED)
        )


def retention_years(db: Database) -> int:
    """The organisation's retention period in years (the default if none is stored)."""
    with db.session() as session:
        stored = session.get(OrgSetting, SETTING)
    try:
        years = int(stored.value) if stored is not None else DEFAULT_YEARS
    except ValueError:
        return DEFAULT_YEARS
    return years if MIN_YEARS <= years <= MAX_YEARS else DEFAULT_YEARS


def set_retention_years(db: Database, years: object) -> int:
    """Change the organisation's retention period (audited as a changed setting)."""
    clean = v.whole_number(
        "retention_years", "Retention period (years)", years, minimum=MIN_YEARS, maximum=MAX_YEARS
    )
    assert clean is not None
    with db.session() as session:
        setting = session.get(OrgSetting, SETTING) or OrgSetting(key=SETTING)
        setting.value = str(clean)
        session.add(setting)
    return clean


def cutoff_for(today: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _leavers(cutoff: dt.date):  # type: ignore[no-untyped-def]
    return select(StaffMember.id).where(
        StaffMember.leaving_date.is_not(None), StaffMember.leaving_date < cutoff
    )


def preview_retention(
    db: Database, *, today: dt.date | None = None, chunk: int = CHUNK
) -> RetentionPreview:
    """What applying the rule today would remove, without removing anything (``chunk``:
    at most that many numbers in one ``IN (...)``, as in services/erasure.py)."""
    today = today or dt.date.today()
    years = retention_years(db)
    cutoff = cutoff_for(today, years)
    with db.session() as session:
        plan = plan_removal(session, list(session.scalars(_leavers(cutoff))), chunk=chunk)
    return RetentionPreview(years, cutoff, tuple(plan.people.values()))


def apply_retention(
    db: Database,
    *,
    today: dt.date | None = None,
    expected: RetentionPreview | None = None,
    chunk: int = CHUNK,
) -> RetentionPreview:
    """Remove everyone the rule covers today, in one transaction. Pass the preview the
    user confirmed as ``expected``: if what would go has changed since, nothing is
    removed and the preview must be repeated. Returns what was removed."""
    today = today or dt.date.today()
    years = retention_years(db)
    cutoff = cutoff_for(today, years)
    with db.session() as session:
        # Take the audit chain's lock before counting, so what is counted is what goes.
        chain.lock_chain(session.connection())
        plan = plan_removal(session, list(session.scalars(_leavers(cutoff))), chunk=chunk)
        done = RetentionPreview(years, cutoff, tuple(plan.people.values()))
        if expected is not None and (
            done.people != expected.people or done.years != expected.years
        ):
            raise ValidationError(
                "retention",
                "The records due for removal have changed since the preview: look at the "
                "preview again before applying it.",
            )
        remove_people(session, plan, chunk=chunk)
        record_removals(session, plan, "retention", f"left more than {years} years ago; ")
    return done
