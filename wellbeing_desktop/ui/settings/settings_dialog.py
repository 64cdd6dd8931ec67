"""The settings dialog: a list of pages on the left, the chosen page on the right."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.ui.forms.fields import fit_to_screen, heading
from wellbeing_desktop.ui.settings.database_page import DatabasePage
from wellbeing_desktop.ui.settings.page import SettingsPage
from wellbeing_desktop.ui.settings.roles_page import RolesPage
from wellbeing_desktop.ui.settings.security_page import SecurityPage
from wellbeing_desktop.ui.settings.services_page import ServicesPage
from wellbeing_desktop.ui.settings.staff_page import StaffPage
from wellbeing_desktop.ui.settings.teams_page import TeamsPage

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database


class SettingsDialog(QDialog):
    """Teams, staff, roles and thresholds, the services directory, the database and
    security. Each page saves through the services; ``saved`` is emitted after every
    save. The security page's requests are passed on: the idle lock's new minutes, and
    encrypting or changing the passphrase (the dialog closes first: those need the
    database closed)."""

    saved = Signal()
    lock_minutes_changed = Signal(int)
    encrypt_requested = Signal()
    change_passphrase_requested = Signal()

    TEAMS, STAFF, ROLES, SERVICES, DATABASE, SECURITY, WORKLOAD = range(7)

    def __init__(
        self,
        db: Database,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
        page: int = 0,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today or dt.date.today()
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.teams = TeamsPage(db, self.today)
        self.staff = StaffPage(db, self.today)
        self.roles = RolesPage(db, self.today)
        self.services = ServicesPage(db, self.today)
        self.database = DatabasePage(db, self.today)
        self.security = SecurityPage(db, self.today)
        from wellbeing_desktop.ui.settings.workload_page import WorkloadPage

        self.workload = WorkloadPage(db, self.today)
        self.security.lock_minutes_changed.connect(self.lock_minutes_changed)
        self.security.encrypt_requested.connect(lambda: self._close_then(self.encrypt_requested))
        self.security.change_passphrase_requested.connect(
            lambda: self._close_then(self.change_passphrase_requested)
        )
        self.pages: list[SettingsPage] = [
            self.teams,
            self.staff,
            self.roles,
            self.services,
            self.database,
            self.security,
            self.workload,
        ]
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Settings pages"))
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 10px; }")
        self.stack = QStackedWidget()
        for page_widget in self.pages:
            self.nav.addItem(page_widget.page_title())
            self.stack.addWidget(page_widget)
            page_widget.changed.connect(self._page_saved)
        width = max(self.nav.sizeHintForColumn(0), 120) + 32
        self.nav.setFixedWidth(width)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close settings"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.title = heading("")

        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.stack, 1)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addLayout(right, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        fit_to_screen(self, 1100, 700)

        self.nav.currentRowChanged.connect(self._page_chosen)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(
            lambda: self.current_page().save()
        )
        self._row = -1
        self.nav.setCurrentRow(page)
        self.nav.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_page(self) -> SettingsPage:
        return self.pages[self.stack.currentIndex()]

    def show_page(self, number: int) -> None:
        self.nav.setCurrentRow(number)

    def _page_chosen(self, row: int) -> None:
        if row == self._row:
            return
        if self._row >= 0 and not self._may_leave(self.pages[self._row]):
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self._row)
            self.nav.blockSignals(False)
            return
        self._row = row
        page = self.pages[row]
        page.load()  # pages reload, so each shows what the others just saved
        self.stack.setCurrentWidget(page)
        self.title.setText(page.page_title())

    def _may_leave(self, page: SettingsPage) -> bool:
        return page.may_leave(self, self.tr("&Save"))

    def _page_saved(self) -> None:
        self.saved.emit()

    def _close_then(self, request: SignalInstance) -> None:
        self.reject()  # asks first about unsaved edits, and may stay open
        if not self.isVisible():
            request.emit()

    def reject(self) -> None:
        if not self._may_leave(self.current_page()):
            self.activateWindow()
            return
        super().reject()
