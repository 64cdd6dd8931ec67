"""Training import matching: curly quotes, '&' for 'and', spacing and case in people's
names and courses; what each row matched to (person, course, the date as read); and
people who have left (accepted for their time in post, refused after it)."""

from __future__ import annotations

from pathlib import Path

from tests.services.builders import TODAY, add_person
from wellbeing_desktop.cli import main
from wellbeing_desktop.services import people
from wellbeing_desktop.services.importing import read_sheet
from wellbeing_desktop.services.importing import training_import as ti
from wellbeing_desktop.services.setup import open_app_database

CSV = (
    "Staff name;Course;Date completed\n"
    "Grace O\u2019Hara;Trauma-informed practice;12 Nov 2026\n"  # row 2: curly apostrophe
    "O\u2018Hara, Grace;Tackling stigma;2026-11-12\n"  # row 3
    "Cara Cole;Information governance & data protection;01/10/2026\n"  # row 4: '&'
    "  cara   COLE ;  fire   SAFETY ;45351\n"  # row 5: an Excel day number
    "Eve Elm;Fire safety;01/10/2026\n"  # row 6: left 31/10/2026, done before
    "Eve Elm;Tackling stigma;20/11/2026\n"  # row 7: done after leaving
    "Cara Cole;Equality, diversity & inclusion;01/10/2026\n"  # row 8
)


def _setup(db) -> int:  # type: ignore[no-untyped-def]
    north = people.save_team(db, "North Recovery Service").id
    add_person(db, north, "Grace O'Hara")
    add_person(db, north, "Cara Cole")
    add_person(db, north, "Eve Elm", leaving_date="2026-10-31")
    return north


def _preview(db, tmp_path: Path) -> dict[int, ti.TrainingRow]:  # type: ignore[no-untyped-def]
    path = tmp_path / "training.csv"
    path.write_text(CSV, encoding="utf-8")
    sheet = read_sheet(path)
    mapping = ti.training_mapping_of(ti.guess_training_mapping(sheet))
    preview = ti.build_training_preview(db, sheet, mapping, today=TODAY)
    return {row.row_number: row for row in preview.rows}


def test_quotes_ampersands_spacing_and_case_match(app_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _setup(app_db)
    rows = _preview(app_db, tmp_path)
    for number in (2, 3, 4, 5, 8):
        assert rows[number].action == ti.ADD, rows[number].problems_text()
    assert rows[2].person_name == rows[3].person_name == "Grace O'Hara"
    assert "ignoring its quote marks" in rows[2].problems_text()
    assert rows[4].course_name == "Information governance and data protection"
    assert rows[8].course_name == "Equality, diversity and inclusion"
    assert rows[5].course_name == "Fire safety"


def test_each_row_says_what_it_matched_to(app_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _setup(app_db)
    rows = _preview(app_db, tmp_path)
    assert rows[5].matched_words() == "Cara Cole · Fire safety · 29/02/2024 (from '45351')"
    assert rows[4].matched_words() == (
        "Cara Cole · Information governance and data protection "
        "(from 'Information governance & data protection') · 01/10/2026"
    )
    assert rows[2].matched_words().endswith("· 12/11/2026 (from '12 Nov 2026')")
    assert rows[2].matched_words(names=False).startswith(f"person {rows[2].staff_id} · ")


def test_a_leaver_is_noted_and_refused_after_leaving(app_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _setup(app_db)
    rows = _preview(app_db, tmp_path)
    assert rows[6].action == ti.ADD
    assert "left on 31/10/2026; completed while in post" in rows[6].problems_text()
    assert rows[7].action == ti.SKIP
    assert "left on 31/10/2026, before this date" in rows[7].problems_text()


def test_the_dry_run_lists_each_rows_match(database_url, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = open_app_database(database_url)
    try:
        _setup(db)
    finally:
        db.close()
    path = tmp_path / "training.csv"
    path.write_text(CSV, encoding="utf-8")
    argv = ["import", "training", str(path), "--database", database_url,
            "--today", "2026-11-26", "--dry-run"]  # fmt: skip
    assert main(argv) == 0
    out, _err = capsys.readouterr()
    assert "Rows as matched:" in out
    assert "  row 5: add: person " in out
    assert "· Fire safety · 29/02/2024 (from '45351') (Read an Excel day number" in out
    assert "  row 7: left out: person " in out
    assert "Cara" not in out and "Hara" not in out  # no names unless asked
    assert main([*argv, "--names"]) == 0
    out, _err = capsys.readouterr()
    assert "  row 4: add: Cara Cole · Information governance and data protection" in out


def test_a_persons_training_lists_mandatory_courses_first(app_db) -> None:  # type: ignore[no-untyped-def]
    from wellbeing_desktop.services import training

    north = people.save_team(app_db, "North").id
    person = add_person(app_db, north, "Keyworker One")
    courses = {c.key: c.id for c in training.list_courses(app_db)}
    # Optional for a keyworker, and expired: still after every mandatory course.
    training.record_completion(
        app_db, person, courses["basic_life_support"], "2024-01-01", today=TODAY
    )
    items = training.person_training(app_db, person, today=TODAY)
    assert [i.required for i in items] == sorted((i.required for i in items), reverse=True)
    assert items[-1].course_id == courses["basic_life_support"]
