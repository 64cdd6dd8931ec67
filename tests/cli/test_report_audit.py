"""`wellbeing-desktop report` writes personal data to a file: each PDF it writes is in the
audit trail as exported (by record number, never by name), and appears only with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.scenarios import SUBJECT_NAME, Team, build_team
from wellbeing_desktop.cli import main
from wellbeing_desktop.services import audit
from wellbeing_desktop.services.setup import open_app_database


@pytest.fixture
def built(sqlite_url: str) -> tuple[str, Team]:
    db = open_app_database(sqlite_url)
    try:
        team = build_team(db)
    finally:
        db.close()
    return sqlite_url, team


def exported(url: str) -> list[audit.AuditEntryInfo]:
    db = open_app_database(url)
    try:
        return audit.list_entries(db, action="exported", newest_first=False)
    finally:
        db.close()


def test_each_report_written_is_audited_as_exported(
    built: tuple[str, Team], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, team = built
    commands = [
        (["caseload", "--team", "rights TEAM"], ("team", str(team.team), "team caseload report")),
        (["caseload", "--all"], ("team", "all", "team caseload report")),
        (
            ["wellbeing", "--person", str(team.subject)],
            ("staff_member", str(team.subject), "wellbeing summary, without notes"),
        ),
        (
            ["supervision-record", "--session", str(team.sole_session)],
            ("supervision_session", str(team.sole_session), "supervision record"),
        ),
    ]
    for number, (arguments, _expected) in enumerate(commands):
        out = tmp_path / f"report-{number}.pdf"
        code = main(["report", *arguments, "--database", url, "--out", str(out)])
        stdout, stderr = capsys.readouterr()
        assert (code, stderr) == (0, ""), arguments
        assert stdout == f"Report written to {out}\n"
        assert out.read_bytes().startswith(b"%PDF")
    entries = exported(url)
    assert [(e.record_type, e.record_id, e.detail) for e in entries] == [
        (record_type, record_id, f"{detail} (PDF)")
        for _arguments, (record_type, record_id, detail) in commands
    ]
    assert all(SUBJECT_NAME not in e.detail and "report-" not in e.detail for e in entries)


def test_a_report_that_is_not_written_is_not_audited(
    built: tuple[str, Team], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _team = built
    out = tmp_path / "no-such-folder" / "team.pdf"
    assert main(["report", "caseload", "--all", "--database", url, "--out", str(out)]) == 5
    assert "does not exist" in capsys.readouterr().err
    assert main(["report", "caseload", "--team", "Nowhere", "--database", url, "--out",
                 str(tmp_path / "x.pdf")]) == 4  # fmt: skip
    assert not (tmp_path / "x.pdf").exists()
    assert exported(url) == []
