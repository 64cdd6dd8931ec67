"""Application start-up: open the database, show the main window."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from wellbeing_desktop import APP_NAME, __version__
from wellbeing_desktop.errors import WellbeingError


def run_app(*, database: str | None, demo: bool, quit_when_ready: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Wellbeing Desktop")
    from wellbeing_desktop.services.setup import open_app_database, open_demo_database

    try:
        db = open_demo_database() if demo else open_app_database(database)
    except WellbeingError as error:
        if quit_when_ready:
            raise
        QMessageBox.critical(None, APP_NAME, str(error))
        return error.exit_code
    from wellbeing_desktop.ui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    if quit_when_ready:
        window.dashboard_ready.connect(lambda: QTimer.singleShot(0, app.quit))
    code = app.exec()
    db.close()
    return int(code)
