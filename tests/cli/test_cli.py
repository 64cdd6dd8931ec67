"""The command line, driven as a user would: exit codes and one-line messages."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from wellbeing_desktop.cli import main
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage.schema import HEAD_REVISION

TODAY = "2026-11-26"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def team_db(database_url: str) -> str:
    db = open_app_database(database_url)
    try:
        team = people.save_team(db, "North Recovery Service").id
        role = next(r.id for r in people.list_roles(db) if "keyworker" in r.name)
        for name, fte, cases in (("Siobhán Ó Briain", 0.8, 34), ("Llŷr ap Dafydd", 1.0, 20)):
            staff = people.save_staff(
                db,
                people.StaffDraft(
                    name=name, team_id=team, role_id=role, fte=fte, start_date="2020-01-01"
                ),
            )
            caseloads.record_caseload(db, caseloads.make_entry(staff.id, "2026-11-20", cases))
    finally:
        db.close()
    return database_url


def test_summary_text_and_json(team_db, capsys):
    code, out, err = run(
        capsys,
        "summary",
        "--database",
        team_db,
        "--team",
        "north recovery service",
        "--date",
        TODAY,
    )
    assert code == 0, err
    assert "✕ Siobhán Ó Briain" in out
    assert "34 cases against a limit of 32 for 0.8 FTE: 2 over" in out
    assert "Over safe limit: 1; approaching: 0; within: 1" in out
    code, out, err = run(
        capsys, "summary", "--database", team_db, "--all", "--json", "--date", TODAY
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["totals"]["over_limit"] == 1
    assert {p["name"]: p["status"] for p in data["people"]} == {
        "Siobhán Ó Briain": "red",
        "Llŷr ap Dafydd": "green",
    }


def test_unknown_team_is_one_line(team_db, capsys):
    code, _out, err = run(capsys, "summary", "--database", team_db, "--team", "Nowhere")
    assert code == 4
    assert err.strip() == "wellbeing-desktop: There is no team called 'Nowhere'."


@pytest.mark.parametrize(
    "argv",
    [
        ["summary"],  # neither --team nor --all
        ["summary", "--all", "--date", "31/02/2026"],
        ["demo-data", "--staff", "-3"],
        ["nonsense"],
    ],
)
def test_bad_arguments_are_one_line(argv, capsys):
    code, _out, err = run(capsys, *argv)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_db_check_backup_upgrade(sqlite_path, capsys):
    open_app_database(sqlite_path).close()
    code, out, _ = run(capsys, "db", "check", "--database", str(sqlite_path))
    assert code == 0 and "Result: ok" in out and HEAD_REVISION in out
    backup = sqlite_path.with_name("copy.sqlite3")
    code, out, _ = run(capsys, "db", "backup", "--database", str(sqlite_path), "--out", str(backup))
    assert code == 0 and backup.exists()
    with sqlite3.connect(backup) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("SELECT count(*) FROM role").fetchone()[0] > 0
    code, out, _ = run(capsys, "db", "upgrade", "--database", str(sqlite_path))
    assert code == 0 and "already up to date" in out


def _damaged(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    text = folder / "notes.txt"
    text.write_text("Not a database at all\n" * 50)
    real = folder / "real.sqlite3"
    db = open_app_database(real)
    db.close()
    truncated = folder / "truncated.sqlite3"
    truncated.write_bytes(real.read_bytes()[: real.stat().st_size // 3])
    foreign = folder / "foreign.sqlite3"
    # closing(): sqlite3's "with" only commits; a connection left to the garbage collector
    # would checkpoint its WAL into the file in the middle of a later test step.
    with closing(sqlite3.connect(foreign)) as connection, connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    newer = folder / "newer.sqlite3"
    newer.write_bytes(real.read_bytes())
    with closing(sqlite3.connect(newer)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    return {"text": text, "truncated": truncated, "foreign": foreign, "newer": newer}


@pytest.mark.parametrize("kind", ["text", "truncated", "foreign", "newer"])
@pytest.mark.parametrize(
    "command",
    [["summary", "--all"], ["db", "check"], ["db", "upgrade"], ["db", "backup", "--out", "OUT"]],
)
def test_bad_files_give_one_line_and_stay_untouched(kind, command, tmp_path, capsys):
    path = _damaged(tmp_path / "files")[kind]
    before = digest(path)
    argv = [a if a != "OUT" else str(tmp_path / "out.sqlite3") for a in command]
    code, out, err = run(capsys, *argv, "--database", str(path))
    assert code != 0
    assert len(err.strip().splitlines()) <= 1 and "Traceback" not in err + out
    assert digest(path) == before
    assert not (tmp_path / "out.sqlite3").exists()
    if kind == "newer":
        assert "newer version" in err + out


def test_unreachable_postgresql_is_one_line(capsys):
    code, _out, err = run(
        capsys, "summary", "--all", "--database", "postgresql://nobody@127.0.0.1:9/nothing"
    )
    assert code == 3
    assert "cannot be reached" in err and len(err.strip().splitlines()) == 1


def test_missing_database_for_summary(tmp_path, capsys):
    code, _out, err = run(capsys, "summary", "--all", "--database", str(tmp_path / "none.db"))
    assert code == 3 and "There is no database" in err


def test_demo_data_refuses_to_overwrite(sqlite_path, capsys):
    open_app_database(sqlite_path).close()
    before = digest(sqlite_path)
    code, _out, err = run(capsys, "demo-data", "--database", str(sqlite_path), "--staff", "5")
    assert code != 0 and "already exists" in err
    assert digest(sqlite_path) == before


def test_real_process_prints_no_traceback(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    result = subprocess.run(
        [sys.executable, "-m", "wellbeing_desktop", "summary", "--all", "--database", str(notes)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "WELLBEING_DESKTOP_HOME": str(tmp_path / "home")},
    )
    assert result.returncode == 3
    assert result.stderr.strip() == (
        f"wellbeing-desktop: {notes} is not a Wellbeing Desktop database (not an SQLite file)."
    )
    assert result.stdout == ""
