"""Update caseloads: the whole team's figures in one grid, saved in one transaction.

Keyboard: the grid opens in the first person's 'New figure'. Type a number and press
Enter to move down to the next person, or Tab to reach the note and then the next
person. The status beside each figure is recomputed as you type.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import caseloads, people
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.caseload_grid_model import (
    EDITABLE,
    STATUS_ROLE,
    CaseloadGridModel,
    Column,
)
from wellbeing_desktop.ui.forms.fields import (
    DateEdit,
    Field,
    fit_to_screen,
    heading,
    note_label,
    to_qdate,
)
from wellbeing_desktop.ui.widgets.status import StatusDelegate

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

Index = QModelIndex | QPersistentModelIndex


class LiveDelegate(QStyledItemDelegate):
    """Line editors that hand every keystroke to the model, so status updates as typed."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() == Column.NEW:
            editor.setMaxLength(7)
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            editor.setAccessibleName(self.tr("New figure for %1").replace("%1", _name(index)))
        else:
            editor.setAccessibleName(self.tr("Note for %1").replace("%1", _name(index)))
        editor.textEdited.connect(lambda _text: self.commitData.emit(editor))
        return editor

    # Set when Enter is pressed in an editor, so the table moves down once it closes
    # (an editor closed by clicking elsewhere closes the same way, but must not move).
    moving_down = False

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            self.moving_down = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        return super().eventFilter(editor, event)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if editor.text() != text:  # keep the cursor where it is while typing
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


def _name(index: Index) -> str:
    return str(index.model().index(index.row(), Column.NAME).data() or "")


class CaseloadTable(QTableView):
    """A table where Tab visits only the cells you can type in and Enter moves down."""

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        action = QAbstractItemView.CursorAction
        if cursorAction in (action.MoveNext, action.MovePrevious):
            model = self.model()
            cells = [(r, c) for r in range(model.rowCount()) for c in EDITABLE]
            current = self.currentIndex()
            here = (current.row(), current.column())
            if cursorAction == action.MoveNext:
                later = [cell for cell in cells if cell > here]
                target = later[0] if later else None
            else:
                earlier = [cell for cell in cells if cell < here]
                target = earlier[-1] if earlier else None
            return model.index(*target) if target else QModelIndex()
        return super().moveCursor(cursorAction, modifiers)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        delegate = self.itemDelegate()
        enter = isinstance(delegate, LiveDelegate) and delegate.moving_down
        if isinstance(delegate, LiveDelegate):
            delegate.moving_down = False
        super().closeEditor(editor, hint)
        if enter and hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            current = self.currentIndex()
            below = current.siblingAtRow(current.row() + 1)
            if below.isValid():
                self.setCurrentIndex(below)


class CaseloadGrid(FormDialog):
    def __init__(
        self,
        db: Database,
        team_id: int | None = None,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.team_id = team_id
        staff = people.list_staff(db, team_id, today=self.today)
        roles = {role.id: role for role in people.list_roles(db)}
        latest = caseloads.latest_caseloads(db, [s.id for s in staff], on=self.today)
        self.model = CaseloadGridModel(
            staff, roles, latest, recorded_on=self.today, today=self.today, parent=self
        )
        team_name = next((t.name for t in people.list_teams(db) if t.id == team_id), "")
        title = self.tr("Update caseloads")
        self.set_title(f"{title}: {team_name}" if team_name else title)
        self._build(team_name)
        self.model.dataChanged.connect(self._update_summary)
        self._update_summary()

    def _build(self, team_name: str) -> None:
        self.recorded_on = DateEdit(self.tr("Date of these figures"))
        self.recorded_on.setMaximumDate(to_qdate(self.today))
        self.recorded_on.set_value(self.today)
        self.recorded_on.dateChanged.connect(
            lambda: self.model.set_recorded_on(self.recorded_on.value() or self.today)
        )
        date_field = Field(self.tr("&Date of these figures"), self.recorded_on)
        self.errors.register("recorded_on", self.recorded_on, date_field.error)

        self.table = CaseloadTable()
        self.table.setModel(self.model)
        self.table.setItemDelegate(LiveDelegate(self.table))
        self.table.setItemDelegateForColumn(Column.STATUS, StatusDelegate(STATUS_ROLE, self.table))
        self.table.setAccessibleName(self.tr("Caseload figures for the team"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setColumnHidden(Column.TEAM, self.team_id is not None)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.NOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.ROLE, QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        self.table.setColumnWidth(Column.ROLE, self.fontMetrics().averageCharWidth() * 22)
        self.table.setColumnWidth(Column.NEW, self.fontMetrics().averageCharWidth() * 12)
        self.errors.register("open_cases", self.table, self.form_error)
        self.errors.register("note", self.table, self.form_error)

        self.summary = note_label()
        self.summary.setAccessibleName(self.tr("How many figures are typed"))
        explanation = note_label(
            self.tr(
                "Type each person's open cases in 'New figure' and press Enter to move down. "
                "Leave a figure empty to keep the last one. Status shows what the new figure "
                "means against the person's safe limit (adjusted for FTE and protections)."
            )
        )
        self.make_save_cancel_buttons(
            self.tr("Save all figures"), save_tip=self.tr("Save every figure typed (Ctrl+S)")
        )

        top = QHBoxLayout()
        top.addWidget(date_field)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle()))
        layout.addWidget(explanation)
        layout.addLayout(top)
        if not self.model.rows:
            empty = note_label(
                self.tr("Nobody is in this team yet. Add people in Settings, under Staff.")
            )
            layout.addWidget(empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.recorded_on, self.table)
        QWidget.setTabOrder(self.table, self.save_button)
        QWidget.setTabOrder(self.save_button, self.cancel_button)
        fit_to_screen(self, 1100, 680)
        self._started = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started and self.model.rows:
            # Open in the first person's new figure, ready to type (editors open only
            # once the table is on screen).
            self._started = True
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            self.table.setCurrentIndex(self.model.index(0, Column.NEW))

    def _update_summary(self) -> None:
        typed = self.model.typed_count()
        self.summary.setText(
            self.tr("New figures typed: %1 of %2.")
            .replace("%1", str(typed))
            .replace("%2", str(len(self.model.rows)))
        )

    def commit(self) -> None:
        editor_index = self.table.currentIndex()
        self.table.setCurrentIndex(QModelIndex())  # finish the edit in progress
        entries, error_row = self.model.entries()
        if error_row is not None:
            row = self.model.rows[error_row]
            assert row.error is not None
            self._focus_cell(error_row, Column.NEW)
            raise ValidationError(
                row.error.field,
                self.tr("%1: %2").replace("%1", row.staff.name).replace("%2", row.error.message),
            )
        if not entries:
            if editor_index.isValid():
                self.table.setCurrentIndex(editor_index)
            raise ValidationError("open_cases", self.tr("Type at least one new figure to save."))
        caseloads.record_caseloads(self.db, entries)
        self._saved_count = len(entries)

    def _focus_cell(self, row: int, column: Column) -> None:
        self.table.setCurrentIndex(self.model.index(row, column))

    def is_dirty(self) -> bool:
        return self.model.typed_count() > 0

    def save_button_text(self) -> str:
        return self.tr("&Save all figures")
