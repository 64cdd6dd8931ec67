"""A workload review: what was agreed when someone's caseload was over the limit (or
approaching it for too long), who agreed it, and when it will be looked at again.

The dialog opens on the person's open review if they have one, or a new one. From it
the plan's reallocations can be applied (after a confirmation naming the counts) and the
review closed with its outcome. Every rule is in ``services/workload_reviews.py``; the
dialog collects and shows.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.errors import ValidationError, WellbeingError
from wellbeing_desktop.services import workload_reviews as wr
from wellbeing_desktop.services.workload import TRIGGERS
from wellbeing_desktop.ui.forms.base import FormDialog, SaveCancelled
from wellbeing_desktop.ui.forms.fields import (
    NOTE_COLOUR,
    STATUS_COLOURS,
    DateEdit,
    ErrorLabel,
    Field,
    FieldErrors,
    OptionalDateEdit,
    combo_box,
    fit_to_screen,
    format_date,
    heading,
    note_label,
    set_tab_order,
    text_box,
    to_qdate,
    vocab,
)
from wellbeing_desktop.ui.models.format import service_text

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

DEFAULT_REVIEW_AFTER = dt.timedelta(days=14)


def _format_number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class ReallocationRow(QWidget):
    """One line of the plan: who takes how many cases. Applied lines are read-only."""

    remove_requested = Signal(object)

    def __init__(
        self,
        colleagues: tuple[wr.Colleague, ...],
        number: int,
        move: wr.ReallocationInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.move_id = move.id if move is not None else None
        self.applied_on = move.applied_on if move is not None else None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.person = combo_box()
        self.person.setMinimumContentsLength(22)
        self.person.setAccessibleName(
            self.tr("Colleague taking cases, row %1").replace("%1", str(number))
        )
        self.person.addItem(self.tr("Choose a colleague…"), None)
        for colleague in colleagues:
            if colleague.open_cases is None:
                detail = self.tr("no caseload recorded")
            else:
                detail = self.tr("{cases} of {limit}").format(
                    cases=colleague.open_cases, limit=_format_number(colleague.limit)
                )
            self.person.addItem(f"{colleague.name} ({detail})", colleague.staff_id)
        if move is not None and move.to_staff_id is not None:
            index = self.person.findData(move.to_staff_id)
            if index < 0:  # moved team since: still shown
                self.person.addItem(move.to_name, move.to_staff_id)
                index = self.person.count() - 1
            self.person.setCurrentIndex(index)
        self.cases = QSpinBox()
        self.cases.setRange(1, 10_000)
        self.cases.setValue(move.cases if move is not None else 1)
        self.cases.setMinimumWidth(self.cases.fontMetrics().horizontalAdvance("0") * 8)
        self.cases.setAccessibleName(self.tr("Cases to move, row %1").replace("%1", str(number)))
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setAccessibleName(self.tr("Remove row %1").replace("%1", str(number)))
        self.remove.setAutoDefault(False)
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.state = QLabel()
        self.state.setObjectName("muted")
        layout.addWidget(self.person, 1)
        layout.addWidget(self.cases)
        unit = QLabel()
        self.cases.valueChanged.connect(
            lambda n: unit.setText(self.tr("case") if n == 1 else self.tr("cases"))
        )
        unit.setText(self.tr("case") if self.cases.value() == 1 else self.tr("cases"))
        self.unit = unit
        layout.addWidget(unit)
        layout.addWidget(self.state)
        layout.addWidget(self.remove)
        if self.applied_on is not None:
            for widget in (self.person, self.cases, self.remove):
                widget.setEnabled(False)
            self.remove.hide()
            self.state.setText(self.tr("✓ Applied %1").replace("%1", format_date(self.applied_on)))
        else:
            self.state.hide()

    def draft(self) -> wr.ReallocationDraft:
        return wr.ReallocationDraft(self.person.currentData(), self.cases.value(), self.move_id)

    def state_key(self) -> tuple[object, ...]:
        return (self.person.currentData(), self.cases.value(), self.move_id)


class CloseReviewDialog(QDialog):
    """The outcome of a review and the day it closed."""

    def __init__(self, today: dt.date, agreed_on: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Close the workload review"))
        self.setAccessibleName(self.windowTitle())
        self.closed_on = DateEdit(self.tr("Closed on"))
        self.closed_on.setMinimumDate(to_qdate(agreed_on))
        self.closed_on.setMaximumDate(to_qdate(today))
        self.closed_on.set_value(today)
        self.outcome = text_box(
            self.tr("Outcome"),
            self.tr("What happened: cases moved, caseload now, what carries on, what was learned"),
            lines=4,
        )
        date_field = Field(self.tr("Closed &on"), self.closed_on)
        outcome_field = Field(self.tr("&Outcome"), self.outcome)
        self.form_error = ErrorLabel()
        self.errors = FieldErrors(self.form_error)
        self.errors.register("closed_on", self.closed_on, date_field.error)
        self.errors.register("outcome", self.outcome, outcome_field.error)
        self.close_button = QPushButton(self.tr("Close &review"))
        self.close_button.setObjectName("primary")
        self.close_button.setAccessibleName(self.tr("Close the review"))
        self.close_button.setAutoDefault(False)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        cancel.setAutoDefault(False)
        self.close_button.clicked.connect(self._check)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self._check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                self.tr(
                    "Closing ends the plan. If the caseload is still over the limit, the "
                    "dashboard asks for a new plan."
                )
            )
        )
        layout.addWidget(date_field)
        layout.addWidget(outcome_field, 1)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        self.outcome.setFocus(Qt.FocusReason.OtherFocusReason)
        fit_to_screen(self, 520, 340)

    def _check(self) -> None:
        self.errors.clear()
        if not self.outcome.toPlainText().strip():
            self.errors.show(ValidationError("outcome", self.tr("Outcome is required.")))
            return
        self.accept()


class WorkloadReviewDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        staff_id: int,
        review_id: int | None = None,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.staff_id = staff_id
        self.context = wr.review_context(db, staff_id, review_id, today=self.today)
        self.review: wr.ReviewRecord | None = self.context.review
        self.rows: list[ReallocationRow] = []
        self.set_title(self.tr("Workload review: %1").replace("%1", self.context.name))
        self._build()
        self._fill()

    # ---- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.situation = QLabel()
        self.situation.setWordWrap(True)
        self.situation.setObjectName("situation")
        self.situation.setAccessibleName(self.tr("Caseload and plan now"))
        self.situation.setTextFormat(Qt.TextFormat.PlainText)

        self.trigger = combo_box()
        self.trigger.setAccessibleName(self.tr("What led to the review"))
        for key, label in TRIGGERS.items():
            self.trigger.addItem(vocab(label), key)
        trigger_field = Field(self.tr("&What led to it"), self.trigger)
        self.agreed_on = DateEdit(self.tr("Agreed on"))
        self.agreed_on.setMaximumDate(to_qdate(self.today))
        agreed_on_field = Field(self.tr("A&greed on"), self.agreed_on)
        self.agreed_by = QLineEdit()
        self.agreed_by.setAccessibleName(self.tr("Agreed by"))
        self.agreed_by.setPlaceholderText(self.tr("e.g. the manager and the person"))
        agreed_by_field = Field(self.tr("Agreed &by"), self.agreed_by)
        self.review_on = DateEdit(self.tr("Review date"))
        review_on_field = Field(
            self.tr("Re&view on"), self.review_on, note=self.tr("When you will look at it again")
        )
        self.pause_until = OptionalDateEdit(
            self.tr("No new cases until"), fallback=self.today + DEFAULT_REVIEW_AFTER
        )
        pause_field = Field(
            self.tr("No new cases &until"),
            self.pause_until,
            note=self.tr("Optional. Delete clears it."),
        )
        for key, widget, field in (
            ("trigger", self.trigger, trigger_field),
            ("agreed_on", self.agreed_on, agreed_on_field),
            ("agreed_by", self.agreed_by, agreed_by_field),
            ("review_on", self.review_on, review_on_field),
            ("pause_until", self.pause_until, pause_field),
        ):
            self.errors.register(key, widget, field.error)
        top = QGridLayout()
        top.setHorizontalSpacing(16)
        top.setVerticalSpacing(8)
        top_left = Qt.AlignmentFlag.AlignTop
        top.addWidget(trigger_field, 0, 0, top_left)
        top.addWidget(agreed_by_field, 0, 1, 1, 2, top_left)
        top.addWidget(agreed_on_field, 1, 0, top_left)
        top.addWidget(review_on_field, 1, 1, top_left)
        top.addWidget(pause_field, 1, 2, top_left)
        for column in range(3):
            top.setColumnStretch(column, 1)

        self.extra_supervision = QCheckBox(self.tr("E&xtra supervision"))
        self.reduced_complexity = QCheckBox(self.tr("Reduced &complexity"))
        self.extra_supervision.setAccessibleName(self.tr("Extra supervision"))
        self.reduced_complexity.setAccessibleName(self.tr("Reduced complexity"))
        self.other_action = text_box(
            self.tr("Other action"), self.tr("Anything else agreed (optional)"), lines=2
        )
        other_field = Field(self.tr("&Other action"), self.other_action)
        self.actions_error = ErrorLabel()
        self.errors.register("actions", self.extra_supervision, self.actions_error)
        self.errors.register("other_action", self.other_action, other_field.error)
        agreed_box = QFrame()
        agreed_box.setFrameShape(QFrame.Shape.StyledPanel)
        agreed_layout = QVBoxLayout(agreed_box)
        agreed_layout.addWidget(heading(self.tr("What was agreed"), level=2))
        ticks = QHBoxLayout()
        ticks.addWidget(self.extra_supervision)
        ticks.addWidget(self.reduced_complexity)
        ticks.addStretch(1)
        agreed_layout.addLayout(ticks)
        agreed_layout.addWidget(other_field)
        agreed_layout.addWidget(self.actions_error)

        moves_box = QFrame()
        moves_box.setFrameShape(QFrame.Shape.StyledPanel)
        moves_layout = QVBoxLayout(moves_box)
        moves_layout.addWidget(heading(self.tr("Cases to reallocate"), level=2))
        self.moves_note = note_label()
        moves_layout.addWidget(self.moves_note)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(4)
        moves_layout.addLayout(self.rows_layout)
        self.add_row_button = QPushButton(self.tr("&Add a colleague"))
        self.add_row_button.setAccessibleName(self.tr("Add a colleague to take cases"))
        self.add_row_button.setAutoDefault(False)
        self.add_row_button.clicked.connect(lambda: self._add_row(focus=True))
        add_line = QHBoxLayout()
        add_line.addWidget(self.add_row_button)
        add_line.addStretch(1)
        moves_layout.addLayout(add_line)
        self.moves_error = ErrorLabel()
        moves_layout.addWidget(self.moves_error)
        moves_layout.addStretch(1)
        self.errors.register("reallocations", self.add_row_button, self.moves_error)
        if not self.context.colleagues:
            self.add_row_button.setEnabled(False)

        self.closed_label = QLabel()
        self.closed_label.setWordWrap(True)
        self.closed_label.setAccessibleName(self.tr("Outcome"))
        self.closed_label.hide()

        self.apply_button = QPushButton(self.tr("A&pply reallocations…"))
        self.apply_button.setAccessibleName(self.tr("Apply the reallocations"))
        self.apply_button.setToolTip(
            self.tr("Move the cases now: both people's caseloads change, with history")
        )
        self.close_review_button = QPushButton(self.tr("C&lose review…"))
        self.close_review_button.setAccessibleName(self.tr("Close the review with its outcome"))
        self.make_save_cancel_buttons(self.tr("Save plan"), save_tip=self.tr("Save plan (Ctrl+S)"))
        for button in (self.apply_button, self.close_review_button):
            button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.apply_reallocations)
        self.close_review_button.clicked.connect(self.close_review)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_review_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading(self.windowTitle()))
        layout.addWidget(self.situation)
        layout.addLayout(top)
        layout.addWidget(agreed_box)
        layout.addWidget(moves_box, 1)
        layout.addWidget(self.closed_label)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        fit_to_screen(self, 860, 660)

    def _fill(self) -> None:
        context, review = self.context, self.review
        person = context.person
        lines = []
        if person is not None:
            lines.append(f"{service_text(person.caseload_sentence)}.")  # the status said once
            lines.append(person.workload.sentence)
            colour = STATUS_COLOURS[person.status]
        else:
            lines.append(self.tr("Not in post today."))
            colour = NOTE_COLOUR
        self.situation.setText("\n".join(lines))
        self.situation.setStyleSheet(
            f"#situation {{ border-left: 4px solid {colour}; background: #f6f7f9; "
            "padding: 8px; border-radius: 3px; }"
        )
        if person is not None and person.open_cases is not None:
            self.moves_note.setText(
                self.tr("%1 has %2 open cases (recorded %3). Colleagues in %4:")
                .replace("%1", context.name)
                .replace("%2", str(person.open_cases))
                .replace("%3", format_date(person.recorded_on))
                .replace("%4", context.team_name)
            )
        else:
            self.moves_note.setText(self.tr("No caseload is recorded for this person."))
        for row in list(self.rows):
            self._remove_row(row, ask=False)
        if review is None:
            self.trigger.setCurrentIndex(max(0, self.trigger.findData(context.suggested_trigger)))
            self.agreed_on.set_value(self.today)
            self.review_on.set_value(self.today + DEFAULT_REVIEW_AFTER)
            self.pause_until.clear_value()
        else:
            self.trigger.setCurrentIndex(max(0, self.trigger.findData(review.trigger)))
            self.agreed_on.set_value(review.agreed_on)
            self.agreed_by.setText(review.agreed_by)
            self.review_on.set_value(review.review_on)
            self.pause_until.set_value(review.pause_until)
            self.extra_supervision.setChecked(review.extra_supervision)
            self.reduced_complexity.setChecked(review.reduced_complexity)
            self.other_action.setPlainText(review.other_action)
            for move in review.reallocations:
                self._add_row(move)
        self._update_buttons()
        self.mark_clean()
        chain: list[QWidget] = [
            self.trigger,
            self.agreed_on,
            self.agreed_by,
            self.review_on,
            self.pause_until,
            self.extra_supervision,
            self.reduced_complexity,
            self.other_action,
        ]
        for row in self.rows:
            chain += [row.person, row.cases, row.remove]
        chain += [
            self.add_row_button,
            self.apply_button,
            self.close_review_button,
            self.cancel_button,
            self.save_button,
        ]
        set_tab_order(chain)
        (self.agreed_by if review is None else self.review_on).setFocus(
            Qt.FocusReason.OtherFocusReason
        )

    def _update_buttons(self) -> None:
        review = self.review
        is_open = review is None or review.is_open
        self.apply_button.setEnabled(review is not None and is_open and bool(review.unapplied))
        self.close_review_button.setEnabled(review is not None and is_open)
        self.save_button.setText(self.tr("Save plan") if is_open else self.tr("Save changes"))
        if review is not None and not review.is_open:
            self.closed_label.setText(
                self.tr("Closed on %1. Outcome: %2")
                .replace("%1", format_date(review.closed_on))
                .replace("%2", review.outcome)
            )
            self.closed_label.show()
        else:
            self.closed_label.hide()

    # ---- rows --------------------------------------------------------------------------

    def _add_row(self, move: wr.ReallocationInfo | None = None, *, focus: bool = False) -> None:
        row = ReallocationRow(self.context.colleagues, len(self.rows) + 1, move, self)
        row.remove_requested.connect(lambda r: self._remove_row(r))
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        previous = self.rows[-2].remove if len(self.rows) > 1 else self.other_action
        QWidget.setTabOrder(previous, row.person)
        QWidget.setTabOrder(row.person, row.cases)
        QWidget.setTabOrder(row.cases, row.remove)
        QWidget.setTabOrder(row.remove, self.add_row_button)
        if focus:
            row.person.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove_row(self, row: ReallocationRow, *, ask: bool = True) -> None:
        if row not in self.rows:
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.deleteLater()
        if ask:
            following = self.rows[index].person if index < len(self.rows) else self.add_row_button
            following.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- saving ------------------------------------------------------------------------

    def form_state(self) -> tuple[object, ...]:
        return (
            self.trigger.currentData(),
            self.agreed_on.value(),
            self.agreed_by.text(),
            self.review_on.value(),
            self.pause_until.value(),
            self.extra_supervision.isChecked(),
            self.reduced_complexity.isChecked(),
            self.other_action.toPlainText(),
            tuple(row.state_key() for row in self.rows),
        )

    def draft(self) -> wr.ReviewDraft:
        return wr.ReviewDraft(
            trigger=self.trigger.currentData(),
            agreed_on=self.agreed_on.value(),
            agreed_by=self.agreed_by.text(),
            pause_until=self.pause_until.value(),
            extra_supervision=self.extra_supervision.isChecked(),
            reduced_complexity=self.reduced_complexity.isChecked(),
            other_action=self.other_action.toPlainText(),
            review_on=self.review_on.value(),
            reallocations=[row.draft() for row in self.rows],
        )

    def commit(self) -> None:
        review_id = self.review.id if self.review is not None else None
        warnings = wr.plan_warnings(
            self.db, self.staff_id, self.draft(), review_id, today=self.today
        )
        if warnings and not self.confirm_save(warnings):
            raise SaveCancelled
        self.review = wr.save_review(
            self.db, self.staff_id, self.draft(), review_id, today=self.today
        )
        self.mark_clean()

    def save_button_text(self) -> str:
        return self.tr("&Save plan")

    def _save_first(self) -> bool:
        """Save what is on screen before acting on the saved plan."""
        if self.review is not None and not self.is_dirty():
            return True
        if not self.try_commit():
            return False
        self.saved.emit()
        return True

    def _reload(self) -> None:
        review_id = self.review.id if self.review is not None else None
        self.context = wr.review_context(self.db, self.staff_id, review_id, today=self.today)
        self.review = self.context.review
        self._fill()

    # ---- applying and closing ----------------------------------------------------------

    def confirm_apply(self, review: wr.ReviewRecord, warnings: tuple[str, ...] = ()) -> bool:
        moves = review.unapplied
        total = sum(m.cases for m in moves)
        cases = f"{total} case{'' if total == 1 else 's'}"
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning if warnings else QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Apply reallocations"))
        box.setText(
            self.tr("Move %1 from %2 to %3 colleagues?")
            .replace("%1", cases)
            .replace("%2", self.context.name)
            .replace("%3", str(len(moves)))
            if len(moves) != 1
            else self.tr("Move %1 from %2 to %3?")
            .replace("%1", cases)
            .replace("%2", self.context.name)
            .replace("%3", moves[0].to_name)
        )
        details = "; ".join(
            f"{m.cases} case{'' if m.cases == 1 else 's'} to {m.to_name}" for m in moves
        )
        text = (
            self.tr(
                "%1. Both people's caseloads change with a record dated %2; earlier records "
                "stay as they were. This cannot be undone here."
            )
            .replace("%1", details)
            .replace("%2", format_date(self.today))
        )
        if warnings:
            text = (
                self.tr("Please check:")
                + "\n"
                + "\n".join(f"• {w}." for w in warnings)
                + "\n\n"
                + text
            )
        box.setInformativeText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Apply | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Apply).setText(
            self.tr("&Apply anyway") if warnings else self.tr("&Apply reallocations")
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.setAccessibleName(self.tr("Apply reallocations"))
        return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Apply

    def confirm_save(self, warnings: tuple[str, ...]) -> bool:
        """The colleagues this plan would move cases to who are paused, protected or at or
        over a limit, named with the consequence, before the plan is saved."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Save plan"))
        box.setText(self.tr("Save a plan that moves cases to someone who cannot take them?"))
        box.setInformativeText("\n".join(f"• {w}." for w in warnings))
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("&Save anyway"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Save

    def _receiver_warnings(self, moves: list[tuple[int, int]]) -> tuple[str, ...]:
        return wr.reallocation_warnings(self.db, self.staff_id, moves, today=self.today)

    def apply_reallocations(self) -> None:
        if not self._save_first():
            return
        review = self.review
        assert review is not None
        if not review.unapplied:
            self.errors.show(
                ValidationError(
                    "reallocations", self.tr("There are no cases to move in this plan.")
                )
            )
            return
        try:
            warnings = self._receiver_warnings(
                [(m.to_staff_id, m.cases) for m in review.unapplied if m.to_staff_id is not None]
            )
        except ValidationError as error:
            self.errors.show(error)
            return
        if not self.confirm_apply(review, warnings):
            return
        self.errors.clear()
        try:
            applied = wr.apply_reallocations(self.db, review.id, today=self.today)
        except WellbeingError as error:
            self.errors.show_error(error)
            return
        self.saved.emit()
        self._reload()
        self.form_error.setStyleSheet("color: #1e7b34; font-weight: 600;")
        self.form_error.setText(
            self.tr("✓ %1 moved; %2 now has %3 open cases.")
            .replace(
                "%1",
                f"{applied.cases_moved} case{'' if applied.cases_moved == 1 else 's'}",
            )
            .replace("%2", self.context.name)
            .replace("%3", str(applied.from_cases[1]))
        )
        self.form_error.show()

    def ask_for_outcome(self, review: wr.ReviewRecord) -> tuple[dt.date, str] | None:
        dialog = CloseReviewDialog(self.today, review.agreed_on, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.closed_on.value() or self.today, dialog.outcome.toPlainText()

    def close_review(self) -> None:
        if not self._save_first():
            return
        review = self.review
        assert review is not None
        answer = self.ask_for_outcome(review)
        if answer is None:
            return
        closed_on, outcome = answer
        self.errors.clear()
        try:
            wr.close_review(self.db, review.id, outcome, closed_on, today=self.today)
        except WellbeingError as error:
            self.errors.show_message(str(error))
            return
        self.saved.emit()
        self.accept()
