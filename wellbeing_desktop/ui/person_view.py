"""Everything about one person in one place: details and protections, caseload
history, supervision with its actions, check-ins over time, signposting, notes.

The data comes from the services in one background load (``load_person``);
the few changes made here (an action done, a follow-up done, an outcome) go
straight to the services and the view reloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.due import describe_counted_from, describe_overdue
from wellbeing_desktop.ui.development_view import DevelopmentPanel
from wellbeing_desktop.ui.models.format import (
    format_date,
    format_month,
    format_number,
    service_text,
)
from wellbeing_desktop.ui.models.records import (
    RECORD_ROLE,
    RecordColumn,
    RecordTableModel,
    date_column,
)
from wellbeing_desktop.ui.widgets.line_chart import LineChart, Series
from wellbeing_desktop.ui.widgets.panels import panel, selectable_text
from wellbeing_desktop.ui.widgets.status import status_text
from wellbeing_desktop.ui.widgets.tables import read_only_table
from wellbeing_desktop.ui.widgets.theme import (
    ACCENT,
    LIMIT_LINE,
    MUTED,
    SPACE,
    STATUS_COLOURS,
)

if TYPE_CHECKING:
    from wellbeing_desktop.services.caseloads import CaseloadPoint
    from wellbeing_desktop.services.checkins import CheckInRecord
    from wellbeing_desktop.services.people import StaffInfo
    from wellbeing_desktop.services.signposting import SignpostingInfo
    from wellbeing_desktop.services.summary import PersonSummary
    from wellbeing_desktop.services.supervision import ActionInfo, SessionRecord
    from wellbeing_desktop.services.workload_reviews import ReviewRecord
    from wellbeing_desktop.storage.database import Database
    from wellbeing_desktop.ui.tasks import TaskRunner

T = TypeVar("T")
HISTORY_MONTHS = 24
SESSIONS_SHOWN = 100


@dataclass(frozen=True)
class PersonData:
    staff: StaffInfo
    summary: PersonSummary | None  # None when the person has left or not yet started
    caseloads: tuple[CaseloadPoint, ...]
    sessions: tuple[SessionRecord, ...]
    open_actions: tuple[ActionInfo, ...]
    checkins: tuple[CheckInRecord, ...]
    signposting: tuple[SignpostingInfo, ...]
    today: dt.date
    reviews: tuple[ReviewRecord, ...] = ()  # workload reviews, newest first


def load_person(db: Database, staff_id: int, today: dt.date) -> PersonData:
    """Everything the person view shows. Runs off the UI thread; returns plain data."""
    from wellbeing_desktop.services.caseloads import caseload_history
    from wellbeing_desktop.services.checkins import checkin_history
    from wellbeing_desktop.services.people import get_staff
    from wellbeing_desktop.services.signposting import signposting_for
    from wellbeing_desktop.services.summary import team_summary
    from wellbeing_desktop.services.supervision import open_actions_for, sessions_for
    from wellbeing_desktop.services.workload_reviews import reviews_for

    staff = get_staff(db, staff_id)
    summary = team_summary(db, [staff.team_id], today=today)
    since = today - dt.timedelta(days=HISTORY_MONTHS * 31)
    return PersonData(
        staff=staff,
        summary=next((p for p in summary.people if p.staff_id == staff_id), None),
        caseloads=tuple(caseload_history(db, staff_id, since=since, until=today)),
        sessions=tuple(sessions_for(db, staff_id, limit=SESSIONS_SHOWN)),
        open_actions=tuple(open_actions_for(db, [staff_id])),
        checkins=tuple(checkin_history(db, staff_id)),
        signposting=tuple(signposting_for(db, staff_id)),
        today=today,
        reviews=tuple(reviews_for(db, staff_id)),
    )


def _ordinal(day: dt.date | None) -> int:
    return day.toordinal() if day else 0


def _due_column(
    title: str,
    day: Callable[[T], dt.date | None],
    is_due: Callable[[T], bool],
    warning: str,
) -> RecordColumn[T]:
    """A date (or "–"), marked once it is due and then shown through ``warning``, whose
    ``{date}`` is the date; sorted by the date."""
    return RecordColumn(
        title,
        lambda r: (
            warning.format(date=format_date(day(r))) if is_due(r) else format_date(day(r), "–")
        ),
        lambda r: _ordinal(day(r)),
        attention=is_due,
    )


def _score_column(title: str, score: Callable[[CheckInRecord], int]) -> RecordColumn[CheckInRecord]:
    """A check-in score out of 5, right-aligned, sorted by the score."""
    return RecordColumn(title, lambda c: f"{score(c)}/5", score, align_right=True)


def _table(parent: QWidget, model: Any, name: str) -> QTableView:
    return read_only_table(parent, model, name, sortable=True)


def _empty_note(parent: QWidget, model: Any, text: str) -> QLabel:
    """A quiet line that says what to do when a table has nothing in it yet, shown
    only then (an empty grid of headings reads as broken)."""
    label = QLabel(text, parent)
    label.setObjectName("muted")
    label.setWordWrap(True)
    label.setAccessibleName(text)
    model.modelReset.connect(lambda: label.setVisible(model.rowCount() == 0))
    return label


def _selected_record(table: QTableView) -> Any:
    index = table.currentIndex()
    return index.data(RECORD_ROLE) if index.isValid() else None


def _panel(parent: QWidget, title: str) -> tuple[QFrame, QVBoxLayout]:
    frame, layout, _title_row = panel(parent, title, spacing=SPACE // 2)
    return frame, layout


_text_label = selectable_text


class PersonView(QWidget):
    """One person. Emits ``back_requested`` for the dashboard, ``log_requested`` with
    ("supervision" | "checkin" | "signpost", staff id) for the main window to open a form,
    and ``changed`` after it saved something."""

    back_requested = Signal()
    log_requested = Signal(str, int)
    edit_session_requested = Signal(int)
    workload_review_requested = Signal(int, int)  # (staff id, review id)
    report_requested = Signal(str, int)  # ("wellbeing", staff id) | ("supervision-record", id)
    rights_requested = Signal(str, int)  # ("export" | "erase", staff id)
    changed = Signal()
    loaded = Signal()

    def __init__(
        self, tasks: TaskRunner, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._db: Database | None = None
        self._fixed_today = today
        self._staff_id: int | None = None
        self._data: PersonData | None = None
        self.setAccessibleName(self.tr("Person"))

        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        outer.setSpacing(SPACE * 2)
        outer.addLayout(self._build_header())
        self.stack = QStackedWidget(self)
        loading = QLabel(self.tr("Loading…"), self)
        loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        loading.setObjectName("muted")
        self.loading_label = loading
        self.stack.addWidget(loading)
        self.stack.addWidget(self._build_body())
        outer.addWidget(self.stack, 1)

    # ---- building ----------------------------------------------------------------------

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setSpacing(SPACE * 2)
        self.back_button = QPushButton(self.tr("← Back to team"), self)
        self.back_button.setAccessibleName(self.tr("Back to the team dashboard"))
        self.back_button.setToolTip(self.tr("Back to the team dashboard (Esc or Alt+Left)"))
        self.back_button.clicked.connect(self.back_requested)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.back_requested.emit)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("pageTitle")
        self.name_label.setAccessibleName(self.tr("Name"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.name_label.setFont(font)
        self.subtitle_label = QLabel(self)
        self.subtitle_label.setObjectName("muted")
        self.subtitle_label.setAccessibleName(self.tr("Role and team"))
        # Long names and team names wrap rather than widen the window past a laptop's.
        for label in (self.name_label, self.subtitle_label):
            label.setWordWrap(True)
            label.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 12)
        titles.addWidget(self.name_label)
        titles.addWidget(self.subtitle_label)
        header.addLayout(titles, 1)
        self.supervision_button = QPushButton(self.tr("Log &supervision…"), self)
        self.checkin_button = QPushButton(self.tr("&Check-in…"), self)
        self.signpost_button = QPushButton(self.tr("Si&gnpost…"), self)
        self.supervision_button.setObjectName("primary")
        for button, kind, name in (
            (self.supervision_button, "supervision", self.tr("Log a supervision session")),
            (self.checkin_button, "checkin", self.tr("Record a wellbeing check-in")),
            (self.signpost_button, "signpost", self.tr("Signpost to a service")),
        ):
            button.setAccessibleName(name)
            button.clicked.connect(lambda _c=False, k=kind: self._request(k))
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        # The less frequent actions share one menu, so the header fits a 1,366-pixel
        # laptop screen (Alt+M opens it; each item keeps its own letter).
        self.more_button = QPushButton(self.tr("&More"), self)
        self.more_button.setAccessibleName(self.tr("More actions for this person"))
        self.more_button.setToolTip(
            self.tr("Workload review, wellbeing summary, export or erase (Alt+M)")
        )
        more = QMenu(self.more_button)
        more.setAccessibleName(self.tr("More actions for this person"))
        self.more_menu = more  # the main window adds its Workload review (Ctrl+Shift+W)
        self.wellbeing_report_action = more.addAction(
            self.tr("Wellbeing &summary…"), self._request_wellbeing_report
        )
        self.wellbeing_report_action.setStatusTip(
            self.tr("Preview and print this person's wellbeing and support summary")
        )
        more.addSeparator()
        # Their data rights: subject access and erasure (ui/data_rights.py).
        self.export_action = more.addAction(
            self.tr("E&xport everything held about them…"), lambda: self._request_rights("export")
        )
        self.erase_action = more.addAction(
            self.tr("&Erase them…"), lambda: self._request_rights("erase")
        )
        self.more_button.setMenu(more)
        header.addWidget(self.more_button, 0, Qt.AlignmentFlag.AlignTop)
        return header

    def _request_rights(self, kind: str) -> None:
        if self._staff_id is not None:
            self.rights_requested.emit(kind, self._staff_id)

    def _build_body(self) -> QWidget:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE * 2)

        panels = QHBoxLayout()
        panels.setSpacing(SPACE * 2)
        caseload_panel, caseload_layout = _panel(body, self.tr("Caseload"))
        self.status_label = QLabel(body)
        self.status_label.setAccessibleName(self.tr("Caseload status"))
        self.reason_label = _text_label(body, self.tr("Why"))
        self.recorded_label = _text_label(body, self.tr("Recorded"))
        self.recorded_label.setObjectName("muted")
        caseload_layout.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignLeft)
        caseload_layout.addWidget(self.reason_label)
        self.protected_label = _text_label(body, self.tr("Protected caseload"))
        caseload_layout.addWidget(self.protected_label)
        caseload_layout.addWidget(self.recorded_label)
        self.workload_label = _text_label(body, self.tr("Workload plan"))
        caseload_layout.addWidget(self.workload_label)
        caseload_layout.addStretch(1)
        panels.addWidget(caseload_panel, 3)

        due_panel, due_layout = _panel(body, self.tr("What is due"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACE * 2)
        grid.setVerticalSpacing(SPACE // 2)
        self.due_labels: dict[str, QLabel] = {}
        for row, (key, title) in enumerate(
            (
                ("supervision", self.tr("Supervision")),
                ("checkin", self.tr("Check-in")),
                ("actions", self.tr("Actions")),
                ("followups", self.tr("Follow-ups")),
            )
        ):
            caption = QLabel(title, body)
            caption.setObjectName("muted")
            value = _text_label(body, title)
            caption.setBuddy(value)
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
            self.due_labels[key] = value
        grid.setColumnStretch(1, 1)
        due_layout.addLayout(grid)
        due_layout.addStretch(1)
        panels.addWidget(due_panel, 3)

        details_panel, details_layout = _panel(body, self.tr("Details and protections"))
        self.details_label = _text_label(body, self.tr("Details"))
        self.protections_label = _text_label(body, self.tr("Protections"))
        details_layout.addWidget(self.details_label)
        details_layout.addWidget(self.protections_label)
        details_layout.addStretch(1)
        panels.addWidget(details_panel, 3)
        layout.addLayout(panels)

        self.tabs = QTabWidget(body)
        self.tabs.setAccessibleName(self.tr("Records"))
        self.tabs.addTab(self._build_caseload_tab(), self.tr("Caseload history"))
        self.tabs.addTab(self._build_supervision_tab(), self.tr("Supervision"))
        self.tabs.addTab(self._build_checkin_tab(), self.tr("Check-ins"))
        self.tabs.addTab(self._build_signposting_tab(), self.tr("Signposting"))
        self.tabs.addTab(self._build_notes_tab(), self.tr("Notes"))
        # Programme, development plan and CPD (ui/development_view.py).
        self.development = DevelopmentPanel(self._tasks, body)
        self.development.changed.connect(self._development_changed)
        self.tabs.addTab(self.development, self.tr("D&evelopment"))
        from wellbeing_desktop.ui.person_workload import WorkloadReviewsTab

        self.workload_tab = WorkloadReviewsTab(self._today_fn, body)
        self.workload_tab.new_requested.connect(lambda: self._request("workload"))
        self.workload_tab.open_requested.connect(self._open_review)
        self.tabs.addTab(self.workload_tab, self.tr("Workload reviews"))
        from wellbeing_desktop.ui.person_training import TrainingPanel  # ui/person_training.py

        self.training = TrainingPanel(self._tasks, body)
        self.training.changed.connect(self.changed)
        self.tabs.addTab(self.training, self.tr("Tra&ining"))
        layout.addWidget(self.tabs, 1)
        return body

    def _build_caseload_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        self.caseload_chart = LineChart(page)
        self.caseload_chart.setAccessibleName(self.tr("Caseload history chart"))
        self.caseload_chart.set_empty_text(self.tr("No caseload recorded in the last two years."))
        layout.addWidget(self.caseload_chart)
        return page

    def _build_supervision_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        layout.setSpacing(SPACE)
        session_columns: list[RecordColumn[SessionRecord]] = [
            date_column(self.tr("Date"), lambda s: s.held_on),
            RecordColumn(self.tr("Kind"), lambda s: service_text(s.kind_label)),
            RecordColumn(
                self.tr("Length"),
                lambda s: self.tr("{minutes} min").format(minutes=s.duration_minutes),
                lambda s: s.duration_minutes,
                align_right=True,
            ),
            RecordColumn(
                self.tr("Record"),
                lambda s: (
                    self.tr("✓ Agreed {date}").format(date=format_date(s.agreed_on))
                    if s.status == "agreed"
                    else self.tr("✎ Draft, not yet agreed")
                ),
            ),
            RecordColumn(
                self.tr("Actions"),
                lambda s: (
                    self.tr("{open} open of {all}").format(
                        open=sum(1 for a in s.actions if not a.done), all=len(s.actions)
                    )
                    if s.actions
                    else "–"
                ),
                lambda s: sum(1 for a in s.actions if not a.done),
            ),
            RecordColumn(
                self.tr("Next session"),
                lambda s: format_date(s.next_session_on, "–"),
                lambda s: _ordinal(s.next_session_on),
            ),
        ]
        self.sessions_model: RecordTableModel[SessionRecord] = RecordTableModel(
            session_columns, self
        )
        self.sessions_table = _table(page, self.sessions_model, self.tr("Supervision sessions"))
        self.sessions_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.sessions_table.activated.connect(self._open_session)
        self.sessions_table.setToolTip(self.tr("Double-click or press Enter to open a session"))
        self.sessions_empty = _empty_note(
            page,
            self.sessions_model,
            self.tr("No supervision recorded yet: Log supervision… (Alt+S) records the first."),
        )
        layout.addWidget(self.sessions_empty)
        layout.addWidget(self.sessions_table, 3)
        self.record_report_button = QPushButton(self.tr("Supervision rec&ord…"), page)
        self.record_report_button.setAccessibleName(
            self.tr("Preview and print the chosen session's record, for signing and filing")
        )
        self.record_report_button.clicked.connect(self._request_record)
        layout.addWidget(self.record_report_button, 0, Qt.AlignmentFlag.AlignRight)

        actions_header = QHBoxLayout()
        title = QLabel(self.tr("Open actions"), page)
        title.setObjectName("sectionTitle")
        actions_header.addWidget(title, 1)
        self.action_done_button = QPushButton(self.tr("Mark &action done"), page)
        self.action_done_button.setAccessibleName(self.tr("Mark the chosen action as done"))
        self.action_done_button.clicked.connect(self._mark_action_done)
        actions_header.addWidget(self.action_done_button)
        layout.addLayout(actions_header)

        today = self._today_fn
        action_columns: list[RecordColumn[ActionInfo]] = [
            RecordColumn(self.tr("Action"), lambda a: a.text),
            RecordColumn(self.tr("Owner"), self._owner_text),
            _due_column(
                self.tr("Due"),
                lambda a: a.due_on,
                lambda a: a.overdue_on(today()),
                self.tr("⚠ {date}, overdue"),
            ),
        ]
        self.actions_model: RecordTableModel[ActionInfo] = RecordTableModel(action_columns, self)
        self.actions_table = _table(page, self.actions_model, self.tr("Open actions"))
        self.actions_table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.actions_empty = _empty_note(page, self.actions_model, self.tr("No open actions."))
        layout.addWidget(self.actions_empty)
        layout.addWidget(self.actions_table, 2)
        return page

    def _build_checkin_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        layout.setSpacing(SPACE * 2)
        self.checkin_chart = LineChart(page)
        self.checkin_chart.setAccessibleName(self.tr("Check-ins over time"))
        self.checkin_chart.set_empty_text(self.tr("No check-ins yet."))
        layout.addWidget(self.checkin_chart, 3)
        side = QVBoxLayout()
        columns: list[RecordColumn[CheckInRecord]] = [
            date_column(self.tr("Date"), lambda c: c.held_on),
            _score_column(self.tr("Overall"), lambda c: c.overall),
            _score_column(self.tr("Workload"), lambda c: c.workload),
            _score_column(self.tr("Stress"), lambda c: c.stress),
            _score_column(self.tr("Support"), lambda c: c.support),
            RecordColumn(
                self.tr("Follow-up"),
                self._follow_up_text,
                attention=lambda c: c.follow_up_needed and c.follow_up_done_on is None,
                tooltip=lambda c: c.notes or None,
            ),
        ]
        self.checkins_model: RecordTableModel[CheckInRecord] = RecordTableModel(columns, self)
        self.checkins_table = _table(page, self.checkins_model, self.tr("Check-ins"))
        self.checkins_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        side.addWidget(self.checkins_table, 1)
        self.followup_button = QPushButton(self.tr("Follow-&up done"), page)
        self.followup_button.setAccessibleName(
            self.tr("Mark the chosen check-in's follow-up as done")
        )
        self.followup_button.clicked.connect(self._complete_follow_up)
        side.addWidget(self.followup_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(side, 4)
        return page

    def _owner_text(self, action: ActionInfo) -> str:
        if action.owner_name:
            return action.owner_name
        if self._data is not None and action.owner_staff_id == self._data.staff.id:
            return self._data.staff.name
        return "–"

    def _follow_up_text(self, record: CheckInRecord) -> str:
        if not record.follow_up_needed:
            return "–"
        if record.follow_up_done_on is not None:
            return self.tr("✓ Done {date}").format(date=format_date(record.follow_up_done_on))
        return self.tr("⚠ Needed")

    def _build_signposting_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        today = self._today_fn
        columns: list[RecordColumn[SignpostingInfo]] = [
            date_column(self.tr("Date"), lambda s: s.signposted_on),
            RecordColumn(self.tr("Service"), lambda s: s.service_name),
            RecordColumn(self.tr("Reason"), lambda s: service_text(s.reason_label)),
            _due_column(
                self.tr("Follow-up"),
                lambda s: s.follow_up_on,
                lambda s: s.follow_up_due(today()),
                self.tr("⚠ Due {date}"),
            ),
            RecordColumn(
                self.tr("Outcome"),
                lambda s: s.outcome or "–",
                tooltip=lambda s: s.notes or None,
            ),
        ]
        self.signposting_model: RecordTableModel[SignpostingInfo] = RecordTableModel(columns, self)
        self.signposting_table = _table(page, self.signposting_model, self.tr("Signposting"))
        self.signposting_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.signposting_empty = _empty_note(
            page,
            self.signposting_model,
            self.tr("Not signposted to a service yet: Signpost… (Alt+G) finds one and records it."),
        )
        layout.addWidget(self.signposting_empty)
        layout.addWidget(self.signposting_table, 1)
        self.outcome_button = QPushButton(self.tr("Record &outcome…"), page)
        self.outcome_button.setAccessibleName(self.tr("Record the outcome of the chosen referral"))
        self.outcome_button.clicked.connect(self._record_outcome)
        layout.addWidget(self.outcome_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _build_notes_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        self.notes = QPlainTextEdit(page)
        self.notes.setReadOnly(True)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setPlaceholderText(self.tr("No notes. Add notes in Settings › Staff."))
        layout.addWidget(self.notes)
        return page

    # ---- loading -----------------------------------------------------------------------

    def _today_fn(self) -> dt.date:
        return self._data.today if self._data else (self._fixed_today or dt.date.today())

    @property
    def staff_id(self) -> int | None:
        return self._staff_id

    @property
    def data(self) -> PersonData | None:
        return self._data

    def set_database(self, db: Database | None) -> None:
        self._db = db

    def show_person(self, staff_id: int) -> None:
        if staff_id != self._staff_id:
            self._data = None
            self.name_label.clear()
            self.subtitle_label.clear()
            self.stack.setCurrentIndex(0)
        self._staff_id = staff_id
        self.refresh()

    def refresh(self) -> None:
        if self._db is None or self._staff_id is None:
            return
        db, staff_id = self._db, self._staff_id
        today = self._fixed_today or dt.date.today()
        self._tasks.run(
            lambda: load_person(db, staff_id, today),
            on_result=self._show,
            on_error=self._on_error,
            key="person",
        )

    def _on_error(self, error: BaseException) -> None:
        from wellbeing_desktop.ui.dialogs import report_error

        self.loading_label.setText(self.tr("This person's records could not be loaded."))
        report_error(error, self)

    def _show(self, data: PersonData) -> None:
        if data.staff.id != self._staff_id:
            return
        self._data = data
        staff = data.staff
        self.name_label.setText(staff.name)
        parts = [staff.job_title or staff.role_name]
        if staff.job_title and staff.job_title != staff.role_name:
            parts.append(staff.role_name)
        parts.append(staff.team_name)
        parts.append(self.tr("{fte} FTE").format(fte=format_number(staff.fte)))
        self.subtitle_label.setText(" · ".join(parts))
        self._show_caseload(data)
        self._show_due(data)
        self._show_details(data)
        self.sessions_model.set_records(data.sessions)
        self.actions_model.set_records(data.open_actions)
        self.checkins_model.set_records(data.checkins)
        self.signposting_model.set_records(data.signposting)
        for table in (
            self.sessions_table,
            self.actions_table,
            self.checkins_table,
            self.signposting_table,
        ):
            table.resizeColumnsToContents()
        self._show_checkin_chart(data)
        self._show_workload(data)
        self.notes.setPlainText(staff.notes)
        if self._db is not None:
            self.development.show_for(self._db, staff, data.today)
            self.training.show_for(self._db, staff.id, staff.team_id, data.today)
        self.tabs.setTabText(4, self.tr("Notes") if not staff.notes.strip() else self.tr("Notes •"))
        self.stack.setCurrentIndex(1)
        self.loaded.emit()

    def _show_caseload(self, data: PersonData) -> None:
        person = data.summary
        if person is None:
            self.status_label.setText(
                self.tr("Not in post on {date}").format(date=format_date(data.today))
            )
            self.status_label.setStyleSheet("")
            self.reason_label.setText(
                self.tr("Left on {date}.").format(date=format_date(data.staff.leaving_date))
                if data.staff.leaving_date
                else ""
            )
            self.recorded_label.clear()
            self.protected_label.hide()
            self.caseload_chart.set_data([], [])
            return
        colours = STATUS_COLOURS[person.status]
        self.status_label.setText(status_text(person.status))
        self.status_label.setStyleSheet(
            f"QLabel {{ color: {colours.text.name()}; background: {colours.background.name()};"
            f" border: 1px solid {colours.border.name()}; border-radius: 10px;"
            f" padding: 2px {SPACE}px; font-weight: 600; }}"
        )
        self.reason_label.setText(service_text(person.reason) + ".")
        from wellbeing_desktop.services.protected_caseloads import protected_caseload_of

        protected = protected_caseload_of(person)
        self.protected_label.setVisible(protected is not None)
        if protected is not None:  # the protected limit next to the caseload
            self.protected_label.setText(service_text(protected.words) + ".")
        if person.recorded_on is None:
            self.recorded_label.setText(
                self.tr("Record a caseload with Update caseloads (Ctrl+U).")
            )
        else:
            text = self.tr("Recorded on {date}").format(date=format_date(person.recorded_on))
            if not person.record_is_recent:
                text += " · " + self.tr("not recent: ask for an update")
            if person.change is not None:
                text += " · " + (
                    self.tr("no change since the previous record")
                    if person.change == 0
                    else self.tr("{sign}{n} since the previous record").format(
                        sign="+" if person.change > 0 else "−", n=abs(person.change)
                    )
                )
            self.recorded_label.setText(text)
        points = data.caseloads
        use_points = person.limit.unit == "points"
        labels = [format_date(p.recorded_on) for p in points]
        values = tuple((p.weighted_points if use_points else float(p.open_cases)) for p in points)
        series = [
            Series(
                self.tr("Weighted points") if use_points else self.tr("Open cases"),
                values,
                ACCENT,
                filled=True,
            ),
            Series(
                self.tr("Safe limit today ({limit})").format(limit=format_number(person.limit.red)),
                tuple(person.limit.red for _ in points),
                LIMIT_LINE,
                dashed=True,
            ),
        ]
        self.caseload_chart.set_data(labels, series if points else [])
        if points:
            first, last = points[0], points[-1]
            self.caseload_chart.setAccessibleDescription(
                self.tr("{count} records from {start} to {end}; latest {cases} cases.").format(
                    count=len(points),
                    start=format_month(first.recorded_on),
                    end=format_month(last.recorded_on),
                    cases=last.open_cases,
                )
            )

    def _show_workload(self, data: PersonData) -> None:
        state = data.summary.workload if data.summary is not None else None
        sentence = state.sentence if state is not None else ""
        self.workload_label.setText(service_text(sentence))
        self.workload_label.setVisible(bool(state is not None and state.words))
        self._attention(self.workload_label, bool(state is not None and state.needs_attention))
        self.workload_tab.set_reviews(data.reviews, sentence)

    def _open_review(self, review_id: int) -> None:
        if self._staff_id is not None:
            self.workload_review_requested.emit(self._staff_id, review_id)

    def _show_due(self, data: PersonData) -> None:
        person = data.summary
        labels = self.due_labels
        if person is None:
            for label in labels.values():
                label.setText("–")
            return
        supervision = person.supervision
        if supervision.overdue:
            text = self.tr("⚠ Overdue by {time} (was due {date})").format(
                time=service_text(describe_overdue(supervision.overdue_days)),
                date=format_date(supervision.due_on),
            )
        elif person.next_session_booked is not None:
            text = self.tr("Next booked for {date}").format(
                date=format_date(person.next_session_booked)
            )
        else:
            text = self.tr("Next due by {date}").format(date=format_date(supervision.due_on))
        last = format_date(supervision.last, self.tr("none recorded"))
        labels["supervision"].setText(text + "\n" + self.tr("Last: {date}").format(date=last))
        added = supervision.counted_from_added
        labels["supervision"].setToolTip(
            service_text(describe_counted_from(added)) if added is not None else ""
        )
        self._attention(labels["supervision"], supervision.overdue)
        checkin = person.checkin
        due = checkin.due_on <= data.today
        labels["checkin"].setText(
            (
                self.tr("● Due now (since {date})").format(date=format_date(checkin.due_on))
                if due
                else self.tr("Next by {date}").format(date=format_date(checkin.due_on))
            )
            + "\n"
            + self.tr("Last: {date}").format(date=format_date(checkin.last, self.tr("none yet")))
        )
        labels["actions"].setText(
            self.tr("{open} open, {late} overdue").format(
                open=person.open_actions, late=person.overdue_actions
            )
            if person.open_actions
            else self.tr("None open")
        )
        self._attention(labels["actions"], person.overdue_actions > 0)
        labels["followups"].setText(
            self.tr("⚠ %n due", "", person.followups_due)
            if person.followups_due
            else self.tr("None due")
        )
        self._attention(labels["followups"], person.followups_due > 0)

    @staticmethod
    def _attention(label: QLabel, on: bool) -> None:
        colour = STATUS_COLOURS[CaseloadStatus.RED].text.name()
        label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: 600; }}" if on else "")

    def _show_details(self, data: PersonData) -> None:
        staff = data.staff
        lines = []
        if staff.pay_band:
            lines.append(self.tr("Pay band: {band}").format(band=staff.pay_band))
        if staff.start_date:
            lines.append(self.tr("Started {date}").format(date=format_date(staff.start_date)))
        if staff.leaving_date:
            lines.append(self.tr("Leaving {date}").format(date=format_date(staff.leaving_date)))
        person = data.summary
        if person is not None:
            limit = person.limit
            unit = self.tr("points") if limit.unit == "points" else self.tr("cases")
            lines.append(
                self.tr("Safe limit {limit} {unit} (amber from {amber}); full time {full}").format(
                    limit=format_number(limit.red),
                    unit=unit,
                    amber=format_number(limit.amber),
                    full=format_number(limit.full_time_red),
                )
            )
        self.details_label.setText("\n".join(lines))
        active, other = [], []
        for protection in staff.protections:
            applies = protection.start_date <= data.today and (
                protection.end_date is None or protection.end_date >= data.today
            )
            period = self.tr("from {start}").format(start=format_date(protection.start_date))
            if protection.end_date:
                period += " " + self.tr("to {end}").format(end=format_date(protection.end_date))
            line = self.tr("{label}: {percent}% of the full limit, {period}").format(
                label=service_text(protection.label),
                percent=protection.limit_percent,
                period=period,
            )
            (active if applies else other).append(line)
        if not staff.protections:
            text = self.tr("No protections recorded.")
        else:
            text = "\n".join(
                [self.tr("✓ In force: {line}").format(line=line) for line in active]
                + [self.tr("Ended or not yet started: {line}").format(line=line) for line in other]
            )
        self.protections_label.setText(text)
        self.protections_label.setStyleSheet(
            "" if active else f"QLabel {{ color: {MUTED.name()}; }}"
        )

    def _show_checkin_chart(self, data: PersonData) -> None:
        recent = data.checkins[-12:]
        labels = [format_date(c.held_on) for c in recent]
        self.checkin_chart.set_data(
            labels,
            [
                Series(self.tr("Overall"), tuple(float(c.overall) for c in recent), ACCENT),
                Series(
                    self.tr("Workload manageable"),
                    tuple(float(c.workload) for c in recent),
                    STATUS_COLOURS[CaseloadStatus.GREEN].text,
                ),
                Series(
                    self.tr("Stress"),
                    tuple(float(c.stress) for c in recent),
                    LIMIT_LINE,
                    dashed=True,
                ),
                Series(
                    self.tr("Feeling supported"),
                    tuple(float(c.support) for c in recent),
                    STATUS_COLOURS[CaseloadStatus.AMBER].text,
                ),
            ]
            if recent
            else [],
            y_range=(1, 5),
        )

    # ---- actions -----------------------------------------------------------------------

    def _request(self, kind: str) -> None:
        if self._staff_id is not None:
            self.log_requested.emit(kind, self._staff_id)

    def selected_session(self) -> SessionRecord | None:
        """The supervision session chosen in the table, if any."""
        return _selected_record(self.sessions_table)  # type: ignore[no-any-return]

    def _request_wellbeing_report(self) -> None:
        if self._staff_id is not None:
            self.report_requested.emit("wellbeing", self._staff_id)

    def _request_record(self) -> None:
        session = self.selected_session()
        if session is None:
            self.record_report_button.setToolTip(self.tr("Choose a session in the list first"))
            return
        self.report_requested.emit("supervision-record", session.id)

    def _open_session(self, index: Any) -> None:
        record = index.data(RECORD_ROLE) if index.isValid() else None
        if record is not None:
            self.edit_session_requested.emit(record.id)

    def _write(self, action: Any) -> None:
        from wellbeing_desktop.ui.dialogs import report_error

        try:
            action()
        except Exception as error:
            report_error(error, self)
            return
        self.changed.emit()
        self.refresh()

    def _development_changed(self) -> None:
        self.changed.emit()
        self.refresh()  # a preceptorship changes the caseload limit shown

    def _mark_action_done(self) -> None:
        action = _selected_record(self.actions_table)
        if action is None or self._db is None:
            self.action_done_button.setToolTip(self.tr("Choose an action in the list first"))
            return
        from wellbeing_desktop.services.supervision import set_action_done

        db, today = self._db, self._today_fn()
        self._write(lambda: set_action_done(db, action.id, True, today=today))

    def _complete_follow_up(self) -> None:
        record = _selected_record(self.checkins_table)
        if record is None or self._db is None or not record.follow_up_needed:
            return
        from wellbeing_desktop.services.checkins import complete_follow_up

        db, today = self._db, self._today_fn()
        self._write(lambda: complete_follow_up(db, record.id, today=today))

    def _record_outcome(self) -> None:
        record = _selected_record(self.signposting_table)
        if record is None or self._db is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Outcome"),
            self.tr("What came of it? (for example: 'Self-referred, first appointment booked')"),
            record.outcome,
        )
        if not ok or not text.strip():
            return
        from wellbeing_desktop.services.signposting import record_outcome

        db, today = self._db, self._today_fn()
        self._write(lambda: record_outcome(db, record.id, text, today=today))
