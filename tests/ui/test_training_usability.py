"""Training screens as a new user meets them: the import preview says what each row
matched to; and the matrix, Record training dialog and person's tab read clearly."""

from __future__ import annotations

from tests.ui.scenario import TODAY
from wellbeing_desktop.services import training
from wellbeing_desktop.ui.forms.record_training import RecordTrainingDialog
from wellbeing_desktop.ui.training_import import TrainingImportDialog


def test_import_preview_shows_each_rows_match_and_date_as_read(qtbot, scenario_db, tmp_path):  # type: ignore[no-untyped-def]
    db, _s = scenario_db
    path = tmp_path / "training.csv"
    path.write_text(
        "Name,Course,Date completed\n"
        "  aoife NÍ bhriain ,Naloxone,2026-10-01\n"
        '"Bhriain, Aoife Ní",Fire safety,20/11/2026\n',
        encoding="utf-8",
    )
    dialog = TrainingImportDialog(db, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.load_file(path)
    assert dialog.rows.item(0, 1).text() == "Aoife Ní Bhriain"
    assert dialog.rows.item(0, 2).text() == "Naloxone and overdose response (from 'Naloxone')"
    assert dialog.rows.item(0, 3).text() == "01/10/2026 (from '2026-10-01')"
    assert dialog.rows.item(1, 1).text() == "Aoife Ní Bhriain"  # read as 'Surname, First'
    assert "Surname, First name" in dialog.rows.item(1, 5).text()
    assert dialog.rows.item(1, 3).text() == "20/11/2026"


def test_record_training_starts_with_no_course_and_asks_for_one(qtbot, scenario_db):  # type: ignore[no-untyped-def]
    db, s = scenario_db
    dialog = RecordTrainingDialog(db, today=TODAY, staff_ids=[s.aoife])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.course.currentText() == "Choose a course…"
    assert dialog.course.currentData() is None
    assert not dialog.save_and_close()
    assert "Choose a course." in dialog.errors.label_for("course_id").text()
    assert training.completions_for(db, s.aoife) == []
    dialog.course.setCurrentIndex(dialog.course.findText("Fire safety"))
    assert dialog.save_and_close()
    assert [c.course_name for c in training.completions_for(db, s.aoife)] == ["Fire safety"]


def test_optional_training_looks_different_from_mandatory(qtbot, scenario_db):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from wellbeing_desktop.services.training_matrix import training_matrix
    from wellbeing_desktop.ui.models.training_matrix_model import (
        FIXED_COLUMNS,
        TrainingMatrixModel,
    )

    db, s = scenario_db
    courses = {c.key: c.id for c in training.list_courses(db)}
    # Basic life support is mandatory for nurses only: optional for a keyworker.
    for key in ("basic_life_support", "fire_safety"):
        training.record_completion(db, s.aoife, courses[key], "2024-01-01", today=TODAY)
    model = TrainingMatrixModel()
    matrix = training_matrix(db, today=TODAY)
    model.set_matrix(matrix)
    row = next(r for r in range(model.rowCount()) if model.staff_id(r) == s.aoife)
    optional = model.index(row, FIXED_COLUMNS + matrix.column_of(courses["basic_life_support"]))
    mandatory = model.index(row, FIXED_COLUMNS + matrix.column_of(courses["fire_safety"]))
    assert optional.data() == mandatory.data() == "✕ Expired"
    background = Qt.ItemDataRole.BackgroundRole
    assert optional.data(background).style() == Qt.BrushStyle.BDiagPattern
    assert mandatory.data(background).style() == Qt.BrushStyle.SolidPattern
    foreground = Qt.ItemDataRole.ForegroundRole
    assert optional.data(foreground).color() != mandatory.data(foreground).color()
    assert "Optional" in optional.data(Qt.ItemDataRole.ToolTipRole)
    assert "Mandatory" in mandatory.data(Qt.ItemDataRole.ToolTipRole)


def test_the_training_matrix_is_on_the_main_toolbar(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QToolBar

    toolbar = window.findChild(QToolBar, "mainToolbar")
    assert window.training_matrix_action in toolbar.actions()
