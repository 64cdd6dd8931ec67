"""Small pieces every form uses: UK dates, date edits, and errors shown beside a field."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping
from typing import cast

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop.errors import ValidationError, WellbeingError
from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.ui.models import format as display

ERROR_COLOUR = "#b3261e"
NOTE_COLOUR = "#5f6368"
STATUS_COLOURS = {
    CaseloadStatus.GREEN: "#1e7b34",
    CaseloadStatus.AMBER: "#9a5b00",
    CaseloadStatus.RED: "#b3261e",
    CaseloadStatus.UNKNOWN: "#5f6368",
    CaseloadStatus.UNWEIGHTED: "#5f6368",
}
EARLIEST = QDate(1950, 1, 1)


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def vocab(label: str) -> str:
    """A label from the services' fixed choices, through the translator."""
    return QCoreApplication.translate("vocab", label)


def status_words(status: CaseloadStatus) -> str:
    """'✓ Within limit': a symbol and words, so status is never shown by colour alone."""
    return f"{status.symbol} {QCoreApplication.translate('CaseloadStatus', status.words)}"


def display_locale() -> QLocale:
    """UK English, whatever the system reports (see ui/models/format.py)."""
    return display.display_locale()


def date_format() -> str:
    """The pattern dates are typed and shown in: dd/MM/yyyy."""
    return display.DATE_FORMAT


format_date = display.format_date
to_qdate = display.to_qdate


def name_buttons(root: QWidget) -> None:
    """Give each button under ``root`` that has no accessible name its own words
    ('&New course…' -> 'New course'), so screen readers announce every control."""
    for button in root.findChildren(QAbstractButton):
        if not button.accessibleName().strip() and button.text().strip():
            words = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            button.setAccessibleName(words.rstrip("…").strip())


def to_date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


_TYPED_DATE = re.compile(r"^(\d{1,2})\D(\d{1,2})\D(\d{4})$|^(\d{2})(\d{2})(\d{4})$")


def typed_date(typed: str) -> dt.date | None:
    """The date a person has typed in full, day first ("3/4/2025", "03/04/2025",
    "03042025"), or None while it is incomplete or not a real date."""
    match = _TYPED_DATE.match(typed)
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups() if part is not None)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


class DateEdit(QDateEdit):
    """A date typed as the locale writes it (dd/mm/yyyy), with a calendar on Alt+Down."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_format())
        self.setLocale(display_locale())
        self.setMinimumDate(EARLIEST)
        self.setMaximumDate(QDate(2200, 12, 31))
        self.setAccessibleName(accessible_name)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self._start_typing()

    def value(self) -> dt.date | None:
        return to_date(self.date())

    def set_value(self, day: dt.date | None) -> None:
        if day is not None:
            self.setDate(to_qdate(day))

    def event(self, event: QEvent) -> bool:
        # Tab leaves the field, as in every other field (Qt's date edit would move to the
        # next part of the date instead). Typing '/' or the arrow keys still move between
        # day, month and year: they reach QDateTimeEdit's own focusNextPrevChild, so
        # "03/10/2025" typed in full stays in this field.
        if event.type() == QEvent.Type.KeyPress:
            key_event = cast(QKeyEvent, event)
            plain = not key_event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
            if plain and key_event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                backwards = key_event.key() == Qt.Key.Key_Backtab or bool(
                    key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                )
                QWidget.focusNextPrevChild(self, not backwards)
                return True
        return super().event(event)

    def _start_typing(self) -> None:
        """Forget the keys typed so far: the field was entered or clicked afresh."""
        self._typed = ""  # the digits and separators typed since then
        self._moved_on_by_itself = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._start_typing()
        super().focusInEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._start_typing()
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Qt edits a date one part at a time, and each part is checked against the others
        # as they stand: typing "31/12/2025" over a November date makes 31 November, which
        # Qt turns into 30; "29/02/2024" over 2026 becomes the 28th. And once a part is
        # full ("03") Qt moves on by itself, then takes the '/' typed next as a second
        # move. So the keys typed since the field was entered are kept, and once they
        # read as a whole date, that date is the value.
        text = event.text()
        separator = bool(text) and not text.isalnum() and text in self.displayFormat()
        self._typed = self._typed + text if text.isdigit() or separator else ""
        if separator and self._moved_on_by_itself:
            self._moved_on_by_itself = False  # the '/' the person meant: already done
            event.accept()
            return
        part = self.currentSectionIndex()
        super().keyPressEvent(event)
        self._moved_on_by_itself = text.isdigit() and self.currentSectionIndex() != part
        typed = typed_date(self._typed)
        if typed is not None and self.minimumDate() < to_qdate(typed) <= self.maximumDate():
            self.setDate(to_qdate(typed))


class OptionalDateEdit(DateEdit):
    """A date that may be left empty: shown as 'Not set'; Delete clears it; the arrow
    keys or typing start from ``fallback`` rather than from the earliest date."""

    def __init__(
        self,
        accessible_name: str,
        parent: QWidget | None = None,
        *,
        fallback: dt.date | None = None,
    ) -> None:
        super().__init__(accessible_name, parent)
        # The earliest date stands for 'not set': QDateEdit cannot hold an empty value.
        self.setMinimumDate(EARLIEST.addDays(-1))
        self.setSpecialValueText(self.tr("Not set"))
        self.fallback = fallback or dt.date.today()
        self.setToolTip(self.tr("Press Delete to clear the date."))
        self.clear_value()

    def value(self) -> dt.date | None:
        if self.date() == self.minimumDate():
            return None
        return to_date(self.date())

    def set_value(self, day: dt.date | None) -> None:
        if day is None:
            self.clear_value()
        else:
            self.setDate(to_qdate(day))

    def clear_value(self) -> None:
        self.setDate(self.minimumDate())

    def stepBy(self, steps: int) -> None:
        if self.value() is None:
            self.setDate(to_qdate(self.fallback))
            return
        super().stepBy(steps)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and not event.modifiers():
            self.clear_value()
            return
        if self.value() is None and event.text().isdigit():
            self.setDate(to_qdate(self.fallback))
            self.setSelectedSection(QDateEdit.Section.DaySection)
        super().keyPressEvent(event)


def combo_box() -> QComboBox:
    """A drop-down that does not grow to its longest entry (long role and team names
    would otherwise widen whole forms), so forms still fit at 200% scaling."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def set_tab_order(chain: Iterable[QWidget]) -> None:
    """Tab moves through ``chain`` in its order (Shift+Tab back)."""
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def fill_combo(
    combo: QComboBox,
    items: Iterable[tuple[str, object]],
    *,
    first: tuple[str, object] | None = None,
    chosen: object = None,
) -> None:
    """Fill ``combo`` afresh: ``first`` (e.g. "All teams") then ``items``, each as (text,
    data), and choose the item whose data is ``chosen`` (the first item when ``chosen``
    is None or no longer there)."""
    combo.clear()
    if first is not None:
        combo.addItem(*first)
    for text, data in items:
        combo.addItem(text, data)
    if chosen is not None:
        combo.setCurrentIndex(max(0, combo.findData(chosen)))


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to the preferred size, or less where the screen is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, int(available.width() * 0.96))
        height = min(height, int(available.height() * 0.92))
    widget.resize(width, height)


def text_box(accessible_name: str, placeholder: str = "", *, lines: int = 3) -> QPlainTextEdit:
    """A multi-line box where Tab moves on (so the form stays usable from the keyboard)."""
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(accessible_name)
    line = box.fontMetrics().lineSpacing()
    box.setMinimumHeight(line * lines + 14)
    box.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    return box


def heading(text: str, *, level: int = 1) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * (1.35 if level == 1 else 1.1))
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def note_label(text: str = "") -> QLabel:
    """Quiet explanatory text under a field."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {NOTE_COLOUR};")
    return label


class ErrorLabel(QLabel):
    """The red message under a field. Hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: 600;")
        self.setAccessibleName(self.tr("Error"))
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(f"⚠ {message}")
        self.setAccessibleDescription(message)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


class FieldErrors:
    """Which widget and error label stand for each field a service may name.

    ``show`` puts a ``ValidationError``'s message under its field, sets it as the
    field's accessible description (screen readers read it), and moves the focus there.
    """

    def __init__(self, fallback: ErrorLabel) -> None:
        self._fields: dict[str, tuple[QWidget, ErrorLabel]] = {}
        self._descriptions: dict[str, str] = {}
        self._fallback = fallback

    def register(self, field: str, widget: QWidget, label: ErrorLabel) -> None:
        self._fields[field] = (widget, label)
        self._descriptions[field] = widget.accessibleDescription()

    def register_fields(self, fields: Mapping[str, Field]) -> None:
        """Each ``Field`` for the service's name of it (its key)."""
        for key, item in fields.items():
            self.register(key, item.control, item.error)

    def label_for(self, field: str) -> ErrorLabel:
        return self._fields[field][1] if field in self._fields else self._fallback

    def show(self, error: ValidationError) -> None:
        self.clear()
        widget, label = self._fields.get(error.field, (None, self._fallback))
        label.show_message(error.message)
        if widget is None:
            return
        widget.setAccessibleDescription(error.message)
        _reveal(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, message: str) -> None:
        self.clear()
        self._fallback.show_message(message)

    def show_error(self, error: WellbeingError) -> None:
        """A ``ValidationError`` under its field (``show``); any other error's message
        in the form's own error label."""
        if isinstance(error, ValidationError):
            self.show(error)
        else:
            self.show_message(str(error))

    def clear(self) -> None:
        self._fallback.clear_message()
        for field, (widget, label) in self._fields.items():
            label.clear_message()
            widget.setAccessibleDescription(self._descriptions.get(field, ""))

    def visible_message(self) -> str:
        for _widget, label in [*self._fields.values(), (None, self._fallback)]:
            if label.isVisible() or label.text():
                return label.accessibleDescription()
        return ""


def _reveal(widget: QWidget) -> None:
    """Scroll the field into view when the form is in a scroll area."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        scroll = area
        QTimer.singleShot(0, lambda: scroll.ensureWidgetVisible(widget, 40, 40))


class Field(QWidget):
    """A label above its control, and the control's error label below it."""

    def __init__(
        self,
        label: str,
        control: QWidget,
        *,
        note: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.label = QLabel(label)
        self.label.setBuddy(control)
        layout.addWidget(self.label)
        layout.addWidget(control)
        self.note = note_label(note)
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.control = control


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
