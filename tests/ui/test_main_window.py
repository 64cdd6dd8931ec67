from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.scenario import build
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.ui import main_window
from wellbeing_desktop.ui.dialogs import error_message, report_error
from wellbeing_desktop.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def test_shortcuts_reach_every_action(window: MainWindow) -> None:
    shortcuts = {
        action.shortcut().toString(): action.text().replace("&", "")
        for action in window.actions()
        if not action.shortcut().isEmpty()
    }
    assert shortcuts["Ctrl+N"] == "New supervision session…"
    assert shortcuts["Ctrl+U"] == "Update caseloads…"
    assert shortcuts["Ctrl+K"] == "Wellbeing check-in…"
    assert shortcuts["Ctrl+G"] == "Signpost to a service…"
    assert shortcuts["Ctrl+,"] == "Settings…"
    assert shortcuts["Ctrl+F"] == "Find…"
    assert shortcuts["F5"] == "Refresh"
    assert shortcuts["Ctrl+Q"] == "Quit"


def test_a_form_that_is_not_there_yet_says_so(qtbot, window, monkeypatch) -> None:
    monkeypatch.setitem(
        main_window.FORMS, "checkin", (("wellbeing_desktop.ui.forms.no_such_form",), "Nothing")
    )
    assert window.open_form("checkin", staff_id=1) is None
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
    assert box.text() == "Not available yet"
    box.close()


def test_check_in_without_a_chosen_person_asks_for_one(qtbot, window) -> None:
    window.dashboard.table.clearSelection()
    window.checkin_action.trigger()
    box = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    )
    assert box.text() == "Choose a person first"
    box.close()


def test_unexpected_errors_are_calm_and_logged(qtbot, caplog) -> None:
    try:
        raise KeyError("Aoife Ní Bhriain")  # personal data in the message
    except KeyError as error:
        box = report_error(error)
    assert box is not None
    assert "Traceback" not in box.informativeText()
    assert "Aoife" not in box.informativeText()
    assert "log" in box.informativeText()
    box.close()
    assert "KeyError" in caplog.text and "Aoife" not in caplog.text
    from wellbeing_desktop.errors import NotFoundError

    assert error_message(NotFoundError("There is no team called 'X'.")) == (
        "There is no team called 'X'."
    )


def _run_app(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "WELLBEING_DESKTOP_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "wellbeing_desktop", *args, "--quit-when-ready"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_quit_when_ready_exits_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "team.sqlite3"
    db = open_app_database(path)
    build(db)
    db.close()
    result = _run_app("--database", str(path), home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_quit_when_ready_on_the_demo_database(tmp_path: Path) -> None:
    result = _run_app("--demo", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr


def test_quit_when_ready_on_a_damaged_database_prints_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database at all" * 10)
    result = _run_app("--database", str(path), home=tmp_path / "home")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wellbeing-desktop: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("action", "kind"),
    [
        ("new_supervision_action", "supervision"),
        ("update_caseloads_action", "caseloads"),
        ("allocate_action", "allocate"),
        ("checkin_action", "checkin"),
        ("signpost_action", "signpost"),
        ("settings_action", "settings"),
    ],
)
def test_record_actions_open_their_forms_without_blocking(qtbot, window, action, kind) -> None:
    try:
        form_class = main_window.load_form_class(kind)
    except main_window.FormNotAvailable:
        pytest.skip(f"the {kind} form is not in this version yet")
    dashboard = window.dashboard
    dashboard.table.selectRow(0)
    dashboard.table.setCurrentIndex(dashboard.proxy.index(0, 0))
    getattr(window, action).trigger()
    forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, form_class)]
    assert len(forms) == 1 and forms[0].isVisible()
    assert window.isEnabled()  # opened with open(), not exec(): the loop keeps running
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        forms[0].saved.emit()  # what a save does: the dashboard refreshes
    forms[0].reject()


def test_a_database_that_cannot_be_opened_offers_another_file_or_quit(qtbot, tmp_path) -> None:
    from wellbeing_desktop.ui.startup import Startup
    from wellbeing_desktop.ui.tasks import TaskRunner

    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"not a database" * 20)
    main = MainWindow(tasks=TaskRunner())
    qtbot.addWidget(main)
    main.show()
    startup = Startup(main, database=str(path), demo=False, quit_when_ready=False)
    startup.start()
    qtbot.waitUntil(lambda: getattr(startup, "choice_box", None) is not None, timeout=10_000)
    box = startup.choice_box
    assert box.text() == "Your records could not be opened."
    assert "broken.sqlite3" in box.informativeText() and "Traceback" not in box.informativeText()
    buttons = [b.text() for b in box.buttons()]
    assert {"Choose another file…", "Start a new database…", "Quit"} <= set(buttons)
    assert main.db is None
    with qtbot.waitSignal(startup.finished, timeout=5_000) as finished:
        next(b for b in box.buttons() if b.text() == "Quit").click()
    assert finished.args == [1]


def test_an_encrypted_database_asks_for_its_passphrase(qtbot, tmp_path) -> None:
    from wellbeing_desktop.errors import DatabaseError
    from wellbeing_desktop.ui.startup import Startup
    from wellbeing_desktop.ui.tasks import TaskRunner

    path = tmp_path / "locked.sqlite3"
    try:
        db = open_app_database(path, passphrase="correct horse battery staple")  # type: ignore[call-arg]
    except (TypeError, DatabaseError) as error:
        pytest.skip(f"encryption is not available here: {error}")
    build(db)
    db.close()
    main = MainWindow(tasks=TaskRunner())
    qtbot.addWidget(main)
    main.show()
    startup = Startup(main, database=str(path), demo=False, quit_when_ready=False)
    startup.start()
    qtbot.waitUntil(lambda: getattr(startup, "passphrase_dialog", None) is not None, timeout=10_000)
    dialog = startup.passphrase_dialog
    assert "locked.sqlite3" in dialog.intro.text()
    dialog.passphrase_field.setText("correct horse battery staple")
    with qtbot.waitSignal(main.dashboard_ready, timeout=20_000):
        dialog.buttons.accepted.emit()
    # The largest team (a fresh profile): North Recovery Service, three people.
    assert main.db is not None and main.dashboard.model.rowCount() == 3
    main.tasks.wait_for_done(5000)
    main.db.close()


def test_ctrl_l_locks_the_window_and_shows_nothing_personal(qtbot, window) -> None:
    with qtbot.waitSignal(window.person_view.loaded, timeout=10_000):
        window.open_person(window.dashboard.model.staff_ids[0])
    window.lock_action.trigger()
    screen = window.lock_screen
    assert screen.is_locked and screen.isVisible()
    assert "locked" in window.windowTitle()
    assert not window.centralWidget().isEnabled()
    with qtbot.waitSignal(screen.unlocked):
        screen.unlock_button.click()  # a plain database: a click continues
    assert window.centralWidget().isEnabled()
    assert window.windowTitle() == "Person — Wellbeing Desktop"
