"""Encryption at rest: a copied file, its WAL and every backup show nothing readable;
the sqlcipher tool opens the file with the key and not without it; a wrong
passphrase is a calm message after a delay; plain databases still open unasked."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.security.conftest import Copy
from tests.security.helpers import MARKERS, NAMES, PASSPHRASE, secrets_found, session_draft
from wellbeing_desktop.errors import DamagedDatabaseError, NotADatabaseError
from wellbeing_desktop.services import backups, people
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.services.supervision import save_session
from wellbeing_desktop.storage import encryption
from wellbeing_desktop.storage.encryption import (
    FileKind,
    PassphraseRequiredError,
    WrongPassphraseError,
)

SQLCIPHER = shutil.which("sqlcipher")


def every_file(folder: Path) -> list[Path]:
    return sorted(entry for entry in folder.rglob("*") if entry.is_file())


def test_no_name_note_or_table_name_in_the_file_its_wal_or_any_backup(
    encrypted_db: Copy, isolated_home: Path
) -> None:
    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    try:
        for number in range(1, 20):
            save_session(db, session_draft(encrypted_db.scenario.staff_ids[1], number))
        backups.make_backup(db)
        backups.backup_if_due(db, keep=3)
        # While open, the latest saves are in the -wal file: it must be encrypted too.
        wal = encrypted_db.path.with_name(encrypted_db.path.name + "-wal")
        assert wal.stat().st_size > 0
        open_files = every_file(encrypted_db.path.parent) + every_file(isolated_home)
        found = {str(f): secrets_found(f.read_bytes()) for f in open_files}
    finally:
        db.close()
    closed_files = every_file(encrypted_db.path.parent) + every_file(isolated_home)
    found.update({str(f): secrets_found(f.read_bytes()) for f in closed_files})

    assert len(backups.list_backups(encrypted_db.path)) == 2
    assert {name: words for name, words in found.items() if words} == {}
    for backup in backups.list_backups(encrypted_db.path):
        assert encryption.file_kind(backup.path) is FileKind.ENCRYPTED
        assert backups.is_good(backup.path, encrypted_db.key)


def test_the_plain_template_does_show_them(plain_db: Copy) -> None:
    """The search above would find the words if they were there: every one of them,
    the free text of each workload and learning table included."""
    found = secrets_found(plain_db.path.read_bytes())
    for column, marker in MARKERS.items():
        assert f"{marker} (utf-8)" in found, column
    assert {f"{name} (utf-8)" for name in NAMES} <= set(found)


@pytest.mark.skipif(SQLCIPHER is None, reason="the sqlcipher tool is not installed")
def test_the_sqlcipher_tool_opens_it_with_the_key_and_not_without(encrypted_db: Copy) -> None:
    key = encrypted_db.key
    # The settings every SQLCipher (3 or 4) needs to read this app's format.
    with_key = (
        f"PRAGMA key = \"x'{key.secret.hex()}'\";\n"
        f"PRAGMA cipher_page_size = {encryption.PAGE_SIZE};\n"
        "PRAGMA cipher_compatibility = 3;\n"
        "SELECT count(*) FROM staff_member;\n"
        "PRAGMA integrity_check;\n"
    )
    result = subprocess.run(
        [SQLCIPHER, str(encrypted_db.path)],
        input=with_key,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2", "ok"]

    without = subprocess.run(
        [SQLCIPHER, str(encrypted_db.path)],
        input="SELECT count(*) FROM staff_member;\n",
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert without.returncode != 0
    assert "not a database" in without.stderr
    assert without.stdout == ""


def test_a_wrong_passphrase_is_a_calm_message_after_a_delay(encrypted_db: Copy) -> None:
    before = encrypted_db.path.read_bytes()
    started = time.monotonic()
    with pytest.raises(WrongPassphraseError) as caught:
        open_app_database(encrypted_db.path, passphrase="not the passphrase at all")
    assert time.monotonic() - started >= 1.0
    message = str(caught.value)
    assert "passphrase does not open" in message and "\n" not in message
    assert encrypted_db.path.read_bytes() == before
    info = backups.recovery_for(caught.value)
    assert info is not None and info.database_path == encrypted_db.path


def test_without_a_passphrase_an_encrypted_file_asks_for_one(encrypted_db: Copy) -> None:
    with pytest.raises(PassphraseRequiredError) as caught:
        open_app_database(encrypted_db.path)
    assert "passphrase is needed" in str(caught.value)
    assert caught.value.path == encrypted_db.path


def test_the_passphrase_opens_it_and_the_key_is_the_same(encrypted_db: Copy) -> None:
    db = open_app_database(encrypted_db.path, passphrase=PASSPHRASE)
    try:
        assert db.encrypted and db.key is not None and db.key.same_as(encrypted_db.key)
        assert "hidden" in repr(db.key) and encrypted_db.key.secret.hex() not in repr(db)
        assert sorted(s.name for s in people.list_staff(db)) == sorted(NAMES)
    finally:
        db.close()


def test_a_plain_database_opens_without_asking_even_with_a_passphrase(plain_db: Copy) -> None:
    for passphrase in (None, "anything at all"):
        db = open_app_database(plain_db.path, passphrase=passphrase)
        try:
            assert not db.encrypted
            assert len(people.list_staff(db)) == 2
        finally:
            db.close()
    assert encryption.file_kind(plain_db.path) is FileKind.PLAIN


def test_files_are_told_apart(encrypted_db: Copy, plain_db: Copy, tmp_path: Path) -> None:
    text = tmp_path / "letter.sqlite3"
    text.write_text("Dear colleague,\n" * 400)
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(encrypted_db.path.read_bytes()[:10000])
    assert encryption.file_kind(encrypted_db.path) is FileKind.ENCRYPTED
    assert encryption.file_kind(plain_db.path) is FileKind.PLAIN
    assert encryption.file_kind(text) is FileKind.OTHER
    with pytest.raises(NotADatabaseError):
        open_app_database(text)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_app_database(cut)
    assert "cut short" in str(caught.value)


def test_a_damaged_encrypted_file_is_told_from_a_wrong_passphrase(
    encrypted_db: Copy,
) -> None:
    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    backup = backups.make_backup(db)
    db.close()
    data = bytearray(encrypted_db.path.read_bytes())
    data[100:200] = bytes(100)  # inside the first page, after the salt
    encrypted_db.path.write_bytes(bytes(data))
    damaged = encrypted_db.path.read_bytes()

    with pytest.raises(DamagedDatabaseError) as caught:
        open_app_database(encrypted_db.path, passphrase=PASSPHRASE)
    assert "passphrase is right" in str(caught.value)
    info = backups.recovery_for(caught.value)
    assert info is not None and info.latest_good_backup is not None
    assert info.latest_good_backup.path == backup
    assert encrypted_db.path.read_bytes() == damaged
