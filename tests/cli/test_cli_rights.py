"""The data-rights commands, driven as a user would: export, erase, retention, and
`db check` finding a broken audit chain. Output names people by number only."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest

from tests.services.scenarios import OTHER_NAME, SUBJECT_NAME, SUBJECT_NOTE, Team, build_team
from wellbeing_desktop.cli import main
from wellbeing_desktop.services import audit, people
from wellbeing_desktop.services.setup import open_app_database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert SUBJECT_NAME not in out + err and OTHER_NAME not in out + err
    assert SUBJECT_NOTE not in out + err
    return code, out, err


@pytest.fixture
def built(database_url: str) -> tuple[str, Team]:
    db = open_app_database(database_url)
    try:
        team = build_team(db, subject_left=dt.date(2018, 2, 28))
    finally:
        db.close()
    return database_url, team


def staff_ids(url: str) -> set[int]:
    db = open_app_database(url)
    try:
        return {s.id for s in people.list_staff(db, include_left=True)}
    finally:
        db.close()


@pytest.mark.parametrize("suffix", [".json", ".pdf"])
def test_export_person(built: tuple[str, Team], tmp_path: Path, capsys, suffix: str) -> None:
    url, team = built
    out = tmp_path / f"person{suffix}"
    code, printed, err = run(
        capsys,
        "export",
        "person",
        "--person",
        str(team.subject),
        "--out",
        str(out),
        "--database",
        url,
    )
    assert code == 0, err
    assert f"person {team.subject}" in printed and "audit trail" in printed
    if suffix == ".json":
        assert json.loads(out.read_text(encoding="utf-8"))["staff_id"] == team.subject
    else:
        assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--person", "9999", "--out", "OUT.json"], 4),
        (["--person", "1", "--out", "OUT.txt"], 1),
        (["--person", "zero", "--out", "OUT.json"], 2),
        (["--person", "-3", "--out", "OUT.json"], 2),
        (["--person", "1", "--out", "MISSING/x.pdf"], 5),
    ],
)
def test_export_person_refusals_are_one_line(
    built: tuple[str, Team], tmp_path: Path, capsys, argv: list[str], code: int
) -> None:
    url, _team = built
    argv = [
        a.replace("OUT", str(tmp_path / "out")).replace("MISSING", str(tmp_path / "no"))
        for a in argv
    ]
    got, _out, err = run(capsys, "export", "person", *argv, "--database", url)
    assert got == code and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not list(tmp_path.glob("out*"))


def test_erase_person_needs_confirmation(built: tuple[str, Team], capsys, monkeypatch) -> None:
    url, team = built
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal
    code, out, err = run(
        capsys, "erase", "person", "--person", str(team.subject), "--database", url
    )
    assert code == 1 and "--yes" in err
    assert "Check-ins: 2" in out  # the preview was shown, in counts
    assert team.subject in staff_ids(url)


@pytest.mark.parametrize(("answer", "erased"), [("yes\n", True), ("no\n", False), ("", False)])
def test_erase_person_asks_on_a_terminal(
    built: tuple[str, Team], capsys, monkeypatch, answer: str, erased: bool
) -> None:
    url, team = built

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal(answer))
    code, out, _err = run(
        capsys, "erase", "person", "--person", str(team.subject), "--database", url
    )
    assert (code == 0) is erased
    assert (team.subject not in staff_ids(url)) is erased
    assert ("Nothing was erased." in out) is not erased


def test_erase_person_with_yes(built: tuple[str, Team], capsys) -> None:
    url, team = built
    code, out, _err = run(
        capsys, "erase", "person", "--person", str(team.subject), "--yes", "--database", url
    )
    assert code == 0 and f"Erased person {team.subject}" in out
    assert team.subject not in staff_ids(url)
    code, _out, err = run(
        capsys, "erase", "person", "--person", str(team.subject), "--yes", "--database", url
    )
    assert code == 4 and len(err.strip().splitlines()) == 1


def test_retention_preview_apply_and_period(built: tuple[str, Team], capsys) -> None:
    url, team = built
    code, out, _err = run(capsys, "retention", "preview", "--database", url)
    assert code == 0 and "more than 6 years ago" in out
    assert f"person {team.subject}:" in out and "Check-ins: 2" in out
    assert team.subject in staff_ids(url)

    code, out, _err = run(capsys, "retention", "apply", "--yes", "--database", url)
    assert code == 0 and "Removed the records of 1 person" in out
    assert team.subject not in staff_ids(url)

    code, out, _err = run(capsys, "retention", "preview", "--database", url)
    assert code == 0 and "Nobody is due for removal." in out
    code, out, _err = run(capsys, "retention", "set-years", "9", "--database", url)
    assert code == 0 and "9 years" in out
    code, _out, err = run(capsys, "retention", "set-years", "0", "--database", url)
    assert code == 2 and "Retention period" in err


def test_retention_apply_without_a_terminal_removes_nothing(
    built: tuple[str, Team], capsys, monkeypatch
) -> None:
    url, team = built
    monkeypatch.setattr("sys.stdin", io.StringIO("yes\n"))
    code, _out, err = run(capsys, "retention", "apply", "--database", url)
    assert code == 1 and "--yes" in err
    assert team.subject in staff_ids(url)


def test_db_check_reports_a_broken_audit_chain(sqlite_path: Path, capsys) -> None:
    db = open_app_database(sqlite_path)
    try:
        build_team(db)
        assert audit.verify_chain(db).ok
    finally:
        db.close()
    code, out, _err = run(capsys, "db", "check", "--database", str(sqlite_path))
    assert code == 0 and "Result: ok" in out
    with sqlite3.connect(sqlite_path) as connection:
        connection.execute("UPDATE audit_entry SET record_id = '1' WHERE id = 40")
    connection.close()
    code, out, _err = run(capsys, "db", "check", "--database", str(sqlite_path))
    assert code == 1 and "Problem: The audit trail has been altered" in out
    assert "entry 40" in out
