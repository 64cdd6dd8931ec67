"""The recovery dialog: the database cannot be opened; here is what can be done.

It explains the problem in the error's own words, says that the damaged file will
be kept as it is, and offers the latest good backup, a backup file of the user's
choosing, or quitting. A restore runs off the UI thread through
``services.backups.restore_backup``, which verifies the backup first and moves
the damaged file aside (never overwriting it) before putting the copy in place.

The dialog never runs itself: create it, connect its signals, call ``open()``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop import APP_NAME
from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.services import backups
from wellbeing_desktop.services.encryption import DatabaseKey
from wellbeing_desktop.ui.models.format import format_date_time
from wellbeing_desktop.ui.tasks import TaskRunner


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryDialog", text)


class RecoveryDialog(QDialog):
    """Offer recovery for ``info`` (from ``services.backups.recovery_for(error)``).

    ``key`` or ``passphrase`` opens encrypted backups (the database's key opens
    its backups). Emits ``restored`` with the ``RestoreOutcome`` (then reopen the
    database), or ``quit_requested``.
    """

    restored = Signal(object)
    quit_requested = Signal()

    def __init__(
        self,
        info: backups.RecoveryInfo,
        parent: QWidget | None = None,
        *,
        key: DatabaseKey | None = None,
        passphrase: str | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setWindowTitle(_tr("{app}: the database cannot be opened").format(app=APP_NAME))
        self.info = info
        self._key = key
        self._passphrase = passphrase
        self._runner = runner or TaskRunner(self)

        self.problem = QLabel(info.problem)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(_tr("The problem"))
        kept = QLabel(
            _tr(
                "The file {path} will be kept exactly as it is, under a new name beside it, "
                "in case it can be repaired later. Nothing is overwritten."
            ).format(path=info.database_path)
        )
        kept.setWordWrap(True)
        self.offer = QLabel()
        self.offer.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_tr("Message"))

        self.restore_button = QPushButton(_tr("Restore the latest good backup"))
        self.choose_button = QPushButton(_tr("Choose another file…"))
        self.quit_button = QPushButton(_tr("Quit"))
        self.restore_button.clicked.connect(self._restore_latest)
        self.choose_button.clicked.connect(self._choose)
        self.quit_button.clicked.connect(self._quit)

        good = info.latest_good_backup
        if good is not None:
            made = QDateTime.fromSecsSinceEpoch(int(good.made_at.timestamp()))
            when = format_date_time(made.date(), made.time())
            self.offer.setText(
                _tr(
                    "The latest good backup was made on {when}. Restoring it brings back "
                    "everything saved up to then; later changes would need entering again."
                ).format(when=when)
            )
            self.restore_button.setDefault(True)
        else:
            self.offer.setText(
                _tr(
                    "No backup that opens and passes its check was found for this database. "
                    "You can choose a backup or copy you keep elsewhere."
                )
            )
            self.restore_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        for widget in (self.problem, kept, self.offer, self.message):
            layout.addWidget(widget)
        layout.addLayout(buttons)

    def _restore_latest(self) -> None:
        if self.info.latest_good_backup is not None:
            self.restore_from(self.info.latest_good_backup.path)

    def _choose(self) -> None:
        folder = backups.backup_folder(self.info.database_path)
        name, _filter = QFileDialog.getOpenFileName(
            self,
            _tr("Choose a backup to restore"),
            str(folder if folder.is_dir() else self.info.database_path.parent),
            _tr("Wellbeing Desktop databases (*.sqlite3 *.db);;All files (*)"),
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, backup: Path) -> None:
        """Restore ``backup`` (verified first) in place of the damaged database."""
        self._set_busy(True)
        path, key, passphrase = self.info.database_path, self._key, self._passphrase
        self._runner.run(
            lambda: backups.restore_backup(path, backup, key=key, passphrase=passphrase),
            on_result=self._restored,
            on_error=self._not_restored,
        )

    def _set_busy(self, busy: bool) -> None:
        for button in (self.restore_button, self.choose_button, self.quit_button):
            button.setEnabled(not busy)
        if not busy and self.info.latest_good_backup is None:
            self.restore_button.setEnabled(False)
        self.message.setText(_tr("Checking and restoring the backup…") if busy else "")

    def _restored(self, outcome: object) -> None:
        self._set_busy(False)
        self.restored.emit(outcome)
        self.accept()

    def _not_restored(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, WellbeingError):
            text = str(error)
        else:
            text = _tr("The backup could not be restored ({kind}).").format(
                kind=type(error).__name__
            )
        self.message.setText(text + " " + _tr("Nothing was changed; you can choose another file."))

    def _quit(self) -> None:
        self.quit_requested.emit()
        self.reject()
