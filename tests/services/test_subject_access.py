"""Subject access: everything held about one person, as JSON and PDF, audited as
exported, with other people's names kept out; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.services.scenarios import (
    OTHER_NAME,
    OTHER_NOTE,
    SUBJECT_NAME,
    SUBJECT_NOTE,
    Team,
    build_team,
)
from wellbeing_desktop.errors import NotFoundError, WellbeingError
from wellbeing_desktop.reports.subject_access import export_pdf
from wellbeing_desktop.services import audit, subject_access
from wellbeing_desktop.storage.database import Database


@pytest.fixture
def team(app_db: Database) -> Team:
    return build_team(app_db)


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_every_record_type_about_the_person_is_there(app_db: Database, team: Team) -> None:
    document = subject_access.gather(app_db, team.subject)
    assert document.counts() == {
        "staff_record": 1,
        "protections": 1,
        "caseloads": 2,
        "supervision_sessions": 2,  # their one-to-one and the group session
        "actions_in_other_sessions": 1,
        "sessions_as_supervisor": 1,
        "check_ins": 2,
        "signposting": 1,
        "workload_reviews": 1,
        "reallocations_received": 1,  # from the other's review
        "training": 2,
        "development_programmes": 1,
        "programmes_as_assessor": 1,  # the other's induction
        "development_plans": 1,
        "cpd": 1,
        "audit_trail": document.counts()["audit_trail"],
    }
    assert document.counts()["audit_trail"] >= 1  # at least "created"
    data = document.as_dict()
    assert data["format"] == subject_access.FORMAT and data["staff_id"] == team.subject
    person = data["staff_record"]
    assert person["name"] == SUBJECT_NAME and person["notes"] == SUBJECT_NOTE
    assert person["start_date"] == "2010-01-04"
    assert [c["open_cases"] for c in data["caseloads"]] == [12, 10]
    assert data["caseloads"][0]["complexity"] == [
        {"label": "High", "cases": 2, "weight": 3.0},
        {"label": "Low", "cases": 10, "weight": 1.0},
    ]
    assert [c["overall"] for c in data["check_ins"]] == [4, 2]
    assert data["signposting"][0]["reason"] == "stress"
    assert data["signposting"][0]["outcome"] == "Called them"
    assert data["protections"][0]["kind"] == "phased_return"
    sessions = {s["id"]: s for s in data["supervision_sessions"]}
    assert set(sessions) == {team.sole_session, team.group_session}
    assert sessions[team.sole_session]["wellbeing"] == SUBJECT_NOTE
    assert sessions[team.group_session]["other_attendees"] == 1
    assert [a["owner"] for a in sessions[team.group_session]["actions"]] == [
        "This person",
        "Another person",
    ]
    assert data["actions_in_other_sessions"][0]["text"] == "Subject to send the policy"
    assert data["sessions_as_supervisor"][0]["id"] == team.others_session


def test_workload_and_learning_records_are_there(app_db: Database, team: Team) -> None:
    data = subject_access.gather(app_db, team.subject).as_dict()
    [review] = data["workload_reviews"]
    assert (review["trigger"], review["agreed_on"], review["closed_on"]) == (
        "red",
        "2026-10-05",
        "2026-10-20",
    )
    assert (review["other_action"], review["outcome"]) == (SUBJECT_NOTE, SUBJECT_NOTE)
    assert review["extra_supervision"] is True and review["pause_until"] == "2026-10-31"
    assert [(r["cases"], r["to"], r["applied_on"]) for r in review["reallocations"]] == [
        (3, "Another person", "2026-10-06"),
        (1, "Another person", None),
    ]
    [received] = data["reallocations_received"]
    assert (received["cases"], received["agreed_on"], received["applied_on"]) == (
        2,
        "2026-11-05",
        None,
    )
    assert [(t["course"], t["completed_on"], t["renewal_months"]) for t in data["training"]] == [
        ("Overdose awareness refresher", "2025-11-01", 12),
        ("Motivational interviewing skills", "2026-02-02", None),
    ]
    assert data["training"][0]["evidence"] == SUBJECT_NOTE
    [programme] = data["development_programmes"]
    assert (programme["kind"], programme["assessor"], programme["notes"]) == (
        "preceptorship",
        "Manager M",
        SUBJECT_NOTE,
    )
    assert [(m["title"], m["signed_off_on"]) for m in programme["milestones"]] == [
        ("Safeguarding sign-off", "2026-03-20"),
        ("Independent caseload", None),
    ]
    [supported] = data["programmes_as_assessor"]
    assert (supported["id"], supported["kind"]) == (team.others_programme, "induction")
    assert set(supported) == {"id", "kind", "start_on", "expected_end_on"}  # no notes
    [plan] = data["development_plans"]
    assert (plan["year"], plan["notes"]) == (2026, SUBJECT_NOTE)
    assert [(o["text"], o["status"], o["progress"]) for o in plan["objectives"]] == [
        ("Lead a group session", "open", SUBJECT_NOTE),
        ("Motivational interviewing", "achieved", ""),
    ]
    [cpd] = data["cpd"]
    assert (cpd["activity"], cpd["hours"], cpd["reflection"]) == (
        "Read NICE guidance",
        2.5,
        SUBJECT_NOTE,
    )


def test_every_record_type_about_a_person_has_a_section() -> None:
    """A table that points at a person is read by some section (or is one that only
    links people, read through another: a session's attendees)."""
    from wellbeing_desktop.services.erasure import REMOVED

    sections = {source.key for source in subject_access.SOURCES}
    assert len(sections) == len(subject_access.SOURCES)
    read_through = {
        "staff_member": "staff_record",
        "protection": "protections",
        "caseload_record": "caseloads",
        "caseload_band": "caseloads",
        "workload_review": "workload_reviews",
        "workload_reallocation": "workload_reviews",
        "check_in": "check_ins",
        "signposting_record": "signposting",
        "session_attendee": "supervision_sessions",
        "supervision_session": "supervision_sessions",
        "supervision_action": "supervision_sessions",
        "training_completion": "training",
        "development_programme": "development_programmes",
        "programme_milestone": "development_programmes",
        "development_plan": "development_plans",
        "development_objective": "development_plans",
        "cpd_entry": "cpd",
    }
    assert set(read_through) == set(REMOVED)
    assert set(read_through.values()) <= sections


def test_other_peoples_data_is_kept_out(app_db: Database, team: Team) -> None:
    text = subject_access.to_json(subject_access.gather(app_db, team.subject))
    assert OTHER_NAME not in text and OTHER_NOTE not in text
    assert "Other's own action" not in text  # an action in the other's session
    assert "Shadowing done" not in text  # a milestone in the induction they assess
    assert "Conference" not in text  # the other's CPD


def test_json_export_is_audited_and_names_no_file(
    app_db: Database, team: Team, out_dir: Path
) -> None:
    out = out_dir / f"sar-{SUBJECT_NAME}.json"
    subject_access.export_json(app_db, team.subject, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["staff_record"]["id"] == team.subject
    entry = audit.list_entries(app_db, limit=1)[0]
    assert (entry.action, entry.record_type, entry.record_id, entry.detail) == (
        "exported",
        "staff_member",
        str(team.subject),
        "subject access (JSON)",
    )
    assert [p.name for p in out_dir.iterdir()] == [out.name]  # no partial left


def test_pdf_export_is_readable_and_audited(app_db: Database, team: Team, out_dir: Path) -> None:
    out = out_dir / "sar.pdf"
    export_pdf(app_db, team.subject, out)
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    for words in (
        "Information held about this person",
        "Wellbeing check-ins",
        "Signposting",
        "Sessions led as supervisor",
        "Book leave",
        "Workload reviews",
        "Cases reallocated to this person",
        "Training completed",
        "Overdose awareness refresher",
        "Safeguarding sign-off",
        "Programmes supported as preceptor or assessor",
        "Development plans",
        "Lead a group session",
        "Continuing professional development",
        "Read NICE guidance",
    ):
        assert words in text
    assert SUBJECT_NOTE.split()[0] in text
    assert OTHER_NAME not in text
    entry = audit.list_entries(app_db, limit=1)[0]
    assert (entry.action, entry.detail) == ("exported", "subject access (PDF)")


def test_nobody_and_nowhere(app_db: Database, team: Team, out_dir: Path) -> None:
    before = audit.count_entries(app_db)
    with pytest.raises(NotFoundError):
        subject_access.export_json(app_db, 9999, out_dir / "x.json")
    with pytest.raises(WellbeingError):
        subject_access.export_json(app_db, team.subject, out_dir / "missing" / "x.json")
    with pytest.raises(WellbeingError):
        export_pdf(app_db, team.subject, out_dir / "missing" / "x.pdf")
    assert audit.count_entries(app_db) == before
    assert list(out_dir.iterdir()) == []


def test_a_person_with_nothing_but_a_record(app_db: Database, team: Team, out_dir: Path) -> None:
    document = subject_access.gather(app_db, team.supervisee)
    counts = document.counts()
    assert counts["staff_record"] == 1 and counts["check_ins"] == 0
    assert document.as_dict()["staff_record"]["supervisor"] == SUBJECT_NAME
    export_pdf(app_db, team.supervisee, out_dir / "empty.pdf")
    assert "None held." in PdfReader(out_dir / "empty.pdf").pages[0].extract_text() + "".join(
        p.extract_text() for p in PdfReader(out_dir / "empty.pdf").pages
    )
