"""The training matrix window, the record-training dialog and the course editor, with real
widgets on the scenario database."""

from __future__ import annotations

import datetime as dt

import openpyxl
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.scenario import TODAY
from wellbeing_desktop.services import training
from wellbeing_desktop.services.training_matrix import training_matrix
from wellbeing_desktop.services.training_rules import TrainingState
from wellbeing_desktop.ui.forms.course_editor import CourseEditor
from wellbeing_desktop.ui.forms.record_training import RecordTrainingDialog
from wellbeing_desktop.ui.models.training_matrix_model import (
    FIXED_COLUMNS,
    STATE_ROLE,
    TrainingMatrixModel,
)
from wellbeing_desktop.ui.training_matrix import TrainingMatrixWindow


def _course_id(db, key):
    return next(c.id for c in training.list_courses(db) if c.key == key)


def _cell_text(window, staff_id, course_id):
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.staff_id(r) == staff_id)
    column = FIXED_COLUMNS + window.matrix.column_of(course_id)
    return model.index(row, column).data()


def test_record_a_team_training_day_as_a_new_user_would(qtbot, window, scenario_db):
    db, s = scenario_db
    # From the main window's View menu shortcut.
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    matrix = next(w for w in window._open_forms if isinstance(w, TrainingMatrixWindow))
    qtbot.waitUntil(matrix.isVisible)
    naloxone = _course_id(db, "naloxone")
    assert _cell_text(matrix, s.aoife, naloxone) == "○ Missing"

    # Choose the team, then Record training…
    matrix.team.setCurrentIndex(matrix.team.findText("North Recovery Service"))
    assert matrix.model.rowCount() == 3
    qtbot.mouseClick(matrix.record_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in matrix.findChildren(RecordTrainingDialog))
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.team.currentText() == "North Recovery Service"
    dialog.course.setCurrentIndex(dialog.course.findText("Naloxone and overdose response"))
    dialog.completed_on.setDate(QDate(2026, 11, 20))
    qtbot.keyClicks(dialog.provider, "Scottish Drugs Forum")
    qtbot.keyClicks(dialog.evidence, "Attendance sheet")
    # Recording with nobody ticked says so beside the list, and saves nothing.
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Tick at least one person" in dialog.people_error.text()
    qtbot.mouseClick(dialog.tick_all, Qt.MouseButton.LeftButton)
    assert dialog.checked_ids() == sorted([s.aoife, s.dafydd, s.priya])
    with qtbot.waitSignal(matrix.saved):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome is not None and len(dialog.outcome.recorded) == 3

    for person in (s.aoife, s.dafydd, s.priya):
        assert _cell_text(matrix, person, naloxone) == "✓ Done"
        saved = training.completions_for(db, person)
        assert [(c.completed_on, c.provider) for c in saved] == [
            (dt.date(2026, 11, 20), "Scottish Drugs Forum")
        ]
    assert "Recorded for 3 people" in matrix.counts_label.text()
    column = FIXED_COLUMNS + matrix.matrix.column_of(naloxone)
    header = matrix.model.headerData(column, Qt.Orientation.Horizontal)
    assert header.endswith("100% up to date")


def test_a_future_date_is_refused_beside_the_field(qtbot, scenario_db):
    db, s = scenario_db
    dialog = RecordTrainingDialog(db, today=TODAY, staff_ids=[s.aoife])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.course.setCurrentIndex(dialog.course.findText("Fire safety"))
    dialog.completed_on.setDate(QDate(2026, 12, 1))
    assert not dialog.save_and_close()
    error = dialog.errors.label_for("completed_on")
    assert "cannot be after 26/11/2026" in error.text()
    assert training.completions_for(db, s.aoife) == []


def test_filters_by_team_course_and_state(qtbot, scenario_db):
    db, s = scenario_db
    training.record_completion(
        db, s.aoife, _course_id(db, "fire_safety"), "2025-12-01", today=TODAY
    )
    training.record_completion(
        db, s.tomasz, _course_id(db, "fire_safety"), "2024-01-01", today=TODAY
    )
    window = TrainingMatrixWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 4
    window.state.setCurrentIndex(window.state.findData(TrainingState.EXPIRING.value))
    assert [window.model.staff_id(r) for r in range(window.model.rowCount())] == [s.aoife]
    window.state.setCurrentIndex(window.state.findData(TrainingState.EXPIRED.value))
    assert [window.model.staff_id(r) for r in range(window.model.rowCount())] == [s.tomasz]
    window.course.setCurrentIndex(window.course.findData(_course_id(db, "fire_safety")))
    fire = FIXED_COLUMNS + window.matrix.column_of(_course_id(db, "fire_safety"))
    hidden = [c for c in range(window.model.columnCount()) if window.table.isColumnHidden(c)]
    assert fire not in hidden and len(hidden) == len(window.matrix.courses) - 1
    window.state.setCurrentIndex(0)
    window.team.setCurrentIndex(window.team.findText("Adult Social Work East"))
    assert [window.model.staff_id(r) for r in range(window.model.rowCount())] == [s.tomasz]
    assert window.table.isColumnHidden(1)  # one team: no team column
    assert "Showing 1 of 1 person." in window.counts_label.text()  # the team's, not all 4
    window.team.setCurrentIndex(window.team.findText("North Recovery Service"))
    window.state.setCurrentIndex(window.state.findData(TrainingState.EXPIRING.value))
    assert "Showing 1 of 3 people." in window.counts_label.text()
    window.team.setCurrentIndex(0)
    assert "Showing 1 of 4 people." in window.counts_label.text()


def test_cells_say_their_state_in_words_and_symbols_not_colour_alone(qtbot, scenario_db):
    db, s = scenario_db
    training.record_completion(
        db, s.aoife, _course_id(db, "fire_safety"), "2024-01-01", today=TODAY
    )
    model = TrainingMatrixModel()
    model.set_matrix(training_matrix(db, today=TODAY))
    texts = set()
    for row in range(model.rowCount()):
        for column in range(FIXED_COLUMNS, model.columnCount()):
            index = model.index(row, column)
            state = TrainingState(index.data(STATE_ROLE))
            text = index.data()
            texts.add(text)
            assert state.symbol in text
            if state is not TrainingState.NOT_REQUIRED:
                assert state.short.split()[-1] in text
            assert index.data(Qt.ItemDataRole.ToolTipRole)
    assert {"✕ Expired", "○ Missing"} <= texts
    # In greyscale each cell still differs by its words: the words are all different.
    assert len({t for t in texts}) == len(texts)


def test_export_what_is_shown_to_xlsx(qtbot, scenario_db, tmp_path):
    db, s = scenario_db
    training.record_completion(db, s.aoife, _course_id(db, "naloxone"), "2026-01-31", today=TODAY)
    window = TrainingMatrixWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.team.setCurrentIndex(window.team.findText("North Recovery Service"))
    path = tmp_path / "matrix.xlsx"
    window.export(str(path))
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Name", "Team", "Role", "Mandatory training")
    assert len(rows) == 1 + 3 + 1  # and a compliance row
    aoife = next(r for r in rows if r[0] == "Aoife Ní Bhriain")
    column = header.index("Naloxone and overdose response")
    assert aoife[column] == "Up to date"
    assert aoife[column + 1].date() == dt.date(2027, 1, 31)
    assert header[column + 2] == "Naloxone and overdose response: completed"
    assert aoife[column + 2].date() == dt.date(2026, 1, 31)
    assert rows[-1][0] == "Up to date (mandatory), as at 26/11/2026"
    assert "(1 of " in rows[-1][column]


def test_course_editor_adds_edits_and_archives(qtbot, scenario_db, monkeypatch):
    db, s = scenario_db
    editor = CourseEditor(db, today=TODAY)
    qtbot.addWidget(editor)
    editor.show()
    editor._new()
    qtbot.keyClicks(editor.name, "Motivational interviewing")
    editor.category.setText("Practice")
    editor.renewal.setValue(0)  # does not expire
    editor.some_roles.setChecked(True)
    editor.roles.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(editor.saved):
        assert editor.save()
    saved = next(c for c in training.list_courses(db) if c.name == "Motivational interviewing")
    assert saved.renewal_months is None and len(saved.role_ids) == 1
    # a clash of names is shown beside the name
    editor._new()
    editor.name.setText("Tackling stigma")
    assert not editor.save()
    assert "already a course" in editor.errors.label_for("name").text()
    # archive a course with completions, after confirming
    training.record_completion(db, s.aoife, saved.id, "2026-02-02", today=TODAY)
    editor._load(select=saved.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(editor.saved):
        editor.remove()
    assert training.get_course(db, saved.id).archived
    assert editor.restore_button.isVisible()


def test_matrix_reads_in_greyscale(qtbot, scenario_db):
    """Expired, expiring, done and missing cells differ in their text, so a greyscale
    screenshot tells them apart; and the tint is light enough for dark text."""
    db, _s = scenario_db
    model = TrainingMatrixModel()
    model.set_matrix(training_matrix(db, today=TODAY))
    index = model.index(0, FIXED_COLUMNS)
    background = index.data(Qt.ItemDataRole.BackgroundRole)
    foreground = index.data(Qt.ItemDataRole.ForegroundRole)
    if background is not None:
        assert QColor(background.color()).lightness() > QColor(foreground.color()).lightness()
    assert QApplication.palette().color(QPalette.ColorRole.Text).isValid()


def test_dashboard_shows_training_per_person_and_counts_expired(qtbot, window, scenario_db):
    from wellbeing_desktop.ui.models.team_table import Column, Focus

    db, s = scenario_db
    training.record_completion(db, s.aoife, _course_id(db, "naloxone"), "2025-01-10", today=TODAY)
    training.record_completion(
        db, s.aoife, _course_id(db, "fire_safety"), "2024-01-10", today=TODAY
    )
    dashboard = window.dashboard
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        window.refresh_action.trigger()
    card = dashboard.cards[Focus.TRAINING]
    # "Training due": expired and missing mandatory training, the caption saying which.
    from wellbeing_desktop.services.summary import team_summary

    summary = team_summary(db, None, today=TODAY)
    missing = sum(p.training.missing for p in summary.people)
    assert missing and card.value == 2 + missing
    assert f"2 expired, {missing} missing" in card.accessibleName()
    model = dashboard.model
    row = model.row_of(s.aoife)
    assert model.display_text(row, Column.TRAINING).startswith("✕ 2 expired")
    other = model.row_of(s.priya)
    assert "missing" in model.display_text(other, Column.TRAINING)
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    behind = [p for p in summary.people if p.training.expired or p.training.missing]
    assert dashboard.proxy.rowCount() == len(behind)


def test_person_view_lists_the_persons_training(qtbot, window, scenario_db):
    db, s = scenario_db
    training.record_completion(
        db, s.dafydd, _course_id(db, "fire_safety"), "2024-06-30", provider="Council", today=TODAY
    )
    with qtbot.waitSignal(window.person_view.loaded, timeout=10_000):
        window.open_person(s.dafydd)
    panel = window.person_view.training
    qtbot.waitUntil(lambda: panel.items_model.rowCount() > 0, timeout=10_000)
    first = panel.items_model.record(0)
    assert first.course_name == "Fire safety" and first.state is TrainingState.EXPIRED
    texts = [panel.items_model.index(0, c).data() for c in range(panel.items_model.columnCount())]
    assert texts[:5] == ["Fire safety", "✕ Expired", "Yes", "30/06/2024", "30/06/2025"]
    assert "1 expired" in panel.summary.text()
    assert panel.completions_model.rowCount() == 1


def test_reports_menu_previews_the_dashboard_teams_training_report(qtbot, window, scenario_db):
    from PySide6.QtCore import QThreadPool

    from wellbeing_desktop.ui.pdf_pages import pdfium_pool

    _db, s = scenario_db
    with qtbot.waitSignal(window.dashboard.loaded, timeout=10_000):
        window.dashboard.show_team(s.north)
    window.reports.update_actions()
    assert window.reports.training_action.isEnabled()
    window.reports.training_action.trigger()
    qtbot.waitUntil(lambda: bool(window.reports.previews), timeout=10_000)
    dialog = window.reports.previews[-1]
    qtbot.waitUntil(lambda: dialog.pdf_bytes is not None, timeout=20_000)
    assert dialog.request.kind == "training"
    assert dialog.request.options == {"team_ids": [s.north]}
    assert dialog.page_count >= 2
    dialog.close()
    pdfium_pool().waitForDone(20_000)
    QThreadPool.globalInstance().waitForDone(20_000)


def test_import_completions_from_a_spreadsheet_in_the_matrix_window(qtbot, scenario_db, tmp_path):
    from wellbeing_desktop.ui.training_import import TrainingImportDialog

    db, s = scenario_db
    path = tmp_path / "training.csv"
    path.write_text(
        "Staff training log\n\nName,Course,Date completed,Trainer\n"
        "Aoife Ní Bhriain,Naloxone,20/11/2026,SDF\n"
        "Dafydd ap Gwilym,Fire safety,31/02/2026,\n"
        "Priya Raman,Tackling stigma,2026-10-01,In-house\n",
        encoding="utf-8",
    )
    window = TrainingMatrixWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.import_button, Qt.MouseButton.LeftButton)
    dialog = next(iter(window.findChildren(TrainingImportDialog)))
    assert dialog.load_file(path)
    assert [box.currentText() for box in dialog.field_boxes] == [
        "Person (name)",
        "Course",
        "Date completed",
        "Provider",
    ]
    assert dialog.summary.text() == "2 to add, 1 left out."
    problem = dialog.rows.item(1, 5).text()
    assert problem.startswith("Left out: ✖") and "not a date" in problem
    # Changing a column's meaning asks for a new preview before importing.
    dialog.field_boxes[3].setCurrentIndex(0)
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.saved):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None and dialog.report.added == 2
    assert _cell_text(window, s.aoife, _course_id(db, "naloxone")) == "✓ Done"
    assert [c.provider for c in training.completions_for(db, s.priya)] == [""]


def test_enter_on_a_cell_records_that_course_for_that_person(qtbot, scenario_db):
    db, s = scenario_db
    window = TrainingMatrixWindow(db, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    naloxone = _course_id(db, "naloxone")
    row = next(r for r in range(window.model.rowCount()) if window.model.staff_id(r) == s.priya)
    index = window.model.index(row, FIXED_COLUMNS + window.matrix.column_of(naloxone))
    window.table.setFocus()
    window.table.setCurrentIndex(index)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    dialog = next(iter(window.findChildren(RecordTrainingDialog)))
    assert dialog.course.currentData() == naloxone
    assert dialog.checked_ids() == [s.priya]


def test_record_menu_records_training_for_the_chosen_people(qtbot, window, scenario_db):
    db, s = scenario_db
    assert window.record_training_action.shortcut().toString() == "Ctrl+Shift+T"
    assert window.training_matrix_action.shortcut().toString() == "Ctrl+T"
    window.record_training_action.trigger()
    dialog = next(w for w in window._open_forms if isinstance(w, RecordTrainingDialog))
    qtbot.waitUntil(dialog.isVisible)
    dialog.course.setCurrentIndex(dialog.course.findText("Tackling stigma"))
    dialog.picker.set_checked([s.tomasz])
    assert dialog.checked_ids() == [s.tomasz]
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert [c.course_name for c in training.completions_for(db, s.tomasz)] == ["Tackling stigma"]
