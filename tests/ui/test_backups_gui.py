"""Backups in the app: made now, listed, restored (the database closed and opened again,
what it replaced kept), and made automatically on closing, never stopping anyone."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox

from wellbeing_desktop.services import backups, people
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.ui.backups_dialog import BackupsDialog
from wellbeing_desktop.ui.busy import confirm_button
from wellbeing_desktop.ui.main_window import MainWindow

LATER_TEAM = "Team added after the backup"


def open_backups(window: MainWindow) -> BackupsDialog:
    window.data_menu.backups_action.trigger()
    dialog = window.data_menu.dialog
    assert isinstance(dialog, BackupsDialog) and dialog.isVisible()
    return dialog


def test_back_up_now_then_restore_through_the_window(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, _scenario = scenario_db
    path = db.path
    dialog = open_backups(window)
    assert dialog.empty_label.isVisible() and not dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.backed_up, timeout=10_000) as made:
        dialog.backup_button.click()
    assert made.args[0].parent == backups.backup_folder(path)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, dialog.KIND).text() == "Manual"  # type: ignore[union-attr]
    size = dialog.table.item(0, dialog.SIZE).text()  # type: ignore[union-attr]
    assert size.endswith(("KiB", "MiB", "kB", "MB"))
    assert dialog.chosen_backup() == made.args[0]  # the new one is chosen

    people.save_team(db, LATER_TEAM)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox) and box.text().startswith("Restore the backup made ")
    assert "kept as a copy" in box.informativeText()
    with qtbot.waitSignal(window.database_changed, timeout=20_000):
        confirm_button(box).click()
    qtbot.waitUntil(lambda: window.db is not None and window.db is not db, timeout=20_000)
    restored = window.db
    assert restored is not None and restored.path == path
    try:
        assert LATER_TEAM not in {t.name for t in people.list_teams(restored)}
        message = window.data_menu.message_box
        assert message is not None and message.text() == "The backup has been restored."  # type: ignore[attr-defined]
        (kept,) = path.parent.glob("wellbeing.replaced-*.sqlite3")
        assert kept.name in message.informativeText()  # type: ignore[attr-defined]
        message.close()
        before = open_app_database(kept, create=False)
        try:
            assert LATER_TEAM in {t.name for t in people.list_teams(before)}
        finally:
            before.close()
        qtbot.waitUntil(lambda: window.dashboard.model.rowCount() > 0, timeout=10_000)
    finally:
        window.tasks.wait_for_done(5000)
        restored.close()


def test_back_up_now_from_the_menu(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, _scenario = scenario_db
    window.data_menu.backup_action.trigger()
    qtbot.waitUntil(lambda: window.data_menu.message_box is not None, timeout=10_000)
    (made,) = backups.list_backups(db.path)
    assert not made.automatic
    assert made.path.name in window.data_menu.message_box.informativeText()  # type: ignore[union-attr]
    window.data_menu.message_box.close()  # type: ignore[union-attr]


def test_closing_the_window_makes_the_daily_backup(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, _scenario = scenario_db
    assert backups.list_backups(db.path) == []
    assert window.close()
    (made,) = backups.list_backups(db.path)
    assert made.automatic
    assert backups.is_good(made.path, None)
    window.show()
    assert window.close()  # a day has not passed: no second one
    assert len(backups.list_backups(db.path)) == 1


def test_a_backup_that_fails_never_stops_closing(qtbot, window, scenario_db, caplog) -> None:  # type: ignore[no-untyped-def]
    db, _scenario = scenario_db
    folder = backups.backup_folder(db.path)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the backups folder should be", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert window.close()
    assert not window.isVisible()
    assert "Automatic backup not made (DatabaseError)" in caplog.text
    assert str(db.path.parent) not in caplog.text  # the type only: no file names


def test_the_automatic_backup_runs_while_the_app_is_open(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, _scenario = scenario_db
    window.data_menu.automatic_backups.setInterval(10)  # hourly in the app
    qtbot.waitUntil(lambda: len(backups.list_backups(db.path)) == 1, timeout=10_000)
    window.data_menu.automatic_backups.stop()
    window.tasks.wait_for_done(5000)
    assert backups.list_backups(db.path)[0].automatic
