"""Checks on an SQLite file made before anything opens it for writing.

SQLite itself happily opens any file and only fails at the first read, and
turning on WAL would already change the file header. So an existing file is
first read as plain bytes and then through a read-only connection, and a
damaged, foreign or newer file is refused while it is still untouched.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from wellbeing_desktop.errors import (
    DamagedDatabaseError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    NotADatabaseError,
)
from wellbeing_desktop.storage import encryption
from wellbeing_desktop.storage.encryption import DatabaseKey

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True)
class FileState:
    """What an existing SQLite file holds."""

    empty: bool  # a zero-length file, or an SQLite file with no tables at all
    tables: frozenset[str]
    revision: str | None  # Alembic's revision, None if it has no alembic_version table


def check_header(path: Path) -> None:
    """Refuse a file that is not an SQLite database or is visibly truncated."""
    name = path.name
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
            size = path.stat().st_size
    except IsADirectoryError:
        raise NotADatabaseError(f"{path} is a folder, not a database file.") from None
    except PermissionError:
        raise DatabaseError(f"You do not have permission to read {path}.") from None
    except OSError as error:
        raise DatabaseError(f"{path} could not be read ({error.strerror}).") from None
    if not header:
        return
    if not header.startswith(SQLITE_MAGIC[: len(header)]) or len(header) < HEADER_SIZE:
        if header.startswith(SQLITE_MAGIC):
            raise DamagedDatabaseError(
                f"The database file {name} is damaged: it is cut short ({size} bytes)."
            )
        check_encrypted_header(path)
        raise NotADatabaseError(f"{path} is not a Wellbeing Desktop database (not an SQLite file).")
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise DamagedDatabaseError(f"The database file {name} is damaged: its header is invalid.")
    pages_in_header = struct.unpack(">I", header[28:32])[0]
    # SQLite trusts the size in the header only when the version-valid-for number
    # (offset 92) matches the change counter (offset 24).
    header_size_valid = pages_in_header > 0 and header[92:96] == header[24:28]
    wal = path.with_name(path.name + "-wal")
    wal_pending = wal.exists() and wal.stat().st_size > 0
    if size % page_size != 0 or (
        header_size_valid and not wal_pending and size < pages_in_header * page_size
    ):
        raise DamagedDatabaseError(
            f"The database file {name} is damaged: it is shorter than it says it is "
            "(it may have been cut short while copying)."
        )


def check_encrypted_header(path: Path) -> None:
    """Ask for the passphrase of a file that looks encrypted; refuse one visibly cut short.

    Does nothing for a file that does not look encrypted (the caller refuses it).
    """
    if encryption.file_kind(path) is not encryption.FileKind.ENCRYPTED:
        return
    encryption.refuse_cut_short(path)
    raise encryption.PassphraseRequiredError(
        f"{path.name} is encrypted: its passphrase is needed to open it.", path
    )


# SQLite's extended result codes for a write the disk refused (full, quota, file size limit).
_WRITE_REFUSED = {
    "SQLITE_FULL",
    "SQLITE_IOERR_WRITE",
    "SQLITE_IOERR_FSYNC",
    "SQLITE_IOERR_TRUNCATE",
}


def translate_sqlite_error(error: BaseException, name: str) -> DatabaseError:
    text = str(error).lower()
    code = getattr(error, "sqlite_errorname", "") or ""
    if code in _WRITE_REFUSED or "database or disk is full" in text:
        return DatabaseError(
            f"{name} could not be saved: the disk is full or refused the write. Nothing was "
            "half-saved; free some space and try again."
        )
    if code.startswith("SQLITE_READONLY"):
        return DatabaseReadOnlyError(
            f"The database file {name} or its folder cannot be written to (read-only, or no "
            "permission). Nothing was changed."
        )
    if code.startswith("SQLITE_CANTOPEN"):
        return DatabaseError(
            f"The database file {name} could not be opened: check that its folder exists and "
            "can be written to."
        )
    if "locked" in text or "busy" in text:
        return DatabaseLockedError(
            f"The database file {name} is locked by another program that is writing to it. "
            "Close the other program or try again in a moment."
        )
    if "not a database" in text or "encrypted" in text:
        return NotADatabaseError(
            f"{name} is not a Wellbeing Desktop database, or it is encrypted or damaged."
        )
    if "malformed" in text or "corrupt" in text:
        return DamagedDatabaseError(f"The database file {name} is damaged and cannot be read.")
    if "disk i/o" in text:
        # The OS refused a read or write (SQLCipher reports a full disk this way too): not
        # damage, and a transaction that failed is rolled back whole.
        return DatabaseError(
            f"{name} could not be read or saved: the disk reported an error (it may be full, "
            "failing or disconnected). Nothing was half-saved; check the disk and try again."
        )
    if "readonly" in text or "read-only" in text:
        return DatabaseError(f"The database file {name} or its folder cannot be written to.")
    return DatabaseError(f"The database file {name} could not be opened ({error}).")


def read_only_uri(path: Path, *, encrypted: bool = False) -> str:
    """A read-only URI for the file; ``immutable`` when no one can be writing it.

    A read-only connection to a WAL-mode file creates ``-wal`` and ``-shm`` files
    that it cannot remove again, so a refused file would be left with company.
    When neither exists, no connection has the file open in WAL mode (and a
    WAL-mode file has no rollback journal), so reading it as immutable is safe
    and touches nothing. Otherwise, someone may be writing: read it normally.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if encrypted:
        # The journal-mode bytes are encrypted too. With no companion file at all, no one
        # has the file open and no journal is pending, in either mode.
        suffixes = ("-wal", "-shm", "-journal")
        if not any(path.with_name(path.name + suffix).exists() for suffix in suffixes):
            uri += "&immutable=1"
        return uri
    with path.open("rb") as handle:
        header = handle.read(HEADER_SIZE)
    in_wal_mode = len(header) == HEADER_SIZE and header[18] == 2 and header[19] == 2
    companions = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    if in_wal_mode and not any(companion.exists() for companion in companions):
        uri += "&immutable=1"
    return uri


def _translate(error: BaseException, path: Path, key: DatabaseKey | None) -> DatabaseError:
    if key is not None and encryption.is_wrong_key(error):
        return encryption.WrongPassphraseError(
            f"The passphrase does not open {path.name}. Check it and try again (if you are "
            "sure it is right, the file may be damaged).",
            path,
        )
    return translate_sqlite_error(error, path.name)


def inspect(path: Path, *, timeout: float = 5.0, key: DatabaseKey | None = None) -> FileState:
    """Read what an existing file holds, without changing a byte of it.

    ``timeout`` is how many seconds to wait for another program's write to finish;
    ``key`` opens an encrypted file (a wrong one raises ``WrongPassphraseError``).
    """
    if key is None:
        check_header(path)
    elif path.stat().st_size % encryption.PAGE_SIZE:
        check_encrypted_header(path)
    if path.stat().st_size == 0:
        return FileState(empty=True, tables=frozenset(), revision=None)
    try:
        connection = encryption.connect(
            read_only_uri(path, encrypted=key is not None), key, uri=True, timeout=timeout
        )
    except encryption.driver_errors() as error:
        raise _translate(error, path, key) from None
    try:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        tables = frozenset(row[0] for row in rows)
        revision = None
        if "alembic_version" in tables:
            found = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            revision = found[0][0] if found else None
    except encryption.driver_errors() as error:
        raise _translate(error, path, key) from None
    finally:
        connection.close()
    return FileState(empty=not tables, tables=tables, revision=revision)
