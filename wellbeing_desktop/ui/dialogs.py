"""Calm messages for errors, and the hook that catches anything unexpected.

A user never sees a traceback. An error the app expected (a ``WellbeingError``)
is shown in its own words. Anything else is logged without personal data
(type and code location only, via ``logs.log_unexpected``) and the user is told
calmly that their saved work is safe and where the details are.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from wellbeing_desktop import APP_NAME
from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.logs import log_file, log_unexpected


def _tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


def error_message(error: BaseException) -> str:
    """What to tell the user about an error (never its traceback)."""
    if isinstance(error, WellbeingError):
        return str(error)
    return _tr(
        "Something went wrong that Wellbeing Desktop did not expect. Your saved records "
        "are safe. If it happens again, please pass the log file to your IT support: {path}"
    ).format(path=log_file())


def report_error(error: BaseException, parent: QWidget | None = None) -> QMessageBox | None:
    """Log an unexpected error and show a calm, non-blocking message about any error."""
    if not isinstance(error, WellbeingError):
        log_unexpected(error)
    if QApplication.instance() is None:
        return None
    box = QMessageBox(parent)
    box.setIcon(
        QMessageBox.Icon.Warning if isinstance(error, WellbeingError) else QMessageBox.Icon.Critical
    )
    box.setWindowTitle(APP_NAME)
    box.setText(
        _tr("That could not be done.")
        if isinstance(error, WellbeingError)
        else _tr("Sorry, something went wrong.")
    )
    box.setInformativeText(error_message(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAccessibleName(_tr("Error message"))
    box.open()
    return box


def show_information(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(APP_NAME)
    box.setText(title)
    box.setInformativeText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def _excepthook(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    if error.__traceback__ is None and trace is not None:
        error = error.with_traceback(trace)
    try:
        report_error(error, QApplication.activeWindow())
    except Exception:  # never let the hook itself raise
        log_unexpected(error)


def install_excepthook() -> None:
    """Route exceptions raised in slots and event handlers to the calm dialog."""
    sys.excepthook = _excepthook
