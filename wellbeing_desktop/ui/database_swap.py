"""Work that needs the database file to itself: restoring a backup, encrypting it,
changing its passphrase.

The sequence (as ``services/backups.py`` and the recovery dialog require): wait
for background reads to finish, take the database away from the window and
close it, do the work off the UI thread behind a "please wait", then open the
file again (with the new key, if the work made one) and give it back to the
window. If the work fails, the file is as it was (the services see to that) and
it is opened again as before; if even that fails, the window says no database is
open and the error is shown, as at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from wellbeing_desktop.ui.busy import please_wait
from wellbeing_desktop.ui.dialogs import report_error

if TYPE_CHECKING:
    from wellbeing_desktop.services.encryption import DatabaseKey
    from wellbeing_desktop.storage.database import Database
    from wellbeing_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)
# Reads already running against the database (the dashboard's) finish within this.
SETTLE_MS = 10_000

# The work: (database file, its key or None) -> (outcome, the key to open it with now).
Work = Callable[[Path, "DatabaseKey | None"], tuple[Any, "DatabaseKey | None"]]


def _tr(text: str) -> str:
    return QCoreApplication.translate("DatabaseSwap", text)


def reopen(path: Path, key: DatabaseKey | None) -> Database:
    from wellbeing_desktop.services.setup import open_app_database

    return open_app_database(path, create=False, key=key)


class DatabaseSwap(QObject):
    """Runs ``work`` on the window's database file with the database closed.

    ``finished`` carries the work's outcome once the database is open again;
    ``failed`` the error (already shown to the user) once the old state is back.
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, window: MainWindow, waiting_text: str, work: Work) -> None:
        super().__init__(window)
        self.window = window
        self._text = waiting_text
        self._work = work
        self.error_box: QObject | None = None

    def start(self) -> bool:
        """Begin; False (and nothing done) if there is no local database file open."""
        window = self.window
        db = window.db
        if db is None or db.path is None:
            return False
        path, key = db.path, db.key
        self._wait = please_wait(window, self._text)
        window.tasks.wait_for_done(SETTLE_MS)
        window.set_database(None)
        db.close()
        work = self._work

        def run() -> tuple[Any, Database]:
            outcome, new_key = work(path, key)
            return outcome, reopen(path, new_key)

        window.tasks.run(
            run,
            on_result=self._done,
            on_error=lambda error: self._not_done(error, path, key),
        )
        return True

    def _done(self, result: tuple[Any, Database]) -> None:
        outcome, db = result
        self._wait.close()
        self.window.set_database(db)
        self.finished.emit(outcome)

    def _not_done(self, error: BaseException, path: Path, key: DatabaseKey | None) -> None:
        # Either the work failed (the file is as it was) or the file would not open
        # afterwards: in both cases, open what is there with the key that opened it.
        self.window.tasks.run(
            lambda: reopen(path, key),
            on_result=lambda db: self._restored_old(db, error),
            on_error=lambda second: self._left_closed(error, second, path),
        )

    def _restored_old(self, db: Database, error: BaseException) -> None:
        self._wait.close()
        self.window.set_database(db)
        self.error_box = report_error(error, self.window)
        self.failed.emit(error)

    def _left_closed(self, error: BaseException, second: BaseException, path: Path) -> None:
        self._wait.close()
        from wellbeing_desktop.ui.startup import needs_passphrase

        if needs_passphrase(second):
            self._ask_passphrase(path)
        else:
            log.warning("The database could not be opened again (%s)", type(second).__name__)
            self.error_box = report_error(error, self.window)
        self.failed.emit(error)

    def _ask_passphrase(self, path: Path) -> None:
        """The file now wants a passphrase the app does not hold (a backup made under
        another one was restored): ask, as at start-up."""
        from wellbeing_desktop.ui.passphrase_dialog import PassphraseDialog

        dialog = PassphraseDialog.for_unlock(
            path,
            lambda passphrase: _open_with(path, passphrase),
            self.window,
            runner=self.window.tasks,
        )
        dialog.unlocked.connect(self.window.set_database)
        dialog.open()
        self.passphrase_dialog = dialog


def _open_with(path: Path, passphrase: str) -> Database:
    from wellbeing_desktop.services.setup import open_app_database

    return open_app_database(path, create=False, passphrase=passphrase)
