"""Make the first-page images in this folder from a fresh demo organisation.

    python docs/reports/make_images.py

Writes each report of the demo organisation (invented people, seed 1, history up to
today) to a temporary folder and renders its first page (and the training report's
second, the matrix) with ``pdftoppm -png -r 80`` into docs/reports/. Needs poppler-utils
(``pdftoppm``) and the app installed (``python3 dev.py test`` sets both up).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import func, select

from wellbeing_desktop.reports import render
from wellbeing_desktop.services.demo_data import generate_demo_data
from wellbeing_desktop.storage.database import Database, open_database
from wellbeing_desktop.storage.models import (
    CheckIn,
    StaffMember,
    SupervisionAction,
    SupervisionSession,
    Team,
)

HERE = Path(__file__).resolve().parent


def _first(db: Database, query: object) -> object:
    with db.session() as session:
        return session.execute(query).scalars().first()  # type: ignore[call-overload]


def _busiest_team(db: Database) -> str:
    """The team with the most people in post, so the first page is a full one."""
    query = (
        select(Team.name)
        .join(StaffMember, StaffMember.team_id == Team.id)
        .where(StaffMember.leaving_date.is_(None))
        .group_by(Team.id, Team.name)
        .order_by(func.count().desc(), Team.name)
    )
    return str(_first(db, query))


def _fullest_session(db: Database) -> int:
    """A one-to-one session with the most actions (the latest of those)."""
    query = (
        select(SupervisionSession.id)
        .join(SupervisionAction, SupervisionAction.session_id == SupervisionSession.id)
        .where(SupervisionSession.kind == "one_to_one")
        .group_by(SupervisionSession.id, SupervisionSession.held_on)
        .order_by(func.count().desc(), SupervisionSession.held_on.desc())
    )
    return int(_first(db, query))  # type: ignore[call-overload]


def _most_checked_in(db: Database) -> int:
    query = (
        select(CheckIn.staff_id)
        .group_by(CheckIn.staff_id)
        .order_by(func.count().desc(), CheckIn.staff_id)
    )
    return int(_first(db, query))  # type: ignore[call-overload]


def _page(pdf: Path, page: int, name: str) -> None:
    stem = HERE / name
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    print(f"{stem.with_suffix('.png').relative_to(HERE.parents[1])}")


def main() -> int:
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        db = open_database(out / "demo.sqlite3")
        try:
            generate_demo_data(db, staff=60, years=2, seed=1, today=today)
            team = _busiest_team(db)
            three_months = today - dt.timedelta(days=91)
            reports = {
                "caseload-team": ("caseload", {"team": team}),
                "caseload-organisation": ("caseload", {"all_teams": True}),
                "supervision-record": ("supervision-record", {"session_id": _fullest_session(db)}),
                "compliance": ("compliance", {"team": team, "start": three_months, "end": today}),
                "wellbeing": ("wellbeing", {"staff_id": _most_checked_in(db)}),
                "training-team": ("training", {"team": team}),
            }
            for name, (kind, options) in reports.items():
                pdf = out / f"{name}.pdf"
                render(kind, db, out=pdf, today=today, **options)
                _page(pdf, 1, name)
                if kind == "training":
                    _page(pdf, 2, "training-team-matrix")
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
