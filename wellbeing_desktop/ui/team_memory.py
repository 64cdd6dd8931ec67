"""Which team the dashboard opens on: the one chosen last, for each database.

A manager looks at their own team far more often than at the whole
organisation, so the dashboard opens on the team the manager chose last time
(or "All teams", if that was the last choice: it is remembered too). The choice
is kept per database, by its address without any password, so the demo
organisation and the real one each keep their own.

A database with no remembered choice opens on its largest team (most people in
post; the first in the switcher's order on a tie): with several teams there is
no telling which one is the manager's, and the largest is never an empty page
while anyone is in post. The switcher is one click away either way. A database
with one team opens on it, and a remembered team that has since gone falls back
to the same rule. See ``pick_team``.

Plain Python (no Qt): the main window recalls and remembers through it, so no
widget writes settings itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final, Literal, Protocol

from wellbeing_desktop.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import URL

ALL_TEAMS: Final = -1  # stored (and used by the switcher) for "All teams"
LARGEST_TEAM: Final = "largest"  # nothing remembered: open on the largest team
SETTING: Final = "dashboard_teams"
DATABASES_KEPT: Final = 20  # the settings file never grows without end

# A team's id, None for all teams, or LARGEST_TEAM.
TeamWanted = int | None | Literal["largest"]


class _Team(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def headcount(self) -> int: ...


def database_key(url: URL) -> str:
    """How a database is known in the settings: its address, never its password."""
    return url.render_as_string(hide_password=True)


def pick_team(teams: Sequence[_Team], wanted: TeamWanted) -> int | None:
    """The team to show (None: all teams) for what is wanted, among the teams there are."""
    if not teams:
        return None
    if len(teams) == 1:
        return teams[0].id
    if wanted is None or (isinstance(wanted, int) and any(t.id == wanted for t in teams)):
        return wanted
    # Nothing remembered, or the remembered team has gone (archived or removed).
    return max(teams, key=lambda team: team.headcount).id  # max keeps the first on a tie


class TeamMemory:
    """Recalls and remembers the team each database's dashboard showed last."""

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings

    def _load(self) -> Settings:
        if self._settings is None:
            return Settings()
        self._settings.load()
        return self._settings

    def recall(self, url: URL) -> TeamWanted:
        """The team last chosen for this database: an id, None for all teams, or
        LARGEST_TEAM when nothing (usable) is remembered."""
        value = self._load().get(SETTING).get(database_key(url))
        if isinstance(value, bool) or not isinstance(value, int):
            return LARGEST_TEAM
        if value == ALL_TEAMS:
            return None
        return value if value > 0 else LARGEST_TEAM

    def remember(self, url: URL, team_id: int | None) -> None:
        """Note the team chosen (None: all teams) for this database. A settings file
        that cannot be written only costs the memory, never the choice on screen."""
        settings = self._load()
        chosen = dict(settings.get(SETTING))
        key = database_key(url)
        chosen.pop(key, None)  # re-inserted last: the most recent are kept
        chosen[key] = ALL_TEAMS if team_id is None else int(team_id)
        settings.set(SETTING, dict(list(chosen.items())[-DATABASES_KEPT:]))
        try:
            settings.save()
        except OSError:
            import logging

            logging.getLogger(__name__).warning("The chosen team could not be remembered.")
