"""File › Export current table and Export calendar: the table as on screen (filtered,
sorted) with real types, the calendar with numbers rather than names by default."""

from __future__ import annotations

import datetime as dt

import icalendar
import openpyxl

from tests.ui.scenario import TODAY
from wellbeing_desktop.ui.data_actions import CalendarChoice
from wellbeing_desktop.ui.main_window import MainWindow


def test_the_file_menu_has_the_actions(window: MainWindow) -> None:
    menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in menu.actions()]
    for text in (
        "Import staff from a spreadsheet…",
        "Export current table…",
        "Export calendar (.ics)…",
    ):
        assert text in texts
    assert window.data_actions.export_table_action.shortcut().toString() == "Ctrl+E"


def test_export_the_filtered_team_table(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "team.xlsx"
    window.data_actions.choose_path = lambda *_args: str(path)
    window.data_actions.export_table_action.trigger()
    qtbot.waitUntil(path.exists, timeout=10_000)
    sheet = openpyxl.load_workbook(path).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    proxy = window.dashboard.proxy
    assert names == [proxy.index(r, 0).data() for r in range(proxy.rowCount())]  # as on screen
    assert "Aoife Ní Bhriain" in names
    assert sheet.freeze_panes == "A2"
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Aoife Ní Bhriain")
    header = [c.value for c in sheet[1]]
    assert row[header.index("Open cases")].value == 34
    assert row[header.index("FTE")].value == 0.8
    assert row[header.index("Caseload recorded on")].value == dt.datetime.combine(
        TODAY - dt.timedelta(days=5), dt.time()
    )
    # What the search leaves is what is exported.
    window.dashboard.search.setText("Priya")
    filtered = tmp_path / "priya.csv"
    window.data_actions.export_current_table(str(filtered))
    qtbot.waitUntil(filtered.exists, timeout=10_000)
    lines = filtered.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("Priya Raman,")
    qtbot.waitUntil(
        lambda: (
            "Exported 1 rows" in window.statusBar().currentMessage()
            or "Exported 1 row" in window.statusBar().currentMessage()
        ),
        timeout=5_000,
    )


def test_export_a_persons_supervision_log(qtbot, window, scenario_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _db, scenario = scenario_db
    with qtbot.waitSignal(window.person_view.loaded, timeout=10_000):
        window.open_person(scenario.dafydd)
    window.person_view.tabs.setCurrentIndex(1)
    table = window.data_actions.current_table()
    assert table is not None and table.title == "Supervision log"
    path = tmp_path / "log.xlsx"
    window.data_actions.export_current_table(str(path))
    qtbot.waitUntil(path.exists, timeout=10_000)
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A2"].value == dt.datetime.combine(TODAY - dt.timedelta(days=16), dt.time())
    assert "Caseload reviewed." not in [c.value for row in sheet.iter_rows() for c in row]


def test_export_calendar_without_names_by_default(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    choice = CalendarChoice(window)
    assert choice.choice() == "number"
    choice.deleteLater()
    path = tmp_path / "team.ics"
    window.data_actions.export_calendar(str(path), names="number")
    qtbot.waitUntil(path.exists, timeout=10_000)
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= 4
    text = path.read_text(encoding="utf-8")
    for name in ("Aoife", "Dafydd", "Priya", "Tomasz"):
        assert name not in text
