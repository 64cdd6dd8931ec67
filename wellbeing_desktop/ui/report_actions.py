"""The Reports menu: which report, for whom, and the preview that shows it.

The main window owns one ``ReportActions``; it asks the window what is on
screen (the dashboard's team, the person and the supervision session chosen in
the person view) and opens the preview (``ui/report_preview.py``, imported
only when a report is first asked for, as is reportlab behind it).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.ui.widgets.theme import SPACE

if TYPE_CHECKING:
    from wellbeing_desktop.ui.main_window import MainWindow
    from wellbeing_desktop.ui.report_preview import ReportPreviewDialog, ReportRequest

COMPLIANCE_MONTHS = 3  # the period the compliance report offers first


def _file_name(*parts: str) -> str:
    """A file name from words, safe on every file system."""
    name = " - ".join(part for part in parts if part)
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", name).strip(" .") + ".pdf"


def _request(**fields: Any) -> ReportRequest:
    from wellbeing_desktop.ui.report_preview import ReportRequest

    return ReportRequest(**fields)


def caseload_request(
    team_id: int | None, team_name: str, today: dt.date | None = None
) -> ReportRequest:
    """The caseload report for one team, or for every team when ``team_id`` is None."""
    day = (today or dt.date.today()).isoformat()
    if team_id is None:
        return _request(
            kind="caseload",
            options={"all_teams": True},
            title="Caseload report, all teams",
            file_name=_file_name("Caseload report", "all teams", day),
            today=today,
        )
    return _request(
        kind="caseload",
        options={"team_ids": [team_id]},
        title=f"Team caseload report: {team_name}",
        file_name=_file_name("Caseload report", team_name, day),
        today=today,
    )


def compliance_request(
    team_id: int | None,
    team_name: str,
    start: dt.date,
    end: dt.date,
    today: dt.date | None = None,
) -> ReportRequest:
    options: dict[str, Any] = {"start": start, "end": end}
    options.update({"all_teams": True} if team_id is None else {"team_ids": [team_id]})
    who = "all teams" if team_id is None else team_name
    return _request(
        kind="compliance",
        options=options,
        title=f"Supervision compliance report: {who}",
        file_name=_file_name(
            "Supervision compliance", who, f"{start.isoformat()} to {end.isoformat()}"
        ),
        today=today,
    )


def training_request(
    team_id: int | None, team_name: str, today: dt.date | None = None
) -> ReportRequest:
    """The training report for one team, or for every team when ``team_id`` is None."""
    day = (today or dt.date.today()).isoformat()
    who = "all teams" if team_id is None else team_name
    return _request(
        kind="training",
        options={"all_teams": True} if team_id is None else {"team_ids": [team_id]},
        title=f"Training report: {who}",
        file_name=_file_name("Training report", who, day),
        today=today,
    )


def wellbeing_request(staff_id: int, today: dt.date | None = None) -> ReportRequest:
    """One person's wellbeing summary, notes left out until the user ticks them in.
    No name in the title or file name: those are seen in task bars and folders."""
    return _request(
        kind="wellbeing",
        options={"staff_id": staff_id, "include_notes": False},
        title="Wellbeing and support summary",
        file_name=_file_name("Wellbeing summary", (today or dt.date.today()).isoformat()),
        today=today,
    )


def supervision_record_request(
    session_id: int, held_on: dt.date | None = None, today: dt.date | None = None
) -> ReportRequest:
    return _request(
        kind="supervision-record",
        options={"session_id": session_id},
        title="Supervision record",
        file_name=_file_name("Supervision record", held_on.isoformat() if held_on else ""),
        today=today,
    )


class CompliancePeriodDialog(QDialog):
    """Which team and which period for the supervision compliance report."""

    def __init__(
        self,
        teams: Sequence[Any],
        team_id: int | None,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supervision compliance report"))
        self._today = today
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 36)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE * 3, SPACE * 3, SPACE * 3, SPACE * 2)
        layout.setSpacing(SPACE * 2)
        intro = QLabel(
            self.tr(
                "For each person: the supervision expected and held in the period, gaps, "
                "overdue actions, and the share of the team supervised on time."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setHorizontalSpacing(SPACE * 2)
        form.setVerticalSpacing(SPACE)
        self.team_box = QComboBox(self)
        self.team_box.addItem(self.tr("All teams"), None)
        for team in teams:
            self.team_box.addItem(team.name, team.id)
        found = self.team_box.findData(team_id)
        self.team_box.setCurrentIndex(max(0, found))
        start = _months_before(today, COMPLIANCE_MONTHS)
        self.start_edit = self._date_edit(start)
        self.end_edit = self._date_edit(today)
        self.start_edit.setMaximumDate(_qdate(today))
        form.addRow(self.tr("&Team"), self.team_box)
        form.addRow(self.tr("&From"), self.start_edit)
        form.addRow(self.tr("T&o"), self.end_edit)
        layout.addLayout(form)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("muted")
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Preview"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.start_edit.dateChanged.connect(self._check)
        self.end_edit.dateChanged.connect(self._check)
        self._check()

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    @property
    def team_id(self) -> int | None:
        value = self.team_box.currentData()
        return None if value is None else int(value)

    @property
    def team_name(self) -> str:
        return self.team_box.currentText()

    @property
    def start(self) -> dt.date:
        day = self.start_edit.date()
        return dt.date(day.year(), day.month(), day.day())

    @property
    def end(self) -> dt.date:
        day = self.end_edit.date()
        return dt.date(day.year(), day.month(), day.day())

    def _check(self) -> None:
        problem = ""
        if self.end < self.start:
            problem = self.tr("The end of the period must not be before its start.")
        self.problem_label.setText(problem)
        self.ok_button.setEnabled(not problem)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day if it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


class ReportActions(QObject):
    """The Reports menu's actions, enabled as what is on screen allows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.previews: list[ReportPreviewDialog] = []
        self.caseload_action = self._action(
            self.tr("Team &caseload report…"),
            self.preview_team_caseload,
            QKeySequence.StandardKey.Print,
            self.tr("Preview and print the caseload report for the team on the dashboard"),
        )
        self.all_teams_action = self._action(
            self.tr("Caseload report for &all teams…"),
            lambda: self.preview(caseload_request(None, "", self.window_today())),
            None,
            self.tr("Every team, with a contents page and team subtotals"),
        )
        self.compliance_action = self._action(
            self.tr("Supervision c&ompliance report…"),
            self.choose_compliance_period,
            None,
            self.tr("Supervision expected and held over a period"),
        )
        self.training_action = self._action(
            self.tr("&Training report…"),
            self.preview_training,
            None,
            self.tr("Mandatory training for the team on the dashboard: matrix and what is due"),
        )
        self.wellbeing_action = self._action(
            self.tr("&Wellbeing summary…"),
            self.preview_wellbeing,
            None,
            self.tr("The chosen person's confidential wellbeing and support summary"),
        )
        self.record_action = self._action(
            self.tr("Supervision &record…"),
            self.preview_supervision_record,
            None,
            self.tr("The supervision session chosen in the person view, for signing and filing"),
        )
        self.menu = QMenu(self.tr("Re&ports"), window)
        self.menu.addAction(self.caseload_action)
        self.menu.addAction(self.all_teams_action)
        self.menu.addAction(self.compliance_action)
        self.menu.addAction(self.training_action)
        self.menu.addSeparator()
        self.menu.addAction(self.wellbeing_action)
        self.menu.addAction(self.record_action)
        self.menu.aboutToShow.connect(self.update_actions)

    def _action(self, text: str, slot: Any, shortcut: Any, tip: str) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({native})")
        else:
            action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    # ---- what is on screen ---------------------------------------------------------------

    def window_today(self) -> dt.date | None:
        return getattr(self.window, "_today", None)

    def _person_view(self) -> Any:
        """The person view when it is on screen, else None."""
        view = getattr(self.window, "_person_view", None)
        if view is None or self.window.pages.currentWidget() is not view:
            return None
        return view

    def update_actions(self) -> None:
        has_db = self.window.db is not None
        data = self.window.dashboard.data
        self.caseload_action.setEnabled(has_db and data is not None and bool(data.teams))
        self.all_teams_action.setEnabled(has_db and data is not None and bool(data.teams))
        self.compliance_action.setEnabled(has_db and data is not None and bool(data.teams))
        self.training_action.setEnabled(has_db and data is not None and bool(data.teams))
        view = self._person_view()
        self.wellbeing_action.setEnabled(has_db and view is not None and view.staff_id is not None)
        self.record_action.setEnabled(
            has_db and view is not None and view.selected_session() is not None
        )

    # ---- opening previews ----------------------------------------------------------------

    def preview(self, request: ReportRequest) -> ReportPreviewDialog | None:
        db = self.window.db
        if db is None:
            return None
        from wellbeing_desktop.ui.report_preview import open_preview

        dialog = open_preview(db, request, self.window)
        self.previews.append(dialog)
        dialog.destroyed.connect(lambda *_: self._forget(dialog))
        return dialog

    def _forget(self, dialog: ReportPreviewDialog) -> None:
        if dialog in self.previews:
            self.previews.remove(dialog)

    def preview_team_caseload(self) -> ReportPreviewDialog | None:
        """The caseload report for the dashboard's team (all teams when it shows them)."""
        data = self.window.dashboard.data
        if self.window.db is None or data is None or not data.teams:
            return None
        name = next((t.name for t in data.teams if t.id == data.team_id), "")
        return self.preview(caseload_request(data.team_id, name, self.window_today()))

    def preview_training(self) -> ReportPreviewDialog | None:
        """The training report for the dashboard's team (all teams when it shows them)."""
        data = self.window.dashboard.data
        if self.window.db is None or data is None or not data.teams:
            return None
        name = next((t.name for t in data.teams if t.id == data.team_id), "")
        return self.preview(training_request(data.team_id, name, self.window_today()))

    def choose_compliance_period(self) -> CompliancePeriodDialog | None:
        data = self.window.dashboard.data
        if self.window.db is None or data is None:
            return None
        today = self.window_today() or dt.date.today()
        dialog = CompliancePeriodDialog(data.teams, data.team_id, today, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.preview(
                compliance_request(
                    dialog.team_id, dialog.team_name, dialog.start, dialog.end, self.window_today()
                )
            )
        )
        dialog.open()
        return dialog

    def preview_wellbeing(self, staff_id: int | None = None) -> ReportPreviewDialog | None:
        if staff_id is None:
            view = self._person_view()
            staff_id = view.staff_id if view is not None else None
        if staff_id is None:
            return None
        return self.preview(wellbeing_request(staff_id, self.window_today()))

    def preview_supervision_record(
        self, session_id: int | None = None
    ) -> ReportPreviewDialog | None:
        view = self._person_view()
        if session_id is None:
            session = view.selected_session() if view is not None else None
        else:
            sessions = view.data.sessions if view is not None and view.data else ()
            session = next((s for s in sessions if s.id == session_id), None)
        if session is not None:
            session_id = session.id
        if session_id is None:
            return None
        held_on = session.held_on if session is not None else None
        return self.preview(supervision_record_request(session_id, held_on, self.window_today()))

    def preview_for_person(self, kind: str, record_id: int) -> ReportPreviewDialog | None:
        """From the person view's buttons: ("wellbeing", staff id) or
        ("supervision-record", session id)."""
        if kind == "wellbeing":
            return self.preview_wellbeing(record_id)
        return self.preview_supervision_record(record_id)
