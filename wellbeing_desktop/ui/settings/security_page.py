"""Settings page: security. How soon the window locks itself, whether the database
is encrypted (with the way to encrypt it or change its passphrase), and whether
this computer remembers its key.

The lock time is a user setting ('lock_after_minutes'). Encrypting and changing
the passphrase need the database closed, so the page only asks for them
(``encrypt_requested``, ``change_passphrase_requested``): the settings dialog
closes and the main window does the work (``ui/data_menu.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.settings import Settings
from wellbeing_desktop.ui.forms.fields import heading, note_label
from wellbeing_desktop.ui.settings.page import SettingsPage

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

MAX_LOCK_MINUTES = 240


class SecurityPage(SettingsPage):
    lock_minutes_changed = Signal(int)
    encrypt_requested = Signal()
    change_passphrase_requested = Signal()

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
        self._baseline: tuple[int, bool] = (0, False)

        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, MAX_LOCK_MINUTES)
        self.lock_minutes.setSpecialValueText(self.tr("Never"))
        self.lock_minutes.setSuffix(self.tr(" minutes"))
        self.lock_minutes.setAccessibleName(self.tr("Lock after this many minutes without use"))
        lock_label = QLabel(self.tr("&Lock the window after"))
        lock_label.setBuddy(self.lock_minutes)
        lock_row = QHBoxLayout()
        lock_row.addWidget(lock_label)
        lock_row.addWidget(self.lock_minutes)
        lock_row.addWidget(QLabel(self.tr("without keyboard or mouse use")))
        lock_row.addStretch(1)

        self.encryption_status = QLabel()
        self.encryption_status.setWordWrap(True)
        self.encryption_status.setAccessibleName(self.tr("Encryption of this database"))
        self.encrypt_button = QPushButton(self.tr("&Encrypt this database…"))
        self.encrypt_button.setAccessibleName(self.tr("Encrypt this database with a passphrase"))
        self.encrypt_button.setAutoDefault(False)
        self.change_button = QPushButton(self.tr("&Change passphrase…"))
        self.change_button.setAccessibleName(self.tr("Change this database's passphrase"))
        self.change_button.setAutoDefault(False)
        self.remember_box = QCheckBox(self.tr("&Remember the key on this computer"))
        self.remember_box.setAccessibleName(self.tr("Remember the key on this computer"))
        self.remember_note = note_label()

        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName(self.tr("Save the security settings"))
        self.save_button.setAutoDefault(False)
        self.saved_note = note_label()
        self.saved_note.setAccessibleName(self.tr("Save status"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.encrypt_button)
        buttons.addWidget(self.change_button)
        buttons.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.saved_note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Locking"), level=2))
        layout.addLayout(lock_row)
        layout.addWidget(
            note_label(
                self.tr(
                    "Ctrl+L locks it at once. While it is locked nothing personal shows, not "
                    "even in the taskbar; an encrypted database's passphrase unlocks it."
                )
            )
        )
        layout.addSpacing(12)
        layout.addWidget(heading(self.tr("Encryption"), level=2))
        layout.addWidget(self.encryption_status)
        layout.addLayout(buttons)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.remember_note)
        layout.addSpacing(12)
        layout.addLayout(actions)
        layout.addStretch(1)

        self.encrypt_button.clicked.connect(self.encrypt_requested)
        self.change_button.clicked.connect(self.change_passphrase_requested)
        self.save_button.clicked.connect(self.save)

    def page_title(self) -> str:
        return self.tr("Security")

    def load(self) -> None:
        from wellbeing_desktop.services.encryption import keyring_available, remembered_key

        minutes = int(self.settings.get("lock_after_minutes"))
        self.lock_minutes.setValue(max(0, min(MAX_LOCK_MINUTES, minutes)))
        path, encrypted = self.db.path, self.db.encrypted
        if path is None:
            self.encryption_status.setText(
                self.tr(
                    "This is a shared PostgreSQL database: the server protects it (its logins, "
                    "TLS on the connection and its own encryption), not a passphrase here."
                )
            )
        elif encrypted:
            self.encryption_status.setText(
                self.tr(
                    "✓ This database is encrypted (AES-256). A copy of the file, or of any of "
                    "its backups, shows nothing without the passphrase."
                )
            )
        else:
            self.encryption_status.setText(
                self.tr(
                    "This database is not encrypted: anyone with a copy of the file can read "
                    "it. Encrypt it with a passphrase only you know."
                )
            )
        self.encrypt_button.setVisible(path is not None and not encrypted)
        self.change_button.setVisible(path is not None and encrypted)
        available, why = keyring_available()
        remembered = bool(path is not None and encrypted and remembered_key(path) is not None)
        self.remember_box.setVisible(path is not None and encrypted)
        self.remember_box.setEnabled(available or remembered)
        self.remember_box.setChecked(remembered)
        self.remember_box.setToolTip(why)
        self.remember_note.setText(
            self.tr(
                "The key (not the passphrase) is kept in this computer's credential store, "
                "protected by your login, so you are not asked each time here."
            )
            if available
            else why
        )
        self.remember_note.setVisible(path is not None and encrypted)
        self._baseline = self._state()

    def _state(self) -> tuple[int, bool]:
        return (self.lock_minutes.value(), self.remember_box.isChecked())

    def is_dirty(self) -> bool:
        return self._state() != self._baseline

    def discard(self) -> None:
        self.load()

    def save(self) -> bool:
        from wellbeing_desktop.services.encryption import forget_key, remember_key

        minutes, remember = self._state()
        old_minutes, old_remember = self._baseline
        notes = [self.tr("✓ Saved.")]
        if minutes != old_minutes:
            self.settings.set("lock_after_minutes", minutes)
            self.settings.save()
            self.lock_minutes_changed.emit(minutes)
        path, key = self.db.path, self.db.key
        if remember != old_remember and path is not None and key is not None:
            if remember:
                done, message = remember_key(path, key)
                notes.append(message)
                if not done:
                    self.remember_box.setChecked(False)
            else:
                forget_key(path)
                notes.append(self.tr("This computer no longer remembers the key."))
        self._baseline = self._state()
        self.saved_note.setText(" ".join(notes))
        self.changed.emit()
        return True
