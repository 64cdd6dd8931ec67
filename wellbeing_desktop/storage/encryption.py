"""Encryption at rest: SQLCipher keys derived from a passphrase, and telling files apart.

The format (see docs/SECURITY.md):

* The file is an SQLCipher database: every page, the first included, is encrypted
  with AES-256 and authenticated with an HMAC, so a copied file shows neither data
  nor table names. The cipher settings are pinned here rather than left to the
  library's defaults (SQLCipher 3 compatible, 4 KiB pages), so the file opens with
  the ``sqlcipher`` tool of any Linux distribution as well as with SQLCipher 4.
* The 256-bit key is ``scrypt(passphrase, salt)`` and is handed to SQLCipher raw
  (``x'…'``), so SQLCipher's own, weaker key derivation is not used.
* The salt is the random 16 bytes SQLCipher keeps at the start of the file: the
  file carries everything needed to open it except the passphrase, and there is
  no side file to lose. Backups are written with the same key and salt, so the
  passphrase that opens a database opens every backup of it.
"""

from __future__ import annotations

import enum
import hashlib
import os
import secrets
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from wellbeing_desktop.errors import DamagedDatabaseError, DatabaseError

SALT_SIZE = 16
KEY_SIZE = 32
PAGE_SIZE = 4096
SQLITE_MAGIC = b"SQLite format 3\x00"
# An encrypted first page is indistinguishable from random bytes; text, and most
# binary formats' headers, use far fewer distinct byte values.
_RANDOM_LOOKING_DISTINCT_BYTES = 200
_MIN_ENCRYPTED_SIZE = 1024

# The app's own connections to an encrypted file keep up to this much decrypted data.
PAGE_CACHE_KIB = 64 * 1024
# Applied after the key on every connection, before the first read.
CIPHER_SETTINGS = ("PRAGMA cipher_compatibility = 3", f"PRAGMA cipher_page_size = {PAGE_SIZE}")


@dataclass(frozen=True)
class ScryptParams:
    n: int
    r: int
    p: int

    @property
    def max_memory(self) -> int:
        return 2 * 128 * self.r * self.n


# OWASP's recommended minimum for scrypt; about half a second on a 2020s laptop.
KDF = ScryptParams(n=2**17, r=8, p=1)


class PassphraseRequiredError(DatabaseError):
    """The database is encrypted and no passphrase or key was given."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class WrongPassphraseError(DatabaseError):
    """The passphrase does not open the database (or the file is damaged: see the message).

    ``latest_good_backup`` is filled in by the services layer when a backup exists
    that the recovery dialog may offer.
    """

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path
        self.latest_good_backup: Any = None


class EncryptionUnavailableError(DatabaseError):
    pass


@dataclass(frozen=True, repr=False, eq=False)
class DatabaseKey:
    """The raw SQLCipher key and the file's salt. Never printed, logged or compared by value."""

    secret: bytes
    salt: bytes

    def __post_init__(self) -> None:
        if len(self.secret) != KEY_SIZE or len(self.salt) != SALT_SIZE:
            raise ValueError("a database key is 32 bytes with a 16-byte salt")

    def __repr__(self) -> str:
        return "DatabaseKey(<hidden>)"

    def pragma(self) -> str:
        """``PRAGMA key`` with the raw key and the salt, so a new file gets this salt."""
        return f"PRAGMA key = \"x'{self.secret.hex()}{self.salt.hex()}'\""

    def same_as(self, other: DatabaseKey | None) -> bool:
        return other is not None and secrets.compare_digest(
            self.secret + self.salt, other.secret + other.salt
        )

    def to_text(self) -> str:
        """For the operating system's credential store only."""
        return (self.secret + self.salt).hex()

    @classmethod
    def from_text(cls, value: str) -> DatabaseKey:
        raw = bytes.fromhex(value)
        return cls(raw[:KEY_SIZE], raw[KEY_SIZE:])


def derive_key(passphrase: str, salt: bytes, params: ScryptParams = KDF) -> DatabaseKey:
    """The key for ``passphrase`` and ``salt``. The same passphrase typed on any
    keyboard gives the same key (Unicode NFC)."""
    normalised = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    secret = hashlib.scrypt(
        normalised,
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=params.max_memory,
        dklen=KEY_SIZE,
    )
    return DatabaseKey(secret, salt)


def new_key(passphrase: str) -> DatabaseKey:
    """A key with a fresh random salt, for a database about to be made."""
    return derive_key(passphrase, secrets.token_bytes(SALT_SIZE))


def read_salt(path: Path) -> bytes:
    with path.open("rb") as handle:
        salt = handle.read(SALT_SIZE)
    if len(salt) != SALT_SIZE:
        raise DatabaseError(f"The database file {path.name} is too short to be encrypted.")
    return salt


class FileKind(enum.Enum):
    MISSING = "missing"
    EMPTY = "empty"
    PLAIN = "plain"  # an ordinary SQLite file
    ENCRYPTED = "encrypted"  # random-looking from the first byte: presumably SQLCipher
    OTHER = "other"  # anything else: text, a folder, unreadable, cut short below a page


def looks_encrypted(first_page: bytes, size: int) -> bool:
    return (
        size >= _MIN_ENCRYPTED_SIZE
        and not first_page.startswith(SQLITE_MAGIC)
        and len(set(first_page[:PAGE_SIZE])) >= _RANDOM_LOOKING_DISTINCT_BYTES
    )


def file_kind(path: Path) -> FileKind:
    """What is at ``path``, from its first bytes only (nothing is opened for writing)."""
    try:
        if not path.exists():
            return FileKind.MISSING
        size = path.stat().st_size
        with path.open("rb") as handle:
            first_page = handle.read(PAGE_SIZE)
    except OSError:
        return FileKind.OTHER
    if size == 0:
        return FileKind.EMPTY
    if first_page.startswith(SQLITE_MAGIC):
        return FileKind.PLAIN
    return FileKind.ENCRYPTED if looks_encrypted(first_page, size) else FileKind.OTHER


def refuse_cut_short(path: Path) -> None:
    """An encrypted file is a whole number of pages; one that is not was cut short."""
    if path.stat().st_size % PAGE_SIZE:
        raise DamagedDatabaseError(
            f"The database file {path.name} is damaged or not a database: it is encrypted, "
            "but not a whole number of pages (it may have been cut short while copying)."
        )


def is_encrypted(path: Path) -> bool:
    return file_kind(path) is FileKind.ENCRYPTED


def sqlcipher() -> ModuleType:
    """The SQLCipher DB-API module, imported only when an encrypted file is used."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        raise EncryptionUnavailableError(
            "This copy of Wellbeing Desktop cannot open encrypted databases: the sqlcipher3 "
            "package is missing. Reinstall the app."
        ) from None
    return dbapi2


def driver_errors() -> tuple[type[BaseException], ...]:
    """Both drivers' error base classes, for ``except`` clauses around raw connections."""
    try:
        from sqlcipher3 import dbapi2
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, dbapi2.Error)


def apply_key(dbapi_connection: Any, key: DatabaseKey) -> None:
    """Key a new SQLCipher connection; must run before anything reads the file."""
    cursor = dbapi_connection.cursor()
    try:
        # SQLCipher otherwise writes a line to stderr for every page a wrong key fails on.
        cursor.execute("PRAGMA cipher_log_level = NONE")
        cursor.execute(key.pragma())
        for statement in CIPHER_SETTINGS:
            cursor.execute(statement)
    finally:
        cursor.close()


def connect(
    database: str | Path, key: DatabaseKey | None, *, timeout: float = 5.0, **kwargs: Any
) -> Any:
    """A raw DB-API connection: the standard ``sqlite3`` for plain files, keyed SQLCipher
    for encrypted ones. ``kwargs`` go to ``connect`` (``uri``, ``isolation_level``)."""
    if key is None:
        return sqlite3.connect(database, timeout=timeout, **kwargs)
    connection = sqlcipher().connect(str(database), timeout=timeout, **kwargs)
    try:
        apply_key(connection, key)
    except BaseException:
        connection.close()
        raise
    return connection


def is_wrong_key(error: BaseException) -> bool:
    """SQLCipher reports a wrong key (or a damaged first page) as 'not a database'."""
    return getattr(error, "sqlite_errorname", "") == "SQLITE_NOTADB" or (
        "not a database" in str(error).lower()
    )


def key_for_file(
    path: Path, *, passphrase: str | None, key: DatabaseKey | None
) -> DatabaseKey | None:
    """The key to open (or make) the SQLite file at ``path`` with, or None for a plain one.

    A new or empty file is encrypted when a passphrase or key is given. An existing
    plain file opens without one, whatever is given (a passphrase in the
    environment must not lock anyone out of an unencrypted database). An encrypted
    file needs one.
    """
    kind = file_kind(path)
    if kind in {FileKind.MISSING, FileKind.EMPTY}:
        if key is not None:
            return key
        return new_key(passphrase) if passphrase is not None else None
    if kind is not FileKind.ENCRYPTED:
        return None
    refuse_cut_short(path)
    salt = read_salt(path)
    if key is not None:
        if not secrets.compare_digest(key.salt, salt):
            raise WrongPassphraseError(
                f"The saved key does not open {path.name}: enter the passphrase.", path
            )
        return key
    if passphrase is None:
        raise PassphraseRequiredError(
            f"{path.name} is encrypted: its passphrase is needed to open it.", path
        )
    return derive_key(passphrase, salt)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be synced)."""
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
