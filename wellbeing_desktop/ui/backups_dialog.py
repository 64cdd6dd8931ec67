"""Backups of the open database: the list, a backup made now, and a restore.

Backing up runs off the UI thread (``services.backups.make_backup``). Restoring
needs the database closed, so the dialog only chooses and confirms: it emits
``restore_requested`` with the backup, and the main window's data actions close
the database, restore (``services.backups.restore_backup``, which checks the
backup and keeps what it replaces) and open it again (``ui/database_swap.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QWidget,
)

from wellbeing_desktop.services import backups
from wellbeing_desktop.settings import Settings
from wellbeing_desktop.ui.busy import ask_to_confirm, busy_bar, data_dialog_layout
from wellbeing_desktop.ui.dialogs import error_message
from wellbeing_desktop.ui.forms.fields import ErrorLabel, fit_to_screen, heading, note_label
from wellbeing_desktop.ui.models.format import format_date_time
from wellbeing_desktop.ui.tasks import TaskRunner
from wellbeing_desktop.ui.widgets.tables import list_table

if TYPE_CHECKING:
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from wellbeing_desktop.storage.database import Database

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def format_made_at(made_at: dt.datetime) -> str:
    """When a backup was made (local time, as its name records it), in the user's words."""
    day = QDate(made_at.year, made_at.month, made_at.day)
    time = QTime(made_at.hour, made_at.minute, made_at.second)
    return format_date_time(day, time)


class BackupsDialog(QDialog):
    """The backups of ``db``'s file, newest first."""

    restore_requested = Signal(object)  # the backup's Path, confirmed by the user
    backed_up = Signal(object)  # the new backup's Path
    listed = Signal()

    WHEN, KIND, SIZE = range(3)

    def __init__(
        self,
        db: Database,
        *,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._runner = runner or TaskRunner(self)
        self.confirm_box: QMessageBox | None = None
        self.setModal(True)
        self.setWindowTitle(self.tr("Backups"))
        self.setAccessibleName(self.tr("Backups"))
        self.setObjectName("backupsDialog")
        keep = int(Settings().get("backups_to_keep"))
        about = self.tr(
            "A backup is made automatically when you close Wellbeing Desktop, at most once a "
            "day, and the newest {keep} automatic backups are kept. Backups you make here are "
            "kept until you remove them."
        ).format(keep=keep)
        if db.encrypted:
            about += " " + self.tr(
                "Backups are encrypted like the database: its passphrase opens them."
            )
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setAccessibleName(self.tr("Backups folder"))
        self.folder_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.table = list_table(
            [self.tr("Made"), self.tr("How"), self.tr("Size")],
            self.tr("Backups, newest first"),
            stretch_column=self.WHEN,
            single_selection=True,
        )
        self.empty_label = note_label(self.tr("There are no backups of this database yet."))
        self.message = ErrorLabel()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.done_label.setAccessibleName(self.tr("Result"))
        self.busy_bar = busy_bar(self, self.tr("Backing up"))

        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setObjectName("primary")
        self.backup_button.setAccessibleName(self.tr("Back up the database now"))
        self.backup_button.setAutoDefault(False)
        self.restore_button = QPushButton(self.tr("&Restore this backup…"))
        self.restore_button.setAccessibleName(self.tr("Restore the chosen backup"))
        self.restore_button.setAutoDefault(False)
        self.restore_file_button = QPushButton(self.tr("Restore from a &file…"))
        self.restore_file_button.setAccessibleName(self.tr("Restore from a backup file elsewhere"))
        self.restore_file_button.setAutoDefault(False)
        self.folder_button = QPushButton(self.tr("Open the &folder"))
        self.folder_button.setAccessibleName(self.tr("Open the backups folder"))
        self.folder_button.setAutoDefault(False)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close backups"))
        self.close_button.setAutoDefault(False)

        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.restore_file_button)
        actions.addStretch(1)
        actions.addWidget(self.folder_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.busy_bar, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.close_button)
        layout = data_dialog_layout(self)
        layout.addWidget(heading(self.tr("Backups")))
        layout.addWidget(note_label(about))
        layout.addWidget(self.folder_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.done_label)
        layout.addLayout(bottom)
        fit_to_screen(self, 640, 520)

        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self._restore_chosen)
        self.restore_file_button.clicked.connect(self._restore_file)
        self.folder_button.clicked.connect(self._open_folder)
        self.close_button.clicked.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._update)
        self.table.doubleClicked.connect(self._restore_chosen)
        self.refresh()

    # ---- the list ---------------------------------------------------------------------

    @property
    def database_path(self) -> Path | None:
        return self.db.path

    def refresh(self, select: Path | None = None) -> None:
        """List the backups again (a few file names and sizes: quick)."""
        path = self.database_path
        if path is None:
            self._no_file()
            return
        self.folder_label.setText(
            self.tr("Kept in {folder}").format(folder=backups.backup_folder(path))
        )
        found = backups.list_backups(path)
        locale = QLocale()
        self.table.setRowCount(0)
        for info in found:
            row = self.table.rowCount()
            self.table.insertRow(row)
            when = QTableWidgetItem(format_made_at(info.made_at))
            when.setData(PATH_ROLE, str(info.path))
            when.setToolTip(info.path.name)
            how = QTableWidgetItem(self.tr("Automatic") if info.automatic else self.tr("Manual"))
            size = QTableWidgetItem(locale.formattedDataSize(info.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in ((self.WHEN, when), (self.KIND, how), (self.SIZE, size)):
                self.table.setItem(row, column, item)
            if select is not None and info.path == select:
                self.table.selectRow(row)
        self.table.setVisible(bool(found))
        self.empty_label.setVisible(not found)
        self._update()
        self.listed.emit()

    def _no_file(self) -> None:
        self.folder_label.setText(
            self.tr(
                "This is a shared PostgreSQL database: it is backed up by the server "
                "(pg_dump, point-in-time recovery), not by Wellbeing Desktop."
            )
        )
        for widget in (
            self.table,
            self.backup_button,
            self.restore_button,
            self.restore_file_button,
            self.folder_button,
        ):
            widget.setEnabled(False)
        self.empty_label.hide()

    def chosen_backup(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows(self.WHEN)
        if not rows:
            return None
        value = rows[0].data(PATH_ROLE)
        return Path(value) if value else None

    def _update(self) -> None:
        busy = self.busy_bar.isVisible()
        has_file = self.database_path is not None
        self.backup_button.setEnabled(has_file and not busy)
        self.restore_button.setEnabled(has_file and not busy and self.chosen_backup() is not None)
        self.restore_file_button.setEnabled(has_file and not busy)

    # ---- backing up -------------------------------------------------------------------

    def back_up_now(self) -> None:
        db = self.db
        self.message.clear_message()
        self.done_label.clear()
        self.busy_bar.show()
        self._update()
        self._runner.run(
            lambda: backups.make_backup(db), on_result=self._backed_up, on_error=self._failed
        )

    def _backed_up(self, made: Path) -> None:
        self.busy_bar.hide()
        self.done_label.setText(self.tr("✓ Backed up: {name}").format(name=made.name))
        self.refresh(select=made)
        self.backed_up.emit(made)

    def _failed(self, error: BaseException) -> None:
        self.busy_bar.hide()
        self.message.show_message(error_message(error))
        self._update()

    # ---- restoring --------------------------------------------------------------------

    def _restore_chosen(self) -> None:
        backup = self.chosen_backup()
        if backup is not None:
            self.confirm_restore(backup)

    def _restore_file(self) -> None:
        path = self.database_path
        if path is None:
            return
        folder = backups.backup_folder(path)
        name, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup to restore"),
            str(folder if folder.is_dir() else path.parent),
            self.tr("Wellbeing Desktop databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        if name:
            self.confirm_restore(Path(name))

    def confirm_restore(self, backup: Path) -> None:
        """Ask, then hand the backup to whoever restores it (``restore_requested``)."""
        path = self.database_path
        if path is None:
            return
        info = next((b for b in backups.list_backups(path) if b.path == backup), None)
        question = (
            self.tr("Restore the backup made {when}?").format(when=format_made_at(info.made_at))
            if info is not None
            else self.tr("Restore {name}?").format(name=backup.name)
        )
        self.confirm_box = ask_to_confirm(
            self,
            question,
            self.tr(
                "Your records go back to how they were then: anything saved since will not be "
                "in the database. What is there now is not lost: it is kept as a copy beside "
                "the database, in {folder}. The database is closed while the backup is checked "
                "and restored, then opened again."
            ).format(folder=path.parent),
            self.tr("&Restore"),
            lambda: self._restore(backup),
        )

    def _restore(self, backup: Path) -> None:
        self.accept()
        self.restore_requested.emit(backup)

    def _open_folder(self) -> None:
        path = self.database_path
        if path is None:
            return
        folder = backups.backup_folder(path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
