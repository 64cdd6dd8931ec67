"""`wellbeing-desktop summary` in text says how the team's mandatory training stands,
and each person's where something is expired, missing or expiring."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cli.test_cli import TODAY, run
from wellbeing_desktop.services import people, training
from wellbeing_desktop.services.setup import open_app_database

DAY = dt.date.fromisoformat(TODAY)


@pytest.fixture
def training_db(database_url: str) -> str:
    db = open_app_database(database_url)
    try:
        team = people.save_team(db, "North Recovery Service").id
        role = next(r.id for r in people.list_roles(db) if "keyworker" in r.name)
        ids = [
            people.save_staff(
                db,
                people.StaffDraft(name=name, team_id=team, role_id=role, start_date="2020-01-01"),
            ).id
            for name in ("Lapsed Person", "Trained Person")
        ]
        courses = training.list_courses(db)
        for course in courses:
            training.record_completion(db, ids[1], course.id, "2026-11-01", today=DAY)
        naloxone = next(c for c in courses if c.key == "naloxone")
        training.record_completion(db, ids[0], naloxone.id, "2025-10-01", today=DAY)
        yearly = next(c for c in courses if c.key == "information_governance")
        training.record_completion(db, ids[0], yearly.id, "2025-12-10", today=DAY)
    finally:
        db.close()
    return database_url


def test_summary_text_counts_mandatory_training(training_db, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "summary", "--database", training_db, "--all", "--date", TODAY)
    assert code == 0, err
    lapsed, trained = out.split("? Trained Person")
    assert "    Mandatory training: 1 expired, 9 missing, 1 expiring\n" in lapsed
    assert "Mandatory training" not in trained.split("People:")[0]  # nothing to say
    assert (
        "Mandatory training: 1 expired (1 person); 9 missing (1 person); "
        "1 expiring (1 person); 12 of 22 up to date (55%)\n"
    ) in out
