"""The person view's "Workload reviews" tab: the current review and past ones, each
with what was agreed, its review date and outcome. Double-click or Enter opens one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services.workload_reviews import ReviewRecord
from wellbeing_desktop.ui.models.format import format_date, service_text
from wellbeing_desktop.ui.models.records import RecordColumn, RecordTableModel, date_column
from wellbeing_desktop.ui.widgets.theme import SPACE


class WorkloadReviewsTab(QWidget):
    open_requested = Signal(int)  # a review's id
    new_requested = Signal()

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        layout.setSpacing(SPACE)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Workload plan now"))
        layout.addWidget(self.summary)
        columns: list[RecordColumn[ReviewRecord]] = [
            RecordColumn(
                self.tr("Agreed"),
                lambda r: format_date(r.agreed_on),
                lambda r: (r.agreed_on.toordinal(), r.id),
            ),
            RecordColumn(self.tr("Why"), lambda r: service_text(r.trigger_label)),
            RecordColumn(
                self.tr("What was agreed"),
                lambda r: "; ".join(r.agreed_actions),
                tooltip=lambda r: "\n".join(r.agreed_actions) or None,
            ),
            date_column(self.tr("Review"), lambda r: r.review_on),
            RecordColumn(
                self.tr("State"),
                self._state_text,
                attention=lambda r: r.overdue_on(self._today()),
            ),
            RecordColumn(
                self.tr("Agreed by"),
                lambda r: r.agreed_by,
            ),
            RecordColumn(
                self.tr("Outcome"),
                lambda r: r.outcome or "–",
                tooltip=lambda r: r.outcome or None,
            ),
        ]
        self.model: RecordTableModel[ReviewRecord] = RecordTableModel(columns, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Workload reviews"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.activated.connect(lambda index: self._open(index.row()))
        layout.addWidget(self.table, 1)
        self.open_button = QPushButton(self.tr("&Open review…"), self)
        self.open_button.setAccessibleName(self.tr("Open the chosen workload review"))
        self.open_button.clicked.connect(self._open_selected)
        self.new_button = QPushButton(self.tr("Wor&kload review…"), self)
        self.new_button.setAccessibleName(self.tr("Record or update the workload plan"))
        self.new_button.clicked.connect(self.new_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.new_button)
        layout.addLayout(buttons)

    def _state_text(self, review: ReviewRecord) -> str:
        if review.closed_on is not None:
            return self.tr("Closed {date}").format(date=format_date(review.closed_on))
        if review.overdue_on(self._today()):
            return self.tr("⚠ Review overdue since {date}").format(
                date=format_date(review.review_on)
            )
        return self.tr("Open")

    def set_reviews(self, reviews: Sequence[ReviewRecord], sentence: str) -> None:
        self.summary.setText(service_text(sentence))
        self.model.set_records(reviews)
        self.table.resizeColumnsToContents()
        em = self.fontMetrics().horizontalAdvance("m")
        if self.table.columnWidth(2) > em * 30:
            self.table.setColumnWidth(2, em * 30)
        self.open_button.setEnabled(bool(reviews))

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.open_requested.emit(self.model.record(row).id)

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._open(rows[0].row() if rows else 0)

    def focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
