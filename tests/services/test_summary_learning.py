"""``team_summary(learning=False)`` (for the caseload report) leaves out training and
programmes and nothing else, on both backends."""

from __future__ import annotations

import dataclasses

from wellbeing_desktop.services import caseloads, people, training
from wellbeing_desktop.services.summary import summary_as_dict, team_summary
from wellbeing_desktop.services.training_rules import TrainingCounts
from wellbeing_desktop.storage.database import Database

from .builders import TODAY, add_person


def test_without_learning_only_training_and_programmes_are_left_out(app_db: Database) -> None:
    team = people.save_team(app_db, "North").id
    person = add_person(app_db, team, "Keyworker One")
    add_person(app_db, team, "Keyworker Two")
    caseloads.record_caseload(app_db, caseloads.make_entry(person, "2026-11-01", 38, today=TODAY))
    course = next(c for c in training.list_courses(app_db) if c.key == "naloxone")
    training.record_completion(app_db, person, course.id, "2025-10-01", today=TODAY)  # expired
    full = team_summary(app_db, [team], today=TODAY)
    lean = team_summary(app_db, [team], today=TODAY, learning=False)
    assert any(p.training.expired for p in full.people)
    assert all(p.training == TrainingCounts() and p.programmes == () for p in lean.people)
    blank = {"training": TrainingCounts(), "programmes": ()}
    expected = dataclasses.replace(
        full, people=tuple(dataclasses.replace(p, **blank) for p in full.people)
    )
    assert summary_as_dict(lean) == summary_as_dict(expected)
