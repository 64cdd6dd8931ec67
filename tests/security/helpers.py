"""Scenario builders and byte-level checks shared by the security tests.

The names and notes are made up and deliberately unusual, so that finding one in
a file's raw bytes can only mean it was written there in the clear.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from wellbeing_desktop.services import people
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.services.supervision import SessionDraft, save_session
from wellbeing_desktop.storage import models
from wellbeing_desktop.storage.database import Database
from wellbeing_desktop.storage.encryption import DatabaseKey

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "violet kettle harbour seventeen"
TEAM = "Quillfeather Outreach Team"
NAMES = ("Zebedee Marchbanks-Oyelaran", "Perpetua Vantongeren")
NOTE = "Discussed the confidential-marker-7Q3X caseload and a wellbeing plan"
# Words written into each free-text column of the workload and learning tables: the
# plain file shows every one, an encrypted file none.
MARKERS = {
    "workload_review.other_action": "confidential-marker-review-action-4KD2",
    "workload_review.outcome": "confidential-marker-review-outcome-8JW1",
    "training_completion.evidence": "confidential-marker-training-evidence-2PL9",
    "development_programme.notes": "confidential-marker-programme-notes-6TQ4",
    "development_plan.notes": "confidential-marker-plan-notes-3XR7",
    "development_objective.text": "confidential-marker-objective-text-9BM5",
    "development_objective.progress": "confidential-marker-objective-progress-5CV8",
    "cpd_entry.reflection": "confidential-marker-cpd-reflection-7HN3",
}
# Table and column names that must not show either.
SCHEMA_WORDS = (
    "supervision_session",
    "staff_member",
    "alembic_version",
    "CREATE TABLE",
    "casework",
    "workload_review",
    "training_completion",
    "development_objective",
    "cpd_entry",
)
TODAY = dt.date(2026, 11, 26)


@dataclass(frozen=True)
class Scenario:
    team_id: int
    staff_ids: tuple[int, ...]


def build_scenario(path: Path, *, passphrase: str | None) -> tuple[DatabaseKey | None, Scenario]:
    db = open_app_database(path, passphrase=passphrase)
    try:
        team = people.save_team(db, TEAM).id
        role = next(r.id for r in people.list_roles(db) if "keyworker" in r.name)
        staff = tuple(
            people.save_staff(
                db,
                people.StaffDraft(
                    name=name,
                    team_id=team,
                    role_id=role,
                    fte=1.0,
                    start_date="2020-01-06",
                    notes=NOTE,
                ),
            ).id
            for name in NAMES
        )
        save_session(db, session_draft(staff[0], 0), today=TODAY)
        _workload_and_learning(db, staff[0])
        return db.key, Scenario(team, staff)
    finally:
        db.close()


def _workload_and_learning(db: Database, staff_id: int) -> None:
    """Every free-text column of the workload and learning tables, with its marker
    (written through an audited ORM session, as their services do)."""
    with db.session() as session:
        course = models.Course(name="Quillfeather course", renewal_months=12)
        session.add(course)
        session.flush()
        session.add_all(
            [
                models.WorkloadReview(
                    staff_id=staff_id,
                    agreed_on=dt.date(2026, 11, 2),
                    review_on=dt.date(2026, 11, 16),
                    closed_on=dt.date(2026, 11, 16),
                    other_action=MARKERS["workload_review.other_action"],
                    outcome=MARKERS["workload_review.outcome"],
                ),
                models.TrainingCompletion(
                    staff_id=staff_id,
                    course_id=course.id,
                    completed_on=dt.date(2026, 11, 3),
                    evidence=MARKERS["training_completion.evidence"],
                ),
                models.DevelopmentProgramme(
                    staff_id=staff_id,
                    kind="induction",
                    start_on=dt.date(2026, 9, 1),
                    expected_end_on=dt.date(2026, 12, 1),
                    notes=MARKERS["development_programme.notes"],
                ),
                models.DevelopmentPlan(
                    staff_id=staff_id,
                    year=2026,
                    notes=MARKERS["development_plan.notes"],
                    objectives=[
                        models.DevelopmentObjective(
                            text=MARKERS["development_objective.text"],
                            progress=MARKERS["development_objective.progress"],
                        )
                    ],
                ),
                models.CpdEntry(
                    staff_id=staff_id,
                    done_on=dt.date(2026, 11, 1),
                    activity="Reading",
                    hours=1.5,
                    reflection=MARKERS["cpd_entry.reflection"],
                ),
            ]
        )


def session_draft(staff_id: int, number: int) -> SessionDraft:
    return SessionDraft(
        kind="one_to_one",
        held_on=TODAY,
        duration_minutes=45,
        attendee_ids=[staff_id],
        supervisor_name=NAMES[1],
        casework=f"{NOTE} ({number})",
        wellbeing=NOTE,
    )


def secrets_found(data: bytes) -> list[str]:
    """Which of the names, notes and schema words occur in ``data`` (UTF-8 or UTF-16)."""
    found = []
    for word in (TEAM, *NAMES, NOTE, "confidential-marker", *MARKERS.values(), *SCHEMA_WORDS):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if word.encode(encoding) in data:
                found.append(f"{word} ({encoding})")
    return found


def worker_env(key: DatabaseKey | None, home: Path) -> dict[str, str]:
    env = {**os.environ, "WELLBEING_DESKTOP_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("WD_TEST_KEY", None)
    if key is not None:
        env["WD_TEST_KEY"] = key.to_text()
    return env


def start_worker(
    path: Path,
    staff_id: int,
    key: DatabaseKey | None,
    home: Path,
    *,
    count: int = 0,
    extra: tuple[str, ...] = (),
) -> subprocess.Popen[str]:
    """A process saving sessions through the services in a loop (see save_worker.py)."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.security.save_worker",
            str(path),
            str(staff_id),
            str(count),
            *extra,
        ],
        cwd=ROOT,
        env=worker_env(key, home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def completed_ids(output: str) -> set[int]:
    """The ids of saves the worker reported complete: whole lines only (a line cut off
    by the kill was not reported)."""
    lines = output.split("\n")
    return {int(line) for line in lines[:-1] if line.strip().isdigit()}
