"""Opening the app's database, ready to use: migrated and with defaults in place."""

from __future__ import annotations

from pathlib import Path

from wellbeing_desktop.services.defaults import seed_defaults
from wellbeing_desktop.storage.database import Database, open_database


def open_app_database(
    target: str | Path | None = None, *, create: bool = True, upgrade: bool = True
) -> Database:
    """Open (creating if needed) a database and make sure the default roles and
    services directory exist, so a new user starts on something ready to use."""
    db = open_database(target, create=create, upgrade=upgrade)
    try:
        with db.session() as session:
            seed_defaults(session)
    except Exception:
        db.close()
        raise
    return db


DEMO_STAFF = 60
DEMO_YEARS = 3


def open_demo_database() -> Database:
    """The demo organisation, generated into the data folder on first use."""
    from wellbeing_desktop import paths
    from wellbeing_desktop.services.demo_data import generate_demo_data

    path = paths.demo_database_path()
    fresh = not path.exists()
    db = open_app_database(path)
    if fresh:
        try:
            generate_demo_data(db, staff=DEMO_STAFF, years=DEMO_YEARS)
        except BaseException:
            db.close()
            path.unlink(missing_ok=True)
            raise
    return db
