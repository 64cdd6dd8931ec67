"""The report preview: pages shown, Save as PDF and Print (to a PDF-file printer, never a
real one), each audited; and the ways in from the main window and the person view."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from tests.ui.scenario import TODAY
from wellbeing_desktop.services import audit, checkins
from wellbeing_desktop.ui.report_actions import (
    CompliancePeriodDialog,
    caseload_request,
    supervision_record_request,
    wellbeing_request,
)
from wellbeing_desktop.ui.report_preview import ReportPreviewDialog, ReportRequest

pytest.importorskip("pypdfium2")
TIMEOUT = 20_000
NOTE = "Spoke about a family bereavement"


@pytest.fixture(autouse=True)
def _work_finishes_before_widgets_go(qtbot):  # type: ignore[no-untyped-def]
    """Background work (reports, page images, printing) ends before pytest-qt closes
    the widgets that wait for it."""
    yield
    from PySide6.QtCore import QThreadPool

    from wellbeing_desktop.ui.pdf_pages import pdfium_pool

    pdfium_pool().waitForDone(TIMEOUT)
    QThreadPool.globalInstance().waitForDone(TIMEOUT)


def _preview(qtbot, db, request: ReportRequest) -> ReportPreviewDialog:  # type: ignore[no-untyped-def]
    dialog = ReportPreviewDialog(db, request)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 760)
    with qtbot.waitSignal(dialog.ready, timeout=TIMEOUT):
        dialog.start()
        dialog.show()
    return dialog


def _text(data: bytes | Path) -> str:
    reader = PdfReader(io.BytesIO(data) if isinstance(data, bytes) else data)
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_preview_shows_every_page_and_moves_between_them(qtbot, scenario_db) -> None:
    db, scenario = scenario_db
    request = caseload_request(scenario.north, "North Recovery Service", TODAY)
    dialog = _preview(qtbot, db, request)
    pages = len(PdfReader(io.BytesIO(dialog.pdf_bytes or b"")).pages)
    assert dialog.page_count == pages >= 2  # the team's report runs over pages
    assert dialog.page_count_label.text() == f"of {pages}"
    assert dialog.stack.currentIndex() == dialog.PAGE_PAGES
    assert dialog.status_label.text() == f"{pages} pages · A4 landscape"
    assert "North Recovery Service" in dialog.windowTitle()
    # The pages on screen are drawn in the background.
    qtbot.waitUntil(lambda: dialog.canvas.has_image(0), timeout=TIMEOUT)
    assert not dialog.previous_button.isEnabled() and dialog.next_button.isEnabled()
    dialog.go_to_page(pages - 1)
    assert dialog.current_page() == pages - 1 and dialog.page_box.value() == pages
    assert dialog.previous_button.isEnabled() and not dialog.next_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.canvas.has_image(pages - 1), timeout=TIMEOUT)
    dialog.previous_button.click()
    assert dialog.current_page() == pages - 2
    # Zoom: real size, then a step up, then the whole page in the view.
    real = dialog.logicalDpiX() / 72
    dialog.set_zoom(100)
    assert dialog.canvas.zoom == pytest.approx(real)
    dialog.step_zoom(1)
    assert dialog.canvas.zoom == pytest.approx(real * 1.25)
    assert dialog.zoom_box.currentText() == "125%"
    dialog.set_zoom(0)
    whole = dialog.canvas.page_rect(0)
    assert whole.height() <= dialog.scroller.viewport().height()
    assert not dialog.notes_box.isVisible()  # only the wellbeing summary has notes


def test_save_as_pdf_writes_the_same_pdf_and_audits_it(qtbot, scenario_db, tmp_path) -> None:
    db, scenario = scenario_db
    dialog = _preview(qtbot, db, caseload_request(scenario.north, "North", TODAY))
    out = tmp_path / "saved" / "caseload.pdf"
    out.parent.mkdir()
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT) as saved:
        dialog.save_to(out)
    assert saved.args == [str(out)]
    assert out.read_bytes() == dialog.pdf_bytes
    reader = PdfReader(out)
    assert len(reader.pages) == dialog.page_count >= 2
    assert "Aoife Ní Bhriain" in _text(out)
    assert [p.name for p in out.parent.iterdir()] == ["caseload.pdf"]  # nothing half-written
    (entry,) = audit.list_entries(db, action="exported")
    assert (entry.record_type, entry.record_id) == ("team", str(scenario.north))
    assert entry.detail == "team caseload report (PDF)"
    assert dialog.status_label.text() == "Saved as caseload.pdf"


def test_a_failed_save_leaves_nothing_and_says_so(qtbot, scenario_db, tmp_path) -> None:
    db, scenario = scenario_db
    dialog = _preview(qtbot, db, caseload_request(scenario.north, "North", TODAY))
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "not-a-folder").write_text("a file where a folder should be")
    dialog.save_to(folder / "not-a-folder" / "caseload.pdf")
    qtbot.waitUntil(lambda: dialog.status_label.text() == "Not saved.", timeout=TIMEOUT)
    assert [p.name for p in folder.iterdir()] == ["not-a-folder"]
    assert audit.list_entries(db, action="exported") == []


def test_printing_to_a_pdf_file_prints_every_page_and_audits_it(
    qtbot, scenario_db, tmp_path
) -> None:
    db, scenario = scenario_db
    dialog = _preview(qtbot, db, caseload_request(scenario.north, "North", TODAY))
    printer = dialog.new_printer()
    assert printer.pageLayout().orientation().name == "Landscape"
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    printer.setResolution(150)  # the page images' resolution: enough to read, quick to test
    with qtbot.waitSignal(dialog.printed, timeout=TIMEOUT) as printed:
        dialog.print_to(printer)
    sheets = dialog.page_count
    assert printed.args == [sheets]
    pages = PdfReader(out).pages
    assert len(pages) == sheets >= 2
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in pages)  # landscape
    (entry,) = audit.list_entries(db, action="printed")
    assert (entry.record_type, entry.record_id) == ("team", str(scenario.north))
    assert entry.detail == f"team caseload report ({sheets} sheets)"
    assert dialog.print_button.isEnabled()


def test_printing_a_range_prints_only_those_pages(qtbot, scenario_db, tmp_path) -> None:
    db, scenario = scenario_db
    dialog = _preview(qtbot, db, caseload_request(scenario.north, "North", TODAY))
    printer = dialog.new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "second.pdf"))
    printer.setResolution(72)
    with qtbot.waitSignal(dialog.printed, timeout=TIMEOUT) as printed:
        dialog.print_to(printer, [1])
    assert printed.args == [1]
    assert len(PdfReader(tmp_path / "second.pdf").pages) == 1


def test_wellbeing_notes_appear_only_once_ticked(qtbot, scenario_db, tmp_path) -> None:
    db, scenario = scenario_db
    checkins.save_checkin(
        db,
        scenario.aoife,
        checkins.CheckInDraft(
            held_on=TODAY - dt.timedelta(days=1),
            overall=3,
            workload=3,
            stress=3,
            support=3,
            notes=NOTE,
        ),
        today=TODAY,
    )
    dialog = _preview(qtbot, db, wellbeing_request(scenario.aoife, TODAY))
    assert dialog.notes_box.isVisible() and not dialog.notes_box.isChecked()
    assert "Aoife" not in dialog.windowTitle()  # no names in the title bar
    assert NOTE not in _text(dialog.pdf_bytes or b"")
    with qtbot.waitSignal(dialog.ready, timeout=TIMEOUT):
        dialog.notes_box.click()
    assert NOTE in _text(dialog.pdf_bytes or b"")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save_to(tmp_path / "wellbeing.pdf")
    (entry,) = audit.list_entries(db, action="exported")
    assert (entry.record_type, entry.record_id) == ("staff_member", str(scenario.aoife))
    assert entry.detail == "wellbeing summary, notes included (PDF)"


def test_a_report_that_cannot_be_made_says_why(qtbot, scenario_db) -> None:
    db, _ = scenario_db
    dialog = ReportPreviewDialog(db, supervision_record_request(424242, today=TODAY))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=TIMEOUT) as failed:
        dialog.start()
    assert "no supervision session with number 424242" in failed.args[0]
    assert dialog.stack.currentIndex() == dialog.PAGE_PROBLEM
    assert "no supervision session" in dialog.problem_label.text()
    assert not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()


# ---- the ways in --------------------------------------------------------------------------


def _latest_preview(qtbot, window) -> ReportPreviewDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(window.reports.previews), timeout=TIMEOUT)
    dialog = window.reports.previews[-1]
    qtbot.waitUntil(lambda: dialog.page_count > 0, timeout=TIMEOUT)
    return dialog  # type: ignore[no-any-return]


def test_ctrl_p_previews_the_dashboard_teams_caseload_report(qtbot, window, scenario_db) -> None:
    _, scenario = scenario_db
    with qtbot.waitSignal(window.dashboard.loaded, timeout=TIMEOUT):
        window.dashboard.show_team(scenario.north)
    assert window.reports.caseload_action.shortcut().toString() == "Ctrl+P"
    assert window.reports.caseload_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = _latest_preview(qtbot, window)
    assert dialog.request.kind == "caseload"
    assert dialog.request.options == {"team_ids": [scenario.north]}
    assert "North Recovery Service" in dialog.request.title
    assert dialog.page_count == len(PdfReader(io.BytesIO(dialog.pdf_bytes or b"")).pages) >= 2
    dialog.close()
    # On "All teams", Ctrl+P gives the whole organisation's report.
    with qtbot.waitSignal(window.dashboard.loaded, timeout=TIMEOUT):
        window.dashboard.show_team(None)
    window.reports.caseload_action.trigger()
    qtbot.waitUntil(
        lambda: any(d.request.options == {"all_teams": True} for d in window.reports.previews),
        timeout=TIMEOUT,
    )


def test_the_reports_menu_lists_every_report(qtbot, window) -> None:
    texts = [a.text().replace("&", "") for a in window.reports.menu.actions() if a.text()]
    assert texts == [
        "Team caseload report…",  # each opens a preview first
        "Caseload report for all teams…",
        "Supervision compliance report…",
        "Training report…",
        "Wellbeing summary…",
        "Supervision record…",
    ]
    window.reports.update_actions()
    assert not window.reports.wellbeing_action.isEnabled()  # no person on screen
    window.reports.all_teams_action.trigger()
    dialog = _latest_preview(qtbot, window)
    assert dialog.request.options == {"all_teams": True}
    dialog.close()


def test_compliance_period_defaults_to_the_last_three_months(qtbot, window) -> None:
    dialog = window.reports.choose_compliance_period()
    assert isinstance(dialog, CompliancePeriodDialog)
    assert (dialog.start, dialog.end) == (dt.date(2026, 8, 26), TODAY)
    assert dialog.team_id == window.dashboard.data.team_id
    dialog.end_edit.setDate(dialog.start_edit.date().addDays(-1))
    assert not dialog.ok_button.isEnabled()
    assert "must not be before its start" in dialog.problem_label.text()
    dialog.end_edit.setDate(dialog.start_edit.date().addMonths(3))
    dialog.start_edit.setDate(dialog.end_edit.date().addMonths(-2))
    dialog.ok_button.click()
    preview = _latest_preview(qtbot, window)
    assert preview.request.kind == "compliance"
    assert preview.request.options["start"] == dt.date(2026, 9, 26)
    assert preview.request.options["end"] == TODAY
    assert "Supervision compliance" in _text(preview.pdf_bytes or b"")
    preview.close()


def test_the_person_view_previews_the_wellbeing_summary_and_a_session_record(
    qtbot, window, scenario_db
) -> None:
    _, scenario = scenario_db
    view = window.person_view
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT):
        window.open_person(scenario.dafydd)
    assert view.wellbeing_report_action in view.more_button.menu().actions()
    view.wellbeing_report_action.trigger()
    dialog = _latest_preview(qtbot, window)
    assert dialog.request.options == {"staff_id": scenario.dafydd, "include_notes": False}
    assert not dialog.notes_box.isChecked()
    dialog.close()
    view.tabs.setCurrentIndex(1)
    assert not window.reports.record_action.isEnabled()
    opened = len(window.reports.previews)
    view.record_report_button.click()  # nothing chosen yet: nothing opens
    assert len(window.reports.previews) == opened
    view.sessions_table.selectRow(0)
    window.reports.update_actions()
    assert window.reports.record_action.isEnabled()
    view.record_report_button.click()
    dialog = _latest_preview(qtbot, window)
    session = view.selected_session()
    assert session is not None
    assert dialog.request.options == {"session_id": session.id}
    assert dialog.request.file_name == f"Supervision record - {session.held_on.isoformat()}.pdf"
    assert "Dafydd ap Gwilym" in _text(dialog.pdf_bytes or b"")
    dialog.close()
