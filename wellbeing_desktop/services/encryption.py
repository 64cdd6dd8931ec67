"""Passphrases: their strength, the OS credential store, encrypting and re-keying.

The passphrase itself is never stored. What the credential store (``keyring``)
may keep, if the user asks, is the key derived from it for one database file:
it opens that file and nothing else.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from pathlib import Path

from wellbeing_desktop.errors import DatabaseError, ValidationError
from wellbeing_desktop.services import backups
from wellbeing_desktop.storage import conversion, encryption, recovery
from wellbeing_desktop.storage.database import database_path_of
from wellbeing_desktop.storage.encryption import (
    DatabaseKey,
    FileKind,
    PassphraseRequiredError,
    WrongPassphraseError,
)

__all__ = [
    "DatabaseKey",
    "PassphraseRequiredError",
    "WrongPassphraseError",
    "change_passphrase",
    "encrypt_database",
    "forget_key",
    "is_encrypted",
    "passphrase_strength",
    "remember_key",
    "remembered_key",
]

MIN_LENGTH = 10
KEYRING_SERVICE = "Wellbeing Desktop"
_COMMON = re.compile(
    r"password|passw0rd|qwerty|letmein|welcome|wellbeing|123456|abc123|iloveyou|admin|nhs",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (unacceptable) to 3 (strong)
    label: str  # "Too short", "Weak", "Fair", "Strong"
    hint: str  # one sentence on how to make it stronger, or why it is fine
    acceptable: bool


def passphrase_strength(passphrase: str) -> Strength:
    """A rough guide for the first-run dialog: length counts most; a few random words
    beat a short password with symbols."""
    length = len(passphrase)
    if length < MIN_LENGTH:
        return Strength(
            0,
            "Too short",
            f"Use at least {MIN_LENGTH} characters: a few unrelated words work well.",
            False,
        )
    pool = 0
    pool += 26 if re.search(r"[a-z]", passphrase) else 0
    pool += 26 if re.search(r"[A-Z]", passphrase) else 0
    pool += 10 if re.search(r"\d", passphrase) else 0
    pool += 33 if re.search(r"[^A-Za-z0-9]", passphrase) else 0
    distinct = len(set(passphrase))
    bits = min(length, distinct * 2) * math.log2(max(pool, 2))
    if _COMMON.search(passphrase):
        bits -= 20
    if bits < 50 or distinct < 6:
        return Strength(
            1, "Weak", "Easy to guess: add more words, or avoid common words and repeats.", True
        )
    if bits < 80:
        return Strength(2, "Fair", "Good; one or two more words would make it strong.", True)
    return Strength(
        3, "Strong", "Strong: write it down somewhere safe, away from the computer.", True
    )


def check_new_passphrase(passphrase: str, confirmation: str | None = None) -> None:
    """Refuse a new passphrase that is too short or was not typed the same twice."""
    if not passphrase_strength(passphrase).acceptable:
        raise ValidationError(
            "passphrase", f"The passphrase must be at least {MIN_LENGTH} characters long."
        )
    if confirmation is not None and confirmation != passphrase:
        raise ValidationError("confirmation", "The two passphrases are not the same.")


def is_encrypted(target: str | Path | None) -> bool:
    """Whether the database is an encrypted local file (so a passphrase is needed)."""
    path = database_path_of(target)
    return path is not None and encryption.is_encrypted(path)


def key_for_database(
    target: str | Path | None, *, passphrase: str | None = None, key: DatabaseKey | None = None
) -> DatabaseKey | None:
    """The key that opens the database, checked (None for a plain file or PostgreSQL).

    A wrong passphrase raises ``WrongPassphraseError`` after a short delay.
    """
    from wellbeing_desktop.services.setup import WRONG_PASSPHRASE_DELAY_S
    from wellbeing_desktop.storage import sqlite_file

    path = database_path_of(target)
    if path is None or not encryption.is_encrypted(path):
        return None
    found = encryption.key_for_file(path, passphrase=passphrase, key=key)
    try:
        sqlite_file.inspect(path, key=found)
    except WrongPassphraseError:
        if passphrase is not None:
            time.sleep(WRONG_PASSPHRASE_DELAY_S)
        raise
    return found


def passphrase_matches(key: DatabaseKey, passphrase: str) -> bool:
    """Whether ``passphrase`` is the one ``key`` was derived from (for unlocking the
    window of an open database). A wrong one answers after a short delay."""
    from wellbeing_desktop.services.setup import WRONG_PASSPHRASE_DELAY_S

    if encryption.derive_key(passphrase, key.salt).same_as(key):
        return True
    time.sleep(WRONG_PASSPHRASE_DELAY_S)
    return False


def check_database_url_for_settings(url: str) -> None:
    """Refuse a database address that would put a password in the settings file.

    PostgreSQL passwords belong in the libpq password file (pgpass) or the server's
    own single sign-on, never in plain text in settings.json (see docs/SECURITY.md).
    """
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url) if "://" in url else None
    except (ArgumentError, ValueError):
        return  # not a URL: opening it gives its own message
    if parsed is not None and parsed.password:
        raise ValidationError(
            "database_url",
            "Leave the password out of the address: put it in the PostgreSQL password file "
            "(pgpass) instead, so it is never kept in plain text in the settings.",
        )


# -- the operating system's credential store ---------------------------------------------------


def _account(path: Path) -> str:
    return f"database-key:{path.expanduser().resolve()}"


def keyring_available() -> tuple[bool, str]:
    """Whether a credential store is usable here, and a sentence saying which or why not."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # any import or backend failure means: not available
        return False, "This computer has no credential store that Wellbeing Desktop can use."
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return False, "This computer has no credential store that Wellbeing Desktop can use."
    return True, f"The key is kept in {type(backend).__name__}, protected by your login."


def remembered_key(path: Path) -> DatabaseKey | None:
    """The key kept for this database file in the credential store, if any."""
    try:
        import keyring

        value = keyring.get_password(KEYRING_SERVICE, _account(path))
    except Exception:  # no backend, locked store, D-Bus missing: just ask instead
        return None
    if not value:
        return None
    try:
        return DatabaseKey.from_text(value)
    except ValueError:
        return None


def remember_key(path: Path, key: DatabaseKey) -> tuple[bool, str]:
    """Keep the key in the credential store; returns (done, a sentence for the user)."""
    available, message = keyring_available()
    if not available:
        return False, message
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, _account(path), key.to_text())
    except Exception:
        return False, "The credential store refused to keep the key; you will be asked each time."
    return True, "This computer will remember the key; you will not be asked again here."


def forget_key(path: Path) -> None:
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, _account(path))
    except Exception:  # nothing kept, or no store: nothing to forget
        pass


# -- encrypting and re-keying -------------------------------------------------------------------


@dataclass(frozen=True)
class ConversionResult:
    key: DatabaseKey
    backups_converted: int
    backups_not_converted: tuple[Path, ...]  # unreadable ones, left as they were


def encrypt_database(target: str | Path | None, passphrase: str) -> ConversionResult:
    """Encrypt an unencrypted database file in place, and its backups with it.

    The plain original is kept until the encrypted file has been verified. Close
    the database first; another program using it makes this refuse.
    """
    path = _local_file(target)
    check_new_passphrase(passphrase)
    key = encryption.new_key(passphrase)
    conversion.encrypt_in_place(path, key)
    converted, failed = 0, []
    for copy in copies_of(path):
        if encryption.file_kind(copy) is not FileKind.PLAIN:
            continue
        staged = copy.with_name(copy.name + ".encrypting")
        try:
            conversion.export_encrypted(copy, staged, key)
            staged.replace(copy)
            for companion in recovery.companions(copy):  # the plain copy's, if any
                companion.unlink(missing_ok=True)
            converted += 1
        except (DatabaseError, OSError):
            staged.unlink(missing_ok=True)
            failed.append(copy)
    return ConversionResult(key, converted, tuple(failed))


def copies_of(path: Path) -> list[Path]:
    """Every copy of the database the app keeps: its backups, and the copies kept beside
    it (before an upgrade, replaced by a restore)."""
    beside = [
        entry
        for label in ("before-upgrade", "replaced")
        for entry in path.parent.glob(f"{path.stem}.{label}-*{path.suffix or '.sqlite3'}")
        if entry.is_file()
    ]
    return [info.path for info in backups.list_backups(path)] + sorted(beside)


def change_passphrase(
    target: str | Path | None,
    old_passphrase: str | None,
    new_passphrase: str,
    *,
    old_key: DatabaseKey | None = None,
) -> ConversionResult:
    """Re-key an encrypted database (and its backups) under a new passphrase.

    A backup under the old key is kept until the change has been verified. A key
    kept in the credential store is updated. Close the database first.
    """
    path = _local_file(target)
    if encryption.file_kind(path) is not FileKind.ENCRYPTED:
        raise DatabaseError(f"{path.name} is not encrypted: encrypt it instead.")
    check_new_passphrase(new_passphrase)
    salt = encryption.read_salt(path)
    if old_key is None or old_key.salt != salt:
        if old_passphrase is None:
            raise PassphraseRequiredError("The current passphrase is needed.", path)
        old_key = encryption.derive_key(old_passphrase, salt)
    new_key = encryption.derive_key(new_passphrase, salt)
    try:
        conversion.change_key_in_place(path, old_key, new_key)
    except WrongPassphraseError:
        if old_passphrase is not None:
            from wellbeing_desktop.services.setup import WRONG_PASSPHRASE_DELAY_S

            time.sleep(WRONG_PASSPHRASE_DELAY_S)
        raise
    converted, failed = 0, []
    for copy in copies_of(path):
        try:
            if encryption.file_kind(copy) is not FileKind.ENCRYPTED:
                continue
            if encryption.read_salt(copy) != salt:
                raise DatabaseError("encrypted under another salt")
            conversion.change_key_in_place(copy, old_key, new_key, keep_copy=False)
            converted += 1
        except (DatabaseError, OSError):
            failed.append(copy)
    if remembered_key(path) is not None:
        remember_key(path, new_key)
    return ConversionResult(new_key, converted, tuple(failed))


def tidy_leftovers(path: Path) -> list[Path]:
    """Remove what an encryption or passphrase change cut off by a crash left beside the
    database: the plain copy kept during encryption (it would defeat the encryption),
    a copy under the old passphrase, a half-written encrypted copy. Call it only once
    the database itself has opened: then none of them is needed for recovery."""
    if encryption.file_kind(path) is not FileKind.ENCRYPTED:
        return []
    suffix = path.suffix or ".sqlite3"
    found = [
        *path.parent.glob(f"{path.stem}.before-encryption-*{suffix}"),
        *path.parent.glob(f"{path.stem}.before-passphrase-change-*{suffix}"),
        path.with_name(path.name + ".encrypting"),
    ]
    removed = []
    for leftover in found:
        for item in [leftover, *recovery.companions(leftover)]:
            if item.is_file():
                item.unlink()
                removed.append(item)
    return removed


def _local_file(target: str | Path | None) -> Path:
    path = database_path_of(target)
    if path is None:
        raise DatabaseError(
            "PostgreSQL databases are protected by the server (access control and TLS), "
            "not by a passphrase."
        )
    if not path.exists():
        raise DatabaseError(f"There is no database at {path}.")
    return path
