"""The dashboard's table: one row per person from the service's ``TeamSummary``.

``TeamTableModel`` adapts the summary (it decides nothing: status, reasons and
what is due come from the services). ``PeopleFilterProxy`` filters by a search
text and by one of the summary figures ("focus"). Sorting is done by the source
model on precomputed keys, so a 2,000-person organisation sorts and filters
within a keystroke.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.due import describe_counted_from, describe_overdue
from wellbeing_desktop.ui.models.format import format_date, format_number, service_text

if TYPE_CHECKING:
    from wellbeing_desktop.services.summary import PersonSummary, TeamSummary

Index = QModelIndex | QPersistentModelIndex

STATUS_ROLE = Qt.ItemDataRole.UserRole + 1
STAFF_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
ATTENTION_ROLE = Qt.ItemDataRole.UserRole + 4  # True when the cell needs the manager's eye

# Worst first when sorted by status.
STATUS_SEVERITY = {
    CaseloadStatus.RED: 3,
    CaseloadStatus.AMBER: 2,
    CaseloadStatus.UNKNOWN: 1,
    CaseloadStatus.UNWEIGHTED: 1,
    CaseloadStatus.GREEN: 0,
}

ATTENTION_TEXT = QColor("#8c1d18")
ATTENTION_BACKGROUND = QColor("#fbe9e7")


class Column(IntEnum):
    NAME = 0
    TEAM = 1
    ROLE = 2
    FTE = 3
    CASELOAD = 4
    STATUS = 5
    WORKLOAD = 6
    TREND = 7
    LAST_SUPERVISION = 8
    NEXT_SUPERVISION = 9
    LAST_CHECKIN = 10
    ACTIONS = 11
    FOLLOWUPS = 12
    TRAINING = 13


class Focus:
    """The summary figures a manager can click to filter the table."""

    OVER = "over"
    APPROACHING = "approaching"
    SUPERVISION = "supervision"
    CHECKINS = "checkins"
    FOLLOWUPS = "followups"
    WORKLOAD = "workload"  # needs a plan, or its review is overdue
    TRAINING = "training"  # mandatory training expired or missing
    ALL = (OVER, APPROACHING, SUPERVISION, CHECKINS, FOLLOWUPS, WORKLOAD, TRAINING)


def _date_key(day: dt.date | None) -> int:
    return day.toordinal() if day is not None else 0


_SORT_KEYS: dict[Column, Callable[[PersonSummary], Any]] = {
    Column.NAME: lambda p: p.name.casefold(),
    Column.TEAM: lambda p: (p.team_name.casefold(), p.name.casefold()),
    Column.ROLE: lambda p: (p.role_name.casefold(), p.name.casefold()),
    Column.FTE: lambda p: p.fte,
    Column.CASELOAD: lambda p: (p.open_cases is not None, p.open_cases or 0),
    Column.STATUS: lambda p: (STATUS_SEVERITY[p.status], p.utilisation or 0.0),
    Column.WORKLOAD: lambda p: (
        p.workload.needs_attention,
        p.workload.has_open_review,
        p.workload.weeks or 0,
    ),
    Column.TREND: lambda p: p.change if p.change is not None else -(10**9),
    Column.LAST_SUPERVISION: lambda p: _date_key(p.supervision.last),
    Column.NEXT_SUPERVISION: lambda p: _date_key(p.supervision.due_on),
    Column.LAST_CHECKIN: lambda p: _date_key(p.checkin.last),
    Column.ACTIONS: lambda p: (p.overdue_actions, p.open_actions),
    Column.FOLLOWUPS: lambda p: p.followups_due,
    Column.TRAINING: lambda p: (p.training.expired, p.training.missing, p.training.expiring),
}


_COLUMNS = tuple(Column)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_ROLES_USED = frozenset(
    {
        _DISPLAY,
        _ACCESSIBLE,
        _TOOLTIP,
        _FOREGROUND,
        _BACKGROUND,
        _ALIGNMENT,
        STATUS_ROLE,
        STAFF_ID_ROLE,
        SORT_ROLE,
        ATTENTION_ROLE,
    }
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_RIGHT_ALIGNED = frozenset({Column.FTE, Column.CASELOAD})
_COLUMN_COUNT = len(Column)
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NOT_CACHED = object()

# What each cell holds: its text, whether it needs attention, and the values of the
# roles a delegate paints with (display, colours, alignment), ready to hand over.
_Cells = tuple[tuple[str, ...], tuple[bool, ...], tuple[dict[int, Any], ...]]


class TeamTableModel(QAbstractTableModel):
    """People in a ``TeamSummary``, one per row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: list[PersonSummary] = []
        self._search_text: list[str] = []
        self._search_index: list[tuple[int, str]] = []  # (staff id, text), any order
        self._today = dt.date.today()
        self._focus_ids: dict[str, frozenset[int]] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._cell_cache: dict[int, _Cells] = {}
        # The staff id of each row, for the filter proxy's look-up; changed in place only,
        # so the proxy can hold on to it.
        self.staff_ids: list[int] = []
        self._headers = {
            Column.NAME: self.tr("Name"),
            Column.TEAM: self.tr("Team"),
            Column.ROLE: self.tr("Role"),
            Column.FTE: self.tr("FTE"),
            Column.CASELOAD: self.tr("Caseload"),
            Column.STATUS: self.tr("Status"),
            Column.WORKLOAD: self.tr("Workload plan"),
            Column.TREND: self.tr("Trend"),
            Column.LAST_SUPERVISION: self.tr("Last supervision"),
            Column.NEXT_SUPERVISION: self.tr("Next supervision"),
            Column.LAST_CHECKIN: self.tr("Last check-in"),
            Column.ACTIONS: self.tr("Actions"),
            Column.FOLLOWUPS: self.tr("Follow-ups"),
            Column.TRAINING: self.tr("Training"),
        }
        self._short_headers = {
            Column.LAST_SUPERVISION: self.tr("Last\nsupervision"),
            Column.NEXT_SUPERVISION: self.tr("Next\nsupervision"),
            Column.LAST_CHECKIN: self.tr("Last\ncheck-in"),
            Column.WORKLOAD: self.tr("Workload\nplan"),
        }

    # ---- filling ---------------------------------------------------------------------

    def set_summary(self, summary: TeamSummary) -> None:
        self.beginResetModel()
        self._cell_cache = {}
        self._people = list(summary.people)
        self._today = summary.today
        self._search_text = [
            # Running programmes too, so "preceptorship" finds everyone on one.
            f"{p.name}\n{p.team_name}\n{p.role_name}\n{p.job_title}"
            f"{''.join(chr(10) + programme.label for programme in p.programmes)}".casefold()
            for p in self._people
        ]
        self._search_index = [
            (p.staff_id, text) for p, text in zip(self._people, self._search_text, strict=True)
        ]
        self._focus_ids = {
            Focus.OVER: frozenset(
                p.staff_id for p in summary.people if p.status is CaseloadStatus.RED
            ),
            Focus.APPROACHING: frozenset(
                p.staff_id for p in summary.people if p.status is CaseloadStatus.AMBER
            ),
            Focus.SUPERVISION: frozenset(p.staff_id for p in summary.supervision_overdue),
            Focus.CHECKINS: frozenset(p.staff_id for p in summary.checkins_due),
            Focus.FOLLOWUPS: frozenset(p.staff_id for p in summary.people if p.followups_due),
            Focus.WORKLOAD: frozenset(
                p.staff_id for p in summary.people if p.workload.needs_attention
            ),
            Focus.TRAINING: frozenset(
                p.staff_id for p in summary.people if p.training.expired or p.training.missing
            ),
        }
        self._apply_sort()
        self.staff_ids[:] = [p.staff_id for p in self._people]
        self.endResetModel()

    def person(self, row: int) -> PersonSummary:
        return self._people[row]

    def display_text(self, row: int, column: int) -> str:
        """What a cell shows (its DisplayRole), without a round trip through Qt."""
        return self._cells(self._people[row])[0][column]

    def row_of(self, staff_id: int) -> int | None:
        for row, person in enumerate(self._people):
            if person.staff_id == staff_id:
                return row
        return None

    def matching_ids(self, search: str, focus: str | None) -> frozenset[int] | None:
        """Staff ids that match a search text and a focus; None when nothing filters."""
        needle = search.strip().casefold()
        wanted = self._focus_ids.get(focus) if focus is not None else None
        if not needle:
            return wanted
        # Run on every keystroke over up to 2,000 people: one pass, one test per person.
        if wanted is None:
            return frozenset(sid for sid, text in self._search_index if needle in text)
        return frozenset(
            sid for sid, text in self._search_index if needle in text and sid in wanted
        )

    # ---- the model -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._headers[Column(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            # Two short lines for the long headings, so the whole row fits a laptop screen.
            return self._short_headers.get(Column(section), self._headers[Column(section)])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every visible cell and role on each repaint: the common roles are
        # answered from a per-row cache, and roles the model does not use return at once.
        if role not in _ROLES_USED:
            return None
        row = index.row()
        if not 0 <= row < len(self._people):
            return None
        return self._value(row, _COLUMNS[index.column()], role)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        self.fill_cell(index.row(), index.column(), roleDataSpan)

    def fill_cell(self, row: int, column: int, roles: Any) -> None:
        """Every role a view asks of one cell at once (a ``QModelRoleDataSpan``): a
        delegate asks for seven roles per cell on each repaint, and one call from Qt
        into Python instead of seven (each with its index look-ups) is what keeps a
        keystroke's repaint of the filtered table short."""
        if not 0 <= row < len(self._people) or not 0 <= column < _COLUMN_COUNT:
            return
        painted = self._cells(self._people[row])[2][column]
        for item in roles:
            role = item.role()
            value = painted.get(role, _NOT_CACHED)
            if value is _NOT_CACHED:
                value = self._value(row, _COLUMNS[column], role) if role in _ROLES_USED else None
            # Every role is answered, "nothing" too: a delegate hands the same span from
            # cell to cell, and a value left in it would colour the next cell.
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def _value(self, row: int, column: Column, role: int) -> Any:
        person = self._people[row]
        if role in (_DISPLAY, _ACCESSIBLE):
            return self._cells(person)[0][column]
        if role == _FOREGROUND:
            return ATTENTION_TEXT if self._cells(person)[1][column] else None
        if role == _BACKGROUND:
            return ATTENTION_BACKGROUND if self._cells(person)[1][column] else None
        if role == _ALIGNMENT:
            return _RIGHT if column in _RIGHT_ALIGNED else None
        if role == STATUS_ROLE:
            return person.status.value
        if role == STAFF_ID_ROLE:
            return person.staff_id
        if role == _TOOLTIP:
            return self._tooltip(person, column)
        if role == SORT_ROLE:
            return _SORT_KEYS[column](person)
        return self._cells(person)[1][column]  # ATTENTION_ROLE

    def _cells(self, person: PersonSummary) -> _Cells:
        cells = self._cell_cache.get(person.staff_id)
        if cells is None:
            texts = tuple(self._display(person, column) for column in _COLUMNS)
            attention = tuple(self._needs_attention(person, column) for column in _COLUMNS)
            painted = tuple(
                {
                    int(_DISPLAY): text,
                    int(_FOREGROUND): ATTENTION_TEXT if flagged else None,
                    int(_BACKGROUND): ATTENTION_BACKGROUND if flagged else None,
                    int(_ALIGNMENT): _RIGHT if column in _RIGHT_ALIGNED else None,
                }
                for column, text, flagged in zip(_COLUMNS, texts, attention, strict=True)
            )
            cells = (texts, attention, painted)
            self._cell_cache[person.staff_id] = cells
        return cells

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_ids = [self._people[i.row()].staff_id for i in old]
        self._apply_sort()
        rows = {p.staff_id: row for row, p in enumerate(self._people)}
        self.changePersistentIndexList(
            old, [self.index(rows[sid], i.column()) for sid, i in zip(old_ids, old, strict=True)]
        )
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        if self._sort is None:
            return
        column, order = self._sort
        key = _SORT_KEYS[Column(column)]
        paired = sorted(
            zip(self._people, self._search_text, strict=True),
            key=lambda pair: key(pair[0]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._people = [p for p, _ in paired]
        self._search_text = [t for _, t in paired]
        self.staff_ids[:] = [p.staff_id for p in self._people]

    # ---- what each cell says -----------------------------------------------------------

    def _display(self, p: PersonSummary, column: Column) -> str:
        if column is Column.NAME:
            return p.name
        if column is Column.TEAM:
            return p.team_name
        if column is Column.ROLE:
            return p.role_name
        if column is Column.FTE:
            return format_number(p.fte)
        if column is Column.CASELOAD:
            return self._caseload_text(p)
        if column is Column.STATUS:
            return f"{p.status.symbol} {service_text(p.status.words)}"
        if column is Column.WORKLOAD:
            return self._workload_text(p)
        if column is Column.TREND:
            return self._trend_text(p)
        if column is Column.LAST_SUPERVISION:
            return format_date(p.supervision.last, self.tr("None recorded"))
        if column is Column.NEXT_SUPERVISION:
            return self._next_supervision_text(p)
        if column is Column.LAST_CHECKIN:
            text = format_date(p.checkin.last, self.tr("None yet"))
            if p.checkin.due_on <= self._today:
                text = self.tr("{date} · due").format(date=text)
            return text
        if column is Column.ACTIONS:
            return self._actions_text(p)
        if column is Column.TRAINING:
            return p.training.text if p.training.required else "–"
        if p.followups_due:
            return self.tr("%n due", "", p.followups_due)
        return "–"

    def _caseload_text(self, p: PersonSummary) -> str:
        if p.open_cases is None:
            return "–"
        protected = p.limit.protection is not None  # the limit shown is the protected one
        if p.limit.unit == "points" and p.weighted_points is not None:
            text = self.tr(
                "{load} of {limit} pts protected" if protected else "{load} of {limit} pts"
            )
            return text.format(
                load=format_number(p.weighted_points), limit=format_number(p.limit.red)
            )
        text = self.tr("{load} of {limit} protected" if protected else "{load} of {limit}")
        return text.format(load=p.open_cases, limit=format_number(p.limit.red))

    def _workload_text(self, p: PersonSummary) -> str:
        words = p.workload.short_words
        if not words:
            return "–"
        text = service_text(words)
        return f"⚠ {text}" if p.workload.needs_attention else text

    def _trend_text(self, p: PersonSummary) -> str:
        change = p.change
        if change is None:
            return ""
        if change > 0:
            return f"↑ +{change}"
        if change < 0:
            return f"↓ −{-change}"
        return "→ 0"

    def _next_supervision_text(self, p: PersonSummary) -> str:
        if p.supervision.overdue:
            return self.tr("⚠ Overdue by {time}").format(
                time=service_text(describe_overdue(p.supervision.overdue_days))
            )
        if p.next_session_booked is not None:
            return self.tr("Booked {date}").format(date=format_date(p.next_session_booked))
        return self.tr("Due {date}").format(date=format_date(p.supervision.due_on))

    def _actions_text(self, p: PersonSummary) -> str:
        if not p.open_actions:
            return "–"
        if p.overdue_actions:
            return self.tr("{open} open, {late} overdue").format(
                open=p.open_actions, late=p.overdue_actions
            )
        return self.tr("{open} open").format(open=p.open_actions)

    def _tooltip(self, p: PersonSummary, column: Column) -> str | None:
        if column in (Column.CASELOAD, Column.STATUS):
            reason = service_text(p.reason)
            if p.recorded_on is not None:
                reason += "\n" + self.tr("Recorded on {date}").format(
                    date=format_date(p.recorded_on)
                )
                if not p.record_is_recent:
                    reason += " " + self.tr("(not recent: ask for an update)")
            return reason
        if column is Column.WORKLOAD:
            return self._workload_tooltip(p)
        if column is Column.TREND and p.change is not None:
            if p.change == 0:
                return self.tr("No change since the previous record")
            if p.change > 0:
                return self.tr("Up by %n since the previous record", "", p.change)
            return self.tr("Down by %n since the previous record", "", -p.change)
        if column is Column.NEXT_SUPERVISION:
            text = (
                self.tr("Supervision was due on {date}").format(
                    date=format_date(p.supervision.due_on)
                )
                if p.supervision.overdue
                else self.tr("Supervision due on {date}").format(
                    date=format_date(p.supervision.due_on)
                )
            )
            if p.supervision.counted_from_added is not None:
                text += "\n" + service_text(describe_counted_from(p.supervision.counted_from_added))
            return text
        if column is Column.LAST_CHECKIN:
            text = self.tr("Next check-in due on {date}").format(date=format_date(p.checkin.due_on))
            if p.checkin.counted_from_added is not None:
                text += "\n" + service_text(
                    describe_counted_from(p.checkin.counted_from_added, "No check-in yet")
                )
            return text
        if column is Column.NAME:
            # The job title, and any running induction, preceptorship or skills passport.
            lines = [p.job_title] if p.job_title else []
            lines += [service_text(programme.words) for programme in p.programmes]
            return "\n".join(lines) or None
        if column is Column.TEAM:
            return p.team_name
        if column is Column.ROLE:
            return p.role_name
        if column is Column.TRAINING:
            return self.tr(
                "Mandatory training: {words} ({count} courses). The training matrix (Ctrl+T) "
                "has the dates."
            ).format(words=service_text(p.training.words), count=p.training.required)
        return None

    def _workload_tooltip(self, p: PersonSummary) -> str:
        state = p.workload
        text = service_text(state.sentence)
        if state.pause_until is not None:
            text += "\n" + self.tr("No new cases until {date}").format(
                date=format_date(state.pause_until)
            )
        if state.needs_attention or not state.has_open_review:
            text += "\n" + self.tr("Workload review: Ctrl+Shift+W or the right-click menu")
        return text

    def _needs_attention(self, p: PersonSummary, column: Column) -> bool:
        if column is Column.WORKLOAD:
            return p.workload.needs_attention
        if column is Column.NEXT_SUPERVISION:
            return p.supervision.overdue
        if column is Column.ACTIONS:
            return p.overdue_actions > 0
        if column is Column.FOLLOWUPS:
            return p.followups_due > 0
        if column is Column.TRAINING:
            return p.training.expired > 0 or p.training.missing > 0
        return False


class PeopleFilterProxy(QSortFilterProxyModel):
    """Filters the team table by search text and focus; sorting is passed to the source."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._search = ""
        self._focus: str | None = None
        self._accepted: frozenset[int] | None = None
        self._row_ids: list[int] = []
        self._team_model: TeamTableModel | None = None

    @property
    def search(self) -> str:
        return self._search

    @property
    def focus(self) -> str | None:
        return self._focus

    def set_search(self, text: str) -> None:
        if text != self._search:
            self._search = text
            self._refilter(skip_if_same=True)

    def set_focus(self, focus: str | None) -> None:
        if focus != self._focus:
            self._focus = focus
            self._refilter(skip_if_same=True)

    def setSourceModel(self, source: Any) -> None:
        self._row_ids = source.staff_ids if isinstance(source, TeamTableModel) else []
        self._team_model = source if isinstance(source, TeamTableModel) else None
        super().setSourceModel(source)
        if isinstance(source, TeamTableModel):
            # New people: the same search and focus, recomputed for them.
            source.modelReset.connect(self._refilter)
        self._refilter()

    def _refilter(self, *, skip_if_same: bool = False) -> None:
        source = self.sourceModel()
        accepted = (
            source.matching_ids(self._search, self._focus)
            if isinstance(source, TeamTableModel)
            else None
        )
        if skip_if_same and accepted == self._accepted:
            # Typing on often matches the same people: nothing to filter again or repaint.
            return
        # Qt 6.10 replaced invalidateRowsFilter() with begin/endFilterChange().
        modern = hasattr(self, "endFilterChange")
        if modern:
            self.beginFilterChange()
        self._accepted = accepted
        if modern:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        accepted = self._accepted
        return accepted is None or self._row_ids[source_row] in accepted

    # Qt's proxy asks the source for each of a cell's roles separately, mapping the
    # index each time; these two go to the team model once per cell (or not at all).

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        model = self._team_model
        if model is None:
            super().multiData(index, roleDataSpan)
            return
        source = self.mapToSource(index)
        model.fill_cell(source.row(), source.column(), roleDataSpan)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self._team_model is None:
            return super().flags(index)
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts on precomputed keys in one pass; the proxy keeps its order.
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def staff_ids(self) -> Sequence[int]:
        """The staff ids of the visible rows, in view order."""
        return [self.index(row, 0).data(STAFF_ID_ROLE) for row in range(self.rowCount())]
