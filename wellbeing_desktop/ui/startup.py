"""Showing the window and opening the database behind it.

The window is shown at once, in its loading state; the database is opened by a
background task, then the dashboard loads its data (also off the UI thread).
A database that cannot be opened gets a calm choice (another file, a new one,
quit), an encrypted one its passphrase, a damaged one with backups the
recovery dialog. The forms are imported when first opened; reports and
migrations only when used.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLocale,
    QMessageLogContext,
    QObject,
    Qt,
    QTimer,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from wellbeing_desktop import APP_NAME, __version__, collector
from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.ui.dialogs import error_message, install_excepthook
from wellbeing_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database
    from wellbeing_desktop.ui.main_window import MainWindow

UNEXPECTED_EXIT = 70


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own warnings go to the log file, not to a user's terminal."""
    import logging

    level = logging.WARNING if kind != QtMsgType.QtDebugMsg else logging.DEBUG
    logging.getLogger("wellbeing_desktop.qt").log(level, "%s", message)


def make_application() -> QApplication:
    from wellbeing_desktop.ui.widgets.theme import STYLE_ARGUMENTS, apply_theme

    existing = QApplication.instance()
    made_here = not isinstance(existing, QApplication)
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(
            [*sys.argv[:1], *STYLE_ARGUMENTS]  # started in the app's style: see apply_theme
        )
    )
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Wellbeing Desktop")
    app.setDesktopFileName("wellbeing-desktop")
    # The app is written in British English: its dates read dd/mm/yyyy and its calendars
    # start on Monday whatever the system reports (a bare Linux session reports "C", whose
    # short date is "10 11 2026"; a US one would give "11/10/26").
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    apply_theme(app, set_style=not made_here)
    return app


def open_database_for_app(
    database: str | None, demo: bool, passphrase: str | None = None
) -> Database:
    """Runs off the UI thread: imports the storage layer and opens (or makes) the database."""
    from wellbeing_desktop.services.setup import open_app_database, open_demo_database

    if demo:
        return open_demo_database()
    if not database:
        from wellbeing_desktop.settings import Settings

        database = Settings().get("database_url") or None
    if passphrase is not None:
        return open_app_database(database, passphrase=passphrase)  # type: ignore[call-arg]
    try:
        return open_app_database(database)
    except Exception as error:
        # An encrypted file: a key remembered on this computer opens it without asking.
        # (Looked up only now, so opening a plain database never touches the store.)
        path = getattr(error, "path", None)
        if type(error).__name__ != "PassphraseRequiredError" or not isinstance(path, Path):
            raise
        from wellbeing_desktop.services.encryption import remembered_key

        key = remembered_key(path)
        if key is None:
            raise
    return open_app_database(database, key=key)


def needs_passphrase(error: BaseException) -> bool:
    """An encrypted database that wants its passphrase (asked for, never stored here)."""
    return type(error).__name__ in {"PassphraseRequiredError", "WrongPassphraseError"}


class Startup(QObject):
    """Opens the database behind the shown window; offers another file if it fails."""

    finished = Signal(int)  # an exit code, when start-up itself decides the app must end

    def __init__(
        self,
        window: MainWindow,
        *,
        database: str | None,
        demo: bool,
        quit_when_ready: bool,
        passphrase: str | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.database = database
        self.demo = demo
        self.quit_when_ready = quit_when_ready
        self._passphrase = passphrase  # from --passphrase-env; never stored

    def start(self) -> None:
        if self.demo:
            self.window.dashboard.loading_label.setText(
                self.window.tr("Preparing the demo organisation…")
            )
        else:
            self.window.dashboard.loading_label.setText(self.window.tr("Opening your records…"))
        database, demo, passphrase = self.database, self.demo, self._passphrase
        self.window.tasks.run(
            lambda: open_database_for_app(database, demo, passphrase),
            on_result=self.window.set_database,
            on_error=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        if self.quit_when_ready:
            if not isinstance(error, WellbeingError):
                from wellbeing_desktop.logs import log_unexpected

                log_unexpected(error)
            print(f"wellbeing-desktop: {error_message(error)}", file=sys.stderr)
            self.finished.emit(
                error.exit_code if isinstance(error, WellbeingError) else UNEXPECTED_EXIT
            )
            return
        if not isinstance(error, WellbeingError):
            from wellbeing_desktop.logs import log_unexpected

            log_unexpected(error)
        self.window.dashboard.loading_label.setText(self.window.tr("No database is open."))
        path = getattr(error, "path", None)
        if needs_passphrase(error) and isinstance(path, Path):
            self._ask_passphrase(path)
            return
        from wellbeing_desktop.services.backups import recovery_for

        info = recovery_for(error)
        if info is not None and info.backups:
            self._offer_recovery(info)
            return
        self._offer_choice(error_message(error))

    def _ask_passphrase(self, path: Path) -> None:
        """The encrypted database's passphrase; the dialog opens it off the UI thread."""
        from wellbeing_desktop.ui.passphrase_dialog import PassphraseDialog

        target = str(path)
        dialog = PassphraseDialog.for_unlock(
            path,
            lambda passphrase: open_database_for_app(target, False, passphrase),
            self.window,
            runner=self.window.tasks,
        )
        dialog.unlocked.connect(self.window.set_database)
        dialog.recovery_requested.connect(self._offer_recovery)
        dialog.failed.connect(self._failed)
        dialog.rejected.connect(
            lambda: self._offer_choice(self.window.tr("The database was not opened."))
        )
        dialog.open()
        self.passphrase_dialog = dialog

    def _offer_recovery(self, info: object) -> None:
        """A damaged database with backups: the recovery dialog restores one, then the
        database is opened again."""
        from wellbeing_desktop.ui.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(info, self.window, runner=self.window.tasks)  # type: ignore[arg-type]
        dialog.restored.connect(lambda _outcome: self.start())
        dialog.quit_requested.connect(lambda: self.finished.emit(1))
        dialog.open()
        self.recovery_dialog = dialog

    def _offer_choice(self, message: str) -> None:
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setText(self.window.tr("Your records could not be opened."))
        box.setInformativeText(message)
        choose = box.addButton(
            self.window.tr("Choose another file…"), QMessageBox.ButtonRole.AcceptRole
        )
        new = box.addButton(
            self.window.tr("Start a new database…"), QMessageBox.ButtonRole.ActionRole
        )
        box.addButton(self.window.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(choose)
        box.setAccessibleName(self.window.tr("The database could not be opened"))

        def chosen(_result: int) -> None:
            clicked = box.clickedButton()
            if clicked is choose:
                self._choose_file(existing=True)
            elif clicked is new:
                self._choose_file(existing=False)
            else:
                self.finished.emit(1)

        box.finished.connect(chosen)
        box.open()
        self.choice_box = box

    def _choose_file(self, *, existing: bool) -> None:
        parent: QWidget = self.window
        filters = self.window.tr("Wellbeing Desktop databases (*.sqlite3 *.sqlite *.db)")
        if existing:
            path, _ = QFileDialog.getOpenFileName(
                parent, self.window.tr("Open a Wellbeing Desktop database"), "", filters
            )
        else:
            path, _ = QFileDialog.getSaveFileName(
                parent, self.window.tr("Start a new database"), "wellbeing.sqlite3", filters
            )
        if not path:
            self._offer_choice(self.window.tr("No file was chosen."))
            return
        self.database, self.demo = path, False
        self.start()


# How long after the first paint the collector tidies up: its first full pass over the
# start-up objects takes tens of milliseconds, which should not delay the first screen
# or the first keystroke.
SETTLE_AFTER_MS = 1500


def _settle_memory() -> None:
    """Once the first screen is up and the app has been idle a moment: collect what
    start-up left over, then move the long-lived start-up objects (modules, classes, Qt
    wrappers) out of the collector's way, so later collections stay short."""
    collector.end_startup_pause()
    gc.collect()
    gc.freeze()


def launch(
    *, database: str | None, demo: bool, quit_when_ready: bool, passphrase: str | None = None
) -> int:
    """Show the window, open the database, run the event loop; the exit code."""
    qInstallMessageHandler(_qt_message)
    app = make_application()
    install_excepthook()
    from wellbeing_desktop.ui.icons import app_icon
    from wellbeing_desktop.ui.main_window import MainWindow

    window = MainWindow(tasks=TaskRunner())
    window.setWindowIcon(app_icon())
    screen = app.primaryScreen().availableGeometry()
    window.resize(min(1400, int(screen.width() * 0.9)), min(900, int(screen.height() * 0.9)))
    exit_code = 0

    def finish(code: int) -> None:
        nonlocal exit_code
        exit_code = code
        QTimer.singleShot(0, app.quit)

    startup = Startup(
        window,
        database=database,
        demo=demo,
        quit_when_ready=quit_when_ready,
        passphrase=passphrase,
    )
    startup.finished.connect(finish)
    window.dashboard_ready.connect(
        lambda: QTimer.singleShot(SETTLE_AFTER_MS, _settle_memory),
        Qt.ConnectionType.SingleShotConnection,
    )
    startup.finished.connect(lambda _code: collector.end_startup_pause())
    window.dashboard.failed.connect(lambda _message: collector.end_startup_pause())
    if quit_when_ready:
        window.dashboard_ready.connect(lambda: finish(0))
        window.dashboard.failed.connect(lambda message: _failed_line(message, finish))
    window.show()
    startup.start()
    code = app.exec()
    window.tasks.wait_for_done(5000)
    if window.db is not None:
        window.db.close()
    # Python's shutdown runs the cycle collector over every object still alive (about
    # 60 ms at this size); frozen ones are left alone, and the process is ending anyway.
    gc.freeze()
    return exit_code or int(code)


def _failed_line(message: str, finish: object) -> None:
    print(f"wellbeing-desktop: {message}", file=sys.stderr)
    finish(1)  # type: ignore[operator]
