"""File › Import staff, Export current table and Export calendar, for the main window.

The window owns an instance and puts its actions in the File menu; this decides
nothing about the data. The table exported is the one on screen, with the rows the
screen shows (filtered and sorted as there), turned into the services' plain
``DataTable``; writing the file runs off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.ui.dialogs import report_error, show_information

if TYPE_CHECKING:
    from wellbeing_desktop.services.exporting import DataTable
    from wellbeing_desktop.ui.main_window import MainWindow

TABLE_FILTERS = "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"
PathChooser = Callable[[QWidget, str, str, str], str]


def ask_for_save_path(parent: QWidget, title: str, suggested: str, filters: str) -> str:
    path, chosen = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    if path and "." not in path.rsplit("/", 1)[-1]:
        path += ".csv" if "csv" in chosen.lower() else "." + suggested.rsplit(".", 1)[-1]
    return path


def preload_writers() -> None:
    """Import what writing an .xlsx needs here, on the UI thread: a first import inside a
    task on a worker thread has crashed PySide6 (see ``import_wizard``)."""
    import openpyxl.cell
    import openpyxl.styles
    import openpyxl.utils
    import openpyxl.workbook  # noqa: F401


class DataActions(QObject):
    """The File menu's spreadsheet and calendar actions. ``choose_path`` asks where to
    save (a file dialog; tests give a function that answers at once)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.choose_path: PathChooser = ask_for_save_path
        tr = self.tr
        self.import_action = QAction(tr("&Import staff from a spreadsheet…"), window)
        self.import_action.setStatusTip(tr("Bring your team in from an .xlsx or .csv file"))
        self.import_action.triggered.connect(lambda: self.import_staff())
        self.export_table_action = QAction(tr("&Export current table…"), window)
        self.export_table_action.setShortcut("Ctrl+E")
        self.export_table_action.setStatusTip(
            tr("Save the table on screen, as filtered, to Excel (.xlsx) or CSV")
        )
        self.export_table_action.triggered.connect(lambda: self.export_current_table())
        self.export_calendar_action = QAction(tr("Export &calendar (.ics)…"), window)
        self.export_calendar_action.setStatusTip(
            tr("Upcoming supervision and action due dates, for Outlook or another calendar")
        )
        self.export_calendar_action.triggered.connect(lambda: self.export_calendar())
        for action in self.actions():
            window.addAction(action)
        window.database_changed.connect(self._update)
        self._update()

    def actions(self) -> tuple[QAction, ...]:
        return (self.import_action, self.export_table_action, self.export_calendar_action)

    def add_to(self, menu: QMenu) -> None:
        menu.addAction(self.import_action)
        menu.addAction(self.export_table_action)
        menu.addAction(self.export_calendar_action)
        menu.addSeparator()

    def _update(self) -> None:
        for action in self.actions():
            action.setEnabled(self.window.db is not None)

    # ---- import ------------------------------------------------------------------------

    def import_staff(self) -> QWidget | None:
        """Open the import wizard for the team on screen."""
        from wellbeing_desktop.ui.import_wizard import ImportWizard

        window = self.window
        if window.db is None:
            return None
        wizard = ImportWizard(
            window.db, parent=window, today=window._today, team_id=window.current_team_id()
        )
        wizard.saved.connect(window.refresh)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        return wizard

    # ---- the table on screen -----------------------------------------------------------

    def current_table(self) -> DataTable | None:
        """The table on screen as plain data, rows as shown; None when there is none."""
        from wellbeing_desktop.ui.models.export_table import dashboard_table, person_table

        window = self.window
        if window.pages.currentIndex() == window.PAGE_PERSON and window._person_view:
            return person_table(window.person_view)
        return dashboard_table(window.dashboard)

    def export_current_table(self, path: str | None = None) -> None:
        table = self.current_table()
        if table is None or not table.rows:
            show_information(
                self.window,
                self.tr("Nothing to export"),
                self.tr("Open a screen with a table (the team, or a person's sessions) first."),
            )
            return
        path = path or self.choose_path(
            self.window, self.tr("Export the table"), "wellbeing-export.xlsx", TABLE_FILTERS
        )
        if not path:
            return
        from wellbeing_desktop.services.exporting import export_table

        preload_writers()

        rows = len(table.rows)
        message = (
            self.tr("Exported 1 row to {file}.")
            if rows == 1
            else self.tr("Exported {rows} rows to {file}.").replace("{rows}", f"{rows:,}")
        )
        self._write(lambda: export_table(table, path), message)

    def _write(self, write: Callable[[], Any], message: str) -> None:
        def done(written: Any) -> None:
            name = getattr(written, "name", str(written))
            self.window.statusBar().showMessage(message.format(file=name), 10_000)

        self.window.tasks.run(write, on_result=done, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        report_error(error, self.window)

    # ---- the calendar ------------------------------------------------------------------

    def export_calendar(self, path: str | None = None, names: Any = None) -> None:
        """Ask which names to show (by default only the person's number), then where."""
        from wellbeing_desktop.services.calendar_export import NameShown, export_calendar

        window = self.window
        if window.db is None:
            return
        if names is None:
            names = CalendarChoice.ask(window)
            if names is None:
                return
        path = path or self.choose_path(
            window, self.tr("Export the calendar"), "supervision.ics", "iCalendar (*.ics)"
        )
        if not path:
            return
        team_id = window.current_team_id()
        db, today = window.db, window._today
        shown = NameShown(names)

        def write() -> Any:
            count = export_calendar(
                db, None if team_id is None else [team_id], path, names=shown, today=today
            )
            return f"{count}"

        def done(count: str) -> None:
            window.statusBar().showMessage(
                self.tr("Calendar with {count} events written to {file}.").format(
                    count=count, file=path.rsplit("/", 1)[-1]
                ),
                10_000,
            )

        window.tasks.run(write, on_result=done, on_error=self._failed)


class CalendarChoice(QDialog):
    """What the calendar's events call people. The person's number is the default:
    calendars sync to phones and cloud services and are often shared."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export calendar"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Upcoming supervision (booked, or when due) and action due dates for the team "
                "on screen, as all-day events. How should the events name people?"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.buttons = {}
        for value, text in (
            ("number", self.tr("By their number only, e.g. “Supervision: person 12” (safest)")),
            ("initials", self.tr("By initials, e.g. “Supervision: S.O.”")),
            ("full", self.tr("By full name, with the words of each action")),
        ):
            button = QRadioButton(text, self)
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
        self.buttons["number"].setChecked(True)
        warning = QLabel(
            self.tr(
                "Calendars leave Wellbeing Desktop's protection: they sync to phones and are "
                "often shared with others. Names and actions may be sensitive."
            )
        )
        warning.setWordWrap(True)
        warning.setObjectName("muted")
        layout.addWidget(warning)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Choose file…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> str:
        return next(value for value, button in self.buttons.items() if button.isChecked())

    @classmethod
    def ask(cls, parent: QWidget) -> str | None:
        dialog = cls(parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
