"""Encrypting an existing database in place, and changing the passphrase: safe (the
old file kept until the new one is verified), complete (backups too), and no plain
copy left behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.security.conftest import Copy
from tests.security.helpers import NAMES, PASSPHRASE, secrets_found
from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import backups, people
from wellbeing_desktop.services.encryption import (
    change_passphrase,
    encrypt_database,
    passphrase_strength,
)
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage import encryption
from wellbeing_desktop.storage.encryption import FileKind, WrongPassphraseError

NEW_PASSPHRASE = "copper lantern meadow ninety"


def staff_names(path: Path, **secret: object) -> list[str]:
    db = open_app_database(path, create=False, **secret)  # type: ignore[arg-type]
    try:
        return sorted(s.name for s in people.list_staff(db))
    finally:
        db.close()


def test_encrypting_in_place_keeps_everything_and_leaves_nothing_plain(
    plain_db: Copy, isolated_home: Path
) -> None:
    db = open_app_database(plain_db.path)
    plain_backup = backups.make_backup(db)
    db.close()
    assert secrets_found(plain_backup.read_bytes())
    # A copy an earlier upgrade kept beside the database is personal data too.
    before_upgrade = plain_db.path.with_name("wellbeing.before-upgrade-20260101-090000.sqlite3")
    shutil.copy(plain_db.path, before_upgrade)

    result = encrypt_database(plain_db.path, PASSPHRASE)

    assert result.backups_converted == 2 and result.backups_not_converted == ()
    assert encryption.file_kind(before_upgrade) is FileKind.ENCRYPTED
    assert encryption.file_kind(plain_db.path) is FileKind.ENCRYPTED
    assert staff_names(plain_db.path, key=result.key) == sorted(NAMES)
    leftovers = {
        str(f): secrets_found(f.read_bytes())
        for folder in (plain_db.path.parent, isolated_home)
        for f in folder.rglob("*")
        if f.is_file()
    }
    assert {name: words for name, words in leftovers.items() if words} == {}
    assert sorted(p.name for p in plain_db.path.parent.iterdir()) == sorted(
        [plain_db.path.name, before_upgrade.name]
    )
    assert backups.is_good(plain_backup, result.key)


def test_changing_the_passphrase_rekeys_the_database_and_its_backups(encrypted_db: Copy) -> None:
    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    backup = backups.make_backup(db)
    db.close()

    result = change_passphrase(encrypted_db.path, PASSPHRASE, NEW_PASSPHRASE)

    assert result.backups_converted == 1
    assert staff_names(encrypted_db.path, passphrase=NEW_PASSPHRASE) == sorted(NAMES)
    with pytest.raises(WrongPassphraseError):
        staff_names(encrypted_db.path, key=encrypted_db.key)
    assert backups.is_good(backup, result.key)
    assert not backups.is_good(backup, encrypted_db.key), "the old passphrase opens nothing"
    assert sorted(p.name for p in encrypted_db.path.parent.iterdir()) == [encrypted_db.path.name]


def test_a_wrong_current_passphrase_changes_nothing(encrypted_db: Copy) -> None:
    before = encrypted_db.path.read_bytes()
    with pytest.raises(WrongPassphraseError):
        change_passphrase(encrypted_db.path, "not the current one", NEW_PASSPHRASE)
    assert encrypted_db.path.read_bytes() == before


@pytest.mark.parametrize(
    ("passphrase", "acceptable", "at_least"),
    [
        ("short", False, 0),
        ("password123", True, 1),
        ("aaaaaaaaaaaaaaaa", True, 1),
        ("violet kettle harbour", True, 2),
        ("violet kettle harbour seventeen Quay!", True, 3),
    ],
)
def test_passphrase_strength_hints(passphrase: str, acceptable: bool, at_least: int) -> None:
    strength = passphrase_strength(passphrase)
    assert strength.acceptable is acceptable
    assert strength.score >= at_least
    assert strength.hint.endswith(".")
    if passphrase in {"password123", "aaaaaaaaaaaaaaaa"}:
        assert strength.label == "Weak"


def test_a_too_short_passphrase_is_refused(plain_db: Copy) -> None:
    with pytest.raises(ValidationError) as caught:
        encrypt_database(plain_db.path, "short")
    assert caught.value.field == "passphrase"
    assert encryption.file_kind(plain_db.path) is FileKind.PLAIN


def test_leftovers_of_a_crashed_encryption_are_removed_once_it_opens(encrypted_db: Copy) -> None:
    folder = encrypted_db.path.parent
    plain_copy = folder / "wellbeing.before-encryption-20261126-101010.sqlite3"
    plain_copy.write_bytes(b"SQLite format 3\x00" + bytes(4080))
    old_key_copy = folder / "wellbeing.before-passphrase-change-20261126-101010.sqlite3"
    old_key_copy.write_bytes(encrypted_db.path.read_bytes())
    (folder / "wellbeing.sqlite3.encrypting").write_bytes(bytes(4096))

    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    db.close()

    assert sorted(p.name for p in folder.iterdir()) == [encrypted_db.path.name]
