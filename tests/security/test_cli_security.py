"""The command line with encrypted databases: the passphrase comes from an environment
variable or the terminal, never an argument, and never shows in any output."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.security.conftest import Copy
from tests.security.helpers import PASSPHRASE, ROOT, TEAM
from wellbeing_desktop.cli import main
from wellbeing_desktop.services import backups
from wellbeing_desktop.storage import encryption
from wellbeing_desktop.storage.encryption import FileKind

NEW = "copper lantern meadow ninety"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    for secret in (PASSPHRASE, NEW):
        assert secret not in out + err
    return code, out, err


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("WD_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("WD_NEW_PASSPHRASE", NEW)
    return "WD_PASSPHRASE"


def test_demo_data_encrypt_makes_an_encrypted_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_env: str
) -> None:
    path = tmp_path / "demo.sqlite3"
    database = ["--database", str(path), "--passphrase-env", passphrase_env]
    code, out, err = run(
        capsys, "demo-data", "--encrypt", "--staff", "4", "--years", "1", *database
    )
    assert code == 0, err
    assert encryption.file_kind(path) is FileKind.ENCRYPTED
    code, out, err = run(capsys, "summary", "--all", "--json", *database)
    assert code == 0 and '"people"' in out, err


def test_every_command_takes_the_passphrase_from_the_environment(
    encrypted_db: Copy, capsys: pytest.CaptureFixture[str], passphrase_env: str
) -> None:
    path = encrypted_db.path
    database = ["--database", str(path), "--passphrase-env", passphrase_env]
    code, out, err = run(capsys, "summary", "--all", "--json", *database)
    assert code == 0 and '"people"' in out, err
    code, out, err = run(capsys, "db", "check", *database)
    assert code == 0 and "Result: ok" in out, err
    code, out, err = run(capsys, "db", "upgrade", *database)
    assert code == 0 and "already up to date" in out, err
    code, out, err = run(capsys, "db", "backup", *database)
    assert code == 0 and "(encrypted)" in out, err
    code, out, err = run(capsys, "db", "backups", "--database", str(path))
    assert code == 0 and "manual" in out, err
    (made,) = backups.list_backups(path)
    assert encryption.file_kind(made.path) is FileKind.ENCRYPTED

    code, out, err = run(capsys, "db", "restore", str(made.path), *database)
    assert code == 0 and "What it replaced is kept as" in out, err


def test_an_encrypted_database_without_a_passphrase_is_one_line(
    encrypted_db: Copy, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for command in (["summary", "--all"], ["db", "check"], ["db", "backup"]):
        code, _out, err = run(capsys, *command, "--database", str(encrypted_db.path))
        assert code == 3, err
        assert len(err.strip().splitlines()) == 1
        assert "is encrypted: give its passphrase with --passphrase-env NAME" in err

    code, _out, err = run(
        capsys,
        "summary",
        "--all",
        "--database",
        str(encrypted_db.path),
        "--passphrase-env",
        "WD_NOT_SET_ANYWHERE",
    )
    assert code == 2 and "WD_NOT_SET_ANYWHERE is not set" in err

    monkeypatch.setenv("WD_WRONG", "not the passphrase")
    started = time.monotonic()
    code, _out, err = run(
        capsys,
        "summary",
        "--all",
        "--database",
        str(encrypted_db.path),
        "--passphrase-env",
        "WD_WRONG",
    )
    assert code == 3 and "passphrase does not open" in err
    assert len(err.strip().splitlines()) == 1
    assert time.monotonic() - started >= 1.0


def test_a_plain_database_is_not_asked_for_a_passphrase(
    plain_db: Copy, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "summary", "--all", "--database", str(plain_db.path))
    assert code == 0 and TEAM in out, err


def test_db_encrypt_and_change_passphrase(
    plain_db: Copy, capsys: pytest.CaptureFixture[str], passphrase_env: str
) -> None:
    database = ["--database", str(plain_db.path)]
    code, out, err = run(capsys, "db", "encrypt", *database, "--passphrase-env", passphrase_env)
    assert code == 0 and "Encrypted" in out, err
    assert encryption.file_kind(plain_db.path) is FileKind.ENCRYPTED

    code, out, err = run(
        capsys,
        "db",
        "change-passphrase",
        *database,
        "--passphrase-env",
        passphrase_env,
        "--new-passphrase-env",
        "WD_NEW_PASSPHRASE",
    )
    assert code == 0 and "Changed the passphrase" in out, err
    code, _out, err = run(capsys, "summary", "--all", *database, "--passphrase-env", passphrase_env)
    assert code == 3 and "passphrase does not open" in err
    code, out, err = run(
        capsys, "summary", "--all", *database, "--passphrase-env", "WD_NEW_PASSPHRASE"
    )
    assert code == 0 and TEAM in out, err


def test_a_short_new_passphrase_is_refused(
    plain_db: Copy, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WD_SHORT", "short")
    code, _out, err = run(
        capsys, "db", "encrypt", "--database", str(plain_db.path), "--passphrase-env", "WD_SHORT"
    )
    assert code == 2 and "at least" in err
    assert encryption.file_kind(plain_db.path) is FileKind.PLAIN


def read_until(fd: int, marker: bytes, timeout: float = 60) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


@pytest.mark.skipif(os.name == "nt", reason="a pseudo-terminal is POSIX")
def test_on_a_terminal_it_asks_without_echo(encrypted_db: Copy, isolated_home: Path) -> None:
    env = {**os.environ, "WELLBEING_DESKTOP_HOME": str(isolated_home), "PYTHONPATH": str(ROOT)}
    argv = [
        sys.executable,
        "-m",
        "wellbeing_desktop",
        "summary",
        "--all",
        "--database",
        str(encrypted_db.path),
    ]
    pid, fd = pty.fork()
    if pid == 0:  # the child: a real terminal on stdin, as a user would have
        os.chdir(ROOT)
        os.execve(sys.executable, argv, env)
    try:
        prompt = read_until(fd, b"Passphrase for")
        assert b"Passphrase for wellbeing.sqlite3" in prompt
        os.write(fd, PASSPHRASE.encode() + b"\n")
        rest = read_until(fd, b"follow-ups due")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, rest.decode(errors="replace")
    assert TEAM.encode() in rest
    assert PASSPHRASE.encode() not in prompt + rest, "the passphrase was echoed"


def test_no_terminal_no_passphrase_is_one_line_from_a_real_process(
    encrypted_db: Copy, isolated_home: Path
) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "wellbeing_desktop",
            "summary",
            "--all",
            "--database",
            str(encrypted_db.path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "WELLBEING_DESKTOP_HOME": str(isolated_home)},
    )
    assert result.returncode == 3
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""
