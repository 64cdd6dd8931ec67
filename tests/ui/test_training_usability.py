"""Training screens as a new user meets them: the import preview says what each row
matched to; and the matrix, Record training dialog and person's tab read clearly."""

from __future__ import annotations

from tests.ui.scenario import TODAY
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
