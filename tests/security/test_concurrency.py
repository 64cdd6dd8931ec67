"""Two copies of the app on one database: they share it safely (WAL and a busy
timeout), and the operations that need it to themselves refuse while it is in use."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.conftest import Copy
from tests.security.helpers import ROOT, completed_ids, start_worker, worker_env
from wellbeing_desktop.services import backups
from wellbeing_desktop.services.encryption import change_passphrase, encrypt_database
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage import encryption
from wellbeing_desktop.storage.recovery import DatabaseInUseError

SAVES_EACH = 60

HOLDER = """
import sys, time
from pathlib import Path
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage.encryption import DatabaseKey
import os
secret = os.environ.get("WD_TEST_KEY")
db = open_app_database(Path(sys.argv[1]), create=False,
                       key=DatabaseKey.from_text(secret) if secret else None)
with db.engine.connect() as connection:
    connection.exec_driver_sql("SELECT count(*) FROM staff_member").scalar()
print("open", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
def test_two_processes_saving_at_once_lose_nothing(
    encrypted: bool, encrypted_db: Copy, plain_db: Copy, isolated_home: Path
) -> None:
    db = encrypted_db if encrypted else plain_db
    staff = db.scenario.staff_ids
    workers = [
        start_worker(db.path, staff[number], db.key, isolated_home, count=SAVES_EACH)
        for number in range(2)
    ]
    results = [worker.communicate(timeout=120) for worker in workers]
    for worker, (_out, errors) in zip(workers, results, strict=True):
        assert worker.returncode == 0, errors
    reported = [completed_ids(out) for out, _errors in results]
    assert [len(ids) for ids in reported] == [SAVES_EACH, SAVES_EACH]
    assert not reported[0] & reported[1]
    # They really did write at the same time: each one's saves fall between the other's.
    assert min(reported[0]) < max(reported[1]) and min(reported[1]) < max(reported[0])

    connection = encryption.connect(db.path, db.key)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {row[0] for row in connection.execute("SELECT id FROM supervision_session")}
    finally:
        connection.close()
    assert reported[0] | reported[1] <= present


@pytest.fixture
def held_open(isolated_home: Path) -> Iterator[object]:
    """Start another process that keeps a database open (as a second copy of the app)."""
    started: list[subprocess.Popen[str]] = []

    def hold(path: Path, key: encryption.DatabaseKey | None) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            cwd=ROOT,
            env=worker_env(key, isolated_home),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "open", (
            process.stderr.read() if process.stderr else ""
        )
        started.append(process)
        return process

    yield hold
    for process in started:
        process.kill()
        process.communicate(timeout=30)


def test_restore_refuses_while_another_copy_has_it_open(
    encrypted_db: Copy,
    held_open,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    db = open_app_database(encrypted_db.path, key=encrypted_db.key)
    backup = backups.make_backup(db)
    db.close()
    holder = held_open(encrypted_db.path, encrypted_db.key)
    before = sorted(p.name for p in encrypted_db.path.parent.iterdir())

    with pytest.raises(DatabaseInUseError) as caught:
        backups.restore_backup(encrypted_db.path, backup, key=encrypted_db.key)
    assert "open in another copy" in str(caught.value)
    assert sorted(p.name for p in encrypted_db.path.parent.iterdir()) == before

    holder.kill()
    holder.communicate(timeout=30)
    outcome = backups.restore_backup(encrypted_db.path, backup, key=encrypted_db.key)
    assert outcome.kept is not None and outcome.kept.exists()


def test_change_passphrase_and_encrypt_refuse_while_in_use(
    encrypted_db: Copy,
    plain_db: Copy,
    held_open,  # type: ignore[no-untyped-def]
) -> None:
    held_open(encrypted_db.path, encrypted_db.key)
    held_open(plain_db.path, None)
    encrypted_before = encrypted_db.path.read_bytes()
    plain_before = plain_db.path.read_bytes()

    with pytest.raises(DatabaseInUseError):
        change_passphrase(
            encrypted_db.path, None, "a brand new passphrase", old_key=encrypted_db.key
        )
    with pytest.raises(DatabaseInUseError):
        encrypt_database(plain_db.path, "a brand new passphrase")

    assert encrypted_db.path.read_bytes() == encrypted_before
    assert plain_db.path.read_bytes() == plain_before
    assert encryption.file_kind(plain_db.path) is encryption.FileKind.PLAIN
    leftovers = [p.name for p in encrypted_db.path.parent.iterdir() if "before-" in p.name]
    leftovers += [p.name for p in plain_db.path.parent.iterdir() if "encrypting" in p.name]
    assert leftovers == []
