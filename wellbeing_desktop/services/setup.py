"""Opening the app's database, ready to use: migrated and with defaults in place."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import exists, select

from wellbeing_desktop.errors import DamagedDatabaseError, DatabaseError, NotADatabaseError
from wellbeing_desktop.storage import tables
from wellbeing_desktop.storage.database import Database, database_path_of, open_database
from wellbeing_desktop.storage.encryption import (
    DatabaseKey,
    PassphraseRequiredError,
    WrongPassphraseError,
)

# Slows down guessing at the keyboard; the key derivation already costs each guess ~0.5 s.
WRONG_PASSPHRASE_DELAY_S = 1.0


def open_app_database(
    target: str | Path | None = None,
    *,
    create: bool = True,
    upgrade: bool = True,
    passphrase: str | None = None,
    key: DatabaseKey | None = None,
) -> Database:
    """Open (creating if needed) a database and make sure the default roles and
    services directory exist, so a new user starts on something ready to use.

    An encrypted file needs ``passphrase`` or ``key`` (``PassphraseRequiredError``
    otherwise); a new file is encrypted when one is given. A wrong passphrase is
    answered after a short delay. When the file is damaged, not a database, or
    the passphrase does not open it, the error carries the backups the user can
    recover from: ``services.backups.recovery_for(error)``.
    """
    try:
        db = open_database(target, create=create, upgrade=upgrade, passphrase=passphrase, key=key)
    except WrongPassphraseError as error:
        raise _explain_wrong_passphrase(error, passphrase, key) from None
    except PassphraseRequiredError as error:
        damaged = _plain_database_overwritten(error)
        if damaged is None:
            raise
        raise damaged from None
    except (DamagedDatabaseError, NotADatabaseError) as error:
        from wellbeing_desktop.services import backups

        path = database_path_of(target)
        if path is not None:
            backups.attach_recovery(error, path, key)
        raise
    if db.encrypted and db.path is not None:
        from wellbeing_desktop.services.encryption import tidy_leftovers

        tidy_leftovers(db.path)
    try:
        if _needs_defaults(db):
            from wellbeing_desktop.services.defaults import seed_defaults

            with db.session() as session:
                seed_defaults(session)
    except Exception:
        db.close()
        raise
    return db


def _needs_defaults(db: Database) -> bool:
    """Whether the roles or the services directory are still empty, or the default
    training courses not yet added (once; a database upgraded from before them too).
    Asked through Core, so opening a database that has them (every time but the first)
    never imports the ORM: the dashboard is shown without it."""
    from wellbeing_desktop.services.training_rules import DEFAULTS_ADDED_SETTING

    setting = tables.org_setting.c
    with db.connection() as connection:
        has_roles, has_services, has_courses = connection.execute(
            select(
                exists(tables.role.select()),
                exists(tables.wellbeing_service.select()),
                exists(tables.org_setting.select().where(setting.key == DEFAULTS_ADDED_SETTING)),
            )
        ).one()
    return not (has_roles and has_services and has_courses)


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


def _explain_wrong_passphrase(
    error: WrongPassphraseError, passphrase: str | None, key: DatabaseKey | None
) -> WrongPassphraseError | DamagedDatabaseError:
    """A wrong passphrase, or a right one on a damaged file: the backups tell them apart,
    since they are encrypted with the same key."""
    from wellbeing_desktop.services import backups
    from wellbeing_desktop.storage import encryption

    started = time.monotonic()
    if passphrase is not None:
        try:
            key = encryption.derive_key(passphrase, encryption.read_salt(error.path))
        except (OSError, DatabaseError):
            key = None
    info = backups.recovery_info(error.path, str(error), key)
    result: WrongPassphraseError | DamagedDatabaseError = error
    if key is not None and info.latest_good_backup is not None:
        result = DamagedDatabaseError(
            f"The database file {error.path.name} is damaged: the passphrase is right (it "
            "opens the backups) but the file cannot be read."
        )
        info = backups.RecoveryInfo(
            info.database_path, str(result), info.latest_good_backup, info.backups
        )
    backups.carry(result, info)
    if passphrase is not None:
        time.sleep(max(0.0, WRONG_PASSPHRASE_DELAY_S - (time.monotonic() - started)))
    return result


def _plain_database_overwritten(error: PassphraseRequiredError) -> DamagedDatabaseError | None:
    """A file that looks encrypted where the backups are all unencrypted was never
    encrypted: its start has been overwritten. Say so, and offer the backups."""
    from wellbeing_desktop.services import backups
    from wellbeing_desktop.storage import encryption

    found = backups.list_backups(error.path)
    if not found or any(encryption.is_encrypted(b.path) for b in found):
        return None
    damaged = DamagedDatabaseError(
        f"The database file {error.path.name} is damaged: it no longer starts as a database "
        "does (it was never encrypted; its backups are not)."
    )
    backups.attach_recovery(damaged, error.path, None)
    return damaged
