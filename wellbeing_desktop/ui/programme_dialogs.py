"""Dialogs for a person's development programme: start one (its milestones filled from
the kind's template and editable), sign off a milestone, add one, extend or finish.

The services decide what is valid; these collect and show. Finishing a preceptorship
asks first, because it ends the protection the caseload limit respects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.errors import ValidationError
from wellbeing_desktop.services import programmes
from wellbeing_desktop.services.defaults import protection_defaults
from wellbeing_desktop.services.vocab import FINISHING_OUTCOMES, PROGRAMME_KINDS
from wellbeing_desktop.ui.forms.base import FormDialog, SaveCancelled
from wellbeing_desktop.ui.forms.fields import (
    DateEdit,
    Field,
    OptionalDateEdit,
    combo_box,
    fit_to_screen,
    format_date,
    heading,
    note_label,
    text_box,
    vocab,
)
from wellbeing_desktop.ui.models.format import service_text

if TYPE_CHECKING:
    from wellbeing_desktop.services.people import StaffInfo
    from wellbeing_desktop.services.programmes import Colleague, MilestoneInfo, ProgrammeInfo
    from wellbeing_desktop.storage.database import Database


def ask(parent: QWidget, title: str, text: str, yes_text: str) -> bool:
    """A question with the safe answer (Cancel) as the default."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setAccessibleName(title)
    return box.exec() == QMessageBox.StandardButton.Yes


_NAME_ROLE = Qt.ItemDataRole.UserRole + 1


def _assessor_combo(colleagues: Sequence[Colleague], exclude: int | None) -> QComboBox:
    """A colleague on the staff list, shown with their team (two people may share a
    name), or any name typed in."""
    combo = combo_box()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", None)
    for person in colleagues:
        if person.id != exclude:
            combo.addItem(f"{person.name} — {person.team}", person.id)
            combo.setItemData(combo.count() - 1, person.name, _NAME_ROLE)
    return combo


def _choose_colleague(combo: QComboBox, staff_id: int | None, name: str) -> None:
    """Show a saved preceptor: the colleague's own row, else the name as typed."""
    index = combo.findData(staff_id) if staff_id is not None else -1
    if index > 0:
        combo.setCurrentIndex(index)
    else:
        combo.setCurrentIndex(0)
        combo.setEditText(name)


def _chosen(combo: QComboBox) -> tuple[int | None, str]:
    """(colleague id, '') for the colleague chosen from the list, or typed by a name only
    one colleague has; else (None, the typed name). A name several colleagues share must
    be chosen from the list, where each shows their team."""
    text = combo.currentText().strip()
    index = combo.currentIndex()
    if index > 0 and text == combo.itemText(index).strip():
        return int(combo.itemData(index)), ""
    matches = [
        i
        for i in range(1, combo.count())
        if text.casefold()
        in (str(combo.itemData(i, _NAME_ROLE)).casefold(), combo.itemText(i).casefold())
    ]
    if len(matches) == 1:
        return int(combo.itemData(matches[0])), ""
    if len(matches) > 1:
        raise ValidationError(
            "assessor_id",
            combo.tr(
                "More than one colleague has this name: choose one from the list, where "
                "each shows their team."
            ),
        )
    return None, text


@dataclass
class _MilestoneRow:
    title: QLineEdit
    target: OptionalDateEdit
    remove: QPushButton


class MilestoneRows(QWidget):
    """Editable milestone rows: a title and a target date each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[_MilestoneRow] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(0, 1)
        self.grid.addWidget(QLabel(f"<b>{self.tr('Milestone or competency')}</b>"), 0, 0)
        self.grid.addWidget(QLabel(f"<b>{self.tr('Target date')}</b>"), 0, 1)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addLayout(self.grid)
        inner_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button = QPushButton(self.tr("Add a &milestone"))
        self.add_button.setAutoDefault(False)
        self.add_button.setAccessibleName(self.tr("Add a milestone"))
        self.add_button.clicked.connect(lambda: self.add_row("", None, focus=True))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.fallback = dt.date.today()

    def set_rows(self, drafts: Sequence[programmes.MilestoneDraft]) -> None:
        for row in self.rows:
            for widget in (row.title, row.target, row.remove):
                widget.hide()
                widget.deleteLater()
        self.rows = []
        for draft in drafts:
            target = draft.target_on if isinstance(draft.target_on, dt.date) else None
            self.add_row(draft.title, target, focus=False)

    def add_row(self, title: str, target: dt.date | None, *, focus: bool) -> None:
        number = len(self.rows) + 1
        title_edit = QLineEdit(title)
        title_edit.setAccessibleName(self.tr("Milestone %1").replace("%1", str(number)))
        date_edit = OptionalDateEdit(
            self.tr("Target date of milestone %1").replace("%1", str(number)),
            fallback=self.fallback,
        )
        date_edit.set_value(target)
        remove = QPushButton(self.tr("Remove"))
        remove.setAutoDefault(False)
        remove.setAccessibleName(self.tr("Remove milestone %1").replace("%1", str(number)))
        row = _MilestoneRow(title_edit, date_edit, remove)
        remove.clicked.connect(lambda: self._remove(row))
        self.rows.append(row)
        self.grid.addWidget(title_edit, number, 0)
        self.grid.addWidget(date_edit, number, 1)
        self.grid.addWidget(remove, number, 2)
        if focus:
            title_edit.setFocus()

    def _remove(self, row: _MilestoneRow) -> None:
        self.rows.remove(row)
        for widget in (row.title, row.target, row.remove):
            widget.hide()
            widget.deleteLater()

    def drafts(self) -> list[programmes.MilestoneDraft]:
        return [
            programmes.MilestoneDraft(row.title.text(), row.target.value()) for row in self.rows
        ]


class StartProgrammeDialog(FormDialog):
    """Start an induction, preceptorship or skills passport for a person."""

    def __init__(
        self,
        db: Database,
        staff: StaffInfo,
        colleagues: Sequence[Colleague],
        *,
        kind: str = programmes.PRECEPTORSHIP,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.staff = staff
        self.result_programme: ProgrammeInfo | None = None
        self.set_title(self.tr("Start a development programme"))
        self.kind = combo_box()
        self.kind.setAccessibleName(self.tr("Kind of programme"))
        for key, label in PROGRAMME_KINDS.items():
            self.kind.addItem(vocab(label), key)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.start = DateEdit(self.tr("Starts on"))
        self.start.set_value(self.today)
        self.end = DateEdit(self.tr("Expected end"))
        self.assessor = _assessor_combo(colleagues, staff.id)
        self.assessor.setAccessibleName(self.tr("Preceptor or assessor"))
        assessor_edit = self.assessor.lineEdit()
        assert assessor_edit is not None
        assessor_edit.setPlaceholderText(self.tr("A colleague, or a name from outside"))
        self.percent = QSpinBox()
        self.percent.setRange(1, 100)
        self.percent.setSuffix("%")
        self.percent.setValue(protection_defaults()[programmes.PRECEPTORSHIP].default_percent)
        self.percent.setAccessibleName(self.tr("Caseload while on preceptorship, per cent"))
        self.percent.setMaximumWidth(self.percent.fontMetrics().horizontalAdvance("0000%") * 3)
        self.notes = text_box(self.tr("Notes"), self.tr("Optional"), lines=2)
        self.milestones = MilestoneRows()
        self.milestones.fallback = self.today
        self.source = note_label()
        fields = {
            "kind": Field(self.tr("&Kind"), self.kind),
            "start_on": Field(self.tr("&Starts on"), self.start),
            "expected_end_on": Field(self.tr("E&xpected end"), self.end),
            "assessor_id": Field(self.tr("&Preceptor or assessor"), self.assessor),
            "protection_percent": Field(
                self.tr("Safe &caseload while on it"),
                self.percent,
                note=self.tr("of the full limit, from the start to the expected end"),
            ),
            "notes": Field(self.tr("&Notes"), self.notes),
            "milestones": Field(self.tr("Milestones"), self.milestones),
        }
        self.register_fields(fields)
        self.errors.register("assessor_name", self.assessor, fields["assessor_id"].error)
        self.errors.register("staff_id", self.kind, fields["kind"].error)
        self.percent_field = fields["protection_percent"]
        fields["milestones"].label.setBuddy(self.milestones.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), level=2))
        layout.addWidget(note_label(self.tr("For %1").replace("%1", staff.name)))
        top = QGridLayout()
        top.setHorizontalSpacing(16)
        top.addWidget(fields["kind"], 0, 0)
        top.addWidget(fields["assessor_id"], 0, 1)
        top.addWidget(fields["start_on"], 1, 0)
        top.addWidget(fields["expected_end_on"], 1, 1)
        top.addWidget(fields["protection_percent"], 2, 0, 1, 2)
        top.addWidget(fields["notes"], 3, 0, 1, 2)
        layout.addLayout(top)
        layout.addWidget(fields["milestones"], 1)
        self.refill_note = note_label(
            self.tr(
                "The milestones were edited, so they are kept as they are: their dates did "
                "not follow the new start or kind."
            )
        )
        self.refill_button = QPushButton(self.tr("&Refill from the template"))
        self.refill_button.setAccessibleName(self.tr("Refill the milestones from the template"))
        self.refill_button.setAutoDefault(False)
        self.refill_button.clicked.connect(lambda: self._fill_template(refill=True))
        refill_row = QHBoxLayout()
        refill_row.addWidget(self.refill_note, 1)
        refill_row.addWidget(self.refill_button)
        self.refill_box = QWidget()
        self.refill_box.setLayout(refill_row)
        self.refill_box.hide()
        layout.addWidget(self.refill_box)
        layout.addWidget(self.source)
        layout.addWidget(self.form_error)
        layout.addLayout(self.save_cancel_buttons(self.tr("S&tart programme")))
        fit_to_screen(self, 760, 760)
        # What the template last filled in, to tell the manager's edits from it.
        self._filled_rows: list[tuple[str, dt.date | None]] = []
        self._filled_end: dt.date | None = None
        self.kind.currentIndexChanged.connect(lambda: self._fill_template())
        self.start.dateChanged.connect(lambda: self._fill_template())
        self._fill_template()
        self.kind.setFocus()

    def _rows_now(self) -> list[tuple[str, dt.date | None]]:
        return [(row.title.text(), row.target.value()) for row in self.milestones.rows]

    def _fill_template(self, *, refill: bool = False) -> None:
        """The kind's default length and milestones from the start date. Rows (and an
        expected end) the manager has edited are kept, never silently replaced: a note
        says so and offers to refill them (``refill``)."""
        kind = self.kind.currentData()
        start = self.start.value() or self.today
        draft = programmes.template_draft(kind, start)
        end = draft.expected_end_on
        if refill or self._filled_end is None or self.end.value() == self._filled_end:
            self.end.set_value(end if isinstance(end, dt.date) else None)
        self._filled_end = end if isinstance(end, dt.date) else None
        self.milestones.fallback = start
        edited = self._rows_now() != self._filled_rows
        if refill or not edited:
            self.milestones.set_rows(draft.milestones)
        self.refill_box.setVisible(edited and not refill)
        self._filled_rows = [
            (m.title, m.target_on if isinstance(m.target_on, dt.date) else None)
            for m in draft.milestones
        ]
        if refill or not edited:
            self._filled_rows = self._rows_now()
        self.percent_field.setVisible(kind == programmes.PRECEPTORSHIP)
        self.source.setText(programmes.programme_kinds()[kind].source)

    def draft(self) -> programmes.ProgrammeDraft:
        assessor_id, assessor_name = _chosen(self.assessor)
        kind = self.kind.currentData()
        return programmes.ProgrammeDraft(
            kind=kind,
            start_on=self.start.value(),
            expected_end_on=self.end.value(),
            assessor_id=assessor_id,
            assessor_name=assessor_name,
            notes=self.notes.toPlainText(),
            milestones=self.milestones.drafts(),
            protection_percent=self.percent.value() if kind == programmes.PRECEPTORSHIP else None,
        )

    def commit(self) -> None:
        draft = self.draft()
        start, end = self.start.value(), self.end.value()
        if start and end and end > start:
            warning = programmes.length_warning(draft.kind, start, end)
            if warning:
                if not ask(
                    self,
                    self.tr("Start it with this length?"),
                    warning + " " + self.tr("Start it anyway?"),
                    self.tr("Start &anyway"),
                ):
                    self.end.setFocus()
                    raise SaveCancelled
                draft.confirm_length = True
        self.result_programme = programmes.start_programme(
            self.db, self.staff.id, draft, today=self.today
        )


class EditProgrammeDialog(FormDialog):
    """Change a programme's preceptor or assessor and its notes."""

    def __init__(
        self,
        db: Database,
        programme: ProgrammeInfo,
        colleagues: Sequence[Colleague],
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.programme = programme
        self.set_title(self.tr("Programme details"))
        self.assessor = _assessor_combo(colleagues, programme.staff_id)
        self.assessor.setAccessibleName(self.tr("Preceptor or assessor"))
        _choose_colleague(self.assessor, programme.assessor_id, programme.assessor_name)
        self.notes = text_box(self.tr("Notes"), self.tr("Optional"), lines=4)
        self.notes.setPlainText(programme.notes)
        fields = {
            "assessor_id": Field(self.tr("&Preceptor or assessor"), self.assessor),
            "notes": Field(self.tr("&Notes"), self.notes),
        }
        self.lay_out_fields(
            fields,
            self.tr("&Save"),
            notes=[note_label(service_text(programme.progress.words))],
            width=520,
        )
        self.errors.register("assessor_name", self.assessor, fields["assessor_id"].error)
        self.assessor.setFocus()

    def commit(self) -> None:
        assessor_id, assessor_name = _chosen(self.assessor)
        programmes.update_programme(
            self.db,
            self.programme.id,
            assessor_id=assessor_id,
            assessor_name=assessor_name,
            notes=self.notes.toPlainText(),
            today=self.today,
        )


class SignOffDialog(FormDialog):
    """Sign off a milestone: the date and who signed it off."""

    def __init__(
        self,
        db: Database,
        programme: ProgrammeInfo,
        milestone: MilestoneInfo,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.milestone = milestone
        self.set_title(self.tr("Sign off a milestone"))
        self.day = DateEdit(self.tr("Signed off on"))
        self.day.set_value(self.today)
        self.by = QLineEdit(programme.assessor_name)
        self.by.setAccessibleName(self.tr("Signed off by"))
        self.by.setPlaceholderText(self.tr("The preceptor, assessor or manager"))
        fields = {
            "signed_off_on": Field(self.tr("Signed off &on"), self.day),
            "signed_off_by": Field(self.tr("Signed off &by"), self.by),
        }
        title = note_label(milestone.title)
        title.setAccessibleName(self.tr("Milestone"))
        self.lay_out_fields(fields, self.tr("&Sign off"), notes=[title])
        self.by.setFocus() if not programme.assessor_name else self.day.setFocus()

    def commit(self) -> None:
        programmes.sign_off_milestone(
            self.db, self.milestone.id, self.day.value(), self.by.text(), today=self.today
        )


class AddMilestoneDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        programme: ProgrammeInfo,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.programme = programme
        self.set_title(self.tr("Add a milestone"))
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(self.tr("Milestone or competency"))
        self.target = OptionalDateEdit(self.tr("Target date"), fallback=self.today)
        fields = {
            "title": Field(self.tr("&Milestone or competency"), self.title_edit),
            "milestones": Field(self.tr("&Target date"), self.target, note=self.tr("Optional.")),
        }
        self.lay_out_fields(fields, self.tr("&Add milestone"), width=460)
        self.title_edit.setFocus()

    def commit(self) -> None:
        programmes.add_milestone(
            self.db,
            self.programme.id,
            self.title_edit.text(),
            self.target.value(),
            today=self.today,
        )


class ExtendProgrammeDialog(FormDialog):
    def __init__(
        self,
        db: Database,
        programme: ProgrammeInfo,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.programme = programme
        self.set_title(self.tr("Extend the programme"))
        self.end = DateEdit(self.tr("New expected end"))
        self.end.set_value(programmes.add_months(programme.expected_end_on, 3))
        self.reason = text_box(self.tr("Reason"), self.tr("Why it is extended (optional)"), lines=2)
        explanation = self.tr("It is due to end on %1.").replace(
            "%1", format_date(programme.expected_end_on)
        )
        if programme.protection_id is not None:
            explanation += " " + self.tr(
                "Its caseload protection (%1%) moves to the new end."
            ).replace("%1", str(programme.protection_percent))
        fields = {
            "expected_end_on": Field(self.tr("New &expected end"), self.end),
            "notes": Field(self.tr("&Reason"), self.reason),
        }
        self.lay_out_fields(fields, self.tr("E&xtend"), notes=[note_label(explanation)], width=460)
        self.end.setFocus()

    def commit(self) -> None:
        programmes.extend_programme(
            self.db,
            self.programme.id,
            self.end.value(),
            note=self.reason.toPlainText(),
            today=self.today,
        )


class FinishProgrammeDialog(FormDialog):
    """Finish a programme, completed or withdrawn. A preceptorship's protection ends, so
    the dialog asks before saving."""

    def __init__(
        self,
        db: Database,
        programme: ProgrammeInfo,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.programme = programme
        self.set_title(self.tr("Finish the programme"))
        self.outcomes = QButtonGroup(self)
        outcome_row = QHBoxLayout()
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for key, label in FINISHING_OUTCOMES.items():
            button = QRadioButton(vocab(label))
            button.setAccessibleName(vocab(label))
            self.outcomes.addButton(button)
            self.outcome_buttons[key] = button
            outcome_row.addWidget(button)
        outcome_row.addStretch(1)
        self.outcome_buttons["completed"].setChecked(True)
        outcome_box = QWidget()
        outcome_box.setLayout(outcome_row)
        self.day = DateEdit(self.tr("Finished on"))
        self.day.set_value(self.today)
        progress = programme.progress
        lines = [service_text(progress.words)]
        unsigned = progress.total - progress.signed_off
        if unsigned:
            lines.append(
                self.tr("1 milestone not signed off.")
                if unsigned == 1
                else self.tr("%1 milestones not signed off.").replace("%1", str(unsigned))
            )
        self.effect = note_label()
        self.effect.setAccessibleName(self.tr("What finishing does to the caseload limit"))
        self.day.dateChanged.connect(self._show_effect)
        self._show_effect()
        fields = {
            "outcome": Field(self.tr("Outcome"), outcome_box),
            "finished_on": Field(self.tr("Finished &on"), self.day),
        }
        explanation = note_label("\n".join(lines))
        explanation.setAccessibleName(self.tr("What finishing does"))
        self.lay_out_fields(
            fields, self.tr("&Finish programme"), notes=[explanation, self.effect], width=520
        )
        self.outcome_buttons["completed"].setFocus()

    def outcome(self) -> str:
        return next(key for key, b in self.outcome_buttons.items() if b.isChecked())

    def _effect_words(self) -> str:
        """What the service says finishing on the chosen day does to the limit."""
        effect = programmes.finishing_effect(
            self.db, self.programme.id, self.day.value(), today=self.today
        )
        return service_text(effect.words) if effect is not None else ""

    def _show_effect(self) -> None:
        words = self._effect_words()
        self.effect.setText(words)
        self.effect.setVisible(bool(words))

    def commit(self) -> None:
        words = self._effect_words()
        if words and not ask(self, self.tr("Finish this programme?"), words, self.tr("&Finish it")):
            raise SaveCancelled
        programmes.finish_programme(
            self.db, self.programme.id, self.outcome(), self.day.value(), today=self.today
        )
