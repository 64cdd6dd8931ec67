"""A full disk and a read-only folder: a clear one-line message, and the last good
state intact (every save reported before is there, the file passes its check).

A full disk is a tiny tmpfs where the tests may mount one (as root), and otherwise
a file-size limit (RLIMIT_FSIZE) on the saving process, which needs no privileges.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.security.conftest import Copy
from tests.security.helpers import NAMES, ROOT, completed_ids, session_draft, worker_env
from wellbeing_desktop.errors import DatabaseError
from wellbeing_desktop.services import people
from wellbeing_desktop.services.encryption import encrypt_database
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.services.supervision import save_session
from wellbeing_desktop.storage import encryption

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file systems and limits")

SESSION_PADDING = 19_000  # bytes in each of two fields per save, so the disk fills quickly
FILE_SIZE_LIMIT = """
import resource, runpy, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write, not a killed process
limit = int(sys.argv.pop(1))
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv[0] = "save_worker"
runpy.run_module("tests.security.save_worker", run_name="__main__")
"""


def mount_tmpfs(folder: Path, size: str, *options: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join([f"size={size}", *options]), "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


def remount(folder: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 2 MB file system, or None where none can be mounted."""
    folder = tmp_path / "small-disk"
    if not mount_tmpfs(folder, "2m"):
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def integrity_and_ids(path: Path, key: encryption.DatabaseKey | None) -> tuple[str, set[int]]:
    connection = encryption.connect(path, key)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        ids = {row[0] for row in connection.execute("SELECT id FROM supervision_session")}
    finally:
        connection.close()
    return integrity, ids


@pytest.mark.parametrize("limit", ["tmpfs", "file size limit"])
def test_a_full_disk_mid_save_is_a_clear_message_and_loses_nothing_saved(
    limit: str, encrypted_db: Copy, small_disk: Path | None, isolated_home: Path
) -> None:
    path, key = encrypted_db.path, encrypted_db.key
    staff = str(encrypted_db.scenario.staff_ids[0])
    filler = None
    if limit == "tmpfs":
        if small_disk is None:
            pytest.skip("no tmpfs can be mounted here; the file size limit covers this")
        path = small_disk / path.name
        shutil.copy(encrypted_db.path, path)
        # Leave about 400 KB free: room for some saves, then the disk is full.
        free = shutil.disk_usage(small_disk).free
        filler = small_disk / "filler"
        filler.write_bytes(bytes(max(free - 400_000, 0)))
        command = [sys.executable, "-m", "tests.security.save_worker", str(path), staff, "0"]
    else:
        limit_bytes = path.stat().st_size + 400_000
        command = [sys.executable, "-c", FILE_SIZE_LIMIT, str(limit_bytes), str(path), staff, "0"]
    result = subprocess.run(
        [*command, "--size", str(SESSION_PADDING)],
        cwd=ROOT,
        env=worker_env(key, isolated_home),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 3, result.stderr
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1 and "Traceback" not in message, message
    assert "could not be" in message and "saved" in message and "disk" in message
    assert "Nothing was half-saved" in message
    saved = completed_ids(result.stdout)
    assert saved, "some saves fit before the disk was full"
    if filler is not None:
        filler.unlink()  # the user frees some space
    integrity, present = integrity_and_ids(path, key)
    assert integrity == "ok"
    assert saved <= present


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder that can be switched read-only, even for root (a tmpfs remounted)."""
    folder = tmp_path / "read-only"
    if not mount_tmpfs(folder, "8m"):
        if os.geteuid() == 0:
            pytest.skip("as root, only a read-only mount makes a folder read-only")
        folder.mkdir()
        yield folder
        folder.chmod(0o755)
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def make_read_only(folder: Path) -> None:
    if os.geteuid() == 0:
        remount(folder, "ro")
    else:
        for entry in folder.iterdir():
            entry.chmod(0o444)
        folder.chmod(0o555)


def test_a_read_only_folder_is_a_clear_message_and_the_file_is_untouched(
    encrypted_db: Copy, read_only_folder: Path
) -> None:
    path = read_only_folder / encrypted_db.path.name
    shutil.copy(encrypted_db.path, path)
    db = open_app_database(path, key=encrypted_db.key)
    try:
        saved = save_session(db, session_draft(encrypted_db.scenario.staff_ids[0], 1)).id
    finally:
        db.close()
    # Linux will not make a file system read-only while files on it are open for writing.
    make_read_only(read_only_folder)
    before = path.read_bytes()

    with pytest.raises(DatabaseError) as caught:
        open_app_database(path, key=encrypted_db.key)
    message = str(caught.value)
    assert "\n" not in message and "written to" in message, message
    assert path.read_bytes() == before

    if os.geteuid() == 0:
        remount(read_only_folder, "rw")
    else:
        read_only_folder.chmod(0o755)
        path.chmod(0o644)
    db = open_app_database(path, key=encrypted_db.key)
    try:
        assert sorted(s.name for s in people.list_staff(db)) == sorted(NAMES)
    finally:
        db.close()
    integrity, present = integrity_and_ids(path, encrypted_db.key)
    assert integrity == "ok" and saved in present


def test_encrypting_on_a_full_disk_leaves_the_plain_file_as_it_was(
    plain_db: Copy, small_disk: Path | None
) -> None:
    if small_disk is None:
        pytest.skip("no tmpfs can be mounted here")
    path = small_disk / plain_db.path.name
    shutil.copy(plain_db.path, path)
    before = dump(path)
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(bytes(max(free - path.stat().st_size // 2, 0)))

    with pytest.raises(DatabaseError) as caught:
        encrypt_database(path, "violet kettle harbour seventeen")

    assert "\n" not in str(caught.value)
    # Every row as it was, and the file back in WAL mode (the attempt checkpointed it).
    assert dump(path) == before
    assert encryption.file_kind(path) is encryption.FileKind.PLAIN
    assert path.read_bytes()[18:20] == b"\x02\x02"
    assert sorted(p.name for p in small_disk.iterdir()) == sorted(["filler", path.name])
