"""Exports: tables to .xlsx and CSV with real types, the round trip back through the
import, and the calendar read back by an independent iCalendar parser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import openpyxl
import pytest

from tests.ui.scenario import TODAY, build
from wellbeing_desktop.errors import FileWriteError
from wellbeing_desktop.services import importing as imp
from wellbeing_desktop.services.calendar_export import (
    NameShown,
    calendar_text,
    export_calendar,
    fold,
    upcoming_events,
)
from wellbeing_desktop.services.exporting import (
    ColumnType,
    DataTable,
    ExportError,
    TableColumn,
    export_table,
    supervision_log_table,
    team_summary_table,
)
from wellbeing_desktop.services.people import list_staff, save_team
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.services.supervision import sessions_for
from wellbeing_desktop.storage.database import Database

HOSTILE = '=HYPERLINK("http://example.invalid","x")'


@pytest.fixture
def org(app_db: Database):  # type: ignore[no-untyped-def]
    return build(app_db)


def _table() -> DataTable:
    return DataTable(
        "People: north/south [test]",
        (
            TableColumn("Name"),
            TableColumn("Started", ColumnType.DATE),
            TableColumn("FTE", ColumnType.NUMBER),
            TableColumn("Cases", ColumnType.INTEGER),
            TableColumn("Share", ColumnType.PERCENT),
        ),
        (
            ("Siobhán Ó Briain", dt.date(2020, 1, 6), 0.8, 34, 1.0625),
            (HOSTILE, None, 1.0, None, None),
            ("-5 is not a formula either", dt.date(2021, 2, 3), 0.5, 0, 0.0),
        ),
    )


def test_xlsx_has_real_types_a_frozen_header_and_widths(tmp_path: Path) -> None:
    path = export_table(_table(), tmp_path / "people.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "People north south test"
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["Name", "Started", "FTE", "Cases", "Share"]
    assert sheet["A1"].font.bold
    assert sheet["B2"].value == dt.datetime(2020, 1, 6) and sheet["B2"].is_date
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["C2"].value == 0.8 and sheet["D2"].value == 34
    assert sheet["E2"].number_format == "0%"
    assert sheet["A3"].value == HOSTILE and sheet["A3"].data_type == "s"  # text, not a formula
    assert sheet.column_dimensions["A"].width >= len("Siobhán Ó Briain")
    assert sheet.auto_filter.ref == "A1:E4"


def test_csv_has_a_bom_iso_dates_and_guards_formulas(tmp_path: Path) -> None:
    path = export_table(_table(), tmp_path / "people.csv")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Name,Started,FTE,Cases,Share"
    assert lines[1] == "Siobhán Ó Briain,2020-01-06,0.8,34,106%"
    assert lines[2].startswith("\"'=HYPERLINK(")
    assert lines[3].startswith("'-5 is not")


def test_a_refused_write_leaves_nothing_and_says_which_file_and_folder(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    (folder / "people.csv").mkdir(parents=True)  # a folder where the file should go
    with pytest.raises(FileWriteError) as raised:
        export_table(_table(), folder / "people.csv")
    assert str(raised.value) == (
        f"Cannot write people.csv in the folder {folder}: that is a folder."
    )
    assert raised.value.exit_code == 5
    assert [p.name for p in folder.iterdir()] == ["people.csv"]


def test_unknown_suffix_and_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"\.xlsx"):
        export_table(_table(), tmp_path / "people.pdf")
    with pytest.raises(ExportError, match="does not exist"):
        export_table(_table(), tmp_path / "nowhere" / "people.csv")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_round_trip_export_then_import(
    app_db: Database,
    org,
    tmp_path: Path,
    suffix: str,  # type: ignore[no-untyped-def]
) -> None:
    summary = team_summary(app_db, [org.north], today=TODAY)
    path = export_table(team_summary_table(summary.people, summary.title), tmp_path / f"t{suffix}")
    sheet = imp.read_sheet(path)
    mapping = imp.mapping_of(imp.guess_mapping(sheet))
    assert mapping[:5] == (
        imp.Field.NAME,
        None,  # Team: the import goes into the team chosen
        imp.Field.ROLE,
        imp.Field.JOB_TITLE,
        imp.Field.FTE,
    )
    copy = save_team(app_db, "North copy").id
    preview = imp.build_preview(
        app_db, sheet, mapping, imp.ImportOptions(team_id=copy, today=TODAY)
    )
    assert preview.count(imp.Action.ADD) == 3, [r.problems_text() for r in preview.rows]
    imp.apply_import(app_db, preview)
    copied = team_summary(app_db, [copy], today=TODAY)
    original = {p.name: p for p in summary.people}
    for person in copied.people:
        before = original[person.name]
        assert (person.role_name, person.job_title, person.fte) == (
            before.role_name,
            before.job_title,
            before.fte,
        )
        assert (person.open_cases, person.recorded_on) == (before.open_cases, before.recorded_on)


def test_supervision_log_leaves_out_what_was_discussed(app_db: Database, org) -> None:  # type: ignore[no-untyped-def]
    table = supervision_log_table(sessions_for(app_db, org.dafydd), "Supervision")
    assert table.rows[0][0] == TODAY - dt.timedelta(days=16)
    assert "Caseload reviewed." not in repr(table.rows)


# ---- the calendar -----------------------------------------------------------------------------


def _parse(path: Path) -> icalendar.Calendar:
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line for line in lines)  # CRLF only
    assert max(len(line) for line in lines) <= 75
    return icalendar.Calendar.from_ical(data)


def test_calendar_parsed_back_by_icalendar(app_db: Database, org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "supervision.ics"
    count = export_calendar(
        app_db, [org.north], path, today=TODAY, now=dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
    )
    calendar = _parse(path)
    assert calendar["VERSION"] == "2.0" and "Wellbeing Desktop" in str(calendar["PRODID"])
    events = list(calendar.walk("VEVENT"))
    assert len(events) == count == 4  # three people's supervision, one action due ahead
    for event in events:
        assert event["UID"] and event["DTSTAMP"].dt == dt.datetime(
            2026, 11, 26, 9, 30, tzinfo=dt.UTC
        )
        start = event["DTSTART"].dt
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
        assert start >= TODAY
    summaries = {str(e["SUMMARY"]): e["DTSTART"].dt for e in events}
    assert summaries[f"Supervision: person {org.dafydd}"] == TODAY + dt.timedelta(days=12)
    assert summaries[f"Action due: person {org.dafydd}"] == TODAY + dt.timedelta(days=30)
    text = path.read_text(encoding="utf-8")
    for name in ("Aoife", "Dafydd", "Priya", "trauma"):
        assert name not in text  # no names and no action words by default
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_calendar_with_names_and_initials(app_db: Database, org, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "named.ics"
    export_calendar(app_db, [org.north], path, names=NameShown.FULL, today=TODAY)
    summaries = [str(e["SUMMARY"]) for e in _parse(path).walk("VEVENT")]
    assert "Supervision: Dafydd ap Gwilym" in summaries
    assert "Action due: Dafydd ap Gwilym - Book trauma-informed care course" in summaries
    initials = upcoming_events(app_db, [org.north], names=NameShown.INITIALS, today=TODAY)
    assert "Supervision overdue: A.N.B." in [e.summary for e in initials]


def test_escaping_and_folding_survive_a_parser() -> None:
    from wellbeing_desktop.services.calendar_export import CalendarEvent

    tricky = "Siobhán, Zoë; back\\slash\nsecond line " + "é" * 80
    event = CalendarEvent("x-1@wellbeing-desktop", TODAY, tricky, tricky, "Supervision", True)
    text = calendar_text([event], stamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    parsed = next(iter(icalendar.Calendar.from_ical(text).walk("VEVENT")))
    assert str(parsed["SUMMARY"]) == tricky.replace("\n", "\n")
    assert str(parsed["DESCRIPTION"]) == tricky


def test_fold_never_splits_a_character() -> None:
    line = "SUMMARY:" + "ŵ" * 100
    for part in fold(line).split("\r\n"):
        part.encode("utf-8").decode("utf-8")
        assert len(part.encode("utf-8")) <= 75


def test_calendar_for_everyone_only_counts_people_in_post(app_db: Database, org) -> None:  # type: ignore[no-untyped-def]
    everyone = upcoming_events(app_db, None, today=TODAY)
    people = {p.id for p in list_staff(app_db)}
    supervision = [e for e in everyone if e.category == "Supervision"]
    assert len(supervision) == len(people) == 4
