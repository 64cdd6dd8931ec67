"""Crash safety: a process saving sessions is killed (SIGKILL) at random moments, many
times over; after every kill the encrypted file passes SQLite's integrity check and
every save the process reported complete is there."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from tests.security.conftest import Copy
from tests.security.helpers import completed_ids, start_worker
from wellbeing_desktop.storage import encryption

KILLS = 25

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


def check_file(path: Path, key: encryption.DatabaseKey) -> tuple[list[str], set[int], int]:
    """Integrity check, saved session ids, and sessions saved without their attendee
    (half a save), through a fresh keyed connection (which also recovers the WAL, as
    the app would on its next start)."""
    connection = encryption.connect(path, key)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        ids = {row[0] for row in connection.execute("SELECT id FROM supervision_session")}
        halves = connection.execute(
            "SELECT count(*) FROM supervision_session AS s WHERE NOT EXISTS "
            "(SELECT 1 FROM session_attendee AS a WHERE a.session_id = s.id)"
        ).fetchone()[0]
    finally:
        connection.close()
    return integrity, ids, halves


def test_sigkill_mid_save_never_damages_or_loses_a_reported_save(
    encrypted_db: Copy, isolated_home: Path
) -> None:
    rng = random.Random(20261126)
    path, key = encrypted_db.path, encrypted_db.key
    staff = encrypted_db.scenario.staff_ids[0]
    reported: set[int] = set()
    kills_mid_loop = 0
    for _round in range(KILLS):
        worker = start_worker(path, staff, key, isolated_home, extra=("--size", "6000"))
        assert worker.stdout is not None
        # Let it report a few saves, then kill it a random moment later: mostly in the
        # middle of a transaction or its commit, since saving is all it does.
        seen = ""
        for _ in range(rng.randint(1, 4)):
            seen += worker.stdout.readline()
        time.sleep(rng.uniform(0.0, 0.04))
        if worker.poll() is None:
            kills_mid_loop += 1
        worker.send_signal(signal.SIGKILL)
        rest, errors = worker.communicate(timeout=60)
        assert "Error" not in errors, errors
        now_reported = completed_ids(seen + rest)
        assert now_reported, "the worker reported no save before it was killed"
        reported |= now_reported

        integrity, present, halves = check_file(path, key)
        assert integrity == ["ok"]
        assert halves == 0
        missing = reported - present
        assert not missing, f"{len(missing)} reported save(s) lost after a kill"
    assert kills_mid_loop == KILLS
    assert len(reported) >= KILLS
