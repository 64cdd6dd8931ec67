"""Importing staff from spreadsheets made by other programs (tests/data/import, made by
LibreOffice from CSV: see make_files.py there), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.services.builders import TODAY, add_person, role_id
from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import importing as imp
from wellbeing_desktop.services.caseloads import caseload_history
from wellbeing_desktop.services.importing import Action, Field, ImportOptions, Severity
from wellbeing_desktop.services.people import list_roles, list_staff, list_teams, save_team
from wellbeing_desktop.storage.database import Database

DATA = Path(__file__).resolve().parents[1] / "data" / "import"


def _preview(db: Database, name: str, **options: object) -> imp.ImportPreview:
    sheet = imp.read_sheet(DATA / name)
    mapping = imp.mapping_of(imp.guess_mapping(sheet))
    return imp.build_preview(db, sheet, mapping, ImportOptions(today=TODAY, **options))  # type: ignore[arg-type]


def _row(preview: imp.ImportPreview, number: int) -> imp.PreviewRow:
    return next(r for r in preview.rows if r.row_number == number)


def _messages(row: imp.PreviewRow, severity: Severity | None = None) -> str:
    return " ".join(p.message for p in row.problems if severity is None or p.severity is severity)


# ---- reading, without a database -------------------------------------------------------------


@pytest.mark.parametrize("name", ["esr_export.csv", "esr_export.xlsx"])
def test_esr_export_header_found_below_the_title(name: str) -> None:
    sheet = imp.read_sheet(DATA / name)
    assert sheet.header_row == 4
    assert sheet.headers[0] == "Employee Name"
    assert len(sheet.rows) == 8  # two blank rows skipped
    assert sheet.row_numbers[:3] == (5, 6, 7)
    assert sheet.row_numbers[3] == 9  # row 8 was blank: numbers stay as the sheet shows them
    mapping = imp.mapping_of(imp.guess_mapping(sheet))
    assert mapping == (
        Field.NAME,
        Field.ROLE,
        Field.JOB_TITLE,
        Field.FTE,
        Field.PAY_BAND,
        Field.START_DATE,
        Field.CASELOAD,
        Field.SUPERVISOR,
    )


def test_excel_date_cells_and_text_dates() -> None:
    sheet = imp.read_sheet(DATA / "esr_export.xlsx")
    start = sheet.headers.index("Start Date")
    assert isinstance(sheet.rows[0][start], dt.datetime)  # a real Excel date cell
    assert sheet.rows[3][start] == "TBC"


def test_windows_1252_semicolons_and_decimal_commas() -> None:
    sheet = imp.read_sheet(DATA / "rota_semicolon_cp1252.csv")
    assert "Windows-1252" in sheet.how_read[0] and "semicolons" in sheet.how_read[0]
    assert sheet.rows[0][:2] == ("Siobhán", "Kelly")
    assert sheet.rows[1][0] == "Zoë"
    assert sheet.rows[2][:2] == ("Dafydd", "Jones")  # stray spaces trimmed
    guesses = {g.header: g for g in imp.guess_mapping(sheet)}
    assert guesses["Forename"].field is Field.FIRST_NAME
    assert guesses["Surname"].field is Field.LAST_NAME
    assert guesses["Hours"].field is Field.HOURS
    assert guesses["Open cases"].field is Field.CASELOAD
    assert guesses["Started"].field is Field.START_DATE


def test_utf8_bom_and_title_row() -> None:
    sheet = imp.read_sheet(DATA / "title_bom.csv")
    assert "byte-order mark" in sheet.how_read[0]
    assert sheet.headers == ("Name", "Role", "FTE", "Caseload", "Supervisor", "Notes")
    assert sheet.rows[0][0] == "Siobhán Byrne"
    assert sheet.header_row == 3


@pytest.mark.parametrize(
    ("name", "message"),
    [("staff.xls", "save it as Excel Workbook"), ("staff.pdf", "not a spreadsheet")],
)
def test_files_that_are_not_tables(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0 not really")
    with pytest.raises(imp.ImportFileError, match=message):
        imp.read_sheet(path)


def test_a_broken_workbook_is_a_plain_error(tmp_path: Path) -> None:
    path = tmp_path / "staff.xlsx"
    path.write_bytes(b"PK\x03\x04 broken zip")
    with pytest.raises(imp.ImportFileError, match="could not be opened as an Excel workbook"):
        imp.read_sheet(path)


def test_a_file_without_a_header(tmp_path: Path) -> None:
    path = tmp_path / "numbers.csv"
    path.write_text("1\n2\n3\n")
    with pytest.raises(imp.ImportFileError, match="No header row"):
        imp.read_sheet(path)


def test_mapping_needs_a_name() -> None:
    assert imp.mapping_problem((Field.ROLE, Field.FTE)) is not None
    assert imp.mapping_problem((Field.FIRST_NAME, Field.ROLE)) is not None
    assert imp.mapping_problem((Field.FIRST_NAME, Field.LAST_NAME)) is None
    assert "Two columns" in (imp.mapping_problem((Field.NAME, Field.NAME)) or "")


# ---- preview and import, on both backends ----------------------------------------------------


@pytest.fixture
def team_id(app_db: Database) -> int:
    return save_team(app_db, "North CMHT").id


def test_esr_preview_problems_per_row(app_db: Database, team_id: int) -> None:
    existing = add_person(app_db, team_id, "Zoë Brontë", role="Support worker")
    preview = _preview(app_db, "esr_export.xlsx", team_id=team_id)

    siobhan = _row(preview, 5)
    assert (siobhan.action, siobhan.name) == (Action.ADD, "Siobhán O'Neill")
    assert siobhan.role_name == "Social worker (adults / justice)"
    assert siobhan.start_date == dt.date(2020, 1, 6)
    assert (siobhan.fte, siobhan.pay_band, siobhan.caseload) == (1.0, "Band 7", 18)
    assert "Surname, First name" in _messages(siobhan, Severity.NOTE)

    zoe = _row(preview, 6)
    assert zoe.action is Action.SKIP and zoe.existing_id == existing
    assert "Already in the team" in zoe.skip_reason

    chidi = _row(preview, 7)
    assert chidi.name == "Chidi Okafor" and chidi.role_name == "District nurse"

    agnieszka = _row(preview, 9)
    assert agnieszka.action is Action.SKIP
    assert "'Band 6 SW' is not one of your roles" in agnieszka.skip_reason
    assert "Start date 'TBC' is not a date" in _messages(agnieszka, Severity.WARNING)
    assert [u.text for u in preview.unknown_roles] == ["Band 6 SW"]

    assert "No name" in _row(preview, 10).skip_reason
    assert "Same name as row 6" in _row(preview, 11).skip_reason
    rhys = _row(preview, 12)
    assert "FTE 37.5 is out of range" in rhys.skip_reason
    assert "Hours a week" in rhys.skip_reason  # the hint: it is probably hours
    mhairi = _row(preview, 13)
    assert mhairi.action is Action.ADD and mhairi.start_date is None
    assert "'31/02/2024' is not a date" in _messages(mhairi, Severity.WARNING)
    assert preview.count(Action.ADD) == 3
    assert list_staff(app_db, team_id) and len(list_staff(app_db, team_id)) == 1  # nothing saved


def test_import_saves_everything_in_one_go(app_db: Database, team_id: int) -> None:
    keyworker = role_id(app_db, "keyworker")
    preview = _preview(
        app_db,
        "esr_export.xlsx",
        team_id=team_id,
        role_choices={imp.role_key("Band 6 SW"): imp.CREATE},
        role_template_id=keyworker,
    )
    assert preview.roles_to_create == ("Band 6 SW",)
    report = imp.apply_import(app_db, preview)
    assert (report.count(imp.ADDED), report.count(imp.UPDATED)) == (5, 0)
    assert report.count(imp.SKIPPED) == 3
    people = {p.name: p for p in list_staff(app_db, team_id)}
    assert set(people) == {
        "Siobhán O'Neill",
        "Zoë Brontë",
        "Chidi Okafor",
        "Agnieszka Nowak",
        "Mhairi MacLeod",
    }
    # Supervisors: one saved by this same import.
    assert people["Zoë Brontë"].supervisor_id == people["Siobhán O'Neill"].id
    assert people["Agnieszka Nowak"].supervisor_id == people["Siobhán O'Neill"].id
    new_role = next(r for r in list_roles(app_db) if r.name == "Band 6 SW")
    template = next(r for r in list_roles(app_db) if r.id == keyworker)
    assert (new_role.amber_threshold, new_role.red_threshold) == (
        template.amber_threshold,
        template.red_threshold,
    )
    assert "esr_export.xlsx" in new_role.source
    history = caseload_history(app_db, people["Chidi Okafor"].id)
    assert [(h.recorded_on, h.open_cases) for h in history] == [(TODAY, 140)]


def test_duplicates_can_be_updated(app_db: Database, team_id: int) -> None:
    existing = add_person(
        app_db, team_id, "Siobhán Kelly", role="keyworker", fte=0.5, notes="Keep this note"
    )
    preview = _preview(app_db, "rota_semicolon_cp1252.xlsx", team_id=team_id, duplicates=imp.UPDATE)
    row = _row(preview, 2)
    assert row.action is Action.UPDATE and row.existing_id == existing
    report = imp.apply_import(app_db, preview)
    assert report.count(imp.UPDATED) == 1
    people = {p.name: p for p in list_staff(app_db, team_id)}
    assert people["Siobhán Kelly"].fte == 1.0  # 37,5 hours (stored as text) is full time
    assert people["Siobhán Kelly"].notes == "Keep this note"  # no Notes column: kept
    assert people["Zoë Martin"].fte == 0.6
    assert people["Ann-Marie Ó Súilleabháin"].role_name == "Peer support worker"
    assert people["Dafydd Jones"].role_name.startswith("Drug and alcohol keyworker")
    assert people["Gareth Price"].fte == 1.2  # 45 hours: more than full time, within range


def test_hours_to_fte_and_out_of_range(app_db: Database, team_id: int) -> None:
    preview = _preview(app_db, "rota_semicolon_cp1252.csv", team_id=team_id)
    zoe = _row(preview, 3)
    assert zoe.fte == 0.6
    assert "22.5 hours a week read as 0.6 FTE" in _messages(zoe, Severity.NOTE)
    gareth = _row(preview, 7)
    assert gareth.fte == 1.2 and gareth.action is Action.ADD
    shorter = _preview(app_db, "rota_semicolon_cp1252.csv", team_id=team_id, full_time_hours=25.0)
    assert "FTE 1.8 is out of range" in _row(shorter, 7).skip_reason


def test_title_bom_file_problems(app_db: Database, team_id: int) -> None:
    preview = _preview(app_db, "title_bom.csv", team_id=team_id)
    assert _row(preview, 4).action is Action.ADD
    assert _row(preview, 5).supervisor_row == 4
    assert "Same name as row 5" in _row(preview, 6).skip_reason
    assert "FTE 0 is out of range" in _row(preview, 7).skip_reason
    formula = _row(preview, 8)
    assert formula.name.startswith("=HYPERLINK")  # kept as text, never evaluated
    report = imp.apply_import(app_db, preview)
    assert report.count(imp.ADDED) == 3
    staff = {p.name: p for p in list_staff(app_db, team_id)}
    assert staff["Zoë Adams"].supervisor_id == staff["Siobhán Byrne"].id
    assert staff["Siobhán Byrne"].notes == "Works Tue-Sat"


def test_rows_without_a_role_take_the_chosen_one(app_db: Database, team_id: int) -> None:
    nurse = role_id(app_db, "District nurse")
    sheet = imp.read_sheet(DATA / "title_bom.csv")
    mapping = tuple(
        None if f is Field.ROLE else f for f in imp.mapping_of(imp.guess_mapping(sheet))
    )
    without = imp.build_preview(app_db, sheet, mapping, ImportOptions(team_id=team_id, today=TODAY))
    assert "No role" in _row(without, 4).skip_reason
    chosen = imp.build_preview(
        app_db, sheet, mapping, ImportOptions(team_id=team_id, today=TODAY, default_role_id=nurse)
    )
    assert _row(chosen, 4).role_id == nurse


def test_an_unknown_role_mapped_to_one_of_ours(app_db: Database, team_id: int) -> None:
    adults = role_id(app_db, "adults")
    preview = _preview(
        app_db,
        "esr_export.csv",
        team_id=team_id,
        role_choices={imp.role_key("band 6 sw"): adults},
    )
    assert _row(preview, 9).role_id == adults
    skipped = _preview(
        app_db, "esr_export.csv", team_id=team_id, role_choices={"band 6 sw": imp.SKIP}
    )
    assert "left out, as chosen" in _row(skipped, 9).skip_reason


def test_a_new_team_is_created_with_the_import(app_db: Database) -> None:
    preview = _preview(
        app_db, "rota_semicolon_cp1252.xlsx", team_id=None, new_team_name="Recovery Team"
    )
    report = imp.apply_import(app_db, preview)
    teams = {t.name: t.id for t in list_teams(app_db)}
    assert report.team_id == teams["Recovery Team"]
    assert len(list_staff(app_db, report.team_id)) == report.count(imp.ADDED) == 5


def test_one_transaction_nothing_saved_when_a_row_fails(
    app_db: Database, team_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    preview = _preview(app_db, "rota_semicolon_cp1252.xlsx", team_id=team_id)
    rows = list(preview.rows)
    from dataclasses import replace

    rows[-1] = replace(rows[-1], fte=7.0)  # changed after the preview: the save refuses it
    broken = replace(preview, rows=tuple(rows))
    with pytest.raises(ValidationError, match="Row 7: FTE"):
        imp.apply_import(app_db, broken)
    assert list_staff(app_db, team_id) == []


def test_report_saved_as_csv(app_db: Database, team_id: int, tmp_path: Path) -> None:
    report = imp.apply_import(app_db, _preview(app_db, "esr_export.csv", team_id=team_id))
    path = imp.save_report(report, tmp_path / "report.csv")
    text = path.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[0] == "Row,Name,Outcome,Person number,Details"
    assert any(line.startswith("10,,Left out,,No name") for line in lines)
    assert any("Added" in line and "Siobhán O'Neill" in line for line in lines)


def test_the_mapping_is_refused_without_a_name(app_db: Database, team_id: int) -> None:
    sheet = imp.read_sheet(DATA / "title_bom.csv")
    with pytest.raises(ValidationError, match="names"):
        imp.build_preview(
            app_db, sheet, (None,) * len(sheet.headers), ImportOptions(team_id=team_id)
        )
