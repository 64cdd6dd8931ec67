"""Security in the app: the idle lock's minutes (a setting, in effect at once),
encrypting and re-keying from the window, the remembered key, a PostgreSQL address
with a password refused, and ``--passphrase-env`` reaching the desktop app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from tests.keyrings import MemoryKeyring
from tests.ui.scenario import TODAY, build
from wellbeing_desktop.services import encryption, people
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.settings import Settings
from wellbeing_desktop.ui.main_window import MainWindow
from wellbeing_desktop.ui.passphrase_dialog import PassphraseDialog
from wellbeing_desktop.ui.settings.settings_dialog import SettingsDialog
from wellbeing_desktop.ui.startup import Startup
from wellbeing_desktop.ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "violet kettle harbour seventeen"
NEW_PASSPHRASE = "amber lantern orchard forty"


def open_security(qtbot, window: MainWindow) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = window.open_form("settings", page=SettingsDialog.SECURITY)
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    return dialog


# -- the idle lock ----------------------------------------------------------------------------


def test_the_window_locks_after_the_minutes_in_the_settings(qtbot, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, _ = scenario_db
    settings = Settings()
    settings.set("lock_after_minutes", 3)
    settings.save()
    window = MainWindow(db, today=TODAY)
    qtbot.addWidget(window)
    assert window.idle_lock.idle_minutes == 3
    assert 170_000 < window.idle_lock.remaining_ms <= 185_000


def test_the_default_is_ten_minutes(window: MainWindow) -> None:
    assert Settings().get("lock_after_minutes") == 10
    assert window.idle_lock.idle_minutes == 10


def test_changing_the_minutes_takes_effect_at_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = open_security(qtbot, window)
    page = dialog.security
    assert dialog.title.text() == "Security"
    assert page.lock_minutes.value() == 10
    page.lock_minutes.setValue(0)
    assert page.lock_minutes.text() == "Never"
    page.save_button.click()
    assert Settings().get("lock_after_minutes") == 0
    assert window.idle_lock.idle_minutes == 0 and window.idle_lock.remaining_ms == -1
    page.lock_minutes.setValue(2)
    page.save_button.click()
    assert window.idle_lock.idle_minutes == 2
    assert 110_000 < window.idle_lock.remaining_ms <= 125_000  # a coarse timer: a little slack
    dialog.reject()

    # The controller, driven with a short interval: the window locks by itself.
    window.idle_lock.set_idle_minutes(0.002)  # about 120 ms
    qtbot.waitUntil(lambda: window.lock_screen.is_locked, timeout=5_000)
    assert "locked" in window.windowTitle()
    window.lock_screen.unlock_button.click()
    assert not window.lock_screen.is_locked


# -- the database address ---------------------------------------------------------------------


def test_a_postgresql_address_with_a_password_is_refused(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dialog = window.open_form("settings", page=SettingsDialog.DATABASE)
    page = dialog.database
    page.use_shared.setChecked(True)
    page.shared.setText("postgresql://manager:s3cret@db.example.nhs.uk/wellbeing")
    assert page.save() is False
    assert "pgpass" in page.shared_error.text()
    assert Settings().get("database_url") == ""
    page.shared.setText("postgresql://manager@db.example.nhs.uk/wellbeing")
    assert page.save() is True
    assert Settings().get("database_url") == "postgresql://manager@db.example.nhs.uk/wellbeing"
    dialog.reject()


# -- encrypting and re-keying from the window -------------------------------------------------


def choose_passphrase(dialog: PassphraseDialog, passphrase: str) -> None:
    dialog.passphrase_field.setText(passphrase)
    dialog.confirm_field.setText(passphrase)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    ok.click()


def test_encrypt_then_change_the_passphrase_from_the_window(qtbot, window, scenario_db) -> None:  # type: ignore[no-untyped-def]
    db, scenario = scenario_db
    path = db.path
    # From the security page: the settings close, then the passphrase is asked for.
    settings = open_security(qtbot, window)
    assert settings.security.encrypt_button.isVisible()
    assert not settings.security.change_button.isVisible()
    assert "not encrypted" in settings.security.encryption_status.text()
    settings.security.encrypt_button.click()
    assert not settings.isVisible()
    dialog = window.data_menu.dialog
    assert isinstance(dialog, PassphraseDialog) and dialog.windowTitle() == "Encrypt this database"
    choose_passphrase(dialog, PASSPHRASE)
    qtbot.waitUntil(lambda: window.db is not None and window.db.encrypted, timeout=60_000)
    encrypted = window.db
    try:
        assert encryption.is_encrypted(path)
        assert window.data_menu.message_box.text() == "The database is encrypted."  # type: ignore[union-attr]
        window.data_menu.message_box.close()  # type: ignore[union-attr]
        assert people.get_staff(encrypted, scenario.aoife).name == "Aoife Ní Bhriain"
        assert window.data_menu.change_passphrase_action.isVisible()
        assert not window.data_menu.encrypt_action.isVisible()
        assert window.lock_screen.passphrase_field.isVisibleTo(window.lock_screen)

        window.data_menu.change_passphrase_action.trigger()
        change = window.data_menu.dialog
        assert isinstance(change, PassphraseDialog) and change.windowTitle() == "Change passphrase"
        change.current_field.setText("not the passphrase at all")
        change.passphrase_field.setText(NEW_PASSPHRASE)
        change.confirm_field.setText(NEW_PASSPHRASE)
        change.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(
            lambda: "not the passphrase in use" in change.message.text(), timeout=20_000
        )
        assert change.isVisible() and window.db is encrypted  # nothing closed or changed
        change.current_field.setText(PASSPHRASE)
        change.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(
            lambda: window.db is not encrypted and window.db is not None, timeout=60_000
        )
        rekeyed = window.db
    finally:
        window.tasks.wait_for_done(5000)
        encrypted.close()
    try:
        assert rekeyed.key is not None
        assert encryption.passphrase_matches(rekeyed.key, NEW_PASSPHRASE)
        assert window.data_menu.message_box.text() == "The passphrase has been changed."  # type: ignore[union-attr]
        window.data_menu.message_box.close()  # type: ignore[union-attr]
        assert people.get_staff(rekeyed, scenario.aoife).name == "Aoife Ní Bhriain"
    finally:
        window.tasks.wait_for_done(5000)
        rekeyed.close()


# -- the remembered key -----------------------------------------------------------------------


@pytest.fixture
def encrypted_file(tmp_path: Path) -> Path:
    path = tmp_path / "locked.sqlite3"
    db = open_app_database(path, passphrase=PASSPHRASE)
    build(db)
    db.close()
    return path


def test_the_remembered_key_opens_the_app_without_asking(  # type: ignore[no-untyped-def]
    qtbot, encrypted_file: Path, memory_keyring: MemoryKeyring
) -> None:
    db = open_app_database(encrypted_file, passphrase=PASSPHRASE)
    window = MainWindow(db, today=TODAY)
    qtbot.addWidget(window)
    dialog = open_security(qtbot, window)
    page = dialog.security
    assert page.change_button.isVisible() and page.remember_box.isEnabled()
    assert not page.remember_box.isChecked()
    page.remember_box.setChecked(True)
    page.save_button.click()
    assert "remember" in page.saved_note.text()
    assert memory_keyring.secrets and PASSPHRASE not in str(memory_keyring.secrets)
    dialog.reject()
    window.tasks.wait_for_done(5000)
    window.set_database(None)
    db.close()

    # Next start: opened with the remembered key, no passphrase asked for.
    starting = MainWindow(tasks=TaskRunner())
    qtbot.addWidget(starting)
    startup = Startup(starting, database=str(encrypted_file), demo=False, quit_when_ready=False)
    with qtbot.waitSignal(starting.database_changed, timeout=20_000):
        startup.start()
    assert starting.db is not None and starting.db.encrypted
    assert getattr(startup, "passphrase_dialog", None) is None
    starting.tasks.wait_for_done(5000)
    starting.db.close()

    # Forgetting it: the page says so, and the store no longer has it.
    again = open_app_database(encrypted_file, passphrase=PASSPHRASE)
    window.set_database(again)
    dialog = open_security(qtbot, window)
    assert dialog.security.remember_box.isChecked()
    dialog.security.remember_box.setChecked(False)
    dialog.security.save_button.click()
    assert not memory_keyring.secrets
    dialog.reject()
    window.tasks.wait_for_done(5000)
    again.close()


# -- --passphrase-env for the desktop app -----------------------------------------------------


def run_app(*args: str, home: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wellbeing_desktop", *args, "--quit-when-ready"],
        cwd=ROOT,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "WELLBEING_DESKTOP_HOME": str(home),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_passphrase_env_opens_an_encrypted_database_in_the_app(
    encrypted_file: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    opened = run_app(
        "--database",
        str(encrypted_file),
        "--passphrase-env",
        "WD_TEST_PASSPHRASE",
        home=home,
        env={"WD_TEST_PASSPHRASE": PASSPHRASE},
    )
    assert opened.returncode == 0, opened.stderr
    assert PASSPHRASE not in opened.stderr + opened.stdout

    missing = run_app(
        "--database", str(encrypted_file), "--passphrase-env", "WD_NOT_SET", home=home, env={}
    )
    assert missing.returncode == 2
    assert missing.stderr == "wellbeing-desktop: The environment variable WD_NOT_SET is not set.\n"

    wrong = run_app(
        "--database",
        str(encrypted_file),
        "--passphrase-env",
        "WD_TEST_PASSPHRASE",
        home=home,
        env={"WD_TEST_PASSPHRASE": "not the passphrase"},
    )
    assert wrong.returncode != 0
    lines = wrong.stderr.strip().splitlines()
    assert len(lines) == 1 and "passphrase" in lines[0] and "Traceback" not in wrong.stderr
