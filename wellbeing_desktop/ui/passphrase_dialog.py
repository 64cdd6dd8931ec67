"""The passphrase dialog: choosing one (first run, or encrypting) and unlocking.

Choosing shows a strength hint as the user types and asks for it twice.
Unlocking runs the slow part (deriving the key, opening the database) off the UI
thread; a wrong passphrase gets a calm message after the service's short delay,
and after a few tries, if backups exist, an offer to recover from one. Either
mode can offer to remember the key on this computer (the OS credential store).

The dialog never runs itself: create it, connect its signals, call ``open()``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services import backups
from wellbeing_desktop.services import encryption as passphrases
from wellbeing_desktop.ui.tasks import TaskRunner

TRIES_BEFORE_RECOVERY = 3


def _tr(text: str) -> str:
    return QCoreApplication.translate("PassphraseDialog", text)


class PassphraseDialog(QDialog):
    """Use ``for_new_database`` or ``for_unlock``."""

    # for_unlock: the opened Database, once the passphrase has opened it
    unlocked = Signal(object)
    # for_unlock: the RecoveryInfo to show in a RecoveryDialog (the user asked to recover)
    recovery_requested = Signal(object)
    # for_unlock: an error other than a wrong passphrase (damaged file, locked, ...)
    failed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self._runner: TaskRunner | None = None
        self._open: Callable[[str], Any] | None = None
        self._path: Path | None = None
        self._tries = 0
        self._recovery: backups.RecoveryInfo | None = None
        self._check_current: Callable[[str], bool] | None = None
        self.remember_message = ""  # what the credential store said, if remembering was asked

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.current_field = QLineEdit()
        self.current_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.current_field.setAccessibleName(_tr("Current passphrase"))
        self.passphrase_field = QLineEdit()
        self.passphrase_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_field.setAccessibleName(_tr("Passphrase"))
        self.confirm_field = QLineEdit()
        self.confirm_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_field.setAccessibleName(_tr("Passphrase again"))
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 3)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setAccessibleName(_tr("Passphrase strength"))
        self.strength_label = QLabel()
        self.strength_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_tr("Message"))
        self.remember_box = QCheckBox(_tr("Remember on this computer"))
        available, why = passphrases.keyring_available()
        self.remember_box.setEnabled(available)
        self.remember_box.setToolTip(why)
        self.recover_button = QPushButton(_tr("Recover from a backup…"))
        self.recover_button.hide()
        self.recover_button.clicked.connect(self._ask_for_recovery)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._confirmed)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.form.addRow(_tr("Current passphrase"), self.current_field)
        self.form.setRowVisible(self.current_field, False)
        self.form.addRow(_tr("Passphrase"), self.passphrase_field)
        self.form.addRow(_tr("Again"), self.confirm_field)
        self.form.addRow(_tr("Strength"), self.strength_bar)
        self.form.addRow("", self.strength_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.remember_box)
        layout.addWidget(self.message)
        layout.addWidget(self.recover_button)
        layout.addWidget(self.buttons)
        self.passphrase_field.textChanged.connect(self._update)
        self.confirm_field.textChanged.connect(self._update)
        self.current_field.textChanged.connect(self._update)

    # -- the two modes ------------------------------------------------------------------------

    @classmethod
    def for_new_database(
        cls, parent: QWidget | None = None, *, database_name: str = ""
    ) -> PassphraseDialog:
        """Choose a passphrase. On ``accepted``, read ``passphrase()`` and ``remember()``."""
        dialog = cls(parent)
        dialog.setWindowTitle(_tr("Choose a passphrase"))
        dialog.intro.setText(
            _tr(
                "The records are encrypted with a passphrase only you know. Without it nobody "
                "can read them, and nobody can recover them for you either: keep it safe. A "
                "few unrelated words are strong and easy to remember."
            )
            + (f" ({database_name})" if database_name else "")
        )
        dialog._update()
        return dialog

    @classmethod
    def for_unlock(
        cls,
        path: Path,
        open_database: Callable[[str], Any],
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> PassphraseDialog:
        """Ask for the passphrase of the encrypted database at ``path``.

        ``open_database(passphrase)`` opens it (typically ``lambda p:
        open_app_database(path, passphrase=p)``) and runs off the UI thread; its
        result is emitted with ``unlocked``. With "remember" ticked, the key is then
        kept in the credential store.
        """
        dialog = cls(parent)
        dialog._path = path
        dialog._open = open_database
        dialog._runner = runner or TaskRunner(dialog)
        dialog.setWindowTitle(_tr("Unlock"))
        dialog.intro.setText(
            _tr("{name} is encrypted. Enter its passphrase to open it.").format(name=path.name)
        )
        for widget in (dialog.confirm_field, dialog.strength_bar, dialog.strength_label):
            dialog.form.setRowVisible(widget, False)
        dialog._update()
        return dialog

    @classmethod
    def for_change(
        cls,
        check_current: Callable[[str], bool],
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> PassphraseDialog:
        """Change a passphrase: the current one (checked with ``check_current``, off the
        UI thread, before the dialog accepts), then the new one twice. On ``accepted``,
        read ``passphrase()``."""
        dialog = cls(parent)
        dialog._check_current = check_current
        dialog._runner = runner or TaskRunner(dialog)
        dialog.setWindowTitle(_tr("Change passphrase"))
        dialog.intro.setText(
            _tr(
                "Enter the passphrase in use now, then the new one twice. The database and "
                "its backups are changed over to the new passphrase; the old one opens "
                "nothing afterwards. Nobody can recover a forgotten passphrase: keep it safe."
            )
        )
        dialog.form.setRowVisible(dialog.current_field, True)
        label = dialog.form.labelForField(dialog.passphrase_field)
        if isinstance(label, QLabel):
            label.setText(_tr("New passphrase"))
        dialog.remember_box.hide()  # a key already remembered is updated by the service
        dialog._update()
        return dialog

    def current_passphrase(self) -> str:
        return self.current_field.text()

    @property
    def unlocking(self) -> bool:
        return self._open is not None

    def passphrase(self) -> str:
        return self.passphrase_field.text()

    def remember(self) -> bool:
        return self.remember_box.isChecked()

    # -- behaviour ----------------------------------------------------------------------------

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        text = self.passphrase_field.text()
        if self.unlocking:
            ok.setEnabled(bool(text))
            return
        strength = passphrases.passphrase_strength(text)
        self.strength_bar.setValue(strength.score)
        self.strength_label.setText(f"{_tr(strength.label)}: {_tr(strength.hint)}" if text else "")
        matches = text == self.confirm_field.text()
        if text and self.confirm_field.text() and not matches:
            self.message.setText(_tr("The two passphrases are not the same yet."))
        else:
            self.message.setText("")
        current_given = self._check_current is None or bool(self.current_field.text())
        ok.setEnabled(strength.acceptable and matches and current_given)

    def _set_busy(self, busy: bool) -> None:
        self.passphrase_field.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self.remember_box.setEnabled(not busy and self._can_remember())
        if busy:
            self.message.setText(_tr("Opening…"))

    def _can_remember(self) -> bool:
        return passphrases.keyring_available()[0]

    def _confirmed(self) -> None:
        if self._check_current is not None:
            self._check_then_accept(self._check_current)
            return
        if not self.unlocking:
            self.accept()
            return
        assert self._runner is not None and self._open is not None
        passphrase = self.passphrase_field.text()
        self._set_busy(True)
        opener = self._open
        self._runner.run(
            lambda: opener(passphrase), on_result=self._opened, on_error=self._not_opened
        )

    def _check_then_accept(self, check: Callable[[str], bool]) -> None:
        assert self._runner is not None
        current = self.current_field.text()
        for field in (self.current_field, self.passphrase_field, self.confirm_field):
            field.setEnabled(False)
        self.buttons.setEnabled(False)
        self.message.setText(_tr("Checking the current passphrase…"))

        def checked(right: object) -> None:
            for field in (self.current_field, self.passphrase_field, self.confirm_field):
                field.setEnabled(True)
            self.buttons.setEnabled(True)
            if right:
                self.message.setText("")
                self.accept()
                return
            self.current_field.clear()
            self.current_field.setFocus()
            self.message.setText(_tr("That is not the passphrase in use now. Try again."))

        self._runner.run(
            lambda: check(current), on_result=checked, on_error=lambda _e: checked(False)
        )

    def _opened(self, database: Any) -> None:
        self._set_busy(False)
        self.passphrase_field.clear()
        if self.remember() and self._path is not None and getattr(database, "key", None):
            _done, self.remember_message = passphrases.remember_key(self._path, database.key)
        self.message.setText("")
        self.unlocked.emit(database)
        self.accept()

    def _not_opened(self, error: BaseException) -> None:
        self._set_busy(False)
        self.passphrase_field.clear()
        self.passphrase_field.setFocus()
        if not isinstance(error, passphrases.WrongPassphraseError):
            self.failed.emit(error)
            self.reject()
            return
        self._tries += 1
        self._recovery = backups.recovery_for(error)
        self.message.setText(
            _tr("That passphrase does not open {name}. Check it and try again.").format(
                name=self._path.name if self._path else ""
            )
        )
        if self._tries >= TRIES_BEFORE_RECOVERY and self._recovery is not None:
            self.message.setText(
                self.message.text()
                + " "
                + _tr("If you are sure it is right, the file may be damaged: you can recover.")
            )
            self.recover_button.show()

    def _ask_for_recovery(self) -> None:
        if self._recovery is not None:
            self.recovery_requested.emit(self._recovery)
            self.reject()
