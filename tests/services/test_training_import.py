"""Training completions from messy CSV and .xlsx files: matched to people and courses,
each row's problems said, saved in one transaction; and `import training` on the
command line (problems by row number, never names)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.cli import main
from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import people, training
from wellbeing_desktop.services.importing import read_sheet
from wellbeing_desktop.services.importing import training_import as ti
from wellbeing_desktop.services.setup import open_app_database

MESSY_CSV = (
    "\ufeffTraining record export,,,,\n"
    "Printed 26/11/2026,,,,\n"
    ",,,,\n"
    "Learner Name;Course Title;Date Completed;Trainer;Certificate No\n"
    "Aoife Ní Bhriain;Naloxone;20/11/2026;Scottish Drugs Forum;C-101\n"
    "  aoife ní bhriain ;Human rights based approach;3rd March 2026;In-house;\n"
    "Bhriain, Aoife Ní;Fire safety;2026-01-05;;\n"
    "Dafydd ap Gwilym;Basket weaving;20/11/2026;;\n"
    "Nobody Known;Fire safety;20/11/2026;;\n"
    "Dafydd ap Gwilym;Fire safety;01/12/2026;;\n"
    "Dafydd ap Gwilym;Fire safety;11/25/2026;;\n"
    "Dafydd ap Gwilym;Fire safety;;;\n"
    "Aoife Ní Bhriain;Naloxone;20/11/2026;Scottish Drugs Forum;C-101\n"
    "Sam Jones;safeguarding adults;20/11/2026;;\n"
    "Dafydd ap Gwilym;Safeguarding;20/11/2026;;\n"
)


@pytest.fixture
def org(app_db):  # type: ignore[no-untyped-def]
    north = people.save_team(app_db, "North Recovery Service").id
    east = people.save_team(app_db, "Adult Social Work East").id
    ids = {
        "aoife": add_person(app_db, north, "Aoife Ní Bhriain"),
        "dafydd": add_person(app_db, north, "Dafydd ap Gwilym"),
        "sam_north": add_person(app_db, north, "Sam Jones"),
        "sam_east": add_person(app_db, east, "Sam Jones", role="adults"),
    }
    return app_db, north, east, ids


def _preview(db, path: Path, team_id=None):  # type: ignore[no-untyped-def]
    sheet = read_sheet(path)
    mapping = ti.training_mapping_of(ti.guess_training_mapping(sheet))
    return ti.build_training_preview(db, sheet, mapping, team_id=team_id, today=TODAY)


def test_messy_csv_each_rows_problem_is_said(org, tmp_path):  # type: ignore[no-untyped-def]
    db, north, _east, ids = org
    path = tmp_path / "training.csv"
    path.write_text(MESSY_CSV, encoding="utf-8")
    sheet = read_sheet(path)
    guesses = ti.guess_training_mapping(sheet)
    assert [g.field for g in guesses] == [
        ti.TrainingField.PERSON,
        ti.TrainingField.COURSE,
        ti.TrainingField.COMPLETED_ON,
        ti.TrainingField.PROVIDER,
        ti.TrainingField.EVIDENCE,
    ]
    preview = ti.build_training_preview(
        db, sheet, ti.training_mapping_of(guesses), team_id=north, today=TODAY
    )
    rows = {row.row_number: row for row in preview.rows}
    assert rows[5].action == ti.ADD and rows[5].course_name == "Naloxone and overdose response"
    assert rows[5].staff_id == ids["aoife"] and rows[5].provider == "Scottish Drugs Forum"
    assert rows[6].action == ti.ADD and rows[6].completed_on == dt.date(2026, 3, 3)
    assert rows[7].action == ti.ADD and rows[7].staff_id == ids["aoife"]  # "Surname, First"
    assert "no course called 'Basket weaving'" in rows[8].problems_text()
    assert "No one of that name is in the chosen team" in rows[9].problems_text()
    assert "cannot be after 26/11/2026" in rows[10].problems_text()
    assert "US date" in rows[11].problems_text()
    assert "empty" in rows[12].problems_text()
    assert "The same as row 5" in rows[13].problems_text()
    assert rows[14].course_name == "Adult support and protection (safeguarding adults)"
    assert rows[14].staff_id == ids["sam_north"]  # the chosen team decides
    assert "more than one course" in rows[15].problems_text()
    for row in preview.rows:  # problems never quote a person's name
        assert "Aoife" not in row.problems_text() and "Dafydd" not in row.problems_text()
    report = ti.apply_training_import(db, preview)
    assert report.added == preview.count(ti.ADD) == 4
    saved = training.completions_for(db, ids["aoife"])
    assert {c.course_name for c in saved} == {
        "Naloxone and overdose response",
        "Human rights-based approach",
        "Fire safety",
    }
    # Imported again: every row is already recorded or has its problem.
    again = _preview(db, path, north)
    assert again.count(ti.ADD) == 0
    assert "Already recorded" in {r.row_number: r for r in again.rows}[5].problems_text()


def test_the_same_name_in_two_teams_needs_a_team_or_a_number(org, tmp_path):  # type: ignore[no-untyped-def]
    db, _north, east, ids = org
    path = tmp_path / "t.csv"
    path.write_text("Name,Course,Date\nSam Jones,Fire safety,01/11/2026\n", encoding="utf-8")
    row = _preview(db, path).rows[0]
    assert row.action == ti.SKIP and "2 people of that name" in row.problems_text()
    assert _preview(db, path, east).rows[0].staff_id == ids["sam_east"]
    numbered = tmp_path / "n.csv"
    numbered.write_text(
        f"Staff ID,Course,Date\n{ids['sam_east']},Fire safety,01/11/2026\n999999,Fire safety,"
        "01/11/2026\nabc,Fire safety,01/11/2026\n",
        encoding="utf-8",
    )
    rows = _preview(db, numbered).rows
    assert rows[0].staff_id == ids["sam_east"]
    assert "no person with number 999999" in rows[1].problems_text()
    assert "not a number" in rows[2].problems_text()


def test_xlsx_with_real_dates_and_a_title_row(org, tmp_path):  # type: ignore[no-untyped-def]
    db, north, _east, ids = org
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mandatory training 2026"])
    sheet.append([])
    sheet.append(["Employee", "Module", "Completion date", "Provider", "Evidence"])
    sheet.append(
        [
            "Dafydd ap Gwilym",
            "Trauma-informed practice",
            dt.datetime(2026, 2, 29 - 1),
            "NES",
            "Seen",
        ]
    )
    sheet.append(["Dafydd ap Gwilym", "Tackling stigma", 46000, "NES", ""])  # an Excel day number
    path = tmp_path / "t.xlsx"
    book.save(path)
    preview = _preview(db, path, north)
    assert [r.action for r in preview.rows] == [ti.ADD, ti.ADD]
    assert preview.rows[0].completed_on == dt.date(2026, 2, 28)
    assert preview.rows[1].completed_on == dt.date(2025, 12, 9)
    ti.apply_training_import(db, preview)
    items = {i.course_name: i for i in training.person_training(db, ids["dafydd"], today=TODAY)}
    assert items["Trauma-informed practice"].expires_on == dt.date(2029, 2, 28)


def test_a_mapping_without_a_course_is_refused(org, tmp_path):  # type: ignore[no-untyped-def]
    db, *_ = org
    path = tmp_path / "t.csv"
    path.write_text("Name,Date\nSam Jones,01/11/2026\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="column with the course"):
        _preview(db, path)


def test_one_transaction_a_failure_saves_nothing(org, tmp_path):  # type: ignore[no-untyped-def]
    db, north, _east, ids = org
    path = tmp_path / "t.csv"
    path.write_text(
        "Name,Course,Date\nAoife Ní Bhriain,Fire safety,01/11/2026\n"
        "Dafydd ap Gwilym,Fire safety,01/11/2026\n",
        encoding="utf-8",
    )
    preview = _preview(db, path, north)
    people.mark_left(db, ids["dafydd"], "2026-11-20")
    from wellbeing_desktop.storage.models import StaffMember

    with db.session() as session:  # the person is removed after the preview was made
        session.delete(session.get(StaffMember, ids["dafydd"]))
    with pytest.raises(Exception):  # noqa: B017 - the database refuses the missing person
        ti.apply_training_import(db, preview)
    assert training.completions_for(db, ids["aoife"]) == []


def test_import_training_on_the_command_line(database_url, tmp_path, capsys):  # type: ignore[no-untyped-def]
    db = open_app_database(database_url)
    try:
        north = people.save_team(db, "North Recovery Service").id
        aoife = add_person(db, north, "Aoife Ní Bhriain")
        add_person(db, north, "Dafydd ap Gwilym")
    finally:
        db.close()
    path = tmp_path / "training.csv"
    path.write_text(MESSY_CSV, encoding="utf-8")
    argv = ["import", "training", str(path), "--team", "North Recovery Service",
            "--database", database_url, "--today", "2026-11-26"]  # fmt: skip
    code = main([*argv, "--dry-run"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Learner Name': Person (name) (sure)" in out
    assert "Preview for North Recovery Service: 3 to add" in out
    assert "row 8: left out: There is no course called 'Basket weaving'" in out
    assert "Dry run: nothing was saved." in out
    assert "Aoife" not in out + err and "Dafydd" not in out + err
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Imported training completions: 3 added" in out
    db = open_app_database(database_url)
    try:
        assert len(training.completions_for(db, aoife)) == 3
    finally:
        db.close()
    code = main(["import", "training", str(path), "--team", "Nowhere", "--database", database_url])
    _out, err = capsys.readouterr()
    assert code != 0 and len(err.strip().splitlines()) == 1
