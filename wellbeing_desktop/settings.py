"""Every user setting, declared once: name, type, default and meaning.

Settings live in a small JSON file in the user's config folder. They hold no
personal data. Organisation-wide rules (thresholds, frequencies) live in the
database instead, so that managers sharing a database share the rules.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wellbeing_desktop import paths


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    title: str
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "database_url",
        str,
        "",
        "Database",
        "SQLAlchemy URL of the database to open; empty means the local file in the data folder.",
    ),
    Setting(
        "recent_caseload_days",
        int,
        42,
        "Caseload record counts as recent for (days)",
        "A person whose latest caseload record is older than this is listed as having no "
        "recent record.",
    ),
    Setting(
        "backups_to_keep",
        int,
        10,
        "Automatic backups to keep",
        "How many automatic backups are kept before the oldest is removed.",
    ),
    Setting(
        "lock_after_minutes",
        int,
        10,
        "Lock after (minutes without use)",
        "The window locks itself after this many minutes without keyboard or mouse input; "
        "0 means never (Ctrl+L still locks it).",
    ),
    Setting(
        "dashboard_teams",
        dict,
        {},
        "Team shown at start",
        "For each database (its address, without any password), the team its dashboard "
        "showed last: the team's number, or -1 for all teams. A database not listed opens "
        "on its largest team (ui/team_memory.py).",
    ),
)
_BY_NAME = {setting.name: setting for setting in SETTINGS}


class Settings:
    """Typed access to the settings file. Unknown or mistyped values fall back to defaults."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.settings_file()
        self._values: dict[str, Any] = {}
        self.load()

    def load(self) -> None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        self._values = {
            name: value
            for name, value in (raw.items() if isinstance(raw, dict) else ())
            if name in _BY_NAME and isinstance(value, _BY_NAME[name].type)
        }

    def get(self, name: str) -> Any:
        return self._values.get(name, _BY_NAME[name].default)

    def set(self, name: str, value: Any) -> None:
        setting = _BY_NAME[name]
        if not isinstance(value, setting.type):
            raise TypeError(f"setting {name} takes {setting.type.__name__}")
        self._values[name] = value

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self._values, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.path)
