"""Date fields typed as people type dates: "03/10/2025" in full, slashes and all, stays in
the field; Tab and Shift+Tab leave it, as in every other field."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from wellbeing_desktop.ui.forms.fields import DateEdit, OptionalDateEdit


@pytest.fixture(params=["required", "optional"])
def form(qtbot, request):  # type: ignore[no-untyped-def]
    window = QWidget()
    before = QLineEdit(window)  # made in this order: the order Tab moves in
    if request.param == "required":
        field: DateEdit = DateEdit("Date completed", window)
        field.set_value(dt.date(2026, 11, 27))
    else:
        field = OptionalDateEdit("Follow-up", window, fallback=dt.date(2026, 11, 27))
    after = QLineEdit(window)
    layout = QVBoxLayout(window)
    for widget in (before, field, after):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window, before, field, after


def type_into(qtbot, before: QLineEdit, field: DateEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tab into the field from the one before it, as a person would, then type."""
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("03/10/2025", dt.date(2025, 10, 3)),
        ("29/02/2024", dt.date(2024, 2, 29)),
        ("15/09/2025", dt.date(2025, 9, 15)),
        ("03102025", dt.date(2025, 10, 3)),  # digits alone still work
        ("3/4/2025", dt.date(2025, 4, 3)),  # a short day or month moves on at the '/'
        ("31/12/2025", dt.date(2025, 12, 31)),
    ],
)
def test_a_date_typed_with_slashes_stays_in_its_field(qtbot, form, typed, expected) -> None:
    _window, before, field, after = form
    type_into(qtbot, before, field, typed)
    assert field.hasFocus(), "typing '/' must not leave the date field"
    assert field.value() == expected
    assert after.text() == ""  # nothing spilled into the next field


def test_tab_and_shift_tab_leave_the_field(qtbot, form) -> None:
    _window, before, field, after = form
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    qtbot.waitUntil(after.hasFocus)
    after_text_before = after.text()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(before.hasFocus)
    assert after.text() == after_text_before == ""


def test_a_slash_after_coming_back_to_the_field_is_not_swallowed(qtbot, form) -> None:
    # "03" moves on to the month by itself; leaving and coming back starts afresh, so the
    # '/' typed then moves on as usual rather than being taken as the one already done.
    _window, before, field, _after = form
    type_into(qtbot, before, field, "03")
    type_into(qtbot, before, field, "/10")
    assert field.value() is not None and field.value().month == 10
