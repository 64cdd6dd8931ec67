"""Consistent copies of an SQLite database, made with SQLite's online backup API."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from wellbeing_desktop.errors import DatabaseError
from wellbeing_desktop.storage import encryption
from wellbeing_desktop.storage.encryption import DatabaseKey


def backup_sqlite(source: Path, destination: Path, key: DatabaseKey | None = None) -> Path:
    """Copy a live database to ``destination`` consistently, even while it is in use.

    The copy is written beside the destination and renamed into place, so a
    half-written backup never carries the final name. An encrypted database
    (``key`` given) is copied encrypted with the same key and salt: its
    passphrase opens the copy, and no page is ever written in the clear.
    """
    partial = destination.with_name(destination.name + ".partial")
    failures: tuple[type[BaseException], ...] = (*encryption.driver_errors(), OSError)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)  # a full or read-only disk too
        partial.unlink(missing_ok=True)
        src = encryption.connect(f"{source.resolve().as_uri()}?mode=ro", key, uri=True, timeout=5)
        try:
            dst = encryption.connect(partial, key)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, destination)
        encryption.fsync_folder(destination.parent)
    except failures as error:
        with contextlib.suppress(OSError):  # a folder that is not there has no partial file
            partial.unlink(missing_ok=True)
        raise DatabaseError(
            f"The backup to {destination} could not be written ({_reason(error)})."
        ) from None
    return destination


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error)
