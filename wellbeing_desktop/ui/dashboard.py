"""The team dashboard, the home screen: summary figures, the team table and the trend.

Everything it shows comes from the services (``team_summary``,
``team_caseload_history``, ``list_teams``), loaded off the UI thread through
the task runner. The services are imported inside the loader, so this module
costs nothing at start-up beyond Qt itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPaintEvent,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.percentages import percent_words
from wellbeing_desktop.ui.models.format import (
    format_figure,
    format_long_date,
    format_month,
)
from wellbeing_desktop.ui.models.team_table import (
    STAFF_ID_ROLE,
    STATUS_ROLE,
    Column,
    Focus,
    PeopleFilterProxy,
    TeamTableModel,
)
from wellbeing_desktop.ui.team_memory import ALL_TEAMS, LARGEST_TEAM, TeamWanted, pick_team
from wellbeing_desktop.ui.widgets.empty_state import EmptyState
from wellbeing_desktop.ui.widgets.establishment_strip import EstablishmentStrip
from wellbeing_desktop.ui.widgets.line_chart import LineChart, Series
from wellbeing_desktop.ui.widgets.status import StatusDelegate
from wellbeing_desktop.ui.widgets.summary_card import SummaryCard
from wellbeing_desktop.ui.widgets.theme import (
    ACCENT,
    LIMIT_LINE,
    NEUTRAL,
    SPACE,
    STATUS_COLOURS,
)

if TYPE_CHECKING:
    from wellbeing_desktop.services.establishment import EstablishmentFigures
    from wellbeing_desktop.services.protected_caseloads import ProtectedCaseloads
    from wellbeing_desktop.services.summary import TeamSummary
    from wellbeing_desktop.services.teams import TeamInfo
    from wellbeing_desktop.services.trends import CaseloadHistory
    from wellbeing_desktop.storage.database import Database
    from wellbeing_desktop.ui.tasks import TaskRunner


@dataclass(frozen=True)
class DashboardData:
    teams: tuple[TeamInfo, ...]
    team_id: int | None  # None: all teams
    summary: TeamSummary
    history: CaseloadHistory
    establishment: EstablishmentFigures | None = None
    protections: ProtectedCaseloads | None = None


def load_dashboard(db: Database, wanted: TeamWanted, today: dt.date) -> DashboardData:
    """Everything the dashboard shows, for one team, all teams (None), or the team
    ``pick_team`` chooses (LARGEST_TEAM, or a team that has gone). Runs off the UI
    thread: it returns plain data and touches no widget."""
    from wellbeing_desktop.services.summary import team_summary
    from wellbeing_desktop.services.teams import list_teams
    from wellbeing_desktop.services.trends import team_caseload_history

    teams = tuple(list_teams(db))
    team_id = pick_team(teams, wanted)
    team_ids = None if team_id is None else [team_id]
    summary = team_summary(db, team_ids, today=today)
    establishment, protections = _establishment(db, team_ids, summary)
    return DashboardData(
        teams=teams,
        team_id=team_id,
        summary=summary,
        history=team_caseload_history(db, team_ids, months=12, today=today),
        establishment=establishment,
        protections=protections,
    )


def _establishment(
    db: Database, team_ids: list[int] | None, summary: TeamSummary
) -> tuple[EstablishmentFigures | None, ProtectedCaseloads | None]:
    """The establishment line's figures: one team's, or the organisation's sums."""
    from wellbeing_desktop.services.establishment import (
        organisation_establishment,
        team_establishment,
    )
    from wellbeing_desktop.services.protected_caseloads import protected_caseloads

    if team_ids is None:
        figures = organisation_establishment(db, summary=summary, people=False).total
    elif team_ids:
        figures = team_establishment(db, team_ids[0], summary=summary)
    else:
        return None, None
    return figures, protected_caseloads(db, team_ids, summary=summary)


class _PaintWatcher(QObject):
    """Tells when a widget has painted: the dashboard is 'ready' only once it is seen."""

    painted = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.emit()
        return False


class _TeamTableView(QTableView):
    """The team table, telling when its rows have been painted. (Watching its viewport
    instead would mean handing the viewport to Python, which makes PySide6 set up the
    type of every widget class it has: tens of milliseconds before the first paint.)"""

    painted = Signal()
    resized = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class DashboardView(QWidget):
    """The home screen. Emits ``loaded`` when new data is in place and ``ready`` once
    that data has been painted."""

    loaded = Signal()
    ready = Signal()
    failed = Signal(str)
    person_activated = Signal(int)
    team_chosen = Signal(int)  # a team's id or ALL_TEAMS, when the manager switches
    add_team_requested = Signal()
    add_people_requested = Signal()
    import_requested = Signal()
    allocate_requested = Signal()
    establishment_requested = Signal(int)  # a team's id

    PAGE_LOADING, PAGE_NO_TEAMS, PAGE_NO_PEOPLE, PAGE_TEAM = range(4)

    def __init__(
        self,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._db: Database | None = None
        self._fixed_today = today
        self._team_id: TeamWanted = LARGEST_TEAM
        self._data: DashboardData | None = None
        self._waiting_for_paint = False
        self.setAccessibleName(self.tr("Team dashboard"))

        self.model = TeamTableModel(self)
        self.proxy = PeopleFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_loading_page())
        self.pages.addWidget(self._build_no_teams_page())
        self.pages.addWidget(self._build_no_people_page())
        self.pages.addWidget(self._build_team_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

        # Watches for the first paint after new data, and only then: a filter left in
        # place would call into Python for every event while a load runs.
        self._watcher = _PaintWatcher(self)
        self._watcher.painted.connect(self._on_painted)
        self._watched: list[QWidget] = []

    # ---- building ----------------------------------------------------------------------

    def _build_loading_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.loading_label = QLabel(self.tr("Loading your team…"), page)
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label.setObjectName("muted")
        bar = QProgressBar(page)
        bar.setRange(0, 0)
        bar.setTextVisible(False)
        bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("m") * 24)
        bar.setAccessibleName(self.tr("Loading"))
        layout.addWidget(self.loading_label)
        layout.addWidget(bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def _build_no_teams_page(self) -> QWidget:
        page = EmptyState(
            self.tr("Add your team"),
            self.tr(
                "Wellbeing Desktop shows each person's caseload against a safe limit, when "
                "supervision and check-ins are due, and who needs a follow-up. Start by adding "
                "your team and the people in it, or bring them in from a spreadsheet."
            ),
            self,
        )
        from wellbeing_desktop.ui.icons import app_icon

        page.set_picture(app_icon())
        page.add_button(self.tr("Add your team…"), primary=True).clicked.connect(
            self.add_team_requested
        )
        page.add_button(self.tr("Import from a spreadsheet…")).clicked.connect(
            self.import_requested
        )
        self.no_teams_page = page
        return page

    def _build_no_people_page(self) -> QWidget:
        page = EmptyState(
            self.tr("Add the people in your team"),
            self.tr(
                "There is no one in this team yet. Add each person with their role and hours, "
                "and the dashboard will show their caseload against a safe limit."
            ),
            self,
        )
        page.add_button(self.tr("Add people…"), primary=True).clicked.connect(
            self.add_people_requested
        )
        page.add_button(self.tr("Import from a spreadsheet…")).clicked.connect(
            self.import_requested
        )
        self.no_people_page = page
        return page

    def _build_team_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        layout.setSpacing(SPACE * 2)

        header = QHBoxLayout()
        header.setSpacing(SPACE * 2)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title_label = QLabel(page)
        self.title_label.setObjectName("pageTitle")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(font)
        self.title_label.setAccessibleName(self.tr("Team"))
        self.date_label = QLabel(page)
        self.date_label.setObjectName("muted")
        titles.addWidget(self.title_label)
        titles.addWidget(self.date_label)
        header.addLayout(titles, 1)

        self.team_label = QLabel(self.tr("&Team:"), page)
        self.team_combo = QComboBox(page)
        self.team_combo.setAccessibleName(self.tr("Team shown"))
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.team_label.setBuddy(self.team_combo)
        self.team_combo.activated.connect(self._on_team_chosen)
        header.addWidget(self.team_label)
        header.addWidget(self.team_combo)

        self.search = QLineEdit(page)
        self.search.setPlaceholderText(self.tr("Search people, roles, teams (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search the team table"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 22)
        self.search.textChanged.connect(self._on_search)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear).setContext(
            Qt.ShortcutContext.WidgetShortcut
        )
        header.addWidget(self.search)
        layout.addLayout(header)

        cards = QHBoxLayout()
        cards.setSpacing(SPACE * 2)
        self.cards: dict[str, SummaryCard] = {
            Focus.OVER: SummaryCard(
                self.tr("Over safe limit"),
                CaseloadStatus.RED.symbol,
                STATUS_COLOURS[CaseloadStatus.RED],
                page,
            ),
            Focus.APPROACHING: SummaryCard(
                self.tr("Approaching limit"),
                CaseloadStatus.AMBER.symbol,
                STATUS_COLOURS[CaseloadStatus.AMBER],
                page,
            ),
            Focus.SUPERVISION: SummaryCard(
                self.tr("Supervision overdue"), "⚠", STATUS_COLOURS[CaseloadStatus.RED], page
            ),
            Focus.CHECKINS: SummaryCard(self.tr("Check-ins due"), "●", NEUTRAL, page),
            Focus.FOLLOWUPS: SummaryCard(self.tr("Follow-ups due"), "↻", NEUTRAL, page),
            Focus.TRAINING: SummaryCard(
                self.tr("Training due"), "✕", STATUS_COLOURS[CaseloadStatus.RED], page
            ),
        }
        for focus, card in self.cards.items():
            card.clicked.connect(lambda _checked=False, f=focus: self._on_card(f))
            cards.addWidget(card)
        layout.addLayout(cards)
        self.establishment = EstablishmentStrip(page)
        self.establishment.allocate_requested.connect(self.allocate_requested)
        self.establishment.edit_requested.connect(self._on_edit_establishment)
        layout.addWidget(self.establishment)

        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.setChildrenCollapsible(False)
        table_box = QWidget(splitter)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.setSpacing(SPACE)
        self.filter_label = QLabel(table_box)
        self.filter_label.setObjectName("muted")
        self.filter_label.setAccessibleName(self.tr("Table filter"))
        table_layout.addWidget(self.filter_label)
        self.table = _TeamTableView(table_box)
        self.table.painted.connect(self._on_painted)
        self.table.resized.connect(self._widen_elided_columns)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("People in the team"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setDefaultSectionSize(self.fontMetrics().height() + SPACE * 2)

        self.table.setItemDelegateForColumn(Column.STATUS, StatusDelegate(STATUS_ROLE, self.table))
        header_view = self.table.horizontalHeader()
        header_view.setHighlightSections(False)
        # Column widths are measured on the first 50 rows, not all 2,000 of an organisation.
        header_view.setResizeContentsPrecision(50)
        header_view.setStretchLastSection(True)
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header_view.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.activated.connect(self._on_activated)
        table_layout.addWidget(self.table)
        splitter.addWidget(table_box)

        chart_panel = QFrame(splitter)
        chart_panel.setObjectName("panel")
        chart_layout = QVBoxLayout(chart_panel)
        chart_layout.setContentsMargins(SPACE * 2, SPACE, SPACE * 2, SPACE)
        chart_layout.setSpacing(SPACE // 2)
        chart_title = QLabel(self.tr("Caseload against the combined safe limit, last 12 months"))
        chart_title.setObjectName("sectionTitle")
        self.chart_caption = QLabel(chart_panel)
        self.chart_caption.setObjectName("muted")
        self.chart_caption.setWordWrap(True)
        self.chart_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.chart = LineChart(chart_panel)
        self.chart.setAccessibleName(self.tr("Caseload chart"))
        self.chart.set_empty_text(
            self.tr("Record caseloads to see how they change against the safe limit.")
        )
        # Title and caption share a line: on a 768-pixel laptop screen every row counts.
        heading = QHBoxLayout()
        heading.setSpacing(SPACE * 2)
        heading.addWidget(chart_title)
        heading.addWidget(self.chart_caption, 1)
        chart_layout.addLayout(heading)
        chart_layout.addWidget(self.chart, 1)
        splitter.addWidget(chart_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        line = self.fontMetrics().height()
        splitter.setSizes([line * 30, line * 11])
        layout.addWidget(splitter, 1)
        self.team_page = page
        return page

    # ---- loading -----------------------------------------------------------------------

    @property
    def today(self) -> dt.date:
        return self._fixed_today or dt.date.today()

    @property
    def data(self) -> DashboardData | None:
        return self._data

    def set_database(self, db: Database | None, team: TeamWanted = LARGEST_TEAM) -> None:
        """Show a database's dashboard, on ``team`` (a team's id, None for all teams, or
        LARGEST_TEAM: see ui/team_memory.py)."""
        self._db = db
        self._data = None
        self._team_id = team
        if db is not None:
            self.refresh()

    def refresh(self) -> None:
        """Reload from the database, keeping the team, search and focus."""
        if self._db is None:
            return
        if self._data is None:
            self.pages.setCurrentIndex(self.PAGE_LOADING)
        db, team_id, today = self._db, self._team_id, self.today
        self._tasks.run(
            lambda: load_dashboard(db, team_id, today),
            on_result=self._show,
            on_error=self._on_error,
            key="dashboard",
        )

    def show_team(self, team_id: int | None) -> None:
        """Switch to one team, or None for all teams."""
        self._team_id = team_id
        self.refresh()

    def _on_error(self, error: BaseException) -> None:
        from wellbeing_desktop.ui.dialogs import report_error

        self.loading_label.setText(self.tr("The team could not be loaded."))
        self.failed.emit(str(error))
        report_error(error, self)

    def _show(self, data: DashboardData) -> None:
        self._data = data
        self._team_id = data.team_id
        self._fill_team_combo(data)
        if not data.teams:
            page = self.PAGE_NO_TEAMS
        elif not data.summary.people:
            page = self.PAGE_NO_PEOPLE
        else:
            page = self.PAGE_TEAM
        first_fill = self.model.rowCount() == 0
        self.model.set_summary(data.summary)
        team_hidden = data.team_id is not None
        team_shown_now = self.table.isColumnHidden(Column.TEAM) and not team_hidden
        self.table.setColumnHidden(Column.TEAM, team_hidden)
        if first_fill or team_shown_now:  # "All teams" brings a column to measure
            self._size_columns()
        self._fill_cards(data.summary)
        self.establishment.set_figures(
            data.establishment, data.protections, editable=data.team_id is not None
        )
        self._fill_chart(data)
        self.title_label.setText(data.summary.title)
        self.date_label.setText(
            self.tr("%Ln people · caseloads as on {date}", "", data.summary.headcount).format(
                date=format_long_date(data.summary.today)
            )
        )
        self._update_filter_label()
        self._watch_for_paint()
        self.pages.setCurrentIndex(page)
        self.loaded.emit()

    def _size_columns(self) -> None:
        """Each column as wide as the widest of its first 50 cells or its heading, as
        ``resizeColumnsToContents`` makes it, measuring only the widest text: Qt would
        lay out every cell's text, most of what filling the dashboard costs."""
        table, proxy, model = self.table, self.proxy, self.model
        header = table.horizontalHeader()
        advance = QFontMetricsF(table.font()).horizontalAdvance
        shown = range(min(50, proxy.rowCount()))
        rows = [proxy.mapToSource(proxy.index(row, 0)).row() for row in shown]
        for column in Column:
            if table.isColumnHidden(column):
                continue
            texts: dict[str, int] = {}  # each text, and the first row that shows it
            for row in rows:
                texts.setdefault(model.display_text(row, column), row)
            width = header.sectionSizeHint(column)
            # The three widest by the table font's measure: symbols such as ⚠ come from a
            # fallback font the measure underrates, and would otherwise be elided.
            for text in sorted(texts, key=advance, reverse=True)[:3]:
                widest = proxy.mapFromSource(model.index(texts[text], column))
                width = max(width, table.sizeHintForIndex(widest).width())
            table.setColumnWidth(column, width)
        # Long team and role names are elided (the full text is one hover away) so the
        # whole row fits on a laptop screen.
        em = self.fontMetrics().horizontalAdvance("m")
        self._elided: dict[Column, tuple[int, int]] = {}  # (narrowed, whole) widths
        for column, limit in (
            (Column.NAME, 13),
            (Column.TEAM, 13),
            (Column.ROLE, 14),  # "Social worker (adults / j…": the role, not just "Soc…"
            (Column.WORKLOAD, 25),  # "plan agreed dd/mm/yyyy, review dd/mm/yyyy"
        ):
            if self.table.columnWidth(column) > em * limit:
                self._elided[column] = (em * limit, self.table.columnWidth(column))
                self.table.setColumnWidth(column, em * limit)
        # FTE and caseload are both right-aligned: a gap keeps "1" and "18 of 22.5
        # protected" from reading as one figure.
        table.setColumnWidth(Column.CASELOAD, table.columnWidth(Column.CASELOAD) + em)
        self._last_width = table.columnWidth(Column.TRAINING)  # before it stretches
        self._widen_elided_columns()

    def _widen_elided_columns(self) -> None:
        """On a wide window, the names narrowed for a laptop get back what they need
        (the last column would otherwise take all the spare room)."""
        elided: dict[Column, tuple[int, int]] = getattr(self, "_elided", {})
        if not elided:
            return
        table = self.table
        # The header is as wide as the table's viewport (asking for the viewport itself
        # would cost start-up time: see _TeamTableView).
        shown = [column for column in Column if not table.isColumnHidden(column)]
        fixed = sum(
            table.columnWidth(column)
            for column in shown
            if column not in elided and column != Column.TRAINING
        )
        narrowed = sum(elided[column][0] for column in shown if column in elided)
        spare = table.horizontalHeader().width() - fixed - self._last_width - narrowed
        for column in (Column.ROLE, Column.TEAM, Column.WORKLOAD, Column.NAME):
            if column not in elided or column not in shown:
                continue
            narrow, whole = elided[column]
            extra = max(0, min(whole - narrow, spare))
            table.setColumnWidth(column, narrow + extra)
            spare -= extra

    def _watch_for_paint(self) -> None:
        """Emit ``ready`` at the next paint of the pages or the team table."""
        self._waiting_for_paint = True
        if not self._watched:
            self.pages.installEventFilter(self._watcher)
            self._watched.append(self.pages)

    def _on_painted(self) -> None:
        if self._waiting_for_paint:
            self._waiting_for_paint = False
            for target in self._watched:
                target.removeEventFilter(self._watcher)
            self._watched.clear()
            self.ready.emit()

    def _fill_team_combo(self, data: DashboardData) -> None:
        combo = self.team_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All teams"), ALL_TEAMS)
        for team in data.teams:
            combo.addItem(team.name, team.id)
        combo.setCurrentIndex(combo.findData(ALL_TEAMS if data.team_id is None else data.team_id))
        combo.blockSignals(False)
        several = len(data.teams) > 1
        combo.setVisible(several)
        self.team_label.setVisible(several)

    def _fill_cards(self, summary: TeamSummary) -> None:
        # English plurals spelt out: without a catalogue, Qt's %n would say "1 people".
        people = summary.headcount
        of_people = self.tr("of 1 person") if people == 1 else self.tr("of %Ln people", "", people)
        self.cards[Focus.OVER].set_value(summary.count(CaseloadStatus.RED), of_people)
        self.cards[Focus.APPROACHING].set_value(summary.count(CaseloadStatus.AMBER), of_people)
        self.cards[Focus.SUPERVISION].set_value(len(summary.supervision_overdue), of_people)
        self.cards[Focus.CHECKINS].set_value(len(summary.checkins_due), of_people)
        followup_people = sum(1 for p in summary.people if p.followups_due)
        self.cards[Focus.FOLLOWUPS].set_value(
            followup_people,
            self.tr("1 follow-up in all")
            if summary.followups_due == 1
            else self.tr("%Ln follow-ups in all", "", summary.followups_due),
        )
        # Mandatory training expired or never done (a new team's gap is missing, not
        # expired): each person's course counts once; the caption says which is which.
        expired = summary.training_expired
        missing = sum(p.training.missing for p in summary.people)
        behind = sum(1 for p in summary.people if p.training.expired or p.training.missing)
        self.cards[Focus.TRAINING].set_value(
            expired + missing,
            self.tr("{expired} expired, {missing} missing, {whom}").format(
                expired=expired,
                missing=missing,
                whom=self.tr("for 1 person")
                if behind == 1
                else self.tr("for %Ln people", "", behind),
            ),
        )

    def _fill_chart(self, data: DashboardData) -> None:
        months = data.history.months
        labels = [format_month(m.month_end) for m in months]
        has = data.history.has_data
        self.chart.set_data(
            labels,
            [
                Series(
                    self.tr("Total caseload"),
                    tuple(float(m.total_cases) if m.people_counted else None for m in months),
                    ACCENT,
                    filled=True,
                ),
                Series(
                    self.tr("Combined safe limit"),
                    tuple(m.combined_limit if m.people_counted else None for m in months),
                    LIMIT_LINE,
                    dashed=True,
                ),
            ]
            if has
            else [],
        )
        latest = months[-1] if months else None
        if latest is None or not latest.people_counted:
            caption = self.tr("No caseloads recorded in the last three months.")
        else:
            caption = self.tr(
                "Now: {cases} cases against a combined safe limit of {limit}{share}, "
                "for {counted} of {people} people with a recent caseload record."
            ).format(
                cases=format_figure(latest.total_cases),  # as the establishment line
                limit=format_figure(latest.combined_limit),
                share=(
                    f" ({percent_words(latest.utilisation)})"
                    if latest.utilisation is not None
                    else ""
                ),
                counted=latest.people_counted,
                people=latest.people_counted + latest.people_without_record,
            )
            if latest.people_without_record:  # left out of the share, as in the report
                left_out = latest.people_without_record
                caption += " " + (
                    self.tr("1 person without one is left out (safe limit {limit}).")
                    if left_out == 1
                    else self.tr(
                        "%Ln people without one are left out (safe limit {limit}).", "", left_out
                    )
                ).format(limit=format_figure(latest.limit_without_record))
        if data.history.people_in_points:
            caption += " " + self.tr(
                "%Ln people whose limits are in weighted points are not included.",
                "",
                data.history.people_in_points,
            )
        self.chart_caption.setText(caption)
        self.chart.setAccessibleDescription(caption)

    # ---- interaction -------------------------------------------------------------------

    def focus_search(self) -> None:
        if self.pages.currentIndex() == self.PAGE_TEAM:
            self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search.selectAll()

    def set_focus_filter(self, focus: str | None) -> None:
        """Show only the people behind one summary figure (None: everyone)."""
        for key, card in self.cards.items():
            card.setChecked(key == focus)
        self.proxy.set_focus(focus)
        self._update_filter_label()

    def _on_card(self, focus: str) -> None:
        self.set_focus_filter(focus if self.cards[focus].isChecked() else None)

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_filter_label()

    def _on_edit_establishment(self) -> None:
        if self._data is not None and self._data.team_id is not None:
            self.establishment_requested.emit(self._data.team_id)

    def _on_team_chosen(self, index: int) -> None:
        value = int(self.team_combo.itemData(index))
        self.show_team(None if value == ALL_TEAMS else value)
        self.team_chosen.emit(value)

    def _on_activated(self, index: object) -> None:
        staff_id = self.current_staff_id()
        if staff_id is not None:
            self.person_activated.emit(staff_id)

    def _update_filter_label(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        parts = []
        if self.proxy.focus is not None:
            parts.append(self.cards[self.proxy.focus].label)
        if self.proxy.search.strip():
            parts.append(self.tr("matching “{text}”").format(text=self.proxy.search.strip()))
        if not parts:
            self.filter_label.setText(self.tr("Everyone: %Ln people", "", total))
        elif shown == 0:
            self.filter_label.setText(
                self.tr(
                    "No one here is {what}. Clear the search or click the figure again."
                ).format(what=" · ".join(parts).lower())
                if self.proxy.focus is not None and not self.proxy.search.strip()
                else self.tr("No one matches: {what}.").format(what=" · ".join(parts))
            )
        else:
            self.filter_label.setText(
                self.tr("Showing {shown} of {total}: {what}").format(
                    shown=shown, total=total, what=" · ".join(parts)
                )
            )

    def selected_staff_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [int(index.data(STAFF_ID_ROLE)) for index in rows]

    def current_staff_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            selected = self.selected_staff_ids()
            return selected[0] if selected else None
        value = index.data(STAFF_ID_ROLE)
        return int(value) if value is not None else None
