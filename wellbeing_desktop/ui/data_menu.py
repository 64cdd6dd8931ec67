"""The Data menu: the audit trail, a person's data rights, retention, backups and
encryption, and the automatic backup when the app closes.

The main window owns one ``DataMenu``; it asks the window which database is
open and which person is chosen, and opens the dialogs (each imported when first
used). Work that needs the database file to itself (restore, encrypt, change the
passphrase) goes through ``ui/database_swap.py``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from wellbeing_desktop.ui.dialogs import report_error, show_information

if TYPE_CHECKING:
    from wellbeing_desktop.services.encryption import ConversionResult
    from wellbeing_desktop.storage.recovery import RestoreOutcome
    from wellbeing_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

AUTOMATIC_BACKUP_CHECK_MS = 60 * 60 * 1000  # hourly; a backup is made at most daily


class DataMenu(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QWidget | None = None  # the dialog opened last (tests look at it)
        self.audit_dialog: QDialog | None = None
        self.message_box: QWidget | None = None
        self.swap: QObject | None = None
        tr = self.tr

        self.menu = QMenu(tr("&Data"), window)
        self.audit_action = self._action(
            tr("&Audit trail…"),
            self.open_audit_trail,
            tr("Who did what, and when; check that nobody has altered it"),
            "Ctrl+Shift+A",
        )
        self.menu.addSeparator()
        self.export_action = self._action(
            tr("E&xport everything about a person…"),
            lambda: self.export_person(),
            tr("Subject access: everything held about the chosen person, as PDF or JSON"),
        )
        self.erase_action = self._action(
            tr("&Erase a person…"),
            lambda: self.erase_person(),
            tr("Remove the chosen person and everything about them"),
        )
        self.retention_action = self._action(
            tr("&Retention…"),
            self.open_retention,
            tr("How long records are kept after people leave; remove those past it"),
        )
        self.menu.addSeparator()
        self.backup_action = self._action(
            tr("Back up &now"), self.back_up_now, tr("Make a backup of the database now")
        )
        self.backups_action = self._action(
            tr("Restore from a &backup…"),
            self.open_backups,
            tr("See the backups of this database and restore one"),
        )
        self.menu.addSeparator()
        self.encrypt_action = self._action(
            tr("En&crypt this database…"),
            self.encrypt,
            tr("Protect the database file with a passphrase"),
        )
        self.change_passphrase_action = self._action(
            tr("Change &passphrase…"),
            self.change_passphrase,
            tr("Change the passphrase of this encrypted database"),
        )

        self.automatic_backups = QTimer(self)
        self.automatic_backups.setInterval(AUTOMATIC_BACKUP_CHECK_MS)
        self.automatic_backups.timeout.connect(self.backup_if_due)
        self.automatic_backups.start()
        window.database_changed.connect(self._database_changed)
        self.update_actions()

    def _action(self, text: str, slot: Any, tip: str, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            self.window.addAction(action)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    # ---- state ------------------------------------------------------------------------

    def update_actions(self) -> None:
        db = self.window.db
        has_db = db is not None
        local = db is not None and db.path is not None
        for action in (
            self.audit_action,
            self.export_action,
            self.erase_action,
            self.retention_action,
        ):
            action.setEnabled(has_db)
        self.backup_action.setEnabled(local)
        self.backups_action.setEnabled(local)
        encrypted = db is not None and db.encrypted
        self.encrypt_action.setVisible(local and not encrypted)
        self.change_passphrase_action.setVisible(local and encrypted)
        self.encrypt_action.setEnabled(local)
        self.change_passphrase_action.setEnabled(local)

    def _database_changed(self) -> None:
        # The audit trail shown was the old database's.
        if self.audit_dialog is not None:
            self.audit_dialog.close()
            self.audit_dialog = None
        self.update_actions()

    def watch_form(self, form: QObject) -> None:
        """Connect what a form may ask of the data actions (the settings dialog's
        security page: the idle lock's minutes, encrypting, changing the passphrase)."""
        for name, slot in (
            ("lock_minutes_changed", self.window.idle_lock.set_idle_minutes),
            ("encrypt_requested", self.encrypt),
            ("change_passphrase_requested", self.change_passphrase),
        ):
            signal = getattr(form, name, None)
            if signal is not None:
                signal.connect(slot)

    def _person(self, staff_id: int | None) -> int | None:
        chosen = staff_id if staff_id is not None else self.window.chosen_person()
        if chosen is None:
            self.message_box = show_information(
                self.window,
                self.tr("Choose a person first"),
                self.tr("Choose someone in the team table (or open them), then try again."),
            )
        return chosen

    # ---- the audit trail --------------------------------------------------------------

    def open_audit_trail(self) -> None:
        db = self.window.db
        if db is None:
            return
        if self.audit_dialog is not None and self.audit_dialog.isVisible():
            self.audit_dialog.raise_()
            self.audit_dialog.activateWindow()
            return
        from wellbeing_desktop.ui.audit_view import AuditTrailDialog

        dialog = AuditTrailDialog(db, runner=self.window.tasks, parent=self.window)
        self.audit_dialog = dialog
        self.dialog = dialog
        dialog.show()  # not modal: it can stay open beside the window

    # ---- a person's data rights -------------------------------------------------------

    def for_person(self, kind: str, staff_id: int) -> None:
        """From the person view: ("export" | "erase", their number)."""
        if kind == "export":
            self.export_person(staff_id)
        elif kind == "erase":
            self.erase_person(staff_id)

    def export_person(self, staff_id: int | None = None) -> None:
        db = self.window.db
        chosen = self._person(staff_id) if db is not None else None
        if db is None or chosen is None:
            return
        from wellbeing_desktop.ui.data_rights import SubjectAccessExport

        export = SubjectAccessExport(
            db, chosen, self.window, runner=self.window.tasks, today=self.window._today
        )
        self.dialog = None
        self.export = export
        export.choose_and_export()

    def erase_person(self, staff_id: int | None = None) -> None:
        db = self.window.db
        chosen = self._person(staff_id) if db is not None else None
        if db is None or chosen is None:
            return
        from wellbeing_desktop.ui.data_rights import ErasureDialog

        dialog = ErasureDialog(db, chosen, runner=self.window.tasks, parent=self.window)
        dialog.erased.connect(self._erased)
        self._open(dialog)

    def _erased(self, _staff_id: int) -> None:
        # The person view showed someone who is no longer there.
        self.window.show_dashboard()
        self.window.dashboard.refresh()
        self.window.statusBar().showMessage(
            self.tr("Erased. The audit trail records the counts, not who it was."), 15_000
        )

    def open_retention(self) -> None:
        db = self.window.db
        if db is None:
            return
        from wellbeing_desktop.ui.retention_dialog import RetentionDialog

        dialog = RetentionDialog(
            db, runner=self.window.tasks, parent=self.window, today=self.window._today
        )
        dialog.applied.connect(self._retention_applied)
        self._open(dialog)

    def _retention_applied(self, done: Any) -> None:
        view = self.window._person_view
        if view is not None and view.staff_id in set(done.staff_ids):
            self.window.show_dashboard()
        self.window.dashboard.refresh()

    def _open(self, dialog: QDialog) -> None:
        from PySide6.QtCore import Qt

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    # ---- backups ----------------------------------------------------------------------

    def back_up_now(self) -> None:
        db = self.window.db
        if db is None or db.path is None:
            return
        from wellbeing_desktop.services.backups import make_backup

        self.backup_action.setEnabled(False)
        self.window.statusBar().showMessage(self.tr("Backing up…"))
        self.window.tasks.run(
            lambda: make_backup(db), on_result=self._backed_up, on_error=self._backup_failed
        )

    def _backed_up(self, made: Path) -> None:
        self.update_actions()
        self.window.statusBar().showMessage(
            self.tr("Backed up: {name}").format(name=made.name), 15_000
        )
        self.message_box = show_information(
            self.window,
            self.tr("Backed up."),
            self.tr("The backup {name} is in {folder}.").format(name=made.name, folder=made.parent),
        )

    def _backup_failed(self, error: BaseException) -> None:
        self.update_actions()
        self.window.statusBar().clearMessage()
        self.message_box = report_error(error, self.window)

    def open_backups(self) -> None:
        db = self.window.db
        if db is None or db.path is None:
            return
        from wellbeing_desktop.ui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(db, runner=self.window.tasks, parent=self.window)
        dialog.restore_requested.connect(self.restore)
        self._open(dialog)

    def restore(self, backup: Path) -> bool:
        """Restore ``backup`` in place of the open database (confirmed already)."""
        from wellbeing_desktop.services.backups import restore_backup
        from wellbeing_desktop.ui.database_swap import DatabaseSwap

        def work(path: Path, key: Any) -> tuple[RestoreOutcome, Any]:
            return restore_backup(path, backup, key=key), key

        return self._swap(
            self.tr("Checking and restoring the backup…"), work, self._restored, DatabaseSwap
        )

    def _restored(self, outcome: RestoreOutcome) -> None:
        kept = (
            self.tr("What it replaced is kept as {name} in {folder}.").format(
                name=outcome.kept.name, folder=outcome.kept.parent
            )
            if outcome.kept is not None
            else ""
        )
        self.message_box = show_information(
            self.window, self.tr("The backup has been restored."), kept
        )

    def backup_if_due(self) -> None:
        """The automatic backup while the app runs (made at most daily), off the UI
        thread; a failure is logged (its type only) and tried again next time."""
        db = self.window.db
        if db is None or db.path is None:
            return
        from wellbeing_desktop.services.backups import backup_if_due

        self.window.tasks.run(
            lambda: backup_if_due(db), on_error=lambda error: _log_backup_failure(error)
        )

    def backup_on_close(self) -> Path | None:
        """The automatic backup as the app closes. Never raises: a backup that cannot be
        made must not stop anyone quitting (the failure's type is logged, nothing else)."""
        db = self.window.db
        if db is None or db.path is None:
            return None
        try:
            from wellbeing_desktop.services.backups import backup_if_due

            return backup_if_due(db)
        except Exception as error:
            _log_backup_failure(error)
            return None

    # ---- encryption -------------------------------------------------------------------

    def encrypt(self) -> None:
        db = self.window.db
        if db is None or db.path is None or db.encrypted:
            return
        from wellbeing_desktop.ui.passphrase_dialog import PassphraseDialog

        dialog = PassphraseDialog.for_new_database(self.window, database_name=db.path.name)
        dialog.setWindowTitle(self.tr("Encrypt this database"))
        dialog.accepted.connect(lambda: self._encrypt_with(dialog.passphrase(), dialog.remember()))
        self._open(dialog)

    def _encrypt_with(self, passphrase: str, remember: bool) -> bool:
        from wellbeing_desktop.services.encryption import encrypt_database, remember_key
        from wellbeing_desktop.ui.database_swap import DatabaseSwap

        def work(path: Path, _key: Any) -> tuple[ConversionResult, Any]:
            result = encrypt_database(path, passphrase)
            if remember:
                remember_key(path, result.key)
            return result, result.key

        return self._swap(
            self.tr("Encrypting the database and its backups…"), work, self._encrypted, DatabaseSwap
        )

    def _encrypted(self, result: ConversionResult) -> None:
        self.message_box = show_information(
            self.window,
            self.tr("The database is encrypted."),
            self.tr(
                "From now on it opens only with its passphrase. Backups encrypted too: {n}."
            ).format(n=QLocale().toString(result.backups_converted))
            + _not_converted(self.tr, result),
        )

    def change_passphrase(self) -> None:
        db = self.window.db
        if db is None or db.path is None or db.key is None:
            return
        from wellbeing_desktop.services.encryption import passphrase_matches
        from wellbeing_desktop.ui.passphrase_dialog import PassphraseDialog

        key = db.key
        dialog = PassphraseDialog.for_change(
            lambda passphrase: passphrase_matches(key, passphrase),
            self.window,
            runner=self.window.tasks,
        )
        dialog.accepted.connect(lambda: self._change_to(dialog.passphrase()))
        self._open(dialog)

    def _change_to(self, new_passphrase: str) -> bool:
        from wellbeing_desktop.services.encryption import change_passphrase
        from wellbeing_desktop.ui.database_swap import DatabaseSwap

        def work(path: Path, key: Any) -> tuple[ConversionResult, Any]:
            result = change_passphrase(path, None, new_passphrase, old_key=key)
            return result, result.key

        return self._swap(
            self.tr("Changing the passphrase of the database and its backups…"),
            work,
            self._passphrase_changed,
            DatabaseSwap,
        )

    def _passphrase_changed(self, result: ConversionResult) -> None:
        self.message_box = show_information(
            self.window,
            self.tr("The passphrase has been changed."),
            self.tr("The old passphrase opens nothing now. Backups changed over too: {n}.").format(
                n=QLocale().toString(result.backups_converted)
            )
            + _not_converted(self.tr, result),
        )

    def _swap(self, text: str, work: Any, done: Any, swap_class: Any) -> bool:
        if self.audit_dialog is not None:
            self.audit_dialog.close()
            self.audit_dialog = None
        swap = swap_class(self.window, text, work)
        swap.finished.connect(done)
        self.swap = swap
        return bool(swap.start())


def _not_converted(tr: Any, result: ConversionResult) -> str:
    if not result.backups_not_converted:
        return ""
    names = ", ".join(path.name for path in result.backups_not_converted)
    return " " + tr(
        "These backups could not be read and were left as they were; remove them yourself: {names}."
    ).format(names=names)


def _log_backup_failure(error: BaseException) -> None:
    # The type only: a message could name a file, and the data is special-category.
    log.warning("Automatic backup not made (%s)", type(error).__name__)
