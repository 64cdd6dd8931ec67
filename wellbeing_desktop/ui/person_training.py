"""The person view's Training tab: each course mandatory for the person (or done by
them), its state in symbol and words, when it was done and until when it counts;
and every completion on record. "Record training…" records a course for this person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services.training import CompletionInfo, TrainingItem
from wellbeing_desktop.services.training_rules import TrainingState
from wellbeing_desktop.ui.models.format import format_date
from wellbeing_desktop.ui.models.records import (
    RECORD_ROLE,
    RecordColumn,
    RecordTableModel,
    date_column,
)
from wellbeing_desktop.ui.widgets.tables import read_only_table
from wellbeing_desktop.ui.widgets.theme import SPACE

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database
    from wellbeing_desktop.ui.tasks import TaskRunner

_URGENT = (TrainingState.EXPIRED, TrainingState.MISSING)


@dataclass(frozen=True)
class PersonTraining:
    items: tuple[TrainingItem, ...]
    completions: tuple[CompletionInfo, ...]


def load_training(db: Database, staff_id: int, today: dt.date) -> PersonTraining:
    from wellbeing_desktop.services import training

    return PersonTraining(
        training.person_training(db, staff_id, today=today),
        tuple(training.completions_for(db, staff_id)),
    )


def _table(parent: QWidget, model: Any, name: str) -> QTableView:
    return read_only_table(
        parent, model, name, sortable=True, roomy_rows=False, highlight_headings=True
    )


class TrainingPanel(QWidget):
    changed = Signal()
    loaded = Signal()

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._db: Database | None = None
        self._staff_id: int | None = None
        self._team_id: int | None = None
        self._today = dt.date.today()
        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Training summary"))
        self.record_button = QPushButton(self.tr("Record trai&ning…"), self)
        self.record_button.setToolTip(self.tr("Record a course this person has completed"))
        self.record_button.clicked.connect(self.record_training)
        self.delete_button = QPushButton(self.tr("Remove completion…"), self)
        self.delete_button.setToolTip(self.tr("Remove the chosen completion, recorded by mistake"))
        self.delete_button.clicked.connect(self.remove_completion)
        item_columns: list[RecordColumn[TrainingItem]] = [
            RecordColumn(self.tr("Course"), lambda i: i.course_name, lambda i: i.course_name),
            RecordColumn(
                self.tr("State"),
                lambda i: f"{i.state.symbol} {self.tr(i.state.words)}",
                lambda i: (
                    [*_URGENT, TrainingState.EXPIRING, TrainingState.DONE].index(i.state)
                    if i.state is not TrainingState.NOT_REQUIRED
                    else 9
                ),
                attention=lambda i: i.required and i.state in _URGENT,
            ),
            RecordColumn(
                self.tr("Mandatory"),
                lambda i: self.tr("Yes") if i.required else self.tr("No"),
            ),
            RecordColumn(
                self.tr("Completed"),
                lambda i: format_date(i.completed_on, self.tr("Never")),
                lambda i: i.completed_on.toordinal() if i.completed_on else 0,
            ),
            RecordColumn(
                self.tr("Valid until"),
                lambda i: format_date(
                    i.expires_on,
                    self.tr("Does not expire") if i.completed_on else "–",
                ),
                lambda i: i.expires_on.toordinal() if i.expires_on else 10**7,
            ),
            RecordColumn(self.tr("Provider"), lambda i: i.provider),
        ]
        self.items_model: RecordTableModel[TrainingItem] = RecordTableModel(item_columns, self)
        self.items_table = _table(self, self.items_model, self.tr("Training courses"))
        completion_columns: list[RecordColumn[CompletionInfo]] = [
            date_column(self.tr("Completed"), lambda c: c.completed_on),
            RecordColumn(self.tr("Course"), lambda c: c.course_name),
            RecordColumn(self.tr("Valid until"), lambda c: format_date(c.expires_on, "–")),
            RecordColumn(self.tr("Provider"), lambda c: c.provider),
            RecordColumn(self.tr("Evidence"), lambda c: c.evidence.replace("\n", " ")),
        ]
        self.completions_model: RecordTableModel[CompletionInfo] = RecordTableModel(
            completion_columns, self
        )
        self.completions_table = _table(
            self, self.completions_model, self.tr("Training completions on record")
        )
        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        header.addWidget(self.delete_button)
        header.addWidget(self.record_button)
        history = QLabel(self.tr("Every completion on record"), self)
        history.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE * 2, SPACE * 2, SPACE * 2, SPACE)
        layout.setSpacing(SPACE)
        layout.addLayout(header)
        layout.addWidget(self.items_table, 3)
        layout.addWidget(history)
        layout.addWidget(self.completions_table, 2)

    def show_for(self, db: Database, staff_id: int, team_id: int, today: dt.date) -> None:
        self._db, self._staff_id, self._team_id, self._today = db, staff_id, team_id, today
        self.reload()

    def reload(self) -> None:
        if self._db is None or self._staff_id is None:
            return
        db, staff_id, today = self._db, self._staff_id, self._today
        self._tasks.run(
            lambda: load_training(db, staff_id, today),
            on_result=self._show,
            key="person-training",
        )

    def _show(self, data: PersonTraining) -> None:
        self.items_model.set_records(data.items)
        self.completions_model.set_records(data.completions)
        for table in (self.items_table, self.completions_table):
            table.resizeColumnsToContents()
        required = [i for i in data.items if i.required]
        counts = {state: sum(1 for i in required if i.state is state) for state in TrainingState}
        parts = [
            self.tr("{n} expired").format(n=counts[TrainingState.EXPIRED]),
            self.tr("{n} missing").format(n=counts[TrainingState.MISSING]),
            self.tr("{n} expiring").format(n=counts[TrainingState.EXPIRING]),
        ]
        self.summary.setText(
            self.tr("Mandatory: {count} courses — {parts}").format(
                count=len(required), parts=", ".join(parts)
            )
        )
        self.loaded.emit()

    def record_training(self) -> None:
        if self._db is None or self._staff_id is None:
            return
        from wellbeing_desktop.ui.forms.record_training import RecordTrainingDialog

        chosen = self.items_table.currentIndex()
        item = chosen.data(RECORD_ROLE) if chosen.isValid() else None
        dialog = RecordTrainingDialog(
            self._db,
            parent=self,
            today=self._today,
            team_id=self._team_id,
            course_id=item.course_id if isinstance(item, TrainingItem) else None,
            staff_ids=[self._staff_id],
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._changed)
        dialog.open()

    def remove_completion(self) -> None:
        index = self.completions_table.currentIndex()
        record = index.data(RECORD_ROLE) if index.isValid() else None
        if not isinstance(record, CompletionInfo) or self._db is None:
            self.delete_button.setToolTip(self.tr("Choose a completion in the list first"))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove completion"),
            self.tr("Remove “{course}” completed on {date}? Only do this for a mistake.").format(
                course=record.course_name, date=format_date(record.completed_on)
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from wellbeing_desktop.services.training import delete_completion

        delete_completion(self._db, record.id)
        self._changed()

    def _changed(self) -> None:
        self.reload()
        self.changed.emit()
