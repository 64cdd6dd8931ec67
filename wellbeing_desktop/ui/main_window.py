"""The main window (a first version: the team dashboard table)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QTableView

from wellbeing_desktop import APP_NAME
from wellbeing_desktop.services.caseload_rules import format_number
from wellbeing_desktop.services.summary import team_summary
from wellbeing_desktop.storage.database import Database


class MainWindow(QMainWindow):
    dashboard_ready = Signal()

    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(APP_NAME)
        self.resize(1100, 700)
        self.table = QTableView(self)
        self.setCentralWidget(self.table)
        self._ready_sent = False
        self.refresh()

    def refresh(self) -> None:
        summary = team_summary(self.db)
        model = QStandardItemModel(0, 5, self)
        model.setHorizontalHeaderLabels(["Name", "Team", "Caseload", "Limit", "Status"])
        for person in summary.people:
            model.appendRow([
                QStandardItem(person.name),
                QStandardItem(person.team_name),
                QStandardItem("" if person.open_cases is None else str(person.open_cases)),
                QStandardItem(format_number(person.limit.red)),
                QStandardItem(f"{person.status.symbol} {person.status.words}"),
            ])
        self.table.setModel(model)

    def paintEvent(self, event):  # type: ignore[no-untyped-def]
        super().paintEvent(event)
        if not self._ready_sent:
            self._ready_sent = True
            self.dashboard_ready.emit()
