"""Beside the supervision form's learning and development notes: the supervisees' open
development-plan objectives (an agreed action can be linked to one) and their
mandatory training that has expired or expires soon."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from wellbeing_desktop.services import development
from wellbeing_desktop.services.training import TrainingItem, training_needing_attention
from wellbeing_desktop.services.training_rules import TrainingState
from wellbeing_desktop.ui.forms.fields import format_date, note_label
from wellbeing_desktop.ui.models.format import service_text

if TYPE_CHECKING:
    from wellbeing_desktop.services.development import ObjectiveInfo
    from wellbeing_desktop.storage.database import Database

OBJECTIVE_WORDS_MAX = 70


class LearningContext(QFrame):
    """What to raise under learning and development, for the people attending."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("learningContext")
        self.setStyleSheet(
            "#learningContext { background: #f4f8fb; border: 1px solid #d5dbe1;"
            " border-radius: 4px; }"
        )
        self.setAccessibleName(self.tr("Objectives and training to discuss"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self.objectives_title = QLabel(f"<b>{self.tr('Open development objectives')}</b>")
        self.objectives = note_label()
        self.objectives.setAccessibleName(self.tr("Open development objectives"))
        self.training_title = QLabel(f"<b>{self.tr('Training expired or expiring')}</b>")
        self.training = note_label()
        self.training.setAccessibleName(self.tr("Training expired or expiring"))
        for widget in (
            self.objectives_title,
            self.objectives,
            self.training_title,
            self.training,
        ):
            layout.addWidget(widget)
        self._names: dict[int, str] = {}
        # Each person's training needing attention, looked up once per form: ticking
        # attendees on and off asks only about people not seen yet (training does not
        # change while the form is open).
        self._training: dict[int, tuple[TrainingItem, ...]] = {}
        self.hide()

    def objective_words(self, objective: ObjectiveInfo, with_name: bool) -> str:
        """One line for an objective: its text (shortened), target, and whose it is when
        several people attend."""
        text = objective.text.splitlines()[0] if objective.text else ""
        if len(text) > OBJECTIVE_WORDS_MAX:
            text = text[: OBJECTIVE_WORDS_MAX - 1].rstrip() + "…"
        if with_name and objective.staff_id in self._names:
            text = f"{self._names[objective.staff_id]}: {text}"
        return text

    def show_for(
        self, db: Database, staff_ids: Sequence[int], names: dict[int, str], today: dt.date
    ) -> list[ObjectiveInfo]:
        """Show these people's open objectives (returned, for linking actions)."""
        self._names = names
        objectives = development.open_objectives_for(db, list(staff_ids), today=today)
        several = len(staff_ids) > 1
        lines = []
        for objective in objectives:
            line = "• " + self.objective_words(objective, several)
            if objective.target_on is not None:
                target = format_date(objective.target_on)
                line += " — " + (
                    self.tr("was due %1").replace("%1", target)
                    if objective.overdue
                    else self.tr("by %1").replace("%1", target)
                )
            lines.append(line)
        self.objectives.setText(
            "\n".join(lines)
            if lines
            else self.tr("None open. Objectives are added in the person's Development tab.")
        )
        self._show_training(db, staff_ids, today)
        self.setVisible(bool(staff_ids))
        return objectives

    def _show_training(self, db: Database, staff_ids: Sequence[int], today: dt.date) -> None:
        """Mandatory training expired or expiring (from services/training.py), and how
        many mandatory courses were never done."""
        several = len(staff_ids) > 1
        lines = []
        missing = 0
        for staff_id in staff_ids:
            prefix = f"{self._names.get(staff_id, '')}: " if several else ""
            if staff_id not in self._training:
                self._training[staff_id] = training_needing_attention(db, staff_id, today=today)
            for item in self._training[staff_id]:
                if item.state is TrainingState.MISSING:
                    missing += 1
                    continue
                lines.append(
                    f"{item.state.symbol} {prefix}{item.course_name} — " + service_text(item.words)
                )
        if missing:
            lines.append(
                self.tr("1 mandatory course never done: see the training matrix.")
                if missing == 1
                else self.tr("%1 mandatory courses never done: see the training matrix.").replace(
                    "%1", str(missing)
                )
            )
        self.training.setText(
            "\n".join(lines) if lines else self.tr("Mandatory training is up to date.")
        )
