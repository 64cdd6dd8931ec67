"""The table on screen as the services' plain ``DataTable``, for export.

Rows come from the view in the order and with the filter the manager sees; their
values come from the records behind the rows (dates as dates, numbers as
numbers), not from the text drawn in the cells.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, Qt

from wellbeing_desktop.services import exporting
from wellbeing_desktop.ui.models.records import RECORD_ROLE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView

    from wellbeing_desktop.services.exporting import DataTable
    from wellbeing_desktop.ui.dashboard import DashboardView
    from wellbeing_desktop.ui.person_view import PersonView


def records_in_view(view: QTableView) -> list[Any]:
    """The records behind a record table's rows, in the order shown."""
    model: QAbstractItemModel = view.model()
    return [model.index(row, 0).data(RECORD_ROLE) for row in range(model.rowCount())]


def text_table(view: QTableView, title: str) -> DataTable:
    """Any table as text, as shown (for tables without a typed export)."""
    model = view.model()
    columns = tuple(
        exporting.TableColumn(str(model.headerData(c, Qt.Orientation.Horizontal)))
        for c in range(model.columnCount())
        if not view.isColumnHidden(c)
    )
    shown = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    rows = tuple(tuple(model.index(r, c).data() for c in shown) for r in range(model.rowCount()))
    return exporting.DataTable(title, columns, rows)


def dashboard_table(dashboard: DashboardView) -> DataTable | None:
    """The team table: the people the search and the summary figure leave, in the order
    they are sorted."""
    data = dashboard.data
    if data is None:
        return None
    proxy, model = dashboard.proxy, dashboard.model
    people = [
        model.person(proxy.mapToSource(proxy.index(row, 0)).row())
        for row in range(proxy.rowCount())
    ]
    return exporting.team_summary_table(people, data.summary.title)


def person_table(view: PersonView) -> DataTable | None:
    """The table on the person's current tab. The title names the tab, not the person:
    a file's name and sheet show in lists and previews."""
    data = view.data
    if data is None:
        return None
    tab = view.tabs.currentIndex()
    if tab == 0:
        return exporting.caseload_history_table(data.caseloads, "Caseload history")
    if tab == 1:
        if view.actions_table.hasFocus():
            owners = {data.staff.id: data.staff.name}
            return exporting.actions_table(
                records_in_view(view.actions_table), "Open actions", owners
            )
        return exporting.supervision_log_table(
            records_in_view(view.sessions_table), "Supervision log"
        )
    if tab == 2:
        return exporting.checkins_table(records_in_view(view.checkins_table), "Check-ins")
    if tab == 3:
        return text_table(view.signposting_table, "Signposting")
    return None
