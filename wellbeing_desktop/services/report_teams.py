"""Teams for the reports: which teams a report is for, and for the caseload report who
is in which team, with team subtotals.

Core reads only (through ``services.teams`` and ``services.summary``), so making a
caseload report never imports the ORM or the models: from the command line that
is a tenth of a second of a half-second command.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from wellbeing_desktop.services.summary import PersonSummary, TeamSummary, find_team_ids
from wellbeing_desktop.services.teams import TeamInfo, list_teams
from wellbeing_desktop.storage.database import Database


def chosen_team_ids(
    db: Database,
    *,
    team: str | None = None,
    team_ids: Sequence[int] | None = None,
    all_teams: bool = False,
) -> list[int] | None:
    """The teams a report is for: every team (``None``) with ``all_teams``, else the ids
    given, else the team named. ``ValueError`` when none of these is given."""
    if all_teams:
        return None
    if team_ids is not None:
        return list(team_ids)
    if team is not None:
        return find_team_ids(db, [team])
    raise ValueError("Name a team, or ask for all teams.")


def teams_by_id(db: Database) -> dict[int, TeamInfo]:
    """Every team, archived or not, by id (for names, managers and services)."""
    return {team.id: team for team in list_teams(db, include_archived=True)}


def listed_teams(db: Database, chosen: Sequence[int] | None) -> list[TeamInfo]:
    """The teams a report for several teams lists, even with no one in post: every team
    not archived (``chosen`` None), or each team chosen; in name order."""
    if chosen is None:
        return list_teams(db)
    wanted = set(chosen)
    return [team for team in list_teams(db, include_archived=True) if team.id in wanted]


def split_by_team(
    summary: TeamSummary, teams: Sequence[TeamInfo] = ()
) -> list[tuple[int, TeamSummary]]:
    """(team id, summary) for each team, each with its own totals: the team subtotals
    of an organisation report. Every team in ``teams`` is there, with an empty summary
    when no one is in post; so is every team someone is in. In the order of ``teams``
    (by name), then the order the other teams appear in the summary."""
    groups: dict[int, list[PersonSummary]] = {team.id: [] for team in teams}
    names: dict[int, str] = {team.id: team.name for team in teams}
    for person in summary.people:
        groups.setdefault(person.team_id, []).append(person)
        names[person.team_id] = person.team_name
    return [
        (
            team_id,
            TeamSummary(
                title=names[team_id],
                today=summary.today,
                people=tuple(members),
                counts=dict(Counter(p.status for p in members)),
            ),
        )
        for team_id, members in groups.items()
    ]
