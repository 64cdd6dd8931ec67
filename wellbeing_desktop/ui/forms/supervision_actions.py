"""The supervision form's two action lists: the actions agreed in this session (text,
owner, due date, and the development-plan objective it serves, when the supervisees
have open objectives) and the open actions carried forward from earlier sessions.

Keyboard: Enter in an action's text adds the next row; Ctrl+Delete removes the row
you are in; Tab runs text → owner → due date → Remove along each row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services.supervision import ActionDraft, ActionInfo
from wellbeing_desktop.ui.forms.fields import OptionalDateEdit, combo_box, format_date, note_label

# Owner keys: 'staff:<id>' for someone on the staff list, 'supervisor' for whoever the
# form names as supervisor (resolved when saving, so editing that name never leaves a
# stale owner), and 'name:<text>' for anyone else named on an earlier record.
OwnerOption = tuple[str, str]
SUPERVISOR = "supervisor"


def owner_key(staff_id: int | None, name: str, supervisor: tuple[int | None, str]) -> str:
    """The owner key for a saved action's owner."""
    if staff_id is not None:
        return SUPERVISOR if staff_id == supervisor[0] else f"staff:{staff_id}"
    if name and name == supervisor[1]:
        return SUPERVISOR
    return f"name:{name}" if name else ""


@dataclass
class _Row:
    container: list[QWidget]
    number: QLabel
    text: QLineEdit
    owner: QComboBox
    due: OptionalDateEdit
    done: QCheckBox
    remove: QPushButton
    objective: QComboBox
    action_id: int | None = None


class ActionsEditor(QWidget):
    changed = Signal()
    rows_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._options: list[OwnerOption] = []
        # The supervisees' open objectives an action may serve: (objective id, words).
        self._objectives: list[tuple[int, str]] = []
        # Objectives linked on a saved record but no longer open: still shown, still kept.
        self._linked_labels: dict[int, str] = {}
        self._default_owner = ""
        self._rows: list[_Row] = []
        self.due_fallback: Callable[[], dt.date] = dt.date.today
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(1, 5)
        self.grid.setColumnStretch(2, 2)
        self.add_button = QPushButton(self.tr("Add a&nother action"))
        self.add_button.setAccessibleName(self.tr("Add another action"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        hint = note_label(
            self.tr("Enter in an action adds the next one; Ctrl+Delete removes the current one.")
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addLayout(buttons)
        remove = QShortcut(QKeySequence("Ctrl+Delete"), self)
        remove.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        remove.activated.connect(self._remove_focused)
        self.add_row(focus=False)

    # ---- owners --------------------------------------------------------------------

    def set_owner_options(self, options: Sequence[OwnerOption], default: str) -> None:
        """Who may own an action. Rows keep their owner if it is still offered."""
        self._options = list(options)
        self._default_owner = default
        for row in self._rows:
            current = row.owner.currentData() or default
            self._fill_owner(row.owner, current)

    def _fill_owner(self, combo: QComboBox, key: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        for option_key, label in self._options:
            combo.addItem(label, option_key)
        index = combo.findData(key)
        if index < 0 and key.startswith("name:") and key[5:]:
            combo.addItem(key[5:], key)
            index = combo.count() - 1
        combo.setCurrentIndex(max(index, 0) if combo.count() else -1)
        combo.blockSignals(False)

    # ---- objectives ----------------------------------------------------------------

    def set_objective_options(
        self, options: Sequence[tuple[int, str]], keep: Collection[int] = ()
    ) -> None:
        """The objectives an action may be linked to. Rows keep their objective if it is
        still offered or in ``keep`` (a saved link to an objective the attendees own
        that is no longer open); any other link is dropped, since the session could not
        be saved with it. The column shows while there are objectives or links."""
        self._objectives = list(options)
        allowed = {option_id for option_id, _ in self._objectives} | set(keep)
        for row in self._rows:
            current = row.objective.currentData()
            self._fill_objective(row.objective, current if current in allowed else None)
        self._relayout()

    def linked_objective_ids(self) -> set[int]:
        """The objectives the rows are linked to now."""
        return {
            int(row.objective.currentData())
            for row in self._rows
            if row.objective.currentData() is not None
        }

    def _linking(self) -> bool:
        """Whether the objective column shows: objectives to offer, or a row linked."""
        return bool(self._objectives) or bool(self.linked_objective_ids())

    def _objective_changed(self) -> None:
        # Unlinking the last row when nothing is offered hides the column again.
        if not self._objectives and not self.linked_objective_ids():
            self._relayout()

    def _fill_objective(self, combo: QComboBox, objective_id: int | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("No objective"), None)
        for option_id, label in self._objectives:
            combo.addItem(label, option_id)
            combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        if objective_id is not None and combo.findData(objective_id) < 0:
            label = self._linked_labels.get(objective_id, self.tr("An objective no longer open"))
            combo.addItem(label, objective_id)
        index = combo.findData(objective_id) if objective_id is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.setToolTip(combo.currentText() if index > 0 else "")
        combo.blockSignals(False)

    # ---- rows ----------------------------------------------------------------------

    def add_row(
        self,
        draft: ActionDraft | None = None,
        *,
        focus: bool = True,
        after: _Row | None = None,
        owner: str | None = None,
    ) -> None:
        """Add a row (after ``after``, or at the end); ``owner`` is an owner key."""
        number = QLabel()
        text = QLineEdit()
        text.setPlaceholderText(self.tr("What was agreed"))
        owner_box = combo_box()
        owner_box.setMinimumContentsLength(22)
        due = OptionalDateEdit("", fallback=self.due_fallback())
        done = QCheckBox(self.tr("Done"))
        remove = QPushButton(self.tr("Remove"))
        remove.setAutoDefault(False)
        objective = combo_box()
        objective.setMinimumContentsLength(10)
        row = _Row(
            [number, text, owner_box, due, objective, done, remove],
            number,
            text,
            owner_box,
            due,
            done,
            remove,
            objective,
        )
        self._fill_owner(owner_box, owner or self._default_owner)
        self._fill_objective(objective, draft.objective_id if draft is not None else None)
        if draft is not None:
            text.setText(draft.text)
            due.set_value(draft.due_on if isinstance(draft.due_on, dt.date) else None)
            done.setChecked(draft.done)
            row.action_id = draft.id
        done.setVisible(row.action_id is not None)  # only actions already saved can be done
        text.returnPressed.connect(lambda: self._enter_pressed(row))
        text.textChanged.connect(self.changed)
        owner_box.currentIndexChanged.connect(self.changed)
        due.dateChanged.connect(self.changed)
        done.toggled.connect(self.changed)
        objective.currentIndexChanged.connect(self.changed)
        objective.currentIndexChanged.connect(self._objective_changed)
        objective.currentIndexChanged.connect(
            lambda: objective.setToolTip(objective.currentText() if objective.currentData() else "")
        )
        remove.clicked.connect(lambda: self.remove_row(row))
        position = self._rows.index(after) + 1 if after in self._rows else len(self._rows)
        self._rows.insert(position, row)
        self._relayout()
        for widget in row.container:
            # A widget added to a shown layout appears only on the next event-loop pass;
            # show it now so it can take the focus at once.
            if widget is done:
                widget.setVisible(row.action_id is not None)
            elif widget is objective:
                widget.setVisible(self._linking())
            else:
                widget.show()
        if focus:
            text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def remove_row(self, row: _Row) -> None:
        position = self._rows.index(row)
        self._rows.remove(row)
        for widget in row.container:
            widget.hide()
            widget.deleteLater()
        if not self._rows:
            self.add_row(focus=False)
        self._relayout()
        target = self._rows[min(position, len(self._rows) - 1)]
        target.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def clear_rows(self) -> None:
        for row in self._rows:
            for widget in row.container:
                widget.hide()
                widget.deleteLater()
        self._rows = []

    def _enter_pressed(self, row: _Row) -> None:
        if row.text.text().strip():
            self.add_row(focus=True, after=row)

    def _remove_focused(self) -> None:
        focused = self.focusWidget()
        for row in self._rows:
            if focused in row.container:
                self.remove_row(row)
                return

    def _relayout(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        headers = (
            self.tr("Action"),
            self.tr("Owner"),
            self.tr("Due by"),
            self.tr("Serves objective"),
        )
        linking = self._linking()
        for column, title in enumerate(headers, start=1):
            label = self.findChild(QLabel, f"actions-header-{column}")
            if label is None:
                label = QLabel(f"<b>{title}</b>", self)
                label.setObjectName(f"actions-header-{column}")
            self.grid.addWidget(label, 0, column)
            if column == 4:
                label.setVisible(linking)
        for index, row in enumerate(self._rows, start=1):
            row.number.setText(f"{index}.")
            row.text.setAccessibleName(self.tr("Action %1").replace("%1", str(index)))
            row.owner.setAccessibleName(self.tr("Owner of action %1").replace("%1", str(index)))
            row.due.setAccessibleName(self.tr("Due date of action %1").replace("%1", str(index)))
            row.done.setAccessibleName(self.tr("Action %1 done").replace("%1", str(index)))
            row.remove.setAccessibleName(self.tr("Remove action %1").replace("%1", str(index)))
            row.objective.setAccessibleName(
                self.tr("Objective action %1 serves").replace("%1", str(index))
            )
            row.objective.setVisible(linking)
            # Room for the action's words when the objective column is shown too.
            row.owner.setMinimumContentsLength(14 if linking else 22)
            for column, widget in enumerate(row.container):
                self.grid.addWidget(widget, index, column)
        self.rows_changed.emit()

    # ---- values --------------------------------------------------------------------

    def tab_widgets(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for row in self._rows:
            chain += [row.text, row.owner, row.due]
            if self._linking():
                chain.append(row.objective)
            if row.action_id is not None:
                chain.append(row.done)
            chain.append(row.remove)
        return [*chain, self.add_button]

    def first_field(self) -> QWidget:
        return self._rows[0].text

    def drafts(
        self, names: dict[int, str], supervisor: tuple[int | None, str]
    ) -> list[ActionDraft]:
        """The rows as drafts; ``supervisor`` is who the 'supervisor' owner stands for."""
        result = []
        for row in self._rows:
            key = row.owner.currentData() or ""
            if key == SUPERVISOR:
                staff_id, name = supervisor
            elif key.startswith("staff:"):
                staff_id = int(key[6:])
                name = names.get(staff_id, "")
            else:
                staff_id, name = None, key[5:]
            result.append(
                ActionDraft(
                    text=row.text.text(),
                    owner_staff_id=staff_id,
                    owner_name=name,
                    due_on=row.due.value(),
                    done=row.done.isChecked(),
                    id=row.action_id,
                    objective_id=row.objective.currentData(),
                )
            )
        return result

    def state(self) -> list[dict[str, Any]]:
        rows = []
        for row in self._rows:
            due = row.due.value()
            rows.append(
                {
                    "id": row.action_id,
                    "text": row.text.text(),
                    "owner": row.owner.currentData() or "",
                    "due": due.isoformat() if due else None,
                    "done": row.done.isChecked(),
                    "objective": row.objective.currentData(),
                }
            )
        return rows

    def set_state(self, rows: Sequence[dict[str, Any]]) -> None:
        self.clear_rows()
        for item in rows:
            if item.get("objective") is not None and item.get("objective_text"):
                self._linked_labels[int(item["objective"])] = str(item["objective_text"])
            due = item.get("due")
            self.add_row(
                ActionDraft(
                    text=str(item.get("text") or ""),
                    due_on=dt.date.fromisoformat(due) if due else None,
                    done=bool(item.get("done")),
                    id=item.get("id"),
                    objective_id=item.get("objective"),
                ),
                focus=False,
                owner=str(item.get("owner") or ""),
            )
        if not self._rows:
            self.add_row(focus=False)


class ReviewList(QWidget):
    """Open actions from earlier sessions: tick the ones now done."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._boxes: dict[int, QCheckBox] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.empty = note_label(self.tr("No open actions from earlier sessions."))
        self._layout.addWidget(self.empty)

    def set_actions(
        self, actions: Sequence[ActionInfo], names: dict[int, str], today: dt.date
    ) -> None:
        previous = self.state()
        for box in self._boxes.values():
            box.hide()
            box.deleteLater()
        for label in self.findChildren(QLabel, "review-detail"):
            label.hide()
            label.deleteLater()
        self._boxes = {}
        for action in actions:
            box = QCheckBox(action.text)
            box.setAccessibleName(self.tr("Done: %1").replace("%1", action.text))
            box.setChecked(previous.get(action.id, False))
            box.toggled.connect(self.changed)
            owner = names.get(action.owner_staff_id or -1, action.owner_name)
            parts = [owner] if owner else []
            if action.due_on is not None:
                due = self.tr("due %1").replace("%1", format_date(action.due_on))
                if action.overdue_on(today):
                    due += " " + self.tr("(overdue)")
                parts.append(due)
            detail = note_label(" · ".join(parts))
            detail.setObjectName("review-detail")
            detail.setIndent(24)
            box.setAccessibleDescription(detail.text())
            self._layout.addWidget(box)
            self._layout.addWidget(detail)
            self._boxes[action.id] = box
        self.empty.setVisible(not actions)

    def state(self) -> dict[int, bool]:
        return {action_id: box.isChecked() for action_id, box in self._boxes.items()}

    def set_state(self, done: dict[int, bool]) -> None:
        for action_id, box in self._boxes.items():
            box.setChecked(bool(done.get(action_id, False)))

    def tab_widgets(self) -> list[QWidget]:
        return list(self._boxes.values())
