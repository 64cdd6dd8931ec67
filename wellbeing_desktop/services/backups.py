"""Backups of the local database: automatic and manual, verified, rotated, restored.

Backups of a database live in their own folder under the data folder's
``backups`` (one folder per database file). They are made with SQLite's online
backup API, so they are consistent even while the app is writing, and an
encrypted database's backups are encrypted with the same key: its passphrase
opens them, and nothing is ever written in the clear.

Automatic backups are made when the app closes, at most once a day, and only the
newest ``backups_to_keep`` (a setting) are kept. Manual ones are never rotated.
A restore verifies the backup first and keeps what it replaces.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from wellbeing_desktop import paths
from wellbeing_desktop.errors import DatabaseError, WellbeingError
from wellbeing_desktop.storage import encryption, recovery
from wellbeing_desktop.storage.backup import backup_sqlite
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.encryption import DatabaseKey, FileKind

AUTOMATIC = "auto"
MANUAL = "manual"
AUTOMATIC_EVERY = dt.timedelta(days=1)
_NAME = re.compile(
    r"^.+-(?P<stamp>\d{8}-\d{6})(?:-(?P<number>\d+))?-(?P<kind>auto|manual)\.sqlite3$"
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: dt.datetime
    kind: str  # AUTOMATIC or MANUAL
    size: int
    number: int = 1  # tells apart backups made within the same second

    @property
    def automatic(self) -> bool:
        return self.kind == AUTOMATIC


@dataclass(frozen=True)
class RecoveryInfo:
    """What the recovery dialog needs when a database cannot be opened."""

    database_path: Path
    problem: str  # the error's message, safe to show
    latest_good_backup: BackupInfo | None  # verified with the key given (if any)
    backups: tuple[BackupInfo, ...]  # newest first, not verified


def backup_folder(database_path: Path) -> Path:
    """Where the backups of this database file go: one folder per file."""
    resolved = database_path.expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return paths.backup_dir() / f"{resolved.stem}-{digest}"


def _info(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None or not path.is_file():
        return None
    made_at = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
    return BackupInfo(path, made_at, match["kind"], path.stat().st_size, int(match["number"] or 1))


def list_backups(database_path: Path) -> list[BackupInfo]:
    """Every backup of this database, newest first (not verified: see ``is_good``)."""
    folder = backup_folder(database_path)
    if not folder.is_dir():
        return []
    found = [info for entry in folder.iterdir() if (info := _info(entry)) is not None]
    return sorted(found, key=lambda info: (info.made_at, info.number), reverse=True)


def _new_backup_path(database_path: Path, kind: str, now: dt.datetime) -> Path:
    folder = backup_folder(database_path)
    stamp = now.strftime("%Y%m%d-%H%M%S")
    stem = database_path.stem
    candidate = folder / f"{stem}-{stamp}-{kind}.sqlite3"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{stamp}-{number}-{kind}.sqlite3"
    return candidate


def _require_file(db: Database) -> Path:
    if db.path is None:
        raise WellbeingError("Back up a PostgreSQL database with the server's own tools (pg_dump).")
    return db.path


def make_backup(
    db: Database, *, kind: str = MANUAL, out: Path | None = None, now: dt.datetime | None = None
) -> Path:
    """Write a consistent backup of an open SQLite database and return its path.

    Without ``out`` it goes into the database's backup folder. An encrypted
    database's backup is encrypted with the same key.
    """
    path = _require_file(db)
    destination = out or _new_backup_path(path, kind, now or dt.datetime.now())
    if destination.expanduser().resolve() == path.resolve():
        raise WellbeingError("The backup cannot overwrite the database itself.")
    return backup_sqlite(path, destination, db.key)


def rotate(database_path: Path, keep: int) -> list[Path]:
    """Remove all but the newest ``keep`` automatic backups; return what was removed."""
    automatic = [info for info in list_backups(database_path) if info.automatic]
    removed = []
    for info in automatic[max(keep, 1) :]:
        with contextlib.suppress(FileNotFoundError):
            info.path.unlink()
            removed.append(info.path)
    return removed


def backup_if_due(
    db: Database, *, keep: int | None = None, now: dt.datetime | None = None
) -> Path | None:
    """The automatic backup: made if the newest is a day old or more, then rotated.

    Call it when the app closes (and, if you like, from a timer while it runs).
    Returns the new backup, or None if none was due or the database is not a file.
    """
    if db.path is None:
        return None
    now = now or dt.datetime.now()
    newest = next((b for b in list_backups(db.path) if b.automatic), None)
    if newest is not None and now - newest.made_at < AUTOMATIC_EVERY:
        return None
    made = make_backup(db, kind=AUTOMATIC, now=now)
    if keep is None:
        from wellbeing_desktop.settings import Settings

        keep = int(Settings().get("backups_to_keep"))
    rotate(db.path, keep)
    return made


def _key_for(path: Path, key: DatabaseKey | None, passphrase: str | None) -> DatabaseKey | None:
    """The key that opens ``path`` if it is encrypted (None if it is plain)."""
    if encryption.file_kind(path) is not FileKind.ENCRYPTED:
        return None
    salt = encryption.read_salt(path)
    if key is not None and key.salt == salt:
        return key
    if passphrase is not None:
        return encryption.derive_key(passphrase, salt)
    if key is not None:
        raise encryption.WrongPassphraseError(
            f"{path.name} is encrypted with another passphrase: enter that passphrase.", path
        )
    raise encryption.PassphraseRequiredError(
        f"{path.name} is encrypted: its passphrase is needed to open it.", path
    )


def is_good(backup: Path, key: DatabaseKey | None) -> bool:
    """Whether the backup opens (with ``key`` if encrypted) and passes an integrity check."""
    try:
        recovery.verify_file(backup, _key_for(backup, key, None))
    except DatabaseError:
        return False
    return True


def latest_good_backup(database_path: Path, key: DatabaseKey | None) -> BackupInfo | None:
    """The newest backup that opens with ``key`` and passes an integrity check."""
    return next((b for b in list_backups(database_path) if is_good(b.path, key)), None)


def restore_backup(
    database_path: Path,
    backup: Path,
    *,
    key: DatabaseKey | None = None,
    passphrase: str | None = None,
) -> recovery.RestoreOutcome:
    """Put a copy of ``backup`` in place of the database, keeping what was there.

    The backup is verified first. The current file, damaged or not, is renamed to
    ``<name>.replaced-<time>`` beside it, never overwritten. Close the database
    in this app first; another copy of the app using it makes this refuse.
    """
    database_path = database_path.expanduser().resolve()
    backup = backup.expanduser().resolve()
    if backup == database_path:
        raise WellbeingError("Choose a backup, not the database itself.")
    if not backup.is_file():
        raise DatabaseError(f"There is no backup at {backup}.")
    backup_key = _key_for(backup, key, passphrase)
    target_key = None
    if encryption.file_kind(database_path) is FileKind.ENCRYPTED:
        # Needed only to encrypt a plain backup on its way in; the backup's own key
        # serves when it is the same (it is, for backups made by this app).
        try:
            target_key = _key_for(database_path, key or backup_key, passphrase)
        except DatabaseError:
            if backup_key is None:
                raise
            target_key = None
    return recovery.restore_file(
        database_path, backup, backup_key=backup_key, target_key=target_key
    )


def recovery_info(database_path: Path, problem: str, key: DatabaseKey | None) -> RecoveryInfo:
    backups = tuple(list_backups(database_path))
    good = next((b for b in backups if is_good(b.path, key)), None)
    return RecoveryInfo(database_path, problem, good, backups)


def attach_recovery(error: DatabaseError, database_path: Path, key: DatabaseKey | None) -> None:
    """Give ``error`` what the recovery dialog needs (read back with ``recovery_for``)."""
    carry(error, recovery_info(database_path, str(error), key))


def carry(error: DatabaseError, info: RecoveryInfo) -> None:
    error.recovery = info  # type: ignore[attr-defined]


def recovery_for(error: BaseException) -> RecoveryInfo | None:
    """The recovery options carried by an error from ``open_app_database``, if any."""
    info = getattr(error, "recovery", None)
    return info if isinstance(info, RecoveryInfo) else None
