"""Encrypting a plain database in place, and changing an encrypted database's key.

Both keep a copy of the file as it was until the new one has been verified, and
both refuse to start while another program has the database open: re-keying a
file under another connection's feet would leave that connection reading pages it
can no longer decrypt.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from wellbeing_desktop.errors import DatabaseError
from wellbeing_desktop.storage import encryption, sqlite_file
from wellbeing_desktop.storage.backup import backup_sqlite
from wellbeing_desktop.storage.encryption import DatabaseKey, FileKind
from wellbeing_desktop.storage.recovery import (
    companions,
    ensure_not_in_use,
    in_use,
    kept_name,
    verify_file,
)


def _translate(error: BaseException, path: Path) -> DatabaseError:
    message = str(error).lower()
    if "locked" in message or "busy" in message:
        return in_use(path)
    return sqlite_file.translate_sqlite_error(error, path.name)


@contextlib.contextmanager
def exclusive(path: Path, key: DatabaseKey | None) -> Iterator[Any]:
    """A connection that is the database's only user until the block ends.

    Leaving WAL mode is possible only when no other connection has the file open,
    so it doubles as the check; the write lock then keeps others out meanwhile. If
    the block fails, the file is put back in WAL mode, as it was.
    """
    ensure_not_in_use(path)
    try:
        connection = encryption.connect(path, key, timeout=0.5, isolation_level=None)
    except encryption.driver_errors() as error:
        raise _translate(error, path) from None
    try:
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except encryption.driver_errors() as error:
            raise _translate(error, path) from None
        if str(mode).lower() != "delete":
            raise in_use(path)
        try:
            yield connection
        except BaseException:
            for statement in ("ROLLBACK", "PRAGMA journal_mode = WAL"):
                with contextlib.suppress(*encryption.driver_errors()):
                    connection.execute(statement)
            raise
    finally:
        connection.close()


def _row_counts(path: Path, key: DatabaseKey | None) -> dict[str, int]:
    connection = encryption.connect(path, key)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
        }
    finally:
        connection.close()


def export_encrypted(source: Path, destination: Path, key: DatabaseKey) -> None:
    """Write an encrypted copy of the plain database ``source`` (SQLCipher's export)."""
    for leftover in [destination, *companions(destination)]:
        leftover.unlink(missing_ok=True)
    try:
        connection = encryption.connect(destination, key, isolation_level=None)
        try:
            connection.execute("ATTACH DATABASE ? AS plain KEY ''", (str(source),))
            connection.execute("SELECT sqlcipher_export('main', 'plain')")
            connection.execute("DETACH DATABASE plain")
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
    except encryption.driver_errors() as error:
        destination.unlink(missing_ok=True)
        raise _translate(error, source) from None
    if _row_counts(destination, key) != _row_counts(source, None):
        destination.unlink(missing_ok=True)
        raise DatabaseError(
            f"The encrypted copy of {source.name} did not match it. Nothing was changed."
        )


def _keep_copy(path: Path, label: str) -> Path:
    """A copy of the file as it is, under a kept name: a hard link where possible."""
    kept = kept_name(path, label)
    try:
        os.link(path, kept)
    except OSError:
        shutil.copy2(path, kept)
    return kept


def encrypt_in_place(path: Path, key: DatabaseKey) -> None:
    """Replace the plain database at ``path`` with an encrypted copy of itself.

    The plain original is kept until the encrypted file is in place and verified,
    then removed (a plain copy left behind would defeat the encryption).
    """
    if encryption.file_kind(path) is not FileKind.PLAIN:
        raise DatabaseError(f"{path.name} is not an unencrypted Wellbeing Desktop database.")
    verify_file(path, None)
    staged = path.with_name(path.name + ".encrypting")
    with exclusive(path, None) as connection:
        # Hold the write lock while exporting, so no one changes what is being copied.
        connection.execute("BEGIN IMMEDIATE")
        try:
            export_encrypted(path, staged, key)
            verify_file(staged, key)
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        kept = _keep_copy(path, "before-encryption")
        connection.execute("ROLLBACK")
        if os.name != "nt":  # POSIX renames over an open file; Windows cannot
            os.replace(staged, path)
    if os.name == "nt":
        os.replace(staged, path)
    for companion in companions(path):
        companion.unlink(missing_ok=True)
    encryption.fsync_folder(path.parent)
    try:
        verify_file(path, key)
    except BaseException:
        os.replace(kept, path)
        raise
    kept.unlink()


def change_key_in_place(
    path: Path, old_key: DatabaseKey, new_key: DatabaseKey, *, keep_copy: bool = True
) -> None:
    """Re-encrypt ``path`` under ``new_key`` (SQLCipher's rekey, in one transaction).

    The salt stays (the new key must be derived with it). With ``keep_copy`` a
    backup under the old key is kept until the re-keyed file has been verified.
    """
    if not new_key.salt == old_key.salt:
        raise ValueError("a changed key keeps the file's salt")
    verify_file(path, old_key)
    kept = (
        backup_sqlite(path, kept_name(path, "before-passphrase-change"), old_key)
        if keep_copy
        else None
    )
    try:
        with exclusive(path, old_key) as connection:
            try:
                connection.execute(f"PRAGMA rekey = \"x'{new_key.secret.hex()}'\"")
                connection.execute("PRAGMA journal_mode = WAL")
            except encryption.driver_errors() as error:
                raise _translate(error, path) from None
        verify_file(path, new_key)
    except BaseException:
        if kept is not None and encryption.file_kind(path) is FileKind.ENCRYPTED:
            with contextlib.suppress(DatabaseError):
                verify_file(path, old_key)  # the rekey never happened: nothing to undo
                kept.unlink()
                kept = None
        if kept is not None:
            os.replace(kept, path)
        raise
    if kept is not None:
        kept.unlink()
