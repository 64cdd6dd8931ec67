"""The read-only record table the person view's tabs and the forms show: whole rows
selected one at a time, nothing edited in place, alternating rows without a grid; and
a plain list table of the same look, filled cell by cell (backups, retention)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QWidget

from wellbeing_desktop.ui.models.records import SORT_ROLE
from wellbeing_desktop.ui.widgets.theme import SPACE


def read_only_table(
    parent: QWidget,
    model: QAbstractItemModel,
    name: str,
    *,
    sort_proxy: bool = True,
    sortable: bool = False,
    resize: QHeaderView.ResizeMode = QHeaderView.ResizeMode.Interactive,
    stretch_column: int | None = None,
    roomy_rows: bool = True,
    highlight_headings: bool = False,
) -> QTableView:
    """A table of ``model`` named ``name`` for screen readers.

    ``sort_proxy`` puts a proxy sorting on ``SORT_ROLE`` between the model and the
    table; ``sortable`` lets a click on a heading sort. Columns size by ``resize``;
    ``stretch_column`` takes the spare width (by default the last column does).
    """
    table = QTableView(parent)
    if sort_proxy:
        proxy = QSortFilterProxyModel(parent)
        proxy.setSourceModel(model)
        proxy.setSortRole(SORT_ROLE)
        table.setModel(proxy)
    else:
        table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setSortingEnabled(sortable)
    table.verticalHeader().setVisible(False)
    if roomy_rows:
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + SPACE * 2)
    header = table.horizontalHeader()
    if not highlight_headings:
        header.setHighlightSections(False)
    if stretch_column is None:
        header.setStretchLastSection(True)
    header.setSectionResizeMode(resize)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table


def list_table(
    headings: Sequence[str], name: str, *, stretch_column: int = 0, single_selection: bool = False
) -> QTableWidget:
    """A ``QTableWidget`` under ``headings``, named ``name`` for screen readers: whole rows
    selected (one at a time with ``single_selection``), nothing edited, alternating rows
    without a grid, Tab moving on to the next control. ``stretch_column`` takes the spare
    width; the other columns fit their contents."""
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(list(headings))
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single_selection:
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    return table
