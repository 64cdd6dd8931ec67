"""A throwaway PostgreSQL server for the test session.

The server lives in a temporary folder, listens only on 127.0.0.1 on a free
port (and a Unix socket inside that folder), trusts loopback logins, and runs
with durability switched off because nothing in it needs to survive. As root,
the PostgreSQL programs run as the ``postgres`` system user, since initdb
refuses to run as root.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

APP_ROLE = "wellbeing"
STARTUP_ATTEMPTS = 3
SERVER_SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "32MB",
    "max_wal_size": "1GB",
    "checkpoint_timeout": "1h",
    "autovacuum": "off",
    "jit": "off",
    # The server log must never hold test data: no statement text, even on error.
    "log_min_error_statement": "panic",
    "log_min_messages": "warning",
    "logging_collector": "off",
}


# Run beside the test session: it waits for the session's end of a pipe to close, which
# happens however the session ends (even killed outright), then stops the server and
# deletes its folder, so an interrupted run leaves no server or files behind.
WATCHDOG = """
import os, shutil, subprocess, sys
pg_ctl, data, root, *as_user = sys.argv[1:]
sys.stdin.read()
if os.path.exists(os.path.join(data, "postmaster.pid")):
    subprocess.run([*as_user, pg_ctl, "-D", data, "-m", "immediate", "-w", "stop"],
                   capture_output=True, check=False, timeout=60, cwd=root)
shutil.rmtree(root, ignore_errors=True)
"""


class PostgresUnavailable(RuntimeError):
    """PostgreSQL is not installed here or would not start; the message says why."""


def find_bindir() -> Path:
    """The newest installed PostgreSQL's bin folder (Debian keeps it off PATH)."""
    candidates = sorted(
        (Path(found).parent for found in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda path: int(path.parent.name) if path.parent.name.isdigit() else 0,
    )
    if candidates:
        return candidates[-1]
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable(
        "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH)."
    )


def fast_temp_parent() -> str | None:
    """Memory-backed /dev/shm when it has room, else the usual temporary folder.

    Every test database is a fresh 7 MB copy of a template; on a disk that costs up
    to a few hundred milliseconds each, in memory a few tens.
    """
    shm = Path("/dev/shm")
    try:
        if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 1 << 30:
            return str(shm)
    except OSError:
        pass
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """Start with ``start()``, stop with ``stop()``; ``new_database()`` hands out URLs."""

    def __init__(self, bindir: Path | None = None) -> None:
        self.bindir = bindir or find_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="wellbeing-pg-", dir=fast_temp_parent()))
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.log = self.root / "server.log"
        self.port = 0
        self._as_user: list[str] = []
        self._admin: psycopg.Connection | None = None
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._numbers = iter(range(1, 1_000_000))

    # -- life cycle ---------------------------------------------------------------

    def start(self) -> None:
        try:
            self._prepare_owner()
            self._start_watchdog()
            self._initdb()
            last_error = ""
            for _attempt in range(STARTUP_ATTEMPTS):
                # Another process may take the free port before the server binds it.
                self.port = free_port()
                last_error = self._pg_ctl_start()
                if not last_error:
                    break
            else:
                raise PostgresUnavailable(f"PostgreSQL would not start: {last_error}")
            self._admin = psycopg.connect(self.admin_dsn("postgres"), autocommit=True)
            self._admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(APP_ROLE)))
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        if self._admin is not None:
            with contextlib.suppress(psycopg.Error):
                self._admin.close()
            self._admin = None
        if self._watchdog is not None:
            # Closing the pipe is the watchdog's signal to stop the server and clean up.
            assert self._watchdog.stdin is not None
            self._watchdog.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._watchdog.wait(timeout=90)
            self._watchdog = None
        if (self.data / "postmaster.pid").exists():
            # Immediate: nothing here needs a clean shutdown, and it takes no time.
            self._run(
                [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w",
                 "stop"],
                check=False,
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def _start_watchdog(self) -> None:
        self._watchdog = subprocess.Popen(
            [sys.executable, "-c", WATCHDOG, str(self.bindir / "pg_ctl"), str(self.data),
             str(self.root), *self._as_user],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # Its own session, so a Ctrl-C meant for the tests does not stop it first.
            start_new_session=True,
        )

    def _prepare_owner(self) -> None:
        self.socket_dir.mkdir()
        if os.geteuid() != 0:
            return
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable(
                "Running as root, and there is no 'postgres' user to run PostgreSQL as."
            ) from None
        for path in (self.root, self.socket_dir):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        runuser = shutil.which("runuser")
        self._as_user = [runuser, "-u", "postgres", "--"] if runuser else []
        if not self._as_user:
            raise PostgresUnavailable("Running as root, and there is no runuser to use.")

    def _run(self, command: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [*self._as_user, *command],
            capture_output=True, text=True, check=False, timeout=120, cwd=self.root,
        )
        if check and result.returncode != 0:
            raise PostgresUnavailable(
                f"{Path(command[0]).name} failed (exit {result.returncode}): "
                f"{(result.stderr or result.stdout).strip()[-2000:]}"
            )
        return result

    def _initdb(self) -> None:
        self._run([
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth-local=trust", "--auth-host=trust", "--no-sync", "--no-instructions",
            "--encoding=UTF8", "--locale=C",
        ])

    def _pg_ctl_start(self) -> str:
        """Start the server; an empty string on success, else why it failed."""
        settings = {**SERVER_SETTINGS, "port": str(self.port),
                    "unix_socket_directories": str(self.socket_dir)}
        options = " ".join(f"-c {name}={value}" for name, value in settings.items())
        result = self._run(
            [str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
             "-o", options, "-w", "-t", "30", "start"],
            check=False,
        )
        if result.returncode == 0:
            return ""
        log_tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
        return f"{(result.stderr or result.stdout).strip()} {log_tail}".strip()

    # -- databases ----------------------------------------------------------------

    def admin_dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def url(self, database: str, user: str = APP_ROLE) -> str:
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def new_database(self, template: str = "template0") -> str:
        """A fresh database owned by the app's (non-superuser) role: empty, or a copy of
        ``template`` (a database built once for the session, with no one connected)."""
        assert self._admin is not None, "the server is not running"
        name = f"test_{next(self._numbers)}"
        self._admin.execute(
            sql.SQL("CREATE DATABASE {} OWNER {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(APP_ROLE), sql.Identifier(template)
            )
        )
        return name

    def drop_database(self, name: str) -> None:
        """Drop a test database, first ending any connection a test left open."""
        if self._admin is None:
            return
        self._admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )
        self._admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
