"""`import staff` and `export calendar|summary` on the command line: a preview with
problems by row number (never names or notes), one-line errors, nothing saved on a
dry run."""

from __future__ import annotations

from pathlib import Path

import icalendar
import openpyxl
import pytest

from tests.ui.scenario import build
from wellbeing_desktop.cli import main
from wellbeing_desktop.services import people
from wellbeing_desktop.services.setup import open_app_database

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
TODAY = "2026-11-26"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(database_url: str) -> str:
    db = open_app_database(database_url)
    try:
        build(db)
    finally:
        db.close()
    return database_url


def _staff(url: str, team: str) -> list[str]:
    db = open_app_database(url)
    try:
        team_id = next(t.id for t in people.list_teams(db) if t.name == team)
        return sorted(p.name for p in people.list_staff(db, team_id))
    finally:
        db.close()


def test_dry_run_prints_problems_by_row_and_saves_nothing(url, capsys):  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys,
        "import", "staff", str(DATA / "esr_export.xlsx"),
        "--team", "Adult Social Work East", "--database", url, "--dry-run", "--today", TODAY,
    )  # fmt: skip
    assert code == 0, err
    assert "The column titles are on row 4" in out
    assert "A 'Employee Name': Name (sure)" in out
    assert "4 to add, 4 left out." in out
    assert "row 9: left out: Role 'Band 6 SW' is not one of your roles" in out
    assert "row 9: check: Start date 'TBC' is not a date" in out
    assert "row 12: left out: FTE 37.5 is out of range" in out
    assert "Dry run: nothing was saved." in out
    for name in ("Siobhán", "Zoë", "Okafor", "Nowak"):
        assert name not in out + err
    assert "Surname, First name" not in out  # notes are not printed
    assert _staff(url, "Adult Social Work East") == ["Tomasz Nowak"]


def test_import_applies_and_writes_the_report(url, capsys, tmp_path):  # type: ignore[no-untyped-def]
    report = tmp_path / "report.csv"
    code, out, err = run(
        capsys,
        "import", "staff", str(DATA / "esr_export.csv"), "--team", "Adult Social Work East",
        "--database", url, "--create-roles", "--limits-from", "Social worker (adults",
        "--report", str(report), "--today", TODAY,
    )  # fmt: skip
    assert code == 0, err
    assert "Imported into Adult Social Work East: 5 added, 0 updated, 3 left out" in out
    assert "1 new role" in out and "Unknown role" not in out
    assert "Agnieszka Nowak" in _staff(url, "Adult Social Work East")
    assert report.read_bytes().startswith(b"\xef\xbb\xbf")


def test_new_team_needs_asking_for(url, capsys):  # type: ignore[no-untyped-def]
    argv = ["import", "staff", str(DATA / "rota_semicolon_cp1252.csv"), "--team", "Recovery"]
    code, _out, err = run(capsys, *argv, "--database", url)
    assert code == 4 and err.count("\n") == 1 and "--create-team" in err
    code, out, err = run(capsys, *argv, "--database", url, "--create-team", "--today", TODAY)
    assert code == 0, err
    assert "5 added" in out
    assert len(_staff(url, "Recovery")) == 5


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "staff", "missing.csv", "--team", "X"], "There is no file called missing.csv"),
        (["import", "staff", "notes.pdf", "--team", "X"], "not a spreadsheet"),
        (["export", "calendar", "--all", "--out", "x.txt"], "FILE.ics"),
        (["import", "staff", "f.csv"], "--team"),
    ],
)
def test_one_line_errors(url, capsys, tmp_path, monkeypatch, argv, message):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    code, _out, err = run(capsys, *argv, "--database", url)
    assert code != 0 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_export_calendar_and_summary(url, capsys, tmp_path):  # type: ignore[no-untyped-def]
    ics = tmp_path / "north.ics"
    code, out, err = run(
        capsys, "export", "calendar", "--team", "North Recovery Service", "--out", str(ics),
        "--database", url, "--today", TODAY,
    )  # fmt: skip
    assert code == 0, err
    assert "4 events" in out
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    assert all("person" in str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    code, out, err = run(
        capsys, "export", "calendar", "--all", "--out", str(ics), "--with-names",
        "--database", url, "--today", TODAY,
    )  # fmt: skip
    assert code == 0 and "holds names" in out
    assert "Tomasz Nowak" in ics.read_text(encoding="utf-8")

    xlsx = tmp_path / "all.xlsx"
    code, out, err = run(
        capsys, "export", "summary", "--all", "--out", str(xlsx), "--database", url,
        "--today", TODAY,
    )  # fmt: skip
    assert code == 0 and "Wrote 4 people" in out
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet["A1"].value == "Name" and sheet.max_row == 5


def test_on_a_fresh_install_import_creates_the_default_database(capsys, monkeypatch):  # type: ignore[no-untyped-def]
    """Before the app has ever been opened there is no database: `import staff` creates
    and initialises the default one, as the app does, and says so; `db check` still
    refuses but says how to make one."""
    monkeypatch.delenv("WELLBEING_DESKTOP_DATABASE", raising=False)
    code, out, err = run(capsys, "db", "check")
    assert code != 0 and "There is no database" in err and "Start the app once" in err
    argv = ["import", "staff", str(DATA / "rota_semicolon_cp1252.csv"), "--team", "Recovery"]
    code, out, err = run(capsys, *argv, "--create-team", "--today", TODAY)
    assert code == 0, err
    assert "No database yet: creating the default one at" in out
    assert "5 added" in out
    code, out, err = run(capsys, *argv, "--today", TODAY, "--dry-run")
    assert code == 0, err
    assert "No database yet" not in out
    code, out, err = run(capsys, "db", "check")
    assert code == 0, err
    # A database named explicitly is never made up: a typing slip is refused.
    code, out, err = run(capsys, *argv, "--database", "typo.sqlite3", "--create-team")
    assert code != 0 and "There is no database" in err
