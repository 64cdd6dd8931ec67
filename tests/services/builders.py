"""Small helpers to build scenarios through the real services."""

from __future__ import annotations

import datetime as dt

from wellbeing_desktop.services import people
from wellbeing_desktop.storage.database import Database

TODAY = dt.date(2026, 11, 26)


def role_id(db: Database, key_words: str) -> int:
    return next(r.id for r in people.list_roles(db) if key_words in r.name)


def add_person(
    db: Database,
    team_id: int,
    name: str,
    *,
    role: str = "keyworker",
    fte: float = 1.0,
    start: str = "2020-01-06",
    **extra: object,
) -> int:
    draft = people.StaffDraft(
        name=name, team_id=team_id, role_id=role_id(db, role), fte=fte, start_date=start, **extra
    )  # type: ignore[arg-type]
    return people.save_staff(db, draft).id
