"""A wellbeing check-in: four 1-5 scales, notes and whether to follow up.

The previous check-in is shown beside each scale for comparison. When
``checkins.needs_follow_up`` says so, the form suggests a follow-up conversation, in
plain and respectful words: it is a prompt to talk, never an assessment.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.services import checkins, people
from wellbeing_desktop.services.vocab import CHECKIN_SCALES
from wellbeing_desktop.ui.forms.base import FormDialog
from wellbeing_desktop.ui.forms.fields import (
    DateEdit,
    ErrorLabel,
    Field,
    fit_to_screen,
    format_date,
    heading,
    note_label,
    set_tab_order,
    text_box,
    to_qdate,
    translate,
    vocab,
)

if TYPE_CHECKING:
    from wellbeing_desktop.storage.database import Database

# The words at each end of a scale. For stress, 5 is the most stressed.
ANCHORS = {
    "overall": ("Very low", "Very good"),
    "workload": ("Not at all", "Completely"),
    "stress": ("Very little", "Very high"),
    "support": ("Not at all", "Very well"),
}


class ScaleInput(QWidget):
    """One 1-5 scale: a single stop in the Tab order. Arrow keys, Home/End or the digits
    1-5 choose a value; the radio buttons inside can be clicked."""

    changed = Signal()

    def __init__(self, name: str, low: str, high: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setObjectName("scale")
        self.setStyleSheet(
            "#scale { border: 2px solid transparent; border-radius: 5px; }"
            "#scale:focus { border: 2px solid palette(highlight); }"
        )
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        self.low = QLabel(low)
        self.high = QLabel(high)
        self.low.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.low)
        for value in range(1, 6):
            button = QRadioButton(str(value))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAccessibleName(f"{name}: {value}")
            self.group.addButton(button, value)
            layout.addWidget(button)
        layout.addWidget(self.high)
        self.group.idToggled.connect(self._toggled)
        self._describe()

    def set_anchor_width(self, width: int) -> None:
        self.low.setMinimumWidth(width)
        self.high.setMinimumWidth(width)

    def value(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked > 0 else None

    def set_value(self, value: int | None) -> None:
        if value is None:
            self.group.setExclusive(False)
            for button in self.group.buttons():
                button.setChecked(False)
            self.group.setExclusive(True)
            self._describe()
            self.changed.emit()
        else:
            self.group.button(value).setChecked(True)

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._describe()
            self.changed.emit()

    def _describe(self) -> None:
        value = self.value()
        if value is None:
            text = self.tr("Not answered yet. Use the arrow keys or type 1 to 5.")
        else:
            text = (
                self.tr("%1 out of 5 (1 is %2, 5 is %3)")
                .replace("%1", str(value))
                .replace("%2", self.low.text().lower())
                .replace("%3", self.high.text().lower())
            )
        self.setAccessibleDescription(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        value = self.value()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.set_value(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.set_value(min((value or 0) + 1, 5))
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.set_value(max((value or 2) - 1, 1))
        elif key == Qt.Key.Key_Home:
            self.set_value(1)
        elif key == Qt.Key.Key_End:
            self.set_value(5)
        else:
            super().keyPressEvent(event)


class CheckInForm(FormDialog):
    def __init__(
        self,
        db: Database,
        staff_id: int,
        *,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(db, parent=parent, today=today)
        self.staff_id = staff_id
        self.person = people.get_staff(db, staff_id)
        history = checkins.checkin_history(db, staff_id)
        self.previous = history[-1] if history else None
        self._follow_up_touched = False
        self.set_title(self.tr("Wellbeing check-in with %1").replace("%1", self.person.name))
        self._build()
        self.mark_clean()

    def _build(self) -> None:
        self.held_on = DateEdit(self.tr("Date of the check-in"))
        self.held_on.setMaximumDate(to_qdate(self.today))
        self.held_on.set_value(self.today)
        date_field = Field(self.tr("&Date"), self.held_on)
        self.errors.register("held_on", self.held_on, date_field.error)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        last_title = (
            self.tr("Last time (%1)").replace("%1", format_date(self.previous.held_on))
            if self.previous
            else self.tr("Last time")
        )
        grid.addWidget(QLabel(f"<b>{last_title}</b>"), 0, 2, Qt.AlignmentFlag.AlignHCenter)
        self.scales: dict[str, ScaleInput] = {}
        titles = {
            "overall": self.tr("&Overall wellbeing"),
            "workload": self.tr("Wor&kload feels manageable"),
            "stress": self.tr("S&tress"),
            "support": self.tr("Feeling s&upported"),
        }
        anchor_width = 0
        for row, (key, label) in enumerate(CHECKIN_SCALES.items(), start=1):
            text = vocab(label)
            low, high = (translate("CheckInForm", words) for words in ANCHORS[key])
            scale = ScaleInput(text, low, high)
            scale.changed.connect(self._scales_changed)
            anchor_width = max(
                anchor_width,
                scale.fontMetrics().horizontalAdvance(low),
                scale.fontMetrics().horizontalAdvance(high),
            )
            title = QLabel(titles[key])
            title.setBuddy(scale)
            error = ErrorLabel()
            last = QLabel(str(getattr(self.previous, key)) if self.previous else "–")
            last.setAlignment(Qt.AlignmentFlag.AlignCenter)
            last.setAccessibleName(self.tr("%1 last time").replace("%1", text))
            grid.addWidget(title, row * 2 - 1, 0)
            grid.addWidget(scale, row * 2 - 1, 1)
            grid.addWidget(last, row * 2 - 1, 2)
            grid.addWidget(error, row * 2, 1)
            self.errors.register(key, scale, error)
            self.scales[key] = scale
        for scale in self.scales.values():
            scale.set_anchor_width(anchor_width)
        grid.setColumnStretch(3, 1)
        scales_box = QFrame()
        scales_box.setFrameShape(QFrame.Shape.StyledPanel)
        scales_box.setLayout(grid)

        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.suggestion.setObjectName("suggestion")
        self.suggestion.setStyleSheet(
            "#suggestion { background: #eef4fb; border: 1px solid #b7cde6; "
            "border-radius: 4px; padding: 8px; }"
        )
        self.suggestion.setAccessibleName(self.tr("Suggestion"))
        self.suggestion.hide()

        self.notes = text_box(
            self.tr("Notes"),
            self.tr("What they said, in their words where possible; anything agreed"),
            lines=4,
        )
        notes_field = Field(self.tr("&Notes"), self.notes)
        self.errors.register("notes", self.notes, notes_field.error)
        self.follow_up = QCheckBox(self.tr("&Follow-up conversation needed"))
        self.follow_up.setAccessibleName(self.tr("Follow-up conversation needed"))
        self.follow_up.clicked.connect(self._follow_up_clicked)

        previous = (
            self.tr("Previous check-in on %1.").replace("%1", format_date(self.previous.held_on))
            if self.previous
            else self.tr("This is the first check-in recorded for %1.").replace(
                "%1", self.person.name
            )
        )
        self.intro = intro = note_label(
            self.tr(
                "A short, regular conversation: how are you, how is your workload, how "
                "stressed do you feel, how supported. Each is scored 1 to 5."
            )
            + " "
            + previous
        )

        buttons = self.save_cancel_buttons(
            self.tr("Save check-in"), save_tip=self.tr("Save check-in (Ctrl+S)")
        )

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading(self.windowTitle()))
        layout.addWidget(intro)
        top = QHBoxLayout()
        top.addWidget(date_field)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(scales_box)
        layout.addWidget(self.suggestion)
        layout.addWidget(notes_field, 1)
        layout.addWidget(self.follow_up)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        chain: list[QWidget] = [
            self.held_on,
            *self.scales.values(),
            self.notes,
            self.follow_up,
            self.save_button,
            self.cancel_button,
        ]
        set_tab_order(chain)
        self.scales["overall"].setFocus(Qt.FocusReason.OtherFocusReason)
        fit_to_screen(self, 760, 640)

    # ---- behaviour -----------------------------------------------------------------

    def _follow_up_clicked(self) -> None:
        self._follow_up_touched = True

    def _scales_changed(self) -> None:
        values = {key: scale.value() for key, scale in self.scales.items()}
        if any(v is None for v in values.values()):
            self.suggestion.hide()
            return
        current = checkins.CheckInRecord(
            id=0,
            staff_id=self.staff_id,
            held_on=self.held_on.value() or self.today,
            overall=values["overall"] or 0,
            workload=values["workload"] or 0,
            stress=values["stress"] or 0,
            support=values["support"] or 0,
            notes="",
            follow_up_needed=False,
            follow_up_done_on=None,
        )
        reason = checkins.needs_follow_up(current, self.previous)
        if reason is None:
            self.suggestion.hide()
            if not self._follow_up_touched:
                self.follow_up.setChecked(False)
            return
        self.suggestion.setText(
            self.tr(
                "It may help to arrange a follow-up conversation: %1. This is a prompt "
                "to talk and offer support, not an assessment."
            ).replace("%1", translate("checkins", reason))
        )
        self.suggestion.show()
        if not self._follow_up_touched:
            self.follow_up.setChecked(True)

    def form_state(self) -> tuple[object, ...]:
        return (
            self.held_on.value(),
            *(scale.value() for scale in self.scales.values()),
            self.notes.toPlainText(),
            self.follow_up.isChecked(),
        )

    def commit(self) -> None:
        values = {key: scale.value() for key, scale in self.scales.items()}
        draft = checkins.CheckInDraft(
            held_on=self.held_on.value(),
            notes=self.notes.toPlainText(),
            follow_up_needed=self.follow_up.isChecked(),
            **values,
        )
        checkins.save_checkin(self.db, self.staff_id, draft, today=self.today)

    def save_button_text(self) -> str:
        return self.tr("&Save check-in")
