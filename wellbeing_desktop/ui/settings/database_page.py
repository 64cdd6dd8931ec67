"""Settings page: where the database lives. A different database is used from the next
start; the choice is stored in the user's settings file as 'database_url'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop import paths
from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services.encryption import check_database_url_for_settings
from wellbeing_desktop.settings import Settings
from wellbeing_desktop.ui.forms.fields import ErrorLabel, FieldErrors, heading, note_label
from wellbeing_desktop.ui.settings.page import SettingsPage

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

DEFAULT, FILE, SHARED = 0, 1, 2


class DatabasePage(SettingsPage):
    def __init__(
        self,
        db: Database,
        today: dt.date,
        parent: QWidget | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        super().__init__(db, today, parent)
        self.settings = settings or Settings()
        self.page_error = ErrorLabel()
        self.errors = FieldErrors(self.page_error)

        self.current = QLabel()
        self.current.setWordWrap(True)
        self.current.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.current.setAccessibleName(self.tr("The database in use"))

        self.choice = QButtonGroup(self)
        self.use_default = QRadioButton(self.tr("This computer's own &database"))
        self.use_file = QRadioButton(self.tr("Another database &file"))
        self.use_shared = QRadioButton(self.tr("A shared &PostgreSQL database"))
        for number, button in enumerate((self.use_default, self.use_file, self.use_shared)):
            button.setAccessibleName(button.text().replace("&", ""))
            self.choice.addButton(button, number)
        self.default_note = note_label(str(paths.default_database_path()))
        self.file = QLineEdit()
        self.file.setAccessibleName(self.tr("Database file"))
        self.file.setPlaceholderText(self.tr("A .sqlite3 file, e.g. on a shared drive"))
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.setAccessibleName(self.tr("Choose a database file"))
        self.browse.setAutoDefault(False)
        self.file_error = ErrorLabel()
        self.shared = QLineEdit()
        self.shared.setAccessibleName(self.tr("Shared database address"))
        self.shared.setPlaceholderText("postgresql://user@server:5432/wellbeing")
        self.shared_error = ErrorLabel()
        self.errors.register("file", self.file, self.file_error)
        self.errors.register("shared", self.shared, self.shared_error)
        self.save_button = QPushButton(self.tr("&Use this database from the next start"))
        self.save_button.setObjectName("primary")  # the theme's main action
        self.save_button.setAccessibleName(self.save_button.text().replace("&", ""))
        self.save_button.setAutoDefault(False)
        self.saved_note = note_label()
        self.saved_note.setAccessibleName(self.tr("Save status"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("In use now"), level=2))
        layout.addWidget(self.current)
        layout.addSpacing(8)
        layout.addWidget(heading(self.tr("Database to open"), level=2))
        layout.addWidget(
            note_label(
                self.tr(
                    "Managers who share a database share the teams, roles and thresholds. "
                    "A change takes effect when you next start Wellbeing Desktop."
                )
            )
        )
        indent = self.style().pixelMetric(self.style().PixelMetric.PM_ExclusiveIndicatorWidth) + 8

        def indented(*widgets: QWidget) -> QVBoxLayout:
            box = QVBoxLayout()
            box.setContentsMargins(indent, 0, 0, 6)
            for widget in widgets:
                box.addWidget(widget)
            return box

        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.file, 1)
        row.addWidget(self.browse)
        password_note = note_label(
            self.tr(
                "Leave the password out of the address (the settings file is plain text): "
                "keep it in the PostgreSQL password file (pgpass), or use single sign-on."
            )
        )
        layout.addWidget(self.use_default)
        layout.addLayout(indented(self.default_note))
        layout.addWidget(self.use_file)
        layout.addLayout(indented(file_row, self.file_error))
        layout.addWidget(self.use_shared)
        layout.addLayout(indented(self.shared, self.shared_error, password_note))
        layout.addWidget(self.page_error)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.saved_note, 1)
        layout.addLayout(actions)
        layout.addStretch(1)

        self.choice.idToggled.connect(self._update_enabled)
        self.file.textEdited.connect(lambda: self.use_file.setChecked(True))
        self.shared.textEdited.connect(lambda: self.use_shared.setChecked(True))
        self.browse.clicked.connect(self.choose_file)
        self.save_button.clicked.connect(self.save)

    def page_title(self) -> str:
        return self.tr("Database")

    def load(self) -> None:
        url = self.db.url
        where = str(self.db.path) if self.db.path else url.render_as_string(hide_password=True)
        self.current.setText(self.tr("%1\n(%2)").replace("%1", self.db.label).replace("%2", where))
        stored = str(self.settings.get("database_url") or "")
        self.file.clear()
        self.shared.clear()
        if not stored:
            self.use_default.setChecked(True)
        elif stored.startswith(("postgresql", "postgres")):
            self.use_shared.setChecked(True)
            self.shared.setText(stored)
        else:
            self.use_file.setChecked(True)
            self.file.setText(stored.removeprefix("sqlite:///"))
        self._baseline = self._wanted_text()
        self._update_enabled()

    def _update_enabled(self) -> None:
        self.file.setEnabled(self.use_file.isChecked())
        self.browse.setEnabled(self.use_file.isChecked())
        self.shared.setEnabled(self.use_shared.isChecked())

    def choose_file(self) -> None:
        start = self.file.text() or str(paths.data_dir())
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Choose a database file"),
            start,
            self.tr("Wellbeing Desktop database (*.sqlite3 *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            self.file.setText(chosen)
            self.use_file.setChecked(True)

    def _wanted_text(self) -> tuple[int, str, str]:
        return (self.choice.checkedId(), self.file.text().strip(), self.shared.text().strip())

    def wanted_url(self) -> str:
        """The value to store, or a ValidationError naming the field to fix."""
        choice, file, shared = self._wanted_text()
        if choice == FILE:
            if not file:
                raise ValidationError("file", self.tr("Choose or type the database file."))
            return f"sqlite:///{Path(file).expanduser()}"
        if choice == SHARED:
            if not shared.startswith(("postgresql://", "postgres://")):
                raise ValidationError(
                    "shared", self.tr("The address starts postgresql:// (ask your IT team).")
                )
            return shared
        return ""

    def is_dirty(self) -> bool:
        return self._wanted_text() != self._baseline

    def discard(self) -> None:
        self.load()

    def save(self) -> bool:
        self.errors.clear()
        try:
            url = self.wanted_url()
            check_database_url_for_settings(url)
        except ValidationError as error:
            if error.field == "database_url":  # the service's name for the address
                error = ValidationError(
                    "shared" if self.use_shared.isChecked() else "file", error.message
                )
            self.errors.show(error)
            return False
        self.settings.set("database_url", url)
        self.settings.save()
        self._baseline = self._wanted_text()
        self.saved_note.setText(
            self.tr("✓ Saved. Wellbeing Desktop will open this database next time it starts.")
        )
        self.changed.emit()
        return True
