"""Backups and recovery: automatic at most daily and rotated, encrypted like the
database, verified before a restore, and a damaged file is never overwritten."""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.security.conftest import Copy
from tests.security.helpers import ROOT, TEAM, worker_env
from wellbeing_desktop.errors import DamagedDatabaseError, DatabaseError, NotADatabaseError
from wellbeing_desktop.services import backups, people
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage import encryption

DAY = dt.timedelta(days=1)
START = dt.datetime(2026, 11, 2, 17, 30)


def team_names(path: Path, key: encryption.DatabaseKey | None) -> list[str]:
    db = open_app_database(path, create=False, key=key)
    try:
        return sorted(team.name for team in people.list_teams(db))
    finally:
        db.close()


def add_team(path: Path, key: encryption.DatabaseKey | None, name: str) -> None:
    db = open_app_database(path, create=False, key=key)
    try:
        people.save_team(db, name)
    finally:
        db.close()


def test_automatic_backups_at_most_daily_and_rotated(encrypted_db: Copy) -> None:
    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    try:
        manual = backups.make_backup(db, now=START)
        made = [backups.backup_if_due(db, keep=3, now=START)]
        assert backups.backup_if_due(db, keep=3, now=START + dt.timedelta(hours=23)) is None
        for day in range(1, 6):
            made.append(backups.backup_if_due(db, keep=3, now=START + day * DAY))
    finally:
        db.close()
    assert all(path is not None for path in made)
    found = backups.list_backups(encrypted_db.path)
    automatic = [b.path for b in found if b.automatic]
    assert automatic == list(reversed(made[-3:])), "the newest three automatic ones are kept"
    assert [b.path for b in found if not b.automatic] == [manual], "manual ones are kept"
    assert all(backups.is_good(b.path, encrypted_db.key) for b in found)
    assert not any(backups.is_good(b.path, None) for b in found), "encrypted: no key, no entry"


def test_the_keep_count_comes_from_the_settings(plain_db: Copy) -> None:
    from wellbeing_desktop.settings import Settings

    settings = Settings()
    settings.set("backups_to_keep", 2)
    settings.save()
    db = open_app_database(plain_db.path)
    try:
        for day in range(4):
            backups.backup_if_due(db, now=START + day * DAY)
    finally:
        db.close()
    assert len(backups.list_backups(plain_db.path)) == 2


def test_restore_brings_back_the_backup_and_keeps_what_it_replaced(encrypted_db: Copy) -> None:
    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    backup = backups.make_backup(db)
    people.save_team(db, "Team added after the backup")
    db.close()

    outcome = backups.restore_backup(encrypted_db.path, backup, key=encrypted_db.key)

    assert team_names(encrypted_db.path, encrypted_db.key) == [TEAM]
    assert outcome.kept is not None and outcome.kept.parent == encrypted_db.path.parent
    assert "replaced" in outcome.kept.name
    assert "Team added after the backup" in team_names(outcome.kept, encrypted_db.key)
    assert encryption.file_kind(encrypted_db.path) is encryption.FileKind.ENCRYPTED


def damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif how == "overwritten":
        garbage = random.Random(7).randbytes(len(data) // 3)
        path.write_bytes(data[: len(data) // 3] + garbage + data[2 * len(data) // 3 :])
    elif how == "not a database":
        path.write_text("Minutes of the team meeting\n" * 300)
    elif how == "first page":
        path.write_bytes(data[:100] + bytes(200) + data[300:])


@pytest.mark.parametrize("how", ["truncated", "overwritten", "not a database", "first page"])
def test_a_damaged_database_offers_the_latest_good_backup_and_is_never_overwritten(
    how: str, encrypted_db: Copy
) -> None:
    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    good = backups.make_backup(db, now=START)
    newest = backups.make_backup(db, now=START + DAY)
    db.close()
    newest.write_bytes(newest.read_bytes()[:5000])  # the newest backup is damaged too
    damage(encrypted_db.path, how)
    damaged_bytes = encrypted_db.path.read_bytes()

    with pytest.raises((DamagedDatabaseError, NotADatabaseError)) as caught:
        db = open_app_database(encrypted_db.path, passphrase=None, key=encrypted_db.key)
        people.list_teams(db)  # damage in the middle may show only when read
    info = backups.recovery_for(caught.value)
    if info is not None:  # found on opening: the error carries the options
        assert info.latest_good_backup is not None and info.latest_good_backup.path == good
        assert len(info.backups) == 2
    assert encrypted_db.path.read_bytes() == damaged_bytes
    latest = backups.latest_good_backup(encrypted_db.path, encrypted_db.key)
    assert latest is not None and latest.path == good

    outcome = backups.restore_backup(encrypted_db.path, latest.path, key=encrypted_db.key)

    assert outcome.kept is not None and outcome.kept.read_bytes() == damaged_bytes
    assert team_names(encrypted_db.path, encrypted_db.key) == [TEAM]


def test_a_bad_backup_is_refused_before_anything_is_touched(encrypted_db: Copy) -> None:
    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    backup = backups.make_backup(db)
    db.close()
    backup.write_bytes(backup.read_bytes()[:8192])
    before = sorted((p.name, p.read_bytes()) for p in encrypted_db.path.parent.iterdir())

    with pytest.raises(DatabaseError):
        backups.restore_backup(encrypted_db.path, backup, key=encrypted_db.key)

    assert sorted((p.name, p.read_bytes()) for p in encrypted_db.path.parent.iterdir()) == before


def test_a_plain_backup_restored_over_an_encrypted_database_is_encrypted(
    encrypted_db: Copy, plain_db: Copy
) -> None:
    backups.restore_backup(encrypted_db.path, plain_db.path, key=encrypted_db.key)
    assert encryption.file_kind(encrypted_db.path) is encryption.FileKind.ENCRYPTED
    assert team_names(encrypted_db.path, encrypted_db.key) == [TEAM]


LEAVE_WAL = """
import os, sys
from pathlib import Path
from wellbeing_desktop.services import people
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage.encryption import DatabaseKey
db = open_app_database(Path(sys.argv[1]), create=False,
                       key=DatabaseKey.from_text(os.environ["WD_TEST_KEY"]))
people.save_team(db, "Saved just before the crash")
os._exit(0)  # no close: the save is only in the -wal file
"""


def test_a_restore_keeps_the_replaced_file_with_its_wal(
    encrypted_db: Copy, isolated_home: Path
) -> None:
    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    backup = backups.make_backup(db)
    db.close()
    subprocess.run(
        [sys.executable, "-c", LEAVE_WAL, str(encrypted_db.path)],
        cwd=ROOT,
        env=worker_env(encrypted_db.key, isolated_home),
        check=True,
        timeout=60,
    )
    assert encrypted_db.path.with_name(encrypted_db.path.name + "-wal").exists()

    outcome = backups.restore_backup(encrypted_db.path, backup, key=encrypted_db.key)

    assert outcome.kept is not None
    assert outcome.kept.with_name(outcome.kept.name + "-wal").exists()
    assert "Saved just before the crash" in team_names(outcome.kept, encrypted_db.key)
    assert "Saved just before the crash" not in team_names(encrypted_db.path, encrypted_db.key)


def test_an_unencrypted_database_with_its_start_overwritten_is_damaged_not_encrypted(
    plain_db: Copy,
) -> None:
    db = open_app_database(plain_db.path)
    good = backups.make_backup(db)
    db.close()
    data = plain_db.path.read_bytes()
    plain_db.path.write_bytes(random.Random(3).randbytes(8192) + data[8192:])

    with pytest.raises(DamagedDatabaseError) as caught:
        open_app_database(plain_db.path)

    assert "never encrypted" in str(caught.value)
    info = backups.recovery_for(caught.value)
    assert info is not None and info.latest_good_backup is not None
    assert info.latest_good_backup.path == good
