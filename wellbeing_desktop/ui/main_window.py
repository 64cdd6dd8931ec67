"""The main window: menus and shortcuts, the dashboard and the person view.

It routes, and decides nothing: the screens load their data through the task
runner, the forms (in ``ui/forms`` and ``ui/settings``) are imported only when
first opened, so start-up pays for none of them, and every form's ``saved``
signal refreshes what is on screen.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from wellbeing_desktop import APP_NAME, __version__
from wellbeing_desktop.ui.busy import busy_bar
from wellbeing_desktop.ui.dashboard import DashboardView
from wellbeing_desktop.ui.dialogs import report_error, show_information
from wellbeing_desktop.ui.lock import IdleLockController
from wellbeing_desktop.ui.report_actions import ReportActions
from wellbeing_desktop.ui.tasks import TaskRunner
from wellbeing_desktop.ui.team_memory import ALL_TEAMS, TeamMemory

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database
    from wellbeing_desktop.ui.lock import LockScreen
    from wellbeing_desktop.ui.person_view import PersonView


# Input is watched for the idle lock from this long after a database opens (the count
# itself starts at once): its first event costs tens of milliseconds of PySide6 set-up,
# which the first screen should not wait for. See IdleLockController.start.
IDLE_WATCH_AFTER_MS = 2000


def idle_lock_minutes() -> int:
    """Minutes without keyboard or mouse input before the window locks itself (the
    'lock_after_minutes' setting; 0: never)."""
    from wellbeing_desktop.settings import Settings

    return max(0, int(Settings().get("lock_after_minutes")))


# Where each form lives: (modules to try, in order; class name).
FORMS: dict[str, tuple[tuple[str, ...], str]] = {
    "supervision": (("wellbeing_desktop.ui.forms.supervision_form",), "SupervisionForm"),
    "caseloads": (("wellbeing_desktop.ui.forms.caseload_grid",), "CaseloadGrid"),
    "checkin": (("wellbeing_desktop.ui.forms.checkin_form",), "CheckInForm"),
    "signpost": (("wellbeing_desktop.ui.forms.signpost_dialog",), "SignpostDialog"),
    "training_matrix": (("wellbeing_desktop.ui.training_matrix",), "TrainingMatrixWindow"),
    "record_training": (("wellbeing_desktop.ui.forms.record_training",), "RecordTrainingDialog"),
    "workload": (("wellbeing_desktop.ui.forms.workload_review_dialog",), "WorkloadReviewDialog"),
    "allocate": (("wellbeing_desktop.ui.forms.allocation_dialog",), "AllocationDialog"),
    "establishment": (("wellbeing_desktop.ui.forms.establishment_dialog",), "EstablishmentDialog"),
    "settings": (
        (
            "wellbeing_desktop.ui.settings",
            "wellbeing_desktop.ui.settings.dialog",
            "wellbeing_desktop.ui.settings.settings_dialog",
        ),
        "SettingsDialog",
    ),
}


class FormNotAvailable(Exception):
    pass


def load_form_class(kind: str) -> type:
    """The form's class, imported now (never at start-up)."""
    modules, name = FORMS[kind]
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and module_name.startswith(error.name):
                continue  # this form is not there (yet)
            raise
        found = getattr(module, name, None)
        if isinstance(found, type):
            return found
    raise FormNotAvailable(kind)


class MainWindow(QMainWindow):
    """The app's one window. ``dashboard_ready`` fires once the dashboard's data has
    loaded and been painted (``--quit-when-ready`` and the tests wait on it)."""

    dashboard_ready = Signal()
    database_changed = Signal()

    PAGE_DASHBOARD, PAGE_PERSON = range(2)

    def __init__(
        self,
        db: Database | None = None,
        *,
        tasks: TaskRunner | None = None,
        today: dt.date | None = None,
        parent: QWidget | None = None,
        team_memory: TeamMemory | None = None,
    ) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self._today = today
        self.team_memory = team_memory or TeamMemory()
        self.tasks = tasks or TaskRunner(self)
        if self.tasks.parent() is None:
            self.tasks.setParent(self)
        self._open_forms: list[QWidget] = []
        # The title never carries personal data: no names, only the app (and team view).
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")

        self.dashboard = DashboardView(self.tasks, self, today=today)
        self._person_view: PersonView | None = None  # built when first needed
        self._lock_screen: LockScreen | None = None  # built at the first lock
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.dashboard)
        self.setCentralWidget(self.pages)

        self.dashboard.ready.connect(self.dashboard_ready)
        self.dashboard.loaded.connect(self._on_dashboard_loaded)
        self.dashboard.person_activated.connect(self.open_person)
        self.dashboard.team_chosen.connect(self._remember_team)
        self.dashboard.add_team_requested.connect(lambda: self.open_form("settings", page=0))
        self.dashboard.add_people_requested.connect(lambda: self.open_form("settings", page=1))
        self.dashboard.import_requested.connect(self._import_staff)
        self.dashboard.allocate_requested.connect(lambda: self.allocate_action.trigger())
        self.dashboard.establishment_requested.connect(
            lambda team_id: self.open_form("establishment", team_id=team_id)
        )

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self.tasks.busy_changed.connect(self._on_busy)
        self.idle_lock = IdleLockController(idle_lock_minutes(), self)
        self.idle_lock.lock_requested.connect(self.lock)
        self._update_actions()
        if db is not None:
            self.set_database(db)

    # ---- database ----------------------------------------------------------------------

    def set_database(self, db: Database | None) -> None:
        self.db = db
        # Managers look at their own team: the dashboard opens on the one chosen last.
        self.dashboard.set_database(db, self.team_memory.recall(db.url) if db else None)
        if self._person_view is not None:
            self._person_view.set_database(db)
        self.show_dashboard()
        self.database_label.setText(
            self.tr("Database: {name}").format(name=db.label) if db is not None else ""
        )
        self._update_actions()
        if self._lock_screen is not None:
            self._lock_screen.set_check_passphrase(self._passphrase_check())
        if db is not None:
            self.idle_lock.start(watch_input_after_ms=IDLE_WATCH_AFTER_MS)
        self.database_changed.emit()

    def _remember_team(self, team_id: int) -> None:
        if self.db is not None:
            self.team_memory.remember(self.db.url, None if team_id == ALL_TEAMS else team_id)

    # ---- locking -----------------------------------------------------------------------

    def _passphrase_check(self) -> Any:
        """Unlocking an encrypted database's window needs its passphrase; a plain one's
        needs a click (the lock then only hides the screen)."""
        key = getattr(self.db, "key", None) if self.db is not None else None
        if key is None:
            return None

        def check(passphrase: str) -> bool:  # runs off the UI thread
            from wellbeing_desktop.services.encryption import passphrase_matches

            return bool(passphrase_matches(key, passphrase))

        return check

    @property
    def lock_screen(self) -> LockScreen:
        if self._lock_screen is None:
            from wellbeing_desktop.ui.lock import LockScreen

            screen = LockScreen(self, check_passphrase=self._passphrase_check(), runner=self.tasks)
            screen.locked.connect(self.idle_lock.pause)
            screen.unlocked.connect(self.idle_lock.resume)
            self._lock_screen = screen
        return self._lock_screen

    def lock(self) -> None:
        """Cover the window (and the app's other windows): nothing personal shows."""
        self.lock_screen.lock()

    @property
    def person_view(self) -> PersonView:
        """The person screen, built the first time it is needed (not at start-up)."""
        if self._person_view is None:
            from wellbeing_desktop.ui.person_view import PersonView

            view = PersonView(self.tasks, self, today=self._today)
            view.set_database(self.db)
            view.back_requested.connect(self.show_dashboard)
            view.log_requested.connect(self._log_for_person)
            view.edit_session_requested.connect(
                lambda session_id: self.open_form("supervision", session_id=session_id)
            )
            view.changed.connect(self.dashboard.refresh)
            view.workload_review_requested.connect(
                lambda staff_id, review_id: self.open_form(
                    "workload", staff_id=staff_id, review_id=review_id
                )
            )
            view.report_requested.connect(self.reports.preview_for_person)
            view.rights_requested.connect(self.data_menu.for_person)
            first = view.more_menu.actions()[0]
            view.more_menu.insertAction(first, self.workload_action)  # shows Ctrl+Shift+W
            self.pages.addWidget(view)
            self._person_view = view
        return self._person_view

    def _on_person_page(self) -> bool:
        return self._person_view is not None and self.pages.currentIndex() == self.PAGE_PERSON

    # ---- building ----------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                if shortcut is not None
                else tip
            )
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_supervision_action = self._action(
            self.tr("New &supervision session…"),
            lambda: self.open_form("supervision", staff_ids=self.dashboard_selection() or None),
            QKeySequence.StandardKey.New,
            self.tr("Log a supervision or reflective-practice session"),
        )
        self.update_caseloads_action = self._action(
            self.tr("&Update caseloads…"),
            lambda: self.open_form("caseloads", team_id=self.current_team_id()),
            "Ctrl+U",
            self.tr("Update the whole team's caseloads at once"),
        )
        self.allocate_action = self._action(
            self.tr("&Allocate a case…"),
            lambda: self.open_form("allocate", team_id=self.current_team_id()),
            "Ctrl+Shift+N",
            self.tr("Who in the team has room for a new case, and allocate it"),
        )
        self.checkin_action = self._action(
            self.tr("Wellbeing &check-in…"),
            self._checkin,
            "Ctrl+K",
            self.tr("Record a wellbeing check-in with the chosen person"),
        )
        self.signpost_action = self._action(
            self.tr("Si&gnpost to a service…"),
            lambda: self.open_form("signpost", staff_id=self.chosen_person()),
            "Ctrl+G",
            self.tr("Find a wellbeing service and record the signposting"),
        )
        self.training_matrix_action = self._action(
            self.tr("&Training matrix…"),
            lambda: self.open_form("training_matrix", team_id=self.current_team_id()),
            "Ctrl+T",
            self.tr("Who has done which training, and what has expired"),
        )
        self.record_training_action = self._action(
            self.tr("&Training completed…"),
            lambda: self.open_form(
                "record_training",
                team_id=self.current_team_id(),
                staff_ids=self.dashboard_selection(),
            ),
            "Ctrl+Shift+T",
            self.tr("Record a course completed by one person or a whole team"),
        )
        self.workload_action = self._action(
            self.tr("&Workload review…"),
            self._workload_review,
            "Ctrl+Shift+W",
            self.tr("Record or review the chosen person's workload plan"),
        )
        self.settings_action = self._action(
            self.tr("&Settings…"),
            lambda: self.open_form("settings"),
            "Ctrl+,",
            self.tr("Teams, staff, roles and thresholds, services directory"),
        )
        self.open_database_action = self._action(
            self.tr("&Open database…"),
            self.choose_database,
            QKeySequence.StandardKey.Open,
            self.tr("Open another Wellbeing Desktop database file"),
        )
        self.lock_action = self._action(
            self.tr("&Lock"),
            self.lock,
            "Ctrl+L",
            self.tr("Hide everything until you come back"),
        )
        self.quit_action = self._action(
            self.tr("&Quit"), self.close, "Ctrl+Q", self.tr("Close Wellbeing Desktop")
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = self._action(
            self.tr("&Find…"),
            self.find,
            QKeySequence.StandardKey.Find,
            self.tr("Search the team table"),
        )
        self.refresh_action = self._action(
            self.tr("&Refresh"), self.refresh, "F5", self.tr("Load the latest figures")
        )
        self.dashboard_action = self._action(
            self.tr("Team &dashboard"),
            self.show_dashboard,
            "Alt+Left",
            self.tr("Back to the team dashboard"),
        )
        self.open_person_action = self._action(
            self.tr("Open &person"),
            self._open_chosen_person,
            None,
            self.tr("Everything about the chosen person"),
        )
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts…"),
            self._show_shortcuts,
            "F1",
            self.tr("Every key the app answers to"),
        )
        self.about_action = self._action(self.tr("&About Wellbeing Desktop"), self._about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        from wellbeing_desktop.ui.data_actions import DataActions

        self.data_actions = DataActions(self)  # import, export table, export calendar

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_database_action)
        file_menu.addSeparator()
        self.data_actions.add_to(file_menu)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addAction(self.quit_action)
        record_menu = bar.addMenu(self.tr("&Record"))
        for action in (
            self.new_supervision_action,
            self.update_caseloads_action,
            self.allocate_action,
            self.checkin_action,
            self.signpost_action,
            self.record_training_action,
            self.workload_action,
        ):
            record_menu.addAction(action)
        view_menu = bar.addMenu(self.tr("&View"))
        for action in (
            self.dashboard_action,
            self.open_person_action,
            self.training_matrix_action,
            self.find_action,
            self.refresh_action,
        ):
            view_menu.addAction(action)
        self.reports = ReportActions(self)  # Reports menu; Ctrl+P: the dashboard team's report
        bar.addMenu(self.reports.menu)
        from wellbeing_desktop.ui.data_menu import DataMenu

        self.data_menu = DataMenu(self)  # audit trail, data rights, backups, encryption
        bar.addMenu(self.data_menu.menu)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)
        table = self.dashboard.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        table.addActions(
            [
                self.open_person_action,
                self.new_supervision_action,
                self.checkin_action,
                self.signpost_action,
                self.workload_action,
            ]
        )

    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setAccessibleName(self.tr("Main toolbar"))
        toolbar.addAction(self.dashboard_action)
        toolbar.addSeparator()
        for action in (
            self.new_supervision_action,
            self.update_caseloads_action,
            self.allocate_action,
            self.checkin_action,
            self.signpost_action,
            self.training_matrix_action,  # not only under View (Ctrl+T)
        ):
            toolbar.addAction(action)
        spacer = QWidget(toolbar)
        from PySide6.QtWidgets import QSizePolicy

        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.refresh_action)
        toolbar.addAction(self.settings_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.database_label = QLabel(status)
        self.database_label.setAccessibleName(self.tr("Database in use"))
        self.busy_bar = busy_bar(self, self.tr("Working"), parent=status, width_in_ems=10)
        self.updated_label = QLabel(status)
        status.addWidget(self.database_label)
        status.addPermanentWidget(self.updated_label)
        status.addPermanentWidget(self.busy_bar)

    # ---- navigation --------------------------------------------------------------------

    def show_dashboard(self) -> None:
        self.pages.setCurrentIndex(self.PAGE_DASHBOARD)
        self.setWindowTitle(APP_NAME)
        self._update_actions()
        self.dashboard.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_person(self, staff_id: int) -> None:
        view = self.person_view
        view.show_person(staff_id)
        self.pages.setCurrentWidget(view)
        # A person's name is personal data: the title bar (seen in task switchers and
        # screen shares) says only which screen this is.
        self.setWindowTitle(self.tr("Person — {app}").format(app=APP_NAME))
        self._update_actions()
        self.person_view.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_chosen_person(self) -> None:
        staff_id = self.dashboard.current_staff_id()
        if staff_id is not None and self.pages.currentIndex() == self.PAGE_DASHBOARD:
            self.open_person(staff_id)

    def find(self) -> None:
        self.show_dashboard()
        self.dashboard.focus_search()

    def refresh(self) -> None:
        self.dashboard.refresh()
        if self._on_person_page():
            self.person_view.refresh()

    # ---- who the actions are for ---------------------------------------------------------

    def dashboard_selection(self) -> list[int]:
        if self._on_person_page() and self.person_view.staff_id:
            return [self.person_view.staff_id]
        return self.dashboard.selected_staff_ids()

    def chosen_person(self) -> int | None:
        if self._on_person_page():
            return self.person_view.staff_id
        return self.dashboard.current_staff_id() if self.dashboard_selection() else None

    def current_team_id(self) -> int | None:
        if self._on_person_page() and self.person_view.data:
            return self.person_view.data.staff.team_id
        data = self.dashboard.data
        return data.team_id if data is not None else None

    # ---- forms -------------------------------------------------------------------------

    def open_form(self, kind: str, **specific: Any) -> QWidget | None:
        """Open one of the forms, non-blocking; its ``saved`` refreshes the screens."""
        if self.db is None:
            return None
        try:
            form_class = load_form_class(kind)
        except FormNotAvailable:
            show_information(
                self,
                self.tr("Not available yet"),
                self.tr("This part of Wellbeing Desktop is not available in this version yet."),
            )
            return None
        try:
            form = form_class(self.db, parent=self, today=self._today, **specific)
        except Exception as error:
            report_error(error, self)
            return None
        saved = getattr(form, "saved", None)
        if saved is not None:
            saved.connect(self.refresh)
        self.data_menu.watch_form(form)  # the settings' security page
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._open_forms.append(form)
        form.destroyed.connect(lambda *_: self._forget_form(form))
        form.open()
        return form

    def _forget_form(self, form: QWidget) -> None:
        if form in self._open_forms:
            self._open_forms.remove(form)

    def _checkin(self) -> None:
        staff_id = self.chosen_person()
        if staff_id is None:
            show_information(
                self,
                self.tr("Choose a person first"),
                self.tr("Choose someone in the team table, then start the check-in."),
            )
            return
        self.open_form("checkin", staff_id=staff_id)

    def _workload_review(self) -> None:
        staff_id = self.chosen_person()
        if staff_id is None:
            show_information(
                self,
                self.tr("Choose a person first"),
                self.tr("Choose someone in the team table, then open their workload review."),
            )
            return
        self.open_form("workload", staff_id=staff_id)

    def _log_for_person(self, kind: str, staff_id: int) -> None:
        if kind == "workload":
            self.open_form("workload", staff_id=staff_id)
        elif kind == "supervision":
            self.open_form("supervision", staff_ids=[staff_id])
        elif kind == "checkin":
            self.open_form("checkin", staff_id=staff_id)
        else:
            self.open_form("signpost", staff_id=staff_id)

    def _import_staff(self) -> None:
        self.data_actions.import_staff()

    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a Wellbeing Desktop database"),
            "",
            self.tr("Wellbeing Desktop databases (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        if not path:
            return
        from wellbeing_desktop.services.setup import open_app_database

        try:
            db = open_app_database(path, create=False)
        except Exception as error:
            report_error(error, self)
            return
        old = self.db
        self.set_database(db)
        if old is not None:
            old.close()

    # ---- state -------------------------------------------------------------------------

    def _on_dashboard_loaded(self) -> None:
        from PySide6.QtCore import QTime

        self.updated_label.setText(
            self.tr("Updated {time}").format(time=QTime.currentTime().toString("HH:mm"))
        )
        self._update_actions()

    def _on_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)

    def _update_actions(self) -> None:
        has_db = self.db is not None
        on_person = self._on_person_page()
        for action in (
            self.new_supervision_action,
            self.update_caseloads_action,
            self.allocate_action,
            self.checkin_action,
            self.signpost_action,
            self.workload_action,
            self.settings_action,
            self.refresh_action,
            self.training_matrix_action,
            self.record_training_action,
        ):
            action.setEnabled(has_db)
        self.dashboard_action.setEnabled(on_person)
        self.open_person_action.setEnabled(has_db and not on_person)
        self.reports.update_actions()
        self.data_menu.update_actions()

    def _show_shortcuts(self) -> None:
        from wellbeing_desktop.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.menuBar(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_dialog = dialog
        dialog.open()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About {app}").format(app=APP_NAME),
            self.tr(
                "<p><b>{app}</b> {version}</p><p>Safe caseloads, supervision, wellbeing "
                "check-ins and signposting for line managers in health and social care.</p>"
            ).format(app=APP_NAME, version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        for form in list(self._open_forms):
            if not form.close():
                event.ignore()
                return
        self.data_menu.backup_on_close()  # at most daily; a failure never stops closing
        super().closeEvent(event)
