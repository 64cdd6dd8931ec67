"""What the reports' staffing sections need: a report's establishment figures (each
team's, and their sums) and its protected caseloads, in one call.

Read through SQLAlchemy Core only (as the caseload report is), never the ORM.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from wellbeing_desktop.services.establishment import (
    OrganisationEstablishment,
    organisation_establishment,
)
from wellbeing_desktop.services.protected_caseloads import (
    ProtectedCaseloads,
    protected_caseloads,
)
from wellbeing_desktop.services.summary import TeamSummary, team_summary
from wellbeing_desktop.storage.database import Database


@dataclass(frozen=True)
class StaffingData:
    """Establishment and vacancies, and protected caseloads (today and 12 months)."""

    establishment: OrganisationEstablishment
    protections: ProtectedCaseloads


def staffing_data(
    db: Database,
    team_ids: Sequence[int] | None,
    *,
    today: dt.date | None = None,
    summary: TeamSummary | None = None,
) -> StaffingData:
    """For some teams, or all (None). ``summary``: the same teams' summary on the same
    day, when the report already has it. Each person's caseload if the vacancies were
    filled is worked out for one team only: the reports show it for no more."""
    if summary is None:
        summary = team_summary(db, team_ids, today=today)
    one_team = team_ids is not None and len(team_ids) == 1
    return StaffingData(
        establishment=organisation_establishment(db, team_ids, summary=summary, people=one_team),
        protections=protected_caseloads(db, team_ids, summary=summary),
    )
