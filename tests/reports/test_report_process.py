"""The report command's own process stays light: no ORM, no models, no Alembic, the
cycle collector off, and the process ended without Python's shutdown once the report
is safely written (docs/PERFORMANCE.md, issue 5: each of these cost the command from
the command line 10-120 ms)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.services import audit, caseloads, people
from wellbeing_desktop.services import workload_reviews as wr
from wellbeing_desktop.services.setup import open_app_database

ROOT = Path(__file__).resolve().parents[2]

ARGUMENTS = """
import sys
database, out, today = sys.argv[1:]
sys.argv = ["wellbeing-desktop", "report", "caseload", "--database", database,
            "--team", "North Recovery Service", "--out", out, "--today", today]
"""
# What `main` runs for the process's own arguments, stopping short of ending it.
REPORT = (
    ARGUMENTS
    + """
import gc
from wellbeing_desktop import cli
ended = cli._Ended()
code = cli._main(None, ends_process=True, ended=ended)
heavy = [name for name in sorted(sys.modules)
         if name.startswith(("sqlalchemy.orm", "alembic"))
         or name == "wellbeing_desktop.storage.models"]
print(code, gc.isenabled(), ended.short_job, ",".join(heavy))
"""
)
# As the installed `wellbeing-desktop` script does.
SCRIPT = (
    ARGUMENTS
    + """
from wellbeing_desktop.cli import main
code = main()
print("main returned", code)  # not reached: the process has ended
sys.exit(code)
"""
)


def _team(tmp_path: Path) -> Path:
    path = tmp_path / "team.sqlite3"
    db = open_app_database(path)
    try:
        team = people.save_team(db, "North Recovery Service").id
        over = add_person(db, team, "Siobhán Ó Briain")
        colleague = add_person(db, team, "Llŷr ap Dafydd")
        for staff_id, cases in ((over, 45), (colleague, 20)):
            caseloads.record_caseload(
                db, caseloads.make_entry(staff_id, "2026-11-19", cases, today=TODAY)
            )
        wr.save_review(  # an open plan, so the report reads plans and their moves
            db,
            over,
            wr.ReviewDraft(
                agreed_on="2026-11-20",
                agreed_by="Team manager",
                review_on="2026-12-04",
                reallocations=[wr.ReallocationDraft(colleague, 3)],
            ),
            today=TODAY,
        )
    finally:
        db.close()
    return path


def _run(program: str, path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", program, str(path), str(out), TODAY.isoformat()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_report_command_loads_no_orm_and_collects_nothing(tmp_path: Path) -> None:
    out = tmp_path / "caseload.pdf"
    result = _run(REPORT, _team(tmp_path), out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 False True ", result.stdout
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "3 cases to Llŷr ap Dafydd" in text


def test_the_report_process_ends_once_everything_is_written(tmp_path: Path) -> None:
    path = _team(tmp_path)
    out = tmp_path / "caseload.pdf"
    result = _run(SCRIPT, path, out)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"Report written to {out}"]  # flushed, then ended
    assert len(PdfReader(out).pages) >= 2
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    db = open_app_database(path)  # the export's audit entry was committed before the end
    try:
        entries = audit.list_entries(db, action="exported")
    finally:
        db.close()
    assert len(entries) == 1

    failed = _run(SCRIPT.replace("North Recovery Service", "No Such Team"), path, out)
    assert failed.returncode != 0  # an error ends the usual way, with its one line
    assert "No Such Team" in failed.stderr and "main returned" in failed.stdout
