"""The passphrase dialog, the lock and the recovery dialog, as standalone widgets."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QMainWindow,
)

from wellbeing_desktop import APP_NAME
from wellbeing_desktop.services import backups, people
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage.encryption import DatabaseKey, WrongPassphraseError
from wellbeing_desktop.ui.lock import IdleLockController, LockScreen
from wellbeing_desktop.ui.passphrase_dialog import TRIES_BEFORE_RECOVERY, PassphraseDialog
from wellbeing_desktop.ui.recovery_dialog import RecoveryDialog
from wellbeing_desktop.ui.tasks import TaskRunner

PERSONAL = "Zebedee Marchbanks-Oyelaran"


@pytest.fixture(autouse=True)
def no_credential_store(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Never the real credential store of whoever runs the tests."""
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def random_key() -> DatabaseKey:
    """A key without the (deliberately slow) passphrase derivation."""
    return DatabaseKey(secrets.token_bytes(32), secrets.token_bytes(16))


# -- passphrase dialog --------------------------------------------------------------------------


def test_choosing_a_passphrase_shows_its_strength_and_needs_it_twice(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = PassphraseDialog.for_new_database(database_name="wellbeing.sqlite3")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.passphrase_field.setText("short")
    assert not ok.isEnabled() and "Too short" in dialog.strength_label.text()
    dialog.passphrase_field.setText("violet kettle harbour seventeen")
    assert dialog.strength_bar.value() == 3 and not ok.isEnabled()
    dialog.confirm_field.setText("violet kettle harbour")
    assert "not the same" in dialog.message.text() and not ok.isEnabled()
    dialog.confirm_field.setText("violet kettle harbour seventeen")
    assert ok.isEnabled()
    assert not dialog.remember_box.isEnabled(), "no credential store: the option says so"
    assert "no credential store" in dialog.remember_box.toolTip()
    ok.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.passphrase() == "violet kettle harbour seventeen"


def test_unlocking_opens_the_database(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "wellbeing.sqlite3"
    open_app_database(path, passphrase="violet kettle harbour seventeen").close()
    dialog = PassphraseDialog.for_unlock(
        path,
        lambda passphrase: open_app_database(path, passphrase=passphrase),
        runner=TaskRunner(synchronous=True),
    )
    qtbot.addWidget(dialog)
    assert not dialog.confirm_field.isVisibleTo(dialog)
    dialog.passphrase_field.setText("violet kettle harbour seventeen")
    with qtbot.waitSignal(dialog.unlocked) as opened:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    database = opened.args[0]
    try:
        assert database.encrypted and people.list_teams(database) == []
    finally:
        database.close()
    assert dialog.passphrase_field.text() == ""


def test_a_wrong_passphrase_says_so_and_then_offers_recovery(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "wellbeing.sqlite3"
    info = backups.RecoveryInfo(path, "The passphrase does not open it.", None, ())

    def wrong(_passphrase: str) -> None:
        error = WrongPassphraseError("The passphrase does not open wellbeing.sqlite3.", path)
        error.recovery = info  # type: ignore[attr-defined]
        raise error

    dialog = PassphraseDialog.for_unlock(path, wrong, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    for _attempt in range(TRIES_BEFORE_RECOVERY):
        dialog.passphrase_field.setText("not it")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        assert "does not open wellbeing.sqlite3" in dialog.message.text()
        assert dialog.passphrase_field.text() == "" and dialog.isVisible()
    assert dialog.recover_button.isVisible()
    with qtbot.waitSignal(dialog.recovery_requested) as asked:
        dialog.recover_button.click()
    assert asked.args[0] is info


# -- lock -----------------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    window = QMainWindow()
    window.setWindowTitle(f"{APP_NAME} - {PERSONAL}")
    window.setCentralWidget(QLabel(f"Supervision notes for {PERSONAL}"))
    save = QAction("Save", window)
    save.setShortcut("Ctrl+S")
    window.addAction(save)
    window.resize(640, 480)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_lock_covers_everything_and_shows_nothing_personal(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    other = QDialog(window)
    other.setWindowTitle(f"Check-in: {PERSONAL}")
    other.show()
    lock = LockScreen(
        window, check_passphrase=lambda p: p == "right one", runner=TaskRunner(synchronous=True)
    )

    lock.lock()

    assert lock.is_locked and lock.isVisible() and lock.geometry() == window.rect()
    for top in (window, other):
        assert PERSONAL not in top.windowTitle() and "locked" in top.windowTitle()
    assert not window.centralWidget().isEnabled()
    assert not window.actions()[0].isEnabled(), "shortcuts are off while locked"
    covers = [c for c in other.findChildren(QFrame) if c.objectName() == "lockCover"]
    assert covers and covers[0].isVisible() and covers[0].geometry() == other.rect()
    texts = [label.text() for label in lock.findChildren(QLabel)]
    assert not any(PERSONAL in text for text in texts)

    window.resize(800, 600)
    assert lock.geometry() == window.rect()
    lock.passphrase_field.setText("wrong")
    lock.unlock_button.click()
    assert lock.is_locked and "not the passphrase" in lock.message.text()
    with qtbot.waitSignal(lock.unlocked):
        lock.passphrase_field.setText("right one")
        lock.passphrase_field.returnPressed.emit()

    assert not lock.isVisible() and window.centralWidget().isEnabled()
    assert window.actions()[0].isEnabled()
    assert window.windowTitle() == f"{APP_NAME} - {PERSONAL}"
    assert other.windowTitle() == f"Check-in: {PERSONAL}"


def test_without_a_passphrase_a_click_continues(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    lock = LockScreen(window)
    lock.lock()
    assert not lock.passphrase_field.isVisibleTo(lock)
    assert lock.unlock_button.text() == "Continue"
    with qtbot.waitSignal(lock.unlocked):
        lock.unlock_button.click()


def test_idle_controller_asks_to_lock_after_idle_time_and_input_postpones_it(
    qtbot,
    window,  # type: ignore[no-untyped-def]
) -> None:
    controller = IdleLockController(idle_minutes=0.01)  # 600 ms
    controller.start()
    try:
        qtbot.waitUntil(lambda: controller.remaining_ms < 400, timeout=2000)
        QApplication.sendEvent(
            window.centralWidget(),
            QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"),
        )
        assert controller.remaining_ms > 500, "a key press starts the idle time again"
        with qtbot.waitSignal(controller.lock_requested, timeout=3000):
            pass
        controller.set_idle_minutes(0)
        with qtbot.assertNotEmitted(controller.lock_requested, wait=300):
            pass
    finally:
        controller.stop()


def test_ctrl_l_locks_at_once(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    controller = IdleLockController(idle_minutes=30)
    controller.add_shortcut(window)
    with qtbot.waitSignal(controller.lock_requested, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


# -- recovery dialog ------------------------------------------------------------------------------


def test_recovery_restores_the_latest_good_backup_and_keeps_the_damaged_file(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    key = random_key()
    path = tmp_path / "wellbeing.sqlite3"
    db = open_app_database(path, key=key)
    people.save_team(db, "Recovered team")
    backups.make_backup(db)
    db.close()
    path.write_bytes(b"overwritten by mistake " * 1000)
    damaged = path.read_bytes()
    info = backups.recovery_info(path, "The database file is damaged.", key)

    dialog = RecoveryDialog(info, key=key, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    assert "damaged" in dialog.problem.text() and dialog.restore_button.isEnabled()
    with qtbot.waitSignal(dialog.restored) as done:
        dialog.restore_button.click()

    outcome = done.args[0]
    assert outcome.kept.read_bytes() == damaged
    reopened = open_app_database(path, key=key)
    try:
        assert [t.name for t in people.list_teams(reopened)] == ["Recovered team"]
    finally:
        reopened.close()


def test_recovery_without_a_good_backup_offers_another_file_or_quitting(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = tmp_path / "wellbeing.sqlite3"
    path.write_bytes(b"not a database " * 100)
    dialog = RecoveryDialog(
        backups.recovery_info(path, "Not a database.", None), runner=TaskRunner(synchronous=True)
    )
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    bad = tmp_path / "bad-backup.sqlite3"
    bad.write_text("nor is this")
    with qtbot.assertNotEmitted(dialog.restored):
        dialog.restore_from(bad)
    assert "Nothing was changed" in dialog.message.text()
    assert path.read_bytes() == b"not a database " * 100
    with qtbot.waitSignal(dialog.quit_requested):
        dialog.quit_button.click()
