"""The floor of this stack for a PDF report from the command line, as a program to time.

    python tests/perf/report_floor.py DATABASE OUT.pdf [--team NAME]

It imports SQLAlchemy and reportlab, reads the people of one team (50 rows: name,
role, FTE, latest caseload) from the database file, and writes them as one table to
a PDF: the least any SQLAlchemy + reportlab program can do to print a team's
caseloads. It imports nothing from the app, so the app's ``report`` command can be
measured against it in the same run (tests/perf/test_report_cli_perf.py).
"""

from __future__ import annotations

import sys

QUERY = """
SELECT s.name, r.name, s.fte,
       (SELECT c.open_cases FROM caseload_record c WHERE c.staff_id = s.id
        ORDER BY c.recorded_on DESC LIMIT 1)
FROM staff_member s JOIN role r ON r.id = s.role_id JOIN team t ON t.id = s.team_id
WHERE t.name = :team AND s.start_date <= date('now')
  AND (s.leaving_date IS NULL OR s.leaving_date > date('now'))
ORDER BY s.name
"""


def main(argv: list[str]) -> int:
    database, out = argv[0], argv[1]
    team = argv[3] if len(argv) > 3 and argv[2] == "--team" else None
    import sqlalchemy
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    engine = sqlalchemy.create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        if team is None:
            team = connection.execute(sqlalchemy.text("SELECT min(name) FROM team")).scalar_one()
        rows = connection.execute(sqlalchemy.text(QUERY), {"team": team}).all()
    engine.dispose()
    data = [["Name", "Role", "FTE", "Cases"]] + [
        [name, role, f"{fte:g}", "" if cases is None else str(cases)]
        for name, role, fte, cases in rows
    ]
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    SimpleDocTemplate(out, pagesize=A4, title=f"Caseloads: {team}").build([table])
    print(f"{len(rows)} rows written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
