"""Fixtures for the form tests: a real SQLite database built through the services."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from tests.ui.forms.scenario import Scenario, build_scenario
from wellbeing_desktop.services.setup import open_app_database
from wellbeing_desktop.storage.database import Database


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the shipped roles and services, made once: copying it is
    much quicker than migrating a new file for every test."""
    path = tmp_path_factory.mktemp("template") / "wellbeing.sqlite3"
    open_app_database(path).close()
    return path


@pytest.fixture
def app_db(template_database: Path, sqlite_path: Path) -> Iterator[Database]:
    for suffix in ("", "-wal", "-shm"):
        source = template_database.with_name(template_database.name + suffix)
        if source.exists():
            shutil.copyfile(source, sqlite_path.with_name(sqlite_path.name + suffix))
    database = open_app_database(sqlite_path)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture
def scenario(app_db: Database) -> Scenario:
    return build_scenario(app_db)


class Keyboard:
    """Keys sent to whichever widget has the focus, as a person at the keyboard would."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot

    @property
    def focus(self) -> QWidget:
        # After a message box closes, the focus comes back on a later event-loop pass.
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus, text)
        QApplication.processEvents()

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.qtbot.keyClick(self.focus, key, modifier)
        # A person's next key comes after Qt has handled this one (some of it is queued).
        QApplication.processEvents()

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.press(Qt.Key.Key_Tab)


def show_dialog(qtbot, dialog: QDialog) -> None:  # type: ignore[no-untyped-def]
    """Open a dialog as the main window does, and wait until it has the keyboard."""
    # done() closes without the unsaved-changes question, which would block teardown.
    qtbot.addWidget(dialog, before_close_func=lambda d: d.done(0))
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()

    def has_keyboard() -> bool:
        focused = QApplication.focusWidget()
        return (
            QApplication.activeWindow() is dialog
            and focused is not None
            and (dialog.isAncestorOf(focused))
        )

    qtbot.waitUntil(has_keyboard)


@pytest.fixture
def keyboard(qtbot) -> Keyboard:  # type: ignore[no-untyped-def]
    return Keyboard(qtbot)


def answer_message_box(qtbot, button: QMessageBox.StandardButton) -> list[str]:  # type: ignore[no-untyped-def]
    """Arrange to press ``button`` on the next message box, once it is the modal widget.
    Returns a list that receives the box's text, to check what was asked."""
    asked: list[str] = []

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press)
            return
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, press)
    return asked
