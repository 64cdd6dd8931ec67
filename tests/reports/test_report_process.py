"""The report command's own process stays light: no ORM, no models, no Alembic, and the
cycle collector off (docs/PERFORMANCE.md, issue 5: each of these cost the command from
the command line 30-120 ms)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.services import workload_reviews as wr
from wellbeing_desktop.services.setup import open_app_database

ROOT = Path(__file__).resolve().parents[2]

# As the installed `wellbeing-desktop` script does: the process's own arguments.
REPORT = """
import gc
import sys
from wellbeing_desktop.cli import main
database, out, today = sys.argv[1:]
sys.argv = ["wellbeing-desktop", "report", "caseload", "--database", database,
            "--team", "North Recovery Service", "--out", out, "--today", today]
code = main()
heavy = [name for name in sorted(sys.modules)
         if name.startswith(("sqlalchemy.orm", "alembic"))
         or name == "wellbeing_desktop.storage.models"]
print(code, gc.isenabled(), ",".join(heavy))
"""


def test_the_report_command_loads_no_orm_and_collects_nothing(tmp_path: Path) -> None:
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
    out = tmp_path / "caseload.pdf"
    result = subprocess.run(
        [sys.executable, "-c", REPORT, str(path), str(out), TODAY.isoformat()],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 False ", result.stdout
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "3 cases to Llŷr ap Dafydd" in text
