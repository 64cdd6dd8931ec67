"""The shape every list-and-editor settings page shares: a searchable list on the left,
the chosen record's fields on the right, saved through the services.

A page implements ``load_records``, ``columns``/``cells``, ``build_editor``, ``fill``,
``editor_state`` and ``save_record``; this class does the rest (selection, new, save,
errors beside fields, and asking before unsaved edits are lost).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.ui.forms.base import ask_about_unsaved_changes
from wellbeing_desktop.ui.forms.fields import ErrorLabel, Field, FieldErrors, heading, note_label

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SettingsPage(QWidget):
    """One page of the settings dialog."""

    changed = Signal()  # something was saved

    def __init__(self, db: Database, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.today = today

    def page_title(self) -> str:
        raise NotImplementedError

    def load(self) -> None:
        """Read what the page shows from the services."""

    def is_dirty(self) -> bool:
        return False

    def save(self) -> bool:
        return True

    def discard(self) -> None:
        """Forget unsaved edits."""

    def may_leave(self, asker: QWidget, save_text: str) -> bool:
        """Ask (from ``asker``, its Save button saying ``save_text``) before unsaved edits
        are lost: saved, discarded, or kept. True when it is fine to move on."""
        if not self.is_dirty():
            return True
        choice = ask_about_unsaved_changes(asker, save_text)
        if choice == QMessageBox.StandardButton.Save:
            return self.save()
        if choice == QMessageBox.StandardButton.Discard:
            self.discard()
            return True
        return False


class RecordPage(SettingsPage):
    # Long first columns (role and service names) take the spare width.
    stretch_first_column = False

    def __init__(self, db: Database, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(db, today, parent)
        self._records: dict[int, Any] = {}
        self.current_id: int | None = None
        self._baseline: tuple[object, ...] = ()
        self._reverting = False
        self.page_error = ErrorLabel()
        self.errors = FieldErrors(self.page_error)

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Type to filter the list"))
        self.search.setAccessibleName(self.tr("Filter the list"))
        self.model = QStandardItemModel(0, len(self.columns()), self)
        self.model.setHorizontalHeaderLabels(self.columns())
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.stretch_first_column:
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAccessibleName(self.list_name())
        self.new_button = QPushButton(self.new_text())
        self.new_button.setAccessibleName(self.new_text().replace("&", ""))
        self.new_button.setAutoDefault(False)

        list_side = QVBoxLayout()
        list_side.addWidget(self.search)
        self.filters = QHBoxLayout()
        list_side.addLayout(self.filters)
        list_side.addWidget(self.table, 1)
        list_side.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.editor_title = heading("", level=2)
        self.editor = QWidget()
        self.editor_layout = QVBoxLayout(self.editor)
        self.editor_layout.setContentsMargins(0, 0, 0, 0)
        self.editor_layout.setSpacing(8)
        self.build_editor(self.editor_layout)
        self.editor_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take the focus
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.editor)
        self.save_button = QPushButton(self.save_text())
        self.save_button.setObjectName("primary")  # the theme's main action
        self.save_button.setAccessibleName(self.save_text().replace("&", ""))
        self.save_button.setAutoDefault(False)
        self.saved_note = note_label()
        self.saved_note.setAccessibleName(self.tr("Save status"))
        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.save_button)
        self.button_row.addWidget(self.saved_note, 1)
        editor_side = QVBoxLayout()
        editor_side.addWidget(self.editor_title)
        editor_side.addWidget(scroll, 1)
        editor_side.addWidget(self.page_error)
        editor_side.addLayout(self.button_row)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(18)
        layout.addLayout(list_side, 4)
        layout.addLayout(editor_side, 5)

        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)

    # ---- for subclasses ------------------------------------------------------------

    def list_name(self) -> str:
        return self.page_title()

    def new_text(self) -> str:
        return self.tr("&New")

    def save_text(self) -> str:
        return self.tr("&Save")

    def columns(self) -> list[str]:
        raise NotImplementedError

    def load_records(self) -> Sequence[Any]:
        raise NotImplementedError

    def record_id(self, record: Any) -> int:
        return int(record.id)

    def cells(self, record: Any) -> list[str]:
        raise NotImplementedError

    def build_editor(self, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def fill(self, record: Any | None) -> None:
        """Show a record in the editor, or blank fields for a new one."""
        raise NotImplementedError

    def editor_state(self) -> tuple[object, ...]:
        raise NotImplementedError

    def save_record(self, record_id: int | None) -> int:
        """Save through the services and return the record's id."""
        raise NotImplementedError

    def editor_heading(self, record: Any | None) -> str:
        return str(getattr(record, "name", "")) if record else self.new_text().replace("&", "")

    def first_field(self) -> QWidget:
        return self.editor

    # ---- helpers for subclasses ----------------------------------------------------

    def add_field(self, name: str, field: Field, layout: QVBoxLayout | QHBoxLayout) -> Field:
        layout.addWidget(field)
        self.errors.register(name, field.control, field.error)
        return field

    @property
    def current(self) -> Any | None:
        return self._records.get(self.current_id) if self.current_id is not None else None

    # ---- behaviour -----------------------------------------------------------------

    def load(self) -> None:
        records = list(self.load_records())
        self._records = {self.record_id(r): r for r in records}
        self._reverting = True
        try:
            self.model.removeRows(0, self.model.rowCount())
            for record in records:
                items = [QStandardItem(text) for text in self.cells(record)]
                items[0].setData(self.record_id(record), ID_ROLE)
                for item in items:
                    item.setEditable(False)
                    item.setToolTip(item.text())  # in full, where the column elides it
                self.model.appendRow(items)
        finally:
            self._reverting = False
        if self.current_id not in self._records:
            self.current_id = self.record_id(records[0]) if records else None
        self._select(self.current_id)
        self._show(self.current)

    def _select(self, record_id: int | None) -> None:
        self._reverting = True
        try:
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(ID_ROLE) == record_id:
                    self.table.selectionModel().setCurrentIndex(
                        index,
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    return
            self.table.selectionModel().clearSelection()
        finally:
            self._reverting = False

    def _show(self, record: Any | None) -> None:
        self.errors.clear()
        self.fill(record)
        self.editor_title.setText(self.editor_heading(record))
        self._baseline = self.editor_state()

    def _row_changed(self) -> None:
        if self._reverting:
            return
        index = self.table.currentIndex()
        if not index.isValid():
            return  # filtered out of view: keep editing it
        wanted = index.siblingAtColumn(0).data(ID_ROLE)
        if wanted == self.current_id:
            return
        if not self._may_leave():
            self._select(self.current_id)
            return
        self.current_id = wanted
        self.saved_note.clear()
        self._show(self.current)

    def start_new(self) -> None:
        if not self._may_leave():
            return
        self.current_id = None
        self._select(None)
        self.saved_note.clear()
        self._show(None)
        self.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def _may_leave(self) -> bool:
        return self.may_leave(self, self.save_text())

    def is_dirty(self) -> bool:
        return self.editor_state() != self._baseline

    def discard(self) -> None:
        self._show(self.current)

    def save(self) -> bool:
        self.errors.clear()
        try:
            self.current_id = self.save_record(self.current_id)
        except WellbeingError as error:
            self.errors.show_error(error)
            return False
        self.load()
        self.saved_note.setText(self.tr("✓ Saved."))
        self.changed.emit()
        return True
