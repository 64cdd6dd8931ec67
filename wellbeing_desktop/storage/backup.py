"""Consistent copies of an SQLite database, made with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from wellbeing_desktop.errors import DatabaseError


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy a live database to ``destination`` consistently, even while it is in use.

    The copy is written beside the destination and renamed into place, so a
    half-written backup never carries the final name.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, destination)
    except (sqlite3.Error, OSError) as error:
        partial.unlink(missing_ok=True)
        raise DatabaseError(
            f"The backup to {destination} could not be written ({error})."
        ) from None
    return destination
