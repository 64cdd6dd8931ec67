"""Every file location the app uses, in one place.

Locations follow the platform's conventions (platformdirs). Setting the
environment variable ``WELLBEING_DESKTOP_HOME`` puts everything under one
folder instead: tests and development use it so they never touch a real
profile.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "WellbeingDesktop"
HOME_OVERRIDE = "WELLBEING_DESKTOP_HOME"
PACKAGE_DIR = Path(__file__).resolve().parent


def _override() -> Path | None:
    value = os.environ.get(HOME_OVERRIDE)
    return Path(value) if value else None


def data_dir() -> Path:
    """Where the database and its backups live (never inside the install folder)."""
    base = _override()
    if base is not None:
        return base / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_DIR_NAME, appauthor=False)


def config_dir() -> Path:
    base = _override()
    if base is not None:
        return base / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_DIR_NAME, appauthor=False)


def log_dir() -> Path:
    base = _override()
    if base is not None:
        return base / "logs"
    from platformdirs import user_log_path

    return user_log_path(APP_DIR_NAME, appauthor=False)


def cache_dir() -> Path:
    """Files the app can make again (parsed fonts): safe to delete at any time."""
    base = _override()
    if base is not None:
        return base / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_DIR_NAME, appauthor=False)


def default_database_path() -> Path:
    return data_dir() / "wellbeing.sqlite3"


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite3"


def backup_dir() -> Path:
    return data_dir() / "backups"


def settings_file() -> Path:
    return config_dir() / "settings.json"


def resources_dir() -> Path:
    """Default data files (roles, thresholds, services directory) shipped with the app."""
    bundled = PACKAGE_DIR / "resources"
    if bundled.is_dir():
        return bundled
    return PACKAGE_DIR.parent / "resources"
