"""Whole-file operations on an SQLite database: verify, detect use by others, restore.

Rules kept here: a file that is being replaced is never overwritten (it is moved
aside under a kept name, with its ``-wal``/``-shm`` companions so the pair stays
consistent); a backup is verified before anything is touched; and nothing is
moved while another program has the database open.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from wellbeing_desktop.errors import DatabaseError, DatabaseLockedError, NotADatabaseError
from wellbeing_desktop.storage import encryption, sqlite_file
from wellbeing_desktop.storage.backup import backup_sqlite
from wellbeing_desktop.storage.encryption import DatabaseKey, FileKind
from wellbeing_desktop.storage.schema import KNOWN_REVISIONS

COMPANIONS = ("-wal", "-shm", "-journal")
# The byte of the -shm file every SQLite connection holds a shared lock on while it has
# the database open in WAL mode (the unix VFS's "dead man switch", UNIX_SHM_DMS).
_SHM_DMS_BYTE = 128


class DatabaseInUseError(DatabaseLockedError):
    pass


@dataclass(frozen=True)
class RestoreOutcome:
    restored: Path
    kept: Path | None  # where what was replaced now is (None if nothing was there)


def companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in COMPANIONS]


def verify_file(path: Path, key: DatabaseKey | None) -> str:
    """Check that ``path`` is a whole Wellbeing Desktop database; return its schema revision.

    ``key`` is used only if the file is encrypted. Raises a ``DatabaseError`` saying
    what is wrong; reads without changing anything.
    """
    kind = encryption.file_kind(path)
    use_key = key if kind is FileKind.ENCRYPTED else None
    state = sqlite_file.inspect(path, key=use_key)
    if state.empty or state.revision is None:
        raise NotADatabaseError(f"{path.name} is not a Wellbeing Desktop database.")
    if state.revision not in KNOWN_REVISIONS:
        raise DatabaseError(f"{path.name} was saved by a newer version of Wellbeing Desktop.")
    uri = sqlite_file.read_only_uri(path, encrypted=use_key is not None)
    try:
        connection = encryption.connect(uri, use_key, uri=True)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        finally:
            connection.close()
    except encryption.driver_errors() as error:
        raise sqlite_file.translate_sqlite_error(error, path.name) from None
    if rows != ["ok"]:
        raise DatabaseError(f"{path.name} is damaged: its integrity check found problems.")
    return state.revision


def ensure_not_in_use(path: Path) -> None:
    """Refuse when another process has the database open.

    Call it with no connection of this process open on the file: closing the probe
    would drop this process's own SQLite locks on it (POSIX lock semantics). On
    Windows the rename that follows fails instead when the file is open elsewhere.
    """
    shm = path.with_name(path.name + "-shm")
    if os.name == "nt" or not shm.exists():
        return
    import fcntl

    try:
        descriptor = os.open(shm, os.O_RDWR)
    except OSError:
        return
    try:
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SHM_DMS_BYTE)
    except OSError:
        raise in_use(path) from None
    else:
        fcntl.lockf(descriptor, fcntl.LOCK_UN, 1, _SHM_DMS_BYTE)
    finally:
        os.close(descriptor)


def in_use(path: Path) -> DatabaseInUseError:
    return DatabaseInUseError(
        f"{path.name} is open in another copy of Wellbeing Desktop or another program: close "
        "it there and try again. Nothing was changed."
    )


def kept_name(path: Path, label: str, when: dt.datetime | None = None) -> Path:
    """A new name beside ``path`` for a copy kept for safety, e.g. ``wellbeing.replaced-…``."""
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = path.suffix or ".sqlite3"
    candidate = path.with_name(f"{path.stem}.{label}-{stamp}{suffix}")
    number = 1
    while candidate.exists() or any(c.exists() for c in companions(candidate)):
        number += 1
        candidate = path.with_name(f"{path.stem}.{label}-{stamp}-{number}{suffix}")
    return candidate


def move_aside(path: Path, label: str) -> Path:
    """Rename the database and its companions to a kept name; never copies or overwrites."""
    target = kept_name(path, label)
    moved: list[tuple[Path, Path]] = []
    try:
        for source, destination in zip(
            [path, *companions(path)], [target, *companions(target)], strict=True
        ):
            if source.exists():
                os.replace(source, destination)
                moved.append((source, destination))
    except PermissionError:
        _undo(moved)
        raise in_use(path) from None
    except OSError as error:
        _undo(moved)
        raise DatabaseError(
            f"{path.name} could not be moved aside ({error.strerror}). Nothing was changed."
        ) from None
    encryption.fsync_folder(path.parent)
    return target


def _undo(moved: list[tuple[Path, Path]]) -> None:
    for source, destination in reversed(moved):
        os.replace(destination, source)


def _put_back(kept: Path, original: Path) -> None:
    for source, destination in zip(
        [kept, *companions(kept)], [original, *companions(original)], strict=True
    ):
        if source.exists():
            os.replace(source, destination)


def copy_for_restore(
    backup: Path, destination: Path, backup_key: DatabaseKey | None, target_key: DatabaseKey | None
) -> None:
    """Copy a verified backup to ``destination``: a plain backup restored over an
    encrypted database is encrypted on the way, never written in the clear."""
    if backup_key is None and target_key is not None:
        from wellbeing_desktop.storage.conversion import export_encrypted

        export_encrypted(backup, destination, target_key)
    else:
        backup_sqlite(backup, destination, backup_key)


def restore_file(
    target: Path,
    backup: Path,
    *,
    backup_key: DatabaseKey | None,
    target_key: DatabaseKey | None = None,
) -> RestoreOutcome:
    """Put a copy of ``backup`` at ``target``, keeping what was there under a new name.

    The backup is verified first, and its copy verified before the swap; the old
    file (damaged or not) is renamed aside, never overwritten.
    """
    verify_file(backup, backup_key)
    ensure_not_in_use(target)
    staged = target.with_name(target.name + ".restoring")
    for leftover in [staged, *companions(staged)]:
        leftover.unlink(missing_ok=True)
    staged_key = target_key if backup_key is None else backup_key
    try:
        copy_for_restore(backup, staged, backup_key, target_key)
        verify_file(staged, staged_key)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    present = target.exists() or any(c.exists() for c in companions(target))
    kept = move_aside(target, "replaced") if present else None
    try:
        os.replace(staged, target)
    except OSError as error:
        if kept is not None:
            _put_back(kept, target)
        staged.unlink(missing_ok=True)
        raise DatabaseError(
            f"The backup could not be put in place ({error.strerror}). Nothing was changed."
        ) from None
    encryption.fsync_folder(target.parent)
    return RestoreOutcome(restored=target, kept=kept)
