"""Alembic migrations, run in process. Imported only when a database needs upgrading."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine

from wellbeing_desktop.storage.backup import backup_sqlite
from wellbeing_desktop.storage.database import sqlite_path

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def script_heads() -> tuple[str, ...]:
    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def upgrade_to_head(engine: Engine, url: URL, *, had_data: bool) -> Path | None:
    """Upgrade to the newest schema. An SQLite file with data is backed up first;
    the backup's path is returned."""
    backup = None
    path = sqlite_path(url)
    if had_data and path is not None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.before-upgrade-{stamp}{path.suffix or '.sqlite3'}")
        backup_sqlite(path, backup)
        log.info("backed up the database before upgrading it")
    command.upgrade(alembic_config(engine), "head")
    return backup


def downgrade(engine: Engine, revision: str) -> None:
    command.downgrade(alembic_config(engine), revision)
