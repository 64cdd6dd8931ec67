"""Choosing who attended: a search box over a list of people with check boxes.

Keyboard: type part of a name and press Enter to tick the first match (for a group,
type the next name); Down moves into the list, where Space ticks and unticks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QVBoxLayout, QWidget

from wellbeing_desktop.ui.forms.fields import note_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    detail: str  # job title, shown after the name
    team: str = ""  # in the tooltip, to tell people with the same name apart


class AttendeePicker(QWidget):
    changed = Signal()

    def __init__(self, people: Sequence[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._single = False
        self._updating = False
        self._names = {p.id: p.name for p in people}
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type a name, then press Enter to tick it"))
        self.search.setAccessibleName(self.tr("Find a person who attended"))
        self.search.setClearButtonEnabled(True)
        self.model = QStandardItemModel(self)
        for person in people:
            item = QStandardItem(
                f"{person.name}  ·  {person.detail}" if person.detail else person.name
            )
            item.setToolTip(" · ".join(p for p in (person.detail, person.team) if p))
            item.setData(person.id, ID_ROLE)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(person.name, Qt.ItemDataRole.AccessibleTextRole)
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName(self.tr("People who attended"))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSpacing(1)
        self.list.setMinimumHeight(self.fontMetrics().lineSpacing() * 6)
        self.chosen = note_label()
        self.chosen.setAccessibleName(self.tr("Chosen attendees"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.chosen)
        self.setFocusProxy(self.search)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.search.textChanged.connect(self._select_first)
        self.search.returnPressed.connect(self._tick_first_match)
        self.search.installEventFilter(self)
        self.model.itemChanged.connect(self._item_changed)
        self._show_chosen()

    # ---- public ---------------------------------------------------------------------

    def set_single(self, single: bool) -> None:
        """One person only (one-to-one): ticking someone unticks the others."""
        self._single = single

    def checked_ids(self) -> list[int]:
        return [
            int(item.data(ID_ROLE))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        self._updating = True
        try:
            for item in self._items():
                checked = int(item.data(ID_ROLE)) in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self._updating = False
        self._show_chosen()
        self.changed.emit()

    def name_of(self, staff_id: int) -> str:
        return self._names.get(staff_id, "")

    # ---- behaviour ------------------------------------------------------------------

    def _items(self) -> list[QStandardItem]:
        return [self.model.item(row) for row in range(self.model.rowCount())]

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _tick_first_match(self) -> None:
        if not self.search.text().strip() or not self.proxy.rowCount():
            return
        current = self.list.currentIndex()
        index = current if current.isValid() else self.proxy.index(0, 0)
        item = self.model.itemFromIndex(self.proxy.mapToSource(index))
        item.setCheckState(Qt.CheckState.Checked)
        self.search.clear()

    def _item_changed(self, item: QStandardItem) -> None:
        if self._updating:
            return
        if self._single and item.checkState() == Qt.CheckState.Checked:
            self._updating = True
            try:
                for other in self._items():
                    if other is not item and other.checkState() != Qt.CheckState.Unchecked:
                        other.setCheckState(Qt.CheckState.Unchecked)
            finally:
                self._updating = False
        self._show_chosen()
        self.changed.emit()

    def _show_chosen(self) -> None:
        names = [self._names.get(i, "") for i in self.checked_ids()]
        if names:
            self.chosen.setText(self.tr("Chosen: %1").replace("%1", ", ".join(names)))
        else:
            self.chosen.setText(self.tr("Nobody chosen yet."))
        self.list.setAccessibleDescription(self.chosen.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.proxy.rowCount():
                self.list.setFocus(Qt.FocusReason.OtherFocusReason)
                if not self.list.currentIndex().isValid():
                    self._select_first()
                return True
        return super().eventFilter(watched, event)
