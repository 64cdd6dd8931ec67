"""The list of teams, with how many people are in post in each.

Read through SQLAlchemy Core (``storage/tables.py``), not the ORM: the dashboard's
team switcher is filled before the ORM is first imported. Teams are saved and
changed in ``services/people.py``, which also offers ``list_teams`` and ``TeamInfo``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database


@dataclass(frozen=True)
class TeamInfo:
    id: int
    name: str
    service: str
    manager_name: str
    headcount: int = 0


def list_teams(db: Database, *, include_archived: bool = False) -> list[TeamInfo]:
    """Teams in name order (archived ones only if asked), each with its people in post."""
    team, staff = tables.team.c, tables.staff_member.c
    today = dt.date.today()
    in_post = (
        select(staff.team_id, func.count().label("n"))
        .where((staff.leaving_date.is_(None)) | (staff.leaving_date > today))
        .group_by(staff.team_id)
        .subquery()
    )
    query = (
        select(team.id, team.name, team.service, team.manager_name, func.coalesce(in_post.c.n, 0))
        .select_from(tables.team)
        .outerjoin(in_post, in_post.c.team_id == team.id)
        .order_by(func.lower(team.name))
    )
    if not include_archived:
        query = query.where(team.archived.is_(False))
    with db.connection() as connection:
        return [
            TeamInfo(id_, name, service, manager_name, int(n))
            for id_, name, service, manager_name, n in connection.execute(query)
        ]
